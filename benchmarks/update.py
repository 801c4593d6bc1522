"""Measure `vanban parse --update` after a few files changed, and print a Markdown report.

    python benchmarks/update.py                      # 2,000 documents; 1 and 100 files changed
    python benchmarks/update.py --documents 20000 --runs 3 --work /tmp/vanban-update
    python benchmarks/update.py --check              # and compare with a full parse

The corpus is the one benchmarks/generate.py writes (the same files for the same size). The
graph is made once with `vanban parse FOLDER -o graph.yaml` (timed); then, for each count of
changed files, each run starts from that graph and those files, adds a paragraph citing a new
document to the files (spread through the corpus) and times `vanban parse --update graph.yaml`
in a fresh process: wall time, CPU time (user and system, of it and its children: the machine
may be shared) and the peak memory of the largest process. With --check, the updated graph is
compared byte for byte with a full parse of the same files, and its index row by row. Nothing
here is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from measure import measure  # noqa: E402

ADDED = (
    "\nCăn cứ Kế hoạch số {number}-KH/TU ngày 15/06/2024 của Tỉnh ủy về triển khai thực hiện"
    " nhiệm vụ năm 2024.\n"
)


def vanban() -> str:
    return str(Path(sys.executable).with_name("vanban"))


def prepare(work: Path, size: int) -> tuple[Path, tuple[float, float, int]]:
    """The corpus in ``work/corpus`` and its graph ``work/graph.yaml`` (kept aside as
    ``work/pristine``), made once; the figures of the full parse."""
    folder = work / "corpus"
    if not (work / ".complete").exists():
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        generate(folder, size)
        (work / ".complete").touch()
    pristine = work / "pristine"
    figures = (0.0, 0.0, 0)
    if not (pristine / "graph.db").exists():
        figures = measure([vanban(), "parse", "corpus", "-o", "graph.yaml"], work)
        pristine.mkdir(exist_ok=True)
        for name in ("graph.yaml", "graph.db"):
            shutil.copy2(work / name, pristine / name)
    return folder, figures


def changed_files(folder: Path, count: int) -> list[Path]:
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // count)
    return files[::step][:count]


def restore(work: Path, originals: dict[Path, tuple[bytes, int]]) -> None:
    for path, (data, mtime) in originals.items():
        path.write_bytes(data)
        os.utime(path, ns=(mtime, mtime))
    for name in ("graph.yaml", "graph.db"):
        shutil.copy2(work / "pristine" / name, work / name)
    for name in ("graph.db-journal", "graph.db-wal"):
        (work / name).unlink(missing_ok=True)


def update_run(work: Path, files: list[Path]) -> tuple[float, float, int]:
    originals = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    restore(work, originals)
    try:
        for number, path in enumerate(files, 9000):
            with path.open("a", encoding="utf-8") as stream:
                stream.write(ADDED.format(number=number))
        return measure([vanban(), "parse", "--update", "graph.yaml"], work)
    finally:
        if not (work / "checked").exists():
            (work / "checked").mkdir()
        for name in ("graph.yaml", "graph.db"):
            shutil.copy2(work / name, work / "checked" / name)
        for path, (data, mtime) in originals.items():
            path.write_bytes(data)
            os.utime(path, ns=(mtime, mtime))


INDEX_ROWS = {
    "documents": "SELECT * FROM documents",
    "aliases": "SELECT * FROM aliases",
    "sources": "SELECT * FROM sources",
    "references": 'SELECT * FROM "references"',
    "edges": "SELECT * FROM edges",
    "search": "SELECT words, what, document, path, line, text FROM search",
    "texts": "SELECT sha256, body FROM texts",
    "files": "SELECT path, size FROM files",
    "meta": "SELECT key, value FROM meta WHERE key IN ('version', 'roots')",
}
"""What an index holds, table by table (the order of rows, the files' times, the graph file's
stamp and the rowids of the texts searched aside: an update and a full parse differ in these)."""


def index_rows(index: Path) -> dict[str, list[str]]:
    with contextlib.closing(sqlite3.connect(index)) as connection:
        return {
            table: sorted(repr(row) for row in connection.execute(query))
            for table, query in INDEX_ROWS.items()
        }


def same_as_full_parse(work: Path, files: list[Path]) -> bool:
    """Whether the graph an update wrote is the one a full parse of the same files writes:
    the same YAML, byte for byte, and an index of the same rows."""
    originals = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    try:
        for number, path in enumerate(files, 9000):
            with path.open("a", encoding="utf-8") as stream:
                stream.write(ADDED.format(number=number))
        subprocess.run(
            [vanban(), "parse", "corpus", "-o", "full.yaml"],
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not filecmp.cmp(work / "full.yaml", work / "checked" / "graph.yaml", shallow=False):
            return False
        full, updated = index_rows(work / "full.db"), index_rows(work / "checked" / "graph.db")
        differ = [table for table in full if full[table] != updated[table]]
        if differ:
            print(f"the index differs from a full parse's in: {', '.join(differ)}")
        return not differ
    finally:
        for path, (data, mtime) in originals.items():
            path.write_bytes(data)
            os.utime(path, ns=(mtime, mtime))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--changed", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="compare with a full parse")
    args = parser.parse_args()
    work = (args.work or Path(f".bench/update-{args.documents}")).resolve()
    folder, full = prepare(work, args.documents)
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(f"Machine: {machine}, Python {platform.python_version()}")
    print(f"{args.documents:,} documents in {folder}")
    if full[0]:
        print(f"full parse: {full[0]:.1f} s, CPU {full[1]:.1f} s, peak {full[2] / 1024:.0f} MB")
    print()
    print("| files changed | update s | CPU s | peak MB | runs | same as a full parse |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for count in args.changed:
        files = changed_files(folder, count)
        results = [update_run(work, files) for _ in range(args.runs)]
        same = "yes" if args.check and same_as_full_parse(work, files) else "-"
        if args.check and same != "yes":
            same = "NO"
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results) / 1024
        print(f"| {count:,} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {args.runs} | {same} |")
    restore(work, {})


if __name__ == "__main__":
    main()
