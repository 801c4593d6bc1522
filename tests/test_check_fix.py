"""`vanban check --fix`, `--diff` and `--unsafe-fixes`: the safe fixes applied in place, in a
text file and inside the runs of a Word file; guesses only when asked; a PDF never changed."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import docx
from typer.testing import CliRunner

from vanban.app.fixes import edit_runs, file_hash, fix_files, word_paragraphs
from vanban.checks.findings import Finding
from vanban.cli import app

from .conftest import ROOT

SAMPLES = ROOT / "samples"
REGISTER_ROW = "155-KH/TU,15/6/2023,Kế hoạch thực hiện Kết luận số 34-KL/TW,Ban Thường vụ Thị ủy"
HEADER = '"Số, ký hiệu",Ngày ban hành,Trích yếu nội dung,Cơ quan ban hành\n'
DRAFT = (
    "Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban Thường vụ Thị ủy.\n"
    "Thực hiện Hướng dẫn số 12- HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức Trung ương.\n"
)
FIXED = (
    "Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.\n"
    "Thực hiện Hướng dẫn số 12-HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức Trung ương.\n"
)


def _register(folder: Path, *rows: str) -> Path:
    path = folder / "so.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_fix_dates_a_reference_from_the_register_and_joins_a_spaced_symbol(
    runner: CliRunner, tmp_path: Path
) -> None:
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    register = _register(tmp_path, REGISTER_ROW)
    listed = runner.invoke(app, ["check", str(draft), "--register", str(register)])
    assert f"{draft}:1:20: VB101 warning [*]: undated reference to Kế hoạch 155-KH/TU" in (
        listed.stdout
    )
    assert "VB116 info [*]: '12- HD/BTCTW' is written with spaces" in listed.stdout
    assert listed.stdout.endswith("in 1 of 1 file(s); 2 fixable with --fix\n")
    shown = runner.invoke(app, ["check", str(draft), "--register", str(register), "--diff"])
    assert shown.exit_code == 1
    assert "-Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban" in shown.stdout
    assert "+Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban" in shown.stdout
    assert draft.read_text(encoding="utf-8") == DRAFT  # --diff writes nothing
    fixed = runner.invoke(app, ["check", str(draft), "--register", str(register), "--fix"])
    assert fixed.exit_code == 0
    assert draft.read_text(encoding="utf-8") == FIXED
    assert "2 fix(es) applied" in fixed.stderr
    assert fixed.stdout.endswith("0 error(s), 0 warning(s), 0 info in 0 of 1 file(s)\n")


def test_a_guess_is_applied_only_with_unsafe_fixes(runner: CliRunner, tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.txt"
    text = "Thực hiện Kế hoạch số 515-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.\n"
    draft.write_text(text, encoding="utf-8")
    register = _register(tmp_path, REGISTER_ROW)
    args = ["check", str(draft), "--register", str(register), "--select", "VB113"]
    listed = runner.invoke(app, args)
    assert "VB113 warning [unsafe fix]: 515-KH/TU is not in the register" in listed.stdout
    assert listed.stdout.endswith("; 1 more with --unsafe-fixes\n")
    runner.invoke(app, [*args, "--fix"])
    assert draft.read_text(encoding="utf-8") == text
    runner.invoke(app, [*args, "--fix", "--unsafe-fixes"])
    assert draft.read_text(encoding="utf-8") == text.replace("515-KH/TU", "155-KH/TU")


def test_a_file_changed_since_it_was_read_or_a_pdf_is_not_modified(tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    pdf = tmp_path / "du-thao.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    finding = Finding(
        "VB116", "spaced-symbol", "info", "m", str(draft), 2, "12-HD/BTCTW", None, None,
        "Hướng dẫn số 12- HD/BTCTW", column=11, fix="Hướng dẫn số 12-HD/BTCTW", safe_fix=True,
    )  # fmt: skip
    on_pdf = replace(finding, path=str(pdf))
    hashes = {str(draft): "0" * 64, str(pdf): file_hash(pdf)}
    results = fix_files([finding, on_pdf], hashes)
    assert [(r.path, r.refused, r.fixed) for r in results] == [
        (str(pdf), "not-editable", []),
        (str(draft), "changed", []),
    ]
    assert draft.read_text(encoding="utf-8") == DRAFT
    hashes[str(draft)] = file_hash(draft)
    assert [r.fixed for r in fix_files([finding], hashes)] == [[finding]]
    assert draft.read_text(encoding="utf-8").splitlines()[1] == FIXED.splitlines()[1]


def test_a_word_fix_edits_inside_the_runs_and_keeps_their_formatting(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "du-thao.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("Tiếp tục thực hiện ")
    bold = paragraph.add_run("Kế hoạch số 155-KH/TU")
    bold.bold = True
    paragraph.add_run(" của Ban Thường vụ Thị ủy.")
    document.add_paragraph("Thực hiện Hướng dẫn số 12- HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức.")
    document.save(str(path))
    register = _register(tmp_path, REGISTER_ROW)
    result = runner.invoke(app, ["check", str(path), "--register", str(register), "--fix"])
    assert result.exit_code == 0, result.output
    reread = docx.Document(str(path))
    first, second = word_paragraphs(reread)[:2]
    assert [(r.text, r.bold) for r in first.runs] == [
        ("Tiếp tục thực hiện ", None),
        ("Kế hoạch số 155-KH/TU, ngày 15/6/2023", True),
        (" của Ban Thường vụ Thị ủy.", None),
    ]
    assert second.text == "Thực hiện Hướng dẫn số 12-HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức."


def test_an_edit_across_runs_changes_only_what_differs() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Hướng dẫn số 12")
    paragraph.add_run("- ").italic = True
    paragraph.add_run("HD/BTCTW")
    edit_runs(paragraph, 0, len(paragraph.text), "Hướng dẫn số 12-HD/BTCTW")
    assert [r.text for r in paragraph.runs] == ["Hướng dẫn số 12", "-", "HD/BTCTW"]


def test_fix_on_a_copy_of_the_samples_leaves_no_fixable_finding(
    runner: CliRunner, tmp_path: Path
) -> None:
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    texts = sorted(str(p) for p in copy.glob("*.txt"))
    register = str(copy / "so-dang-ky-van-ban.csv")
    fixed = runner.invoke(app, ["check", *texts, "--register", register, "--fix"])
    assert "3 fix(es) applied" in fixed.stderr
    again = runner.invoke(app, ["check", *texts, "--register", register, "--format", "json"])
    assert [f for f in json.loads(again.stdout)["findings"] if f["fix"]] == []


def test_sarif_is_valid_sarif_2_1_0(runner: CliRunner, tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT + "Thực hiện Kế hoạch số -KH/TU của Tỉnh ủy.\n", encoding="utf-8")
    register = _register(tmp_path, REGISTER_ROW)
    result = runner.invoke(
        app, ["check", str(draft), "--register", str(register), "--format", "sarif"]
    )
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    [run] = log["runs"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("VB101", "warning"),
        ("VB116", "note"),
        ("VB102", "error"),
    ]
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 20,
        "endLine": 1,
        "endColumn": 41,
        "snippet": {"text": "Kế hoạch số 155-KH/TU"},
    }
    assert first["properties"]["fix"] == "Kế hoạch số 155-KH/TU, ngày 15/6/2023"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][-2:] == ["VB115", "VB116"]


def test_per_file_ignores_leave_rules_out_for_the_files_a_pattern_matches(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "vanban.toml").write_text(
        '[per-file-ignores]\n"luu-tru/*.txt" = ["VB101"]\n"*.md" = ["spaced-symbol"]\n',
        encoding="utf-8",
    )
    (tmp_path / "luu-tru").mkdir()
    old = tmp_path / "luu-tru" / "cu.txt"
    old.write_text(DRAFT, encoding="utf-8")
    new = tmp_path / "du-thao.txt"
    new.write_text(DRAFT, encoding="utf-8")
    result = runner.invoke(app, ["check", str(new), str(old), "--format", "json"])
    found = [(Path(f["path"]).name, f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("du-thao.txt", "VB101"), ("du-thao.txt", "VB116"), ("cu.txt", "VB116")]
    (tmp_path / "vanban.toml").write_text('per-file-ignores = ["VB101"]\n', encoding="utf-8")
    wrong = runner.invoke(app, ["check", str(new)])
    assert wrong.exit_code == 2
    assert "per-file-ignores" in wrong.stderr


def test_fix_leaves_alone_the_rules_per_file_ignores_leaves_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "vanban.toml").write_text(
        '[per-file-ignores]\n"luu-tru/*.txt" = ["VB101"]\n', encoding="utf-8"
    )
    text = (
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Thị ủy.\n\n"
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.\n"
    )
    (tmp_path / "luu-tru").mkdir()
    old = tmp_path / "luu-tru" / "cu.txt"
    old.write_text(text, encoding="utf-8")
    new = tmp_path / "du-thao.txt"
    new.write_text(text, encoding="utf-8")
    shown = runner.invoke(app, ["check", "--diff", str(new), str(old)])
    assert "+Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy." in shown.stdout
    assert "cu.txt" not in shown.stdout
    result = runner.invoke(app, ["check", "--fix", str(new), str(old)])
    assert "1 fix(es) applied" in result.stderr
    assert new.read_text(encoding="utf-8").splitlines()[0] == (
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy."
    )
    assert old.read_text(encoding="utf-8") == text  # VB101 is ignored there: left as it was


def test_comments_write_a_reviewed_copy_that_word_and_libreoffice_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    draft = tmp_path / "du-thao.docx"
    document = docx.Document()
    document.add_paragraph("Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban Thường vụ Thị ủy.")
    document.add_paragraph("Thực hiện Công văn số /UBND-VX ngày 05/8/2025 của UBND tỉnh.")
    document.save(str(draft))
    reviewed = tmp_path / "da-xem.docx"
    register = _register(tmp_path, REGISTER_ROW)
    args = ["check", str(draft), "--register", str(register), "--lang", "vi"]
    result = runner.invoke(app, [*args, "--comments", str(reviewed)])
    assert f"{reviewed}: 2 comment(s) written" in result.stderr
    comments = list(docx.Document(str(reviewed)).comments)
    assert [(c.author, c.text) for c in comments] == [
        (
            "vanban",
            "VB101 tham chiếu Kế hoạch 155-KH/TU chưa ghi ngày ban hành\n"
            "→ sổ đăng ký ghi ngày 15/6/2023 ("
            f'{register}:2): ghi "Kế hoạch số 155-KH/TU, ngày 15/6/2023"\n'
            "sửa: Kế hoạch số 155-KH/TU, ngày 15/6/2023",
        ),
        (
            "vanban",
            'VB102 "Công văn số /UBND-VX" không có số trước /UBND-VX\n'
            "→ ghi đầy đủ số, ký hiệu văn bản",
        ),
    ]
    assert len(list(docx.Document(str(draft)).comments)) == 0  # the draft itself is unchanged
    soffice = shutil.which("soffice")
    if soffice is None:
        return
    import subprocess

    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(reviewed)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "da-xem.pdf").read_bytes().startswith(b"%PDF")
