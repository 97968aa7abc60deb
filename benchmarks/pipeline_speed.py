"""Where a report's time goes (reading against the whole per-report pipeline) and what a run costs.

Per report, reading alone (``read_document``) is the reference for the whole per-report step
(``process_file``: read, extract, resolve codes, validate). Per run, a cold build of a fresh warehouse
is the reference for a re-run with nothing changed, which must reuse every staged report.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from budget_reports.ingest import RawFile, file_sha256, process_file
from budget_reports.readers import read_document
from budget_reports.runs import Paths, build, stage_reports


@dataclass(frozen=True, slots=True)
class ReportCost:
    file: str
    read_ms: float
    pipeline_ms: float

    @property
    def pipeline_over_read(self) -> float:
        return self.pipeline_ms / self.read_ms


@dataclass(frozen=True, slots=True)
class RunCost:
    reports: int
    cold_s: float
    rerun_s: float


def _best_ms(action, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best * 1000


def measure_report(path: Path, repeat: int = 3) -> ReportCost:
    raw = RawFile(path, path.name, file_sha256(path), path.stat().st_size)
    process_file(raw)  # warm-up: imports, the classification reference, caches
    return ReportCost(
        file=path.name,
        read_ms=_best_ms(lambda: read_document(path, path.name), repeat),
        pipeline_ms=_best_ms(lambda: process_file(raw), repeat),
    )


def measure_run(paths_in: list[Path]) -> RunCost:
    """Wall time of a cold build into a fresh folder, then of the same build again."""
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        for path in paths_in:
            shutil.copy2(path, raw / path.name)
        paths = Paths(raw, Path(scratch) / "warehouse")
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            stage_reports(paths)
            build(paths)
            timings.append(time.perf_counter() - start)
    return RunCost(reports=len(paths_in), cold_s=timings[0], rerun_s=timings[1])
