"""What a clerk on Windows meets: output redirected in the ANSI code page, the language of the
system, old .doc files without Unix tools (tests/test_readers.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from vanban.core.i18n import chosen_language, system_language

from .conftest import SAMPLES, SEED


def _vanban(*words: str, cwd: Path, encoding: str = "cp1252") -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    environ.pop("VANBAN_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "vanban", *words], capture_output=True, cwd=cwd, env=environ
    )


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258", "ascii"])
def test_output_redirected_in_a_code_page_is_utf8(tmp_path: Path, encoding: str) -> None:
    """``vanban list graph.yaml > out.txt`` on Windows: the output's encoding is the ANSI code
    page, which cannot write "Kế hoạch"; the file gets UTF-8, whole."""
    made = _vanban("parse", str(SAMPLES), "-o", "graph.yaml", cwd=tmp_path, encoding=encoding)
    assert made.returncode == 0, made.stderr.decode("utf-8", "replace")
    listed = _vanban("list", "graph.yaml", cwd=tmp_path, encoding=encoding)
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    lines = listed.stdout.decode("utf-8").splitlines()
    assert any(line.startswith("155-KH/TU ") and "Kế hoạch" in line for line in lines)
    parsed = _vanban("parse", str(SEED), cwd=tmp_path, encoding=encoding)
    assert "issuer: Ban Thường vụ Thị ủy\n" in parsed.stdout.decode("utf-8")
    checked = _vanban("check", str(SEED), cwd=tmp_path, encoding=encoding)
    assert checked.returncode == 0
    assert "undated reference to Quy định 185-QĐ/TW" in checked.stdout.decode("utf-8")


def test_messages_redirected_in_a_code_page_are_utf8(tmp_path: Path) -> None:
    missing = _vanban("--lang", "vi", "list", "khong-co.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.decode("utf-8") == "Lỗi: khong-co.yaml: không có tệp này\n"


VIETNAMESE, ENGLISH_US = 0x042A, 0x0409
"""Windows language ids of Vietnamese and English (United States)."""


def _failing() -> int:
    raise OSError("no such function")


@pytest.mark.parametrize(
    ("environ", "platform", "ui_language", "expected"),
    [
        ({}, "win32", lambda: VIETNAMESE, "vi"),  # Windows sets no LANG
        ({}, "win32", lambda: ENGLISH_US, "en"),
        ({}, "win32", _failing, "en"),
        ({"VANBAN_LANG": "en"}, "win32", lambda: VIETNAMESE, "en"),  # asked for wins
        ({"LANG": "en_US.UTF-8"}, "win32", lambda: VIETNAMESE, "en"),
        ({}, "linux", lambda: VIETNAMESE, "en"),  # elsewhere the locale's variables say it
        ({"LANG": "vi_VN.UTF-8"}, "linux", _failing, "vi"),
    ],
)
def test_the_language_of_the_users_windows(
    environ: dict[str, str], platform: str, ui_language: Callable[[], int], expected: str
) -> None:
    assert chosen_language((), environ, platform, ui_language) == expected


def test_the_system_language_is_asked_only_on_windows() -> None:
    assert system_language("win32", lambda: VIETNAMESE) == "vi"
    assert system_language("darwin", lambda: VIETNAMESE) is None
