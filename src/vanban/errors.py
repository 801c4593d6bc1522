"""Errors that reach the user as one line, naming the file and the problem."""

from __future__ import annotations


class VanbanError(Exception):
    """Base of every error vanban reports to the user (exit code 2)."""


class InputError(VanbanError):
    """A file cannot be read as a document (missing, unreadable, binary, wrong encoding)."""


class GraphFormatError(VanbanError):
    """A YAML/JSON file is not a vanban graph this version can read."""


class OutputError(VanbanError):
    """An output cannot be written where the user asked."""
