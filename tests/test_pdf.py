"""The seed as a PDF with a text layer (tests/fixtures/seed.pdf, made by make_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban import parse_file
from vanban.cli import app
from vanban.readers.pdf import read_pdf

from .conftest import CORPUS_DOCS, ROOT, SEED

FIXTURES = ROOT / "tests" / "fixtures"


def facts(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    return sorted(
        (r.symbol.canonical, r.date, r.footnote, r.issuer) for r in parse_file(path).references
    )


def test_seed_as_pdf_gives_the_same_references() -> None:
    assert facts(FIXTURES / "seed.pdf") == facts(SEED)


def test_text_struck_twice_for_bold_is_read_once() -> None:
    assert read_pdf(FIXTURES / "struck-twice.pdf").text.splitlines()[:2] == [
        "KẾ HOẠCH",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy",
    ]
    assert facts(FIXTURES / "struck-twice.pdf") == [
        ("155-KH/TU", "2023-06-15", None, "Ban Thường vụ Thị ủy")
    ]


def test_footnotes_found_by_size_and_place() -> None:
    doc = parse_file(FIXTURES / "seed.pdf")
    assert [(f.number, f.marker, f.text[:24]) for f in doc.footnotes] == [
        (1, "[1]", "Kế hoạch số 80-KH/TU, ng"),
        (2, "[2]", "Thực hiện Kế hoạch số 15"),
        (3, "[3]", "Quy định số 125-QĐ/TW, n"),
    ]
    assert all(f.line is not None and f.body_line is not None for f in doc.footnotes)
    split = next(r for r in doc.references if r.symbol.canonical == "155-KH/TU")
    assert (split.date, split.issuer) == ("2023-06-15", "Ban Thường vụ Thị ủy")
    # Positions a person can find: page and line of the PDF, or the footnote.
    assert split.where == "page 6, line 10"
    in_note = next(r for r in doc.references if r.symbol.canonical == "153-KH/TU")
    assert in_note.where == "page 5, footnote 2"


def test_scanned_pdf_says_to_run_ocr(runner: CliRunner) -> None:
    path = FIXTURES / "scan.pdf"
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: no text layer (a scan?); run OCR first, e.g. `ocrmypdf scan.pdf out.pdf`\n"
    )


def test_not_a_pdf(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "gia.pdf"
    path.write_bytes(b"%PDF-1.4 but nothing else")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: ")
    assert result.stderr.count("\n") == 1


SIGNED = [
    # (file, own number stamped by the signing software, date from the stamped day, kind)
    ("214.pdf", "181/BC-SNV", "2025-11-05", "Báo cáo"),
    ("215.pdf", "644/TTXT-ĐTDN", "2025-11-06", "Công văn"),
    ("218.pdf", "8977/BNV-TCPCP", "2025-10-06", "Công văn"),
    ("219.pdf", "1668/STP-BTTP", "2025-11-27", "Công văn"),
    ("220.pdf", "95/TTr-HĐTĐ", "2026-02-03", "Tờ trình"),
]


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present")
@pytest.mark.parametrize(("name", "symbol", "date", "kind"), SIGNED, ids=[s[0] for s in SIGNED])
def test_signed_pdf_stamps_give_the_own_number_and_date(
    name: str, symbol: str, date: str, kind: str
) -> None:
    identity = parse_file(CORPUS_DOCS / name).identity
    assert identity.symbol is not None
    assert (identity.symbol.canonical, identity.date, identity.kind) == (symbol, date, kind)


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present")
def test_header_columns_are_read_one_after_the_other() -> None:
    text = read_pdf(CORPUS_DOCS / "215.pdf").text
    head = text[: text.index("Kính gửi")].split("\n")
    assert "Số: 644 /TTXT-ĐTDN" in head
    # The small-print subject line under the number stays in the text, beside the number.
    assert head[head.index("Số: 644 /TTXT-ĐTDN") + 1].startswith("V/v báo cáo tình hình")
    assert "Lâm Đồng, ngày 06 tháng 11 năm 2025" in head


def test_an_encrypted_pdf_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdfminer refuses a PDF whose password it does not have (pdfplumber wraps the error)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    locked = tmp_path / "khoa.pdf"
    locked.write_bytes(b"%PDF-1.7\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PdfminerException(PDFPasswordIncorrect())

    monkeypatch.setattr(pdfplumber, "open", refuse)
    result = runner.invoke(app, ["parse", str(locked)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {locked}: the PDF is encrypted and needs its password; save a copy without one "
        "(print it to PDF) and read that\n",
    )
