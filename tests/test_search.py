"""Search over the whole text of the documents read, not only titles and the sentences
references stand in; how many results there are when --limit cuts them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app

CV_223 = """UBND TỈNH BÌNH THUẬN
Số: 223/UBND-KT
V/v bảo đảm thông tin liên lạc mùa mưa bão

Thực hiện Công văn số 1391-CV/TU ngày 20/8/2024 của Ban Thường vụ Tỉnh ủy về phòng, chống thiên tai.

Đề nghị Viettel, Mobifone, VNPT Bình Thuận bố trí trạm phát sóng dự phòng, bảo đảm thông tin liên lạc thông suốt.

Giao Sở Thông tin và Truyền thông theo dõi, báo cáo kết quả trước ngày 30/9/2024.
"""

CV_224 = """UBND TỈNH BÌNH THUẬN
Số: 224/UBND-KT
V/v báo cáo kết quả phòng, chống thiên tai

Thực hiện Công văn số 223/UBND-KT ngày 05/9/2024 của UBND tỉnh, Sở Thông tin và Truyền thông báo cáo kết quả.

Các trạm phát sóng dự phòng đã hoạt động, thông tin liên lạc thông suốt trong mùa mưa bão.
"""


@pytest.fixture
def graph(runner: CliRunner, in_tmp: Path) -> Path:
    (in_tmp / "kho").mkdir()
    (in_tmp / "kho" / "223.txt").write_text(CV_223, encoding="utf-8")
    (in_tmp / "kho" / "224.txt").write_text(CV_224, encoding="utf-8")
    assert runner.invoke(app, ["parse", "kho", "-o", "graph.yaml"]).exit_code == 0
    return in_tmp / "graph.yaml"


def _results(runner: CliRunner, *arguments: str) -> dict[str, object]:
    found = runner.invoke(app, ["search", *arguments, "-f", "json"])
    assert found.exit_code == 0, found.stderr
    data = json.loads(found.stdout)
    assert isinstance(data, dict)
    return data


MOBIFONE = {
    "what": "text",
    "document": "223/UBND-KT",
    "path": "kho/223.txt",
    "line": 7,
    "text": "Đề nghị Viettel, Mobifone, VNPT Bình Thuận bố trí trạm phát sóng dự phòng, bảo đảm "
    "thông tin liên lạc thông…",
}


@pytest.mark.parametrize("where", ["graph.yaml", "kho"])
def test_a_word_only_in_a_documents_body_is_found(
    runner: CliRunner, graph: Path, where: str
) -> None:
    assert _results(runner, "mobifone", where) == {"results": [MOBIFONE], "total": 1}


def test_the_passage_is_where_the_words_stand_together(runner: CliRunner, graph: Path) -> None:
    found = _results(runner, "thong suot", "graph.yaml")
    assert [(r["path"], r["line"], r["text"]) for r in found["results"]] == [  # type: ignore[index]
        (
            "kho/224.txt",
            7,
            "Các trạm phát sóng dự phòng đã hoạt động, thông tin liên lạc thông suốt trong mùa "
            "mưa bão.",
        ),
        (
            "kho/223.txt",
            7,
            "…tel, Mobifone, VNPT Bình Thuận bố trí trạm phát sóng dự phòng, bảo đảm thông tin "
            "liên lạc thông suốt.",
        ),
    ]


def test_the_limit_says_how_many_there_are(runner: CliRunner, graph: Path) -> None:
    cut = runner.invoke(app, ["search", "thong tin", "graph.yaml", "--limit", "1"])
    assert cut.exit_code == 0, cut.stderr
    assert cut.stdout.splitlines() == [
        "kho/224.txt:5  (224/UBND-KT)",
        "    Thực hiện Công văn số 223/UBND-KT ngày 05/9/2024 của UBND tỉnh, Sở Thông tin và "
        "Truyền thông báo cáo kết quả.",
        "1 of 2 result(s); --limit shows more",
    ]
    said = runner.invoke(app, ["--lang", "vi", "search", "thong tin", "graph.yaml", "--limit", "1"])
    assert said.stdout.splitlines()[-1] == "1 trên 2 kết quả; --limit để xem thêm"
    whole = runner.invoke(app, ["search", "thong tin", "graph.yaml"])
    assert whole.stdout.splitlines()[-1] == "2 result(s)"


def test_the_text_of_a_changed_file_is_searched_after_update(
    runner: CliRunner, graph: Path
) -> None:
    changed = CV_223.replace("Viettel, Mobifone, VNPT", "Viettel, Vinaphone, VNPT")
    (graph.parent / "kho" / "223.txt").write_text(changed, encoding="utf-8")
    updated = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert updated.exit_code == 0, updated.stderr
    assert _results(runner, "mobifone", "graph.yaml") == {"results": [], "total": 0}
    found = _results(runner, "vinaphone", "graph.yaml")
    assert found["total"] == 1
    # the unchanged file's text is still there, though it was not read again
    assert _results(runner, "hoat dong", "graph.yaml")["total"] == 1
    # a text no file holds any more leaves the index
    with sqlite3.connect(graph.with_suffix(".db")) as connection:
        assert connection.execute("SELECT count(*) FROM texts").fetchone() == (2,)


def test_the_texts_of_a_folder_read_in_parallel_are_searched(
    runner: CliRunner, in_tmp: Path
) -> None:
    """Twenty files are read by worker processes, which hand each text over compressed."""
    (in_tmp / "kho").mkdir()
    (in_tmp / "kho" / "223.txt").write_text(CV_223, encoding="utf-8")
    for number in range(224, 243):
        text = CV_224.replace("224/UBND-KT", f"{number}/UBND-KT")
        (in_tmp / "kho" / f"{number}.txt").write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["parse", "kho", "-o", "graph.yaml"]).exit_code == 0
    assert _results(runner, "mobifone", "graph.yaml") == {"results": [MOBIFONE], "total": 1}
    assert _results(runner, "hoat dong", "graph.yaml")["total"] == 19
    with sqlite3.connect("graph.db") as connection:
        assert connection.execute("SELECT count(*) FROM texts").fetchone() == (20,)
