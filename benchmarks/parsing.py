"""Measure the parsing of each document, against Python's floor, and print a Markdown report.

    python benchmarks/parsing.py                      # 2,000 documents, 3 runs each
    python benchmarks/parsing.py --profile 200        # and where 200 documents' time goes
    python benchmarks/parsing.py --src OTHER/src      # the same, for another copy of vanban

On the corpus of benchmarks/generate.py: the floor (read every file and run one regex pass
for symbols, as benchmarks/run.py), the parse step alone (``parse_text`` on texts already
read, one process), ``vanban parse FOLDER -o graph.yaml`` end to end, and one large text
(the corpus joined, 20 MB) parsed in a fresh process with its peak memory as a multiple of
its size. Times are medians of --runs runs; CPU seconds are given beside wall seconds, as a
busy machine changes the second far more than the first. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from measure import MEASURE  # noqa: E402

FLOOR = """
import re, sys, pathlib, time
start, cpu = time.perf_counter(), time.process_time()
pattern = re.compile(r"\\d{1,5}\\s*[-/]\\s*[A-ZĐ][A-Za-zĐđ]{0,5}\\s*[/-]\\s*[A-ZĐ][A-ZĐ0-9-]*")
count = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    count += len(pattern.findall(path.read_text(encoding="utf-8")))
print(time.perf_counter() - start, time.process_time() - cpu)
"""
PARSE_STEP = """
import pathlib, sys, time
from vanban.parser import parse_text
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))]
parse_text(texts[0])
times = []
for text in texts:
    start = time.process_time()
    parse_text(text)
    times.append(time.process_time() - start)
print(sum(times), *sorted(times)[len(times) // 2 : len(times) // 2 + 1])
"""
PROFILE = """
import cProfile, pathlib, pstats, sys
from vanban.parser import parse_text
paths = sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))[: int(sys.argv[2])]
texts = [p.read_text(encoding="utf-8") for p in paths]
parse_text(texts[0])
profile = cProfile.Profile()
profile.enable()
for text in texts:
    parse_text(text)
profile.disable()
pstats.Stats(profile).sort_stats("tottime").print_stats(r"vanban|regex|translate", 15)
"""
LARGE_TEXT = """
import sys, time
from vanban import parse_text
def status(field):  # kB; VmHWM is this program's own peak (ru_maxrss keeps the parent's)
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])
before = status("VmRSS")
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
count = len(parse_text(text).references)
cpu = time.process_time() - start
print(cpu, before, status("VmHWM"), count)
"""


def run(code_or_command: list[str], env: dict[str, str]) -> list[float]:
    out = subprocess.run(code_or_command, capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        sys.exit(out.stderr)
    return [float(value) for value in out.stdout.split()]


def medians(runs: int, command: list[str], env: dict[str, str]) -> list[float]:
    results = [run(command, env) for _ in range(runs)]
    return [statistics.median(column) for column in zip(*results, strict=True)]


def machine() -> str:
    model = "unknown CPU"
    memory = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) // 1024**2
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({model}, {platform.machine()}), {memory} GB, "
        f"CPython {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    parser.add_argument("--src", type=Path, help="the src folder of another copy of vanban")
    parser.add_argument("--profile", type=int, default=0, help="profile this many documents")
    parser.add_argument("--large", type=int, default=20, help="MB of the one large text")
    parser.add_argument("--only-large", action="store_true", help="measure the large text only")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    folder = args.work / f"corpus-{args.documents}"
    if not (folder / ".complete").exists():
        generate(folder, args.documents)
        (folder / ".complete").touch()
    files = sorted(folder.rglob("*.txt"))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"Machine: {machine()}; {args.runs} runs, medians\n")
    if not args.only_large:
        documents(args, folder, files, megabytes, env)
    large_text(args, files, env)
    if args.profile:
        print(f"\nProfile of {args.profile} documents (tottime):\n\n```")
        out = subprocess.run(
            [sys.executable, "-c", PROFILE, str(folder), str(args.profile)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        print(out.stdout.strip())
        print("```")


def documents(
    args: argparse.Namespace, folder: Path, files: list[Path], megabytes: float, env: dict[str, str]
) -> None:
    python = [sys.executable, "-c"]
    floor_s, floor_cpu = medians(args.runs, [*python, FLOOR, str(folder)], env)
    step_cpu, step_median = medians(args.runs, [*python, PARSE_STEP, str(folder)], env)
    graph = args.work / f"parsing-{args.documents}.yaml"
    vanban = [sys.executable, "-m", "vanban", "parse", str(folder), "-o", str(graph)]
    wall, cpu, peak = medians(args.runs, [*python, MEASURE, *vanban], env)
    n = len(files)
    print(f"{n:,} documents, {megabytes:.1f} MB\n")
    print("| measure | wall s | CPU s | MB/s | ms a document | × floor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| floor: read + one regex pass | {floor_s:.2f} | {floor_cpu:.2f} | | | 1 |")
    print(
        f"| parse step alone, one process (CPU) | | {step_cpu:.2f} | {megabytes / step_cpu:.2f} "
        f"| {step_cpu / n * 1000:.2f} (median {step_median * 1000:.2f}) "
        f"| {step_cpu / floor_cpu:.1f} (CPU) |"
    )
    print(
        f"| `vanban parse -o` end to end | {wall:.2f} | {cpu:.2f} | {megabytes / wall:.2f} "
        f"| | {wall / floor_s:.1f} |"
    )
    print(f"\nPeak memory of `vanban parse`: {peak / 1024:.0f} MB")


def large_text(args: argparse.Namespace, files: list[Path], env: dict[str, str]) -> None:
    python = [sys.executable, "-c"]
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    size = args.large * 1_000_000
    encoded = len(text.encode())
    part = (text * (size // max(encoded, 1) + 1))[: size * len(text) // max(encoded, 1)]
    path = args.work / f"one-{args.large}mb.txt"
    path.write_text(part, encoding="utf-8")
    actual = path.stat().st_size
    del text, part
    large_cpu, before, after, count = medians(args.runs, [*python, LARGE_TEXT, str(path)], env)
    print(
        f"\nOne text of {actual / 1e6:.1f} MB ({count:.0f} references): {large_cpu:.2f} s CPU, "
        f"peak {after / 1024:.0f} MB ({after * 1024 / actual:.1f}× its size; "
        f"{(after - before) * 1024 / actual:.1f}× above the {before / 1024:.0f} MB "
        "of the interpreter and library)"
    )


if __name__ == "__main__":
    main()
