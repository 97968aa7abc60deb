"""Per-view rules the Pandera models add to the contract's column types.

Column rules are keyed by column name (applied in every view that has the column, unless a view
overrides them); frame rules compare columns of the same row. Nulls pass a column rule: whether a
column may be null is decided separately (``NOT_NULL``).
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

FISCAL_YEARS = (2000, 2100)
# Plausible ranges of declared percentages: a share is part of a whole; completion and execution
# rates rarely exceed a few hundred percent, growth cannot fall below -100 %.
SHARE = pa.Check.in_range(0, 100)
RATE = pa.Check.in_range(0, 1000)
GROWTH = pa.Check.in_range(-100, 100000)
NON_NEGATIVE = pa.Check.ge(0)
SCORE = pa.Check.in_range(0, 100)

SOURCE_KINDS = ("narrative", "table")
# 财政拨款: the fiscal funds together, as a budget report's 编制说明 lists its lines (财政拨款支出主要内容).
FUND_TYPES = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "全部资金", "财政拨款")
STAGES = ("预算", "决算")
GROUPS = ("人员经费", "公用经费")
# The budget an income classification line belongs to (the reference's `group` of scheme `income`).
INCOME_BUDGETS = ("一般公共预算", "政府性基金预算")
LEVELS = ("类", "款", "项")
SCHEMES = ("function", "economic", "economic_gov", "income")
RELATIONS = ("same_name", "known_alias", "other_edition_name", "different_name", "unknown_code", "unresolved")


def _year(column: str) -> pa.Check:
    return pa.Check.in_range(*FISCAL_YEARS, error=f"{column} between {FISCAL_YEARS[0]} and {FISCAL_YEARS[1]}")


def _matches(pattern: str) -> pa.Check:
    return pa.Check.str_matches(pattern)


EVIDENCE_RULES: dict[str, list[pa.Check]] = {
    "page": [pa.Check.ge(1)],
    "line": [pa.Check.ge(1)],
    "snippet": [pa.Check.str_length(max_value=200)],
    "evidence_page_width": [pa.Check.gt(0)],
    "evidence_page_height": [pa.Check.gt(0)],
}

# Rules by column name, shared by every view that has the column.
COLUMN_RULES: dict[str, list[pa.Check]] = {
    **EVIDENCE_RULES,
    "report_id": [_matches(r"^([0-9a-f]{16}(-dup-[0-9a-f]{8})?|unreadable-[0-9a-f]{64})$")],
    "fiscal_year": [_year("fiscal_year")],
    "edition_year": [_year("edition_year")],
    "source_kind": [pa.Check.isin(SOURCE_KINDS)],
    "fund_type": [pa.Check.isin(FUND_TYPES)],
    "group": [pa.Check.isin(GROUPS)],
    "stage": [pa.Check.isin(STAGES)],
}

# Rules of numeric columns, by name (a text column of the same name, like dq_findings.actual, is exempt).
NUMERIC_RULES: dict[str, list[pa.Check]] = {
    "share_pct_declared": [SHARE],
    "completion_pct_declared": [RATE],
    "execution_rate_declared": [RATE],
    "change_pct_declared": [GROWTH],
    # Money columns are ≥ 0; the change column (change_value) is the exception.
    **{
        name: [NON_NEGATIVE]
        for name in ("value", "budget_value", "prior_year_value", "amount", "budget_initial", "budget_final")
    },
    **{
        name: [NON_NEGATIVE] for name in ("budget_amount", "final_budget_initial", "final_budget_final", "final_actual")
    },
    **{name: [NON_NEGATIVE] for name in ("actual", "basic", "project", "executed", "tolerance")},
    "weight": [SCORE],
    "score": [SCORE],
}

# Per-view rules that replace or add to the shared ones.
VIEW_COLUMN_RULES: dict[str, dict[str, list[pa.Check]]] = {
    "reports": {
        "file_sha256": [_matches(r"^([0-9a-f]{64}|unreadable-[0-9a-f]{64})$")],
        "parse_status": [pa.Check.isin(("ok", "partial", "failed"))],
        "money_unit": [pa.Check.isin(("万元", "元"))],
        "page_count": [pa.Check.ge(0)],
        "file_size_bytes": [pa.Check.ge(-1)],  # -1: the file could not be read
    },
    "expenditure_function": {
        "level": [pa.Check.isin(LEVELS)],
        "code": [_matches(r"^(\d{3}|\d{5}|\d{7})$")],
        "class_code": [_matches(r"^\d{3}$")],
        "kuan_code": [_matches(r"^\d{5}$")],
        "xiang_code": [_matches(r"^\d{7}$")],
    },
    "expenditure_economic": {
        "code": [_matches(r"^(\d{3}|\d{5})$")],
    },
    "performance_projects": {
        "scope": [pa.Check.isin(("项目", "部门整体"))],
    },
    "performance_indicators": {
        "comparator": [pa.Check.isin(("≥", "≤", "=", ">", "<", "≠"))],
    },
    "dq_findings": {
        "severity": [pa.Check.isin(("error", "warning", "info"))],
        "rule_id": [_matches(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")],
        "finding_id": [_matches(r"^[0-9a-f]{16}$")],
    },
    "budget_outcome": {
        "level": [pa.Check.isin(LEVELS)],
        "code": [_matches(r"^(\d{3}|\d{5}|\d{7})$")],
        "agreement": [pa.Check.isin(("一致", "不一致", "决算未列年初预算", "仅预算", "仅决算"))],
    },
    "classification": {
        "scheme": [pa.Check.isin(SCHEMES)],
        "group": [pa.Check.isin(GROUPS + INCOME_BUDGETS)],
        "level": [pa.Check.isin(LEVELS)],
        "code": [_matches(r"^(\d{3}|\d{5}|\d{7})$")],
        "parent_code": [_matches(r"^(\d{3}|\d{5})$")],
        "source": [pa.Check.isin(("reference", "local"))],
    },
    "classification_observed": {
        "scheme": [pa.Check.isin(SCHEMES)],
        "level": [pa.Check.isin(LEVELS)],
        "code": [_matches(r"^(\d{3}|\d{5}|\d{7})$")],
        "resolved_code": [_matches(r"^(\d{3}|\d{5}|\d{7})$")],
        "relation": [pa.Check.isin(RELATIONS)],
        "report_count": [pa.Check.ge(1)],
        "department_count": [pa.Check.ge(0)],
    },
}

# Columns that must never be null (besides the view's key columns, see contract.View.key).
NOT_NULL: dict[str, tuple[str, ...]] = {
    "reports": (
        "report_id",
        "source_file",
        "file_sha256",
        "file_format",
        "parse_status",
        "parser_version",
        "ingested_at",
    ),
    "summary_metrics": ("report_id", "metric", "unit", "source_kind", "source_file"),
    "income": ("report_id", "source", "source_kind", "source_file"),
    "expenditure_function": ("report_id", "fund_type", "level", "name_as_written", "source_kind", "source_file"),
    "expenditure_economic": ("report_id", "fund_type", "name", "source_kind", "source_file"),
    "performance_projects": ("report_id", "project_name", "scope", "source_kind", "source_file"),
    "performance_funds": ("report_id", "project_name", "fund_source", "source_file"),
    "performance_indicators": ("report_id", "project_name", "source_file"),
    "dq_findings": ("finding_id", "report_id", "rule_id", "severity", "subject", "message"),
    "classification": ("scheme", "edition_year", "code", "level", "name"),
    "classification_observed": ("scheme", "edition_year", "level", "name_as_printed", "relation", "report_count"),
    "budget_outcome": ("department_key", "fiscal_year", "fund_type", "code", "agreement"),
}


def _row_check(name: str, error: str, expr: pl.Expr) -> pa.Check:
    """A check on each row; a row where the expression is null (a column not stated) passes."""
    return pa.Check(lambda data: data.lazyframe.select(expr.fill_null(True)), name=name, error=error)


def _code_len(column: str, length: int) -> pl.Expr:
    return pl.col(column).str.len_chars() == length


def _starts_with(column: str, prefix_column: str) -> pl.Expr:
    return pl.col(column).str.starts_with(pl.col(prefix_column))


def _code_length_by_level() -> pa.Check:
    return _row_check(
        "code_length_by_level",
        "code has 3 digits for 类, 5 for 款, 7 for 项",
        pl.when(pl.col("level") == "类")
        .then(_code_len("code", 3))
        .when(pl.col("level") == "款")
        .then(_code_len("code", 5))
        .otherwise(_code_len("code", 7)),
    )


FRAME_RULES: dict[str, list[pa.Check]] = {
    "reports": [
        _row_check(
            "failed_has_reason",
            "a failed report says why (error_message)",
            (pl.col("parse_status") != "failed") | pl.col("error_message").is_not_null(),
        ),
    ],
    "expenditure_function": [
        _code_length_by_level(),
        _row_check(
            "kuan_under_class",
            "kuan_code starts with class_code",
            _starts_with("kuan_code", "class_code"),
        ),
        _row_check("xiang_under_kuan", "xiang_code starts with kuan_code", _starts_with("xiang_code", "kuan_code")),
        _row_check("code_under_class", "code starts with class_code", _starts_with("code", "class_code")),
        _row_check(
            "code_is_its_level_code",
            "code equals the class_code, kuan_code or xiang_code of its level",
            pl.when(pl.col("level") == "类")
            .then(pl.col("code") == pl.col("class_code"))
            .when(pl.col("level") == "款")
            .then(pl.col("code") == pl.col("kuan_code"))
            .otherwise(pl.col("code") == pl.col("xiang_code")),
        ),
    ],
    "expenditure_economic": [
        _row_check(
            "group_matches_code",
            "人员经费 lines are 301/303, 公用经费 lines 302/310 (as the reports group them)",
            pl.when(pl.col("group") == "人员经费")
            .then(pl.col("code").str.slice(0, 3).is_in(["301", "303"]))
            .when(pl.col("group") == "公用经费")
            .then(pl.col("code").str.slice(0, 3).is_in(["302", "310"]))
            .otherwise(True),
        ),
    ],
    "performance_funds": [
        _row_check("score_within_weight", "score ≤ weight", pl.col("score") <= pl.col("weight")),
    ],
    "performance_indicators": [
        _row_check("score_within_weight", "score ≤ weight", pl.col("score") <= pl.col("weight")),
    ],
    "classification": [
        _code_length_by_level(),
        _row_check(
            "economic_has_no_xiang",
            "the economic classifications have 类 and 款 only",
            ~pl.col("scheme").is_in(["economic", "economic_gov"]) | (pl.col("level") != "项"),
        ),
        _row_check(
            "parent_is_prefix",
            "parent_code is the code without its last two digits; 类 have none",
            pl.when(pl.col("level") == "类")
            .then(pl.col("parent_code").is_null())
            .otherwise(pl.col("parent_code") == pl.col("code").str.slice(0, pl.col("code").str.len_chars() - 2)),
        ),
    ],
}


_BOX = ("evidence_bbox_x0", "evidence_bbox_y0", "evidence_bbox_x1", "evidence_bbox_y1")


def _box_rules() -> list[pa.Check]:
    """A figure's box on its page: all of it or none, on a page, corners in order."""
    stated = [pl.col(c).is_not_null() for c in (*_BOX, "evidence_page_width", "evidence_page_height", "page")]
    return [
        pa.Check(
            lambda data: data.lazyframe.select(pl.all_horizontal(stated) | ~pl.any_horizontal(stated[:6])),
            name="box_complete",
            error="a box has its four edges, the page's size and the page number, or none of them",
        ),
        _row_check(
            "box_ordered",
            "a box's left edge is left of its right edge, its top above its bottom",
            (pl.col("evidence_bbox_x0") <= pl.col("evidence_bbox_x1"))
            & (pl.col("evidence_bbox_y0") <= pl.col("evidence_bbox_y1")),
        ),
    ]


# Frame rules of every view that carries evidence boxes.
BOX_RULES = _box_rules()
