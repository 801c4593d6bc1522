"""VB103 impossible-date: a date after a reference that no calendar has."""

from __future__ import annotations

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    for source, reference in context.references():
        if reference.date_written and not reference.date:
            message = context.say("VB103", what=what(reference), written=reference.date_written)
            context.report_reference(message, source, reference)


RULE = Rule(
    code="VB103",
    name="impossible-date",
    severity="error",
    summary="a date that no calendar has",
    doc=RuleDoc(
        "A date after a reference that no calendar has: 31/02/2023, month 13, a year such "
        "as 0202. The reference is kept, undated.",
        "An impossible date is a typing slip: the document it names cannot be looked up.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 31/02/2023 của Thị ủy.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 28/02/2023 của Thị ủy.",
    ),
    messages={
        "VB103": "{what}: {written} is not a date",
        "VB103.fix": "check the day, month and year",
    },
    check=_check,
)
