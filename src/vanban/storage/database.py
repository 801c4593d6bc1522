"""The SQLite index kept beside a graph file (``graph.yaml`` → ``graph.db``).

The YAML is the citation graph people read and diff; the database is its index, rebuilt from it
whenever it is missing or was made from other bytes. Its tables are meant to be queried
directly (sqlite3, sqlite-utils, Datasette): ``documents``, ``aliases``, ``sources``,
``references``, ``edges``, and ``search``, an FTS5 table over titles and the sentences
references stand in, accent-folded so that "kiem tra giam sat" finds "kiểm tra, giám sát".
The whole text of each document read is kept in ``texts`` (by its SHA-256, compressed) and
indexed, folded the same way, in ``fulltext`` (an FTS5 table without content whose rowids are
those of ``texts``): these two outlive the index being made again from the graph file, as the
graph file does not hold the texts; a text no file of the graph has any more is removed.

Every change is one transaction, so an interrupted run leaves the last good state; a writer
holds the database's write lock for the whole of an update, so two writers wait for each other.
Paths are stored as in the graph file: relative to its folder, with forward slashes.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import sqlite3
import time
import unicodedata
import warnings
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Generic, NamedTuple, ParamSpec, TypeVar

from vanban.core.bodies import body_key
from vanban.core.errors import InputError, Notice, OutputError
from vanban.core.records import (
    CitationGraph,
    DocumentNode,
    Edge,
    RecordError,
    Records,
    Registered,
    Source,
    from_dict,
    many_records,
)
from vanban.core.vocabulary import fold, fold_words

SCHEMA_VERSION = 8
"""Raised when the tables change; an index of another version is rebuilt."""

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, kind TEXT, symbol TEXT, number TEXT, kind_code TEXT,
    issuer_code TEXT, year INTEGER, family TEXT, issuer TEXT, level TEXT, date TEXT, term TEXT,
    in_corpus INTEGER, path TEXT, title TEXT, citations INTEGER,
    cited_by TEXT, notes TEXT, aliases TEXT, registered TEXT, body TEXT, body_level TEXT,
    cited_by_count INTEGER, year_of INTEGER, id_key TEXT, symbol_key TEXT, number_key TEXT,
    kind_key TEXT, code_key TEXT, issuer_key TEXT, level_key TEXT, issuer_code_key TEXT,
    body_key TEXT
);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, id TEXT NOT NULL REFERENCES documents(id));
CREATE TABLE sources (
    position INTEGER PRIMARY KEY, path TEXT, id TEXT REFERENCES documents(id), kind TEXT,
    symbol TEXT, date TEXT, issuer TEXT, title TEXT, sha256 TEXT, copy_of TEXT, record TEXT
);
CREATE TABLE "references" (
    source INTEGER NOT NULL REFERENCES sources(position), position INTEGER,
    citing TEXT REFERENCES documents(id), target TEXT REFERENCES documents(id), path TEXT,
    line INTEGER, "column" INTEGER, footnote INTEGER, text TEXT, kind TEXT, symbol TEXT,
    date TEXT, issuer TEXT, level TEXT, section TEXT, "where" TEXT, context TEXT
);
CREATE TABLE edges (
    source TEXT REFERENCES documents(id), target TEXT REFERENCES documents(id),
    relation TEXT, line INTEGER, path TEXT
);
CREATE VIRTUAL TABLE search USING fts5(
    words, what UNINDEXED, document UNINDEXED, path UNINDEXED, line UNINDEXED,
    text UNINDEXED, tokenize = 'unicode61'
);
"""
_TEXT_TABLES = """
CREATE TABLE IF NOT EXISTS texts (sha256 TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fulltext USING fts5(
    words, content = '', tokenize = 'unicode61'
)
"""
_KEPT_TABLES = ("texts", "fulltext")
"""Tables that outlive the index being made again (of the same version)."""
_INDEXES = """
CREATE INDEX references_target ON "references"(target);
CREATE INDEX references_source ON "references"(source);
CREATE INDEX edges_source ON edges(source);
CREATE INDEX edges_target ON edges(target);
CREATE INDEX sources_id ON sources(id);
CREATE INDEX sources_sha256 ON sources(sha256);
CREATE INDEX documents_symbol ON documents(symbol COLLATE NOCASE);
CREATE INDEX documents_id_key ON documents(id_key);
CREATE INDEX documents_symbol_key ON documents(symbol_key);
CREATE INDEX documents_number_key ON documents(number_key);
"""

_DOCUMENT_COLUMNS = (
    "id",
    "kind",
    "symbol",
    "number",
    "kind_code",
    "issuer_code",
    "year",
    "family",
    "issuer",
    "level",
    "date",
    "term",
    "in_corpus",
    "path",
    "title",
    "citations",
    "cited_by",
    "notes",
    "aliases",
    "registered",
    "body",
    "body_level",
)
_DERIVED_COLUMNS = (
    "cited_by_count",
    "year_of",
    "id_key",
    "symbol_key",
    "number_key",
    "kind_key",
    "code_key",
    "issuer_key",
    "level_key",
    "issuer_code_key",
    "body_key",
)
"""Columns of the documents table that the queries look up and filter on, made from the node
when it is indexed (:func:`_document_row`): ``year_of`` is :attr:`DocumentNode.year_of`, the
year ``list --year`` asks for; ``body_key`` is :func:`body_key` of its canonical body, which
``list --issuer`` matches."""
_JSON_COLUMNS = frozenset({"cited_by", "notes", "aliases"})
_RECORD_COLUMNS = frozenset({"registered"})
"""Columns holding a record as JSON, or NULL."""


_to_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
"""``json.dumps(value, ensure_ascii=False)``, without making an encoder for each value (three
times as fast for the short lists of a document row) nor looking for cycles (records have
none)."""


def _record_json(value: Any) -> str | None:
    return _to_json(value) if value else None


def _list_json(value: list[Any] | None) -> str:
    return _to_json(value) if value else "[]"


_CONVERTED = tuple(
    (position, _list_json if column in _JSON_COLUMNS else _record_json)
    for position, column in enumerate(_DOCUMENT_COLUMNS)
    if column in _JSON_COLUMNS or column in _RECORD_COLUMNS
)
"""Columns of the documents table written as JSON: lists, and records (or NULL)."""


def database_path(graph: Path) -> Path:
    """Where the index of ``graph`` is kept: ``graph.yaml`` → ``graph.db``."""
    return graph.with_suffix(".db")


FileStamp = tuple[int, int]
"""A file's size and modification time (ns), as ``os.stat`` gives them."""


@dataclass(frozen=True)
class Stamp:
    """What the index was made from: the graph file's name, size, time and SHA-256, and where
    and when the system last saw it changed (``file_id``: see ``files.file_id``)."""

    name: str
    size: int
    mtime_ns: int
    sha256: str
    file_id: str = ""


def lock_timeout() -> float:
    """How long to wait for another vanban's lock on an index: $VANBAN_LOCK_TIMEOUT s, else 60."""
    try:
        timeout = float(os.environ.get("VANBAN_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0
    return timeout if 0 <= timeout < 1e9 else 60.0


def _busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` says another connection holds the lock ("database is locked")."""
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


class LockWait:
    """A command's waits for the lock of the index of ``graph`` that another vanban holds while
    it writes: said once on the first wait (a :class:`Notice`), and all of them together bounded
    by the lock timeout, past which the command stops with one line. Readers wait so, and so
    does a writer (``parse -o``, ``--update``) for its write lock."""

    def __init__(self, graph: Path, timeout: float | None = None) -> None:
        self.graph = graph
        self.timeout = lock_timeout() if timeout is None else timeout
        self.deadline: float | None = None

    def run(self, connection: sqlite3.Connection, statement: str) -> None:
        """Run ``statement``; while the index is locked, wait for it, saying so the first time."""
        try:
            connection.execute("PRAGMA busy_timeout = 0")
            try:
                connection.execute(statement)
                return
            except sqlite3.OperationalError as error:
                if not _busy(error):
                    raise
            if self.deadline is None:
                warnings.warn(
                    Notice(
                        "{graph}: the index is being written by another vanban; waiting up to "
                        "{seconds} s (VANBAN_LOCK_TIMEOUT)",
                        graph=self.graph,
                        seconds=f"{self.timeout:g}",
                    ),
                    stacklevel=2,
                )
                self.deadline = time.monotonic() + self.timeout
            left = max(0.0, self.deadline - time.monotonic())
            connection.execute(f"PRAGMA busy_timeout = {int(left * 1000)}")
            try:
                connection.execute(statement)
            except sqlite3.OperationalError as error:
                if not _busy(error):
                    raise
                raise InputError(
                    "{graph}: the index {index} is still being written by another vanban after "
                    "{seconds} s; try again later (VANBAN_LOCK_TIMEOUT)",
                    graph=self.graph,
                    index=database_path(self.graph).name,
                    seconds=f"{self.timeout:g}",
                ) from None
        finally:
            with contextlib.suppress(sqlite3.Error):
                connection.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def until_readable(self, index: Path) -> None:
        """Wait until the file ``index`` can be read, when it is a database another vanban
        holds locked; anything else about it (no file, not a database) is for the caller."""
        if index.is_symlink() or not index.is_file():
            return
        uri = index.resolve().as_uri() + "?mode=ro"
        try:
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0)) as connection:
                self.run(connection, "SELECT count(*) FROM sqlite_master")
        except (sqlite3.Error, UnicodeDecodeError):  # SQLite's message of a damaged schema
            return


def connect(path: Path | str, timeout: float | None = None) -> sqlite3.Connection:
    """A connection that waits ``timeout`` s (default $VANBAN_LOCK_TIMEOUT, else 60) for a lock."""
    if timeout is None:
        timeout = lock_timeout()
    connection = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    return connection


@contextlib.contextmanager
def write_lock(graph: Path) -> Iterator[sqlite3.Connection]:
    """Hold the index's write lock for the whole block: one writer of a graph at a time.

    The block's changes to the index are committed when it ends normally, rolled back
    otherwise (the graph file is written atomically inside it, before the commit).
    """
    path = database_path(graph)
    set_aside(path)
    if path.is_symlink():
        raise OutputError(
            "{graph}: its index {index} is a symbolic link; vanban writes no file through a link",
            graph=graph,
            index=path.name,
        )
    connection: sqlite3.Connection | None = None
    try:
        connection = connect(path)
        LockWait(graph).run(connection, "BEGIN IMMEDIATE")  # said once while another writes
    except BaseException as error:
        if connection is not None:
            connection.close()
        if not isinstance(error, sqlite3.OperationalError):
            raise  # the wait ran out (one line), or was stopped
        raise OutputError(
            "{graph}: cannot lock its index {index} ({reason})",
            graph=graph,
            index=path.name,
            reason=error,
        ) from None
    try:
        yield connection
        connection.execute("COMMIT")
        seal(connection)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


SQLITE_HEADER = b"SQLite format 3\x00"
SET_ASIDE_SUFFIX = ".set-aside"
"""Added to the name of a file found where the index belongs that is not an index of vanban's
(``graph.db`` -> ``graph.db.set-aside``): kept for whoever put it there, never overwritten."""


def set_aside(index: Path) -> Path | None:
    """Move the file ``index`` aside (and return where to) when it is not an index vanban can
    make again in place: not a SQLite database, or one whose ``meta`` is not a table, or one
    holding tables and no ``meta`` (another program's). None when it is one, or is not there."""
    try:
        if index.is_symlink() or not index.is_file() or index.stat().st_size == 0:
            return None
        with index.open("rb") as stream:
            ours = stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        if ours:
            uri = index.resolve().as_uri() + "?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0)) as connection:
                kinds = dict(connection.execute("SELECT name, type FROM sqlite_master").fetchall())
            ours = kinds.get("meta") == "table" or not kinds
    except sqlite3.DatabaseError as error:
        if _busy(error):
            return None  # another vanban holds it while it writes: an index, not to be moved
        ours = False
    except UnicodeDecodeError:  # a schema so damaged that SQLite's message is not UTF-8
        ours = False
    except OSError:
        return None  # unreadable: opening it says so
    if ours:
        return None
    aside = index.with_name(index.name + SET_ASIDE_SUFFIX)
    try:
        os.replace(index, aside)
    except OSError:
        return None
    warnings.warn(
        Notice(
            "{index}: not an index vanban made; moved aside to {aside}, and a new one made",
            index=index,
            aside=aside.name,
        ),
        stacklevel=2,
    )
    return aside


def _file_of(connection: sqlite3.Connection) -> str:
    """The file of the connection's database; "" for one in memory."""
    return str(connection.execute("PRAGMA database_list").fetchone()[2] or "")


def _change_counter(file: str) -> int:
    """The count of changes SQLite keeps in a database file's header (bytes 24-27): one more
    for each transaction that wrote the file."""
    with open(file, "rb") as stream:
        header = stream.read(28)
    return int.from_bytes(header[24:28], "big") if len(header) == 28 else -1


def seal(connection: sqlite3.Connection) -> None:
    """Record in the index the count of changes its file will hold once this is written. A
    change made to the file by any other program after (an edit with sqlite3, a forged row)
    counts one more, and :func:`sealed` is then false: the index is made again from the graph
    file. Runs in a transaction of its own, after the one that filled the index."""
    file = _file_of(connection)
    if not file:
        return
    if sealed(connection):
        return  # nothing written since it was sealed: the file is left as it is
    with contextlib.suppress(sqlite3.Error, OSError):
        connection.execute("BEGIN IMMEDIATE")
        try:
            count = _change_counter(file) + 1
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('seal', ?)", (str(count),))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def sealed(connection: sqlite3.Connection) -> bool:
    """Whether the index is as vanban last wrote it (see :func:`seal`)."""
    try:
        file = _file_of(connection)
        if not file:
            return False
        started = not connection.in_transaction
        if started:
            connection.execute("BEGIN")
        try:  # the count read under the read lock: no writer can change it meanwhile
            rows = connection.execute("SELECT value FROM meta WHERE key = 'seal'").fetchall()
            count = _change_counter(file)
        finally:
            if started:
                connection.execute("COMMIT")
    except (sqlite3.Error, OSError):
        return False
    return bool(rows) and rows[0][0] == str(count)


def stamp_of(connection: sqlite3.Connection) -> Stamp | None:
    """The stamp the index holds; None when it is empty, of another version, or damaged."""
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return None
        values = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        return Stamp(
            values["graph"],
            int(values["size"]),
            int(values["mtime_ns"]),
            values["sha256"],
            str(values.get("file_id", "")),
        )
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        return None


def fill(
    connection: sqlite3.Connection,
    graph: CitationGraph,
    stamp: Stamp,
    records: Records | None = None,
    files: Mapping[str, FileStamp] | None = None,
    texts: Mapping[str, str] | None = None,
) -> None:
    """Replace everything in the index by ``graph``, its paths as ``records`` write them (as
    they are, by default: a graph read from its file). ``files`` are the size and time of the
    documents' files when they were last read (``--update`` reads again only those that
    changed). Runs inside the caller's transaction.
    """
    loader = Loader(connection, graph, records or Records(), files, texts)
    for _ in itertools.chain(loader.sources(), loader.documents(), loader.edges()):
        pass
    loader.finish(stamp)


class Loader:
    """Fills the index with a graph's records as they are made, so that a graph being written
    makes each source and document into plain data once, for its file and its index alike:
    :meth:`sources`, :meth:`documents` and :meth:`edges` give the records in the order the file
    holds them, indexing each as it is made; then :meth:`finish` with the written file's stamp.
    Runs inside the caller's transaction. An error of the database stops the loading, not the
    caller; :meth:`finish` raises it."""

    _BATCH = 2000
    """Rows gathered before they are inserted."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        graph: CitationGraph,
        records: Records,
        files: Mapping[str, FileStamp] | None = None,
        texts: Mapping[str, str] | None = None,
        fresh: bool = True,
        written: bool = False,
    ) -> None:
        self.connection, self.graph, self.records, self.files = connection, graph, records, files
        self.texts = texts or {}
        self.error: sqlite3.Error | None = None
        self.fresh = fresh
        """Whether the index is filled from empty (else its rows are changed in place)."""
        self.written = written
        """Whether the graph file is the one written with these records (not a file read)."""
        self._rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERTS}
        self._pending = 0
        if fresh:
            try:
                _empty(connection)
            except sqlite3.Error as error:
                self.error = error

    def sources(self) -> Iterator[dict[str, Any]]:
        """Each source's plain data, the source indexed."""
        for position, source in enumerate(self.graph.sources):
            record = self.records.source(source)
            self._source(position, source, record)
            yield record

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each document node's key and plain data (without its id), in order of keys, the
        node indexed."""
        documents = self.graph.documents
        for key in sorted(documents):
            record = self.records.node(documents[key])
            self._node(documents[key], record)
            yield key, record

    def edges(self) -> Iterator[dict[str, Any]]:
        """Each edge's plain data, the edge indexed."""
        for edge in self.graph.edges:
            self._edge(edge)
            yield self.records.edge(edge)

    def _source(self, position: int, source: Source, record: dict[str, Any]) -> None:
        path = self.records.path(source.path)
        self._add(
            "sources",
            (
                position,
                path,
                source.id,
                source.kind,
                source.symbol,
                source.date,
                source.issuer,
                source.title,
                source.sha256,
                self.records.path(source.copy_of),
                _to_json(record),
            ),
        )
        references = self._rows["references"]
        for index, r in enumerate(source.references):
            references.append(
                (
                    position,
                    index,
                    source.id,
                    r.target,
                    path,
                    r.line,
                    r.column,
                    r.footnote,
                    r.text,
                    r.kind,
                    r.symbol,
                    r.date,
                    r.issuer,
                    r.level,
                    r.section,
                    r.where,
                    r.context,
                )
            )
        self._pending += len(source.references)
        if not source.copy_of:
            seen: set[tuple[int, str]] = set()
            for reference in source.references:
                key = (reference.line, reference.context)
                if reference.context and key not in seen:
                    seen.add(key)
                    self._add(
                        "search",
                        (
                            fold_words(reference.context),
                            "context",
                            source.id,
                            path,
                            reference.line,
                            reference.context,
                        ),
                    )

    def _node(self, node: DocumentNode, record: dict[str, Any]) -> None:
        self._add("documents", _document_row(node, record))
        self._aliases(node)
        self._title(node)

    def _aliases(self, node: DocumentNode) -> None:
        documents = self.graph.documents
        for alias in (*node.aliases, *node.qualified_ids):
            if alias not in documents:
                self._add("aliases", (alias, node.id))

    def _title(self, node: DocumentNode) -> None:
        title = node.title or (node.registered.title if node.registered else None)
        if title:
            words = fold_words(" ".join(p for p in (node.kind, node.symbol, title) if p))
            self._add(
                "search", (words, "title", node.id, self.records.path(node.path), None, title)
            )

    def _edge(self, edge: Edge) -> None:
        self._add(
            "edges",
            (edge.source, edge.target, edge.relation, edge.line, self.records.path(edge.path)),
        )

    def finish(self, stamp: Stamp) -> None:
        """The last rows, the files read, the stamp of the graph file, and the indexes; raises
        the database's error if there was one."""
        self._flush()
        if self.error is None:
            try:
                keep_texts(self.connection, self.texts)
                self._meta(stamp)
            except sqlite3.Error as error:
                self.error = error
        if self.error is not None:
            raise self.error

    def _add(self, table: str, row: tuple[Any, ...]) -> None:
        self._rows[table].append(row)
        self._pending += 1
        if self._pending >= self._BATCH:
            self._flush()

    def _flush(self) -> None:
        self._pending = 0
        for table, rows in self._rows.items():
            if rows and self.error is None:
                try:
                    self.connection.executemany(_INSERTS[table], rows)
                except sqlite3.Error as error:
                    self.error = error
            rows.clear()

    def _meta(self, stamp: Stamp) -> None:
        connection, path = self.connection, self.records.path
        if not self.fresh:
            connection.execute("DELETE FROM files")
        connection.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
            ((path(name), size, mtime) for name, (size, mtime) in (self.files or {}).items()),
        )
        connection.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [
                ("graph", stamp.name),
                ("size", str(stamp.size)),
                ("mtime_ns", str(stamp.mtime_ns)),
                ("sha256", stamp.sha256),
                ("file_id", stamp.file_id),
                ("version", str(self.graph.version)),
                ("roots", json.dumps(self.records.roots(self.graph), ensure_ascii=False)),
                (WRITTEN, "1" if self.written else "0"),
            ],
        )
        if self.fresh:
            _run(connection, _INDEXES)


def fill_changes(
    connection: sqlite3.Connection,
    graph: CitationGraph,
    changes: GraphChanges,
    stamp: Stamp,
    records: Records,
    files: Mapping[str, FileStamp] | None = None,
    texts: Mapping[str, str] | None = None,
) -> None:
    """Bring an index of the graph ``changes.before`` to ``graph`` in place, changing only the
    rows of what ``changes`` says changed: the sources read again, added or removed (with
    their references and the sentences searched), the document nodes made, changed or gone
    (with their titles searched); the aliases, edges, files and stamp are written again
    whole (small rows, and an alias depends on every id). The index ends as :func:`fill`
    would leave it, its rows in another order. Runs inside the caller's transaction."""
    loader = Loader(connection, graph, records, files, texts, fresh=False, written=True)
    path = records.path
    gone_paths = {path(p) for p in changes.sources_gone}
    gone_ids = changes.documents_gone | set(changes.documents)
    connection.execute(  # the rows are looked at by SQLite, not each made a Python tuple
        "DELETE FROM search WHERE (what = 'context' AND path IN (SELECT value FROM json_each(?)))"
        " OR (what = 'title' AND document IN (SELECT value FROM json_each(?)))",
        (_to_json(sorted(gone_paths)), _to_json(sorted(gone_ids))),
    )
    for position in changes.positions_gone:
        connection.execute("DELETE FROM sources WHERE position = ?", (position,))
        connection.execute('DELETE FROM "references" WHERE source = ?', (position,))
    if changes.moved_positions:  # sources kept whose position changed: through negatives
        moved = list(changes.moved_positions.items())
        connection.executemany(
            "UPDATE sources SET position = ? WHERE position = ?",
            ((-1 - new, old) for old, new in moved),
        )
        connection.executemany(
            'UPDATE "references" SET source = ? WHERE source = ?',
            ((-1 - new, old) for old, new in moved),
        )
        connection.execute("UPDATE sources SET position = -1 - position WHERE position < 0")
        connection.execute('UPDATE "references" SET source = -1 - source WHERE source < 0')
    for position in changes.sources:
        source = graph.sources[position]
        loader._source(position, source, records.source(source))
    connection.executemany("DELETE FROM documents WHERE id = ?", ((i,) for i in gone_ids))
    documents = graph.documents
    for key in changes.documents:
        node = documents[key]
        loader._add("documents", _document_row(node, records.node(node)))
        loader._title(node)
    loader._flush()
    connection.execute("DELETE FROM aliases")
    connection.execute("DELETE FROM edges")
    for key in sorted(documents):
        loader._aliases(documents[key])
    for edge in graph.edges:
        loader._edge(edge)
    loader.finish(stamp)


@dataclass(frozen=True)
class GraphChanges:
    """What differs between a graph as its index holds it (``before``) and the graph that
    replaces it, by place: see :func:`fill_changes`."""

    sources: list[int]
    """Positions, in the new graph, of the sources to write (new or changed)."""
    sources_gone: set[str | None]
    """Paths of the sources whose rows go (changed or removed)."""
    positions_gone: list[int]
    """Their positions in the index."""
    moved_positions: dict[int, int]
    """Old position -> new position of the sources kept as they were, where it changed."""
    documents: list[str]
    """Ids of the document nodes to write (new or changed)."""
    documents_gone: set[str]
    """Ids of the nodes no longer in the graph."""


_INSERTS = {
    "documents": (
        "INSERT INTO documents VALUES "
        f"({', '.join('?' * (len(_DOCUMENT_COLUMNS) + len(_DERIVED_COLUMNS)))})"
    ),
    "aliases": "INSERT OR IGNORE INTO aliases VALUES (?, ?)",
    "sources": f"INSERT INTO sources VALUES ({', '.join('?' * 11)})",
    "references": f'INSERT INTO "references" VALUES ({", ".join("?" * 17)})',
    "edges": "INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
    "search": "INSERT INTO search VALUES (?, ?, ?, ?, ?, ?)",
}
"""How a row of each table is inserted."""


def _empty(connection: sqlite3.Connection) -> None:
    """The index's tables, made when missing or of another version, emptied, without their
    indexes (rows load faster into tables without indexes; the indexes are made once, after)."""
    existing = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if stamp_of(connection) is None or "search" not in existing:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        kept = _KEPT_TABLES if version == SCHEMA_VERSION else ()
        for name in sorted(existing):
            if not name.startswith(("sqlite_", "search_", "fulltext_")) and name not in kept:
                connection.execute(f'DROP TABLE IF EXISTS "{name}"')
        _run(connection, _TABLES)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    _run(connection, _TEXT_TABLES)
    for (index,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall():
        connection.execute(f'DROP INDEX IF EXISTS "{index}"')
    tables = ("meta", "files", "documents", "aliases", "sources", '"references"', "edges", "search")
    for table in tables:
        connection.execute(f"DELETE FROM {table}")


def _run(connection: sqlite3.Connection, statements: str) -> None:
    for statement in statements.split(";"):
        if statement.strip():  # one by one: executescript would end the transaction
            connection.execute(statement)


def compressed(text: str) -> bytes:
    """A whole text as the index keeps it (its ``texts.body``): UTF-8, zlib-compressed."""
    return zlib.compress(text.encode("utf-8"), 6)


class CompressedTexts(Mapping[str, str]):
    """Whole texts by their SHA-256, each held compressed as the index keeps it (a tenth of
    the memory of the text), and given back whole when read. The texts of an archive are held
    from the moment each document is read until the index is written: at 20,000 documents,
    hundreds of megabytes as text."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}

    def add(self, sha256: str, body: bytes) -> None:
        """Keep the text of SHA-256 ``sha256`` whose :func:`compressed` form is ``body``."""
        self._bodies.setdefault(sha256, body)

    def update_from(self, other: CompressedTexts) -> None:
        for sha256, body in other._bodies.items():
            self.add(sha256, body)

    def body(self, sha256: str) -> bytes:
        return self._bodies[sha256]

    def __getitem__(self, sha256: str) -> str:
        return zlib.decompress(self._bodies[sha256]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._bodies)

    def __len__(self) -> int:
        return len(self._bodies)


def keep_texts(connection: sqlite3.Connection, texts: Mapping[str, str]) -> None:
    """Index the whole ``texts`` (by SHA-256) not indexed yet, and remove those of no source
    any more (the sources are in the index already)."""
    for sha256 in texts:
        if connection.execute("SELECT 1 FROM texts WHERE sha256 = ?", (sha256,)).fetchone():
            continue
        text = texts[sha256]
        body = texts.body(sha256) if isinstance(texts, CompressedTexts) else compressed(text)
        rowid = connection.execute(
            "INSERT INTO texts (sha256, body) VALUES (?, ?)", (sha256, body)
        ).lastrowid
        connection.execute("INSERT INTO fulltext (rowid, words) VALUES (?, ?)", (rowid, fold(text)))
    gone = connection.execute(
        "SELECT rowid, body FROM texts WHERE sha256 NOT IN "
        "(SELECT sha256 FROM sources WHERE sha256 IS NOT NULL)"
    ).fetchall()
    for rowid, body in gone:
        words = fold(zlib.decompress(body).decode("utf-8"))
        connection.execute(
            "INSERT INTO fulltext (fulltext, rowid, words) VALUES ('delete', ?, ?)", (rowid, words)
        )
        connection.execute("DELETE FROM texts WHERE rowid = ?", (rowid,))


def restamp(connection: sqlite3.Connection, stamp: Stamp) -> None:
    """Record a new time for the same bytes (the file was copied or touched)."""
    connection.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [("size", str(stamp.size)), ("mtime_ns", str(stamp.mtime_ns)), ("file_id", stamp.file_id)],
    )


def remember_file_id(connection: sqlite3.Connection, file_id: str) -> None:
    """Record ``file_id`` (the graph file found, by its SHA-256, to be the one the index was
    made from) in the stamp, so that the next query need not hash the file: an index made by
    an earlier vanban, or a file copied back, is hashed once. Left undone, silently, when
    another vanban holds the lock or the index cannot be written (a read-only share)."""
    with contextlib.suppress(sqlite3.Error, OSError):
        connection.execute("PRAGMA busy_timeout = 0")
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('file_id', ?)", (file_id,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        finally:
            connection.execute(f"PRAGMA busy_timeout = {int(lock_timeout() * 1000)}")
        seal(connection)


def forget_stamp(connection: sqlite3.Connection) -> None:
    """Have the next command make the index again (found damaged): its stamp is removed."""
    with contextlib.suppress(sqlite3.Error):
        connection.execute("DELETE FROM meta")


def lookup_key(text: str) -> str:
    """How an id or a symbol is looked up: accents, case and spaces aside, and however its
    letters are composed (a name typed in NFC finds a file name stored in NFD, as macOS
    writes them)."""
    return fold_words(unicodedata.normalize("NFC", text)).replace(" ", "")


def number_key(number: str | None) -> str:
    """A document number as looked up: "05" and "5" alike."""
    return (number or "").lstrip("0") or "0"


def _document_row(node: DocumentNode, values: dict[str, Any]) -> tuple[Any, ...]:
    get = values.get
    row = [get(column) for column in _DOCUMENT_COLUMNS]
    row[0] = node.id
    for position, convert in _CONVERTED:
        row[position] = convert(row[position])
    return (  # the columns of _DERIVED_COLUMNS, in order
        *row,
        len(node.cited_by),
        node.year_of,
        lookup_key(node.id),
        lookup_key(node.symbol or ""),
        number_key(node.number),
        *(
            _name_key(v or "")
            for v in (node.kind, node.kind_code, node.issuer, node.level, node.issuer_code)
        ),
        body_key(node.body),
    )


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    """:func:`fold_words` of a kind, code, issuer or level: few names, each met many times."""
    return fold_words(name)


# --- reading ------------------------------------------------------------------------------
#
# Rows are read by column name, each value's type checked: an index with the right stamp and
# the wrong content (damaged, or forged) raises DamagedIndex, never a wrong answer.


class DamagedIndex(ValueError):
    """The index does not hold what it was filled with (a damaged or forged file, a table
    missing): the graph file is to be read instead, and the index made again."""


_P = ParamSpec("_P")
_T = TypeVar("_T")
_R = TypeVar("_R")


def _reads(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """A function that reads the index: what it finds that is not as it was written raises
    :class:`DamagedIndex`. A mistake in calling SQLite (``sqlite3.ProgrammingError``) is the
    code's, not the index's, and is raised as it is."""

    @functools.wraps(function)
    def read(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return function(*args, **kwargs)
        except sqlite3.ProgrammingError:
            raise
        except (sqlite3.DatabaseError, RecordError, json.JSONDecodeError) as error:
            raise DamagedIndex(f"{function.__name__}: {error}") from error

    return read


def _select(
    connection: sqlite3.Connection, query: str, parameters: tuple[Any, ...] = ()
) -> list[sqlite3.Row]:
    """The rows of ``query``, each read by column name."""
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(query, parameters).fetchall()


def _text(row: sqlite3.Row, column: str) -> str:
    value = row[column]
    if type(value) is not str:
        raise DamagedIndex(f"{column}: expected text, found {value!r}")
    return value


def _optional_text(row: sqlite3.Row, column: str) -> str | None:
    value = row[column]
    if value is not None and type(value) is not str:
        raise DamagedIndex(f"{column}: expected text or null, found {value!r}")
    return value


def _integer(row: sqlite3.Row, column: str) -> int:
    value = row[column]
    if type(value) is not int:
        raise DamagedIndex(f"{column}: expected an integer, found {value!r}")
    return value


def _optional_integer(row: sqlite3.Row, column: str) -> int | None:
    value = row[column]
    if value is not None and type(value) is not int:
        raise DamagedIndex(f"{column}: expected an integer or null, found {value!r}")
    return value


_TEXT: frozenset[type] = frozenset({str})
_TEXT_OR_NULL: frozenset[type] = frozenset({str, type(None)})
_INTEGER: frozenset[type] = frozenset({int})
_INTEGER_OR_NULL: frozenset[type] = frozenset({int, type(None)})
_REAL: frozenset[type] = frozenset({float})
_EXPECTED = {
    _TEXT: "text",
    _TEXT_OR_NULL: "text or null",
    _INTEGER: "an integer",
    _INTEGER_OR_NULL: "an integer or null",
    _REAL: "a number",
}


class _Column(NamedTuple):
    """Where a field of a record is read from."""

    sql: str
    """The column, or an SQL expression over the table's columns."""
    types: frozenset[type]
    """The types its values may have."""
    convert: Callable[[Any], Any] | None = None
    """How a value is made the field's (None: it is taken as it is)."""


class _Reading(Generic[_R]):
    """How records of one type are read from the index: the one list of the column each field
    is read from, and what that column may hold. Rows are read a column at a time, by name,
    each column's types checked at once (a list of 460,000 documents reads as fast as plain
    rows). Made once, never changed."""

    __slots__ = ("_columns", "_record", "select")

    def __init__(
        self, record: Callable[..., _R], fields: tuple[str, ...], columns: Mapping[str, _Column]
    ) -> None:
        """``fields``: the record's, in the order it takes them; ``columns``: each field's
        column, by field name."""
        if tuple(columns) != fields:
            raise TypeError(f"{record}: the columns read are not its fields {fields}")
        self._record = record
        self._columns = columns
        self.select = ", ".join(
            column.sql if column.sql == name else f'{column.sql} AS "{name}"'
            for name, column in columns.items()
        )
        """The columns to select, each named as its field."""

    def read(
        self, connection: sqlite3.Connection, query: str, parameters: tuple[Any, ...] = ()
    ) -> list[_R]:
        """The records ``query`` selects (it selects :attr:`select`)."""
        with many_records():
            return self._read(connection.execute(query, parameters))

    def _read(self, cursor: sqlite3.Cursor) -> list[_R]:
        rows = cursor.fetchall()
        if not rows:
            return []
        names = [description[0] for description in cursor.description]
        by_name = dict(zip(names, zip(*rows, strict=True), strict=True))
        values: list[Iterable[Any]] = []
        for name, column in self._columns.items():
            found = by_name[name]
            if not set(map(type, found)) <= column.types:
                wrong = next(value for value in found if type(value) not in column.types)
                raise DamagedIndex(f"{name}: expected {_EXPECTED[column.types]}, found {wrong!r}")
            values.append(found if column.convert is None else map(column.convert, found))
        return list(map(self._record, *values))


def _flag(value: int) -> bool:
    if value not in (0, 1):
        raise DamagedIndex(f"expected 0 or 1, found {value!r}")
    return bool(value)


def _registered(value: str | None) -> Registered | None:
    return None if value is None else from_dict(Registered, json.loads(value), "registered")


@_reads
def documents(
    connection: sqlite3.Connection, where: str = "", parameters: tuple[Any, ...] = ()
) -> dict[str, DocumentNode]:
    """The document nodes, all or those the SQL condition ``where`` selects."""
    result: dict[str, DocumentNode] = {}
    query = f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents {where} ORDER BY id"
    for row in connection.execute(query, parameters):  # in order of ids, however rows were added
        values = dict(zip(_DOCUMENT_COLUMNS, row, strict=True))
        for column in _JSON_COLUMNS:
            values[column] = json.loads(values[column] or "[]")
        for column in _RECORD_COLUMNS:
            values[column] = json.loads(values[column]) if values[column] else None
        values["in_corpus"] = bool(values["in_corpus"])
        node = from_dict(DocumentNode, values, "documents")
        result[node.id] = node
    return result


_EDGE_COLUMNS = ("source", "target", "relation", "line", "path")


@_reads
def edges(
    connection: sqlite3.Connection, column: str | None = None, value: str | None = None
) -> list[Edge]:
    """All edges, or those whose ``source`` or ``target`` is ``value``."""
    query = f"SELECT {', '.join(_EDGE_COLUMNS)} FROM edges"
    if column in ("source", "target"):
        rows = connection.execute(f"{query} WHERE {column} = ? ORDER BY rowid", (value,))
    else:
        rows = connection.execute(f"{query} ORDER BY rowid")
    return [from_dict(Edge, dict(zip(_EDGE_COLUMNS, row, strict=True)), "edges") for row in rows]


@_reads
def sources(connection: sqlite3.Connection, of: str | None = None) -> list[Source]:
    """All sources, or those read as the document ``of``, in graph order."""
    where = "" if of is None else "WHERE id = ? "
    parameters = () if of is None else (of,)
    cursor = connection.cursor()  # each record read as it comes: at 20,000 documents their
    cursor.row_factory = sqlite3.Row  # JSON is hundreds of megabytes, never held whole
    rows = cursor.execute(f"SELECT record FROM sources {where}ORDER BY position", parameters)
    return [from_dict(Source, json.loads(_text(row, "record")), "sources") for row in rows]


@_reads
def file_stamps(connection: sqlite3.Connection) -> dict[str, FileStamp]:
    """The size and time of each document's file when it was last read (paths as in the graph
    file)."""
    stamps: dict[str, FileStamp] = {}
    for row in _select(connection, "SELECT path, size, mtime_ns FROM files"):
        path, size, mtime = row["path"], row["size"], row["mtime_ns"]
        if isinstance(path, str) and isinstance(size, int) and isinstance(mtime, int):
            stamps[path] = (size, mtime)
    return stamps


@_reads
def whole_graph(connection: sqlite3.Connection, with_edges: bool = True) -> CitationGraph:
    """The graph the index was filled from, every record checked as it is read; its paths as
    in the graph file. Without ``with_edges``, its edges are left out."""
    version = _meta(connection, "version") or "1"
    try:
        number = int(version)
    except ValueError:
        raise DamagedIndex(f"version: expected a number, found {version!r}") from None
    return CitationGraph(
        sources=sources(connection),
        documents=dict(sorted(documents(connection).items())),
        edges=edges(connection) if with_edges else [],
        roots=roots(connection),
        version=number,
    )


WRITTEN = "written"
"""The key of ``meta`` that says whether the graph file was written by vanban with the index
("1"), laid out as its writer lays it out, or read (``0``: a file from elsewhere, or edited):
only the first has its parts copied by an update (:mod:`vanban.storage.changes`)."""


def written_with(connection: sqlite3.Connection) -> bool:
    """Whether the index's graph file was written by vanban with it (see :data:`WRITTEN`)."""
    try:
        return _meta(connection, WRITTEN) == "1"
    except (sqlite3.Error, ValueError):
        return False


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    rows = _select(connection, "SELECT value FROM meta WHERE key = ?", (key,))
    return _optional_text(rows[0], "value") if rows else None


@_reads
def roots(connection: sqlite3.Connection) -> list[str]:
    """The folders the graph was made from."""
    found = json.loads(_meta(connection, "roots") or "[]")
    if not isinstance(found, list) or not all(isinstance(root, str) for root in found):
        raise DamagedIndex("roots: expected a list of text")
    return found


@_reads
def alias(connection: sqlite3.Connection, name: str) -> str | None:
    """The id of the document ``name`` is another id of."""
    rows = _select(connection, "SELECT id FROM aliases WHERE alias = ?", (name,))
    return _text(rows[0], "id") if rows else None


class ListRow(NamedTuple):
    """What ``list`` shows and filters on, and ``stats`` counts, of one document: fields of its
    node, read from the columns of the documents table of the same names."""

    id: str
    symbol: str | None
    kind: str | None
    kind_code: str | None
    issuer: str | None
    issuer_code: str | None
    level: str | None
    body: str | None
    date: str | None
    year_of: int | None
    """:attr:`DocumentNode.year_of`: of its date, else the one its symbol carries."""
    citations: int
    citing_documents: int
    in_corpus: bool
    title: str | None
    registered: Registered | None

    @classmethod
    def of(cls, node: DocumentNode) -> ListRow:
        return cls(
            id=node.id,
            symbol=node.symbol,
            kind=node.kind,
            kind_code=node.kind_code,
            issuer=node.issuer,
            issuer_code=node.issuer_code,
            level=node.level,
            body=node.body,
            date=node.date,
            year_of=node.year_of,
            citations=node.citations,
            citing_documents=len(node.cited_by),
            in_corpus=node.in_corpus,
            title=node.title,
            registered=node.registered,
        )


_LIST_ROWS = _Reading(
    ListRow,
    ListRow._fields,
    {
        "id": _Column("id", _TEXT),
        "symbol": _Column("symbol", _TEXT_OR_NULL),
        "kind": _Column("kind", _TEXT_OR_NULL),
        "kind_code": _Column("kind_code", _TEXT_OR_NULL),
        "issuer": _Column("issuer", _TEXT_OR_NULL),
        "issuer_code": _Column("issuer_code", _TEXT_OR_NULL),
        "level": _Column("level", _TEXT_OR_NULL),
        "body": _Column("body", _TEXT_OR_NULL),
        "date": _Column("date", _TEXT_OR_NULL),
        "year_of": _Column("year_of", _INTEGER_OR_NULL),
        "citations": _Column("citations", _INTEGER),
        "citing_documents": _Column("cited_by_count", _INTEGER),
        "in_corpus": _Column("in_corpus", _INTEGER, _flag),
        "title": _Column("title", _TEXT_OR_NULL),
        "registered": _Column("registered", _TEXT_OR_NULL, _registered),
    },
)


@_reads
def listed(
    connection: sqlite3.Connection, where: str = "", parameters: tuple[Any, ...] = ()
) -> list[ListRow]:
    """What ``list`` shows and filters on (no JSON to decode but the register's row), for every
    document or those the SQL condition ``where`` selects."""
    query = f"SELECT {_LIST_ROWS.select} FROM documents {where} ORDER BY id"
    return _LIST_ROWS.read(connection, query, parameters)


class Tally(NamedTuple):
    """The cited documents counted by the values ``stats`` shows them under."""

    kinds: Counter[str | None]
    issuers: Counter[tuple[str | None, str | None]]
    """By issuer code and committee level."""
    years: Counter[int | None]
    """By :attr:`DocumentNode.year_of`."""
    bodies: Counter[str | None]
    """By canonical body (:attr:`DocumentNode.body`)."""


@_reads
def cited_tally(connection: sqlite3.Connection) -> Tally:
    """The cited documents counted by SQLite (``GROUP BY``): no document row is read."""

    def grouped(columns: str) -> list[sqlite3.Row]:
        # the columns are given by the code, never by the user
        return _select(
            connection,
            f"SELECT {columns}, count(*) AS documents FROM documents WHERE citations > 0 "
            f"GROUP BY {columns}",
        )

    kinds: Counter[str | None] = Counter()
    for row in grouped("kind"):
        kinds[_optional_text(row, "kind")] += _integer(row, "documents")
    issuers: Counter[tuple[str | None, str | None]] = Counter()
    for row in grouped("issuer_code, level"):
        code, level = _optional_text(row, "issuer_code"), _optional_text(row, "level")
        issuers[code, level] += _integer(row, "documents")
    years: Counter[int | None] = Counter()
    for row in grouped("year_of"):
        years[_optional_integer(row, "year_of")] += _integer(row, "documents")
    bodies: Counter[str | None] = Counter()
    for row in grouped("body"):
        bodies[_optional_text(row, "body")] += _integer(row, "documents")
    return Tally(kinds, issuers, years, bodies)


class CitedDocument(NamedTuple):
    id: str
    citations: int


_CITED = _Reading(
    CitedDocument,
    CitedDocument._fields,
    {"id": _Column("id", _TEXT), "citations": _Column("citations", _INTEGER)},
)


@_reads
def most_cited(connection: sqlite3.Connection, top: int) -> list[CitedDocument]:
    """The ``top`` most cited documents' ids and citations, the most cited first."""
    query = (
        f"SELECT {_CITED.select} FROM documents WHERE citations > 0 "
        "ORDER BY citations DESC, id LIMIT ?"
    )
    return _CITED.read(connection, query, (top,))


class ReferenceCount(NamedTuple):
    references: int
    undated: int


@_reads
def reference_count(connection: sqlite3.Connection) -> ReferenceCount:
    """How many references, and how many of them undated."""
    (row,) = _select(
        connection,
        'SELECT count(*) AS total, count(*) - count(date) AS undated FROM "references"',
    )
    return ReferenceCount(_integer(row, "total"), _integer(row, "undated"))


@_reads
def row_count(connection: sqlite3.Connection, table: str) -> int:
    """How many rows ``table`` holds (a name given by the code, never by the user)."""
    (row,) = _select(connection, f"SELECT count(*) AS total FROM {table}")
    return _integer(row, "total")


@_reads
def cited_in_footnotes(connection: sqlite3.Connection) -> set[str]:
    """The ids of the documents cited in a footnote."""
    rows = _select(
        connection, 'SELECT DISTINCT target FROM "references" WHERE footnote IS NOT NULL'
    )
    return {_text(row, "target") for row in rows}


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


_OCCURRENCES = _Reading(
    Occurrence,
    tuple(f.name for f in fields(Occurrence)),
    {
        "source": _Column("citing", _TEXT),
        "path": _Column("path", _TEXT_OR_NULL),
        "line": _Column("line", _INTEGER),
        "text": _Column("text", _TEXT),
        "context": _Column("context", _TEXT),
        "footnote": _Column("footnote", _INTEGER_OR_NULL),
        "date": _Column("date", _TEXT_OR_NULL),
        "where": _Column('"where"', _TEXT_OR_NULL),
        "column": _Column('"column"', _INTEGER_OR_NULL),
    },
)


@_reads
def occurrences(connection: sqlite3.Connection, target: str) -> list[Occurrence]:
    """Where the document ``target`` is cited, in graph order."""
    query = f'SELECT {_OCCURRENCES.select} FROM "references" AS r WHERE target = ?'
    return _OCCURRENCES.read(connection, f"{query} ORDER BY r.source, r.position", (target,))


@dataclass(frozen=True)
class Hit:
    """One place a search found: a document's title, or the sentence a reference stands in."""

    what: str
    """``title``, ``context`` (a sentence a reference stands in) or ``text`` (a passage of a
    document's whole text)."""
    document: str
    path: str | None
    line: int | None
    text: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "document": self.document,
            "path": self.path,
            "line": self.line,
            "text": self.text,
        }


_HITS = _Reading(
    Hit,
    tuple(f.name for f in fields(Hit)),
    {
        "what": _Column("what", _TEXT),
        "document": _Column("document", _TEXT),
        "path": _Column("path", _TEXT_OR_NULL),
        "line": _Column("line", _INTEGER_OR_NULL),
        "text": _Column("text", _TEXT),
        "rank": _Column("rank", _REAL),
    },
)


class Found(NamedTuple):
    """What a search found: the first hits, best first, and how many there are in all."""

    hits: list[Hit]
    total: int


SNIPPET = 90
"""Characters of a document's text shown on each side of a word a search found in it."""


@_reads
def search(connection: sqlite3.Connection, words: str, limit: int = 20) -> Found:
    """Titles and reference sentences holding every word of ``words``, accents ignored, best
    first (FTS5 rank); then the documents whose whole text holds them and nothing else of which
    was found, each shown by the passage where the words stand."""
    tokens = [t for t in fold_words(words).replace('"', " ").split() if t]
    if not tokens:
        return Found([], 0)
    expression = " ".join(f'"{token}"' for token in tokens)
    query = f"SELECT {_HITS.select} FROM search WHERE search MATCH ?"
    hits = _HITS.read(connection, f"{query} ORDER BY rank, path, line LIMIT ?", (expression, limit))
    found = {
        document
        for (document,) in connection.execute(
            "SELECT DISTINCT document FROM search WHERE search MATCH ?", (expression,)
        )
    }
    (total,) = connection.execute(
        "SELECT count(*) FROM search WHERE search MATCH ?", (expression,)
    ).fetchone()
    texts = [
        (rowid, document, path, rank)
        for rowid, document, path, rank in connection.execute(
            "SELECT f.rowid, s.id, s.path, f.rank FROM fulltext AS f "
            "JOIN texts AS t ON t.rowid = f.rowid "
            "JOIN sources AS s ON s.position = (SELECT position FROM sources "
            "WHERE sha256 = t.sha256 ORDER BY copy_of IS NOT NULL, position LIMIT 1) "
            "WHERE fulltext MATCH ? ORDER BY f.rank, s.path",
            (expression,),
        )
        if document not in found
    ]
    for rowid, document, path, rank in texts[: max(0, limit - len(hits))]:
        (body,) = connection.execute("SELECT body FROM texts WHERE rowid = ?", (rowid,)).fetchone()
        line, passage = _passage(zlib.decompress(body).decode("utf-8"), tokens)
        hits.append(Hit("text", str(document), path, line, passage, float(rank)))
    return Found(hits, int(total) + len(texts))


def _passage(text: str, tokens: list[str]) -> tuple[int, str]:
    """The line where ``tokens`` stand in ``text`` (together if they ever are, else the longest
    of them alone), and that line, cut around them when it is long."""
    folded = fold(text)
    together = r"\W+".join(re.escape(t) for t in tokens)
    found = re.search(rf"(?<!\w){together}", folded) or re.search(
        rf"(?<!\w){re.escape(max(tokens, key=len))}", folded
    )
    start = found.start() if found else 0
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    low, high = max(line_start, start - SNIPPET), min(line_end, start + SNIPPET)
    passage = " ".join(text[low:high].split())
    passage = ("…" if low > line_start else "") + passage + ("…" if high < line_end else "")
    return text.count("\n", 0, start) + 1, passage
