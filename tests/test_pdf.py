"""The seed as a PDF with a text layer (tests/fixtures/seed.pdf, made by make_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from vanban import parse_file
from vanban.cli import app

from .conftest import ROOT, SEED

FIXTURES = ROOT / "tests" / "fixtures"


def facts(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    return sorted(
        (r.symbol.canonical, r.date, r.footnote, r.issuer) for r in parse_file(path).references
    )


def test_seed_as_pdf_gives_the_same_references() -> None:
    assert facts(FIXTURES / "seed.pdf") == facts(SEED)


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
