"""Apply a run's changes to the DuckDB warehouse: per-report deletes and inserts.

The loaded state lives in the warehouse itself: every staged report has exactly one `reports` row,
whose report_id, source_file and parser_version name its staging folder. Comparing those names with
the folders a run wants gives the reports to remove and to add; a report re-read under a new parser
version is both. The caller wraps the whole delta in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from budget_reports.contract import DERIVED_VIEWS, VIEWS, View
from budget_reports.warehouse.staging import report_dir

# Staged folders per INSERT: bounds the files DuckDB opens (and the memory it uses) per statement.
INSERT_BATCH = 1000
# Rows are grouped in Parquet by fiscal year and by the first hex digit of report_id, so one changed
# report rewrites one sixteenth of its year (see docs/scaling.md).
BUCKET_SQL = "substr(report_id, 1, 1)"
REFERENCE_VIEW = "classification"

Partition = tuple[object, str]  # (partition value, bucket)


@dataclass(frozen=True, slots=True)
class Delta:
    removed_report_ids: tuple[str, ...]
    added_dirs: tuple[Path, ...]

    @property
    def empty(self) -> bool:
        return not self.removed_report_ids and not self.added_dirs


def report_views() -> tuple[View, ...]:
    """The views staged per report (the reference and the derived views are loaded otherwise)."""
    return tuple(v for v in VIEWS if v.name != REFERENCE_VIEW and v.name not in DERIVED_VIEWS)


def loaded_reports(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Staging-folder name -> report_id of every report in the warehouse."""
    rows = con.execute("SELECT report_id, source_file, parser_version FROM reports").fetchall()
    return {report_dir(Path(), rid, source, version).name: rid for rid, source, version in rows}


def plan_delta(loaded: dict[str, str], wanted_dirs: Iterable[Path]) -> Delta:
    wanted = {d.name: d for d in wanted_dirs}
    removed = sorted(rid for name, rid in loaded.items() if name not in wanted)
    added = tuple(wanted[name] for name in sorted(wanted) if name not in loaded)
    return Delta(tuple(removed), added)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for view in VIEWS:
        for statement in create_table_sql(view):
            con.execute(statement)


def load_reference(con: duckdb.DuckDBPyConnection, classification: pl.DataFrame) -> None:
    view = next(v for v in VIEWS if v.name == REFERENCE_VIEW)
    frame = classification.select(view.column_names).cast(dict(view.polars_schema()), strict=True)
    arrow_table = frame.to_arrow()  # noqa: F841 - read by DuckDB's replacement scan
    con.execute(f'INSERT INTO "{view.name}" SELECT * FROM arrow_table')


def apply_delta(con: duckdb.DuckDBPyConnection, delta: Delta) -> dict[str, set[Partition]]:
    """Delete the removed reports' rows, insert the added ones'; return the Parquet partitions touched."""
    touched: dict[str, set[Partition]] = {v.name: set() for v in VIEWS}
    if delta.removed_report_ids:
        removed = list(delta.removed_report_ids)
        for view in report_views():
            touched[view.name] |= _partitions_of(con, view, removed)
            con.execute(f'DELETE FROM "{view.name}" WHERE report_id IN (SELECT unnest(?::VARCHAR[]))', [removed])
    added_ids: list[str] = []
    for batch in _batches(delta.added_dirs, INSERT_BATCH):
        files = [str(d / "reports.parquet") for d in batch]
        added_ids += [row[0] for row in con.execute("SELECT report_id FROM read_parquet(?)", [files]).fetchall()]
        for view in report_views():
            files = [str(d / f"{view.name}.parquet") for d in batch]
            # Staged files of one parser version share the contract's columns (the version covers it).
            con.execute(f'INSERT INTO "{view.name}" BY NAME SELECT * FROM read_parquet(?)', [files])
    if added_ids:
        for view in report_views():
            touched[view.name] |= _partitions_of(con, view, added_ids)
    return touched


def _partitions_of(con: duckdb.DuckDBPyConnection, view: View, report_ids: list[str]) -> set[Partition]:
    rows = con.execute(
        f'SELECT DISTINCT fiscal_year, {BUCKET_SQL} FROM "{view.name}" '
        "WHERE report_id IN (SELECT unnest(?::VARCHAR[]))",
        [report_ids],
    ).fetchall()
    return {(year, bucket) for year, bucket in rows}


def _batches(items: tuple[Path, ...], size: int) -> Iterator[tuple[Path, ...]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
