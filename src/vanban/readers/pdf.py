"""PDF files with a text layer: text in reading order, footnotes found by size and place.

Read with pdfplumber (MIT, on pdfminer.six): it gives every word with its font size and
position, which is what telling a footnote from the text needs. On each page the size most
of the text is set in is the body size; a raised digit set well below it is a footnote mark
(written ``[n]`` where it stands), small lines at the foot of the page, below the text, are
footnote bodies (written after the page's text as ``[n] ...`` paragraphs). So a reference
that a page break and its footnotes cut in two is whole again after the footnote step, as in
text converted by hand.

Signed PDFs from the e-office systems stamp the document's number and date onto the page as
the appearances of signature fields (widget annotations), not as page text; those
appearances are drawn with pdfminer's interpreter and their words put where they stand, so
"Số: 644 /TTXT-ĐTDN" reads whole. The two-column header of page 1 (issuer and number on the
left; motto, place and date on the right) is read a column at a time.
"""

from __future__ import annotations

import contextlib
import os
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.readers.budget import within_budget
from vanban.readers.format import Format
from vanban.readers.source import ReadOptions

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


def _chars(item: Any) -> Any:
    """Every character drawn in a pdfminer layout item, through nested forms."""
    from pdfminer.layout import LTChar

    for child in item:
        if isinstance(child, LTChar):
            yield child
        elif hasattr(child, "__iter__"):
            yield from _chars(child)


def _stamp_words(page: Any) -> list[dict[str, Any]]:
    """Words drawn by the visible appearances of the page's widget annotations (signed stamps)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdftypes import PDFStream, resolve1

    words: list[dict[str, Any]] = []
    manager = PDFResourceManager()
    for annotation in page.annots:
        data = annotation.get("data") or {}
        appearance = resolve1(data.get("AP"))
        flags = resolve1(data.get("F")) or 0
        if not isinstance(appearance, dict) or (isinstance(flags, int) and flags & 2):
            continue  # no appearance, or a hidden one
        stream = resolve1(appearance.get("N"))
        rect = resolve1(data.get("Rect"))
        if not isinstance(stream, PDFStream) or not isinstance(rect, list) or len(rect) != 4:
            continue
        box = resolve1(stream.attrs.get("BBox")) or [0, 0, 0, 0]
        x, y = float(resolve1(rect[0])), float(resolve1(rect[1]))
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        device.begin_page(page.page_obj, (1, 0, 0, 1, 0, 0))
        interpreter.init_resources(resolve1(stream.attrs.get("Resources")) or {})
        origin = (1.0, 0.0, 0.0, 1.0, x - float(resolve1(box[0])), y - float(resolve1(box[1])))
        interpreter.init_state(origin)
        interpreter.execute([stream])
        device.end_page(page.page_obj)
        word: list[Any] = []
        for char in [*_chars(device.get_result()), None]:
            if char is not None and char.get_text().strip():
                word.append(char)
                continue
            if word:
                words.append(
                    {
                        "text": "".join(c.get_text() for c in word),
                        "x0": word[0].x0,
                        "x1": word[-1].x1,
                        "top": float(page.height) - max(c.y1 for c in word),
                        "bottom": float(page.height) - min(c.y0 for c in word),
                        "size": word[0].size,
                        "stamp": True,
                    }
                )
            word = []
    return words


_STRUCK_TWICE = 3
"""Letters drawn again at the same place from which a page is read with each letter once: a
bold face made by striking the text twice, a hair apart (no page of the real signed PDFs has
one; removing duplicates costs as much again as reading the page, so it is done only then)."""


def _struck_twice(chars: list[dict[str, Any]]) -> bool:
    seen: set[tuple[str, int, int]] = set()
    again = 0
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        again += key in seen
        seen.add(key)
    return again >= _STRUCK_TWICE


def _page_blocks(page: Any, page_number: int) -> list[Block]:
    if _struck_twice(page.chars):  # a bold face made by striking each letter twice
        page = page.dedupe_chars()
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=True)
    with contextlib.suppress(Exception):  # stamps that cannot be drawn are left out
        words.extend(_stamp_words(page))
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
    small = [
        statistics.median(float(w["size"]) for w in line) < _NOTE_RATIO * body for line in lines
    ]
    # Footnotes stand at the foot: small print with no line of body size below it but the
    # page number. Small print higher up ("V/v ..." under the number) is text.
    last_body = max(
        (i for i, line in enumerate(lines) if not small[i] and not _page_number(line)),
        default=-1,
    )
    note_lines = [line for i, line in enumerate(lines) if small[i] and i > last_body]
    body_lines = [line for i, line in enumerate(lines) if not (small[i] and i > last_body)]
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


def _page_number(line: list[dict[str, Any]]) -> bool:
    return "".join(w["text"] for w in line).strip("-– ").isdigit()


_COLUMN_GAP = 1.5
"""A gap this many times the font size between words of a header line separates columns
(words of running text stand about a quarter of it apart)."""


_ADDRESS = ("Kínhgửi", "KÍNHGỬI")


def _header_columns(lines: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """The two-column header of a first page read column by column, then the rest."""
    boundary: float | None = None
    left: list[list[dict[str, Any]]] = []
    right: list[list[dict[str, Any]]] = []
    end = len(lines)
    for index, line in enumerate(lines):
        ordered = sorted(line, key=lambda w: w["x0"])
        if "".join(w["text"] for w in ordered[:2]).startswith(_ADDRESS):
            end = index  # "Kính gửi:" opens the letter
            break
        gaps = [
            (b["x0"] - a["x1"], position)
            for position, (a, b) in enumerate(zip(ordered, ordered[1:], strict=False), start=1)
            if b["x0"] - a["x1"] > _COLUMN_GAP * float(a["size"])
            and not (a.get("stamp") or b.get("stamp"))  # the blank a stamped number was put in
        ]
        if gaps:
            cut = max(gaps)[1]
            boundary = boundary or float(ordered[cut]["x0"])
            left.append(ordered[:cut])
            right.append(ordered[cut:])
        elif boundary is not None and ordered[-1]["x1"] <= boundary:
            left.append(ordered)
        elif boundary is not None and ordered[0]["x0"] >= boundary - 1:
            right.append(ordered)
        elif boundary is None and index < 4:
            left.append(ordered)  # a stamp line above the header
        else:
            end = index  # a line across the columns: the body begins
            break
    if boundary is None:
        return lines
    return left + right + lines[end:]


def _layout(lines: list[list[dict[str, Any]]], page: int) -> list[Block]:
    """Body lines as paragraphs, split where the gap between lines says a paragraph ends."""
    if not lines:
        return []
    if page == 1:
        lines = _header_columns(lines)
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


def _encrypted(error: BaseException) -> bool:
    """Whether pdfminer refused the file for its encryption (pdfplumber may wrap the error)."""
    seen: list[BaseException] = [error]
    while seen:
        current = seen.pop()
        if type(current).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            return True
        seen += [a for a in current.args if isinstance(a, BaseException)]
        if current.__cause__ is not None:
            seen.append(current.__cause__)
    return False


MAX_PAGES = 2000
"""Most pages of a PDF read (a directive has a few; a PDF of more is a book, or a bomb)."""


def read_pdf(path: Path, options: ReadOptions | None = None) -> SourceText:
    """The text of a PDF with its footnotes, page after page, read within the work and memory
    ``options`` allow (:func:`~vanban.readers.budget.within_budget`)."""
    options = options or ReadOptions()
    try:
        import pdfplumber  # imported here, once, not in each reading process
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise InputError(
            "{path}: reading PDF needs pdfplumber, which vanban installs: pip install pdfplumber",
            path=path,
        ) from None
    if not os.access(path, os.R_OK):
        raise InputError("{path}: permission denied", path=path)

    def read() -> SourceText:
        try:
            with pdfplumber.open(str(path)) as pdf:
                if len(pdf.pages) > MAX_PAGES:
                    raise InputError(
                        "{path}: {pages} pages, more than the {limit} vanban reads in a PDF",
                        path=path,
                        pages=len(pdf.pages),
                        limit=MAX_PAGES,
                    )
                pages = [_page_blocks(page, n) for n, page in enumerate(pdf.pages, start=1)]
        except (InputError, MemoryError):
            raise
        except PDFSyntaxError:
            raise InputError("{path}: not a PDF file, or a damaged one", path=path) from None
        except PermissionError:
            raise InputError("{path}: permission denied", path=path) from None
        except Exception as error:  # whatever a damaged file makes the PDF parser raise
            if _encrypted(error):
                raise InputError(
                    "{path}: the PDF is encrypted and needs its password; save a copy without "
                    "one (print it to PDF) and read that",
                    path=path,
                ) from None
            raise InputError(
                "{path}: damaged PDF ({reason})",
                path=path,
                reason=f"{type(error).__name__}: {error}",
            ) from None
        blocks = [
            block for page in pages for block in page if any(line.strip() for line, _ in block)
        ]
        if not blocks:
            raise InputError(
                "{path}: no text layer (a scan?); run OCR first, e.g. `ocrmypdf {name} out.pdf`",
                path=path,
                name=path.name,
            )
        return SourceText.from_blocks(blocks)

    return within_budget(path, "PDF", read, options.work_seconds, options.work_memory)


FORMAT = Format("pdf", (".pdf",), 0, read_pdf)
