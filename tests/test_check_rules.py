"""The rules as the registry lists them: one module each, every module listed, every message
said by some sentence, and nothing taken from the parser."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path
from typing import Any

import pytest

from vanban import build_graph, parse_text
from vanban.checks import rules
from vanban.checks.context import Context
from vanban.checks.findings import SUMMARY_KEYS, Finding, Summary, summary
from vanban.checks.registry import RULE_BY_KEY, RULE_MODULES, RULES, run_checks, select_rules
from vanban.query.view import MemoryView
from vanban.register.book import read_register

from .conftest import ROOT


def test_every_rule_module_is_listed_once_in_the_order_of_the_codes() -> None:
    found = sorted(module.name for module in pkgutil.iter_modules(rules.__path__))
    assert sorted(RULE_MODULES) == found
    assert len(found) == 16
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)
    assert [f"{r.code.lower()}_{r.name.replace('-', '_')}" for r in RULES] == list(RULE_MODULES)
    assert len(RULE_BY_KEY) == 2 * len(RULES)


def test_each_rule_owns_only_messages_of_its_code() -> None:
    for rule in RULES:
        assert rule.messages, rule.code
        assert {key.split(".")[0] for key in rule.messages} == {rule.code}


def test_what_runs_by_default_with_require_resolved_and_a_register_is_said_by_the_rules() -> None:
    assert [r.code for r in RULES if not r.on_by_default] == ["VB110"]
    assert [r.code for r in RULES if r.with_require_resolved] == ["VB110"]
    assert [r.code for r in RULES if r.needs_register] == ["VB113", "VB114"]
    assert select_rules() == {r.code for r in RULES} - {"VB110"}
    assert select_rules(["VB101"], require_resolved=True) == {"VB101", "VB110"}
    assert select_rules(require_resolved=True, ignore=["unresolved-reference"]) == select_rules()


def test_a_rule_that_needs_a_register_is_not_run_without_one() -> None:
    text = "Thực hiện Quyết định số 671-QĐ/TU, ngày 09/02/2022 của Ban Thường vụ Thị ủy."
    view = MemoryView(build_graph([parse_text(text, path="d.txt")]))
    assert run_checks(view, {"VB113", "VB114"}) == []


def test_the_checks_take_nothing_from_the_parser() -> None:
    imported = set()
    for path in sorted((ROOT / "src" / "vanban" / "checks").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    assert "vanban.core.records" in imported
    assert sorted(m for m in imported if m.startswith("vanban.parser")) == []


def test_the_summary_counts_severities_and_files() -> None:
    def finding(severity: str, path: str) -> Finding:
        return Finding("VB101", "undated-reference", severity, "m", path, 1, None, None, None, None)

    found = [finding("warning", "a.txt"), finding("error", "a.txt"), finding("info", "b.txt")]
    counted = summary(found, 3)
    assert counted == Summary(errors=1, warnings=1, info=1, files=3, files_with_findings=2)
    assert counted.to_dict() == {
        "errors": 1,
        "warnings": 1,
        "info": 1,
        "files": 3,
        "files_with_findings": 2,
    }
    assert tuple(counted.to_dict()) == SUMMARY_KEYS


PLAN = "TỈNH ỦY\nSố 66-KH/TU\n\nPhan Thiết, ngày 28 tháng 3 năm 2022\n\nKẾ HOẠCH\nthực hiện\n"
OTHER = "THỊ ỦY\nSố 136-KH/TU\n\nLa Gi, ngày 09 tháng 4 năm 2023\n\nKẾ HOẠCH\nvề việc\n"
ROW_155 = "155-KH/TU,15/6/2023,Kế hoạch thực hiện,Ban Thường vụ Thị ủy"
ROWS_158 = (
    "158-KH/TU,02/3/2022,Kế hoạch năm 2022,Ban Thường vụ Thị ủy",
    "158-KH/TU,21/7/2023,Kế hoạch năm 2023,Ban Thường vụ Thị ủy",
)
ROW_671 = "671-QĐ/TU,09/02/2022,Quy định về công tác,Ban Thường vụ Thị ủy"
REPLACED = "Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ thay thế Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ."
REPEALED = "Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ bãi bỏ Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ."
AMENDED = "Nghị định số 33/2012/NĐ-CP ngày 13/4/2012 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ."
DRAFT_2025 = "Đà Lạt, ngày 12 tháng 3 năm 2025\n\nCÔNG VĂN\n\nCăn cứ Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ quy định về hội;"
FOOTNOTES = "number the footnotes 1, 2, 3 ... each with a body"
DATE_FIX = 'write the date it was issued, "ngày {date}", or the number of the document meant'

# (message keys said, documents (the last one fires), register rows, rule, message, advice);
# {register} is the register's path.
# fmt: off
SAID: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str, str]] = [
    (("VB101", "VB101.plain"), ("Thực hiện Kết luận số 50-KL/TW của Bộ Chính trị.",), (), "VB101",
     "undated reference to Kết luận 50-KL/TW",
     'add the date after the symbol: "Kết luận số 50-KL/TW, ngày dd/mm/yyyy"'),
    (("VB101.suggest",), ("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.", "Tiếp tục thực hiện Kế hoạch số 155-KH/TU."), (), "VB101",
     "undated reference to Kế hoạch 155-KH/TU",
     'it is dated 15/6/2023 in doc0.txt:1: write "Kế hoạch số 155-KH/TU, ngày 15/6/2023"'),
    (("VB101.plain",), ("Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư;",), (), "VB101",
     "undated reference to Nghị định 30/2020/NĐ-CP",
     'add the date after the symbol: "Nghị định số 30/2020/NĐ-CP ngày dd/mm/yyyy"'),
    (("VB101.suggest",), ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;", "Thực hiện Nghị định số 30/2020/NĐ-CP của Chính phủ."), (), "VB101",
     "undated reference to Nghị định 30/2020/NĐ-CP",
     'it is dated 05/3/2020 in doc0.txt:1: write "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020"'),
    (("VB101.later",), ("Theo Kế hoạch số 155-KH/TU.\n\nThực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023.",), (), "VB101",
     "undated reference to Kế hoạch 155-KH/TU",
     'this file dates it at line 3: date this first mention, "Kế hoạch số 155-KH/TU, ngày 15/6/2023", and cite it bare after'),
    (("VB101.register",), ("Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban Thường vụ Thị ủy.",), (ROW_155,), "VB101",
     "undated reference to Kế hoạch 155-KH/TU",
     'the register dates it 15/6/2023 ({register}:2): write "Kế hoạch số 155-KH/TU, ngày 15/6/2023"'),
    (("VB101.registers",), ("Tiếp tục thực hiện Kế hoạch số 158-KH/TU của Ban Thường vụ Thị ủy.",), ROWS_158, "VB101",
     "undated reference to Kế hoạch 158-KH/TU",
     "the register has 2 documents 158-KH/TU: 02/3/2022 ({register}:2), 21/7/2023 ({register}:3); write the date of the one meant"),
    (("VB102.no-issuer-code", "VB102.fix"), ("Thực hiện Kế hoạch số 157-KH, ngày 12/7/2023 của Thị ủy.",), (), "VB102",
     "symbol '157-KH' has no issuer code after the kind code (e.g. \"-KH/TU\")", "complete the number and symbol"),
    (("VB102.no-code-after-slash",), ("theo Kế hoạch số 155-KH/ ngày 15/6/2023 của Thị ủy",), (), "VB102",
     "symbol '155-KH/' ends at the slash: the issuer code is missing", "complete the number and symbol"),
    (("VB102.no-number",), ("theo Kế hoạch số , ngày 15/6/2023 của Thị ủy",), (), "VB102",
     '"Kế hoạch số" has no number and symbol after it', "complete the number and symbol"),
    (("VB102.no-number-before-code",), ("Thực hiện Công văn số /UBND-VX ngày 05/8/2025 của UBND tỉnh.",), (), "VB102",
     '"Công văn số /UBND-VX" has no number before /UBND-VX', "complete the number and symbol"),
    (("VB103", "VB103.fix"), ("Kế hoạch số 157-KH/TU, ngày 31/02/2023 của Thị ủy",), (), "VB103",
     "Kế hoạch 157-KH/TU: 31/02/2023 is not a date", "check the day, month and year"),
    (("VB103.symbol", "VB103.symbol-fix"), ("Căn cứ Nghị định số 45/25010/NĐ-CP ngày 21/5/2010 của Chính phủ;",), (), "VB103",
     "45/25010/NĐ-CP: 25010 in the symbol is not a year", "check the year between the slashes of the number and symbol"),
    (("VB104", "VB104.fix"), ("Thực hiện Kế hoạch số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy.",), (), "VB104",
     'kind word "Kế hoạch" contradicts kind code Ctr in 65-Ctr/TU (code Ctr is Chương trình / Chương trình hành động / Chương trình phối hợp)',
     "check the kind word or the symbol"),
    (("VB105", "VB105.fix"), ("La Gi, ngày 08 tháng 12 năm 2023\n\nKẾT LUẬN\n\ntheo Kế hoạch số 190-KH/TU, ngày 20/12/2023 của Thị ủy.",), (), "VB105",
     "Kế hoạch 190-KH/TU is dated 2023-12-20, after this document (2023-12-08)", "check the date"),
    (("VB105.year",), ("Đà Lạt, ngày 12 tháng 3 năm 2025\n\nCÔNG VĂN\n\nCăn cứ Nghị định số 15/2026/NĐ-CP của Chính phủ.",), (), "VB105",
     "15/2026/NĐ-CP carries the year 2026, after this document (2025-03-12)", "check the date"),
    (("VB105.future",), ("Thực hiện Kế hoạch số 12-KH/TU, ngày 05/4/2090 của Tỉnh ủy.",), (), "VB105",
     "Kế hoạch 12-KH/TU is dated 2090-04-05, a date still to come", "check the date"),
    (("VB106", "VB106.fix"), ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2021 của Chính phủ;",), (), "VB106",
     "30/2020/NĐ-CP carries the year 2020 but is dated 2021-03-05", "check the year in the symbol or the date"),
    (("VB107.dates", "VB107.fix"), ("Quyết định số 2862/QĐ-UBND ngày 5/3/2018 và Quyết định số 2862/QĐ-UBND ngày 9/3/2018",), (), "VB107",
     "2862/QĐ-UBND is cited with the dates 2018-03-05, 2018-03-09", "use one date and kind for one document"),
    (("VB107.kinds", "VB107.fix"), ("Kế hoạch số 15-KH/TU, ngày 05/3/2023 của Thị ủy; Quy chế số 15-KH/TU, ngày 05/3/2023 của Thị ủy",), (), "VB107",
     "15-KH/TU of 2023-03-05 is cited as Kế hoạch / Quy chế", "use one date and kind for one document"),
    (("VB108.no-body", "VB108.fix"), ("theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽²⁾.\n\n⁽¹⁾ Kế hoạch số 80-KH/TU, ngày 04/5/2022 của Tỉnh ủy.",), (), "VB108",
     "footnote 2 has a marker but no body", FOOTNOTES),
    (("VB108.no-marker",), ("theo chỉ đạo của tỉnh⁽¹⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽²⁾ Văn bản khác.",), (), "VB108",
     "footnote 2 has a body but no marker", FOOTNOTES),
    (("VB108.skipped",), ("theo tỉnh⁽¹⁾ và Thị ủy⁽³⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽³⁾ Khác.",), (), "VB108",
     "footnote 2 is skipped", FOOTNOTES),
    (("VB108.twice",), ("theo tỉnh⁽¹⁾ và Thị ủy⁽¹⁾.\n\n⁽¹⁾ Văn bản.\n\n⁽¹⁾ Khác.",), (), "VB108",
     "footnote number 1 is used twice", FOOTNOTES),
    (("VB109.issuer", "VB109.fix"), (PLAN, "Thực hiện Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Thị ủy."), (), "VB109",
     "Kế hoạch 66-KH/TU is attributed to the Thị ủy here, but doc0.txt is of the Tỉnh ủy", "match the document in the archive"),
    (("VB110", "VB110.fix"), (PLAN, OTHER, "Thực hiện Kế hoạch số 140-KH/TU, ngày 01/5/2023 của Ban Thường vụ Thị ủy."), (), "VB110",
     "Kế hoạch 140-KH/TU is not among the 1 documents of TU (Thị ủy) in the archive",
     "add the document to the archive or correct the reference"),
    (("VB111", "VB111.fix"), ("Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023.",), (), "VB111",
     "158-KH/TU: TU is the code of both Tỉnh ủy and Thị ủy, and no issuer phrase says which",
     'add the issuer: "của Ban Thường vụ Tỉnh ủy" or "của Ban Thường vụ Thị ủy"'),
    (("VB112.register", "VB112.fix"), ("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/7/2023 của Ban Thường vụ Thị ủy.",), (ROW_155,), "VB112",
     "Kế hoạch 155-KH/TU is dated 15/7/2023 here, but the register dates it 15/6/2023 ({register}:2)",
     DATE_FIX.format(date="15/6/2023")),
    (("VB112.read", "VB112.fix"), (PLAN, "Thực hiện Kế hoạch số 66-KH/TU, ngày 28/4/2022 của Ban Thường vụ Tỉnh ủy."), (), "VB112",
     "Kế hoạch 66-KH/TU is dated 28/4/2022 here, but the document itself (doc0.txt) is dated 28/3/2022",
     DATE_FIX.format(date="28/3/2022")),
    (("VB113", "VB113.candidate", "VB113.fix"), ("Thực hiện Kế hoạch số 515-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.",), (ROW_155,), "VB113",
     "515-KH/TU is not in the register; did you mean 155-KH/TU (15/6/2023, {register}:2)?",
     "check the number against the register"),
    (("VB114", "VB114.fix"), ("Thực hiện Quyết định số 671-QĐ/TU, ngày 09/02/2022 của Ban Thường vụ Thị ủy.",), (ROW_671,), "VB114",
     "671-QĐ/TU is cited as a Quyết định, but the register lists it as a Quy định ({register}:2)",
     'write "Quy định số 671-QĐ/TU"'),
    (("VB115.replaces", "VB115.replaces-fix"), (REPLACED, DRAFT_2025), (), "VB115",
     "Nghị định 45/2010/NĐ-CP was replaced by Nghị định 126/2024/NĐ-CP of 08/10/2024 (doc0.txt:1)",
     'cite the document in force: "Nghị định số 126/2024/NĐ-CP ngày 08/10/2024"'),
    (("VB115.repeals", "VB115.repeals-fix"), (REPEALED, DRAFT_2025), (), "VB115",
     "Nghị định 45/2010/NĐ-CP was repealed by Nghị định 126/2024/NĐ-CP of 08/10/2024 (doc0.txt:1)",
     "remove the reference, or cite what applies now"),
    (("VB115.amends", "VB115.amends-fix"), (AMENDED, DRAFT_2025), (), "VB115",
     "Nghị định 45/2010/NĐ-CP was amended by Nghị định 33/2012/NĐ-CP of 13/4/2012 (doc0.txt:1)",
     'cite the amendment too: "được sửa đổi, bổ sung bởi Nghị định số 33/2012/NĐ-CP ngày 13/4/2012"'),
    (("VB116", "VB116.fix"), ("Thực hiện Hướng dẫn số 12- HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức Trung ương.",), (), "VB116",
     "'12- HD/BTCTW' is written with spaces or a long dash", "write it together: 12-HD/BTCTW"),
]
# fmt: on


def test_every_message_of_every_rule_is_said_below() -> None:
    keys = {key for said, *_ in SAID for key in said}
    assert keys == {key for rule in RULES for key in rule.messages}
    assert len(keys) == 53


@pytest.mark.parametrize(
    ("said", "documents", "rows", "code", "message", "advice"),
    SAID,
    ids=[case[0][0] for case in SAID],
)
def test_a_sentence_says_the_message(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    said: tuple[str, ...],
    documents: tuple[str, ...],
    rows: tuple[str, ...],
    code: str,
    message: str,
    advice: str,
) -> None:
    keys: list[str] = []
    say = Context.say

    def recording(context: Context, key: str, **values: Any) -> str:
        keys.append(key)
        return say(context, key, **values)

    monkeypatch.setattr(Context, "say", recording)
    parsed = [parse_text(text, path=f"doc{index}.txt") for index, text in enumerate(documents)]
    view = MemoryView(build_graph(parsed))
    register = tmp_path / "so.csv"
    if rows:
        header = '"Số, ký hiệu",Ngày ban hành,Trích yếu nội dung,Cơ quan ban hành\n'
        register.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
        view.register = read_register(register)
    found = [(f.code, f.message, f.suggestion) for f in run_checks(view, {code})]
    assert found == [(code, message.format(register=register), advice.format(register=register))]
    assert set(said) <= set(keys)
