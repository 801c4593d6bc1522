"""Fuzz vanban where users reach it: whole documents, every reader, the commands, graph files.

    python benchmarks/fuzz.py --minutes 10 [--timeout 10]

Rounds of five targets, each fed by hypothesis until the time is up:

* ``documents``: the seed and the samples, mutated (spans cut, repeated or moved, reference
  material inserted) and reshaped (one line break per paragraph, CRLF, hard-wrapped with page
  numbers, tab indents): parsed, built into a graph, checked, and the graph written to YAML and
  read back equal;
* ``readers``: the same texts as a .docx and an .html page built on the fly, and the fixture
  PDF with random bytes changed, through ``read_file``: text, or an ``InputError``;
* ``commands``: a folder of mutated documents through ``parse -o``, ``parse --update``,
  ``check``, ``show``, ``list``, ``graph`` and ``search``: exit 0, 1 or 2, never a traceback;
* ``graphs``: a valid graph with one field anywhere (not only at the top) replaced by
  arbitrary data: loaded, or refused with a ``VanbanError``; what loads is queried and checked;
* ``texts``: arbitrary Unicode and reference-like pieces through the whole pipeline;
* ``registers``: generated rows as an .xlsx whose sheet XML is edited (a dimension of
  A1:XFD1048576, a row past Excel's last, a cell at column XFD, broken tags, entities, cell
  types) and as a .csv with stray bytes: rows, or one ``InputError``;
* ``bombs``: PDFs drawing an operator thousands of times or a fan of pictures up to nine
  deep, and .docx files of up to 30,000 parts, read within 2 s and 256 MB: text, or one
  ``InputError``;
* ``indexes``: a damaged, edited, foreign or linked ``graph.db`` beside a good graph: each query
  answers as with vanban's own index, or exits 2 in one line naming the graph or the index;
* ``sites``: a site folder whose list of pages names anything and whose folders or pages are
  links out or files: the same pages, or one line, and nothing changed outside the folder.

``--only indexes sites`` runs some of the targets. The examples run in a child process. The
parent is the watchdog: when one example runs past ``--timeout`` seconds, it kills the child,
saves the example under ``.fuzz/`` and reports it. Any failure is saved there too, to become a
regression test.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import multiprocessing
import random
import sys
import time
import traceback
import zipfile
import zlib
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
PDF_FIXTURE = ROOT / "tests" / "fixtures" / "seed.pdf"
WORK = Path(".fuzz")

PIECES = [
    "số ", "Số: ", "1-KH/", "/", "-", "155-KH/TU", "30/2020/NĐ-CP", "10000-KH/TU", "ngày ",
    "15/6/2023", "của ", "Ban Thường vụ Thị ủy", "⁽¹⁾", "⁽²⁾", "[2]", "[1000]", "\n\n", "\n",
    " ", "về thực hiện ", "Kế hoạch ", "Nghị quyết ", "khóa XIII", "(", ")", "“", "”", ",",
    ";", ".", "²", "|", "QUYẾT ĐỊNH\n", "La Gi, ngày 08 tháng 12 năm 2023",
    "Ngày 08/12/2023, Ban Chấp hành đã họp", "thay thế ", "sửa đổi, bổ sung ",
    "Quyết định này ", "(Kèm theo ", "Điều 1. ", "II. ", "3.3. ", "31/02/2023", "\u200f",
    "\x1b[2J", "&#x002F;", "\f", "- 2 -", "Trang 2/9",
    "Q u y ế t đ ị n h s ố 0 1 / Q Đ - C T N n g à y 0 5 / 0 1 / 2 0 2 6 ", "c ủ a\n",
    "t ỉ n h ", "\n1 Luật Đất đai năm 2024.\n", "\n2 Nghị định số 10/2025/NĐ-CP.\n", "Tỉnh ủy2",
    "NĐ-CP1", "QH151 ", "<div class=\"sidebar\">", "<h3>Văn bản liên quan</h3>",
]  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=2000), st.lists(st.sampled_from(PIECES), max_size=200).map("".join)
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


# --- mutations ------------------------------------------------------------------------------


def reshape(text: str, shape: int, rng: random.Random) -> str:
    """The same document as people hold it: Word text, CRLF, pdftotext, tab indents."""
    if shape == 1:
        return text.replace("\n\n", "\n")
    if shape == 2:
        return text.replace("\n", "\r\n")
    if shape == 3:
        width, lines, page = rng.randint(40, 90), [], 1
        for paragraph in text.split("\n"):
            while len(paragraph) > width:
                lines.append(paragraph[:width])
                paragraph = paragraph[width:]
            lines.append(paragraph)
            if rng.random() < 0.05:
                page += 1
                lines += ["", str(page), ""]
        return "\n".join(lines)
    if shape == 4:
        return "\n".join("\t" + line if line else line for line in text.split("\n"))
    return text


def mutate(text: str, rng: random.Random, steps: int) -> str:
    for _ in range(steps):
        if not text:
            break
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randint(1, 200))
        choice = rng.randrange(4)
        if choice == 0:
            text = text[:start] + text[end:]
        elif choice == 1:
            text = text[:end] + text[start:end] + text[end:]
        elif choice == 2:
            text = text[:start] + rng.choice(PIECES) + text[start:]
        else:
            piece = text[start:end]
            text = text[:start] + text[end:]
            where = rng.randrange(len(text) + 1)
            text = text[:where] + piece + text[where:]
    return text


DOCUMENT = st.tuples(
    st.sampled_from(range(len(SAMPLES))),
    st.integers(0, 4),
    st.integers(0, 30),
    st.integers(0, 2**32 - 1),
).map(
    lambda t: reshape(
        mutate(SAMPLES[t[0]].read_text(encoding="utf-8"), random.Random(t[3]), t[2]),
        t[1],
        random.Random(t[3]),
    )
)


# --- targets (run in the child) --------------------------------------------------------------


def _note(example: str) -> None:
    """Leave the example where the watchdog finds it if this one does not finish."""
    (WORK / "current.txt").write_text(example, encoding="utf-8", errors="surrogatepass")
    (WORK / "started").write_text(str(time.time()), encoding="utf-8")


def _pipeline(text: str) -> None:
    from vanban import build_graph, parse_text
    from vanban.checks.registry import run_checks
    from vanban.core.records import CitationGraph
    from vanban.query.view import ListFilter, MemoryView
    from vanban.query.views import list_documents, stats
    from vanban.storage.graph_file import dump_yaml

    graph = build_graph([parse_text(text, path="f.txt")])
    data = graph.to_dict()
    if CitationGraph.from_dict(yaml.safe_load(dump_yaml(data))).to_dict() != data:
        raise AssertionError("the YAML of a graph does not read back equal")
    view = MemoryView(graph)
    run_checks(view)
    stats(view)
    list_documents(view, ListFilter(everything=True))


def _readers(text: str, seed: int) -> None:
    import docx

    from vanban.core.errors import InputError
    from vanban.readers.registry import read_file

    folder = WORK / "readers"
    folder.mkdir(exist_ok=True)
    clean = "".join(c for c in text if c in "\t\n" or (c.isprintable() and c != "\x7f"))
    document = docx.Document()
    for paragraph in clean.split("\n"):
        document.add_paragraph(paragraph)
    document.save(str(folder / "a.docx"))
    escaped = clean.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
    page = f"<html><head><meta charset='utf-8'></head><body><p>{escaped}</p></body></html>"
    (folder / "a.html").write_text(page, encoding="utf-8")
    pdf = bytearray(PDF_FIXTURE.read_bytes())
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 20)):
        pdf[rng.randrange(len(pdf))] = rng.randrange(256)
    (folder / "a.pdf").write_bytes(bytes(pdf))
    for name in ("a.docx", "a.html", "a.pdf"):
        with contextlib.suppress(InputError):
            read_file(folder / name)


REGISTER_HEADER = ["Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành"]
CELLS = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(["5-KH/TU", "1234/QĐ-UBND", "01/02/2023", "ngày 15 tháng 6 năm 2023", "#REF!"]),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=True, allow_infinity=True),
)
SHEET_EDITS = st.sampled_from(
    [
        (b'<dimension ref="A1:D3"/>', b'<dimension ref="A1:XFD1048576"/>'),
        (b"</sheetData>", b'<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'),
        (b"</sheetData>", b'<row r="5"><c r="XFD5"><v>1</v></c></row></sheetData>'),
        (b"</sheetData>", b"<row r='9'><c r='A9'><v>1</v></row></sheetData>"),
        (b'<c r="B2"', b'<c r="B2" t="d"'),
        (b'<c r="B2"', b'<c r="B2" t="s"'),
        (b"<worksheet", b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]><worksheet'),
        (b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet'),
    ]
)


def _registers(rows: list[list[Any]], edits: list[tuple[bytes, bytes]], noise: bytes) -> None:
    """A register of generated cells as an .xlsx (its sheet's XML edited: dimensions, rows past
    Excel's, broken tags, entities, cell types) and as a .csv (with stray bytes): rows, or one
    ``InputError``."""
    import csv

    import openpyxl

    from vanban.core.errors import InputError
    from vanban.register.book import read_register

    folder = WORK / "registers"
    folder.mkdir(exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [REGISTER_HEADER, *rows]:
        with contextlib.suppress(ValueError, TypeError):  # what openpyxl refuses to write
            sheet.append([c.translate(_NO_CONTROLS) if isinstance(c, str) else c for c in row[:6]])
    data = io.BytesIO()
    book.save(data)
    package = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data.getvalue())) as source,
        zipfile.ZipFile(package, "w") as target,
    ):
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in edits:
                    part = part.replace(old, new, 1)
            target.writestr(item.filename, part)
    (folder / "so.xlsx").write_bytes(package.getvalue())
    table = io.StringIO()
    csv.writer(table).writerows([REGISTER_HEADER, *[[str(c) for c in row] for row in rows]])
    encoded = table.getvalue().encode("utf-8", errors="surrogatepass")
    cut = len(encoded) // 2
    (folder / "so.csv").write_bytes(encoded[:cut] + noise + encoded[cut:])
    for name in ("so.xlsx", "so.csv"):
        with contextlib.suppress(InputError):
            read_register(folder / name)


_NO_CONTROLS = {c: None for c in range(32) if c not in (9, 10, 13)}


def _pdf(content: bytes, resources: str = "", *extra: bytes) -> bytes:
    """A one-page PDF drawing ``content`` (compressed), with more objects from 5 on."""
    stream = zlib.compress(content)
    font = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        f"/Resources << {font} {resources} >> >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_LINE = b"BT /F1 12 Tf 72 700 Td (Ke hoach so 5-KH/TU) Tj ET\n"


def _bombs(kind: int, size: int) -> None:
    """A PDF drawing an operator ``size`` times or a fan of pictures ``size`` deep, or a .docx
    of ``size`` parts, read within a budget of 2 s and 256 MB: text, or one ``InputError``."""
    from vanban.core.errors import InputError
    from vanban.readers.registry import read_file
    from vanban.readers.source import ReadOptions

    folder = WORK / "bombs"
    folder.mkdir(exist_ok=True)
    if kind == 0:
        path = folder / "bom.pdf"
        path.write_bytes(_pdf(_LINE + b"0 0 m 1 1 l S\n" * (size * 1000)))
    elif kind == 1:
        depth = 1 + size % 9
        forms = []
        for level in range(depth):
            inner = b"/X%d Do\n" % (level - 1) * 10 if level else _LINE
            names = f"/XObject << /X{level - 1} {4 + level} 0 R >>" if level else ""
            forms.append(
                f"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {names} >> "
                f"/Length {len(inner)} >>\nstream\n".encode()
                + inner
                + b"\nendstream"
            )
        path = folder / "quat.pdf"
        top = depth - 1
        path.write_bytes(
            _pdf(b"/X%d Do\n" % top * 10, f"/XObject << /X{top} {5 + top} 0 R >>", *forms)
        )
    else:
        path = folder / "nhieu.docx"
        with zipfile.ZipFile(path, "w") as package:
            for number in range(size * 10):
                package.writestr(f"word/phan{number}.xml", b"<a/>")
    with contextlib.suppress(InputError):
        read_file(path, ReadOptions(work_seconds=2, work_memory=256 * 1024 * 1024))


def _commands(texts: list[str]) -> None:
    from typer.testing import CliRunner

    from vanban.cli import app

    folder = WORK / "archive"
    for old in folder.glob("*"):
        old.unlink()
    folder.mkdir(exist_ok=True)
    for index, text in enumerate(texts):
        (folder / f"d{index}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    graph = str(WORK / "graph.yaml")
    runner = CliRunner()
    commands = [
        ["parse", str(folder), "-o", graph],
        ["check", graph],
        ["list", graph, "--all", "--format", "csv"],
        ["show", "155-KH/TU", graph],
        ["graph", graph, "--format", "mermaid"],
        ["search", "ke hoach thuc hien", graph],
        ["parse", "--update", graph],
    ]
    for command in commands:
        result = runner.invoke(app, command)
        if result.exit_code not in (0, 1, 2) or "unexpected" in result.stderr:
            raise AssertionError(f"{command}: exit {result.exit_code}: {result.stderr}")


def _graph_with(value: object, path: list[int]) -> None:
    from vanban import build_graph, parse_text
    from vanban.checks.registry import run_checks
    from vanban.core.errors import VanbanError
    from vanban.query.view import MemoryView
    from vanban.query.views import stats
    from vanban.storage.graph_file import dump_yaml, parse_graph

    text = SAMPLES[0].read_text(encoding="utf-8")
    data: Any = build_graph([parse_text(text, path="a.txt")]).to_dict()
    holder, key = _somewhere(data, path)
    holder[key] = value
    raw = dump_yaml(json.loads(json.dumps(data, default=str))).encode("utf-8")
    try:
        view = MemoryView(parse_graph(raw, Path("graph.yaml")))
    except VanbanError:
        return
    run_checks(view)
    stats(view)


def _somewhere(data: Any, path: list[int]) -> tuple[Any, Any]:
    """A place inside ``data`` chosen by the numbers of ``path``: (container, key)."""
    holder: Any = data
    key: Any = sorted(data)[path[0] % len(data)]
    for step in path[1:]:
        inner = holder[key]
        if isinstance(inner, dict) and inner:
            holder, key = inner, sorted(inner)[step % len(inner)]
        elif isinstance(inner, list) and inner:
            holder, key = inner, step % len(inner)
        else:
            break
    return holder, key


# --- indexes and site folders: what lies beside a good graph ---------------------------------

_SQL_EDITS = [
    "DROP TABLE documents",
    "DROP TABLE meta",
    "DROP TABLE edges",
    "ALTER TABLE documents RENAME TO d",
    "UPDATE documents SET date = 5",
    "UPDATE documents SET kind = x'ff00'",
    "UPDATE documents SET title = 'forged'",
    "UPDATE meta SET value = 'x' WHERE key = 'sha256'",
    "UPDATE meta SET value = 'other.yaml' WHERE key = 'graph'",
    "UPDATE meta SET value = '-1' WHERE key = 'size'",
    "DELETE FROM meta",
    "DELETE FROM edges",
    "PRAGMA user_version = 999",
    "DROP TABLE meta; CREATE VIEW meta(key, value) AS SELECT 'graph', 'graph.yaml'",
    "DROP TABLE meta; CREATE VIEW meta(key, value) AS WITH RECURSIVE r(n) AS (SELECT 1 "
    "UNION ALL SELECT n + 1 FROM r) SELECT 'k' || n, n FROM r",
    "CREATE TABLE other(x); INSERT INTO other VALUES (zeroblob(100000))",
    "CREATE TRIGGER t BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'no'); END",
]
_INDEX_KINDS = ("bytes", "truncated", "flipped", "sql", "sql-resealed", "foreign", "folder", "link")
_QUERIES = [
    ["list", "graph.yaml", "--all", "--format", "csv"],
    ["show", "32-CT/TU", "graph.yaml"],
    ["search", "ke hoach thuc hien", "graph.yaml"],
    ["export", "graph.yaml", "--table", "documents", "-o", "-"],
    ["site", "graph.yaml", "-o", "site"],
]


def _tree(folder: Path) -> dict[str, bytes | str]:
    """What a folder holds: each file's bytes and each link's target, by path."""
    held: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            held[name] = "-> " + str(Path(path).readlink())
        elif path.is_file():
            held[name] = path.read_bytes()
    return held


def _outside() -> tuple[Path, dict[str, bytes | str]]:
    """A folder beside the example's that no command may change, and what it holds."""
    folder = WORK / "outside"
    if not folder.is_dir():
        (folder / "keep").mkdir(parents=True)
        (folder / "secret.txt").write_text("Kế hoạch số 9-KH/TU ngày 01/02/2023\n", "utf-8")
        (folder / "keep" / "index.html").write_text("not vanban's\n", encoding="utf-8")
    return folder, _tree(folder)


def _invoke(folder: Path, command: list[str]) -> tuple[int, str, str, dict[str, bytes | str]]:
    """A command run in ``folder``: its exit, output, error output, and the site it wrote."""
    import os

    from typer.testing import CliRunner

    from vanban.cli import app

    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["--lang", "en", *command])
    finally:
        os.chdir(here)
    site = folder / "site"
    pages = _tree(site) if command[0] == "site" and site.is_dir() and not site.is_symlink() else {}
    pages = {k: v for k, v in pages.items() if not k.startswith(".vanban-site")}
    return result.exit_code, result.stdout, result.stderr, pages


def _one_line_error(command: list[str], stderr: str, names: tuple[str, ...]) -> None:
    """Exit 2 must say one line naming the file (warnings may come before it)."""
    errors = [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    if len(errors) != 1 or not errors[0].startswith("Error: ") or "unexpected" in errors[0]:
        raise AssertionError(f"{command}: exit 2 without one line: {stderr!r}")
    if not any(name in errors[0] for name in names):
        raise AssertionError(f"{command}: the error names no file: {errors[0]!r}")


def _answers(folder: Path) -> dict[str, tuple[int, str, dict[str, bytes | str]]]:
    """What each query answers in ``folder`` with its index as vanban made it (made once)."""
    import shutil

    if not _answers_cache:
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "archive").mkdir(parents=True)
        for sample in SAMPLES:
            shutil.copy(sample, folder / "archive" / sample.name)
        code, _, stderr, _ = _invoke(folder, ["parse", "archive", "-o", "graph.yaml"])
        assert code == 0, stderr
        answers = {}
        for command in _QUERIES:
            code, out, _, pages = _invoke(folder, command)
            shutil.rmtree(folder / "site", ignore_errors=True)
            answers[command[0]] = (code, out if command[0] != "site" else "", pages)
        (folder / "graph.pristine.db").write_bytes((folder / "graph.db").read_bytes())
        (folder / "graph.pristine.yaml").write_bytes((folder / "graph.yaml").read_bytes())
        _answers_cache.update(answers)
    return _answers_cache


_answers_cache: dict[str, tuple[int, str, dict[str, bytes | str]]] = {}


def _reseal(index: Path) -> None:
    """Give an edited index the seal vanban would: the change count its file will hold."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(index, isolation_level=None)) as connection:
        counter = int.from_bytes(index.read_bytes()[24:28], "big")
        with contextlib.suppress(sqlite3.Error):
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('seal', ?)", (str(counter + 1),)
            )


def _indexes(kind: str, data: bytes, cut: int, edits: list[str], seed: int) -> None:
    """A graph.db beside a good graph.yaml: garbage, truncated, damaged bytes, edited with SQL
    (and resealed), another program's database, a folder, a link out of the folder. Every query
    answers as with vanban's own index, or exits 2 in one line naming the graph or the index;
    the graph file and the folder beside are never changed."""
    import shutil
    import sqlite3

    folder = WORK / "indexes"
    answers = _answers(folder)
    outside, before = _outside()
    pristine = (folder / "graph.pristine.db").read_bytes()
    for path in folder.iterdir():
        if path.name == "archive" or ".pristine." in path.name:
            continue
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    (folder / "graph.yaml").write_bytes((folder / "graph.pristine.yaml").read_bytes())
    index = folder / "graph.db"
    if kind == "bytes":
        index.write_bytes(data)
    elif kind == "truncated":
        index.write_bytes(pristine[: cut % (len(pristine) + 1)])
    elif kind == "flipped":
        damaged = bytearray(pristine)
        rng = random.Random(seed)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        index.write_bytes(bytes(damaged))
    elif kind in ("sql", "sql-resealed"):
        index.write_bytes(pristine)
        with contextlib.closing(sqlite3.connect(index, isolation_level=None)) as connection:
            for edit in edits:
                with contextlib.suppress(sqlite3.Error):
                    connection.executescript(edit)
        if kind == "sql-resealed":
            _reseal(index)
    elif kind == "foreign":
        with contextlib.closing(sqlite3.connect(index)) as connection:
            connection.executescript("CREATE TABLE documents(id); CREATE TABLE notes(x);")
    elif kind == "folder":
        index.mkdir()
        (index / "x").write_bytes(data)
    else:
        (outside / "linked.db").write_bytes(pristine)
        index.symlink_to((outside / "linked.db").resolve())
        before = _tree(outside)
    # crafted whole, or bytes changed under SQLite without its change counter: read as an
    # index, its values its own (a page holds no checksum to tell a changed value by)
    forged = kind in ("sql-resealed", "flipped")
    for command in _QUERIES:
        code, out, stderr, pages = _invoke(folder, command)
        shutil.rmtree(folder / "site", ignore_errors=True)
        if code == 2:
            _one_line_error(command, stderr, ("graph.yaml", "graph.db"))
        elif "unexpected" in stderr:
            raise AssertionError(f"{command} ({kind}): {stderr}")
        elif (
            not forged and (code, out if command[0] != "site" else "", pages) != answers[command[0]]
        ):
            raise AssertionError(f"{command} ({kind}, {edits}): another answer: {out[:500]}")
    if (folder / "graph.yaml").read_bytes() != (folder / "graph.pristine.yaml").read_bytes():
        raise AssertionError(f"the graph file was changed ({kind})")
    if _tree(outside) != before:
        raise AssertionError(f"a file outside the folder was changed ({kind})")


_MANIFEST_LINES = st.one_of(
    st.sampled_from(
        [
            "index.html",
            "graph.svg",
            "documents/32-ct-tu.html",
            "findings/a.html",
            "/etc/hostname",
            "{outside}/secret.txt",
            "../outside/secret.txt",
            "documents/../../outside/secret.txt",
            "documents/../../../outside/secret.txt",
            "documents/x.html\x00",
            "documents\\..\\..\\outside\\secret.txt",
            "",
            ".vanban-site",
            ".vanban-site.lock",
            "documents",
            "findings/",
        ]
    ),
    st.text(max_size=40),
    st.integers(1, 200_000).map(lambda n: "documents/" + "a" * n + ".html"),
)
_SITE_SHAPES = (
    "plain",
    "documents-file",
    "documents-link",
    "findings-link",
    "page-link",
    "index-link",
    "manifest-binary",
    "manifest-link",
    "manifest-folder",
)


def _sites(shape: str, lines: list[str], noise: bytes) -> None:
    """A site folder an earlier run (or someone) left: a list of pages naming anything, pages
    and folders of pages that are links out or files; ``site`` writes the same pages as into a
    new folder, or exits 2 in one line naming the folder, and changes nothing outside it."""
    import shutil

    folder = WORK / "indexes"
    answers = _answers(folder)
    outside, _ = _outside()
    site = folder / "site"
    if site.is_symlink() or site.is_file():
        site.unlink()
    shutil.rmtree(site, ignore_errors=True)
    (site / "documents").mkdir(parents=True)
    (site / "documents" / "old.html").write_text("<!DOCTYPE html>\n", encoding="utf-8")
    manifest = site / ".vanban-site"
    text = "\n".join(line.replace("{outside}", str(outside.resolve())) for line in lines)
    manifest.write_bytes(text.encode("utf-8", "surrogatepass") + b"\n")
    if shape == "documents-file":
        shutil.rmtree(site / "documents")
        (site / "documents").write_bytes(noise)
    elif shape == "documents-link":
        shutil.rmtree(site / "documents")
        (site / "documents").symlink_to((outside / "keep").resolve())
    elif shape == "findings-link":
        (site / "findings").symlink_to((outside / "keep").resolve())
    elif shape == "page-link":
        (site / "documents" / "32-ct-tu.html").symlink_to((outside / "secret.txt").resolve())
    elif shape == "index-link":
        (site / "index.html").symlink_to((outside / "keep" / "index.html").resolve())
    elif shape == "manifest-binary":
        manifest.write_bytes(noise + b"\xff\xfe\x00index.html\n")
    elif shape == "manifest-link":
        manifest.unlink()
        manifest.symlink_to((outside / "secret.txt").resolve())
    elif shape == "manifest-folder":
        manifest.unlink()
        manifest.mkdir()
    outside, before = _outside()
    (folder / "graph.yaml").write_bytes((folder / "graph.pristine.yaml").read_bytes())
    command = ["site", "graph.yaml", "-o", "site"]
    code, _, stderr, pages = _invoke(folder, command)
    if code == 2:
        _one_line_error(command, stderr, ("site",))
    elif code != 0 or "unexpected" in stderr:
        raise AssertionError(f"site ({shape}): exit {code}: {stderr}")
    else:
        expected = answers["site"][2]
        made = {k: v for k, v in pages.items() if k in expected}
        if made != expected:
            wrong = sorted(k for k in expected if pages.get(k) != expected[k])[:5]
            raise AssertionError(f"site ({shape}, {lines[:5]!r}): other pages: {wrong}")
    if _tree(outside) != before:
        raise AssertionError(f"site ({shape}, {lines[:5]!r}) changed a file outside its folder")


def child(seconds: float, examples: int, wanted: list[str] | None = None) -> None:
    """Run rounds of every target until ``seconds`` have passed; failures raise."""
    common = settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=False,
    )

    @common
    @given(DOCUMENT)
    def documents(text: str) -> None:
        _note(text)
        _pipeline(text)

    @common
    @given(DOCUMENT, st.integers(0, 2**32 - 1))
    def readers(text: str, seed: int) -> None:
        _note(text)
        _readers(text, seed)

    @settings(
        max_examples=max(2, examples // 25),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.lists(DOCUMENT, min_size=1, max_size=4))
    def commands(texts: list[str]) -> None:
        _note("\n\f\n".join(texts))
        _commands(texts)

    @common
    @given(JSONISH, st.lists(st.integers(0, 1000), min_size=1, max_size=6))
    def graphs(value: object, path: list[int]) -> None:
        _note(json.dumps([value, path], default=str))
        _graph_with(value, path)

    @common
    @given(TEXT)
    def texts(text: str) -> None:
        _note(text)
        _pipeline(text)

    @common
    @given(
        st.lists(st.lists(CELLS, max_size=6), max_size=12),
        st.lists(SHEET_EDITS, max_size=3),
        st.binary(max_size=4),
    )
    def registers(rows: list[list[Any]], edits: list[tuple[bytes, bytes]], noise: bytes) -> None:
        _note(repr((rows, edits, noise)))
        _registers(rows, edits, noise)

    @settings(
        max_examples=max(2, examples // 25),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.integers(0, 2), st.integers(1, 3000))
    def bombs(kind: int, size: int) -> None:
        _note(f"bomb {kind} of size {size}")
        _bombs(kind, size)

    few = settings(
        max_examples=max(2, examples // 10),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )

    @few
    @given(
        st.sampled_from(_INDEX_KINDS),
        st.binary(max_size=4096),
        st.integers(0, 2**20),
        st.lists(st.sampled_from(_SQL_EDITS), min_size=1, max_size=3),
        st.integers(0, 2**32 - 1),
    )
    def indexes(kind: str, data: bytes, cut: int, edits: list[str], seed: int) -> None:
        _note(repr((kind, data[:100], cut, edits, seed)))
        _indexes(kind, data, cut, edits, seed)

    @few
    @given(
        st.sampled_from(_SITE_SHAPES),
        st.lists(_MANIFEST_LINES, max_size=8),
        st.binary(max_size=64),
    )
    def sites(shape: str, lines: list[str], noise: bytes) -> None:
        _note(repr((shape, [line[:200] for line in lines], noise)))
        _sites(shape, lines, noise)

    end = time.monotonic() + seconds
    rounds = 0
    targets = (documents, readers, commands, graphs, texts, registers, bombs, indexes, sites)
    only = [t for t in targets if t.__name__ in (wanted or ())] or list(targets)
    while time.monotonic() < end:
        for target in only:
            target()
        rounds += 1
        (WORK / "rounds").write_text(str(rounds), encoding="utf-8")


def _run_child(seconds: float, examples: int, wanted: list[str] | None = None) -> None:
    sys.stdout = io.StringIO()  # hypothesis and the CLI stay quiet
    logging.disable(logging.WARNING)  # pdfminer's notes on the damaged PDFs
    try:
        child(seconds, examples, wanted)
    except BaseException:
        (WORK / "failure.txt").write_text(traceback.format_exc(), encoding="utf-8")
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per example")
    parser.add_argument("--examples", type=int, default=50, help="per target per round")
    parser.add_argument("--only", nargs="*", help="targets to run (default: all)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    for old in ("failure.txt", "started", "rounds"):
        (WORK / old).unlink(missing_ok=True)
    started = time.monotonic()
    process = multiprocessing.Process(
        target=_run_child, args=(args.minutes * 60, args.examples, args.only), daemon=True
    )
    process.start()
    while process.is_alive():
        time.sleep(0.5)
        try:
            began = float((WORK / "started").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if time.time() - began > args.timeout:
            process.kill()
            hung = WORK / "hung.txt"
            hung.write_bytes((WORK / "current.txt").read_bytes())
            print(f"an example ran over {args.timeout:.0f} s; saved in {hung}")
            sys.exit(1)
    rounds = (WORK / "rounds").read_text(encoding="utf-8") if (WORK / "rounds").exists() else "0"
    minutes = (time.monotonic() - started) / 60
    if process.exitcode != 0:
        print(f"failure after {minutes:.1f} min; see {WORK / 'failure.txt'}")
        print((WORK / "failure.txt").read_text(encoding="utf-8")[-3000:])
        sys.exit(1)
    print(
        f"{minutes:.1f} min, {rounds} rounds of {args.examples} documents, readers, graphs and "
        f"texts and {max(2, args.examples // 25)} command runs each: no failure, no example "
        f"over {args.timeout:.0f} s"
    )


if __name__ == "__main__":
    main()
