"""Peak memory of reading one document, each in a fresh interpreter so peaks do not mix.

``ru_maxrss`` covers pdfium's own (C) allocations; tracemalloc only the Python heap. The baseline
is the same interpreter with the reader imported but nothing read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_PROBE = """
import json, resource, sys, tracemalloc
from pathlib import Path
from budget_reports.readers import read_document
path = sys.argv[1]
tracemalloc.start()
if path:
    document = read_document(Path(path), Path(path).name)
    del document
_, python_peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "python_peak": python_peak}))
"""


@dataclass(frozen=True, slots=True)
class MemoryPeak:
    file: str
    size_mb: float
    rss_over_baseline_mb: float
    python_peak_mb: float


def _probe(path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, path], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(paths: list[Path]) -> list[MemoryPeak]:
    baseline = _probe("")["maxrss_kb"]
    peaks = []
    for path in paths:
        probe = _probe(str(path))
        peaks.append(
            MemoryPeak(
                path.name,
                path.stat().st_size / 1024 / 1024,
                max(0, probe["maxrss_kb"] - baseline) / 1024,
                probe["python_peak"] / 1024 / 1024,
            )
        )
    return peaks
