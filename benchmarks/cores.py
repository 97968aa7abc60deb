"""A cold build (every copy really extracted, then loaded) on 1 core and on every core, for the speed-up.

Each measurement runs in a fresh interpreter pinned to its cores (``sched_setaffinity``, which the
worker pool reads to choose its number of workers and every child inherits), so the 1-core build has
one core in all, DuckDB's threads included. Peak memory is that of the whole process tree (the run
and its worker processes), sampled while it runs. The load average is recorded beside each figure:
on a shared machine, run the benchmark with a high CPU priority (see ``docs/benchmarks.md``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import machine
from benchmarks.pipeline_speed import write_copy
from budget_reports.runs import PROJECT_ROOT, Paths, build, stage_reports
from budget_reports.worker_pool import available_cores

SEED_DIR = PROJECT_ROOT / "data" / "raw"
_SAMPLE_SECONDS = 0.5


def fill_raw_folder(raw: Path, reports: int) -> list[tuple[Path, Path, int]]:
    """``reports`` copies of the sample reports in ``raw``: (sample, copy, copy number) of each.

    Copies cycle through the samples, each with its own number of trailing newlines (``write_copy``)."""
    seeds = sorted(SEED_DIR.glob("*.txt"))
    copies = -(-reports // len(seeds))
    files = [(seed, raw / f"{copy:05d}_{seed.name}", copy) for copy in range(copies) for seed in seeds][:reports]
    for seed, target, copy in files:
        write_copy(seed, target, copy)
    return files


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and every process descended from it (Linux ``/proc``)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    pages = 0
    for pid in tree:
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


class PeakMemory:
    """The largest resident memory of this process's tree, sampled in a thread while in use."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, _tree_rss_mb(os.getpid()))
            self._stop.wait(_SAMPLE_SECONDS)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def cold_build(reports: int, cores: int) -> dict:
    """Wall and CPU seconds of a cold build of ``reports`` copies on the first ``cores`` cores."""
    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-cores-") as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        fill_raw_folder(raw, reports)
        paths = Paths(raw, Path(scratch) / "warehouse")
        with PeakMemory() as memory:
            started, cpu = time.perf_counter(), time.process_time()
            stage_reports(paths)
            staged = time.perf_counter()
            build(paths)
            finished = time.perf_counter()
    return {
        "reports": reports,
        "cores": available_cores(),
        **machine.priority(),
        "stage_s": staged - started,
        "load_s": finished - staged,
        "wall_s": finished - started,
        "parent_cpu_s": time.process_time() - cpu,
        "peak_tree_mb": memory.peak_mb,
        "load_average_before": load_before[0],
        "load_average_after": os.getloadavg()[0],
    }


def measure(reports: int) -> dict:
    """The cold build of ``reports`` copies on one core, then on every core, each in a fresh interpreter."""
    runs = {}
    for cores in sorted({1, available_cores()}):
        command = [sys.executable, "-m", "benchmarks.cores", str(reports), str(cores)]
        out = subprocess.run(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True, check=True)
        runs[cores] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"cold build of {reports} reports on {cores} core(s) measured", file=sys.stderr)
    return {"reports": reports, "runs": [runs[c] for c in sorted(runs)]}


if __name__ == "__main__":
    print(json.dumps(cold_build(int(sys.argv[1]), int(sys.argv[2]))))
