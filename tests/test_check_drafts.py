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
