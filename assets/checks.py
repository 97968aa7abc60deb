"""Asset checks: each warehouse table validated against its Pandera model, in the pipeline.

A failed check reports its failure cases in the UI; it never removes or alters a row (the
rule-based findings of the report's own arithmetic are in `dq_findings`).
"""

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetKey,
    MetadataValue,
    asset_check,
)

from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.query import read_view
from pipelines.resources import WarehousePaths
from schemas import MODELS, validate_frame


def _schema_check(view_name: str) -> AssetChecksDefinition:
    @asset_check(
        asset=AssetKey(view_name),
        name=f"{view_name}_schema",
        description=f"Pandera model of `{view_name}`: types, keys, code formats, ranges, enumerations.",
        blocking=False,
    )
    def check(warehouse_paths: WarehousePaths) -> AssetCheckResult:
        db_path = warehouse_paths.paths().warehouse_dir / DUCKDB_FILE
        frame = read_view(db_path, view_name)
        failures = validate_frame(view_name, frame)
        return AssetCheckResult(
            passed=failures.is_empty(),
            severity=AssetCheckSeverity.ERROR,
            metadata={
                "rows_checked": frame.height,
                "failures": failures.height,
                "failure_cases": MetadataValue.md(_markdown(failures.head(20))),
            },
        )

    return check


def _markdown(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "none"
    header = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * frame.width
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, *rows])


SCHEMA_CHECKS = [_schema_check(name) for name in MODELS]
