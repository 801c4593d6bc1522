"""VB105 cited-after-citing: a cited document dated after the document that cites it."""

from __future__ import annotations

import datetime

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    today = datetime.date.today().isoformat()
    reported: set[tuple[str | None, str]] = set()  # once per document per file
    for source, reference in context.references():
        own, date, year = source.date, reference.date, reference.year
        if (source.path, reference.target) in reported:
            continue
        if own and date and date > own:
            message = context.say("VB105", what=what(reference), date=date, own=own)
        elif own and year is not None and not date and year > int(own[:4]):
            message = context.say("VB105.year", symbol=reference.symbol, year=year, own=own)
        elif not own and date and date > today:
            message = context.say("VB105.future", what=what(reference), date=date)
        else:
            continue
        context.report_reference(message, source, reference)
        reported.add((source.path, reference.target))


RULE = Rule(
    code="VB105",
    name="cited-after-citing",
    severity="warning",
    summary="a cited document is dated after the citing one",
    doc=RuleDoc(
        "A cited document dated after the document that cites it, or whose symbol carries a "
        "later year; in a document whose own date is not known, a cited date still to come. "
        "Reported once per document per file.",
        "A document cannot cite one issued later: one of the two dates is wrong.",
        "(a conclusion of 08/12/2023) theo Kế hoạch số 190-KH/TU, ngày 20/12/2023 của Thị ủy.",
        "(a conclusion of 08/12/2023) theo Kế hoạch số 190-KH/TU, ngày 20/11/2023 của Thị ủy.",
    ),
    messages={
        "VB105": "{what} is dated {date}, after this document ({own})",
        "VB105.fix": "check the date",
        "VB105.year": "{symbol} carries the year {year}, after this document ({own})",
        "VB105.future": "{what} is dated {date}, a date still to come",
    },
    check=_check,
)
