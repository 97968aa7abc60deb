"""Views derived from the other views (contract.DERIVED_VIEWS), recomputed whole at each load.

They pair or count rows across reports (a budget with its final accounts, a code across every report
printing it), so one report added or removed can change any of their rows: they are rebuilt from the
loaded tables after each delta, inside the load's transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import polars as pl

from budget_reports.classification.observed import observed_frame
from budget_reports.contract import DERIVED_VIEWS, VIEWS_BY_NAME
from budget_reports.warehouse.budget_outcome import budget_outcome

Tables = Callable[[str], pl.DataFrame]

DERIVATIONS: dict[str, Callable[[Tables], pl.DataFrame]] = {
    "budget_outcome": lambda table: budget_outcome(table("reports"), table("expenditure_function")),
    "classification_observed": lambda table: observed_frame(
        table("expenditure_function"), table("expenditure_economic")
    ),
}
assert set(DERIVATIONS) == set(DERIVED_VIEWS), "every derived view of the contract has its derivation"


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Replace every derived table's rows by what the loaded tables give now."""
    cache: dict[str, pl.DataFrame] = {}

    def table(name: str) -> pl.DataFrame:
        if name not in cache:
            view = VIEWS_BY_NAME[name]
            frame = con.sql(f'SELECT * FROM "{name}"').pl()
            cache[name] = frame.select(view.column_names).cast(dict(view.polars_schema()), strict=True)
        return cache[name]

    for name, derive in DERIVATIONS.items():
        view = VIEWS_BY_NAME[name]
        frame = derive(table).select(view.column_names).cast(dict(view.polars_schema()), strict=True)
        arrow_table = frame.to_arrow()  # noqa: F841 - read by DuckDB's replacement scan
        con.execute(f'DELETE FROM "{name}"')
        con.execute(f'INSERT INTO "{name}" SELECT * FROM arrow_table')
