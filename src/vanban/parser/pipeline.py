"""The pipeline for one document: normalise -> footnotes -> references -> relations.

This is the only module that calls those steps, in this order.
"""

from __future__ import annotations

import bisect
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from vanban.core.records import (
    Malformed,
    ParsedDocument,
    Reference,
    Relation,
    ShortReference,
    TextLayout,
)
from vanban.core.vocabulary import fold, kind_named
from vanban.parser import footnotes as footnote_step
from vanban.parser.header import header_symbol, labelled_numbers, read_identity
from vanban.parser.normalize import normalize
from vanban.parser.patterns import (
    FOOTNOTE_IMPLEMENTS,
    HEADINGS,
    SELF_SENTENCE_RELATIONS,
    SELF_TITLE_RELATIONS,
    SHORT_NUMBER,
    SHORT_NUMBERED,
    SHORT_REFERENCES,
)
from vanban.parser.references import (
    Region,
    at_kind_words,
    find_malformed,
    find_references,
    find_relations,
    kind_starts,
)

_SECTION_SEPARATOR = " › "
_SENTENCE_REACH = 400
_IDENTITY_LINES = 120
"""Lines read for the header, title and opening (the header reads 40, the opening 80)."""
_HASH_PIECE = 1 << 16
VIEW_FROM = 1 << 20
"""From this many characters, the shown text of the running text and of the footnote bodies is
read through :class:`footnotes.MaskedText` rather than copied (the same text, less memory)."""
SELF = -1
"""``Relation.source`` when the document itself is the subject."""


def parse_text(text: str, path: str | None = None) -> ParsedDocument:
    """Parse the text of one document.

    >>> doc = parse_text("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.")
    >>> [(r.symbol.canonical, r.date, r.issuer) for r in doc.references]
    [('155-KH/TU', '2023-06-15', 'Thị ủy')]
    """
    return parse_text_laid_out(text, path)[0]


def parse_text_laid_out(text: str, path: str | None = None) -> tuple[ParsedDocument, TextLayout]:
    """:func:`parse_text`, and where the paragraphs, footnote marks and bodies stand."""
    normalized = normalize(text)
    display = normalized.display
    line_of = footnote_step.LineIndex(display)
    split = footnote_step.split(normalized.text, normalized.display)
    del normalized  # the matching copy lives on, masked, in split.body: hold the text once
    # Only the first lines tell the document's own identity.
    lines = split.body[: line_of.start_of(_IDENTITY_LINES)]
    lines = lines.replace(footnote_step.PARAGRAPH_BREAK, "\n")
    header = header_symbol(lines)
    identity = read_identity(lines, display, header)
    own_offsets = {offset for _, offset in labelled_numbers(lines)}
    if header:
        own_offsets.add(header[1])

    section_of = _sections(display, split.paragraphs)
    view = len(display) >= VIEW_FROM
    body_display = footnote_step.masked(display, split.body_masked, view)
    body_folded = fold(split.body)
    body = Region(
        split.body, body_folded, body_display, 0, len(split.body), None, kind_starts(body_folded)
    )
    body_refs = find_references(body, line_of, section_of, skip=own_offsets.__contains__)
    relations = find_relations(body_refs, body.folded)
    malformed = find_malformed(body, body_refs, line_of)
    references: list[Reference] = list(body_refs)
    # All that reads the running text is read now, so that its three copies are let go before
    # the three of the footnote bodies are made: a large text holds one set at a time.
    own_relations = _self_relations(body_refs, body.folded, identity.title_end_line)
    body_shorts = _short_references(body, line_of)
    marker_at = {marker.number: marker for marker in split.markers}
    reach = _reach(body_refs)
    anchor_at = {
        number: _anchor(body_refs, reach, marker.start, body.folded)
        for number, marker in marker_at.items()
    }
    del body, body_display, body_folded, lines
    split = replace(split, body="")
    notes = _read_notes(split, display, line_of, section_of, anchor_at, body_refs)
    references.extend(notes.references)
    relations.extend(notes.relations)
    malformed.extend(notes.malformed)

    relations.extend(own_relations)
    order = sorted(range(len(references)), key=lambda i: (references[i].start, i))
    position = {old: new for new, old in enumerate(order)}
    position[SELF] = SELF
    references = [references[i] for i in order]
    relations = [
        Relation(position[r.source], position[r.target], r.relation, r.line) for r in relations
    ]
    shorts = body_shorts + notes.shorts
    spans = sorted((r.start, r.end) for r in references)
    shorts = [_resolve_short(s, references) for s in shorts if not _inside(s.start, spans)]
    layout = TextLayout(
        display,
        split.paragraphs,
        tuple((m.number, m.start, m.end) for m in split.markers),
        tuple((n.number, n.start, n.end) for n in split.regions),
    )
    document = ParsedDocument(
        path=path,
        identity=identity,
        references=tuple(references),
        short_references=tuple(sorted(shorts, key=lambda s: (s.line, s.footnote or 0))),
        footnotes=footnote_step.footnotes(split, display, line_of),
        relations=tuple(sorted(set(relations), key=lambda r: (r.source, r.target, r.relation))),
        content_hash=content_hash(text),
        malformed=tuple(sorted(malformed, key=lambda m: (m.line, m.footnote or 0))),
        text=display,
    )
    return document, layout


@dataclass
class _Notes:
    """What the footnote bodies of a document hold."""

    references: list[Reference] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    shorts: list[ShortReference] = field(default_factory=list)


def _read_notes(
    split: footnote_step.FootnoteSplit,
    display: str,
    line_of: footnote_step.LineIndex,
    section_of: Callable[[int], str | None],
    anchor_at: dict[int, int | None],
    body_refs: list[Reference],
) -> _Notes:
    """The references, relations, malformed numbers and short mentions of the footnote bodies,
    each body read in a window of the text around it (:func:`footnotes.note_windows`): the
    footnotes of a large text are read without three more copies of it."""
    read = _Notes()
    marker_at = {marker.number: marker for marker in split.markers}
    windows = footnote_step.note_windows(split, display)
    for note, (low, notes, notes_display) in zip(split.regions, windows, strict=True):
        notes_folded = fold(notes)
        region = Region(
            notes,
            notes_folded,
            notes_display,
            note.start - low,
            note.end - low,
            note.number,
            kind_starts(notes_folded),
        )
        lines = line_of.shifted(low)
        marker = marker_at.get(note.number)
        note_section = section_of(marker.start) if marker else None
        found = find_references(region, lines, _constant(note_section))
        offset = len(body_refs) + len(read.references)
        read.relations.extend(find_relations(found, notes_folded, offset))
        if found and marker is not None:
            anchor = anchor_at[note.number]
            opening = notes_folded[region.start : found[0].start]
            if anchor is not None and FOOTNOTE_IMPLEMENTS.match(opening):
                read.relations.append(
                    Relation(anchor, offset, "implements", body_refs[anchor].line)
                )
        read.malformed.extend(find_malformed(region, found, lines))
        read.references.extend(replace(r, start=r.start + low, end=r.end + low) for r in found)
        shorts = _short_references(region, lines)
        read.shorts.extend(replace(s, start=s.start + low) for s in shorts)
    return read


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text, as recorded in ``sources[].sha256``."""
    digest = hashlib.sha256()
    for start in range(0, len(text), _HASH_PIECE):  # never a second copy of a large text
        digest.update(text[start : start + _HASH_PIECE].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _self_relations(
    references: list[Reference], folded: str, title_end_line: int | None
) -> list[Relation]:
    """What the document itself does to the references of its title and of its own sentences."""
    relations: list[Relation] = []
    for index, reference in enumerate(references):
        reach = max(0, reference.start - _SENTENCE_REACH)
        line_start = max(folded.rfind(c, reach, reference.start) for c in "\n¶") + 1
        previous_end = references[index - 1].end if index else 0
        if title_end_line is not None and reference.line <= title_end_line:
            if previous_end > line_start:
                continue  # a chain in the title: the neighbouring reference is the subject
            before = folded[line_start : reference.start]
            for name, pattern in SELF_TITLE_RELATIONS:
                if pattern.search(before):
                    relations.append(Relation(SELF, index, name, reference.line))
                    break
            continue
        sentence_start = max(folded.rfind(c, reach, reference.start) for c in ".;¶") + 1
        before = folded[max(sentence_start, reference.start - 200) : reference.start]
        if previous_end > sentence_start:
            before = folded[previous_end : reference.start]
            if "nay" not in before.split():
                continue
        for name, pattern in SELF_SENTENCE_RELATIONS:
            if pattern.search(before):
                relations.append(Relation(SELF, index, name, reference.line))
                break
    return relations


def _resolve_short(short: ShortReference, references: list[Reference]) -> ShortReference:
    """Tie "Chỉ thị 35" to the one numbered reference of the document it can stand for."""
    number = SHORT_NUMBER.search(short.text)
    if number is None:
        return short
    wanted = number.group(1).lstrip("0")
    matches = {
        index
        for index, reference in enumerate(references)
        if reference.kind == short.kind and reference.symbol.number.lstrip("0") == wanted
    }
    symbols = {references[i].symbol.canonical.upper() for i in matches}
    dates = {references[i].date for i in matches} - {None}
    if len(symbols) != 1 or len(dates) > 1:
        return short  # none, or several documents it could be: leave it a mention
    return replace(short, refers_to=min(matches))


def _constant(section: str | None) -> Callable[[int], str | None]:
    def section_of(_offset: int) -> str | None:
        return section

    return section_of


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted by start, not overlapping)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _reach(references: list[Reference]) -> list[int]:
    """For each body reference, the earliest start among it and those after it: a list that
    never decreases, in which :func:`_anchor` finds its reference by bisection (a document of
    tens of thousands of marks and references is read in time proportional to their sum)."""
    reach: list[int] = []
    earliest = sys.maxsize
    for reference in reversed(references):
        earliest = min(earliest, reference.start)
        reach.append(earliest)
    reach.reverse()
    return reach


def _anchor(
    references: list[Reference], reach: list[int], marker_start: int, folded: str
) -> int | None:
    """The body reference a footnote marker stands right after, if any: the last reference
    that starts at or before the marker (``reach`` is :func:`_reach` of ``references``)."""
    index = bisect.bisect_right(reach, marker_start) - 1
    if index < 0:
        return None
    reference = references[index]
    if marker_start < reference.end:
        return index  # the mark stands inside it: "Kế hoạch số 158-KH/TU², ngày ..."
    between = folded[reference.end : marker_start]
    if len(between) <= 40 and not any(c in between for c in ".;¶"):
        return index
    return None


def _sections(display: str, paragraphs: tuple[tuple[int, int], ...]) -> Callable[[int], str | None]:
    """A function from an offset to the section path in force there ("II › 3 › 3.3")."""
    starts: list[int] = []
    paths: list[str | None] = []
    stack: list[tuple[int, str]] = []
    for start, end in paragraphs:
        line = display[start:end].split("\n", 1)[0].lstrip(" |#*")
        for rank, pattern in HEADINGS:
            match = pattern.match(line)
            if match is None:
                continue
            label = match["label"]
            if rank == 0:
                label = f"{line.split()[0].capitalize()} {label}"
            elif rank == 2:
                label = f"Điều {label}"
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, label))
            starts.append(start)
            paths.append(_SECTION_SEPARATOR.join(label for _, label in stack))
            break

    def section_of(offset: int) -> str | None:
        index = bisect.bisect_right(starts, offset) - 1
        return paths[index] if index >= 0 else None

    return section_of


def _short_references(region: Region, line_of: Callable[[int], int]) -> list[ShortReference]:
    """Mentions of documents without a number, never turned into numbered references."""
    found: dict[int, ShortReference] = {}
    starts: list[int] = []  # spans taken, disjoint, in order: their ends are in order too
    ends: list[int] = []
    for kind_name, pattern in SHORT_REFERENCES:
        if pattern is SHORT_NUMBERED:
            matches = at_kind_words(pattern, region)
        else:
            matches = pattern.finditer(region.folded, region.start, region.end)
        for match in matches:
            before = bisect.bisect_left(starts, match.end()) - 1
            if before >= 0 and ends[before] > match.start():
                continue  # overlaps the last span that starts before this one ends
            kind = kind_name or kind_named(match["kind"]).name
            text = " ".join(region.display[match.start() : match.end()].split())
            if not text[:1].isupper():
                continue
            where = bisect.bisect_left(starts, match.start())
            starts.insert(where, match.start())
            ends.insert(where, match.end())
            found[match.start()] = ShortReference(
                text, kind, line_of(match.start()), region.footnote, match.start()
            )
    return [found[k] for k in sorted(found)]
