"""Plain dataclasses passed between the steps of the pipeline.

Nothing here reads files or prints. Each class has a ``to_dict`` that gives the
structure written to YAML/JSON; the graph is only ever serialised from those dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Symbol:
    """A document number and symbol ("155-KH/TU", "30/2020/NĐ-CP") split into its parts."""

    canonical: str
    """The symbol with spaces removed and dashes made plain: ``155-KH/TU``."""
    number: str
    """The running number as written (``155``, ``02``, ``30c``)."""
    year: int | None
    """The year written inside a State normative symbol (``2020`` in ``30/2020/NĐ-CP``)."""
    kind_code: str | None
    """Kind code (``KH``, ``NĐ``, ``QĐ``); None for a State công văn or a law."""
    issuer_code: str | None
    """Issuer code (``TU``, ``CP``, ``UBND-NC``, ``QH14``)."""
    family: str
    """``party`` (Đảng) or ``state`` (Nhà nước)."""


@dataclass(frozen=True)
class Reference:
    """One numbered reference to another document, as it occurs in the text."""

    text: str
    """Surface text from the kind word through the date, whitespace folded."""
    kind: str | None
    """Canonical kind name (``Kế hoạch``); None when no kind word precedes the number."""
    kind_as_written: str | None
    """The kind word exactly as written (``QUYẾT ĐỊNH``, ``QĐ``)."""
    symbol: Symbol
    date: str | None
    """ISO date when a date directly follows the reference."""
    issuer: str | None
    """Issuer phrase ("Ban Thường vụ Thị ủy"), after or before the reference."""
    term: str | None
    """Committee or legislature term in Roman numerals ("XIII") when given."""
    level: str | None
    """For a TU/HU code: the committee the issuer phrase names (Tỉnh ủy, Thị ủy, ...)."""
    line: int
    """1-based line of the reference's first character in the normalised text."""
    section: str | None
    """Section path of the place it stands (``II › 3 › 3.3``)."""
    footnote: int | None
    """Number of the footnote whose body holds it; None in the body text."""
    start: int
    """Offset of the reference in the normalised text."""
    end: int
    context: str = ""
    """The sentence the reference stands in, as written (at most a few hundred characters)."""
    date_written: str | None = None
    """The date as found (dd/mm/yyyy), kept when it names no real day (31/02/2023)."""
    where: str | None = None
    """Where it stands in a PDF or Word original ("page 3, line 12", "footnote 2")."""

    def to_dict(self, target: str | None = None) -> dict[str, Any]:
        return {
            "target": target,
            "text": self.text,
            "kind": self.kind,
            "symbol": self.symbol.canonical,
            "number": self.symbol.number,
            "kind_code": self.symbol.kind_code,
            "issuer_code": self.symbol.issuer_code,
            "date": self.date,
            "issuer": self.issuer,
            "term": self.term,
            "level": self.level,
            "footnote": self.footnote,
            "line": self.line,
            "section": self.section,
            "date_written": self.date_written,
            "where": self.where,
            "context": self.context,
        }


@dataclass(frozen=True)
class ShortReference:
    """A mention of a document without a number ("Chỉ thị 35", "Nghị quyết Trung ương 8")."""

    text: str
    kind: str
    line: int
    footnote: int | None
    start: int = 0
    """Offset in the normalised text."""
    refers_to: int | None = None
    """Index of the numbered reference of the same document it stands for, when one matches
    ("Kết luận 21" after "Kết luận số 21-KL/TW ... (sau đây gọi tắt là Kết luận 21)")."""

    def to_dict(self, target: str | None = None) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "line": self.line,
            "footnote": self.footnote,
            "target": target,
        }


@dataclass(frozen=True)
class Malformed:
    """A reference that starts like one but whose symbol is incomplete or missing."""

    text: str
    reason: str
    """``no-issuer-code`` ("157-KH"), ``no-code-after-slash`` ("155-KH/"), ``no-number``."""
    line: int
    footnote: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "reason": self.reason,
            "line": self.line,
            "footnote": self.footnote,
        }


@dataclass(frozen=True)
class Footnote:
    """A footnote: its number, body text, and where its marker and body stand."""

    number: int
    marker: str
    """The marker as written (``⁽¹⁾``, ``[2]``, ``¹``)."""
    text: str
    """Body text without the leading marker; empty when the body is not in the file."""
    line: int | None
    """Line of the marker in the running text; None when no marker was found."""
    body_line: int | None
    """Line where the body starts; None when the body is not in the file."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "marker": self.marker,
            "text": self.text,
            "line": self.line,
            "body_line": self.body_line,
        }


@dataclass(frozen=True)
class Relation:
    """A relation the text states between two references (by index in ``references``).

    ``source`` is -1 when the document itself is the subject: "KẾ HOẠCH thực hiện Kết luận
    số 21-KL/TW", "Quyết định này thay thế Quyết định số 310/QĐ-UBND".
    """

    source: int
    target: int
    relation: str
    """``implements``, ``amends``, ``replaces``, ``guides``, ``reviews``, ``repeals``."""
    line: int


@dataclass(frozen=True)
class Identity:
    """What the text says about the document itself (header, place–date line, title)."""

    kind: str | None = None
    symbol: Symbol | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    place: str | None = None
    line: int | None = None
    """Line of the header number, when there is one."""
    title_end_line: int | None = None
    """Last line of the kind and title block; references up to it speak of the document."""


@dataclass(frozen=True)
class ParsedDocument:
    """Everything read from one document."""

    path: str | None
    identity: Identity
    references: tuple[Reference, ...]
    short_references: tuple[ShortReference, ...]
    footnotes: tuple[Footnote, ...]
    relations: tuple[Relation, ...]
    content_hash: str | None = None
    malformed: tuple[Malformed, ...] = ()


@dataclass
class DocumentNode:
    """One distinct document in the graph."""

    id: str
    kind: str | None
    symbol: str | None
    number: str | None
    kind_code: str | None
    issuer_code: str | None
    family: str | None
    issuer: str | None
    level: str | None
    date: str | None
    term: str | None
    in_corpus: bool
    path: str | None = None
    title: str | None = None
    cited_by: list[str] = field(default_factory=list)
    citations: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "symbol": self.symbol,
            "number": self.number,
            "kind_code": self.kind_code,
            "issuer_code": self.issuer_code,
            "family": self.family,
            "issuer": self.issuer,
            "level": self.level,
            "date": self.date,
            "term": self.term,
            "in_corpus": self.in_corpus,
            "path": self.path,
            "title": self.title,
            "citations": self.citations,
            "cited_by": list(self.cited_by),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Edge:
    """A directed relation between two documents of the graph."""

    source: str
    target: str
    relation: str
    line: int
    path: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "line": self.line,
            "path": self.path,
        }


@dataclass
class CitationGraph:
    """Documents read, the documents they reference, and the relations between them."""

    sources: list[dict[str, Any]]
    """One entry per file read, in path order (see docs/schema.md)."""
    documents: dict[str, DocumentNode]
    edges: list[Edge]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "sources": self.sources,
            "documents": {key: self.documents[key].to_dict() for key in sorted(self.documents)},
            "edges": [edge.to_dict() for edge in self.edges],
        }


@dataclass(frozen=True)
class SourceText:
    """A document's text as a reader made it, and where each of its lines stands in the file.

    ``positions[i]`` names line ``i + 1`` of ``text`` the way a person finds it in the original:
    "page 3, line 12" in a PDF, "paragraph 45" or "footnote 2" in a Word file. None for text
    files, whose line numbers are their own.
    """

    text: str
    positions: tuple[str, ...] | None = None

    @classmethod
    def from_blocks(cls, blocks: list[list[tuple[str, str]]]) -> SourceText:
        """Paragraphs, each a list of (line, position), joined by blank lines."""
        lines: list[str] = []
        positions: list[str] = []
        for block in blocks:
            if not block:
                continue
            if lines:
                lines.append("")
                positions.append(positions[-1])
            for line, position in block:
                lines.append(line)
                positions.append(position)
        return cls("\n".join(lines) + "\n", tuple(positions))
