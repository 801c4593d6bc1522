"""Footnotes: find their bodies and markers, lift the bodies out of the running text.

Text converted from PDF or print drops footnote bodies where the page broke, often in
the middle of a paragraph or a reference::

    ... có hiệu quả Kế hoạch số 155-KH/TU,

    ⁽²⁾ Thực hiện Kế hoạch số 153-KH/TU, ...

    ngày 15/6/2023 của Ban Thường vụ Thị ủy ...

:func:`split` returns a masked copy of the text, as long as the input so that offsets and
lines stay those of the file: ``body``, with footnote bodies and markers blanked and the
halves of a broken paragraph joined by spaces; the footnote bodies are read in windows of the
notes copy, which keeps only them (:func:`note_windows`). Paragraph breaks that are real are
written ``¶`` in both, so no pattern reaches across them.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeAlias, overload

import regex

from vanban.core.records import Footnote
from vanban.core.vocabulary import fold
from vanban.parser.patterns import (
    BARE_NOTE_LINE,
    BARE_NOTE_START,
    FOOTNOTE_BODY_START,
    FOOTNOTE_MARKER,
    GLUED_MARKER,
    ITEM_OR_HEADING,
    LETTER_ITEM,
    PAGE_FURNITURE,
    SUPERSCRIPT_TO_DIGIT,
)

PARAGRAPH_BREAK = "¶"
_TERMINAL = tuple(".!?:;")
_CLOSED_QUOTE = (".”", '."', ";”", ".)")
_MARKDOWN_HEADING = ("# ", "## ", "### ", "#### ", "```")
_LINE = regex.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class Marker:
    """A footnote marker in the running text."""

    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class NoteRegion:
    """Where one footnote body stands (its text after the leading marker)."""

    number: int
    marker: str
    start: int
    end: int


@dataclass(frozen=True)
class FootnoteSplit:
    body: str
    markers: tuple[Marker, ...]
    regions: tuple[NoteRegion, ...]
    paragraphs: tuple[tuple[int, int], ...]
    """Start and end of each paragraph of the running text (footnote bodies excluded)."""
    body_masked: tuple[tuple[int, int], ...] = ()
    """Spans blanked in ``body`` (footnote bodies, markers, breaks between paragraphs)."""
    note_texts: tuple[str, ...] = ()
    """The text of each footnote body as the notes copy holds it (:func:`note_windows`), one for
    each of ``regions``."""


_NOTE_PAD = 256
"""Characters of the notes copy kept on each side of a footnote body read on its own: more
than any pattern looks behind or ahead of the place it is tried."""


def note_windows(split_text: FootnoteSplit, shown: str) -> Iterator[tuple[int, str, str]]:
    """For each footnote body, a window of the notes copy around it: where the window starts,
    and what the notes copy of the text holds there (the footnote bodies, everything else
    blanked, a paragraph break for each line break) and the shown text masked like it. The
    bodies are read in their windows, at offsets from the window's start: no copy as long as
    the text is made."""
    regions, texts = split_text.regions, split_text.note_texts
    ends = [region.end for region in regions]
    for region in regions:
        low = max(0, region.start - _NOTE_PAD)
        high = min(len(shown), region.end + _NOTE_PAD)
        matching: list[str] = []
        masked: list[str] = []
        cursor = low
        for index in range(bisect.bisect_right(ends, low), len(regions)):
            other = regions[index]
            if other.start >= high:
                break
            start, end = max(other.start, low), min(other.end, high)
            if start > cursor:
                matching.append(_blank(shown[cursor:start]))
                masked.append(" " * (start - cursor))
            matching.append(texts[index][start - other.start : end - other.start])
            masked.append(shown[start:end])
            cursor = end
        if high > cursor:
            matching.append(_blank(shown[cursor:high]))
            masked.append(" " * (high - cursor))
        yield low, "".join(matching), "".join(masked)


def _paragraphs(
    text: str,
    glued: dict[int, int] | None = None,
    running: frozenset[str] = frozenset(),
    first_break: int = 0,
) -> list[tuple[int, int]]:
    """Start and end offsets of each paragraph, told by the text's own signals.

    Text comes with a blank line between paragraphs, with one line break (Word's "save as
    text"), or hard-wrapped with a paragraph spread over many lines (pdftotext). So a paragraph
    ends at a blank line, and also where a line ends a sentence (``.``, ``;``, ``:``...); and one
    begins at a footnote body ("⁽²⁾ Thực hiện ...") or, after a short line (a heading, a title),
    at a list item or numbered heading. Page furniture between pages (a page number, "- 2 -",
    "Trang 2/9", a running header) is no paragraph at all, so the text around it still joins up.
    """
    lines = _lines(text)
    widths = sorted(end - start for start, end in lines if text[start:end].strip())
    short = 0.6 * widths[int(0.8 * (len(widths) - 1))] if widths else 0.0
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    previous = ""
    for line_start, line_end in lines:
        line = text[line_start:line_end]
        bare = line.strip()
        if (
            not bare
            or PAGE_FURNITURE.fullmatch(bare)
            or (bare in running and line_start >= first_break)  # the first page's are its own
        ):
            if start is not None:
                spans.append((start, end))
            start, previous = None, ""
            continue
        opens = start is None or (
            previous.endswith(_TERMINAL)
            or previous.endswith(_CLOSED_QUOTE)
            or _note_head(bare, 0, len(bare)) is not None
            or bool(glued)
            and _bare_number(bare) in glued  # type: ignore[operator]
            or bare.startswith(_MARKDOWN_HEADING)
            or len(previous) < short
            and ITEM_OR_HEADING.match(bare) is not None
            and not _ends_awaiting(previous)
        )
        if opens and start is not None:
            spans.append((start, end))
            start = None
        if start is None:
            start = line_start + len(line) - len(line.lstrip())
        end = line_start + len(line.rstrip())
        previous = bare
    if start is not None:
        spans.append((start, end))
    return spans


_AWAITING = frozenset({"ngay", "thang", "so"})
"""Words a line can end with that the next line completes ("TB/TU, ngày" / "14 tháng 01 năm
2026 kết luận"): the next line goes on, though it opens like a numbered item ("14 ")."""


def _ends_awaiting(line: str) -> bool:
    words = line.rsplit(None, 1)
    return bool(words) and fold(words[-1]) in _AWAITING


_RUNNING_REACH = 2
"""How many lines from a page number or a form feed a running header stands."""
_FIRST_PAGE_LINES = 12
"""The first lines are the document's own header, never a running one."""


def _lines(text: str) -> list[tuple[int, int]]:
    """Start and end of each line, its line break left out."""
    return [(m.start(), m.start() + len(m.group().rstrip("\n"))) for m in _LINE.finditer(text)]


def _page_line(line: str) -> str:
    """A line without the spaces around it, but with the form feed that opens it, if one does
    (pdftotext starts each page's first line with one)."""
    bare = line.strip()
    return f"\f{bare}" if "\f" in line[: len(line) - len(line.lstrip())] else bare


def _page_breaks(lines: list[str]) -> list[int]:
    """The lines (as :func:`_page_line` gives them) where a page ends or begins: a form feed
    opens them, or they are a page number."""
    return [
        index
        for index, line in enumerate(lines)
        if line.startswith("\f") or (line and PAGE_FURNITURE.fullmatch(line))
    ]


def _running_headers(lines: list[str], breaks: list[int]) -> frozenset[str]:
    """Lines a page repeats at its top or foot ("Báo cáo chính trị Đại hội XI"): the same
    short line at least twice, each time beside a page number or after a form feed (``lines``
    keep the form feed that opens them, see :func:`_page_line`; ``breaks`` are those of
    :func:`_page_breaks`)."""
    if not breaks:
        return frozenset()
    near_break: dict[str, list[bool]] = {}
    for index, line in enumerate(lines):
        after_feed = line.startswith("\f")
        line = line.lstrip("\f")
        if index < _FIRST_PAGE_LINES or not line or len(line) > 100:
            continue
        if PAGE_FURNITURE.fullmatch(line):
            continue
        position = bisect.bisect_left(breaks, index - _RUNNING_REACH)
        near = after_feed or (position < len(breaks) and breaks[position] <= index + _RUNNING_REACH)
        near_break.setdefault(line, []).append(near)
    repeated = {line for line, nears in near_break.items() if len(nears) >= 2 and all(nears)}
    return frozenset(repeated | _headers_inside_a_sentence(lines))


def _headers_inside_a_sentence(lines: list[str]) -> set[str]:
    """A page's first line that stands alone inside a sentence the page break cut: a short
    line after a form feed, a blank line, then the sentence going on in lower case ("\fTài
    liệu phục vụ Hội nghị" / "" / "ngày 08/11/2017 của ..."). pdftotext puts a blank line only
    between blocks, so that first line is a block of its own: a running header, even on a
    document with a single page break."""
    found = set()
    for index in range(_FIRST_PAGE_LINES, len(lines) - 2):
        line, header = lines[index], lines[index][1:]
        if (
            line.startswith("\f")
            and not lines[index + 1]
            and header[:1].isupper()
            and len(header) <= 100
            and not header.endswith(_TERMINAL)
            and _next_text(lines, index + 2)[:1].islower()
        ):
            found.add(header)
    return found


def _next_text(lines: list[str], index: int) -> str:
    """The first line from ``index`` on that is not blank ("" when none is)."""
    return next((lines[i] for i in range(index, len(lines)) if lines[i]), "")


def _note_head(text: str, start: int, end: int) -> regex.Match[str] | None:
    """The marker opening a footnote body at ``start`` ("⁽²⁾ Thực hiện ..."), if text follows."""
    head = FOOTNOTE_BODY_START.match(text, start, end)
    return head if head is not None and head.end() < end else None


def _marker_number(match: regex.Match[str]) -> int:
    digits = next(g for g in match.groups() if g is not None)
    return int(digits.translate(SUPERSCRIPT_TO_DIGIT))


def _list_goes_on(text: str, note_end: int, start: int) -> bool:
    """Whether a footnote body that ended its line with ";" or "," goes on at the next line
    (a list of documents hard-wrapped), rather than the running text resuming after it."""
    return text[note_end - 1 : note_end] in (";", ",") and text.count("\n", note_end, start) == 1


def _runs_on(body: str) -> bool:
    """Whether a footnote body goes on in the next paragraph: an open quotation, or a colon."""
    return body.count("“") > body.count("”") or body.rstrip().endswith(":")


def _glued_numbers(text: str) -> dict[int, int]:
    """Numbers standing glued to a word or code ("Tỉnh ủy3", "NĐ-CP2"): where each is first."""
    first: dict[int, int] = {}
    if BARE_NOTE_LINE.search(text) is None:
        return first
    for match in GLUED_MARKER.finditer(text):
        first.setdefault(int(match["glued"]), match.start())
    return first


def _bare_number(line: str) -> int | None:
    head = BARE_NOTE_START.match(line)
    return int(head["bare"]) if head is not None and head.end() < len(line) else None


def _bare_heads(
    text: str, paragraphs: list[tuple[int, int]], first_glued: dict[int, int]
) -> dict[int, regex.Match[str]]:
    """Paragraphs opening with a bare number that is a footnote's ("1 Luật Địa chất ..."):
    the number stands glued to a word or code earlier ("khoáng sản1", "NĐ-CP2"), and each such
    number is above the one before. Keyed by paragraph start."""
    if not first_glued:
        return {}
    heads: dict[int, regex.Match[str]] = {}
    last = 0
    for start, end in paragraphs:
        head = BARE_NOTE_START.match(text, start, end)
        if head is None or head.end() >= end:
            continue
        number = int(head["bare"])
        if number > last and first_glued.get(number, end) < start:
            heads[start] = head
            last = number
    return heads


def split(text: str, display: str | None = None) -> FootnoteSplit:
    """Separate footnote bodies from the running text of ``text`` (normalised: the matching
    copy; ``display`` is its display copy, which keeps the form feeds between pages)."""
    glued = _glued_numbers(text)
    shown = text if display is None else display  # the matching copy has no form feeds
    lines = _lines(shown)
    page_lines = [_page_line(shown[start:end]) for start, end in lines]
    breaks = _page_breaks(page_lines)
    running = _running_headers(page_lines, breaks)
    first_break = lines[breaks[0]][0] if breaks else len(text)
    paragraphs = _paragraphs(text, glued, running, first_break)
    del lines, page_lines  # a copy of the text, line by line: not held while the copies are made
    bare_heads = _bare_heads(text, paragraphs, glued)
    notes: list[tuple[int, int, int, str, int]] = []  # number, start, end, marker, body start
    body_spans: list[tuple[int, int]] = []
    open_note = False
    for start, end in paragraphs:
        head = _note_head(text, start, end) or bare_heads.get(start)
        if head is not None:
            notes.append((_marker_number(head), start, end, head.group().strip(), head.end()))
            open_note = _runs_on(text[head.end() : end])
        elif notes and (open_note or _list_goes_on(text, notes[-1][2], start)):
            number, n_start, _, marker, body_start = notes[-1]
            notes[-1] = (number, n_start, end, marker, body_start)
            open_note = _runs_on(text[body_start:end])
        else:
            body_spans.append((start, end))
            open_note = False

    body: list[str] = []
    body_masked: list[tuple[int, int]] = []
    cursor = 0
    previous_end: int | None = None
    for start, end in body_spans:
        gap = text[cursor:start]
        broken = previous_end is not None and _page_break(shown[cursor:start], running)
        if previous_end is not None and _continues(text, previous_end, start, end, broken):
            body.append(" " * len(gap))
        else:
            body.append(_blank(gap))
        body_masked.append((cursor, start))
        body.append(text[start:end])
        cursor = end
        previous_end = end
    body.append(_blank(text[cursor:]))
    body_masked.append((cursor, len(text)))
    body_text = "".join(body)
    del body

    markers: list[Marker] = []

    def _mask(match: regex.Match[str]) -> str:
        markers.append(Marker(_marker_number(match), match.group(), match.start(), match.end()))
        return " " * len(match.group())

    # As ``pattern.sub``, but the text given is let go before the new one is joined: a large
    # text is held twice here, not three times.
    pieces = _substituted(FOOTNOTE_MARKER, _mask, body_text)
    del body_text
    body_text = "".join(pieces)
    del pieces
    numbers = {note[0] for note in notes}
    if numbers:

        def _mask_glued(match: regex.Match[str]) -> str:
            written: str = match.group()
            return _mask(match) if int(written) in numbers else written

        pieces = _substituted(GLUED_MARKER, _mask_glued, body_text)
        del body_text
        body_text = "".join(pieces)
        del pieces
    body_masked.extend((m.start, m.end) for m in markers)

    note_texts: list[str] = []
    regions: list[NoteRegion] = []
    if not notes:  # no copy of blanks as long as the text
        return FootnoteSplit(body_text, tuple(markers), (), tuple(body_spans), _sorted(body_masked))
    for number, _start, end, marker, body_start in notes:
        note_texts.append(_keep_lines(text[body_start:end]))
        regions.append(NoteRegion(number, marker, body_start, end))
    return FootnoteSplit(
        body=body_text,
        markers=tuple(markers),
        regions=tuple(regions),
        paragraphs=tuple(body_spans),
        body_masked=_sorted(body_masked),
        note_texts=tuple(note_texts),
    )


def _substituted(
    pattern: regex.Pattern[str], substitute: Callable[[regex.Match[str]], str], text: str
) -> list[str]:
    """The pieces of ``pattern.sub(substitute, text)``, not yet joined."""
    pieces: list[str] = []
    cursor = 0
    for match in pattern.finditer(text):
        pieces.append(text[cursor : match.start()])
        pieces.append(substitute(match))
        cursor = match.end()
    pieces.append(text[cursor:])
    return pieces


def _sorted(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(spans))


def apply_mask(display: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``display`` with the given spans blanked, so it reads like the masked copy."""
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        if end <= start or start < cursor:
            continue
        pieces.append(display[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
    pieces.append(display[cursor:])
    return "".join(pieces)


class MaskedText:
    """``apply_mask(display, spans)`` read without being made: the slices and characters the
    readers take are cut from ``display`` and blanked where a span covers them. A large text
    holds no further copy of itself for the shown text of each region; a small one is faster
    with the copy."""

    def __init__(self, display: str, spans: tuple[tuple[int, int], ...]) -> None:
        self._display = display
        self._starts: list[int] = []
        self._ends: list[int] = []
        cursor = 0
        for start, end in spans:  # the spans apply_mask blanks, as it chooses them
            if end <= start or start < cursor:
                continue
            self._starts.append(start)
            self._ends.append(end)
            cursor = end

    def __len__(self) -> int:
        return len(self._display)

    @overload
    def __getitem__(self, key: int) -> str: ...

    @overload
    def __getitem__(self, key: slice) -> str: ...

    def __getitem__(self, key: int | slice) -> str:
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self._display))
            if step != 1:
                raise ValueError("a masked text is read in slices of step 1")
            return self._cut(start, stop)
        index = key + len(self._display) if key < 0 else key
        char = self._display[index]
        at = bisect.bisect_right(self._starts, index) - 1
        return " " if at >= 0 and index < self._ends[at] else char

    def _cut(self, start: int, stop: int) -> str:
        if stop <= start:
            return ""
        display, starts, ends = self._display, self._starts, self._ends
        at = max(bisect.bisect_right(starts, start) - 1, 0)
        pieces: list[str] = []
        cursor = start
        while at < len(starts) and starts[at] < stop:
            low, high = max(starts[at], cursor), min(ends[at], stop)
            if high > low:
                pieces.append(display[cursor:low])
                pieces.append(" " * (high - low))
                cursor = high
            at += 1
        if not pieces:
            return display[start:stop]
        pieces.append(display[cursor:stop])
        return "".join(pieces)


Shown: TypeAlias = "str | MaskedText"
"""The text as written: a copy, or a view of a large text that reads the same."""


def masked(display: str, spans: tuple[tuple[int, int], ...], view: bool) -> Shown:
    """``display`` with ``spans`` blanked: a copy (:func:`apply_mask`), or with ``view`` a
    :class:`MaskedText` that reads the same and copies nothing."""
    return MaskedText(display, spans) if view else apply_mask(display, spans)


def _page_break(gap: str, running: frozenset[str]) -> bool:
    """Whether the lines between two paragraphs (display copy) hold a page break: a form feed,
    page furniture ("- 6 -", "Trang 2/9") or a running header."""
    return "\f" in gap or any(
        PAGE_FURNITURE.fullmatch(line.strip()) or line.strip() in running
        for line in gap.split("\n")
    )


def _continues(text: str, previous_end: int, start: int, end: int, page_break: bool) -> bool:
    """Whether the paragraph at ``start`` carries on the one that ended at ``previous_end``
    (``page_break``: a page ends between them)."""
    tail = text[max(0, previous_end - 3) : previous_end].rstrip()
    head = text[start:end].lstrip()
    if not tail or not head or tail.endswith(_TERMINAL):
        return False
    if page_break:
        # A page break is no paragraph break: "ngày" / "- 6 -" / "19/10/2022 của ...".
        return ITEM_OR_HEADING.match(head) is None
    last_line = text[text.rfind("\n", 0, previous_end) + 1 : previous_end]
    if last_line.isupper():  # a heading in capitals ("KẾ HOẠCH"): the title below is its own
        return False
    first = head[0]
    return first.islower() and not LETTER_ITEM.match(head)


_NOT_NEWLINE = regex.compile(r"[^\n]+")


def _blank(segment: str) -> str:
    """Text blanked, its line breaks written as paragraph breaks no pattern crosses."""
    blanked: str = _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), segment)
    return blanked.replace("\n", PARAGRAPH_BREAK)


def _keep_lines(segment: str) -> str:
    """Inside a footnote body: blank lines become paragraph breaks, the rest is kept."""
    return segment.replace("\n\n", "\n" + PARAGRAPH_BREAK)


def footnotes(split_text: FootnoteSplit, display: str, line_of: LineIndex) -> tuple[Footnote, ...]:
    """The footnotes of a document: each body tied to the first marker with its number."""
    unmatched = list(split_text.markers)
    result: list[Footnote] = []
    for region in split_text.regions:
        marker_line: int | None = None
        for i, marker in enumerate(unmatched):
            if marker.number == region.number:
                marker_line = line_of(marker.start)
                del unmatched[i]
                break
        body = " ".join(display[region.start : region.end].split())
        result.append(
            Footnote(region.number, region.marker, body, marker_line, line_of(region.start))
        )
    for marker in unmatched:
        result.append(Footnote(marker.number, marker.text, "", line_of(marker.start), None))
    result.sort(key=lambda f: (f.number, f.body_line or 0, f.line or 0))
    return tuple(result)


class LineIndex:
    """Maps an offset in a text to its 1-based line number."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._length = len(text)
        self._shift = 0
        find = text.find
        position = find("\n")
        while position != -1:
            self._starts.append(position + 1)
            position = find("\n", position + 1)

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset + self._shift)

    def shifted(self, by: int) -> LineIndex:
        """The same lines, for offsets counted from ``by`` (a window of the text)."""
        lines = copy.copy(self)
        lines._shift = self._shift + by
        return lines

    def start_of(self, line: int) -> int:
        """Offset where the 0-based ``line`` starts (the end of the text past the last line)."""
        return self._starts[line] if line < len(self._starts) else self._length

    def column(self, offset: int) -> int:
        """1-based column of ``offset`` in its line."""
        offset += self._shift
        return offset - self._starts[bisect.bisect_right(self._starts, offset) - 1] + 1
