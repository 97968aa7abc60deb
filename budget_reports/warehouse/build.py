"""Load staged reports into the analyst warehouse (DuckDB file + Parquet): incrementally, atomically.

A run applies only what changed since the warehouse was last written: the reports removed (or
re-read under a new parser version) are deleted and the new ones inserted, in one transaction, and
only the Parquet partitions holding them are rewritten. The work happens on a copy of the DuckDB
file and in a new Parquet snapshot; the copy replaces the file with one rename, the commit point, so
readers never see a half-applied run and a crash (even SIGKILL) leaves the previous warehouse as it
was. A full rebuild (from an empty database) happens when the contract or the reference data
changed, when the file is missing or unreadable, or on request; it gives the same rows.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from budget_reports.contract import VIEWS
from budget_reports.warehouse.derived import refresh_derived
from budget_reports.warehouse.loading import (
    Delta,
    Partition,
    apply_delta,
    create_table_sql,
    create_tables,
    load_reference,
    loaded_reports,
    plan_delta,
)
from budget_reports.warehouse.lock import warehouse_lock
from budget_reports.warehouse.parquet_snapshots import (
    PARQUET_DIR,
    current_snapshot,
    holds_state,
    remove_unused_snapshots,
    snapshot_name,
    swap_in,
    write_snapshot,
)

__all__ = ["DUCKDB_FILE", "PARQUET_DIR", "BuildResult", "build_warehouse", "row_counts"]

log = logging.getLogger(__name__)

DUCKDB_FILE = "budget.duckdb"
_STAMP_FILE = ".build-stamp"
# Bumped when the warehouse's layout changes, so warehouses written by older releases are rebuilt.
LAYOUT_VERSION = "2"
# Written in the storage format of DuckDB 1.4 (the long-term-support line), so analysts can open the
# file with the DuckDB CLI or client they already have, not only with the newest release.
STORAGE_COMPATIBILITY = "v1.4.0"
# DuckDB spills to disk beyond this, which keeps a cold load of many reports well under 2 GB.
MEMORY_LIMIT = "1GB"


@dataclass(frozen=True, slots=True)
class BuildResult:
    duckdb_path: Path
    rebuilt: bool  # False when nothing had changed and nothing was written
    row_counts: dict[str, int]
    full: bool = False
    removed: int = 0
    added: int = 0


def build_warehouse(
    warehouse_dir: Path, stage_dirs: list[Path], classification: pl.DataFrame, *, full: bool = False
) -> BuildResult:
    """Bring the warehouse to exactly the reports staged in ``stage_dirs``; ``full`` rebuilds from scratch."""
    with warehouse_lock(warehouse_dir):
        return _build_locked(warehouse_dir, stage_dirs, classification, full)


def _build_locked(warehouse_dir: Path, stage_dirs: list[Path], classification: pl.DataFrame, full: bool) -> BuildResult:
    db_path = warehouse_dir / DUCKDB_FILE
    _remove_leftovers(warehouse_dir)
    schema = _schema_digest(classification)
    loaded = None if full or _read_stamp(warehouse_dir) != schema else _loaded_or_none(db_path)
    full = loaded is None
    delta = plan_delta(loaded or {}, stage_dirs)
    previous = None if full else current_snapshot(warehouse_dir)
    # The snapshot can trail the database when a run was killed between the two renames.
    snapshot_current = previous is not None and holds_state(previous, _state_digest(schema, loaded or {}))
    if not full and delta.empty and snapshot_current:
        return BuildResult(db_path, rebuilt=False, row_counts=row_counts(db_path))

    log.info(
        "warehouse: %s, %d report(s) to remove, %d to add",
        "full rebuild" if full else "incremental",
        len(delta.removed_report_ids),
        len(delta.added_dirs),
    )
    new_state = _state_digest(schema, {d.name: "" for d in stage_dirs})
    scratch_db = warehouse_dir / f".{DUCKDB_FILE}.building-{os.getpid()}"
    scratch_parquet = warehouse_dir / f".{PARQUET_DIR}.building-{os.getpid()}"
    try:
        reusable = previous if snapshot_current else None
        counts = _load(db_path, scratch_db, scratch_parquet, classification, delta, full, reusable)
        snapshot = scratch_parquet.rename(scratch_parquet.with_name(snapshot_name(new_state)))
        if full or not delta.empty:
            log.info("warehouse: committing")
            os.replace(scratch_db, db_path)  # the commit point
        log.info("warehouse: publishing the Parquet snapshot")
        swap_in(warehouse_dir, snapshot)
        if full:
            _write_stamp(warehouse_dir, schema)
    finally:
        _remove_scratch(scratch_db, scratch_parquet)
    return BuildResult(
        db_path, rebuilt=True, row_counts=counts, full=full,
        removed=len(delta.removed_report_ids), added=len(delta.added_dirs),
    )  # fmt: skip


def _load(
    db_path: Path,
    scratch_db: Path,
    scratch_parquet: Path,
    classification: pl.DataFrame,
    delta: Delta,
    full: bool,
    previous: Path | None,
) -> dict[str, int]:
    """Apply the delta to a copy of the database and write the Parquet snapshot from it."""
    _remove_scratch(scratch_db, scratch_parquet)
    if not full:
        shutil.copyfile(db_path, scratch_db)
    config = {"storage_compatibility_version": STORAGE_COMPATIBILITY, "memory_limit": MEMORY_LIMIT}
    with duckdb.connect(str(scratch_db), config=config) as con:
        con.execute("BEGIN TRANSACTION")
        if full:
            create_tables(con)
            load_reference(con, classification)
        log.info("warehouse: applying the changes")
        touched: dict[str, set[Partition]] | None = apply_delta(con, delta)
        refresh_derived(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        log.info("warehouse: writing Parquet")
        _write_parquet(con, scratch_parquet, previous, None if full or previous is None else touched)
        return _counts(con)


def _write_parquet(
    con: duckdb.DuckDBPyConnection, root: Path, previous: Path | None, touched: dict[str, set[Partition]] | None
) -> None:
    write_snapshot(con, root, previous, touched)


def row_counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return _counts(con)


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {view.name: con.execute(f'SELECT count(*) FROM "{view.name}"').fetchone()[0] for view in VIEWS}


def _loaded_or_none(db_path: Path) -> dict[str, str] | None:
    """The reports the warehouse holds; None when there is no readable warehouse (rebuild it)."""
    if not db_path.exists():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return loaded_reports(con)
    except duckdb.Error as error:
        log.warning("warehouse %s unreadable (%s): rebuilding it", db_path, error)
        return None


def _schema_digest(classification: pl.DataFrame) -> str:
    """What a full rebuild depends on besides the reports: the layout, the contract and the reference."""
    digest = hashlib.sha256(f"layout {LAYOUT_VERSION}\n".encode())
    digest.update(repr(classification.rows()).encode())
    for view in VIEWS:
        digest.update("\n".join(create_table_sql(view)).encode())
    return digest.hexdigest()


def _state_digest(schema: str, reports: dict[str, str]) -> str:
    digest = hashlib.sha256(schema.encode())
    for name in sorted(reports):
        digest.update(name.encode() + b"\n")
    return digest.hexdigest()[:24]


def _read_stamp(warehouse_dir: Path) -> str | None:
    try:
        return (warehouse_dir / _STAMP_FILE).read_text()
    except OSError:
        return None


def _write_stamp(warehouse_dir: Path, schema: str) -> None:
    scratch = warehouse_dir / f"{_STAMP_FILE}.{os.getpid()}"
    scratch.write_text(schema)
    os.replace(scratch, warehouse_dir / _STAMP_FILE)


def _remove_scratch(scratch_db: Path, scratch_parquet: Path) -> None:
    for path in (scratch_db, scratch_db.with_name(scratch_db.name + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(scratch_parquet, ignore_errors=True)


def _remove_leftovers(warehouse_dir: Path) -> None:
    """What runs killed mid-way left behind (the lock is held, so no other run is writing them)."""
    for path in warehouse_dir.glob(f".{DUCKDB_FILE}.building-*"):
        path.unlink(missing_ok=True)
    for path in warehouse_dir.glob(f".{PARQUET_DIR}.*"):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() and not path.is_symlink() else path.unlink()
    remove_unused_snapshots(warehouse_dir)
