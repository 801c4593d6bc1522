"""One document file read and parsed: what ``vanban.parse_file`` does.

The reader of the file's format (:mod:`vanban.readers`) gives its text, and where each line
stands in the original (a PDF's page, a Word file's paragraph); the parser
(:mod:`vanban.parser`) reads the text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from vanban.core.records import ParsedDocument, TextLayout
from vanban.parser import parse_text_laid_out
from vanban.readers.registry import read_file
from vanban.readers.source import ReadOptions


def parse_file(
    path: str | Path, encoding: str | None = None, options: ReadOptions | None = None
) -> ParsedDocument:
    """Read and parse one file; raises :class:`vanban.errors.InputError` when it cannot.

    ``options`` say how it is read (the largest file read, the encoding); ``encoding``, when
    given, is the encoding read in whatever ``options`` say."""
    return parse_file_laid_out(path, encoding, options)[0]


def parse_file_laid_out(
    path: str | Path, encoding: str | None = None, options: ReadOptions | None = None
) -> tuple[ParsedDocument, TextLayout]:
    """:func:`parse_file`, and the layout of the text read (see :func:`parse_text_laid_out`)."""
    options = options or ReadOptions()
    if encoding is not None:
        options = replace(options, encoding=encoding)
    source = read_file(Path(path), options)
    document, layout = parse_text_laid_out(source.text, path=str(path))
    if source.positions is None:
        return document, layout
    return _with_positions(document, source.positions), layout


def _with_positions(document: ParsedDocument, positions: tuple[str, ...]) -> ParsedDocument:
    """Name where each reference stands in the original file ("page 3, line 12")."""

    def where(line: int) -> str | None:
        return positions[line - 1] if 0 < line <= len(positions) else None

    references = tuple(replace(r, where=where(r.line)) for r in document.references)
    return replace(document, references=references)
