"""A small archive: a Tỉnh ủy plan, a Thị ủy plan implementing it, a conclusion citing both,
a State decision and the plan attached to it."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest

from vanban import build_graph, parse_file
from vanban.app.batch import collect_files, index_paths, update_index
from vanban.storage.files import write_atomic
from vanban.storage.graph_file import dump_yaml

from .conftest import ROOT

ARCHIVE = ROOT / "tests" / "archive"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    return Path("archive")


def test_archive_graph(archive: Path) -> None:
    graph = index_paths([archive]).graph
    nodes = {
        key: (node.in_corpus, node.date, node.level, node.path)
        for key, node in graph.documents.items()
    }
    assert nodes == {
        "117-KH/TU": (True, "2022-12-14", "Tỉnh ủy", "archive/tinh-uy/ke-hoach-117.txt"),
        "136-KH/TU": (True, "2023-04-09", "Thị ủy", "archive/thi-uy/ke-hoach-136.txt"),
        "21-NQ/TW": (False, "2022-06-16", None, None),
        "250/QĐ-UBND": (True, "2024-02-01", None, "archive/ubnd/quyet-dinh-250.txt"),
        "30/2020/NĐ-CP": (False, "2020-03-05", None, None),
        "ke-hoach-92447161": (True, None, None, "archive/ubnd/ke-hoach-kem-theo-250.txt"),
        "ket-luan-2023-12-20-679a3bf4": (
            True,
            "2023-12-20",
            None,
            "archive/thi-uy/ket-luan-2023.txt",
        ),
    }
    relations = sorted(
        {(e.source, e.relation, e.target) for e in graph.edges if e.relation != "cites"}
    )
    assert relations == [
        ("117-KH/TU", "implements", "21-NQ/TW"),
        ("136-KH/TU", "implements", "117-KH/TU"),
        ("ke-hoach-92447161", "attached-to", "250/QĐ-UBND"),
    ]
    conclusion = graph.documents["ket-luan-2023-12-20-679a3bf4"]
    assert conclusion.kind == "Kết luận"
    assert graph.documents["136-KH/TU"].cited_by == ["ket-luan-2023-12-20-679a3bf4"]
    assert graph.documents["136-KH/TU"].citations == 2  # once dated, once not: one node
    assert graph.documents["117-KH/TU"].cited_by == ["136-KH/TU", "ket-luan-2023-12-20-679a3bf4"]


def test_same_bytes_in_any_file_order(archive: Path) -> None:
    files, _ = collect_files([archive])
    documents = [parse_file(path) for path in files]
    expected = dump_yaml(build_graph(documents).to_dict())
    for seed in range(5):
        shuffled = documents[:]
        random.Random(seed).shuffle(shuffled)
        assert dump_yaml(build_graph(shuffled).to_dict()) == expected


def test_same_bytes_with_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Enough files for the process pool to be used.
    for index in range(20):
        folder = tmp_path / "many" / f"part{index % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARCHIVE / "thi-uy" / "ket-luan-2023.txt", folder / f"kl-{index:02d}.txt")
    monkeypatch.chdir(tmp_path)
    one = dump_yaml(index_paths(["many"], workers=1).graph.to_dict())
    two = dump_yaml(index_paths(["many"], workers=2).graph.to_dict())
    assert one == two


def test_update_rereads_only_changed_files(archive: Path) -> None:
    graph_path = Path("graph.yaml")
    write_atomic(graph_path, dump_yaml(index_paths([archive]).graph.to_dict()))
    before = graph_path.read_text(encoding="utf-8")

    unchanged = update_index(graph_path, [archive])
    assert (unchanged.reused, unchanged.parsed, unchanged.removed) == (5, [], [])
    assert dump_yaml(unchanged.graph.to_dict()) == before

    conclusion = archive / "thi-uy" / "ket-luan-2023.txt"
    conclusion.write_text(
        conclusion.read_text(encoding="utf-8")
        + "\n3. Thực hiện Quyết định số 250/QĐ-UBND ngày 01/02/2024 của Chủ tịch UBND tỉnh.\n",
        encoding="utf-8",
    )
    (archive / "ubnd" / "ke-hoach-kem-theo-250.txt").unlink()
    result = update_index(graph_path, [archive])
    assert result.reused == 3
    assert result.parsed == ["archive/thi-uy/ket-luan-2023.txt"]
    assert result.removed == ["archive/ubnd/ke-hoach-kem-theo-250.txt"]
    assert result.graph.documents["250/QĐ-UBND"].cited_by == ["ket-luan-2023-12-20-679a3bf4"]
    assert "ke-hoach-92447161" not in result.graph.documents
    fresh = index_paths([archive]).graph
    # the same graph, but that the conclusion, without a number, keeps its id though its text
    # changed: a fresh parse names it by its new text
    kept = dump_yaml(result.graph.to_dict())
    assert kept.replace("2023-12-20-679a3bf4", "2023-12-20-95ad2a5b") == dump_yaml(fresh.to_dict())


def test_a_graph_is_written_a_part_at_a_time_as_it_is_whole(tmp_path: Path) -> None:
    from vanban.storage import graph_file as store

    plain = tmp_path / "trong.txt"
    plain.write_text("Báo cáo không dẫn văn bản nào.\n", encoding="utf-8")
    for graph in (index_paths([ROOT / "samples"]).graph, index_paths([plain]).graph):
        target = tmp_path / "out" / "graph.yaml"
        target.parent.mkdir(exist_ok=True)
        store.write_graph(target, graph)
        whole = store.rebase(store._copy(graph), store.to_file_paths(target.parent)).to_dict()
        assert target.read_text(encoding="utf-8") == dump_yaml(whole)
        assert whole["sources"]
    assert whole["edges"] == [] and "roots" not in whole  # the empty parts are written too


def test_a_graph_is_written_and_loaded_by_a_path_given_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vanban

    monkeypatch.chdir(ROOT)
    graph = index_paths([Path("samples")]).graph
    for name in ("graph.yaml", "graph.json"):
        by_path = tmp_path / "as-path" / name
        by_path.parent.mkdir(exist_ok=True)
        vanban.write_graph(by_path, graph)
        as_text = str(tmp_path / "as-text" / name)
        Path(as_text).parent.mkdir(exist_ok=True)
        vanban.write_graph(as_text, graph)
        assert Path(as_text).read_bytes() == by_path.read_bytes()
        assert Path(as_text).with_suffix(".db").is_file()
        assert vanban.load_graph(as_text) == graph  # from the index (YAML) or the file (JSON)
        Path(as_text).with_suffix(".db").unlink()
        assert vanban.load_graph(as_text) == graph  # from the file
    assert graph.sources[0].path == "samples/bao-cao-co-chu-thich-2024-01-10.txt"
    assert len(graph.sources) == 5 and graph.edges


def _tables(database: Path) -> dict[str, list[tuple[object, ...]]]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith(("search_", "sqlite_"))
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names
        }


def test_a_second_process_writes_the_same_graph_and_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vanban.storage import graph_file as store

    graph = index_paths([ROOT / "samples"]).graph
    written = {}
    for apart_from in (10**9, 0):  # here; then by the writing process, whatever the size
        monkeypatch.setattr(store, "WRITE_APART_FROM", apart_from)
        target = tmp_path / str(apart_from) / "graph.yaml"
        target.parent.mkdir()
        store.write_graph(target, graph)
        tables = _tables(target.with_suffix(".db"))
        tables["meta"] = [r for r in tables["meta"] if r[0] not in ("mtime_ns", "file_id")]
        written[apart_from] = (target.read_bytes(), tables)
    assert written[0] == written[10**9]
    assert written[0][1]["documents"] and written[0][1]["references"]
    assert list(tmp_path.rglob(".*.tmp")) == []


def test_a_stopped_write_leaves_the_graph_as_it_was(tmp_path: Path) -> None:
    from vanban.storage.yaml_writer import Streamed, write_yaml_apart

    target = tmp_path / "graph.yaml"
    target.write_text("version: 1\n", encoding="utf-8")

    def items() -> object:
        yield from ({"path": f"a{n}.txt"} for n in range(1200))  # a few batches sent
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_yaml_apart(target, {"version": 2, "sources": Streamed(items, 2000)})
    assert target.read_text(encoding="utf-8") == "version: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.yaml"]  # no temporary file left


def test_a_writing_process_that_ends_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vanban.core.errors import OutputError
    from vanban.storage import yaml_writer as emit

    target = tmp_path / "graph.yaml"
    target.write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setattr(emit, "_WRITER", "import sys; sys.exit(3)")
    data = {"version": 2, "edges": emit.Streamed(lambda: [{"line": n} for n in range(5000)], 5000)}
    with pytest.raises(OutputError) as raised:
        emit.write_yaml_apart(target, data)
    assert str(raised.value) == f"{target}: cannot write (the writing process ended with code 3)"
    assert target.read_text(encoding="utf-8") == "version: 1\n"

    monkeypatch.setattr(emit.sys, "executable", str(tmp_path / "no-python"))  # none to start
    digest = emit.write_yaml_apart(target, data)
    assert target.read_text(encoding="utf-8") == emit.to_yaml(
        {"version": 2, "edges": [{"line": n} for n in range(5000)]}
    )
    assert digest == hashlib.sha256(target.read_bytes()).hexdigest()


def test_what_the_writing_process_cannot_write_is_one_error(tmp_path: Path) -> None:
    from vanban.core.errors import OutputError
    from vanban.storage import yaml_writer as emit

    target = tmp_path / "graph.yaml"
    target.write_text("version: 1\n", encoding="utf-8")
    data = {"version": 2, "edges": emit.Streamed(lambda: [{"line": {1, 2}}], 1)}  # a set
    with pytest.raises(OutputError) as raised:
        emit.write_yaml_apart(target, data)
    assert str(raised.value) == f"{target}: cannot write (TypeError: cannot write set as YAML)"
    assert target.read_text(encoding="utf-8") == "version: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.yaml"]
