"""Reading a document's bytes: how large it may be, what it must be, and how its text is
decoded. How a file is read is given to each reader (:class:`ReadOptions`), never set for the
whole process: two reads with two limits in one process each keep their own.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vanban.core.errors import InputError
from vanban.readers import legacy

READ_ENCODINGS = ("utf-8", "utf-16", *legacy.ENCODINGS)
"""The encodings ``--encoding`` accepts."""

DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Largest document read unless told otherwise (directives are kilobytes; a larger file is
most likely not one)."""

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How documents are read: the largest one read (``--max-size``), the encoding every text
    is read in (``--encoding``; None: detected per file), and the work and memory a PDF or a
    Word file may take."""

    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    encoding: str | None = None
    work_seconds: float = 60.0
    """Processor time one PDF or Word file may take to read (:mod:`vanban.readers.budget`)."""
    work_memory: int = 1024 * _MB
    """Memory one PDF or Word file may take to read, beyond what the process holds."""


def _limit(limit: int) -> str:
    """A size limit as a message names it: in MB when it is a whole number of them (as
    ``--max-size`` gives it), else in bytes."""
    return f"{limit // _MB} MB" if limit % _MB == 0 else f"{limit} B"


def _size(size: int, limit: int) -> str:
    """A file's size in the unit its limit is named in."""
    return f"{size / _MB:.1f} MB" if limit % _MB == 0 else f"{size} B"


def check_size(path: Path, limit: int = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
    """Refuse a document larger than ``limit`` bytes, or a pipe or a device, before reading it."""
    if not os.path.lexists(path):
        raise InputError("{path}: no such file", path=path)
    if path.is_dir():
        raise InputError("{path}: is a folder, not a document", path=path)
    with contextlib.suppress(OSError):
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            raise InputError(
                "{path}: is not a regular file (a pipe or a device), not a document", path=path
            )
        if status.st_size > limit and stat.S_ISREG(status.st_mode):
            raise InputError(
                "{path}: {size} is larger than the {limit} a document may be; "
                "pass --max-size to read it anyway",
                path=path,
                size=_size(status.st_size, limit),
                limit=_limit(limit),
            )


def read_bytes(path: Path, what: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file; an :class:`InputError` in one line when they cannot be had.

    A FIFO or a device is refused before it is opened (reading it could block or never end);
    with ``limit``, a file that turns out larger than the limit while read is refused too.
    """
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InputError("{path}: is a folder, not a {what}", path=path, what=what)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                "{path}: is not a regular file (a pipe or a device), not a {what}",
                path=path,
                what=what,
            )
        with path.open("rb") as stream:
            data = stream.read() if limit is None else stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError("{path}: no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("{path}: is a folder, not a {what}", path=path, what=what) from None
    except PermissionError:
        raise InputError("{path}: permission denied", path=path) from None
    except OSError as error:
        raise InputError(
            "{path}: cannot be read ({reason})", path=path, reason=error.strerror or error
        ) from None
    if limit is not None and len(data) > limit:
        raise _too_large(str(path), what, limit)
    return data


def unpacked_too_large(path: Path | str, limit: int) -> InputError:
    """The refusal of a zip package (.docx, .xlsx) whose parts together unpack to more than
    ``limit`` bytes: a damaged file, or a zip bomb of many parts each under the part's limit."""
    return InputError(
        "{path}: its parts unpack to more than the {limit} MB vanban reads "
        "(a damaged or hostile file)",
        path=path,
        limit=limit // 1048576,
    )


def part_too_large(path: Path | str, part: str, size: int, limit: int) -> InputError:
    """The refusal of a zip package (.docx, .xlsx) whose ``part`` unpacks to more than ``limit``
    bytes: a damaged file, or a zip bomb."""
    return InputError(
        "{path}: part {part} unpacks to {size:.0f} MB, more than the {limit} MB vanban reads "
        "(a damaged or hostile file)",
        path=path,
        part=part,
        size=size / 1048576,
        limit=limit // 1048576,
    )


def read_limited(stream: BinaryIO, name: str, limit: int = DEFAULT_MAX_DOCUMENT_BYTES) -> bytes:
    """Standard input, at most ``limit`` bytes of it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, "document", limit)
    return data


def _too_large(name: str, what: str, limit: int) -> InputError:
    if what == "document":
        return InputError(
            "{name}: more than the {limit} a document may be; pass --max-size to read it anyway",
            name=name,
            limit=_limit(limit),
        )
    return InputError(
        "{name}: more than the {limit} a {what} may be", name=name, limit=_limit(limit), what=what
    )


def decode(
    data: bytes,
    name: str,
    encoding: str | None = None,
    what: str = "text document",
    fallback: str | None = None,
) -> str:
    """Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, or a
    legacy Vietnamese encoding told on the bytes. Bytes that are none of these are refused,
    or read in ``fallback`` when one is given. ``what`` names the file in the refusal of a
    binary one."""
    if encoding:
        if encoding.lower() in legacy.ALIASES:
            return legacy.decode(data, encoding)
        try:
            return data.decode(encoding)
        except LookupError:
            known = ", ".join(READ_ENCODINGS)
            raise InputError(
                "{name}: unknown encoding {encoding!r}; try one of {known}",
                name=name,
                encoding=encoding,
                known=known,
            ) from None
        except UnicodeDecodeError as error:
            raise InputError(
                "{name}: not valid {encoding} (byte {byte}); check --encoding",
                name=name,
                encoding=encoding,
                byte=error.start,
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16's
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError:
            raise InputError(
                "{name}: UTF-32 byte order mark but invalid UTF-32", name=name
            ) from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                "{name}: UTF-16 byte order mark but invalid UTF-16", name=name
            ) from None
    if b"\x00" in data[:4096]:
        raise InputError("{name}: binary file, not a {what}", name=name, what=what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = legacy.detect(data)
        if found is not None:
            return found[1]
        if fallback is not None:
            return legacy.decode(data, fallback)
        raise InputError(
            "{name}: not UTF-8 text (invalid byte at offset {byte}), nor Windows-1258, TCVN3 or "
            "VNI; re-save it as UTF-8 or pass --encoding",
            name=name,
            byte=error.start,
        ) from None
