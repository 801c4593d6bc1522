"""What a site folder, a graph, its index and the settings beside them can make vanban read,
write or remove: only what lies in the folders the user named, after following links.

Every hostile input here is built in the test's own folder from a few generated lines."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import filelock
import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.output.pages import MANIFEST, slug

SITE_LOCK = ".vanban-site.lock"
"""The lock a run holds in the site's folder while it writes it."""

PLAN = "ỦY BAN NHÂN DÂN TỈNH X\nSố: {number}/KH-UBND\nKẾ HOẠCH\n{body}\n"
UNDATED = "Thực hiện Nghị quyết số 05-NQ/TU của Tỉnh ủy."
"""A sentence with one undated reference: one finding (VB101) in the file that holds it."""


def plan(folder: Path, name: str, number: int, body: str = UNDATED) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAN.format(number=number, body=body), encoding="utf-8")
    return path


@pytest.fixture
def archive(in_tmp: Path, runner: CliRunner) -> Path:
    """A folder of two plans and its graph, ``van-ban/graph.yaml``."""
    plan(in_tmp / "van-ban", "ke-hoach-12.txt", 12)
    plan(in_tmp / "van-ban", "ke-hoach-13.txt", 13)
    graph = in_tmp / "van-ban" / "graph.yaml"
    result = runner.invoke(app, ["parse", "van-ban", "-o", str(graph)])
    assert result.exit_code == 0, result.output
    return graph


def pages_in(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# --- the site's folder ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry", ["{outside}", "../victim/keep.txt", "documents/../../victim/keep.txt"]
)
def test_a_list_of_pages_naming_a_file_outside_the_site_removes_nothing_there(
    archive: Path, runner: CliRunner, in_tmp: Path, entry: str
) -> None:
    victim = in_tmp / "victim" / "keep.txt"
    victim.parent.mkdir()
    victim.write_text("the user's own file\n", encoding="utf-8")
    site = in_tmp / "kho"
    assert runner.invoke(app, ["site", str(archive), "-o", str(site)]).exit_code == 0
    with (site / MANIFEST).open("a", encoding="utf-8") as listed:
        listed.write(entry.format(outside=victim) + "\n")
    result = runner.invoke(app, ["site", str(archive), "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "the user's own file\n"
    assert "0 removed" in result.stderr
    assert entry.format(outside=victim) not in (site / MANIFEST).read_text(encoding="utf-8")


def test_a_folder_of_pages_that_is_a_link_elsewhere_is_refused(
    archive: Path, runner: CliRunner, in_tmp: Path
) -> None:
    site, elsewhere = in_tmp / "kho", in_tmp / "elsewhere"
    assert runner.invoke(app, ["site", str(archive), "-o", str(site)]).exit_code == 0
    elsewhere.mkdir()
    (elsewhere / "12-kh-ubnd.html").write_text("not a page of the site", encoding="utf-8")
    for page in (site / "documents").iterdir():
        page.unlink()
    (site / "documents").rmdir()
    (site / "documents").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["site", str(archive), "-o", str(site)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {site / 'documents'}: is a link; vanban writes no page through a link (remove "
        "it, or give another folder)\n",
    )
    assert [p.name for p in elsewhere.iterdir()] == ["12-kh-ubnd.html"]
    assert (elsewhere / "12-kh-ubnd.html").read_text(encoding="utf-8") == "not a page of the site"


def test_a_site_whose_folder_of_pages_is_a_file_is_one_line_error(
    archive: Path, runner: CliRunner, in_tmp: Path
) -> None:
    site = in_tmp / "kho"
    site.mkdir()
    (site / MANIFEST).write_text("index.html\n", encoding="utf-8")
    (site / "documents").write_text("a file\n", encoding="utf-8")
    result = runner.invoke(app, ["site", str(archive), "-o", str(site)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {site / 'documents'}: is a file, where the site keeps its pages; remove it, "
        "or give another folder\n",
    )


def test_files_whose_names_make_one_page_name_each_keep_their_findings_page(
    runner: CliRunner, in_tmp: Path
) -> None:
    for number, name in enumerate(["a b.txt", "a-b.txt", "A_B.txt"], start=21):
        plan(in_tmp / "d", name, number)
    site = in_tmp / "kho"
    result = runner.invoke(app, ["site", "d", "-o", str(site), "--lang", "en"])
    assert result.exit_code == 0, result.output
    findings = sorted(p.name for p in (site / "findings").iterdir())
    assert findings == ["d-a-b-txt-2.html", "d-a-b-txt-3.html", "d-a-b-txt.html"]
    titles = {
        page.read_text(encoding="utf-8").split("<h1>")[1].split("</h1>")[0]
        for page in (site / "findings").iterdir()
    }
    assert titles == {"Findings in d/A_B.txt", "Findings in d/a b.txt", "Findings in d/a-b.txt"}
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in findings:
        assert f'href="findings/{name}"' in index


@pytest.mark.parametrize("name", ["CON.txt", "nul.txt", "Com1.txt", "LPT9.txt", "aux.txt"])
def test_a_document_named_as_a_windows_device_gets_a_page_windows_can_open(
    runner: CliRunner, in_tmp: Path, name: str
) -> None:
    (in_tmp / "d").mkdir()
    (in_tmp / "d" / name).write_text(UNDATED + "\n", encoding="utf-8")
    site = in_tmp / "kho"
    result = runner.invoke(app, ["site", "d", "-o", str(site)])
    assert result.exit_code == 0, result.output
    stem = name.split(".")[0]
    assert slug(stem) == f"{stem.lower()}-0"  # an id made of the name alone, as a graph may give
    devices = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
    assert not [p for p in pages_in(site) if Path(p).name.split(".")[0] in devices]


def test_a_second_run_into_a_folder_being_written_is_refused(
    archive: Path, runner: CliRunner, in_tmp: Path
) -> None:
    site = in_tmp / "kho"
    site.mkdir()
    with filelock.FileLock(site / SITE_LOCK, timeout=0):
        result = runner.invoke(app, ["site", str(archive), "-o", str(site)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {site}: busy: another vanban is writing this folder; run again when it is done\n",
    )
    assert pages_in(site) == []
    assert runner.invoke(app, ["site", str(archive), "-o", str(site)]).exit_code == 0


KILLED_AT_THE_THIRD_PAGE = """
import os, signal, sys
from vanban.output import pages
from vanban.cli import main
written = pages.write_atomic
calls = []
def write(path, *args, **kwargs):
    calls.append(path.suffix)
    if calls.count(".html") == 3:
        os.kill(os.getpid(), signal.SIGTERM)
    return written(path, *args, **kwargs)
pages.write_atomic = write
sys.argv = ["vanban", "site", sys.argv[1], "-o", sys.argv[2]]
main()
"""


def test_a_first_run_killed_midway_is_finished_by_the_next(
    archive: Path, runner: CliRunner, in_tmp: Path
) -> None:
    site = in_tmp / "kho"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_THE_THIRD_PAGE, str(archive), str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == 128 + signal.SIGTERM, killed.stderr  # stopped as by Ctrl-C
    assert len(list(site.rglob("*.html"))) == 2
    result = runner.invoke(app, ["site", str(archive), "-o", str(site)])
    assert result.exit_code == 0, result.output
    listed = (site / MANIFEST).read_text(encoding="utf-8").split()
    assert pages_in(site) == sorted(p for p in listed if p.endswith(".html"))
    assert "index.html" in listed


# --- what a graph can make vanban read ------------------------------------------------------

SECRET = "MẬT KHẨU HỘP THƯ: hunter2"
"""A line of a file outside the archive, with no reference in it: it is on a page only when
the file itself was read."""


@pytest.fixture
def secret(in_tmp: Path) -> Path:
    return plan(in_tmp / "secret", "id_rsa.txt", 77, f"{UNDATED}\n{SECRET}")


def site_of(runner: CliRunner, *arguments: str) -> tuple[int, str, str]:
    """Exit code, stderr, and every page of the site ``kho`` as one text."""
    result = runner.invoke(app, ["site", *arguments, "-o", "kho"])
    text = "".join(p.read_text(encoding="utf-8") for p in Path("kho").rglob("*.html"))
    return result.exit_code, result.stderr, text


@pytest.mark.parametrize("listed", ["relative", "absolute"])
def test_site_reads_no_file_a_graph_lists_outside_its_folder(
    archive: Path, secret: Path, runner: CliRunner, in_tmp: Path, listed: str
) -> None:
    graph_text = archive.read_text(encoding="utf-8")
    outside = "../secret/id_rsa.txt" if listed == "relative" else str(secret)
    archive.write_text(graph_text.replace("path: ke-hoach-13.txt", f"path: {outside}"), "utf-8")
    code, stderr, pages = site_of(runner, str(archive))
    assert code == 0, stderr
    assert SECRET not in pages
    assert stderr.startswith(
        "skipped: secret/id_rsa.txt: outside the graph's folder and the folders named on the command "
        "line (or a link leading out of them); not read (its page shows what the graph knows)\n"
    )
    code, stderr, pages = site_of(runner, str(archive), "secret")  # named: read
    assert (code, SECRET in pages) == (0, True), stderr


def test_site_reads_no_file_through_a_link_out_of_the_archive(
    secret: Path, runner: CliRunner, in_tmp: Path
) -> None:
    plan(in_tmp / "van-ban", "ke-hoach-12.txt", 12)
    (in_tmp / "van-ban" / "ke-hoach-77.txt").symlink_to(secret)
    assert runner.invoke(app, ["parse", "van-ban", "-o", "van-ban/graph.yaml"]).exit_code == 0
    code, stderr, pages = site_of(runner, "van-ban/graph.yaml")
    assert code == 0, stderr
    assert SECRET not in pages
    assert "skipped: van-ban/ke-hoach-77.txt: outside the graph's folder" in stderr


def test_site_reads_no_file_a_forged_index_lists(
    archive: Path, secret: Path, runner: CliRunner, in_tmp: Path
) -> None:
    import sqlite3

    index = archive.with_suffix(".db")
    assert runner.invoke(app, ["list", str(archive)]).exit_code == 0
    with sqlite3.connect(index) as connection:
        connection.execute(
            "UPDATE sources SET record = replace(record, 'ke-hoach-13.txt', '../secret/id_rsa.txt')"
        )
    code, stderr, pages = site_of(runner, str(archive))
    assert code == 0, stderr
    assert SECRET not in pages


def test_update_reads_no_folder_a_graph_records_outside_its_folder(
    archive: Path, secret: Path, runner: CliRunner, in_tmp: Path
) -> None:
    graph_text = archive.read_text(encoding="utf-8")
    archive.write_text(
        graph_text.replace('roots:\n- "."\n', 'roots:\n- "."\n- ../secret\n'), "utf-8"
    )
    assert "- ../secret\n" in archive.read_text(encoding="utf-8")
    result = runner.invoke(app, ["parse", "--update", str(archive)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        "warning: folder secret is outside the graph's folder; not read unless named after the "
        "graph"
    )
    assert "id_rsa" not in archive.read_text(encoding="utf-8")
    named = runner.invoke(app, ["parse", "--update", str(archive), "secret"])
    assert named.exit_code == 0, named.output
    assert '- path: "../secret/id_rsa.txt"\n' in archive.read_text(encoding="utf-8")


def test_update_reads_no_file_through_a_link_out_of_its_folders(
    archive: Path, secret: Path, runner: CliRunner, in_tmp: Path
) -> None:
    (in_tmp / "van-ban" / "ke-hoach-77.txt").symlink_to(secret)
    result = runner.invoke(app, ["parse", "--update", str(archive)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        "skipped: van-ban/ke-hoach-77.txt: outside the graph's folder and the folders named on "
        "the command line (or a link leading out of them); not read"
    )
    assert "77/KH-UBND" not in archive.read_text(encoding="utf-8")


def test_a_register_the_settings_name_outside_their_folder_is_said(
    runner: CliRunner, in_tmp: Path
) -> None:
    (in_tmp / "secret").mkdir()
    (in_tmp / "secret" / "so.csv").write_text(
        "Số ký hiệu,Ngày ban hành,Trích yếu\n12/KH-UBND,01/02/2023,Kế hoạch\n", encoding="utf-8"
    )
    document = plan(in_tmp / "van-ban", "ke-hoach-12.txt", 12)
    (in_tmp / "van-ban" / "vanban.toml").write_text(
        'register = "../secret/so.csv"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(document)])
    settings = (in_tmp / "van-ban" / "vanban.toml").resolve()
    assert result.stderr.splitlines()[0] == (
        f"warning: {settings}: register {settings.parent / '../secret/so.csv'} is outside the "
        "settings' folder; read as the settings say"
    )


# --- the index beside a graph ---------------------------------------------------------------


def test_an_index_edited_after_vanban_wrote_it_is_made_again(
    archive: Path, runner: CliRunner
) -> None:
    import sqlite3

    assert runner.invoke(app, ["list", str(archive)]).exit_code == 0
    with sqlite3.connect(archive.with_suffix(".db")) as connection:
        connection.execute("UPDATE documents SET date = '1999-09-09', title = 'GIẢ MẠO'")
    shown = runner.invoke(app, ["list", str(archive), "--format", "csv"])
    assert shown.exit_code == 0, shown.output
    assert "1999" not in shown.stdout
    with sqlite3.connect(archive.with_suffix(".db")) as connection:
        titles = {row[0] for row in connection.execute("SELECT title FROM documents")}
    assert "GIẢ MẠO" not in titles


@pytest.mark.parametrize("command", ["list", "parse"])
def test_a_file_that_is_not_an_index_is_set_aside_and_the_index_made_again(
    archive: Path, runner: CliRunner, in_tmp: Path, command: str
) -> None:
    index = archive.with_suffix(".db")
    garbage = bytes(range(256)) * 12
    index.write_bytes(garbage)
    arguments = (
        ["list", str(archive)] if command == "list" else ["parse", "van-ban", "-o", str(archive)]
    )
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"warning: {index}: not an index vanban made; moved aside to graph.db.set-aside, and a "
        "new one made"
    )
    assert index.with_name("graph.db.set-aside").read_bytes() == garbage
    assert index.read_bytes().startswith(b"SQLite format 3\x00")
    again = runner.invoke(app, ["list", str(archive)])
    assert (again.exit_code, again.stderr) == (0, "")
