"""The office's register of documents (sổ đăng ký văn bản): read it, and find its rows.

A register is a spreadsheet (.xlsx, read with openpyxl in read-only mode) or a .csv file. Its
header row is found among the first rows, under any title rows, and its columns are mapped by
their Vietnamese names (:data:`~vanban.register.patterns.REGISTER_HEADERS`), accents, case and
punctuation aside, or by hand (``--register-columns``). Each row that holds a number and symbol
becomes a :class:`~vanban.model.Registered` record; a row that cannot be read is reported with
its row number and the others are read on.

Rows are matched to documents as the graph matches references (see :mod:`vanban.graph`): by
symbol, then by the committee (Tỉnh ủy / Thị ủy) and the kind (Quyết định / Quy định) when both
sides say, then by date, since numbers are reused each year or term.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from vanban.core.errors import InputError, Problem
from vanban.core.identity import (
    committee_level,
    kind_class,
    levels_agree,
    may_be_one,
    same_numbering,
)
from vanban.core.records import CitationGraph, DocumentNode, Registered, Symbol
from vanban.core.symbols import (
    DATE,
    FIRST_YEAR,
    LAST_YEAR,
    SYMBOL,
    kind_from_code,
    make_symbol,
    parse_date,
)
from vanban.core.vocabulary import KIND_BY_FOLDED, KIND_SPELLINGS, fold_words
from vanban.parser import normalize_text
from vanban.readers.source import decode, part_too_large, read_bytes, unpacked_too_large
from vanban.register.patterns import COLUMN_NUMBER, ISO_DATE_CELL, REGISTER_HEADERS

REGISTER_SUFFIXES = (".xlsx", ".xlsm", ".csv")
FIELDS = ("symbol", "number", "date", "title", "issuer", "kind", "signer")
"""Columns a register can map (``--register-columns symbol=B,date=C``)."""
MAX_REGISTER_BYTES = 64 * 1024 * 1024
"""Largest register file read, and largest part of a workbook unpacked."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""Largest a workbook's parts may unpack to together (eight sheets of 63 MB are a bomb)."""
MAX_REGISTER_ROWS = 200_000
"""Most rows with something in them read from one register file (an office records a few
thousand documents a year)."""
MAX_REGISTER_CELLS = 4_000_000
"""Most cells read from one register file: a row as wide as Excel allows (16,384 columns) is
read, not 200,000 of them."""
LAST_EXCEL_ROW = 1_048_576
"""The last row an Excel sheet can have: a sheet that numbers a row past it is not one."""
HEADER_SEARCH_ROWS = 30
"""Rows searched for the header (title rows, merged cells and notes stand above it)."""
_PUNCTUATION = regex.compile(r"[^\w]+")
_BY_POSITION = regex.compile(r"[A-Za-z]{1,3}|\d{1,4}")
_FIRST_EXCEL_DAY = datetime.date(1899, 12, 30)


@dataclass(frozen=True)
class Register:
    """The rows of one or more registers, and the rows that could not be read."""

    entries: tuple[Registered, ...] = ()
    problems: tuple[str, ...] = ()
    """One line per row that could not be read: ``so-dang-ky.csv:12: ...``."""
    undated: tuple[str, ...] = ()
    """The problems (among :attr:`problems`) of rows kept all the same, undated: their date
    cell is not a date. The other rows with a problem are left out."""
    symbols: tuple[Symbol, ...] = ()
    """The symbol of each entry as it was read (number, codes, family), in entry order."""

    @cached_property
    def by_symbol(self) -> dict[str, list[Registered]]:
        found: dict[str, list[Registered]] = {}
        for entry in self.entries:
            found.setdefault(entry.symbol.upper(), []).append(entry)
        return found

    @cached_property
    def by_series(self) -> dict[tuple[str, str], list[tuple[Registered, Symbol]]]:
        """Rows by (kind code, issuer code) of their symbol: where a near number is looked for.
        A State công văn has no kind code: its series is its issuer code alone
        ("3971/BTP-BTTP": ``("", "BTP-BTTP")``)."""
        found: dict[tuple[str, str], list[tuple[Registered, Symbol]]] = {}
        for entry, symbol in zip(self.entries, self.symbols, strict=True):
            if symbol.issuer_code and (symbol.kind_code or symbol.family == "state"):
                key = ((symbol.kind_code or "").upper(), symbol.issuer_code.upper())
                found.setdefault(key, []).append((entry, symbol))
        return found

    def candidates(
        self, symbol: str, kind: str | None, kind_code: str | None, level: str | None
    ) -> list[Registered]:
        """The rows that can be the document a reference with these facts names, any date."""
        wanted = kind_class(kind, kind_code)
        return [
            entry
            for entry in self.by_symbol.get(symbol.upper(), [])
            if _compatible(entry, wanted, kind_code, level)
        ]

    def entry_for(
        self,
        symbol: str | None,
        kind: str | None,
        kind_code: str | None,
        level: str | None,
        date: str | None,
    ) -> Registered | None:
        """The row that lists a document of the graph: the one of its date when it is dated,
        the only candidate when it is not."""
        if not symbol:
            return None
        found = self.candidates(symbol, kind, kind_code, level)
        if date:
            return next((e for e in found if e.date == date), None)
        return found[0] if len(found) == 1 else None

    def near(
        self,
        number: str,
        kind_code: str | None,
        issuer_code: str | None,
        level: str | None,
        year: int | None = None,
    ) -> list[tuple[Registered, Symbol]]:
        """Rows of the same kind and issuer codes whose number is one slip away from
        ``number``: two neighbouring digits swapped, one dropped or one added; and, among the
        rows of ``year`` (State numbers restart each year), one digit typed for another."""
        if not issuer_code:
            return []
        series = self.by_series.get(((kind_code or "").upper(), issuer_code.upper()), [])
        written = number.upper()
        return [
            (entry, symbol)
            for entry, symbol in series
            if levels_agree(level, entry.level)
            and (
                _one_slip(written, symbol.number.upper())
                or (
                    year is not None
                    and row_year(entry, symbol) == year
                    and _one_replaced(written, symbol.number.upper())
                )
            )
        ]

    def issuer_codes(self) -> set[str]:
        """The issuer codes of the register's rows: the series a missing row is looked for in."""
        return {issuer for _, issuer in self.by_series}

    def merged(self, other: Register) -> Register:
        return Register(
            self.entries + other.entries,
            self.problems + other.problems,
            self.undated + other.undated,
            self.symbols + other.symbols,
        )


def merge(graph: CitationGraph, register: Register) -> tuple[int, int]:
    """Make the register's rows documents of the graph: each document records the row that
    lists it (:meth:`Register.entry_for`), and a row that no document is becomes a document of
    its own, known from the register and cited nowhere. A row that may be a document of the
    graph (the same symbol, undated on one side, or a date of the same numbering) adds nothing.
    Returns (documents that found their row, documents added)."""
    claimed: set[Registered] = set()
    by_symbol: dict[str, list[DocumentNode]] = {}
    for node in graph.documents.values():
        entry = register.entry_for(node.symbol, node.kind, node.kind_code, node.level, node.date)
        if entry is not None:
            node.registered = entry
            claimed.add(entry)
        if node.symbol:
            by_symbol.setdefault(node.symbol.upper(), []).append(node)
    matched, added = len(claimed), 0
    for entry, symbol in zip(register.entries, register.symbols, strict=True):
        if entry in claimed or _may_be_one_of(entry, by_symbol.get(entry.symbol.upper(), [])):
            continue
        new = _node_of(entry, symbol, graph.documents)
        graph.documents[new.id] = new
        by_symbol.setdefault(entry.symbol.upper(), []).append(new)
        claimed.add(entry)
        added += 1
    graph.documents = dict(sorted(graph.documents.items()))
    return matched, added


def _may_be_one_of(entry: Registered, nodes: list[DocumentNode]) -> bool:
    wanted = kind_class(entry.kind, None)
    for node in nodes:
        if not may_be_one(entry.level, wanted, node.level, kind_class(node.kind, node.kind_code)):
            continue
        if entry.date is None or node.date is None or entry.date == node.date:
            return True
        if same_numbering(node.family, node.year, node.date, entry.date):
            return True
    return False


def _node_of(entry: Registered, symbol: Symbol, taken: Mapping[str, DocumentNode]) -> DocumentNode:
    key = symbol.canonical
    candidates = [key, f"{key}@{entry.date}" if entry.date else f"{key}@register"]
    node_id = next((c for c in candidates if c not in taken), None)
    counter = 2
    while node_id is None:
        numbered = f"{candidates[-1]}#{counter}"
        node_id = numbered if numbered not in taken else None
        counter += 1
    kind = entry.kind or kind_from_code(symbol)
    return DocumentNode(
        id=node_id,
        kind=kind,
        symbol=symbol.canonical,
        number=symbol.number,
        kind_code=symbol.kind_code,
        issuer_code=symbol.issuer_code,
        year=symbol.year,
        family=symbol.family,
        issuer=entry.issuer,
        level=entry.level,
        date=entry.date,
        term=None,
        in_corpus=False,
        registered=entry,
    )


def _compatible(
    entry: Registered, wanted: str | None, kind_code: str | None, level: str | None
) -> bool:
    return may_be_one(level, wanted, entry.level, kind_class(entry.kind, kind_code))


def date_contradicts(entry: Registered, family: str | None, year: int | None, date: str) -> bool:
    """Whether the row dates the same document otherwise (not a reused number)."""
    return (
        entry.date is not None
        and entry.date != date
        and same_numbering(family, year, entry.date, date)
    )


def row_year(entry: Registered, symbol: Symbol) -> int | None:
    """The year a row's number belongs to: the one in its symbol, or else of its date."""
    if symbol.year is not None:
        return symbol.year
    return int(entry.date[:4]) if entry.date else None


def _one_replaced(written: str, known: str) -> bool:
    """Whether ``known`` is ``written`` with one digit typed for another ("162" for "152")."""
    return (
        len(written) == len(known) and sum(a != b for a, b in zip(written, known, strict=True)) == 1
    )


def _one_slip(written: str, known: str) -> bool:
    """Whether ``known`` is ``written`` with two neighbouring characters swapped, one dropped
    or one added (a different number, not the same one with a leading zero)."""
    if written.lstrip("0") == known.lstrip("0"):
        return False
    if len(written) == len(known):
        swaps = [i for i in range(len(written)) if written[i] != known[i]]
        return (
            len(swaps) == 2
            and swaps[1] == swaps[0] + 1
            and written[swaps[0]] == known[swaps[1]]
            and written[swaps[1]] == known[swaps[0]]
        )
    shorter, longer = sorted((written, known), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# --- reading ---------------------------------------------------------------------------------


def read_registers(paths: Sequence[Path], columns: Mapping[str, str] | None = None) -> Register:
    """Every register named, read and merged; an :class:`InputError` for one that cannot be."""
    result = Register()
    for path in paths:
        result = result.merged(read_register(path, columns))
    return result


def read_register(path: Path, columns: Mapping[str, str] | None = None) -> Register:
    """The rows of one register file; an :class:`InputError` when it is not one."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods"):
        raise InputError(
            "{path}: a {suffix} workbook; save it as .xlsx (Excel Workbook) or .csv (UTF-8)",
            path=path,
            suffix=suffix,
        )
    if suffix not in REGISTER_SUFFIXES:
        raise InputError("{path}: not a register; give an .xlsx or a .csv file", path=path)
    data = read_bytes(path, "register", MAX_REGISTER_BYTES)
    problems: list[str] = []
    if suffix == ".csv":
        text, stray = _csv_text(path, data)
        if stray is not None:
            problems.append(
                Problem(
                    InputError(
                        "{path}: byte {byte} is not UTF-8 in a UTF-8 file; read as \ufffd",
                        path=path,
                        byte=stray,
                    )
                )
            )
        sheets = _csv_sheets(path, text)
    else:
        sheets = _xlsx_sheets(path, data)
    entries: list[Registered] = []
    symbols: list[Symbol] = []
    undated: list[str] = []
    headed = 0
    budget = _Budget(path)
    for sheet, rows in sheets:
        reader = _SheetReader(str(path), sheet, columns)
        counted = budget.rows(sheet, rows)
        try:
            reader.read(counted)
        except (InputError, GeneratorExit):
            raise
        except SyntaxError as error:  # the sheet's XML: broken, or entities past expat's limits
            raise InputError(
                "{path}: the sheet's XML cannot be read after row {row} ({error}); a damaged or "
                "hostile file",
                path=f"{path}[{sheet}]" if sheet else path,
                row=budget.last_row,
                error=error,
            ) from None
        except Exception as error:  # a cell openpyxl cannot convert: a date past year 9999 ...
            raise InputError(
                "{path}: a cell after row {row} cannot be read ({error}); correct it, or save "
                "the sheet as .csv",
                path=f"{path}[{sheet}]" if sheet else path,
                row=budget.last_row,
                error=f"{type(error).__name__}: {error}",
            ) from None
        entries += reader.entries
        problems += reader.problems
        undated += reader.undated
        symbols += reader.symbols
        headed += reader.header_found
    if not headed:
        names = "'Số, ký hiệu' and 'Ngày ban hành' or 'Trích yếu'"
        raise InputError(
            "{path}: no header row with {names} in its first {rows} rows; name the columns with "
            "--register-columns symbol=B,date=C,title=D",
            path=path,
            names=names,
            rows=HEADER_SEARCH_ROWS,
        )
    return Register(tuple(entries), tuple(problems), tuple(undated), tuple(symbols))


Rows = Iterable[tuple[int, Sequence[Any]]]


@dataclass
class _Budget:
    """The rows and cells one register file may have (:data:`MAX_REGISTER_ROWS`,
    :data:`MAX_REGISTER_CELLS`), counted across its sheets as they are read."""

    path: Path
    filled: int = 0
    cells: int = 0
    last_row: int = 0

    def rows(self, sheet: str | None, rows: Rows) -> Iterator[tuple[int, Sequence[Any]]]:
        """``rows``, refused in one line past the budget or past Excel's last row."""
        where = f"{self.path}[{sheet}]" if sheet else str(self.path)
        self.last_row = 0
        for number, row in rows:
            if number > LAST_EXCEL_ROW:
                raise InputError(
                    "{path}: a row numbered past {last}, the last an Excel sheet has "
                    "(a damaged or hostile file)",
                    path=where,
                    last=f"{LAST_EXCEL_ROW:,}",
                )
            self.cells += len(row)
            self.filled += any(cell is not None and cell != "" for cell in row)
            if self.filled > MAX_REGISTER_ROWS or self.cells > MAX_REGISTER_CELLS:
                raise InputError(
                    "{path}: more than {rows} rows or {cells} cells at row {row}, more than a "
                    "register holds; split it by year",
                    path=where,
                    rows=f"{MAX_REGISTER_ROWS:,}",
                    cells=f"{MAX_REGISTER_CELLS:,}",
                    row=number,
                )
            self.last_row = number
            yield number, row


def _xlsx_sheets(path: Path, data: bytes) -> Iterator[tuple[str | None, Rows]]:
    import openpyxl  # imported here: only a register needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = 0
            for item in package.infolist():
                if item.file_size > MAX_REGISTER_BYTES:
                    raise part_too_large(path, item.filename, item.file_size, MAX_REGISTER_BYTES)
                unpacked += item.file_size
                if unpacked > MAX_UNPACKED_BYTES:
                    raise unpacked_too_large(path, MAX_UNPACKED_BYTES)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise InputError(
            "{path}: not an Excel .xlsx workbook ({error})", path=path, error=error
        ) from None
    except InputError:
        raise
    except Exception as error:  # whatever a damaged package makes the zip and XML readers raise
        raise InputError(
            "{path}: damaged Excel .xlsx workbook ({error})",
            path=path,
            error=f"{type(error).__name__}: {error}",
        ) from None
    try:
        sheets = book.worksheets
        for sheet in sheets:
            # The size a sheet declares (A1:XFD1048576) is not believed: each row is read as
            # wide as its cells go, and no empty rows are made up after the last one.
            sheet.reset_dimensions()
            rows = ((number, row) for number, row in enumerate(sheet.values, start=1))
            yield (sheet.title if len(sheets) > 1 else None), rows
    finally:
        book.close()


def _csv_sheets(path: Path, text: str) -> Iterator[tuple[str | None, Rows]]:
    delimiter = _delimiter(text)
    with contextlib.suppress(csv.Error):  # a row that is not CSV is named by the reading below
        filled = 0
        for line, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            filled += any(row)
            if filled > MAX_REGISTER_ROWS:  # refused before the rows are read, not after
                raise InputError(
                    "{path}: more than {rows} rows at row {line}, more than a register holds; "
                    "split it by year",
                    path=path,
                    rows=f"{MAX_REGISTER_ROWS:,}",
                    line=line + 1,
                )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        line = 1
        try:
            for row in reader:
                yield line, row
                line = reader.line_num + 1
        except csv.Error as error:
            raise InputError(
                "{path}:{line}: not a CSV row ({error})", path=path, line=line, error=error
            ) from None

    yield None, rows()


def _delimiter(text: str) -> str:
    """The delimiter of a .csv file: of comma, semicolon (Excel where the comma is the decimal
    mark) and tab (Excel's "Unicode text"), the one that splits the first rows into the most
    columns, most of those rows alike."""
    sample = text[:16384].splitlines()[:30]
    best, score = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            widths = Counter(len(row) for row in csv.reader(sample, delimiter=candidate) if row)
        except csv.Error:
            continue
        columns, rows = max(widths.items(), key=lambda item: (item[1], item[0]), default=(1, 0))
        if columns > 1 and columns * rows > score:
            best, score = candidate, columns * rows
    return best


_STRAY_BYTES = 16
"""Bytes that are not UTF-8 in a file that is otherwise (a byte pasted from another file) read
as U+FFFD, not as a reason to read the whole file in a legacy encoding."""


def _csv_text(path: Path, data: bytes) -> tuple[str, int | None]:
    """A .csv register's text, told as a document's is (UTF-8 with or without a BOM, UTF-16
    with one as Excel's "Unicode text" has, TCVN3, VNI), else Windows-1258: Excel's "CSV" on
    a Vietnamese Windows; and the offset of the first stray byte in a UTF-8 file that has a
    few (a hundred "Số, ký hiệu"s in UTF-8 and one byte 0x96 are UTF-8 with a stray byte)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
        stray = text.count("\ufffd")
        accented = sum(1 for c in text if "\x7f" < c != "\ufffd")
        if stray <= _STRAY_BYTES and accented >= 10 * stray:
            return text, error.start
    return decode(data, str(path), what=".csv register", fallback="windows-1258"), None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(normalize_text(str(value)).split())


def header_field(text: str) -> str | None:
    """The field a header cell names: "Số, ký hiệu văn bản" -> ``symbol``."""
    words = " ".join(_PUNCTUATION.sub(" ", fold_words(text)).split())
    if not words:
        return None
    for name, pattern in REGISTER_HEADERS:
        if pattern.fullmatch(words):
            return name
    return None


def parse_columns(text: str) -> dict[str, str]:
    """``--register-columns``: ``symbol=B,date=C,title=Trích yếu`` (letters, 1-based numbers or
    header names); an :class:`InputError` naming what is wrong."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, equals, column = part.partition("=")
        name, column = name.strip().lower(), column.strip()
        if not equals or not column:
            raise InputError(
                "--register-columns {part!r}: write FIELD=COLUMN, e.g. symbol=B", part=part
            )
        if name not in FIELDS:
            raise InputError(
                "--register-columns: unknown field {name!r}; fields: {fields}",
                name=name,
                fields=", ".join(FIELDS),
            )
        if column.isdigit() and int(column) < 1:
            raise InputError(
                "--register-columns {part!r}: columns are counted from 1 (column A), e.g. symbol=2",
                part=part,
            )
        found[name] = column
    if "symbol" not in found and "number" not in found:
        raise InputError("--register-columns: name the symbol column, e.g. symbol=B")
    return found


def _column_index(column: str, header: Sequence[str]) -> int | None:
    """A column given by letter (B), number (2) or header name; None when the header has
    no such name."""
    if not _BY_POSITION.fullmatch(column):
        wanted = fold_words(column)
        return next((i for i, h in enumerate(header) if fold_words(h) == wanted), None)
    if column.isdigit():
        return int(column) - 1
    index = 0
    for letter in column.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


@dataclass
class _SheetReader:
    """Reads the rows of one sheet: finds the header, then one entry per row."""

    path: str
    sheet: str | None
    columns: Mapping[str, str] | None
    entries: list[Registered] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    """The problems of rows kept without their date."""
    symbols: list[Symbol] = field(default_factory=list)
    header_found: bool = False
    lenient: bool = False
    """Rows that are not entries are left aside without a word until the first entry: second
    header rows, titles above columns named by hand."""

    def where(self, row: int) -> str:
        return f"{self.path}{f'[{self.sheet}]' if self.sheet else ''}:{row}"

    def _problem(self, row: int, template: str, kept: bool = False, **values: object) -> None:
        """A row that cannot be read (``template`` names the row ``{where}``), said in the
        language of the run when it is printed; ``kept`` when the row is kept, undated."""
        problem = Problem(InputError(template, where=self.where(row), **values))
        self.problems.append(problem)
        if kept:
            self.undated.append(problem)

    def read(self, rows: Rows) -> None:
        waiting: list[tuple[int, list[str], Sequence[Any]]] = []
        mapping: dict[str, int] | None = None
        for number, raw in rows:
            texts = [_cell_text(v) for v in raw]
            if mapping is not None:
                self._row(number, texts, raw, mapping)
                continue
            waiting.append((number, texts, raw))
            mapping = self._start(waiting)
            if mapping is None and len(waiting) >= HEADER_SEARCH_ROWS:
                return
        if mapping is None and waiting:  # the header is the last row: a register with no rows
            waiting.append((waiting[-1][0] + 1, [], ()))
            self._start(waiting)

    def _start(self, waiting: list[tuple[int, list[str], Sequence[Any]]]) -> dict[str, int] | None:
        """The columns, once the header is among the rows read so far; the rows after the
        header are then read as entries."""
        mapping, last = self._given(waiting) if self.columns is not None else self._header(waiting)
        if mapping is None:
            return None
        self.header_found = True
        self.lenient = True
        for number, texts, raw in waiting:
            if number > last:
                self._row(number, texts, raw, mapping)
        return mapping

    def _header(
        self, rows: list[tuple[int, list[str], Sequence[Any]]]
    ) -> tuple[dict[str, int] | None, int]:
        """The column of each field and the last header row, once the header is among ``rows``
        (the row after a header is needed to see whether it is a second header row)."""
        if len(rows) < 2:
            return None, 0
        labels = [_labels(texts) for _, texts, _ in rows]
        index = len(rows) - 2  # decide on a row once the row after it is there
        found = labels[index]
        if not ({"symbol", "number"} & set(found.values())) or not (
            {"date", "title"} & set(found.values())
        ):
            return None, 0
        mapping = {name: column for column, name in sorted(found.items(), reverse=True)}
        below = labels[index + 1]
        neighbours = [below] + ([labels[index - 1]] if index > 0 else [])
        for neighbour in neighbours:  # merged cells: a field named in the row above or below
            for column, name in sorted(neighbour.items()):
                if name not in mapping and column not in found:
                    mapping[name] = column
        last = rows[index + 1][0] if below else rows[index][0]
        return mapping, last

    def _given(
        self, rows: list[tuple[int, list[str], Sequence[Any]]]
    ) -> tuple[dict[str, int] | None, int]:
        """Columns named by hand. By letter or number they hold from the first row (rows above
        the first readable one are taken for titles); by header name, from the row that has
        those names."""
        assert self.columns is not None
        number, texts, _ = rows[-1]
        mapping: dict[str, int] = {}
        for name, column in self.columns.items():
            index = _column_index(column, texts)
            if index is None:
                if len(rows) >= HEADER_SEARCH_ROWS:
                    raise InputError(
                        "{path}: no column headed {column!r} ({name})",
                        path=self.path,
                        column=column,
                        name=name,
                    )
                return None, 0
            mapping[name] = index
        by_name = any(not _BY_POSITION.fullmatch(c) for c in self.columns.values())
        return mapping, number if by_name else number - 1

    def _row(
        self, number: int, texts: list[str], raw: Sequence[Any], mapping: dict[str, int]
    ) -> None:
        filled = [t for t in texts if t]
        if not filled:
            return
        if all(COLUMN_NUMBER.fullmatch(t) for t in filled):
            return  # the row of column numbers under the header

        def cell(name: str) -> tuple[str, Any]:
            index = mapping.get(name)
            if index is None or index >= len(texts):
                return "", None
            return texts[index], raw[index]

        symbol_text = cell("symbol")[0]
        number_text = cell("number")[0]
        if number_text and symbol_text and not SYMBOL.search(symbol_text):
            symbol_text = _joined(number_text, symbol_text)
        elif number_text and not symbol_text:
            symbol_text = number_text
        if self.lenient and not SYMBOL.search(symbol_text):
            return
        self.lenient = False
        if not symbol_text:
            if len(filled) > 1:
                self._problem(number, "{where}: no number and symbol")
            return  # a section row ("THÁNG 01/2024") or a note
        match = SYMBOL.search(symbol_text)
        symbol = make_symbol(match) if match else None
        if symbol is None:
            self._problem(number, "{where}: {text!r} is not a number and symbol", text=symbol_text)
            return
        date_text, date_value = cell("date")
        date, date_problem = _date(date_value, date_text)
        if date is None and not date_text:
            date, _ = _date(None, symbol_text[match.end() :])  # "155-KH/TU ngày 15/6/2023"
        if date_problem:
            self._problem(number, date_problem[0], kept=True, **date_problem[1])
        title = cell("title")[0] or None
        issuer = cell("issuer")[0] or None
        self.entries.append(
            Registered(
                symbol=symbol.canonical,
                date=date,
                kind=_kind(cell("kind")[0]) or _kind(title or "", leading=True),
                title=title,
                issuer=issuer,
                level=committee_level(issuer) if symbol.family == "party" else None,
                signer=cell("signer")[0] or None,
                register=self.path,
                sheet=self.sheet,
                row=number,
            )
        )
        self.symbols.append(symbol)


def _labels(texts: list[str]) -> dict[int, str]:
    found = {i: name for i, text in enumerate(texts) if text and (name := header_field(text))}
    symbols = [i for i, name in found.items() if name == "symbol"]
    if len(symbols) > 1:  # "Số văn bản" and "Ký hiệu": the first holds the number only
        for i in symbols:
            if not fold_words(texts[i]).startswith("ky hieu"):
                found[i] = "number"
    return found


def _joined(number: str, code: str) -> str:
    """A number and a symbol kept in two columns: "155" and "KH/TU" -> "155-KH/TU";
    "1234" and "QĐ-UBND" -> "1234/QĐ-UBND"."""
    code = code.strip()
    if code[:1] in "-/":
        return number + code
    return f"{number}-{code}" if "/" in code else f"{number}/{code}"


_Said = tuple[str, dict[str, object]]
"""A message's English template and its values, said in the run's language when printed."""


def _date(value: Any, text: str) -> tuple[str | None, _Said | None]:
    """The ISO date of a cell, and what is wrong with it when it holds something else."""
    not_a_date: _Said = ("{where}: {text!r} is not a date", {"text": text})
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value.isoformat(), None
        return None, ("{where}: date {date} is out of range", {"date": value.isoformat()})
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 80000:  # 1e12, -5, NaN: no day of a spreadsheet
            return None, not_a_date
        day = _FIRST_EXCEL_DAY + datetime.timedelta(days=int(value))
        if FIRST_YEAR <= day.year <= LAST_YEAR:
            return day.isoformat(), None  # a spreadsheet day number, unformatted
        return None, not_a_date
    if not text:
        return None, None
    iso = ISO_DATE_CELL.fullmatch(text)
    if iso:
        try:
            return datetime.date(int(iso["y"]), int(iso["m"]), int(iso["d"])).isoformat(), None
        except ValueError:
            return None, not_a_date
    folded = fold_words(text)
    found = DATE.search(folded if folded.startswith("ngay") else f"ngay {folded}")
    if found is None:
        return None, not_a_date
    date, written = parse_date(found)
    return (
        (date, None) if date else (None, ("{where}: {written} is not a date", {"written": written}))
    )


def _kind(text: str, leading: bool = False) -> str | None:
    """The kind a kind cell names ("Kế hoạch", "KH"), or that a title opens with
    ("Kế hoạch thực hiện ...")."""
    folded = fold_words(text)
    if not folded:
        return None
    if not leading:
        kind = KIND_BY_FOLDED.get(folded)
        if kind is not None:
            return kind.name
    for word in KIND_SPELLINGS:
        if folded == word or folded.startswith(word + " "):
            if leading and word == "van ban":
                return None  # "Văn bản số ..." names no kind
            return KIND_BY_FOLDED[word].name
    return None
