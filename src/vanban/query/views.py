"""Questions asked of a graph: which documents, where cited, what implements what.

Each is written once against :class:`~vanban.query.view.View`, so a graph file (through its
index) and documents parsed on the fly are queried the same way.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from vanban.core.bodies import too_vague
from vanban.core.errors import InputError
from vanban.core.records import DocumentNode, Registered, Source, many_records, to_dict
from vanban.core.vocabulary import KIND_ABBREVIATIONS, KIND_BY_FOLDED, KIND_WORDS_MOST, fold_words
from vanban.query.view import ListFilter, View
from vanban.storage.database import CitedDocument, ListRow, Occurrence, lookup_key

_K = TypeVar("_K", bound=Hashable)


# --- resolving loose ids ---------------------------------------------------------------

_TOKEN = regex.compile(r"\d+[a-z]?|[^\W\d_]+")


def _kinds_named(tokens: list[str]) -> tuple[set[str], list[str]]:
    """The kinds whose names the words of a loose id spell, longest name first ("ke hoach
    lien tich 3"), and the words left."""
    kinds: set[str] = set()
    left: list[str] = []
    at = 0
    while at < len(tokens):
        for size in range(min(KIND_WORDS_MOST, len(tokens) - at), 0, -1):
            kind = KIND_BY_FOLDED.get(" ".join(tokens[at : at + size]))
            if kind is not None:
                kinds.add(kind.name)
                at += size
                break
        else:
            left.append(tokens[at])
            at += 1
    return kinds, left


def _abbreviates(word: str, kind: str | None) -> bool:
    """Whether a folded word is the abbreviation written for ``kind`` ("cv" for Công văn, "qd"
    for Quyết định), as people type it for a document whose symbol has no such code
    ("cv 2769" for 2769/UBND-NCKSTTHC)."""
    return kind is not None and any(
        fold_words(short) == word and name == kind for short, name in KIND_ABBREVIATIONS.items()
    )


def resolve(view: View, query: str) -> list[str]:
    """Ids of the documents ``query`` can name: "155-KH/TU", "KH 155", "kế hoạch 155"."""
    query = unicodedata.normalize("NFC", query)
    if view.document(query) is not None:
        return [query]
    named = view.alias_of(query)
    if named is not None:
        return [named]
    exact = view.ids_by_key(lookup_key(query))
    if exact:
        return sorted(exact)
    kinds, tokens = _kinds_named(_TOKEN.findall(fold_words(query)))
    numbers = [t for t in tokens if t[0].isdigit()]
    words = [t for t in tokens if not t[0].isdigit() and t not in ("so", "nam")]  # số, năm
    if not numbers:
        return []
    found = []
    for node in view.numbered(numbers[0]):
        if kinds and node.kind not in kinds:
            continue
        codes = {fold_words(node.kind_code or "")}
        codes |= {fold_words(p) for p in regex.split(r"[-/.]", node.issuer_code or "")}
        years = {numbers[1]} if len(numbers) > 1 else set()
        year_matches = str(node.year) in years or (node.date or "").startswith(tuple(years))
        if years and not year_matches:
            continue
        if all(word in codes or _abbreviates(word, node.kind) for word in words):
            found.append(node.id)
    return sorted(found)


# --- list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRow:
    id: str
    symbol: str | None
    kind: str | None
    date: str | None
    issuer: str | None
    """The issuer as the document's header or the first reference naming it writes it."""
    citations: int
    citing_documents: int
    in_corpus: bool
    title: str | None = None
    """The document's title (trích yếu): from its own text when it was read, else from the
    register."""
    title_from: str | None = None
    """Where the title comes from: ``document``, or the register row (``so-dang-ky.xlsx:7``)."""
    body: str | None = None
    """The canonical body that issued it (:attr:`DocumentNode.body`), one name however written."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "kind": self.kind,
            "date": self.date,
            "issuer": self.issuer,
            "body": self.body,
            "citations": self.citations,
            "citing_documents": self.citing_documents,
            "in_corpus": self.in_corpus,
            "title": self.title,
            "title_from": self.title_from,
        }


_LEADING_NUMBER = regex.compile(r"\d+")


def symbol_order(symbol: str | None, key: str) -> tuple[str, int, str]:
    """How documents are listed: kind and issuer code first, then the number as a number
    (5-KH/TU before 12-KH/TU), then the id."""
    symbol = symbol or key
    number = _LEADING_NUMBER.match(symbol)
    tail = symbol[number.end() :] if number else symbol
    return (tail.upper(), int(number.group()) if number else 0, key)


def _symbol_sort_key(row: DocumentRow) -> tuple[str, int, str]:
    return symbol_order(row.symbol, row.id)


def resolve_one(view: View, query: str) -> str:
    """The id of the one document ``query`` names; :class:`AmbiguousId` when not one."""
    matches = resolve(view, query)
    if len(matches) != 1:
        raise AmbiguousId(query, matches)
    return matches[0]


@many_records()
def list_documents(view: View, rules: ListFilter, sort: str = "symbol") -> list[DocumentRow]:
    """The documents that match ``rules``, sorted by ``symbol``, ``date`` or ``citations``."""
    if rules.issuer and (names := too_vague(rules.issuer)):
        raise InputError(
            "--issuer {value!r} only begins bodies' names ({names}): write more of the name",
            value=rules.issuer,
            names=", ".join(names[:4]) + (", ..." if len(names) > 4 else ""),
        )
    keep: set[str] | None = None
    if rules.cited_by:
        citing = resolve_one(view, rules.cited_by)
        keep = {e.target for e in view.outgoing(citing) if e.relation == "cites"}
    if rules.cites:
        cited = view.document(resolve_one(view, rules.cites))
        keep_cites = set(cited.cited_by) if cited else set()
        keep = keep_cites if keep is None else keep & keep_cites
    in_footnotes = view.cited_in_footnotes() if rules.in_footnotes else None
    rows = [
        DocumentRow(
            id=row.id,
            symbol=row.symbol,
            kind=row.kind,
            date=row.date,
            issuer=row.issuer,
            body=row.body,
            citations=row.citations,
            citing_documents=row.citing_documents,
            in_corpus=row.in_corpus,
            **_title(view, row),
        )
        for row in view.list_rows(rules, keep)
        if rules.keeps(row, keep) and (in_footnotes is None or row.id in in_footnotes)
    ]
    if sort == "date":
        rows.sort(key=lambda r: (r.date is None, r.date or "", _symbol_sort_key(r)))
    elif sort == "citations":
        rows.sort(key=lambda r: (-r.citations, _symbol_sort_key(r)))
    else:
        rows.sort(key=_symbol_sort_key)
    return rows


def register_row(view: View, node: DocumentNode | ListRow) -> Registered | None:
    """The register row that lists a document: from the register given, else the one the
    graph recorded when it was made."""
    found = None
    if view.register is not None:
        found = view.register.entry_for(
            node.symbol, node.kind, node.kind_code, node.level, node.date
        )
    return found or node.registered


def _title(view: View, row: ListRow) -> dict[str, str | None]:
    if row.title:
        return {"title": row.title, "title_from": "document"}
    entry = register_row(view, row)
    if entry is not None and entry.title:
        return {"title": entry.title, "title_from": entry.place}
    return {"title": None, "title_from": None}


class AmbiguousId(InputError):
    """A loose id that names no document, or several."""

    def __init__(self, query: str, matches: list[str]) -> None:
        self.query = query
        self.matches = matches
        if matches:
            super().__init__(
                "{query!r} matches {count} documents: {ids}; give one of these ids",
                query=query,
                count=len(matches),
                ids=", ".join(matches),
            )
        else:
            super().__init__(
                "no document matches {query!r}; try `vanban list` to see the ids", query=query
            )


# --- show ------------------------------------------------------------------------------


CHAIN_DEPTH = 40
"""How many steps of an implementation chain ``show`` follows."""


@dataclass
class Chain:
    """A document and what it implements (upward) or what implements it (downward).

    Each document is followed once: where a chain meets one it has shown already (plans that
    implement the same two conclusions), it stands there with ``shown_above``.
    """

    id: str
    children: list[Chain] = field(default_factory=list)
    shown_above: bool = False
    cut: bool = False
    """The chain goes on past :data:`CHAIN_DEPTH` steps."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "children": [c.to_dict() for c in self.children]}
        if self.shown_above:
            data["shown_above"] = True
        if self.cut:
            data["cut"] = True
        return data


def _chain(view: View, start: str, upward: bool) -> Chain:
    """The chain from ``start``, depth first, without recursion on the graph's data."""
    root = Chain(start)
    expanded = {start}
    stack: list[tuple[Chain, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        edges = view.outgoing(node.id) if upward else view.incoming(node.id)
        nexts = sorted(
            {e.target if upward else e.source for e in edges if e.relation == "implements"}
            - {node.id}
        )
        if nexts and depth >= CHAIN_DEPTH:
            node.cut = True
            continue
        for other in nexts:
            child = Chain(other, shown_above=other in expanded)
            node.children.append(child)
            if not child.shown_above:
                expanded.add(other)
        stack.extend((c, depth + 1) for c in reversed(node.children) if not c.shown_above)
    return root


@dataclass(frozen=True)
class Shown:
    """Everything the graph knows of one document."""

    id: str
    document: DocumentNode
    cited_at: list[Occurrence]
    cites: list[str]
    relations: list[tuple[str, str]]
    """(relation, target) the document states of another."""
    related_by: list[tuple[str, str]]
    """(relation, source) another document states of it."""
    implements: list[Chain]
    implemented_by: list[Chain]
    same_symbol: list[str]
    """Other documents with the same symbol (numbers restart; see docs/schema.md)."""
    registered: Registered | None = None
    """The register row that lists it (title, date, issuer, signer as the office recorded)."""
    versions: list[Source] = field(default_factory=list)
    """The files read as its versions (the same number, another content), when there are
    several; the first is the node's file."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": to_dict(self.document),
            "cited_at": [
                {
                    "path": o.path,
                    "line": o.line,
                    "column": o.column,
                    "text": o.text,
                    "sentence": o.context,
                    "footnote": o.footnote,
                    "where": o.where,
                    "by": o.source,
                }
                for o in self.cited_at
            ],
            "cites": self.cites,
            "relations": [{"relation": r, "target": t} for r, t in self.relations],
            "related_by": [{"relation": r, "source": s} for r, s in self.related_by],
            "implements": [c.to_dict() for c in self.implements],
            "implemented_by": [c.to_dict() for c in self.implemented_by],
            "same_symbol": self.same_symbol,
            "registered": to_dict(self.registered) if self.registered else None,
            "versions": [
                {"path": v.path, "date": v.date, "references": len(v.references)}
                for v in self.versions
            ],
        }


def show(view: View, query: str) -> Shown:
    """Everything the graph knows of one document, found by a loose id."""
    key = resolve_one(view, query)
    node = view.document(key)
    assert node is not None
    occurrences = sorted(view.occurrences_of(key), key=lambda o: (o.path or "", o.line))
    outgoing, incoming = view.outgoing(key), view.incoming(key)
    relations = sorted((e.relation, e.target) for e in outgoing if e.relation != "cites")
    related_by = sorted((e.relation, e.source) for e in incoming if e.relation != "cites")
    symbol = (node.symbol or "").upper()
    return Shown(
        id=key,
        document=node,
        cited_at=occurrences,
        cites=sorted({e.target for e in outgoing if e.relation == "cites"}),
        relations=list(dict.fromkeys(relations)),
        related_by=list(dict.fromkeys(related_by)),
        implements=_chain(view, key, upward=True).children,
        implemented_by=_chain(view, key, upward=False).children,
        same_symbol=[other for other in view.with_symbol(symbol) if other != key] if symbol else [],
        registered=register_row(view, node),
        versions=_versions(view, key),
    )


def _versions(view: View, key: str) -> list[Source]:
    """The versions a document was read in, when it was read in several."""
    versions = [s for s in view.sources_of(key) if not s.copy_of]
    return versions if len(versions) > 1 else []


# --- stats -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    """Counts by kind, issuer and year; the most cited documents; the undated share."""

    sources: int
    documents: int
    cited_documents: int
    references: int
    undated_references: int
    undated_share: float
    """Of the references, rounded to 4 places."""
    by_kind: dict[str, int]
    """The cited documents by kind, the most first (then by name)."""
    by_issuer: dict[str, int]
    """The cited documents by issuer code and committee level, the most first."""
    by_body: dict[str, int]
    """The cited documents by canonical body, one entry per body whatever its spellings, the
    most first."""
    by_year: dict[str, int]
    """The cited documents by year (:attr:`DocumentNode.year_of`), in order of years."""
    most_cited: list[CitedDocument]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "documents": self.documents,
            "cited_documents": self.cited_documents,
            "references": self.references,
            "undated_references": self.undated_references,
            "undated_share": self.undated_share,
            "by_kind": self.by_kind,
            "by_issuer": self.by_issuer,
            "by_body": self.by_body,
            "by_year": self.by_year,
            "most_cited": [{"id": c.id, "citations": c.citations} for c in self.most_cited],
        }


UNDATED, UNKNOWN_KIND, NO_ISSUER_CODE = "(undated)", "(unknown)", "(none)"
STATS_PLACEHOLDERS = (UNDATED, UNKNOWN_KIND, NO_ISSUER_CODE)
"""What stats counts documents under when they have no year, kind or issuer code."""


def stats(view: View, top: int = 10) -> Stats:
    """Counts by kind, issuer and year; the most cited documents; the undated share."""
    tally = view.cited_tally()
    counted = view.reference_count()
    return Stats(
        sources=view.source_count(),
        documents=view.document_count(),
        cited_documents=sum(tally.kinds.values()),
        references=counted.references,
        undated_references=counted.undated,
        undated_share=(
            round(counted.undated / counted.references, 4) if counted.references else 0.0
        ),
        by_kind=_most_first(_labelled(tally.kinds, lambda kind: kind or UNKNOWN_KIND)),
        by_issuer=_most_first(_labelled(tally.issuers, _issuer_label)),
        by_body=_most_first(_labelled(tally.bodies, lambda body: body or UNKNOWN_KIND)),
        by_year=dict(sorted(_labelled(tally.years, lambda year: str(year or UNDATED)).items())),
        most_cited=view.most_cited(top),
    )


def _labelled(counts: Counter[_K], label: Callable[[_K], str]) -> Counter[str]:
    """``counts`` under their labels (several values can have one label)."""
    found: Counter[str] = Counter()
    for value, count in counts.items():
        found[label(value)] += count
    return found


def _issuer_label(key: tuple[str | None, str | None]) -> str:
    code, level = key
    return (code or NO_ISSUER_CODE) + (f" ({level})" if level else "")


def _most_first(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
