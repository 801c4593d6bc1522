"""Hostile inputs meet bounds: work that grows with the input, not with its square; registers,
PDFs and Word files read within a budget; files that cannot be read said so in one line.

Each input is generated small here, never kept as a file. Where the point is how work grows,
the test counts the lines of vanban that run for an input and for one twice its size (no
clock): a pass over the input doubles them, a pass per element of it quadruples them.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from vanban import parse_text
from vanban.cli import app
from vanban.core.errors import InputError
from vanban.readers.html import read_html
from vanban.register import book
from vanban.register.book import read_register

from .conftest import SEED


def lines_run(work: Callable[[], object]) -> int:
    """How many lines of vanban's own code ``work`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if "vanban" in frame.f_code.co_filename else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """How many times more lines run for an input of twice ``size``."""
    return lines_run(make(2 * size)) / lines_run(make(size))


# --- work that grows with the input ----------------------------------------------------------


def _marked(count: int) -> str:
    """A document of ``count`` references each with a footnote mark, and their footnotes."""
    body = "".join(
        f"Thực hiện Kế hoạch số {i}-KH/TU[{i}] ngày 01/02/2023. " for i in range(1, count + 1)
    )
    notes = "\n".join(f"[{i}] Theo Quyết định số {i}-QĐ/TU." for i in range(1, count + 1))
    return f"{body}\n\n{notes}"


def test_footnote_marks_are_tied_to_references_in_one_pass() -> None:
    document = parse_text(_marked(3))
    assert [(r.symbol.canonical, r.footnote) for r in document.references] == [
        ("1-KH/TU", None),
        ("2-KH/TU", None),
        ("3-KH/TU", None),
        ("1-QĐ/TU", 1),
        ("2-QĐ/TU", 2),
        ("3-QĐ/TU", 3),
    ]
    assert growth(lambda n: lambda: parse_text(_marked(n)), 400) < 2.3


def _unclosed(count: int) -> str:
    return "<html><body><p>Kế hoạch số 5-KH/TU" + "<b>x" * count + "</i>" * count + "</p>"


def _related_boxes(count: int) -> str:
    box = "<h3>Văn bản liên quan</h3><ul><li>Quyết định số 9-QĐ/TU</li></ul>"
    return "<html><body>" + box * count + "<p>Kế hoạch số 5-KH/TU</p>"


def test_unclosed_tags_and_stray_end_tags_are_read_in_one_pass() -> None:
    assert read_html(_unclosed(3)).text.strip() == "Kế hoạch số 5-KH/TUxxx"
    assert growth(lambda n: lambda: read_html(_unclosed(n)), 1000) < 2.3


def test_many_related_documents_boxes_are_read_in_one_pass() -> None:
    assert read_html(_related_boxes(2)).text.strip() == "Kế hoạch số 5-KH/TU"
    assert growth(lambda n: lambda: read_html(_related_boxes(n)), 500) < 2.3


# --- registers -------------------------------------------------------------------------------

HEADER = ["Số, ký hiệu", "Ngày ban hành", "Trích yếu"]
ROW = ["5-KH/TU", "01/02/2023", "Kế hoạch tuyên truyền"]


def _workbook(*sheets: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for number, rows in enumerate(sheets):
        sheet = workbook.active if number == 0 else workbook.create_sheet(f"Sổ {number + 1}")
        assert sheet is not None
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _edited(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """The workbook with its first sheet's XML changed by ``edit``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = edit(part)
            target.writestr(item.filename, part, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _cell(xml: str) -> Callable[[bytes], bytes]:
    """An edit that puts ``xml`` for the date cell of the row under the header."""
    return lambda part: re.sub(rb'<c r="B2".*?</c>', xml.encode(), part)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _error(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        read_register(path)
    return str(raised.value)


def test_a_sheet_that_says_it_is_as_large_as_excel_allows_is_read_as_large_as_it_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "so.xlsx"
    path.write_bytes(
        _edited(
            _workbook([HEADER, ROW]),
            lambda part: re.sub(
                rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', part
            ),
        )
    )
    read: list[book.Register] = []
    assert lines_run(lambda: read.append(read_register(path))) < 20_000  # 16,384 cells a row
    [register] = read
    assert [(e.symbol, e.date, e.row) for e in register.entries] == [("5-KH/TU", "2023-02-01", 2)]


def test_rows_and_cells_and_unpacked_size_are_bounded_across_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tmp_path / "nhieu.xlsx"
    many.write_bytes(_workbook([HEADER, *[ROW] * 4], [HEADER, *[ROW] * 4]))
    assert len(read_register(many).entries) == 8
    monkeypatch.setattr(book, "MAX_REGISTER_ROWS", 8)
    assert _error(many) == (
        f"{many}[Sổ 2]: more than 8 rows or 4,000,000 cells at row 4, more than a register "
        "holds; split it by year"
    )
    table = tmp_path / "nhieu.csv"
    table.write_text(_csv([HEADER, *[ROW] * 9]), encoding="utf-8")
    assert _error(table) == (
        f"{table}: more than 8 rows at row 9, more than a register holds; split it by year"
    )
    monkeypatch.setattr(book, "MAX_REGISTER_CELLS", 20)
    wide = tmp_path / "rong.xlsx"
    wide.write_bytes(
        _edited(
            _workbook([HEADER, ROW]),
            lambda part: part.replace(
                b"</row></sheetData>", b'<c r="XFD2"><v>1</v></c></row></sheetData>'
            ),
        )
    )
    assert _error(wide) == (
        f"{wide}: more than 8 rows or 20 cells at row 2, more than a register holds; "
        "split it by year"
    )
    monkeypatch.setattr(book, "MAX_UNPACKED_BYTES", 20_000)
    sheets = tmp_path / "bom.xlsx"
    sheets.write_bytes(_workbook(*[[HEADER, *[ROW] * 60]] * 4))
    assert _error(sheets) == (
        f"{sheets}: its parts unpack to more than the 0 MB vanban reads (a damaged or hostile file)"
    )


def test_a_row_past_the_last_excel_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "so.xlsx"
    path.write_bytes(
        _edited(
            _workbook([HEADER, ROW]),
            lambda part: part.replace(
                b"</sheetData>",
                b'<row r="99000000"><c r="A99000000"><v>1</v></c></row></sheetData>',
            ),
        )
    )
    assert _error(path) == (
        f"{path}: a row numbered past 1,048,576, the last an Excel sheet has "
        "(a damaged or hostile file)"
    )


LAUGHS = '<!ENTITY a0 "ha">' + "".join(
    f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
)


# fmt: off
@pytest.mark.parametrize(("edit", "expected"), [
    (_cell('<c r="B2" t="d"><v>99999-01-01</v></c>'),
     "{path}: a cell after row 1 cannot be read (ValueError: Invalid datetime value 99999-01-01); "
     "correct it, or save the sheet as .csv"),
    (_cell('<c r="B2" t="d"><v>2023-02-30</v></c>'),
     "{path}: a cell after row 1 cannot be read (ValueError: day is out of range for month); "
     "correct it, or save the sheet as .csv"),
    (_cell('<c r="B2" t="s"><v>99</v></c>'),
     "{path}: a cell after row 1 cannot be read (IndexError: list index out of range); "
     "correct it, or save the sheet as .csv"),
    (lambda part: part.replace(b"</sheetData>", b"<row r='9'><c r='A9'><v>1</v></row></sheetData>"),
     "{path}: the sheet's XML cannot be read after row 2 (mismatched tag: line 1, column N); "
     "a damaged or hostile file"),
    (lambda part: part.replace(b"<worksheet", f"<!DOCTYPE w [{LAUGHS}]><worksheet".encode(), 1)
     .replace(b"<t>5-KH/TU</t>", b"<t>5-KH/TU &a9;</t>"),
     "{path}: the sheet's XML cannot be read after row 1 (limit on input amplification factor "
     "(from DTD and entities) breached: line 1, column N); a damaged or hostile file"),
    (lambda part: part.replace(
        b"<worksheet", b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]><worksheet', 1)
     .replace(b"<t>5-KH/TU</t>", b"<t>5-KH/TU &x;</t>"),
     "{path}: the sheet's XML cannot be read after row 1 (undefined entity &x;: line 1, "
     "column N); a damaged or hostile file"),
])
# fmt: on
def test_cells_and_xml_that_cannot_be_read_give_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, edit: Callable[[bytes], bytes], expected: str
) -> None:
    path = tmp_path / "so.xlsx"
    path.write_bytes(_edited(_workbook([HEADER, ROW]), edit))
    result = runner.invoke(app, ["parse", str(SEED), "--register", str(path), "-o", str(tmp_path / "g.yaml")])
    said = re.sub(r"column \d+", "column N", result.stderr)  # where openpyxl's XML breaks
    assert (result.exit_code, said) == (2, "Error: " + expected.format(path=path) + "\n")


def test_a_day_number_past_any_date_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "so.xlsx"
    path.write_bytes(_edited(_workbook([HEADER, ROW]), _cell('<c r="B2"><v>1e12</v></c>')))
    register = read_register(path)
    assert [(e.symbol, e.date) for e in register.entries] == [("5-KH/TU", None)]
    assert register.problems == (f"{path}:2: '1000000000000' is not a date",)


def test_a_stray_byte_in_a_utf8_register_is_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "so.csv"
    rows = [HEADER, ROW, ["6-KH/TU", "02/02/2023", "Kế hoạch kiểm tra"]]
    data = _csv(rows).encode("utf-8")
    path.write_bytes(data.replace(b"tra", b"tr\x96a"))
    register = read_register(path)
    assert [(e.symbol, e.date, e.title) for e in register.entries] == [
        ("5-KH/TU", "2023-02-01", "Kế hoạch tuyên truyền"),
        ("6-KH/TU", "2023-02-02", "Kế hoạch kiểm tr\ufffda"),
    ]
    assert register.problems == (
        f"{path}: byte {data.index(b'tra') + 2} is not UTF-8 in a UTF-8 file; read as \ufffd",
    )


def test_register_row_warnings_speak_the_language_of_the_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "so.csv"
    rows = [HEADER, ["5-KH/TU", "chưa ký", "Kế hoạch"], ["???", "01/02/2023", "Ghi chú"]]
    path.write_text(_csv(rows), encoding="utf-8")
    result = runner.invoke(
        app, ["--lang", "vi", "parse", str(SEED), "--register", str(path), "-o", str(tmp_path / "g.yaml")]
    )
    warnings = [line for line in result.stderr.splitlines() if str(path) in line]
    assert warnings == [
        f"cảnh báo: bỏ qua dòng sổ đăng ký: {path}:2: 'chưa ký' không phải ngày tháng",
        f"cảnh báo: bỏ qua dòng sổ đăng ký: {path}:3: '???' không phải số, ký hiệu",
    ]
