"""Reading a file within a budget of work and memory: PDF and Word files are read by libraries
whose work a hostile file can make endless (a 55 KB PDF of operators drawn a million times, a
2.5 KB PDF whose pictures each draw ten others, a .docx of thousands of parts).

Where the system allows it (Linux), the file is read in a child process made by ``fork``, whose
address space (``RLIMIT_AS``) and processor time (``RLIMIT_CPU``) are limited, and which is
ended when it runs past its time on the clock; past a limit the file is refused in one line
naming it. Elsewhere the file is read in the process itself, and only the formats' own bounds
(pages of a PDF, parts of a .docx) hold.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from vanban.core.errors import InputError, Problem

T = TypeVar("T")

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def can_bound() -> bool:
    """Whether reads are bounded by a child process here (Linux: fork and its limits)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _address_space() -> int:
    """The bytes of address space this process has mapped now (the child starts with as many)."""
    with open("/proc/self/statm", encoding="ascii") as stream:
        return int(stream.read().split()[0]) * _PAGE


def _peak() -> int:
    """The most address space this process has had mapped (``VmPeak``), in bytes."""
    with open("/proc/self/status", encoding="ascii") as stream:
        for line in stream:
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    return 0


def within_budget(path: Path, what: str, read: Callable[[], T], seconds: float, memory: int) -> T:
    """``read()``, run where its processor time is at most ``seconds`` and the memory it takes
    beyond what this process holds at most ``memory`` bytes; an :class:`InputError` naming
    ``path`` past either. Errors ``read`` raises (an :class:`InputError`) come back as raised."""
    if not can_bound():
        return read()
    import resource

    limit = _address_space() + memory
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send the result or the error, and leave at once
        status = 0
        try:
            os.close(readable)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            cpu = max(1, int(seconds + 0.999))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            peak = _peak()
            try:
                outcome: tuple[str, object] = ("ok", read())
            except InputError as error:
                # lxml says a document is malformed when its memory ran out: an error raised
                # with the address space grown past half the budget is taken for the budget's
                outcome = ("error", Problem(error))  # an error that keeps its template
                if _peak() > max(peak, limit - memory // 2):
                    outcome = ("memory", None)
            except MemoryError:
                outcome = ("memory", None)
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as stream:
                stream.write(data)
        except BaseException:  # noqa: BLE001 - whatever happens, the child must not live on
            status = 1
        finally:
            os._exit(status)
    os.close(writable)
    chunks: list[bytes] = []
    timed_out, received = False, False
    try:
        timed_out = _receive(readable, 2 * seconds + 5, chunks)  # a child asleep uses no CPU
        received = True
    finally:  # out of time, or interrupted here: the child does not live on
        if timed_out or not received:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
    if timed_out or killed:
        raise InputError(
            "{path}: reading this {what} takes more than {seconds:g} s of work; vanban stops "
            "there (a damaged or hostile file)",
            path=path,
            what=what,
            seconds=seconds,
        )
    if not chunks and not os.WIFSIGNALED(status):
        raise InputError("{path}: cannot be read (the reading process failed)", path=path)
    kind, value = pickle.loads(b"".join(chunks)) if chunks else ("memory", None)
    if kind == "ok":
        return cast(T, value)
    if kind == "error":
        assert isinstance(value, Problem)
        raise value.error(InputError)
    raise InputError(
        "{path}: reading this {what} takes more than {memory} MB of memory; vanban stops there "
        "(a damaged or hostile file)",
        path=path,
        what=what,
        memory=memory // 1048576,
    )


def _receive(readable: int, seconds: float, chunks: list[bytes]) -> bool:
    """What the child sends, into ``chunks``, until it closes its end; True when ``seconds``
    passed on the clock first."""
    deadline = time.monotonic() + seconds
    with os.fdopen(readable, "rb", buffering=0) as stream:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            ready, _, _ = select.select([stream], [], [], left)
            if not ready:
                continue
            chunk = stream.read(1 << 20)
            if not chunk:
                return False
            chunks.append(chunk)
