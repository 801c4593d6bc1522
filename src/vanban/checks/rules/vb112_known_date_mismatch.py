"""VB112 known-date-mismatch: a date that contradicts the register or the document read."""

from __future__ import annotations

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.dates import as_cited
from vanban.core.identity import days_between, kind_class, may_be_one, same_numbering
from vanban.core.records import Registered
from vanban.register.book import date_contradicts


def _check(context: Context) -> None:
    """Dates that contradict the register's row or the document read, for the same document
    (the same numbering: not a number reused another year or term)."""
    register = context.view.register
    read = context.read
    for source, reference in context.references():
        date = reference.date
        if date is None:
            continue
        wanted = kind_class(reference.kind, reference.kind_code)
        family = context.family(reference)
        rows = (
            register.candidates(
                reference.symbol, reference.kind, reference.kind_code, reference.level
            )
            if register is not None
            else []
        )
        documents = [
            n
            for n in read.get(reference.symbol.upper(), [])
            if may_be_one(reference.level, wanted, n.level, kind_class(n.kind, n.kind_code))
        ]
        if any(r.date == date for r in rows) or any(n.date == date for n in documents):
            continue
        cited = what(reference)
        row = _closest([r for r in rows if date_contradicts(r, family, reference.year, date)], date)
        if row is not None:
            assert row.date is not None
            known_date = row.date
            message = context.say(
                "VB112.register",
                what=cited,
                date=as_cited(date),
                known=as_cited(row.date),
                where=row.place,
            )
        else:
            contradicting = [
                n for n in documents if n.date and same_numbering(n.family, n.year, n.date, date)
            ]
            if not contradicting:
                continue
            known = min(contradicting, key=lambda n: days_between(str(n.date), date))
            known_date = str(known.date)
            message = context.say(
                "VB112.read",
                what=cited,
                date=as_cited(date),
                known=as_cited(known_date),
                where=known.path,
            )
        suggestion = context.say("VB112.fix", dmy=as_cited(known_date))
        context.report_reference(message, source, reference, suggestion)


def _closest(rows: list[Registered], date: str) -> Registered | None:
    dated = [r for r in rows if r.date]
    return min(dated, key=lambda r: days_between(str(r.date), date)) if dated else None


RULE = Rule(
    code="VB112",
    name="known-date-mismatch",
    severity="error",
    summary="a date contradicts the register or the document read",
    doc=RuleDoc(
        "A dated reference to a document the office knows, from its register (--register) "
        "or from the document itself in the archive, with another date. Numbers are reused "
        "each year (State) and each term (Party): a date of another year or term names "
        "another document and is not reported.",
        "A wrong date sends the reader to no document, or to another one; the register "
        "records the date the document was issued.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/8/2023 (the register: 158-KH/TU of 21/7/2023)",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023",
    ),
    messages={
        "VB112.register": (
            "{what} is dated {date} here, but the register dates it {known} ({where})"
        ),
        "VB112.read": (
            "{what} is dated {date} here, but the document itself ({where}) is dated {known}"
        ),
        "VB112.fix": (
            'write the date it was issued, "ngày {dmy}", or the number of the document meant'
        ),
    },
    check=_check,
)
