"""Every command speaks Vietnamese when asked: --lang vi, VANBAN_LANG=vi or a Vietnamese locale.

The interface's language is chosen when vanban starts, so these run it as a user does, in a
process of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban.cli import app

from .conftest import SAMPLES, SEED


def vanban(*words: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", **environ})
    return subprocess.run(
        [sys.executable, "-m", "vanban", *words],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


# fmt: off
@pytest.mark.parametrize(("words", "environ"), [
    (["--lang", "vi", "list", str(SEED)], {}),
    (["list", str(SEED)], {"VANBAN_LANG": "vi"}),
    (["list", str(SEED)], {"LANG": "vi_VN.UTF-8"}),
])
# fmt: on
def test_list_in_vietnamese(words: list[str], environ: dict[str, str]) -> None:
    result = vanban(*words, **environ)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Số,", "ký", "hiệu", "Loại", "Ngày", "Cơ", "quan", "ban", "hành", "Lần", "dẫn", "Bởi", "Đã", "đọc"]
    assert lines[-1] == "41 văn bản"


def test_help_show_stats_and_errors_in_vietnamese(tmp_path: Path) -> None:
    helped = vanban("check", "--help", VANBAN_LANG="vi")
    assert "Kiểm tra tham chiếu như một công cụ soát lỗi" in helped.stdout
    assert "Tùy chọn" in helped.stdout and "Ví dụ:" in helped.stdout
    shown = vanban("--lang", "vi", "show", "155-KH/TU", str(SEED))
    assert "\n  loại:        Kế hoạch\n" in shown.stdout and "\nĐược dẫn 1 lần:\n" in shown.stdout
    stats = vanban("stats", str(SAMPLES), VANBAN_LANG="vi")
    assert stats.stdout.startswith("đã đọc 5 tệp, ")
    assert "Tham chiếu chưa ghi ngày:" in stats.stdout
    checked = vanban("--lang", "vi", "check", str(SEED))
    assert checked.stdout.endswith("0 lỗi, 5 cảnh báo, 0 thông tin trong 1/1 tệp\n")
    missing = vanban("list", str(tmp_path / "khong-co.yaml"), VANBAN_LANG="vi")
    assert (missing.returncode, missing.stderr) == (
        2,
        f"Lỗi: {tmp_path / 'khong-co.yaml'}: không có tệp này\n",
    )
    english = vanban("list", str(SEED), LANG="en_US.UTF-8")
    assert english.stdout.splitlines()[0].startswith("Symbol")


def test_every_command_reads_the_settings(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "vanban.toml").write_text('lang = "vi"\n', encoding="utf-8")
    listed = runner.invoke(app, ["list", str(SEED)])
    assert listed.stdout.splitlines()[-1] == "41 văn bản"
    english = runner.invoke(app, ["--lang", "en", "list", str(SEED)])
    assert english.stdout.splitlines()[-1] == "41 document(s)"
    (in_tmp / "vanban.toml").write_text("lang = 5\n", encoding="utf-8")
    for command in (["stats", str(SEED)], ["schema"], ["rule", "VB101"]):
        result = runner.invoke(app, command)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error: {in_tmp / 'vanban.toml'}: lang = 5: give one of 'en', 'vi'\n",
        ), command



# fmt: off
@pytest.mark.parametrize(("setting", "said"), [
    ('strict = "no"', "strict = 'no': hãy ghi true hoặc false"),
    ('lang = "fr"', "lang = 'fr': hãy ghi một trong các giá trị 'en', 'vi'"),
    ('select = ["VB999"]', "select = ['VB999']: không có quy tắc 'VB999'"),
    ("register = 5", "register = 5: hãy ghi một tệp hoặc danh sách tệp, ví dụ [\"so-dang-ky.xlsx\"]"),
    ('register-columns = ""', "register-columns = '': hãy ghi các cột dạng văn bản, ví dụ \"symbol=B,date=C,title=D\""),
    ("ignore = 3", "ignore = 3: hãy ghi mã hoặc tên quy tắc, ví dụ [\"VB101\", \"broken-reference\"]"),
])
# fmt: on
def test_a_wrong_setting_is_said_in_vietnamese(
    runner: CliRunner, in_tmp: Path, setting: str, said: str
) -> None:
    (in_tmp / "vanban.toml").write_text(setting + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--lang", "vi", "check", str(SEED)])
    assert (result.exit_code, result.stderr) == (2, f"Lỗi: {in_tmp / 'vanban.toml'}: {said}\n")

def test_an_unreadable_document_is_said_in_vietnamese(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "hong.txt").write_bytes(b"\x00\x01 binary")
    result = runner.invoke(app, ["--lang", "vi", "check", "hong.txt"])
    assert (result.exit_code, result.stderr) == (2, "Lỗi: hong.txt: tệp nhị phân, không phải văn bản\n")
    english = runner.invoke(app, ["check", "hong.txt"])
    assert english.stderr == "Error: hong.txt: binary file, not a text document\n"


def test_a_batch_says_what_it_skipped_in_vietnamese(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    for number in range(16):  # enough files for worker processes
        (folder / f"kl-{number:02d}.txt").write_text(SEED.read_text(encoding="utf-8"), "utf-8")
    (folder / "hong.txt").write_bytes(b"\x00\x01\x02" * 100)
    for workers in ("1", "2"):  # said in this process, and from a worker process
        done = vanban("--lang", "vi", "parse", str(folder), "--workers", workers, "-o",
                      str(tmp_path / "g.yaml"))
        assert done.returncode == 2
        assert f"bỏ qua: {folder / 'hong.txt'}: tệp nhị phân, không phải văn bản" in done.stderr
    missing = vanban("--lang", "vi", "parse", str(tmp_path / "khong-co"))
    assert missing.stderr == f"Lỗi: {tmp_path / 'khong-co'}: không có tệp hay thư mục này\n"


def test_findings_places_and_shares_speak_vietnamese(runner: CliRunner) -> None:
    from .conftest import ROOT

    pdf = str(ROOT / "tests" / "fixtures" / "seed.pdf")
    checked = runner.invoke(app, ["--lang", "vi", "check", pdf])
    assert checked.stdout.splitlines()[0] == (
        f"{pdf}:200:39 (trang 5, dòng 12): VB101 cảnh báo: tham chiếu Quy định 185-QĐ/TW chưa "
        "ghi ngày ban hành"
    )
    english = runner.invoke(app, ["--lang", "en", "check", pdf])
    assert english.stdout.splitlines()[0].startswith(
        f"{pdf}:200:39 (page 5, line 12): VB101 warning: "
    )
    stats = runner.invoke(app, ["--lang", "vi", "stats", pdf])
    assert "Tham chiếu chưa ghi ngày: 5 (12,2%)" in stats.stdout.splitlines()
    assert "Undated references: 5 (12.2%)" in runner.invoke(app, ["stats", pdf]).stdout


def test_list_dates_for_people_in_vietnamese_iso_for_programs(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["--lang", "vi", "list", str(SAMPLES)])
    assert "32-CT/TU         Chỉ thị                05/06/2023  Ban Thường vụ Thị ủy" in listed.stdout
    english = runner.invoke(app, ["--lang", "en", "list", str(SAMPLES)])
    assert "2023-06-05" in english.stdout
    machine = runner.invoke(app, ["--lang", "vi", "list", str(SAMPLES), "-f", "csv"])
    assert "32-CT/TU,32-CT/TU,Chỉ thị,2023-06-05," in machine.stdout


CLICK_ENGLISH = (
    "Usage:", "Show this message and exit.", "Options", "Arguments", "Commands", "<str>",
    "<int", "<bool>", "<path>", "list[Path]", "list[str]", "Install completion",
    "Show completion", "[default:", "[required]", "[OPTIONS]", "COMMAND [ARGS]",
)
"""What typer and click write in English around vanban's own words."""


def test_every_help_speaks_vietnamese_to_the_end() -> None:
    commands = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert len(commands) >= 12
    for words in [[], *([name] for name in commands)]:
        helped = vanban("--lang", "vi", *words, "--help", COLUMNS="200")
        assert helped.returncode == 0, (words, helped.stderr)
        left = [english for english in CLICK_ENGLISH if english in helped.stdout]
        assert left == [], (words, left)
        assert "Cách dùng: " in helped.stdout and "Tùy chọn" in helped.stdout
    listed = vanban("--lang", "vi", "--help", COLUMNS="200").stdout
    check_line = next(line for line in listed.splitlines() if "│ check " in line)
    assert "ngày không có thật, mâu thuẫn, chú thích;" in check_line  # one line, not cut at "thật,"


# fmt: off
@pytest.mark.parametrize(("words", "said"), [
    (["list", str(SEED), "--bogus"], "Không có tùy chọn --bogus"),
    (["show"], "Thiếu tham số 'document'."),
    (["frob"], "Không có lệnh 'frob'."),
    (["list", str(SEED), "--year", "abc"], "Giá trị không hợp lệ cho '--year': phải là một số nguyên"),
    (["list", str(SEED), "--sort", "xx"], "Giá trị không hợp lệ cho '--sort': 'xx' không phải một trong các giá trị 'symbol', 'date', 'citations'."),
    (["parse", "-j", "0", str(SEED)], "Giá trị không hợp lệ cho '--workers' / '-j': phải lớn hơn hoặc bằng 1"),
    (["list", str(SEED), "--kind"], "Tùy chọn '--kind' cần một giá trị."),
    (["list", str(SEED), "--undated=3"], "Tùy chọn '--undated' không nhận giá trị."),
])
# fmt: on
def test_a_command_line_that_cannot_be_used_is_said_in_vietnamese(words: list[str], said: str) -> None:
    result = vanban("--lang", "vi", *words, COLUMNS="200")
    assert result.returncode == 2
    assert said in result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr
    english = vanban("--lang", "en", *words, COLUMNS="200")
    assert english.returncode == 2 and "─ Error ─" in english.stderr


def test_a_cards_family_and_date_and_a_pictures_relations_in_vietnamese(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["--lang", "vi", "show", "155-KH/TU", str(SEED)])
    assert "\n  khối:        Đảng\n" in shown.stdout and "\n  ngày:        15/06/2023\n" in shown.stdout
    english = runner.invoke(app, ["--lang", "en", "show", "155-KH/TU", str(SEED)])
    assert "\n  family:  party\n" not in english.stdout and "Party" in english.stdout
    drawn = runner.invoke(app, ["--lang", "vi", "graph", str(SEED), "--format", "mermaid"])
    assert "|thực hiện|" in drawn.stdout and "|implements|" not in drawn.stdout
    explained = runner.invoke(app, ["--lang", "vi", "rule", "VB112"])
    assert "(sổ đăng ký: 158-KH/TU ngày 21/7/2023)" in explained.stdout
