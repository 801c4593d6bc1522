"""Word (.docx) files: the body in reading order and the real Word footnotes and endnotes.

Read with python-docx (the well-kept reader of the format; its XML parser does not resolve
entities, so a hostile file cannot pull in other files). python-docx has no footnote API, so
the footnotes and endnotes parts (``word/footnotes.xml``, ``word/endnotes.xml``) are read
through the package it opened. Each ``w:footnoteReference`` or ``w:endnoteReference`` becomes a
``[n]`` marker where it stands, numbered in the order the references appear, and the bodies
follow the text as ``[n] ...`` paragraphs, which the footnote step ties back to their markers.
What Word keeps apart from plain paragraphs is read once each: content controls, tracked
insertions (not deletions), text boxes (not their copies for older readers), tables inside
tables' cells.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.readers.budget import within_budget
from vanban.readers.format import Format
from vanban.readers.source import ReadOptions, part_too_large, unpacked_too_large

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NOTE_PARTS = {
    _RELATIONSHIPS + "footnotes": ("footnote", ""),
    _RELATIONSHIPS + "endnotes": ("endnote", "endnote "),
}
"""The parts that hold notes' bodies: the element of a note, and its key's prefix."""

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")
"""Elements that hold paragraphs and tables of the body: content controls (a template's fields,
"Số", "Trích yếu"...) and custom XML."""


def _body_elements(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of ``container`` in reading order, those inside content
    controls and custom XML included."""
    for element in container.iterchildren():
        if element.tag in _WRAPPERS:
            yield from _body_elements(element)
        else:
            yield element


def _contents(container: Any, numbers: dict[str, int]) -> Iterator[tuple[str, bool]]:
    """The text of the paragraphs and tables in ``container`` (a table's cell, a text box):
    each paragraph's, and each table row's as a line; with whether it is a table's row."""
    for element in _body_elements(container):
        if element.tag == f"{_W}p":
            yield _paragraph_text(element, numbers), False
        elif element.tag == f"{_W}tbl":
            for row in _table_text(element, numbers):
                yield row, True


def _paragraph_text(paragraph: Any, numbers: dict[str, int]) -> str:
    parts: list[str] = []
    _gather(paragraph, numbers, parts)
    return "".join(parts)


def _gather(element: Any, numbers: dict[str, int], parts: list[str]) -> None:
    """The text under ``element`` in reading order. A text box's paragraphs are lines of their
    own, and read once: Word keeps a second copy of each drawing for older readers
    (``mc:Fallback``), which is skipped."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
            identifier = child.get(f"{_W}id")
            if identifier is not None:
                key = identifier if tag == f"{_W}footnoteReference" else f"endnote {identifier}"
                number = numbers.setdefault(key, len(numbers) + 1)
                parts.append(f"[{number}]")
        elif tag == f"{_W}txbxContent":
            boxed = [text for text, _row in _contents(child, numbers) if text.strip()]
            parts.append("\n" + "\n".join(boxed) + "\n")
        elif tag != f"{_MC}Fallback":
            _gather(child, numbers, parts)


def _table_text(table: Any, numbers: dict[str, int]) -> list[str]:
    """A row to a line, ``| cell | cell |``; a table inside a cell is read inside that cell
    (once: not again as rows of its own)."""
    return [
        "| " + " | ".join(_cell_text(cell, numbers) for cell in _children(row, "tc")) + " |"
        for row in _children(table, "tr")
    ]


def _cell_text(cell: Any, numbers: dict[str, int]) -> str:
    """A cell's lines joined by two spaces, so that its row stays one line."""
    parts = [
        text.strip("| ") if row else text.replace("\n", "  ")
        for text, row in _contents(cell, numbers)
    ]
    return "  ".join(parts).strip()


def _children(element: Any, name: str) -> list[Any]:
    """The ``w:{name}`` children of ``element``, those inside content controls included."""
    return [child for child in _body_elements(element) if child.tag == f"{_W}{name}"]


def _note_bodies(document: Any) -> dict[str, list[Any]]:
    """The paragraphs of each footnote and endnote, by the key :func:`_gather` numbers its
    mark by (an endnote's id prefixed "endnote ")."""
    from docx.oxml import parse_xml

    bodies: dict[str, list[Any]] = {}
    for relationship in document.part.rels.values():
        if relationship.is_external or relationship.reltype not in _NOTE_PARTS:
            continue
        name, prefix = _NOTE_PARTS[relationship.reltype]
        root = parse_xml(relationship.target_part.blob)
        for note in root.iter(f"{_W}{name}"):
            if note.get(f"{_W}type") in (None, "normal"):
                bodies[prefix + str(note.get(f"{_W}id"))] = list(note.iter(f"{_W}p"))
    return bodies


def read_docx(path: Path, options: ReadOptions | None = None) -> SourceText:
    """The text of a Word document, footnote markers as ``[n]`` and their bodies after it, read
    within the work and memory ``options`` allow (:func:`~vanban.readers.budget.within_budget`)."""
    options = options or ReadOptions()
    try:
        import docx  # imported here, once, not in each reading process
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(
            "{path}: reading .docx needs python-docx: pip install python-docx", path=path
        ) from None
    from docx.opc.exceptions import PackageNotFoundError

    if not os.access(path, os.R_OK):
        raise InputError("{path}: permission denied", path=path)

    def read() -> SourceText:
        try:
            return _read(docx.Document(_text_parts(path)))
        except (InputError, MemoryError):
            raise
        except PermissionError:
            raise InputError("{path}: permission denied", path=path) from None
        except PackageNotFoundError:
            raise InputError(
                "{path}: not a Word .docx file (no Word package inside)", path=path
            ) from None
        except Exception as error:  # whatever a damaged package makes the XML and zip readers raise
            raise InputError(
                "{path}: damaged .docx file ({reason})",
                path=path,
                reason=f"{type(error).__name__}: {error}",
            ) from None

    return within_budget(path, ".docx file", read, options.work_seconds, options.work_memory)


_TEXT_PART = regex.compile(r"(?i).*\.(?:xml|rels)")
MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest part of a .docx that is unpacked (the text of a long document is a few MB)."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""Largest the XML parts of a .docx may unpack to together."""
MAX_PARTS = 10_000
"""Most parts a .docx may have (a long document with its pictures has a few hundred)."""


def _text_parts(path: Path) -> io.BytesIO:
    """The package with only its XML parts unpacked, each under :data:`MAX_PART_BYTES` and all
    under :data:`MAX_UNPACKED_BYTES`; pictures and other binary parts are left empty, never
    unpacked (a part that unpacks to gigabytes is a zip bomb)."""
    try:
        source = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("{path}: not a Word .docx file (not a zip package)", path=path) from None
    result = io.BytesIO()
    unpacked = 0
    with source, zipfile.ZipFile(result, "w", zipfile.ZIP_STORED) as target:
        items = source.infolist()
        if len(items) > MAX_PARTS:
            raise InputError(
                "{path}: {parts} parts, more than the {limit} vanban reads in a .docx "
                "(a damaged or hostile file)",
                path=path,
                parts=f"{len(items):,}",
                limit=f"{MAX_PARTS:,}",
            )
        for item in items:
            if item.is_dir():
                continue
            if not _TEXT_PART.fullmatch(item.filename):
                target.writestr(item.filename, b"")
                continue
            if item.file_size > MAX_PART_BYTES:
                raise part_too_large(path, item.filename, item.file_size, MAX_PART_BYTES)
            unpacked += item.file_size
            if unpacked > MAX_UNPACKED_BYTES:
                raise unpacked_too_large(path, MAX_UNPACKED_BYTES)
            with source.open(item) as stream:
                target.writestr(item.filename, stream.read(MAX_PART_BYTES + 1))
    result.seek(0)
    return result


def _read(document: Any) -> SourceText:
    numbers: dict[str, int] = {}
    blocks: list[list[tuple[str, str]]] = []
    paragraph_number = 0
    for element in _body_elements(document.element.body):
        if element.tag == f"{_W}p":
            paragraph_number += 1
            text = _paragraph_text(element, numbers)
            if text.strip():
                label = f"paragraph {paragraph_number}"
                blocks.append([(line, label) for line in text.split("\n")])
        elif element.tag == f"{_W}tbl":
            for row in _table_text(element, numbers):
                paragraph_number += 1
                blocks.append([(row, f"paragraph {paragraph_number} (table)")])
    bodies = _note_bodies(document)
    for identifier, number in sorted(numbers.items(), key=lambda item: item[1]):
        paragraphs = bodies.get(identifier, [])
        body = " ".join(_paragraph_text(p, {}) for p in paragraphs).strip()
        if body:
            blocks.append([(f"[{number}] {body}", f"footnote {number}")])
    return SourceText.from_blocks(blocks)


FORMAT = Format("docx", (".docx",), 1, read_docx)
