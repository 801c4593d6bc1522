"""Text normalisation: the first step of the pipeline.

Two strings come out of :func:`normalize`, of the same length and with the same line
breaks, so an offset in one is the same place in the other:

* ``display`` keeps what the writer wrote (dashes, look-alike letters) for surface text
  and issuer phrases;
* ``text`` is what patterns match on: ``Ð`` made ``Đ``, every dash a hyphen-minus,
  non-breaking spaces plain spaces.

:func:`fold` gives a third string of the same length again, lower-cased with tone marks
and ``đ`` folded (``Nghị quyết`` -> ``nghi quyet``), for matching keywords whatever the
tone placement (``uỷ``/``ủy``) or case.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Zero-width characters, the soft hyphen, and direction marks (U+200E/F, U+202A-E, U+2066-9,
# U+061C): invisible, and inside a symbol they break it ("15\u200f5-KH/TU").
_ZERO_WIDTH = regex.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
# Markdown emphasis stars glued to a word: "*về phát huy*", "**T/M THỊ ỦY".
_EMPHASIS = regex.compile(r"\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _entities(text: str) -> str:
    """Character entities decoded ("&amp;" -> "&"); one that stands for a line break
    ("&#10;") becomes a space, so lines stay the file's own lines."""
    if "&" not in text:
        return text
    result: str = _ENTITY.sub(lambda m: _entity(m.group()), text)
    return result


def _entity(written: str) -> str:
    value = html.unescape(written)
    return " " if value in ("\n", "\r", "\r\n") else value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _zero_width(text: str) -> str:
    result: str = _ZERO_WIDTH.sub("", text)
    return result


def _emphasis(text: str) -> str:
    if "*" not in text:
        return text
    result: str = _EMPHASIS.sub("", text)
    return result


# Steps that may change the length of the text (never its line breaks), in order.
NORMALIZE_STEPS: list[tuple[str, Callable[[str], str]]] = [
    ("newlines", _newlines),
    ("entities", _entities),
    ("nfc", _nfc),
    ("zero-width", _zero_width),
    ("emphasis", _emphasis),
]

# One character for one character: the matching copy differs from the display copy only here.
_MATCH_CHARS: dict[str, str] = {
    "\u00d0": "Đ",  # Latin capital eth, a look-alike of Đ
    "\u00f0": "đ",
    "\u0189": "Đ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\t": " ",
    "\x0b": " ",
    "\x0c": " ",
}
# These characters are few in a text: finding them is faster than translating every character.
_MATCH_FIND = regex.compile("[" + "".join(_MATCH_CHARS) + "]")


def _matching(text: str) -> str:
    if _MATCH_FIND.search(text) is None:
        return text
    result: str = _MATCH_FIND.sub(lambda m: _MATCH_CHARS[m.group()], text)
    return result


@dataclass(frozen=True)
class NormalizedText:
    """The display and matching copies of one text (same length, same lines)."""

    display: str
    text: str


def normalize(raw: str) -> NormalizedText:
    """Run the normalisation steps and return the display and matching copies."""
    text = raw
    for _name, step in NORMALIZE_STEPS:
        text = step(text)
    return NormalizedText(display=text, text=_matching(text))


def normalize_text(raw: str) -> str:
    """The matching copy only; idempotent."""
    return normalize(raw).text


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[:1].lower()
    if char in "đĐðÐ":
        base = "d"
    return base if len(base) == 1 else char


# Every character to exactly one lower-case, unaccented character: Latin, Latin Extended (all
# of Vietnamese), Greek and Cyrillic are folded, other scripts left as they are. A list indexed
# by code point, through U+2FFF so that punctuation is looked up too, which str.translate reads
# about twice as fast as a dict; a character past its end is left as it is.
_FOLD: list[str] = [
    _fold_char(chr(code)) if code < 0x0530 or 0x1E00 <= code < 0x1F00 else chr(code)
    for code in range(0x3000)
]


def fold(text: str) -> str:
    """Lower-case and strip tone marks, one character for one: ``Tỉnh uỷ`` -> ``tinh uy``."""
    return text.translate(_FOLD)


def fold_words(text: str) -> str:
    """:func:`fold` with runs of white space made one space, for comparing names."""
    return " ".join(fold(text).split())
