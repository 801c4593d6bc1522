"""Hostile inputs meet bounds: work that grows with the input, not with its square; registers,
PDFs and Word files read within a budget; files that cannot be read said so in one line.

Each input is generated small here, never kept as a file. Where the point is how work grows,
the test counts the lines of vanban that run for an input and for one twice its size (no
clock): a pass over the input doubles them, a pass per element of it quadruples them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from vanban import parse_text
from vanban.readers.html import read_html


def lines_run(work: Callable[[], object]) -> int:
    """How many lines of vanban's own code ``work`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if "vanban" in frame.f_code.co_filename else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """How many times more lines run for an input of twice ``size``."""
    return lines_run(make(2 * size)) / lines_run(make(size))


# --- work that grows with the input ----------------------------------------------------------


def _marked(count: int) -> str:
    """A document of ``count`` references each with a footnote mark, and their footnotes."""
    body = "".join(
        f"Thực hiện Kế hoạch số {i}-KH/TU[{i}] ngày 01/02/2023. " for i in range(1, count + 1)
    )
    notes = "\n".join(f"[{i}] Theo Quyết định số {i}-QĐ/TU." for i in range(1, count + 1))
    return f"{body}\n\n{notes}"


def test_footnote_marks_are_tied_to_references_in_one_pass() -> None:
    document = parse_text(_marked(3))
    assert [(r.symbol.canonical, r.footnote) for r in document.references] == [
        ("1-KH/TU", None),
        ("2-KH/TU", None),
        ("3-KH/TU", None),
        ("1-QĐ/TU", 1),
        ("2-QĐ/TU", 2),
        ("3-QĐ/TU", 3),
    ]
    assert growth(lambda n: lambda: parse_text(_marked(n)), 400) < 2.3


def _unclosed(count: int) -> str:
    return "<html><body><p>Kế hoạch số 5-KH/TU" + "<b>x" * count + "</i>" * count + "</p>"


def _related_boxes(count: int) -> str:
    box = "<h3>Văn bản liên quan</h3><ul><li>Quyết định số 9-QĐ/TU</li></ul>"
    return "<html><body>" + box * count + "<p>Kế hoạch số 5-KH/TU</p>"


def test_unclosed_tags_and_stray_end_tags_are_read_in_one_pass() -> None:
    assert read_html(_unclosed(3)).text.strip() == "Kế hoạch số 5-KH/TUxxx"
    assert growth(lambda n: lambda: read_html(_unclosed(n)), 1000) < 2.3


def test_many_related_documents_boxes_are_read_in_one_pass() -> None:
    assert read_html(_related_boxes(2)).text.strip() == "Kế hoạch số 5-KH/TU"
    assert growth(lambda n: lambda: read_html(_related_boxes(n)), 500) < 2.3
