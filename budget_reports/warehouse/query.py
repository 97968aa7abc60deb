"""Reading the built warehouse back (for checks, summaries and tests)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from budget_reports.contract import VIEWS_BY_NAME


def read_view(db_path: Path, view_name: str) -> pl.DataFrame:
    """A whole contract view as a Polars frame (view names come from the contract, never from input)."""
    if view_name not in VIEWS_BY_NAME:
        raise KeyError(f"not a warehouse view: {view_name}")
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.sql(f'SELECT * FROM "{view_name}"').pl()
