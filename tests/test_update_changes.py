"""``parse --update`` writes the graph file and its index by what changed: the result is, byte
for byte and row for row, what writing the updated graph whole gives, whatever the change."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import vanban.app.batch as batch
import vanban.storage.graph_file as graph_file
from vanban.cli import app
from vanban.core.records import CitationGraph
from vanban.storage.files import file_id

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: {number}\nHòa Bình, ngày {day}\n\n"
ARCHIVE = {
    "ke-hoach-12.txt": HEADER.format(number="12/KH-UBND", day="03 tháng 4 năm 2024")
    + "KẾ HOẠCH\nSửa chữa đường giao thông nông thôn năm 2024\n\n"
    "Căn cứ Quyết định số 45/QĐ-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh về giao vốn "
    "sửa chữa đường;\n"
    "Căn cứ Chỉ thị số 07/CT-TTg ngày 02/03/2023 của Thủ tướng Chính phủ về bảo trì đường bộ;\n"
    "Ủy ban nhân dân tỉnh ban hành kế hoạch như sau.\n",
    "bao-cao-30.txt": HEADER.format(number="30/BC-UBND", day="20 tháng 9 năm 2024")
    + "BÁO CÁO\nKết quả sửa chữa đường giao thông nông thôn\n\n"
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/4/2024 của Ủy ban nhân dân tỉnh, các huyện đã "
    "sửa xong 40 km đường.\n"
    "Nguồn vốn được giao tại Quyết định số 45/QĐ-UBND đã giải ngân hết.\n",
    "cong-van-88.txt": HEADER.format(number="88/UBND-VX", day="15 tháng 5 năm 2024")
    + "Về việc mua sách giáo khoa cho học sinh vùng khó khăn\n\n"
    "Căn cứ Nghị quyết số 19/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh về hỗ trợ "
    "học sinh;\n"
    "Ủy ban nhân dân tỉnh đề nghị Sở Giáo dục và Đào tạo lập danh sách học sinh được hỗ trợ.\n",
}
BEFORE = ["07/CT-TTg", "12/KH-UBND", "19/NQ-HĐND", "30/BC-UBND", "45/QĐ-UBND", "88/UBND-VX"]


def _append(name: str, text: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        with (folder / name).open("a", encoding="utf-8") as stream:
            stream.write(text)

    return change


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return change


def _remove(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


def _add(name: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(text, encoding="utf-8")


def _rename(old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / new).parent.mkdir(exist_ok=True)
        os.replace(folder / old, folder / new)

    return change


CASES = {
    # A second, dated reference to 45/QĐ-UBND: the number is two documents now.
    "a dated reference splits a number": (
        _append(
            "cong-van-88.txt",
            "Kinh phí năm trước đã cấp theo Quyết định số 45/QĐ-UBND ngày 02/5/2023 của Ủy ban "
            "nhân dân tỉnh.\n",
        ),
        ["45/QĐ-UBND@2023-05-02", "45/QĐ-UBND@ambiguous"],  # the report's undated one
        [],
        [True],
    ),
    # The only file citing 19/NQ-HĐND is gone, and its own document with it.
    "the only citer is removed": (
        _remove("cong-van-88.txt"),
        [],
        ["19/NQ-HĐND", "88/UBND-VX"],
        [True],
    ),
    "a file is added": (
        _add(
            "to-trinh-5.txt",
            HEADER.format(number="05/TTr-UBND", day="02 tháng 10 năm 2024")
            + "TỜ TRÌNH\nVề kinh phí hỗ trợ học sinh năm học mới\n\n"
            "Căn cứ Nghị quyết số 19/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh;\n"
            "Căn cứ Nghị quyết số 21/NQ-HĐND ngày 14/7/2024 của Hội đồng nhân dân tỉnh.\n",
        ),
        ["05/TTr-UBND", "21/NQ-HĐND"],
        [],
        [True],
    ),
    # The plan now cites another directive: 07/CT-TTg loses its only reference.
    "references move to another symbol": (
        _replace(
            "ke-hoach-12.txt",
            "Chỉ thị số 07/CT-TTg ngày 02/03/2023",
            "Chỉ thị số 08/CT-TTg ngày 05/6/2023",
        ),
        ["08/CT-TTg"],
        ["07/CT-TTg"],
        [True],
    ),
    # A note without a number is matched to copies by its text, whatever it cites: the whole
    # graph is made again.
    "a note without a number is added": (
        _add(
            "ghi-chu.txt",
            "Ghi chú cuộc họp giao ban\n\n"
            "Các huyện báo cáo tiến độ theo Kế hoạch số 12/KH-UBND ngày 03/4/2024 của Ủy ban "
            "nhân dân tỉnh.\n",
        ),
        ["van-ban-3e9e17e6"],  # its kind, and the start of its text's SHA-256
        [],
        [False],
    ),
    # A move keeps the file's document unread: the whole graph is made again.
    "a file is renamed": (_rename("bao-cao-30.txt", "bao-cao-ket-qua.txt"), [], [], []),
    "a file is moved to a subfolder": (
        _rename("cong-van-88.txt", "2024/cong-van-88.txt"),
        [],
        [],
        [],
    ),
}

INDEX_ROWS = {
    "documents": "SELECT * FROM documents",
    "aliases": "SELECT * FROM aliases",
    "sources": "SELECT * FROM sources",
    "references": 'SELECT * FROM "references"',
    "edges": "SELECT * FROM edges",
    "search": "SELECT words, what, document, path, line, text FROM search",
    "texts": "SELECT sha256, body FROM texts",
    "files": "SELECT path, size FROM files",
    "meta": "SELECT key, value FROM meta WHERE key IN ('graph', 'version', 'roots')",
}


def _rows(index: Path) -> dict[str, list[str]]:
    with contextlib.closing(sqlite3.connect(index)) as connection:
        return {
            table: sorted(repr(row) for row in connection.execute(query))
            for table, query in INDEX_ROWS.items()
        }


def _updated(
    tmp_path: Path,
    name: str,
    change: Callable[[Path], None],
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    archive: dict[str, str] = ARCHIVE,
) -> tuple[bytes, dict[str, list[str]], str]:
    home = tmp_path / name
    folder = home / "archive"
    folder.mkdir(parents=True)
    for file, text in archive.items():
        (folder / file).write_text(text, encoding="utf-8")
    monkeypatch.chdir(home)
    result = runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    change(folder)
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 0, result.output
    return (home / "graph.yaml").read_bytes(), _rows(home / "graph.db"), result.stderr


def _recorded_writes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each update wrote the graph by what changed (True) or left it to the whole
    write (False), as they run."""
    written: list[bool] = []
    by_change = graph_file.write_changes

    def recorded(*args: object, **kwargs: object) -> bool:
        written.append(by_change(*args, **kwargs))  # type: ignore[arg-type]
        return written[-1]

    monkeypatch.setattr(graph_file, "write_changes", recorded)
    return written


def _recorded_parts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each update made its graph again in part (True) or left it to the whole build
    (False), as they run."""
    made: list[bool] = []
    in_part = batch.rebuild_touched

    def recorded_part(*args: object, **kwargs: object) -> CitationGraph | None:
        graph = in_part(*args, **kwargs)  # type: ignore[arg-type]
        made.append(graph is not None)
        return graph

    monkeypatch.setattr(batch, "rebuild_touched", recorded_part)
    return made


@pytest.mark.parametrize("case", list(CASES))
def test_an_update_writes_what_a_whole_write_does(
    case: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    change, added, removed, in_part_made = CASES[case]
    written = _recorded_writes(monkeypatch)
    made = _recorded_parts(monkeypatch)
    yaml_text, rows, said = _updated(tmp_path, "by-change", change, runner, monkeypatch)
    assert written == [True]  # the graph was written by what changed
    assert made == in_part_made  # and made again only where it changed
    home = tmp_path / "by-change"
    with contextlib.closing(sqlite3.connect(home / "graph.db")) as connection:
        [(recorded_id,)] = connection.execute("SELECT value FROM meta WHERE key = 'file_id'")
    assert recorded_id == file_id((home / "graph.yaml").stat())  # queries need not hash it
    monkeypatch.setattr(graph_file, "write_changes", lambda *args, **kwargs: False)
    monkeypatch.setattr(batch, "rebuild_touched", lambda *args, **kwargs: None)
    whole_text, whole_rows, whole_said = _updated(tmp_path, "whole", change, runner, monkeypatch)
    assert said == whole_said
    assert yaml_text == whole_text
    assert rows == whole_rows
    documents = sorted(yaml.safe_load(yaml_text)["documents"])
    assert documents == sorted({*BEFORE, *added} - set(removed))


def test_without_its_index_the_graph_is_written_whole(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _recorded_writes(monkeypatch)

    def change(folder: Path) -> None:
        (folder.parent / "graph.db").unlink()  # read from the YAML, then written whole
        _remove("cong-van-88.txt")(folder)

    yaml_text, rows, _ = _updated(tmp_path, "no-index", change, runner, monkeypatch)
    assert True not in written  # not tried, or tried and refused
    monkeypatch.setattr(graph_file, "write_changes", lambda *args, **kwargs: False)
    whole_text, whole_rows, _ = _updated(
        tmp_path, "whole", _remove("cong-van-88.txt"), runner, monkeypatch
    )
    assert yaml_text == whole_text
    del rows["texts"], whole_rows["texts"]  # an index made again holds the texts read again only
    assert rows == whole_rows


# The plan saved twice (a copy) and its final version besides: citing its directive again makes
# the plan's files again, all together.
WITH_COPIES = {
    **ARCHIVE,
    "ke-hoach-12-ban-sao.txt": ARCHIVE["ke-hoach-12.txt"],
    "ke-hoach-12-ban-cuoi.txt": ARCHIVE["ke-hoach-12.txt"].replace(
        "Ủy ban nhân dân tỉnh ban hành kế hoạch như sau.",
        "Căn cứ Nghị quyết số 19/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh;\n"
        "Ủy ban nhân dân tỉnh ban hành kế hoạch như sau.",
    ),
}


PLAN_FILES = [  # the final, the first (the text saved twice: a copy) as a version of it
    ("archive/bao-cao-30.txt", None, None),
    ("archive/cong-van-88.txt", None, None),
    ("archive/ke-hoach-12-ban-cuoi.txt", None, None),
    ("archive/ke-hoach-12-ban-sao.txt", None, "archive/ke-hoach-12-ban-cuoi.txt"),
    ("archive/ke-hoach-12.txt", "archive/ke-hoach-12-ban-sao.txt", None),
]


def test_the_copies_and_versions_of_a_citing_document_are_made_again_with_it(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    change = _append(
        "bao-cao-30.txt",
        "Việc bảo trì theo Chỉ thị số 07/CT-TTg ngày 02/03/2023 của Thủ tướng Chính phủ.\n",
    )
    made = _recorded_parts(monkeypatch)
    yaml_text, rows, _ = _updated(tmp_path, "part", change, runner, monkeypatch, WITH_COPIES)
    assert made == [True]
    monkeypatch.setattr(graph_file, "write_changes", lambda *args, **kwargs: False)
    monkeypatch.setattr(batch, "rebuild_touched", lambda *args, **kwargs: None)
    whole_text, whole_rows, _ = _updated(
        tmp_path, "whole", change, runner, monkeypatch, WITH_COPIES
    )
    assert yaml_text == whole_text
    assert rows == whole_rows
    sources = yaml.safe_load(yaml_text)["sources"]
    assert [(s["path"], s.get("copy_of"), s.get("version_of")) for s in sources] == PLAN_FILES


def test_a_graph_file_edited_by_hand_is_written_whole(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _recorded_writes(monkeypatch)

    def change(folder: Path) -> None:
        graph = folder.parent / "graph.yaml"  # a note kept at its top, the index made again
        graph.write_text("# Sổ theo dõi\n" + graph.read_text(encoding="utf-8"), encoding="utf-8")
        assert runner.invoke(app, ["list", "graph.yaml"]).exit_code == 0
        _remove("cong-van-88.txt")(folder)

    yaml_text, _, _ = _updated(tmp_path, "edited", change, runner, monkeypatch)
    assert True not in written  # not tried (the index made from the file knows no file's time)
    assert not yaml_text.startswith(b"# ")
