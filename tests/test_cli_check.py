from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app

from .conftest import SEED

BROKEN = """\
KẾT LUẬN

Ngày 08/12/2023, Ban Chấp hành Đảng bộ thị xã đã họp và kết luận:

1. Thực hiện Kế hoạch số 157-KH, ngày 12/7/2023 của Thị ủy.

2. Thực hiện Kế hoạch số 155-KH/TU, ngày 31/02/2023 của Ban Thường vụ Thị ủy.
"""


def write(tmp_path: Path, text: str, name: str = "du-thao.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_passes_with_warnings(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"{SEED}:82:235: VB101 warning: undated reference to Quy định 185-QĐ/TW"
    )
    assert result.stdout.splitlines()[-1] == "0 error(s), 5 warning(s), 0 info in 1 of 1 file(s)"


def test_strict_fails_on_warnings(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", str(SEED), "--strict"]).exit_code == 1


def test_errors_exit_1_with_text_output(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:5:14: VB102 error: symbol '157-KH' has no issuer code after the kind code"
        ' (e.g. "-KH/TU")\n'
        "    Kế hoạch số 157-KH\n"
        "    -> complete the number and symbol\n"
        f"{path}:7:14: VB103 error: Kế hoạch 155-KH/TU: 31/02/2023 is not a date\n"
        "    Kế hoạch số 155-KH/TU, ngày 31/02/2023\n"
        "    -> check the day, month and year\n"
        "\n"
        "2 error(s), 0 warning(s), 0 info in 1 of 1 file(s)\n"
    )


def test_json_contract(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"] == {
        "errors": 2,
        "warnings": 0,
        "info": 0,
        "files": 1,
        "files_with_findings": 1,
    }
    assert set(data["findings"][0]) == {
        "code",
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "symbol",
        "footnote",
        "suggestion",
        "text",
        "where",
        "fix",
        "safe_fix",
    }
    assert [(f["code"], f["rule"]) for f in data["findings"]] == [
        ("VB102", "broken-reference"),
        ("VB103", "impossible-date"),
    ]


def test_github_annotations(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(app, ["check", str(path), "--format", "github", "--select", "VB103"])
    assert result.stdout == (
        f"::error file={path},line=7,col=14,endLine=7,endColumn=52,title=VB103 impossible-date::"
        "Kế hoạch 155-KH/TU: "
        "31/02/2023 is not a date (check the day, month and year)\n"
    )


def test_vietnamese_and_ignore(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(
        app, ["check", str(path), "--lang", "vi", "--ignore", "broken-reference"]
    )
    assert result.stdout.splitlines() == [
        f"{path}:7:14: VB103 lỗi: Kế hoạch 155-KH/TU: ngày 31/02/2023 không tồn tại",
        "    Kế hoạch số 155-KH/TU, ngày 31/02/2023",
        "    -> kiểm tra lại ngày, tháng, năm",
        "",
        "1 lỗi, 0 cảnh báo, 0 thông tin trong 1/1 tệp",
    ]


def test_locale_chooses_vietnamese(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(
        app, ["check", str(path), "--select", "VB103"], env={"LANG": "vi_VN.UTF-8"}
    )
    assert "không tồn tại" in result.stdout


def test_settings_from_pyproject(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.vanban]\nignore = ["VB102"]\nlang = "vi"\n', encoding="utf-8"
    )
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = write(folder, BROKEN)
    result = runner.invoke(app, ["check", str(path)])
    assert result.stdout.splitlines()[-1] == "1 lỗi, 0 cảnh báo, 0 thông tin trong 1/1 tệp"


def test_settings_from_vanban_toml_and_unknown_key(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "vanban.toml").write_text('strict = true\ncolour = "red"\n', encoding="utf-8")
    path = write(tmp_path, BROKEN)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'vanban.toml'}: unknown setting(s) colour; "
        "known: ignore, lang, per-file-ignores, register, register-columns, require-resolved, select, strict\n"
    )


def test_unknown_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(SEED), "--select", "VB999"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown rule 'VB999'; rules: VB101 (undated-reference)")


def test_unusable_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file or folder\n"


def test_statistics_exit_zero_and_output_file(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN + "\n3. Theo Kế hoạch số 12-KH/TU và Nghị quyết số 21-NQ/TW.\n")
    result = runner.invoke(app, ["check", str(path), "--statistics"])
    assert (result.exit_code, result.stdout) == (
        1,
        "    2  VB101  undated-reference (warning)\n"
        "    1  VB102  broken-reference (error)\n"
        "    1  VB103  impossible-date (error)\n"
        "    1  VB111  ambiguous-identity (info)\n"
        "2 error(s), 2 warning(s), 1 info in 1 of 1 file(s)\n",
    )
    report = tmp_path / "report.txt"
    quiet = runner.invoke(app, ["check", str(path), "--exit-zero", "--output-file", str(report)])
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    assert report.read_text(encoding="utf-8").endswith(
        "2 error(s), 2 warning(s), 1 info in 1 of 1 file(s)\n"
    )


def test_standard_input_is_checked(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["check", "-", "--stdin-name", "du-thao.txt"],
        input="Thực hiện Kế hoạch số 155-KH/TU, ngày 31/02/2023.\n".encode(),
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "du-thao.txt:1:11: VB103 error: Kế hoạch 155-KH/TU: 31/02/2023 is not a date"
    )


def test_a_missing_input_fails_after_the_others_are_checked(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = write(
        tmp_path, "Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.\n", "good.txt"
    )
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["check", str(good), str(missing)])
    assert result.exit_code == 2
    assert result.stdout == "0 error(s), 0 warning(s), 0 info in 0 of 1 file(s)\n"
    assert result.stderr == (
        f"skipped: {missing}: no such file or folder\nError: 1 input(s) could not be read\n"
    )


def test_rule_explains_itself_in_both_languages(runner: CliRunner) -> None:
    english = runner.invoke(app, ["rule", "undated-reference", "--lang", "en"])
    assert english.stdout.splitlines()[0] == "VB101 undated-reference (warning)"
    assert english.stdout.splitlines()[3].startswith("Fires on: Tiếp tục thực hiện Kế hoạch số")
    vietnamese = runner.invoke(app, ["rule", "VB111", "--lang", "vi"])
    assert vietnamese.stdout.splitlines()[1].startswith("Kiểm tra: Ký hiệu TU (hoặc HU)")
    every = runner.invoke(app, ["rule", "--all"])
    assert every.stdout.count(" (warning)\n") + every.stdout.count(" (error)\n") == 14
    unknown = runner.invoke(app, ["rule", "VB999"])
    assert unknown.exit_code == 2


# fmt: off
SETTINGS = [
    ('select = "VB103"', 1, "VB103"),
    ('select = ["broken-reference"]', 1, "VB102"),
    ('strict = "no"', 2, "strict = 'no': give true or false"),
    ('lang = "fr"', 2, "lang = 'fr': give one of 'en', 'vi'"),
    ('select = ["VB999"]', 2, "select = ['VB999']: unknown rule 'VB999'"),
    ("ignore = 5", 2, 'ignore = 5: give rule codes or names, e.g. ["VB101", "broken-reference"]'),
]
# fmt: on


@pytest.mark.parametrize(("line", "code", "expected"), SETTINGS)
def test_settings_are_type_checked(
    runner: CliRunner, tmp_path: Path, line: str, code: int, expected: str
) -> None:
    (tmp_path / "vanban.toml").write_text(line + "\n", encoding="utf-8")
    path = write(tmp_path, BROKEN)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == code
    if code == 2:
        assert result.stderr == f"Error: {tmp_path / 'vanban.toml'}: {expected}\n"
    else:
        found = {
            line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if ": VB" in line
        }
        assert found == {expected}


def test_json_output_follows_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads(runner.invoke(app, ["schema", "--findings"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    path = write(tmp_path, BROKEN)
    for target in (str(path), str(SEED)):
        data = json.loads(runner.invoke(app, ["check", target, "--format", "json"]).stdout)
        assert data["findings"]
        jsonschema.validate(data, schema)
    broken = {"findings": [{"code": "VB101"}], "summary": {}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_the_cli_has_one_error_boundary_and_short_commands() -> None:
    import ast

    from .conftest import ROOT

    source = (ROOT / "src" / "vanban" / "cli.py").read_text(encoding="utf-8")
    assert source.count("except VanbanError") == 1  # in _Commands.invoke
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            statements = node.body
            if isinstance(statements[0], ast.Expr) and isinstance(
                statements[0].value, ast.Constant
            ):
                statements = statements[1:]  # the docstring
            if not statements:
                continue
            length = (node.end_lineno or 0) - statements[0].lineno + 1
            assert length <= 25, f"{node.name}: {length} lines"


def test_an_error_in_any_command_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "graph.yaml"
    graph.write_text("version: 1\nsources: 5\n", encoding="utf-8")
    for command in (
        ["list"],
        ["stats"],
        ["check"],
        ["export"],
        ["search", "x"],
        ["graph"],
        ["site", "-o", str(tmp_path / "kho")],
    ):
        result = runner.invoke(app, [*command, str(graph)])
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {graph}: "), (
            command
        )


def test_a_copy_of_a_document_is_checked_once(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "ket-luan.txt").write_text(text, encoding="utf-8")
    (folder / "ket-luan-ban-word.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    paths = {line.split(":")[0] for line in result.stdout.splitlines() if ": VB" in line}
    assert paths == {str(folder / "ket-luan-ban-word.txt")}  # the first in order is the original
    assert result.stdout.splitlines()[-1] == "0 error(s), 5 warning(s), 0 info in 1 of 2 file(s)"


def test_the_help_starts_without_the_library() -> None:
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-c", "import sys, vanban.cli; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'vanban.cli'" in shown
    for layer in ("parser", "graph", "query", "checks", "app", "register", "output"):
        assert f"'vanban.{layer}" not in shown, layer
