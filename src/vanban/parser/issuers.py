"""Read the issuer phrase after "của": "... của Ban Thường vụ Tỉnh ủy về ...".

The phrase is read word by word and ends where a clause begins (a lower-case verb or
preposition, a kind word with its number) or a central body's name is complete ("của Chính phủ
tổ chức ..." names "Chính phủ"). Names in :data:`vanban.core.bodies.BODIES` are taken whole,
whatever they hold ("Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, ..."). Words
a PDF glued together ("Ban Thường vụTỉnh uỷvề") are read as the words they are, and the phrase
is given back with the lost spaces restored ("Ban Thường vụ Tỉnh uỷ").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from vanban.core.bodies import BODY_FIRST_WORDS, BODY_NAMES, LONGEST_BODY_NAME, Body, body_at
from vanban.parser.normalize import glued_words
from vanban.parser.patterns import (
    DOCUMENT_AHEAD,
    ISSUER_KEEP_AFTER,
    ISSUER_STOP_BIGRAMS,
    ISSUER_STOP_WORDS,
    ISSUER_STOP_WRITTEN,
    ISSUER_TASK_HEADS,
    ISSUER_TASK_STOPS,
    ISSUER_TASK_VERBS,
    ISSUER_TOKEN,
    KIND_AHEAD,
    MAX_ISSUER_WORDS,
)

if TYPE_CHECKING:
    from vanban.parser.footnotes import Shown

_REACH = 240
"""How far an issuer phrase may run (characters)."""
_NAME_HEADS: frozenset[tuple[str, ...]] = frozenset(
    name.words[:size] for name in BODY_NAMES for size in range(1, len(name.words) + 1)
)
"""Every run of words a known body's name starts with ("ban", "ban thuong", "ban thuong vu"):
the words after "của" are read for a name only as long as they are one of these."""
_MARKS_IN_NAMES = frozenset(",-–")
"""Marks a body's name may hold: "Bộ Văn hóa, Thể thao và Du lịch"."""


class Word(NamedTuple):
    """A word of the text after "của", or one punctuation mark (a tuple: made by the
    thousand a document, five times faster than a frozen dataclass)."""

    start: int
    end: int
    folded: str
    written: str
    glued: bool
    """Cut from the word before it: the space between them was lost."""
    near: bool
    """Close to the word before it: a few characters, or a line break and its indent."""

    @property
    def mark(self) -> bool:
        return len(self.folded) == 1 and not self.folded.isalnum() and self.folded != "-"


def words_from(folded: str, display: Shown, start: int, end: int) -> list[Word]:
    """The words of ``start:end``, glued words cut apart."""
    return list(_cut_words(folded, display, start, end))


def _cut_words(folded: str, display: Shown, start: int, end: int) -> Iterator[Word]:
    last_end = start
    for token in ISSUER_TOKEN.finditer(folded, start, end):
        position, token_end = token.span()
        written = display[position:token_end]
        gap = folded[last_end:position]
        near = len(gap) <= 3 or (not gap.strip() and gap.count("\n") == 1)
        last_end = token_end
        parts = glued_words(written)
        if len(parts) == 1:
            yield Word(position, token_end, token[0], written, False, near)
            continue
        previous = ""
        for part in parts:
            after = position + len(part)
            glued = previous[-1:].isalnum() and part[:1].isalnum()
            yield Word(position, after, folded[position:after], part, glued, near)
            position, previous, near = after, part, True


@dataclass
class _Words:
    """The words of :func:`words_from`, cut only as far as the scan asks for them: a phrase
    usually ends after a few words of the 240 characters it may reach."""

    cut: Iterator[Word]
    words: list[Word] = field(default_factory=list)

    def has(self, index: int) -> bool:
        """Whether there is a word at ``index`` (cutting the words up to it)."""
        words = self.words
        while len(words) <= index:
            word = next(self.cut, None)
            if word is None:
                return False
            words.append(word)
        return True

    def __getitem__(self, index: int) -> Word:
        self.has(index)
        return self.words[index]

    def span(self, start: int, stop: int) -> list[Word]:
        """The words ``start:stop`` (fewer where the text ends)."""
        self.has(stop - 1)
        return self.words[start:stop]

    def from_(self, start: int) -> Iterator[Word]:
        """The words from ``start`` on, cut as they are read."""
        index = start
        while self.has(index):
            yield self.words[index]
            index += 1


def scan_issuer(folded: str, display: Shown, position: int, limit: int) -> tuple[str | None, int]:
    """The issuer phrase starting at ``position`` (as written, lost spaces restored) and where
    it ends; None where no name starts there."""
    words = _Words(_cut_words(folded, display, position, min(limit, position + _REACH)))
    taken = _Scan(words).run()
    while taken and taken[-1].folded in ("-", "va", "cua", "&"):
        taken.pop()
    if not taken:
        return None, position
    # Interned: a large text names the same bodies thousands of times, and holds each once.
    return sys.intern(_written(display, taken)), taken[-1].end


def _written(display: Shown, taken: list[Word]) -> str:
    pieces: list[str] = []
    for index, word in enumerate(taken):
        if index:
            gap = display[taken[index - 1].end : word.start]
            pieces.append(" " if word.glued or not gap.strip() and gap else gap)
        pieces.append(word.written)
    text = " ".join("".join(pieces).split())
    if text.count("(") > text.count(")"):  # "... hành chính (TTHC)" ended at its abbreviation
        text += ")"
    return text


@dataclass
class _Scan:
    words: _Words
    index: int = 0
    list_mode: bool = False
    closed: bool = False
    """A central body's name is complete: only a list ("và", ",") may go on."""
    task: bool = False
    """The name is a task body's ("Hội đồng thẩm định, ..."): its task is part of it."""

    def run(self) -> list[Word]:
        taken: list[Word] = []
        while self.words.has(self.index) and len(taken) < MAX_ISSUER_WORDS:
            word = self.words[self.index]
            if not word.near:
                break
            if word.mark:
                if not (self.task and self._task_mark_continues(word)) and not (
                    self._mark_continues(word, taken)
                ):
                    break
                self.index += 1
                continue
            body = self._body_here(taken)
            if body is not None:
                found, size = body
                taken.extend(self.words.span(self.index, self.index + size))
                self.index += size
                self.closed = found.whole
                continue
            if self.closed and word.folded != "va":
                break
            head = self._task_head() if not taken else 0
            if head:
                taken.extend(self.words.span(self.index, self.index + head))
                self.index += head
                self.task = True
                continue
            if self._task_ends() if self.task else self._ends(taken):
                break
            self.closed = False
            taken.append(word)
            self.index += 1
        return taken

    def _task_head(self) -> int:
        """How many words the head of a task body's name takes here ("Tổ giúp việc"), or 0."""
        for size in (3, 2):
            head = tuple(w.folded for w in self.words.span(self.index, self.index + size))
            if head in ISSUER_TASK_HEADS and self.words[self.index].written[:1].isupper():
                return size
        return 0

    def _task_ends(self) -> bool:
        """Whether this word ends a task body's name: "về", a clause word, a document."""
        word = self.words[self.index]
        following = self.words[self.index + 1] if self.words.has(self.index + 1) else None
        if following is not None:
            bigram = f"{word.folded} {following.folded}"
            if bigram in ISSUER_STOP_BIGRAMS and bigram not in ISSUER_TASK_VERBS:
                return True
        if word.written in ISSUER_STOP_WRITTEN or self._document_ahead(self.index):
            return True
        return word.folded in ISSUER_TASK_STOPS and word.written[:1].islower()

    def _document_ahead(self, index: int) -> bool:
        ahead = " ".join(w.folded for w in self.words.span(index, index + 6))
        return DOCUMENT_AHEAD.match(ahead) is not None

    def _task_mark_continues(self, word: Word) -> bool:
        """A comma inside a task body's name, or a bracketed abbreviation: "(TTHC)"."""
        after = self.words.span(self.index + 1, self.index + 3)
        if word.folded == "(":
            return (
                len(after) == 2
                and after[0].written.isupper()
                and after[1].folded == ")"
                and after[0].near
            )
        if word.folded == ")":
            return True
        if word.folded != "," or not after or after[0].mark:
            return False
        self.index += 1
        try:
            starts_body = self._body_here([]) is not None
            ends = self._task_ends()
        finally:
            self.index -= 1
        return not starts_body and not ends

    def _body_here(self, taken: list[Word]) -> tuple[Body, int] | None:
        """A known body's name starting at this word, and how many words (marks too) it takes."""
        first = self.words[self.index]
        if not first.written[:1].isupper() or first.folded not in BODY_FIRST_WORDS:
            return None  # (a capital word is no mark: it is the name's first word)
        folded: list[str] = []
        written: list[str] = []
        places: list[int] = []
        for offset, word in enumerate(self.words.from_(self.index)):
            if offset == 40 or len(folded) == LONGEST_BODY_NAME:
                break  # no name is longer: the words after it cannot change what is found
            if folded and tuple(folded) not in _NAME_HEADS:
                break  # no name starts so: neither can the words after it
            if offset and not word.near:
                break
            if word.folded in _MARKS_IN_NAMES:
                continue
            if word.mark:
                break
            folded.append(word.folded)
            written.append(word.written)
            places.append(offset)
        found = body_at(folded, written)
        if found is None:
            return None
        body, size = found
        return body, places[size - 1] + 1

    def _mark_continues(self, word: Word, taken: list[Word]) -> bool:
        """A colon opening a joint list ("Liên Bộ: ..."), a comma inside one."""
        following = self.words[self.index + 1] if self.words.has(self.index + 1) else None
        if word.folded == ":" and [w.folded for w in taken[-2:]] in (
            ["lien", "bo"],
            ["cac", "bo"],
        ):
            self.list_mode = True
            return True
        if word.folded == "," and following is not None and self._comma_continues(taken, following):
            self.closed = False
            return True
        return False

    def _comma_continues(self, taken: list[Word], following: Word) -> bool:
        """A comma inside a joint issuer: "Liên Bộ Giáo dục và Đào tạo, Bộ Tài chính, ...",
        "Đoàn Luật sư tỉnh Lâm Đồng, Đoàn Luật sư tỉnh Bình Thuận"."""
        if not taken or not following.written[:1].isupper():
            return False
        if self.list_mode:
            return not self._kind_ahead(self.index + 1)
        first = taken[0].folded
        return following.folded == first or (first == "lien" and following.folded == "bo")

    def _kind_ahead(self, index: int) -> bool:
        ahead = " ".join(w.folded for w in self.words.span(index, index + 6))
        return KIND_AHEAD.match(ahead) is not None

    def _ends(self, taken: list[Word]) -> bool:
        """Whether this word opens a clause rather than going on with the name."""
        word = self.words[self.index]
        following = self.words[self.index + 1] if self.words.has(self.index + 1) else None
        if following is not None and f"{word.folded} {following.folded}" in ISSUER_STOP_BIGRAMS:
            return True
        if self._kind_ahead(self.index):
            return True
        original = word.written
        if original in ISSUER_STOP_WRITTEN:
            return True
        lower = original[:1].islower()
        capitals = original.isupper() and len(original) > 1
        previous = taken[-1].folded if taken else ""
        if word.folded == "va":
            if following is None:
                return True
            return not following.written[:1].isupper() or self._kind_ahead(self.index + 1)
        if word.folded == "so" and original.lower() == "sở":  # "SỞ XÂY DỰNG", not "số"
            return False
        if word.folded in ISSUER_STOP_WORDS and (lower or capitals):
            return not (capitals and (previous, word.folded) in ISSUER_KEEP_AFTER)
        return False
