"""The README's examples are real: each ``$ vanban ...`` block is run and its output compared.

Set VANBAN_UPDATE_GOLDENS=1 to rewrite the outputs in README.md after a deliberate change.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from vanban.cli import app

from .conftest import ROOT

README = ROOT / "README.md"
BLOCK = regex.compile(r"```console\n\$ (?P<command>vanban [^\n]*)\n(?P<output>.*?)```", regex.S)


SECONDS = regex.compile(r"(?<=, )\d+\.\d s$", regex.M)
"""The time a run took, at the end of its summary line: not the same twice."""


def _timeless(output: str) -> str:
    return SECONDS.sub("… s", output)


def run(command: str, workdir: Path) -> str:
    words = shlex.split(command)[1:]
    result = CliRunner().invoke(app, words, env={"COLUMNS": "100"})
    return result.output


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_examples(workdir: Path) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 5
    updated = text
    for block in blocks:
        output = run(block["command"], workdir)
        if os.environ.get("VANBAN_UPDATE_GOLDENS") == "1":
            updated = updated.replace(
                block.group(), f"```console\n$ {block['command']}\n{output}```", 1
            )
        else:
            assert _timeless(output) == _timeless(block["output"]), block["command"]
    if updated != text:
        README.write_text(updated, encoding="utf-8")


def test_every_command_is_in_the_readme_and_has_help() -> None:
    text = README.read_text(encoding="utf-8")
    runner = CliRunner()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"vanban {name}" in text, name
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_every_command_help_ends_with_real_examples() -> None:
    from vanban.cli import EXAMPLES

    runner = CliRunner()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert name in EXAMPLES, name
        assert all(example.startswith(f"vanban {name} ") for example in EXAMPLES[name])
        text = " ".join(runner.invoke(app, [name, "-h"], env={"COLUMNS": "200"}).stdout.split())
        assert "Examples:" in text, name
        assert EXAMPLES[name][0] in text, name
