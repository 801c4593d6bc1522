"""The office's register: reading .xlsx and .csv registers as offices keep them, and checking
references against them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from vanban import build_graph, parse_text
from vanban.checks.findings import Finding
from vanban.checks.registry import run_checks, select_rules
from vanban.cli import app
from vanban.core.errors import InputError
from vanban.query.view import MemoryView
from vanban.readers import legacy
from vanban.register.book import (
    Register,
    _date,
    _one_slip,
    header_field,
    parse_columns,
    read_register,
)

from .conftest import SAMPLES, SEED

REGISTER_XLSX = SAMPLES / "so-dang-ky-van-ban.xlsx"
REGISTER_CSV = SAMPLES / "so-dang-ky-van-ban.csv"
ALL_RULES = select_rules() | {"VB112", "VB113", "VB114"}


# fmt: off
@pytest.mark.parametrize(("header", "field"), [
    ("Số, ký hiệu văn bản", "symbol"),
    ("Số/Ký hiệu", "symbol"),
    ("SỐ KÝ HIỆU", "symbol"),
    ("Số và ký hiệu văn bản", "symbol"),
    ("Số và ký hiệu VB", "symbol"),
    ("Số hiệu VB", "symbol"),
    ("Ký hiệu", "symbol"),
    ("Số", "number"),
    ("Ngày tháng văn bản", "date"),
    ("Ngày, tháng văn bản", "date"),
    ("Ngày ban hành", "date"),
    ("Ngày VB", "date"),
    ("NGÀY", "date"),
    ("Tên loại và trích yếu nội dung văn bản", "title"),
    ("Trích yếu nội dung", "title"),
    ("Cơ quan ban hành", "issuer"),
    ("Tác giả", "issuer"),
    ("Nơi gửi", "issuer"),
    ("Người ký", "signer"),
    ("Loại văn bản", "kind"),
    # the arrival of a received document, not the document: never taken for its number or date
    ("Ngày đến", None),
    ("Số đến", None),
    ("STT", None),
    ("Ghi chú", None),
    ("Đơn vị, người nhận", None),
])
# fmt: on
def test_header_names(header: str, field: str | None) -> None:
    assert header_field(header) == field


# fmt: off
@pytest.mark.parametrize(("value", "text", "expected"), [
    (datetime.datetime(2023, 6, 15, 0, 0), "2023-06-15 00:00:00", ("2023-06-15", None)),
    (datetime.date(2023, 6, 15), "2023-06-15", ("2023-06-15", None)),
    (45092, "45092", ("2023-06-15", None)),  # a date cell without its date format
    ("15/6/2023", "15/6/2023", ("2023-06-15", None)),
    ("15-06-2023", "15-06-2023", ("2023-06-15", None)),
    ("15.6.2023", "15.6.2023", ("2023-06-15", None)),
    ("ngày 15 tháng 6 năm 2023", "ngày 15 tháng 6 năm 2023", ("2023-06-15", None)),
    ("2023-06-15", "2023-06-15", ("2023-06-15", None)),
    ("31/02/2023", "31/02/2023", (None, "31/02/2023 is not a date")),
    ("chưa ký", "chưa ký", (None, "'chưa ký' is not a date")),
    (None, "", (None, None)),
    (1e12, "1000000000000", (None, "'1000000000000' is not a date")),  # past any timedelta
    (float("nan"), "nan", (None, "'nan' is not a date")),
    (-5, "-5", (None, "'-5' is not a date")),
    (datetime.date(1066, 10, 14), "1066-10-14", (None, "date 1066-10-14 is out of range")),
])
# fmt: on
def test_dates_in_cells(value: object, text: str, expected: tuple[str | None, str | None]) -> None:
    date, problem = _date(value, text)
    assert (date, problem[0].format(where="", **problem[1])[2:] if problem else None) == expected


# fmt: off
@pytest.mark.parametrize(("written", "known", "slip"), [
    ("135", "153", True),    # neighbouring digits swapped
    ("15", "153", True),     # a digit dropped
    ("1553", "153", True),   # a digit added
    ("153", "153", False),
    ("0153", "153", False),  # a leading zero is the same number
    ("136", "153", False),   # two digits differ
    ("531", "153", False),   # not neighbours
])
# fmt: on
def test_one_slip(written: str, known: str, slip: bool) -> None:
    assert _one_slip(written, known) is slip


def _workbook(path: Path) -> Path:
    """A register as offices keep one: a merged title row, a blank row, a header of merged cells
    over two rows, a row of column numbers, real and text dates, a blank row between entries."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2023"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["STT", "Văn bản", None, "Trích yếu nội dung", "Cơ quan ban hành", "Người ký"])
    sheet.append([None, "Số, ký hiệu", "Ngày tháng", None, None, None])
    for cells in ("A3:A4", "B3:C3", "D3:D4", "E3:E4", "F3:F4"):
        sheet.merge_cells(cells)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    sheet.append([1, "155-KH/TU", datetime.datetime(2023, 6, 15), "Kế hoạch thực hiện Kết luận số 34-KL/TW", "Ban Thường vụ Thị ủy", "Nguyễn Văn A"])
    sheet.append([])
    sheet.append([2, "158-KH/TU", "21/7/2023", "Kế hoạch sắp xếp tổ chức bộ máy", "Ban Thường vụ Thị ủy", None])
    sheet.append([3, "158-KH", "21/7/2023", "Kế hoạch", "Thị ủy", None])
    sheet.append([4, "159-KH/TU", "31/02/2023", "Thông báo", "Thị ủy", None])
    sheet.append([5, "671-QĐ/TU", 44601, "Quy định về chế độ làm việc", "Ban Thường vụ Thị ủy", None])
    sheet.append(["THÁNG 8/2023"])
    book.save(path)
    return path


def test_a_register_with_title_rows_merged_headers_and_excel_dates(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "so-di.xlsx")
    register = read_register(path)
    found = [(e.row, e.symbol, e.date, e.kind, e.title, e.issuer, e.level, e.signer) for e in register.entries]
    assert found == [
        (6, "155-KH/TU", "2023-06-15", "Kế hoạch", "Kế hoạch thực hiện Kết luận số 34-KL/TW", "Ban Thường vụ Thị ủy", "Thị ủy", "Nguyễn Văn A"),
        (8, "158-KH/TU", "2023-07-21", "Kế hoạch", "Kế hoạch sắp xếp tổ chức bộ máy", "Ban Thường vụ Thị ủy", "Thị ủy", None),
        (10, "159-KH/TU", None, "Thông báo", "Thông báo", "Thị ủy", "Thị ủy", None),
        (11, "671-QĐ/TU", "2022-02-09", "Quy định", "Quy định về chế độ làm việc", "Ban Thường vụ Thị ủy", "Thị ủy", None),
    ]
    assert register.problems == (
        f"{path}:9: '158-KH' is not a number and symbol",
        f"{path}:10: 31/02/2023 is not a date",
    )
    assert register.entries[0].place == f"{path}:6"


def test_the_sample_register_reads_the_same_from_xlsx_and_csv() -> None:
    workbook, table = read_register(REGISTER_XLSX), read_register(REGISTER_CSV)
    assert workbook.problems == table.problems == ()
    assert len(workbook.entries) == 38

    def facts(register: Register) -> list[tuple[object, ...]]:
        return [(e.symbol, e.date, e.kind, e.title, e.issuer, e.level, e.row - 2 * (e.register.endswith(".xlsx"))) for e in register.entries]

    assert facts(workbook) == facts(table)


def _csv(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(legacy.encode(text, encoding) if encoding == "windows-1258" else text.encode(encoding))
    return path


REGISTER_TEXT = (
    "Số, ký hiệu;Ngày ban hành;Trích yếu;Cơ quan ban hành\r\n"
    "155-KH/TU;15/06/2023;Thực hiện Kết luận số 34-KL/TW;Ban Thường vụ Thị ủy\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "windows-1258", "utf-16"])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str) -> None:
    text = REGISTER_TEXT.replace(";", "\t") if encoding == "utf-16" else REGISTER_TEXT
    register = read_register(_csv(tmp_path, "so.csv", text, encoding))
    [entry] = register.entries
    assert (entry.symbol, entry.date, entry.title, entry.level) == (
        "155-KH/TU", "2023-06-15", "Thực hiện Kết luận số 34-KL/TW", "Thị ủy"
    )


def test_number_and_symbol_in_two_columns(tmp_path: Path) -> None:
    text = (
        "Số;Ký hiệu;Ngày;Trích yếu\n"
        "155;KH/TU;15/6/2023;Kế hoạch thực hiện\n"
        "1234;QĐ-UBND;05/3/2024;Quyết định phê duyệt\n"
    )
    expected = [("155-KH/TU", "2023-06-15", "Kế hoạch"), ("1234/QĐ-UBND", "2024-03-05", "Quyết định")]
    register = read_register(_csv(tmp_path, "so.csv", text, "utf-8"))
    assert [(e.symbol, e.date, e.kind) for e in register.entries] == expected
    other = text.replace("Số;Ký hiệu;", "Số văn bản;Ký hiệu văn bản;")
    register = read_register(_csv(tmp_path, "so2.csv", other, "utf-8"))
    assert [(e.symbol, e.date, e.kind) for e in register.entries] == expected


def test_columns_named_by_hand(tmp_path: Path) -> None:
    text = "Sổ văn bản 2023\nA;B;C\n155-KH/TU;x;15/6/2023\n"
    path = _csv(tmp_path, "so.csv", text, "utf-8")
    with pytest.raises(InputError, match="no header row"):
        read_register(path)
    [entry] = read_register(path, parse_columns("symbol=A,date=C")).entries
    assert (entry.symbol, entry.date, entry.row) == ("155-KH/TU", "2023-06-15", 3)
    by_name = "Mã VB;Ngày phát hành\n155-KH/TU;15/6/2023\n"
    path = _csv(tmp_path, "ten.csv", by_name, "utf-8")
    [entry] = read_register(path, parse_columns("symbol=Mã VB, date=ngay phat hanh")).entries
    assert (entry.symbol, entry.date) == ("155-KH/TU", "2023-06-15")


# fmt: off
@pytest.mark.parametrize(("text", "message"), [
    ("symbol", "--register-columns 'symbol': write FIELD=COLUMN, e.g. symbol=B"),
    ("colour=B", "--register-columns: unknown field 'colour'; fields: symbol, number, date, title, issuer, kind, signer"),
    ("date=C", "--register-columns: name the symbol column, e.g. symbol=B"),
])
# fmt: on
def test_bad_register_columns(text: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_columns(text)
    assert str(error.value) == message


# --- checks against the register ---------------------------------------------------------------


def check(text: str, register: Register, rules: set[str] = ALL_RULES) -> list[Finding]:
    view = MemoryView(build_graph([parse_text(text, path="du-thao.txt")]))
    view.register = register
    return run_checks(view, rules)


def _draft() -> str:
    """The seed with a wrong date, a dropped date, a swapped digit and a wrong kind."""
    text = SEED.read_text(encoding="utf-8")
    changes = [
        ("Kế hoạch số 158-KH/TU, ngày 21/7/2023", "Kế hoạch số 158-KH/TU, ngày 21/8/2023"),
        ("\nngày 15/6/2023 của Ban Thường vụ Thị ủy về thực hiện", "\ncủa Ban Thường vụ Thị ủy về thực hiện"),
        ("Kế hoạch số 153-KH/TU, ngày 05/5/2023", "Kế hoạch số 135-KH/TU, ngày 05/5/2023"),
        ("Quy định số 671-QĐ/TU", "Quyết định số 671-QĐ/TU"),
    ]
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("register_file", [REGISTER_XLSX, REGISTER_CSV])
def test_the_seed_checks_clean_against_its_register(register_file: Path) -> None:
    register = read_register(register_file)
    findings = check(SEED.read_text(encoding="utf-8"), register)
    assert [f.code for f in findings if f.code != "VB101"] == []
    undated = {f.symbol: f.suggestion for f in findings}
    row = 23 if register_file.suffix == ".xlsx" else 21
    assert undated["21-NQ/TW"] == (
        f'the register dates it 16/6/2022 ({register_file}:{row}): write "Nghị quyết số 21-NQ/TW, ngày 16/6/2022"'
    )
    assert undated["28-NQ/TW"] == 'add the date after the symbol: "Nghị quyết số 28-NQ/TW, ngày dd/mm/yyyy"'


def test_a_wrong_date_a_dropped_date_a_swapped_digit_and_a_wrong_kind() -> None:
    register = read_register(REGISTER_XLSX)
    found = {(f.code, f.symbol): f for f in check(_draft(), register, {"VB101", "VB112", "VB113", "VB114"}) if f.symbol not in ("185-QĐ/TW", "21-NQ/TW", "28-NQ/TW", "50-KL/TW", "18-NQ/TW")}
    assert sorted(found) == [
        ("VB101", "155-KH/TU"),
        ("VB112", "158-KH/TU"),
        ("VB113", "135-KH/TU"),
        ("VB114", "671-QĐ/TU"),
    ]
    wrong = found[("VB112", "158-KH/TU")]
    assert (wrong.severity, wrong.line, wrong.column, wrong.message) == (
        "error", 82, 30,
        f"Kế hoạch 158-KH/TU is dated 21/8/2023 here, but the register dates it 21/7/2023 ({REGISTER_XLSX}:17)",
    )
    assert found[("VB101", "155-KH/TU")].suggestion == (
        f'the register dates it 15/6/2023 ({REGISTER_XLSX}:26): write "Kế hoạch số 155-KH/TU, ngày 15/6/2023"'
    )
    assert found[("VB113", "135-KH/TU")].message == (
        f"135-KH/TU is not in the register; did you mean 153-KH/TU (05/5/2023, {REGISTER_XLSX}:27)?"
    )
    assert found[("VB114", "671-QĐ/TU")].message == (
        f"671-QĐ/TU is cited as a Quyết định, but the register lists it as a Quy định ({REGISTER_XLSX}:42)"
    )
    assert found[("VB114", "671-QĐ/TU")].suggestion == 'write "Quy định số 671-QĐ/TU"'


def _one_row(tmp_path: Path, row: str) -> Register:
    header = "\"Số, ký hiệu\",Ngày ban hành,Trích yếu nội dung,Cơ quan ban hành\n"
    return read_register(_csv(tmp_path, "so.csv", header + row + "\n", "utf-8"))


# fmt: off
SILENT = [
    # a number reused in another term is another document, not a wrong date
    "Thực hiện Kế hoạch số 158-KH/TU, ngày 02/3/2021 của Ban Thường vụ Thị ủy.",
    # another committee's 158-KH/TU: the Tỉnh ủy's, not the Thị ủy's
    "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/8/2023 của Ban Thường vụ Tỉnh ủy.",
    # a number one slip away, but another series (a Chỉ thị)
    "Thực hiện Chỉ thị số 185-CT/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy.",
    # a number one slip away, but a year and a term apart
    "Thực hiện Kế hoạch số 185-KH/TU, ngày 21/7/2019 của Ban Thường vụ Thị ủy.",
    # an issuer code the register does not keep
    "Thực hiện Kế hoạch số 185-KH/HU, ngày 21/7/2023 của Ban Thường vụ Huyện ủy.",
    # the right date
    "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy.",
]
# fmt: on


@pytest.mark.parametrize("text", SILENT)
def test_what_the_register_does_not_contradict(tmp_path: Path, text: str) -> None:
    register = _one_row(
        tmp_path, "158-KH/TU,21/7/2023,Kế hoạch sắp xếp tổ chức bộ máy,Ban Thường vụ Thị ủy"
    )
    assert check(text, register, {"VB112", "VB113", "VB114"}) == []


def test_state_numbers_restart_each_year(tmp_path: Path) -> None:
    register = _one_row(tmp_path, "1234/QĐ-UBND,05/3/2024,Quyết định phê duyệt,UBND tỉnh")
    same_year = "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/3/2024 của UBND tỉnh;"
    other_year = "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/3/2023 của UBND tỉnh;"
    assert [(f.code, f.message) for f in check(same_year, register)] == [
        (
            "VB112",
            f"Quyết định 1234/QĐ-UBND is dated 15/3/2024 here, but the register dates it 05/3/2024 ({tmp_path / 'so.csv'}:2)",
        )
    ]
    assert check(other_year, register) == []


def test_vietnamese_messages(tmp_path: Path) -> None:
    register = _one_row(tmp_path, "153-KH/TU,05/5/2023,Kế hoạch,Ban Thường vụ Tỉnh ủy")
    view = MemoryView(
        build_graph(
            [
                parse_text(
                    "Thực hiện Kế hoạch số 135-KH/TU, ngày 05/5/2023 của Ban Thường vụ Tỉnh ủy.",
                    path="d.txt",
                )
            ]
        )
    )
    view.register = register
    [finding] = run_checks(view, {"VB113"}, "vi")
    assert finding.message == (
        f"135-KH/TU không có trong sổ đăng ký; có phải là 153-KH/TU (05/5/2023, {tmp_path / 'so.csv'}:2)?"
    )


# --- the command line ----------------------------------------------------------------------------


def test_check_show_list_and_parse_with_the_sample_register(
    runner: CliRunner, in_tmp: Path
) -> None:
    draft = in_tmp / "du-thao.txt"
    draft.write_text(_draft(), encoding="utf-8")
    result = runner.invoke(
        app,
        ["check", str(draft), "--register", str(REGISTER_XLSX), "--select", "VB112,VB113,VB114"],
    )
    assert result.exit_code == 1
    assert [
        line.split(": ", 2)[1] for line in result.stdout.splitlines() if line.startswith(str(draft))
    ] == [
        "VB112 error",
        "VB113 warning [unsafe fix]",
        "VB114 warning",
    ]

    graph = in_tmp / "graph.yaml"
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(graph)])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["show", "158-KH/TU", str(graph), "--register", str(REGISTER_CSV)])
    assert shown.exit_code == 0, shown.output
    assert (
        "\n  title:    Kế hoạch sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn"
        in shown.stdout
    )
    assert f"  register: {REGISTER_CSV}:15: 2023-07-21, Ban Thường vụ Thị ủy\n" in shown.stdout

    listed = runner.invoke(
        app,
        ["list", str(graph), "--kind", "KL", "--format", "csv", "--register", str(REGISTER_CSV)],
    )
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(listed.stdout))}
    assert (rows["34-KL/TW"]["title"], rows["34-KL/TW"]["title_from"]) == (
        "Kết luận về Chiến lược công tác kiểm tra, giám sát của Đảng đến năm 2030",
        f"{REGISTER_CSV}:29",
    )
    assert (rows["50-KL/TW"]["title"], rows["50-KL/TW"]["title_from"]) == (
        "",
        "",
    )  # not in the register

    stored = in_tmp / "stored.yaml"
    result = runner.invoke(
        app, ["parse", str(SEED), "-o", str(stored), "--register", str(REGISTER_XLSX)]
    )
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["show", "21-NQ/TW", str(stored), "--format", "json"])
    registered = json.loads(shown.stdout)["registered"]
    assert (registered["date"], registered["row"]) == ("2022-06-16", 23)
    assert (in_tmp / registered["register"]).resolve() == REGISTER_XLSX.resolve()
    text = shown.stdout
    assert "Nghị quyết về tăng cường củng cố" in text


def test_register_errors_are_one_line(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (in_tmp / "bad.xlsx").write_bytes(b"not a zip")
    (in_tmp / "blank.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    cases = {
        "old.xls": "old.xls: a .xls workbook; save it as .xlsx (Excel Workbook) or .csv (UTF-8)",
        "bad.xlsx": "bad.xlsx: not an Excel .xlsx workbook (File is not a zip file)",
        "blank.csv": (
            "blank.csv: no header row with 'Số, ký hiệu' and 'Ngày ban hành' or 'Trích yếu' in its "
            "first 30 rows; name the columns with --register-columns symbol=B,date=C,title=D"
        ),
        "missing.csv": "missing.csv: no such file",
    }
    for name, message in cases.items():
        result = runner.invoke(app, ["check", str(SEED), "--register", name])
        assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


def test_rows_that_cannot_be_read_are_listed_and_the_rest_used(
    runner: CliRunner, in_tmp: Path
) -> None:
    path = _workbook(in_tmp / "so.xlsx")
    result = runner.invoke(app, ["check", str(SEED), "--register", str(path), "--select", "VB112"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: register row skipped: {path}:9: '158-KH' is not a number and symbol\n"
        f"warning: register row kept, undated: {path}:10: 31/02/2023 is not a date\n"
    )
    assert read_register(path).undated == (f"{path}:10: 31/02/2023 is not a date",)


def test_rows_that_cannot_be_read_are_said_once_when_the_register_is_read_into_the_graph(
    runner: CliRunner, in_tmp: Path
) -> None:
    _workbook(in_tmp / "so.xlsx")
    (in_tmp / "vanban.toml").write_text('register = ["so.xlsx"]\n', encoding="utf-8")
    shutil.copy(SEED, in_tmp / "ket-luan.txt")
    parsed = runner.invoke(app, ["--lang", "vi", "parse", "ket-luan.txt", "-o", "graph.yaml"])
    assert parsed.exit_code == 0, parsed.stderr
    path = in_tmp / "so.xlsx"
    assert parsed.stderr.splitlines()[:2] == [
        f"cảnh báo: bỏ qua dòng sổ đăng ký: {path}:9: '158-KH' không phải số, ký hiệu",
        f"cảnh báo: vẫn giữ dòng sổ đăng ký, không ghi ngày: {path}:10: 31/02/2023 không phải "
        "ngày có thật",
    ]
    for words in (["list", "graph.yaml"], ["show", "155-KH/TU", "graph.yaml"]):
        again = runner.invoke(app, words)
        assert (again.exit_code, again.stderr) == (0, ""), words
    named = runner.invoke(app, ["list", "graph.yaml", "--register", "so.xlsx"])
    assert "warning: register row skipped: " in named.stderr  # named for this command: said


def test_register_in_the_settings(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "so").mkdir()
    (in_tmp / "so" / "so.csv").write_text(
        '"Số, ký hiệu",Ngày ban hành\n158-KH/TU,21/7/2023\n', encoding="utf-8"
    )
    (in_tmp / "vanban.toml").write_text('register = ["so/so.csv"]\n', encoding="utf-8")
    draft = in_tmp / "du-thao.txt"
    draft.write_text(
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/8/2023 của Ban Thường vụ Thị ủy.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code == 1
    assert (
        "VB112 error: Kế hoạch 158-KH/TU is dated 21/8/2023 here, but the register dates it 21/7/2023"
        in result.stdout
    )
    (in_tmp / "vanban.toml").write_text("register = 5\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft)])
    assert (result.exit_code, result.stderr) == (
        2,
        f'Error: {in_tmp / "vanban.toml"}: register = 5: give a file or a list of files, e.g. ["so-dang-ky.xlsx"]\n',
    )


def test_update_keeps_what_the_register_said(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "van-ban"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy.\n",
        encoding="utf-8",
    )
    register = in_tmp / "so.csv"
    register.write_text(
        '"Số, ký hiệu",Ngày ban hành,Trích yếu\n158-KH/TU,21/7/2023,Kế hoạch sắp xếp\n',
        encoding="utf-8",
    )
    graph = in_tmp / "graph.yaml"
    assert (
        runner.invoke(
            app, ["parse", str(folder), "-o", str(graph), "--register", str(register)]
        ).exit_code
        == 0
    )
    (folder / "b.txt").write_text(
        "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["parse", "--update", str(graph)]).exit_code == 0
    listed = runner.invoke(app, ["list", str(graph), "--format", "csv"])
    assert (
        "158-KH/TU,158-KH/TU,Kế hoạch,2023-07-21,Ban Thường vụ Thị ủy,Ban Thường vụ Thị ủy,1,1,"
        "false,Kế hoạch sắp xếp,so.csv:2" in listed.stdout
    )


def test_a_workbook_with_a_sheet_per_year(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "2022"
    first.append(["Số, ký hiệu", "Ngày ban hành", "Trích yếu"])
    first.append(["158-KH/TU", datetime.date(2022, 3, 2), "Kế hoạch năm 2022"])
    second = book.create_sheet("2023")
    second.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2023"])
    second.append(["Số, ký hiệu", "Ngày ban hành", "Trích yếu"])
    second.append(["158-KH/TU", datetime.date(2023, 7, 21), "Kế hoạch năm 2023"])
    notes = book.create_sheet("Ghi chú")
    notes.append(["Sổ do văn phòng lập"])
    path = tmp_path / "so.xlsx"
    book.save(path)
    register = read_register(path)
    assert [(e.place, e.date) for e in register.entries] == [
        (f"{path}[2022]:2", "2022-03-02"),
        (f"{path}[2023]:3", "2023-07-21"),
    ]
    # the same number in two terms: an undated reference's advice lists both rows
    [finding] = check(
        "Thực hiện Kế hoạch số 158-KH/TU của Ban Thường vụ Thị ủy.", register, {"VB101"}
    )
    assert finding.suggestion == (
        f"the register has 2 documents 158-KH/TU: 02/3/2022 ({path}[2022]:2), 21/7/2023 "
        f"({path}[2023]:3); write the date of the one meant"
    )
