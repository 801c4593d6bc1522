"""Legacy encodings: each round-trips the seed to the same references; detection on the bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban import parse_file, parse_text
from vanban.cli import app
from vanban.readers import legacy

from .conftest import SEED

# Characters the legacy code pages do not have: markers as [n], plain dashes and quotes.
PLAIN = {"⁽¹⁾": "[1]", "⁽²⁾": "[2]", "⁽³⁾": "[3]", "–": "-", "“": '"', "”": '"'}


def seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in PLAIN.items():
        text = text.replace(old, new)
    return text


def facts(doc_references: tuple) -> list[tuple[str, str | None, int | None, str | None]]:  # type: ignore[type-arg]
    return [(r.symbol.canonical, r.date, r.footnote, r.issuer) for r in doc_references]


@pytest.mark.parametrize("encoding", ["windows-1258", "tcvn3", "vni", "utf-16", "utf-8-sig"])
def test_seed_round_trips(encoding: str, tmp_path: Path) -> None:
    text = seed_text()
    path = tmp_path / f"seed-{encoding}.txt"
    data = text.encode(encoding) if encoding.startswith("utf") else legacy.encode(text, encoding)
    path.write_bytes(data)
    expected = facts(parse_text(text).references)
    assert len(expected) == 41
    assert facts(parse_file(path).references) == expected


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_detection_on_the_bytes(encoding: str) -> None:
    data = legacy.encode(seed_text(), encoding)
    found = legacy.detect(data)
    assert found is not None
    assert found[0] == encoding


# fmt: off
@pytest.mark.parametrize(("raw", "encoding", "expected"), [
    ("Uû ban nh©n d©n", "tcvn3", "uỷ ban nhân dân"),
    ("Toµ ¸n nh©n d©n céng hoµ x· héi chñ nghÜa viÖt nam", "tcvn3",
     "toà án nhân dân cộng hoà xã hội chủ nghĩa việt nam"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Caên cöù Luaät Toå chöùc HÑND vaø UBND", "vni", "Căn cứ Luật Tổ chức HĐND và UBND"),
])
# fmt: on
def test_real_legacy_strings(raw: str, encoding: str, expected: str) -> None:
    decoded = legacy.decode(raw.encode("latin-1"), encoding)
    assert decoded.lower() == expected.lower()


def test_windows_1258_tone_marks_are_composed() -> None:
    data = legacy.encode("Nghị quyết", "windows-1258")
    assert data == b"Nghi\xf2 quy\xea\xect"  # base letters, then combining tones
    assert legacy.decode(data, "cp1258") == "Nghị quyết"


def test_forced_encoding_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy.encode("Thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.", "vni"))
    result = runner.invoke(app, ["parse", str(path), "--encoding", "vni", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"issuer": "Thị ủy"' in result.stdout
    result = runner.invoke(app, ["parse", str(path), "--encoding", "ebcdic-vn"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --encoding 'ebcdic-vn': vanban reads utf-8, utf-16, windows-1258, tcvn3, vni\n"
    )
