"""A fast YAML writer for the plain data of a graph (dicts, lists, text, numbers, null).

PyYAML's representer walks the data in Python and writes about 1.5 MB/s; a graph of a few
thousand documents is tens of megabytes. This writer emits the same block style directly.
Text is written plain only when no YAML reader could take it for anything else (it starts
with a letter, holds no character YAML gives a meaning to, and is not a word such as ``yes``
or ``null``); everything else is double-quoted with JSON escapes, which YAML reads the same.
The tests load what it writes with PyYAML's safe loader and compare.
"""

from __future__ import annotations

import functools
import itertools
import json
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

import regex

from vanban.core.errors import OutputError, VanbanError
from vanban.storage.files import write_atomic

# Plain text: a letter first, then letters, digits, spaces and a few marks that mean nothing
# to YAML in the middle of a scalar; no ": ", " #", no leading/trailing space.
_PLAIN = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}_ ./()&'’,+;-]*(?<![ ])")
_RESERVED = frozenset(
    ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
)  # YAML 1.1 booleans and null, in any case
# Characters a YAML stream may not hold raw (and line breaks YAML would fold): escaped.
_UNPRINTABLE = regex.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


# Anything a double-quoted scalar cannot hold as it is: quotes, backslashes, controls.
_NEEDS_ESCAPE = regex.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]')
_SHORT = 48
"""Text up to this long recurs (keys, dates, kinds, issuers, ids): each writer writes it once
and keeps it."""


def _escape(match: regex.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class _Emitter:
    """Lines of block YAML; one for each file written, with the short texts it has written."""

    def __init__(self) -> None:
        self.written: dict[str, str] = {}

    def text(self, value: str) -> str:
        known = self.written.get(value)
        if known is not None:
            return known
        if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
            result = value
        elif _NEEDS_ESCAPE.search(value) is None:
            result = f'"{value}"'
        else:
            quoted = json.dumps(value, ensure_ascii=False)
            result = _UNPRINTABLE.sub(_escape, quoted) if _UNPRINTABLE.search(quoted) else quoted
        if len(value) <= _SHORT:
            if len(self.written) > 100_000:
                self.written.clear()
            self.written[value] = result
        return result

    def scalar(self, value: Any) -> str:
        if type(value) is str:
            return self.text(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return repr(value)
        if isinstance(value, str):  # a subclass of str
            return self.text(value)
        raise TypeError(f"cannot write {type(value).__name__} as YAML")

    def line(self, out: list[str], lead: str, nested: str, key: Any, value: Any) -> None:
        """One ``key: value`` line after ``lead``; a nested mapping is indented to
        ``nested + 2`` and a nested list to ``nested`` (block style puts a list's dashes under
        its key)."""
        name = self.written.get(key) if type(key) is str else None
        if name is None:
            name = self.text(str(key))
        kind = type(value)
        if kind is str:
            out.append(f"{lead}{name}: {self.text(value)}\n")
        elif kind is dict and value:
            out.append(f"{lead}{name}:\n")
            self.mapping(value, nested + "  ", out)
        elif kind is list and value:
            out.append(f"{lead}{name}:\n")
            self.sequence(value, nested, out)
        else:
            out.append(f"{lead}{name}: {self.inline(value)}\n")

    def inline(self, value: Any) -> str:
        if isinstance(value, dict):
            return "{}"
        if isinstance(value, list):
            return "[]"
        return self.scalar(value)

    def mapping(self, data: dict[Any, Any], indent: str, out: list[str]) -> None:
        line = self.line
        for key, value in data.items():
            line(out, indent, indent, key, value)

    def sequence(self, items: list[Any], indent: str, out: list[str]) -> None:
        dash, pad, nested = f"{indent}- ", f"{indent}  ", indent + "  "
        line = self.line
        for item in items:
            if isinstance(item, dict) and item:
                lead = dash
                for key, value in item.items():
                    line(out, lead, nested, key, value)
                    lead = pad
            elif isinstance(item, list) and item:
                out.append(f"{indent}-\n")
                self.sequence(item, nested, out)
            else:
                out.append(f"{dash}{self.inline(item)}\n")


def scalar(value: Any) -> str:
    """One value as YAML writes it in a line: plain, quoted or escaped text, a number, null."""
    return _Emitter().scalar(value)


_PIECE = 4096
"""Lines gathered before they are handed to ``write``."""


@dataclass(frozen=True)
class Streamed:
    """A top-level list, or mapping, made one item at a time when it is written: ``items``
    gives the items (or the (key, value) pairs of a mapping); ``size`` says how many."""

    items: Callable[[], Iterable[Any]]
    size: int
    mapping: bool = False


def write_yaml(data: dict[str, Any], write: Callable[[str], object]) -> None:
    """Write ``data`` as block YAML through ``write`` (a stream's write, or a list's append),
    a few thousand lines at a time: each top-level entry, or each item of a top-level list."""
    if not data:
        write("{}\n")
        return
    emitter = _Emitter()
    out: list[str] = []
    for key, value in data.items():
        if isinstance(value, Streamed):
            mapping, items = value.mapping, iter(value.items()) if value.size else None
        elif type(value) in (dict, list) and value:
            mapping = type(value) is dict
            items = iter(value.items() if mapping else value)
        else:
            items = None
        if items is None:
            if isinstance(value, Streamed):  # nothing in it
                value = {} if value.mapping else []
            emitter.line(out, "", "", key, value)
            continue
        out.append(f"{emitter.text(str(key))}:\n")
        while part := list(itertools.islice(items, 64)):
            if mapping:
                emitter.mapping(dict(part), "  ", out)
            else:
                emitter.sequence(part, "", out)
            if len(out) >= _PIECE:
                write("".join(out))
                out.clear()
    write("".join(out))


_BATCH = 500
"""Items of a section sent to the writing process at a time."""

# The writing process: a fresh Python that finds vanban where this one did (appended to its path,
# so that nothing it has is shadowed).
_WRITER = (
    "import sys; sys.path.append(sys.argv[1]); "
    "from vanban.storage.yaml_writer import write_received; write_received(sys.argv[2:])"
)


def write_yaml_apart(path: Path, data: dict[str, Any], sole_writer: bool = False) -> str:
    """Write ``data`` to ``path`` as :func:`write_yaml` and :func:`vanban.io.write_atomic` do,
    the YAML made and written by a second Python process while this one makes the items of the
    :class:`Streamed` sections (and whatever their making does besides, such as filling an
    index): two cores at work instead of one. Items go over a pipe a few hundred at a time, so
    neither process holds the whole. Returns the SHA-256 of the bytes written.

    If this process stops before the end (an error, Ctrl+C), the other finds its pipe closed and
    removes its temporary file: ``path`` is as it was. Where no second Python can be started
    (a program frozen into one file), the YAML is written here."""
    package = str(Path(__file__).resolve().parents[2])
    command = [sys.executable, "-c", _WRITER, package, str(path)]
    command.append("sole" if sole_writer else "shared")
    try:
        writer = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError:
        return write_atomic(path, functools.partial(write_yaml, data), sole_writer)
    assert writer.stdin is not None and writer.stdout is not None
    try:
        with writer.stdin:  # closed however this ends, so the writer never waits for more
            _send(writer.stdin, data)
        answer = pickle.load(writer.stdout)
    except (EOFError, OSError, pickle.UnpicklingError):  # the writer ended before its answer
        answer = None
    finally:
        writer.wait()
        writer.stdout.close()
    if isinstance(answer, tuple) and answer[:1] == ("written",):
        return str(answer[1])
    if isinstance(answer, tuple) and answer[:1] == ("error",):
        raise OutputError(str(answer[1]), **answer[2])
    raise OutputError(
        "{path}: cannot write (the writing process ended with code {code})",
        path=path,
        code=writer.returncode,
    )


def _send(stream: IO[bytes], data: dict[str, Any]) -> None:
    """Send ``data`` to :func:`write_received`: its frame, then each section's items in
    batches, each section closed by ``None``."""
    frame = [
        (key, (value.size, value.mapping) if isinstance(value, Streamed) else None, value)
        for key, value in data.items()
    ]
    pickle.dump([(k, shape, None if shape else v) for k, shape, v in frame], stream)
    for _, shape, value in frame:
        if shape and value.size:
            items = iter(value.items())
            while batch := list(itertools.islice(items, _BATCH)):
                pickle.dump(batch, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, stream)


def write_received(arguments: list[str]) -> None:
    """The writing process of :func:`write_yaml_apart`: YAML from what :func:`_send` sends on
    standard input, written to the path in ``arguments``; the answer (the SHA-256, or the
    error) on standard output."""
    path, sole_writer = Path(arguments[0]), arguments[1] == "sole"
    received, answers = sys.stdin.buffer, sys.stdout.buffer
    try:
        data: dict[str, Any] = {}
        for key, shape, value in pickle.load(received):
            if shape is None:
                data[key] = value
            else:
                size, mapping = shape
                data[key] = Streamed(functools.partial(_received, received), size, mapping)
        answer: tuple[Any, ...] = (
            "written",
            write_atomic(path, functools.partial(write_yaml, data), sole_writer),
        )
    except VanbanError as error:
        answer = ("error", error.template or str(error), error.values)
    except EOFError:  # the sender stopped: nothing was written
        return
    except Exception as error:  # said in one line by the sender, as its own error
        reason = f"{type(error).__name__}: {error}"
        answer = ("error", "{path}: cannot write ({reason})", {"path": path, "reason": reason})
    except BaseException:  # Ctrl+C reaches both processes: the sender says it
        return
    pickle.dump(answer, answers)
    answers.flush()


def _received(stream: BinaryIO) -> Iterator[Any]:
    """The items of one section as they arrive, up to the ``None`` that ends it."""
    while (batch := pickle.load(stream)) is not None:
        yield from batch


def to_yaml(data: dict[str, Any]) -> str:
    parts: list[str] = []
    write_yaml(data, parts.append)
    return "".join(parts)
