"""Property tests: the parser never raises, and references built from random fields read back."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban import build_graph, parse_text
from vanban.parser.normalize import normalize_text
from vanban.storage.files import write_atomic
from vanban.storage.graph_file import dump_yaml
from vanban.storage.yaml_writer import scalar

VIETNAMESE = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "Z", "S"), exclude_characters="\x00"
)
PIECES = st.sampled_from(
    [
        "số ",
        "Số: ",
        "1-KH/",
        "/",
        "-",
        "155-KH/TU",
        "30/2020/NĐ-CP",
        "ngày ",
        "15/6/2023",
        "của ",
        "Ban Thường vụ Thị ủy",
        "⁽¹⁾",
        "[2]",
        "\n\n",
        "\n",
        " ",
        "về thực hiện ",
        "Kế hoạch ",
        "Nghị quyết ",
        "khóa XIII",
        "(",
        ")",
        "“",
        "”",
        ",",
        ";",
        ".",
        "²",
        "m²",
        "|",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VIETNAMESE, max_size=400))
def test_parse_text_never_raises_on_any_text(text: str) -> None:
    doc = parse_text(text)
    build_graph([doc])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_parse_text_never_raises_on_reference_like_text(text: str) -> None:
    doc = parse_text(text)
    dump_yaml(build_graph([doc]).to_dict())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VIETNAMESE, max_size=200))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


KINDS = st.sampled_from(
    [
        ("Kế hoạch", "KH"),
        ("Kết luận", "KL"),
        ("Nghị quyết", "NQ"),
        ("Chỉ thị", "CT"),
        ("Quy định", "QĐ"),
        ("Công văn", "CV"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    kind=KINDS,
    number=st.integers(min_value=1, max_value=9999),
    issuer=st.sampled_from(["TW", "TU", "HU", "ĐU", "BTGTU"]),
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)),
    date_form=st.sampled_from(
        ["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d} tháng {m} năm {y}"]
    ),
    comma=st.sampled_from([",", ""]),
)
def test_party_reference_round_trip(
    kind: tuple[str, str], number: int, issuer: str, day: datetime.date, date_form: str, comma: str
) -> None:
    date_text = date_form.format(d=day.day, m=day.month, y=day.year)
    text = (
        f"Thực hiện {kind[0]} số {number}-{kind[1]}/{issuer}{comma} ngày {date_text} của Tỉnh ủy."
    )
    [reference] = parse_text(text).references
    assert reference.symbol.canonical == f"{number}-{kind[1]}/{issuer}"
    assert reference.kind == kind[0]
    assert reference.date == day.isoformat()
    assert reference.issuer == "Tỉnh ủy"


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=99999),
    year=st.integers(min_value=1990, max_value=2030),
    code=st.sampled_from(["NĐ-CP", "QĐ-TTg", "TT-BTC", "QĐ-UBND", "NQ-HĐND"]),
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)),
)
def test_state_reference_round_trip(number: int, year: int, code: str, day: datetime.date) -> None:
    text = f"Căn cứ Nghị định số {number}/{year}/{code} ngày {day.day}/{day.month}/{day.year} của Chính phủ;"
    [reference] = parse_text(text).references
    assert reference.symbol.canonical == f"{number}/{year}/{code}"
    assert reference.symbol.year == year
    assert reference.date == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_graph_dumped_and_loaded_is_equal(text: str) -> None:
    import yaml

    from vanban.core.records import CitationGraph
    from vanban.graph.restore import document_from_source

    data = build_graph([parse_text(text, path="doc.txt")]).to_dict()
    loaded = CitationGraph.from_dict(yaml.safe_load(dump_yaml(data)))
    assert loaded.to_dict() == data
    rebuilt = build_graph([document_from_source(s, "doc.txt") for s in loaded.sources])
    assert rebuilt.to_dict() == data


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(max_size=30),
    st.sampled_from(
        [
            "yes",
            "No",
            "null",
            "~",
            "2023-06-15",
            "155-KH/TU",
            "a: b",
            "x #y",
            " lead",
            "trail ",
            "",
            "0x1A",
            "1e5",
            "\u2028",
            "Kế hoạch",
            "-",
            "- a",
            "? q",
            "@",
            "`",
        ]
    ),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=12), DATA, min_size=1, max_size=5))
def test_yaml_writer_reads_back_with_the_safe_loader(data: dict[str, object]) -> None:
    import yaml

    assert yaml.safe_load(dump_yaml(data)) == data


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Kế hoạch số 155-KH/TU", "Kế hoạch số 155-KH/TU"),
        ("155-KH/TU", '"155-KH/TU"'),
        ("Thị ủy: ", '"Thị ủy: "'),
        ("Thị ủy", "Thị ủy"),
        ("2023-06-15", '"2023-06-15"'),
        ('trích "Kết luận"', '"trích \\"Kết luận\\""'),
        ("a\\b", '"a\\\\b"'),
        ("dòng\nhai", '"dòng\\nhai"'),
        ("\u2028", '"\\u2028"'),
        ("yes", '"yes"'),
    ],
)
def test_yaml_scalars_are_quoted_only_when_needed(value: str, written: str) -> None:
    for _ in range(2):  # the second time from the writer's memory of short text
        assert scalar(value) == written


def test_a_file_written_piece_by_piece_is_hashed_as_written(tmp_path: Path) -> None:
    target = tmp_path / "graph.yaml"

    def pieces(write: Callable[[str], object]) -> None:
        for index in range(300_000):
            write(f"- Kế hoạch số {index}-KH/TU\n")

    digest = write_atomic(target, pieces)
    raw = target.read_bytes()
    assert raw.startswith("- Kế hoạch số 0-KH/TU\n".encode())
    assert raw.count(b"\n") == 300_000
    assert digest == hashlib.sha256(raw).hexdigest()
    assert list(tmp_path.iterdir()) == [target]
