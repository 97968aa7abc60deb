"""The analyst warehouse: every contract view as a DuckDB table and a Parquet dataset."""

from collections.abc import Iterator

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableSchema,
    multi_asset,
)

from budget_reports.contract import VIEWS
from budget_reports.runs import build
from pipelines.resources import WarehousePaths

WAREHOUSE_SPECS = [
    AssetSpec(
        AssetKey(view.name),
        description=view.description,
        group_name="warehouse",
        kinds={"duckdb", "parquet"},
        deps=[AssetKey("extracted_reports")],
        # The UI shows this schema in the asset's Columns tab, with each column's meaning.
        metadata={
            "dagster/column_schema": TableSchema(
                columns=[TableColumn(c.name, c.sql_type, description=f"{c.label}：{c.meaning}") for c in view.columns]
            )
        },
    )
    for view in VIEWS
]


@multi_asset(specs=WAREHOUSE_SPECS, can_subset=False)
def warehouse_tables(context: AssetExecutionContext, warehouse_paths: WarehousePaths) -> Iterator[MaterializeResult]:
    """All views are written in one atomic build, so they always describe the same set of reports."""
    result = build(warehouse_paths.paths())
    context.log.info(("rebuilt " if result.rebuilt else "unchanged ") + str(result.duckdb_path))
    for view in VIEWS:
        yield MaterializeResult(
            asset_key=AssetKey(view.name),
            metadata={
                "dagster/row_count": MetadataValue.int(result.row_counts[view.name]),
                "duckdb": MetadataValue.path(str(result.duckdb_path)),
                "rebuilt": result.rebuilt,
            },
        )
