"""Rebuild parsed documents from the sources of a graph, so ``--update`` keeps them unread."""

from __future__ import annotations

import functools

from vanban.core.errors import GraphFormatError
from vanban.core.records import (
    Identity,
    ParsedDocument,
    Reference,
    ShortReference,
    Source,
    Symbol,
)
from vanban.core.symbols import SYMBOL, make_symbol


@functools.lru_cache(maxsize=65536)
def symbol_from_text(canonical: str) -> Symbol | None:
    """Parse a canonical symbol ("155-KH/TU", "30/2020/NĐ-CP") back into its parts."""
    match = SYMBOL.fullmatch(canonical)
    return make_symbol(match) if match else None


def _symbol(canonical: str, where: str) -> Symbol:
    symbol = symbol_from_text(canonical)
    if symbol is None:
        raise GraphFormatError(
            "{where}: {canonical!r} is not a document symbol", where=where, canonical=canonical
        )
    return symbol


def document_from_source(source: Source, where: str) -> ParsedDocument:
    """The :class:`ParsedDocument` a graph's source was written from."""
    identity = Identity(
        kind=source.kind,
        symbol=_symbol(source.symbol, where) if source.symbol else None,
        date=source.date,
        issuer=source.issuer,
        term=source.term,
        title=source.title,
        place=source.place,
        blank_number=source.blank_number,
        localities=tuple(source.localities),
    )
    references = tuple(
        Reference(
            text=r.text,
            kind=r.kind,
            symbol=_symbol(r.symbol, where),
            date=r.date,
            issuer=r.issuer,
            term=r.term,
            level=r.level,
            line=r.line,
            column=r.column,
            section=r.section,
            footnote=r.footnote,
            start=index,
            end=index,
            context=r.context,
            date_written=r.date_written,
            where=r.where,
            end_line=r.end_line,
            end_column=r.end_column,
        )
        for index, r in enumerate(source.references)
    )
    first_of: dict[str, int] = {}
    for index, r in enumerate(source.references):
        first_of.setdefault(r.target, index)
    shorts = tuple(
        ShortReference(
            s.text,
            s.kind,
            s.line,
            s.footnote,
            refers_to=first_of.get(s.target) if s.target is not None else None,
        )
        for s in source.short_references
    )
    for relation in source.relations:
        if not (-1 <= relation.source < len(references) and 0 <= relation.target < len(references)):
            raise GraphFormatError(
                "{where}: relation {relation} names no reference", where=where, relation=relation
            )
    return ParsedDocument(
        path=source.path,
        identity=identity,
        references=references,
        short_references=shorts,
        footnotes=tuple(source.footnotes),
        relations=tuple(source.relations),
        content_hash=source.sha256,
        malformed=tuple(source.malformed),
    )
