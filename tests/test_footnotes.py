from __future__ import annotations

from pathlib import Path

import pytest

from vanban import parse_text
from vanban.parser import footnotes as footnote_step
from vanban.parser import parse_text_laid_out, pipeline
from vanban.parser.normalize import normalize


def notes(text: str) -> list[tuple[int, str, int | None, int | None, str]]:
    return [(f.number, f.marker, f.line, f.body_line, f.text) for f in parse_text(text).footnotes]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # A body dropped mid-paragraph at a page break, marker before the full stop.
    ("theo chỉ đạo của tỉnh⁽¹⁾. Tiếp tục đổi mới, hoạt\n\n⁽¹⁾ Kế hoạch số 80-KH/TU.\n\nđộng hiệu lực.",
     [(1, "⁽¹⁾", 1, 3, "Kế hoạch số 80-KH/TU.")]),
    # Bracket markers glued to a word, bodies at the end.
    ("Điều 5. Tổ chức thực hiện[2]\n\n[2] Điều 5 Thông tư số 08/2023/TT-BLĐTBXH quy định như sau.",
     [(2, "[2]", 1, 3, "Điều 5 Thông tư số 08/2023/TT-BLĐTBXH quy định như sau.")]),
    # Plain superscript digits.
    ("của Ban Bí thư² gắn với\n\n² Quy định số 125-QĐ/TW.", [(2, "²", 1, 3, "Quy định số 125-QĐ/TW.")]),
    # A marker whose body is not in the file; a body whose marker is not.
    ("Chương IV[17]\n\n[1] Thông tư số 08/2023/TT-BLĐTBXH.",
     [(1, "[1]", None, 3, "Thông tư số 08/2023/TT-BLĐTBXH."), (17, "[17]", 1, None, "")]),
    # A superscript flattened to a digit after the final full stop.
    ("theo Quyết định số 40/2011/QĐ-TTg ngày 27/7/2011 của Thủ tướng Chính phủ.1",
     [(1, "1", 1, None, "")]),
    # A body that opens a quotation runs on until the quotation closes.
    ("Thông tư[1]\n\n[1] Có căn cứ như sau:\n\n“Căn cứ Luật A;\n\nCăn cứ Luật B.”.\n\n[2] Khác.",
     [(1, "[1]", 1, 3, "Có căn cứ như sau: “Căn cứ Luật A; Căn cứ Luật B.”."),
      (2, "[2]", None, 9, "Khác.")]),
    # Square metres are not footnotes.
    ("diện tích 200 m² đất", []),
])
# fmt: on
def test_footnotes(text: str, expected: list[tuple[int, str, int | None, int | None, str]]) -> None:
    assert notes(text) == expected


def test_reference_split_by_footnote_bodies_is_joined() -> None:
    text = (
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU,\n\n"
        "⁽²⁾ Thực hiện Kế hoạch số 153-KH/TU, ngày 05/5/2023 của Ban Thường vụ Tỉnh ủy.\n\n"
        "ngày 15/6/2023 của Ban Thường vụ Thị ủy về thực hiện Kết luận số 34-KL/TW.\n"
    )
    doc = parse_text(text)
    got = [(r.symbol.canonical, r.date, r.footnote, r.line) for r in doc.references]
    assert got == [
        ("155-KH/TU", "2023-06-15", None, 1),
        ("153-KH/TU", "2023-05-05", 2, 3),
        ("34-KL/TW", None, None, 5),
    ]
    relation = doc.relations[0]
    assert (doc.references[relation.source].symbol.canonical, relation.relation,
            doc.references[relation.target].symbol.canonical) == ("155-KH/TU", "implements", "34-KL/TW")


def test_paragraphs_that_end_a_sentence_are_not_joined() -> None:
    doc = parse_text("Thực hiện Kế hoạch số 5-KH/TU.\n\nngày 15/6/2023 là ngày họp.")
    assert doc.references[0].date is None


def test_footnote_that_opens_with_thuc_hien_makes_an_implementation() -> None:
    text = (
        "theo Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy⁽²⁾ gắn với tinh giản.\n\n"
        "⁽²⁾ Thực hiện Kế hoạch số 153-KH/TU, ngày 05/5/2023 của Ban Thường vụ Tỉnh ủy.\n"
    )
    doc = parse_text(text)
    assert [(doc.references[r.source].symbol.canonical, r.relation,
             doc.references[r.target].symbol.canonical) for r in doc.relations] == [
        ("158-KH/TU", "implements", "153-KH/TU")
    ]


def test_marks_flattened_onto_a_symbol() -> None:
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP2 ngày 05/3/2020 của Chính phủ; theo Kế hoạch số"
        " 158-KH/TU1, ngày 21/7/2023 của Ban Thường vụ Thị ủy; Luật số 80/2015/QH13 ngày"
        " 22/6/2015; Công văn số 847/UBND-VX1 ngày 22/3/2011.\n\n"
        "[1] Thực hiện Kế hoạch số 153-KH/TU, ngày 05/5/2023 của Ban Thường vụ Tỉnh ủy.\n\n"
        "[2] Văn bản.\n"
    )
    doc = parse_text(text)
    assert [(r.symbol.canonical, r.date) for r in doc.references] == [
        ("30/2020/NĐ-CP", "2020-03-05"),
        ("158-KH/TU", "2023-07-21"),
        ("80/2015/QH13", "2015-06-22"),  # a term, not a mark: QH codes end in digits
        ("847/UBND-VX1", "2011-03-22"),  # a unit code with a digit, and no footnote 1 glued
        ("153-KH/TU", "2023-05-05"),
    ]
    assert [(f.number, f.line) for f in doc.footnotes] == [(1, 1), (2, 1)]
    assert [(doc.references[r.source].symbol.canonical, r.relation,
             doc.references[r.target].symbol.canonical) for r in doc.relations] == [
        ("158-KH/TU", "implements", "153-KH/TU")
    ]


def test_digits_after_a_code_without_footnotes_stay() -> None:
    doc = parse_text("Căn cứ Nghị định số 30/2020/NĐ-CP2 ngày 05/3/2020.")
    assert [r.symbol.canonical for r in doc.references] == ["30/2020/NĐ-CP2"]


PDF_PAGE = (
    "Căn cứ Luật Địa chất và khoáng sản số 54/2024/QH151 ngày 29/11/2024 của Quốc hội;\n"
    "Nghị định số 10/2025/NĐ-CP2, Kế hoạch của Tỉnh ủy3 về triển khai các nhiệm vụ năm\n"
    "2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n"
    "1 Luật Địa chất và khoáng sản được Quốc hội thông qua ngày 29/11/2024.\n"
    "2 Nghị định số 10/2025/NĐ-CP ngày 15/01/2025 của Chính phủ.\n"
    "3 Kế hoạch số 12-KH/TU ngày 02/01/2025 của Tỉnh ủy.\n"
    "\f2\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
)


def test_bare_numbered_footnotes_at_a_page_foot() -> None:
    doc = parse_text(PDF_PAGE)
    assert [(r.symbol.canonical, r.date, r.footnote) for r in doc.references] == [
        ("54/2024/QH15", "2024-11-29", None),
        ("10/2025/NĐ-CP", None, None),
        ("10/2025/NĐ-CP", "2025-01-15", 2),
        ("12-KH/TU", "2025-01-02", 3),
    ]
    assert [(f.number, f.line, f.body_line) for f in doc.footnotes] == [(1, 1, 4), (2, 2, 5), (3, 2, 6)]


@pytest.mark.parametrize(
    "text",
    [
        # a table's rows numbered without a point: no number stands glued before them
        "Danh sách đại biểu:\n1 Nguyễn Văn An, Bí thư Đảng ủy.\n2 Trần Thị Bình, Phó Bí thư.\n",
        # a number glued after the line that would be its body is no footnote mark
        "Kết quả như sau:\n2 Hoàn thành Kế hoạch số 5-KH/ĐU.\nđạt chỉ tiêu Tỉnh ủy2 giao.\n",
    ],
)
def test_lines_opening_with_a_number_stay_text_without_a_glued_mark(text: str) -> None:
    doc = parse_text(text)
    assert doc.footnotes == ()
    assert all(r.footnote is None for r in doc.references)


def test_a_running_header_between_pages_is_no_text() -> None:
    header = "Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh"
    body = [f"Dòng thứ {n} của văn bản, chưa hết câu và còn tiếp ở dòng sau" for n in range(14)]
    text = "\n".join(
        [
            *body,
            "thực hiện Kế hoạch số 155-KH/TU, ngày",
            "",
            "- 2 -",
            header,
            "",
            "15/6/2023 của Ban Thường vụ Thị ủy. Các nội dung tiếp theo",
            *body,
            "được giao. Tiếp tục",
            "",
            "- 3 -",
            header,
            "",
            "triển khai.",
            "Cuối văn bản: " + header,
        ]
    )
    doc = parse_text(text)
    assert [(r.symbol.canonical, r.date, r.issuer) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15", "Ban Thường vụ Thị ủy")
    ]
    assert header not in doc.references[0].context



# fmt: off
@pytest.mark.parametrize(("lines", "expected"), [
    # a symbol broken after its dash, its number alone on a line: not a page number
    (["triển khai Kế hoạch số", "155-", "KH/TU, bảo đảm tiến độ đề ra."], [("155-KH/TU", None)]),
    (["triển khai Kế hoạch số", "155 -", "KH/TU, bảo đảm tiến độ đề ra."], [("155-KH/TU", None)]),
    # a short line ending with "ngày": the day on the next line is no numbered item
    (["các việc được giao thực hiện như sau:", "Thông báo số 12-", "TB/TU, ngày",
      "3 tháng 02 năm 2025 về kết luận."], [("12-TB/TU", "2025-02-03")]),
    (["các việc được giao thực hiện như sau:", "Kế hoạch số 12-KH/TU", "ngày",
      "3 tháng 02 năm 2025 về triển khai."], [("12-KH/TU", "2025-02-03")]),
    # page numbers between pages, dashed on both sides or before only
    (["thực hiện Kế hoạch số 155-KH/TU, ngày", "", "- 2 -", "", "15/6/2023 của Thị ủy."],
     [("155-KH/TU", "2023-06-15")]),
    (["thực hiện Kế hoạch số 155-KH/TU, ngày", "", "- 2", "", "15/6/2023 của Thị ủy."],
     [("155-KH/TU", "2023-06-15")]),
    (["thực hiện Kế hoạch số 155-KH/TU, ngày", "", "2", "", "15/6/2023 của Thị ủy."],
     [("155-KH/TU", "2023-06-15")]),
])
# fmt: on
def test_a_number_alone_on_a_line(lines: list[str], expected: list[tuple[str, str | None]]) -> None:
    doc = parse_text("\n".join(lines))
    assert [(r.symbol.canonical, r.date) for r in doc.references] == expected


def test_a_header_seen_once_inside_a_sentence_cut_by_the_page_break_is_no_text() -> None:
    # A two-page letter: its one running header stands between a reference and its date.
    body = [f"Dòng thứ {n} của văn bản, chưa hết câu và còn tiếp ở dòng sau" for n in range(14)]
    text = "\n".join(
        [
            *body,
            "thực hiện Kế hoạch số 155-KH/TU,",
            "",
            "\fTài liệu phục vụ Hội nghị Ban Chấp hành",
            "",
            "ngày 15/6/2023 của Ban Thường vụ Thị ủy. Các nội dung tiếp theo.",
            "\fKết quả đạt được",
            "",
            "Trong năm, các cấp ủy đã triển khai.",
        ]
    )
    doc = parse_text(text)
    assert [(r.symbol.canonical, r.date, r.issuer) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15", "Ban Thường vụ Thị ủy")
    ]
    assert "Tài liệu" not in doc.references[0].context

def test_a_header_after_form_feeds_is_no_text_but_the_first_page_keeps_its_own() -> None:
    # pdftotext opens each page with a form feed; a letter whose every page repeats its
    # heading: on the first page that heading is the document's own.
    heading = "BỘ TƯ PHÁP                     CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    body = [f"Dòng thứ {n} của văn bản, chưa hết câu và còn tiếp ở dòng sau" for n in range(14)]
    text = "\n".join(
        [
            heading,
            "Số: 3917/BTP-BTTP                       Hà Nội, ngày 01 tháng 7 năm 2025",
            "V/v hợp nhất các đoàn luật sư",
            "",
            *body,
            "thực hiện Kế hoạch số 155-KH/TU, ngày",
            "",
            "\f" + heading,
            "",
            "15/6/2023 của Ban Thường vụ Thị ủy. Các nội dung tiếp theo",
            *body,
            "được giao. Tiếp tục",
            "\f" + heading,
            "triển khai.",
        ]
    )
    doc = parse_text(text)
    assert doc.identity.symbol is not None
    assert (doc.identity.symbol.canonical, doc.identity.date) == ("3917/BTP-BTTP", "2025-07-01")
    assert [(r.symbol.canonical, r.date, r.issuer) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15", "Ban Thường vụ Thị ủy")
    ]
    assert "BỘ TƯ PHÁP" not in doc.references[0].context


_SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))
_WITH_NOTES = (
    "Thực hiện Kế hoạch số 155-KH/TU⁽¹⁾, ngày 15/6/2023 của Thị ủy, có hiệu quả\n\n"
    "⁽¹⁾ Thực hiện Kế hoạch số 153-KH/TU, ngày 02/5/2023 của Tỉnh ủy.\n\n"
    "⁽²⁾ Quyết định số 40/2011/QĐ-TTg ngày 27/7/2011 của Thủ tướng Chính phủ.\n\n"
    "ngày 15/6/2023 của Ban Thường vụ Thị ủy về Kết luận số 14, 15-KL/TW².\n\n"
    "² Quy định số 125-QĐ/TW và Quy định số 138-QĐ/TW của Ban Bí thư."
)


@pytest.mark.parametrize("text", [_WITH_NOTES, *(p.read_text(encoding="utf-8") for p in _SAMPLES)])
def test_a_large_text_is_read_as_a_small_one(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large text reads its shown text through a view, not a copy: the same document."""
    copied = parse_text_laid_out(text)
    monkeypatch.setattr(pipeline, "VIEW_FROM", 0)
    assert parse_text_laid_out(text) == copied


@pytest.mark.parametrize("text", [_WITH_NOTES, *(p.read_text(encoding="utf-8") for p in _SAMPLES)])
def test_the_masked_view_reads_as_the_masked_copy(text: str) -> None:
    normalized = normalize(text)
    split = footnote_step.split(normalized.text, normalized.display)
    spans = (*split.body_masked, (0, 0), (5, 3))  # empty and backward spans are skipped
    copy = footnote_step.apply_mask(normalized.display, spans)
    view = footnote_step.MaskedText(normalized.display, spans)
    assert len(view) == len(copy)
    assert [view[i] for i in range(len(copy))] == list(copy)
    cuts = sorted({0, len(copy), *(x + d for s in spans for x in s for d in (-1, 0, 1))})
    cuts = [c for c in cuts if 0 <= c <= len(copy)]
    for start in cuts:
        for end in cuts:
            assert view[start:end] == copy[start:end]


def test_each_footnote_body_is_read_in_a_window_of_the_notes_copy() -> None:
    normalized = normalize(_WITH_NOTES)
    split = footnote_step.split(normalized.text, normalized.display)
    windows = list(footnote_step.note_windows(split, normalized.display))
    assert [(r.number, r.start, r.end) for r in split.regions] == [
        (1, 80, 140),
        (2, 146, 214),
        (2, 289, 351),
    ]
    for region, note_text, (low, matching, shown) in zip(
        split.regions, split.note_texts, windows, strict=True
    ):
        assert low == max(0, region.start - 256)
        assert matching[region.start - low : region.end - low] == note_text
        assert shown[region.start - low : region.end - low] == normalized.display[
            region.start : region.end
        ]
    # The first window: the running text before it blanked; it reaches into the second body,
    # which it holds as that body reads.
    low, matching, shown = windows[0]
    assert set(shown[: 80 - low]) == {" "}
    assert matching[146 - low : 214 - low] == split.note_texts[1]
    assert matching[140 - low : 146 - low] == "¶¶    "  # the line breaks, the marker "⁽²⁾ "
