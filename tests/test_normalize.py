from __future__ import annotations

import unicodedata

import pytest

from vanban.core.vocabulary import fold
from vanban.parser.normalize import glued_parts, normalize, normalize_text

# fmt: off
CASES = [
    pytest.param("Nghi\u0323 quyê\u0301t", "Nghị quyết", id="nfd-to-nfc"),
    pytest.param("\u00d0ảng", "Đảng", id="eth-lookalike"),
    pytest.param("47 \u2013 QĐ/TW", "47 - QĐ/TW", id="en-dash"),
    pytest.param("2020 \u2014 2025", "2020 - 2025", id="em-dash"),
    pytest.param("số\u00a0155", "số 155", id="nbsp"),
    pytest.param("155-KH\u2215TU", "155-KH/TU", id="division-slash"),
    pytest.param("30\u20442020\u2044NĐ\uff0dCP", "30/2020/NĐ-CP", id="fraction-slash-fullwidth-hyphen"),
    pytest.param("155\ufe63KH\uff0fTU", "155-KH/TU", id="small-hyphen-fullwidth-slash"),
    pytest.param("số\u2009155,\u2002ngày\u3000", "số 155, ngày ", id="thin-en-ideographic-spaces"),
    pytest.param("155-KH/TU,\u200b ngày", "155-KH/TU, ngày", id="zero-width"),
    pytest.param("15\u200f5-KH\u202e/TU", "155-KH/TU", id="direction-marks"),
    pytest.param("17-\u061cKH/\u2066TU\u2069", "17-KH/TU", id="arabic-letter-mark-isolates"),
    pytest.param("“*về phát huy*”", "“về phát huy”", id="markdown-emphasis"),
    pytest.param("**T/M THỊ ỦY\nBÍ THƯ**", "T/M THỊ ỦY\nBÍ THƯ", id="bold-two-lines"),
    pytest.param("20-QĐ&#x002F;TW", "20-QĐ/TW", id="html-entity"),
    # a line break written as an entity keeps the file's lines: the next line stays the next
    pytest.param("Dòng một&#10;dòng hai&#13;&#10;ba\nbốn", "Dòng một dòng hai  ba\nbốn", id="newline-entity"),
    pytest.param("a\r\nb\rc", "a\nb\nc", id="line-endings"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_is_idempotent(raw: str, expected: str) -> None:
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)


def test_display_keeps_dashes_and_has_same_length() -> None:
    result = normalize("Bộ Lao động \u2013 Thương binh và Xã hội")
    assert result.display == "Bộ Lao động \u2013 Thương binh và Xã hội"
    assert result.text == "Bộ Lao động - Thương binh và Xã hội"
    assert len(result.display) == len(result.text)


def test_line_count_is_kept() -> None:
    raw = "Dòng 1\r\n\r\n**Dòng 3**\n\u200b\nDòng 5"
    assert normalize_text(raw).count("\n") == 4


# fmt: off
@pytest.mark.parametrize(("raw", "expected"), [
    ("Tỉnh uỷ", "tinh uy"),
    ("Tỉnh ủy", "tinh uy"),
    ("NGÀY 27 THÁNG 7", "ngay 27 thang 7"),
    ("ngàỷ", "ngay"),
    ("Đảng", "dang"),
])
# fmt: on
def test_fold(raw: str, expected: str) -> None:
    text = unicodedata.normalize("NFC", raw)
    assert fold(text) == expected
    assert len(fold(text)) == len(text)


def test_lines_are_the_files_after_a_newline_entity() -> None:
    from vanban import parse_text

    [reference] = parse_text("Dòng một&#10;dòng hai\nThực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023.\n").references
    assert (reference.line, reference.column) == (2, 11)


def spaced(text: str) -> str:
    """Text as a glyph-by-glyph extraction gives it: a space after every character."""
    return "\n".join(" ".join(line.replace(" ", "")) for line in text.split("\n"))


# fmt: off
LETTER_SPACED = [
    pytest.param(spaced("Quyết định số 12/QĐ-UBND ngày 10/3/2024 của Chủ tịch UBND tỉnh"),
                 "Quyết định số 12/QĐ-UBND ngày 10/3/2024 của Chủ tịch UBND tỉnh", id="one-line"),
    pytest.param("chi trả theo " + spaced("Nghị quyết số 08/NQ-HĐND của HĐND tỉnh") + " cho",
                 "chi trả theo Nghị quyết số 08/NQ-HĐND của HĐND tỉnh cho", id="inside-a-line"),
    pytest.param(spaced("KẾT LUẬN"), "KẾT LUẬN", id="kind-line"),
    pytest.param(spaced("Chỉ thị\nsố\n05-CT/TU\nngày\n15/02/2024"),
                 "Chỉ thị\nsố\n05-CT/TU\nngày\n15/02/2024", id="table-cells"),
    # a run cut by a wrapped line: the break moves to the next space, the symbol stays whole
    pytest.param("Q u y ế t đ ị n h s ố 1 2 /\nQ Đ - U B N D c ủ a T ỉ n h ủ y",
                 "Quyết định số 12/QĐ-UBND\ncủa Tỉnh ủy", id="wrapped-after-slash"),
    pytest.param("t  h  e o  K ế  h o ạ c h", "theo Kế hoạch", id="justified"),
    pytest.param("- " + spaced("Hoàn thành chi trả"), "- Hoàn thành chi trả", id="list-dash"),
    # not letter-spaced: lists, marks, page furniture, column numbers
    pytest.param("các điểm a b c d e f", "các điểm a b c d e f", id="ascii-list"),
    pytest.param("x x x x x x", "x x x x x x", id="ticks"),
    pytest.param("- 2 -", "- 2 -", id="page-number"),
    pytest.param("1 2 3 4 5 6", "1 2 3 4 5 6", id="column-numbers"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), LETTER_SPACED)
def test_letter_spaced_text_is_read_as_words(raw: str, expected: str) -> None:
    assert normalize(raw).display == expected


def test_a_letter_spaced_reference_is_read_whole() -> None:
    from vanban import parse_text

    text = "Thực hiện " + spaced("Công văn số 215/STC-QLNS ngày 08/10/2025 của Sở Tài chính.")
    doc = parse_text(text)
    assert [(r.kind, r.symbol.canonical, r.date, r.issuer) for r in doc.references] == [
        ("Công văn", "215/STC-QLNS", "2025-10-08", "Sở Tài chính")
    ]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("vụTỉnh", ["vụ", "Tỉnh"]),
        ("uỷvề", ["uỷ", "về"]),
        ("thịsố04", ["thị", "số", "04"]),
        ("phủquy", ["phủ", "quy"]),
        ("ĐảngbộTỉnh", ["Đảng", "bộ", "Tỉnh"]),
        ("Khánh", ["Khánh"]),
        ("nghiêng", ["nghiêng"]),
        ("HĐND", ["HĐND"]),
        ("Internet", ["Internet"]),
    ],
)
def test_glued_parts(word: str, parts: list[str]) -> None:
    assert glued_parts(word) == parts
