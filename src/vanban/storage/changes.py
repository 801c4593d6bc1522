"""An updated graph written as what changed: the YAML made of the old file's unchanged parts and
the new parts, and the index changed in place (:func:`vanban.storage.database.fill_changes`).

``parse --update`` of one file used to write a graph of 2,000 documents whole: every source and
document made into plain data again, the YAML written again, every row of the index inserted
again. The sources and documents that did not change are the same bytes in the YAML, and the
same rows in the index: only the others are made. The result is the file and the index a whole
write makes (the tests and ``benchmarks/update.py --check`` compare them); wherever that cannot
be sure (an index not of the file as it is, a file not as vanban writes it, a path given twice),
:func:`write_changes` writes nothing and says so, and the graph is written whole.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import regex

from vanban.core.records import CitationGraph, Edge, Records
from vanban.storage import database
from vanban.storage.files import file_id, write_atomic
from vanban.storage.yaml_writer import _Emitter, write_yaml

_SOURCES = b"\nsources:\n"
_DOCUMENTS = b"\ndocuments:\n"
_EDGES = b"\nedges:\n"
# A document's entry begins where a line is indented by two spaces only: "  155-KH/TU:".
_ENTRY = regex.compile(rb"\n  (?! )")


def write_changes(
    path: Path,
    graph: CitationGraph,
    before: CitationGraph,
    connection: sqlite3.Connection,
    records: Records,
    files: Mapping[str, database.FileStamp] | None = None,
    texts: Mapping[str, str] | None = None,
) -> bool:
    """Write ``graph`` to the YAML graph file ``path`` and its index, which hold ``before``,
    by what changed; False (nothing written) when that cannot be done surely."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if not _index_of(connection, path, raw):
        return False
    changes = _changes(before, graph)
    if changes is None:
        return False
    parts = _old_parts(raw, before, records)
    if parts is None:
        return False
    sha256 = write_atomic(path, _pieces(graph, records, changes, parts), sole_writer=True)
    status = path.stat()
    stamp = database.Stamp(path.name, status.st_size, status.st_mtime_ns, sha256, file_id(status))
    database.fill_changes(connection, graph, changes, stamp, records, files, texts)
    return True


def _index_of(connection: sqlite3.Connection, path: Path, raw: bytes) -> bool:
    """Whether the index open on ``connection`` was made with the bytes ``raw`` of ``path``,
    written by vanban, and is as vanban left it."""
    stamp = database.stamp_of(connection)
    return (
        stamp is not None
        and stamp.name == path.name
        and stamp.size == len(raw)
        and stamp.sha256 == hashlib.sha256(raw).hexdigest()
        and database.sealed(connection)
        and database.written_with(connection)  # laid out by vanban, not edited by hand
    )


def _changes(before: CitationGraph, graph: CitationGraph) -> database.GraphChanges | None:
    """What differs from ``before`` to ``graph``; None when a source has no path, or two
    have the same, or a part of the new graph is empty (written otherwise; so is an empty
    part of the old file, which :func:`_old_parts` does not find)."""
    if before.version != graph.version:
        return None
    if not (graph.sources and graph.documents and graph.edges):
        return None
    old = {source.path: (position, source) for position, source in enumerate(before.sources)}
    new_paths = {source.path for source in graph.sources}
    if None in old or None in new_paths:
        return None
    if len(old) != len(before.sources) or len(new_paths) != len(graph.sources):
        return None
    written: list[int] = []
    moved: dict[int, int] = {}
    for position, source in enumerate(graph.sources):
        found = old.get(source.path)
        if found is not None and found[1] == source:
            if found[0] != position:
                moved[found[0]] = position
        else:
            written.append(position)
    kept = new_paths - {graph.sources[position].path for position in written}
    gone = {path: position for path, (position, _) in old.items() if path not in kept}
    nodes = graph.documents
    previous = before.documents
    return database.GraphChanges(
        sources=written,
        sources_gone=set(gone),
        positions_gone=sorted(gone.values()),
        moved_positions=moved,
        documents=sorted(key for key, node in nodes.items() if previous.get(key) != node),
        documents_gone={key for key in previous if key not in nodes},
    )


@dataclass(frozen=True)
class _OldParts:
    """The byte ranges of a graph file vanban wrote: each source's item, each document's
    entry, and each edge's item when the old graph's edges are known."""

    raw: bytes
    sources: dict[str | None, memoryview]
    documents: dict[str, memoryview]
    edges: dict[Edge, memoryview]


def _old_parts(raw: bytes, before: CitationGraph, records: Records) -> _OldParts | None:
    """The parts of ``raw``, the graph file of ``before``; None when it is not laid out as
    vanban writes it (each part found where its id says)."""
    start, middle, end = raw.find(_SOURCES), raw.find(_DOCUMENTS), raw.find(_EDGES)
    if not 0 <= start < middle < end:
        return None
    view = memoryview(raw)
    emitter = _Emitter()
    sources: dict[str | None, memoryview] = {}
    cuts = _cuts(raw, b"\n- ", start + len(_SOURCES) - 1, middle + 1)
    if len(cuts) != len(before.sources) + 1:
        return None
    for index, source in enumerate(before.sources):
        item = view[cuts[index] : cuts[index + 1]]
        head = f"- path: {emitter.text(str(records.path(source.path)))}\n".encode()
        if bytes(item[: len(head)]) != head:
            return None
        sources[source.path] = item
    cuts = [m.start() + 1 for m in _ENTRY.finditer(raw, middle + len(_DOCUMENTS) - 1, end + 1)]
    cuts.append(end + 1)
    keys = sorted(before.documents)
    if len(cuts) != len(keys) + 1:
        return None
    documents: dict[str, memoryview] = {}
    for index, key in enumerate(keys):
        item = view[cuts[index] : cuts[index + 1]]
        if not bytes(item[: len(key) * 4 + 8]).startswith(f"  {emitter.text(key)}:".encode()):
            return None
        documents[key] = item
    return _OldParts(raw, sources, documents, _old_edges(raw, view, end, before, emitter))


def _old_edges(
    raw: bytes, view: memoryview, end: int, before: CitationGraph, emitter: _Emitter
) -> dict[Edge, memoryview]:
    """Each edge's item in ``raw`` (its edges section begins at ``end``), by the edge of
    ``before``; none when they are not known or not where they should be (they are made)."""
    cuts = _cuts(raw, b"\n- ", end + len(_EDGES) - 1, len(raw)) if before.edges else []
    if len(cuts) != len(before.edges) + 1:
        return {}
    edges: dict[Edge, memoryview] = {}
    for index, edge in enumerate(before.edges):
        item = view[cuts[index] : cuts[index + 1]]
        head = f"- source: {emitter.text(edge.source)}\n".encode()
        if bytes(item[: len(head)]) != head:
            return {}
        edges[edge] = item
    return edges


def _cuts(raw: bytes, mark: bytes, start: int, end: int) -> list[int]:
    """Where each item of a list at column 0 begins between ``start`` and ``end`` (each just
    after a line break), and ``end``."""
    cuts = []
    at = raw.find(mark, start, end)
    while at >= 0:
        cuts.append(at + 1)
        at = raw.find(mark, at + 1, end)
    cuts.append(end)
    return cuts


def _pieces(
    graph: CitationGraph, records: Records, changes: database.GraphChanges, parts: _OldParts
) -> Iterator[bytes | memoryview]:
    """The new graph file's bytes, piece by piece: what :func:`write_yaml` writes of it."""
    head: dict[str, object] = {"version": graph.version}
    if graph.roots:
        head["roots"] = records.roots(graph)
    lines: list[str] = []
    write_yaml(head, lines.append)
    yield "".join(lines).encode()
    yield b"sources:\n"
    emitter = _Emitter()
    written = set(changes.sources)
    for position, source in enumerate(graph.sources):
        if position in written:
            out: list[str] = []
            emitter.sequence([records.source(source)], "", out)
            yield "".join(out).encode()
        else:
            yield parts.sources[source.path]
    yield b"documents:\n"
    made = set(changes.documents)
    documents = graph.documents
    for key in sorted(documents):
        if key in made:
            out = []
            emitter.mapping({key: records.node(documents[key])}, "  ", out)
            yield "".join(out).encode()
        else:
            yield parts.documents[key]
    yield b"edges:\n"
    out = []
    old = parts.edges
    for edge in graph.edges:
        item = old.get(edge)
        if item is not None:
            if out:
                yield "".join(out).encode()
                out.clear()
            yield item
        else:
            emitter.sequence([records.edge(edge)], "", out)
    yield "".join(out).encode()
