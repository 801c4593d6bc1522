"""The words vanban compares before any pattern is matched: text folded to compare words
(case and tone marks set aside), and the kinds of documents with their names and codes.

No regular expressions here: the queries (``list``, ``show``, ``search``, ``stats``) import
this module without compiling the parser's patterns.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[:1].lower()
    if char in "đĐðÐ":
        base = "d"
    return base if len(base) == 1 else char


# Every character to exactly one lower-case, unaccented character: Latin, Latin Extended (all
# of Vietnamese), Greek and Cyrillic are folded, other scripts left as they are. A list indexed
# by code point, through U+2FFF so that punctuation is looked up too, which str.translate reads
# about twice as fast as a dict; a character past its end is left as it is.
_FOLD: list[str] = [
    _fold_char(chr(code)) if code < 0x0530 or 0x1E00 <= code < 0x1F00 else chr(code)
    for code in range(0x3000)
]


def fold(text: str) -> str:
    """Lower-case and strip tone marks, one character for one: ``Tỉnh uỷ`` -> ``tinh uy``."""
    return text.translate(_FOLD)


def fold_words(text: str) -> str:
    """:func:`fold` with runs of white space made one space, for comparing names."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Kind:
    """A kind of document: its name, the folded form matched in text, and its codes."""

    name: str
    folded: tuple[str, ...]
    """Folded spellings matched in text (``nghi quyet``), the English names of English copies
    last (``resolution``); the first is the name folded."""
    codes: tuple[str, ...]
    """Kind codes used in symbols, Party and State (``QĐ``, ``QyĐ``, ``QĐi``)."""


# Longest names first, so "Chương trình hành động" wins over "Chương trình". After the
# Vietnamese spellings, the English names of English copies ("Regulation No. 366-QD/TW dated
# August 30, 2025"): words that no Vietnamese syllable folds to.
KINDS: tuple[Kind, ...] = (
    Kind(
        "Chương trình hành động",
        ("chuong trinh hanh dong", "action program", "action programme"),
        ("CTr",),
    ),
    Kind("Thông tư liên tịch", ("thong tu lien tich", "joint circular"), ("TTLT",)),
    Kind("Nghị quyết liên tịch", ("nghi quyet lien tich",), ("NQLT",)),
    Kind("Văn bản hợp nhất", ("van ban hop nhat",), ("VBHN",)),
    Kind("Báo cáo kết quả giám sát", ("bao cao ket qua giam sat",), ("BC",)),
    Kind("Thông báo kết luận", ("thong bao ket luan",), ("TB",)),
    Kind("Kế hoạch liên tịch", ("ke hoach lien tich",), ("KHLT",)),
    Kind("Quyết định liên tịch", ("quyet dinh lien tich",), ("QĐLT",)),
    Kind("Chương trình phối hợp", ("chuong trinh phoi hop",), ("CTr", "CTrPH")),
    Kind("Chương trình", ("chuong trinh", "program", "programme"), ("CTr",)),
    Kind("Nghị quyết", ("nghi quyet", "resolution"), ("NQ",)),
    Kind("Nghị định", ("nghi dinh", "decree"), ("NĐ",)),
    Kind("Quyết định", ("quyet dinh", "decision"), ("QĐ",)),
    Kind("Quy định", ("quy dinh", "qui dinh", "regulation"), ("QĐ", "QyĐ", "QĐi")),
    Kind("Thông tư", ("thong tu", "circular"), ("TT",)),
    Kind("Thông tri", ("thong tri",), ("TT",)),
    Kind("Chỉ thị", ("chi thi", "directive"), ("CT",)),
    Kind("Kết luận", ("ket luan", "conclusion"), ("KL",)),
    Kind("Kế hoạch", ("ke hoach", "plan"), ("KH",)),
    Kind("Quy chế", ("quy che", "qui che"), ("QC",)),
    Kind("Hướng dẫn", ("huong dan", "guidance", "guideline"), ("HD",)),
    Kind("Thông báo", ("thong bao", "notice", "announcement"), ("TB",)),
    Kind("Thông cáo", ("thong cao",), ("TC",)),
    Kind("Báo cáo", ("bao cao", "report"), ("BC",)),
    Kind("Tờ trình", ("to trinh",), ("TTr",)),
    Kind("Công văn", ("cong van", "official letter", "official dispatch"), ("CV",)),
    Kind("Công điện", ("cong dien",), ("CĐ",)),
    Kind("Văn bản", ("van ban",), ()),
    Kind("Đề án", ("de an",), ("ĐA",)),
    Kind("Dự án", ("du an",), ("DA",)),
    Kind("Phương án", ("phuong an",), ("PA",)),
    Kind("Quy hoạch", ("quy hoach",), ("QH",)),
    Kind("Biên bản", ("bien ban",), ("BB",)),
    Kind("Hợp đồng", ("hop dong",), ("HĐ",)),
    Kind("Giấy mời", ("giay moi",), ("GM",)),
    Kind("Pháp lệnh", ("phap lenh", "ordinance"), ("PL",)),
    Kind("Bộ luật", ("bo luat",), ()),
    Kind("Luật", ("luat", "law"), ()),
    Kind("Lệnh", ("lenh",), ()),
    Kind("Hiến pháp", ("hien phap",), ()),
)

KIND_BY_FOLDED: dict[str, Kind] = {f: k for k in KINDS for f in k.folded}
KIND_SPELLINGS: tuple[str, ...] = tuple(sorted(KIND_BY_FOLDED, key=len, reverse=True))
"""Every folded spelling of a kind, longest first ("chuong trinh hanh dong" before "chuong
trinh"), for searches that take the first that fits."""
KIND_WORDS_MOST = max(len(f.split()) for f in KIND_SPELLINGS)
"""The most words in a kind's name ("bao cao ket qua giam sat": 6)."""


def kind_named(folded: str) -> Kind:
    """The kind a folded kind word as matched names, whatever breaks its words ("cong\nvan")."""
    return KIND_BY_FOLDED[" ".join(folded.split())]


# Upper-case abbreviations written in place of a kind word: "QĐ số 22/2013/QĐ-TTg".
KIND_ABBREVIATIONS: dict[str, str] = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "CV": "Công văn",
}

FAMILIES = {"party": "Party", "state": "State"}
"""The two families of documents, as a symbol tells them (``155-KH/TU`` is the Party's,
``30/2020/NĐ-CP`` the State's), and their names for people; the catalogue has the
Vietnamese."""

# Party kind codes (HD 36) and the kinds they stand for; QĐ is both Quyết định and Quy định.
PARTY_KIND_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "QĐ": ("Quyết định", "Quy định"),
    "QĐI": ("Quy định",),
    "QYĐ": ("Quy định",),
    "CT": ("Chỉ thị",),
    "KL": ("Kết luận",),
    "QC": ("Quy chế",),
    "TT": ("Thông tri",),
    "HD": ("Hướng dẫn",),
    "TB": ("Thông báo", "Thông báo kết luận"),  # "Thông báo kết luận số 73-TB/TU"
    "BC": ("Báo cáo", "Báo cáo kết quả giám sát"),
    "KH": ("Kế hoạch",),
    "CTR": ("Chương trình", "Chương trình hành động", "Chương trình phối hợp"),
    "TTR": ("Tờ trình",),
    "CV": ("Công văn",),
    "BB": ("Biên bản",),
    "ĐA": ("Đề án",),
    "DA": ("Dự án",),
    "PA": ("Phương án",),
    "QH": ("Quy hoạch",),
    "BS": ("Bản sao",),
}

# State kind codes (NĐ 30 Phụ lục III, normative symbols); a State công văn has none.
STATE_KIND_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "NĐ": ("Nghị định",),
    "QĐ": ("Quyết định",),
    "QYĐ": ("Quy định",),
    "CT": ("Chỉ thị",),
    "QC": ("Quy chế",),
    "TT": ("Thông tư",),
    "TTLT": ("Thông tư liên tịch",),
    "NQLT": ("Nghị quyết liên tịch",),
    "TC": ("Thông cáo",),
    "TB": ("Thông báo", "Thông báo kết luận"),
    "HD": ("Hướng dẫn",),
    "CTR": ("Chương trình", "Chương trình hành động", "Chương trình phối hợp"),
    "KH": ("Kế hoạch",),
    "KHLT": ("Kế hoạch liên tịch",),
    "QĐLT": ("Quyết định liên tịch",),
    "PA": ("Phương án",),
    "ĐA": ("Đề án",),
    "DA": ("Dự án",),
    "BC": ("Báo cáo", "Báo cáo kết quả giám sát"),
    "BB": ("Biên bản",),
    "TTR": ("Tờ trình",),
    "HĐ": ("Hợp đồng",),
    "CĐ": ("Công điện",),
    "GM": ("Giấy mời",),
    "PL": ("Pháp lệnh",),
    "VBHN": ("Văn bản hợp nhất",),
    "SY": ("Bản sao",),
}

# Codes typed with other capitals than their kinds' own ("65-Ctr/TU" for "CTr").
TYPED_CODE_VARIANTS: dict[str, tuple[str, ...]] = {"CTr": ("Ctr",)}


def _party_code_spellings() -> tuple[str, ...]:
    """Every Party kind code as written in a symbol, longest first: the codes of
    :data:`PARTY_KIND_CODES` spelt as their kinds write them (``QĐi``, ``CTr``), and the typed
    variants."""
    written = {code.upper(): code for kind in KINDS for code in kind.codes}
    spellings = [written.get(key, key) for key in PARTY_KIND_CODES]
    spellings += [v for code in spellings for v in TYPED_CODE_VARIANTS.get(code, ())]
    return tuple(sorted(dict.fromkeys(spellings), key=len, reverse=True))


PARTY_CODE_SPELLINGS = _party_code_spellings()
"""The Party kind codes as a symbol writes them, for the symbol grammar (core.symbols)."""

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
"""The superscript digits 0 to 9, as footnote marks are written: ¹²³ are Latin-1, the others of
the U+2070 block."""


def case_runs(letters: str) -> list[str]:
    """Letters cut before each capital that follows a small letter, where a space was lost:
    "vụTỉnh" -> "vụ", "Tỉnh"."""
    runs: list[str] = []
    start = 0
    for index in range(1, len(letters)):
        if letters[index].isupper() and letters[index - 1].islower():
            runs.append(letters[start:index])
            start = index
    runs.append(letters[start:])
    return runs
