"""The real passages in ../shared/corpus with their hand-made answers (skipped when absent)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from vanban import parse_file

from .conftest import CORPUS, corpus_available, needs_corpus

PASSAGES = sorted(CORPUS.glob("*.txt")) if corpus_available() else []


def key(symbol: object) -> str:
    text = unicodedata.normalize("NFC", str(symbol or ""))
    text = "".join(text.split()).replace("\u00d0", "Đ")
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212-":
        text = text.replace(dash, "")
    return text.casefold()


@needs_corpus
@pytest.mark.parametrize("passage", PASSAGES, ids=[p.stem for p in PASSAGES])
def test_passage(passage: Path) -> None:
    answer = yaml.safe_load(passage.with_suffix(".yaml").read_text(encoding="utf-8"))
    wanted = [
        r
        for r in answer["references"]
        if r.get("kind") is not None or not str(r.get("text", "")).lstrip().startswith("Số")
    ]
    headers = [r for r in answer["references"] if r not in wanted]
    doc = parse_file(passage)
    expected = Counter((key(r["symbol"]), str(r["date"]) if r["date"] else None) for r in wanted)
    got = Counter((key(r.symbol.canonical), r.date) for r in doc.references)
    assert got == expected
    own = key(doc.identity.symbol.canonical) if doc.identity.symbol else None
    assert own == (key(headers[0]["symbol"]) if headers else None)
    in_footnotes = sum(1 for r in wanted if r.get("in_footnote"))
    assert sum(1 for r in doc.references if r.footnote is not None) == in_footnotes
