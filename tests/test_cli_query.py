from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from vanban.app.views import open_view
from vanban.cli import app
from vanban.core.records import DocumentNode
from vanban.query.view import IndexView, ListFilter, MemoryView, View
from vanban.query.views import list_documents, resolve, show, stats

from .conftest import ROOT

ARCHIVE = ROOT / "tests" / "archive"


@pytest.fixture
def graph_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["parse", "archive", "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    return Path("graph.yaml")


LIST_TABLE = """\
Symbol         Kind        Date        Issuer                            Cited  By  Read  Title
-------------  ----------  ----------  --------------------------------  -----  --  ----  ------------------------------
117-KH/TU      Kế hoạch    2022-12-14  Ban Thường vụ Tỉnh ủy Bình Thuận      3   2  yes   thực hiện Nghị quyết số
                                                                                          21-NQ/TW, ngày 16/6/2022 của
                                                                                          Ban Chấp hành Trung ương Đảng
                                                                                          (khóa XIII)
136-KH/TU      Kế hoạch    2023-04-09  Thị ủy La Gi                          2   1  yes   thực hiện Kế hoạch số
                                                                                          117-KH/TU, ngày 14/12/2022 của
                                                                                          Ban Thường vụ Tỉnh ủy
21-NQ/TW       Nghị quyết  2022-06-16  Ban Chấp hành Trung ương Đảng         3   2        -
30/2020/NĐ-CP  Nghị định   2020-03-05  Chính phủ                             2   2        -
250/QĐ-UBND    Quyết định  2024-02-01  Ủy ban nhân dân tỉnh Bình Thuận       1   1  yes   Ban hành Kế hoạch tuyên truyền
                                                                                          năm 2024
5 document(s)
titles from: the documents read (3)
"""


def test_list_table(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["list", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout == LIST_TABLE


def test_list_parses_folders_on_the_fly(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["list", "archive"])
    assert result.exit_code == 0, result.output
    assert result.stdout == LIST_TABLE


# fmt: off
@pytest.mark.parametrize(("options", "expected"), [
    (["--issuer", "tinh uy"], ["117-KH/TU"]),
    (["--issuer", "TU"], ["117-KH/TU", "136-KH/TU"]),
    (["--issuer", "chính phủ"], ["30/2020/NĐ-CP"]),
    (["--kind", "KH"], ["117-KH/TU", "136-KH/TU"]),
    (["--kind", "nghi quyet"], ["21-NQ/TW"]),
    (["--year", "2022"], ["117-KH/TU", "21-NQ/TW"]),
    (["--since", "2023-01-01"], ["136-KH/TU", "250/QĐ-UBND"]),
    (["--until", "2020-12-31"], ["30/2020/NĐ-CP"]),
    (["--undated"], []),
    (["--undated", "--all"], ["ke-hoach-92447161"]),
    (["--cited-by", "ket-luan-2023-12-20-679a3bf4"], ["117-KH/TU", "136-KH/TU"]),
    (["--cited-by", "KH 136"], ["117-KH/TU", "21-NQ/TW"]),
    (["--sort", "date"], ["30/2020/NĐ-CP", "21-NQ/TW", "117-KH/TU", "136-KH/TU", "250/QĐ-UBND"]),
    (["--sort", "citations"], ["117-KH/TU", "21-NQ/TW", "136-KH/TU", "30/2020/NĐ-CP", "250/QĐ-UBND"]),
])
# fmt: on
def test_list_filters(
    runner: CliRunner, graph_file: Path, options: list[str], expected: list[str]
) -> None:
    result = runner.invoke(app, ["list", str(graph_file), "--format", "json", *options])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)["documents"]] == expected


def test_list_in_footnotes(runner: CliRunner) -> None:
    sample = str(ROOT / "samples" / "ket-luan-thi-uy-la-gi-2023-12-08.txt")
    result = runner.invoke(app, ["list", sample, "--in-footnotes", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "id", "1065-CV/BTGTU", "80-KH/TU", "153-KH/TU", "50-KL/TW",
        "18-NQ/TW", "125-QĐ/TW", "138-QĐ/TW",
    ]


def test_list_csv_and_yaml(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["list", str(graph_file), "--kind", "KH", "--format", "csv"])
    assert result.stdout == (
        "id,symbol,kind,date,issuer,body,citations,citing_documents,in_corpus,title,title_from\n"
        "117-KH/TU,117-KH/TU,Kế hoạch,2022-12-14,Ban Thường vụ Tỉnh ủy,Ban Thường vụ Tỉnh ủy Bình "
        'Thuận,3,2,true,"thực hiện Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung '
        'ương Đảng (khóa XIII)",document\n'
        '136-KH/TU,136-KH/TU,Kế hoạch,2023-04-09,Thị ủy,Thị ủy La Gi,2,1,true,"thực hiện Kế hoạch '
        'số 117-KH/TU, ngày 14/12/2022 của Ban Thường vụ Tỉnh ủy",document\n'
    )
    result = runner.invoke(app, ["list", str(graph_file), "--kind", "NĐ", "--format", "yaml"])
    assert yaml.safe_load(result.stdout) == {"documents": [{
        "id": "30/2020/NĐ-CP", "symbol": "30/2020/NĐ-CP", "kind": "Nghị định",
        "date": "2020-03-05", "issuer": "Chính phủ", "body": "Chính phủ", "citations": 2,
        "citing_documents": 2,
        "in_corpus": False, "title": None, "title_from": None,
    }]}


@pytest.mark.parametrize("day", ["1/1/2023", "2023-1-1", "20230101", "2023-02-30", "2023-06-15x"])
def test_list_bad_date(runner: CliRunner, graph_file: Path, day: str) -> None:
    result = runner.invoke(app, ["list", str(graph_file), "--since", day])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --since {day!r}: give a date as YYYY-MM-DD\n"


QUERIED = [
    (["list", "graph.yaml", "--since", "2023-01-01", "--format", "csv"], "136-KH/TU,"),
    (["show", "KH 136", "graph.yaml"], "136-KH/TU\n  kind:    Kế hoạch\n"),
    (["search", "kiem tra", "graph.yaml", "--format", "json"], '"results"'),
    (["stats", "graph.yaml"], "Nghị quyết"),
]
PARSER = (
    "vanban.parser",
    "vanban.graph",
    "vanban.app.batch",
    "vanban.checks",
    "vanban.register",
    "vanban.readers.docx",
    "vanban.readers.pdf",
)
"""What a query of a graph file never loads: the parser and what reads documents."""


@pytest.mark.parametrize(("words", "printed"), QUERIED)
def test_queries_of_a_graph_do_not_load_the_parser(
    graph_file: Path, words: list[str], printed: str
) -> None:
    """A query reads the graph's index: it starts without compiling the parser's patterns."""
    script = (
        "import sys, vanban.cli\n"
        "sys.argv = ['vanban', *sys.argv[1:]]\n"
        "try:\n    vanban.cli.main()\n"
        "finally:\n    print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, *words], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert printed in run.stdout
    loaded = set(run.stderr.split())
    assert {"vanban.query.views", "vanban.query.view", "vanban.app.views"} <= loaded
    assert sorted(m for m in loaded if m.startswith(PARSER)) == []


SHOW_136 = """\
136-KH/TU
  kind:    Kế hoạch
  symbol:  136-KH/TU
  date:    2023-04-09
  issuer:  Thị ủy
  level:   Thị ủy
  family:  Party
  path:    archive/thi-uy/ke-hoach-136.txt
  title:   thực hiện Kế hoạch số 117-KH/TU, ngày 14/12/2022 của Ban Thường vụ Tỉnh ủy
  read:    yes

Cited 2 time(s):
  archive/thi-uy/ket-luan-2023.txt:7:23
    Tiếp tục thực hiện Kế hoạch số 136-KH/TU, ngày 09/4/2023 của Thị ủy về thực hiện Kế hoạch số 117-KH/TU, ngày
14/12/2022 của Tỉnh ủy.
  archive/thi-uy/ket-luan-2023.txt:9:26
    Sơ kết việc thực hiện Kế hoạch số 136-KH/TU trong quý I năm 2024.

Relations:
  implements 117-KH/TU

Cites: 117-KH/TU, 21-NQ/TW
Implements:
└── 117-KH/TU  Kế hoạch 2022-12-14
    └── 21-NQ/TW  Nghị quyết 2022-06-16
"""


@pytest.mark.parametrize("loose", ["136-KH/TU", "KH 136", "kế hoạch 136", "136/kh-tu", "ke hoach so 136"])
def test_show_by_loose_id(runner: CliRunner, graph_file: Path, loose: str) -> None:
    result = runner.invoke(app, ["show", loose, str(graph_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout == SHOW_136



# fmt: off
@pytest.mark.parametrize(("loose", "expected"), [
    ("Nghị quyết 21", ["21-NQ/TW"]),
    ("nghi dinh 30 2020", ["30/2020/NĐ-CP"]),
    ("Nghị định số 30 năm 2020", ["30/2020/NĐ-CP"]),
    ("nghị định 30 2019", []),             # the year is not the document's
    ("quyết định 30", []),                 # 30 is a Nghị định
    ("quyết định 250 UBND", ["250/QĐ-UBND"]),
    ("kế hoạch liên tịch 136", []),        # a longer kind's name, not Kế hoạch
    ("KẾ HOẠCH 117 TU", ["117-KH/TU"]),
])
# fmt: on
def test_loose_ids_name_kinds_in_words(graph_file: Path, loose: str, expected: list[str]) -> None:
    with open_view([graph_file]) as (view, _skipped):
        assert resolve(view, loose) == expected


def test_show_chain_downward(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["show", "21-NQ/TW", str(graph_file), "--format", "json"])
    shown = json.loads(result.stdout)
    assert shown["implemented_by"] == [
        {"id": "117-KH/TU", "children": [{"id": "136-KH/TU", "children": []}]}
    ]
    assert [(p["path"], p["line"]) for p in shown["cited_at"]] == [
        ("archive/thi-uy/ke-hoach-136.txt", 10),
        ("archive/tinh-uy/ke-hoach-117.txt", 8),
        ("archive/tinh-uy/ke-hoach-117.txt", 10),
    ]


def test_show_ambiguous_lists_candidates(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["show", "KH", str(graph_file)])
    assert result.exit_code == 2
    assert result.stderr == "Error: no document matches 'KH'; try `vanban list` to see the ids\n"
    sample = str(ROOT / "samples" / "ket-luan-thi-uy-la-gi-2023-12-08.txt")
    result = runner.invoke(app, ["show", "66", sample])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: '66' matches 2 documents: 66-KH/TU, 66-KL/TW; give one of these ids\n"
    )


def test_stats_json(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["stats", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "sources": 5, "documents": 7, "cited_documents": 5, "references": 11,
        "undated_references": 2, "undated_share": 0.1818,
        "by_kind": {"Kế hoạch": 2, "Nghị quyết": 1, "Nghị định": 1, "Quyết định": 1},
        "by_issuer": {"CP": 1, "TU (Thị ủy)": 1, "TU (Tỉnh ủy)": 1, "TW": 1, "UBND": 1},
        "by_body": {
            "Ban Chấp hành Trung ương Đảng": 1, "Ban Thường vụ Tỉnh ủy Bình Thuận": 1,
            "Chính phủ": 1, "Thị ủy La Gi": 1, "Ủy ban nhân dân tỉnh Bình Thuận": 1,
        },
        "by_year": {"2020": 1, "2022": 2, "2023": 1, "2024": 1},
        "most_cited": [
            {"id": "117-KH/TU", "citations": 3}, {"id": "21-NQ/TW", "citations": 3},
            {"id": "136-KH/TU", "citations": 2}, {"id": "30/2020/NĐ-CP", "citations": 2},
            {"id": "250/QĐ-UBND", "citations": 1},
        ],
    }


def test_stats_text(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["stats", str(graph_file)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "5 file(s) read, 7 document(s), 5 cited, 11 reference(s)",
        "Undated references: 2 (18.2%)",
    ]


MERMAID = """\
flowchart LR
  n0["Kế hoạch<br/>117-KH/TU<br/>2022-12-14"]
  n1["Kế hoạch<br/>136-KH/TU<br/>2023-04-09"]
  n2["Nghị quyết<br/>21-NQ/TW<br/>2022-06-16"]
  n3["Kết luận<br/>ket-luan-2023-12-20-679a3bf4<br/>2023-12-20"]
  n0 -.->|cites| n2
  n0 ==>|implements| n2
  n1 -.->|cites| n0
  n1 -.->|cites| n2
  n1 ==>|implements| n0
  n3 -.->|cites| n0
  n3 -.->|cites| n1
"""


def test_graph_mermaid_around(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["graph", str(graph_file), "-f", "mermaid", "--around", "136-KH/TU"])
    assert result.exit_code == 0, result.output
    assert result.stdout == MERMAID


def test_graph_dot(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["graph", str(graph_file), "--around", "250/QĐ-UBND", "--depth", "0"])
    assert result.stdout == (
        "digraph vanban {\n"
        "  rankdir=LR;\n"
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="DejaVu Sans"];\n'
        '  edge [fontname="DejaVu Sans", fontsize=10];\n'
        '  "250/QĐ-UBND" [label="Quyết định\\n250/QĐ-UBND\\n2024-02-01", fillcolor="#ddf4ff"];\n'
        "}\n"
    )


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot_output(runner: CliRunner, graph_file: Path, tmp_path: Path) -> None:
    dot = runner.invoke(app, ["graph", str(graph_file)]).stdout
    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True)
    assert "<svg" in svg.stdout
    assert "136&#45;KH/TU" in svg.stdout  # Graphviz writes the hyphen as an entity


def test_graph_graphml_and_json(runner: CliRunner, graph_file: Path) -> None:
    graphml = runner.invoke(app, ["graph", str(graph_file), "-f", "graphml"]).stdout
    root = ElementTree.fromstring(graphml.encode("utf-8"))
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", namespace)) == 7
    node_link = json.loads(runner.invoke(app, ["graph", str(graph_file), "-f", "json"]).stdout)
    assert [n["id"] for n in node_link["nodes"]][:2] == ["117-KH/TU", "136-KH/TU"]
    assert {"source": "136-KH/TU", "target": "117-KH/TU", "relation": "implements"}.items() <= (
        next(e for e in node_link["links"] if e["relation"] == "implements"
             and e["source"] == "136-KH/TU").items()
    )


def test_update_from_the_command_line(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["parse", "--update", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "graph.yaml: 0 file(s) parsed, 5 unchanged, 0 removed\n"


def test_not_a_graph(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("name: something else\n", encoding="utf-8")
    result = runner.invoke(app, ["list", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: not a vanban graph (no 'sources' and 'documents')\n"


def _chain_graph(edges: list[tuple[str, str]]) -> MemoryView:
    from vanban.core.records import CitationGraph, DocumentNode, Edge

    ids = sorted({i for edge in edges for i in edge})
    documents = {
        i: DocumentNode(i, "Kế hoạch", i, i, "KH", "TU", None, "party", None, None, None, None, False)
        for i in ids
    }
    links = [Edge(a, b, "implements", 1, "a.txt") for a, b in edges]
    return MemoryView(CitationGraph([], documents, links))


def test_show_follows_a_lattice_once_per_document() -> None:
    """Plans that each implement two plans of the next layer: 19 layers, shown in linear size."""
    layers = [[f"{layer}.{i}" for i in range(2)] for layer in range(19)]
    edges = [(a, b) for upper, lower in zip(layers[:-1], layers[1:], strict=True) for a in upper for b in lower]
    shown = show(_chain_graph(edges), "0.0").to_dict()
    text = json.dumps(shown)
    assert text.count('"id"') < 100
    assert text.count('"shown_above": true') == 34  # two per layer below the second


def test_show_cuts_a_very_long_chain() -> None:
    edges = [(str(i), str(i + 1)) for i in range(500)]
    shown = show(_chain_graph(edges), "0")
    depth, chain = 0, shown.implements
    while chain:
        depth += 1
        last = chain[0]
        chain = last.children
    assert (depth, last.cut) == (40, True)


def test_short_help_and_known_encodings_only(runner: CliRunner) -> None:
    short = runner.invoke(app, ["parse", "-h"])
    assert short.exit_code == 0
    assert "Usage: vanban parse" in short.stdout
    assert short.stdout == runner.invoke(app, ["parse", "--help"]).stdout
    wrong = runner.invoke(app, ["parse", str(ROOT / "samples"), "--encoding", "latin-1"])
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "Error: --encoding 'latin-1': vanban reads utf-8, utf-16, windows-1258, tcvn3, vni\n"
    )
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_cited_by_is_a_list_wherever_it_is_written(runner: CliRunner, graph_file: Path) -> None:
    listed = json.loads(runner.invoke(app, ["list", str(graph_file), "-f", "json"]).stdout)
    shown = json.loads(runner.invoke(app, ["show", "136-KH/TU", str(graph_file), "-f", "json"]).stdout)
    assert "cited_by" not in listed["documents"][0]
    assert isinstance(listed["documents"][0]["citing_documents"], int)
    assert shown["document"]["cited_by"] == ["ket-luan-2023-12-20-679a3bf4"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graph_drawn_as_svg(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["graph", str(graph_file), "-o", "graph.svg"])
    assert result.exit_code == 0, result.output
    svg = ElementTree.parse("graph.svg").getroot()
    titles = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
    assert {"136-KH/TU", "117-KH/TU", "136-KH/TU&#45;&gt;117-KH/TU"} & titles == {
        "136-KH/TU",
        "117-KH/TU",
    }


def test_graph_picture_without_graphviz_says_how_to_install(
    runner: CliRunner, graph_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(app, ["graph", str(graph_file), "-o", "graph.png"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: drawing a .png needs Graphviz's dot: apt install graphviz (Debian, Ubuntu), "
        "winget install graphviz (Windows), brew install graphviz (macOS); or write the .dot "
        "file and draw it elsewhere\n",
    )
    assert not Path("graph.png").exists()


def test_list_table_is_boxed_on_a_terminal(graph_file: Path) -> None:
    from vanban.output.terminal import rows_text

    with open_view([graph_file]) as (view, _):
        rows = list_documents(view, ListFilter())
    boxed = rows_text(rows, boxed=True, width=100).splitlines()
    assert boxed[0].startswith("Symbol        ┃ Kind       ┃")
    assert boxed[2] == (
        "117-KH/TU     │ Kế hoạch   │ 2022-12-14 │ Ban Thường vụ     │     3 │  2 │ yes  │ thực hiện Nghị"
    )
    assert max(len(line) for line in boxed) <= 100


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_list_fits_the_terminal_and_keeps_every_column(
    runner: CliRunner, graph_file: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["list", str(graph_file)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Symbol", "Kind", "Date", "Issuer", "Cited", "By", "Read", "Title"]
    assert [line.split()[0] for line in lines[2:] if not line.startswith(" ")][:-2] == [
        "117-KH/TU", "136-KH/TU", "21-NQ/TW", "30/2020/NĐ-CP", "250/QĐ-UBND",
    ]
    title = "thực hiện Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng (khóa XIII)"
    title_column = lines[1].rindex(" ") + 1  # the rule under the header marks each column
    said = " ".join(line[title_column:].strip() for line in lines[2:13]).split(" 136-KH/TU")[0]
    assert title in said
    wrapped = title not in result.stdout
    assert wrapped is (columns < 200)
    if columns >= 80:  # at 60 the symbols, dates and counts alone take more than the width
        assert max(len(line) for line in lines) <= columns


def test_every_command_reads_stdin_and_fails_after_a_missing_input(runner: CliRunner, tmp_path: Path) -> None:
    letter = (ROOT / "samples" / "cong-van-ubnd-2024-08-15.txt").read_text(encoding="utf-8")
    for command in (["list"], ["stats"], ["graph"], ["export"], ["search", "van hoa"]):
        result = runner.invoke(app, [*command, "-", "--stdin-name", "cv.txt"], input=letter)
        assert result.exit_code == 0, (command, result.output)
    shown = runner.invoke(app, ["show", "103/KH-UBND", "-", "--stdin-name", "cv.txt"], input=letter)
    assert "  cv.txt:9:11\n" in shown.stdout
    missing = str(tmp_path / "khong-co.txt")
    result = runner.invoke(app, ["list", str(ROOT / "samples" / "cong-van-ubnd-2024-08-15.txt"), missing])
    assert result.exit_code == 2
    assert result.stdout.endswith("5 document(s)\n")  # the others were listed
    assert result.stderr == f"skipped: {missing}: no such file or folder\nError: 1 input(s) could not be read\n"


UNDATED_PLAN = """\
ỦY BAN NHÂN DÂN TỈNH
Số: 45/KH-UBND

KẾ HOẠCH

Thực hiện Thông tư số 12/2019/TT-BNV của Bộ Nội vụ và Nghị định số 30/2020/NĐ-CP.
"""
"""A plan that cites a circular without its date: the circular's year is its symbol's."""


@pytest.fixture
def both_views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[IndexView, MemoryView]]:
    """The graph of the samples, the archive and :data:`UNDATED_PLAN`, asked through its index
    (which never falls back on the file) and whole in memory, read from its file."""
    from vanban.app.batch import index_paths
    from vanban.storage import graph_file as store

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "graph.yaml"
    plan = tmp_path / "ke-hoach-45.txt"
    plan.write_text(UNDATED_PLAN, encoding="utf-8")
    store.write_graph(path, index_paths([ROOT / "samples", ROOT / "tests" / "archive", plan]).graph)
    whole = store.rebase(store.parse_graph(path.read_bytes(), path), store.from_file_paths(tmp_path))
    with store.open_index(path) as connection:
        yield IndexView(connection, path), MemoryView(whole)


def _answers(view: View, node: DocumentNode) -> list[object]:
    """What ``view`` answers of ``node`` to each question that names one document."""
    from vanban.storage.database import lookup_key

    key = node.id
    return [
        view.document(key),
        view.outgoing(key),
        view.incoming(key),
        view.occurrences_of(key),
        sorted(view.ids_by_key(lookup_key(key))),
        sorted(n.id for n in view.numbered(node.number or "")),
        view.with_symbol((node.symbol or "").upper()),
        [view.alias_of(alias) for alias in node.qualified_ids],
    ]


def test_the_index_answers_every_question_as_the_graph_in_memory(
    both_views: tuple[IndexView, MemoryView],
) -> None:
    index, memory = both_views
    assert index.documents == memory.documents and len(memory.documents) == 71
    assert index.edges == memory.edges and index.sources == memory.sources
    assert index.occurrences == memory.occurrences
    for key, node in memory.documents.items():
        assert _answers(index, node) == _answers(memory, node), key
    for source in memory.sources:
        assert index.stated_in(source.path) == memory.stated_in(source.path)
    everything = ListFilter(everything=True)
    assert sorted(index.list_rows(everything, None)) == sorted(memory.list_rows(everything, None))
    assert index.cited_in_footnotes() == memory.cited_in_footnotes() == {
        "1065-CV/BTGTU",
        "1210-CV/UBKTTU",
        "125-QĐ/TW",
        "138-QĐ/TW",
        "153-KH/TU",
        "155-KH/TU",
        "18-NQ/TW",
        "50-KL/TW",
        "80-KH/TU",
    }
    assert (index.source_count(), index.document_count()) == (11, 71)
    assert index.reference_count() == memory.reference_count() == (88, 15)
    assert index.cited_tally() == memory.cited_tally()
    for top in (3, 10):
        assert index.most_cited(top) == memory.most_cited(top)
    assert index.search("kiem tra", 20) == memory.search("kiem tra", 20)


@pytest.mark.parametrize(
    "rules",
    [
        ListFilter(),
        ListFilter(everything=True),
        *[ListFilter(year=year) for year in (2013, 2019, 2020, 2022, 2023)],
        ListFilter(kind="KH"),
        ListFilter(issuer="tinh uy"),
        ListFilter(since="2022-01-01", until="2023-12-31"),
        ListFilter(undated=True),
        ListFilter(in_footnotes=True),
        ListFilter(cited_by="136-KH/TU"),
        ListFilter(cites="21-NQ/TW", everything=True),
    ],
)
def test_list_selects_in_the_index_what_it_keeps_in_memory(
    both_views: tuple[IndexView, MemoryView], rules: ListFilter
) -> None:
    """What the index selects in SQL is what :meth:`ListFilter.keeps` keeps: a document's year
    is its date's, else its symbol's, in both."""
    index, memory = both_views
    listed = list_documents(memory, rules)
    assert listed and list_documents(index, rules) == listed


def test_stats_counted_by_the_index_as_in_memory(both_views: tuple[IndexView, MemoryView]) -> None:
    index, memory = both_views
    counted = stats(index)
    assert counted == stats(memory)
    assert counted.to_dict() == {
        "sources": 11,
        "documents": 71,
        "cited_documents": 64,
        "references": 88,
        "undated_references": 15,
        "undated_share": 0.1705,
        "by_kind": {
            "Kế hoạch": 14, "Quy định": 10, "Quyết định": 8, "Kết luận": 7, "Công văn": 6,
            "Nghị quyết": 6, "Chỉ thị": 4, "Hướng dẫn": 2, "Tờ trình": 2, "Chương trình": 1,
            "Chương trình hành động": 1, "Nghị định": 1, "Quy chế": 1, "Thông tư": 1,
        },
        "by_issuer": {
            "TW": 26, "TU (Thị ủy)": 18, "TU (Tỉnh ủy)": 5, "UBND": 5, "BTGTU (Tỉnh ủy)": 2,
            "CP": 2, "UBND-VX": 2, "BNV": 1, "SNV": 1, "UBKTTU (Tỉnh ủy)": 1, "UBKTTW": 1,
        },
        "by_body": {
            "Ban Thường vụ Thị ủy": 11, "Bộ Chính trị": 11, "Ban Chấp hành Trung ương Đảng": 8,
            "Ban Bí thư": 7, "Ban Thường vụ Thị ủy La Gi": 3, "Ban Thường vụ Tỉnh ủy Bình Thuận": 3,
            "Thị ủy": 3, "Ủy ban nhân dân tỉnh Bình Thuận": 3, "Chính phủ": 2,
            "Ủy ban nhân dân tỉnh": 2, "Ban Thường vụ Tỉnh ủy": 1, "Ban Tuyên giáo Tỉnh ủy": 1,
            "Ban Tuyên giáo Tỉnh ủy Bình Thuận": 1, "Bộ Nội vụ": 1,
            "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận": 1,
            "Giám đốc Sở Nội vụ tỉnh Bình Thuận": 1, "Thị ủy La Gi": 1, "Tỉnh ủy": 1,
            "Ủy ban Kiểm tra Trung ương": 1, "Ủy ban Kiểm tra Tỉnh ủy Bình Thuận": 1,
            "Ủy ban nhân dân thị xã La Gi": 1,
        },
        "by_year": {
            "(undated)": 4, "2013": 2, "2016": 1, "2017": 2, "2018": 3, "2019": 2, "2020": 1,
            "2021": 11, "2022": 13, "2023": 19, "2024": 6,
        },
        "most_cited": [
            {"id": "117-KH/TU", "citations": 4},
            {"id": "155-KH/TU", "citations": 4},
            {"id": "21-NQ/TW", "citations": 4},
            {"id": "30/2020/NĐ-CP", "citations": 4},
            {"id": "103/KH-UBND", "citations": 3},
            {"id": "136-KH/TU", "citations": 3},
            {"id": "21-KL/TW", "citations": 3},
            {"id": "01-KL/TW", "citations": 2},
            {"id": "05-CT/TW", "citations": 2},
            {"id": "153-KH/TU", "citations": 2},
        ],
    }
    assert list(counted.to_dict()["by_kind"].items())[:2] == [("Kế hoạch", 14), ("Quy định", 10)]
    assert list(counted.to_dict()) == [  # the order stats --format yaml/json writes them in
        "sources",
        "documents",
        "cited_documents",
        "references",
        "undated_references",
        "undated_share",
        "by_kind",
        "by_issuer",
        "by_body",
        "by_year",
        "most_cited",
    ]


def test_a_damaged_index_is_read_from_the_file_and_made_again(graph_file: Path) -> None:
    """An index with the right stamp and a wrong value: the one question that meets it is
    answered from the graph file, and so is every later one; the next command makes the index
    again."""
    import sqlite3

    from vanban.query.view import GraphFileView
    from vanban.storage.database import DamagedIndex, seal
    from vanban.storage.graph_file import open_index

    with sqlite3.connect("graph.db") as connection:
        connection.execute("UPDATE documents SET year_of = 'năm' WHERE id = '117-KH/TU'")
    with contextlib.closing(sqlite3.connect("graph.db", isolation_level=None)) as connection:
        seal(connection)  # as if made so: the value is met only as a question reads it
    with open_index(graph_file) as connection:
        with pytest.raises(DamagedIndex, match="^year_of: expected an integer or null, found 'năm'$"):
            IndexView(connection, graph_file).list_rows(ListFilter(), None)
        view = GraphFileView(connection, graph_file)
        assert [(row.symbol, row.date) for row in list_documents(view, ListFilter())] == [
            ("117-KH/TU", "2022-12-14"),
            ("136-KH/TU", "2023-04-09"),
            ("21-NQ/TW", "2022-06-16"),
            ("30/2020/NĐ-CP", "2020-03-05"),
            ("250/QĐ-UBND", "2024-02-01"),
        ]
        assert [row.symbol for row in list_documents(view, ListFilter(year=2022))] == [
            "117-KH/TU",
            "21-NQ/TW",
        ]
        assert view.document_count() == 7
        assert connection.execute("SELECT count(*) FROM meta").fetchone() == (0,)
    with open_index(graph_file) as connection:
        assert connection.execute(
            "SELECT year_of FROM documents WHERE id = '117-KH/TU'"
        ).fetchone() == (2022,)


@pytest.mark.skipif(os.name != "posix", reason="Windows keeps no change time: the file is hashed")
def test_a_query_trusts_the_graph_file_by_its_change_time_and_sees_any_edit(
    runner: CliRunner, graph_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The graph file as vanban wrote it (same device, inode, size, time and change time) is
    not hashed again by each query; an edit that keeps its size and time is still seen."""
    import sqlite3

    from vanban.storage import graph_file as module
    from vanban.storage.database import seal
    from vanban.storage.files import file_id

    hashed: list[Path] = []
    sha256_of = module._sha256_of
    monkeypatch.setattr(module, "_sha256_of", lambda path: hashed.append(path) or sha256_of(path))
    shown = runner.invoke(app, ["show", "136-KH/TU", str(graph_file)])
    assert "Thị ủy" in shown.stdout
    assert hashed == []
    text = graph_file.read_text(encoding="utf-8")
    edited = text.replace("issuer: Thị ủy", "issuer: Thị uỷ")
    assert edited != text and len(edited.encode()) == len(text.encode())
    status = graph_file.stat()
    graph_file.write_text(edited, encoding="utf-8")
    os.utime(graph_file, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (graph_file.stat().st_size, graph_file.stat().st_mtime_ns) == (
        status.st_size,
        status.st_mtime_ns,
    )
    listed = runner.invoke(app, ["list", str(graph_file), "--format", "csv"])
    assert "136-KH/TU,136-KH/TU,Kế hoạch,2023-04-09,Thị uỷ," in listed.stdout
    assert hashed == [graph_file]  # the change time differs: hashed, found edited, made again
    os.utime(graph_file)  # touched: the same bytes, a new time, read once and restamped
    runner.invoke(app, ["list", str(graph_file), "--format", "csv"])
    with contextlib.closing(sqlite3.connect("graph.db")) as connection:
        [(recorded,)] = connection.execute("SELECT value FROM meta WHERE key = 'file_id'")
    assert recorded == file_id(graph_file.stat()) != ""
    runner.invoke(app, ["list", str(graph_file), "--format", "csv"])
    assert hashed == [graph_file]  # known by its new change time
    with contextlib.closing(sqlite3.connect("graph.db", isolation_level=None)) as connection:
        connection.execute("DELETE FROM meta WHERE key = 'file_id'")  # as an earlier vanban made it
        seal(connection)
    for _ in range(2):
        runner.invoke(app, ["show", "136-KH/TU", str(graph_file)])
    assert hashed == [graph_file, graph_file]  # hashed once, and its change time recorded


def test_a_mistake_in_a_query_is_raised_not_read_around(
    graph_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a damaged index sends a question to the graph file: any other error is raised, and
    the index is kept."""
    from vanban.query.view import GraphFileView
    from vanban.storage import database
    from vanban.storage.graph_file import open_index

    def broken(*args: object) -> None:
        raise TypeError("a mistake")

    monkeypatch.setattr(database, "listed", broken)
    with open_index(graph_file) as connection:
        view = GraphFileView(connection, graph_file)
        with pytest.raises(TypeError, match="a mistake"):
            list_documents(view, ListFilter())
        assert connection.execute("SELECT count(*) FROM meta").fetchone() == (9,)  # its stamp with file_id, roots, seal, writer


def test_an_index_of_an_earlier_version_is_made_again(graph_file: Path) -> None:
    import sqlite3

    from vanban.storage.database import SCHEMA_VERSION

    with sqlite3.connect("graph.db") as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        connection.execute("ALTER TABLE documents DROP COLUMN year_of")
    with open_view([graph_file]) as (view, _):
        rows = list_documents(view, ListFilter(year=2020))
    assert [row.symbol for row in rows] == ["30/2020/NĐ-CP"]
    with sqlite3.connect("graph.db") as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_list_and_show_place_a_register_row_alike(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register a graph recorded is named as seen from here, by ``list`` as by ``show``."""
    shutil.copytree(ROOT / "samples", tmp_path / "office")
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(
        app,
        ["parse", "office", "--register", "office/so-dang-ky-van-ban.xlsx", "-o", "office/g.yaml"],
    )
    assert made.exit_code == 0, made.output
    listed = json.loads(runner.invoke(app, ["list", "office/g.yaml", "-f", "json"]).stdout)
    rows = {row["id"]: row for row in listed["documents"]}
    assert rows["32-CT/TU"]["title_from"] == "office/so-dang-ky-van-ban.xlsx:35"
    shown = json.loads(runner.invoke(app, ["show", "32-CT/TU", "office/g.yaml", "-f", "json"]).stdout)
    assert (shown["registered"]["register"], shown["registered"]["row"]) == (
        "office/so-dang-ky-van-ban.xlsx",
        35,
    )


@pytest.mark.parametrize(
    ("loose", "expected"),
    [
        ("cv 2769", ["2769/UBND-NCKSTTHC"]),  # a State công văn's symbol has no kind code
        ("CV 2769 UBND", ["2769/UBND-NCKSTTHC"]),
        ("công văn 2769", ["2769/UBND-NCKSTTHC"]),
        ("qd 2769", []),  # it is no Quyết định
        ("kh 2769", []),
    ],
)
def test_loose_ids_take_the_kinds_abbreviation(loose: str, expected: list[str]) -> None:
    from vanban import build_graph, parse_text
    from vanban.query.view import MemoryView

    text = (
        "Thực hiện Công văn số 2769/UBND-NCKSTTHC ngày 12/8/2025 của Ủy ban nhân dân tỉnh về "
        "rà soát thủ tục hành chính."
    )
    view = MemoryView(build_graph([parse_text(text, path="bao-cao.txt")]))
    assert resolve(view, loose) == expected
