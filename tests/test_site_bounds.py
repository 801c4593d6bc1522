"""A site of a dense graph stays bounded: no picture past what one picture draws (said on the
index page and on stderr), and each list of a page shows its first items and counts the
others. The limits are made small here so that a graph of twelve plans is "dense"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.output import pages

PLANS = 12
OUTSIDE = range(900, 908)


def _reference(number: int) -> str:
    return (
        f"Kế hoạch số {number}-KH/TU, ngày {number % 28 + 1:02d}/01/2022 của Ban Thường vụ Tỉnh ủy"
    )


def plan(number: int) -> str:
    """Plan ``number``: it implements 900-KH/TU and the plan before it (a lattice), and cites
    every other plan and eight plans outside the archive."""
    implemented = " và ".join(_reference(n) for n in (900, number - 1) if n >= 1)
    cited = [n for n in [*range(1, PLANS + 1), *OUTSIDE] if n != number]
    return "\n".join(
        [
            "ĐẢNG BỘ TỈNH BÌNH THUẬN",
            "TỈNH ỦY",
            f"Số {number}-KH/TU",
            "",
            f"Phan Thiết, ngày {number % 28 + 1:02d} tháng 01 năm 2022",
            "",
            "KẾ HOẠCH",
            f"thực hiện {implemented}",
            "",
            *(f"Căn cứ {_reference(n)};" for n in cited),
        ]
    )


@pytest.fixture
def site(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.chdir(tmp_path)
    archive = Path("archive")
    archive.mkdir()
    for number in range(1, PLANS + 1):
        (archive / f"ke-hoach-{number:02d}.txt").write_text(plan(number), encoding="utf-8")
    assert runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"]).exit_code == 0
    monkeypatch.setattr(pages, "LIST_LIMIT", 5)
    monkeypatch.setattr(pages, "PICTURE_EDGE_LIMIT", 100)
    result = runner.invoke(app, ["--lang", "en", "site", "graph.yaml", "-o", "site"])
    assert result.exit_code == 0, result.output
    return Path("site"), result.stderr


def _items(page: str, heading: str) -> list[str]:
    """The items of the list under ``heading``, as text."""
    part = page.split(f"<h2>{heading}", 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li[^>]*>(.*?)</li>", part)]


def test_no_picture_of_a_graph_past_the_lines_one_picture_draws(site: tuple[Path, str]) -> None:
    folder, stderr = site
    assert stderr.splitlines()[0] == (
        "warning: the graph's picture is not drawn: 20 documents and 240 relations are more "
        "than one picture shows (400 and 100); each document's page lists its relations"
    )
    assert not (folder / "graph.svg").exists()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "Too many relations for one picture; each document's page lists its relations." in (
        index
    )


def test_where_a_document_is_cited_lists_the_first_places(site: tuple[Path, str]) -> None:
    folder, _ = site
    card = (folder / "documents" / "900-kh-tu.html").read_text(encoding="utf-8")
    assert "<h2>Cited at (24)</h2>" in card
    places = _items(card, "Cited at")
    assert [re.sub(r"(?<=\d)(KẾ|Căn) .*", "", place) for place in places] == [
        "archive/ke-hoach-01.txt:8",
        "archive/ke-hoach-01.txt:21",
        "archive/ke-hoach-02.txt:8",
        "archive/ke-hoach-02.txt:21",
        "archive/ke-hoach-03.txt:8",
        "… and 19 more",
    ]


def test_a_chain_shows_its_first_steps_and_counts_the_others(site: tuple[Path, str]) -> None:
    folder, _ = site
    card = (folder / "documents" / "900-kh-tu.html").read_text(encoding="utf-8")
    assert _items(card, "Implemented by") == [
        "1-KH/TU",
        "10-KH/TU",
        "11-KH/TU",
        "12-KH/TU",
        "2-KH/TU",
        "… and 7 more",
    ]


def test_what_a_document_cites_lists_the_first_of_them(site: tuple[Path, str]) -> None:
    folder, _ = site
    page = (folder / "documents" / "5-kh-tu.html").read_text(encoding="utf-8")
    assert "<h2>Documents cited (19)</h2>" in page
    cited = _items(page, "Documents cited")
    assert [item.split(" ")[0] for item in cited] == [
        "900-KH/TU",
        "4-KH/TU",
        "1-KH/TU",
        "2-KH/TU",
        "3-KH/TU",
        "…",
    ]
    assert cited[-1] == "… and 14 more"
    assert "<h2>Check findings (13)</h2>" in page
    findings = _items(page, "Check findings")
    assert (len(findings), findings[-1]) == (6, "… and 8 more")
