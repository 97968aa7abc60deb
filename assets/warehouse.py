"""The analyst warehouse: every contract view as a DuckDB table and a Parquet dataset."""

from collections.abc import Iterator

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Config,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableSchema,
    multi_asset,
)

from budget_reports.contract import VIEWS
from budget_reports.object_storage import publish_parquet
from budget_reports.runs import build
from budget_reports.warehouse.build import PARQUET_DIR
from budget_reports.warehouse.lock import warehouse_lock
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


class WarehouseBuildConfig(Config):
    """``full_rebuild``: rebuild every table from all staged reports instead of applying only what changed."""

    full_rebuild: bool = False


@multi_asset(specs=WAREHOUSE_SPECS, can_subset=False)
def warehouse_tables(
    context: AssetExecutionContext, config: WarehouseBuildConfig, warehouse_paths: WarehousePaths
) -> Iterator[MaterializeResult]:
    """All views are written in one atomic load, so they always describe the same set of reports.

    A run applies only the reports added, changed or removed since the last one (full_rebuild: all).
    """
    paths = warehouse_paths.paths()
    with warehouse_lock(paths.warehouse_dir):
        result = build(paths, full=config.full_rebuild)
        if warehouse_paths.parquet_uri:
            published = publish_parquet((paths.warehouse_dir / PARQUET_DIR).resolve(), warehouse_paths.parquet_uri)
            context.log.info(f"Parquet published to {warehouse_paths.parquet_uri}: {published.copied} files sent")
    if not result.rebuilt:
        context.log.info(f"unchanged {result.duckdb_path}")
    else:
        kind = "full rebuild" if result.full else "incremental load"
        context.log.info(f"{kind} of {result.duckdb_path}: {result.removed} reports removed, {result.added} added")
    for view in VIEWS:
        yield MaterializeResult(
            asset_key=AssetKey(view.name),
            metadata={
                "dagster/row_count": MetadataValue.int(result.row_counts[view.name]),
                "duckdb": MetadataValue.path(str(result.duckdb_path)),
                "rebuilt": result.rebuilt,
                "full_rebuild": result.full,
                "reports_removed": result.removed,
                "reports_added": result.added,
            },
        )
