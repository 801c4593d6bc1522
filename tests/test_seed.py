"""The seed document: a conclusion of the La Gi town Party committee (08/12/2023)."""

from __future__ import annotations

import pytest

from vanban import build_graph, parse_file

from .conftest import SEED

# (line, symbol, date, kind, footnote) for every numbered reference, in reading order.
# fmt: off
EXPECTED = [
    (8, "67-TTr/TU", "2023-12-05", "Tờ trình", None),
    (12, "08-NQ/TU", "2022-12-12", "Nghị quyết", None),
    (56, "879-KL/TU", "2023-06-30", "Kết luận", None),
    (70, "43-KH/TU", "2021-10-11", "Kế hoạch", None),
    (70, "01-KL/TW", "2021-05-18", "Kết luận", None),
    (72, "35-NQ/TW", "2018-10-22", "Nghị quyết", None),
    (74, "99-KH/TU", "2022-10-19", "Kế hoạch", None),
    (78, "75-KH/TU", "2022-04-29", "Kế hoạch", None),
    (78, "66-KH/TU", "2022-03-28", "Kế hoạch", None),
    (78, "21-KL/TW", "2021-10-25", "Kết luận", None),
    (80, "80-KH/TU", "2022-05-04", "Kế hoạch", 1),
    (80, "1065-CV/BTGTU", "2021-09-26", "Công văn", 1),
    (82, "158-KH/TU", "2023-07-21", "Kế hoạch", None),
    (82, "66-KL/TW", "2019-11-08", "Kết luận", None),
    (82, "185-QĐ/TW", None, "Quy định", None),
    (82, "1391-CV/TU", "2023-07-06", "Công văn", None),
    (82, "48-KL/TW", "2023-01-30", "Kết luận", None),
    (84, "136-KH/TU", "2023-04-09", "Kế hoạch", None),
    (84, "117-KH/TU", "2022-12-14", "Kế hoạch", None),
    (84, "21-NQ/TW", None, "Nghị quyết", None),
    (84, "157-KH/TU", "2023-07-12", "Kế hoạch", None),
    (84, "58-CTr/TU", "2023-03-30", "Chương trình hành động", None),
    (84, "28-NQ/TW", None, "Nghị quyết", None),
    # Split by the bodies of footnotes 2 and 3; the date is on line 94 and still its own.
    (88, "155-KH/TU", "2023-06-15", "Kế hoạch", None),
    (90, "153-KH/TU", "2023-05-05", "Kế hoạch", 2),
    (90, "50-KL/TW", None, "Kết luận", 2),
    (90, "18-NQ/TW", None, "Nghị quyết", 2),
    (92, "125-QĐ/TW", "2023-10-10", "Quy định", 3),
    (92, "138-QĐ/TW", "2023-12-01", "Quy định", 3),
    (94, "34-KL/TW", "2022-04-18", "Kết luận", None),
    (98, "35-CT/TU", "2023-10-25", "Chỉ thị", None),
    (98, "183-KH/TU", "2023-12-06", "Kế hoạch", None),
    (102, "05-QC/TU", "2022-04-08", "Quy chế", None),
    (106, "32-CT/TU", "2023-06-05", "Chỉ thị", None),
    (108, "359-CV/TU", "2021-07-20", "Công văn", None),
    (108, "217-QĐ/TW", "2013-12-12", "Quyết định", None),
    (108, "18-CT/TW", "2022-10-26", "Chỉ thị", None),
    (108, "218-QĐ/TW", "2013-12-12", "Quyết định", None),
    (108, "124-QĐ/TW", "2018-02-02", "Quyết định", None),
    (108, "99-QĐ/TW", "2017-10-03", "Quyết định", None),
    (116, "671-QĐ/TU", "2022-02-09", "Quy định", None),
]
# fmt: on


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    return parse_file(SEED)


def test_every_numbered_reference(seed) -> None:  # type: ignore[no-untyped-def]
    got = [(r.line, r.symbol.canonical, r.date, r.kind, r.footnote) for r in seed.references]
    assert got == EXPECTED
    assert len([r for r in seed.references if r.footnote is None]) == 34
    assert len([r for r in seed.references if r.footnote is not None]) == 7


def test_undated_references(seed) -> None:  # type: ignore[no-untyped-def]
    undated = [r.symbol.canonical for r in seed.references if r.date is None]
    assert undated == ["185-QĐ/TW", "21-NQ/TW", "28-NQ/TW", "50-KL/TW", "18-NQ/TW"]


def test_split_reference_keeps_its_date_and_issuer(seed) -> None:  # type: ignore[no-untyped-def]
    reference = next(r for r in seed.references if r.symbol.canonical == "155-KH/TU")
    assert reference.text == "Kế hoạch số 155-KH/TU, ngày 15/6/2023"
    assert reference.issuer == "Ban Thường vụ Thị ủy"
    assert reference.section == "II › 3 › 3.3"


def test_footnotes(seed) -> None:  # type: ignore[no-untyped-def]
    got = [(f.number, f.marker, f.line, f.body_line, f.text[:40]) for f in seed.footnotes]
    assert got == [
        (1, "⁽¹⁾", 74, 80, "Kế hoạch số 80-KH/TU, ngày 04/5/2022 của"),
        (2, "⁽²⁾", 82, 90, "Thực hiện Kế hoạch số 153-KH/TU, ngày 05"),
        (3, "⁽³⁾", 84, 92, "Quy định số 125-QĐ/TW, ngày 10/10/2023 v"),
    ]


def test_identity(seed) -> None:  # type: ignore[no-untyped-def]
    identity = seed.identity
    assert (identity.kind, identity.symbol, identity.date, identity.term) == (
        "Kết luận",
        None,
        "2023-12-08",
        "XI",
    )
    assert identity.issuer == "BAN CHẤP HÀNH ĐẢNG BỘ THỊ XÃ"
    assert identity.title == (
        "đánh giá tình hình công tác xây dựng Đảng, công tác dân vận năm 2023, "
        "nhiệm vụ trọng tâm năm 2024"
    )


def test_short_references(seed) -> None:  # type: ignore[no-untyped-def]
    assert [(s.line, s.text) for s in seed.short_references] == [
        (56, "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XI, nhiệm kỳ 2020 – 2025"),
        (70, "Nghị quyết Trung ương 8, 9, 10 (khóa XIII)"),
    ]


def test_implementation_chains(seed) -> None:  # type: ignore[no-untyped-def]
    graph = build_graph([seed])
    relations = sorted(
        (e.source, e.relation, e.target) for e in graph.edges if e.relation != "cites"
    )
    assert relations == [
        ("117-KH/TU", "implements", "21-NQ/TW"),
        ("136-KH/TU", "implements", "117-KH/TU"),
        ("1391-CV/TU", "implements", "48-KL/TW"),
        ("153-KH/TU", "implements", "50-KL/TW"),
        ("155-KH/TU", "implements", "34-KL/TW"),
        ("157-KH/TU", "implements", "58-CTr/TU"),
        ("158-KH/TU", "implements", "153-KH/TU"),
        ("43-KH/TU", "implements", "01-KL/TW"),
        ("50-KL/TW", "implements", "18-NQ/TW"),
        ("58-CTr/TU", "implements", "28-NQ/TW"),
        ("66-KH/TU", "implements", "21-KL/TW"),
        ("66-KL/TW", "reviews", "185-QĐ/TW"),
        ("75-KH/TU", "implements", "66-KH/TU"),
    ]


def test_graph_nodes(seed) -> None:  # type: ignore[no-untyped-def]
    graph = build_graph([seed])
    documents = graph.documents
    # 41 references name 41 distinct documents, plus the conclusion itself.
    assert len(documents) == 42
    assert documents["ket-luan-2023-12-08-cf7ae8fd"].in_corpus is True
    levels = {key: node.level for key, node in documents.items() if node.issuer_code == "TU"}
    provincial = sorted(k for k, v in levels.items() if v == "Tỉnh ủy")
    assert provincial == ["117-KH/TU", "153-KH/TU", "58-CTr/TU", "66-KH/TU", "80-KH/TU"]
    assert all(v == "Thị ủy" for k, v in levels.items() if k not in provincial)
    cites = [e for e in graph.edges if e.relation == "cites"]
    assert len(cites) == 41
    assert {e.source for e in cites} == {"ket-luan-2023-12-08-cf7ae8fd"}
