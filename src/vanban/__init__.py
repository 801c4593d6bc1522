"""vanban: read Vietnamese directive documents and write their citation graph.

The public verbs::

    from vanban import parse_text, parse_file, build_graph
    doc = parse_file("samples/ket-luan-thi-uy-la-gi-2023-12-08.txt")
    graph = build_graph([doc])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use (__getattr__): the command line starts faster
    from vanban.app.documents import parse_file
    from vanban.core.records import (
        Citation,
        CitationGraph,
        DocumentNode,
        Edge,
        Footnote,
        Identity,
        ParsedDocument,
        Reference,
        Relation,
        ShortCitation,
        ShortReference,
        Source,
        Symbol,
    )
    from vanban.graph.build import build_graph
    from vanban.parser.pipeline import parse_text
    from vanban.storage.graph_file import load_graph, write_graph

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "CitationGraph",
    "DocumentNode",
    "Edge",
    "Footnote",
    "Identity",
    "ParsedDocument",
    "Reference",
    "Relation",
    "ShortCitation",
    "ShortReference",
    "Source",
    "Symbol",
    "__version__",
    "build_graph",
    "load_graph",
    "parse_file",
    "parse_text",
    "write_graph",
]

_PUBLIC = {
    "build_graph": "graph.build",
    "parse_file": "app.documents",
    "parse_text": "parser.pipeline",
    "load_graph": "storage.graph_file",
    "write_graph": "storage.graph_file",
    **{name: "core.records" for name in __all__ if name[:1].isupper()},
}


def __getattr__(name: str) -> Any:
    """The public verbs and records, imported when first asked for."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
