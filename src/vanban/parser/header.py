"""The document's own identity: header number, place–date line, kind, title, issuer.

A header number ("Số 155-KH/TU", "Số: 05/QĐ-UBND") is the document's own symbol, not a
reference. Without a header, an opening such as "Ngày 08/12/2023, Ban Chấp hành Đảng bộ
thị xã đã họp" gives the date and the body that met.
"""

from __future__ import annotations

import datetime

import regex

from vanban.core.bodies import places_named
from vanban.core.records import Identity, Symbol
from vanban.core.symbols import SYMBOL, make_symbol
from vanban.core.vocabulary import KIND_BY_FOLDED, STATE_KIND_CODES, fold_words
from vanban.parser.patterns import (
    BLANK_NUMBER,
    BLANK_PLACE_DATE,
    BODY_NAME_START,
    CELL_LINE_GAP,
    HEADER_COLUMN_GAP,
    HEADER_NUMBER,
    METADATA_DATE,
    METADATA_NUMBER,
    MOTTO,
    NOT_TITLE,
    NUMBER_IN_CELL,
    OPENING_DATE,
    PLACE_DATE,
    STAMPED_GAP,
    STAMPED_NUMBER_ALONE,
    SUBJECT_MARK,
    SYMBOL_REST,
    TITLE_OF,
    TITLE_UNDER_KIND,
)

_HEADER_LINES = 40
_FILE_HEADING = regex.compile(r"^#[ ]")
_MONTH = "tháng"
"""A word :data:`PLACE_DATE` and :data:`BLANK_PLACE_DATE` both hold ("ngày 06 tháng 11")."""
_TITLE_LINES = 6


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _head(text: str) -> tuple[str, int]:
    """The first lines of ``text`` and where they end."""
    end = 0
    for _ in range(_HEADER_LINES):
        position = text.find("\n", end)
        if position == -1:
            return text, len(text)
        end = position + 1
    return text[:end], end


def _numbers(head: str, label: regex.Pattern[str]) -> list[tuple[Symbol, int]]:
    found: list[tuple[Symbol, int]] = []
    for number in label.finditer(head):
        line_start = head.rfind("\n", 0, number.start()) + 1
        if _FILE_HEADING.match(head, line_start):
            continue
        line_end = head.find("\n", number.end())
        line = head[number.end() : line_end if line_end != -1 else len(head)]
        if line_end != -1 and STAMPED_NUMBER_ALONE.fullmatch(line):
            rest = SYMBOL_REST.match(head, line_end)
            if rest is not None:
                line = line.strip() + rest["rest"]  # "Số: 181" / "" / "/BC-SNV"
        # A number stamped or typed into a blank leaves a run of spaces: "Số: 181      /BC-SNV".
        match = SYMBOL.match(STAMPED_GAP.sub(" ", line))
        if match is None:
            continue
        symbol = make_symbol(match)
        if symbol is not None:
            found.append((symbol, number.end() + match.start()))
    return found


def labelled_numbers(text: str) -> list[tuple[Symbol, int]]:
    """Own numbers the first lines give as metadata ("Số hiệu: ..."), with their offsets."""
    return _numbers(_head(text)[0], METADATA_NUMBER)


def header_symbol(text: str) -> tuple[Symbol, int] | None:
    """The header number of the document and its offset, if the first lines have one; else
    the number a metadata label gives ("Số hiệu: 100-CV/ĐU"), unless the header's own number
    line, left blank, says otherwise."""
    head, _ = _head(text)
    found = _numbers(head, HEADER_NUMBER)
    if found:
        return found[0]
    labelled = _numbers(head, METADATA_NUMBER)
    if not labelled or _header_disagrees(head, labelled[0][0]):
        return None
    return labelled[0]


def _header_disagrees(head: str, labelled: Symbol) -> bool:
    """Whether the header's blank number line names other codes than a metadata label's
    number: metadata is a hint, the text's own header wins. A digitised commune letter headed
    "Số -CV/ĐU" whose front matter says 'so_hieu: "226-KL/TW"' (the Kết luận it implements)
    is a letter of its own; one headed "Số -BC/ĐU" under 'so_hieu: "100-BC/ĐU"' is 100-BC/ĐU,
    numbered when it was signed."""
    blank = BLANK_NUMBER.search(head)
    if blank is None:
        return False
    codes = labelled.canonical[len(labelled.number) :]
    return fold_words(codes).replace(" ", "") != fold_words(blank["tail"]).replace(" ", "")


def read_identity(text: str, display: str, found: tuple[Symbol, int] | None = None) -> Identity:
    """What the first lines of a normalised text say about the document itself.

    ``found`` is the header number already looked up with :func:`header_symbol`, if it was.
    """
    head, head_end = _head(text)
    if found is None:
        found = header_symbol(text)
    symbol = found[0] if found else None
    lines = head.split("\n")
    display_lines = display[:head_end].split("\n")

    date: str | None = None
    place: str | None = None
    for cell in (cell for line in lines for cell in line.split("|")):
        # Both place-date patterns need the word "tháng": a line without it is not searched
        # (the patterns' leading capital-and-letters run is tried at every capital otherwise).
        place_date = PLACE_DATE.search(cell) if _MONTH in cell else None
        if place_date:
            date = _iso(place_date["d"], place_date["m"], place_date["y"])
            place = " ".join(place_date["place"].split())
            break

    issuer: str | None = None
    term: str | None = None
    opening = None
    first_lines = text.split("\n", 80)[:80]
    for line in first_lines:
        opening = OPENING_DATE.match(line)
        if opening:
            break
    if opening:
        date = date or _iso(opening["d"], opening["m"], opening["y"])
        issuer = " ".join(opening["issuer"].split())
    # a header that leaves the day to be written at signing ("Công Hải, ngày   tháng 01 năm
    # 2026") says the text has no day of its own: a front-matter date is no more than a hint
    # then, often the date of a document the text cites
    undated_header = any(_MONTH in line and BLANK_PLACE_DATE.search(line) for line in first_lines)
    labelled = METADATA_DATE.search(head) if date is None and not undated_header else None
    if labelled:
        date = _iso(labelled["d"], labelled["m"], labelled["y"])

    kind, title, title_issuer, term, title_end = _kind_and_title(lines, display_lines)
    blank = BLANK_NUMBER.search(head) if symbol is None else None
    number_at = found[1] if found else blank.start() if blank else None
    issuer = title_issuer or issuer or _header_issuer(lines, number_at, head)
    if kind is None and symbol is not None and symbol.kind_code:
        names = STATE_KIND_CODES.get(symbol.kind_code.upper())
        kind = names[0] if names else None
    if (
        kind is None
        and symbol is not None
        and symbol.kind_code is None
        and SUBJECT_MARK.search(head)
    ):
        kind = "Công văn"  # a State official letter: no kind code, a "V/v" subject line
    return Identity(
        localities=_header_places(lines),
        blank_number=" ".join(blank.group().split()) if blank else None,
        kind=kind,
        symbol=symbol,
        date=date,
        issuer=issuer,
        term=term,
        title=title,
        place=place,
        line=(head.count("\n", 0, found[1]) + 1) if found else None,
        title_end_line=title_end,
    )


def _kind_and_title(
    lines: list[str], display_lines: list[str]
) -> tuple[str | None, str | None, str | None, str | None, int | None]:
    """The kind line ("KẾT LUẬN", "QUYẾT ĐỊNH") and the title lines that follow it."""
    for index, line in enumerate(lines):
        bare = line.strip(" |*#")
        if not bare or not bare.isupper() or len(bare) > 40:
            continue
        kind = KIND_BY_FOLDED.get(fold_words(bare))
        if kind is None:
            continue
        title_lines: list[str] = []
        cursor = index + 1
        while cursor < len(lines) and not lines[cursor].strip():
            cursor += 1
            if title_lines or cursor - index > 2:
                break
        first = cursor  # the title's first line: under the kind line, or after a blank one
        while cursor < len(lines) and len(title_lines) < _TITLE_LINES:
            if not lines[cursor].strip():
                # A title that ends with a comma goes on in the next paragraph (Word keeps
                # each line of a title as a paragraph of its own).
                ahead = cursor + 1
                if not (title_lines and title_lines[-1].endswith(",") and ahead < len(lines)):
                    break
                if not lines[ahead].strip():
                    break
                cursor = ahead
            line = lines[cursor].strip(" |*")
            under_kind = not title_lines and cursor == first
            if NOT_TITLE.match(line) and not (under_kind and TITLE_UNDER_KIND.fullmatch(line)):
                break  # the text begins; with no blank line after the title (Word text)
            title_lines.append(display_lines[cursor].strip(" |*"))
            cursor += 1
        issuer = term = None
        if title_lines:
            of = TITLE_OF.match(title_lines[0])
            if of:
                issuer = " ".join(of["issuer"].split())
                term = of["term"]
                title_lines = title_lines[1:]
        title = " ".join(" ".join(title_lines).split()) or None
        return kind.name, title, issuer, term, cursor
    return None, None, None, None, None


def _header_issuer(lines: list[str], number_at: int | None, head: str) -> str | None:
    """The issuing body named in the header: the cell or line beside the motto."""
    for index, line in enumerate(lines[:12]):
        if "|" in line and MOTTO.search(line):
            cells = [c.strip(" -*") for c in line.split("|")]
            for position, cell in enumerate(cells):
                if MOTTO.search(cell):
                    before = [c for c in cells[:position] if c]
                    if before:
                        # The number often shares the cell: "SỞ NỘI VỤ Số: /SNV-TC"; the
                        # cell's lines are joined by two spaces; or the table was read a row
                        # to a line (antiword), the name going on in the rows below.
                        left = [before[-1], *_left_cells_below(before[-1], lines[index + 1 :])]
                        names = [NUMBER_IN_CELL.split(c)[0].strip() for c in left]
                        return _body_name([n for c in names for n in CELL_LINE_GAP.split(c) if n])
    if number_at is not None:  # the number, or a draft's blank one
        # The lines above the number, their left column: the body's name, wrapped over lines
        # ("TRUNG TÂM XÚC TIẾN ĐẦU TƯ" / "THƯƠNG MẠI VÀ DU LỊCH"), under its superior's
        # ("UBND TỈNH LÂM ĐỒNG"), which is not the issuer.
        line_index = head.count("\n", 0, number_at)
        cells = [_left_column(line) for line in lines[max(0, line_index - 6) : line_index]]
        while cells and not _name_line(cells[-1]):  # a rule under the name, a blank line
            cells.pop()
        return _body_name(cells)
    return None


def _left_cells_below(first: str, rows: list[str]) -> list[str]:
    """The left cells of the header table's rows below its ``first`` row's, down to the one
    that holds the number, or to a row that is not the table's or has an empty left cell;
    none when the first cell holds the number itself."""
    cells: list[str] = []
    number_found = NUMBER_IN_CELL.search(first) is not None
    for row in rows[:_HEADER_ROWS]:
        cell = _left_column(row)
        if number_found or "|" not in row or not cell:
            break
        cells.append(cell)
        number_found = NUMBER_IN_CELL.search(cell) is not None
    return cells


_HEADER_ROWS = 5
"""Rows of a header table below its first that may still hold the issuer's name."""


def _left_column(line: str) -> str:
    """The left column of a header line: before a wide gap, a table's cell border, or the
    motto the right column opens with ("THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI ...")."""
    cell: str = HEADER_COLUMN_GAP.split(line.strip(" |*-"))[0]
    motto = MOTTO.search(cell)
    return (cell[: motto.start()] if motto else cell).strip(" *-")


def _name_line(cell: str) -> bool:
    return bool(cell) and cell.isupper() and not MOTTO.search(cell)


def _body_name(lines: list[str]) -> str | None:
    """The issuing body's name from the header lines above its number (left column): the last
    lines, back to the one that opens a body's name; the superior body above it ("UBND TỈNH
    LÂM ĐỒNG" over "SỞ NỘI VỤ") is not the issuer."""
    name: list[str] = []
    for line in reversed(lines):
        if not _name_line(line.strip()):
            break
        name.insert(0, line.strip())
        if BODY_NAME_START.match(fold_words(line)):
            break
    return " ".join(" ".join(name).split()) or None


def _header_places(lines: list[str]) -> tuple[str, ...]:
    """The places the header's lines of bodies state, widest first: its first run of lines in
    capitals in the left column that opens a body's name, above the kind line ("UBND TỈNH LÂM
    ĐỒNG" / "SỞ NỘI VỤ" -> ("tỉnh Lâm Đồng",); "ĐẢNG BỘ TỈNH KHÁNH HÒA" / "ĐẢNG ỦY XÃ CÔNG
    HẢI" -> ("tỉnh Khánh Hòa", "xã Công Hải"); "ỦY BAN NHÂN DÂN" / "TỈNH BÌNH THUẬN")."""
    run: list[str] = []
    for line in lines:
        cell = NUMBER_IN_CELL.split(_left_column(line))[0]
        if run and not cell.strip() and MOTTO.search(line):
            continue  # the right column's motto on a line of its own, between the names
        parts = [part.strip() for part in CELL_LINE_GAP.split(cell) if _name_line(part.strip())]
        if not run and parts and KIND_BY_FOLDED.get(fold_words(parts[0])) is not None:
            break  # the kind line: the header, if any, is above it
        if not run:
            parts = parts if parts and BODY_NAME_START.match(fold_words(parts[0])) else []
        elif not parts or KIND_BY_FOLDED.get(fold_words(parts[0])) is not None:
            break
        run += parts
    places: list[str] = []
    for index, line in enumerate(run):
        found = places_named(line)
        if not found and index + 1 < len(run):  # "ỦY BAN NHÂN DÂN THÀNH PHỐ" / "HỒ CHÍ MINH"
            found = places_named(f"{line} {run[index + 1]}")
        places += [place for place in found if place not in places]
    return tuple(places)
