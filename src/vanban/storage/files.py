"""Outputs written atomically: to a temporary file beside the target, then renamed,
so an interrupted run leaves what was there before."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import filelock

from vanban.core.errors import OutputError


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


TEMPORARY_SUFFIX = ".vanban-part"
"""Ending of the temporary file an output is written to before it is renamed into place."""


Producer = Callable[[Callable[[str], object]], None]
"""Writes a file's text piece by piece through the function it is given."""


class _Sink:
    """Text pieces gathered a megabyte at a time, then written as UTF-8 and hashed."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.pieces: list[str] = []
        self.held = 0

    def write(self, piece: str) -> None:
        self.pieces.append(piece)
        self.held += len(piece)
        if self.held >= 1 << 20:
            self.flush()

    def add(self, data: bytes | memoryview) -> None:
        self.digest.update(data)
        self.stream.write(data)

    def flush(self) -> None:
        self.add("".join(self.pieces).encode("utf-8"))
        self.pieces, self.held = [], 0


def write_atomic(
    path: Path,
    content: str | bytes | Producer | Iterable[bytes | memoryview],
    sole_writer: bool = False,
    many: bool = False,
) -> str:
    """Write ``content`` (text as UTF-8) to ``path`` through a temporary file and a rename;
    return the SHA-256 of the bytes written. ``content`` may be a :data:`Producer`, or the
    bytes in pieces, so that a large file is never held whole.

    Temporary files a killed run left beside ``path`` are removed: all of them when the caller
    is the ``sole_writer`` (it holds the graph's lock), else those over an hour old. A caller
    writing ``many`` files that can be made again (a site's pages) skips that search and the
    flush to disk of each file, and calls :func:`remove_leftovers` once per folder.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("{path}: is a folder; give a file name for the output", path=path)
    if not directory.is_dir():
        raise OutputError(
            "{path}: folder {directory} does not exist", path=path, directory=directory
        )
    if not many:
        _remove_leftovers(path, directory, 0 if sole_writer else 3600)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=directory
        )
    except OSError as error:
        raise OutputError(
            "{path}: cannot write ({reason})", path=path, reason=error.strerror or error
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            sink = _Sink(stream)
            if isinstance(content, bytes):
                sink.add(content)
            elif isinstance(content, str):
                sink.add(content.encode("utf-8"))
            elif callable(content):
                content(sink.write)
                sink.flush()
            else:
                for piece in content:
                    sink.add(piece)
            if not many:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600; follow the umask
        os.replace(temporary, path)
        return sink.digest.hexdigest()
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):  # the disk is full, the share went away, ...
            raise OutputError(
                "{path}: cannot write ({reason}); it is as it was",
                path=path,
                reason=error.strerror or error,
            ) from None
        raise


def file_id(status: os.stat_result) -> str:
    """Where the graph file is and when the system last saw it changed: its device, inode,
    size, time and change time (``st_ctime_ns``, which every write, rename and ``touch`` sets
    to the clock and no program can set back). The same value later means the same bytes, so a
    query need not hash the file again (0.8 s for a graph of 630 MB). Empty, and the file
    hashed, where that cannot be told: on Windows, whose ``st_ctime`` is the creation time, and
    on file systems that keep whole seconds (FAT, old ext3: two writes in one second of the
    same size would look alike)."""
    if os.name != "posix" or status.st_ctime_ns % 1_000_000_000 == 0 or not status.st_ino:
        return ""
    return ":".join(
        str(value)
        for value in (
            status.st_dev,
            status.st_ino,
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
        )
    )


def remove_leftovers(directory: Path, older_than: float = 3600) -> None:
    """Remove the temporary files killed runs left in ``directory`` (over an hour old)."""
    now = time.time()
    for leftover in directory.glob(f".*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime >= older_than and leftover.is_file():
                leftover.unlink()


def _remove_leftovers(path: Path, directory: Path, older_than: float) -> None:
    now = time.time()
    for leftover in directory.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime >= older_than and leftover.is_file():
                leftover.unlink()


def refuse_overwriting(output: Path | None, inputs: Iterable[Path | str]) -> None:
    """Refuse an ``output`` that would replace one of the ``inputs`` (documents, folders of
    documents, a graph, a register, a settings file) with an :class:`OutputError`: the same
    file by any name (device and inode, :func:`os.path.samefile`, so links and ``./`` count),
    or a document inside an input folder, which that folder's next read would take as one.
    Standard input (``-``) and inputs that are not there are passed over."""
    if output is None:
        return
    try:
        written = output.stat()
    except OSError:
        return  # a new file replaces nothing
    for given in inputs:
        path = Path(given)
        if str(path) == "-":
            continue
        try:
            found = path.stat()
        except OSError:
            continue
        if stat.S_ISDIR(found.st_mode):
            if _read_from(output, path):
                raise OutputError(
                    "{output}: is a document of {folder}, an input; give another file for "
                    "the output",
                    output=output,
                    folder=path,
                )
        elif os.path.samestat(found, written):
            raise OutputError(
                "{output}: is also an input; give another file for the output", output=output
            )


def _read_from(output: Path, folder: Path) -> bool:
    """Whether reading ``folder`` would read the file ``output``: a document (by its suffix)
    inside it, after resolving links."""
    from vanban.readers.registry import DOCUMENT_SUFFIXES, is_office_litter  # read only here

    if output.suffix.lower() not in DOCUMENT_SUFFIXES or is_office_litter(output.name):
        return False
    try:
        return output.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


@contextlib.contextmanager
def locked_folder(folder: Path, name: str) -> Iterator[None]:
    """Make ``folder`` if it is not there, and hold the lock file ``name`` in it while the
    block writes it. A second run that finds the lock held is refused at once: two runs writing
    one folder would each list the pages the other removes."""
    if folder.exists() and not folder.is_dir():
        raise OutputError("{folder}: is a file; give a folder for the output", folder=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(folder / name, timeout=0)
        lock.acquire()
    except filelock.Timeout:
        raise OutputError(
            "{folder}: busy: another vanban is writing this folder; run again when it is done",
            folder=folder,
        ) from None
    except OSError as error:
        raise OutputError(
            "{folder}: cannot write ({reason})", folder=folder, reason=error.strerror or error
        ) from None
    try:
        yield
    finally:
        lock.release()
