"""Find numbered references in one region of text (the body, or one footnote body).

A symbol is the anchor ("155-KH/TU", "30/2020/NĐ-CP"). From it the finder looks left for
the kind word and ``số`` (or an issuer standing before: "của Ban Thường vụ Thị ủy tại
Công văn số ..."), and right for the date, the ``của ...`` issuer phrase and the term.
It never invents a date: a date belongs to a reference only when it follows it.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from vanban.core.records import Malformed, Reference, Relation, Symbol

if TYPE_CHECKING:
    from vanban.parser.footnotes import LineIndex, Shown
from vanban.core.identity import committee_level
from vanban.core.symbols import DATE, SYMBOL, make_symbol, parse_date
from vanban.core.vocabulary import (
    KIND_ABBREVIATIONS,
    kind_named,
)
from vanban.parser.issuers import scan_issuer
from vanban.parser.patterns import (
    ABBREVIATION_BEFORE,
    BEFORE_DATE,
    BEFORE_ISSUER,
    COMMA_BEFORE_DATE,
    ISSUER_BEFORE,
    ISSUER_LIST_JOINER,
    ISSUER_SUBJECT,
    KIND_BEFORE,
    KIND_START,
    KIND_WORD,
    LAW_BEFORE,
    LIST_JOINER,
    MALFORMED,
    NOT_A_DOCUMENT_BEFORE,
    RELATION_AND,
    RELATION_GAPS,
    RELATION_GAPS_PASSIVE,
    SENTENCE_END,
    SHARED_NUMBERS,
    TERM,
)

_LEFT_WINDOW = 90
_FORM_LIST_REACH = 240
"""How far back the word of a list of forms may stand ("các Mẫu số 01/HĐBC, 02/HĐBC, ...")."""
_SPACES = regex.compile(r"[ \n]+")


@dataclass(frozen=True)
class Region:
    """A stretch of text to search, with the three copies it is read from."""

    text: str
    """Matching copy, masked (footnote bodies or running text blanked)."""
    folded: str
    """:func:`vanban.vocabulary.fold` of ``text``."""
    display: Shown
    """The text as written, masked like ``text``, for surface text and issuer phrases (a copy,
    or for a large text a view that reads the same)."""
    start: int
    end: int
    footnote: int | None
    kind_starts: tuple[int, ...]
    """:func:`kind_starts` of ``folded`` (the whole of it, shared by the regions of a copy)."""


def kind_starts(folded: str) -> tuple[int, ...]:
    """Where a kind word may start in a folded text: the one scan for kind words."""
    return tuple(match.start() for match in KIND_START.finditer(folded))


def at_kind_words(pattern: regex.Pattern[str], region: Region) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``region.folded`` for a pattern that starts at a kind word:
    tried only where one starts, matches not overlapping, as finditer gives them."""
    starts = region.kind_starts
    reached = region.start
    for index in range(bisect.bisect_left(starts, region.start), len(starts)):
        position = starts[index]
        if position >= region.end:
            break
        if position < reached:
            continue
        match = pattern.match(region.folded, position, region.end)
        if match is not None and match.end() > position:
            reached = match.end()
            yield match


_LOOKAHEAD = 120
"""How far past a point the right-context patterns may look (bounds their cost)."""


def _near(region: Region, position: int) -> int:
    return min(region.end, position + _LOOKAHEAD)


def _surface(region: Region, start: int, end: int) -> str:
    """The text of ``start:end`` as written, masked parts left out, spaces folded."""
    return " ".join(region.display[start:end].split())


def find_references(
    region: Region,
    line_of: LineIndex,
    section_of: Callable[[int], str | None],
    skip: Callable[[int], bool] = lambda _start: False,
) -> list[Reference]:
    """Every numbered reference in ``region``, in reading order."""
    found: list[Reference] = []
    for match in SYMBOL.finditer(region.text, region.start, region.end):
        if skip(match.start()):
            continue
        symbol = make_symbol(match)
        if symbol is None:
            continue
        reference = _read_reference(region, match, symbol, found, line_of, section_of)
        if reference is not None:
            found.extend(_shared_numbers(region, match, reference))
            found.append(reference)
    _share_issuers(region, found)
    return found


@dataclass
class _Reading:
    """What the readers of one reference have found so far, around the symbol ``match``."""

    region: Region
    match: regex.Match[str]
    symbol: Symbol
    found: list[Reference]
    """The references of the region read before this one."""
    start: int
    window_start: int
    position: int
    """Where the reference ends so far: after the symbol, then its date, issuer and term."""
    date_end: int
    kind: str | None = None
    issuer: str | None = None
    date: str | None = None
    date_written: str | None = None
    term: str | None = None


def _a_document(reading: _Reading) -> bool:
    """No form, appendix or standard: "theo Mẫu số 01/QTDA", "QCVN 16:2023/BXD"."""
    region, start = reading.region, reading.match.start()
    low = max(region.start, start - _FORM_LIST_REACH)
    return NOT_A_DOCUMENT_BEFORE.search(region.folded, low, start) is None


def _kind_before(reading: _Reading) -> bool:
    """The kind word before the symbol: "Kế hoạch số", "NĐ", "Luật ... số", an issuer between
    ("Kết luận của Bộ Chính trị số")."""
    region, match = reading.region, reading.match
    folded, display = region.folded, region.display
    end = match.start()
    shared = SHARED_NUMBERS.search(region.text, reading.window_start, end)
    if shared is not None:  # "Kết luận số 14, 15-KL/TW": the kind stands before the list
        end = shared.start("numbers")
    abbreviation = ABBREVIATION_BEFORE.search(region.text, reading.window_start, end)
    left = KIND_BEFORE.search(folded, reading.window_start, end)
    if abbreviation is not None:
        reading.kind = KIND_ABBREVIATIONS[abbreviation.group("abbr")]
        reading.start = abbreviation.start()
    elif left is not None and left.group("kind") and (left["so"] or not left["between"]):
        reading.kind = kind_named(left.group("kind")).name
        reading.start = left.start("kind")
        if left["between"]:
            between = display[left.start("between") + 4 : left.end("between")]
            reading.issuer = sys.intern(" ".join(between.split()))
    elif left is not None and left.group("so"):
        reading.start = left.start("so")
        # A law's name far before "số" only when the symbol names no kind of its own:
        # "Đơn đề nghị ... số 258/ĐĐN-ĐLS" after "Luật Luật sư" is no Luật.
        law = LAW_BEFORE.search(folded, max(region.start, match.start() - 160), match.start())
        coded = reading.symbol.kind_code is not None
        if law is not None and not coded and display[law.start("kind")].isupper():
            reading.kind = kind_named(law.group("kind")).name
            reading.start = law.start("kind")
    return True


def _kind_of_list(reading: _Reading) -> bool:
    """A symbol without a kind word of its own takes the kind of a list it continues
    ("Quy định số 125-QĐ/TW và 138-QĐ/TW"); a bare number with no kind is no reference."""
    if reading.kind is not None:
        return True
    match, found = reading.match, reading.found
    if found:
        previous = found[-1]
        gap_start = max(previous.end, reading.window_start)
        if previous.end >= reading.window_start and LIST_JOINER.match(
            reading.region.folded, gap_start, match.start()
        ):
            reading.kind = previous.kind
            return True
    return not (match.group("qnum") or match.group("hnum"))


def _date_after(reading: _Reading) -> bool:
    """The date right after the symbol: "155-KH/TU, ngày 15/6/2023"."""
    region = reading.region
    gap = BEFORE_DATE.match(region.folded, reading.position, region.end)
    if gap is not None:
        found_date = DATE.match(region.folded, gap.end(), _near(region, gap.end()))
        if found_date is not None:
            reading.date, reading.date_written = parse_date(found_date)
            reading.position = reading.date_end = found_date.end()
    return True


def _issuer_after(reading: _Reading) -> bool:
    """The issuer after "của": "... của Ban Thường vụ Thị ủy"; and a date set off by a comma
    after it ("Quy định số 47-QĐ/TW của BCH Trung ương Đảng, ngày 01/11/2011")."""
    region, folded = reading.region, reading.region.folded
    after_issuer = BEFORE_ISSUER.match(folded, reading.position, _near(region, reading.position))
    if after_issuer is None:
        return True
    phrase, phrase_end = scan_issuer(folded, region.display, after_issuer.end(), region.end)
    if not phrase:
        return True
    reading.issuer, reading.position = phrase, phrase_end
    if reading.date is None:
        # Without a comma ("... của UBND tỉnh ngày 5/3 đã ...") the date usually belongs to
        # the clause, not to the reference.
        gap = COMMA_BEFORE_DATE.match(folded, phrase_end, _near(region, phrase_end))
        found_date = DATE.match(folded, gap.end(), _near(region, gap.end())) if gap else None
        if found_date is not None:
            reading.date, reading.date_written = parse_date(found_date)
            reading.position = found_date.end()
    return True


def _term_after(reading: _Reading) -> bool:
    """The committee's term: "(khóa XIII)"."""
    term = TERM.match(
        reading.region.folded, reading.position, _near(reading.region, reading.position)
    )
    if term is not None:
        reading.term = term.group("term").upper()
        reading.position = term.end()
    return True


def _issuer_before(reading: _Reading) -> bool:
    """Without an issuer after it, the body named before: "Bộ Chính trị ban hành Kết luận"."""
    if reading.issuer is not None:
        return True
    region, start = reading.region, reading.start
    before = ISSUER_BEFORE.search(region.folded, max(region.start, start - 100), start)
    if before is None:  # the subject of "ban hành": long enough for a justified line
        before = ISSUER_SUBJECT.search(region.folded, max(region.start, start - 160), start)
    if before is not None:  # read as an issuer phrase is read: "Chính phủ" of "Chính phủ tại"
        phrase, _end = scan_issuer(
            region.folded, region.display, before.start("issuer"), before.end("issuer")
        )
        reading.issuer = phrase
    return True


_READERS: tuple[Callable[[_Reading], bool], ...] = (
    _a_document,
    _kind_before,
    _kind_of_list,
    _date_after,
    _issuer_after,
    _term_after,
    _issuer_before,
)
"""What is read around a symbol, in this order; a reader that returns False drops it."""


def _read_reference(
    region: Region,
    match: regex.Match[str],
    symbol: Symbol,
    found: list[Reference],
    line_of: LineIndex,
    section_of: Callable[[int], str | None],
) -> Reference | None:
    reading = _Reading(
        region,
        match,
        symbol,
        found,
        start=match.start(),
        window_start=max(region.start, match.start() - _LEFT_WINDOW),
        position=match.end(),
        date_end=match.end(),
    )
    if not all(reader(reading) for reader in _READERS):
        return None
    start, position, date_end = reading.start, reading.position, reading.date_end
    return Reference(
        text=_surface(region, start, date_end),
        kind=reading.kind,
        symbol=symbol,
        date=reading.date,
        issuer=reading.issuer,
        term=reading.term,
        level=committee_level(reading.issuer) if symbol.family == "party" else None,
        line=line_of(start),
        column=line_of.column(start),
        section=section_of(start),
        footnote=region.footnote,
        start=start,
        end=position,
        context=_shared(found, _sentence(region, start, position)),
        date_written=reading.date_written,
        end_line=line_of(date_end - 1),
        end_column=line_of.column(date_end - 1) + 1,
    )


def _shared(found: list[Reference], context: str) -> str:
    """``context``, as the reference before holds it when it is the same sentence: a large
    text holds each sentence once."""
    if found and found[-1].context == context:
        return found[-1].context
    return context


_CONTEXT_REACH = 160
"""How far the sentence shown with a reference reaches on each side (characters)."""


def _sentence(region: Region, start: int, end: int) -> str:
    """The sentence around ``start:end``, cut at a word with "…" where it runs too long."""
    low = max(region.start, start - _CONTEXT_REACH)
    left = low
    for boundary in SENTENCE_END.finditer(region.text, low, start):
        left = boundary.end()
    high = min(region.end, end + _CONTEXT_REACH)
    right_match = SENTENCE_END.search(region.text, end, high)
    right = right_match.end() if right_match else high
    text = _surface(region, left, right).rstrip(";¶ ")
    if left == low and low > region.start:
        text = "…" + text.split(" ", 1)[-1]
    if right_match is None and high < region.end:
        text = text.rsplit(" ", 1)[0] + "…"
    return text


def _shared_numbers(
    region: Region, match: regex.Match[str], reference: Reference
) -> list[Reference]:
    """The documents named by numbers before the symbol that share its code: "Kết luận số
    14, 15-KL/TW" names 14-KL/TW too, with the kind, date and issuer of 15-KL/TW."""
    symbol = reference.symbol
    if not symbol.canonical.startswith(symbol.number):
        return []
    low = max(region.start, match.start() - 60)
    shared = SHARED_NUMBERS.search(region.text, low, match.start())
    if shared is None:
        return []
    numbers = [n.strip() for n in shared.group("numbers").split(",")]
    tail = symbol.canonical[len(symbol.number) :]
    return [
        replace(reference, symbol=replace(symbol, canonical=number + tail, number=number))
        for number in numbers
    ]


def _share_issuers(region: Region, found: list[Reference]) -> None:
    """In "Quy định số 125-QĐ/TW, ngày ... và Quy định số 138-QĐ/TW, ngày ... của Ban Bí thư",
    the trailing issuer belongs to every reference of the list."""
    for index in range(len(found) - 2, -1, -1):
        current, following = found[index], found[index + 1]
        if current.issuer is not None or following.issuer is None:
            continue
        if current.symbol.family != following.symbol.family:
            continue
        if not ISSUER_LIST_JOINER.match(region.folded, current.end, following.start):
            continue
        level = (
            following.level if current.symbol.issuer_code == following.symbol.issuer_code else None
        )
        found[index] = replace(current, issuer=following.issuer, level=level or current.level)


def find_relations(references: list[Reference], folded: str, offset: int = 0) -> list[Relation]:
    """Relations the text states between neighbouring references of one region.

    ``offset`` is the index of ``references[0]`` in the document's reference list.
    """
    relations: list[Relation] = []
    subject_of: dict[int, int] = {}
    for index in range(len(references) - 1):
        current, following = references[index], references[index + 1]
        if following.start - current.end > 120:
            continue
        gap = " ".join(folded[current.end : following.start].split())
        source, target = offset + index, offset + index + 1
        relation = _gap_relation(gap)
        if relation is not None:
            relations.append(Relation(source, target, relation, current.line))
            subject_of[target] = source
            continue
        for name, pattern in RELATION_GAPS_PASSIVE:
            if pattern.match(gap):
                relations.append(Relation(target, source, name, following.line))
                break
        else:
            joined = RELATION_AND.match(gap)
            if joined and source in subject_of:
                relation = _gap_relation(joined.group("rest"))
                if relation is not None:
                    subject = subject_of[source]
                    relations.append(Relation(subject, target, relation, current.line))
                    subject_of[target] = subject
    return relations


def _gap_relation(gap: str) -> str | None:
    for name, pattern in RELATION_GAPS:
        if pattern.match(gap):
            return name
    return None


def find_malformed(
    region: Region, references: list[Reference], line_of: LineIndex
) -> list[Malformed]:
    """Kind word and "số" followed by a broken symbol: "Kế hoạch số 157-KH", "155-KH/"."""
    starts = [r.start for r in references]
    found: list[Malformed] = []
    for kind in at_kind_words(KIND_WORD, region):
        index = bisect.bisect_right(starts, kind.start()) - 1
        if index >= 0 and references[index].start <= kind.start() < references[index].end:
            continue
        for reason, pattern in MALFORMED:
            match = pattern.match(region.text, kind.end(), _near(region, kind.end()))
            if match is not None:
                end = match.end("symbol") or match.end()
                text = _surface(region, kind.start(), end)
                last = kind.start() + len(region.display[kind.start() : end].rstrip(" ,\n")) - 1
                found.append(
                    Malformed(
                        text.rstrip(" ,"),
                        reason,
                        line_of(kind.start()),
                        region.footnote,
                        line_of.column(kind.start()),
                        line_of(last),
                        line_of.column(last) + 1,
                    )
                )
                break
    return found
