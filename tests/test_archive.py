"""An archive kept for years: updates from anywhere, ids that stay, the index, the schema."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from vanban.cli import app
from vanban.output.schema import json_schema, update_markdown

from .conftest import ROOT, SEED

ARCHIVE = ROOT / "tests" / "archive"

# A second plan numbered 136-KH/TU, from another term: the archive's 136-KH/TU must keep its id.
SECOND_136 = """\
THỊ ỦY LA GI
Số 140-CV/TU
La Gi, ngày 10 tháng 5 năm 2026

CÔNG VĂN
về triển khai Kế hoạch số 136-KH/TU, ngày 02/5/2026 của Ban Thường vụ Thị ủy

Thực hiện Kế hoạch số 136-KH/TU, ngày 02/5/2026 của Ban Thường vụ Thị ủy về công tác kiểm tra,
giám sát năm 2026, Ban Thường vụ Thị ủy đề nghị các chi bộ triển khai thực hiện.
"""


@pytest.fixture
def office(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office folder with its archive and graph; the tests run from another folder."""
    shutil.copytree(ARCHIVE, tmp_path / "office" / "archive")
    monkeypatch.chdir(tmp_path / "office")
    result = runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path / "office"


def graph_data(office: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((office / "graph.yaml").read_text(encoding="utf-8"))
    return data


def update(runner: CliRunner, office: Path, *more: str) -> tuple[int, str]:
    result = runner.invoke(app, ["parse", "--update", str(office / "graph.yaml"), *more])
    return result.exit_code, result.stderr


def test_graph_keeps_paths_relative_to_itself(office: Path) -> None:
    data = graph_data(office)
    assert data["roots"] == ["archive"]
    assert [s["path"] for s in data["sources"]] == [  # type: ignore[attr-defined]
        "archive/thi-uy/ke-hoach-136.txt",
        "archive/thi-uy/ket-luan-2023.txt",
        "archive/tinh-uy/ke-hoach-117.txt",
        "archive/ubnd/ke-hoach-kem-theo-250.txt",
        "archive/ubnd/quyet-dinh-250.txt",
    ]


def test_update_from_another_folder_loses_nothing(runner: CliRunner, office: Path) -> None:
    before = (office / "graph.yaml").read_bytes()
    assert update(runner, office) == (
        0,
        f"{office / 'graph.yaml'}: 0 file(s) parsed, 5 unchanged, 0 removed\n",
    )
    assert (office / "graph.yaml").read_bytes() == before


def test_update_sees_added_changed_and_deleted_files(runner: CliRunner, office: Path) -> None:
    (office / "archive" / "thi-uy" / "cong-van-140.txt").write_text(SECOND_136, encoding="utf-8")
    conclusion = office / "archive" / "thi-uy" / "ket-luan-2023.txt"
    conclusion.write_text(
        conclusion.read_text(encoding="utf-8")
        + "\n3. Thực hiện Quyết định số 251/QĐ-UBND ngày 03/02/2024 của Chủ tịch UBND tỉnh.\n",
        encoding="utf-8",
    )
    (office / "archive" / "ubnd" / "ke-hoach-kem-theo-250.txt").unlink()
    code, messages = update(runner, office)
    here = os.path.relpath(office)
    assert (code, messages) == (
        0,
        f"{office / 'graph.yaml'}: 2 file(s) parsed, 3 unchanged, 1 removed\n"
        f"removed: {here}/archive/ubnd/ke-hoach-kem-theo-250.txt (the file is no longer there)\n",
    )
    documents = graph_data(office)["documents"]
    assert documents["251/QĐ-UBND"]["cited_by"] == ["ket-luan-2023-12-20-679a3bf4"]  # type: ignore[index]
    assert "ke-hoach-92447161" not in documents  # type: ignore[operator]
    # The archive's 136-KH/TU keeps its id; the newcomer of 2026 gets a qualified one.
    assert documents["136-KH/TU"]["date"] == "2023-04-09"  # type: ignore[index]
    assert documents["136-KH/TU@2026-05-02"]["cited_by"] == ["140-CV/TU"]  # type: ignore[index]
    shown = runner.invoke(app, ["show", "136-KH/TU", str(office / "graph.yaml"), "-f", "json"])
    data = json.loads(shown.stdout)
    # The undated "Sơ kết việc thực hiện Kế hoạch số 136-KH/TU" could now be either.
    assert (data["id"], data["same_symbol"]) == (
        "136-KH/TU",
        ["136-KH/TU@2026-05-02", "136-KH/TU@ambiguous"],
    )
    # The qualified form names the older one too.
    dated = runner.invoke(app, ["show", "136-KH/TU@2023-04-09", str(office / "graph.yaml")])
    assert dated.stdout.splitlines()[0] == "136-KH/TU"


def test_a_fresh_parse_qualifies_both_and_the_update_keeps_the_old_id(
    runner: CliRunner, office: Path
) -> None:
    (office / "archive" / "thi-uy" / "cong-van-140.txt").write_text(SECOND_136, encoding="utf-8")
    fresh = runner.invoke(app, ["parse", str(office / "archive")])
    ids = set(yaml.safe_load(fresh.stdout)["documents"])
    assert {"136-KH/TU@2023-04-09", "136-KH/TU@2026-05-02"} <= ids
    assert update(runner, office)[0] == 0
    ids = set(graph_data(office)["documents"])  # type: ignore[arg-type]
    assert {"136-KH/TU", "136-KH/TU@2026-05-02"} <= ids
    assert "136-KH/TU@2023-04-09" not in ids


def test_an_undated_document_that_gets_its_date_keeps_its_id(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/b.txt").write_text("Theo Kế hoạch số 7-KH/TU của Tỉnh ủy.\n", encoding="utf-8")
    assert runner.invoke(app, ["parse", "docs", "-o", "graph.yaml"]).exit_code == 0
    Path("docs/a.txt").write_text(
        "Thực hiện Kế hoạch số 7-KH/TU, ngày 01/02/2023 của Ban Thường vụ Tỉnh ủy.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["parse", "--update", "graph.yaml"]).exit_code == 0
    documents = yaml.safe_load(Path("graph.yaml").read_text(encoding="utf-8"))["documents"]
    assert (documents["7-KH/TU"]["date"], documents["7-KH/TU"]["citations"]) == ("2023-02-01", 2)
    shown = runner.invoke(app, ["show", "7-KH/TU@2023-02-01", "graph.yaml"])
    assert shown.stdout.splitlines()[0] == "7-KH/TU"


def test_missing_folder_stops_the_update(runner: CliRunner, office: Path) -> None:
    before = (office / "graph.yaml").read_bytes()
    (office / "archive" / "ubnd").rename(office / "ubnd-elsewhere")  # a sub-folder: deleted files
    (office / "archive").rename(office / "unplugged")
    code, messages = update(runner, office)
    assert code == 2
    assert messages == (
        f"Error: {office / 'graph.yaml'}: folder {os.path.relpath(office)}/archive is not there "
        "(moved, renamed, or a drive not connected); nothing was changed. Reconnect it, or pass "
        "--prune to drop its documents\n"
    )
    assert (office / "graph.yaml").read_bytes() == before
    assert update(runner, office, "--prune")[0] == 0
    assert graph_data(office)["sources"] == []


def test_a_moved_graph_is_not_emptied(runner: CliRunner, office: Path) -> None:
    shutil.move(office / "graph.yaml", office.parent / "graph.yaml")
    result = runner.invoke(app, ["parse", "--update", str(office.parent / "graph.yaml")])
    assert result.exit_code == 2
    assert "nothing was changed" in result.stderr
    assert len(yaml.safe_load((office.parent / "graph.yaml").read_text())["sources"]) == 5


def test_moving_the_whole_office_folder_keeps_the_archive(
    runner: CliRunner, office: Path, tmp_path: Path
) -> None:
    shutil.move(office, tmp_path / "moved")
    assert update(runner, tmp_path / "moved")[1].endswith(
        "0 file(s) parsed, 5 unchanged, 0 removed\n"
    )


def test_folder_named_with_update_is_added(runner: CliRunner, office: Path) -> None:
    extra = office / "incoming"
    extra.mkdir()
    (extra / "cong-van-140.txt").write_text(SECOND_136, encoding="utf-8")
    code, messages = update(runner, office, str(extra))
    assert code == 0
    assert f"folder added: {extra} (rescanned by later updates)" in messages
    assert graph_data(office)["roots"] == ["archive", "incoming"]
    (extra / "cong-van-141.txt").write_text(SECOND_136.replace("140-CV", "141-CV"), "utf-8")
    assert "1 file(s) parsed" in update(runner, office)[1]  # found again without naming it


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_outputs_follow_the_umask(runner: CliRunner, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert (
            runner.invoke(app, ["parse", str(SEED), "-o", str(tmp_path / "g.yaml")]).exit_code == 0
        )
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "g.yaml").stat().st_mode) == 0o644


def test_index_tables_and_search(runner: CliRunner, office: Path) -> None:
    graph = str(office / "graph.yaml")
    connection = sqlite3.connect(office / "graph.db")
    rows = connection.execute(
        'SELECT path, line, "column", footnote FROM "references" WHERE target = ? ORDER BY line',
        ("136-KH/TU",),
    ).fetchall()
    assert rows == [
        ("archive/thi-uy/ket-luan-2023.txt", 7, 23, None),
        ("archive/thi-uy/ket-luan-2023.txt", 9, 26, None),
    ]
    assert connection.execute("SELECT count(*) FROM documents").fetchone() == (7,)
    found = runner.invoke(app, ["search", "so ket viec thuc hien", graph, "-f", "json"])
    assert json.loads(found.stdout)["results"] == [
        {
            "what": "context",
            "document": "ket-luan-2023-12-20-679a3bf4",
            "path": f"{os.path.relpath(office)}/archive/thi-uy/ket-luan-2023.txt",
            "line": 9,
            "text": "Sơ kết việc thực hiện Kế hoạch số 136-KH/TU trong quý I năm 2024.",
        }
    ]
    nothing = runner.invoke(app, ["search", "khong co tu nay", graph])
    assert (nothing.exit_code, nothing.stdout) == (0, "0 result(s)\n")


def test_search_documents_parsed_on_the_fly(runner: CliRunner) -> None:
    found = runner.invoke(app, ["search", "CHINH DON DANG", str(SEED), "-f", "json"])
    results = json.loads(found.stdout)["results"]
    assert results and all("chỉnh đốn Đảng" in r["text"] for r in results)


def test_list_cites(runner: CliRunner, office: Path) -> None:
    listed = runner.invoke(
        app, ["list", str(office / "graph.yaml"), "--cites", "117-KH/TU", "-f", "json"]
    )
    assert [row["id"] for row in json.loads(listed.stdout)["documents"]] == [
        "136-KH/TU",
        "ket-luan-2023-12-20-679a3bf4",
    ]


def test_export_tables(runner: CliRunner, office: Path) -> None:
    graph = str(office / "graph.yaml")
    assert runner.invoke(app, ["export", graph, "--table", "edges", "-o", "edges.csv"]).stdout == ""
    edges = Path("edges.csv").read_bytes().decode("utf-8")
    assert edges.startswith("\ufeffsource,target,relation,line,path\r\n")
    assert "\r\n136-KH/TU,117-KH/TU,implements,8,archive/thi-uy/ke-hoach-136.txt\r\n" in edges
    references = json.loads(
        runner.invoke(app, ["export", graph, "-t", "references", "-f", "json"]).stdout
    )
    first = references[0]
    assert (first["source"], first["symbol"], first["date"], first["line"], first["column"]) == (
        "136-KH/TU",
        "117-KH/TU",
        "2022-12-14",
        8,
        11,
    )


def test_export_an_excel_workbook(runner: CliRunner, office: Path) -> None:
    import datetime

    import openpyxl

    graph = str(office / "graph.yaml")
    result = runner.invoke(app, ["export", graph, "--table", "documents", "-o", "van-ban.xlsx"])
    assert (result.exit_code, result.stdout) == (0, "")
    sheet = openpyxl.load_workbook("van-ban.xlsx").active
    assert sheet is not None and sheet.title == "documents"
    rows = list(sheet.values)
    header = list(rows[0])
    assert header[:4] == ["Id", "Kind", "Number and symbol", "Number"]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    plan = by_id["117-KH/TU"]
    assert plan["Date"] == datetime.datetime(2022, 12, 14)  # a date cell, sorted as a date
    assert (plan["Kind"], plan["In the archive"], plan["Cited by"]) == (
        "Kế hoạch",
        True,
        "136-KH/TU; ket-luan-2023-12-20-679a3bf4",
    )
    from vanban.output.graph_formats import rows_xlsx

    cells = next(
        iter(
            openpyxl.load_workbook(io.BytesIO(rows_xlsx([{"a": "=1+1"}], "t"))).active.iter_rows(
                min_row=2
            )
        )
    )  # type: ignore[union-attr]
    assert (cells[0].value, cells[0].data_type) == ("=1+1", "s")  # text, never a formula
    stdout = runner.invoke(app, ["export", graph, "--format", "xlsx"])
    assert (stdout.exit_code, stdout.stderr) == (
        2,
        "Error: --format xlsx writes a workbook: give the file with -o, e.g. -o bang.xlsx\n",
    )


def test_an_excel_workbook_ready_for_a_clerk(runner: CliRunner, office: Path) -> None:
    import openpyxl

    graph = str(office / "graph.yaml")
    made = runner.invoke(
        app, ["--lang", "vi", "export", graph, "-t", "references", "-o", "-", "-f", "xlsx"]
    )
    assert made.exit_code == 0, made.stderr
    sheet = openpyxl.load_workbook(io.BytesIO(made.stdout_bytes)).active
    assert sheet is not None
    rows = list(sheet.values)
    assert rows[0][:4] == ("Văn bản dẫn", "Tệp", "Văn bản được dẫn", "Văn bản viết")
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet.auto_filter.ref == f"A1:W{len(rows)}"  # each column filters
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    assert widths["B"] == len("archive/ubnd/ke-hoach-kem-theo-250.txt") + 2  # the longest path
    assert widths["U"] == 60  # sentences: the widest a column is made
    # paths from the graph's folder, not from where the command ran
    assert {row[1] for row in rows[1:]} == {
        "archive/thi-uy/ke-hoach-136.txt",
        "archive/thi-uy/ket-luan-2023.txt",
        "archive/tinh-uy/ke-hoach-117.txt",
        "archive/ubnd/ke-hoach-kem-theo-250.txt",
        "archive/ubnd/quyet-dinh-250.txt",
    }
    english = runner.invoke(app, ["--lang", "en", "export", graph, "-o", "bang.xlsx"])
    assert english.exit_code == 0, english.stderr
    sheet = openpyxl.load_workbook("bang.xlsx").active
    assert sheet is not None
    assert next(sheet.values)[:4] == ("Citing document", "File", "Cited document", "Text")
    csv_out = runner.invoke(app, ["export", graph, "-t", "edges", "-o", "-"])
    assert csv_out.stdout_bytes.startswith("\ufeffsource,target,relation,line,path\r\n".encode())
    assert not Path("-").exists()


def test_schema_validates_a_real_graph_and_the_doc_is_generated(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert schema == json_schema()
    graph = yaml.safe_load(runner.invoke(app, ["parse", str(SEED)]).stdout)
    jsonschema.validate(graph, schema)
    graph["sources"][0]["references"][0]["line"] = "7"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(graph, schema)
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert text == update_markdown(text), "docs/schema.md: run vanban.output.schema.update_markdown"


def test_runs_where_fcntl_is_missing(tmp_path: Path) -> None:
    """As on Windows: no POSIX-only module is needed to import vanban, parse, update and list."""
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    script = textwrap.dedent(
        """
        import sys
        sys.modules["fcntl"] = None
        sys.modules["termios"] = None
        from vanban.cli import app
        for words in (
            ["parse", "archive", "-o", "graph.yaml"],
            ["parse", "--update", "graph.yaml"],
            ["list", "graph.yaml", "--format", "csv"],
        ):
            try:
                app(words)
            except SystemExit as done:
                assert not done.code, (words, done.code)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("ok\n")
    assert "136-KH/TU" in result.stdout


def test_update_reads_nothing_outside_the_graphs_folders(runner: CliRunner, office: Path) -> None:
    secret = office.parent / "secret.txt"
    secret.write_text("Kế hoạch số 1-KH/TU, ngày 01/01/2024.\n", encoding="utf-8")
    text = (office / "graph.yaml").read_text(encoding="utf-8")
    forged = text.replace("path: archive/ubnd/quyet-dinh-250.txt", "path: ../secret.txt")
    assert forged != text
    (office / "graph.yaml").write_text(forged, encoding="utf-8")
    code, messages = update(runner, office)
    assert code == 2
    assert messages == (
        f"Error: {office / 'graph.yaml'}: lists {os.path.relpath(secret)}, outside the graph's "
        "folder and the folders named (or a link leading out of them); nothing was read. To "
        f"read it, name its folder after the graph: vanban parse --update {office / 'graph.yaml'} "
        f"{os.path.relpath(secret.parent)}\n"
    )
    assert (office / "graph.yaml").read_text(encoding="utf-8") == forged


@pytest.mark.parametrize(
    "forgery",
    [
        "UPDATE documents SET citations = 'many'",
        "UPDATE documents SET cited_by = '{not json'",
        "UPDATE edges SET line = NULL",
        "UPDATE sources SET record = '{\"id\": 5}'",
        'DROP TABLE "references"',
    ],
)
def test_a_forged_index_is_not_trusted(runner: CliRunner, office: Path, forgery: str) -> None:
    """An index with the right stamp and wrong content: the graph file is read instead, and the
    index is rebuilt by the next command."""
    graph = str(office / "graph.yaml")
    expected = [
        runner.invoke(app, ["show", "136-KH/TU", graph]).stdout,
        runner.invoke(app, ["stats", graph]).stdout,
    ]
    with sqlite3.connect(office / "graph.db") as connection:
        connection.execute(forgery)
    for args, output in zip(
        (["show", "136-KH/TU", graph], ["stats", graph]), expected, strict=True
    ):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout) == (0, output), result.output
    with sqlite3.connect(office / "graph.db") as connection:
        assert connection.execute("SELECT count(*) FROM edges WHERE line IS NULL").fetchone() == (
            0,
        )


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "{graph}", "-o", "{graph}"],
        ["graph", "{graph}", "-o", "{graph}"],
        ["export", "{graph}", "-o", "{graph}"],
    ],
)
def test_output_that_is_an_input_is_refused(
    runner: CliRunner, office: Path, args: list[str]
) -> None:
    graph = str(office / "graph.yaml")
    before = (office / "graph.yaml").read_bytes()
    result = runner.invoke(app, [a.format(graph=graph) for a in args])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {graph}: is also an input; give another file for the output\n",
    )
    assert (office / "graph.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "forgery",
    [
        None,
        "UPDATE documents SET cited_by = '{not json'",
        "UPDATE sources SET record = '{\"id\": 5}'",
        "UPDATE edges SET target = 'nowhere'",
        "UPDATE meta SET value = '[1]' WHERE key = 'roots'",
    ],
)
def test_a_graph_is_loaded_from_its_index_as_from_its_file(
    runner: CliRunner, office: Path, forgery: str | None
) -> None:
    """``--update`` reads the graph from the index made from the same bytes (YAML is slow to
    parse); an index whose content is not right is passed over for the file."""
    from vanban.storage import graph_file as store

    path = office / "graph.yaml"
    raw = path.read_bytes()
    from_file = store.rebase(store.parse_graph(raw, path), store.from_file_paths(office))
    if forgery is not None:
        with sqlite3.connect(office / "graph.db") as connection:
            connection.execute(forgery)
    assert (store._indexed(path, raw) is not None) == (forgery is None)
    assert store.load_graph(path) == from_file
    assert from_file.roots and from_file.edges and from_file.sources


def test_update_reads_again_only_files_whose_size_or_time_changed(
    runner: CliRunner, office: Path
) -> None:
    graph = office / "graph.yaml"
    plan = office / "archive" / "thi-uy" / "ke-hoach-136.txt"
    assert update(runner, office)[0] == 0  # the first update records each file's size and time
    with sqlite3.connect(office / "graph.db") as connection:
        recorded = dict(connection.execute("SELECT path, size FROM files"))
    assert recorded["archive/thi-uy/ke-hoach-136.txt"] == plan.stat().st_size
    # Same size, same time: not read again (the edit is not seen, as with make or rsync).
    before = plan.stat()
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("136-KH/TU", "163-KH/TU", 1), encoding="utf-8")
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert update(runner, office) == (0, f"{graph}: 0 file(s) parsed, 5 unchanged, 0 removed\n")
    # A new time: read again, and found changed.
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert update(runner, office) == (0, f"{graph}: 1 file(s) parsed, 4 unchanged, 0 removed\n")


def test_an_update_with_nothing_changed_writes_nothing(runner: CliRunner, office: Path) -> None:
    graph, index = office / "graph.yaml", office / "graph.db"
    before = (graph.stat().st_mtime_ns, index.stat().st_mtime_ns, graph.read_bytes())
    assert update(runner, office) == (0, f"{graph}: 0 file(s) parsed, 5 unchanged, 0 removed\n")
    assert (graph.stat().st_mtime_ns, index.stat().st_mtime_ns, graph.read_bytes()) == before


def _touch(path: Path) -> None:
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize(
    ("change", "parsed"),
    [
        (lambda office: None, None),  # nothing: told without loading the graph
        (lambda office: _touch(office / "archive" / "thi-uy" / "ke-hoach-136.txt"), 0),
        (lambda office: (office / "archive" / "ubnd" / "ke-hoach-kem-theo-250.txt").unlink(), 0),
        (lambda office: (office / "archive" / "thi-uy" / "cv-140.txt").write_text(SECOND_136), 1),
        (lambda office: _touch(office / "graph.yaml"), 0),  # edited since its index was made
        (lambda office: (office / "graph.db").unlink(), 0),
    ],
    ids=["nothing", "a file touched", "a file removed", "a file added", "graph", "no index"],
)
def test_only_an_unchanged_archive_skips_the_update(
    runner: CliRunner, office: Path, change: object, parsed: int | None
) -> None:
    from vanban.app.batch import unchanged

    graph = office / "graph.yaml"
    change(office)  # type: ignore[operator]
    assert unchanged(graph) == (5 if parsed is None else None)
    code, said = update(runner, office)
    assert code == 0 and said.startswith(f"{graph}: {parsed or 0} file(s) parsed")
    assert unchanged(graph) is not None  # the update recorded what it read
