"""A report's charts as static SVG: Vega-Lite specifications written with Altair, drawn by vl-convert.

SVG needs no script and no network, so the pages work opened from the folder. Amounts are exact
decimals in the warehouse; a chart only draws them, so they are converted to floats here and the
tooltips and tables next to the charts keep the printed figures.
"""

from __future__ import annotations

import altair as alt
import polars as pl
import vl_convert

_WIDTH = 560
_BAR_HEIGHT = 18
_BUDGET_FIRST = ["预算数", "决算数"]
_FONT = "Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif"


def _svg(chart: alt.TopLevelMixin) -> str:
    spec = chart.configure(font=_FONT).configure_view(stroke=None).to_json()
    return vl_convert.vegalite_to_svg(spec)


def _as_floats(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).cast(pl.Float64) for c in columns if c in frame.columns)


def expenditure_by_class(classes: pl.DataFrame) -> str | None:
    """Horizontal bars: each 类's 决算数 (its budget when the report is a budget), largest first."""
    data = classes.with_columns(amount=pl.coalesce("actual", "budget")).filter(pl.col("amount").is_not_null())
    if data.is_empty():
        return None
    data = _as_floats(data.with_columns(label=pl.col("code") + " " + pl.col("class_name")), ["amount"])
    chart = (
        alt.Chart(data.select("label", "amount"), title="支出按功能分类（类，万元）")
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("amount:Q", title="万元"),
            y=alt.Y("label:N", sort="-x", title=None),
            tooltip=["label", "amount"],
        )
        .properties(width=_WIDTH, height=max(len(data), 1) * _BAR_HEIGHT)
    )
    return _svg(chart)


def budget_against_actual(items: pl.DataFrame) -> str | None:
    """Grouped bars per 项: the budget (全年, else 年初) beside the 决算数."""
    data = items.filter(pl.col("budget").is_not_null() & pl.col("actual").is_not_null())
    if data.is_empty():
        return None
    data = _as_floats(data.with_columns(label=pl.col("code") + " " + pl.col("name")), ["budget", "actual"])
    long = data.select("label", 预算数="budget", 决算数="actual").unpivot(
        index="label", variable_name="列", value_name="amount"
    )
    chart = (
        alt.Chart(long, title="预算与决算（项，万元）")
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title="万元"),
            y=alt.Y("label:N", title=None),
            yOffset=alt.YOffset("列:N", sort=_BUDGET_FIRST),
            color=alt.Color("列:N", title=None, sort=_BUDGET_FIRST),
            tooltip=["label", "列", "amount"],
        )
        .properties(width=_WIDTH - 120, height=len(data) * _BAR_HEIGHT * 2)
    )
    return _svg(chart)


def three_public_over_years(three_public: pl.DataFrame) -> str | None:
    """Lines of the 三公 items across the years the warehouse holds for the department (two years or more)."""
    if three_public.is_empty() or three_public["fiscal_year"].n_unique() < 2:
        return None
    data = _as_floats(
        three_public.with_columns(series=pl.col("metric") + "（" + pl.col("stage") + "）"),
        ["value"],
    ).select("fiscal_year", "series", "value")
    chart = (
        alt.Chart(data, title="“三公”经费历年变化（万元）")
        .mark_line(point=True)
        .encode(
            x=alt.X("fiscal_year:O", title="年度"),
            y=alt.Y("value:Q", title="万元"),
            color=alt.Color("series:N", title=None),
            tooltip=["fiscal_year", "series", "value"],
        )
        .properties(width=_WIDTH - 120, height=240)
    )
    return _svg(chart)
