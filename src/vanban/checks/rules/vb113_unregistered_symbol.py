"""VB113 unregistered-symbol: a number the register does not have, one slip away from one it
has."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.dates import as_cited
from vanban.core.identity import days_between, same_numbering
from vanban.register.book import row_year


def _check(context: Context) -> None:
    register = context.register
    codes = register.issuer_codes()
    read = context.read
    reported: set[tuple[str, str]] = set()
    for source, reference in context.references():
        symbol = reference.symbol
        if (reference.issuer_code or "").upper() not in codes:
            continue
        if register.by_symbol.get(symbol.upper()) or read.get(symbol.upper()):
            continue
        if (source.path or "", symbol.upper()) in reported:
            continue
        family = context.family(reference)
        year = _numbering_year(family, reference.year, reference.date)
        near = [
            (row, row_symbol)
            for row, row_symbol in register.near(
                reference.number,
                reference.kind_code,
                reference.issuer_code,
                reference.level,
                year,
            )
            if reference.date is None
            or row.date is None
            or same_numbering(family, reference.year, row.date, reference.date)
        ]
        # State numbers restart each year: a row of the reference's own year is the one meant
        # when there is one, and rows of other years are not offered beside it.
        same_year = [(r, s) for r, s in near if year is not None and row_year(r, s) == year]
        chosen = [r for r, _ in (same_year or near)]
        if not chosen:
            continue
        date = reference.date
        chosen.sort(
            key=lambda r: (r.date != date, days_between(r.date, date) if r.date and date else 0)
        )
        candidates = " / ".join(
            context.say(
                "VB113.candidate",
                symbol=row.symbol,
                dmy=as_cited(row.date) if row.date else "?",
                where=row.place,
            )
            for row in chosen[:3]
        )
        message = context.say("VB113", symbol=symbol, candidates=candidates)
        # A guess: applied only with --unsafe-fixes, and only when one row is offered.
        fix = None
        if len(chosen) == 1 and symbol in reference.text:
            fix = reference.text.replace(symbol, chosen[0].symbol, 1)
        context.report_reference(message, source, reference, fix=fix)
        reported.add((source.path or "", symbol.upper()))


def _numbering_year(family: str | None, year: int | None, date: str | None) -> int | None:
    """The year a State number was given in: the one in its symbol, or of its date."""
    if year is not None:
        return year
    if family == "state" and date:
        return int(date[:4])
    return None


RULE = Rule(
    code="VB113",
    name="unregistered-symbol",
    severity="warning",
    summary="not in the register, and a near number is",
    doc=RuleDoc(
        "With --register: a reference in a series the register keeps (the same issuer code; "
        "a công văn's series is its issuer code alone) whose number no register row and no "
        "document read has, while a row's number is one slip away (two neighbouring digits "
        "swapped, one dropped or one added; within the same year, one digit typed for "
        "another) with the same kind code, committee and a date of the same numbering. State "
        "numbers restart each year: rows of the reference's year are offered first, and "
        "alone when there are any.",
        "A mistyped number cites a document that does not exist; the register shows the one "
        "that was probably meant.",
        "Thực hiện Kế hoạch số 135-KH/TU, ngày 05/5/2023 (the register: 153-KH/TU of 05/5/2023)",
        "Thực hiện Kế hoạch số 153-KH/TU, ngày 05/5/2023",
    ),
    messages={
        "VB113": "{symbol} is not in the register; did you mean {candidates}?",
        "VB113.candidate": "{symbol} ({dmy}, {where})",
        "VB113.fix": "check the number against the register",
    },
    check=_check,
    needs_register=True,
)
