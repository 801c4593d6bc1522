"""One canonical body for each document, whatever the spelling: the node's ``body``, ``list
--issuer``, ``stats``, the exports and the site's issuer filter group by it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from vanban.cli import app
from vanban.core.bodies import (
    body_level,
    canonical_body,
    document_body,
    issuer_query,
    named_in_short,
    placed,
    placed_by_citing,
    places_named,
    stated_in_full,
    too_vague,
)
from vanban.graph.build import build_graph
from vanban.parser.pipeline import parse_text

# Three letters of one reorganisation, each naming the bodies another way: "BỘ NỘI VỤ" and
# "Bộ Nội vụ", "BTV Tỉnh uỷ" and "Ban Thường vụ Tỉnh ủy", "UBND tỉnh Lâm Đồng" and "Ủy ban
# nhân dân tỉnh Lâm Đồng".
LETTERS = {
    "bo-noi-vu.txt": """\
BỘ NỘI VỤ
Số: 1911/BNV-TCPCP
V/v hướng dẫn sắp xếp tổ chức bộ máy

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày 29 tháng 4 năm 2025

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Thực hiện Kết luận số 126-KL/TW ngày 14/02/2025 của Bộ Chính trị, Ban Bí thư về một số nội \
dung, nhiệm vụ tiếp tục sắp xếp, tinh gọn tổ chức bộ máy, Bộ Nội vụ hướng dẫn như sau.
""",
    "so-noi-vu.txt": """\
UBND TỈNH LÂM ĐỒNG
SỞ NỘI VỤ
Số: 500/SNV-TCBC
V/v triển khai sắp xếp tổ chức bộ máy

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Lâm Đồng, ngày 10 tháng 5 năm 2025

Căn cứ Công văn số 1911/BNV-TCPCP ngày 29/4/2025 của BỘ NỘI VỤ về hướng dẫn sắp xếp tổ \
chức bộ máy; Kế hoạch số 20-KH/TU ngày 29/8/2024 của BTV Tỉnh uỷ về sắp xếp tổ chức bộ máy; \
Quyết định số 715/QĐ-UBND ngày 03/3/2025 của UBND tỉnh Lâm Đồng về kiện toàn tổ chức.
""",
    "tinh-uy.txt": """\
TỈNH ỦY LÂM ĐỒNG
Số 63-CV/TU
V/v thực hiện sắp xếp đơn vị hành chính

ĐẢNG CỘNG SẢN VIỆT NAM

Lâm Đồng, ngày 07 tháng 10 năm 2025

Thực hiện Công văn số 1911/BNV-TCPCP ngày 29/4/2025 của Bộ Nội vụ, Công văn số 59-CV/BCĐ \
ngày 12/9/2025 của Ban Chỉ đạo Trung ương, Kế hoạch số 20-KH/TU ngày 29/8/2024 của Ban \
Thường vụ Tỉnh ủy, Quyết định số 715/QĐ-UBND ngày 03/3/2025 của Ủy ban nhân dân tỉnh Lâm \
Đồng và Công văn số 500/SNV-TCBC ngày 10/5/2025 của Sở Nội vụ, Ban Thường vụ Tỉnh ủy yêu \
cầu các cơ quan thực hiện.
""",
}

BODIES = {
    "126-KL/TW": ("Bộ Chính trị", "Trung ương"),
    "1911/BNV-TCPCP": ("Bộ Nội vụ", "Trung ương"),
    "20-KH/TU": ("Ban Thường vụ Tỉnh ủy Lâm Đồng", "Tỉnh ủy"),
    "500/SNV-TCBC": ("Sở Nội vụ tỉnh Lâm Đồng", None),
    "59-CV/BCĐ": ("Ban Chỉ đạo Trung ương", "Trung ương"),
    "63-CV/TU": ("Tỉnh ủy Lâm Đồng", "Tỉnh ủy"),
    "715/QĐ-UBND": ("Ủy ban nhân dân tỉnh Lâm Đồng", None),
}


@pytest.fixture
def letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name, text in LETTERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def graph_file(letters: Path, runner: CliRunner) -> Path:
    result = runner.invoke(app, ["parse", str(letters), "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    return Path("graph.yaml")


def test_each_node_has_one_canonical_body(graph_file: Path) -> None:
    graph = yaml.safe_load(graph_file.read_text(encoding="utf-8"))
    found = {key: (n["body"], n["body_level"]) for key, n in graph["documents"].items()}
    assert found == BODIES
    # the references keep their issuers as written
    written = [r["issuer"] for s in graph["sources"] for r in s["references"]]
    assert "BỘ NỘI VỤ" in written and "BTV Tỉnh uỷ" in written


# fmt: off
ISSUER_QUERIES = [
    ("bo noi vu", ["1911/BNV-TCPCP"]),
    ("BỘ NỘI VỤ", ["1911/BNV-TCPCP"]),
    ("nội vụ", ["1911/BNV-TCPCP", "500/SNV-TCBC"]),
    ("BTV Tỉnh uỷ", ["20-KH/TU"]),
    ("ban thuong vu tinh uy", ["20-KH/TU"]),
    ("ban chi dao", ["59-CV/BCĐ"]),
    ("UBND tỉnh Lâm Đồng", ["715/QĐ-UBND"]),
    ("lam dong", ["20-KH/TU", "715/QĐ-UBND", "500/SNV-TCBC"]),
    ("tinh uy", ["20-KH/TU"]),
    ("TU", ["20-KH/TU"]),
    ("Bộ Tư pháp", []),
]
# fmt: on


@pytest.mark.parametrize("source", ["graph", "folder"])
@pytest.mark.parametrize(("query", "expected"), ISSUER_QUERIES)
def test_list_issuer_matches_any_spelling(
    runner: CliRunner, graph_file: Path, source: str, query: str, expected: list[str]
) -> None:
    read = str(graph_file) if source == "graph" else "letters"
    result = runner.invoke(app, ["list", read, "--issuer", query, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)["documents"]] == expected


def test_one_word_that_only_begins_names_is_refused(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["list", str(graph_file), "--issuer", "Ban"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--issuer 'Ban' only begins bodies' names (Ban Bí thư," in result.stderr


# fmt: off
NODE_BODIES = [
    # the header's own issuer wins; a shorter form counts for the fuller one
    ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", ["UBND tỉnh"], "Ủy ban nhân dân tỉnh Lâm Đồng"),
    (None, ["UBND tỉnh", "UBND tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh"], "Ủy ban nhân dân tỉnh Lâm Đồng"),
    # a committee's header, and the organ that issued it for the committee
    ("TỈNH ỦY", ["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"], "Ban Thường vụ Tỉnh ủy"),
    ("TỈNH ỦY KHÁNH HÒA", ["Ban Thường vụ Tỉnh ủy"], "Tỉnh ủy Khánh Hòa"),
    (None, ["Thị ủy", "Thường trực Thị ủy"], "Thường trực Thị ủy"),
    # the form most references give
    (None, ["BTV Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh uỷ"], "Ban Thường vụ Tỉnh ủy"),
    (None, ["BỘ NỘI VỤ", "BộNội vụ", "Bộ Nội vụ"], "Bộ Nội vụ"),
    # a tie: the first met
    (None, ["Bộ Công an", "Bộ Quốc phòng"], "Bộ Công an"),
    (None, [None, None], None),
]
# fmt: on


@pytest.mark.parametrize(("own", "cited", "body"), NODE_BODIES)
def test_document_body(own: str | None, cited: list[str | None], body: str | None) -> None:
    assert document_body(own, cited) == body


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("ban chi dao", " ban chi dao "),
        ("btv tinh uy", " ban thuong vu tinh uy "),
        ("BTV Tỉnh uỷ", " ban thuong vu tinh uy "),
        ("ubnd tinh Lâm Đồng", " uy ban nhan dan tinh lam dong "),
        ("Bộ Lao động, Thương binh và Xã hội", " bo lao dong thuong binh va xa hoi "),
        ("bo tu phap", " bo tu phap "),
        ("Sở Tư pháp", " so tu phap "),
    ],
)
def test_issuer_query(query: str, key: str) -> None:
    assert issuer_query(query) == key


@pytest.mark.parametrize(
    ("query", "vague"),
    [
        ("Ban", True),
        ("bộ", True),
        ("Sở", True),
        ("UBND", False),
        ("TU", False),
        ("Ban Bí thư", False),
    ],
)
def test_too_vague(query: str, vague: bool) -> None:
    assert bool(too_vague(query)) == vague


# fmt: off
CANONICAL = [
    # a department named with its province but not the province's kind
    ("Sở Tư pháp Quảng Ngãi", "Sở Tư pháp tỉnh Quảng Ngãi", None),
    ("Sở Xây dựng Đà Nẵng", "Sở Xây dựng thành phố Đà Nẵng", None),
    ("Sở Y tế Tỉnh Gia Lai", "Sở Y tế tỉnh Gia Lai", None),
    ("Sở Nội vụ và Sở Tài chính", "Sở Nội vụ và Sở Tài chính", None),
    # the Front's standing board: the central one, and a local one named with its place
    ("Ban Thường trực UBTW MTTQ Việt Nam", "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Trung ương"),
    ("BTT Ủy ban MTTQ Việt Nam tỉnh Gia Lai", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai", None),
    ("UBMTTQ Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", None),
    # a header in capitals: the table's name, small words, a place's name in capitals
    ("SỞ TƯ PHÁP", "Sở Tư pháp", None),
    ("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "Ủy ban nhân dân tỉnh Khánh Hòa", None),
    ("ĐẢNG UỶ XÃ PHƯỚC HẢI", "Đảng ủy xã Phước Hải", None),
    ("TỈNH ỦY ĐỒNG NAI", "Tỉnh ủy Đồng Nai", "Tỉnh ủy"),
    ("TRUNG TÂM XÚC TIẾN ĐẦU TƯ, THƯƠNG MẠI VÀ DU LỊCH", "Trung tâm xúc tiến đầu tư, thương mại và du lịch", None),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH", "Hội đồng thi đua - khen thưởng tỉnh", None),
    ("BAN CHẤP HÀNH HỘI NÔNG DÂN VIỆT NAM", "Ban Chấp hành hội nông dân Việt Nam", None),
    # the sentence going on after a whole body's name is not part of it
    ("Chính phủ tại Nghị định", "Chính phủ", "Trung ương"),
    ("Bộ Chính trị về tăng cường sự lãnh đạo của Đảng", "Bộ Chính trị", "Trung ương"),
    ("Ban Bí thư và Chỉ thị", "Ban Bí thư", "Trung ương"),
    ("Bộ Công an và Bộ Quốc phòng", "Bộ Công an và Bộ Quốc phòng", "Trung ương"),
    ("Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực",
     "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực", "Trung ương"),
    # abbreviations
    ("BCĐ Trung ương", "Ban Chỉ đạo Trung ương", "Trung ương"),
    ("HĐND tỉnh Lâm Đồng", "Hội đồng nhân dân tỉnh Lâm Đồng", None),
    ("Ban Tổ chức TƯ", "Ban Tổ chức Trung ương", "Trung ương"),
    ("Hội đồng thẩm định, đánh giá chỉ số CCHC", "Hội đồng thẩm định, đánh giá chỉ số cải cách hành chính", None),
    # "và" left out of a name the table holds with it
    ("Sở Tài nguyên Môi trường", "Sở Tài nguyên và Môi trường", None),
    ("Sở Văn hóa thể thao du lịch", "Sở Văn hóa, Thể thao và Du lịch", None),
    ("Bộ Văn hóa Thể thao Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", "Trung ương"),
]
# fmt: on


@pytest.mark.parametrize(("written", "canonical", "level"), CANONICAL)
def test_canonical_body(written: str, canonical: str, level: str | None) -> None:
    assert (canonical_body(written), body_level(canonical)) == (canonical, level)


def test_stats_counts_each_body_once(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["stats", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["by_body"] == {
        "Ban Chỉ đạo Trung ương": 1,
        "Ban Thường vụ Tỉnh ủy Lâm Đồng": 1,
        "Bộ Chính trị": 1,
        "Bộ Nội vụ": 1,
        "Sở Nội vụ tỉnh Lâm Đồng": 1,
        "Ủy ban nhân dân tỉnh Lâm Đồng": 1,
    }


def test_export_documents_has_the_body_and_its_level(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(app, ["export", str(graph_file), "--table", "documents", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    found = {row["id"]: (row["body"], row["body_level"]) for row in rows}
    assert found == BODIES


def test_export_workbook_heads_the_body_columns(runner: CliRunner, graph_file: Path) -> None:
    import openpyxl

    result = runner.invoke(
        app, ["export", str(graph_file), "--table", "documents", "-o", "van-ban.xlsx"]
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook("van-ban.xlsx").active
    assert sheet is not None
    heads = [cell.value for cell in sheet[1]]
    body, level = heads.index("Issuing body"), heads.index("Level of the body")
    rows = {
        row[heads.index("Id")]: (row[body], row[level])
        for row in sheet.iter_rows(2, values_only=True)
    }
    assert rows["1911/BNV-TCPCP"] == ("Bộ Nội vụ", "Trung ương")
    assert rows["715/QĐ-UBND"] == ("Ủy ban nhân dân tỉnh Lâm Đồng", None)


def test_the_site_lists_each_body_once(runner: CliRunner, graph_file: Path) -> None:
    import re

    result = runner.invoke(app, ["site", str(graph_file), "-o", "kho", "--lang", "en"])
    assert result.exit_code == 0, result.output
    index = Path("kho/index.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="issuer">(.*?)</select>', index)
    assert select is not None
    assert re.findall(r'<option value="([^"]*)"', select.group(1)) == [
        "",
        "Ban Chỉ đạo Trung ương",
        "Ban Thường vụ Tỉnh ủy Lâm Đồng",
        "Bộ Chính trị",
        "Bộ Nội vụ",
        "Sở Nội vụ tỉnh Lâm Đồng",
        "Tỉnh ủy Lâm Đồng",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
    ]
    # choosing "Bộ Nội vụ" shows its document, cited as "BỘ NỘI VỤ" and as "Bộ Nội vụ"
    chosen = re.findall(r'<tr data-id="([^"]+)"[^>]* data-issuer="Bộ Nội vụ"', index)
    assert chosen == ["1911/BNV-TCPCP"]


# fmt: off
IN_SHORT = [
    # a writer naming itself in short: "theo đề xuất của Trung tâm tại Tờ trình số ..."
    ("Trung tâm", ["Trung tâm Xúc tiến đầu tư", None], "Trung tâm Xúc tiến đầu tư"),
    ("Ủy ban nhân dân tỉnh", ["Ủy ban nhân dân tỉnh Lâm Đồng"] * 2, "Ủy ban nhân dân tỉnh Lâm Đồng"),
    # citing documents of two bodies, or of a body that is not this one with more stated
    ("Ủy ban nhân dân tỉnh", ["Ủy ban nhân dân tỉnh Bình Thuận", "Sở Nội vụ"], None),
    ("Tỉnh ủy", ["Ban Thường vụ Tỉnh ủy"], None),
    ("Hội đồng", [None], None),
]
# fmt: on


@pytest.mark.parametrize(("body", "citing", "full"), IN_SHORT)
def test_named_in_short(body: str, citing: list[str | None], full: str | None) -> None:
    assert named_in_short(body, citing) == full


def test_a_graph_written_before_bodies_takes_them_from_its_issuers(
    runner: CliRunner, graph_file: Path
) -> None:
    graph = yaml.safe_load(graph_file.read_text(encoding="utf-8"))
    for node in graph["documents"].values():
        del node["body"], node["body_level"]
    graph_file.write_text(yaml.safe_dump(graph, allow_unicode=True), encoding="utf-8")
    graph_file.with_suffix(".db").unlink()
    result = runner.invoke(app, ["list", str(graph_file), "--issuer", "bo noi vu", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)["documents"]] == ["1911/BNV-TCPCP"]
    result = runner.invoke(app, ["stats", str(graph_file), "--format", "json"])
    assert json.loads(result.stdout)["by_body"]["Ban Thường vụ Tỉnh ủy"] == 1


# fmt: off
STATED_IN_FULL = [
    # the letter names the province once, then the body in short
    ("Ủy ban nhân dân tỉnh", [["Ủy ban nhân dân tỉnh Lâm Đồng", "Bộ Nội vụ"]], "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("Sở Nội vụ", [["Sở Nội vụ tỉnh Lâm Đồng"], []], "Sở Nội vụ tỉnh Lâm Đồng"),
    ("Tỉnh ủy", [["Tỉnh ủy Khánh Hòa"]], "Tỉnh ủy Khánh Hòa"),
    # two provinces named: which one is not said
    ("Ủy ban nhân dân tỉnh", [["Ủy ban nhân dân tỉnh Lâm Đồng"], ["Ủy ban nhân dân tỉnh Bình Thuận"]], None),
    # a body, not a place, added to the name
    ("Ban Chỉ đạo", [["Ban Chỉ đạo Trung ương"]], None),
    ("Ủy ban nhân dân tỉnh", [[]], None),
]
# fmt: on


@pytest.mark.parametrize(("body", "named", "full"), STATED_IN_FULL)
def test_stated_in_full(body: str, named: list[list[str]], full: str | None) -> None:
    assert stated_in_full(body, named) == full


def test_a_body_cited_in_short_takes_the_place_its_letter_names() -> None:
    letter = (
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2025 của UBND tỉnh Lâm Đồng về cải cách "
        "hành chính năm 2025 và Quyết định số 1716/QĐ-UBND ngày 10/9/2024 của UBND tỉnh về "
        "ban hành quy chế phối hợp, Sở Nội vụ báo cáo như sau.\n"
    )
    graph = build_graph([parse_text(letter, "bao-cao.txt")])
    bodies = {node.symbol: node.body for node in graph.documents.values()}
    assert bodies["45/KH-UBND"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert bodies["1716/QĐ-UBND"] == "Ủy ban nhân dân tỉnh Lâm Đồng"


# fmt: off
PLACES_NAMED = [
    ("UBND TỈNH LÂM ĐỒNG", ("tỉnh Lâm Đồng",)),
    ("TỈNH ỦY KHÁNH HOÀ", ("tỉnh Khánh Hòa",)),
    ("ĐẢNG BỘ TỈNH NGHỆ AN", ("tỉnh Nghệ An",)),
    ("ĐẢNG UỶ XÃ CÔNG HẢI", ("xã Công Hải",)),
    ("THỊ ỦY LA GI", ("thị xã La Gi",)),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ("thành phố Hồ Chí Minh",)),
    ("UBND TỈNH BÀ RỊA - VŨNG TÀU", ("tỉnh Bà Rịa - Vũng Tàu",)),
    ("ĐẢNG ỦY PHƯỜNG 3", ("phường 3",)),
    # the name of the body under it ends the place's
    ("UBND HUYỆN ĐỨC TRỌNG SỞ NỘI VỤ", ("huyện Đức Trọng",)),
    ("SỞ NỘI VỤ", ()),
    ("BỘ XÂY DỰNG", ()),
    ("ỦY BAN NHÂN DÂN TỈNH", ()),
]
# fmt: on


@pytest.mark.parametrize(("line", "places"), PLACES_NAMED)
def test_places_named(line: str, places: tuple[str, ...]) -> None:
    assert places_named(line) == places


PROVINCE = ("tỉnh Lâm Đồng",)
COMMUNE = ("tỉnh Khánh Hòa", "xã Công Hải")
TOWN = ("thị xã La Gi",)

# fmt: off
PLACED = [
    # a name ending in the kind of its place takes the place of that kind
    ("Ủy ban nhân dân tỉnh", PROVINCE, "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", PROVINCE, "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("Giám đốc Công an tỉnh", PROVINCE, "Giám đốc Công an tỉnh Lâm Đồng"),
    ("Hội đồng nhân dân tỉnh", COMMUNE, "Hội đồng nhân dân tỉnh Khánh Hòa"),
    ("Tỉnh ủy", COMMUNE, "Tỉnh ủy Khánh Hòa"),
    ("Ban Thường vụ Tỉnh ủy", COMMUNE, "Ban Thường vụ Tỉnh ủy Khánh Hòa"),
    ("Văn phòng Tỉnh ủy", PROVINCE, "Văn phòng Tỉnh ủy Lâm Đồng"),
    ("Ủy ban nhân dân xã", COMMUNE, "Ủy ban nhân dân xã Công Hải"),
    ("Ban Thường vụ Thị ủy", TOWN, "Ban Thường vụ Thị ủy La Gi"),
    # a department serves the province
    ("Sở Nội vụ", PROVINCE, "Sở Nội vụ tỉnh Lâm Đồng"),
    ("Giám đốc Sở Tư pháp", PROVINCE, "Giám đốc Sở Tư pháp tỉnh Lâm Đồng"),
    ("Sở Tài chính", TOWN, None),
    ("Sở Tài chính", ("thành phố Hải Phòng",), "Sở Tài chính thành phố Hải Phòng"),
    ("Sở Tài chính", ("thành phố Đà Lạt",), None),  # a city of a province has no sở
    # the Front's committee without its level: the writer's own
    ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam", PROVINCE,
     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", COMMUNE, "Ủy ban Mặt trận Tổ quốc Việt Nam xã Công Hải"),
    # no place of the kind asked: a commune's header without the province's line
    ("Ủy ban nhân dân tỉnh", ("xã Nghĩa Lâm",), None),
    ("Tỉnh ủy", TOWN, None),
    ("Ủy ban nhân dân tỉnh", (), None),
    # stated already, central, or named after a committee
    ("Ủy ban nhân dân tỉnh Bình Thuận", PROVINCE, None),
    ("Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", PROVINCE, None),
    ("Bộ Nội vụ", PROVINCE, None),
    ("Ban Tổ chức", PROVINCE, None),
    ("Hội đồng thẩm định", PROVINCE, None),
]
# fmt: on


@pytest.mark.parametrize(("body", "places", "full"), PLACED)
def test_placed_by_the_citing_header(body: str, places: tuple[str, ...], full: str | None) -> None:
    assert placed(body, places) == full


# fmt: off
PLACED_OWN = [
    ("Sở Nội vụ", PROVINCE, "Sở Nội vụ tỉnh Lâm Đồng"),
    ("Hội đồng thẩm định", PROVINCE, "Hội đồng thẩm định tỉnh Lâm Đồng"),
    ("Trung tâm Xúc tiến đầu tư", PROVINCE, "Trung tâm Xúc tiến đầu tư tỉnh Lâm Đồng"),
    ("Ủy ban nhân dân", ("xã Nghĩa Lâm",), "Ủy ban nhân dân xã Nghĩa Lâm"),
    ("Ủy ban nhân dân tỉnh Lâm Đồng", PROVINCE, None),
    ("Ban Tổ chức", PROVINCE, None),
    ("Thủ tướng Chính phủ", (), None),
]
# fmt: on


@pytest.mark.parametrize(("body", "places", "full"), PLACED_OWN)
def test_placed_under_its_own_header(body: str, places: tuple[str, ...], full: str | None) -> None:
    assert placed(body, places, own=True) == full


def test_citing_headers_of_two_provinces_leave_the_name() -> None:
    assert placed_by_citing("Tỉnh ủy", [PROVINCE, (), PROVINCE]) == "Tỉnh ủy Lâm Đồng"
    assert placed_by_citing("Tỉnh ủy", [PROVINCE, ("tỉnh Bình Thuận",)]) is None
    assert placed_by_citing("Tỉnh ủy", [(), ()]) is None


# Headers written as offices write them, and a sentence of each letter naming local bodies in
# short: the header's lines give the place.
HEADED = {
    "so.txt": """\
UBND TỈNH NGHỆ AN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ NỘI VỤ                              Độc lập - Tự do - Hạnh phúc
Số: 812/SNV-CCVC                       Nghệ An, ngày 14 tháng 3 năm 2026
V/v rà soát vị trí việc làm

Thực hiện Công văn số 402/UBND-TH ngày 02/3/2026 của UBND tỉnh về vị trí việc làm và Kế \
hoạch số 31-KH/TU ngày 20/01/2026 của Ban Thường vụ Tỉnh ủy, Sở Nội vụ đề nghị các cơ quan \
thực hiện; Quyết định số 95/QĐ-STC ngày 05/02/2026 của Sở Tài chính được áp dụng.
""",
    "dang-uy-xa.txt": """\
ĐẢNG BỘ TỈNH QUẢNG TRỊ
ĐẢNG ỦY XÃ HẢI LĂNG
*
Số 48-CV/ĐU
V/v triển khai nghị quyết

ĐẢNG CỘNG SẢN VIỆT NAM
Hải Lăng, ngày 09 tháng 4 năm 2026

Thực hiện Công văn số 77-CV/TU ngày 01/4/2026 của Tỉnh ủy và Thông báo số 120/TB-UBND ngày \
03/4/2026 của UBND xã, Ban Thường vụ Đảng ủy đề nghị các chi bộ thực hiện.
""",
    "uy-ban-xa.txt": """\
ỦY BAN NHÂN DÂN
XÃ NGHĨA LÂM
Số: 210/UBND-VP
V/v báo cáo số liệu

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Nghĩa Lâm, ngày 11 tháng 5 năm 2026

Thực hiện Công văn số 530/UBND-KT ngày 06/5/2026 của UBND tỉnh về số liệu thống kê, Ủy \
ban nhân dân xã báo cáo như sau.
""",
}

HEADED_BODIES = {
    "812/SNV-CCVC": ("Sở Nội vụ tỉnh Nghệ An", ("tỉnh Nghệ An",)),
    "402/UBND-TH": ("Ủy ban nhân dân tỉnh Nghệ An", None),
    "31-KH/TU": ("Ban Thường vụ Tỉnh ủy Nghệ An", None),
    "95/QĐ-STC": ("Sở Tài chính tỉnh Nghệ An", None),
    "48-CV/ĐU": ("Đảng ủy xã Hải Lăng", ("tỉnh Quảng Trị", "xã Hải Lăng")),
    "77-CV/TU": ("Tỉnh ủy Quảng Trị", None),
    "120/TB-UBND": ("Ủy ban nhân dân xã Hải Lăng", None),
    "210/UBND-VP": ("Ủy ban nhân dân xã Nghĩa Lâm", ("xã Nghĩa Lâm",)),
    # a commune's header without the province's line: which province is not said
    "530/UBND-KT": ("Ủy ban nhân dân tỉnh", None),
}


def test_local_bodies_named_in_short_take_the_place_of_the_citing_header() -> None:
    docs = [parse_text(text, name) for name, text in HEADED.items()]
    graph = build_graph(docs)
    localities = {s.symbol: tuple(s.localities) for s in graph.sources}
    found = {
        node.symbol: (node.body, localities.get(node.symbol)) for node in graph.documents.values()
    }
    assert found == HEADED_BODIES


def test_localities_are_written_only_when_the_header_states_them(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("letters")
    folder.mkdir()
    (folder / "so.txt").write_text(HEADED["so.txt"], encoding="utf-8")
    (folder / "bo.txt").write_text(LETTERS["bo-noi-vu.txt"], encoding="utf-8")
    result = runner.invoke(app, ["parse", "letters", "-o", "graph.yaml"])
    assert result.exit_code == 0, result.output
    sources = yaml.safe_load(Path("graph.yaml").read_text(encoding="utf-8"))["sources"]
    assert {s["path"]: s.get("localities") for s in sources} == {
        "letters/bo.txt": None,
        "letters/so.txt": ["tỉnh Nghệ An"],
    }
    # an update rebuilds the bodies of the files it does not read again from the places the
    # graph kept
    (folder / "uy-ban-xa.txt").write_text(HEADED["uy-ban-xa.txt"], encoding="utf-8")
    result = runner.invoke(app, ["parse", "--update", "graph.yaml"])
    assert result.exit_code == 0, result.output
    documents = yaml.safe_load(Path("graph.yaml").read_text(encoding="utf-8"))["documents"]
    assert documents["31-KH/TU"]["body"] == "Ban Thường vụ Tỉnh ủy Nghệ An"
    assert documents["210/UBND-VP"]["body"] == "Ủy ban nhân dân xã Nghĩa Lâm"


def test_a_document_read_takes_the_place_of_its_own_header_for_the_body_cited() -> None:
    """A web page whose header cell gives no issuer, but whose lines give its province: the
    "Chủ tịch UBND tỉnh" its citations name is that province's."""
    import dataclasses

    page = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 715/QĐ-UBND\n\nBình Định, ngày 10 tháng 03 năm "
        "2023\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n",
        "quyet-dinh.html",
    )
    page = dataclasses.replace(page, identity=dataclasses.replace(page.identity, issuer=None))
    letter = parse_text(
        "Thực hiện Quyết định số 715/QĐ-UBND ngày 10/3/2023 của Chủ tịch UBND tỉnh về công bố "
        "thủ tục hành chính, các xã triển khai thực hiện.\n",
        "huong-dan.txt",
    )
    graph = build_graph([page, letter])
    node = graph.documents["715/QĐ-UBND"]
    assert (node.in_corpus, node.body) == (True, "Chủ tịch Ủy ban nhân dân tỉnh Bình Định")
