"""Opening what a command queries: a graph file (through its index), or documents and folders
parsed on the fly."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from vanban.core.errors import InputError
from vanban.query.view import GraphFileView, MemoryView, View
from vanban.storage.graph_file import open_index, to_file_paths

GRAPH_SUFFIXES = (".yaml", ".yml", ".json")


def is_graph_file(path: Path) -> bool:
    """Whether ``path`` names a graph file (by its ending), not documents."""
    return path.suffix.lower() in GRAPH_SUFFIXES and not path.is_dir()


def graph_folder(paths: Iterable[str | Path]) -> Path | None:
    """The folder of the graph file when ``paths`` is one graph file (its paths are relative
    to it), else None."""
    items = [Path(p) for p in paths]
    return items[0].parent if len(items) == 1 and is_graph_file(items[0]) else None


def rows_from_folder(rows: list[dict[str, object]], folder: Path | None) -> list[dict[str, object]]:
    """Exported rows with their paths from ``folder`` (a graph file's), forward slashes, as the
    graph file holds them; as they are when ``folder`` is None."""
    if folder is None:
        return rows
    from_folder = to_file_paths(folder)
    for row in rows:
        for key in ("path", "copy_of"):
            value = row.get(key)
            if isinstance(value, str):
                row[key] = from_folder(value)
    return rows


@contextlib.contextmanager
def open_view(
    paths: Iterable[str | Path], workers: int | None = None
) -> Iterator[tuple[View, list[str]]]:
    """A graph file (read through its index), or documents and folders parsed on the fly;
    and what was skipped."""
    items = [Path(p) for p in paths]
    if len(items) == 1 and is_graph_file(items[0]):
        with open_index(items[0]) as connection:
            yield GraphFileView(connection, items[0]), []
        return
    if not items:
        raise InputError("no graph or documents given")
    graphs = [p for p in items if is_graph_file(p)]
    if graphs:
        raise InputError(
            "{path}: give one graph file, or documents and folders, not both", path=graphs[0]
        )
    from vanban.app.batch import index_paths  # the parser, imported only when documents are given

    result = index_paths(items, workers)
    yield MemoryView(result.graph, result.texts), result.skipped
