"""Write an archive whose graph is dense: every plan cites many of the others and implements
the two before it (a lattice of "thực hiện"), and measure what ``site`` costs on it.

    python benchmarks/dense.py OUT_FOLDER --documents 400 --cites 80 [--measure]

400 documents citing 80 others each give about 32,000 edges; the same sizes give the same files.
``--measure`` parses the archive into OUT_FOLDER/graph.yaml, then writes its site under
``/usr/bin/time -v`` (Linux) and prints the wall time, the peak memory of vanban and of the
Graphviz it runs, and the largest page.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path


def plan(number: int, documents: int, cites: int) -> str:
    """The text of plan ``number``: its header, what it implements, and what it cites."""
    day, month = number % 28 + 1, number % 12 + 1
    before = [n for n in (number - 1, number - 2) if n >= 1]
    implemented = " và ".join(
        f"Kế hoạch số {n}-KH/TU, ngày {n % 28 + 1:02d}/{n % 12 + 1:02d}/2022 của Ban Thường vụ "
        "Tỉnh ủy"
        for n in before
    )
    lines = [
        "ĐẢNG BỘ TỈNH BÌNH THUẬN",
        "TỈNH ỦY",
        f"Số {number}-KH/TU",
        "",
        f"Phan Thiết, ngày {day:02d} tháng {month:02d} năm 2022",
        "",
        "KẾ HOẠCH",
        f"thực hiện {implemented}" if implemented else "về công tác kiểm tra, giám sát",
        "",
    ]
    for step in range(1, cites + 1):
        other = (number + step * 7) % documents + 1
        if other == number:
            continue
        lines.append(
            f"Căn cứ Kế hoạch số {other}-KH/TU, ngày {other % 28 + 1:02d}/{other % 12 + 1:02d}"
            "/2022 của Ban Thường vụ Tỉnh ủy về công tác kiểm tra, giám sát;"
        )
    return "\n".join(lines) + "\n"


def generate(folder: Path, documents: int, cites: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(1, documents + 1):
        path = folder / f"ke-hoach-{number:04d}.txt"
        path.write_text(plan(number, documents, cites), encoding="utf-8")
        written.append(path)
    return written


def measure(folder: Path) -> None:
    """Parse the archive, then time its site; print what it cost."""
    vanban = [sys.executable, "-m", "vanban"]
    subprocess.run([*vanban, "parse", "archive", "-o", "graph.yaml"], cwd=folder, check=True)
    done = subprocess.run(
        ["/usr/bin/time", "-v", *vanban, "site", "graph.yaml", "-o", "site"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    report = done.stderr
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    pages = sorted((folder / "site").rglob("*.html"), key=lambda page: page.stat().st_size)
    print(f"exit {done.returncode}; {done.stdout.strip()}")
    print(*(line for line in report.splitlines() if line.startswith("warning")), sep="\n")
    print(f"wall {wall[1] if wall else '?'}, peak {int(peak[1]) // 1024 if peak else '?'} MB")
    if pages:
        print(f"largest page {pages[-1].name}: {pages[-1].stat().st_size / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--cites", type=int, default=80)
    parser.add_argument("--measure", action="store_true")
    options = parser.parse_args()
    generate(options.folder / "archive", options.documents, options.cites)
    if options.measure:
        measure(options.folder)


if __name__ == "__main__":
    main()
