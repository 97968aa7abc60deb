"""Peak memory of reading one document, each in a fresh interpreter so peaks do not mix.

The resident-memory high-water mark (Linux ``VmHWM``, reset just before reading through
``/proc/self/clear_refs``) covers pdfium's own C allocations: its rise over the resident memory
just before reading is what reading the document cost. (``ru_maxrss`` would not do: a child
inherits its parent's mark.) tracemalloc gives the Python heap's peak alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_PROBE = """
import json, sys, tracemalloc
from pathlib import Path
from budget_reports.readers import read_document

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

path = Path(sys.argv[1])
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")  # reset the high-water mark to the current resident size
tracemalloc.start()
document = read_document(path, path.name)
_, python_peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"before_kb": before, "after_kb": status("VmHWM"), "python_peak": python_peak}))
"""


@dataclass(frozen=True, slots=True)
class MemoryPeak:
    file: str
    size_mb: float
    rss_before_mb: float
    rss_rise_mb: float
    python_peak_mb: float


def _probe(path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, path], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(paths: list[Path]) -> list[MemoryPeak]:
    peaks = []
    for path in paths:
        probe = _probe(str(path))
        peaks.append(
            MemoryPeak(
                path.name,
                path.stat().st_size / 1024 / 1024,
                probe["before_kb"] / 1024,
                (probe["after_kb"] - probe["before_kb"]) / 1024,
                probe["python_peak"] / 1024 / 1024,
            )
        )
    return peaks
