"""Staged reports for copies of the samples without extracting every copy, for load-side measurements.

A copy made by ``write_copy`` differs from its sample only by trailing newlines, which readers
ignore: its facts are the sample's, under its own report_id, hash, size and path. Each sample is
extracted once; every copy is staged from that extraction re-keyed (finding ids are derived from the
new report_id by the usual frame builder, evidence cites the copy's path). This measures loading at
sizes whose extraction would take hours on a shared machine; the cold extraction rate is measured on
real extractions at the smaller size.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from budget_reports.facts import ExtractedReport
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.warehouse.frames import report_frames
from budget_reports.warehouse.staging import stage_frames


def stage_copies(copies: list[tuple[Path, Path, Path]], stage_dir: Path) -> None:
    """Stage every (sample, copy path, raw folder) as if the copy had been extracted."""
    extracted: dict[Path, ExtractedReport] = {}
    for sample, copy, raw_dir in copies:
        if sample not in extracted:
            extracted[sample] = process_file(RawFile(sample, sample.name, file_sha256(sample), sample.stat().st_size))
        raw = RawFile(copy, copy.relative_to(raw_dir).as_posix(), file_sha256(copy), copy.stat().st_size)
        info = replace(
            extracted[sample].report,
            report_id=raw.report_id,
            source_file=raw.source_file,
            file_sha256=raw.sha256,
            file_size_bytes=raw.size,
        )
        frames = report_frames(replace(extracted[sample], report=info))
        frames = {
            name: frame.with_columns(pl.lit(raw.source_file).alias("source_file"))
            if "source_file" in frame.columns
            else frame
            for name, frame in frames.items()
        }
        stage_frames(stage_dir, info, frames)
