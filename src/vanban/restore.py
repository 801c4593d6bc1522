"""Rebuild parsed documents from the ``sources`` of a graph, so ``--update`` keeps them."""

from __future__ import annotations

from typing import Any

from .errors import GraphFormatError
from .model import (
    Footnote,
    Identity,
    Malformed,
    ParsedDocument,
    Reference,
    Relation,
    ShortReference,
    Symbol,
)
from .patterns import SYMBOL
from .references import make_symbol


def symbol_from_text(canonical: str) -> Symbol | None:
    """Parse a canonical symbol ("155-KH/TU", "30/2020/NĐ-CP") back into its parts."""
    match = SYMBOL.fullmatch(canonical)
    return make_symbol(match) if match else None


def _symbol(canonical: Any, where: str) -> Symbol:
    symbol = symbol_from_text(str(canonical))
    if symbol is None:
        raise GraphFormatError(f"{where}: {canonical!r} is not a document symbol")
    return symbol


def document_from_source(source: dict[str, Any], where: str) -> ParsedDocument:
    """The :class:`ParsedDocument` a ``sources[]`` entry was written from."""
    try:
        own = source.get("symbol")
        identity = Identity(
            kind=source.get("kind"),
            symbol=_symbol(own, where) if own else None,
            date=source.get("date"),
            issuer=source.get("issuer"),
            term=source.get("term"),
            title=source.get("title"),
            place=source.get("place"),
        )
        references = tuple(
            Reference(
                text=r["text"],
                kind=r.get("kind"),
                kind_as_written=None,
                symbol=_symbol(r["symbol"], where),
                date=r.get("date"),
                issuer=r.get("issuer"),
                term=r.get("term"),
                level=r.get("level"),
                line=int(r["line"]),
                section=r.get("section"),
                footnote=r.get("footnote"),
                start=index,
                end=index,
                context=r.get("context") or "",
                date_written=r.get("date_written"),
                where=r.get("where"),
            )
            for index, r in enumerate(source.get("references") or [])
        )
        footnotes = tuple(
            Footnote(
                int(f["number"]),
                str(f.get("marker", "")),
                f.get("text") or "",
                f.get("line"),
                f.get("body_line"),
            )
            for f in source.get("footnotes") or []
        )
        shorts = tuple(
            ShortReference(
                s["text"],
                s["kind"],
                int(s["line"]),
                s.get("footnote"),
                refers_to=_index_of(source, s.get("target")),
            )
            for s in source.get("short_references") or []
        )
        relations = tuple(
            Relation(int(r["source"]), int(r["target"]), str(r["relation"]), int(r["line"]))
            for r in source.get("relations") or []
        )
        malformed = tuple(
            Malformed(m["text"], m["reason"], int(m["line"]), m.get("footnote"))
            for m in source.get("malformed") or []
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise GraphFormatError(f"{where}: malformed source entry ({error})") from None
    return ParsedDocument(
        path=source.get("path"),
        identity=identity,
        references=references,
        short_references=shorts,
        footnotes=footnotes,
        relations=relations,
        content_hash=source.get("sha256"),
        malformed=malformed,
    )


def _index_of(source: dict[str, Any], target: Any) -> int | None:
    """Index of the first reference of ``source`` that names ``target``."""
    if target is None:
        return None
    for index, reference in enumerate(source.get("references") or []):
        if reference.get("target") == target:
            return index
    return None
