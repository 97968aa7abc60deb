"""Pandera models of the views: a valid row passes, each kind of broken row fails with its case reported,
and in the real Dagster job every view's asset check runs and passes on the seeds."""

from __future__ import annotations

import importlib
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from dagster import DagsterInstance

from assets.checks import SCHEMA_CHECKS
from budget_reports.classification.reference import classification_frame
from budget_reports.contract import VIEWS, VIEWS_BY_NAME
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.frames import frame_from_records
from pipelines.resources import WarehousePaths
from schemas import MODELS, validate_frame

EVIDENCE = {"source_file": "a.pdf", "page": 3, "line": 12, "snippet": "住房公积金187.19万元"}
KEYS = {"report_id": "0123456789abcdef", "fiscal_year": 2024, "department": "上海市普陀区财政局"}

VALID: dict[str, dict[str, Any]] = {
    "reports": {
        "report_id": "0123456789abcdef",
        "source_file": "a.pdf",
        "file_sha256": "ab" * 32,
        "file_format": "pdf",
        "fiscal_year": 2024,
        "parse_status": "ok",
        "money_unit": "万元",
        "page_count": 30,
        "file_size_bytes": 3680942,
        "parser_version": "1",
        "ingested_at": datetime(2026, 1, 1),
    },
    "summary_metrics": KEYS
    | EVIDENCE
    | {
        "metric": "收支总计",
        "value": Decimal("2995.39"),
        "unit": "万元",
        "change_value": Decimal("-56.95"),  # a decrease: change columns may be negative
        "change_pct_declared": Decimal("-1.87"),
        "source_kind": "narrative",
    },
    "income": KEYS | EVIDENCE | {"source": "财政拨款收入", "amount": Decimal("2940.05"), "source_kind": "narrative"},
    "expenditure_function": KEYS
    | EVIDENCE
    | {
        "fund_type": "一般公共预算财政拨款",
        "level": "项",
        "code": "2210201",
        "class_code": "221",
        "class_name": "住房保障支出",
        "kuan_code": "22102",
        "kuan_name": "住房改革支出",
        "xiang_code": "2210201",
        "xiang_name": "住房公积金",
        "name_as_written": "住房公积金",
        "actual": Decimal("187.19"),
        "completion_pct_declared": Decimal("98.20"),
        "share_pct_declared": Decimal("6.37"),
        "source_kind": "table",
        "source_table": "一般公共预算财政拨款支出决算表",
    },
    "expenditure_economic": KEYS
    | EVIDENCE
    | {
        "fund_type": "一般公共预算财政拨款",
        "code": "30113",
        "name": "住房公积金",
        "group": "人员经费",
        "amount": Decimal("187.19"),
        "source_kind": "table",
    },
    "performance_projects": KEYS
    | EVIDENCE
    | {"project_name": "信息化建设", "scope": "项目", "budget_final": Decimal("140"), "score": Decimal("95.5")}
    | {"source_kind": "table"},
    "performance_funds": KEYS
    | EVIDENCE
    | {"project_name": "信息化建设", "fund_source": "财政拨款", "weight": Decimal("10"), "score": Decimal("9.5")},
    "performance_indicators": KEYS
    | EVIDENCE
    | {"project_name": "信息化建设", "level3": "系统上线率", "comparator": "≥", "weight": Decimal("20")},
    "dq_findings": {
        "finding_id": "fedcba9876543210",
        "report_id": "0123456789abcdef",
        "fiscal_year": 2024,
        "rule_id": "classification.unresolved",
        "severity": "warning",
        "subject": "行政运行",
        "message": "未能确定科目编码",
        "tolerance": Decimal("0.01"),
    }
    | EVIDENCE,
    "classification": {
        "scheme": "function",
        "edition_year": 2024,
        "code": "2210201",
        "level": "项",
        "name": "住房公积金",
        "parent_code": "22102",
        "aliases": [],
    },
    "classification_observed": {
        "scheme": "function",
        "fiscal_year": 2024,
        "edition_year": 2024,
        "code": "2210201",
        "level": "项",
        "name_as_printed": "住房公积金",
        "source_kind": "table",
        "report_count": 1,
        "department_count": 1,
        "relation": "same_name",
        "reference_name": "住房公积金",
        "resolved_code": "2210201",
    },
    "budget_outcome": {
        "department_key": "上海市|上海市|普陀区|财政局",
        "fiscal_year": 2024,
        "fund_type": "一般公共预算财政拨款",
        "level": "项",
        "code": "2010607",
        "budget_report_id": "0123456789abcdef",
        "budget_amount": Decimal("140"),
        "final_report_id": "fedcba9876543210",
        "final_budget_initial": Decimal("135.9"),
        "final_actual": Decimal("135.25"),
        "budget_gap": Decimal("-4.1"),
        "outcome_gap": Decimal("-4.75"),
        "agreement": "不一致",
    },
}


def _frame(view_name: str, *changes: dict[str, Any]) -> pl.DataFrame:
    """The valid row, followed by one row per ``changes`` (the valid row with those values)."""
    records = [VALID[view_name]] + [VALID[view_name] | change for change in changes]
    return frame_from_records(VIEWS_BY_NAME[view_name], records)


def test_every_view_has_a_model_and_a_valid_row_passes() -> None:
    assert set(MODELS) == {v.name for v in VIEWS} == set(VALID)
    for view in VIEWS:
        assert validate_frame(view.name, _frame(view.name)).is_empty(), view.name
        assert validate_frame(view.name, frame_from_records(view, [])).is_empty(), view.name


def test_the_shipped_reference_passes_its_model() -> None:
    assert validate_frame("classification", classification_frame()).is_empty()


BROKEN = [
    # (view, changed values, column reported (None: a row-level check, reported under the view's name),
    #  fragment of the check's name or message)
    ("reports", {"report_id": None}, "report_id", "not_nullable"),
    ("reports", {"parse_status": "done"}, "parse_status", "isin"),
    ("reports", {"fiscal_year": 1999}, "fiscal_year", "between 2000 and 2100"),
    ("reports", {"parse_status": "failed", "error_message": None}, None, "failed report says why"),
    ("summary_metrics", {"value": Decimal("-1")}, "value", "greater_than_or_equal_to"),
    ("summary_metrics", {"source_kind": "pdf"}, "source_kind", "isin"),
    ("summary_metrics", {"stage": "执行"}, "stage", "isin"),
    ("budget_outcome", {"agreement": "差不多"}, "agreement", "isin"),
    ("budget_outcome", {"final_actual": Decimal("-1")}, "final_actual", "greater_than_or_equal_to"),
    ("summary_metrics", {"change_pct_declared": Decimal("-120")}, "change_pct_declared", "in_range"),
    ("income", {"share_pct_declared": Decimal("140")}, "share_pct_declared", "in_range"),
    ("income", {}, None, "uniqueness"),  # the same source twice
    ("expenditure_function", {"level": "目"}, "level", "isin"),
    ("expenditure_function", {"xiang_code": "221020"}, "xiang_code", "str_matches"),
    ("expenditure_function", {"code": "22102", "xiang_code": None}, None, "3 digits for 类"),
    ("expenditure_function", {"kuan_code": "22202", "code": "2220201", "xiang_code": "2220201"}, None, "kuan_code"),
    ("expenditure_function", {"actual": Decimal("-0.01")}, "actual", "greater_than_or_equal_to"),
    ("expenditure_function", {"completion_pct_declared": Decimal("1500")}, "completion_pct_declared", "in_range"),
    ("expenditure_function", {"fund_type": "其他资金"}, "fund_type", "isin"),
    ("expenditure_economic", {"group": "其他经费"}, "group", "isin"),
    ("expenditure_economic", {"code": "30113", "group": "公用经费", "name": "x"}, None, "人员经费 lines"),
    ("expenditure_economic", {"code": "3011301", "name": "y"}, "code", "str_matches"),
    ("performance_projects", {"scope": "单位", "project_name": "p2"}, "scope", "isin"),
    ("performance_projects", {"score": Decimal("101"), "project_name": "p3"}, "score", "in_range"),
    ("performance_funds", {"score": Decimal("120"), "weight": None, "fund_source": "其他资金"}, "score", "in_range"),
    (
        "performance_funds",
        {"score": Decimal("11"), "weight": Decimal("10"), "fund_source": "x"},
        None,
        "score ≤ weight",
    ),
    ("performance_indicators", {"comparator": "约"}, "comparator", "isin"),
    ("dq_findings", {"severity": "fatal", "finding_id": "0000000000000001"}, "severity", "isin"),
    ("dq_findings", {"rule_id": "Unresolved", "finding_id": "0000000000000002"}, "rule_id", "str_matches"),
    ("dq_findings", {}, None, "uniqueness"),
    ("classification", {"scheme": "budget", "code": "22103"}, "scheme", "isin"),
    ("classification", {"code": "22102", "parent_code": "221", "level": "项"}, None, "3 digits for 类"),
    ("classification", {"code": "2210202", "parent_code": "22101"}, None, "parent_code"),
    ("classification", {"code": "30113", "parent_code": "301", "level": "项", "scheme": "economic"}, None, "类 and 款"),
    ("classification", {"edition_year": 2200, "code": "22103"}, "edition_year", "between 2000 and 2100"),
    ("classification_observed", {"relation": "similar", "name_as_printed": "x"}, "relation", "isin"),
    ("classification_observed", {"report_count": 0, "name_as_printed": "y"}, "report_count", "greater_than"),
]


@pytest.mark.parametrize(("view_name", "change", "column", "check"), BROKEN)
def test_a_broken_row_fails_with_its_case_reported(
    view_name: str, change: dict, column: str | None, check: str
) -> None:
    failures = validate_frame(view_name, _frame(view_name, change))
    assert not failures.is_empty()
    cases = failures.filter(
        (pl.col("column") == (column or view_name)) & pl.col("check").str.contains(check, literal=True)
    )
    assert cases.height >= 1, failures.to_dicts()
    assert cases["index"].is_not_null().all()  # the failing row is named
    if check != "not_nullable":
        assert cases["failure_case"].is_not_null().all()  # and the failing value (or row) shown


def test_a_decimal_of_another_precision_or_a_float_is_a_dtype_failure() -> None:
    frame = _frame("income").with_columns(pl.col("amount").cast(pl.Float64))
    failures = validate_frame("income", frame)
    assert failures.filter((pl.col("column") == "amount") & pl.col("check").str.contains("dtype")).height == 1
    scaled = _frame("income").with_columns(pl.col("amount").cast(pl.Decimal(20, 2)))
    assert not validate_frame("income", scaled).is_empty()


def test_an_extra_column_fails_the_strict_model() -> None:
    failures = validate_frame("income", _frame("income").with_columns(pl.lit(1).alias("unexpected")))
    assert failures.filter(pl.col("failure_case") == "unexpected").height == 1


def test_the_real_job_runs_every_asset_check_and_all_pass_on_the_seeds(
    seed_raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.definitions

    (tmp_path / "dagster").mkdir()
    with monkeypatch.context() as env:
        env.setenv("BUDGET_RAW_DIR", str(seed_raw_dir))
        env.setenv("BUDGET_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
        env.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
        try:
            definitions = importlib.reload(pipelines.definitions)  # its resources read the environment at import
            with DagsterInstance.get() as instance:
                job = definitions.defs.resolve_job_def("build_warehouse")
                result = job.execute_in_process(instance=instance, raise_on_error=False)
        finally:
            env.undo()
            importlib.reload(pipelines.definitions)  # later tests see the definitions of the usual environment
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert sorted(e.check_name for e in evaluations) == sorted(f"{v.name}_schema" for v in VIEWS)
    failed = {e.check_name: e.metadata["failure_cases"].value for e in evaluations if not e.passed}
    assert failed == {}
    checked = {e.check_name: e.metadata["rows_checked"].value for e in evaluations}
    assert checked["reports_schema"] == 5
    assert checked["classification_schema"] == classification_frame().height
    assert (tmp_path / "warehouse" / "budget.duckdb").exists()
    # Each table's materialization tells the UI its row count, the number each check ran over.
    materialized = {
        event.asset_key.path[-1]: event.materialization.metadata["dagster/row_count"].value
        for event in result.get_asset_materialization_events()
        if "dagster/row_count" in event.materialization.metadata
    }
    assert materialized == {name.removesuffix("_schema"): rows for name, rows in checked.items()}


def test_an_asset_check_reports_the_failure_cases_in_its_metadata_and_does_not_block(seed_paths: Paths) -> None:
    stage_reports(seed_paths)
    db_path = build(seed_paths).duckdb_path
    with duckdb.connect(str(db_path)) as con:  # break one row of the built warehouse
        con.execute("UPDATE classification SET level = '目' WHERE code = '201' AND edition_year = 2024")
    check = next(c for c in SCHEMA_CHECKS if c.node_def.name == "classification_classification_schema")
    assert all(not spec.blocking for spec in check.check_specs)
    paths = WarehousePaths(raw_dir=str(seed_paths.raw_dir), warehouse_dir=str(seed_paths.warehouse_dir))
    result = check(warehouse_paths=paths)
    assert not result.passed
    assert result.metadata["failures"].value == 2  # the bad level, and the level/code-length rule
    cases = result.metadata["failure_cases"].value
    assert "| level | isin" in cases and "目" in cases and '"code":"201"' in cases
    assert "code has 3 digits for 类" in result.metadata["failed_checks"].value
