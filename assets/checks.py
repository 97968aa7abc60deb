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
                "failed_checks": MetadataValue.md(_markdown(_by_check(failures))),
                "failure_cases": MetadataValue.md(_markdown(failures.head(20))),
            },
        )

    return check


def _by_check(failures: pl.DataFrame) -> pl.DataFrame:
    """How many failure cases each (column, check) has, most first."""
    if failures.is_empty():
        return failures
    return failures.group_by("column", "check").len("cases").sort("cases", "column", descending=[True, False])


def _markdown(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "none"
    header = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * frame.width
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, *rows])


def _cell(value: object) -> str:
    # A failure case can hold a whole row or a multi-line message: keep the table one row per case.
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")[:300]


SCHEMA_CHECKS = [_schema_check(name) for name in MODELS]
