"""A reading command meets an index another program holds locked while it writes: it says that it
waits and for how long at most, once, then answers or stops with one line."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.core.errors import Notice
from vanban.storage import database

PLAN = "Kế hoạch số 5-KH/TU ngày 01/02/2023 của Thị ủy về kiểm tra, giám sát.\n"

WAITS = (
    "warning: graph.yaml: the index is being written by another vanban; waiting up to {s} s "
    "(VANBAN_LOCK_TIMEOUT)\n"
)

READERS = [
    ["list", "graph.yaml"],
    ["show", "5-KH/TU", "graph.yaml"],
    ["search", "kiem tra", "graph.yaml"],
    ["export", "graph.yaml", "--table", "documents", "-o", "-"],
    ["site", "graph.yaml", "-o", "site"],
]


@pytest.fixture
def graph(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(PLAN, encoding="utf-8")
    assert runner.invoke(app, ["parse", "a.txt", "-o", "graph.yaml"]).exit_code == 0
    return Path("graph.db")


@contextlib.contextmanager
def held(index: Path) -> Iterator[sqlite3.Connection]:
    """The index locked as a writer holds it while it commits (``BEGIN EXCLUSIVE``)."""
    connection = sqlite3.connect(index, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN EXCLUSIVE")
    try:
        yield connection
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@pytest.mark.parametrize("command", READERS, ids=lambda command: command[0])
def test_a_reader_says_it_waits_then_gives_up_in_one_line(
    runner: CliRunner, graph: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("VANBAN_LOCK_TIMEOUT", "0.2")
    with held(graph):
        result = runner.invoke(app, command)
    assert (result.exit_code, result.stderr) == (
        2,
        WAITS.format(s="0.2")
        + "Error: graph.yaml: the index graph.db is still being written by another vanban "
        "after 0.2 s; try again later (VANBAN_LOCK_TIMEOUT)\n",
    )
    assert sorted(path.name for path in Path(".").glob("graph.db*")) == ["graph.db"]


@pytest.mark.parametrize("command", READERS, ids=lambda command: command[0])
def test_a_reader_says_once_that_it_waits_then_answers(
    runner: CliRunner, graph: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    alone = runner.invoke(app, command)
    assert alone.exit_code == 0
    monkeypatch.setenv("VANBAN_LOCK_TIMEOUT", "60")
    said = threading.Event()

    class Said(Notice):
        def __init__(self, message: str = "", /, **values: object) -> None:
            super().__init__(message, **values)
            said.set()

    monkeypatch.setattr(database, "Notice", Said)
    with held(graph) as connection:

        def release() -> None:  # once the reader has said that it waits
            said.wait(60)
            connection.execute("ROLLBACK")

        releasing = threading.Thread(target=release)
        releasing.start()
        try:
            result = runner.invoke(app, command)
        finally:
            said.set()
            releasing.join()
        connection.execute("BEGIN EXCLUSIVE")  # for held() to end as it began
    assert result.exit_code == 0
    assert result.stderr.startswith(WAITS.format(s="60"))
    assert result.stderr.count("waiting up to") == 1
    if command[0] != "site":  # a site says how many pages it wrote: none, the second time
        assert result.stdout == alone.stdout


def test_a_locked_index_is_not_taken_for_another_programs(
    runner: CliRunner, graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the check of whose file it is failed on the lock, and the writer's index was
    moved to graph.db.set-aside under it."""
    monkeypatch.setenv("VANBAN_LOCK_TIMEOUT", "0")
    with held(graph):
        result = runner.invoke(app, ["list", "graph.yaml"])
    assert result.exit_code == 2
    assert "not an index vanban made" not in result.stderr
    assert not Path("graph.db.set-aside").exists()


def test_an_index_whose_schema_names_are_not_utf8_is_set_aside(
    runner: CliRunner, graph: Path
) -> None:
    """Found by benchmarks/fuzz.py (bytes of an index changed): SQLite's message about such a
    schema is not UTF-8, and Python raised UnicodeDecodeError, not a database error."""
    alone = runner.invoke(app, ["list", "graph.yaml"])
    graph.unlink()
    connection = sqlite3.connect(graph, isolation_level=None)
    connection.execute("CREATE TABLE meta(key, value)")
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET name = CAST(x'6dda41' AS TEXT), sql = 'CREATE TABLE x('"
    )
    connection.close()
    result = runner.invoke(app, ["list", "graph.yaml"])
    assert (result.exit_code, result.stdout) == (0, alone.stdout)
    assert result.stderr == (
        "warning: graph.db: not an index vanban made; moved aside to graph.db.set-aside, and a "
        "new one made\n"
    )
