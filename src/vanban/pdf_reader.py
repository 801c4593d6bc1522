"""PDF files with a text layer: text in reading order, footnotes found by size and place.

Read with pdfplumber (MIT, on pdfminer.six): it gives every word with its font size and
position, which is what telling a footnote from the text needs. On each page the size most
of the text is set in is the body size; a raised digit set well below it is a footnote mark
(written ``[n]`` where it stands), lines set below it are footnote bodies (written after the
page's text as ``[n] ...`` paragraphs). So a reference that a page break and its footnotes cut
in two is whole again after the footnote step, as in text converted by hand.
"""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import SourceText

_MARK_RATIO = 0.8
"""A word set below this share of the body size is small print (a mark or a footnote)."""
_NOTE_RATIO = 0.9


def _join(words: list[dict[str, Any]]) -> str:
    """Words of one line, with a space only where the page leaves one."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for word in sorted(words, key=lambda w: w["x0"]):
        if previous is not None and word["x0"] - previous["x1"] > 0.15 * float(word["size"]):
            out.append(" ")
        out.append(word["text"])
        previous = word
    return "".join(out)


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines by their baseline."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if lines and abs(lines[-1][0]["bottom"] - word["bottom"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


Block = list[tuple[str, str]]


def _page_blocks(page: Any, page_number: int) -> list[Block]:
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=True)
    if not words:
        return []
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(float(word["size"]), 1)] += len(word["text"])
    body = sizes.most_common(1)[0][0]
    marks = [
        w
        for w in words
        if float(w["size"]) < _MARK_RATIO * body and w["text"].strip("[]()").isdigit()
    ]
    rest = [w for w in words if w not in marks]
    lines = _lines(rest)
    note_lines = [
        line
        for line in lines
        if statistics.median(float(w["size"]) for w in line) < _NOTE_RATIO * body
    ]
    body_lines = [line for line in lines if line not in note_lines]
    # A mark belongs to the line whose baseline lies just below it.
    for mark in marks:
        candidates = [
            line
            for line in lines
            if 0 <= line[0]["bottom"] - mark["bottom"] <= float(line[0]["size"])
        ]
        if not candidates:
            continue
        line = min(candidates, key=lambda ln: ln[0]["bottom"] - mark["bottom"])
        number = mark["text"].strip("[]()")
        if line in note_lines and mark["x0"] <= min(w["x0"] for w in line):
            line.insert(0, {**mark, "text": f"[{number}]", "note_start": True})
        else:
            line.append({**mark, "text": f"[{number}]"})
    return _layout(body_lines, page_number) + _notes(note_lines, page_number)


def _layout(lines: list[list[dict[str, Any]]], page: int) -> list[Block]:
    """Body lines as paragraphs, split where the gap between lines says a paragraph ends."""
    if not lines:
        return []
    gaps = [b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0
    blocks: list[Block] = [[(_join(lines[0]), f"page {page}, line 1")]]
    for index, (gap, line) in enumerate(zip(gaps, lines[1:], strict=True), start=2):
        if usual and gap > 1.25 * usual:
            blocks.append([])
        blocks[-1].append((_join(line), f"page {page}, line {index}"))
    return blocks


def _notes(lines: list[list[dict[str, Any]]], page: int) -> list[Block]:
    """Footnote lines as one paragraph a footnote, each starting with its ``[n]``."""
    notes: list[tuple[str, str]] = []
    for line in lines:
        text = _join([w for w in line if not w.get("note_start")])
        starts = [w for w in line if w.get("note_start")]
        if starts or not notes:
            mark = starts[0]["text"] if starts else ""
            label = f"page {page}, footnote {mark.strip('[]')}" if mark else f"page {page}, foot"
            notes.append((f"{mark} {text}".strip(), label))
        else:
            notes[-1] = (notes[-1][0] + " " + text, notes[-1][1])
    return [[note] for note in notes]


def read_pdf(path: Path) -> SourceText:
    """The text of a PDF with its footnotes, page after page."""
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise InputError(
            f"{path}: reading PDF needs pdfplumber: pip install 'vanban[pdf]'"
        ) from None
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page_blocks(page, n) for n, page in enumerate(pdf.pages, start=1)]
    except PDFSyntaxError:
        raise InputError(f"{path}: not a PDF file, or a damaged one") from None
    except Exception as error:  # whatever a damaged file makes the PDF parser raise
        raise InputError(f"{path}: damaged PDF ({type(error).__name__}: {error})") from None
    blocks = [block for page in pages for block in page if any(line.strip() for line, _ in block)]
    if not blocks:
        raise InputError(
            f"{path}: no text layer (a scan?); run OCR first, e.g. `ocrmypdf {path.name} out.pdf`"
        )
    return SourceText.from_blocks(blocks)
