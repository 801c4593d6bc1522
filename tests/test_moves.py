"""Files moved or renamed inside an archive: an update finds them, keeps their documents and ids,
and reads none of them again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from vanban.cli import app

from .conftest import ROOT

ARCHIVE = ROOT / "tests" / "archive"
PLAN = "ke-hoach-92447161"  # the plan attached to 250/QĐ-UBND, without a number of its own


@pytest.fixture
def office(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _graph(office: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((office / "graph.yaml").read_text(encoding="utf-8"))
    return data


def _ids(office: Path) -> list[tuple[str, str]]:
    return [(s["path"], s["id"]) for s in _graph(office)["sources"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("prune", [[], ["--prune"]])
def test_a_renamed_folder_is_moved_not_read_again(
    runner: CliRunner, office: Path, prune: list[str]
) -> None:
    before = _graph(office)
    (office / "archive" / "ubnd").rename(office / "archive" / "UBND tỉnh")
    result = runner.invoke(app, ["parse", "--update", "graph.yaml", *prune])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "graph.yaml: 0 file(s) parsed, 5 unchanged, 0 removed\n"
        "moved: archive/ubnd/ke-hoach-kem-theo-250.txt -> "
        "archive/UBND tỉnh/ke-hoach-kem-theo-250.txt\n"
        "moved: archive/ubnd/quyet-dinh-250.txt -> archive/UBND tỉnh/quyet-dinh-250.txt\n"
    )
    assert _ids(office) == [
        ("archive/UBND tỉnh/ke-hoach-kem-theo-250.txt", PLAN),
        ("archive/UBND tỉnh/quyet-dinh-250.txt", "250/QĐ-UBND"),
        ("archive/thi-uy/ke-hoach-136.txt", "136-KH/TU"),
        ("archive/thi-uy/ket-luan-2023.txt", "ket-luan-2023-12-20-679a3bf4"),
        ("archive/tinh-uy/ke-hoach-117.txt", "117-KH/TU"),
    ]
    after = _graph(office)
    assert after["documents"].keys() == before["documents"].keys()  # type: ignore[attr-defined]
    assert after["edges"] == [  # type: ignore[union-attr]
        {**e, "path": e["path"].replace("archive/ubnd/", "archive/UBND tỉnh/")}
        for e in before["edges"]  # type: ignore[attr-defined]
    ]
    again = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert again.stderr == "graph.yaml: 0 file(s) parsed, 5 unchanged, 0 removed\n"


def test_a_renamed_file_without_a_number_keeps_its_id(runner: CliRunner, office: Path) -> None:
    old = office / "archive" / "ubnd" / "ke-hoach-kem-theo-250.txt"
    old.rename(old.with_name("221.txt"))
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "graph.yaml: 0 file(s) parsed, 5 unchanged, 0 removed\n"
        "moved: archive/ubnd/ke-hoach-kem-theo-250.txt -> archive/ubnd/221.txt\n"
    )
    assert ("archive/ubnd/221.txt", PLAN) in _ids(office)


def test_a_moved_file_whose_time_changed_is_found_by_its_text(
    runner: CliRunner, office: Path
) -> None:
    """Copied to another drive and back, its time is new: it is read, and found moved."""
    old = office / "archive" / "ubnd" / "ke-hoach-kem-theo-250.txt"
    new = office / "archive" / "tinh-uy" / "ke-hoach-kem-theo-250.txt"
    shutil.move(old, new)
    os.utime(new, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "graph.yaml: 1 file(s) parsed, 4 unchanged, 0 removed\n"
        "moved: archive/ubnd/ke-hoach-kem-theo-250.txt -> archive/tinh-uy/ke-hoach-kem-theo-250.txt\n"
    )
    assert ("archive/tinh-uy/ke-hoach-kem-theo-250.txt", PLAN) in _ids(office)


def test_an_older_graph_keeps_its_file_name_ids(runner: CliRunner, office: Path) -> None:
    """A graph written when such ids were file names: they stay, the file renamed or not."""
    graph = office / "graph.yaml"
    graph.write_text(
        graph.read_text(encoding="utf-8").replace(PLAN, "ke-hoach-kem-theo-250"), encoding="utf-8"
    )
    (office / "graph.db").unlink()
    old = office / "archive" / "ubnd" / "ke-hoach-kem-theo-250.txt"
    old.rename(old.with_name("ke-hoach-dinh-kem.txt"))
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 0, result.output
    assert ("archive/ubnd/ke-hoach-dinh-kem.txt", "ke-hoach-kem-theo-250") in _ids(office)
    assert _graph(office)["documents"]["250/QĐ-UBND"]["cited_by"] == [  # type: ignore[index]
        "ke-hoach-kem-theo-250"
    ]


def test_the_same_text_under_two_names_has_one_id(runner: CliRunner, tmp_path: Path) -> None:
    text = (ARCHIVE / "ubnd" / "ke-hoach-kem-theo-250.txt").read_text(encoding="utf-8")
    ids = []
    for name in ("221.txt", "ke-hoach.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["parse", str(tmp_path / name)])
        ids.append(yaml.safe_load(result.stdout)["sources"][0]["id"])
    assert ids == [PLAN, PLAN]
