"""One run over a raw folder: stage every input file's facts, then build the warehouse.

These are the two steps the Dagster assets orchestrate; they are plain functions so the CLI,
the tests and the assets share them.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from budget_reports.classification.reference import classification_frame
from budget_reports.file_hashes import RECORD_FILE, FileHashes
from budget_reports.ingest import PARSER_VERSION, RawFile, discover
from budget_reports.warehouse.build import BuildResult, build_warehouse
from budget_reports.warehouse.lock import warehouse_lock
from budget_reports.warehouse.staging import is_staged, report_dir, staged_limit
from budget_reports.worker_pool import Limits, Progress, Task, extract_all

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STAGING_DIR = "staging"


@dataclass(frozen=True, slots=True)
class Paths:
    raw_dir: Path
    warehouse_dir: Path

    @property
    def stage_dir(self) -> Path:
        return self.warehouse_dir / STAGING_DIR

    @staticmethod
    def from_env() -> Paths:
        """``BUDGET_RAW_DIR`` / ``BUDGET_WAREHOUSE_DIR``; relative paths are taken from the project root."""
        return Paths(
            resolve(os.environ.get("BUDGET_RAW_DIR", "data/raw")),
            resolve(os.environ.get("BUDGET_WAREHOUSE_DIR", "data/warehouse")),
        )


def resolve(path: str | Path) -> Path:
    path = Path(path).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


@dataclass(slots=True)
class StageResult:
    files: int = 0
    extracted: int = 0  # newly read this run
    reused: int = 0  # unchanged since an earlier run
    hashed: int = 0  # files read in full to hash them (the others kept their recorded hash)
    limits_hit: int = 0  # files stopped at the per-file time or memory limit this run
    status_counts: Counter[str] = field(default_factory=Counter)
    stage_dirs: list[Path] = field(default_factory=list)


def stage_reports(paths: Paths, limits: Limits | None = None, on_done: Progress | None = None) -> StageResult:
    """Extract every file of the raw folder not yet staged at this parser version.

    Files are extracted in parallel worker processes under per-file limits (``Limits.from_env()``
    unless given); ``on_done(done, total, outcome)`` is called as each file finishes.
    """
    if not paths.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {paths.raw_dir}")
    limits = limits or Limits.from_env()
    result = StageResult()
    hashes = FileHashes(paths.stage_dir / RECORD_FILE)
    files = discover(paths.raw_dir, hashes)
    targets = [report_dir(paths.stage_dir, raw.report_id, raw.source_file, PARSER_VERSION) for raw in files]
    tasks = [
        Task(raw, _first_ingested_at(paths.stage_dir, raw), PARSER_VERSION)
        for raw, target in zip(files, targets, strict=True)
        if not _reusable(target, limits)
    ]
    outcomes = extract_all(tasks, paths.stage_dir, limits, on_done)
    result.limits_hit = sum(o.limit_hit is not None for o in outcomes)
    result.extracted = len(tasks)
    result.reused = len(files) - len(tasks)
    for target in targets:
        status = pl.read_parquet(target / "reports.parquet", columns=["parse_status"]).item()
        result.status_counts[status] += 1
        result.stage_dirs.append(target)
    result.files = len(files)
    result.hashed = hashes.hashed
    _remove_stale(paths.stage_dir, set(result.stage_dirs))
    hashes.save()
    return result


def _reusable(target: Path, limits: Limits) -> bool:
    """Staged at this parser version, and not a file stopped at a limit that has since been changed."""
    if not (target / "reports.parquet").exists():
        return False
    limit = staged_limit(target)
    return limit is None or all(limit.get(k) == v for k, v in limits.as_record().items())


def current_stage_dirs(paths: Paths) -> list[Path]:
    """Staged folders of the files now in the raw folder; raises if any is not staged yet."""
    dirs, missing = [], []
    for raw in discover(paths.raw_dir, FileHashes(paths.stage_dir / RECORD_FILE)):
        if is_staged(paths.stage_dir, raw.report_id, raw.source_file, PARSER_VERSION):
            dirs.append(report_dir(paths.stage_dir, raw.report_id, raw.source_file, PARSER_VERSION))
        else:
            missing.append(raw.source_file)
    if missing:
        raise RuntimeError(
            f"{len(missing)} file(s) not extracted yet ({', '.join(missing[:5])}): materialize extracted_reports first"
        )
    return dirs


def build(paths: Paths, *, full: bool = False) -> BuildResult:
    """Load what changed since the last build (``full``: rebuild from scratch), holding the warehouse."""
    with warehouse_lock(paths.warehouse_dir):
        return build_warehouse(paths.warehouse_dir, current_stage_dirs(paths), classification_frame(), full=full)


def _first_ingested_at(stage_dir: Path, raw: RawFile):
    """Keep the time this content was first extracted, across parser versions."""
    prefix = report_dir(stage_dir, raw.report_id, raw.source_file, "").name
    for earlier in sorted(stage_dir.glob(f"{prefix}*")) if stage_dir.exists() else []:
        try:
            return pl.read_parquet(earlier / "reports.parquet", columns=["ingested_at"]).item()
        except (OSError, pl.exceptions.PolarsError):
            continue
    return None


def _remove_stale(stage_dir: Path, keep: set[Path]) -> None:
    for directory in stage_dir.iterdir() if stage_dir.exists() else []:
        if directory.is_dir() and directory not in keep and not directory.name.startswith("."):
            shutil.rmtree(directory, ignore_errors=True)
