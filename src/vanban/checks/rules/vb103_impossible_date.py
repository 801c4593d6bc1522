"""VB103 impossible-date: a date after a reference that no calendar has."""

from __future__ import annotations

import regex

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc

# The year slot of a State normative symbol, whatever its digits: "45/25010/NĐ-CP" (a typo in a
# signed document, for 45/2010/NĐ-CP), "30/2020/NĐ-CP". The parser reads a year only when it is
# one (1900 to 2100); anything else in the slot is reported here.
YEAR_SLOT = regex.compile(r"^[0-9]{1,5}[a-z]?/(?P<year>[0-9]{3,8})/")


def _check(context: Context) -> None:
    for source, reference in context.references():
        slot = YEAR_SLOT.match(reference.symbol)
        if slot is not None and reference.year is None:
            message = context.say("VB103.symbol", symbol=reference.symbol, year=slot["year"])
            advice = context.say("VB103.symbol-fix")
            context.report_reference(message, source, reference, advice)
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
        "as 0202; or a year slot of a normative symbol that is no year ('Nghị định số "
        "45/25010/NĐ-CP'). The reference is kept, undated.",
        "An impossible date is a typing slip: the document it names cannot be looked up.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 31/02/2023 của Thị ủy.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 28/02/2023 của Thị ủy.",
    ),
    messages={
        "VB103": "{what}: {written} is not a date",
        "VB103.fix": "check the day, month and year",
        "VB103.symbol": "{symbol}: {year} in the symbol is not a year",
        "VB103.symbol-fix": "check the year between the slashes of the number and symbol",
    },
    check=_check,
)
