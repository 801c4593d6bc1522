from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "ket-luan-thi-uy-la-gi-2023-12-08.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_DOCS = ROOT.parent / "shared" / "corpus-docs"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def corpus_available() -> bool:
    return CORPUS.is_dir() and any(CORPUS.glob("*.txt"))


needs_corpus = pytest.mark.skipif(
    not corpus_available() or os.environ.get("VANBAN_NO_CORPUS") == "1",
    reason="../shared/corpus is not present",
)
