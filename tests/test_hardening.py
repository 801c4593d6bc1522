"""Bad input gets one line naming the file and the problem, exit code 2, and nothing is lost."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from vanban import parse_file, parse_text
from vanban.app.batch import index_paths
from vanban.app.views import open_view
from vanban.checks.findings import summary as check_summary
from vanban.checks.registry import run_checks
from vanban.cli import app
from vanban.core.errors import GraphFormatError, InputError
from vanban.core.i18n import translator
from vanban.output.graph_formats import export
from vanban.output.terminal import findings_text
from vanban.readers.source import ReadOptions, read_bytes, read_limited
from vanban.storage.files import write_atomic
from vanban.storage.graph_file import load_graph, writing

from .conftest import ROOT, SEED

GOOD = "Kế hoạch số 5-KH/TU, ngày 01/02/2023 của Thị ủy."


def error_of(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


def test_folder_without_documents(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "anh.png").write_bytes(b"\x89PNG")
    assert error_of(runner, "parse", str(tmp_path)) == (
        2,
        f"Error: {tmp_path}: no documents (.txt, .md, .text, .html, .htm, .xhtml, .docx, .doc, .pdf) in folder\n",
    )


def test_unreadable_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "khoa.txt"
    path.write_text(GOOD, encoding="utf-8")
    original = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert error_of(runner, "parse", str(path)) == (2, f"Error: {path}: permission denied\n")


def test_binary_file_renamed_txt(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 10)
    assert error_of(runner, "parse", str(path)) == (
        2,
        f"Error: {path}: binary file, not a text document\n",
    )


def test_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "rong.txt"
    path.write_text(" \n\n", encoding="utf-8")
    assert error_of(runner, "parse", str(path)) == (2, f"Error: {path}: empty document\n")


def test_hundred_megabyte_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    assert error_of(runner, "parse", str(path)) == (
        2,
        f"Error: {path}: 100.0 MB is larger than the 20 MB a document may be; "
        "pass --max-size to read it anyway\n",
    )


def test_invalid_utf8(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hong.txt"
    path.write_bytes(b"\xc3\x28 \xa0\xa1 \xf0\x28\x8c\x28")
    code, message = error_of(runner, "parse", str(path))
    assert code == 2
    assert message == (
        f"Error: {path}: not UTF-8 text (invalid byte at offset 0), nor Windows-1258, TCVN3 or"
        " VNI; re-save it as UTF-8 or pass --encoding\n"
    )
    assert message.count("\n") == 1


def test_yaml_that_is_not_a_graph(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "khac.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    assert error_of(runner, "list", str(path)) == (
        2,
        f"Error: {path}: not a vanban graph (no 'sources' and 'documents')\n",
    )


def test_graph_from_a_newer_schema(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "moi.yaml"
    path.write_text("version: 9\nsources: []\ndocuments: {}\nedges: []\n", encoding="utf-8")
    assert error_of(runner, "stats", str(path)) == (
        2,
        f"Error: {path}: graph schema version 9 is newer than this vanban reads (1); "
        "upgrade vanban\n",
    )


def test_python_tags_are_never_executed(runner: CliRunner, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "doc.yaml"
    path.write_text(
        f"version: 1\nsources: !!python/object/apply:os.system ['touch {marker}']\n"
        "documents: {}\nedges: []\n",
        encoding="utf-8",
    )
    code, message = error_of(runner, "list", str(path))
    assert code == 2
    assert message.startswith(f"Error: {path}: not a vanban graph (")
    assert not marker.exists()


def test_graph_whose_sources_moved(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/a.txt").write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["parse", "docs", "-o", "graph.yaml"]).exit_code == 0
    Path("docs").rename("moved")
    listed = runner.invoke(app, ["list", "graph.yaml", "--format", "csv"])
    assert listed.exit_code == 0  # queries read the graph, not the files
    before = Path("graph.yaml").read_bytes()
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 2  # a missing folder is never taken for deleted files
    assert result.stderr == (
        "Error: graph.yaml: folder docs is not there (moved, renamed, or a drive not "
        "connected); nothing was changed. Reconnect it, or pass --prune to drop its documents\n"
    )
    assert Path("graph.yaml").read_bytes() == before
    pruned = runner.invoke(app, ["parse", "--update", "graph.yaml", "--prune"])
    assert pruned.exit_code == 0
    assert pruned.stderr == (
        "graph.yaml: 0 file(s) parsed, 0 unchanged, 1 removed\n"
        "pruned: folder docs is not there; its documents dropped\n"
        "removed: docs/a.txt (the file is no longer there)\n"
    )


def test_output_is_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    assert error_of(runner, "parse", str(SEED), "-o", str(tmp_path)) == (
        2,
        f"Error: {tmp_path}: is a folder; give a file name for the output\n",
    )


def test_batch_lists_what_it_skipped(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xff\xff")
    result = runner.invoke(app, ["parse", str(tmp_path), "str-khong-co"])
    assert result.exit_code == 2
    assert yaml.safe_load(result.stdout)["sources"][0]["path"] == str(tmp_path / "a.txt")
    assert result.stderr.splitlines() == [
        "skipped: str-khong-co: no such file or folder",
        f"skipped: {tmp_path / 'b.txt'}: empty document",
        f"skipped: {tmp_path / 'c.txt'}: not UTF-8 text (invalid byte at offset 0), nor "
        "Windows-1258, TCVN3 or VNI; re-save it as UTF-8 or pass --encoding",
        "Error: 3 input(s) skipped, 1 document(s) read",
    ]


def test_interrupted_write_keeps_the_previous_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.yaml"
    target.write_text("previous\n", encoding="utf-8")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new content\n" * 1000)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.yaml"]


def test_killed_process_keeps_the_previous_graph(tmp_path: Path) -> None:
    """A process killed once the new graph is whole on disk, before it takes the old one's
    place, leaves the old one as it was."""
    target = tmp_path / "graph.yaml"
    target.write_text("previous\n", encoding="utf-8")
    flushing = tmp_path / "flushing"
    script = textwrap.dedent(
        f"""
        import os, time
        from pathlib import Path
        from vanban.storage import files
        def slow(fd):
            Path({str(flushing)!r}).touch()
            time.sleep(30)
        os.fsync = slow
        files.write_atomic(Path({str(target)!r}), "new\\n" * 100000)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not flushing.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    _, error = process.communicate()
    assert (flushing.exists(), process.returncode) == (True, -signal.SIGKILL), error
    assert target.read_text(encoding="utf-8") == "previous\n"
    [written] = tmp_path.glob(".graph.yaml.*.vanban-part")
    assert written.read_text(encoding="utf-8") == "new\n" * 100000


WRITER_WAITED = (
    "warning: graph.yaml: the index is being written by another vanban; waiting up to 0.5 s "
    "(VANBAN_LOCK_TIMEOUT)\n"
    "Error: graph.yaml: the index graph.db is still being written by another vanban after "
    "0.5 s; try again later (VANBAN_LOCK_TIMEOUT)\n"
)
"""What a writer says while another vanban writes the graph it would write: that it waits,
once, then that it gave up, in one line."""


def test_concurrent_update_waits_then_gives_up(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["parse", "a.txt", "-o", "graph.yaml"]).exit_code == 0
    monkeypatch.setenv("VANBAN_LOCK_TIMEOUT", "0.5")
    with writing(Path("graph.yaml")):
        result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 2
    assert result.stderr == WRITER_WAITED
    assert yaml.safe_load(Path("graph.yaml").read_text(encoding="utf-8"))["version"] == 1


def test_concurrent_updates_both_succeed_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "vanban", "parse", "a.txt", "-o", "graph.yaml"], check=True
    )
    results: list[int] = []

    def update() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "vanban", "parse", "--update", "graph.yaml"],
            capture_output=True,
            check=False,
        )
        results.append(done.returncode)

    threads = [threading.Thread(target=update) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [0, 0, 0]
    assert (
        yaml.safe_load(Path("graph.yaml").read_text(encoding="utf-8"))["sources"][0]["path"]
        == "a.txt"
    )


@pytest.mark.parametrize(
    "piece", ["số ", "1-KH/", "/", "1", "1/", "Kế hoạch số ", "ngày 1/1/", "⁽¹⁾"]
)
def test_pathological_lines_finish(piece: str) -> None:
    # 200 KB here; docs/performance.md measures 2 MB against the clock.
    text = piece * (200_000 // len(piece))
    assert parse_text(text).references == ()


# Found by benchmarks/fuzz.py (see docs/fuzzing.md): damaged graphs the loader let through.
# fmt: off
@pytest.mark.parametrize(("replace", "expected"), [
    ("sources: true", "sources: expected a list, found True"),
    ("documents: null", "documents: expected a mapping, found None"),
    ("edges: [{source: 1}]", "edges[0].source: expected text, found 1"),
])
# fmt: on
def test_damaged_graph_is_refused(runner: CliRunner, tmp_path: Path, replace: str, expected: str) -> None:
    graph = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph)]).exit_code == 0
    key = replace.split(":")[0]
    lines = graph.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{key}:") if f"{key}:" in lines else None
    assert start is not None
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-"))), len(lines))
    graph.write_text("\n".join(lines[:start] + [replace] + lines[end:]), encoding="utf-8")
    for command in ("list", "check", "stats", "show"):
        args = [command, "155-KH/TU", str(graph)] if command == "show" else [command, str(graph)]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr == f"Error: {graph}: not a vanban graph ({expected})\n"


def test_graph_and_documents_together(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph)]).exit_code == 0
    assert error_of(runner, "list", str(graph), str(SEED)) == (
        2, f"Error: {graph}: give one graph file, or documents and folders, not both\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.pdf", "pipe.html"])
def test_a_fifo_is_refused_without_blocking(runner: CliRunner, tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    result = runner.invoke(app, ["parse", str(fifo)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {fifo}: is not a regular file (a pipe or a device), not a document\n",
    )


def test_standard_input_obeys_max_size(runner: CliRunner) -> None:
    text = "Kế hoạch số 5-KH/TU, ngày 01/02/2023.\n" * 40000  # about 1.6 MB
    result = runner.invoke(app, ["parse", "-", "--max-size", "1"], input=text.encode("utf-8"))
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: <stdin>: more than the 1 MB a document may be; pass --max-size to read it anyway\n",
    )


def test_max_size_applies_to_the_run_it_is_given_to(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text(GOOD + "\n" + "Nội dung công việc.\n" * 70000, encoding="utf-8")
    refused = runner.invoke(app, ["parse", str(path), "--max-size", "1"])
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"Error: {path}: 1.7 MB is larger than the 1 MB a document may be; "
        "pass --max-size to read it anyway\n",
    )
    read = runner.invoke(app, ["parse", str(path), "--max-size", "2"])
    assert read.exit_code == 0, read.stderr
    assert yaml.safe_load(read.stdout)["documents"]["5-KH/TU"]["citations"] == 1
    assert [r.symbol.canonical for r in parse_file(path).references] == ["5-KH/TU"]


def test_max_size_reaches_the_files_an_update_reads(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    changed = folder / "b.txt"
    changed.write_text(GOOD + "\n", encoding="utf-8")
    graph = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(folder), "-o", str(graph)]).exit_code == 0
    changed.write_text(GOOD + "\n" + "Nội dung công việc.\n" * 70000, encoding="utf-8")
    result = runner.invoke(app, ["parse", "--update", str(graph), "--max-size", "1"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"{graph}: 0 file(s) parsed, 2 unchanged, 0 removed\n"
        f"skipped: {os.path.relpath(changed)}: 1.7 MB is larger than the 1 MB a document may be; "
        "pass --max-size to read it anyway\n",
    )


def test_a_small_limit_for_one_batch_leaves_later_reads_their_own(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "nho.txt").write_text(GOOD + "\n", encoding="utf-8")
    large = folder / "lon.txt"
    large.write_text((GOOD + "\n") * 470, encoding="utf-8")  # 29,140 bytes
    result = index_paths([folder], options=ReadOptions(max_bytes=5000))
    assert result.read == 1
    assert result.skipped == [
        f"{large}: 29140 B is larger than the 5000 B a document may be; "
        "pass --max-size to read it anyway"
    ]
    assert len(parse_file(large).references) == 470


# fmt: off
@pytest.mark.parametrize(("what", "limit", "english", "vietnamese"), [
    ("register", 10, "more than the 10 B a register may be", "lớn hơn 10 B cho phép của một sổ đăng ký"),
    ("register", 1024 * 1024, "more than the 1 MB a register may be", "lớn hơn 1 MB cho phép của một sổ đăng ký"),
    ("document", 10, "more than the 10 B a document may be; pass --max-size to read it anyway", "lớn hơn 10 B cho phép của một văn bản; dùng --max-size để vẫn đọc"),
    ("graph file", 3 * 1024 * 1024, "more than the 3 MB a graph file may be", "lớn hơn 3 MB cho phép của một tệp đồ thị"),
])
# fmt: on
def test_a_file_over_its_limit_is_refused_naming_that_limit(
    tmp_path: Path, what: str, limit: int, english: str, vietnamese: str
) -> None:
    path = tmp_path / "so.csv"
    path.write_bytes(b"x" * (limit + 1))
    with pytest.raises(InputError) as caught:
        read_bytes(path, what, limit)
    assert str(caught.value) == f"{path}: {english}"
    assert caught.value.said_in(translator("vi")) == f"{path}: {vietnamese}"
    path.write_bytes(b"x" * limit)
    assert read_bytes(path, what, limit) == b"x" * limit


def test_standard_input_is_read_up_to_the_limit_given() -> None:
    import io

    assert read_limited(io.BytesIO(b"x" * 10), "<stdin>", 10) == b"x" * 10
    with pytest.raises(InputError) as caught:
        read_limited(io.BytesIO(b"x" * 11), "<stdin>", 10)
    assert str(caught.value) == (
        "<stdin>: more than the 10 B a document may be; pass --max-size to read it anyway"
    )


def test_a_long_stdin_name_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "-", "--stdin-name", "x" * 2000], input=b"Text\n")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --stdin-name: 2000 characters; a name has at most 255\n",
    )


def test_workers_are_capped_at_the_cores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from vanban.app import batch as index

    seen: list[int] = []
    started: list[object] = []

    class Pool:
        def __init__(self, max_workers: int, initializer: object) -> None:
            seen.append(max_workers)
            started.append(initializer)

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            return None

        def submit(self, function: Callable[..., object], *args: object) -> Future[object]:
            done: Future[object] = Future()
            done.set_result(function(*args))
            return done

    monkeypatch.setattr(index, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    index.parse_many([tmp_path / f"{i}.txt" for i in range(40)], workers=64)
    assert seen == [2]
    assert started == [index._worker_started]
    gc.disable()
    try:  # workers collect cycles whatever this process does
        index._worker_started()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_the_cycle_collector_is_paused_while_a_graph_is_made_and_started_again(
    tmp_path: Path,
) -> None:
    from vanban.core.records import many_records

    assert gc.isenabled()
    with many_records():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with many_records():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    result = index_paths([SEED])
    assert gc.isenabled() and len(result.graph.sources) == 1
    with pytest.raises(InputError):
        index_paths([tmp_path / "khong-co.txt"])
    assert gc.isenabled()


def test_github_annotations_escape_properties() -> None:
    from vanban.checks.findings import Finding
    from vanban.output.terminal import github_annotations

    finding = Finding(
        "VB101", "undated-reference", "warning", "undated", "a,b:\n::error::x.txt", 3,
        "5-KH/TU", None, None, "Kế hoạch số 5-KH/TU",
    )
    assert github_annotations([finding]) == (
        "::warning file=a%2Cb%3A%0A%3A%3Aerror%3A%3Ax.txt,line=3,title=VB101 undated-reference"
        "::undated\n"
    )


def test_yaml_alias_bomb_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "bomb.yaml"
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    lines += ["sources: []", "documents: {k: *a11}", "edges: []"]
    graph.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert graph.stat().st_size < 8192
    for command in (["list", str(graph)], ["stats", str(graph)], ["parse", "--update", str(graph)]):
        result = runner.invoke(app, command)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error: {graph}: not a vanban graph (it uses YAML anchors and aliases, which vanban "
            "never writes and which can make a small file expand without bound)\n",
        ), command


def test_text_that_looks_like_an_anchor_is_not_one(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Kế hoạch số 5-KH/TU, ngày 01/02/2023: &x, *y [*z, &w].\n", encoding="utf-8")
    assert runner.invoke(app, ["parse", str(doc), "-o", str(tmp_path / "g.yaml")]).exit_code == 0
    result = runner.invoke(app, ["list", str(tmp_path / "g.yaml"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "5-KH/TU" in result.stdout


def test_terminal_escapes_are_printed_visibly(runner: CliRunner, tmp_path: Path) -> None:
    name = tmp_path / "a\x1b[2Jb.txt"
    name.write_text(
        "Theo Kế hoạch số 5-KH/TU của Ban \x1b]0;owned\x07Thường vụ Thị ủy.\n", encoding="utf-8"
    )
    missing = runner.invoke(app, ["parse", str(tmp_path / "x\x1b[31m.txt")])
    assert missing.stderr == f"Error: {tmp_path}/x\\x1b[31m.txt: no such file or folder\n"
    checked = runner.invoke(app, ["check", str(name)])
    shown = runner.invoke(app, ["show", "5-KH/TU", str(name)])
    for output in (checked.stdout, shown.stdout):
        assert "\x1b" not in output and "\x07" not in output
    assert "a\\x1b[2Jb.txt" in checked.stdout
    assert "của Ban \\x1b]0" in shown.stdout


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names as bytes")
def test_a_file_name_that_is_not_utf8_is_skipped_and_the_graph_loads_back(
    runner: CliRunner, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.txt").write_text(GOOD, encoding="utf-8")
    with open(os.fsencode(docs) + b"/\xff.txt", "wb") as stream:
        stream.write(GOOD.encode("utf-8"))
    graph = tmp_path / "g.yaml"
    result = runner.invoke(app, ["parse", str(docs), "-o", str(graph)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"skipped: {docs}/\\xff.txt: the file name is not valid text (UTF-8); rename the file "
        "to read it"
    )
    listed = runner.invoke(app, ["list", str(graph), "--format", "csv"])
    assert listed.exit_code == 0, listed.output


def test_disk_full_names_the_file_and_keeps_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    target = tmp_path / "out.dot"
    target.write_text("previous\n", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["graph", str(SEED), "-o", str(target)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {target}: cannot write (No space left on device); it is as it was\n",
    )
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.dot"]


def test_leftovers_of_a_killed_run_are_removed(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "graph.yaml"
    leftover = tmp_path / ".graph.yaml.abc123.vanban-part"
    leftover.write_text("half a graph", encoding="utf-8")
    other = tmp_path / ".notes.txt"
    other.write_text("not vanban's", encoding="utf-8")
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph)]).exit_code == 0
    assert not leftover.exists()
    assert other.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")
def test_an_index_that_is_a_symlink_is_not_written_through(
    runner: CliRunner, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.db"
    (tmp_path / "graph.db").symlink_to(elsewhere)
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(tmp_path / "graph.yaml")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path / 'graph.yaml'}: its index graph.db is a symbolic link; vanban "
        "writes no file through a link\n",
    )
    assert not elsewhere.exists()
    assert not (tmp_path / "graph.yaml").exists()


MUTATIONS = ["abcd", 1, None, [], ""]


def _refusal(path: Path, field: str, value: object) -> str:
    """The one line a graph whose ``field`` holds ``value`` is refused with, as a pattern."""
    found = re.escape(repr(value))
    return (
        re.escape(f"{path}: not a vanban graph ({field}: ")
        + f"(expected (text|an integer|a list|true or false), found {found}"
        + rf"|{found} is not a date \(YYYY-MM-DD\)|no document {found}"
        + rf"|{found} is not a relation's name \(letters, digits, hyphens\))\)"
    )


def test_one_field_mutations_of_a_graph_give_one_line_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Every field of a source, a reference, a document and an edge, replaced by a value of
    the wrong kind: the graph is refused in one line naming the field and the value, or it is
    read, checked and drawn as ``check`` and ``graph`` do; the first refusal of each record
    and the first graph read are run through both commands too."""
    sample = ROOT / "samples" / "cong-van-ubnd-2024-08-15.txt"
    graph = tmp_path / "graph.json"
    assert runner.invoke(app, ["parse", str(sample), "-o", str(graph), "-f", "json"]).exit_code == 0
    base = json.loads(graph.read_text(encoding="utf-8"))
    first_document = next(iter(base["documents"]))
    places = {
        "sources[0]": lambda d: d["sources"][0],
        "sources[0].references[0]": lambda d: d["sources"][0]["references"][0],
        f"documents[{first_document!r}]": lambda d: d["documents"][first_document],
        "edges[0]": lambda d: d["edges"][0],
    }
    refused: dict[str, tuple[str, str]] = {}  # the first text refused of each record, and why
    read: list[str] = []
    for where, record in places.items():
        for field in list(record(base)):
            for value in MUTATIONS:
                data = json.loads(json.dumps(base))
                record(data)[field] = value
                text = json.dumps(data)
                graph.write_text(text, encoding="utf-8")
                try:
                    load_graph(graph)
                except GraphFormatError as error:
                    said = str(error)
                    assert re.fullmatch(_refusal(graph, f"{where}.{field}", value), said), said
                    refused.setdefault(where, (text, said))
                    continue
                with open_view([graph]) as (view, _skipped):
                    findings = run_checks(view)
                    findings_text(findings, check_summary(findings, view.source_count()))
                    export(view, "dot")
                read.append(text)
    assert list(refused) == list(places) and read
    for text, message in refused.values():
        graph.write_text(text, encoding="utf-8")
        for command in ("check", "graph"):
            result = runner.invoke(app, [command, str(graph)])
            assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    graph.write_text(read[0], encoding="utf-8")
    for command in ("check", "graph"):
        result = runner.invoke(app, [command, str(graph)])
        assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("documents", "155-KH/TU", "date"), "abcd", "documents['155-KH/TU'].date: 'abcd' is not a date (YYYY-MM-DD)"),
        (("documents", "155-KH/TU", "date"), "2023-02-30", "documents['155-KH/TU'].date: '2023-02-30' is not a date (YYYY-MM-DD)"),
        (("edges", 0, "target"), "no-such", "edges[0].target: no document 'no-such'"),
    ],
)
def test_values_the_types_cannot_check_are_checked(
    runner: CliRunner, tmp_path: Path, path: tuple[object, ...], value: str, message: str
) -> None:
    graph = tmp_path / "graph.json"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph), "-f", "json"]).exit_code == 0
    data = json.loads(graph.read_text(encoding="utf-8"))
    record = data
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value
    graph.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["check", str(graph)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {graph}: not a vanban graph ({message})\n",
    )


def test_parse_to_a_graph_being_updated_waits_for_the_update(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``parse -o`` takes the same lock as ``--update``: it never writes under a running one."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["parse", "a.txt", "-o", "graph.yaml"]).exit_code == 0
    before = Path("graph.yaml").read_bytes()
    monkeypatch.setenv("VANBAN_LOCK_TIMEOUT", "0.5")
    with writing(Path("graph.yaml")):
        result = runner.invoke(app, ["parse", "a.txt", "-o", "graph.yaml"])
    assert (result.exit_code, result.stderr) == (2, WRITER_WAITED)
    assert Path("graph.yaml").read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_says_interrupted_and_exits_130(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, vanban.cli, vanban.app.batch
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt
        vanban.app.batch.index_paths = interrupted
        sys.argv = ["vanban", "parse", sys.argv[1]]
        vanban.cli.main()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(SEED)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (
        130,
        "Interrupted; outputs already written are whole.\n",
    )


def test_max_size_reaches_workers_started_afresh(tmp_path: Path) -> None:
    """As on Windows and macOS, where workers are new interpreters that inherit no setting."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from vanban.app.batch import _parse_one
    from vanban.readers.source import ReadOptions

    path = tmp_path / "van-ban.txt"
    path.write_text("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.\n" * 40, encoding="utf-8")
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        refused = pool.submit(_parse_one, path, ReadOptions(max_bytes=1024)).result()
        read = pool.submit(_parse_one, path, ReadOptions()).result()
    assert refused == (
        f"{path}: 3080 B is larger than the 1024 B a document may be; pass --max-size to read it anyway"
    )
    assert not isinstance(read, str) and len(read.references) == 40
