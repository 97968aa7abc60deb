"""Analysts' read-only access to a built warehouse: open it, run one read statement, label its columns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from budget_reports.contract import VIEWS, VIEWS_BY_NAME

# Statements that only read. Everything else (INSERT, COPY … TO, ATTACH, INSTALL, SET …) is refused
# before it runs, so a query can neither change the warehouse nor write files beside it.
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class WarehouseError(Exception):
    """A problem the user can fix (no warehouse yet, a bad statement); its message is one line."""


@contextmanager
def connect_readonly(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    if not db_path.is_file():
        raise WarehouseError(f"no warehouse at {db_path}: run `budget run` first (仓库不存在，请先运行 budget run)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open the warehouse {db_path}: {_first_line(exc)}") from exc
    try:
        yield con
    finally:
        con.close()


def run_query(db_path: Path, sql: str, params: list[object] | None = None) -> pl.DataFrame:
    """The result of one read-only statement; a write or a syntax error raises `WarehouseError`."""
    with connect_readonly(db_path) as con:
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise WarehouseError(f"SQL error: {_first_line(exc)}") from exc
        if len(statements) != 1:
            raise WarehouseError(f"expected one SQL statement, got {len(statements)} (只能执行一条查询语句)")
        if statements[0].type not in READ_STATEMENTS:
            kind = statements[0].type.name
            raise WarehouseError(f"only read statements are allowed, not {kind} (只允许查询语句)")
        try:
            return con.sql(sql, params=params or None).pl()
        except duckdb.Error as exc:
            raise WarehouseError(f"SQL error: {_first_line(exc)}") from exc


def referenced_views(db_path: Path, sql: str) -> list[str]:
    """Contract views a statement reads from, in the order the contract lists them."""
    with connect_readonly(db_path) as con:
        try:
            tables = con.get_table_names(sql)
        except duckdb.Error:
            return []
    return [v.name for v in VIEWS if v.name in tables]


def chinese_labels(columns: list[str], views: list[str]) -> list[str]:
    """Contract labels for result columns: the views the query reads first, then any view; unknown names kept."""
    ordered = [VIEWS_BY_NAME[name] for name in views] + [v for v in VIEWS if v.name not in views]
    labels: dict[str, str] = {}
    for view in ordered:
        for column in view.columns:
            labels.setdefault(column.name, column.label)
    return [labels.get(name, name) for name in columns]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
