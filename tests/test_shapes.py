"""One document, many shapes of text: the same references and footnotes from each.

Word's "save as text" puts one line break between paragraphs; pdftotext hard-wraps them and
puts page numbers between pages; editors indent with tabs; Windows ends lines with CRLF. Each
shape below is made from the samples (and the real documents of ../shared/corpus-docs when
present) and must read exactly as the clean text does.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from vanban import parse_text

from .conftest import CORPUS_DOCS, SAMPLES

FOOTNOTE_STARTS = ("⁽", "[", "¹", "²", "³")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def one_break(text: str) -> str:
    return "\n".join(_paragraphs(text)) + "\n"


def crlf(text: str) -> str:
    return one_break(text).replace("\n", "\r\n")


def cr(text: str) -> str:
    return one_break(text).replace("\n", "\r")


def tab_indents(text: str) -> str:
    return "".join(f"\t{p}\n" for p in _paragraphs(text))


def space_indents(text: str) -> str:
    return "".join(f"     {p}\n" for p in _paragraphs(text))


def _wrapped(text: str, width: int) -> list[tuple[str, bool]]:
    """Hard-wrapped lines, each with whether it belongs to a footnote body."""
    lines: list[tuple[str, bool]] = []
    for paragraph in _paragraphs(text):
        note = paragraph.startswith(FOOTNOTE_STARTS)
        for line in paragraph.split("\n"):
            for piece in textwrap.wrap(line, width, break_on_hyphens=False) or [""]:
                lines.append((piece, note))
    return lines


def wrapped(width: int, blank: bool) -> Callable[[str], str]:
    def shape(text: str) -> str:
        if blank:
            return "\n\n".join(
                "\n".join(line for line, _ in _wrapped(p, width)) for p in _paragraphs(text)
            )
        return "\n".join(line for line, _ in _wrapped(text, width)) + "\n"

    return shape


def justified(text: str) -> str:
    """Wrapped at 76 with spaces doubled to fill the line, as justified PDF text comes out."""
    out = []
    for line, _ in _wrapped(text, 76):
        words = line.split(" ")
        out.append("  ".join(words[:3]) + (" " + " ".join(words[3:]) if words[3:] else ""))
    return "\n".join(out) + "\n"


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_DIGIT = "[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]"
_GLUED_MARK = regex.compile(
    rf"(?<=\p{{Ll}}|/(?:TW|TU|CP|UBND))(?:⁽({_DIGIT}{{1,2}})⁾|([¹²³⁴⁵⁶⁷⁸⁹]{{1,2}}))"
)
_NOTE_START = regex.compile(rf"^(?:⁽({_DIGIT}{{1,2}})⁾|([¹²³⁴⁵⁶⁷⁸⁹]{{1,2}}))[ ]*", regex.M)


def flat_marks(text: str) -> str:
    """Footnotes as pdftotext flattens them: a mark after a word or code becomes plain digits
    glued to it ("Thị ủy2"), a body opens with its bare number ("2 Thực hiện ...")."""
    glued = _GLUED_MARK.sub(lambda m: (m[1] or m[2]).translate(_SUPERSCRIPT), text)
    return _NOTE_START.sub(lambda m: f"{(m[1] or m[2]).translate(_SUPERSCRIPT)} ", glued)


def paged(furniture: Callable[[int], str], every: int = 30) -> Callable[[str], str]:
    """Wrapped at 72, with page furniture between pages, never inside a footnote body."""

    def shape(text: str) -> str:
        out: list[str] = []
        page, since = 1, 0
        for line, note in _wrapped(text, 72):
            if since >= every and not note:
                page += 1
                out.extend(["", furniture(page), ""])
                since = 0
            out.append(line)
            since += 1
        return "\n".join(out) + "\n"

    return shape


def form_feeds(text: str) -> str:
    """pdftotext's page breaks: a form feed before the next page's number line."""
    return paged(lambda page: f"\f{page}", every=25)(text)


SHAPES: dict[str, Callable[[str], str]] = {
    "one line break": one_break,
    "CRLF": crlf,
    "CR": cr,
    "tab indents": tab_indents,
    "space indents": space_indents,
    "wrapped 80, blank lines": wrapped(80, blank=True),
    "wrapped 80": wrapped(80, blank=False),
    "wrapped 60": wrapped(60, blank=False),
    "justified": justified,
    "page numbers": paged(str),
    "dashed page numbers": paged(lambda page: f"- {page} -"),
    "Trang n/m": paged(lambda page: f"Trang {page}/9"),
    "form feeds": form_feeds,
    "running headers": paged(lambda page: f"- {page} -\nTài liệu phục vụ Hội nghị Ban Chấp hành"),
    "running headers after form feeds": paged(
        lambda page: "\fTài liệu phục vụ Hội nghị Ban Chấp hành", every=25
    ),
    "flat footnote marks": flat_marks,
    "flat footnote marks, page numbers": lambda text: flat_marks(paged(str)(text)),
}

DOCUMENTS = sorted(SAMPLES.glob("*.txt"))
if CORPUS_DOCS.is_dir():
    # The real documents whose text is kept in paragraphs (the Party digitisations).
    DOCUMENTS += sorted(CORPUS_DOCS.glob("2*.txt"))


def facts(text: str) -> tuple[list[tuple[str, str | None, str | None, int | None]], list[str]]:
    doc = parse_text(text)
    references = sorted(
        ((r.symbol.canonical, r.date, r.issuer, r.footnote) for r in doc.references), key=str
    )
    notes = [f"{f.number}: {' '.join(f.text.split())}" for f in doc.footnotes]
    return references, notes


# Still read differently: (document, shape) -> why.
KNOWN: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_shape_reads_the_same(path: Path, shape: str, request: pytest.FixtureRequest) -> None:
    if (path.name, shape) in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[path.name, shape], strict=True))
    text = path.read_text(encoding="utf-8")
    assert facts(SHAPES[shape](text)) == facts(text)


_SHORT_DATE = regex.compile(r"(?<=ngày[ \n]{0,3})(\d{1,2})/(\d{1,2})/(\d{4})")
DATE_FORMS: dict[str, Callable[[regex.Match[str]], str]] = {
    "in words": lambda m: f"{m[1]} tháng {m[2]} năm {m[3]}",
    "with dashes": lambda m: f"{m[1]}-{m[2]}-{m[3]}",
    "with dots": lambda m: f"{m[1]}.{m[2]}.{m[3]}",
    "zero-padded": lambda m: f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}",
}


@pytest.mark.parametrize("form", DATE_FORMS)
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_date_form_reads_the_same(path: Path, form: str) -> None:
    """Each "ngày 15/6/2023" written another way ("ngày 15 tháng 6 năm 2023", "15-6-2023"):
    the same references with the same dates."""
    text = path.read_text(encoding="utf-8")
    assert facts(_SHORT_DATE.sub(DATE_FORMS[form], text))[0] == facts(text)[0]


def test_the_seed_keeps_its_references_in_every_shape() -> None:
    """The shapes above compare with the clean parse; here the clean parse itself is pinned."""
    seed = SAMPLES / "ket-luan-thi-uy-la-gi-2023-12-08.txt"
    references, notes = facts(seed.read_text(encoding="utf-8"))
    assert len(references) == 41
    assert sum(1 for r in references if r[3] is not None) == 7
    assert ("155-KH/TU", "2023-06-15", "Ban Thường vụ Thị ủy", None) in references
    assert [n.split(":")[0] for n in notes] == ["1", "2", "3"]


# Footnote bodies at the page foot on consecutive lines, each its own footnote, the running
# text resuming after them in the middle of its sentence.
CONSECUTIVE_NOTES = """\
Tiếp tục thực hiện có hiệu quả Kế hoạch số 155-KH/TU,
⁽¹⁾ Kế hoạch số 80-KH/TU, ngày 04/5/2022 của Ban Thường vụ Tỉnh ủy.
⁽²⁾ Quy định số 125-QĐ/TW, ngày 10/10/2023 của Ban Bí thư.
ngày 15/6/2023 của Ban Thường vụ Thị ủy⁽¹⁾ và Quy định⁽²⁾ của Ban Bí thư.
"""


def test_consecutive_footnote_bodies_are_each_their_own() -> None:
    doc = parse_text(CONSECUTIVE_NOTES)
    assert [(f.number, f.text, f.line, f.body_line) for f in doc.footnotes] == [
        (1, "Kế hoạch số 80-KH/TU, ngày 04/5/2022 của Ban Thường vụ Tỉnh ủy.", 4, 2),
        (2, "Quy định số 125-QĐ/TW, ngày 10/10/2023 của Ban Bí thư.", 4, 3),
    ]
    assert [(r.symbol.canonical, r.date, r.issuer, r.footnote) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15", "Ban Thường vụ Thị ủy", None),
        ("80-KH/TU", "2022-05-04", "Ban Thường vụ Tỉnh ủy", 1),
        ("125-QĐ/TW", "2023-10-10", "Ban Bí thư", 2),
    ]
