"""VB106 symbol-year-mismatch: a State normative symbol's year differs from its date."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    for source, reference in context.references():
        date, year = reference.date, reference.year
        if date and year is not None and str(year) != date[:4]:
            message = context.say("VB106", symbol=reference.symbol, year=year, date=date)
            context.report_reference(message, source, reference)


RULE = Rule(
    code="VB106",
    name="symbol-year-mismatch",
    severity="error",
    summary="a normative symbol's year differs from its date",
    doc=RuleDoc(
        "A State normative symbol carries its year; the date must be of that year.",
        "The year in the symbol and the date disagree: one of them names another document.",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2021 của Chính phủ;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;",
    ),
    messages={
        "VB106": "{symbol} carries the year {year} but is dated {date}",
        "VB106.fix": "check the year in the symbol or the date",
    },
    check=_check,
)
