"""Files sharing a number: copies (the same content) are one document read once; versions (the
same number and date, another content) each keep what they cite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.graph.build import build_graph
from vanban.parser.pipeline import parse_text

HEADER = (
    "ĐẢNG BỘ TỈNH LÂM ĐỒNG\n"
    "THỊ ỦY LA GI\n"
    "Số 45-BC/TU\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "La Gi, ngày 20 tháng 3 năm 2024\n"
    "\n"
    "BÁO CÁO\n"
    "kết quả thực hiện nhiệm vụ quý I năm 2024\n"
    "\n"
)
FIRST = (
    "Thực hiện Kết luận số 34-KL/TW, ngày 18/4/2022 của Bộ Chính trị, Ban Thường vụ Thị ủy "
    "báo cáo kết quả như sau:\n"
    "1. Đã quán triệt Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị.\n"
)
MORE = (
    "2. Triển khai Kế hoạch số 309-KH/TU, ngày 02/02/2024 của Ban Thường vụ Tỉnh ủy về "
    "chuyển đổi số.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _two_reports(folder: Path) -> Path:
    folder.mkdir()
    (folder / "bao-cao-45.txt").write_text(HEADER + FIRST, encoding="utf-8")
    (folder / "bao-cao-45-sua.txt").write_text(HEADER + FIRST + MORE, encoding="utf-8")
    return folder


def test_a_revised_report_is_a_version_and_what_it_adds_is_cited(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    archive = _two_reports(Path("archive"))
    graph_path = Path("graph.json")
    parsed = runner.invoke(app, ["parse", str(archive), "-o", str(graph_path), "-f", "json"])
    assert parsed.exit_code == 0, parsed.output
    assert (
        f"note: {archive / 'bao-cao-45.txt'} is another version of "
        f"{archive / 'bao-cao-45-sua.txt'} (the same number, another content); each keeps its "
        "citations\n"
    ) in parsed.stderr
    graph = json.loads(graph_path.read_text(encoding="utf-8"))
    sources = graph["sources"]
    assert [(s["path"], s["id"], s.get("version_of"), s.get("copy_of")) for s in sources] == [
        ("archive/bao-cao-45-sua.txt", "45-BC/TU", None, None),
        ("archive/bao-cao-45.txt", "45-BC/TU", "archive/bao-cao-45-sua.txt", None),
    ]

    listed = runner.invoke(app, ["list", str(graph_path), "-f", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)["documents"]
    # both versions cite 34-KL/TW and 05-CT/TW: counted once; only the second cites 309-KH/TU
    assert [(row["id"], row["citations"], row["citing_documents"]) for row in rows] == [
        ("05-CT/TW", 1, 1),
        ("309-KH/TU", 1, 1),
        ("34-KL/TW", 1, 1),
    ]
    cited = runner.invoke(app, ["list", str(graph_path), "--cited-by", "45-BC/TU", "-f", "json"])
    assert [row["id"] for row in json.loads(cited.stdout)["documents"]] == [
        "05-CT/TW",
        "309-KH/TU",
        "34-KL/TW",
    ]

    shown = runner.invoke(app, ["show", "45-BC/TU", str(graph_path), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    answer = json.loads(shown.stdout)
    assert answer["versions"] == [
        {"path": str(archive / "bao-cao-45-sua.txt"), "date": "2024-03-20", "references": 3},
        {"path": str(archive / "bao-cao-45.txt"), "date": "2024-03-20", "references": 2},
    ]
    assert answer["cites"] == ["05-CT/TW", "309-KH/TU", "34-KL/TW"]
    card = runner.invoke(app, ["show", "45-BC/TU", str(graph_path)])
    assert f"{archive / 'bao-cao-45.txt'} (2024-03-20), 2 reference(s)" in card.stdout


def test_copies_with_the_same_references_are_one_document(tmp_path: Path) -> None:
    """The same report twice, laid out otherwise (lines joined): a copy, counted once."""
    one = parse_text(HEADER + FIRST + MORE, path="a.txt")
    other = parse_text((HEADER + FIRST + MORE).replace("\n1.", " 1."), path="b.txt")
    graph = build_graph([one, other])
    assert [(s.path, s.copy_of, s.version_of) for s in graph.sources] == [
        ("a.txt", None, None),
        ("b.txt", "a.txt", None),
    ]
    assert graph.documents["309-KH/TU"].citations == 1
    assert graph.documents["34-KL/TW"].citations == 1


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the versions cite 34-KL/TW once each: counted once
        (FIRST, FIRST + MORE, 1),
        # one version cites it twice, the other once: counted as the one that cites it most
        (FIRST + "Kết luận số 34-KL/TW, ngày 18/4/2022 được quán triệt.\n", FIRST + MORE, 2),
    ],
)
def test_a_reference_the_versions_share_is_counted_once(
    first: str, second: str, expected: int
) -> None:
    graph = build_graph(
        [parse_text(HEADER + first, path="a.txt"), parse_text(HEADER + second, path="b.txt")]
    )
    assert graph.documents["34-KL/TW"].citations == expected
    assert graph.documents["45-BC/TU"].in_corpus
    cites = [(e.target, e.path) for e in graph.edges if e.target == "34-KL/TW"]
    assert cites == [("34-KL/TW", "a.txt")]  # one edge, from the first version


def test_a_document_does_not_cite_itself() -> None:
    """A decision whose appendix names the decision itself: the reference is kept as read,
    but the document is not among those that cite it."""
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 715/QĐ-UBND\n"
        "Bình Định, ngày 10 tháng 03 năm 2023\n\nQUYẾT ĐỊNH\nVề việc phê duyệt quy trình\n\n"
        "Căn cứ Luật Điện lực số 28/2004/QH11 ngày 03/12/2004;\n"
        "PHỤ LỤC\n(Ban hành kèm theo Quyết định số 715/QĐ-UBND ngày 10/03/2023 của Chủ tịch "
        "UBND tỉnh)\n"
    )
    graph = build_graph([parse_text(text, path="715.txt")])
    assert [r.symbol for r in graph.sources[0].references] == ["28/2004/QH11", "715/QĐ-UBND"]
    own = graph.documents["715/QĐ-UBND"]
    assert (own.citations, own.cited_by) == (0, [])
    assert [(e.source, e.target) for e in graph.edges] == [("715/QĐ-UBND", "28/2004/QH11")]


def test_the_site_shows_a_document_as_its_first_version(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _two_reports(Path("archive"))
    assert runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"]).exit_code == 0
    result = runner.invoke(app, ["site", "graph.yaml", "-o", "site"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "documents" / "45-bc-tu.html").read_text(encoding="utf-8")
    assert "bao-cao-45-sua.txt" in page
    assert 'data-symbol="309-KH/TU"' in page  # cited only by the first version
