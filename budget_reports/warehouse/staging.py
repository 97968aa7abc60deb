"""Per-report staging: each extracted report's frames as Parquet, written atomically.

The staging folder doubles as the extraction cache: a file whose content (report_id) and parser
version were already extracted is not read again. A report's folder appears whole or not at all
(written to a temporary folder, then renamed), so a crash never leaves half a report staged.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import polars as pl

from budget_reports.facts import ExtractedReport, ReportInfo
from budget_reports.warehouse.frames import report_frames


def report_dir(stage_dir: Path, report_id: str, source_file: str, parser_version: str) -> Path:
    # The name is part of the key: evidence cites the file's path, so a moved file is re-staged.
    name_hash = hashlib.sha256(source_file.encode()).hexdigest()[:8]
    return stage_dir / f"{report_id}-{name_hash}-v{parser_version}"


# Beside a report stopped at a per-file limit: the limits then in force, so that a run with higher
# limits reads the file again instead of reusing the failure.
LIMIT_FILE = "limit.json"


def stage_report(stage_dir: Path, extracted: ExtractedReport, limit: dict | None = None) -> Path:
    return stage_frames(stage_dir, extracted.report, report_frames(extracted), limit)


def stage_frames(stage_dir: Path, info: ReportInfo, frames: dict[str, pl.DataFrame], limit: dict | None = None) -> Path:
    """Write one report's frames as its staged folder, whole or not at all."""
    target = report_dir(stage_dir, info.report_id, info.source_file, info.parser_version)
    stage_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".staging-", dir=stage_dir))
    try:
        for view_name, frame in frames.items():
            frame.write_parquet(scratch / f"{view_name}.parquet")
        if limit is not None:
            (scratch / LIMIT_FILE).write_text(json.dumps(limit, sort_keys=True), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        scratch.rename(target)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch)
    return target


def staged_limit(directory: Path) -> dict | None:
    """The limits a staged report was stopped at (None if it was not stopped)."""
    try:
        return json.loads((directory / LIMIT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
