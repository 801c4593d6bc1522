"""Hostile inputs meet bounds: work that grows with the input, not with its square; registers,
PDFs and Word files read within a budget; files that cannot be read said so in one line.

Each input is generated small here, never kept as a file. Where the point is how work grows,
the test counts the lines of vanban that run for an input and for one twice its size (no
clock): a pass over the input doubles them, a pass per element of it quadruples them.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import docx
import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from vanban import parse_text
from vanban.cli import app
from vanban.core.errors import InputError
from vanban.readers import docx as docx_reader
from vanban.readers import pdf as pdf_reader
from vanban.readers.budget import can_bound
from vanban.readers.html import read_html
from vanban.readers.registry import read_file
from vanban.readers.source import ReadOptions
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
        f"cảnh báo: vẫn giữ dòng sổ đăng ký, không ghi ngày: {path}:2: 'chưa ký' không phải ngày tháng",
        f"cảnh báo: bỏ qua dòng sổ đăng ký: {path}:3: '???' không phải số, ký hiệu",
    ]


# --- PDF and Word files: a budget of work and memory -----------------------------------------


def pdf_of(page_content: bytes, resources: str = "", *extra: bytes) -> bytes:
    """A one-page PDF drawing ``page_content`` (compressed), with more objects from 5 on."""
    stream = zlib.compress(page_content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        + f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> {resources} >> >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TEXT = b"BT /F1 12 Tf 72 700 Td (Ke hoach so 5-KH/TU ngay 01/02/2023) Tj ET\n"


def operator_bomb() -> bytes:
    """A PDF of a few kilobytes whose page draws a short line three million times."""
    return pdf_of(TEXT + b"0 0 m 1 1 l S\n" * 3_000_000)


def xobject_fan(depth: int = 8, width: int = 10) -> bytes:
    """A PDF whose page draws a picture that draws ``width`` others, ``depth`` deep."""
    forms = []
    for level in range(depth):
        inner = b"/X%d Do\n" % (level - 1) * width if level else TEXT
        names = f"/XObject << /X{level - 1} {5 + level - 1} 0 R >>" if level else ""
        forms.append(
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {names} >> "
            f"/Length {len(inner)} >>\nstream\n".encode()
            + inner
            + b"\nendstream"
        )
    top = depth - 1
    page = b"/X%d Do\n" % top * width
    return pdf_of(page, f"/XObject << /X{top} {5 + top} 0 R >>", *forms)


def test_a_pdf_is_read_as_before_within_its_budget(tmp_path: Path) -> None:
    path = tmp_path / "van-ban.pdf"
    path.write_bytes(pdf_of(TEXT))
    assert read_file(path).text == "Ke hoach so 5-KH/TU ngay 01/02/2023\n"


@pytest.mark.skipif(not can_bound(), reason="reads are bounded by a child process on Linux only")
@pytest.mark.parametrize("make", [operator_bomb, xobject_fan])
def test_pdf_work_bombs_are_refused_past_the_budget(
    runner: CliRunner, tmp_path: Path, make: Callable[[], bytes]
) -> None:
    path = tmp_path / "bom.pdf"
    path.write_bytes(make())
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError) as raised:
        read_file(path, ReadOptions(work_seconds=1))
    assert str(raised.value) == (
        f"{path}: reading this PDF takes more than 1 s of work; vanban stops there "
        "(a damaged or hostile file)"
    )


@pytest.mark.skipif(not can_bound(), reason="reads are bounded by a child process on Linux only")
def test_a_docx_past_its_memory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    docx.Document().save(str(path))
    paragraphs = "".join(
        f"<w:p><w:r><w:t>Kế hoạch số {n}-KH/TU ngày 01/02/2023.</w:t></w:r></w:p>"
        for n in range(20_000)
    )
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = parts["word/document.xml"]
    parts["word/document.xml"] = body.replace(b"<w:body>", b"<w:body>" + paragraphs.encode())
    _package(path, parts)
    assert "Kế hoạch số 19999-KH/TU" in read_file(path).text
    with pytest.raises(InputError) as raised:
        read_file(path, ReadOptions(work_memory=8 * 1024 * 1024))
    assert str(raised.value) == (
        f"{path}: reading this .docx file takes more than 8 MB of memory; vanban stops there "
        "(a damaged or hostile file)"
    )


def _package(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_a_docx_of_too_many_parts_or_too_much_xml_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tmp_path / "nhieu.docx"
    _package(many, {f"word/media/anh{n}.png": b"" for n in range(10_001)})
    assert _read_error(many) == (
        f"{many}: 10,001 parts, more than the 10,000 vanban reads in a .docx "
        "(a damaged or hostile file)"
    )
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 3 * 1024 * 1024)
    large = tmp_path / "lon.docx"
    _package(large, {f"word/phan{n}.xml": b"<a/>" + b" " * 1024 * 1024 for n in range(4)})
    assert _read_error(large) == (
        f"{large}: its parts unpack to more than the 3 MB vanban reads "
        "(a damaged or hostile file)"
    )


def test_a_pdf_of_too_many_pages_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 0)
    path = tmp_path / "dai.pdf"
    path.write_bytes(pdf_of(TEXT))
    assert _read_error(path) == f"{path}: 1 pages, more than the 0 vanban reads in a PDF"


def _read_error(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        read_file(path)
    return str(raised.value)


@pytest.mark.parametrize("name", ["khoa.docx", "khoa.pdf"])
def test_an_unreadable_docx_or_pdf_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(pdf_of(TEXT))
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != path and access(p, mode))
    original = zipfile.ZipFile.__init__

    def refuse(self: zipfile.ZipFile, file: Any, *args: Any, **kwargs: Any) -> None:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied")
        original(self, file, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", refuse)
    assert _read_error(path) == f"{path}: permission denied"


# --- folders, encodings: one line, and the run goes on ---------------------------------------


def nested(root: Path, name: str, depth: int, text: str) -> str:
    """Folders ``name`` inside each other ``depth`` deep under ``root``, made a level at a time
    (no path may name the deepest), and a document at the bottom; its path."""
    folder = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=folder)
            inner = os.open(name, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        document = os.open("vb.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder)
        os.write(document, text.encode())
        os.close(document)
    finally:
        os.close(folder)
    return os.path.join(root, *[name] * depth, "vb.txt")


def remove_nested(root: Path, name: str, depth: int) -> None:
    """Remove what :func:`nested` made, from the bottom up (removing a tree by recursion fails
    1,500 levels deep)."""
    folders = [os.open(root, os.O_RDONLY)]
    try:
        for _ in range(depth):
            folders.append(os.open(name, os.O_RDONLY, dir_fd=folders[-1]))
        os.unlink("vb.txt", dir_fd=folders[-1])
        for parent in reversed(folders[:-1]):
            os.close(folders.pop())
            os.rmdir(name, dir_fd=parent)
    finally:
        for folder in folders:
            os.close(folder)


GOOD = "Kế hoạch số 5-KH/TU ngày 01/02/2023 của Thị ủy."
OTHER = "Quyết định số 9-QĐ/TU ngày 01/02/2023 của Thị ủy."


def _sources(output: str) -> list[str]:
    return [source["path"] for source in yaml.safe_load(output)["sources"]]


def test_a_folder_1500_levels_deep_is_read(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text(OTHER, encoding="utf-8")
    deepest = nested(tmp_path, "a", 1500, GOOD)
    try:
        result = runner.invoke(app, ["parse", str(tmp_path)])
    finally:
        remove_nested(tmp_path, "a", 1500)
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(_sources(result.stdout)) == sorted([deepest, str(tmp_path / "top.txt")])


def test_a_path_longer_than_the_system_allows_is_skipped_and_the_run_goes_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "top.txt").write_text(OTHER, encoding="utf-8")
    deepest = Path(nested(tmp_path, "b" * 200, 25, GOOD))
    too_long = next(p for p in deepest.parents if len(str(p)) < 4096 - 200)  # opened last
    try:
        result = runner.invoke(app, ["parse", str(tmp_path)])
    finally:
        remove_nested(tmp_path, "b" * 200, 25)
    assert result.exit_code == 2
    assert _sources(result.stdout) == [str(tmp_path / "top.txt")]
    first = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(first) == 1 and first[0].startswith(f"skipped: {too_long}/")
    assert first[0].endswith(": folder cannot be read (File name too long); passed by")


def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` cannot be listed (as chmod 000 does for any user but root)."""
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if Path(path).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)


def test_an_unreadable_subfolder_is_said_in_parse_and_update(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "kho"
    (archive / "khoa").mkdir(parents=True)
    (archive / "a.txt").write_text(OTHER, encoding="utf-8")
    (archive / "khoa" / "b.txt").write_text(GOOD, encoding="utf-8")
    graph = tmp_path / "g.yaml"
    assert runner.invoke(app, ["parse", str(archive), "-o", str(graph)]).exit_code == 0
    _unreadable(monkeypatch, archive / "khoa")
    said = f"skipped: {archive / 'khoa'}: folder cannot be read (permission denied); passed by"
    result = runner.invoke(app, ["parse", str(archive)])
    assert result.exit_code == 2
    assert _sources(result.stdout) == [str(archive / "a.txt")]
    assert said in result.stderr.splitlines()
    result = runner.invoke(app, ["parse", "--update", str(graph)])
    assert result.exit_code == 2
    [skipped] = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert skipped.endswith("kho/khoa: folder cannot be read (permission denied); passed by")


def test_a_page_whose_charset_is_undefined_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "trang.html"
    path.write_text(f'<meta charset="undefined"><p>{GOOD}</p>', encoding="utf-8")
    result = runner.invoke(app, ["parse", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {path}: the page says its charset is 'undefined', which vanban does not know; "
        "pass --encoding (utf-8, windows-1258, tcvn3, vni)\n",
    )


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_a_utf32_text_is_read_as_utf32(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "vb.txt"
    data = GOOD.encode(encoding)
    path.write_bytes(data if encoding == "utf-32" else b"\x00\x00\xfe\xff" + data)
    assert read_file(path).text == GOOD
