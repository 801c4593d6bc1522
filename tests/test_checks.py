"""Each rule fires on a real-looking sentence and stays silent on its near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban import build_graph, parse_text
from vanban.checks.findings import Finding
from vanban.checks.registry import RULE_BY_KEY, rules_markdown, run_checks, select_rules
from vanban.query.view import MemoryView

from .conftest import SEED


def check(*texts: str, rules: set[str] | None = None, language: str = "en") -> list[Finding]:
    documents = [parse_text(text, path=f"doc{index}.txt") for index, text in enumerate(texts)]
    view = MemoryView(build_graph(documents))
    return run_checks(view, rules, language)


def codes(*texts: str, rules: set[str] | None = None) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.line, f.symbol) for f in check(*texts, rules=rules)]


# fmt: off
FIRES = [
    ("VB101", "Thực hiện Kết luận số 50-KL/TW của Bộ Chính trị.", [("VB101", 1, "50-KL/TW")]),
    ("VB102", "Thực hiện Kế hoạch số 157-KH, ngày 12/7/2023 của Thị ủy.", [("VB102", 1, "157-KH")]),
    ("VB102", "theo Kế hoạch số 155-KH/ ngày 15/6/2023 của Thị ủy", [("VB102", 1, "155-KH/")]),
    ("VB102", "theo Kế hoạch số , ngày 15/6/2023 của Thị ủy", [("VB102", 1, None)]),
    # The codes written, the number left blank.
    ("VB102", "Thực hiện Công văn số /UBND-VX ngày 05/8/2025 của UBND tỉnh về việc rà soát.",
     [("VB102", 1, "/UBND-VX")]),
    ("VB102", "Triển khai Kế hoạch số -KH/TU của Ban Thường vụ Tỉnh ủy.", [("VB102", 1, "-KH/TU")]),
    ("VB102", "theo Quyết định số …/QĐ-UBND ngày 12/3/2025 của UBND tỉnh", [("VB102", 1, "…/QĐ-UBND")]),
    ("VB103", "Kế hoạch số 157-KH/TU, ngày 31/02/2023 của Thị ủy", [("VB103", 1, "157-KH/TU")]),
    ("VB103", "Kế hoạch số 157-KH/TU, ngày 12/13/2023 của Thị ủy", [("VB103", 1, "157-KH/TU")]),
    ("VB103", "Kế hoạch số 157-KH/TU, ngày 12/3/0202 của Thị ủy", [("VB103", 1, "157-KH/TU")]),
    ("VB104", "Kế hoạch số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy", [("VB104", 1, "65-Ctr/TU")]),
    ("VB104", "Quy định số 5/QĐ-UBND ngày 12/3/2022 của UBND tỉnh", [("VB104", 1, "5/QĐ-UBND")]),
    ("VB104", "Công văn số 12/KH-UBND ngày 12/3/2022 của UBND tỉnh", [("VB104", 1, "12/KH-UBND")]),
    ("VB105", "La Gi, ngày 08 tháng 12 năm 2023\n\nKẾT LUẬN\n\ntheo Kế hoạch số 190-KH/TU, ngày 20/12/2023 của Thị ủy.",
     [("VB105", 5, "190-KH/TU")]),
    ("VB106", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2021 của Chính phủ;", [("VB106", 1, "30/2020/NĐ-CP")]),
    ("VB107", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020; Nghị định số 30/2020/NĐ-CP ngày 05/4/2020;",
     [("VB107", 1, "30/2020/NĐ-CP")]),
    ("VB107", "Quyết định số 2862/QĐ-UBND ngày 5/3/2018 và Quyết định số 2862/QĐ-UBND ngày 9/3/2018",
     [("VB107", 1, "2862/QĐ-UBND")]),
    ("VB107", "Kế hoạch số 15-KH/TU, ngày 05/3/2023 của Thị ủy; Quy chế số 15-KH/TU, ngày 05/3/2023 của Thị ủy",
     [("VB107", 1, "15-KH/TU"), ("VB104", 1, "15-KH/TU")]),
    ("VB108", "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽²⁾.\n\n⁽¹⁾ Kế hoạch số 80-KH/TU, ngày 04/5/2022 của Tỉnh ủy.",
     [("VB108", 1, None)]),
    ("VB108", "theo chỉ đạo của tỉnh⁽¹⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽²⁾ Văn bản khác.", [("VB108", 5, None)]),
    ("VB108", "theo tỉnh⁽¹⁾ và Thị ủy⁽³⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽³⁾ Khác.", [("VB108", 1, None)]),
    ("VB107", "Kế hoạch số 15-KH/TU, ngày 05/3/2023 của Thị ủy; Kế hoạch số 15-KH/TU, ngày 05/6/2023 của Thị ủy",
     [("VB107", 1, "15-KH/TU")]),
    ("VB111", "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023.", [("VB111", 1, "158-KH/TU")]),
]
SILENT = [
    ("VB101", "Thực hiện Kết luận số 50-KL/TW, ngày 01/6/2019 của Bộ Chính trị."),
    ("VB102", "Thực hiện Kế hoạch số 157-KH/TU, ngày 12/7/2023; kế hoạch số lượng lớn; Chỉ thị số 35 ngày 30/5/2019"),
    ("VB103", "Kế hoạch số 157-KH/TU, ngày 29/02/2024 của Thị ủy"),
    ("VB104", "Quy định số 125-QĐ/TW, ngày 10/10/2023; Quyết định số 124-QĐ/TW, ngày 02/02/2018; Công văn số 4216/UBND-NC ngày 02/12/2021; Quy định số 08-QĐi/TW ngày 25/10/2018"),
    ("VB105", "La Gi, ngày 08 tháng 12 năm 2023\n\nKẾT LUẬN\n\ntheo Kế hoạch số 183-KH/TU, ngày 06/12/2023 của Thị ủy."),
    ("VB106", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ; Quyết định số 2862/QĐ-UBND ngày 5/3/2018"),
    # Administrative numbers restart each year; Party numbers each term; QĐ is two kinds.
    ("VB107", "Chỉ thị số 02/CT-TTg ngày 04/7/2018 và Chỉ thị số 02/CT-TTg ngày 15/11/2019"),
    ("VB107", "Nghị quyết số 15-NQ/TW, ngày 30/7/2007; Nghị quyết số 15-NQ/TW, ngày 10/6/2012"),
    ("VB107", "Quyết định số 124-QĐ/TW, ngày 02/02/2018; Quy định số 124-QĐ/TW, ngày 04/10/2023"),
    ("VB107", "Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Tỉnh ủy; Kế hoạch số 66-KH/TU, ngày 10/5/2022 của Thị ủy"),
    ("VB108", "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽²⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽²⁾ Văn bản khác."),
    # A term boundary (the 2020 congresses) can fall between two dates under a year apart.
    ("VB107", "Nghị quyết số 01-NQ/TU, ngày 15/3/2020 của Tỉnh ủy; Nghị quyết số 01-NQ/TU, ngày 20/01/2021 của Tỉnh ủy"),
    ("VB111", "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy."),
    # The issuer is the subject of "ban hành" before the reference.
    ("VB111", "Ban Thường vụ Thị ủy ban hành Kế hoạch số 155-KH/TU, ngày 15/6/2023 về công tác kiểm tra."),
    ("VB111", "Năm 2023, Thị ủy đã ban hành Kế hoạch số 155-KH/TU để triển khai."),
]
# fmt: on


@pytest.mark.parametrize(
    ("code", "text", "expected"), FIRES, ids=[f"{f[0]}-{i}" for i, f in enumerate(FIRES)]
)
def test_rule_fires(code: str, text: str, expected: list[tuple[str, int, str | None]]) -> None:
    rules = {code, "VB104"} if code == "VB107" else {code}
    assert codes(text, rules=rules) == expected


@pytest.mark.parametrize(
    ("code", "text"), SILENT, ids=[f"{s[0]}-{i}" for i, s in enumerate(SILENT)]
)
def test_rule_is_silent(code: str, text: str) -> None:
    assert codes(text, rules={code}) == []


def test_seed_has_exactly_its_five_undated_references() -> None:
    view = MemoryView(build_graph([parse_text(SEED.read_text(encoding="utf-8"), path="seed")]))
    findings = run_checks(view)
    assert [(f.code, f.severity, f.line, f.symbol, f.footnote) for f in findings] == [
        ("VB101", "warning", 82, "185-QĐ/TW", None),
        ("VB101", "warning", 84, "21-NQ/TW", None),
        ("VB101", "warning", 84, "28-NQ/TW", None),
        ("VB101", "warning", 90, "50-KL/TW", 2),
        ("VB101", "warning", 90, "18-NQ/TW", 2),
    ]


def test_undated_suggestion_gives_the_date_found_elsewhere() -> None:
    [finding] = check(
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.",
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU.",
    )
    assert finding.to_dict() == {
        "code": "VB101",
        "rule": "undated-reference",
        "severity": "warning",
        "message": "undated reference to Kế hoạch 155-KH/TU",
        "path": "doc1.txt",
        "line": 1,
        "column": 20,
        "end_line": 1,
        "end_column": 41,
        "symbol": "155-KH/TU",
        "footnote": None,
        "suggestion": 'it is dated 15/6/2023 in doc0.txt:1: write "Kế hoạch số 155-KH/TU, ngày 15/6/2023"',
        "text": "Kế hoạch số 155-KH/TU",
        "where": None,
        "fix": "Kế hoạch số 155-KH/TU, ngày 15/6/2023",
        "safe_fix": True,
    }


# fmt: off
UNDATED_ONCE = [
    # Dated at its first mention, cited bare after: the drafting convention, no warning.
    ("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.\n\nTiếp tục thực hiện Kế hoạch số 155-KH/TU.", []),
    # Three bare mentions: one warning, at the first.
    ("Theo Kế hoạch số 155-KH/TU.\n\nKế hoạch số 155-KH/TU và Kế hoạch số 155-KH/TU.", [(1, 6, "plain")]),
    # Bare first, dated later: one warning at the first, saying where the date is.
    ("Theo Kế hoạch số 155-KH/TU.\n\nThực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023.", [(1, 6, "later")]),
    # A công văn's "V/v" subject names it in brief; the body dates it: no warning.
    ("Số: 2150/UBND-VX\nV/v triển khai thực hiện Kế hoạch số 103/KH-UBND của UBND tỉnh\n\nKính gửi: các phòng.\n\n"
     "Thực hiện Kế hoạch số 103/KH-UBND, ngày 18/6/2024 của UBND tỉnh, UBND thị xã đề nghị:", []),
    # ... and when the body does not date it either, the warning is at the body's mention.
    ("| Số: 2150/UBND-VX V/v triển khai thực hiện Kế hoạch số 103/KH-UBND | La Gi, ngày 15 tháng 8 năm 2024 |\n\n"
     "Thực hiện Kế hoạch số 103/KH-UBND của UBND tỉnh, UBND thị xã đề nghị:", [(3, 11, "plain")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), UNDATED_ONCE)
def test_undated_once_per_document_per_file(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    found = [
        (
            f.line,
            f.column,
            "later" if f.suggestion and "this file dates it" in f.suggestion else "plain",
        )
        for f in check(text)
        if f.code == "VB101"
    ]
    assert found == expected
    if expected and expected[0][2] == "later":
        [finding] = [f for f in check(text) if f.code == "VB101"]
        assert finding.suggestion == (
            'this file dates it at line 3: date this first mention, "Kế hoạch số 155-KH/TU, '
            'ngày 15/6/2023", and cite it bare after'
        )


def test_messages_in_vietnamese() -> None:
    [finding] = check("Thực hiện Kết luận số 50-KL/TW của Bộ Chính trị.", language="vi")
    assert finding.message == "tham chiếu Kết luận 50-KL/TW chưa ghi ngày ban hành"


def test_corpus_mismatch_and_require_resolved() -> None:
    plan = "TỈNH ỦY\nSố 66-KH/TU\n\nPhan Thiết, ngày 28 tháng 3 năm 2022\n\nKẾ HOẠCH\nthực hiện\n"
    other = "THỊ ỦY\nSố 136-KH/TU\n\nLa Gi, ngày 09 tháng 4 năm 2023\n\nKẾ HOẠCH\nvề việc\n"
    citing = (
        "Thực hiện Kế hoạch số 66-KH/TU, ngày 28/4/2022 của Ban Thường vụ Tỉnh ủy và Kế hoạch số"
        " 140-KH/TU, ngày 01/5/2023 của Ban Thường vụ Thị ủy."
    )
    assert codes(plan, other, citing, rules={"VB109"}) == []
    resolved = codes(plan, other, citing, rules=select_rules(["VB110"]))
    assert resolved == [("VB110", 1, "140-KH/TU")]
    [mismatch] = check(plan, other, citing, rules={"VB112"})
    assert mismatch.message == (
        "Kế hoạch 66-KH/TU is dated 28/4/2022 here, but the document itself (doc0.txt) is "
        "dated 28/3/2022"
    )
    assert mismatch.severity == "error"
    assert mismatch.suggestion == (
        'write the date it was issued, "ngày 28/3/2022", or the number of the document meant'
    )
    committee = "Thực hiện Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Thị ủy."
    [other_committee] = check(plan, committee, rules={"VB109", "VB112"})
    assert (other_committee.code, other_committee.message) == (
        "VB109",
        "Kế hoạch 66-KH/TU is attributed to the Thị ủy here, but doc0.txt is of the Tỉnh ủy",
    )
    reused = "Thực hiện Kế hoạch số 66-KH/TU, ngày 12/9/2024 của Ban Thường vụ Tỉnh ủy."
    assert codes(plan, reused, rules={"VB109", "VB112"}) == []  # another term: a reused number


def test_select_and_ignore_by_name_or_code() -> None:
    assert select_rules(["undated-reference", "VB102"]) == {"VB101", "VB102"}
    assert "VB101" not in select_rules(ignore=["undated-reference"])
    assert "VB110" not in select_rules()
    assert "VB110" in select_rules(require_resolved=True)
    with pytest.raises(KeyError):
        select_rules(["no-such-rule"])


def test_finding_paths_are_the_files(tmp_path: Path) -> None:
    assert all(f.path == "doc0.txt" for f in check("Kết luận số 50-KL/TW và Kết luận số 51-KL/TW."))


def test_rule_docs_are_complete_and_in_docs_checks_md() -> None:
    from .conftest import ROOT

    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- rules:")) + 4
    assert text[start : text.index("<!-- end rules -->")] == rules_markdown()


@pytest.mark.parametrize("code", ["VB101", "VB104", "VB107", "VB111"])
def test_each_rule_doc_example_fires_and_its_fix_does_not(code: str) -> None:
    doc = RULE_BY_KEY[code].doc
    rules = {code, "VB104"} if code == "VB107" else {code}
    assert [f.code for f in check(doc.fires, rules=rules) if f.code == code] == [code]
    assert [f.code for f in check(doc.fixed, rules=rules) if f.code == code] == []
