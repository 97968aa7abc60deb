"""Where a report's time goes (reading against the whole per-report pipeline) and what a run costs.

Per report, reading alone (``read_document``) is the reference for the whole per-report step
(``process_file``: read, extract, resolve codes, validate). Per run, a cold build of a fresh warehouse
is the reference for a re-run with nothing changed, which must reuse every staged report.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import cpu_seconds
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
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
    one_new_s: float  # the same folder with one report added: what a nightly run costs


def _best_ms(action: Callable[[], object], repeat: int) -> float:
    return min(cpu_seconds(action) for _ in range(repeat)) * 1000


def measure_report(path: Path, repeat: int = 3) -> ReportCost:
    raw = RawFile(path, path.name, file_sha256(path), path.stat().st_size)
    process_file(raw)  # warm-up: imports, the classification reference, caches
    return ReportCost(
        file=path.name,
        read_ms=_best_ms(lambda: read_document(path, path.name), repeat),
        pipeline_ms=_best_ms(lambda: process_file(raw), repeat),
    )


def measure_run(paths_in: list[Path], copies: int = 1) -> RunCost:
    """Wall time of a cold build of ``copies`` copies of the files into a fresh folder, of the same
    build again, and of the build after one more report arrives (each copy made by ``write_copy``)."""
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        for copy in range(copies):
            for path in paths_in:
                write_copy(path, raw / f"{copy:04d}_{path.name}", copy)
        paths = Paths(raw, Path(scratch) / "warehouse")
        timings = [_timed_run(paths), _timed_run(paths)]
        write_copy(paths_in[0], raw / f"new_{paths_in[0].name}", copies)
        timings.append(_timed_run(paths))
    return RunCost(len(paths_in) * copies, *timings)


def write_copy(source: Path, target: Path, copy: int) -> None:
    """A report of its own: ``source`` with ``copy`` newlines appended (readers ignore them)."""
    target.write_bytes(source.read_bytes() + b"\n" * copy)


def _timed_run(paths: Paths) -> float:
    start = time.perf_counter()
    stage_reports(paths)
    build(paths)
    return time.perf_counter() - start
