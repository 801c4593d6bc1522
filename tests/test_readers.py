"""Pages saved from portals and standard input read like the same text typed out."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from vanban import parse_file, parse_text
from vanban.cli import app
from vanban.graph.build import copies_of
from vanban.readers import doc as doc_reader
from vanban.readers import legacy
from vanban.readers.html import html_to_text
from vanban.readers.registry import DOCUMENT_SUFFIXES, FORMATS, format_of

from .conftest import CORPUS_DOCS, SEED

MARKERS = {"⁽¹⁾": 1, "⁽²⁾": 2, "⁽³⁾": 3}


def seed_as_html() -> str:
    """The seed as a portal shows it: one <p> a paragraph, footnotes at the foot of the page."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body, notes = [], []
    for paragraph in paragraphs:
        number = next((n for mark, n in MARKERS.items() if paragraph.startswith(mark)), None)
        text = html.escape(paragraph)
        for mark, n in MARKERS.items():
            text = text.replace(mark, f'<sup><a href="#fn{n}" id="ref{n}">{n}</a></sup>')
        if number is not None:
            notes.append(f'<p id="fn{number}">{text.split("</sup>", 1)[1].strip()}</p>')
            notes[-1] = notes[-1].replace(">", f"><sup>{number}</sup> ", 1)
        else:
            body.append(f"<p>{text.replace(chr(10), '<br>')}</p>")
    # Whole paragraphs, as the page has them: the halves a page break split are one again.
    joined = "\n".join(body).replace("155-KH/TU,</p>\n<p>ngày", "155-KH/TU, ngày")
    return (
        "<html><head><title>Kết luận</title><script>var x = 'Kế hoạch số 999-KH/TU';</script>"
        "</head><body><nav>Trang chủ | Văn bản số 1-CV/TU</nav>"
        f'<article>{joined}</article><div class="footnotes">{"".join(notes)}</div>'
        "<footer>Bản quyền &copy; 2023</footer></body></html>"
    )


def facts(path_or_text: Path | str) -> list[tuple[str, str | None, int | None]]:
    doc = parse_file(path_or_text) if isinstance(path_or_text, Path) else parse_text(path_or_text)
    return sorted((r.symbol.canonical, r.date, r.footnote) for r in doc.references)


def test_seed_as_html_gives_the_same_references(tmp_path: Path) -> None:
    page = tmp_path / "ket-luan.html"
    page.write_text(seed_as_html(), encoding="utf-8")
    assert facts(page) == facts(SEED)
    doc = parse_file(page)
    assert [(f.number, f.text[:20]) for f in doc.footnotes] == [
        (1, "Kế hoạch số 80-KH/TU"),
        (2, "Thực hiện Kế hoạch s"),
        (3, "Quy định số 125-QĐ/T"),
    ]
    assert all(f.line is not None for f in doc.footnotes)


# fmt: off
@pytest.mark.parametrize(("page", "expected"), [
    ("<p>Căn cứ Nghị định số 30/2020/NĐ&#8209;CP ng&agrave;y 05/3/2020</p>",
     "Căn cứ Nghị định số 30/2020/NĐ\u2011CP ngày 05/3/2020\n"),
    ("<div>Một</div><div>Hai<br>Ba</div><script>alert(1)</script>", "Một\n\nHai\nBa\n"),
    ("<table><tr><td>Số: 05/QĐ-UBND</td><td>Hà Nội, ngày 1 tháng 2 năm 2024</td></tr></table>",
     "| Số: 05/QĐ-UBND | Hà Nội, ngày 1 tháng 2 năm 2024\n"),
    ("<p>của tỉnh<sup>[1]</sup>.</p><p><sup>1</sup> Kế hoạch.</p>", "của tỉnh[1].\n\n[1] Kế hoạch.\n"),
    ("<p>diện tích 200 m<sup>2</sup></p>", "diện tích 200 m²\n"),  # an exponent, not a mark
    ("<p>của tỉnh Lâm<sup>2</sup></p>", "của tỉnh Lâm[2]\n"),
])
# fmt: on
def test_html_to_text(page: str, expected: str) -> None:
    assert html_to_text(page) == expected


def test_legacy_charset_declared_by_the_page(tmp_path: Path) -> None:
    page = tmp_path / "cu.htm"
    text = '<meta charset="windows-1258"><p>Nghị quyết số 08-NQ/TU, ngày 12/12/2022</p>'
    page.write_bytes(legacy.encode(text, "windows-1258"))
    assert facts(page) == [("08-NQ/TU", "2022-12-12", None)]


def test_damaged_doc_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not a whole Word file")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    if doc_reader.converter() is None:
        assert result.stderr == f"Error: {path}: {doc_reader.INSTALL_HINT}\n"
    else:
        assert result.stderr.startswith(f"Error: {path}: ")
        assert len(result.stderr.splitlines()) == 1


def test_doc_without_a_converter_is_skipped_with_the_way_to_read_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_reader.shutil, "which", lambda _name: None)
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "moi.txt").write_text(
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["parse", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    assert f"skipped: {tmp_path / 'cu.doc'}: {doc_reader.INSTALL_HINT}" in result.stderr
    assert '"symbol": "155-KH/TU"' in result.stdout


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present")
@pytest.mark.skipif(doc_reader.converter() is None, reason="no .doc converter installed")
def test_real_doc_files_are_read() -> None:
    doc = parse_file(CORPUS_DOCS / "228.doc")
    facts = [(r.symbol.canonical, r.date, r.footnote) for r in doc.references]
    assert ("31-HD/BTCTW", "2025-04-23", 1) in facts
    assert ("220/TTr-ĐLS", "2025-10-03", 2) in facts
    assert [f.number for f in doc.footnotes] == [1, 2, 3]
    assert all(f.text and f.line for f in doc.footnotes)


def test_standard_input(runner: CliRunner) -> None:
    text = "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy."
    result = runner.invoke(
        app, ["parse", "-", "--stdin-name", "du-thao.txt", "--format", "json"], input=text.encode()
    )
    assert result.exit_code == 0, result.output
    assert '"path": "du-thao.txt"' in result.stdout
    assert '"date": "2023-06-15"' in result.stdout
    empty = runner.invoke(app, ["parse", "-"], input=b"")
    assert empty.exit_code == 2
    assert empty.stderr == "Error: <stdin>: empty document\n"


def test_an_unknown_charset_in_a_page_says_it_came_from_the_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    page = tmp_path / "trang.html"
    page.write_bytes(
        b'<html><head><meta charset="x-viet-old"></head><body>Ke hoach so 5-KH/TU</body></html>'
    )
    result = runner.invoke(app, ["parse", str(page)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {page}: the page says its charset is 'x-viet-old', which vanban does not know; "
        "pass --encoding (utf-8, windows-1258, tcvn3, vni)\n",
    )


def test_a_draft_with_a_blank_number_says_so(runner: CliRunner, tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.txt"
    draft.write_text(
        "ỦY BAN NHÂN DÂN\nTHỊ XÃ LA GI\nSố:      /KH-UBND\n\nLa Gi, ngày    tháng 12 năm 2024\n\n"
        "KẾ HOẠCH\nthực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy\n",
        encoding="utf-8",
    )
    graph = tmp_path / "graph.yaml"
    assert runner.invoke(app, ["parse", str(draft), "-o", str(graph)]).exit_code == 0
    assert runner.invoke(app, ["parse", "--update", str(graph)]).exit_code == 0
    data = yaml.safe_load(graph.read_text(encoding="utf-8"))
    source = data["sources"][0]
    assert (source["symbol"], source["blank_number"]) == (None, "Số: /KH-UBND")
    assert data["documents"]["ke-hoach-a6aa8b41"]["notes"] == [
        "a draft: its number is left blank (Số: /KH-UBND); it has none until it is signed"
    ]


@pytest.mark.parametrize(
    "header",
    [
        "ỦY BAN NHÂN DÂN\nTHỊ XÃ LA GI\nSố:      /KH-UBND\n\nLa Gi, ngày    tháng 12 năm 2024\n",
        # a Word header table, read a row to a line, the number in the issuer's cell
        "| ỦY BAN NHÂN DÂN  THỊ XÃ LA GI  Số:      /KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  "
        "Độc lập - Tự do - Hạnh phúc  La Gi, ngày    tháng 12 năm 2024 |\n",
    ],
)
def test_a_blank_number_in_a_line_or_a_header_cell(header: str) -> None:
    document = parse_text(header + "\nKẾ HOẠCH\nthực hiện Kế hoạch số 155-KH/TU\n")
    assert (document.identity.symbol, document.identity.blank_number) == (None, "Số: /KH-UBND")


PORTAL_PAGE = """<html><head><meta charset="utf-8"><title>Kế hoạch</title></head><body>
<div id="main-menu"><ul><li>Trang chủ</li><li>Văn bản số 1-CV/TU</li></ul></div>
<div class="breadcrumb">Văn bản &gt; Kế hoạch 170-KH/TU</div>
<div class="content">
<p>Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023
của Ban Thường vụ Thị ủy.</p>
<p>Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.</p>
<div class="box"><h3>Văn bản liên quan</h3>
<ul><li>Quyết định số 99/QĐ-UBND ngày 01/01/2024</li></ul>
<p>Kế hoạch số 12-KH/TU</p></div>
<h2>Tin liên quan:</h2>
<ul><li>Kế hoạch số 77-KH/TU</li></ul>
<p>Nơi nhận: Như trên; Chỉ thị số 05-CT/TU.</p>
</div>
<div class="col sidebar">Chỉ thị số 35-CT/TW</div>
<div class="site-footer widget">Nghị quyết số 8-NQ/TU</div>
</body></html>
"""


def test_a_portal_page_keeps_only_the_document(tmp_path: Path) -> None:
    page = tmp_path / "ke-hoach.html"
    page.write_text(PORTAL_PAGE, encoding="utf-8")
    doc = parse_file(page)
    # menus, breadcrumbs, sidebars and "related" lists are not the document's references
    assert [(r.symbol.canonical, r.date, r.where) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15", "line 5"),
        ("30/2020/NĐ-CP", "2020-03-05", "line 7"),
        ("05-CT/TU", None, "line 13"),
    ]


CONTAINED_PAGE = """<html><body>
<div class="header-top">Cổng thông tin văn bản</div>
<div class="news"><p>Tin nổi bật: triển khai Kế hoạch số 77-KH/TU của Tỉnh ủy.</p></div>
<div id="toanvancontent" class="toanvancontent">
<p>Căn cứ Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương;</p>
<div class="related"><p>Văn bản số 5-CV/TU</p></div>
<p>Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện.</p>
</div>
<div class="col-right"><p>Xem thêm Chỉ thị số 35-CT/TW</p></div>
</body></html>
"""


@pytest.mark.parametrize(
    ("page", "symbols"),
    [
        (CONTAINED_PAGE, ["21-NQ/TW"]),
        # the container is filled by a script: the page's own text is read
        (CONTAINED_PAGE.replace("<p>Căn cứ", "<script>x</script><!--").replace(
            "thực hiện.</p>", "-->"
        ), ["77-KH/TU", "35-CT/TW"]),
    ],
)
def test_a_portal_container_holds_the_document(page: str, symbols: list[str]) -> None:
    assert [r.symbol.canonical for r in parse_text(html_to_text(page)).references] == symbols


# The shapes of a portal page saved from a browser (vbpl.vn, an ASP.NET site): the whole page
# inside one <form>, the document's tab label named like its container, and the source
# indented, so that the text of one line of the document is spread over lines of the source.
SAVED_PORTAL_PAGE = """<html><body>
<form method="post" id="aspnetForm">
  <div class="box-search"><input name="q"><span>Tìm kiếm văn bản</span></div>
  <div class="header"><ul>
    <li><a href="#"><span><b class="fulltext">Toàn văn</b></span></a></li>
    <li><a href="#"><span><b class="properties">Thuộc tính</b></span></a></li>
  </ul></div>
  <div class="content">
    <div class="fulltext">
      <table><tr><td>
        <div><b>ỦY BAN NHÂN DÂN TỈNH</b></div>
        <div>Số:
          125/KH-UBND</div>
      </td><td>
        <div><i>Lào Cai,
          ngày
          15 tháng
          6 năm
          2023</i></div>
      </td></tr></table>
      <div id="toanvancontent" class="toanvancontent">
        <p>
          <span>KẾ HOẠCH</span>
        </p>
        <p>
          <span>Thực hiện Nghị định số 30/2020/NĐ-CP
            ngày 05/3/2020 của Chính phủ về công tác văn thư.</span>
        </p>
      </div>
    </div>
  </div>
</form>
</body></html>
"""


def test_a_page_saved_from_a_portal_reads_as_the_document(tmp_path: Path) -> None:
    page = tmp_path / "ke-hoach-125.html"
    page.write_text(SAVED_PORTAL_PAGE, encoding="utf-8")
    text = html_to_text(SAVED_PORTAL_PAGE)
    assert "Toàn văn" not in text and "Tìm kiếm" not in text  # a tab label, a search box
    assert "Lào Cai, ngày 15 tháng 6 năm 2023" in text  # one line, as a browser shows it
    doc = parse_file(page)
    assert doc.identity.symbol is not None
    assert (doc.identity.symbol.canonical, doc.identity.date) == ("125/KH-UBND", "2023-06-15")
    assert [(r.symbol.canonical, r.date, r.issuer, r.where) for r in doc.references] == [
        ("30/2020/NĐ-CP", "2020-03-05", "Chính phủ", "line 26")
    ]


def test_text_in_pre_keeps_its_line_breaks() -> None:
    page = "<div>Căn cứ\n   Luật số 42/2024/QH15</div><pre>Số: 05/QĐ-UBND\nngày 1/2/2024</pre>"
    assert html_to_text(page) == "Căn cứ Luật số 42/2024/QH15\n\nSố: 05/QĐ-UBND\nngày 1/2/2024\n"


@pytest.mark.parametrize(
    "text",
    [
        # a digitisation's front matter
        '---\nthe_loai: "KẾ HOẠCH"\nso_hieu: "23-KH/ĐU"\nngay_ban_hanh: "ngày 05/9/2025"\n---\n',
        # the same digitisation's metadata line
        "**Số hiệu:** 23-KH/ĐU | **Ngày ban hành:** ngày 05/9/2025 | **Lĩnh vực:** Tổ chức\n",
        # a portal's properties table, a row to a line
        "| Số ký hiệu | 23-KH/ĐU | Ngày ban hành | 05/09/2025\n| Loại văn bản | Kế hoạch\n",
    ],
)
def test_the_own_number_and_date_a_metadata_label_gives(text: str) -> None:
    document = parse_text(text + "\nThực hiện Nghị quyết số 05-NQ/ĐU, ngày 26/8/2025 của Đảng ủy.\n")
    assert document.identity.symbol is not None
    assert (document.identity.symbol.canonical, document.identity.date) == ("23-KH/ĐU", "2025-09-05")
    assert [(r.symbol.canonical, r.date) for r in document.references] == [
        ("05-NQ/ĐU", "2025-08-26")
    ]


def test_a_date_label_in_a_table_of_documents_is_not_the_own_date() -> None:
    text = (
        "ĐẢNG ỦY XÃ AN HẢI\nSố 24-BC/ĐU\n\n"
        "| Số ký hiệu | Ngày ban hành | Trích yếu |\n| 05-NQ/ĐU | 26/8/2025 | Nghị quyết |\n"
    )
    assert parse_text(text).identity.date is None


# fmt: off
@pytest.mark.parametrize(("header", "issuer"), [
    # a PDF's header read a column at a time: the body's name wrapped, its superior above it
    ("UBND TỈNH BÌNH THUẬN\nTRUNG TÂM PHÁT TRIỂN QUỸ ĐẤT\nVÀ DỊCH VỤ CÔNG\nSố: 64/TTPT-HC\n",
     "TRUNG TÂM PHÁT TRIỂN QUỸ ĐẤT VÀ DỊCH VỤ CÔNG"),
    # pdftotext -layout: both columns on a line
    ("   UBND TỈNH BÌNH THUẬN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "HỘI ĐỒNG THI ĐUA,                  Độc lập - Tự do - Hạnh phúc\nKHEN THƯỞNG TỈNH\n\n"
     "   Số: 95 /TTr-HĐTĐKT          Phan Thiết, ngày 03 tháng 02 năm 2026\n",
     "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG TỈNH"),
    ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 12/KH-UBND\n", "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"),
    # a draft: the number left blank
    ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố:      /KH-UBND\n", "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"),
    ("ĐẢNG BỘ TỈNH BÌNH THUẬN\nTHỊ ỦY LA GI\n*\nSố 136-KH/TU\n", "THỊ ỦY LA GI"),
    # the columns read as one line, then rules and the motto's second line above the number
    ("THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n___________\n"
     "Độc lập - Tự do - Hạnh phúc\n______________\n\nSố: 19/QĐ-TTg Hà Nội, ngày 2 tháng 1 năm 2025\n",
     "THỦ TƯỚNG CHÍNH PHỦ"),
    # an old .doc's header table as antiword reads it: a row of cells to a line
    ("|UBND TỈNH BÌNH THUẬN          |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
     "|SỞ TƯ PHÁP                    |Độc lập - Tự do - Hạnh phúc        |\n"
     "|                              |                                  |\n"
     "|Số:       /TTr-STP            |Phan Thiết, ngày    tháng 9 năm 2025 |\n",
     "SỞ TƯ PHÁP"),
    # a Word header table, a row to a line, the cell's lines joined by two spaces
    ("| ỦY BAN NHÂN DÂN  THỊ XÃ LA GI  Số: 15/TB-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n",
     "ỦY BAN NHÂN DÂN THỊ XÃ LA GI"),
])
# fmt: on
def test_the_issuer_is_the_body_named_above_the_number(header: str, issuer: str) -> None:
    assert parse_text(header + "\nBÁO CÁO\nKết quả công tác tháng 01\n").identity.issuer == issuer


# fmt: off
@pytest.mark.parametrize(("name", "format_name", "rank"), [
    ("ket-luan.pdf", "pdf", 0),
    ("KET-LUAN.PDF", "pdf", 0),
    ("thu-muc/ke-hoach.docx", "docx", 1),
    ("ke-hoach.doc", "doc", 2),
    ("trang.htm", "html", 3),
    ("trang.xhtml", "html", 3),
    ("ghi-chu.md", "text", 4),
    ("nhat-ky.log", "text", 4),  # no known suffix: read as text
    ("<stdin>", "text", 4),
    ("", "text", 4),
])
# fmt: on
def test_a_files_format_is_told_by_its_suffix(name: str, format_name: str, rank: int) -> None:
    found = format_of(name)
    assert (found.name, found.rank) == (format_name, rank)


def test_the_formats_and_their_suffixes() -> None:
    assert [(f.name, f.suffixes) for f in FORMATS] == [
        ("text", (".txt", ".md", ".text")),
        ("html", (".html", ".htm", ".xhtml")),
        ("docx", (".docx",)),
        ("doc", (".doc",)),
        ("pdf", (".pdf",)),
    ]
    assert DOCUMENT_SUFFIXES == (
        ".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".docx", ".doc", ".pdf"
    )


# fmt: off
@pytest.mark.parametrize(("first", "second", "copies"), [
    ("a.txt", "b.pdf", {0: 1}),  # the signed PDF is the original, wherever it comes
    ("a.pdf", "b.txt", {1: 0}),
    ("a.html", "b.docx", {0: 1}),
    ("a.docx", "b.doc", {1: 0}),
    ("a.txt", "b.xhtml", {0: 1}),  # a page before a text copy, .xhtml as .html
    ("a.txt", "b.md", {1: 0}),  # one rank: the first in order
    ("a.log", "b.txt", {1: 0}),
    ("a.txt", "<stdin>", {1: 0}),
])
# fmt: on
def test_the_original_of_copies_is_the_best_format(
    first: str, second: str, copies: dict[int, int]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert copies_of([parse_text(text, path=first), parse_text(text, path=second)]) == copies


def test_reading_the_formats_list_loads_no_format_library() -> None:
    """The libraries of Word files and PDFs load when such a file is read, not before."""
    shown = subprocess.run(
        [sys.executable, "-c", "import sys, vanban.readers.registry; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'vanban.readers.pdf'" in shown
    assert [m for m in ("docx", "pdfplumber", "pdfminer") if f"'{m}'" in shown] == []


def test_libreoffice_is_found_where_windows_and_macos_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_reader.shutil, "which", lambda _name: None)
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    environ = {"ProgramFiles": str(tmp_path / "Program Files")}
    assert doc_reader.converter(environ, "win32") is None
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    assert doc_reader.converter(environ, "win32") == ("soffice", str(program))
    assert doc_reader.converter(environ, "linux") is None
    local = {"LOCALAPPDATA": "C:/Users/vt/AppData/Local"}
    assert doc_reader.install_places(local, "win32") == [
        Path("C:/Users/vt/AppData/Local/Programs/LibreOffice/program/soffice.exe")
    ]
    assert doc_reader.install_places({}, "darwin") == [
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    ]


def test_the_way_to_read_a_doc_is_said_for_the_system() -> None:
    assert "apt-get install antiword" in doc_reader.install_hint("linux")
    windows = doc_reader.install_hint("win32")
    assert "apt-get" not in windows and "install LibreOffice" in windows


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_doc_read_through_libreoffice_keeps_its_footnotes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    soffice = shutil.which("soffice")
    monkeypatch.setattr(
        doc_reader.shutil, "which", lambda name: soffice if name == "soffice" else None
    )
    assert doc_reader.converter() == ("soffice", soffice)
    doc = parse_file(CORPUS_DOCS / "228.doc")
    facts = [(r.symbol.canonical, r.date, r.footnote) for r in doc.references]
    assert ("31-HD/BTCTW", "2025-04-23", 1) in facts
    assert ("220/TTr-ĐLS", "2025-10-03", 2) in facts
    assert len({(symbol, date) for symbol, date, _ in facts}) == 18
    assert [f.number for f in doc.footnotes] == [1, 2, 3]
