"""The graph for other tools: Graphviz DOT, Mermaid, GraphML (Gephi, yEd) and node-link JSON.

Nodes say kind, symbol and date; edges are styled by relation. ``subgraph`` keeps the
documents within ``depth`` steps of one document.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections import deque
from collections.abc import Callable

from vanban.core.errors import OutputError
from vanban.core.i18n import marked as _marked
from vanban.core.i18n import translator
from vanban.core.records import DocumentNode, Edge, is_day, to_dict
from vanban.core.relations import relation_named
from vanban.output.escape import csv_cell, one_line, xml_text
from vanban.query.view import View


def subgraph(view: View, center: str | None, depth: int) -> tuple[list[str], list[Edge]]:
    """Node ids and edges of the whole graph, or of the part within ``depth`` of ``center``."""
    unique: dict[tuple[str, str, str], Edge] = {}
    for edge in view.edges:
        unique.setdefault((edge.source, edge.target, edge.relation), edge)
    edges = list(unique.values())
    if center is None:
        return sorted(view.documents), edges
    keep = {center}
    frontier = deque([(center, 0)])
    while frontier:
        node, distance = frontier.popleft()
        if distance >= depth:
            continue
        neighbours = [e.target for e in view.outgoing(node)]
        neighbours += [e.source for e in view.incoming(node)]
        for other in neighbours:
            if other not in keep:
                keep.add(other)
                frontier.append((other, distance + 1))
    return sorted(keep), [e for e in edges if e.source in keep and e.target in keep]


def _label(key: str, node: DocumentNode) -> list[str]:
    """A node's lines: kind, symbol, date, each one line (a newline in a kind is shown as
    ``\\n``, never obeyed)."""
    lines = [node.kind or "", node.symbol or key, node.date or "không ngày"]
    return [one_line(line) for line in lines if line]


def _dot_quote(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\n").replace("\n", "\\n") + '"'


def _relation_label(name: str, language: str) -> str:
    """An edge's label in a picture: its relation's label (core.relations) in ``language``."""
    return translator(language)(relation_named(name).label)


def to_dot(view: View, nodes: list[str], edges: list[Edge], language: str = "en") -> str:
    lines = [
        "digraph vanban {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="DejaVu Sans"];',
        '  edge [fontname="DejaVu Sans", fontsize=10];',
    ]
    for key in nodes:
        node = view.documents[key]
        fill = "#ddf4ff" if node.in_corpus else "#ffffff"
        lines.append(
            f"  {_dot_quote(key)} [label={_dot_quote(chr(10).join(_label(key, node)))}, "
            f'fillcolor="{fill}"];'
        )
    for edge in edges:
        style = relation_named(edge.relation).dot
        label = _dot_quote(one_line(_relation_label(edge.relation, language)))
        attributes = f"label={label}" + (f", {style}" if style else "")
        lines.append(f"  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} [{attributes}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_PLAIN = frozenset(" .,/:_'")


def _mermaid_text(text: str) -> str:
    """Text inside a Mermaid label: letters, digits, spaces and ``.,/:_'`` as they are, every
    other character as an entity code (``"`` as ``#34;``, a newline as ``#10;``), so that no
    name can end the label and start a statement (``click n0 href "javascript:..."``)."""
    return "".join(
        c if c.isalnum() or c in _MERMAID_PLAIN or c == "-" else f"#{ord(c)};" for c in text
    )


def to_mermaid(view: View, nodes: list[str], edges: list[Edge], language: str = "en") -> str:
    names = {key: f"n{index}" for index, key in enumerate(nodes)}
    lines = ["flowchart LR"]
    for key in nodes:
        label = "<br/>".join(_mermaid_text(line) for line in _label(key, view.documents[key]))
        lines.append(f'  {names[key]}["{label}"]')
    for edge in edges:
        arrow = relation_named(edge.relation).arrow
        label = _mermaid_text(one_line(_relation_label(edge.relation, language)))
        lines.append(f"  {names[edge.source]} {arrow}|{label}| {names[edge.target]}")
    return "\n".join(lines) + "\n"


_GRAPHML_NODE_KEYS = ("kind", "symbol", "date", "issuer", "in_corpus", "label")


def to_graphml(view: View, nodes: list[str], edges: list[Edge], language: str = "en") -> str:
    root = ElementTree.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for name in _GRAPHML_NODE_KEYS:
        kind = "boolean" if name == "in_corpus" else "string"
        ElementTree.SubElement(
            root, "key", id=name, attrib={"for": "node", "attr.name": name, "attr.type": kind}
        )
    for name in ("relation", "line"):
        kind = "int" if name == "line" else "string"
        ElementTree.SubElement(
            root, "key", id=name, attrib={"for": "edge", "attr.name": name, "attr.type": kind}
        )
    graph = ElementTree.SubElement(root, "graph", id="vanban", edgedefault="directed")
    for key in nodes:
        node = view.documents[key]
        element = ElementTree.SubElement(graph, "node", id=xml_text(key))
        values = {
            **{k: getattr(node, k, None) for k in _GRAPHML_NODE_KEYS},
            "label": " ".join(_label(key, node)),
        }
        for name in _GRAPHML_NODE_KEYS:
            value = values[name]
            if value is not None:
                data = ElementTree.SubElement(element, "data", key=name)
                data.text = str(value).lower() if isinstance(value, bool) else xml_text(str(value))
    for index, edge in enumerate(edges):
        element = ElementTree.SubElement(
            graph,
            "edge",
            id=f"e{index}",
            source=xml_text(edge.source),
            target=xml_text(edge.target),
        )
        for name in ("relation", "line"):
            data = ElementTree.SubElement(element, "data", key=name)
            data.text = xml_text(str(getattr(edge, name)))
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )


def to_node_link(view: View, nodes: list[str], edges: list[Edge], language: str = "en") -> str:
    """networkx's node-link form: ``networkx.node_link_graph(data, edges="links")``."""
    data = {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "vanban"},
        "nodes": [to_dict(view.documents[key]) for key in nodes],
        "links": [to_dict(edge) for edge in edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


EXPORTERS = {"dot": to_dot, "mermaid": to_mermaid, "graphml": to_graphml, "json": to_node_link}


PICTURE_SUFFIXES = (".svg", ".png", ".pdf")
"""Outputs ``vanban graph -o`` draws through Graphviz instead of writing text."""


def picture(dot: str, suffix: str) -> bytes:
    """A DOT graph drawn by Graphviz's ``dot`` as SVG, PNG or PDF."""
    program = shutil.which("dot")
    if program is None:
        raise OutputError(
            "drawing a {suffix} needs Graphviz's dot: apt install graphviz (Debian, Ubuntu), "
            "winget install graphviz (Windows), brew install graphviz (macOS); or write the "
            ".dot file and draw it elsewhere",
            suffix=suffix,
        )
    try:
        done = subprocess.run(
            [program, f"-T{suffix.lstrip('.')}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OutputError("Graphviz took over 5 minutes; draw a part with --around") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = problem[-1] if problem else f"exit {done.returncode}"
        raise OutputError("Graphviz could not draw it ({reason})", reason=reason)
    return done.stdout


def export(
    view: View, fmt: str, center: str | None = None, depth: int = 1, language: str = "en"
) -> str:
    """The graph, or the part of it ``depth`` steps around ``center``, in format ``fmt``; the
    pictures' (DOT, Mermaid) edges labelled in ``language``, the data formats' by the
    relation's name."""
    nodes, edges = subgraph(view, center, depth)
    return EXPORTERS[fmt](view, nodes, edges, language)


# --- tables ---------------------------------------------------------------------------------


def table_rows(view: View, table: str) -> list[dict[str, object]]:
    """The rows of one table of the graph (``documents``, ``references``, ``edges`` or
    ``sources``), as flat records for a spreadsheet or a notebook."""
    if table == "documents":
        return [
            {
                **{k: v for k, v in to_dict(node).items() if not isinstance(v, (list, dict))},
                "cited_by": "; ".join(node.cited_by),
                "notes": "; ".join(node.notes),
                "registered_title": node.registered.title if node.registered else None,
                "registered_date": node.registered.date if node.registered else None,
                "registered_at": node.registered.place if node.registered else None,
            }
            for _, node in sorted(view.documents.items())
        ]
    if table == "edges":
        return [to_dict(edge) for edge in view.edges]
    if table == "sources":
        return [
            {
                **{k: v for k, v in to_dict(s).items() if not isinstance(v, list)},
                "references": len(s.references),
                "footnotes": len(s.footnotes),
            }
            for s in view.sources
        ]
    return [
        {"source": source.id, "path": source.path, **to_dict(reference)}
        for source in view.sources
        for reference in source.references
    ]


COLUMN_TITLES = {
    "id": _marked("Id"),
    "kind": _marked("Kind"),
    "symbol": _marked("Number and symbol"),
    "number": _marked("Number"),
    "kind_code": _marked("Kind code"),
    "issuer_code": _marked("Issuer code"),
    "year": _marked("Year"),
    "family": _marked("Family"),
    "issuer": _marked("Issuer"),
    "level": _marked("Level"),
    "date": _marked("Date"),
    "term": _marked("Term"),
    "in_corpus": _marked("In the archive"),
    "path": _marked("File"),
    "title": _marked("Title"),
    "body": _marked("Issuing body"),
    "body_level": _marked("Level of the body"),
    "citations": _marked("Citations"),
    "cited_by": _marked("Cited by"),
    "notes": _marked("Notes"),
    "registered_title": _marked("Title in the register"),
    "registered_date": _marked("Date in the register"),
    "registered_at": _marked("Register row"),
    "source": _marked("Citing document"),
    "target": _marked("Cited document"),
    "text": _marked("Text"),
    "footnote": _marked("Footnote"),
    "line": _marked("Line"),
    "column": _marked("Column"),
    "section": _marked("Section"),
    "date_written": _marked("Date as written"),
    "where": _marked("Place in the original"),
    "context": _marked("Sentence"),
    "end_line": _marked("End line"),
    "end_column": _marked("End column"),
    "relation": _marked("Relation"),
    "place": _marked("Place of issue"),
    "sha256": _marked("SHA-256"),
    "references": _marked("References"),
    "footnotes": _marked("Footnotes"),
    "copy_of": _marked("Copy of"),
    "blank_number": _marked("Blank number"),
}
"""The heading of each column of an exported table in a workbook for people (the catalogue
gives them in Vietnamese); CSV and JSON keep the field names, for programs."""

WIDEST = 60
"""Most characters of width given to a column of a workbook (longer text wraps when shown)."""


def rows_xlsx(
    rows: list[dict[str, object]], sheet: str, titles: Callable[[str], str] | None = None
) -> bytes:
    """Rows as an Excel workbook (openpyxl) ready for a clerk: one sheet, a bold header row
    that stays in view and filters each column, columns as wide as what they hold, ISO dates
    as date cells shown dd/mm/yyyy, so that Excel sorts and filters them as dates. ``titles``
    names each column (the field's name when None)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    headings = [titles(name) if titles else name for name in columns]
    for number, name in enumerate(columns, start=1):
        longest = max([len(headings[number - 1])] + [_shown_width(row.get(name)) for row in rows])
        page.column_dimensions[get_column_letter(number)].width = min(WIDEST, longest + 2)
    page.freeze_panes = "A2"
    if columns:
        page.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    header = []
    for heading in headings:
        cell = WriteOnlyCell(page, value=heading)
        cell.font = Font(bold=True)
        header.append(cell)
    page.append(header)
    for row in rows:
        cells = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, str) and is_day(value):
                day = datetime.datetime.fromisoformat(value)
                cell = WriteOnlyCell(page, value=day)
                cell.number_format = "dd/mm/yyyy"
            else:
                cell = WriteOnlyCell(page, value=_cell_value(value))
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        page.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_file(
    rows: list[dict[str, object]], table: str, fmt: str, language: str = "en"
) -> str | bytes:
    """Rows as a file of format ``fmt``: an Excel workbook (bytes) whose headings are in
    ``language``, else CSV or JSON text with the fields' names."""
    if fmt != "xlsx":
        return rows_as(rows, fmt)
    said = translator(language)
    return rows_xlsx(rows, table, lambda name: said(COLUMN_TITLES.get(name, name)))


def _shown_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str) and is_day(value):
        return 10  # dd/mm/yyyy
    return len(str(value))


def _cell_value(value: object) -> str | float | None:
    if value is None or isinstance(value, (int, float)):  # booleans included
        return value
    return xml_text(str(value))


def rows_as(rows: list[dict[str, object]], fmt: str) -> str:
    """Rows as CSV (UTF-8 with BOM, so Excel shows Vietnamese; a cell that a spreadsheet would
    run as a formula written as text, :func:`~vanban.output.escape.csv_cell`) or JSON."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()
