from __future__ import annotations

import unicodedata

import pytest

from vanban.normalize import fold, normalize, normalize_text

# fmt: off
CASES = [
    pytest.param("Nghi\u0323 quyê\u0301t", "Nghị quyết", id="nfd-to-nfc"),
    pytest.param("\u00d0ảng", "Đảng", id="eth-lookalike"),
    pytest.param("47 \u2013 QĐ/TW", "47 - QĐ/TW", id="en-dash"),
    pytest.param("2020 \u2014 2025", "2020 - 2025", id="em-dash"),
    pytest.param("số\u00a0155", "số 155", id="nbsp"),
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
