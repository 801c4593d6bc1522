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


def _page_text(page: Any) -> str:
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=True)
    if not words:
        return ""
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
    return _layout(body_lines) + _notes(note_lines)


def _layout(lines: list[list[dict[str, Any]]]) -> str:
    """Body lines, with a blank line where the gap between lines says a paragraph ends."""
    if not lines:
        return ""
    gaps = [b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0
    out = [_join(lines[0])]
    for gap, line in zip(gaps, lines[1:], strict=True):
        out.append("\n\n" if usual and gap > 1.25 * usual else "\n")
        out.append(_join(line))
    return "".join(out)


def _notes(lines: list[list[dict[str, Any]]]) -> str:
    """Footnote lines as one paragraph a footnote, each starting with its ``[n]``."""
    notes: list[str] = []
    for line in lines:
        text = _join([w for w in line if not w.get("note_start")])
        starts = [w for w in line if w.get("note_start")]
        if starts or not notes:
            notes.append(f"{starts[0]['text']} {text}" if starts else text)
        else:
            notes[-1] += " " + text
    return "".join(f"\n\n{note}" for note in notes)


def read_pdf(path: Path) -> str:
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
            pages = [_page_text(page) for page in pdf.pages]
    except PDFSyntaxError:
        raise InputError(f"{path}: not a PDF file, or a damaged one") from None
    except Exception as error:  # whatever a damaged file makes the PDF parser raise
        raise InputError(f"{path}: damaged PDF ({type(error).__name__}: {error})") from None
    if not any(page.strip() for page in pages):
        raise InputError(
            f"{path}: no text layer (a scan?); run OCR first, e.g. `ocrmypdf {path.name} out.pdf`"
        )
    return "\n\n".join(page for page in pages if page.strip()) + "\n"
