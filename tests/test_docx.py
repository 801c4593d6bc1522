"""The seed as a Word file with its three footnotes as real Word footnotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from typer.testing import CliRunner

from vanban import parse_file
from vanban.cli import app

from .conftest import SEED
from .seed_layout import DIGIT, MARKER, logical_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seed_as_docx(path: Path) -> None:
    document = docx.Document()
    paragraphs, notes = logical_paragraphs()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        cursor = 0
        for marker in MARKER.finditer(text):
            paragraph.add_run(text[cursor : marker.start()])
            run = OxmlElement("w:r")
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(DIGIT[marker.group(1)]))
            run.append(reference)
            paragraph._p.append(run)
            cursor = marker.end()
        paragraph.add_run(text[cursor:])
    bodies = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(body)}</w:t></w:r></w:p></w:footnote>'
        for number, body in sorted(notes.items())
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f"</w:r></w:p></w:footnote>{bodies}</w:footnotes>"
    )
    add_notes(document, "footnotes", xml)
    document.save(str(path))


def add_notes(document: Any, part_name: str, xml: str) -> None:
    """Give ``document`` its ``footnotes`` or ``endnotes`` part, made of ``xml``."""
    content_type, relationship = {
        "footnotes": (CONTENT_TYPE.WML_FOOTNOTES, RELATIONSHIP_TYPE.FOOTNOTES),
        "endnotes": (CONTENT_TYPE.WML_ENDNOTES, RELATIONSHIP_TYPE.ENDNOTES),
    }[part_name]
    part = Part(
        PackURI(f"/word/{part_name}.xml"), content_type, xml.encode("utf-8"), document.part.package
    )
    document.part.relate_to(part, relationship)


def facts(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    return sorted(
        (r.symbol.canonical, r.date, r.footnote, r.issuer) for r in parse_file(path).references
    )


def test_seed_as_docx_gives_the_same_references(tmp_path: Path) -> None:
    path = tmp_path / "ket-luan.docx"
    seed_as_docx(path)
    assert facts(path) == facts(SEED)
    doc = parse_file(path)
    assert [(f.number, f.text[:24]) for f in doc.footnotes] == [
        (1, "Kế hoạch số 80-KH/TU, ng"),
        (2, "Thực hiện Kế hoạch số 15"),
        (3, "Quy định số 125-QĐ/TW, n"),
    ]
    assert [f.line is not None for f in doc.footnotes] == [True, True, True]
    relations = {
        (
            doc.references[r.source].symbol.canonical,
            r.relation,
            doc.references[r.target].symbol.canonical,
        )
        for r in doc.relations
        if r.source >= 0
    }
    assert ("158-KH/TU", "implements", "153-KH/TU") in relations
    assert doc.identity.kind == "Kết luận"
    where = {r.symbol.canonical: r.where for r in doc.references}
    assert where["67-TTr/TU"] == "paragraph 5"
    assert where["80-KH/TU"] == "footnote 1"


def test_folder_with_word_and_text_files(runner: CliRunner, tmp_path: Path) -> None:
    seed_as_docx(tmp_path / "a.docx")
    (tmp_path / "b.txt").write_text("Tiếp tục thực hiện Kế hoạch số 155-KH/TU.", encoding="utf-8")
    result = runner.invoke(app, ["list", str(tmp_path), "--undated", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "id",
        "50-KL/TW",
        "18-NQ/TW",
        "21-NQ/TW",
        "28-NQ/TW",
        "185-QĐ/TW",
    ]


@pytest.mark.parametrize("content", [b"not a zip file", b"PK\x03\x04broken"])
def test_damaged_docx(runner: CliRunner, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(content)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: ")
    assert result.stderr.count("\n") == 1


def test_a_zip_bomb_docx_is_refused_or_its_binary_parts_left_packed(tmp_path: Path) -> None:
    """A part that unpacks to far more than any document: refused in one line when it is XML,
    never unpacked when it is a binary part (a picture)."""
    import zipfile

    from vanban.core.errors import InputError
    from vanban.readers.docx import MAX_PART_BYTES
    from vanban.readers.registry import read_file

    source = tmp_path / "source.docx"
    document = docx.Document()
    document.add_paragraph("Thực hiện Kế hoạch số 5-KH/TU, ngày 01/02/2023.")
    document.save(str(source))
    zeros = b"\0" * (MAX_PART_BYTES + 1024)
    picture = tmp_path / "picture.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(picture, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr("word/media/huge.bin", zeros)
    assert "5-KH/TU" in read_file(picture).text
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr("customXml/item9.xml", zeros)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(InputError) as raised:
        read_file(bomb)
    assert str(raised.value) == (
        f"{bomb}: part customXml/item9.xml unpacks to 64 MB, more than the 64 MB vanban reads "
        "(a damaged or hostile file)"
    )


@pytest.mark.parametrize("line_break", [False, True])
def test_a_header_table_gives_the_issuer_number_and_date(tmp_path: Path, line_break: bool) -> None:
    # The standard header as a Word table: issuer and number left, motto, place and date
    # right; each line a paragraph of its cell, or one paragraph with line breaks.
    document = docx.Document()
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    lines = (["UBND TỈNH BÌNH THUẬN", "SỞ NỘI VỤ", "Số: 125/KH-SNV"],
             ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Phan Thiết, ngày 15 tháng 6 năm 2024"])  # fmt: skip
    for cell, texts in zip((left, right), lines, strict=True):
        if line_break:
            run = cell.paragraphs[0].add_run(texts[0])
            for text in texts[1:]:
                run.add_break()
                run.add_text(text)
        else:
            cell.paragraphs[0].add_run(texts[0])
            for text in texts[1:]:
                cell.add_paragraph(text)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện Quyết định số 30/QĐ-UBND ngày 05/3/2024 của UBND tỉnh.")
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    identity = parse_file(path).identity
    assert identity.symbol is not None
    assert (identity.symbol.canonical, identity.date, identity.issuer) == (
        "125/KH-SNV",
        "2024-06-15",
        "SỞ NỘI VỤ",
    )


def _run(text: str) -> OxmlElement:
    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    return run


def test_content_controls_tracked_changes_and_nested_tables(tmp_path: Path) -> None:
    """What Word keeps apart from plain paragraphs is read, each once: a template's content
    control, a tracked insertion (not the deletion), a table inside a table's cell."""
    document = docx.Document()
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    paragraph = OxmlElement("w:p")
    paragraph.append(_run("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy."))
    content.append(paragraph)
    control.append(content)
    document.element.body.insert(0, control)
    edited = document.add_paragraph("Căn cứ ")
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for change, number in ((inserted, "1"), (deleted, "2")):
        change.set(qn("w:id"), number)
        change.set(qn("w:author"), "Văn phòng")
    inserted.append(_run("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ"))
    gone, gone_words = OxmlElement("w:r"), OxmlElement("w:delText")
    gone_words.text = " và Nghị định số 110/2004/NĐ-CP ngày 08/4/2004"
    gone.append(gone_words)
    deleted.append(gone)
    edited._p.append(inserted)
    edited._p.append(deleted)
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Nơi nhận"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Theo Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị."
    path = tmp_path / "du-thao.docx"
    document.save(str(path))
    doc = parse_file(path)
    assert [(r.symbol.canonical, r.date) for r in doc.references] == [
        ("155-KH/TU", "2023-06-15"),
        ("30/2020/NĐ-CP", "2020-03-05"),
        ("35-CT/TW", "2019-05-30"),
    ]


def test_text_boxes_once_and_endnotes_as_notes(tmp_path: Path) -> None:
    """A text box is read once, its lines apart from the paragraph that anchors it (Word keeps
    a second copy of it for older readers); an endnote's body is read like a footnote's."""
    from docx.oxml import parse_xml

    document = docx.Document()
    anchor = document.add_paragraph("Trước hộp chữ.")
    box = (
        "<w:txbxContent><w:p><w:r><w:t>Theo Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính"
        " trị.</w:t></w:r></w:p></w:txbxContent>"
    )
    anchor._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility'
            '/2006"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f"{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    noted = document.add_paragraph("Tiếp tục thực hiện các văn bản của cấp trên")
    run, mark = OxmlElement("w:r"), OxmlElement("w:endnoteReference")
    mark.set(qn("w:id"), "1")
    run.append(mark)
    noted._p.append(run)
    noted.add_run(" trong năm 2024.")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes xmlns:w="{W}">'
        '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kế'
        " hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.</w:t></w:r></w:p>"
        "</w:endnote></w:endnotes>"
    )
    add_notes(document, "endnotes", xml)
    path = tmp_path / "bao-cao.docx"
    document.save(str(path))
    doc = parse_file(path)
    assert [(r.symbol.canonical, r.date, r.footnote) for r in doc.references] == [
        ("35-CT/TW", "2019-05-30", None),
        ("155-KH/TU", "2023-06-15", 1),
    ]
    assert [(f.number, " ".join(f.text.split())) for f in doc.footnotes] == [
        (1, "Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.")
    ]
