"""Plain text files (.txt, .md): UTF-8, UTF-16 with a byte order mark, or a legacy Vietnamese
encoding told on the bytes (:func:`vanban.readers.source.decode`). A file whose name ends in
no other format's suffix is read as one."""

from __future__ import annotations

from pathlib import Path

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.readers.format import Format
from vanban.readers.source import ReadOptions, decode, read_bytes


def read_text(path: Path, options: ReadOptions) -> SourceText:
    """The text of a text file, decoded; its line numbers are its own."""
    text = decode(read_bytes(path, "document", options.max_bytes), str(path), options.encoding)
    if not text.strip():
        raise InputError("{path}: empty document", path=path)
    return SourceText(text)


FORMAT = Format("text", (".txt", ".md", ".text"), 4, read_text)
