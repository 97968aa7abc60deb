"""Pandera models (polars backend) of the warehouse views.

``MODELS`` maps each view to its model; ``validate_frame`` validates lazily and returns the
failure cases as a frame (empty when the frame passes), so callers turn failures into findings
or check results instead of stopping the pipeline.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.errors import SchemaErrors

from budget_reports.contract import VIEWS

_KEY_COLUMNS = {
    "report_id",
    "finding_id",
    "rule_id",
    "severity",
    "scheme",
    "edition_year",
    "code",
    "level",
    "name",
}


def _contract_schema(view) -> pa.DataFrameSchema:
    columns = {
        c.name: pa.Column(c.polars_dtype, nullable=c.name not in _KEY_COLUMNS or view.name == "expenditure_function")
        for c in view.columns
    }
    return pa.DataFrameSchema(columns, strict=True, name=view.name)


MODELS: dict[str, pa.DataFrameSchema] = {view.name: _contract_schema(view) for view in VIEWS}


def validate_frame(view_name: str, frame: pl.DataFrame) -> pl.DataFrame:
    try:
        MODELS[view_name].validate(frame, lazy=True)
    except SchemaErrors as errors:
        return pl.DataFrame(errors.failure_cases).select(pl.all().cast(pl.String))
    return pl.DataFrame(schema={"failure_case": pl.String})
