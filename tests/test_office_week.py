"""An archive on the office's shared drive, with Word open beside it and vanban's own pages
written inside it: what is read as a document and what is not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from vanban.app.batch import collect_files
from vanban.cli import app
from vanban.readers.registry import is_office_litter

from .conftest import CORPUS_DOCS, ROOT, SEED

ARCHIVE = ROOT / "tests" / "archive"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "kho"
    shutil.copytree(ARCHIVE, folder)
    return folder


def _graph(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("name", "litter"),
    [
        ("~$223.docx", True),  # Word's lock file while 223.docx is open
        ("~WRL0003.tmp", True),
        (".~lock.223.docx#", True),  # LibreOffice's
        ("223.docx", False),
        ("~ke-hoach.txt", False),  # a tilde alone is a name someone chose
    ],
)
def test_office_litter(name: str, litter: bool) -> None:
    assert is_office_litter(name) is litter


def test_a_word_lock_file_is_skipped_silently(
    runner: CliRunner, archive: Path, tmp_path: Path
) -> None:
    graph = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(archive), "-o", str(graph)]).exit_code == 0
    (archive / "thi-uy" / "~$ke-hoach-136.txt").write_bytes(b"\x0bvt\x00\x00" * 30)
    updated = runner.invoke(app, ["parse", "--update", str(graph)])
    assert updated.exit_code == 0, updated.stderr
    assert "skipped" not in updated.stderr
    checked = runner.invoke(app, ["check", str(archive)])
    assert checked.exit_code == 0, checked.stderr


def test_vanbans_own_pages_inside_the_archive_are_not_documents(
    runner: CliRunner, archive: Path, tmp_path: Path
) -> None:
    graph = archive / "graph.yaml"
    assert runner.invoke(app, ["parse", str(archive), "-o", str(graph)]).exit_code == 0
    before = _graph(graph)
    site = runner.invoke(app, ["site", str(graph), "-o", str(archive / "trang-web")])
    assert site.exit_code == 0, site.stderr
    page = runner.invoke(app, ["html", str(SEED), "-o", str(archive / "ket-luan.html")])
    assert page.exit_code == 0, page.stderr
    assert len(collect_files([archive])[0]) == 5
    updated = runner.invoke(app, ["parse", "--update", str(graph)])
    assert updated.exit_code == 0, updated.stderr
    assert updated.stderr.startswith(f"{graph}: 0 file(s) parsed, 5 unchanged, 0 removed")
    after = _graph(graph)
    assert after["documents"] == before["documents"]
    assert after["sources"] == before["sources"]


def test_a_saved_portal_page_is_still_a_document(tmp_path: Path) -> None:
    page = tmp_path / "van-ban.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">'
        "</head><body><p>Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ "
        "Thị ủy.</p></body></html>",
        encoding="utf-8",
    )
    assert collect_files([tmp_path])[0] == [page]


def _site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_site_is_the_same_from_any_folder_and_links_to_the_originals(
    runner: CliRunner, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "seed.pdf", archive / "ubnd" / "seed.pdf")
    graph = archive / "graph.yaml"
    monkeypatch.chdir(archive)
    assert runner.invoke(app, ["parse", ".", "-o", "graph.yaml"]).exit_code == 0
    assert runner.invoke(app, ["site", "graph.yaml", "-o", "web"]).exit_code == 0
    from_inside = _site_files(archive / "web")
    monkeypatch.chdir(tmp_path)
    again = runner.invoke(app, ["site", str(graph.relative_to(tmp_path)), "-o", "kho/web"])
    assert again.exit_code == 0, again.stderr
    assert "0 page(s) written, 54 unchanged, 0 removed" in again.stderr
    assert _site_files(archive / "web") == from_inside
    assert sorted(p for p in from_inside if p.startswith("findings/")) == [
        "findings/thi-uy-ke-hoach-136-txt.html",
        "findings/thi-uy-ket-luan-2023-txt.html",
        "findings/tinh-uy-ke-hoach-117-txt.html",
        "findings/ubnd-ke-hoach-kem-theo-250-txt.html",
        "findings/ubnd-quyet-dinh-250-txt.html",
        "findings/ubnd-seed-pdf.html",
    ]
    # a document cited in the PDF: the place is a page and a line of the PDF
    cited = from_inside["documents/01-kl-tw.html"].decode("utf-8")
    assert ">ubnd/seed.pdf (trang 4, dòng 18)</a>" in cited
    # each document's page links to its file, from where the page stands
    page = from_inside["documents/136-kh-tu.html"].decode("utf-8")
    assert (
        '<a class="original" href="../../thi-uy/ke-hoach-136.txt">thi-uy/ke-hoach-136.txt</a>'
        in page
    )
    assert (archive / "web" / "documents" / "../../thi-uy/ke-hoach-136.txt").is_file()
    linking = [name for name, page in from_inside.items() if b'href="../../ubnd/seed.pdf"' in page]
    assert len(linking) == 1 and linking[0].startswith("documents/")  # the PDF's own page


def test_a_name_typed_in_nfc_finds_one_stored_in_nfd(runner: CliRunner, in_tmp: Path) -> None:
    import unicodedata

    typed = "kế-hoạch-tuyên-truyền"
    stored = unicodedata.normalize("NFD", typed)  # as macOS writes file names
    (in_tmp / "kho").mkdir()
    (in_tmp / "kho" / f"{stored}.txt").write_text(
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["parse", "kho", "-o", "graph.yaml"]).exit_code == 0
    ids = [k for k in _graph(in_tmp / "graph.yaml")["documents"] if k != "155-KH/TU"]  # type: ignore[union-attr]
    assert len(ids) == 1
    shown = runner.invoke(app, ["show", unicodedata.normalize("NFC", ids[0]), "graph.yaml"])
    assert shown.exit_code == 0, shown.stderr
    # and a kind typed with its marks apart finds the document cited
    cited = runner.invoke(app, ["show", unicodedata.normalize("NFD", "kế hoạch 155"), "graph.yaml"])
    assert cited.exit_code == 0, cited.stderr
    assert cited.stdout.startswith("155-KH/TU")


WEEK_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
"""The dev set's documents the week's archive holds (its .doc files need antiword or
LibreOffice, which tests/test_readers.py covers)."""


def _sources(graph: Path) -> dict[str, dict[str, object]]:
    """Each file of a graph by its name (not its folder), with its id and references."""
    sources = _graph(graph)["sources"]
    assert isinstance(sources, list)
    return {Path(str(source["path"])).name: source for source in sources}


def _references(source: dict[str, object]) -> list[tuple[object, object, object]]:
    references = source["references"]
    assert isinstance(references, list)
    return [(r["target"], r["text"], r["line"]) for r in references]


def _run(*words: str, cwd: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "vanban", *words],
        cwd=cwd,
        capture_output=True,
        env=environ,
        check=False,
    )


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present")
def test_the_clerks_week(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(p for p in CORPUS_DOCS.iterdir() if p.suffix.lower() in WEEK_SUFFIXES)
    assert len(files) >= 20
    archive = tmp_path / "Van ban"
    for index, path in enumerate(files):  # two folders, as an office keeps them
        folder = archive / ("Chính quyền" if index % 2 else "Đảng ủy")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, folder / path.name)
    graph = archive / "graph.yaml"
    monkeypatch.chdir(tmp_path)

    # Monday: the archive read into a graph kept in the archive's own folder
    parsed = runner.invoke(app, ["parse", str(archive), "-o", str(graph)])
    assert parsed.exit_code == 0, parsed.stderr
    monday = _sources(graph)
    assert sorted(monday) == sorted(p.name for p in files)
    ids = {name: source["id"] for name, source in monday.items()}

    # Tuesday: one letter added, one changed, one deleted; Word and LibreOffice hold locks
    government = sorted((archive / "Chính quyền").iterdir())
    changed, deleted = [p for p in government if p.suffix == ".txt"][:2]
    added = archive / "Đảng ủy" / "cong-van-moi.txt"
    added.write_text(
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.\n",
        encoding="utf-8",
    )
    with changed.open("a", encoding="utf-8") as text:
        text.write("\nThực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.\n")
    deleted.unlink()
    (archive / "Đảng ủy" / "~$cong-van-moi.docx").write_bytes(b"\x0bvt\x00\x00" * 30)
    (archive / "Đảng ủy" / ".~lock.cong-van-moi.docx#").write_text("x,x,x;\n", encoding="utf-8")
    updated = runner.invoke(app, ["parse", "--update", str(graph)])
    assert updated.exit_code == 0, updated.stderr
    assert f"removed: {deleted.relative_to(tmp_path).as_posix()}" in updated.stderr.replace(
        "\\", "/"
    )
    assert "skipped" not in updated.stderr
    tuesday = _sources(graph)
    assert sorted(tuesday) == sorted({*monday, added.name} - {deleted.name})
    assert "155-KH/TU" in {r[0] for r in _references(tuesday[added.name])}
    assert "30/2020/NĐ-CP" in {r[0] for r in _references(tuesday[changed.name])}
    for name in set(monday) - {deleted.name, changed.name}:
        assert _references(tuesday[name]) == _references(monday[name]), name  # nothing lost
        assert tuesday[name]["id"] == ids[name], name

    # Wednesday: the folder renamed; its files moved, not read again, their ids kept
    (archive / "Chính quyền").rename(archive / "UBND tỉnh")
    renamed = runner.invoke(app, ["parse", "--update", str(graph)])
    assert renamed.exit_code == 0, renamed.stderr
    moves = [line for line in renamed.stderr.splitlines() if line.startswith("moved: ")]
    assert len(moves) == len(government) - 1
    assert all("UBND tỉnh" in line for line in moves)
    wednesday = _sources(graph)
    assert {name: s["id"] for name, s in wednesday.items()} == {
        name: s["id"] for name, s in tuesday.items()
    }
    assert {n: _references(s) for n, s in wednesday.items()} == {
        n: _references(s) for n, s in tuesday.items()
    }

    # Thursday: the site written inside the archive, then an update from another folder
    site = runner.invoke(app, ["site", str(graph), "-o", str(archive / "trang-web")])
    assert site.exit_code == 0, site.stderr
    elsewhere = tmp_path / "may-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    again = runner.invoke(app, ["parse", "--update", os.path.relpath(graph, elsewhere)])
    assert again.exit_code == 0, again.stderr
    assert "0 file(s) parsed" in again.stderr and ", 0 removed" in again.stderr
    thursday = _graph(graph)
    assert _sources(graph) == wednesday  # the site's pages are never read as documents
    documents = thursday["documents"]
    assert isinstance(documents, dict)
    kept = {name: s for name, s in monday.items() if name != deleted.name}
    for name, source in kept.items():  # every document read or cited keeps its id
        assert source["id"] in documents, name
        for target, _text, _line in _references(source):
            assert target in documents, (name, target)

    # Friday: the workbook for the director, and the list redirected on Windows
    book = tmp_path / "tham-chieu.xlsx"
    exported = runner.invoke(app, ["export", str(graph), "--table", "references", "-o", str(book)])
    assert exported.exit_code == 0, exported.stderr
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    references = sum(len(_references(s)) for s in wednesday.values())
    assert sheet.max_row == references + 1  # a header row, then one row a reference
    listed = _run("--lang", "vi", "list", str(graph), "--all", cwd=elsewhere, encoding="cp1252")
    assert listed.returncode == 0, listed.stderr
    said = listed.stdout.decode("utf-8")
    assert said.splitlines()[-1] == f"{len(documents)} văn bản" or (
        f"{len(documents)} văn bản" in said
    )
    for key in documents:
        assert key in said, key
