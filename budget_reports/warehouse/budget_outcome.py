"""The budget_outcome view: each 类/款/项 line of a budget report beside the same line of that
year's final accounts of the same department.

Both reports are matched by ``department_key`` (the same department, however each report prints
its name) and fiscal year; lines by fund type and code. Each side gives one figure per line:
a table's over the prose's (tables print every line; the prose picks some), the most detailed
table's over an overview's, and the final accounts' 年初预算 from whichever statement gives it
(Shanghai prints it only in the prose).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budget_reports.contract import BUDGET_OUTCOME, MONEY_DTYPE
from budget_reports.stages import BUDGET, FINAL
from budget_reports.warehouse.frames import empty_frame

# Half a unit of a figure printed to 0.01 万元: a budget printed in 元 and quoted in 万元 agrees.
AGREEMENT_TOLERANCE = Decimal("0.005")
_MATCH = ["department_key", "fiscal_year", "fund_type", "code"]
_SIDE = [*_MATCH, "report_id"]


def budget_outcome(reports: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    """The view's rows, from the ``reports`` and ``expenditure_function`` frames of one build."""
    keyed = (
        lines.filter(pl.col("code").is_not_null())
        .drop("fiscal_year", "department", "stage")
        .join(
            reports.select("report_id", "fiscal_year", "department", "department_key", "stage").filter(
                pl.col("department_key").is_not_null() & pl.col("fiscal_year").is_not_null()
            ),
            on="report_id",
        )
        # Tables first, then prose; the most detailed table first (a fund's 功能分类 table, down to the
        # 项, before an overview listing the 类); then document order.
        .with_columns(
            pl.when(pl.col("source_kind") == "table").then(0).otherwise(1).alias("_rank"),
            (-pl.col("code").str.len_chars().cast(pl.Int32).max().over("report_id", "source_table")).alias("_detail"),
        )
        .sort("_rank", "_detail", "source_file", "page", "line", nulls_last=True)
    )
    budget = _budget_side(keyed.filter(pl.col("stage") == BUDGET))
    final = _final_side(keyed.filter(pl.col("stage") == FINAL))
    if budget.is_empty() or final.is_empty():
        return empty_frame(BUDGET_OUTCOME)
    # Only departments and years with both reports: a line missing on one side is shown as such.
    both = (
        budget.select("department_key", "fiscal_year")
        .unique()
        .join(final.select("department_key", "fiscal_year").unique(), on=["department_key", "fiscal_year"])
    )
    paired = budget.join(both, on=["department_key", "fiscal_year"]).join(
        final.join(both, on=["department_key", "fiscal_year"]), on=_MATCH, how="full", coalesce=True
    )
    paired = paired.with_columns(
        pl.coalesce("department", "final_department").alias("department"),
        pl.coalesce("level", "final_level").alias("level"),
        pl.coalesce("name", "final_name").alias("name"),
        (pl.col("final_budget_initial") - pl.col("budget_amount")).alias("budget_gap"),
        (pl.col("final_actual") - pl.col("budget_amount")).alias("outcome_gap"),
    ).with_columns(_agreement())
    return paired.select([pl.col(c.name).cast(c.polars_dtype) for c in BUDGET_OUTCOME.columns]).sort(
        "department_key", "fiscal_year", "fund_type", "code", nulls_last=True
    )


def _first(column: str, where: pl.Expr | None = None) -> pl.Expr:
    """The first non-null value of ``column`` in the group (rows come tables first)."""
    values = pl.col(column) if where is None else pl.col(column).filter(where)
    return values.drop_nulls().first()


def _budget_side(rows: pl.DataFrame) -> pl.DataFrame:
    has_amount = pl.col("budget_initial").is_not_null()
    return (
        rows.group_by(_SIDE, maintain_order=True)
        .agg(
            _first("department"),
            _first("level"),
            _first("name_as_written").alias("name"),
            _first("budget_initial").alias("budget_amount"),
            _first("source_kind", has_amount).alias("budget_source_kind"),
            _first("source_file", has_amount).alias("budget_source_file"),
            _first("page", has_amount).alias("budget_page"),
            _first("line", has_amount).alias("budget_line"),
        )
        .rename({"report_id": "budget_report_id"})
    )


def _final_side(rows: pl.DataFrame) -> pl.DataFrame:
    cited = pl.col("actual").is_not_null()
    return (
        rows.group_by(_SIDE, maintain_order=True)
        .agg(
            _first("department").alias("final_department"),
            _first("level").alias("final_level"),
            _first("name_as_written").alias("final_name"),
            _first("budget_initial").alias("final_budget_initial"),
            _first("budget_final").alias("final_budget_final"),
            _first("actual").alias("final_actual"),
            pl.coalesce(_first("source_file", cited), _first("source_file")).alias("final_source_file"),
            pl.coalesce(_first("page", cited), _first("page")).alias("final_page"),
            pl.coalesce(_first("line", cited), _first("line")).alias("final_line"),
        )
        .rename({"report_id": "final_report_id"})
    )


def _agreement() -> pl.Expr:
    tolerance = pl.lit(AGREEMENT_TOLERANCE).cast(MONEY_DTYPE)
    return (
        pl.when(pl.col("final_report_id").is_null())
        .then(pl.lit("仅预算"))
        .when(pl.col("budget_report_id").is_null())
        .then(pl.lit("仅决算"))
        .when(pl.col("budget_gap").is_null())
        .then(pl.lit("决算未列年初预算"))
        .when(pl.col("budget_gap").abs() <= tolerance)
        .then(pl.lit("一致"))
        .otherwise(pl.lit("不一致"))
        .alias("agreement")
    )
