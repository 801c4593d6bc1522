"""Plain dataclasses passed between the steps of the pipeline.

Nothing here reads files or prints. The graph's records (:class:`CitationGraph` and what it
holds) are written with :func:`to_dict` and read back, each field checked, with
:func:`from_dict`; their field order is the order of the keys in a graph file.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import operator
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from vanban.core.dates import document_year

_R = TypeVar("_R")


@contextlib.contextmanager
def many_records() -> Iterator[None]:
    """Python's cycle collector paused while a graph's records are made, read or written, and
    started again after (if it was running). Records hold no cycles, and with millions of them
    alive each full collection walks them all: a quarter of an update's time at 2,000
    documents, measured. The memory used is the same either way (measured)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def is_day(value: str) -> bool:
    """Whether ``value`` is a day the way the graph writes dates: ``2023-06-15``, and a real
    one (not ``2023-6-15``, ``20230615`` or ``2023-02-30``)."""
    try:
        return len(value) == 10 and datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Reference:
    """One numbered reference to another document, as it occurs in the text."""

    text: str
    """Surface text from the kind word through the date, whitespace folded."""
    kind: str | None
    """Canonical kind name (``Kế hoạch``); None when no kind word precedes the number."""
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
    column: int | None
    """1-based column of that character in its line."""
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
    end_line: int | None = None
    """Line of its last character (through the date, when one follows)."""
    end_column: int | None = None
    """1-based column just after its last character."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Malformed:
    """A reference that starts like one but whose symbol is incomplete or missing."""

    text: str
    reason: str
    """``no-issuer-code`` ("157-KH"), ``no-code-after-slash`` ("155-KH/"), ``no-number``,
    ``no-number-before-code`` ("/UBND-VX")."""
    line: int
    footnote: int | None
    column: int | None = None
    """1-based column of its first character."""
    end_line: int | None = None
    end_column: int | None = None
    """Line, and 1-based column just after, of its last character."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    blank_number: str | None = None
    """The header number of a draft, left blank for signing ("Số:    /KH-UBND"), as written."""
    localities: tuple[str, ...] = ()
    """The places the header's lines of bodies state, widest first: ("tỉnh Lâm Đồng",) under
    "UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ"; ("tỉnh Khánh Hòa", "xã Công Hải") under "ĐẢNG BỘ TỈNH
    KHÁNH HÒA" / "ĐẢNG ỦY XÃ CÔNG HẢI"."""


@dataclass(frozen=True, slots=True)
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
    text: str | None = field(default=None, compare=False, repr=False)
    """The text read (footnotes after it, lines as ``Reference.line`` counts them), for the
    index's search of whole texts; None for a document restored from a graph."""


@dataclass(frozen=True, slots=True)
class TextLayout:
    """Where a document's parts stand in its normalised text, for a page that shows it: the
    paragraphs of the running text, the footnote marks in it, and the footnote bodies. All
    offsets are those of ``text``, as :attr:`Reference.start` and :attr:`Reference.end` are."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    """(start, end) of each paragraph of the running text, footnote bodies left out."""
    marks: tuple[tuple[int, int, int], ...]
    """(footnote number, start, end) of each footnote mark in the running text."""
    notes: tuple[tuple[int, int, int], ...]
    """(footnote number, start, end) of each footnote body, its leading mark left out."""


@dataclass(slots=True)
class Citation:
    """A reference as a graph keeps it: what was read, and the document node it names."""

    target: str
    text: str
    kind: str | None
    symbol: str
    number: str
    kind_code: str | None
    issuer_code: str | None
    year: int | None
    date: str | None
    issuer: str | None
    term: str | None
    level: str | None
    footnote: int | None
    line: int
    column: int | None = None
    section: str | None = None
    date_written: str | None = None
    where: str | None = None
    context: str = ""
    end_line: int | None = None
    end_column: int | None = None

    @classmethod
    def of(cls, reference: Reference, target: str) -> Citation:
        symbol = reference.symbol
        return cls(
            target=target,
            text=reference.text,
            kind=reference.kind,
            symbol=symbol.canonical,
            number=symbol.number,
            kind_code=symbol.kind_code,
            issuer_code=symbol.issuer_code,
            year=symbol.year,
            date=reference.date,
            issuer=reference.issuer,
            term=reference.term,
            level=reference.level,
            footnote=reference.footnote,
            line=reference.line,
            column=reference.column,
            section=reference.section,
            date_written=reference.date_written,
            where=reference.where,
            context=reference.context,
            end_line=reference.end_line,
            end_column=reference.end_column,
        )


@dataclass(slots=True)
class ShortCitation:
    """A mention without a number, and the document it stands for when one is clear."""

    text: str
    kind: str
    line: int
    footnote: int | None
    target: str | None = None


@dataclass(slots=True)
class Source:
    """One file read: what it says of itself and everything it cites."""

    path: str | None
    id: str
    kind: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    place: str | None = None
    sha256: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)
    short_references: list[ShortCitation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    copy_of: str | None = None
    blank_number: str | None = None
    version_of: str | None = None
    localities: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Registered:
    """A row of the office's register (sổ đăng ký văn bản) that lists a document: what the
    office recorded of it, and where."""

    symbol: str
    date: str | None
    """ISO date of issue (Ngày ban hành), None when the row has none."""
    kind: str | None
    """Kind name from a kind column, the title's first words, or an unambiguous kind code."""
    title: str | None
    """The summary (trích yếu) as recorded."""
    issuer: str | None
    """The issuing body (cơ quan ban hành, tác giả) as recorded."""
    level: str | None
    """For a TU/HU code: the committee the issuer names (Tỉnh ủy, Thị ủy, ...)."""
    signer: str | None
    register: str
    """The register file (relative to the graph file when stored in one)."""
    sheet: str | None
    """The worksheet, when the workbook has several."""
    row: int
    """1-based row of the sheet (line of a .csv file)."""

    @property
    def place(self) -> str:
        """Where the row stands: ``so-dang-ky.xlsx:7`` or ``so-dang-ky.xlsx[2024]:7``."""
        sheet = f"[{self.sheet}]" if self.sheet else ""
        return f"{self.register}{sheet}:{self.row}"


@dataclass(slots=True)
class DocumentNode:
    """One distinct document in the graph."""

    id: str
    kind: str | None
    symbol: str | None
    number: str | None
    kind_code: str | None
    issuer_code: str | None
    year: int | None
    family: str | None
    issuer: str | None
    level: str | None
    date: str | None
    term: str | None
    in_corpus: bool
    path: str | None = None
    title: str | None = None
    body: str | None = None
    """The one canonical name of the body that issued it (:func:`vanban.core.bodies.document_body`),
    by which lists, filters and counts group documents; ``issuer`` is as written."""
    body_level: str | None = None
    """The level of that body: "Trung ương", or the committee (Tỉnh ủy, Thị ủy, ...)."""
    citations: int = 0
    cited_by: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    registered: Registered | None = None
    """The register row that lists it, when a register was given (see docs/register.md)."""

    @property
    def year_of(self) -> int | None:
        """The year it was issued: of its date, else the one its symbol carries."""
        return document_year(self.date, self.year)

    @property
    def qualified_ids(self) -> list[str]:
        """Ids that name it whatever else shares its symbol: ``155-KH/TU@2023-06-15``."""
        if not self.symbol:
            return []
        return [f"{self.symbol}@{q}" for q in (self.date, self.level) if q]


@dataclass(frozen=True, slots=True)
class Edge:
    """A directed relation between two documents of the graph."""

    source: str
    target: str
    relation: str
    line: int
    path: str | None


@dataclass(slots=True)
class CitationGraph:
    """Documents read, the documents they reference, and the relations between them.

    Every step after the parser takes this; :mod:`vanban.store` reads and writes it.
    """

    sources: list[Source]
    """One entry per file read, in path order (see docs/schema.md)."""
    documents: dict[str, DocumentNode]
    edges: list[Edge]
    roots: list[str] = field(default_factory=list)
    """The folders the graph was built from, rescanned by ``--update``."""
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        """The graph as written: documents keyed by id, in id order."""
        data: dict[str, Any] = to_dict(self)
        for node in data["documents"].values():
            del node["id"]
        return {key: data[key] for key in GRAPH_KEYS if key in data}

    @classmethod
    def from_dict(cls, data: Any, where: str = "") -> CitationGraph:
        """A graph read back; raises :class:`RecordError` naming the first field that is wrong."""
        if isinstance(data, dict) and isinstance(data.get("documents"), dict):
            documents = {
                key: {**node, "id": key} if isinstance(node, dict) else node
                for key, node in data["documents"].items()
            }
            data = {**data, "documents": documents}
        return from_dict(cls, data, where)


GRAPH_KEYS = ("version", "roots", "sources", "documents", "edges")


def rebase_node(node: DocumentNode, convert: Callable[[str | None], str | None]) -> DocumentNode:
    """``node`` with its paths (its file, its register's) passed through ``convert``, in place."""
    node.path = convert(node.path)
    if node.registered is not None:
        node.registered = rebased_registered(node.registered, convert)
    return node


def rebased_registered(
    registered: Registered, convert: Callable[[str | None], str | None]
) -> Registered:
    """``registered`` with the path of its register passed through ``convert``."""
    return replace(registered, register=convert(registered.register) or registered.register)


def rebase_source(source: Source, convert: Callable[[str | None], str | None]) -> Source:
    """``source`` with its paths (its file, the file it copies or is a version of) passed
    through ``convert``, in place."""
    source.path = convert(source.path)
    source.copy_of = convert(source.copy_of)
    source.version_of = convert(source.version_of)
    return source


def rebased_edge(edge: Edge, convert: Callable[[str | None], str | None]) -> Edge:
    """``edge`` with the path of the file that states it passed through ``convert``."""
    return replace(edge, path=convert(edge.path))


class Records:
    """The plain data of a graph's parts as written to a file, one part at a time, with every
    path passed through ``convert`` (see :func:`vanban.store.to_file_paths`); so a large graph
    is written without a second copy of it whole."""

    def __init__(self, convert: Callable[[str | None], str | None] | None = None) -> None:
        self.path: Callable[[str | None], str | None] = convert or (lambda path: path)

    # The paths of each record are those rebase_source, rebase_node and rebased_edge change,
    # changed in the plain data rather than in a copy of the record (a graph has many).

    def source(self, source: Source) -> dict[str, Any]:
        record: dict[str, Any] = to_dict(source)
        record["path"] = self.path(source.path)
        if source.copy_of:
            record["copy_of"] = self.path(source.copy_of)
        if source.version_of:
            record["version_of"] = self.path(source.version_of)
        return record

    def node(self, node: DocumentNode) -> dict[str, Any]:
        record: dict[str, Any] = to_dict(node)
        del record["id"]  # the key it is written under
        record["path"] = self.path(node.path)
        if node.registered is not None:
            register = node.registered.register
            record["registered"]["register"] = self.path(register) or register
        return record

    def edge(self, edge: Edge) -> dict[str, Any]:
        record: dict[str, Any] = to_dict(edge)
        record["path"] = self.path(edge.path)
        return record

    def roots(self, graph: CitationGraph) -> list[str]:
        return [str(self.path(root)) for root in graph.roots]


OMITTED_WHEN_EMPTY = frozenset(
    {"copy_of", "version_of", "aliases", "roots", "blank_number", "registered", "localities"}
)
"""Fields written only when they hold something, so most graphs do not carry them."""


_PLAIN = frozenset({str, int, bool, float, type(None)})


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a record class is made into plain data: all its fields read at once, in order;
    then those that can hold a record or a list made plain in turn, and those written only
    when they hold something left out when empty."""

    names: tuple[str, ...]
    read: Callable[[Any], tuple[Any, ...]]
    nested: tuple[str, ...]
    omitted: tuple[str, ...]


@functools.cache
def _plan(cls: Any) -> _Plan:
    names = tuple(item.name for item in fields(cls))
    hints = get_type_hints(cls)
    nested = tuple(n for n in names if not all(t in _PLAIN for t in _types(hints[n])))
    omitted = tuple(n for n in names if n in OMITTED_WHEN_EMPTY)
    read = operator.attrgetter(*names) if len(names) > 1 else lambda r: (getattr(r, names[0]),)
    return _Plan(names, read, nested, omitted)


def _types(hint: Any) -> tuple[Any, ...]:
    """The types a field's hint admits (``str | None`` → str, NoneType)."""
    if get_origin(hint) in (Union, UnionType):
        return tuple(t for arg in get_args(hint) for t in _types(arg))
    return (type(None),) if hint is None else (hint,)


def to_dict(record: Any) -> Any:
    """The plain data (dicts, lists, text, numbers) a record is written as, in field order."""
    kind = type(record)
    if kind in _PLAIN:
        return record
    if kind is list or kind is tuple:
        return [to_dict(item) for item in record]
    if kind is dict:
        return {key: to_dict(record[key]) for key in sorted(record)}
    plan = _plan(kind)  # type: ignore[arg-type]
    data = dict(zip(plan.names, plan.read(record), strict=True))
    for name in plan.nested:
        value = data[name]
        if type(value) not in _PLAIN:
            data[name] = to_dict(value)
    for name in plan.omitted:
        if not data[name]:
            del data[name]
    return data


class RecordError(ValueError):
    """Data that is not the record it should be; the message names the field."""


_NAMES = {str: "text", int: "an integer", bool: "true or false", type(None): "null"}


@functools.cache
def _hints(cls: Any) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, required) of each field of a record class."""
    hints = get_type_hints(cls)
    return tuple(
        (
            item.name,
            hints[item.name],
            item.default is MISSING and item.default_factory is MISSING,
        )
        for item in fields(cls)
    )


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        return _convert(next(o for o in options if o is not type(None)), value, where)
    if origin is list:
        if not isinstance(value, list):
            raise RecordError(f"{where}: expected a list, found {value!r:.40}")
        (item,) = get_args(hint)
        return [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(f"{where}: expected a mapping, found {value!r:.40}")
        _, item = get_args(hint)
        for key in value:
            if not isinstance(key, str):
                raise RecordError(f"{where}: key {key!r} is not text")
        return {k: _convert(item, v, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(hint, type) and is_dataclass(hint):
        return _checked(hint, value, where)
    if not isinstance(value, hint) or (isinstance(value, bool) and hint is not bool):
        raise RecordError(f"{where}: expected {_NAMES.get(hint, hint)}, found {value!r:.40}")
    return value


def from_dict(cls: type[_R], data: Any, where: str) -> _R:
    """The record ``cls`` read back from what :func:`to_dict` wrote, each field checked.

    Fields with a default may be absent (graphs of earlier versions); unknown keys are left
    aside (graphs of later minor versions). A wrong type raises :class:`RecordError`.
    """
    try:
        result: _R = _fast(cls)(data)  # type: ignore[arg-type]
        return result
    except _Mismatch:  # find and name what is wrong, the slow way
        return _checked(cls, data, where)


class _Mismatch(Exception):
    """A value is not of its field's type (the checked path then says which)."""


_Converter = Callable[[Any], Any]


def _scalar(kind: type) -> _Converter:
    def convert(value: Any) -> Any:
        if type(value) is not kind:
            raise _Mismatch
        return value

    return convert


@functools.cache
def _fast(hint: Any) -> _Converter:
    """A converter for ``hint`` that checks types and builds records without naming places."""
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        (inner,) = [o for o in get_args(hint) if o is not type(None)]
        convert_inner = _fast(inner)
        return lambda value: None if value is None else convert_inner(value)
    if origin is list:
        convert_item = _fast(get_args(hint)[0])

        def convert_list(value: Any) -> Any:
            if type(value) is not list:
                raise _Mismatch
            return [convert_item(item) for item in value]

        return convert_list
    if origin is dict:
        convert_value = _fast(get_args(hint)[1])

        def convert_dict(value: Any) -> Any:
            if type(value) is not dict:
                raise _Mismatch
            return {_scalar(str)(k): convert_value(v) for k, v in value.items()}

        return convert_dict
    if isinstance(hint, type) and is_dataclass(hint):
        plan = [
            (name, _fast(field_hint), required, _optional(field_hint))
            for name, field_hint, required in _hints(hint)
        ]

        def convert_record(value: Any) -> Any:
            if type(value) is not dict:
                raise _Mismatch
            values: dict[str, Any] = {}
            for name, convert, required, optional in plan:
                if name in value:
                    values[name] = convert(value[name])
                elif required:
                    if not optional:
                        raise _Mismatch
                    values[name] = None
            return hint(**values)

        return convert_record
    return _scalar(hint)


def _checked(cls: type[_R], data: Any, where: str) -> _R:
    """:func:`from_dict` the slow way, naming the first field that is wrong."""
    if not isinstance(data, dict):
        raise RecordError(f"{where or 'graph'}: expected a mapping, found {data!r:.40}")
    values: dict[str, Any] = {}
    for name, hint, required in _hints(cls):  # type: ignore[arg-type]
        if name not in data:
            if required and not _optional(hint):
                raise RecordError(f"{where}.{name}: missing" if where else f"{name}: missing")
            if required:
                values[name] = None
            continue
        values[name] = _convert(hint, data[name], f"{where}.{name}" if where else name)
    return cls(**values)


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (Union, UnionType) and type(None) in get_args(hint)


@dataclass(frozen=True, slots=True)
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
