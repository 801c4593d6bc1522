"""The domain's facts, each asked of its one home: committee levels and whether two mentions can
be one document, the relations, how dates are written for people, the Party kind codes."""

from __future__ import annotations

import pytest

from vanban import parse_text
from vanban.core.bodies import body_level, canonical_body, old_style_tones
from vanban.core.dates import as_cited, document_year, in_table
from vanban.core.identity import (
    committee_level,
    congress_between,
    kind_class,
    levels_agree,
    may_be_one,
    same_numbering,
)
from vanban.core.relations import RELATION_BY_NAME, RELATIONS, relation_named, schema_description
from vanban.core.symbols import PARTY_KIND_ALT, SYMBOL, kind_from_code, make_symbol
from vanban.core.vocabulary import PARTY_CODE_SPELLINGS, PARTY_KIND_CODES
from vanban.parser import patterns


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        ("Ban Thường vụ Thị ủy", "Thị ủy"),
        ("Ban Thường vụ Tỉnh uỷ", "Tỉnh ủy"),
        ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH - TỈNH ỦY LÂM ĐỒNG", "Tỉnh ủy"),
        ("Thường trực Huyện ủy", "Huyện ủy"),
        ("Bộ Chính trị", None),
        (None, None),
    ],
)
def test_the_committee_an_issuer_phrase_names(issuer: str | None, level: str | None) -> None:
    assert committee_level(issuer) == level


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("Tỉnh ủy", "Tỉnh ủy", True),
        ("Tỉnh ủy", None, True),
        (None, "Thị ủy", True),
        ("Tỉnh ủy", "Thị ủy", False),
    ],
)
def test_levels_agree_when_equal_or_unknown(
    first: str | None, second: str | None, agree: bool
) -> None:
    assert levels_agree(first, second) is agree


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        ("Quy định", "QĐ", "Quy định"),  # Quy định số 185-QĐ/TW
        ("Quyết định", "QĐ", "Quyết định"),  # Quyết định số 124-QĐ/TW
        ("Quy định", "QĐi", "Quy định"),
        ("Kế hoạch", "KH", None),  # its code alone tells it
        (None, "QĐ", None),
    ],
)
def test_a_qd_code_keeps_quy_dinh_and_quyet_dinh_apart(
    kind: str | None, code: str | None, expected: str | None
) -> None:
    assert kind_class(kind, code) == expected


def test_one_document_needs_agreeing_levels_and_kinds() -> None:
    assert may_be_one("Thị ủy", None, None, "Quy định")
    assert not may_be_one("Thị ủy", None, "Tỉnh ủy", None)
    assert not may_be_one(None, "Quy định", None, "Quyết định")


@pytest.mark.parametrize(
    ("family", "year", "first", "second", "same"),
    [
        (
            "state",
            2020,
            "2020-03-05",
            "2021-01-01",
            True,
        ),  # 30/2020/NĐ-CP: one number, one document
        ("state", None, "2024-05-06", "2024-11-30", True),  # 1234/QĐ-UBND of one year
        ("state", None, "2023-05-06", "2024-05-06", False),  # numbers restart each year
        ("party", None, "2023-06-15", "2023-12-08", True),
        ("party", None, "2020-03-01", "2020-11-01", False),  # a congress season between
        ("party", None, "2021-06-01", "2022-08-01", False),  # more than a year apart
    ],
)
def test_same_numbering(family: str, year: int | None, first: str, second: str, same: bool) -> None:
    assert same_numbering(family, year, first, second) is same


def test_congress_seasons_are_april_of_years_divisible_by_five_to_february() -> None:
    assert congress_between("2025-03-31", "2025-04-01")
    assert congress_between("2026-02-27", "2026-03-10")
    assert not congress_between("2026-03-01", "2026-12-31")


@pytest.mark.parametrize(
    ("iso", "cited", "table"),
    [
        ("2023-06-15", "15/6/2023", "15/06/2023"),
        ("2023-04-09", "09/4/2023", "09/04/2023"),
        ("2024-02-01", "01/02/2024", "01/02/2024"),
        ("2017-10-25", "25/10/2017", "25/10/2017"),
    ],
)
def test_one_date_style_per_audience(iso: str, cited: str, table: str) -> None:
    assert as_cited(iso) == cited
    assert in_table(iso) == table


def test_a_documents_year_is_its_dates_else_its_symbols() -> None:
    assert document_year("2023-06-15", None) == 2023
    assert document_year("2021-01-04", 2020) == 2021
    assert document_year(None, 2020) == 2020
    assert document_year(None, None) is None


def _stated_relations() -> set[str]:
    tables = (
        patterns.RELATION_GAPS,
        patterns.RELATION_GAPS_PASSIVE,
        patterns.SELF_TITLE_RELATIONS,
        patterns.SELF_SENTENCE_RELATIONS,
    )
    return {name for table in tables for name, _ in table}


def test_every_relation_the_parser_states_is_in_the_table() -> None:
    assert _stated_relations() <= set(RELATION_BY_NAME)
    assert {"cites", "attached-to", "implements"} <= set(RELATION_BY_NAME)


def test_each_relation_has_a_label_a_style_and_words_that_state_it() -> None:
    for relation in RELATIONS:
        assert relation.label and relation.dot and relation.arrow and relation.stated_by
    assert relation_named("attached-to").label == "attached to"
    assert relation_named("made-up").label == "made-up"
    assert '`attached-to` ("(Kèm theo Quyết định số ...)" in a title)' in schema_description()


def test_an_attached_to_relation_is_stated_and_labelled() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 15/KH-UBND\n\nKẾ HOẠCH\n"
        "Thực hiện chương trình chuyển đổi số\n"
        "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh)\n\n"
        "Nội dung kế hoạch.\n"
    )
    document = parse_text(text)
    stated = [
        (r.source, document.references[r.target].symbol.canonical, r.relation)
        for r in document.relations
    ]
    assert stated == [(-1, "1234/QĐ-UBND", "attached-to")]


def test_party_kind_codes_in_symbols_come_from_the_vocabulary() -> None:
    assert {code.upper() for code in PARTY_CODE_SPELLINGS} == set(PARTY_KIND_CODES) | {"CTR"}
    assert "QĐi" in PARTY_CODE_SPELLINGS and "Ctr" in PARTY_CODE_SPELLINGS
    assert PARTY_KIND_ALT.startswith("(?:QĐi|QyĐ|")


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        ("155-KH/TU", "155-KH/TU", "Kế hoạch"),
        ("65-Ctr/TU", "65-Ctr/TU", None),  # three kinds share CTr
        ("08-QĐi/TW", "08-QĐi/TW", "Quy định"),
        ("37QĐ/TW", "37-QĐ/TW", None),  # Quyết định or Quy định
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "Nghị định"),
        ("2769/UBND-NCKSTTHC", "2769/UBND-NCKSTTHC", None),  # a State công văn has no kind code
    ],
)
def test_symbols_decoded_where_their_grammar_stands(
    written: str, canonical: str, kind: str | None
) -> None:
    match = SYMBOL.search(written)
    assert match is not None
    symbol = make_symbol(match)
    assert symbol is not None
    assert symbol.canonical == canonical
    assert kind_from_code(symbol) == kind


# fmt: off
CANONICAL_BODIES = [
    ("BTV Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"),
    ("Ban Thường vụTỉnh uỷ", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"),
    ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"),
    ("UBND tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng", None),
    ("Ủy ban nhân dân tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng", None),
    ("UBND TP. Hà Nội", "Ủy ban nhân dân thành phố Hà Nội", None),
    ("BỘ NỘI VỤ", "Bộ Nội vụ", "Trung ương"),
    ("BộNội vụ", "Bộ Nội vụ", "Trung ương"),
    ("Bộ LĐTBXH", "Bộ Lao động - Thương binh và Xã hội", "Trung ương"),
    ("Bộ Lao động, Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội", "Trung ương"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "Trung ương"),
    ("Tỉnh uỷ Khánh Hoà", "Tỉnh ủy Khánh Hòa", "Tỉnh ủy"),
    ("BTG và DV Tỉnh uỷ", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Tỉnh ủy"),
    ("Thành ủy Hà Nội khóa XVII", "Thành ủy Hà Nội", "Thành ủy"),
    ("Ủy ban Thường vụ Quốc hội khóa XIV", "Ủy ban Thường vụ Quốc hội", "Trung ương"),
    ("BCĐ sắp xếp đơn vị hành chính", "Ban Chỉ đạo sắp xếp đơn vị hành chính", None),
    ("Liên Bộ Giáo dục và Đào tạo, Bộ Tài chính", "Liên Bộ Giáo dục và Đào tạo, Bộ Tài chính", None),
]
# fmt: on


@pytest.mark.parametrize(("written", "canonical", "level"), CANONICAL_BODIES)
def test_canonical_body(written: str, canonical: str, level: str | None) -> None:
    assert (canonical_body(written), body_level(canonical)) == (canonical, level)


@pytest.mark.parametrize(
    ("word", "old_style"),
    [("uỷ", "ủy"), ("Hoà", "Hòa"), ("khoá", "khóa"), ("quý", "quý"), ("hoàn", "hoàn")],
)
def test_old_style_tones(word: str, old_style: str) -> None:
    assert old_style_tones(word) == old_style
