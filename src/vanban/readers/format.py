"""What a module that reads one file format declares of it (:class:`Format`); the formats
vanban reads are listed in :mod:`vanban.readers.registry`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vanban.core.records import SourceText
from vanban.readers.source import ReadOptions


@dataclass(frozen=True)
class Format:
    """A file format vanban reads documents from."""

    name: str
    suffixes: tuple[str, ...]
    """The file name endings of the format, in lower case with their dot (".docx")."""
    rank: int
    """Which copy of a document is its original when it was read in several formats: the
    lowest rank (the signed PDF before the Word file it was made from, before a text copy)."""
    read: Callable[[Path, ReadOptions], SourceText]
    """The text of a file of this format, with line positions; its size already checked."""
