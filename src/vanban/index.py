"""Read many files: walk folders, parse each file, keep going past the bad ones."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, VanbanError
from .graph import build_graph
from .io import decode, load_graph_data
from .model import CitationGraph, ParsedDocument
from .parse import content_hash, parse_file, parse_text
from .readers import DOCUMENT_SUFFIXES, read_file
from .restore import document_from_source


@dataclass
class IndexResult:
    """The graph of what could be read, and what was skipped with the reason."""

    graph: CitationGraph
    documents: list[ParsedDocument]
    skipped: list[str] = field(default_factory=list)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Document files named or found under folders (recursively), sorted; and problems."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(f"{path}: no documents ({', '.join(DOCUMENT_SUFFIXES)}) in folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    unique = sorted(set(files), key=lambda p: str(p))
    return unique, problems


def _parse_one(path: Path, encoding: str | None = None) -> ParsedDocument | str:
    try:
        return parse_file(path, encoding=encoding)
    except VanbanError as error:
        return str(error)
    except RecursionError:  # pragma: no cover - defensive
        return f"{path}: too deeply nested to parse"


def parse_many(
    files: list[Path],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> tuple[list[ParsedDocument], list[str]]:
    """Parse ``files``, in parallel when there are many; the result is in file order."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    results: list[ParsedDocument | str]
    if workers <= 1 or len(files) < 16:
        results = []
        for path in files:
            results.append(_parse_one(path, encoding))
            if progress:
                progress(1)
    else:
        results = []
        chunk = max(1, min(64, len(files) // (workers * 4) or 1))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parse = functools.partial(_parse_one, encoding=encoding)
            for result in pool.map(parse, files, chunksize=chunk):
                results.append(result)
                if progress:
                    progress(1)
    documents = [r for r in results if isinstance(r, ParsedDocument)]
    skipped = [r for r in results if isinstance(r, str)]
    return documents, skipped


def index_paths(
    paths: Iterable[str | Path],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> IndexResult:
    """Parse every document named or found under ``paths`` into one graph.

    ``encoding`` forces one encoding for every file (default: detected per file).
    """
    files, problems = collect_files(paths)
    if not files:
        raise InputError("; ".join(problems) if problems else "no documents given")
    documents, skipped = parse_many(files, workers, progress, encoding)
    if not documents and len(files) == 1 and not problems:
        raise InputError(skipped[0])
    return IndexResult(build_graph(documents), documents, problems + skipped)


@dataclass
class UpdateResult:
    """The graph after ``--update``, and what changed."""

    graph: CitationGraph
    reused: int
    parsed: list[str]
    removed: list[str]
    skipped: list[str]


def update_index(
    graph_path: Path,
    paths: Iterable[str | Path] = (),
    workers: int | None = None,
) -> UpdateResult:
    """Re-read only the files whose content changed since ``graph_path`` was written.

    With ``paths``, files found there that the graph does not have yet are added; files the
    graph has that no longer exist are dropped.
    """
    data = load_graph_data(graph_path)
    previous = {str(s.get("path")): s for s in data["sources"] if s.get("path")}
    named = list(paths)
    files, problems = collect_files(named) if named else ([], [])
    listed = {str(p) for p in files}
    files += [Path(p) for p in previous if p not in listed and Path(p).is_file()]
    files.sort(key=str)
    removed = sorted(p for p in previous if not Path(p).is_file())
    kept: list[ParsedDocument] = []
    stale: list[Path] = []
    skipped = list(problems)
    for path in files:
        source = previous.get(str(path))
        if source is None:
            stale.append(path)
            continue
        try:
            text = read_file(path).text
        except VanbanError as error:
            skipped.append(str(error))
            continue
        if source.get("sha256") == content_hash(text):
            kept.append(document_from_source(source, f"{graph_path}: {path}"))
        else:
            stale.append(path)
    fresh, failed = parse_many(stale, workers)
    skipped.extend(failed)
    graph = build_graph(kept + fresh)
    return UpdateResult(graph, len(kept), [d.path or "" for d in fresh], removed, skipped)


def index_stdin(data: bytes, name: str = "<stdin>", encoding: str | None = None) -> IndexResult:
    """A graph of one document given as bytes (standard input); ``name`` stands for its path."""
    text = decode(data, name, encoding)
    if not text.strip():
        raise InputError(f"{name}: empty document")
    document = parse_text(text, path=name)
    return IndexResult(build_graph([document]), [document])
