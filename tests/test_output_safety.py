"""What vanban writes cannot be turned against its reader: no CSV cell a spreadsheet runs, no
line forged by a name, no Mermaid statement smuggled in a kind, no XML that does not parse, no
output written over one of its inputs, no worker left behind, no traceback."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app
from vanban.output.escape import csv_cell, one_line, printable, xml_text

from .conftest import SEED

HEADED = (
    "ĐẢNG CỘNG SẢN VIỆT NAM\nTHỊ ỦY X\nSố 9-KH/TU\n\nKẾ HOẠCH\n{title}\n\n"
    "Thực hiện Kế hoạch số 5-KH/TU, ngày 01/02/2023 của Thị ủy.\n"
)
CITING = "Thực hiện Kế hoạch số 5-KH/TU của Thị ủy.\n"
FORGED = "x\nok.txt:9:9: VB999 error: forged \u202egnp.txt"
"""A file name that, printed as it is, adds a finding line of its own and reverses its end."""


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Kế hoạch 5-KH/TU", "Kế hoạch 5-KH/TU"),
        (12, 12),
        (-3, -3),
        (None, None),
    ],
)
def test_a_csv_cell_that_starts_a_formula_is_written_as_text(
    value: object, written: object
) -> None:
    assert csv_cell(value) == written


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a.txt\nok.txt:9:9: VB999 error", "a.txt\\nok.txt:9:9: VB999 error"),
        ("a\r\tb", "a\\r\\tb"),
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),
        ("\u2066x\u2069\u200e\u200f", "\\u2066x\\u2069\\u200e\\u200f"),
        ("a\u2028b", "a\\u2028b"),
        ("\x1b[2J", "\\x1b[2J"),
        ("Kế hoạch số 5-KH/TU", "Kế hoạch số 5-KH/TU"),
    ],
)
def test_one_line_escapes_breaks_controls_and_direction_marks(name: str, shown: str) -> None:
    assert one_line(name) == shown


def test_printable_keeps_lines_and_escapes_direction_marks() -> None:
    assert printable("a\u202eb\n\tc\x07") == "a\\u202eb\n\tc\\x07"


def test_xml_text_writes_what_xml_cannot_hold_visibly() -> None:
    assert xml_text("a\x01b\x0bc\tď\n\ufffe") == "a\\x01b\\x0bc\tď\n\\ufffe"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of two documents: one titled as a formula in a file whose name is a formula,
    one whose name forges a finding line; its graph ``g.yaml`` written beside them."""
    monkeypatch.chdir(tmp_path)
    Path("=1+1.txt").write_text(HEADED.format(title='=HYPERLINK("http://x","y")'), "utf-8")
    Path(FORGED).write_text(CITING, encoding="utf-8")
    assert CliRunner().invoke(app, ["parse", ".", "-o", "g.yaml"]).exit_code == 0
    return tmp_path


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize(
    ("args", "column", "expected"),
    [
        (["export", "g.yaml", "-t", "documents"], "title", ['\'=HYPERLINK("http://x","y")']),
        (["export", "g.yaml", "-t", "documents"], "path", ["'=1+1.txt", FORGED]),
        (["export", "g.yaml", "-t", "sources"], "path", ["'=1+1.txt", FORGED]),
        (["export", "g.yaml", "-t", "references"], "path", ["'=1+1.txt", FORGED]),
        (["list", "g.yaml", "--all", "-f", "csv"], "title", ['\'=HYPERLINK("http://x","y")']),
    ],
)
def test_csv_outputs_neutralise_formulas(
    runner: CliRunner, hostile: Path, args: list[str], column: str, expected: list[str]
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    rows = _cells(result.stdout)
    index = rows[0].index(column)
    assert sorted(row[index] for row in rows[1:] if row[index]) == sorted(expected)
    assert not [c for row in rows[1:] for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_a_file_name_cannot_forge_a_line_or_reverse_it(runner: CliRunner, hostile: Path) -> None:
    shown = "x\\nok.txt:9:9: VB999 error: forged \\u202egnp.txt"
    checked = runner.invoke(app, ["check", "."])
    assert checked.stdout.splitlines()[0] == (
        f"{shown}:1:11: VB101 warning [*]: undated reference to Kế hoạch 5-KH/TU"
    )
    outputs = {
        "check": checked.stdout,
        "show": runner.invoke(app, ["show", "5-KH/TU", "g.yaml"]).stdout,
        "search": runner.invoke(app, ["search", "thực hiện", "g.yaml"]).stdout,
        "list": runner.invoke(app, ["list", "g.yaml", "--all"]).stdout,
    }
    for command, output in outputs.items():
        assert not [line for line in output.splitlines() if line.startswith("ok.txt")], command
        assert "\u202e" not in output, command
    assert f"  {shown}:1:11" in outputs["show"].splitlines()
    found = [line for line in outputs["search"].splitlines() if line.startswith(f"{shown}:1  (")]
    assert len(found) == 1  # the file named on one line, the id of its document after it


def test_a_message_naming_a_file_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "a\nError: all is well\u202e.txt"
    result = runner.invoke(app, ["parse", str(missing)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path}/a\\nError: all is well\\u202e.txt: no such file or folder\n",
    )


def _seed_graph(runner: CliRunner, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    graph = tmp_path / "g.json"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph), "-f", "json"]).exit_code == 0
    return graph, json.loads(graph.read_text(encoding="utf-8"))


INJECTED = 'x"]\n  click n0 href "javascript:alert(1)"\n  zz["y'


def test_a_kind_cannot_inject_mermaid_or_dot_statements(runner: CliRunner, tmp_path: Path) -> None:
    graph, data = _seed_graph(runner, tmp_path)
    documents = data["documents"]
    assert isinstance(documents, dict)
    documents["01-KL/TW"]["kind"] = INJECTED
    graph.write_text(json.dumps(data), encoding="utf-8")
    mermaid = runner.invoke(app, ["graph", str(graph), "-f", "mermaid"]).stdout
    lines = mermaid.splitlines()
    assert lines[1] == (
        '  n0["x#34;#93;#92;n  click n0 href #34;javascript:alert#40;1#41;#34;#92;n  zz#91;#34;y'
        '<br/>01-KL/TW<br/>2021-05-18"]'
    )
    assert not [line for line in lines if line.lstrip().startswith(("click", "zz"))]
    dot = runner.invoke(app, ["graph", str(graph), "-f", "dot"]).stdout
    assert not [line for line in dot.splitlines() if line.lstrip().startswith("click")]
    assert (
        '"01-KL/TW" [label="x\\"]\\\\n  click n0 href \\"javascript:alert(1)\\"\\\\n  zz[\\"y'
        '\\n01-KL/TW\\n2021-05-18"' in dot
    )


@pytest.mark.parametrize(
    ("where", "relation", "message"),
    [
        (
            "edges",
            'implements\nclick n0 href "javascript:alert(1)"',
            "edges[0].relation: 'implements\\nclick n0 href \"javascript:a is not a relation's name "
            "(letters, digits, hyphens)",
        ),
        (
            "relations",
            "cites|x",
            "sources[0].relations[0].relation: 'cites|x' is not a relation's name "
            "(letters, digits, hyphens)",
        ),
    ],
)
def test_a_relation_must_be_a_name(
    runner: CliRunner, tmp_path: Path, where: str, relation: str, message: str
) -> None:
    graph, data = _seed_graph(runner, tmp_path)
    if where == "edges":
        data["edges"][0]["relation"] = relation  # type: ignore[index]
    else:
        data["sources"][0]["relations"][0]["relation"] = relation  # type: ignore[index]
    graph.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["graph", str(graph), "-f", "mermaid"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {graph}: not a vanban graph ({message})\n",
    )


def test_a_relation_written_by_hand_as_a_word_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    graph, data = _seed_graph(runner, tmp_path)
    data["edges"][0]["relation"] = "trích_dẫn"  # type: ignore[index]
    graph.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["graph", str(graph), "-f", "mermaid"])
    assert result.exit_code == 0
    assert "-->|trích_dẫn|" in result.stdout


def test_graphml_with_control_characters_parses(runner: CliRunner, tmp_path: Path) -> None:
    graph, data = _seed_graph(runner, tmp_path)
    data["documents"]["01-KL/TW"]["kind"] = "Kết\x01luận\x0b"  # type: ignore[index]
    data["documents"]["01-KL/TW"]["issuer"] = "Bộ\x1fChính trị"  # type: ignore[index]
    graph.write_text(json.dumps(data), encoding="utf-8")
    output = tmp_path / "g.graphml"
    result = runner.invoke(app, ["graph", str(graph), "-f", "graphml", "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    root = ElementTree.parse(output).getroot()
    space = "{http://graphml.graphdrawing.org/xmlns}"
    node = root.find(f".//{space}node[@id='01-KL/TW']")
    assert node is not None
    values = {data.get("key"): data.text for data in node}
    assert (values["kind"], values["issuer"]) == ("Kết\\x01luận\\x0b", "Bộ\\x1fChính trị")


def test_xlsx_export_with_control_characters_opens(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    name = tmp_path / "a\x01b.txt"
    name.write_text(HEADED.format(title="Kế\x02hoạch =SUM(1)"), encoding="utf-8")
    output = tmp_path / "x.xlsx"
    result = runner.invoke(app, ["export", str(name), "-t", "documents", "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(output)
    sheet = load_workbook(output, read_only=True)["documents"]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    header = rows[0]
    document = next(row for row in rows[1:] if row[header.index("Id")] == "9-KH/TU")
    assert document[header.index("Title")] == "Kế\\x02hoạch =SUM(1)"
    assert document[header.index("File")] == f"{tmp_path}/a\\x01b.txt"


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An archive of one document, a draft, a register and a graph of the archive."""
    monkeypatch.chdir(tmp_path)
    Path("archive").mkdir()
    Path("archive/file.txt").write_text(CITING, encoding="utf-8")
    Path("draft.txt").write_text(CITING, encoding="utf-8")
    Path("reg.csv").write_text("so,ngay,trich yeu\n5-KH/TU,01/02/2023,Ke hoach\n", "utf-8")
    assert CliRunner().invoke(app, ["parse", "archive", "-o", "ug.yaml"]).exit_code == 0
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("check draft.txt -o draft.txt", "draft.txt: is also an input"),
        ("check ug.yaml -o ug.yaml", "ug.yaml: is also an input"),
        ("check ug.yaml -o ./ug.yaml", "ug.yaml: is also an input"),
        (
            "check archive -o archive/file.txt",
            "archive/file.txt: is a document of archive, an input",
        ),
        ("html draft.txt --register reg.csv -o reg.csv", "reg.csv: is also an input"),
        ("parse archive --register reg.csv -o reg.csv", "reg.csv: is also an input"),
        (
            "parse archive -o archive/file.txt",
            "archive/file.txt: is a document of archive, an input",
        ),
        (
            "parse --update ug.yaml -o archive/file.txt",
            "archive/file.txt: is a document of archive, an input",
        ),
        ("parse --update ug.yaml --register reg.csv -o reg.csv", "reg.csv: is also an input"),
        ("export ug.yaml -o link.txt", "link.txt: is also an input"),
        ("graph draft.txt -o link.txt", "link.txt: is also an input"),
        ("check draft.txt -o pyproject.toml", "pyproject.toml: is also an input"),
        ("schema -o pyproject.toml", "pyproject.toml: is also an input"),
    ],
)
def test_an_output_never_replaces_an_input(
    runner: CliRunner, inputs: Path, args: str, message: str
) -> None:
    Path("pyproject.toml").write_text("[tool.vanban]\nstrict = true\n", encoding="utf-8")
    Path("link.txt").symlink_to("draft.txt" if "draft" in args else "ug.yaml")
    before = {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()}
    result = runner.invoke(app, args.split())
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {message}; give another file for the output\n",
    )
    after = {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()}
    assert after == before


def test_an_output_beside_the_inputs_is_written(runner: CliRunner, inputs: Path) -> None:
    for args in ("check archive -o archive/report.json", "parse archive -o archive/g.yaml"):
        assert runner.invoke(app, args.split()).exit_code == 0, args
    assert Path("archive/report.json").is_file() and Path("archive/g.yaml").is_file()


REAL_MO = Path(__file__).resolve().parent.parent / "src/vanban/locale/vi/LC_MESSAGES/vanban.mo"


def _vanban_with_catalogue(locale: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``vanban ARGS`` in a process of its own whose catalogues are looked for in ``locale``."""
    script = (
        "import sys\nfrom pathlib import Path\nimport vanban.core.i18n as i18n\n"
        "i18n.LOCALE = Path(sys.argv[1])\nimport vanban.cli\n"
        "sys.argv = ['vanban', *sys.argv[2:]]\nvanban.cli.main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(locale), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.parametrize(
    "content",
    [REAL_MO.read_bytes()[:100], b"", b"\x95\x04\x12\xde" + b"\xff" * 24],
    ids=["truncated", "empty", "offsets-past-the-end"],
)
def test_a_damaged_catalogue_gives_english_and_one_warning(tmp_path: Path, content: bytes) -> None:
    catalogue = tmp_path / "locale" / "vi" / "LC_MESSAGES" / "vanban.mo"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(content)
    missing = tmp_path / "khong-co.txt"
    result = _vanban_with_catalogue(tmp_path / "locale", "--lang", "vi", "parse", str(missing))
    assert (result.returncode, result.stderr) == (
        2,
        f"warning: {catalogue}: a damaged catalogue; messages in English\n"
        f"Error: {missing}: no such file or folder\n",
    )


def test_a_catalogue_entry_with_a_wrong_placeholder_is_said_in_english(tmp_path: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with REAL_MO.with_suffix(".po").open("rb") as stream:
        messages = read_po(stream)
    messages["{path}: no such file or folder"].string = "{nam}: không có tệp hay thư mục này"
    catalogue = tmp_path / "locale" / "vi" / "LC_MESSAGES" / "vanban.mo"
    catalogue.parent.mkdir(parents=True)
    with catalogue.open("wb") as stream:
        write_mo(stream, messages)
    missing = tmp_path / "khong-co.txt"
    result = _vanban_with_catalogue(tmp_path / "locale", "--lang", "vi", "parse", str(missing))
    assert (result.returncode, result.stderr) == (
        2,
        f"Lỗi: {missing}: no such file or folder\n",
    )


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--lang", "vi", "--help"], 0, "Đọc văn bản chỉ đạo"),
        (
            ["--lang", "vi", "parse", "khong-co.txt"],
            2,
            "Lỗi: khong-co.txt: không có tệp hay thư mục này",
        ),
    ],
)
def test_an_ascii_terminal_encoding_is_no_error(
    tmp_path: Path, args: list[str], code: int, said: str
) -> None:
    """``PYTHONIOENCODING=ascii``: to a pipe vanban writes UTF-8; on a terminal it writes what
    the terminal cannot show escaped; never a traceback nor the last-resort error."""
    environ = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "200"}
    piped = subprocess.run(
        [sys.executable, "-m", "vanban", *args],
        capture_output=True,
        cwd=tmp_path,
        env=environ,
        check=False,
    )
    output = (piped.stdout + piped.stderr).decode("utf-8")
    assert piped.returncode == code
    assert said in output
    assert "Traceback" not in output and "unexpected" not in output
    main, other = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "vanban", *args],
        stdout=other,
        stderr=other,
        cwd=tmp_path,
        env=environ,
    ) as shown:
        os.close(other)
        seen = b""
        with contextlib.suppress(OSError):  # the terminal closes with the program
            while chunk := os.read(main, 65536):
                seen += chunk
        os.close(main)
    assert shown.returncode == code
    text = seen.decode("ascii")
    assert said.encode("ascii", "backslashreplace").decode("ascii") in text.replace("\r\n", "\n")
    assert "Traceback" not in text and "unexpected" not in text and "NameError" not in text


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            "symbol=0",
            "--register-columns 'symbol=0': columns are counted from 1 (column A), e.g. symbol=2",
        ),
        (
            "symbol=B,date=00",
            "--register-columns 'date=00': columns are counted from 1 (column A), e.g. symbol=2",
        ),
    ],
)
def test_a_register_column_numbered_zero_is_refused(
    runner: CliRunner, inputs: Path, columns: str, message: str
) -> None:
    result = runner.invoke(
        app, ["list", "ug.yaml", "--register", "reg.csv", "--register-columns", columns]
    )
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("field", ["line", "version"])
def test_an_integer_of_5000_digits_in_a_graph_is_one_line(
    runner: CliRunner, tmp_path: Path, suffix: str, field: str
) -> None:
    graph = tmp_path / f"g{suffix}"
    fmt = "json" if suffix == ".json" else "yaml"
    assert runner.invoke(app, ["parse", str(SEED), "-o", str(graph), "-f", fmt]).exit_code == 0
    text = graph.read_text(encoding="utf-8")
    written = f'"{field}": ' if suffix == ".json" else f"{field}: "
    start = text.index(written) + len(written)
    end = start + len(text[start:]) - len(text[start:].lstrip("0123456789"))
    graph.write_text(text[:start] + "9" * 5000 + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["check", str(graph)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {graph}: not a vanban graph (Exceeds the limit (4300 digits) for integer "
        "string conversion: value has 5000 digits)\n",
    )


def test_settings_with_an_integer_of_5000_digits_are_one_line(
    runner: CliRunner, inputs: Path
) -> None:
    Path("vanban.toml").write_text(f"strict = {'9' * 5000}\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "ug.yaml"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {inputs / 'vanban.toml'}: cannot read settings (Exceeds the limit (4300 digits) "
        "for integer string conversion: value has 5000 digits)\n",
    )


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_ends_a_parallel_parse_and_its_workers(
    tmp_path: Path, name: str, code: int
) -> None:
    import signal
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    line = "Thực hiện Kế hoạch số {n}-KH/TU, ngày 01/02/2023 của Ban Thường vụ Thị ủy.\n"
    for number in range(24):
        lines = (line.format(n=n) for n in range(number * 1000, number * 1000 + 1500))
        (docs / f"d{number:02}.txt").write_text("".join(lines), encoding="utf-8")
    output = tmp_path / "g.yaml"
    said = tmp_path.parent / f"{tmp_path.name}-stderr.txt"
    with said.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "vanban", "parse", str(docs), "-o", str(output), "-j", "2"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            workers = _children(process.pid)
        assert len(workers) == 2, "the workers never started"
        process.send_signal(getattr(signal, name))
        process.wait(timeout=120)
        deadline = time.monotonic() + 30
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if _running(pid)] == []
    finally:  # whatever the outcome, nothing this test started runs on
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == code
    assert said.read_text(encoding="utf-8").splitlines()[-1] == (
        "Stopped by a signal; outputs already written are whole."
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["docs"]
