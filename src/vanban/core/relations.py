"""The relations an edge of the graph can state, each with everything said of it.

An edge's ``relation`` is one of these names. The parser's patterns name the relation each
verb states (``parser/patterns.py``); the graph file's schema, the terminal, the pages and the
graph pictures ask here how to describe, label and draw it. A new relation is one entry of
:data:`RELATIONS` (and its label's Vietnamese in the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class RelationKind:
    """A relation between two documents."""

    name: str
    """As written in a graph file: ``implements``."""
    label: str
    """In words for people, in English; the catalogue has the Vietnamese."""
    stated_by: str
    """What in a text states it (for the graph file's schema)."""
    dot: str
    """Graphviz attributes of its edges."""
    arrow: str
    """Mermaid arrow of its edges."""


RELATIONS: tuple[RelationKind, ...] = (
    RelationKind(
        "cites",
        "cites",
        "the document read names the target",
        'style=dashed, color="#888888"',
        "-.->",
    ),
    RelationKind(
        "attached-to",
        "attached to",
        '"(Kèm theo Quyết định số ...)" in a title',
        'style=dotted, color="#57606a"',
        "-.->",
    ),
    RelationKind(
        "implements",
        "implements",
        '"về thực hiện", "triển khai thực hiện", "tiếp tục thực hiện", "cụ thể hóa"; a '
        'footnote that opens "Thực hiện Y" under X',
        'style=bold, color="#1f6feb"',
        "==>",
    ),
    RelationKind(
        "reviews",
        "reviews",
        '"tổng kết", "sơ kết ... thực hiện"',
        'color="#8250df"',
        "-->",
    ),
    RelationKind("amends", "amends", '"sửa đổi, bổ sung"', 'color="#bf8700"', "-->"),
    RelationKind(
        "replaces", "replaces", '"thay thế", "được thay thế bởi"', 'color="#cf222e"', "-->"
    ),
    RelationKind("repeals", "repeals", '"bãi bỏ"', 'style=dotted, color="#cf222e"', "-->"),
    RelationKind("guides", "guides", '"hướng dẫn"', 'color="#1a7f37"', "-->"),
)

RELATION_BY_NAME: dict[str, RelationKind] = {r.name: r for r in RELATIONS}


def relation_named(name: str) -> RelationKind:
    """The relation of this name; one not in the table (a graph written by hand) is labelled
    by its name and drawn plain."""
    return RELATION_BY_NAME.get(name) or RelationKind(name, name, "", "", "-->")


RELATION_NAME = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}_-]{0,63}")
"""What a relation's name may be in a graph file, one written by hand too: a word of letters,
digits, hyphens and underscores (``implements``, ``attached-to``, ``trích_dẫn``), so that a
name never carries a line break or a quote into the pictures' statements."""


def is_relation_name(name: str) -> bool:
    """Whether ``name`` can name a relation (:data:`RELATION_NAME`)."""
    return RELATION_NAME.fullmatch(name) is not None


def schema_description() -> str:
    """What the ``relation`` field of an edge may hold, for the graph file's schema."""
    return ", ".join(f"`{r.name}` ({r.stated_by})" for r in RELATIONS)
