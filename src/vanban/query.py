"""Questions asked of a graph: which documents, where cited, what implements what.

Everything here reads the graph as written (the dict of :mod:`vanban.io`), so a graph file
and documents parsed on the fly are queried the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from .errors import InputError
from .index import index_paths
from .io import Sources, load_graph_parts
from .normalize import fold_words
from .patterns import KIND_BY_FOLDED, KIND_FOLDED_ALT

GRAPH_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Occurrence:
    """One place a document is cited."""

    source: str
    """Id of the citing document."""
    path: str | None
    line: int
    text: str
    context: str
    footnote: int | None
    date: str | None
    where: str | None = None


def _occurrences(sources: list[dict[str, Any]]) -> dict[str, list[Occurrence]]:
    found: dict[str, list[Occurrence]] = {}
    for source in sources:
        for reference in source.get("references") or []:
            found.setdefault(reference["target"], []).append(
                Occurrence(
                    source=source["id"],
                    path=source.get("path"),
                    line=int(reference["line"]),
                    text=reference.get("text") or "",
                    context=reference.get("context") or "",
                    footnote=reference.get("footnote"),
                    date=reference.get("date"),
                    where=reference.get("where"),
                )
            )
    return found


class GraphView:
    """A loaded graph with the indexes the queries need, built when first asked for.

    ``sources`` (the bulk of a graph) may be given as a function that loads them, so that
    the commands that need only documents and edges (``list``, ``graph``) do not read them.
    """

    def __init__(self, data: dict[str, Any], sources: Sources | None = None) -> None:
        self._data = data
        self._sources = sources

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = self._data["documents"]
        return result

    @property
    def edges(self) -> list[dict[str, Any]]:
        return list(self._data.get("edges") or [])

    @cached_property
    def sources(self) -> list[dict[str, Any]]:
        if self._sources is not None:
            return self._sources.all()
        return list(self._data.get("sources") or [])

    def occurrences_of(self, key: str) -> list[Occurrence]:
        """Where one document is cited, reading only the sources that cite it."""
        if self._sources is None or "sources" in self.__dict__:
            return self.occurrences.get(key, [])
        citing = list(self.documents.get(key, {}).get("cited_by") or [])
        return _occurrences(self._sources.some(citing)).get(key, [])

    @property
    def data(self) -> dict[str, Any]:
        """The whole graph, sources included."""
        return {**self._data, "sources": self.sources}

    @cached_property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return _occurrences(self.sources)

    @cached_property
    def outgoing(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for edge in self.edges:
            found.setdefault(edge["source"], []).append(edge)
        return found

    @cached_property
    def incoming(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for edge in self.edges:
            found.setdefault(edge["target"], []).append(edge)
        return found


def load_view(
    paths: Iterable[str | Path], workers: int | None = None
) -> tuple[GraphView, list[str]]:
    """A graph file, or documents and folders parsed on the fly; and what was skipped."""
    items = [Path(p) for p in paths]
    if len(items) == 1 and items[0].suffix.lower() in GRAPH_SUFFIXES and not items[0].is_dir():
        core, sources = load_graph_parts(items[0])
        return GraphView(core, sources), []
    if not items:
        raise InputError("no graph or documents given")
    graphs = [p for p in items if p.suffix.lower() in GRAPH_SUFFIXES and not p.is_dir()]
    if graphs:
        raise InputError(f"{graphs[0]}: give one graph file, or documents and folders, not both")
    result = index_paths(items, workers)
    return GraphView(result.graph.to_dict()), result.skipped


# --- resolving loose ids ---------------------------------------------------------------

_TOKEN = regex.compile(r"\d+[a-z]?|[^\W\d_]+")
_KIND_IN_QUERY = regex.compile(r"(?<![\p{L}])(?:" + KIND_FOLDED_ALT + r")(?![\p{L}])")


def resolve(view: GraphView, query: str) -> list[str]:
    """Ids of the documents ``query`` can name: "155-KH/TU", "KH 155", "kế hoạch 155"."""
    documents = view.documents
    if query in documents:
        return [query]
    wanted = fold_words(query).replace(" ", "")
    exact = [
        key
        for key, node in documents.items()
        if fold_words(key).replace(" ", "") == wanted
        or fold_words(node.get("symbol") or "").replace(" ", "") == wanted
    ]
    if exact:
        return sorted(exact)
    folded = fold_words(query)
    kinds = {KIND_BY_FOLDED[m.group()].name for m in _KIND_IN_QUERY.finditer(folded)}
    tokens = _TOKEN.findall(_KIND_IN_QUERY.sub(" ", folded))
    numbers = [t for t in tokens if t[0].isdigit()]
    words = [t for t in tokens if not t[0].isdigit() and t != "so"]
    if not numbers:
        return []
    number = numbers[0].lstrip("0") or "0"
    found = []
    for key, node in documents.items():
        if (str(node.get("number") or "").lstrip("0") or "0") != number:
            continue
        if kinds and node.get("kind") not in kinds:
            continue
        codes = {fold_words(node.get("kind_code") or "")}
        codes |= {fold_words(p) for p in regex.split(r"[-/.]", node.get("issuer_code") or "")}
        symbol_year = regex.search(r"/((?:19|20)\d\d)/", node.get("symbol") or "")
        years = {numbers[1]} if len(numbers) > 1 else set()
        year_matches = (symbol_year and symbol_year.group(1) in years) or (
            node.get("date") or ""
        ).startswith(tuple(years))
        if years and not year_matches:
            continue
        if all(word in codes for word in words):
            found.append(key)
    return sorted(found)


# --- list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    kind: str | None = None
    issuer: str | None = None
    year: int | None = None
    since: str | None = None
    until: str | None = None
    undated: bool = False
    cited_by: str | None = None
    in_footnotes: bool = False
    everything: bool = False
    """Also documents that nothing cites (documents read that no other cites)."""


@dataclass(frozen=True)
class DocumentRow:
    id: str
    symbol: str | None
    kind: str | None
    date: str | None
    issuer: str | None
    citations: int
    citing_documents: int
    in_corpus: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "kind": self.kind,
            "date": self.date,
            "issuer": self.issuer,
            "citations": self.citations,
            "cited_by": self.citing_documents,
            "in_corpus": self.in_corpus,
        }


def _year_of(node: dict[str, Any]) -> int | None:
    if node.get("date"):
        return int(str(node["date"])[:4])
    match = regex.search(r"/((?:19|20)\d\d)/", node.get("symbol") or "")
    return int(match.group(1)) if match else None


def _matches(
    view: GraphView, key: str, node: dict[str, Any], rules: ListFilter, cited_by: str | None
) -> bool:
    if not rules.everything and not node.get("citations"):
        return False
    if rules.kind:
        wanted = fold_words(rules.kind)
        if wanted not in (
            fold_words(node.get("kind") or ""),
            fold_words(node.get("kind_code") or ""),
        ):
            return False
    if rules.issuer:
        wanted = fold_words(rules.issuer)
        haystack = [fold_words(node.get(f) or "") for f in ("issuer", "level")]
        codes = fold_words(node.get("issuer_code") or "")
        if not (any(wanted in h for h in haystack if h) or wanted == codes):
            return False
    date = node.get("date")
    if rules.year is not None and _year_of(node) != rules.year:
        return False
    if rules.since and (not date or str(date) < rules.since):
        return False
    if rules.until and (not date or str(date) > rules.until):
        return False
    if rules.undated and date:
        return False
    if cited_by is not None and cited_by not in (node.get("cited_by") or []):
        return False
    return not (
        rules.in_footnotes
        and not any(o.footnote is not None for o in view.occurrences.get(key, []))
    )


_LEADING_NUMBER = regex.compile(r"\d+")


def _symbol_sort_key(row: DocumentRow) -> tuple[str, int, str]:
    """Kind and issuer code first, then the number as a number: 5-KH/TU before 12-KH/TU."""
    symbol = row.symbol or row.id
    number = _LEADING_NUMBER.match(symbol)
    tail = symbol[number.end() :] if number else symbol
    return (tail.upper(), int(number.group()) if number else 0, row.id)


def list_documents(view: GraphView, rules: ListFilter, sort: str = "symbol") -> list[DocumentRow]:
    """The documents that match ``rules``, sorted by ``symbol``, ``date`` or ``citations``."""
    cited_by = None
    if rules.cited_by:
        matches = resolve(view, rules.cited_by)
        if len(matches) != 1:
            raise AmbiguousId(rules.cited_by, matches)
        cited_by = matches[0]
    rows = [
        DocumentRow(
            id=key,
            symbol=node.get("symbol"),
            kind=node.get("kind"),
            date=node.get("date"),
            issuer=node.get("issuer"),
            citations=int(node.get("citations") or 0),
            citing_documents=len(node.get("cited_by") or []),
            in_corpus=bool(node.get("in_corpus")),
        )
        for key, node in view.documents.items()
        if _matches(view, key, node, rules, cited_by)
    ]
    if sort == "date":
        rows.sort(key=lambda r: (r.date is None, r.date or "", _symbol_sort_key(r)))
    elif sort == "citations":
        rows.sort(key=lambda r: (-r.citations, _symbol_sort_key(r)))
    else:
        rows.sort(key=_symbol_sort_key)
    return rows


class AmbiguousId(InputError):
    """A loose id that names no document, or several."""

    def __init__(self, query: str, matches: list[str]) -> None:
        self.query = query
        self.matches = matches
        if matches:
            message = (
                f"{query!r} matches {len(matches)} documents: {', '.join(matches)}; "
                "give one of these ids"
            )
        else:
            message = f"no document matches {query!r}; try `vanban list` to see the ids"
        super().__init__(message)


# --- show ------------------------------------------------------------------------------


@dataclass
class Chain:
    """A document and what it implements (upward) or what implements it (downward)."""

    id: str
    children: list[Chain] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "children": [c.to_dict() for c in self.children]}


def _chain(view: GraphView, start: str, upward: bool, seen: frozenset[str] = frozenset()) -> Chain:
    node = Chain(start)
    edges = view.outgoing.get(start, []) if upward else view.incoming.get(start, [])
    nexts = sorted(
        {e["target"] if upward else e["source"] for e in edges if e["relation"] == "implements"}
    )
    for other in nexts:
        if other not in seen and other != start:
            node.children.append(_chain(view, other, upward, seen | {start}))
    return node


def show(view: GraphView, query: str) -> dict[str, Any]:
    """Everything the graph knows of one document, found by a loose id."""
    matches = resolve(view, query)
    if len(matches) != 1:
        raise AmbiguousId(query, matches)
    key = matches[0]
    node = view.documents[key]
    occurrences = sorted(view.occurrences_of(key), key=lambda o: (o.path or "", o.line))
    relations = sorted(
        (e["relation"], e["target"]) for e in view.outgoing.get(key, []) if e["relation"] != "cites"
    )
    cites = sorted({e["target"] for e in view.outgoing.get(key, []) if e["relation"] == "cites"})
    related_by = sorted(
        (e["relation"], e["source"]) for e in view.incoming.get(key, []) if e["relation"] != "cites"
    )
    return {
        "id": key,
        "document": node,
        "cited_at": [
            {
                "path": o.path,
                "line": o.line,
                "text": o.text,
                "sentence": o.context,
                "footnote": o.footnote,
                "where": o.where,
                "by": o.source,
            }
            for o in occurrences
        ],
        "cites": cites,
        "relations": [{"relation": r, "target": t} for r, t in dict.fromkeys(relations)],
        "related_by": [{"relation": r, "source": s} for r, s in dict.fromkeys(related_by)],
        "implements": _chain(view, key, upward=True).to_dict()["children"],
        "implemented_by": _chain(view, key, upward=False).to_dict()["children"],
    }


# --- stats -----------------------------------------------------------------------------


def stats(view: GraphView, top: int = 10) -> dict[str, Any]:
    """Counts by kind, issuer and year; the most cited documents; the undated share."""
    cited = {k: n for k, n in view.documents.items() if n.get("citations")}
    kinds = Counter(n.get("kind") or "(unknown)" for n in cited.values())
    issuers = Counter(
        (n.get("issuer_code") or "(none)") + (f" ({n['level']})" if n.get("level") else "")
        for n in cited.values()
    )
    years = Counter(str(_year_of(n) or "(undated)") for n in cited.values())
    references = [r for s in view.sources for r in s.get("references") or []]
    undated = sum(1 for r in references if not r.get("date"))
    most = sorted(cited.items(), key=lambda kv: (-int(kv[1]["citations"]), kv[0]))[:top]
    return {
        "sources": len(view.sources),
        "documents": len(view.documents),
        "cited_documents": len(cited),
        "references": len(references),
        "undated_references": undated,
        "undated_share": round(undated / len(references), 4) if references else 0.0,
        "by_kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_issuer": dict(sorted(issuers.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_year": dict(sorted(years.items())),
        "most_cited": [{"id": k, "citations": int(n["citations"])} for k, n in most],
    }
