"""One command's wall time, CPU time and peak memory, as the benchmarks measure them.

``MEASURE`` is a script run by a fresh Python (``python -c MEASURE command...``): it runs the
command, and prints its wall seconds, the CPU seconds of it and its children, and the peak
resident size in kB of the largest of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode())
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS in kB of ``command`` (largest process)."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])
