"""The graph file's schema, generated from the records of :mod:`vanban.model`.

The types and order of the fields come from the dataclasses; what each field means is said
once, here. ``vanban schema`` prints the JSON Schema, and the field tables of docs/schema.md
are written by :func:`update_markdown` (a test checks both are what the records say).
"""

from __future__ import annotations

from dataclasses import MISSING, Field, fields
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import regex

from vanban.checks.findings import SUMMARY_KEYS, Finding
from vanban.core.records import (
    GRAPH_KEYS,
    OMITTED_WHEN_EMPTY,
    Citation,
    CitationGraph,
    DocumentNode,
    Edge,
    Footnote,
    Malformed,
    Registered,
    Relation,
    ShortCitation,
    Source,
)
from vanban.core.relations import schema_description

DESCRIPTIONS: dict[type, dict[str, str]] = {
    Registered: {
        "symbol": "the number and symbol of the row, made canonical",
        "date": 'ISO date of issue ("Ngày ban hành", "Ngày tháng văn bản"); null when the '
        "row has none",
        "kind": "from a kind column, the kind the summary opens with, else null",
        "title": 'the summary as recorded ("Trích yếu nội dung")',
        "issuer": 'the issuing body as recorded ("Cơ quan ban hành", "Tác giả")',
        "level": "the committee the issuer names, for a Party symbol",
        "signer": 'who signed ("Người ký")',
        "register": "the register file, relative to the graph file's folder",
        "sheet": "the worksheet, when the workbook has several; else null",
        "row": "1-based row of the sheet (line of a .csv file)",
    },
    CitationGraph: {
        "version": "schema version; vanban refuses a graph with a newer one",
        "roots": "the folders the graph was built from, rescanned by `parse --update`; "
        "relative to the graph file's folder; left out when there are none",
        "sources": "one entry per file read, in path order",
        "documents": "id → node: one per distinct document, read or only cited",
        "edges": "relations between documents",
    },
    Source: {
        "path": "the file, relative to the graph file's folder, with forward slashes (as given "
        "on the command line when the graph is written to standard output)",
        "id": "the document's node in `documents`",
        "kind": 'its own kind ("Kết luận", "Quyết định"), from the kind line or the header '
        "code; null when unknown",
        "symbol": 'its own number from the header ("Số 155-KH/TU", "Số: 05/QĐ-UBND", the '
        'number a signing system stamped into "Số: ___ /BC-SNV"), or from a metadata label '
        '("Số hiệu: 100-CV/ĐU"); an own number is never a reference',
        "date": 'ISO date from the place–date line ("La Gi, ngày 08 tháng 12 năm 2023"), or '
        'from an opening "Ngày 08/12/2023, Ban Chấp hành ... đã họp"',
        "issuer": "the issuing body as the header or title names it",
        "term": 'term of the issuing committee ("XI" from "(KHÓA XI)")',
        "title": "the title lines under the kind line",
        "place": "the place of the place–date line",
        "sha256": "hash of the file's text, for `--update`",
        "footnotes": "the file's footnotes (below)",
        "references": "every numbered reference, in reading order (below)",
        "short_references": 'mentions without a number ("Chỉ thị 35", "Nghị quyết Trung '
        'ương 8, 9, 10 (khóa XIII)", "Luật Đất đai ngày 26/11/2003") (below)',
        "relations": "the relations the file states, by index into its `references` (below); "
        "`--update` rebuilds the graph from them",
        "malformed": 'references whose symbol is broken ("Kế hoạch số 157-KH") (below)',
        "copy_of": "present when the file is another copy of a document read from another file "
        "(the same number, date and committee, or without a number the same kind and title; "
        "and the same content: the same text, or the same references whatever their order "
        "and layout): the path of the file taken as the original (a PDF before Word before "
        "text). The copy shares the original's node, and its references are not counted "
        "again in `citations`, `cited_by` or `edges`",
        "version_of": "present when the file is another version of a document read from "
        "another file: the same number, date and committee, but another content (a draft and "
        "its signed final, a revised report): the path of the document's first version (in "
        "path order), whose file is the node's `path`. Every version shares the node and "
        "keeps its own `references`; the node counts, for each document its versions cite, "
        "as many citations as the version that cites it most (a reference the versions share "
        "is counted once), and `edges` holds each relation the versions state once",
        "blank_number": "present for a draft whose header number is left blank for signing "
        '("Số:      /KH-UBND"), as written; its node notes it has no number yet',
        "localities": "present when the header's lines of bodies state places: those places, "
        'widest first ("tỉnh Lâm Đồng" under "UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ"; "tỉnh Khánh '
        'Hòa", "xã Công Hải" under "ĐẢNG BỘ TỈNH KHÁNH HÒA" / "ĐẢNG ỦY XÃ CÔNG HẢI"). A body '
        'the file names without its place ("UBND tỉnh", "Tỉnh ủy", "Sở Nội vụ") is the one of '
        "these places (see The body that issued a document)",
    },
    Citation: {
        "target": "id of the document node it names",
        "text": "surface text from the kind word through the date, as written, spaces folded",
        "kind": 'canonical kind name ("Chương trình hành động"); null when no kind word '
        "precedes the number",
        "symbol": "canonical symbol: spaces removed, dashes plain, case as written "
        "(`155-KH/TU`, `30/2020/NĐ-CP`)",
        "number": "the running number as written (`155`, `02`, `30c`)",
        "kind_code": "kind code (`KH`, `NĐ`, `QĐ`); null for a State công văn "
        "(`4216/UBND-NC`) and a law (`51/2001/QH10`)",
        "issuer_code": "issuer code (`TU`, `CP`, `UBND-NC`, `QH10`)",
        "year": "the year written inside a State normative symbol (2020 in `30/2020/NĐ-CP`); "
        "null when it has none",
        "date": 'ISO date when a date follows the reference ("..., ngày 15/6/2023", "ngày 15 '
        'tháng 6 năm 2023"); null otherwise, and null when the written date does not exist',
        "issuer": 'the issuer phrase after it ("của Ban Thường vụ Thị ủy") or before it '
        '("của Ban Thường vụ Thị ủy tại Công văn số ..."); a trailing issuer is shared by the '
        "list it ends",
        "term": '"(khóa XIII)" or "khóa XII" after it',
        "level": "for a Party symbol: the committee its issuer phrase names (Tỉnh ủy, Thị ủy, "
        "Thành ủy, Huyện ủy)",
        "footnote": "number of the footnote whose body holds it; null in the running text",
        "line": "1-based line of its first character in the file's text",
        "column": "1-based column of that character in its line",
        "section": "section path where it stands: `II › 3 › 3.3`, `Chương IV › Điều 14 › 1`",
        "date_written": "the date as found (`dd/mm/yyyy`), kept also when it names no real "
        "day (`31/02/2023`)",
        "where": "for a PDF or Word file, where it stands in the original: `page 5, line 12`, "
        "`page 5, footnote 2`, `paragraph 45`, `footnote 1`; null for text",
        "context": 'the sentence it stands in, as written, cut with "…" past 160 characters '
        "on either side",
        "end_line": "line of its last character (through the date when one follows)",
        "end_column": "1-based column just after its last character",
    },
    Footnote: {
        "number": "the footnote's number",
        "marker": "the marker as written (`⁽¹⁾`, `[2]`, `²`)",
        "text": "the body, without its marker; empty when the body is not in the file",
        "line": "line of the marker in the running text; null when no marker was found",
        "body_line": "line where the body starts; null when the body is not in the file",
    },
    ShortCitation: {
        "text": "the mention as written",
        "kind": "canonical kind name",
        "line": "line where it stands",
        "footnote": "number of the footnote whose body holds it; null in the running text",
        "target": "the document it stands for when the file cites exactly one of that kind and "
        'number ("Kết luận 21" after "Kết luận số 21-KL/TW ... (sau đây gọi tắt là Kết luận '
        '21)"), else null',
    },
    Relation: {
        "source": "index into the file's `references` of the subject; -1 for the document itself",
        "target": "index into the file's `references` of the object",
        "relation": "as in `edges[].relation`",
        "line": "line of the statement",
    },
    Malformed: {
        "text": "the broken reference as written",
        "reason": '`no-issuer-code` ("157-KH"), `no-code-after-slash` ("155-KH/"), `no-number`, '
        '`no-number-before-code` ("/UBND-VX")',
        "line": "line where it stands",
        "footnote": "number of the footnote whose body holds it; null in the running text",
        "column": "1-based column of its first character",
        "end_line": "line of its last character",
        "end_column": "1-based column just after its last character",
    },
    DocumentNode: {
        "id": "the key it is listed under (not repeated inside the node)",
        "kind": "canonical kind name, from the document itself or the references that name it",
        "symbol": "canonical symbol",
        "number": "parts of the symbol, as in `references[]`",
        "kind_code": "parts of the symbol, as in `references[]`",
        "issuer_code": "parts of the symbol, as in `references[]`",
        "year": "the year its symbol carries, as in `references[]`",
        "family": "`party` or `state`; a slash-form symbol with a Party issuer tail "
        "(`22/CT-TW`) is Party",
        "issuer": "gathered from every place that names it",
        "level": "the committee (Tỉnh ủy, Thị ủy, ...) for a TU/HU symbol, when known",
        "date": "ISO date, gathered from every place that names it",
        "term": "term, gathered from every place that names it",
        "in_corpus": "true when the document itself was read (its file is `path`); false when "
        "it is only cited",
        "path": "the file it was read from",
        "title": "its title, for a document read from a file",
        "body": "the body that issued it, one canonical name whatever the spelling (full, "
        "abbreviations expanded, Vietnamese capitals, the province or town kept when stated: "
        '"Ban Thường vụ Tỉnh ủy" for "BTV Tỉnh uỷ", "Ủy ban nhân dân tỉnh Lâm Đồng" for '
        '"UBND tỉnh Lâm Đồng"); its header\'s issuer when it names one, else the form most '
        "references give; null when nothing names it",
        "body_level": '"Trung ương" for a central body, the committee (Tỉnh ủy, Thị ủy, ...) '
        "for a local Party body; null otherwise",
        "citations": "how many references name it",
        "cited_by": "ids of the documents that cite it",
        "notes": 'what the parser could not decide ("undated reference that could be any of: '
        '...", "committee level unknown")',
        "aliases": "other ids that name it: the ids it had before an update gave them up; left "
        "out when there are none",
        "registered": "the row of the office's register that lists it (`parse --register`); "
        "left out when there is none",
    },
    Edge: {
        "source": "id of the document that states the relation (or cites)",
        "target": "id of the document it is about",
        "relation": schema_description(),
        "line": "line of the statement",
        "path": "file that states it",
    },
}

_TITLES: dict[type, str] = {
    CitationGraph: "graph",
    Source: "sources[]",
    Citation: "sources[].references[]",
    Footnote: "sources[].footnotes[]",
    ShortCitation: "sources[].short_references[]",
    Relation: "sources[].relations[]",
    Malformed: "sources[].malformed[]",
    DocumentNode: "documents{}",
    Registered: "documents{}.registered",
    Edge: "edges[]",
}

_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", type(None): "null"}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        options = [_type_schema(option) for option in get_args(hint)]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin is list:
        return {"type": "array", "items": _type_schema(get_args(hint)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(get_args(hint)[1])}
    if hint in _TITLES:
        return {"$ref": f"#/$defs/{hint.__name__}"}
    return {"type": _JSON_TYPES[hint]}


def _in_file_order(cls: type) -> list[Field[Any]]:
    """A record's fields in the order a graph file has them."""
    items = list(fields(cls))
    if cls is CitationGraph:
        items.sort(key=lambda item: GRAPH_KEYS.index(item.name))
    return items


def _record_schema(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for item in _in_file_order(cls):
        if cls is DocumentNode and item.name == "id":
            continue  # documents are keyed by id
        properties[item.name] = {
            **_type_schema(hints[item.name]),
            "description": DESCRIPTIONS[cls][item.name],
        }
        has_default = item.default is not MISSING or item.default_factory is not MISSING
        if not has_default and item.name not in OMITTED_WHEN_EMPTY:
            required.append(item.name)
    return {"type": "object", "properties": properties, "required": required}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a graph file, YAML or JSON."""
    graph = _record_schema(CitationGraph)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://vanban.invalid/schema/graph-1.json",
        "title": "vanban citation graph",
        **graph,
        "$defs": {cls.__name__: _record_schema(cls) for cls in _TITLES if cls is not CitationGraph},
    }


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of what ``vanban check --format json`` prints."""
    hints = get_type_hints(Finding)
    names = [item.name for item in fields(Finding)]
    finding = {
        "type": "object",
        "properties": {name: _type_schema(hints[name]) for name in names},
        "required": names,
        "additionalProperties": False,
    }
    summary = {
        "type": "object",
        "properties": {key: {"type": "integer", "minimum": 0} for key in SUMMARY_KEYS},
        "required": list(SUMMARY_KEYS),
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://vanban.invalid/schema/findings-1.json",
        "title": "vanban check --format json",
        "type": "object",
        "properties": {"findings": {"type": "array", "items": finding}, "summary": summary},
        "required": ["findings", "summary"],
        "additionalProperties": False,
    }


def _type_words(hint: Any) -> str:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        return " or ".join(_type_words(option) for option in get_args(hint))
    if origin is list:
        return f"list of {_type_words(get_args(hint)[0])}"
    if origin is dict:
        return f"mapping of id to {_type_words(get_args(hint)[1])}"
    if hint in _TITLES:
        return f"`{_TITLES[hint]}`"
    return {str: "text", int: "integer", bool: "true/false", type(None): "null"}[hint]


def field_table(cls: type) -> str:
    """The markdown table of one record's fields: name, type, meaning."""
    hints = get_type_hints(cls)
    rows = ["| field | type | meaning |", "| --- | --- | --- |"]
    for item in _in_file_order(cls):
        if cls is DocumentNode and item.name == "id":
            continue
        meaning = DESCRIPTIONS[cls][item.name].replace("|", "\\|")
        rows.append(f"| `{item.name}` | {_type_words(hints[item.name])} | {meaning} |")
    return "\n".join(rows) + "\n"


_BLOCK = regex.compile(
    r"(?P<open><!-- fields: (?P<name>\w+) -->\n).*?(?P<close><!-- end fields -->)", regex.S
)


def update_markdown(text: str) -> str:
    """``text`` with each ``<!-- fields: Name -->`` ... ``<!-- end fields -->`` block
    rewritten from the record ``Name``."""
    by_name = {cls.__name__: cls for cls in _TITLES}

    def table(match: regex.Match[str]) -> str:
        body = field_table(by_name[str(match.group("name"))])
        return f"{match.group('open')}{body}{match.group('close')}"

    return str(_BLOCK.sub(table, text))
