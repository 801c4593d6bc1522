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

import bisect
import functools
import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from vanban.core.vocabulary import case_runs, fold
from vanban.parser.patterns import (
    CASE_RUNS,
    EMPHASIS,
    ENTITY,
    KNOWN_SYLLABLES,
    LETTER_SPACED,
    LETTER_SPACED_HINT,
    SPACED_PIECES,
    VIETNAMESE_SYLLABLE,
    WORD_END,
    ZERO_WIDTH,
)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _entities(text: str) -> str:
    """Character entities decoded ("&amp;" -> "&"); one that stands for a line break
    ("&#10;") becomes a space, so lines stay the file's own lines."""
    if "&" not in text:
        return text
    result: str = ENTITY.sub(lambda m: _entity(m.group()), text)
    return result


def _entity(written: str) -> str:
    value = html.unescape(written)
    return " " if value in ("\n", "\r", "\r\n") else value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _zero_width(text: str) -> str:
    result: str = ZERO_WIDTH.sub("", text)
    return result


def _emphasis(text: str) -> str:
    if "*" not in text:
        return text
    result: str = EMPHASIS.sub("", text)
    return result


def _letter_spacing(text: str) -> str:
    """Letter-spaced runs ("Q u y ế t đ ị n h s ố 0 1 / Q Đ - C T N") written as words."""
    if LETTER_SPACED_HINT.search(text) is None and LETTER_SPACED_HINT.match(" " + text[:8]) is None:
        return text
    result: str = LETTER_SPACED.sub(lambda m: _respace(m.group()), text)
    return result


_JOINING = frozenset("/-.–—_")
"""Marks written with no space on either side in a run: "01/QĐ-CTN", "300.000"."""
_CLOSING = frozenset(",;:.!?)%”")
_OPENING = frozenset("(“")


def _respace(run: str) -> str:
    """A letter-spaced run with spaces where its words end. Its line breaks are kept, each at
    the first space between words from where it stood ("16/" / "NQ-HĐND của" is written
    "16/NQ-HĐND" / "của")."""
    characters: list[str] = []
    breaks: list[int] = []  # characters a line break stood before
    for number, line in enumerate(run.split("\n")):
        if number:
            breaks.append(len(characters))
        characters.extend(line.split())
    words: list[str] = []
    starts: list[int] = []
    spaced: list[bool] = []  # whether a space comes before each word
    for piece in SPACED_PIECES.finditer("".join(characters)):
        text = piece.group()
        start = piece.start()
        for word in _words(text) if text[0].isalpha() else [text]:
            spaced.append(bool(words) and (start > piece.start() or not _glued(words, word)))
            words.append(word)
            starts.append(start)
            start += len(word)
    newlines = [0] * (len(words) + 1)  # before each word, and after the last
    for position in breaks:
        index = bisect.bisect_right(starts, position) - 1
        if starts[index] < position or not spaced[index]:
            index = next((i for i in range(index + 1, len(words)) if spaced[i]), len(words))
        newlines[index] += 1
    out: list[str] = []
    for index, word in enumerate(words):
        out.append("\n" * newlines[index] if newlines[index] else " " if spaced[index] else "")
        out.append(word)
    out.append("\n" * newlines[-1])
    return "".join(out)


def _glued(before: list[str], after: str) -> bool:
    """Whether a piece of a run belongs to the word before it ("01" and "/", "QH" and "15");
    ``before`` is the words so far."""
    last, first = before[-1][-1], after[0]
    if last in "-+*•" and len(before) == 1:
        return False  # a list dash opening the run: "- Hoàn thành"
    if last in _JOINING or first in _JOINING or first in _CLOSING or last in _OPENING:
        return not (last in _CLOSING and last not in _JOINING)
    if last.isdigit() and first.isalpha() or last.isalpha() and first.isdigit():
        letters = before[-1] if last.isalpha() else after
        return letters.isupper()  # "QH15", "NĐ-CP"; but "số 01", "01 của"
    return False


def _words(letters: str) -> list[str]:
    """A run of letters cut into words: at changes of case ("HĐND" / "của"), then into
    Vietnamese syllables where the whole of a part can be read as syllables."""
    parts: list[str] = []
    for run in CASE_RUNS.findall(letters):
        if parts and len(parts[-1]) == 1 and parts[-1].isupper() and not run.isupper():
            parts[-1] += run  # "N" + "ghịquyết": a capital begins the word
        else:
            parts.append(run)
    return [word for part in parts for word in _syllables(part)]


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aeiouy")
_LONGEST_SYLLABLE = 7  # "nghiêng"


def _toned(character: str) -> bool:
    return any(mark in _TONE_MARKS for mark in unicodedata.normalize("NFD", character))


def _syllables(part: str) -> list[str]:
    """``part`` cut into the fewest syllables, known words preferred and syllables that open
    with a vowel avoided ("tỉnh ủy", "chỉ thị"); as it is when it cannot be cut ("HĐND")."""
    folded = fold(part)
    toned = [_toned(character) for character in part]
    size = len(part)
    cost = [float("inf")] * (size + 1)
    cost[size] = 0.0
    cut = [size] * (size + 1)
    for start in range(size - 1, -1, -1):
        for end in range(start + 1, min(size, start + _LONGEST_SYLLABLE) + 1):
            syllable = folded[start:end]
            fragment = start == 0 and WORD_END.fullmatch(syllable) is not None
            if not fragment and not VIETNAMESE_SYLLABLE.fullmatch(syllable):
                continue
            if sum(toned[start:end]) > 1:
                continue
            known = syllable in KNOWN_SYLLABLES
            step = (0.8 if known else 1.0) + (0.5 if syllable[0] in _VOWELS and not known else 0)
            step += 3.0 if fragment else 0.0
            if step + cost[end] < cost[start]:
                cost[start], cut[start] = step + cost[end], end
    if cost[0] == float("inf"):
        return [part]  # not Vietnamese syllables: an abbreviation ("HĐND"), a code, a name
    words, start = [], 0
    while start < size:
        words.append(part[start : cut[start]])
        start = cut[start]
    return words


def glued_parts(word: str) -> list[str]:
    """A word as written, cut where a PDF lost the spaces between words: at a capital after a
    small letter ("vụTỉnh"), between letters and digits ("thịsố04"), and into Vietnamese
    syllables where the word cannot be one ("uỷvề", "phủquy"); as it is otherwise ("Khánh",
    "HĐND", "BCĐTW"). The parts, joined, give the word back."""
    return list(glued_words(word))


@functools.lru_cache(maxsize=1 << 14)
def glued_words(word: str) -> tuple[str, ...]:
    """:func:`glued_parts` as a tuple, remembered: the issuer reader cuts the same few thousand
    words ("Ban", "Thường", "vụ") again and again, at about 10 µs a word."""
    if len(word) < 3 or word.isupper() or not any(c.isalpha() for c in word):
        return (word,)
    parts: list[str] = []
    for piece in _LETTERS_OR_DIGITS.findall(word):
        if not piece[0].isalpha() or piece.isupper():
            parts.append(piece)
            continue
        for run in case_runs(piece):
            if run.isupper() or VIETNAMESE_SYLLABLE.fullmatch(fold(run)):
                parts.append(run)
            else:
                parts.extend(_syllables(run))
    return tuple(parts)


_LETTERS_OR_DIGITS = regex.compile(r"\d+|[^\W\d_]+|.")


# Steps that may change the length of the text (never its line breaks), in order.
NORMALIZE_STEPS: list[tuple[str, Callable[[str], str]]] = [
    ("newlines", _newlines),
    ("entities", _entities),
    ("nfc", _nfc),
    ("zero-width", _zero_width),
    ("emphasis", _emphasis),
    ("letter-spacing", _letter_spacing),
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
    "\ufe63": "-",  # small and full-width hyphen-minus, from East Asian fonts
    "\uff0d": "-",
    "\u2215": "/",  # division, fraction and full-width slashes, as some PDFs extract "/"
    "\u2044": "/",
    "\uff0f": "/",
    "\u29f8": "/",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2002": " ",  # en, em, third, quarter, sixth, figure, punctuation, thin and hair spaces
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u205f": " ",
    "\u3000": " ",
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
