"""What the review site shows, read from the warehouse: the reports, their metrics, lines and findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from budget_reports import metric_names as m
from budget_reports.warehouse.findings import SEVERITIES
from budget_reports.warehouse.readonly import connect_readonly

# Key metrics shown on a report's page, in this order, when the report states them.
KEY_METRICS = (
    m.TOTAL,
    m.INCOME_TOTAL,
    m.EXPENDITURE_TOTAL,
    m.BASIC,
    m.PROJECT,
    m.FISCAL_TOTAL,
    m.GPB_EXPENDITURE,
    m.PERSONNEL,
    m.PUBLIC_USE,
    m.THREE_PUBLIC,
    m.OPERATING_COSTS,
    m.PROCUREMENT_TOTAL,
)
# The 三公 items charted over the years.
THREE_PUBLIC_ITEMS = (m.THREE_PUBLIC, m.OVERSEAS, m.VEHICLES_COST, m.RECEPTION)
# Which fund's lines a chart of a report's expenditure uses, the widest first.
FUND_PREFERENCE = (m.ALL_FUNDS, m.GPB, m.FISCAL)

_REPORTS_SQL = f"""
    SELECT r.report_id, r.source_file, r.file_format, r.report_kind, r.fiscal_year, r.province, r.city,
           r.county, r.department, r.department_key, r.stage, r.parse_status, r.error_message, r.page_count,
           {", ".join(f"count(f.finding_id) FILTER (WHERE f.severity = '{s}') AS {s}_count" for s in SEVERITIES)}
    FROM reports r LEFT JOIN dq_findings f USING (report_id)
    GROUP BY ALL
    ORDER BY r.province NULLS LAST, r.department NULLS LAST, r.fiscal_year, r.source_file
"""

# One value per metric: a table's figure before the prose's, the unscoped statement first.
_METRICS_SQL = """
    SELECT metric, value, unit, source_kind, page, line
    FROM summary_metrics
    WHERE report_id = ? AND metric IN (SELECT unnest(?::VARCHAR[])) AND value IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY metric ORDER BY scope NULLS FIRST, source_kind = 'table' DESC, page, line) = 1
    ORDER BY list_position(?::VARCHAR[], metric)
"""

_LINES_SQL = """
    SELECT level, code, coalesce(class_name, kuan_name, xiang_name, name_as_written) AS class_name,
           coalesce(xiang_name, kuan_name, class_name, name_as_written) AS name,
           coalesce(budget_final, budget_initial) AS budget, actual, fund_type, source_kind
    FROM expenditure_function
    WHERE report_id = ? AND level = ? AND code IS NOT NULL
      AND fund_type = (
          SELECT fund_type FROM expenditure_function
          WHERE report_id = ? AND level = ? AND code IS NOT NULL
          ORDER BY list_position(?::VARCHAR[], fund_type) NULLS LAST, fund_type LIMIT 1)
    QUALIFY row_number() OVER (PARTITION BY code ORDER BY source_kind = 'table' DESC, page, line) = 1
    ORDER BY code
"""

# 三公 of every report of the department (by department_key), so the years can be compared.
_THREE_PUBLIC_SQL = """
    SELECT s.fiscal_year, r.stage, s.metric, s.value
    FROM summary_metrics s JOIN reports r USING (report_id)
    WHERE r.department_key = ? AND s.metric IN (SELECT unnest(?::VARCHAR[])) AND s.value IS NOT NULL
      AND s.unit = '万元'
    QUALIFY row_number() OVER (PARTITION BY s.fiscal_year, r.stage, s.metric
                               ORDER BY s.scope NULLS FIRST, s.source_kind = 'table' DESC) = 1
    ORDER BY s.fiscal_year, s.metric
"""

_FINDINGS_SQL = f"""
    SELECT finding_id, rule_id, severity, subject, expected, actual, message, source_file, page, line, snippet,
           read_by, evidence_bbox_x0, evidence_bbox_y0, evidence_bbox_x1, evidence_bbox_y1,
           evidence_page_width, evidence_page_height
    FROM dq_findings
    WHERE report_id = ?
    ORDER BY list_position({list(SEVERITIES)}, severity), page NULLS FIRST, line, rule_id
"""


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one report's page shows."""

    report: dict[str, object]
    metrics: pl.DataFrame
    classes: pl.DataFrame  # 类 lines: code, class_name, budget, actual
    items: pl.DataFrame  # 项 lines with a budget and an actual
    three_public: pl.DataFrame  # fiscal_year, stage, metric, value over the department's reports
    findings: pl.DataFrame


def read_reports(db_path: Path) -> pl.DataFrame:
    """One row per report with its identity, status and finding counts by severity."""
    with connect_readonly(db_path) as con:
        return con.sql(_REPORTS_SQL).pl()


def read_report(con: duckdb.DuckDBPyConnection, report: dict[str, object]) -> ReportData:
    report_id = report["report_id"]

    def frame(sql: str, *params: object) -> pl.DataFrame:
        return con.sql(sql, params=list(params)).pl()

    return ReportData(
        report=report,
        metrics=frame(_METRICS_SQL, report_id, list(KEY_METRICS), list(KEY_METRICS)),
        classes=frame(_LINES_SQL, report_id, "类", report_id, "类", list(FUND_PREFERENCE)),
        items=frame(_LINES_SQL, report_id, "项", report_id, "项", list(FUND_PREFERENCE)),
        three_public=frame(_THREE_PUBLIC_SQL, report["department_key"], list(THREE_PUBLIC_ITEMS))
        if report["department_key"]
        else pl.DataFrame(),
        findings=frame(_FINDINGS_SQL, report_id),
    )
