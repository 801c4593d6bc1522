"""Word (.docx) files: the body in reading order and the real Word footnotes.

Read with python-docx (the well-kept reader of the format; its XML parser does not resolve
entities, so a hostile file cannot pull in other files). python-docx has no footnote API, so
the footnotes part (``word/footnotes.xml``) is read through the package it opened. Each
``w:footnoteReference`` becomes a ``[n]`` marker where it stands, numbered in the order the
references appear (as Word shows them), and the bodies follow the text as ``[n] ...``
paragraphs, which the footnote step ties back to their markers.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import regex

from .errors import InputError
from .io import part_too_large
from .model import SourceText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _paragraph_text(paragraph: Any, numbers: dict[str, int]) -> str:
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}footnoteReference":
            identifier = element.get(f"{_W}id")
            if identifier is not None:
                number = numbers.setdefault(identifier, len(numbers) + 1)
                parts.append(f"[{number}]")
    return "".join(parts)


def _table_text(table: Any, numbers: dict[str, int]) -> list[str]:
    """A row to a line, ``| cell | cell |``; a table inside a cell is read inside that cell
    (once: not again as rows of its own)."""
    return [
        "| " + " | ".join(_cell_text(cell, numbers) for cell in _children(row, "tc")) + " |"
        for row in _children(table, "tr")
    ]


def _cell_text(cell: Any, numbers: dict[str, int]) -> str:
    """A cell's lines joined by two spaces, so that its row stays one line."""
    parts = []
    for element in _body_elements(cell):
        if element.tag == f"{_W}p":
            parts.append(_paragraph_text(element, numbers).replace("\n", "  "))
        elif element.tag == f"{_W}tbl":
            parts.extend(row.strip("| ") for row in _table_text(element, numbers))
    return "  ".join(parts).strip()


def _children(element: Any, name: str) -> list[Any]:
    """The ``w:{name}`` children of ``element``, those inside content controls included."""
    return [child for child in _body_elements(element) if child.tag == f"{_W}{name}"]


def _footnote_bodies(document: Any) -> dict[str, list[Any]]:
    from docx.oxml import parse_xml

    for relationship in document.part.rels.values():
        if relationship.reltype == _FOOTNOTES and not relationship.is_external:
            root = parse_xml(relationship.target_part.blob)
            return {
                note.get(f"{_W}id"): list(note.iter(f"{_W}p"))
                for note in root.iter(f"{_W}footnote")
                if note.get(f"{_W}type") in (None, "normal")
            }
    return {}


def read_docx(path: Path) -> SourceText:
    """The text of a Word document, footnote markers as ``[n]`` and their bodies after it."""
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(
            "{path}: reading .docx needs python-docx: pip install python-docx", path=path
        ) from None
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return _read(docx.Document(_text_parts(path)))
    except InputError:
        raise
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


_TEXT_PART = regex.compile(r"(?i).*\.(?:xml|rels)")
MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest part of a .docx that is unpacked (the text of a long document is a few MB)."""


def _text_parts(path: Path) -> io.BytesIO:
    """The package with only its XML parts unpacked, each under :data:`MAX_PART_BYTES`;
    pictures and other binary parts are left empty, never unpacked (a part that unpacks to
    gigabytes is a zip bomb)."""
    try:
        source = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("{path}: not a Word .docx file (not a zip package)", path=path) from None
    result = io.BytesIO()
    with source, zipfile.ZipFile(result, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            if item.is_dir():
                continue
            if not _TEXT_PART.fullmatch(item.filename):
                target.writestr(item.filename, b"")
                continue
            if item.file_size > MAX_PART_BYTES:
                raise part_too_large(path, item.filename, item.file_size, MAX_PART_BYTES)
            with source.open(item) as stream:
                target.writestr(item.filename, stream.read(MAX_PART_BYTES + 1))
    result.seek(0)
    return result


_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")
"""Elements that hold paragraphs and tables of the body: content controls (a template's fields,
"Số", "Trích yếu"...) and custom XML."""


def _body_elements(container: Any) -> Any:
    """The paragraphs and tables of ``container`` in reading order, those inside content
    controls and custom XML included."""
    for element in container.iterchildren():
        if element.tag in _WRAPPERS:
            yield from _body_elements(element)
        else:
            yield element


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
    bodies = _footnote_bodies(document)
    for identifier, number in sorted(numbers.items(), key=lambda item: item[1]):
        paragraphs = bodies.get(identifier, [])
        body = " ".join(_paragraph_text(p, {}) for p in paragraphs).strip()
        if body:
            blocks.append([(f"[{number}] {body}", f"footnote {number}")])
    return SourceText.from_blocks(blocks)
