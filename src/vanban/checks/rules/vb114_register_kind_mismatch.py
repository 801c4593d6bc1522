"""VB114 register-kind-mismatch: the kind written against the kind the register records for
the same document."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.identity import levels_agree


def _check(context: Context) -> None:
    register = context.register
    for source, reference in context.references():
        if not reference.kind:
            continue
        rows = [
            r
            for r in register.by_symbol.get(reference.symbol.upper(), [])
            if r.kind
            and levels_agree(reference.level, r.level)
            and (reference.date is None or r.date in (None, reference.date))
        ]
        if not rows or len({r.kind for r in rows}) > 1 or reference.kind == rows[0].kind:
            continue
        if reference.date is None and len(rows) > 1:
            continue
        row = rows[0]
        message = context.say(
            "VB114", symbol=reference.symbol, kind=reference.kind, known=row.kind, where=row.place
        )
        suggestion = context.say("VB114.fix", known=row.kind, symbol=reference.symbol)
        context.report_reference(message, source, reference, suggestion)


RULE = Rule(
    code="VB114",
    name="register-kind-mismatch",
    severity="warning",
    summary="the kind word contradicts the register",
    doc=RuleDoc(
        "With --register: the kind word of a reference contradicts the kind the register "
        "records for that document (its kind column, or the kind its summary opens with). A "
        "Party QĐ is a Quyết định or a Quy định: only the register can tell.",
        "The kind is part of how a document is named; a Quy định cited as a Quyết định "
        "points the reader to a document that does not exist.",
        "Quy định số 671-QĐ/TU, ngày 09/02/2022 (the register: Quyết định 671-QĐ/TU)",
        "Quyết định số 671-QĐ/TU, ngày 09/02/2022",
    ),
    messages={
        "VB114": (
            "{symbol} is cited as a {kind}, but the register lists it as a {known} ({where})"
        ),
        "VB114.fix": 'write "{known} số {symbol}"',
    },
    check=_check,
    needs_register=True,
)
