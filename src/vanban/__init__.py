"""vanban: read Vietnamese directive documents and write their citation graph.

The public verbs::

    from vanban import parse_text, parse_file, build_graph
    doc = parse_file("samples/ket-luan-thi-uy-la-gi-2023-12-08.txt")
    graph = build_graph([doc])
"""

from __future__ import annotations

from .graph import build_graph
from .model import (
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
from .parse import parse_file, parse_text
from .store import load_graph, write_graph

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
