"""The mistakes drafts really have, each on the real sentence it was found in: a number left
blank, a number one slip from the register's, a year no calendar has, a date standing before the
reference, a document cited after it was replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban import build_graph, parse_text
from vanban.checks.registry import run_checks
from vanban.query.view import MemoryView
from vanban.register.book import read_register

HEADER = '"Số, ký hiệu",Ngày ban hành,Trích yếu nội dung,Cơ quan ban hành\n'
ROWS = (
    "3971/BTP-BTTP,15/8/2025,Công văn về việc hướng dẫn chứng thực,Bộ Tư pháp",
    "1191/BNV-TCPCP,12/3/2025,Công văn về tổ chức phi chính phủ,Bộ Nội vụ",
    "126/2024/NĐ-CP,08/10/2024,Nghị định quy định về tổ chức hội,Chính phủ",
    "152/2025/NĐ-CP,14/6/2025,Nghị định quy định về đầu tư,Chính phủ",
)


def findings(
    tmp_path: Path, *texts: str, rules: set[str], rows: tuple[str, ...] = ()
) -> list[tuple[str, int | None, str | None, str]]:
    documents = [parse_text(text, path=f"doc{index}.txt") for index, text in enumerate(texts)]
    view = MemoryView(build_graph(documents))
    if rows:
        register = tmp_path / "so.csv"
        register.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
        view.register = read_register(register)
    return [(f.code, f.line, f.symbol, f.message) for f in run_checks(view, rules)]


# fmt: off
UNREGISTERED = [
    # Công văn have no kind code: their series is the issuer code.
    ("Thực hiện Công văn số 3917/BTP-BTTP ngày 15/8/2025 của Bộ Tư pháp về chứng thực.",
     [("VB113", 1, "3917/BTP-BTTP",
       "3917/BTP-BTTP is not in the register; did you mean 3971/BTP-BTTP (15/8/2025, {so}:2)?")]),
    ("Theo Công văn số 1119/BNV-TCPCP ngày 12/3/2025 của Bộ Nội vụ.",
     [("VB113", 1, "1119/BNV-TCPCP",
       "1119/BNV-TCPCP is not in the register; did you mean 1191/BNV-TCPCP (12/3/2025, {so}:3)?")]),
    # State numbers restart each year: 152/2025 (one digit typed for another) is meant, not
    # 126/2024 (two digits swapped, but of another year).
    ("Căn cứ Nghị định số 162/2025/NĐ-CP của Chính phủ quy định về đầu tư.",
     [("VB113", 1, "162/2025/NĐ-CP",
       "162/2025/NĐ-CP is not in the register; did you mean 152/2025/NĐ-CP (14/6/2025, {so}:5)?")]),
    # Of another year with no row of its own year: the slip across years is still offered.
    ("Căn cứ Nghị định số 162/2024/NĐ-CP của Chính phủ về tổ chức hội.",
     [("VB113", 1, "162/2024/NĐ-CP",
       "162/2024/NĐ-CP is not in the register; did you mean 126/2024/NĐ-CP (08/10/2024, {so}:4)?")]),
    # Registered, or too far from any row: nothing.
    ("Thực hiện Công văn số 3971/BTP-BTTP ngày 15/8/2025 của Bộ Tư pháp.", []),
    ("Thực hiện Công văn số 2150/BTP-BTTP ngày 15/8/2025 của Bộ Tư pháp.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), UNREGISTERED)
def test_unregistered_number_suggests_the_row_of_its_series_and_year(
    tmp_path: Path, text: str, expected: list[tuple[str, int, str, str]]
) -> None:
    so = tmp_path / "so.csv"
    wanted = [(c, line, s, m.format(so=so)) for c, line, s, m in expected]
    assert findings(tmp_path, text, rules={"VB113"}, rows=ROWS) == wanted


HEADER_2025 = "UBND TỈNH LÂM ĐỒNG\nSố: 276/UBND-VX\n\nĐà Lạt, ngày 12 tháng 3 năm 2025\n\n"

# fmt: off
FOUND = [
    # The year slot of a normative symbol that is no year (a typo in a signed document).
    ({"VB103"}, "Căn cứ Nghị định số 45/25010/NĐ-CP ngày 21/5/2010 của Chính phủ về tổ chức hội;",
     [("VB103", 1, "45/25010/NĐ-CP", "45/25010/NĐ-CP: 25010 in the symbol is not a year")]),
    ({"VB103"}, "Căn cứ Nghị định số 45/2010/NĐ-CP ngày 21/5/2010 của Chính phủ về tổ chức hội;", []),
    # A cited date after the date of the document that cites it, or a symbol of a later year.
    ({"VB105"}, HEADER_2025 + "Thực hiện Kế hoạch số 12-KH/TU, ngày 05/4/2030 của Tỉnh ủy.",
     [("VB105", 6, "12-KH/TU", "Kế hoạch 12-KH/TU is dated 2030-04-05, after this document (2025-03-12)")]),
    ({"VB105"}, HEADER_2025 + "Căn cứ Nghị định số 15/2026/NĐ-CP của Chính phủ quy định về hội.",
     [("VB105", 6, "15/2026/NĐ-CP", "15/2026/NĐ-CP carries the year 2026, after this document (2025-03-12)")]),
    ({"VB105"}, HEADER_2025 + "Căn cứ Nghị định số 126/2024/NĐ-CP của Chính phủ quy định về hội.", []),
    # In a draft not yet dated: a date still to come.
    ({"VB105"}, "Thực hiện Kế hoạch số 12-KH/TU, ngày 05/4/2090 của Tỉnh ủy.",
     [("VB105", 1, "12-KH/TU", "Kế hoạch 12-KH/TU is dated 2090-04-05, a date still to come")]),
    ({"VB105"}, "Thực hiện Kế hoạch số 12-KH/TU, ngày 05/4/2023 của Tỉnh ủy.", []),
    # A date standing before the reference, in the sentence that issues it, dates it.
    ({"VB101"}, "Ngày 08/10/2024, Chính phủ ban hành Nghị định số 126/2024/NĐ-CP quy định về tổ chức, hoạt động và quản lý hội.", []),
    ({"VB101"}, "Ngày 08 tháng 10 năm 2024, Chính phủ đã ban hành Nghị định số 126/2024/NĐ-CP quy định về hội.", []),
    # ... but not a date of something else in the sentence.
    ({"VB101"}, "Ngày 08/10/2024, Sở Nội vụ họp bàn việc thực hiện Nghị định số 126/2024/NĐ-CP.",
     [("VB101", 1, "126/2024/NĐ-CP", "undated reference to Nghị định 126/2024/NĐ-CP")]),
    # A law whose symbol carries its year and term names one document: not undated.
    ({"VB101"}, "Căn cứ Luật số 37/2009/QH12 sửa đổi, bổ sung một số điều của Bộ luật Hình sự;", []),
    # "Văn bản" names a document of any kind; a Thông báo kết luận of the Party is coded TB.
    ({"VB104"}, "Thực hiện Văn bản số 59-CV/BCĐ ngày 26/3/2025 của Ban Chỉ đạo.", []),
    ({"VB104"}, "Thực hiện Thông báo kết luận số 73-TB/TU, ngày 10/9/2025 của Ban Thường vụ Tỉnh ủy.", []),
    ({"VB101"}, "Căn cứ Nghị quyết số 190/2025/QH15 của Quốc hội quy định về xử lý một số vấn đề;", []),
]
# fmt: on


@pytest.mark.parametrize(("rules", "text", "expected"), FOUND)
def test_a_draft_sentence_gives_its_findings(
    tmp_path: Path, rules: set[str], text: str, expected: list[tuple[str, int, str, str]]
) -> None:
    assert findings(tmp_path, text, rules=rules) == expected


REPLACEMENT = (
    "Sở Nội vụ thông báo: Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ thay thế "
    "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ quy định về tổ chức, hoạt động và "
    "quản lý hội."
)
BASIS = "Căn cứ Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ quy định về hội;"

# fmt: off
SUPERSEDED = [
    # A draft of 2025 still cites the decree replaced in 2024.
    ("Đà Lạt, ngày 12 tháng 3 năm 2025\n\nCÔNG VĂN\n\n" + BASIS,
     [("VB115", 5, "45/2010/NĐ-CP",
       "Nghị định 45/2010/NĐ-CP was replaced by Nghị định 126/2024/NĐ-CP of 08/10/2024 (doc0.txt:1)")]),
    # An undated draft is written today, after the replacement.
    (BASIS,
     [("VB115", 1, "45/2010/NĐ-CP",
       "Nghị định 45/2010/NĐ-CP was replaced by Nghị định 126/2024/NĐ-CP of 08/10/2024 (doc0.txt:1)")]),
    # Written before the replacement, or naming the newer decree itself: nothing.
    ("Đà Lạt, ngày 12 tháng 3 năm 2023\n\nCÔNG VĂN\n\n" + BASIS, []),
    (BASIS + " Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ thay thế nghị định này.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SUPERSEDED)
def test_a_document_cited_after_its_replacement(
    tmp_path: Path, text: str, expected: list[tuple[str, int, str, str]]
) -> None:
    assert findings(tmp_path, REPLACEMENT, text, rules={"VB115"}) == expected
