"""Build the analyst warehouse (DuckDB file + Parquet) from staged reports, atomically.

The new warehouse is written beside the old one and swapped in with a rename, so readers never
see a half-built file and a crash leaves the previous warehouse intact. A build whose inputs
(staged reports, reference data, contract) are unchanged is skipped: re-runs change nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from budget_reports.classification.observed import observed_frame
from budget_reports.contract import VIEWS, View
from budget_reports.warehouse.budget_outcome import budget_outcome
from budget_reports.warehouse.frames import empty_frame
from budget_reports.warehouse.staging import read_staged

DUCKDB_FILE = "budget.duckdb"
PARQUET_DIR = "parquet"
_STAMP_FILE = ".build-stamp"
# Written in the storage format of DuckDB 1.4 (the long-term-support line), so analysts can open the
# file with the DuckDB CLI or client they already have, not only with the newest release.
STORAGE_COMPATIBILITY = "v1.4.0"


@dataclass(frozen=True, slots=True)
class BuildResult:
    duckdb_path: Path
    rebuilt: bool
    row_counts: dict[str, int]


# Views derived from the others at each build (contract.DERIVED_VIEWS), by name.
DERIVED: dict[str, Callable[[dict[str, pl.DataFrame]], pl.DataFrame]] = {
    "budget_outcome": lambda frames: budget_outcome(frames["reports"], frames["expenditure_function"]),
    "classification_observed": lambda frames: observed_frame(
        frames["expenditure_function"], frames["expenditure_economic"]
    ),
}


def build_warehouse(warehouse_dir: Path, stage_dirs: list[Path], classification: pl.DataFrame) -> BuildResult:
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    db_path = warehouse_dir / DUCKDB_FILE
    stamp = _stamp(stage_dirs, classification)
    stamp_path = warehouse_dir / _STAMP_FILE
    if db_path.exists() and stamp_path.exists() and stamp_path.read_text() == stamp:
        return BuildResult(db_path, rebuilt=False, row_counts=row_counts(db_path))

    frames = {view.name: _view_frame(view, stage_dirs, classification) for view in VIEWS if view.name not in DERIVED}
    for name, derive in DERIVED.items():  # built from the other views, after them
        frames[name] = derive(frames)
    scratch_db = warehouse_dir / f".{DUCKDB_FILE}.building-{os.getpid()}"
    scratch_parquet = warehouse_dir / f".{PARQUET_DIR}.building-{os.getpid()}"
    try:
        _write_duckdb(scratch_db, frames)
        _write_parquet(scratch_parquet, frames)
        os.replace(scratch_db, db_path)
        _swap_dir(scratch_parquet, warehouse_dir / PARQUET_DIR)
        stamp_path.write_text(stamp)
    finally:
        scratch_db.unlink(missing_ok=True)
        shutil.rmtree(scratch_parquet, ignore_errors=True)
    return BuildResult(db_path, rebuilt=True, row_counts={k: v.height for k, v in frames.items()})


def row_counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {view.name: con.execute(f'SELECT count(*) FROM "{view.name}"').fetchone()[0] for view in VIEWS}


def create_table_sql(view: View) -> list[str]:
    """DDL and COMMENT statements for one view (identifiers come from the contract, not from input)."""
    columns = ", ".join(f'"{c.name}" {c.sql_type}' for c in view.columns)
    statements = [
        f'CREATE TABLE "{view.name}" ({columns})',
        f'COMMENT ON TABLE "{view.name}" IS {_sql_str(view.description)}',
    ]
    for column in view.columns:
        comment = f"{column.label}：{column.meaning}"
        statements.append(f'COMMENT ON COLUMN "{view.name}"."{column.name}" IS {_sql_str(comment)}')
    return statements


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _view_frame(view: View, stage_dirs: list[Path], classification: pl.DataFrame) -> pl.DataFrame:
    frame = classification if view.name == "classification" else read_staged(stage_dirs, view.name)
    if frame is None or frame.is_empty():
        return empty_frame(view)
    return frame.select(view.column_names).cast(dict(view.polars_schema()), strict=True)


def _write_duckdb(path: Path, frames: dict[str, pl.DataFrame]) -> None:
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}) as con:
        con.execute("BEGIN TRANSACTION")
        for view in VIEWS:
            for statement in create_table_sql(view):
                con.execute(statement)
            arrow_table = frames[view.name].to_arrow()  # noqa: F841 - read by DuckDB's replacement scan
            con.execute(f'INSERT INTO "{view.name}" SELECT * FROM arrow_table')
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


def _write_parquet(root: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Every table under parquet/<table>/, hive-partitioned by fiscal year (edition year for the reference)."""
    shutil.rmtree(root, ignore_errors=True)
    for view in VIEWS:
        partition = "edition_year" if view.name == "classification" else "fiscal_year"
        if frames[view.name].is_empty():
            # An empty table still gets a file, so its schema is readable like the others'.
            (root / view.name).mkdir(parents=True)
            pq.write_table(frames[view.name].drop(partition).to_arrow(), root / view.name / "part-0.parquet")
            continue
        pads.write_dataset(
            frames[view.name].to_arrow(),
            root / view.name,
            format="parquet",
            partitioning=[partition],
            partitioning_flavor="hive",
            existing_data_behavior="overwrite_or_ignore",
            basename_template="part-{i}.parquet",
        )


def _swap_dir(new: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _stamp(stage_dirs: list[Path], classification: pl.DataFrame) -> str:
    digest = hashlib.sha256()
    for directory in sorted(stage_dirs):
        digest.update(directory.name.encode() + b"\n")
    digest.update(repr(classification.rows()).encode())
    for view in VIEWS:
        digest.update("\n".join(create_table_sql(view)).encode())
    return digest.hexdigest()
