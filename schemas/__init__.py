"""Pandera models (polars backend) of the warehouse views, built from the contract plus per-view rules.

Each view's schema takes its columns, exact dtypes (Decimal with precision and scale) and
descriptions from ``budget_reports.contract``, is strict (no column more or less), and adds the
rules of ``schemas.rules``: key columns not null and unique together, code formats per level,
code prefixes consistent, money ≥ 0 except change columns, percentages and years in plausible
ranges, enumerated values. ``validate_frame`` validates lazily and returns every failure case as
a frame (empty when the frame passes), so callers report failures instead of stopping.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.errors import SchemaError, SchemaErrors

from budget_reports.contract import VIEWS, View
from schemas.rules import BOX_RULES, COLUMN_RULES, FRAME_RULES, NOT_NULL, NUMERIC_RULES, VIEW_COLUMN_RULES

FAILURE_COLUMNS = ("schema_context", "column", "check", "failure_case", "index")


def _column(view: View, name: str) -> pa.Column:
    contract_column = next(c for c in view.columns if c.name == name)
    shared = COLUMN_RULES.get(name, [])
    if contract_column.polars_dtype.is_numeric():
        shared = shared + NUMERIC_RULES.get(name, [])
    rules = VIEW_COLUMN_RULES.get(view.name, {}).get(name, shared)
    not_null = name in NOT_NULL.get(view.name, ()) or (name in view.key and _key_never_null(view, name))
    return pa.Column(
        contract_column.polars_dtype,
        checks=list(rules),
        nullable=not not_null,
        description=f"{contract_column.label}：{contract_column.meaning}",
        title=contract_column.label,
    )


def _key_never_null(view: View, name: str) -> bool:
    # Some key parts are legitimately empty (a metric without scope, a prose line without table or code).
    optional_key_parts = {"scope", "source_table", "code"}
    return not (name in optional_key_parts and view.name != "classification")


def view_schema(view: View) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {name: _column(view, name) for name in view.column_names},
        checks=FRAME_RULES.get(view.name, []) + (BOX_RULES if "evidence_bbox_x0" in view.column_names else []),
        unique=list(view.key) or None,
        strict=True,
        name=view.name,
        description=view.description,
    )


MODELS: dict[str, pa.DataFrameSchema] = {view.name: view_schema(view) for view in VIEWS}


def validate_frame(view_name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Every failure case of ``frame`` against the view's model (an empty frame when it passes)."""
    try:
        MODELS[view_name].validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = pl.DataFrame(errors.failure_cases)
        return cases.select([pl.col(c).cast(pl.String) for c in FAILURE_COLUMNS if c in cases.columns])
    except SchemaError as error:  # raised eagerly for problems lazy mode cannot collect
        return pl.DataFrame(
            {"schema_context": ["DataFrameSchema"], "column": [None], "check": [str(error)], "failure_case": [None]},
            schema={c: pl.String for c in ("schema_context", "column", "check", "failure_case")},
        )
    return pl.DataFrame(schema={c: pl.String for c in FAILURE_COLUMNS})
