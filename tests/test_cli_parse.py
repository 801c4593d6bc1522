from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import yaml
from typer.testing import CliRunner

from vanban import __version__
from vanban.cli import app

from .conftest import SAMPLES, SEED


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"vanban {__version__}\n"


def test_parse_prints_yaml_graph(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(SEED)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["version"] == 1
    source = data["sources"][0]
    assert source["path"] == str(SEED)
    assert len(source["references"]) == 41
    assert source["references"][23]["symbol"] == "155-KH/TU"
    assert source["references"][23]["date"] == "2023-06-15"
    assert "NĐ" in result.stdout or "Đ" in result.stdout  # Unicode kept, not escaped


def test_parse_json_is_the_same_structure(runner: CliRunner) -> None:
    as_yaml = yaml.safe_load(runner.invoke(app, ["parse", str(SEED)]).stdout)
    as_json = json.loads(runner.invoke(app, ["parse", str(SEED), "--format", "json"]).stdout)
    assert as_json == as_yaml


def test_parse_writes_output_file(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "graph.yaml"
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["sources"][0]["id"] == (
        "ket-luan-2023-12-08-cf7ae8fd"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.db", "graph.yaml"]


def test_index_follows_the_yaml(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(output)]).exit_code == 0
    tables = sqlite3.connect(tmp_path / "graph.db").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%'"
        " AND name NOT LIKE 'fulltext_%'"
    )
    assert sorted(row[0] for row in tables) == [
        "aliases",
        "documents",
        "edges",
        "files",
        "fulltext",
        "meta",
        "references",
        "search",
        "sources",
        "texts",
    ]
    # The YAML is the source of truth: an edit makes the index stale, and it is rebuilt.
    text = output.read_text(encoding="utf-8").replace("Tờ trình số 67-TTr/TU", "Tờ trình 67")
    output.write_text(text, encoding="utf-8")
    shown = runner.invoke(app, ["show", "67-TTr/TU", str(output), "-f", "json"])
    assert json.loads(shown.stdout)["cited_at"][0]["text"].startswith("Tờ trình 67")
    count = sqlite3.connect(tmp_path / "graph.db").execute(
        "SELECT count(*) FROM \"references\" WHERE text LIKE 'Tờ trình 67%'"
    )
    assert count.fetchone()[0] == 1
    # A damaged index is not trusted: it is rebuilt from the YAML.
    before = runner.invoke(app, ["list", str(output), "-f", "json"]).stdout
    assert len(json.loads(before)["documents"]) == 41
    (tmp_path / "graph.db").write_bytes(b"not a database")
    listed = runner.invoke(app, ["list", str(output), "-f", "json"])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout == before


def test_missing_file_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.txt"
    result = runner.invoke(app, ["parse", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {missing}: no such file or folder\n"


def test_output_in_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "no" / "graph.yaml"
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: folder {target.parent} does not exist\n"


def _timeless(text: str) -> str:
    """The summary line's time (not the same twice) as 0.0 s."""
    return re.sub(r"(?<=, )\d+\.\d s$", "0.0 s", text, flags=re.M)


def test_batch_goes_past_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Kế hoạch số 5-KH/TU, ngày 01/02/2023.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    output = tmp_path / "graph.yaml"
    result = runner.invoke(app, ["parse", str(tmp_path), "-o", str(output)])
    assert result.exit_code == 2
    assert [_timeless(line) for line in result.stderr.splitlines()] == [
        f"skipped: {tmp_path / 'bad.txt'}: binary file, not a text document",
        f"{output}: 1 file(s) read, 2 document(s), 1 reference(s), 1 skipped, 0.0 s",
        "Error: 1 input(s) skipped, 1 document(s) read",
    ]
    data = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert [s["path"] for s in data["sources"]] == ["good.txt"]  # relative to the graph


def test_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes("Kế hoạch".encode() + b"\xff\xfe\xfa")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: not UTF-8 text (invalid byte at offset 12), nor Windows-1258, TCVN3 "
        "or VNI; re-save it as UTF-8 or pass --encoding\n"
    )


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "vanban", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == f"vanban {__version__}\n"


def test_copies_of_one_document_are_one_document(runner: CliRunner, tmp_path: Path) -> None:
    """The same document saved twice (here .txt and .md) is read once: the copy is listed with
    a warning, and what it cites is not counted twice."""
    text = (SAMPLES / "ket-luan-thi-uy-la-gi-2023-12-08.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text.replace("\n\n", "\n"), encoding="utf-8")
    out = tmp_path / "graph.json"
    result = runner.invoke(app, ["parse", str(tmp_path), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _timeless(result.stderr) == (
        f"warning: {tmp_path / 'b.md'} is a copy of {tmp_path / 'a.txt'} (same document); "
        "its citations are counted once\n"
        f"{out}: 2 file(s) read, 42 document(s), 41 reference(s), 0 skipped, 0.0 s\n"
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s.get("copy_of") for s in data["sources"]] == [None, "a.txt"]
    plan = data["documents"]["155-KH/TU"]
    assert (plan["citations"], len(plan["cited_by"])) == (1, 1)  # not 2: the copy is not counted


def test_a_file_that_cites_more_is_a_version_not_a_copy(runner: CliRunner, tmp_path: Path) -> None:
    """The same number and date with one reference more is another version: what only it
    cites is counted, what both cite is counted once."""
    header = "THỊ ỦY LA GI\nSố 12-KH/TU\nLa Gi, ngày 01 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
    body = "Thực hiện Kết luận số 34-KL/TW, ngày 18/4/2022 của Bộ Chính trị.\n"
    (tmp_path / "a.txt").write_text(header + body, encoding="utf-8")
    more = "Theo Công văn số 9-CV/TU, ngày 02/3/2024 của Thị ủy.\n"
    (tmp_path / "b.txt").write_text(header + body + more, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 0, result.output
    graph = yaml.safe_load(result.stdout)
    documents = graph["documents"]
    assert (documents["9-CV/TU"]["citations"], documents["9-CV/TU"]["cited_by"]) == (
        1,
        ["12-KH/TU"],
    )
    assert documents["34-KL/TW"]["citations"] == 1
    assert [(s["id"], s.get("copy_of"), s.get("version_of")) for s in graph["sources"]] == [
        ("12-KH/TU", None, None),
        ("12-KH/TU", None, str(tmp_path / "a.txt")),
    ]
