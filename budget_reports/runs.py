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
from budget_reports.file_hashes import FileHashes
from budget_reports.ingest import PARSER_VERSION, RawFile, discover
from budget_reports.run_manifest import MANIFEST_FILE, RunManifest, StagedFolder
from budget_reports.warehouse.build import BuildResult, build_warehouse
from budget_reports.warehouse.lock import warehouse_lock
from budget_reports.warehouse.staging import report_dir, staged_limit
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
    unless given); ``on_done(done, total, outcome)`` is called as each file finishes. The run
    manifest tells which files are staged already without opening their staged folders.
    """
    if not paths.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {paths.raw_dir}")
    limits = limits or Limits.from_env()
    manifest_path = paths.stage_dir / MANIFEST_FILE
    manifest = RunManifest.load(manifest_path)
    hashes = FileHashes(manifest.hashes)
    files = discover(paths.raw_dir, hashes)
    present = staged_folders(paths.stage_dir)
    known = manifest.staged_at(PARSER_VERSION)
    targets = [report_dir(paths.stage_dir, raw.report_id, raw.source_file, PARSER_VERSION) for raw in files]
    staged: dict[str, StagedFolder] = {}
    pending: list[tuple[RawFile, Path]] = []
    for raw, target in zip(files, targets, strict=True):
        folder = _reusable(target, present, known.get(target.name), limits)
        if folder is None:
            pending.append((raw, target))
        else:
            staged[target.name] = folder
    if any(target.name in known for _, target in pending):
        # Folders about to be staged again (their limits changed) must not be vouched for meanwhile.
        RunManifest(PARSER_VERSION, manifest.hashes, {k: v for k, v in known.items() if k in staged}).save(
            manifest_path
        )
    earlier = _earlier_versions(present)
    tasks = [Task(raw, _first_ingested_at(target.parent, raw, earlier), PARSER_VERSION) for raw, target in pending]
    outcomes = extract_all(tasks, paths.stage_dir, limits, on_done)
    for (_, target), outcome in zip(pending, outcomes, strict=True):
        staged[target.name] = StagedFolder(outcome.parse_status, limits.record_of(outcome.limit_hit))
    result = StageResult(files=len(files), extracted=len(tasks), reused=len(files) - len(tasks), hashed=hashes.hashed)
    result.limits_hit = sum(o.limit_hit is not None for o in outcomes)
    for target in targets:
        result.status_counts[staged[target.name].parse_status] += 1
        result.stage_dirs.append(target)
    _remove_stale(paths.stage_dir, present - set(staged))
    RunManifest(PARSER_VERSION, hashes.seen, staged).save(manifest_path)
    return result


def staged_folders(stage_dir: Path) -> set[str]:
    """Names of the staged report folders (one listing; folders appear whole, by rename)."""
    try:
        with os.scandir(stage_dir) as entries:
            return {e.name for e in entries if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")}
    except FileNotFoundError:
        return set()


def _reusable(target: Path, present: set[str], folder: StagedFolder | None, limits: Limits) -> StagedFolder | None:
    """What is staged in ``target``, if it can be reused: staged at this parser version, and not a file
    stopped at a limit that has since been changed. ``folder`` is the manifest's word for it."""
    if target.name not in present:
        return None
    if folder is None:  # not in the manifest: read what is staged
        try:
            status = pl.read_parquet(target / "reports.parquet", columns=["parse_status"]).item()
        except (OSError, pl.exceptions.PolarsError):
            return None
        folder = StagedFolder(status, staged_limit(target))
    if folder.limit is not None and any(folder.limit.get(k) != v for k, v in limits.as_record().items()):
        return None
    return folder


def current_stage_dirs(paths: Paths) -> list[Path]:
    """Staged folders of the files now in the raw folder; raises if any is not staged yet."""
    dirs, missing = [], []
    present = staged_folders(paths.stage_dir)
    manifest = RunManifest.load(paths.stage_dir / MANIFEST_FILE)
    for raw in discover(paths.raw_dir, FileHashes(manifest.hashes)):
        target = report_dir(paths.stage_dir, raw.report_id, raw.source_file, PARSER_VERSION)
        if target.name in present and (
            target.name in manifest.staged_at(PARSER_VERSION) or (target / "reports.parquet").exists()
        ):
            dirs.append(target)
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


def _earlier_versions(present: set[str]) -> dict[str, list[str]]:
    """Staged folder names by their name without the parser version (a folder name is
    ``<report_id>-<path hash>-v<parser version>``, and neither of the first two holds ``-v``)."""
    earlier: dict[str, list[str]] = {}
    for name in present:
        earlier.setdefault(name[: name.find("-v") + 2], []).append(name)
    return earlier


def _first_ingested_at(stage_dir: Path, raw: RawFile, earlier: dict[str, list[str]]):
    """Keep the time this content was first extracted, across parser versions."""
    prefix = report_dir(stage_dir, raw.report_id, raw.source_file, "").name
    for name in sorted(earlier.get(prefix, [])):
        try:
            return pl.read_parquet(stage_dir / name / "reports.parquet", columns=["ingested_at"]).item()
        except (OSError, pl.exceptions.PolarsError):
            continue
    return None


def _remove_stale(stage_dir: Path, stale: set[str]) -> None:
    for name in stale:
        shutil.rmtree(stage_dir / name, ignore_errors=True)
