"""The file formats vanban reads, listed once: a new format is a module that declares its
:class:`~vanban.readers.format.Format`, and one line in :data:`FORMATS`. Which files a folder
gives, how a file is read and which copy of a document is its original all ask this list."""

from __future__ import annotations

from pathlib import Path, PurePath

from vanban.core.records import SourceText
from vanban.readers import doc, docx, html, pdf, text
from vanban.readers.format import Format
from vanban.readers.source import ReadOptions, check_size

FORMATS: tuple[Format, ...] = (text.FORMAT, html.FORMAT, docx.FORMAT, doc.FORMAT, pdf.FORMAT)
"""Every format read, in the order their suffixes are named to the user."""

DOCUMENT_SUFFIXES = tuple(suffix for found in FORMATS for suffix in found.suffixes)
"""The suffixes of the files a folder is searched for."""


OFFICE_LITTER_PREFIXES = ("~$", "~WRL", ".~lock.")
"""How the files office programs leave beside a document begin: Word's lock file of an open
document (``~$223.docx``) and its temporary copies (``~WRL0001.tmp``), LibreOffice's lock
(``.~lock.223.docx#``). None is a document."""


def is_office_litter(name: str) -> bool:
    """Whether a file name is one an office program leaves beside a document it has open."""
    return name.startswith(OFFICE_LITTER_PREFIXES)


def format_of(path: PurePath | str) -> Format:
    """The format of a file by its name's suffix (case aside); a file of no known format is
    read as text."""
    suffix = PurePath(path).suffix.lower()
    return next((found for found in FORMATS if suffix in found.suffixes), text.FORMAT)


def read_file(path: Path, options: ReadOptions | None = None) -> SourceText:
    """The text of a document file of any format vanban reads, with line positions; a file
    larger than ``options.max_bytes``, a folder, a pipe or a device is refused before it is
    read."""
    options = options or ReadOptions()
    check_size(path, options.max_bytes)
    return format_of(path).read(path, options)
