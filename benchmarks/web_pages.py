"""Compare how web pages saved from portals read: vanban's reader against trafilatura.

    python benchmarks/web_pages.py FOLDER        # every .html / .htm in FOLDER

For each page: the milliseconds to extract its text (median of 3), the words of the text, the
document's own number and date as vanban's parser reads them from that text, and the symbols
of the references it finds; then the words only one extractor kept. trafilatura is used when
it is installed (``pip install trafilatura lxml_html_clean``), with ``include_tables=True``.
The results on real pages saved from vbpl.vn are in docs/web-pages.md. Nothing is asserted:
it is a report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from vanban import parse_text
from vanban.readers.html import read_html


def _extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"vanban": lambda page: read_html(page).text}
    try:
        import trafilatura  # type: ignore[import-not-found]
    except ImportError:
        print("trafilatura is not installed: vanban's reader only")
    else:
        found["trafilatura"] = lambda page: (
            trafilatura.extract(page, include_tables=True, include_comments=False) or ""
        )
    return found


def _timed(extract: Callable[[str], str], page: str) -> tuple[str, float]:
    times = []
    text = ""
    for _ in range(3):
        start = time.perf_counter()
        text = extract(page)
        times.append(time.perf_counter() - start)
    return text, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    folder = parser.parse_args().folder
    extractors = _extractors()
    print("| page | extractor | ms | words | own number, date | references |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    differences: list[str] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in (".html", ".htm")):
        page = path.read_text(encoding="utf-8", errors="replace")
        texts = {}
        for name, extract in extractors.items():
            text, seconds = _timed(extract, page)
            texts[name] = text
            doc = parse_text(text) if text.strip() else None
            own = doc.identity.symbol.canonical if doc and doc.identity.symbol else "none"
            date = doc.identity.date if doc else None
            symbols = ", ".join(r.symbol.canonical for r in doc.references) if doc else ""
            words = len(text.split())
            print(
                f"| {path.name} | {name} | {seconds * 1000:.0f} | {words:,} | {own}, {date} | "
                f"{symbols or 'none'} |"
            )
        if len(texts) == 2:
            ours, theirs = (set(t.split()) for t in texts.values())
            differences.append(
                f"- {path.name}: {len(ours - theirs)} words only in vanban's text, "
                f"{len(theirs - ours)} only in trafilatura's"
            )
    if differences:
        print()
        print("\n".join(differences))


if __name__ == "__main__":
    main()
