"""Graph files: the one place a :class:`CitationGraph` is read from or written to disk.

A graph file is YAML (or JSON with the same structure, docs/schema.md). Paths in it are
relative to the file's own folder, with forward slashes, so an archive can be moved or shared
as a folder and read from anywhere; in memory they are relative to the current folder, as a
person would type them. Beside the file is its SQLite index (:mod:`vanban.database`), rebuilt
from the file whenever the two differ; queries read the index, and only the part they need.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import regex
import yaml

from vanban.core.bodies import body_level, canonical_body
from vanban.core.errors import GraphFormatError, InputError, OutputError
from vanban.core.records import (
    CitationGraph,
    RecordError,
    Records,
    is_day,
    many_records,
    rebase_node,
    rebase_source,
    rebased_edge,
)
from vanban.core.relations import is_relation_name
from vanban.readers.source import read_bytes
from vanban.storage import database
from vanban.storage.changes import write_changes
from vanban.storage.files import file_id, write_atomic
from vanban.storage.yaml_writer import Streamed, to_yaml, write_yaml, write_yaml_apart

try:  # the C parser when PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SCHEMA_VERSION = 1
"""Version of the graph files this vanban writes and the newest it reads."""


def dump_yaml(data: Any) -> str:
    """YAML text of plain data: block style, Unicode kept, keys in the order given."""
    return to_yaml(data)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(data: Any, write: Callable[[str], object]) -> None:
    """:func:`dump_json`, piece by piece through ``write``."""
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        write(piece)
    write("\n")


# --- paths ----------------------------------------------------------------------------------

PathMap = Callable[[str | None], str | None]


def _is_file_name(path: str | None) -> bool:
    """Whether ``path`` names a file ("<stdin>" does not)."""
    return bool(path) and not str(path).startswith("<")


def to_file_paths(folder: Path) -> PathMap:
    """Paths as a graph file in ``folder`` keeps them: relative to it, forward slashes."""
    base = os.path.abspath(folder)

    @functools.cache
    def convert(path: str | None) -> str | None:
        if not _is_file_name(path):
            return path
        absolute = os.path.abspath(str(path))
        try:
            relative = os.path.relpath(absolute, base)
        except ValueError:  # another drive (Windows)
            return Path(absolute).as_posix()
        return Path(relative).as_posix()

    return convert


def from_file_paths(folder: Path) -> PathMap:
    """Paths of a graph file in ``folder`` as seen from the current folder."""
    base = os.path.abspath(folder)
    here = os.getcwd()

    @functools.cache
    def convert(path: str | None) -> str | None:
        if not _is_file_name(path):
            return path
        posix = PurePosixPath(str(path))
        absolute = str(path) if posix.is_absolute() or Path(str(path)).is_absolute() else None
        absolute = absolute or os.path.normpath(os.path.join(base, *posix.parts))
        try:
            relative = os.path.relpath(absolute, here)
        except ValueError:
            return absolute
        return relative

    return convert


def rebase(graph: CitationGraph, convert: PathMap) -> CitationGraph:
    """The graph with every path it holds passed through ``convert`` (in place)."""
    graph.roots = [str(convert(r)) for r in graph.roots]
    for source in graph.sources:
        rebase_source(source, convert)
    for node in graph.documents.values():
        rebase_node(node, convert)
    graph.edges = [rebased_edge(edge, convert) for edge in graph.edges]
    return graph


# --- what a graph may have read ------------------------------------------------------------


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def _within(path: str, folder: str) -> bool:
    """Whether the real path ``path`` is ``folder`` or in it (on Windows, on its drive)."""
    if os.path.splitdrive(path)[0].lower() != os.path.splitdrive(folder)[0].lower():
        return False
    return os.path.commonpath([path, folder]) == folder


@dataclass(frozen=True)
class Reach:
    """The files vanban may read because a graph lists them: those in the graph file's own
    folder, and in the folders (or the files) named on the command line, every path compared
    once its links are followed. A graph (or its index) can list any path: ``/etc/passwd``,
    ``../../secret/id_rsa``, a link in the archive to a file elsewhere; ``site`` and ``parse
    --update`` read none of them. The folders a graph records as its roots are read only when
    they are in its folder, or named again."""

    folders: tuple[str, ...]
    """Real paths (links followed) of the graph's folder and of the paths named."""

    @classmethod
    def of(cls, graph: Path | None, named: Iterable[str | os.PathLike[str]] = ()) -> Reach:
        """The reach of the graph file ``graph`` (None: documents named, no graph) and the
        folders and files ``named`` with it."""
        home = [graph.parent if str(graph.parent) else Path(".")] if graph is not None else []
        return cls(tuple(dict.fromkeys(_real(path) for path in [*home, *named])))

    def holds(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path``, its links followed, is in one of the folders (or is a file) of
        the reach."""
        real = _real(path)
        return any(_within(real, folder) for folder in self.folders)

    def outside(self, path: str | os.PathLike[str]) -> InputError:
        """The error that says ``path`` is not read."""
        return InputError(
            "{path}: outside the graph's folder and the folders named on the command line (or "
            "a link leading out of them); not read",
            path=path,
        )


# --- reading --------------------------------------------------------------------------------


def _stamp(path: Path, raw: bytes | None = None) -> database.Stamp:
    status = path.stat()  # before the bytes are read: a change meanwhile is a new file_id
    if raw is None:
        raw = read_bytes(path, "graph file")
    sha256 = hashlib.sha256(raw).hexdigest()
    return database.Stamp(path.name, status.st_size, status.st_mtime_ns, sha256, file_id(status))


def parse_graph(raw: bytes, path: Path) -> CitationGraph:
    """The graph in the bytes of a graph file, every field checked; paths as in the file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "{path}: not UTF-8 text; a vanban graph is written in UTF-8", path=path
        ) from None
    data = _parse_text(text, path)
    _check_frame(data, path)
    try:
        graph = CitationGraph.from_dict(data)
        _check_targets(graph)
    except RecordError as error:
        raise GraphFormatError(
            "{path}: not a vanban graph ({error})", path=path, error=error
        ) from None
    _fill_bodies(graph)
    return graph


def _fill_bodies(graph: CitationGraph) -> None:
    """A graph written before nodes had a canonical ``body``: each node's taken from the
    issuer it kept (``parse --update`` gathers it again from every reference)."""
    for node in graph.documents.values():
        if node.body is None and node.issuer:
            node.body = canonical_body(node.issuer)
            node.body_level = body_level(node.body)


def _parse_text(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise GraphFormatError(
                "{path}: not a vanban graph (invalid JSON: {reason})", path=path, reason=error.msg
            ) from None
        except ValueError as error:  # an integer of more digits than Python converts
            raise _unreadable_number(path, error) from None
    if _has_aliases(text):
        raise GraphFormatError(
            "{path}: not a vanban graph (it uses YAML anchors and aliases, which vanban never "
            "writes and which can make a small file expand without bound)",
            path=path,
        )
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise GraphFormatError(
            "{path}: not a vanban graph ({problem})", path=path, problem=problem
        ) from None
    except ValueError as error:
        raise _unreadable_number(path, error) from None


def _unreadable_number(path: Path, error: ValueError) -> GraphFormatError:
    """A graph refused for a value the loader cannot convert: an integer of 5,000 digits
    ("Exceeds the limit (4300 digits) for integer string conversion"), said in its first
    clause."""
    return GraphFormatError(
        "{path}: not a vanban graph ({problem})", path=path, problem=str(error).split(";")[0]
    )


_NODE_MARK = regex.compile(r"(?m)(?:^[ ]*(?:-[ ]+)*|:[ ]+|[\[{,][ ]*)[&*][^\s,\[\]{}]")
"""Where an anchor (&a) or an alias (*a) could stand; the YAML parser then says if one does."""


def _has_aliases(text: str) -> bool:
    if ("&" not in text and "*" not in text) or not _NODE_MARK.search(text):
        return False
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return False  # the loader then says what is wrong
    return False


def _check_frame(data: Any, path: Path) -> None:
    if not isinstance(data, dict) or "documents" not in data or "sources" not in data:
        raise GraphFormatError(
            "{path}: not a vanban graph (no 'sources' and 'documents')", path=path
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise GraphFormatError("{path}: not a vanban graph (no schema 'version')", path=path)
    if version > SCHEMA_VERSION:
        raise GraphFormatError(
            "{path}: graph schema version {version} is newer than this vanban reads "
            "({supported}); upgrade vanban",
            path=path,
            version=version,
            supported=SCHEMA_VERSION,
        )


def _check_targets(graph: CitationGraph) -> None:
    """What the types cannot say: ids that name documents, dates that are days."""
    ids = graph.documents.keys()
    for i, source in enumerate(graph.sources):
        _check_date(source.date, f"sources[{i}].date")
        for j, reference in enumerate(source.references):
            if reference.target not in ids:
                raise RecordError(
                    f"sources[{i}].references[{j}].target: no document {reference.target!r}"
                )
            _check_date(reference.date, f"sources[{i}].references[{j}].date")
    for key, node in graph.documents.items():
        _check_date(node.date, f"documents[{key!r}].date")
    for i, edge in enumerate(graph.edges):
        for end, value in (("source", edge.source), ("target", edge.target)):
            if value not in ids:
                raise RecordError(f"edges[{i}].{end}: no document {value!r}")
        _check_relation(edge.relation, f"edges[{i}].relation")
    for i, source in enumerate(graph.sources):
        for j, relation in enumerate(source.relations):
            _check_relation(relation.relation, f"sources[{i}].relations[{j}].relation")


def _check_relation(name: str, where: str) -> None:
    if not is_relation_name(name):
        raise RecordError(
            f"{where}: {name!r:.40} is not a relation's name (letters, digits, hyphens)"
        )


def _check_date(value: str | None, where: str) -> None:
    if value is None:
        return
    if not is_day(value):
        raise RecordError(f"{where}: {value!r:.40} is not a date (YYYY-MM-DD)")


@many_records()
def load_graph(path: str | os.PathLike[str]) -> CitationGraph:
    """A whole graph file, checked; its paths as seen from the current folder.

    When the index beside it was made from these very bytes, the graph is read from the index:
    parsing YAML is slow (55 s for the 57 MB graph of 2,000 documents, against about 3 s).
    """
    return load_graph_and_files(Path(path))[0]


def load_graph_and_files(
    path: Path, with_edges: bool = True
) -> tuple[CitationGraph, dict[str, database.FileStamp]]:
    """:func:`load_graph`, and the size and time of each document's file when it was last read,
    as the index records them (none when the graph is read from its file). Without ``with_edges``,
    the index's are not read (an update makes them again): the graph may come without them."""
    raw = read_bytes(path, "graph file")
    indexed = _indexed(path, raw, with_edges)
    graph, files = indexed if indexed is not None else (parse_graph(raw, path), {})
    convert = from_file_paths(path.parent)
    return rebase(graph, convert), {str(convert(name)): stamp for name, stamp in files.items()}


def _indexed(
    path: Path, raw: bytes, with_edges: bool = True
) -> tuple[CitationGraph, dict[str, database.FileStamp]] | None:
    """The graph as the index of ``path`` holds it, with its files' stamps, if that index was
    made from ``raw``; None when there is none, it is of another file or version, or anything
    in it is not right."""
    try:
        with _reading_index(path) as (connection, stamp):
            if stamp.size != len(raw) or stamp.sha256 != hashlib.sha256(raw).hexdigest():
                return None
            if not database.sealed(connection):
                return None
            graph = database.whole_graph(connection, with_edges)
            files = database.file_stamps(connection)
        _check_targets(graph)
    except (
        _NoIndex,
        sqlite3.Error,
        RecordError,
        GraphFormatError,
        ValueError,
        TypeError,
        KeyError,
    ):
        return None
    return graph, files


class _NoIndex(Exception):
    """The graph file has no index of its own to read (see :func:`_reading_index`)."""


@contextlib.contextmanager
def _reading_index(path: Path) -> Iterator[tuple[sqlite3.Connection, database.Stamp]]:
    """The index of the graph file ``path``, opened read-only, and its stamp; raises
    :class:`_NoIndex` when there is none (a JSON graph, a link, no file) or it is of another
    file or version."""
    index = database.database_path(path)
    if path.suffix.lower() == ".json" or index.is_symlink() or not index.is_file():
        raise _NoIndex
    uri = index.resolve().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        stamp = database.stamp_of(connection)
        if stamp is None or stamp.name != path.name:
            raise _NoIndex
        yield connection, stamp


def indexed_files(
    path: Path,
) -> tuple[list[str], list[str | None], dict[str, database.FileStamp]] | None:
    """What the index of the graph file ``path`` says of the files it was made from: the
    folders, each source's path, and the size and time of each document's file when it was
    last read; paths as seen from here. None unless the index is of the graph file as it is now
    (its name, size, time and content, as queries trust it)."""
    try:
        status = path.stat()
        with _reading_index(path) as (connection, stamp):
            if (stamp.size, stamp.mtime_ns) != (status.st_size, status.st_mtime_ns):
                return None
            if not _trusted(connection, path, stamp):
                return None
            roots = database.roots(connection)
            paths = [row[0] for row in connection.execute("SELECT path FROM sources")]
            files = database.file_stamps(connection)
    except (_NoIndex, OSError, sqlite3.Error, ValueError):
        return None
    if not all(item is None or isinstance(item, str) for item in paths):
        return None
    convert = from_file_paths(path.parent)
    return (
        [str(convert(root)) for root in roots],
        [convert(source) for source in paths],
        {str(convert(name)): stamp for name, stamp in files.items()},
    )


@contextlib.contextmanager
def open_index(path: Path) -> Iterator[sqlite3.Connection]:
    """The index of the graph file ``path``, brought up to date with it first.

    The index is trusted when it was made from the graph file's very bytes (their SHA-256; the
    file's name, size and time alone can be kept by any edit) and no other program changed it
    since (:func:`database.sealed`); else it is made again. A file there that is not an index
    at all is set aside first (:func:`database.set_aside`). When the folder cannot hold an
    index (a read-only share), one is built in memory.
    """
    status = _status(path)
    index = database.database_path(path)
    waits = database.LockWait(path)
    try:
        if index.is_symlink():
            raise sqlite3.OperationalError("the index is a symbolic link")
        waits.until_readable(index)
        database.set_aside(index)
        connection = database.connect(index)
    except sqlite3.Error:
        connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        stamp = database.stamp_of(connection)
        same_file = stamp is not None and (stamp.name, stamp.size, stamp.mtime_ns) == (
            path.name,
            status.st_size,
            status.st_mtime_ns,
        )
        if not (same_file and stamp is not None and _trusted(connection, path, stamp)):
            connection = _refresh(connection, path, waits)
        elif stamp is not None and stamp.file_id != (known := file_id(status)) and known:
            database.remember_file_id(connection, known)  # found the same by its hash
        yield connection
    finally:
        connection.close()


def _trusted(connection: sqlite3.Connection, path: Path, stamp: database.Stamp) -> bool:
    """Whether the index holding ``stamp`` was made from the graph file ``path`` as it is, and
    is as it was made."""
    if not database.sealed(connection):
        return False
    if stamp.file_id:
        with contextlib.suppress(OSError):
            if stamp.file_id == file_id(path.stat()):
                return True
    return stamp.sha256 == _sha256_of(path)


def _sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (0.06 s for a graph of 60 MB)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _refresh(
    connection: sqlite3.Connection, path: Path, waits: database.LockWait | None = None
) -> sqlite3.Connection:
    """Bring the index up to date with the graph file (in memory when it cannot be written);
    while another vanban writes it, wait for it (``waits``)."""
    raw = read_bytes(path, "graph file")
    now = _stamp(path, raw)
    try:
        (waits or database.LockWait(path)).run(connection, "BEGIN IMMEDIATE")
    except sqlite3.Error:
        connection.close()
        connection = sqlite3.connect(":memory:", isolation_level=None)
        connection.execute("BEGIN")
    try:
        current = database.stamp_of(connection)
        same = current is not None and (current.name, current.sha256) == (now.name, now.sha256)
        if same and database.sealed(connection):  # the same bytes, copied or touched
            database.restamp(connection, now)
        else:
            database.fill(connection, parse_graph(raw, path), now)
        connection.execute("COMMIT")
        database.seal(connection)
    except sqlite3.Error:  # a damaged or read-only index: build one in memory
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        connection.close()
        connection = sqlite3.connect(":memory:", isolation_level=None)
        database.fill(connection, parse_graph(raw, path), now)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        connection.close()
        raise
    return connection


def _status(path: Path) -> os.stat_result:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError("{path}: no such file", path=path) from None
    except OSError as error:
        raise InputError(
            "{path}: cannot be read ({reason})", path=path, reason=error.strerror or error
        ) from None
    if not path.is_file():
        raise InputError("{path}: is not a graph file", path=path)
    return status


# --- writing --------------------------------------------------------------------------------


def graph_text(graph: CitationGraph, as_json: bool = False) -> str:
    data = graph.to_dict()
    return dump_json(data) if as_json else dump_yaml(data)


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the write lock of the graph ``path`` (its index's) while the block reads and
    writes it; a second writer waits. A folder that cannot be written fails here."""
    if path.is_dir():
        raise OutputError("{path}: is a folder; give a file name for the output", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("{path}: folder {directory} does not exist", path=path, directory=folder)
    with database.write_lock(path) as connection:
        yield connection


@many_records()
def write_graph(
    path: str | os.PathLike[str],
    graph: CitationGraph,
    as_json: bool = False,
    connection: sqlite3.Connection | None = None,
    files: Mapping[str, database.FileStamp] | None = None,
    texts: Mapping[str, str] | None = None,
    before: CitationGraph | None = None,
) -> None:
    """Write ``graph`` (paths as seen from here) to ``path`` atomically, and its index.

    ``connection`` is the lock of :func:`writing` when the caller already holds it; ``files``
    the size and time of documents' files as they were read (see :func:`database.fill`);
    ``texts`` the whole text of documents just read, by SHA-256, for the index's search (the
    index keeps those it holds already). ``before`` is the graph ``path`` and its index hold
    (an update's): only what changed since is made again, where that can be done surely
    (:func:`vanban.storage.changes.write_changes`).
    """
    path = Path(path)
    if connection is None:
        with writing(path) as held:
            write_graph(path, graph, as_json, held, files, texts, before)
        return
    records = Records(to_file_paths(path.parent))
    if before is not None and not as_json and path.suffix.lower() != ".json":
        try:
            if write_changes(path, graph, before, connection, records, files, texts):
                return
        except sqlite3.Error as error:
            raise OutputError(
                "{path}: the graph is written, its index is not ({error})", path=path, error=error
            ) from None
    finish: Callable[[database.Stamp], None]
    if as_json or path.suffix.lower() == ".json":
        content = functools.partial(write_json, rebase(_copy(graph), records.path).to_dict())
        sha256 = write_atomic(path, content, sole_writer=True)
        finish = functools.partial(
            database.fill, connection, graph, records=records, files=files, texts=texts
        )
    else:  # each record made once, for the file and the index
        loader = database.Loader(connection, graph, records, files, texts, written=True)
        data = _streamed(graph, records, loader)
        if sum(len(source.references) for source in graph.sources) >= WRITE_APART_FROM:
            sha256 = write_yaml_apart(path, data, sole_writer=True)
        else:
            sha256 = write_atomic(path, functools.partial(write_yaml, data), sole_writer=True)
        finish = loader.finish
    status = path.stat()
    try:
        finish(
            database.Stamp(path.name, status.st_size, status.st_mtime_ns, sha256, file_id(status))
        )
    except sqlite3.Error as error:
        raise OutputError(
            "{path}: the graph is written, its index is not ({error})", path=path, error=error
        ) from None


WRITE_APART_FROM = 10_000
"""References in a graph from which its YAML is written by a second process while this one
makes the records and fills the index (below, starting that process costs more than it saves)."""


def _streamed(graph: CitationGraph, records: Records, loader: database.Loader) -> dict[str, Any]:
    """The graph as written (``graph.to_dict()`` of its paths on disk), its sources, documents
    and edges made one at a time as the writer reaches them, each indexed by ``loader`` as it
    is made."""
    data: dict[str, Any] = {"version": graph.version}
    if graph.roots:
        data["roots"] = records.roots(graph)
    data["sources"] = Streamed(loader.sources, len(graph.sources))
    data["documents"] = Streamed(loader.documents, len(graph.documents), mapping=True)
    data["edges"] = Streamed(loader.edges, len(graph.edges))
    return data


def _copy(graph: CitationGraph) -> CitationGraph:
    """A copy whose paths can be changed without touching ``graph``."""
    sources = [dataclasses.replace(s) for s in graph.sources]  # shallow: only paths change
    documents = {k: dataclasses.replace(n) for k, n in graph.documents.items()}
    return CitationGraph(sources, documents, list(graph.edges), list(graph.roots), graph.version)
