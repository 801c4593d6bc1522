"""Front matter and portal metadata are hints: the text's own header wins, and a document is
never the document it cites."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.graph.build import build_graph
from vanban.parser.pipeline import parse_text


def _digitised(so_hieu: str, ngay: str, header_number: str, place_date: str, body: str) -> str:
    """A file as a digitisation writes it: front matter, a summary, then the text layer."""
    return (
        "---\n"
        f'so_hieu: "{so_hieu}"\n'
        f'ngay_ban_hanh: "ngày {ngay}"\n'
        "---\n\n"
        f"**Số hiệu:** {so_hieu} | **Ngày ban hành:** ngày {ngay}\n\n"
        "```text\n"
        "ĐẢNG BỘ TỈNH KHÁNH HOÀ\n"
        "ĐẢNG UỶ XÃ CÔNG HẢI\n"
        "*\n"
        f"{header_number}\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\n"
        f"{place_date}\n"
        f"{body}"
        "```\n"
    )


LETTER = _digitised(
    "226-KL/TW",
    "11/12/2025",
    "Số -CV/ĐU",
    "Công Hải, ngày tháng 01 năm 2026",
    "Thực hiện Kết luận số 226-KL/TW, ngày 11/12/2025 của Ban Bí thư về việc chấn chỉnh lề "
    "lối làm việc, Ban Thường vụ Đảng uỷ yêu cầu các tổ chức đảng quán triệt Kết luận số "
    "226-KL/TW.\n",
)
REPORT = _digitised(
    "100-BC/ĐU",
    "26/12/2025",
    "Số -BC/ĐU",
    "Công Hải, ngày tháng 12 năm 2025",
    "Quyết định số 35-QĐ/ĐU, ngày 29/12/2025 khen thưởng tổ chức đảng; Báo cáo số 98-BC/ĐU, "
    "ngày 30/12/2025 về kết quả giám sát.\n",
)


@pytest.mark.parametrize(
    ("text", "symbol", "date", "blank"),
    [
        # the header's blank number has other codes: the front matter named the Kết luận cited
        (LETTER, None, None, "Số -CV/ĐU"),
        # the same codes: the number the office gave at signing; the day left blank in the
        # header, the front-matter date (that of a cited document's neighbour) is not taken
        (REPORT, "100-BC/ĐU", None, None),
        # no header of its own: the metadata says what the document is
        (
            '---\nso_hieu: "12-KH/TU"\nngay_ban_hanh: "ngày 05/3/2024"\n---\nKẾ HOẠCH\n',
            "12-KH/TU",
            "2024-03-05",
            None,
        ),
    ],
)
def test_the_header_wins_over_front_matter(
    text: str, symbol: str | None, date: str | None, blank: str | None
) -> None:
    identity = parse_text(text, path="x.md").identity
    own = identity.symbol.canonical if identity.symbol else None
    assert (own, identity.date, identity.blank_number) == (symbol, date, blank)


def test_a_letter_is_not_the_conclusion_it_implements() -> None:
    graph = build_graph([parse_text(LETTER, path="cv-264a.md")])
    (source,) = graph.sources
    assert source.id != "226-KL/TW"
    assert [r.target for r in source.references] == ["226-KL/TW", "226-KL/TW"]
    conclusion = graph.documents["226-KL/TW"]
    assert (conclusion.in_corpus, conclusion.citations, conclusion.cited_by) == (
        False,
        2,
        [source.id],
    )


def test_no_warning_from_a_front_matter_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-100.md"
    path.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--select", "VB105"])
    assert result.exit_code == 0, result.output
    assert "VB105" not in result.stdout


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
