"""Golden files: each sample's graph, compared byte for byte with samples/<name>.expected.yaml.

Set VANBAN_UPDATE_GOLDENS=1 to rewrite them after a deliberate change, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from vanban import build_graph, parse_text
from vanban.storage.graph_file import dump_yaml, parse_graph

from .conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def render(path: Path) -> str:
    doc = parse_text(path.read_text(encoding="utf-8"), path=f"samples/{path.name}")
    return dump_yaml(build_graph([doc]).to_dict())


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_golden(sample: Path) -> None:
    golden = sample.with_suffix(".expected.yaml")
    text = render(sample)
    if os.environ.get("VANBAN_UPDATE_GOLDENS") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {sample.name}; run with VANBAN_UPDATE_GOLDENS=1"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_same_input_same_bytes(sample: Path) -> None:
    assert render(sample) == render(sample)


def test_golden_loads_back(tmp_path: Path) -> None:
    golden = SAMPLE_FILES[0].with_suffix(".expected.yaml")
    graph = parse_graph(golden.read_bytes(), golden)  # paths as the file has them
    assert graph.version == 1
    assert graph.to_dict() == yaml.safe_load(golden.read_text(encoding="utf-8"))


def test_there_are_samples_of_each_form() -> None:
    kinds = {parse_text(p.read_text(encoding="utf-8")).identity.kind for p in SAMPLE_FILES}
    assert {"Kết luận", "Kế hoạch", "Quyết định", "Công văn", "Báo cáo"} <= kinds
