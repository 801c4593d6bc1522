"""The bodies that issue documents: their names, the ways they are written, and one canonical
name for each.

A reference keeps its issuer as the writer wrote it ("BTV Tỉnh uỷ", "UBND tỉnh Lâm Đồng");
:func:`canonical_body` gives the one name a body is grouped by (``Ban Thường vụ Tỉnh ủy``,
``Ủy ban nhân dân tỉnh Lâm Đồng``): the full name from :data:`BODIES`, abbreviations
expanded, one tone placement (``ủy``, ``hòa``, as Nghị định 30/2020/NĐ-CP writes them), capitals
as Vietnamese writes names, and the province or town kept where it is stated.

Sources of the names:

* central Party organs: Điều lệ Đảng (Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư, Ủy
  ban Kiểm tra) and Quy định 66-QĐ/TW on the kinds of Party documents and who issues them;
  the Central committees (Ban Tổ chức, Ban Tuyên giáo và Dân vận, Ban Nội chính, Ban Chính
  sách, chiến lược, Văn phòng Trung ương Đảng) as renamed by Nghị quyết 18-NQ/TW (2017) and
  the 2025 reorganisation; the steering committee of Quyết định 21-QĐ/TW (2025), "Ban Chỉ đạo
  Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số";
* the State: Luật Tổ chức Chính phủ 2025 and Nghị quyết 176/2025/QH15 (the 14 ministries and
  ministry-level bodies from 01/3/2025), and the ministries they replaced (Nghị định
  123/2016/NĐ-CP era names), which older documents keep citing;
* local government: Luật Tổ chức chính quyền địa phương (Ủy ban nhân dân, Hội đồng nhân dân)
  and Nghị định 45/2025/NĐ-CP (the provincial departments, sở);
* elections and courts: Hiến pháp 2013, Điều 117 and Luật Bầu cử đại biểu Quốc hội và đại
  biểu Hội đồng nhân dân 2015 (Hội đồng Bầu cử quốc gia; the local Ủy ban bầu cử), Luật Tổ
  chức Tòa án nhân dân 2014 (Hội đồng Thẩm phán Tòa án nhân dân tối cao, "HĐTP" in symbols);
* abbreviations: Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP, Phụ lục III (the short
  forms of bodies' names in symbols and text: UBND, HĐND, BTV, BCĐ, BCH, MTTQ).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from vanban.core.identity import committee_level
from vanban.core.vocabulary import case_runs, fold


@dataclass(frozen=True)
class Body:
    """One body that issues documents, or the head of a local body's name ("Sở Nội vụ")."""

    name: str
    """The canonical name: full, one spelling, Vietnamese capitals."""
    spellings: tuple[str, ...] = ()
    """Other ways it is written in text, abbreviations included ("BTV", "UBND")."""
    whole: bool = True
    """The name is whole as it stands (a central body: "Chính phủ", "Bộ Nội vụ"); False for
    a name a place or a committee follows ("Ủy ban nhân dân tỉnh Lâm Đồng", "Ban Thường vụ
    Tỉnh ủy", "Sở Nội vụ tỉnh Nghệ An")."""
    level: str | None = None
    """"Trung ương" for a central body; a local body's level is the committee it names."""


_C = "Trung ương"

BODIES: tuple[Body, ...] = (
    # Central Party organs.
    Body(
        "Ban Chấp hành Trung ương Đảng",
        ("Ban Chấp hành Trung ương", "BCH Trung ương Đảng", "BCH Trung ương", "BCHTW"),
        level=_C,
    ),
    Body("Bộ Chính trị", ("BCT",), level=_C),
    Body("Ban Bí thư", ("Ban Bí thư Trung ương Đảng", "Ban Bí thư Trung ương"), level=_C),
    Body("Tổng Bí thư", level=_C),
    Body("Ủy ban Kiểm tra Trung ương", ("UBKTTW", "UBKT Trung ương"), level=_C),
    Body("Văn phòng Trung ương Đảng", ("Văn phòng Trung ương", "VPTW"), level=_C),
    Body("Ban Tổ chức Trung ương", ("BTCTW",), level=_C),
    Body("Ban Tuyên giáo và Dân vận Trung ương", ("BTGDVTW",), level=_C),
    Body("Ban Tuyên giáo Trung ương", ("BTGTW",), level=_C),
    Body("Ban Dân vận Trung ương", ("BDVTW",), level=_C),
    Body("Ban Nội chính Trung ương", ("BNCTW",), level=_C),
    Body("Ban Kinh tế Trung ương", ("BKTTW",), level=_C),
    Body("Ban Đối ngoại Trung ương", ("BĐNTW",), level=_C),
    Body("Ban Chính sách, chiến lược Trung ương", level=_C),
    Body(
        "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và"
        " chuyển đổi số",
        level=_C,
    ),
    Body("Ban Chỉ đạo Trung ương", ("BCĐ Trung ương", "BCĐTW"), level=_C),
    Body("Đảng ủy Chính phủ", level=_C),
    Body("Đảng ủy Quốc hội", level=_C),
    Body("Đảng ủy các cơ quan Đảng Trung ương", level=_C),
    # The Front.
    Body(
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        ("Ủy ban Trung ương MTTQ Việt Nam", "Ủy ban Trung ương MTTQVN"),
        level=_C,
    ),
    # Its standing board, "MTTW-BTT" in symbols (Hướng dẫn 05/HD-MTTW-BTT); the central
    # committee's name holds "Trung ương", a local committee's its place ("Ban Thường trực Ủy
    # ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng"): two bodies, not two spellings.
    Body("Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", level=_C),
    # Central State bodies.
    Body("Quốc hội", level=_C),
    Body("Ủy ban Thường vụ Quốc hội", ("UBTVQH",), level=_C),
    Body("Chủ tịch nước", level=_C),
    Body("Chính phủ", level=_C),
    Body("Thủ tướng Chính phủ", ("Thủ tướng", "TTg"), level=_C),
    Body("Văn phòng Chính phủ", ("VPCP",), level=_C),
    Body("Thanh tra Chính phủ", level=_C),
    Body("Kiểm toán Nhà nước", level=_C),
    Body("Ngân hàng Nhà nước Việt Nam", ("Ngân hàng Nhà nước", "NHNN"), level=_C),
    Body("Hội đồng Bầu cử quốc gia", ("HĐBCQG",), level=_C),
    Body("Hội đồng Thẩm phán Tòa án nhân dân tối cao", ("HĐTP",), level=_C),
    Body("Tòa án nhân dân tối cao", level=_C),
    Body("Viện kiểm sát nhân dân tối cao", level=_C),
    Body("Bộ Quốc phòng", ("BQP",), level=_C),
    Body("Bộ Công an", ("BCA",), level=_C),
    Body("Bộ Ngoại giao", level=_C),
    Body("Bộ Nội vụ", ("BNV",), level=_C),
    Body("Bộ Tư pháp", ("BTP",), level=_C),
    Body("Bộ Tài chính", level=_C),
    Body("Bộ Công Thương", level=_C),
    Body("Bộ Nông nghiệp và Môi trường", level=_C),
    Body("Bộ Xây dựng", ("BXD",), level=_C),
    Body("Bộ Văn hóa, Thể thao và Du lịch", ("BVHTTDL",), level=_C),
    Body("Bộ Khoa học và Công nghệ", ("BKHCN",), level=_C),
    Body("Bộ Giáo dục và Đào tạo", ("BGDĐT",), level=_C),
    Body("Bộ Y tế", ("BYT",), level=_C),
    Body("Bộ Dân tộc và Tôn giáo", level=_C),
    # Ministries merged in 2025, still cited by older documents.
    Body("Bộ Kế hoạch và Đầu tư", ("BKHĐT",), level=_C),
    Body(
        "Bộ Lao động - Thương binh và Xã hội",
        ("Bộ LĐTBXH", "BLĐTBXH", "Bộ Lao động Thương binh và Xã hội"),
        level=_C,
    ),
    Body("Bộ Tài nguyên và Môi trường", ("BTNMT",), level=_C),
    Body("Bộ Nông nghiệp và Phát triển nông thôn", ("BNNPTNT",), level=_C),
    Body("Bộ Giao thông vận tải", ("BGTVT",), level=_C),
    Body("Bộ Thông tin và Truyền thông", ("BTTTT",), level=_C),
    Body("Ủy ban Dân tộc", level=_C),
    # Local Party committees and their organs: a committee or a place follows.
    Body("Tỉnh ủy", whole=False),
    Body("Thành ủy", whole=False),
    Body("Thị ủy", whole=False),
    Body("Huyện ủy", whole=False),
    Body("Quận ủy", whole=False),
    Body("Đảng ủy", whole=False),
    Body("Ban Thường vụ", ("BTV",), whole=False),
    Body("Thường trực", whole=False),
    Body("Ban Chấp hành Đảng bộ", ("BCH Đảng bộ",), whole=False),
    Body("Ban Chấp hành", ("BCH",), whole=False),
    Body("Ban Tổ chức", whole=False),
    Body("Ban Tuyên giáo và Dân vận", ("BTG và DV", "BTGDV"), whole=False),
    Body("Ban Tuyên giáo", ("BTG",), whole=False),
    Body("Ban Dân vận", whole=False),
    Body("Ủy ban Kiểm tra", ("UBKT",), whole=False),
    Body("Ban Chỉ đạo", ("BCĐ",), whole=False),
    # Local government.
    Body("Chủ tịch Ủy ban nhân dân", ("Chủ tịch UBND",), whole=False),
    Body("Ủy ban nhân dân", ("UBND",), whole=False),
    Body("Hội đồng nhân dân", ("HĐND",), whole=False),
    Body("Ủy ban bầu cử", whole=False),
    Body("Ủy ban Mặt trận Tổ quốc Việt Nam", ("Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ"), whole=False),
    Body("Sở Nội vụ", whole=False),
    Body("Sở Tài chính", whole=False),
    Body("Sở Tư pháp", whole=False),
    Body("Sở Xây dựng", whole=False),
    Body("Sở Y tế", whole=False),
    Body("Sở Công Thương", whole=False),
    Body("Sở Ngoại vụ", whole=False),
    Body("Sở Giáo dục và Đào tạo", whole=False),
    Body("Sở Khoa học và Công nghệ", whole=False),
    Body("Sở Nông nghiệp và Môi trường", whole=False),
    Body("Sở Văn hóa, Thể thao và Du lịch", whole=False),
    Body("Sở Văn hóa và Thể thao", whole=False),
    Body("Sở Dân tộc và Tôn giáo", whole=False),
    Body("Sở Kế hoạch và Đầu tư", whole=False),
    Body("Sở Lao động - Thương binh và Xã hội", ("Sở LĐTBXH",), whole=False),
    Body("Sở Tài nguyên và Môi trường", whole=False),
    Body("Sở Nông nghiệp và Phát triển nông thôn", whole=False),
    Body("Sở Giao thông vận tải", whole=False),
    Body("Sở Thông tin và Truyền thông", whole=False),
    Body("Công an", whole=False),
    Body("Văn phòng", whole=False),
)

_PUNCTUATION = frozenset(",-–—:;")
"""Marks a name may be written with or without ("Bộ Lao động - Thương binh và Xã hội")."""


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, marks set aside: "Bộ Văn hóa, Thể thao" ->
    ("bo", "van", "hoa", "the", "thao")."""
    spaced = "".join(" " if char in _PUNCTUATION else char for char in name)
    return tuple(fold(spaced).split())


@dataclass(frozen=True)
class BodyName:
    """One way a body's name is written, as words to match."""

    words: tuple[str, ...]
    body: Body
    abbreviation: bool
    """Written as an abbreviation ("UBND"): matched with its capitals only."""


def _names() -> tuple[BodyName, ...]:
    names = [
        BodyName(name_words(written), body, written.isupper() or " " not in written)
        for body in BODIES
        for written in (body.name, *body.spellings)
    ]
    names += [  # "và" left out, as letters often write it: "Sở Tài nguyên Môi trường"
        BodyName(tuple(word for word in name.words if word != "va"), name.body, False)
        for name in names
        if "va" in name.words[1:] and not name.abbreviation
    ]
    return tuple(sorted(names, key=lambda n: -len(n.words)))


BODY_NAMES: tuple[BodyName, ...] = _names()
"""Every way of writing every body, longest first, so that the longest name wins."""

BODY_FIRST_WORDS: frozenset[str] = frozenset(name.words[0] for name in BODY_NAMES)

LONGEST_BODY_NAME: int = max(len(name.words) for name in BODY_NAMES)
"""The most words a name of :data:`BODY_NAMES` has: :func:`body_at` reads no further."""


def _by_first_word() -> dict[str, tuple[BodyName, ...]]:
    grouped: dict[str, list[BodyName]] = {}
    for name in BODY_NAMES:
        grouped.setdefault(name.words[0], []).append(name)
    return {word: tuple(names) for word, names in grouped.items()}


_NAMES_BY_FIRST_WORD: dict[str, tuple[BodyName, ...]] = _by_first_word()
"""The names of :data:`BODY_NAMES` that start with each word, longest first as there: an
issuer phrase is compared with the few names of its first word, not with all of them."""


def body_at(words: list[str], written: list[str]) -> tuple[Body, int] | None:
    """The longest body whose name starts ``words`` (folded words, marks left out) and how
    many words it takes; ``written`` holds the same words as written, so that an abbreviation
    is matched only in capitals ("BTV", not "btv")."""
    if not words or words[0] not in BODY_FIRST_WORDS:
        return None
    heads: dict[int, tuple[str, ...]] = {}
    for name in _NAMES_BY_FIRST_WORD[words[0]]:
        size = len(name.words)
        head = heads.get(size)
        if head is None:
            head = heads[size] = tuple(words[:size])
        if head != name.words:
            continue
        if name.abbreviation and size == 1 and not written[0].isupper():
            continue
        return name.body, size
    return None


# Abbreviations expanded word by word in a canonical name ("UBND tỉnh" -> "Ủy ban nhân dân
# tỉnh"); those that are whole names stand in BODIES.
_ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "BCH": "Ban Chấp hành",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "T.Ư": "Trung ương",
    "UBKT": "Ủy ban Kiểm tra",
    "UBTW": "Ủy ban Trung ương",
    "UBTƯ": "Ủy ban Trung ương",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "BTT": "Ban Thường trực",
    "BTG": "Ban Tuyên giáo",
    "DV": "Dân vận",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "CCHC": "cải cách hành chính",
    "VN": "Việt Nam",
    "TP": "thành phố",
    "TP.": "thành phố",
}

# Tone placement of the old style, which Nghị định 30/2020/NĐ-CP writes ("Ủy ban", "Hòa"):
# in an open syllable with "oa", "oe" or "uy", the tone mark on the first vowel.
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def old_style_tones(word: str) -> str:
    """ "uỷ" -> "ủy", "Hoà" -> "Hòa", "khoá" -> "khóa"; "quý", "thuyền", "hoàn" as they are."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = next((c for c in decomposed if c in _TONES), None)
    if tone is None:
        return word
    bare = decomposed.replace(tone, "")
    low = bare.lower()
    for pair in ("oa", "oe", "uy"):
        at = low.find(pair)
        if at < 0 or not low.endswith(pair) or (pair == "uy" and low[at - 1 : at] == "q"):
            continue
        moved = bare[: at + 1] + tone + bare[at + 1 :]
        return unicodedata.normalize("NFC", moved)
    return word


@functools.lru_cache(maxsize=1 << 12)
def canonical_body(issuer: str | None) -> str | None:
    """One name for a body however it is written: "BTV Tỉnh uỷ" and "Ban Thường vụ Tỉnh ủy"
    -> "Ban Thường vụ Tỉnh ủy"; "UBND tỉnh Lâm Đồng" -> "Ủy ban nhân dân tỉnh Lâm Đồng";
    "BỘ NỘI VỤ" -> "Bộ Nội vụ"."""
    if not issuer:
        return None
    text = _TERM_AT_END.sub("", unicodedata.normalize("NFC", issuer))
    capitals = text.isupper()
    written = [part for word in text.split() for part in case_runs(word)]
    expanded: list[str] = []
    for word in written:
        bare = word.rstrip(",")
        if capitals and bare in _ALSO_WORDS:  # "SỞ TƯ PHÁP": the word, not "Trung ương"
            expanded.append(word)
            continue
        expanded.extend(_ABBREVIATIONS.get(bare, word).split())
    return _canonical_words(tuple(expanded), capitals) or None


# The committee's term, kept apart from the body's name: "Thành ủy Hà Nội khóa XVII".
_TERM_AT_END = re.compile(r"[ ,(]+(?:khóa|khoá|KHÓA|KHOÁ)[ ]+[IVXLC]+\)?[ ]*$")

_ALSO_WORDS = frozenset(["TƯ"])
"""Abbreviations that are also words, which a name written in capitals holds as words
("SỞ TƯ PHÁP", "TRUNG TÂM XÚC TIẾN ĐẦU TƯ")."""

# The local committees, and the kind of place each one's name holds ("Tỉnh ủy Khánh Hòa" is
# the Tỉnh ủy of the tỉnh Khánh Hòa).
_COMMITTEE_PLACES: dict[str, str] = {
    "Tỉnh ủy": "tỉnh",
    "Thành ủy": "thành phố",
    "Thị ủy": "thị xã",
    "Huyện ủy": "huyện",
    "Quận ủy": "quận",
}
_COMMITTEES = frozenset(_COMMITTEE_PLACES)
"""Committees whose name a place's name follows ("TỈNH ỦY LÂM ĐỒNG")."""

_GOES_ON = frozenset(["và"])
"""A small word that joins a whole body to another ("Bộ Công an và Bộ Quốc phòng"); any other
small word after a whole body's name is the sentence going on ("Chính phủ tại Nghị định")."""


def _ends_name(body: Body, rest: tuple[str, ...]) -> bool:
    """Whether the written words ``rest`` after a whole body's name are not part of it: a small
    word, but "và" before another body's name and "về" after a steering committee's ("Ban Chỉ
    đạo Trung ương về phòng, chống tham nhũng")."""
    following = rest[0]
    if not body.whole or not following[:1].islower():
        return False
    if following in _GOES_ON:
        after = list(rest[1:])
        return body_at([w for word in after for w in name_words(word)], after) is None
    return not (following == "về" and body.name.startswith("Ban Chỉ đạo"))


def _canonical_words(written: tuple[str, ...], capitals: bool = False) -> str:
    """The canonical name of ``written`` (its abbreviations expanded); ``capitals``: it was
    written all in capitals, so that its words not in the table are small but for the first
    and a place's name ("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN", "BAN CHỈ ĐẠO PHÁT TRIỂN ...")."""
    out: list[str] = []
    proper = False  # in capitals: the words of a place's name, after "tỉnh" or "Tỉnh ủy"
    index = 0
    while index < len(written):
        words = [w for word in written[index:] for w in name_words(word)]
        found = body_at(words, list(written[index:]))
        if found is not None:
            body, size = found
            span = _written_span(written[index:], size)
            comma = "," if written[index + span - 1].endswith(",") else ""
            index += span
            out.append(body.name + comma)
            proper = body.name in _COMMITTEES
            if not comma and body.name.startswith("Sở ") and index < len(written):
                kind = _province_kind(written[index:])
                if kind:  # "Sở Nội vụ Nghệ An": the province named without its kind
                    out.append(kind)
                    proper = True
            if index < len(written) and _ends_name(body, written[index:]):
                break
            continue
        word = written[index]
        following = fold(written[index + 1]) if index + 1 < len(written) else ""
        if _place_word(fold(word), following):
            out.append(word.lower())
            proper = True
        elif capitals and (fold(word), following) == ("viet", "nam"):
            out.append("Việt")
            proper = True
        elif capitals and not proper and out and word.isupper():
            out.append(old_style_tones(word.lower()) if _vowels(word) else word)
            proper = False
        else:
            out.append(_name_word(word))
            proper = proper and not word.endswith(",") and fold(word) != "va"
        index += 1
    return " ".join(out).replace(" ,", ",")


_CITIES = frozenset(
    [("ha", "noi"), ("ho", "chi", "minh"), ("hai", "phong"), ("da", "nang"), ("can", "tho")]
    + [("hue",)]
)
"""The cities run from the centre (Nghị quyết 202/2025/QH15: Hà Nội, Hồ Chí Minh, Hải
Phòng, Đà Nẵng, Cần Thơ, Huế); every other province is a tỉnh."""


def _province_kind(rest: tuple[str, ...]) -> str | None:
    """The kind of the province a department's name goes on with, when it names the province
    without it ("Sở Nội vụ Nghệ An" -> "tỉnh", "Sở Tài chính Hà Nội" -> "thành phố"); None when
    the words after the name are no province's name (a kind of place, a body, a small word)."""
    first = rest[0]
    if not first[:1].isupper() or _kind_at([w.lower() for w in rest], 0) is not None:
        return None
    if body_at(list(name_words(" ".join(rest))), list(rest)) is not None:
        return None
    name: list[str] = []
    for word in rest:
        if not word[:1].isupper():
            break
        name.extend(name_words(word))
    return "thành phố" if tuple(name) in _CITIES else "tỉnh"


def _vowels(word: str) -> bool:
    """Whether ``word`` is a word rather than an abbreviation written without vowels ("CCHC")
    or a number."""
    roman = word.strip("(),") and not word.strip("(),").strip("IVXLC")
    return any(_vowel(c) for c in word) and not roman


_PLACES = frozenset(["tinh", "huyen", "quan", "xa", "phuong"])
_TWO_WORD_PLACES = frozenset([("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("dac", "khu")])


def _place_word(word: str, following: str) -> bool:
    """A word naming a kind of place, written in lower case: "tỉnh", "thành phố", "xã"."""
    return (
        word in _PLACES
        or (word, following) in _TWO_WORD_PLACES
        or any((before, word) in _TWO_WORD_PLACES for before in ("thanh", "thi", "dac"))
        and word in ("pho", "xa", "tran", "khu")
    )


def _written_span(written: tuple[str, ...], size: int) -> int:
    """How many written words hold ``size`` folded words (marks alone take none)."""
    taken = count = 0
    while count < size and taken < len(written):
        count += len(name_words(written[taken]))
        taken += 1
    return taken


def _name_word(word: str) -> str:
    """A word of a name not in the table: capitals as a name has them ("LÂM" -> "Lâm"), one
    tone placement."""
    roman = word.strip("(),") and not word.strip("(),").strip("IVXLC")
    if word.isupper() and len(word) > 1 and any(_vowel(c) for c in word) and not roman:
        word = word[:1] + word[1:].lower()
    return old_style_tones(word)


def _vowel(char: str) -> bool:
    return fold(char) in "aeiouy"


def body_level(canonical: str | None) -> str | None:
    """The level of a canonical body: "Trung ương" for a central body, the committee for a
    local Party body ("Ban Thường vụ Tỉnh ủy" -> "Tỉnh ủy"), else None."""
    if not canonical:
        return None
    words = name_words(canonical)
    found = body_at(list(words), canonical.split())
    if found is not None and found[0].level is not None:
        return found[0].level
    return committee_level(canonical)


_COMMITTEE_WORDS = frozenset(name_words(name) for name in (*_COMMITTEES, "Đảng ủy"))


def _extends(longer: tuple[str, ...], shorter: tuple[str, ...], organs: bool = True) -> bool:
    """Whether ``longer`` names the body ``shorter`` names with more stated: its place ("Ủy
    ban nhân dân tỉnh" -> "... tỉnh Lâm Đồng"), or the organ acting for a committee ("Tỉnh ủy"
    -> "Ban Thường vụ Tỉnh ủy", as a committee's documents are headed with its name alone)."""
    size = len(shorter)
    if len(longer) <= size:
        return False
    return longer[:size] == shorter or (
        organs and longer[-size:] == shorter and shorter in _COMMITTEE_WORDS
    )


def document_body(own: str | None, cited: Iterable[str | None]) -> str | None:
    """The one canonical body of a document, from its own header's issuer (``own``) and the
    issuers the references to it name (``cited``), each as written.

    The header, when it names a body, is the document's own word and wins; else the canonical
    form most references give. A form that another one extends with what it left unstated
    ("Ủy ban nhân dân tỉnh" and "Ủy ban nhân dân tỉnh Lâm Đồng"; a committee's header "TỈNH
    ỦY" and the "Ban Thường vụ Tỉnh ủy" that issued it) counts for the fuller one, as it names
    the same body. Ties go to the fuller name, then to the first met."""
    forms = [form for form in map(canonical_body, (own, *cited)) if form]
    if not forms:
        return None
    words = {form: name_words(form) for form in forms}

    def fullest(form: str) -> str:
        longer = [f for f in forms if _extends(words[f], words[form])]
        if not longer:
            return form
        counts = Counter(longer)
        return max(counts, key=lambda f: (counts[f], len(words[f])))

    own_form = canonical_body(own)
    if own_form:
        return fullest(own_form)
    counts = Counter(fullest(form) for form in forms)
    order = list(counts)  # as first met
    return max(order, key=lambda f: (counts[f], len(words[f]), -order.index(f)))


def body_key(body: str | None) -> str | None:
    """How a canonical body is matched: its folded words, marks set aside, with a space at each
    end, so that a name is found as a run of whole words ("Bộ Nội vụ" -> " bo noi vu ")."""
    return f" {' '.join(name_words(body))} " if body else None


def issuer_query(query: str) -> str:
    """What ``list --issuer`` looks for in :func:`body_key`: the canonical body of the query,
    abbreviations expanded in any case ("btv tinh uy", "BTV Tỉnh ủy" -> " ban thuong vu tinh
    uy "), accents and case aside ("bo noi vu" finds "Bộ Nội vụ", not "Sở Nội vụ")."""
    written = [
        w.upper() if w.upper() in _ABBREVIATIONS and w.upper() not in _ALSO_WORDS else w
        for w in query.split()
    ]
    return body_key(canonical_body(" ".join(written))) or " "


def too_vague(query: str) -> tuple[str, ...]:
    """When ``query`` is one word that begins bodies' names without being one ("Ban", "Bộ",
    "Sở"), the names it begins (to ask for more of the name, rather than list half the
    archive); else nothing. Abbreviations ("UBND", "BCĐ") and issuer codes ("TU", "CP") are
    not vague."""
    words = name_words(query)
    if (
        len(words) != 1
        or words[0] not in BODY_FIRST_WORDS
        or query.strip().upper() in (_ABBREVIATIONS)
    ):
        return ()
    names = [n for n in BODY_NAMES if n.words[0] == words[0]]
    if any(len(n.words) == 1 for n in names):
        return ()
    return tuple(sorted({n.body.name for n in names}))


def named_in_short(body: str, citing: Iterable[str | None]) -> str | None:
    """The full name of a body that the documents citing it name in short, being that body:
    when every one of them that has a body has one body, and it is ``body`` with more stated
    ("Trung tâm" in the letters of the "Trung tâm xúc tiến đầu tư, thương mại và du lịch", "Ủy
    ban nhân dân tỉnh" in those of the "Ủy ban nhân dân tỉnh Lâm Đồng"); else None. A writer
    names itself so ("theo đề xuất của Trung tâm"), never another body of the same name."""
    named = {form for form in citing if form}
    if len(named) != 1:
        return None
    (full,) = named
    return full if _extends(name_words(full), name_words(body), organs=False) else None


def _places_it(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``longer`` is ``shorter`` with the place it leaves unsaid stated: "Ủy ban nhân
    dân tỉnh" -> "... tỉnh Lâm Đồng", "Sở Nội vụ" -> "Sở Nội vụ tỉnh Lâm Đồng", "Tỉnh ủy" ->
    "Tỉnh ủy Khánh Hòa"; never "Ban Chỉ đạo" -> "Ban Chỉ đạo Trung ương ..." (a body, not a
    place, is added)."""
    if not _extends(longer, shorter, organs=False):
        return False
    added = longer[len(shorter) :]
    return any(word in _PLACES for word in shorter) or _place_word(
        added[0], added[1] if len(added) > 1 else ""
    )


def stated_in_full(body: str, named: Iterable[Iterable[str]]) -> str | None:
    """The place a body named without it has in the documents citing it: when the bodies these
    documents name (``named``: each document's canonical bodies) hold one form of ``body`` with
    its place stated, and only one, that form; else None. A letter names a body in full at its
    first mention ("Ủy ban nhân dân tỉnh Lâm Đồng") and in short after ("Ủy ban nhân dân
    tỉnh"), as it dates a document once; two places named leave the short form as it is."""
    words = name_words(body)
    fuller = {form for forms in named for form in forms if _places_it(name_words(form), words)}
    return fuller.pop() if len(fuller) == 1 else None


# The words naming the kind of a place, longest first.
_PLACE_KINDS: tuple[str, ...] = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
)


def _kind_at(words: list[str], index: int) -> tuple[str, int] | None:
    """The kind of place the words of a canonical name at ``index`` name, and how many words
    say it: "tỉnh" (1), "thành phố" (2), "Tỉnh ủy" (the tỉnh, 2)."""
    pair = " ".join(words[index : index + 2])
    if pair in _COMMITTEE_PLACES:
        return _COMMITTEE_PLACES[pair], 2
    for kind in _PLACE_KINDS:
        size = kind.count(" ") + 1
        if " ".join(words[index : index + size]) == kind:
            return kind, size
    return None


def _place_name(words: list[str], start: int) -> list[str]:
    """The words of a place's name from ``start``: capitalised words, numbers and the dash of
    "Bà Rịa - Vũng Tàu", up to a comma, a small word or the start of a body's name ("TỈNH
    LÂM ĐỒNG SỞ NỘI VỤ")."""
    name: list[str] = []
    for index in range(start, len(words)):
        word = words[index]
        if not (word[:1].isupper() or word[:1].isdigit() or word == "-"):
            break
        if name and body_at(list(name_words(" ".join(words[index:]))), words[index:]):
            break
        name.append(word.rstrip(","))
        if word.endswith(","):
            break
    while name and name[-1] == "-":
        name.pop()
    return name


def places_named(name: str | None) -> tuple[str, ...]:
    """The places a body's name states, as a name writes them after its body: "UBND TỈNH LÂM
    ĐỒNG" -> ("tỉnh Lâm Đồng",), "TỈNH ỦY KHÁNH HÒA" -> ("tỉnh Khánh Hòa",), "ĐẢNG ỦY XÃ
    CÔNG HẢI" -> ("xã Công Hải",), "SỞ NỘI VỤ" -> ()."""
    canonical = canonical_body(name)
    if not canonical:
        return ()
    words = canonical.split()
    found: list[str] = []
    index = 0
    while index < len(words):
        kind = _kind_at(words, index)
        if kind is not None:
            place = _place_name(words, index + kind[1])
            if place:
                found.append(f"{kind[0]} {' '.join(place)}")
                index += kind[1] + len(place)
                continue
        index += 1
    return tuple(dict.fromkeys(found))


_LEVELLESS = ("Ủy ban Mặt trận Tổ quốc Việt Nam",)
"""Bodies found at every level whose name, in a local document, often leaves the level
unsaid: "Ban Thường trực Ủy ban MTTQ Việt Nam" in a provincial department's letter is the
province's (the central one is always "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", Điều lệ
Mặt trận Tổ quốc Việt Nam, Điều 9)."""

_PARTY_ORGANS = frozenset(
    [
        "Ban Thường vụ",
        "Thường trực",
        "Ban Chấp hành",
        "Ban Chấp hành Đảng bộ",
        "Ban Tổ chức",
        "Ban Tuyên giáo và Dân vận",
        "Ban Tuyên giáo",
        "Ban Dân vận",
        "Ủy ban Kiểm tra",
        "Văn phòng",
        "Đảng ủy",
    ]
)
"""Organs named after a committee, not a place ("Ban Tổ chức Tỉnh ủy Lâm Đồng"): a header's
place alone does not complete their name."""


def placed(body: str, places: Iterable[str], own: bool = False) -> str | None:
    """``body`` (a canonical name) with the place it leaves unsaid, taken from ``places``: the
    places a document's own header states, widest first (:func:`places_named` of its lines).

    A name that ends with the kind of its place takes the place of that kind ("Ủy ban nhân dân
    tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh", "Giám đốc Công an tỉnh" -> "... tỉnh Lâm Đồng";
    "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy" -> "... Tỉnh ủy Lâm Đồng"; "Ủy ban nhân dân xã" -> "...
    xã Công Hải"); a department (sở) the province's or city's ("Sở Nội vụ" -> "Sở Nội vụ tỉnh
    Lâm Đồng"); the Front's committee named without its level the writer's own level. With
    ``own``, ``body`` is the header's own issuer, under the lines that state ``places``: a
    local body not named after a committee is the body of the nearest place ("HỘI ĐỒNG THẨM
    ĐỊNH ..." under "UBND TỈNH LÂM ĐỒNG"). None when ``body`` states its place already, is a
    central body, or no place of its kind is given: a commune's letter saying "UBND tỉnh"
    names its province only when its header does."""
    given = list(places)
    if not given or places_named(body) or body_level(body) == "Trung ương":
        return None
    words = body.split()
    for size in (2, 1):
        kind = _kind_at(words, len(words) - size) if len(words) >= size else None
        if kind is not None and kind[1] == size:
            return next(
                (f"{body} {p[len(kind[0]) + 1 :]}" for p in given if p.startswith(kind[0] + " ")),
                None,
            )
    titled = words[2:] if words[:2] == ["Giám", "đốc"] else words  # "Giám đốc Sở Nội vụ"
    found = body_at(list(name_words(" ".join(titled))), titled)
    head = found[0].name if found else ""
    if head.startswith("Sở "):  # a province's, or a city's run from the centre
        widest = given[0]
        province = widest.startswith("tỉnh ") or (
            widest.startswith("thành phố ") and name_words(widest)[2:] in _CITIES
        )
        return f"{body} {widest}" if province else None
    if any(name in body for name in _LEVELLESS) or (own and head not in _PARTY_ORGANS):
        return f"{body} {given[-1]}"
    return None


def placed_by_citing(body: str, citing: Iterable[Iterable[str]]) -> str | None:
    """The place a body named without it takes from the headers of the documents citing it
    (``citing``: each one's header places, widest first): a letter of the Lâm Đồng provincial
    committee saying "Tỉnh ủy" means its own Tỉnh ủy, Lâm Đồng's. When these documents give
    one and the same place (those whose header states none aside), ``body`` with it; else
    None."""
    forms = {form for places in citing if (form := placed(body, places))}
    return forms.pop() if len(forms) == 1 else None
