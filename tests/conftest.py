from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

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


def _forget_the_library() -> None:
    """The command line as a new process has it: none of the library's names, until a command
    imports what it uses (a query imports less than the rest)."""
    cli = sys.modules.get("vanban.cli")
    if cli is not None:
        for names in cli.LIBRARY.values():
            for entry in names:
                name, _as, alias = entry.partition(" as ")
                vars(cli).pop(alias or name, None)


class FreshRunner(CliRunner):
    """Runs each command as a new process would, with only the library it imports itself."""

    def invoke(self, *args: Any, **kwargs: Any) -> Result:
        _forget_the_library()
        return super().invoke(*args, **kwargs)


@pytest.fixture
def runner() -> CliRunner:
    return FreshRunner()


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
