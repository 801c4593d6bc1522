"""Reading documents, writing outputs atomically (graph files: :mod:`vanban.store`).

Outputs are written atomically: to a temporary file beside the target, then renamed,
so an interrupted run leaves what was there before.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from vanban.core.errors import InputError
from vanban.readers import legacy

READ_ENCODINGS = ("utf-8", "utf-16", *legacy.ENCODINGS)
"""The encodings ``--encoding`` accepts."""

DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_BYTES
"""Largest document read (directives are kilobytes; a larger file is most likely not one)."""


def check_size(path: Path) -> None:
    """Refuse a document larger than :data:`MAX_DOCUMENT_BYTES`, or a pipe or a device,
    before reading it."""
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
        if status.st_size > MAX_DOCUMENT_BYTES and stat.S_ISREG(status.st_mode):
            raise InputError(
                "{path}: {size:.1f} MB is larger than the {limit} MB a document may be; "
                "pass --max-size to read it anyway",
                path=path,
                size=status.st_size / 1048576,
                limit=MAX_DOCUMENT_BYTES // 1048576,
            )


def read_document(path: Path, encoding: str | None = None) -> str:
    """The text of a document file, decoded; an :class:`InputError` says why not."""
    check_size(path)
    text = decode(read_bytes(path, "document", MAX_DOCUMENT_BYTES), str(path), encoding)
    if not text.strip():
        raise InputError("{path}: empty document", path=path)
    return text


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
        raise _too_large(str(path))
    return data


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


def read_limited(stream: BinaryIO, name: str) -> bytes:
    """Standard input, at most :data:`MAX_DOCUMENT_BYTES` of it."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(name)
    return data


def _too_large(name: str) -> InputError:
    return InputError(
        "{name}: more than the {limit} MB a document may be; pass --max-size to read it anyway",
        name=name,
        limit=MAX_DOCUMENT_BYTES // 1048576,
    )


def decode(
    data: bytes,
    name: str,
    encoding: str | None = None,
    what: str = "text document",
    fallback: str | None = None,
) -> str:
    """Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or a
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
