"""The shape of a graph file, checked on load so a damaged or foreign file fails clearly.

Only what the commands read is checked: types of the fixed fields (docs/schema.md). Extra
fields are allowed, so later versions can add them.
"""

from __future__ import annotations

from typing import Any

from .errors import GraphFormatError

_TEXT = (str,)
_TEXT_OR_NULL = (str, type(None))
_INT = (int,)
_INT_OR_NULL = (int, type(None))
_BOOL = (bool,)

SOURCE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": _TEXT,
    "path": _TEXT_OR_NULL,
    "kind": _TEXT_OR_NULL,
    "symbol": _TEXT_OR_NULL,
    "date": _TEXT_OR_NULL,
    "issuer": _TEXT_OR_NULL,
    "title": _TEXT_OR_NULL,
    "copy_of": _TEXT_OR_NULL,
}
REFERENCE_FIELDS: dict[str, tuple[type, ...]] = {
    "target": _TEXT,
    "text": _TEXT,
    "symbol": _TEXT,
    "kind": _TEXT_OR_NULL,
    "date": _TEXT_OR_NULL,
    "issuer": _TEXT_OR_NULL,
    "footnote": _INT_OR_NULL,
    "line": _INT,
}
FOOTNOTE_FIELDS: dict[str, tuple[type, ...]] = {
    "number": _INT,
    "text": _TEXT,
    "line": _INT_OR_NULL,
    "body_line": _INT_OR_NULL,
}
MALFORMED_FIELDS: dict[str, tuple[type, ...]] = {"text": _TEXT, "reason": _TEXT, "line": _INT}
DOCUMENT_FIELDS: dict[str, tuple[type, ...]] = {
    "kind": _TEXT_OR_NULL,
    "symbol": _TEXT_OR_NULL,
    "date": _TEXT_OR_NULL,
    "issuer": _TEXT_OR_NULL,
    "in_corpus": _BOOL,
    "citations": _INT,
    "cited_by": (list,),
}
EDGE_FIELDS: dict[str, tuple[type, ...]] = {
    "source": _TEXT,
    "target": _TEXT,
    "relation": _TEXT,
    "line": _INT,
}
_NAMES = {str: "text", int: "an integer", bool: "true or false", list: "a list", type(None): "null"}


def _fields(item: object, fields: dict[str, tuple[type, ...]], where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise GraphFormatError(f"{where}: expected a mapping")
    for name, types in fields.items():
        value = item.get(name)
        if name not in item and type(None) in types:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            wanted = " or ".join(_NAMES[t] for t in types)
            raise GraphFormatError(f"{where}.{name}: expected {wanted}, found {value!r:.40}")
    return item


def _list(item: object, where: str) -> list[Any]:
    if item is None:
        return []
    if not isinstance(item, list):
        raise GraphFormatError(f"{where}: expected a list")
    return item


def validate_graph(data: dict[str, Any], name: str) -> None:
    """Raise :class:`GraphFormatError` naming the first field that is not as the schema says."""
    prefix = f"{name}: not a vanban graph"
    try:
        for i, source in enumerate(_list(data.get("sources"), "sources")):
            _fields(source, SOURCE_FIELDS, f"sources[{i}]")
            for j, ref in enumerate(_list(source.get("references"), f"sources[{i}].references")):
                _fields(ref, REFERENCE_FIELDS, f"sources[{i}].references[{j}]")
            for j, note in enumerate(_list(source.get("footnotes"), f"sources[{i}].footnotes")):
                _fields(note, FOOTNOTE_FIELDS, f"sources[{i}].footnotes[{j}]")
            for j, item in enumerate(_list(source.get("malformed"), f"sources[{i}].malformed")):
                _fields(item, MALFORMED_FIELDS, f"sources[{i}].malformed[{j}]")
            _list(source.get("short_references"), f"sources[{i}].short_references")
            _list(source.get("relations"), f"sources[{i}].relations")
        documents = data.get("documents")
        if not isinstance(documents, dict):
            raise GraphFormatError("documents: expected a mapping of id to document")
        for key, node in documents.items():
            if not isinstance(key, str):
                raise GraphFormatError(f"documents: id {key!r} is not text")
            _fields(node, DOCUMENT_FIELDS, f"documents[{key!r}]")
        for i, edge in enumerate(_list(data.get("edges"), "edges")):
            _fields(edge, EDGE_FIELDS, f"edges[{i}]")
        ids = documents.keys()
        for i, source in enumerate(data.get("sources") or []):
            for j, ref in enumerate(source.get("references") or []):
                if ref["target"] not in ids:
                    raise GraphFormatError(
                        f"sources[{i}].references[{j}].target: no document {ref['target']!r}"
                    )
    except GraphFormatError as error:
        raise GraphFormatError(f"{prefix} ({error})") from None
