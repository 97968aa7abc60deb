"""What a built warehouse holds, in comparable form: every view's rows, every Parquet file's bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from budget_reports.contract import VIEWS
from budget_reports.runs import Paths, build
from budget_reports.warehouse.build import DUCKDB_FILE, PARQUET_DIR
from budget_reports.warehouse.parquet_snapshots import EMPTY_TABLE_FILE


def view_rows(warehouse_dir: Path, *, with_load_times: bool = True) -> dict[str, list[str]]:
    """Each view's rows, sorted (row order is not part of the contract); without ``with_load_times``,
    `reports.ingested_at` is left out (a report extracted again gets a new one)."""
    rows = {}
    with duckdb.connect(str(warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        for view in VIEWS:
            columns = [c for c in view.column_names if with_load_times or c != "ingested_at"]
            quoted = ", ".join(f'"{c}"' for c in columns)
            query = f'SELECT {quoted} FROM "{view.name}"'
            rows[view.name] = sorted(map(repr, con.sql(query).fetchall()))
    return rows


def parquet_files(warehouse_dir: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every Parquet file the `parquet/` folder shows."""
    root = warehouse_dir / PARQUET_DIR
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*.parquet"))
    }


def parquet_rows(warehouse_dir: Path, view_name: str) -> list[str]:
    """A view's rows read back from Parquet (partition column restored), sorted like ``view_rows``."""
    view = next(v for v in VIEWS if v.name == view_name)
    files = str(warehouse_dir / PARQUET_DIR / view.name / "**" / "*.parquet")
    columns = ", ".join(f'"{c.name}"::{c.sql_type}' for c in view.columns)
    with duckdb.connect() as con:
        names = {Path(row[0]).name for row in con.execute("SELECT file FROM glob(?)", [files]).fetchall()}
        if names == {EMPTY_TABLE_FILE}:  # an empty table: one file with the columns and no rows
            assert con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0] == 0
            return []
        rows = con.execute(f"SELECT {columns} FROM read_parquet(?, hive_partitioning = true)", [files]).fetchall()
    return sorted(map(repr, rows))


def full_rebuild_beside(paths: Paths, other_dir: Path) -> Path:
    """A warehouse rebuilt from scratch in ``other_dir`` from the same staged reports (shared, not copied)."""
    other_dir.mkdir(parents=True, exist_ok=True)
    if not (other_dir / "staging").is_symlink():
        (other_dir / "staging").symlink_to(paths.stage_dir)
    build(Paths(paths.raw_dir, other_dir), full=True)
    return other_dir
