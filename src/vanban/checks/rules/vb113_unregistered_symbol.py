"""VB113 unregistered-symbol: a number the register does not have, one slip away from one it
has."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.dates import as_cited
from vanban.core.identity import days_between, same_numbering


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
        near = [
            row
            for row in register.near(
                reference.number, reference.kind_code, reference.issuer_code, reference.level
            )
            if reference.date is None
            or row.date is None
            or same_numbering(
                context.family(reference),
                reference.year,
                row.date,
                reference.date,
            )
        ]
        if not near:
            continue
        date = reference.date
        near.sort(
            key=lambda r: (r.date != date, days_between(r.date, date) if r.date and date else 0)
        )
        candidates = " / ".join(
            context.say(
                "VB113.candidate",
                symbol=row.symbol,
                dmy=as_cited(row.date) if row.date else "?",
                where=row.place,
            )
            for row in near[:3]
        )
        message = context.say("VB113", symbol=symbol, candidates=candidates)
        context.report_reference(message, source, reference)
        reported.add((source.path or "", symbol.upper()))


RULE = Rule(
    code="VB113",
    name="unregistered-symbol",
    severity="warning",
    summary="not in the register, and a near number is",
    doc=RuleDoc(
        "With --register: a reference in a series the register keeps (the same issuer code) "
        "whose number no register row and no document read has, while a row's number is one "
        "slip away (two neighbouring digits swapped, one dropped or one added) with the "
        "same kind code, committee and a date of the same numbering.",
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
