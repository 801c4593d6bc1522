"""Questions asked of a graph: which documents, where cited, what implements what.

Everything here reads a :class:`GraphView`, so a graph file (through its index) and documents
parsed on the fly are queried the same way.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import regex

from vanban.core.errors import InputError
from vanban.core.records import (
    CitationGraph,
    DocumentNode,
    Edge,
    RecordError,
    Registered,
    Source,
    from_dict,
    rebase_node,
    rebase_source,
    to_dict,
)
from vanban.core.vocabulary import KIND_BY_FOLDED, KIND_WORDS_MOST, fold_words
from vanban.storage import database
from vanban.storage.database import lookup_key, number_key
from vanban.storage.graph_file import from_file_paths, load_graph, open_index

if TYPE_CHECKING:  # a register is read by the command line; queries only look rows up in it
    from vanban.register.book import Register

GRAPH_SUFFIXES = (".yaml", ".yml", ".json")
_T = TypeVar("_T")


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
    column: int | None = None


def _occurrences(sources: Iterable[Source]) -> dict[str, list[Occurrence]]:
    found: dict[str, list[Occurrence]] = {}
    for source in sources:
        for reference in source.references:
            found.setdefault(reference.target, []).append(
                Occurrence(
                    source=source.id,
                    path=source.path,
                    line=reference.line,
                    text=reference.text,
                    context=reference.context,
                    footnote=reference.footnote,
                    date=reference.date,
                    where=reference.where,
                    column=reference.column,
                )
            )
    return found


class ListRow(NamedTuple):
    """What ``list`` shows and filters on for one document."""

    id: str
    symbol: str | None
    kind: str | None
    kind_code: str | None
    issuer: str | None
    issuer_code: str | None
    level: str | None
    date: str | None
    year_of: int | None
    """:attr:`DocumentNode.year_of`: of its date, else the one its symbol carries."""
    citations: int
    citing_documents: int
    in_corpus: bool
    title: str | None
    registered: Registered | None


def _list_row(row: tuple[Any, ...]) -> ListRow:
    """A row of the index's documents table, its types checked."""
    texts = (0, 1, 2, 3, 4, 5, 6, 7, 12, 13)
    if not isinstance(row[0], str) or any(
        row[i] is not None and not isinstance(row[i], str) for i in texts
    ):
        raise ValueError("a document row holds something other than text")
    year, citations, citing, read = row[8], row[9], row[10], row[11]
    if not (year is None or type(year) is int) or type(citations) is not int:
        raise ValueError("a document row holds something other than numbers")
    if type(citing) is not int or read not in (0, 1):
        raise ValueError("a document row holds something other than numbers")
    registered = (
        from_dict(Registered, json.loads(row[13]), "registered") if row[13] is not None else None
    )
    return ListRow._make((*row[:11], bool(read), row[12], registered))


class GraphView:
    """A graph as the queries read it: whole in memory (this class), or from the index of a
    graph file (:class:`IndexView`), loading only what a query asks for."""

    skipped: list[str]
    """Inputs that could not be read when the graph was made from documents on the fly."""
    register: Register | None
    """The office's register, when one was given: checks and ``show`` consult it."""

    def __init__(self, graph: CitationGraph) -> None:
        self._graph = graph
        self.skipped = []
        self.register = None

    def registered(self, node: DocumentNode | ListRow) -> Registered | None:
        """The register row that lists a document: from the register given, else the one the
        graph recorded when it was made."""
        found = None
        if self.register is not None:
            found = self.register.entry_for(
                node.symbol, node.kind, node.kind_code, node.level, node.date
            )
        return found or node.registered

    @cached_property
    def graph(self) -> CitationGraph:
        """The whole graph (loaded whole when read from an index)."""
        return self._graph

    @cached_property
    def documents(self) -> dict[str, DocumentNode]:
        return self.graph.documents

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Other ids that name a document: ids it had before, and ``SYMBOL@DATE``."""
        return {
            alias: node.id
            for node in self.documents.values()
            for alias in (*node.qualified_ids, *node.aliases)
            if alias not in self.documents
        }

    @cached_property
    def edges(self) -> list[Edge]:
        return self.graph.edges

    def document(self, key: str) -> DocumentNode | None:
        """The document whose id is ``key``."""
        return self.documents.get(key)

    def alias_of(self, name: str) -> str | None:
        """The id of the document ``name`` is another id of."""
        return self.aliases.get(name)

    @cached_property
    def _by_key(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key, node in self.documents.items():
            for name in dict.fromkeys((lookup_key(key), lookup_key(node.symbol or ""))):
                found.setdefault(name, []).append(key)
        return found

    def ids_by_key(self, wanted: str) -> list[str]:
        """Ids of the documents whose id or symbol is ``wanted`` (:func:`lookup_key`)."""
        return list(self._by_key.get(wanted, []))

    @cached_property
    def _by_number(self) -> dict[str, list[DocumentNode]]:
        found: dict[str, list[DocumentNode]] = {}
        for node in self.documents.values():
            found.setdefault(number_key(node.number), []).append(node)
        return found

    def numbered(self, number: str) -> list[DocumentNode]:
        """The documents whose number is ``number`` (leading zeros aside)."""
        return list(self._by_number.get(number_key(number), []))

    @cached_property
    def _by_path(self) -> dict[str | None, list[Edge]]:
        found: dict[str | None, list[Edge]] = {}
        for edge in self.edges:
            found.setdefault(edge.path, []).append(edge)
        return found

    def stated_in(self, path: str | None) -> list[Edge]:
        """The edges a file states, in the graph's order."""
        return list(self._by_path.get(path, []))

    @cached_property
    def _by_symbol(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key, node in self.documents.items():
            found.setdefault((node.symbol or "").upper(), []).append(key)
        return found

    def with_symbol(self, symbol: str) -> list[str]:
        """Ids of the documents with this symbol (case aside)."""
        return sorted(self._by_symbol.get(symbol.upper(), []))

    def list_rows(
        self, rules: ListFilter | None = None, keep: set[str] | None = None
    ) -> list[ListRow]:
        """What ``list`` shows and filters on, one row per document (here all of them; an index
        leaves out what ``rules`` and ``keep`` rule out)."""
        return [
            ListRow(
                n.id,
                n.symbol,
                n.kind,
                n.kind_code,
                n.issuer,
                n.issuer_code,
                n.level,
                n.date,
                n.year_of,
                n.citations,
                len(n.cited_by),
                n.in_corpus,
                n.title,
                n.registered,
            )
            for n in self.documents.values()
        ]

    @cached_property
    def sources(self) -> list[Source]:
        return self.graph.sources

    @cached_property
    def _outgoing(self) -> dict[str, list[Edge]]:
        found: dict[str, list[Edge]] = {}
        for edge in self.edges:
            found.setdefault(edge.source, []).append(edge)
        return found

    @cached_property
    def _incoming(self) -> dict[str, list[Edge]]:
        found: dict[str, list[Edge]] = {}
        for edge in self.edges:
            found.setdefault(edge.target, []).append(edge)
        return found

    def outgoing(self, key: str) -> list[Edge]:
        """Edges from the document ``key``."""
        return self._outgoing.get(key, [])

    def incoming(self, key: str) -> list[Edge]:
        """Edges to the document ``key``."""
        return self._incoming.get(key, [])

    def sources_of(self, ids: list[str]) -> list[Source]:
        """The sources of the documents ``ids``, in graph order."""
        wanted = set(ids)
        return [s for s in self.sources if s.id in wanted]

    @cached_property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return _occurrences(self.sources)

    def occurrences_of(self, key: str) -> list[Occurrence]:
        """Where one document is cited, reading only the sources that cite it."""
        if "sources" in self.__dict__:
            return self.occurrences.get(key, [])
        node = self.document(key)
        citing = list(node.cited_by) if node else []
        return _occurrences(self.sources_of(citing)).get(key, [])

    def reference_counts(self) -> tuple[int, int]:
        """How many references the sources hold, and how many of them are undated."""
        references = [r for s in self.sources for r in s.references]
        return len(references), sum(1 for r in references if r.date is None)

    def source_count(self) -> int:
        return len(self.sources)

    def counts(self, top: int = 10) -> Counts:
        """The cited documents counted by kind, issuer and year, and the ``top`` most cited."""
        cited = [row for row in self.list_rows(ListFilter()) if row.citations]
        most = sorted(cited, key=lambda row: (-row.citations, row.id))[:top]
        return Counts(
            cited=len(cited),
            by_kind=Counter(_kind_label(row.kind) for row in cited),
            by_issuer=Counter(_issuer_label(row.issuer_code, row.level) for row in cited),
            by_year=Counter(_year_label(row.year_of) for row in cited),
            most_cited=[(row.id, row.citations) for row in most],
        )

    def document_count(self) -> int:
        return len(self.documents)

    def cited_in_footnotes(self) -> set[str]:
        return {r.target for s in self.sources for r in s.references if r.footnote is not None}

    def search(self, words: str, limit: int = 20) -> list[database.Hit]:
        connection = sqlite3.connect(":memory:")
        try:
            database.fill(connection, self.graph, database.Stamp("", 0, 0, ""))
            return database.search(connection, words, limit)
        finally:
            connection.close()

    def close(self) -> None:
        """Let go of what the view holds open."""


class IndexView(GraphView):
    """A graph file read through its SQLite index: each query loads only what it needs.

    The index is checked as it is read; when anything in it is not as it should be (a damaged
    or forged file), the view reads the graph file itself instead and the index is marked
    stale, to be rebuilt by the next command.
    """

    def __init__(self, connection: sqlite3.Connection, graph_path: Path) -> None:
        self.skipped = []
        self.register = None
        self._connection = connection
        self._graph_path = graph_path
        self._path = from_file_paths(graph_path.parent)
        self._whole: GraphView | None = None

    def _read(self, from_index: Callable[[], _T], from_whole: Callable[[GraphView], _T]) -> _T:
        if self._whole is None:
            try:
                return from_index()
            except (sqlite3.Error, RecordError, ValueError, TypeError, KeyError):
                with contextlib.suppress(sqlite3.Error):
                    self._connection.execute("DELETE FROM meta")
                self._whole = GraphView(load_graph(self._graph_path))
        return from_whole(self._whole)

    @cached_property
    def documents(self) -> dict[str, DocumentNode]:
        def read() -> dict[str, DocumentNode]:
            documents = database.documents(self._connection)
            for node in documents.values():
                rebase_node(node, self._path)
            return documents

        return self._read(read, lambda whole: whole.documents)

    @cached_property
    def aliases(self) -> dict[str, str]:
        return self._read(lambda: database.aliases(self._connection), lambda w: w.aliases)

    def _loaded(self) -> bool:
        """Whether the documents are in memory already (then they are used as they are)."""
        return "documents" in self.__dict__ or self._whole is not None

    def _some(self, where: str, *parameters: Any) -> dict[str, DocumentNode] | None:
        """The documents an SQL condition selects; None when the index could not be used."""

        def read() -> dict[str, DocumentNode] | None:
            found = database.documents(self._connection, where, parameters)
            for node in found.values():
                rebase_node(node, self._path)
            return found

        return None if self._loaded() else self._read(read, lambda whole: None)

    def document(self, key: str) -> DocumentNode | None:
        found = self._some("WHERE id = ?", key)
        return super().document(key) if found is None else found.get(key)

    def alias_of(self, name: str) -> str | None:
        if self._loaded():
            return super().alias_of(name)
        return self._read(
            lambda: database.alias(self._connection, name), lambda whole: whole.alias_of(name)
        )

    def ids_by_key(self, wanted: str) -> list[str]:
        found = self._some("WHERE id_key = ? OR symbol_key = ?", wanted, wanted)
        return super().ids_by_key(wanted) if found is None else list(found)

    def numbered(self, number: str) -> list[DocumentNode]:
        found = self._some("WHERE number_key = ?", number_key(number))
        return super().numbered(number) if found is None else list(found.values())

    def with_symbol(self, symbol: str) -> list[str]:
        found = self._some("WHERE symbol = ? COLLATE NOCASE", symbol)
        return super().with_symbol(symbol) if found is None else sorted(found)

    def list_rows(
        self, rules: ListFilter | None = None, keep: set[str] | None = None
    ) -> list[ListRow]:
        if self._loaded():
            return super().list_rows()
        where, parameters = _list_condition(rules or ListFilter(), keep)
        return self._read(
            lambda: [_list_row(row) for row in database.rows(self._connection, where, parameters)],
            lambda whole: whole.list_rows(),
        )

    @cached_property
    def edges(self) -> list[Edge]:
        return self._read(
            lambda: [self._edge(e) for e in database.edges(self._connection)], lambda w: w.edges
        )

    def _edge(self, edge: Edge) -> Edge:
        return Edge(edge.source, edge.target, edge.relation, edge.line, self._path(edge.path))

    def outgoing(self, key: str) -> list[Edge]:
        if "edges" in self.__dict__:
            return super().outgoing(key)
        return self._read(
            lambda: [self._edge(e) for e in database.edges(self._connection, "source", key)],
            lambda whole: whole.outgoing(key),
        )

    def incoming(self, key: str) -> list[Edge]:
        if "edges" in self.__dict__:
            return super().incoming(key)
        return self._read(
            lambda: [self._edge(e) for e in database.edges(self._connection, "target", key)],
            lambda whole: whole.incoming(key),
        )

    @cached_property
    def sources(self) -> list[Source]:
        return self._read(
            lambda: [rebase_source(s, self._path) for s in database.sources(self._connection)],
            lambda whole: whole.sources,
        )

    def sources_of(self, ids: list[str]) -> list[Source]:
        if "sources" in self.__dict__:
            return super().sources_of(ids)
        return self._read(
            lambda: [rebase_source(s, self._path) for s in database.sources(self._connection, ids)],
            lambda whole: whole.sources_of(ids),
        )

    def reference_counts(self) -> tuple[int, int]:
        return self._read(
            lambda: database.reference_counts(self._connection), lambda w: w.reference_counts()
        )

    def cited_in_footnotes(self) -> set[str]:
        return self._read(
            lambda: database.cited_in_footnotes(self._connection),
            lambda whole: whole.cited_in_footnotes(),
        )

    def document_count(self) -> int:
        return self._read(
            lambda: int(self._connection.execute("SELECT count(*) FROM documents").fetchone()[0]),
            lambda whole: whole.document_count(),
        )

    def source_count(self) -> int:
        return self._read(
            lambda: int(self._connection.execute("SELECT count(*) FROM sources").fetchone()[0]),
            lambda whole: whole.source_count(),
        )

    def counts(self, top: int = 10) -> Counts:
        if self._loaded():
            return super().counts(top)
        return self._read(lambda: self._counts(top), lambda whole: whole.counts(top))

    def _counts(self, top: int) -> Counts:
        """:meth:`GraphView.counts`, counted by SQLite: the documents are not read."""

        def tally(columns: str, label: Callable[..., str]) -> Counter[str]:
            counted: Counter[str] = Counter()
            for values, count in database.grouped(self._connection, columns):
                counted[label(*values)] += count  # several values can have one label
            return counted

        by_kind = tally("kind", _kind_label)
        return Counts(
            cited=sum(by_kind.values()),
            by_kind=by_kind,
            by_issuer=tally("issuer_code, level", _issuer_label),
            by_year=tally("year_of", _year_label),
            most_cited=database.most_cited(self._connection, top),
        )

    def search(self, words: str, limit: int = 20) -> list[database.Hit]:
        return self._read(
            lambda: [
                replace(h, path=self._path(h.path))
                for h in database.search(self._connection, words, limit)
            ],
            lambda whole: whole.search(words, limit),
        )

    @cached_property
    def graph(self) -> CitationGraph:
        return self._read(
            lambda: CitationGraph(self.sources, self.documents, self.edges),
            lambda whole: whole.graph,
        )

    def close(self) -> None:
        self._connection.close()


@contextlib.contextmanager
def open_view(
    paths: Iterable[str | Path], workers: int | None = None
) -> Iterator[tuple[GraphView, list[str]]]:
    """A graph file (read through its index), or documents and folders parsed on the fly;
    and what was skipped."""
    items = [Path(p) for p in paths]
    if len(items) == 1 and items[0].suffix.lower() in GRAPH_SUFFIXES and not items[0].is_dir():
        with open_index(items[0]) as connection:
            view = IndexView(connection, items[0])
            yield view, []
        return
    if not items:
        raise InputError("no graph or documents given")
    graphs = [p for p in items if p.suffix.lower() in GRAPH_SUFFIXES and not p.is_dir()]
    if graphs:
        raise InputError(
            "{path}: give one graph file, or documents and folders, not both", path=graphs[0]
        )
    from vanban.app.batch import index_paths  # the parser, imported only when documents are given

    result = index_paths(items, workers)
    yield GraphView(result.graph), result.skipped


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


def resolve(view: GraphView, query: str) -> list[str]:
    """Ids of the documents ``query`` can name: "155-KH/TU", "KH 155", "kế hoạch 155"."""
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
        if all(word in codes for word in words):
            found.append(node.id)
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
    cites: str | None = None
    """Only the documents that cite this one."""


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
    title: str | None = None
    """The document's title (trích yếu): from its own text when it was read, else from the
    register."""
    title_from: str | None = None
    """Where the title comes from: ``document``, or the register row (``so-dang-ky.xlsx:7``)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "kind": self.kind,
            "date": self.date,
            "issuer": self.issuer,
            "citations": self.citations,
            "citing_documents": self.citing_documents,
            "in_corpus": self.in_corpus,
            "title": self.title,
            "title_from": self.title_from,
        }


def _matches(node: ListRow, rules: ListFilter, keep: set[str] | None) -> bool:
    if keep is not None:
        if node.id not in keep:
            return False
    elif not rules.everything and not node.citations:
        return False
    if rules.kind:
        wanted = fold_words(rules.kind)
        if wanted not in (fold_words(node.kind or ""), fold_words(node.kind_code or "")):
            return False
    if rules.issuer:
        wanted = fold_words(rules.issuer)
        haystack = [fold_words(value or "") for value in (node.issuer, node.level)]
        if not (
            any(wanted in h for h in haystack if h) or wanted == fold_words(node.issuer_code or "")
        ):
            return False
    date = node.date
    if rules.year is not None and node.year_of != rules.year:
        return False
    if rules.since and (not date or date < rules.since):
        return False
    if rules.until and (not date or date > rules.until):
        return False
    return not (rules.undated and date)


def _list_condition(rules: ListFilter, keep: set[str] | None) -> tuple[str, tuple[Any, ...]]:
    """The SQL over the index's documents table that :func:`_matches` would keep (it still
    runs on what this selects)."""
    terms: list[str] = []
    values: list[Any] = []
    if keep is not None:
        terms.append("id IN (SELECT value FROM json_each(?))")
        values.append(json.dumps(sorted(keep)))
    elif not rules.everything:
        terms.append("citations > 0")
    if rules.kind:
        terms.append("(kind_key = ? OR code_key = ?)")
        values += [fold_words(rules.kind)] * 2
    if rules.issuer:
        terms.append("(instr(issuer_key, ?) > 0 OR instr(level_key, ?) > 0 OR issuer_code_key = ?)")
        values += [fold_words(rules.issuer)] * 3
    if rules.year is not None:
        terms.append("year_of = ?")
        values.append(rules.year)
    if rules.since:
        terms.append("date >= ?")
        values.append(rules.since)
    if rules.until:
        terms.append("date <= ?")
        values.append(rules.until)
    if rules.undated:
        terms.append("date IS NULL")
    return ("WHERE " + " AND ".join(terms) if terms else ""), tuple(values)


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


def resolve_one(view: GraphView, query: str) -> str:
    """The id of the one document ``query`` names; :class:`AmbiguousId` when not one."""
    matches = resolve(view, query)
    if len(matches) != 1:
        raise AmbiguousId(query, matches)
    return matches[0]


def list_documents(view: GraphView, rules: ListFilter, sort: str = "symbol") -> list[DocumentRow]:
    """The documents that match ``rules``, sorted by ``symbol``, ``date`` or ``citations``."""
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
            citations=row.citations,
            citing_documents=row.citing_documents,
            in_corpus=row.in_corpus,
            **_title(view, row),
        )
        for row in view.list_rows(rules, keep)
        if _matches(row, rules, keep) and (in_footnotes is None or row.id in in_footnotes)
    ]
    if sort == "date":
        rows.sort(key=lambda r: (r.date is None, r.date or "", _symbol_sort_key(r)))
    elif sort == "citations":
        rows.sort(key=lambda r: (-r.citations, _symbol_sort_key(r)))
    else:
        rows.sort(key=_symbol_sort_key)
    return rows


def _title(view: GraphView, row: ListRow) -> dict[str, str | None]:
    if row.title:
        return {"title": row.title, "title_from": "document"}
    registered = view.registered(row)
    if registered is not None and registered.title:
        return {"title": registered.title, "title_from": registered.place}
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


def _chain(view: GraphView, start: str, upward: bool) -> Chain:
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
        }


def show(view: GraphView, query: str) -> Shown:
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
        registered=view.registered(node),
    )


# --- stats -----------------------------------------------------------------------------


def stats(view: GraphView, top: int = 10) -> dict[str, Any]:
    """Counts by kind, issuer and year; the most cited documents; the undated share."""
    counts = view.counts(top)
    references, undated = view.reference_counts()
    return {
        "sources": view.source_count(),
        "documents": view.document_count(),
        "cited_documents": counts.cited,
        "references": references,
        "undated_references": undated,
        "undated_share": round(undated / references, 4) if references else 0.0,
        "by_kind": dict(sorted(counts.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_issuer": dict(sorted(counts.by_issuer.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_year": dict(sorted(counts.by_year.items())),
        "most_cited": [{"id": key, "citations": count} for key, count in counts.most_cited],
    }


@dataclass
class Counts:
    """The cited documents counted (``stats``), whole in memory or by the index."""

    cited: int
    by_kind: Counter[str]
    by_issuer: Counter[str]
    by_year: Counter[str]
    most_cited: list[tuple[str, int]]


def _kind_label(kind: str | None) -> str:
    return kind or "(unknown)"


def _issuer_label(code: str | None, level: str | None) -> str:
    return (code or "(none)") + (f" ({level})" if level else "")


def _year_label(year: int | None) -> str:
    return str(year or "(undated)")
