"""The grammar of document numbers and dates, and their decoders, side by side.

A symbol is a number and a code: Party ones ``155-KH/TU`` (number, kind code, issuer code;
HD 36), State ones ``30/2020/NĐ-CP`` or ``1234/QĐ-UBND`` (NĐ 30, Phụ lục III). A new way of
writing a symbol is one more entry of :data:`_SYMBOL_FORMS`, decoded by :func:`make_symbol`
beside it; a new way of writing a date, an alternative of :data:`DATE` and :func:`parse_date`.
Symbols are matched on the normalised text (``Đ`` and hyphens made plain), dates on the folded
copy (``ngay``, ``thang``, ``nam``).
"""

from __future__ import annotations

import datetime
import sys

import regex

from vanban.core.records import Symbol
from vanban.core.vocabulary import PARTY_CODE_SPELLINGS, PARTY_KIND_CODES, STATE_KIND_CODES

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a directive can carry; "năm 0202" is a typing error, not a date."""

# Party issuer codes (HD 36 §2.4); a slash-form symbol ending in one of them is a Party one.
PARTY_ISSUER_TAIL = regex.compile(r"(?:TW|TƯ|TU|HU|QU|ĐUK|ĐU|CB|BCĐ)$")
PARTY_ISSUER_CODES = r"(?:TW|TU|HU|QU|ĐUK|ĐU|CB|[A-ZĐ]{2,6}(?:TW|TU))"
PARTY_KIND_ALT = "(?:" + "|".join(PARTY_CODE_SPELLINGS) + ")"
_WS = r"[ \n]{0,12}"
# A word glued to the end of a code where a PDF lost the space: "NĐ-CPđể", "QĐ-UBNDngày",
# "UBND-VPtheo" (a small letter with a tone mark, or a whole word of small letters). The code
# before it ends in two capitals, or is a mixed code ("TTgngày"), so "UBND-Tỉnh" is no "T".
_GLUED_WORD = (
    r"(?<=\p{Lu}[\p{Lu}0-9&]|TTg|[CT]Tr)"
    r"(?=[a-z]{0,6}[^\x00-\x7f\P{Ll}]|[a-z]{2,7}(?![\p{L}0-9]))"
)
# A State symbol segment after the number: "QĐ", "TTg", "QyĐ", "UBND", "QLN&CS", "VX1"; the
# small letters of a mixed code are plain ones ("TTg", "TTr", "QyĐ"), so "CPđể" is "CP".
_STATE_SEGMENT = (
    rf"\p{{Lu}}[\p{{Lu}}0-9&]*(?:[a-z]{{1,2}}[\p{{Lu}}0-9&]*)?(?:(?!\p{{Ll}})|{_GLUED_WORD})"
)
_STATE_UPPER_SEGMENT = rf"\p{{Lu}}[\p{{Lu}}0-9&]*(?:(?![\p{{L}}0-9])|{_GLUED_WORD})"
# One capital set apart from the rest of a kind code by the extraction of a PDF: "2027/Q  Đ-UBND"
# (read "2027/QĐ-UBND"; kept only when the joined code is a known kind code).
_SPLIT_KIND = r"(?P<ssplit>\p{Lu}[ ]{1,3}(?=\p{Lu}{1,3}-))?"

_PARTY_ISSUER = r"\p{Lu}(?:[\p{Lu}0-9]|\.(?=\p{Lu})){0,11}(?:-\p{Lu}[\p{Lu}0-9]{0,11}){0,4}"
# State issuer codes with a small letter, kept whole after a Party dash typed on them:
# "12-CT/TTg" is the Thủ tướng's, not "12-CT/TT".
_STATE_MIXED_ISSUER = r"TTg(?![\p{L}0-9])"
_SYMBOL_FORMS = [
    # Party: "155-KH/TU", "100 - KL/TW", "16 -\nHD/BTCTW", "47-QĐ/TWngày" (the issuer is
    # upper case, so a glued word ends it), "08-QĐi/TW", "65-Ctr/TU".
    rf"(?<![\d/\-])(?P<pnum>\d{{1,6}}[a-z]?){_WS}-{_WS}(?P<pkind>[A-ZĐ][A-Za-zĐđ]{{0,4}})"
    rf"{_WS}/{_WS}(?P<pissuer>{_STATE_MIXED_ISSUER}|{_PARTY_ISSUER})",
    # Party, hyphen missing: "37QĐ/TW", "38 HD/BTCTW", "84 QĐ/TWĐTN" (known kind codes only).
    rf"(?<![\d/\-])(?P<qnum>\d{{1,6}})[ ]?(?P<qkind>{PARTY_KIND_ALT})/"
    rf"(?P<qissuer>{PARTY_ISSUER_CODES}|\p{{Lu}}[\p{{Lu}}0-9]{{1,11}})(?![\p{{L}}0-9])",
    # Party, hyphen for the slash: "72-NQ-TW" (known codes only).
    rf"(?<![\d/\-])(?P<hnum>\d{{1,6}})-(?P<hkind>{PARTY_KIND_ALT})-"
    rf"(?P<hissuer>{PARTY_ISSUER_CODES})(?![\p{{L}}0-9])",
    # State: "30/2020/NĐ-CP", "2862/QĐ-UBND", "454/UBND-NCTH", "51/2001/QH10",
    # "02/TTr-CAT- ANCTNB", "3210/QĐ - UBND", "01/1999/QĐ.UB", "16/2006/TTLT/BLĐTBXH-BGD",
    # "10/2007/QĐ_BKHCN", "66.7/2025/NQ-CP", "197/TTr-CAT(PA05)", and a code broken after its
    # dash at the end of a line ("2769/UBND-" / "NCKSTTHC", "210/2026/NĐ-" / "CPđể"). The
    # middle part is a year, or a mistyped one ("45/25010/NĐ-CP").
    rf"(?<![\d/\-]|\d\.)(?P<snum>\d{{1,6}}(?:\.\d{{1,3}})?[a-z]?)[ ]{{0,2}}/[ ]{{0,2}}"
    rf"(?:(?P<syear>(?:19|20)\d{{2}}|\d{{5}})[ ]{{0,2}}/[ ]{{0,2}})?"
    rf"(?P<scode>{_SPLIT_KIND}{_STATE_SEGMENT}(?:[-./_]{_STATE_SEGMENT}"
    rf"|[ ]-[ ]?{_STATE_UPPER_SEGMENT}|-[ ]{_STATE_UPPER_SEGMENT}"
    rf"|-[ ]?\n[ ]{{0,16}}{_STATE_UPPER_SEGMENT}){{0,6}}"
    rf"(?:\([\p{{Lu}}0-9]{{1,10}}\))?)",
]
SYMBOL = regex.compile("|".join(_SYMBOL_FORMS))

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# "ngày 15/6/2023", "ngày 15-6-2023", "ngày 1.11. 2011", "ngày 15 tháng 6 năm 2023"; on the
# folded copy, so "NGÀY" and scrambled "ngàỷ" match too. The year has four digits, so a
# flattened footnote mark after it ("/20232") is left out. English copies: "dated August 30,
# 2025".
DATE = regex.compile(
    r"(?:ngay[ \n]{0,100}(?P<d>\d{1,2})(?:[ \n]{1,12}thang[ \n]{1,12}(?P<m1>\d{1,2})[ \n]{1,12}"
    r"nam[ \n]{1,3}(?P<y1>\d{4})|[ ]{0,2}[/.\-][ ]{0,2}(?P<m2>\d{1,2})[ ]{0,2}[/.\-][ ]{0,2}"
    r"(?P<y2>\d{4}))|dated[ \n]{1,3}(?P<month>" + "|".join(ENGLISH_MONTHS) + r")[ \n]{1,3}"
    r"(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?[ \n]{1,3}(?P<y3>\d{4}))(?!\d{2})"
)

# A legislature as the whole code of a law's symbol: "QH14" in "45/2019/QH14", "UBTVQH15".
LEGISLATURE = regex.compile(r"(?:UBTV)?QH\d{1,2}")


_SPACES = regex.compile(r"[ \n]+")
_CODE_PARTS = regex.compile(r"[-/]")


def parse_date(match: regex.Match[str]) -> tuple[str | None, str]:
    """The ISO date of a DATE match (None when no such day exists) and the date as found."""
    if match.group("month"):  # "dated August 30, 2025"
        day, year = int(match.group("d3")), int(match.group("y3"))
        month = ENGLISH_MONTHS.index(match.group("month")) + 1
    else:
        day = int(match.group("d"))
        month = int(match.group("m1") or match.group("m2"))
        year = int(match.group("y1") or match.group("y2"))
    # Interned, as the parts of a symbol: a large text cites the same dates and codes thousands
    # of times, and holds each once.
    written = sys.intern(f"{day:02d}/{month:02d}/{year:04d}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, written
    try:
        return sys.intern(datetime.date(year, month, day).isoformat()), written
    except ValueError:
        return None, written


def make_symbol(match: regex.Match[str]) -> Symbol | None:
    """A :class:`Symbol` from a SYMBOL match; None when the match is not a usable symbol."""
    groups = match.groupdict()
    for prefix in ("p", "q", "h"):
        number = groups[prefix + "num"]
        if number is not None:
            kind = groups[prefix + "kind"]
            issuer = groups[prefix + "issuer"].rstrip(".")
            canonical = f"{number}-{kind}/{issuer}"
            family = "state" if issuer.lower() == "ttg" else "party"
            return Symbol(canonical, sys.intern(number), None, _i(kind), _i(issuer), family)
    number = groups["snum"]
    year_text = groups["syear"]
    code = _SPACES.sub("", groups["scode"]).replace("_", "-")
    year = int(year_text) if year_text and FIRST_YEAR <= int(year_text) <= LAST_YEAR else None
    canonical = f"{number}/{year_text}/{code}" if year_text else f"{number}/{code}"
    parts = _CODE_PARTS.split(code)
    if len(parts) == 1 and len(code) == 1:
        return None  # "1 / Q" in letter-spaced text: no code is a single letter
    if groups["ssplit"] and not _is_kind_code(parts[0]):
        return None  # "5/A  BC-..." joins to no kind code: no symbol
    kind_code: str | None
    issuer_code: str | None
    if LEGISLATURE.fullmatch(code):
        kind_code, issuer_code = None, code
    elif len(parts) > 1 and _is_kind_code(parts[0]):
        kind_code, issuer_code = parts[0], code[len(parts[0]) + 1 :]
    else:
        kind_code, issuer_code = None, code
    family = "state"
    if issuer_code and PARTY_ISSUER_TAIL.search(issuer_code) and year is None:
        family = "party"
    return Symbol(canonical, sys.intern(number), year, _i(kind_code), _i(issuer_code), family)


def _i(part: str | None) -> str | None:
    """A symbol's number or code, interned (see :func:`parse_date`)."""
    return None if part is None else sys.intern(part)


def _is_kind_code(code: str) -> bool:
    key = code.upper()
    return key in STATE_KIND_CODES or key in PARTY_KIND_CODES


def kind_from_code(symbol: Symbol | None) -> str | None:
    """The kind a symbol's kind code stands for, when it stands for one only."""
    if symbol is None or not symbol.kind_code:
        return None
    table = PARTY_KIND_CODES if symbol.family == "party" else STATE_KIND_CODES
    names = table.get(symbol.kind_code.upper())
    return names[0] if names and len(names) == 1 else None
