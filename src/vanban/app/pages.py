"""Pages for people, as a library user or the command line makes them: one document's page,
and the static archive of a whole graph.

Each use case joins the steps a page needs: the graph of what is shown, the office's register
when there is one, and the findings of ``check`` shown where they occur.

    from vanban.app.pages import page_of_file
    html = page_of_file("samples/ket-luan-thi-uy-la-gi-2023-12-08.txt")
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from vanban.app.documents import parse_file_laid_out
from vanban.checks.registry import run_checks, select_rules
from vanban.core.records import CitationGraph, ParsedDocument, TextLayout
from vanban.graph.build import build_graph
from vanban.output.pages import SiteResult, document_page, write_site
from vanban.query.view import MemoryView
from vanban.register.book import Register, merge
from vanban.storage.graph_file import Reach, rebase, to_file_paths

Laid = tuple[ParsedDocument, TextLayout]


def _view(graph: CitationGraph, register: Register | None) -> MemoryView:
    if register is not None:
        merge(graph, register)
    view = MemoryView(graph)
    view.register = register
    return view


def document_page_of(
    document: ParsedDocument,
    layout: TextLayout,
    register: Register | None = None,
    language: str = "vi",
) -> str:
    """The page of one parsed document (with its layout, from ``parse_*_laid_out``): its text
    with every reference marked, its findings where they occur, the panel of what it cites."""
    graph = build_graph([document])
    view = _view(graph, register)
    findings = run_checks(view, select_rules(), language)
    return document_page(document, layout, graph.sources[0], view, findings, language)


def page_of_file(
    path: str | os.PathLike[str], register: Register | None = None, language: str = "vi"
) -> str:
    """The page of the document in ``path`` (any format vanban reads)."""
    document, layout = parse_file_laid_out(Path(path))
    return document_page_of(document, layout, register, language)


def write_archive(
    graph: CitationGraph,
    folder: str | os.PathLike[str],
    register: Register | None = None,
    language: str = "vi",
    reach: Reach | None = None,
    base: str | os.PathLike[str] | None = None,
) -> SiteResult:
    """The static archive of ``graph`` in ``folder``: an index, a page per document (its text
    read again from its file when it is there, and in ``reach``: a file the graph lists
    elsewhere gets the card of what the graph knows), a findings page per file. Only pages that
    changed since the last run are written.

    ``base`` is the folder of the graph file: the pages name each file by its path from there,
    so that the site is the same whichever folder it is made from (the graph's paths, as
    :func:`vanban.load_graph` gives them, are from the current folder)."""
    originals = Path(base) if base is not None else None
    if originals is not None:
        graph = rebase(copy.deepcopy(graph), to_file_paths(originals))

    def read(path: str) -> Laid:
        file = originals / path if originals else Path(path)
        if reach is not None and not reach.holds(file):
            raise reach.outside(_as_typed(file))
        return parse_file_laid_out(file)

    view = _view(graph, register)
    findings = run_checks(view, select_rules(), language)
    return write_site(view, Path(folder), findings, read, language, originals)


def _as_typed(path: Path) -> str:
    """A path as the user would type it from the current folder (as given, on another drive)."""
    try:
        return os.path.relpath(os.path.normpath(path))
    except ValueError:
        return os.path.normpath(path)
