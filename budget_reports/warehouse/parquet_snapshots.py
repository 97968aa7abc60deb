"""The Parquet copy of the warehouse as immutable snapshots, swapped in with one symlink rename.

`parquet/` is a symlink to `.parquet-<state>/`, where `<state>` digests the set of reports the
snapshot holds. A run writes a new snapshot beside the current one: the partition files it did not
touch are hard links to the current snapshot's (no bytes copied), the touched ones are written from
the freshly loaded DuckDB tables. Renaming a new symlink over `parquet` is atomic, so a reader
globbing `parquet/<table>/**` sees one snapshot or the other, never a mix, and a crash before the
rename leaves the previous snapshot in place.

Files are `<table>/<partition>=<value>/part-<bucket>-<digest>.parquet`, the bucket being the first
hex digit of report_id and the digest that of the file's bytes: a file's name changes exactly when
its content does, which is what lets object storage be updated by name alone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq

from budget_reports.contract import DERIVED_VIEWS, VIEWS, View
from budget_reports.warehouse.loading import BUCKET_SQL, REFERENCE_VIEW, Partition

PARQUET_DIR = "parquet"
SNAPSHOT_PREFIX = ".parquet-"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # how Hive (and pyarrow, DuckDB) name the NULL partition
EMPTY_TABLE_FILE = "part-0.parquet"
_REFERENCE_BUCKET = "0"
_BUCKET_COLUMN = "__bucket"


def partition_column(view: View) -> str:
    return "edition_year" if view.name == REFERENCE_VIEW else "fiscal_year"


def current_snapshot(warehouse_dir: Path) -> Path | None:
    """The snapshot `parquet/` points to; None when there is none (or an older plain folder)."""
    link = warehouse_dir / PARQUET_DIR
    if not link.is_symlink():
        return None
    target = warehouse_dir / os.readlink(link)
    return target if target.is_dir() else None


def snapshot_name(state_digest: str) -> str:
    """A new snapshot's folder name: the state it holds, then a nonce (a rebuild of the same state is
    a new folder too, so the current one is never overwritten in place)."""
    return f"{SNAPSHOT_PREFIX}{state_digest}-{time.time_ns():x}"


def holds_state(snapshot: Path, state_digest: str) -> bool:
    return snapshot.name.startswith(f"{SNAPSHOT_PREFIX}{state_digest}-")


def write_snapshot(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    previous: Path | None,
    touched: dict[str, set[Partition]] | None,
) -> None:
    """Every table under ``root``; with ``previous`` and ``touched``, only touched partitions are written.

    ``touched`` None means every partition is written anew (a full rebuild, or a previous snapshot
    that does not match the loaded tables).
    """
    shutil.rmtree(root, ignore_errors=True)
    for view in VIEWS:
        table_dir = root / view.name
        table_dir.mkdir(parents=True)
        column = partition_column(view)
        partitions = con.execute(f'SELECT DISTINCT "{column}", {_bucket_sql(view)} FROM "{view.name}"').fetchall()
        if not partitions:
            # An empty table still gets a file, so its schema is readable like the others'.
            empty = con.sql(f'SELECT * EXCLUDE ("{column}") FROM "{view.name}" LIMIT 0').to_arrow_table()
            pq.write_table(empty, table_dir / EMPTY_TABLE_FILE)
            continue
        pending: dict[object, list[str]] = {}  # partition value -> buckets to write
        for value, bucket in sorted(partitions, key=lambda p: (p[0] is None, p[0] or 0, p[1])):
            year_dir = table_dir / _partition_dir(column, value)
            year_dir.mkdir(exist_ok=True)
            # Derived views are recomputed whole at each load: their files are always written anew.
            reusable = (
                previous is not None
                and touched is not None
                and view.name not in DERIVED_VIEWS
                and (value, bucket) not in touched[view.name]
            )
            if not (reusable and _link_previous(previous / view.name / year_dir.name, year_dir, bucket)):
                pending.setdefault(value, []).append(bucket)
        for value, buckets in pending.items():
            _write_buckets(
                con, view, value, buckets, table_dir / f"{column}={NULL_PARTITION if value is None else value}"
            )


def _bucket_sql(view: View) -> str:
    # Tables without report_id (the reference, the derived views) are one bucket per partition.
    return BUCKET_SQL if "report_id" in view.column_names else f"'{_REFERENCE_BUCKET}'"


def _link_previous(previous_dir: Path, year_dir: Path, bucket: str) -> bool:
    files = sorted(previous_dir.glob(f"part-{bucket}-*.parquet")) if previous_dir.is_dir() else []
    for file in files:
        try:
            os.link(file, year_dir / file.name)
        except OSError:  # a file system without hard links
            shutil.copy2(file, year_dir / file.name)
    return bool(files)


def _partition_dir(column: str, value: object) -> str:
    return f"{column}={NULL_PARTITION if value is None else value}"


def _write_buckets(
    con: duckdb.DuckDBPyConnection, view: View, value: object, buckets: list[str], year_dir: Path
) -> None:
    """The given buckets of one partition value, read in one scan, each as a file named by its content.

    Rows go without the partition column (Hive keeps it in the folder name), sorted so the same rows
    always give the same bytes."""
    column = partition_column(view)
    rows = con.sql(
        f'SELECT {_bucket_sql(view)} AS "{_BUCKET_COLUMN}", * EXCLUDE ("{column}") FROM "{view.name}" '
        f'WHERE "{column}" IS NOT DISTINCT FROM ? AND {_bucket_sql(view)} IN (SELECT unnest(?::VARCHAR[])) '
        "ORDER BY ALL",
        params=[value, buckets],
    ).to_arrow_table()
    bucket_of_row = rows.column(_BUCKET_COLUMN)
    rows = rows.drop_columns([_BUCKET_COLUMN])
    for bucket in buckets:
        scratch = year_dir / ".writing.parquet"
        pq.write_table(rows.filter(pc.equal(bucket_of_row, bucket)), scratch)
        digest = hashlib.sha256(scratch.read_bytes()).hexdigest()[:16]
        scratch.rename(year_dir / f"part-{bucket}-{digest}.parquet")


def swap_in(warehouse_dir: Path, snapshot: Path) -> None:
    """Point `parquet/` at ``snapshot`` atomically, then drop the snapshots no longer pointed to."""
    link = warehouse_dir / PARQUET_DIR
    if link.exists() and not link.is_symlink():  # a plain folder written by an older release
        shutil.rmtree(link)
    scratch_link = warehouse_dir / f".{PARQUET_DIR}.link-{os.getpid()}"
    scratch_link.unlink(missing_ok=True)
    scratch_link.symlink_to(snapshot.name)
    os.replace(scratch_link, link)
    remove_unused_snapshots(warehouse_dir)


def remove_unused_snapshots(warehouse_dir: Path) -> None:
    current = current_snapshot(warehouse_dir)
    for path in warehouse_dir.glob(f"{SNAPSHOT_PREFIX}*"):
        if path != current:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
