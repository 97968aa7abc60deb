"""Department-wide evaluation tables: which tables they are, and the 基础数据表's figures.

A self-evaluation table is department-wide (scope 部门整体) when its title says 部门整体, or
when it names no project at all (``2021年部门预算项目绩效目标自评`` covers the department's whole
budget, basic expenditure included). Its "project" is the department as the table names it.

The 部门整体支出绩效评价基础数据表 lists staffing and expenditure control figures; those with a
clear metric name become summary metrics (source_kind table): 编制数 and 实有人数 (人), the staffing
控制率 (实有 / 编制, in percent as printed, unit %), and per
expenditure line the current year's 决算数 (value), 预算数 (budget_value) and the prior year's
决算数 (prior_year_value), in 万元. Lines with no figure at all are skipped.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.performance import cells
from budget_reports.extract.performance.segment import PerfTable, Row
from budget_reports.facts import SourceKind, SummaryMetric
from budget_reports.model import Document, Evidence
from budget_reports.normalize import compact, parse_decimal

DEPARTMENT_WIDE = "部门整体"
PROJECT = "项目"

# Printed line label (without numbering and 其中：) -> metric name used across the warehouse.
_EXPENDITURE_METRICS = {
    "三公经费": m.THREE_PUBLIC,
    "公务用车购置和维护经费": m.VEHICLES_COST,
    "公务用车购置及运行维护费": m.VEHICLES_COST,
    "公车购置": m.VEHICLE_PURCHASE,
    "公车运行维护": m.VEHICLE_OPERATION,
    "出国经费": m.OVERSEAS,
    "因公出国(境)费": m.OVERSEAS,
    "公务接待": m.RECEPTION,
    "公务接待费": m.RECEPTION,
    "项目支出": m.PROJECT,
    "公用经费": m.PUBLIC_USE,
    "办公经费": m.OFFICE_COSTS,
    # The template's two combined lines under 公用经费, named as printed.
    "水费、电费、差旅费": m.UTILITIES_TRAVEL_COSTS,
    "会议费、培训费": m.MEETING_TRAINING_COSTS,
    "政府采购金额": m.PROCUREMENT_TOTAL,
}
_STAFF_METRICS = (
    ("编制数", m.STAFF_QUOTA),
    ("实际在职", m.STAFF_ACTUAL),
    ("实有人数", m.STAFF_ACTUAL),
    ("控制率", m.STAFF_CONTROL_RATE),
)
_YEAR_COLUMN = re.compile(r"(?P<year>\d{4})年(?P<kind>预算数|决算数)")


def is_basic_data(table: PerfTable) -> bool:
    return table.title is not None and "基础数据表" in table.title


def is_scoring(table: PerfTable) -> bool:
    return table.title is not None and ("评分表" in table.title or "指标体系" in table.title)


def scope_of(table: PerfTable, has_project_name: bool) -> str:
    if (table.title and "部门整体" in table.title) or not has_project_name:
        return DEPARTMENT_WIDE
    return PROJECT


def basic_data_metrics(document: Document, table: PerfTable) -> list[SummaryMetric]:
    metrics: list[SummaryMetric] = []
    columns: dict[int, str | None] = {}
    for index, row in enumerate(table.rows):
        keys = [compact(c.text) for c in row]
        if "财政供养人员情况" in keys and index + 1 < len(table.rows):
            metrics.extend(_staff(document, table, row, table.rows[index + 1]))
            continue
        found = {i: m for i, k in enumerate(keys) if (m := _YEAR_COLUMN.search(k))}
        if found:
            current_year = max((int(m["year"]) for m in found.values() if m["kind"] == "决算数"), default=None)
            if current_year is None:  # no 决算数 column: nothing is stated as executed
                columns = {}
                continue
            columns = {i: _column_role(int(m["year"]), m["kind"], current_year) for i, m in found.items()}
            continue
        metric = _EXPENDITURE_METRICS.get(_line_label(row[0].text)) if row else None
        if metric is None or not columns:
            continue
        values = {role: cells.money(row[i].text) for i, role in columns.items() if i < len(row) and role}
        if all(v is None for v in values.values()):
            continue
        metrics.append(
            SummaryMetric(
                metric=metric,
                value=values.get("value"),
                unit="万元",
                evidence=Evidence.of(document, row[0], " ".join(c.text for c in row)),
                source_kind=SourceKind.TABLE,
                budget_value=values.get("budget_value"),
                prior_year_value=values.get("prior_year_value"),
                scope=table.title,
            )
        )
    return metrics


def _column_role(year: int, kind: str, current_year: int) -> str | None:
    if kind == "预算数" and year == current_year:
        return "budget_value"
    if kind == "决算数":
        return "value" if year == current_year else "prior_year_value" if year == current_year - 1 else None
    return None


def _line_label(text: str) -> str:
    label = compact(text)
    label = re.sub(r"^(其中[:：])?(\d+[.、．])?", "", label)
    return label.rstrip(":：")


def _staff(document: Document, table: PerfTable, header: Row, values: Row) -> list[SummaryMetric]:
    metrics = []
    # Rows are aligned on their last cell: a header row can carry a leading empty cell (a merged
    # title cell in the Word export) that its value row does not have.
    offset = max(0, len(header) - len(values))
    for index, cell in enumerate(header):
        key = compact(cell.text)
        name = next((metric for marker, metric in _STAFF_METRICS if marker in key), None)
        if name is None or not 0 <= index - offset < len(values):
            continue
        value_cell = values[index - offset]
        rate = name == m.STAFF_CONTROL_RATE
        value: Decimal | None = None
        if not cells.is_blank(value_cell.text):
            value = cells.percent(value_cell.text) if rate else parse_decimal(value_cell.text)
        if value is None:
            continue
        snippet = f"{cells.label(cell.text)} {value_cell.text}"
        metrics.append(
            SummaryMetric(
                metric=name,
                value=value,
                unit="%" if rate else "人",
                evidence=Evidence.of(document, value_cell, snippet),
                source_kind=SourceKind.TABLE,
                scope=table.title,
            )
        )
    return metrics
