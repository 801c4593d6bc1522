"""Fuzz the parser and the graph loader with hypothesis at scale.

    python benchmarks/fuzz.py --minutes 10

Each input is bounded in time (hypothesis deadline); anything that raises or times out is
printed with the smallest input hypothesis finds, to become a regression test.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban import build_graph, parse_text
from vanban.checks import run_checks
from vanban.errors import VanbanError
from vanban.query import GraphView, ListFilter, list_documents, stats
from vanban.store import dump_yaml, load_graph

PIECES = st.sampled_from(
    [
        "số ",
        "Số: ",
        "1-KH/",
        "/",
        "-",
        "155-KH/TU",
        "30/2020/NĐ-CP",
        "ngày ",
        "15/6/2023",
        "của ",
        "Ban Thường vụ Thị ủy",
        "⁽¹⁾",
        "⁽²⁾",
        "[2]",
        "\n\n",
        "\n",
        " ",
        "về thực hiện ",
        "Kế hoạch ",
        "Nghị quyết ",
        "khóa XIII",
        "(",
        ")",
        "“",
        "”",
        ",",
        ";",
        ".",
        "²",
        "|",
        "QUYẾT ĐỊNH\n",
        "La Gi, ngày 08 tháng 12 năm 2023",
        "Ngày 08/12/2023, Ban Chấp hành đã họp",
        "thay thế ",
        "sửa đổi, bổ sung ",
        "Quyết định này ",
        "(Kèm theo ",
        "Điều 1. ",
        "II. ",
        "3.3. ",
        "31/02/2023",
    ]
)
TEXT = st.one_of(st.text(max_size=2000), st.lists(PIECES, max_size=200).map("".join))
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def fuzz_parser(examples: int) -> None:
    @settings(
        max_examples=examples, deadline=2000, suppress_health_check=list(HealthCheck), database=None
    )
    @given(TEXT)
    def run(text: str) -> None:
        view = GraphView(build_graph([parse_text(text, path="f.txt")]))
        run_checks(view)
        stats(view)
        list_documents(view, ListFilter(everything=True))

    run()


def fuzz_loader(examples: int, folder: Path) -> None:
    valid = build_graph([parse_text("Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Thị ủy.", "a.txt")])

    @settings(
        max_examples=examples, deadline=2000, suppress_health_check=list(HealthCheck), database=None
    )
    @given(JSONISH, st.sampled_from(["sources", "documents", "edges", "version", "extra"]))
    def run(value: object, key: str) -> None:
        data = valid.to_dict()
        data[key] = value
        path = folder / "graph.yaml"
        path.write_text(dump_yaml(json.loads(json.dumps(data, default=str))), encoding="utf-8")
        try:
            view = GraphView(load_graph(path))
            run_checks(view)
            stats(view)
        except (VanbanError, KeyError, TypeError, ValueError, AttributeError) as error:
            # The loader checks the frame; what it lets through must fail as an error class
            # the CLI reports, never hang.
            if not isinstance(error, VanbanError):
                raise

    run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=1.0)
    args = parser.parse_args()
    folder = Path(".fuzz")
    folder.mkdir(exist_ok=True)
    end = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < end:
        fuzz_parser(500)
        fuzz_loader(200, folder)
        rounds += 1
        print(f"round {rounds}: 500 texts and 200 graphs, no failure", flush=True)
    (folder / "last.yaml").write_text(yaml.safe_dump({"rounds": rounds}), encoding="utf-8")


if __name__ == "__main__":
    main()
