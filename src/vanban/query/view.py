"""How the queries read a graph: what they ask of it (:class:`View`), and the views that answer.

:class:`MemoryView` holds a graph whole in memory (documents parsed on the fly, a page being
made); :class:`IndexView` asks a graph file's SQLite index for only what each question needs;
:class:`GraphFileView` is a graph file as the commands read it: through its index, or from the
file itself once the index proves damaged. The queries (:mod:`vanban.query.views`) are written
once, against :class:`View`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from vanban.core.bodies import body_key, issuer_query
from vanban.core.records import (
    CitationGraph,
    DocumentNode,
    Edge,
    Source,
    rebase_node,
    rebase_source,
    rebased_edge,
    rebased_registered,
)
from vanban.core.vocabulary import fold_words
from vanban.storage import database
from vanban.storage.database import (
    CitedDocument,
    DamagedIndex,
    Found,
    ListRow,
    Occurrence,
    ReferenceCount,
    Tally,
    lookup_key,
    number_key,
)
from vanban.storage.graph_file import from_file_paths, load_graph

if TYPE_CHECKING:  # a register is read by the command line; queries only look rows up in it
    from vanban.register.book import Register

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")
_T = TypeVar("_T")


@dataclass(frozen=True)
class ListFilter:
    """Which documents ``list`` shows: :meth:`keeps` says it of one document, :meth:`condition`
    says the same in SQL over the index's documents table."""

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

    def keeps(self, row: ListRow, keep: set[str] | None) -> bool:
        """Whether ``row`` is listed; ``keep``: the only ids that may be (from ``cited_by``
        and ``cites``)."""
        if keep is not None:
            if row.id not in keep:
                return False
        elif not self.everything and not row.citations:
            return False
        if self.kind:
            wanted = fold_words(self.kind)
            if wanted not in (fold_words(row.kind or ""), fold_words(row.kind_code or "")):
                return False
        if self.issuer:
            wanted = fold_words(self.issuer)
            if not (
                issuer_query(self.issuer) in (body_key(row.body) or "")
                or (row.level and wanted in fold_words(row.level))
                or wanted == fold_words(row.issuer_code or "")
            ):
                return False
        date = row.date
        if self.year is not None and row.year_of != self.year:
            return False
        if self.since and (not date or date < self.since):
            return False
        if self.until and (not date or date > self.until):
            return False
        return not (self.undated and date)

    def condition(self, keep: set[str] | None) -> tuple[str, tuple[Any, ...]]:
        """The SQL over the index's documents table that selects what :meth:`keeps` would keep
        (it still runs on what this selects)."""
        terms: list[str] = []
        values: list[Any] = []
        if keep is not None:
            terms.append("id IN (SELECT value FROM json_each(?))")
            values.append(json.dumps(sorted(keep)))
        elif not self.everything:
            terms.append("citations > 0")
        if self.kind:
            terms.append("(kind_key = ? OR code_key = ?)")
            values += [fold_words(self.kind)] * 2
        if self.issuer:
            terms.append(
                "(instr(body_key, ?) > 0 OR instr(level_key, ?) > 0 OR issuer_code_key = ?)"
            )
            values += [issuer_query(self.issuer), *[fold_words(self.issuer)] * 2]
        if self.year is not None:
            terms.append("year_of = ?")
            values.append(self.year)
        if self.since:
            terms.append("date >= ?")
            values.append(self.since)
        if self.until:
            terms.append("date <= ?")
            values.append(self.until)
        if self.undated:
            terms.append("date IS NULL")
        return ("WHERE " + " AND ".join(terms) if terms else ""), tuple(values)


class View(Protocol):
    """What the queries, the checks, the pages and the exports ask of a graph."""

    skipped: list[str]
    """Inputs that could not be read when the graph was made from documents on the fly."""
    register: Register | None
    """The office's register, when one was given: checks and ``show`` consult it."""

    @property
    def graph(self) -> CitationGraph:
        """The whole graph (an index reads all of it)."""

    @property
    def documents(self) -> dict[str, DocumentNode]:
        """Every document node, by id."""

    @property
    def edges(self) -> list[Edge]:
        """Every edge, in the graph's order."""

    @property
    def sources(self) -> list[Source]:
        """Every file read, in the graph's order."""

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        """Where each document is cited, by id (every source read)."""

    def document(self, key: str) -> DocumentNode | None:
        """The document whose id is ``key``."""

    def alias_of(self, name: str) -> str | None:
        """The id of the document ``name`` is another id of: an id it had before,
        ``SYMBOL@DATE``."""

    def ids_by_key(self, wanted: str) -> list[str]:
        """Ids of the documents whose id or symbol is ``wanted`` (:func:`lookup_key`)."""

    def numbered(self, number: str) -> list[DocumentNode]:
        """The documents whose number is ``number`` (leading zeros aside)."""

    def with_symbol(self, symbol: str) -> list[str]:
        """Ids of the documents with this symbol (case aside), sorted."""

    def outgoing(self, key: str) -> list[Edge]:
        """Edges from the document ``key``, in the graph's order."""

    def incoming(self, key: str) -> list[Edge]:
        """Edges to the document ``key``, in the graph's order."""

    def stated_in(self, path: str | None) -> list[Edge]:
        """The edges a file states, in the graph's order."""

    def occurrences_of(self, key: str) -> list[Occurrence]:
        """Where the document ``key`` is cited, in the graph's order."""

    def sources_of(self, key: str) -> list[Source]:
        """The files read as the document ``key`` (its versions and copies), in the graph's
        order."""

    def list_rows(self, rules: ListFilter, keep: set[str] | None) -> list[ListRow]:
        """What ``list`` shows and filters on: at least every document ``rules.keeps`` keeps
        (a view may leave out those it can tell it would not)."""

    def cited_in_footnotes(self) -> set[str]:
        """Ids of the documents cited in a footnote."""

    def source_count(self) -> int:
        """How many files were read."""

    def document_count(self) -> int:
        """How many documents the graph holds."""

    def reference_count(self) -> ReferenceCount:
        """How many references the sources hold, and how many of them are undated."""

    def cited_tally(self) -> Tally:
        """The cited documents counted by kind, issuer and year."""

    def most_cited(self, top: int) -> list[CitedDocument]:
        """The ``top`` most cited documents, the most cited first (then by id)."""

    def search(self, words: str, limit: int) -> Found:
        """Titles, reference sentences and whole texts holding every word of ``words``, best
        first: the first ``limit`` of them, and how many there are."""


def _grouped(items: Iterable[_V], key: Callable[[_V], _K]) -> dict[_K, list[_V]]:
    found: dict[_K, list[_V]] = {}
    for item in items:
        found.setdefault(key(item), []).append(item)
    return found


def occurrences_in(sources: Iterable[Source]) -> dict[str, list[Occurrence]]:
    """Where each document is cited in ``sources``, by id."""
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


class MemoryView:
    """A graph whole in memory: documents parsed on the fly, a page or a site being made."""

    def __init__(self, graph: CitationGraph, texts: Mapping[str, str] | None = None) -> None:
        self.graph = graph
        self.texts = texts or {}
        """The whole text of each document read, by its SHA-256 (for :meth:`search`)."""
        self.skipped: list[str] = []
        self.register: Register | None = None

    @property
    def documents(self) -> dict[str, DocumentNode]:
        return self.graph.documents

    @property
    def edges(self) -> list[Edge]:
        return self.graph.edges

    @property
    def sources(self) -> list[Source]:
        return self.graph.sources

    @cached_property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return occurrences_in(self.graph.sources)

    def document(self, key: str) -> DocumentNode | None:
        return self.graph.documents.get(key)

    @cached_property
    def _aliases(self) -> dict[str, str]:
        documents = self.graph.documents
        return {
            alias: node.id
            for node in documents.values()
            for alias in (*node.qualified_ids, *node.aliases)
            if alias not in documents
        }

    def alias_of(self, name: str) -> str | None:
        return self._aliases.get(name)

    @cached_property
    def _by_key(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key, node in self.graph.documents.items():
            for name in dict.fromkeys((lookup_key(key), lookup_key(node.symbol or ""))):
                found.setdefault(name, []).append(key)
        return found

    def ids_by_key(self, wanted: str) -> list[str]:
        return list(self._by_key.get(wanted, []))

    @cached_property
    def _by_number(self) -> dict[str, list[DocumentNode]]:
        return _grouped(self.graph.documents.values(), lambda node: number_key(node.number))

    def numbered(self, number: str) -> list[DocumentNode]:
        return list(self._by_number.get(number_key(number), []))

    @cached_property
    def _by_symbol(self) -> dict[str, list[DocumentNode]]:
        with_symbol = (node for node in self.graph.documents.values() if node.symbol)
        return _grouped(with_symbol, lambda node: (node.symbol or "").upper())

    def with_symbol(self, symbol: str) -> list[str]:
        return sorted(node.id for node in self._by_symbol.get(symbol.upper(), []))

    @cached_property
    def _outgoing(self) -> dict[str, list[Edge]]:
        return _grouped(self.graph.edges, lambda edge: edge.source)

    @cached_property
    def _incoming(self) -> dict[str, list[Edge]]:
        return _grouped(self.graph.edges, lambda edge: edge.target)

    @cached_property
    def _by_path(self) -> dict[str | None, list[Edge]]:
        return _grouped(self.graph.edges, lambda edge: edge.path)

    def outgoing(self, key: str) -> list[Edge]:
        return list(self._outgoing.get(key, []))

    def incoming(self, key: str) -> list[Edge]:
        return list(self._incoming.get(key, []))

    def stated_in(self, path: str | None) -> list[Edge]:
        return list(self._by_path.get(path, []))

    def occurrences_of(self, key: str) -> list[Occurrence]:
        return list(self.occurrences.get(key, []))

    def sources_of(self, key: str) -> list[Source]:
        return [source for source in self.sources if source.id == key]

    def list_rows(self, rules: ListFilter, keep: set[str] | None) -> list[ListRow]:
        return [ListRow.of(node) for node in self.graph.documents.values()]

    def cited_in_footnotes(self) -> set[str]:
        return {
            r.target for s in self.graph.sources for r in s.references if r.footnote is not None
        }

    def source_count(self) -> int:
        return len(self.graph.sources)

    def document_count(self) -> int:
        return len(self.graph.documents)

    def reference_count(self) -> ReferenceCount:
        references = [r for s in self.graph.sources for r in s.references]
        return ReferenceCount(len(references), sum(1 for r in references if r.date is None))

    def _cited(self) -> list[DocumentNode]:
        return [node for node in self.graph.documents.values() if node.citations]

    def cited_tally(self) -> Tally:
        cited = self._cited()
        return Tally(
            kinds=Counter(node.kind for node in cited),
            issuers=Counter((node.issuer_code, node.level) for node in cited),
            years=Counter(node.year_of for node in cited),
            bodies=Counter(node.body for node in cited),
        )

    def most_cited(self, top: int) -> list[CitedDocument]:
        cited = sorted(self._cited(), key=lambda node: (-node.citations, node.id))
        return [CitedDocument(node.id, node.citations) for node in cited[:top]]

    def search(self, words: str, limit: int) -> Found:
        with contextlib.closing(sqlite3.connect(":memory:")) as connection:
            database.fill(connection, self.graph, database.Stamp("", 0, 0, ""), texts=self.texts)
            return database.search(connection, words, limit)


class IndexView:
    """The SQLite index of a graph file: each question asks SQLite for only what it needs, and
    paths are given as seen from here. What the index holds is checked as it is read: anything
    not as it was written raises :class:`DamagedIndex` (:class:`GraphFileView` then reads the
    file instead)."""

    def __init__(self, connection: sqlite3.Connection, graph_path: Path) -> None:
        self.skipped: list[str] = []
        self.register: Register | None = None
        self._connection = connection
        self._path = from_file_paths(graph_path.parent)

    def _nodes(self, where: str = "", *parameters: Any) -> dict[str, DocumentNode]:
        found = database.documents(self._connection, where, parameters)
        for node in found.values():
            rebase_node(node, self._path)
        return found

    @cached_property
    def documents(self) -> dict[str, DocumentNode]:
        return self._nodes()

    @cached_property
    def edges(self) -> list[Edge]:
        return [rebased_edge(edge, self._path) for edge in database.edges(self._connection)]

    @cached_property
    def sources(self) -> list[Source]:
        return [rebase_source(source, self._path) for source in database.sources(self._connection)]

    @cached_property
    def graph(self) -> CitationGraph:
        return CitationGraph(self.sources, self.documents, self.edges)

    @cached_property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return occurrences_in(self.sources)

    def document(self, key: str) -> DocumentNode | None:
        return self._nodes("WHERE id = ?", key).get(key)

    def alias_of(self, name: str) -> str | None:
        return database.alias(self._connection, name)

    def ids_by_key(self, wanted: str) -> list[str]:
        return list(self._nodes("WHERE id_key = ? OR symbol_key = ?", wanted, wanted))

    def numbered(self, number: str) -> list[DocumentNode]:
        return list(self._nodes("WHERE number_key = ?", number_key(number)).values())

    def with_symbol(self, symbol: str) -> list[str]:
        return sorted(self._nodes("WHERE symbol = ? COLLATE NOCASE", symbol))

    def outgoing(self, key: str) -> list[Edge]:
        edges = database.edges(self._connection, "source", key)
        return [rebased_edge(edge, self._path) for edge in edges]

    def incoming(self, key: str) -> list[Edge]:
        edges = database.edges(self._connection, "target", key)
        return [rebased_edge(edge, self._path) for edge in edges]

    @cached_property
    def _by_path(self) -> dict[str | None, list[Edge]]:
        return _grouped(self.edges, lambda edge: edge.path)

    def stated_in(self, path: str | None) -> list[Edge]:
        return list(self._by_path.get(path, []))

    def occurrences_of(self, key: str) -> list[Occurrence]:
        found = database.occurrences(self._connection, key)
        return [replace(occurrence, path=self._path(occurrence.path)) for occurrence in found]

    def sources_of(self, key: str) -> list[Source]:
        found = database.sources(self._connection, key)
        return [rebase_source(source, self._path) for source in found]

    def list_rows(self, rules: ListFilter, keep: set[str] | None) -> list[ListRow]:
        where, parameters = rules.condition(keep)
        return [
            row._replace(registered=rebased_registered(row.registered, self._path))
            if row.registered is not None
            else row
            for row in database.listed(self._connection, where, parameters)
        ]

    def cited_in_footnotes(self) -> set[str]:
        return database.cited_in_footnotes(self._connection)

    def source_count(self) -> int:
        return database.row_count(self._connection, "sources")

    def document_count(self) -> int:
        return database.row_count(self._connection, "documents")

    def reference_count(self) -> ReferenceCount:
        return database.reference_count(self._connection)

    def cited_tally(self) -> Tally:
        return database.cited_tally(self._connection)

    def most_cited(self, top: int) -> list[CitedDocument]:
        return database.most_cited(self._connection, top)

    def search(self, words: str, limit: int) -> Found:
        found = database.search(self._connection, words, limit)
        return found._replace(hits=[replace(hit, path=self._path(hit.path)) for hit in found.hits])

    def forget(self) -> None:
        """Have the next command make the index again."""
        database.forget_stamp(self._connection)


class GraphFileView:
    """A graph file as the commands read it: through its index (:class:`IndexView`), and, once
    the index proves damaged (:class:`DamagedIndex`), from the file itself (:class:`MemoryView`),
    the index then forgotten, to be made again by the next command. :meth:`_ask` is the one
    place that decides it; any other error is raised as it is."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.skipped: list[str] = []
        self.register: Register | None = None
        self._file = path
        self._index = IndexView(connection, path)
        self._whole: MemoryView | None = None

    def _ask(self, question: Callable[[View], _T]) -> _T:
        if self._whole is None:
            try:
                return question(self._index)
            except DamagedIndex:
                self._index.forget()
                self._whole = MemoryView(load_graph(self._file))
        return question(self._whole)

    @property
    def graph(self) -> CitationGraph:
        return self._ask(lambda view: view.graph)

    @property
    def documents(self) -> dict[str, DocumentNode]:
        return self._ask(lambda view: view.documents)

    @property
    def edges(self) -> list[Edge]:
        return self._ask(lambda view: view.edges)

    @property
    def sources(self) -> list[Source]:
        return self._ask(lambda view: view.sources)

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        return self._ask(lambda view: view.occurrences)

    def document(self, key: str) -> DocumentNode | None:
        return self._ask(lambda view: view.document(key))

    def alias_of(self, name: str) -> str | None:
        return self._ask(lambda view: view.alias_of(name))

    def ids_by_key(self, wanted: str) -> list[str]:
        return self._ask(lambda view: view.ids_by_key(wanted))

    def numbered(self, number: str) -> list[DocumentNode]:
        return self._ask(lambda view: view.numbered(number))

    def with_symbol(self, symbol: str) -> list[str]:
        return self._ask(lambda view: view.with_symbol(symbol))

    def outgoing(self, key: str) -> list[Edge]:
        return self._ask(lambda view: view.outgoing(key))

    def incoming(self, key: str) -> list[Edge]:
        return self._ask(lambda view: view.incoming(key))

    def stated_in(self, path: str | None) -> list[Edge]:
        return self._ask(lambda view: view.stated_in(path))

    def occurrences_of(self, key: str) -> list[Occurrence]:
        return self._ask(lambda view: view.occurrences_of(key))

    def sources_of(self, key: str) -> list[Source]:
        return self._ask(lambda view: view.sources_of(key))

    def list_rows(self, rules: ListFilter, keep: set[str] | None) -> list[ListRow]:
        return self._ask(lambda view: view.list_rows(rules, keep))

    def cited_in_footnotes(self) -> set[str]:
        return self._ask(lambda view: view.cited_in_footnotes())

    def source_count(self) -> int:
        return self._ask(lambda view: view.source_count())

    def document_count(self) -> int:
        return self._ask(lambda view: view.document_count())

    def reference_count(self) -> ReferenceCount:
        return self._ask(lambda view: view.reference_count())

    def cited_tally(self) -> Tally:
        return self._ask(lambda view: view.cited_tally())

    def most_cited(self, top: int) -> list[CitedDocument]:
        return self._ask(lambda view: view.most_cited(top))

    def search(self, words: str, limit: int) -> Found:
        return self._ask(lambda view: view.search(words, limit))
