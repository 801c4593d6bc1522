"""A fast YAML writer for the plain data of a graph (dicts, lists, text, numbers, null).

PyYAML's representer walks the data in Python and writes about 1.5 MB/s; a graph of a few
thousand documents is tens of megabytes. This writer emits the same block style directly.
Text is written plain only when no YAML reader could take it for anything else (it starts
with a letter, holds no character YAML gives a meaning to, and is not a word such as ``yes``
or ``null``); everything else is double-quoted with JSON escapes, which YAML reads the same.
The tests load what it writes with PyYAML's safe loader and compare.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import regex

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
"""Text up to this long recurs (keys, dates, kinds, issuers, ids): it is written once and kept."""
_written: dict[str, str] = {}


def _escape(match: regex.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _text(value: str) -> str:
    known = _written.get(value)
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
        if len(_written) > 100_000:
            _written.clear()
        _written[value] = result
    return result


def scalar(value: Any) -> str:
    if type(value) is str:
        return _text(value)
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
        return _text(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _line(out: list[str], lead: str, nested: str, key: Any, value: Any) -> None:
    """One ``key: value`` line after ``lead``; a nested mapping is indented to ``nested + 2``
    and a nested list to ``nested`` (block style puts a list's dashes under its key)."""
    name = _written.get(key) if type(key) is str else None
    if name is None:
        name = _text(str(key))
    kind = type(value)
    if kind is str:
        out.append(f"{lead}{name}: {_text(value)}\n")
    elif kind is dict and value:
        out.append(f"{lead}{name}:\n")
        _mapping(value, nested + "  ", out)
    elif kind is list and value:
        out.append(f"{lead}{name}:\n")
        _sequence(value, nested, out)
    else:
        out.append(f"{lead}{name}: {_inline(value)}\n")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def _mapping(data: dict[Any, Any], indent: str, out: list[str]) -> None:
    for key, value in data.items():
        _line(out, indent, indent, key, value)


def _sequence(items: list[Any], indent: str, out: list[str]) -> None:
    dash, pad, nested = f"{indent}- ", f"{indent}  ", indent + "  "
    for item in items:
        if isinstance(item, dict) and item:
            lead = dash
            for key, value in item.items():
                _line(out, lead, nested, key, value)
                lead = pad
        elif isinstance(item, list) and item:
            out.append(f"{indent}-\n")
            _sequence(item, nested, out)
        else:
            out.append(f"{dash}{_inline(item)}\n")


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
            _line(out, "", "", key, value)
            continue
        out.append(f"{_text(str(key))}:\n")
        while part := list(itertools.islice(items, 64)):
            if mapping:
                _mapping(dict(part), "  ", out)
            else:
                _sequence(part, "", out)
            if len(out) >= _PIECE:
                write("".join(out))
                out.clear()
    write("".join(out))


def to_yaml(data: dict[str, Any]) -> str:
    parts: list[str] = []
    write_yaml(data, parts.append)
    return "".join(parts)
