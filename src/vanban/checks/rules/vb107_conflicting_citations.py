"""VB107 conflicting-citations: one document cited with two dates or two kinds."""

from __future__ import annotations

from collections import defaultdict

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.identity import kind_class, may_be_one, same_numbering
from vanban.core.records import Citation, DocumentNode


def _check(context: Context) -> None:
    _dates(context)
    _kinds(context)


def _dates(context: Context) -> None:
    """Two dated documents with one symbol that are one document cited two ways."""
    documents = context.view.documents
    by_symbol: dict[str, list[str]] = defaultdict(list)
    for key, node in documents.items():
        if node.symbol and node.date and (node.citations or node.in_corpus):
            by_symbol[node.symbol.upper()].append(key)
    for keys in by_symbol.values():
        for index, earlier in enumerate(keys):
            for second in keys[index + 1 :]:
                a, b = documents[earlier], documents[second]
                if not _same_series(a, b):
                    continue
                dates = ", ".join(sorted({str(a.date), str(b.date)}))
                for occurrence in context.view.occurrences.get(second, [])[:1]:
                    message = context.say("VB107.dates", symbol=a.symbol, dates=dates)
                    context.report(
                        message,
                        occurrence.path,
                        occurrence.line,
                        a.symbol,
                        occurrence.footnote,
                        context.say("VB107.fix"),
                        occurrence.text,
                        occurrence.where,
                    )


def _same_series(a: DocumentNode, b: DocumentNode) -> bool:
    """Whether two dated nodes with one symbol are one document cited two ways."""
    if not may_be_one(
        a.level, kind_class(a.kind, a.kind_code), b.level, kind_class(b.kind, b.kind_code)
    ):
        return False
    assert a.date is not None and b.date is not None
    return same_numbering(a.family, a.year, a.date, b.date)


def _kinds(context: Context) -> None:
    """One symbol and date cited as two kinds in one file (a bare Party QĐ aside: it is a
    Quyết định or a Quy định)."""
    for source in context.view.sources:
        kinds: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        first: dict[tuple[str, str | None], Citation] = {}
        for reference in source.references:
            if reference.kind:
                pair = (reference.symbol.upper(), reference.date)
                kinds[pair].add(reference.kind)
                first.setdefault(pair, reference)
        for pair, names in kinds.items():
            code = (first[pair].kind_code or "").upper()
            if len(names) > 1 and not (code == "QĐ" and pair[1] is None):
                reference = first[pair]
                message = context.say(
                    "VB107.kinds",
                    symbol=reference.symbol,
                    date=pair[1] or "?",
                    kinds=" / ".join(sorted(names)),
                )
                context.report_reference(message, source, reference)


RULE = Rule(
    code="VB107",
    name="conflicting-citations",
    severity="warning",
    summary="one document cited with two dates or kinds",
    doc=RuleDoc(
        "One document cited with two dates or two kinds. Administrative numbers restart "
        "each year and Party numbers each term, so dates a year or a congress apart are two "
        "documents, not a conflict; 124-QĐ/TW as a Quyết định and as a Quy định are two.",
        "The same document written two ways leaves the reader unsure which is right.",
        "Quyết định số 2862/QĐ-UBND ngày 5/3/2018 và Quyết định số 2862/QĐ-UBND ngày 9/3/2018",
        "Quyết định số 2862/QĐ-UBND ngày 5/3/2018",
    ),
    messages={
        "VB107.dates": "{symbol} is cited with the dates {dates}",
        "VB107.kinds": "{symbol} of {date} is cited as {kinds}",
        "VB107.fix": "use one date and kind for one document",
    },
    check=_check,
)
