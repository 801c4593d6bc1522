"""Measure vanban at archive scale and print a Markdown report.

    python benchmarks/run.py                 # 1, 500 and 2,000 documents, 3 runs each
    python benchmarks/run.py --large         # and 20,000
    python benchmarks/run.py --runs 5 --work /tmp/vanban-bench

For each corpus size (written by benchmarks/generate.py, the same files for the same size):
the end-to-end time of `vanban parse FOLDER -o graph.yaml` (MB/s, documents/s, peak memory of
the largest process), `vanban list` and `vanban show` on the graph it wrote, and the floor for
Python on the same files (read every file and run one regex pass for symbols), with vanban's
time as a multiple of it. Then `vanban --help` start-up time and 2 MB pathological lines.
Every figure is the median of --runs runs. Nothing here is asserted: it is a report.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from measure import measure  # noqa: E402

FLOOR = """
import re, sys, pathlib
pattern = re.compile(r"\\d{1,5}\\s*[-/]\\s*[A-ZĐ][A-Za-zĐđ]{0,5}\\s*[/-]\\s*[A-ZĐ][A-ZĐ0-9-]*")
count = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    count += len(pattern.findall(path.read_text(encoding="utf-8")))
print(count)
"""
PATHOLOGICAL = ["số ", "1-KH/", "/", "1", "1/", "Kế hoạch số ", "ngày 1/1/", "⁽¹⁾", "[1]", "- "]


def wall_and_peak(command: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in kB of ``command`` (largest process)."""
    wall, _cpu, peak = measure(command)
    return wall, peak


def median_of(runs: int, command: list[str]) -> tuple[float, int]:
    results = [wall_and_peak(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def corpus(work: Path, size: int) -> tuple[Path, int]:
    folder = work / f"corpus-{size}"
    if not (folder / ".complete").exists():
        generate(folder, size)
        (folder / ".complete").touch()
    total = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    return folder, total


def most_cited(graph: Path) -> str:
    """The most cited document, read from the graph's SQLite index."""
    with sqlite3.connect(graph.with_suffix(".db")) as connection:
        row = connection.execute(
            "SELECT id FROM documents ORDER BY citations DESC, id DESC LIMIT 1"
        ).fetchone()
    return str(row[0])


def pathological(runs: int) -> list[tuple[str, float]]:
    from vanban import parse_text

    rows = []
    for piece in PATHOLOGICAL:
        text = (piece * (2_000_000 // len(piece) + 1))[:2_000_000]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            parse_text(text)
            times.append(time.perf_counter() - start)
        rows.append((piece, statistics.median(times)))
    return rows


LARGE_TEXT = """
import sys
from vanban import parse_text
text = open(sys.argv[1], encoding="utf-8").read()
print(len(parse_text(text).references))
"""


def one_large_text(
    work: Path, folder: Path, runs: int, sizes: tuple[int, ...] = (10, 20, 40)
) -> list[tuple[int, float, int]]:
    """``parse_text`` on one text of 10, 20 and 40 MB (the corpus joined), each in a fresh
    process: time and peak memory should double with the size."""
    files = sorted(folder.rglob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    rows = []
    for megabytes in sizes:
        part = (text * (megabytes * 1_000_000 // max(len(text.encode()), 1) + 1))[
            : megabytes * 1_000_000 * len(text) // max(len(text.encode()), 1)
        ]
        path = work / f"one-{megabytes}mb.txt"
        path.write_text(part, encoding="utf-8")
        seconds, peak = median_of(runs, [sys.executable, "-c", LARGE_TEXT, str(path)])
        rows.append((megabytes, seconds, peak))
    return rows


READ_REGISTER = """
import sys, pathlib
from vanban.register.book import read_register
print(len(read_register(pathlib.Path(sys.argv[1])).entries))
"""


def register_files(work: Path, rows: int) -> list[Path]:
    """A register of ``rows`` rows, as .xlsx (real date cells) and as .csv, under a title row."""
    import csv
    import datetime

    import openpyxl

    made = []
    header = ["STT", "Số, ký hiệu", "Ngày ban hành", "Trích yếu nội dung", "Cơ quan ban hành"]
    start = datetime.date(2021, 1, 4)

    def row(index: int) -> list[object]:
        day = start + datetime.timedelta(days=index % 1500)
        code = ("KH", "CV", "BC", "TB", "QĐ")[index % 5]
        title = f"Văn bản số {index} về triển khai thực hiện nhiệm vụ năm {day.year}"
        return [index, f"{index % 9000 + 1}-{code}/TU", day, title, "Ban Thường vụ Thị ủy"]

    xlsx = work / f"register-{rows}.xlsx"
    if not xlsx.exists():
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(["SỔ ĐĂNG KÝ VĂN BẢN"])
        sheet.append(header)
        for index in range(1, rows + 1):
            sheet.append(row(index))
        book.save(xlsx)
    made.append(xlsx)
    table = work / f"register-{rows}.csv"
    if not table.exists():
        with table.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["SỔ ĐĂNG KÝ VĂN BẢN"])
            writer.writerow(header)
            for index in range(1, rows + 1):
                values = row(index)
                values[2] = values[2].strftime("%d/%m/%Y")  # type: ignore[attr-defined]
                writer.writerow(values)
    made.append(table)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also 20,000 documents")
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    vanban = [sys.executable, "-m", "vanban"]
    sizes = [1, 500, 2000] + ([20000] if args.large else [])

    print(
        f"Machine: {platform.machine()}, {platform.processor() or 'unknown CPU'}, "
        f"Python {platform.python_version()}, {args.runs} runs, medians\n"
    )
    print(
        "| documents | MB | parse s | MB/s | docs/s | peak MB | floor s | × floor "
        "| list s | show s | search s |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        folder, total = corpus(args.work, size)
        graph = args.work / f"graph-{size}.yaml"
        parse_s, peak = median_of(args.runs, [*vanban, "parse", str(folder), "-o", str(graph)])
        floor_s, _ = median_of(args.runs, [sys.executable, "-c", FLOOR, str(folder)])
        list_s, _ = median_of(args.runs, [*vanban, "list", str(graph), "--format", "csv"])
        show_s, _ = median_of(args.runs, [*vanban, "show", most_cited(graph), str(graph)])
        search_s, _ = median_of(
            args.runs, [*vanban, "search", "kiem tra giam sat", str(graph), "--limit", "20"]
        )
        mb = total / 1e6
        print(
            f"| {size:,} | {mb:.1f} | {parse_s:.2f} | {mb / parse_s:.2f} | {size / parse_s:.0f} "
            f"| {peak / 1024:.0f} | {floor_s:.2f} | {parse_s / floor_s:.1f} | {list_s:.2f} "
            f"| {show_s:.2f} | {search_s:.2f} |",
            flush=True,
        )

    site_graph = args.work / "graph-500.yaml"
    if site_graph.exists():
        import shutil

        site = args.work / "site-500"
        shutil.rmtree(site, ignore_errors=True)
        first_s, first_peak = wall_and_peak([*vanban, "site", str(site_graph), "-o", str(site)])
        again_s, _ = wall_and_peak([*vanban, "site", str(site_graph), "-o", str(site)])
        pages = sum(1 for _ in site.rglob("*.html"))
        print(
            f"\n`vanban site` on the 500-document graph ({pages:,} pages): {first_s:.1f} s "
            f"({first_peak / 1024:.0f} MB peak), again with nothing changed {again_s:.1f} s"
        )

    help_s, _ = median_of(max(args.runs, 5), [*vanban, "--help"])
    print(f"\n`vanban --help`: {help_s:.2f} s\n")
    print("| 2 MB line of | parse s |")
    print("| --- | ---: |")
    for piece, seconds in pathological(args.runs):
        print(f"| `{piece!r}` | {seconds:.2f} |")
    print("\n| register | rows | read s | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    for rows in (2000, 20000):
        for path in register_files(args.work, rows):
            seconds, peak = median_of(args.runs, [sys.executable, "-c", READ_REGISTER, str(path)])
            print(f"| {path.suffix} | {rows:,} | {seconds:.2f} | {peak / 1024:.0f} |", flush=True)
    print("\n| one text of | parse s | peak MB |")
    print("| ---: | ---: | ---: |")
    for megabytes, seconds, peak in one_large_text(
        args.work, corpus(args.work, 2000)[0], args.runs
    ):
        print(f"| {megabytes} MB | {seconds:.2f} | {peak / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
