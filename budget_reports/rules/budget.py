"""Rules of a budget report (部门预算): its tables agree with each other and with its prose.

A budget report prints its amounts as budgets (``budget_initial`` of a line, ``value`` of a metric),
so the final-accounts rules that read 决算数 do not see its lines. These rules do, and run only on
budget reports:

- `budget.cross_table`: a 类/款/项 printed in two tables (支出预算总表 and 财务收支预算总表, a fund's
  功能分类预算表 and the 财政拨款收支预算总表) has one budget;
- `budget.line_parts`: a line's budget = its 基本支出 + 项目支出;
- `budget.fund_total`: a table's 类 add up to the total it prints (per fund; all funds to 本年支出合计);
- `budget.fund_parts`: a fund's 基本支出 + 项目支出 = that fund's spending;
- `budget.prose_table`: a line of the 编制说明 (万元) and the same line of the tables (often 元), compared
  at the prose's precision; a 财政拨款 line against the sum of the fund tables;
- `budget.change_parts`: a stated change against last year's budget equals the changes of its parts
  (财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营; 三公 = 出国 + 公车 + 接待; 公车 = 购置 + 运行).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from budget_reports import metric_names as n
from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, Severity, SourceKind, SummaryMetric
from budget_reports.model import Document
from budget_reports.normalize import coarser_half_unit, money_half_unit, sum_breach
from budget_reports.rules.base import finding, fmt, fmt_sum
from budget_reports.rules.metrics import FUND_TOTAL
from budget_reports.stages import is_budget_report

_FUNDS = (n.GPB, n.GOV_FUND, n.STATE_CAPITAL)
# total: parts whose stated changes against last year's budget add up to the total's.
CHANGE_SUMS: dict[str, tuple[str, ...]] = {
    n.FISCAL_EXPENDITURE: (n.GPB_EXPENDITURE, n.GOV_FUND_EXPENDITURE, n.STATE_CAPITAL_EXPENDITURE),
    n.FISCAL_INCOME: (n.GPB_INCOME, n.GOV_FUND_INCOME, n.STATE_CAPITAL_INCOME),
    n.THREE_PUBLIC: (n.OVERSEAS, n.VEHICLES_COST, n.RECEPTION),
    n.VEHICLES_COST: (n.VEHICLE_PURCHASE, n.VEHICLE_OPERATION),
}


def budget_rules(report: ExtractedReport, document: Document) -> list[Finding]:
    if not is_budget_report(report.report.report_kind):
        return []
    table_lines = [x for x in report.expenditure_function if x.source_kind is SourceKind.TABLE and x.code]
    return [
        *cross_table(table_lines),
        *line_parts(table_lines),
        *fund_total(table_lines, report.summary_metrics),
        *fund_parts(report.summary_metrics),
        *prose_table(report.expenditure_function, table_lines),
        *change_parts(report.summary_metrics),
    ]


def cross_table(lines: list[ExpenditureLine]) -> list[Finding]:
    first: dict[tuple[str, str], ExpenditureLine] = {}
    findings = []
    for line in lines:
        if line.budget_initial is None or line.code is None:
            continue
        earlier = first.setdefault((line.fund_type, line.code), line)
        if earlier is line or earlier.budget_initial is None or earlier.source_table == line.source_table:
            continue
        half = coarser_half_unit(earlier.budget_initial, line.budget_initial)
        if abs(earlier.budget_initial - line.budget_initial) > half:
            message = (
                f"{line.code} {line.name_as_written}在{earlier.source_table}中预算为{fmt(earlier.budget_initial)}万元，"
                f"在{line.source_table}中为{fmt(line.budget_initial)}万元，两表不一致"
            )
            findings.append(
                finding(
                    "budget.cross_table",
                    Severity.ERROR,
                    line.code,
                    message,
                    line.evidence,
                    fmt(earlier.budget_initial),
                    fmt(line.budget_initial),
                    half,
                )
            )
    return findings


def line_parts(lines: list[ExpenditureLine]) -> list[Finding]:
    findings = []
    for line in lines:
        parts = [p for p in (line.basic, line.project) if p is not None]
        if line.budget_initial is None or not parts:
            continue
        half = money_half_unit(line.budget_initial)
        if sum_breach(parts, line.budget_initial, half):
            expected = fmt_sum(sum(parts, Decimal(0)), parts)
            message = (
                f"{line.code} {line.name_as_written}预算{fmt(line.budget_initial)}万元，"
                f"但基本支出与项目支出合计为{expected}万元（{line.source_table}）"
            )
            findings.append(
                finding(
                    "budget.line_parts",
                    Severity.ERROR,
                    line.code or line.name_as_written,
                    message,
                    line.evidence,
                    expected,
                    fmt(line.budget_initial),
                    half,
                )
            )
    return findings


def fund_total(lines: list[ExpenditureLine], metrics: list[SummaryMetric]) -> list[Finding]:
    """Each table's 类 against the total of its fund, printed in the same table (or the report's only one)."""
    classes: dict[tuple[str, str | None], list[ExpenditureLine]] = defaultdict(list)
    for line in lines:
        if line.level == "类" and line.budget_initial is not None:
            classes[(line.fund_type, line.source_table)].append(line)
    findings = []
    for (fund, table), members in classes.items():
        total = _table_total(metrics, FUND_TOTAL.get(fund), table)
        if total is None or total.value is None:
            continue
        parts = [x.budget_initial for x in members if x.budget_initial is not None]
        half = money_half_unit(total.value)
        if sum_breach(parts, total.value, half):
            expected = fmt_sum(sum(parts, Decimal(0)), parts)
            message = (
                f"{table}所列{len(parts)}个类级科目预算合计{expected}万元，与{total.metric}{fmt(total.value)}万元不符"
            )
            findings.append(
                finding(
                    "budget.fund_total",
                    Severity.ERROR,
                    total.metric,
                    message,
                    total.evidence,
                    expected,
                    fmt(total.value),
                    half,
                )
            )
    return findings


def _table_total(metrics: list[SummaryMetric], name: str | None, table: str | None) -> SummaryMetric | None:
    candidates = [m for m in metrics if m.metric == name and m.source_kind is SourceKind.TABLE]
    scoped = [m for m in candidates if m.scope == table]
    if scoped:
        return scoped[0]
    unscoped = [m for m in candidates if m.scope is None]
    return unscoped[0] if len(unscoped) == 1 else None


def fund_parts(metrics: list[SummaryMetric]) -> list[Finding]:
    findings = []
    for kind in SourceKind:
        stated = {(m.metric, m.scope): m for m in metrics if m.source_kind is kind and m.value is not None}
        for fund in _FUNDS:
            total = stated.get((n.FUND_EXPENDITURE[fund], None))
            basic, project = stated.get((n.BASIC, fund)), stated.get((n.PROJECT, fund))
            if total is None or basic is None or project is None:
                continue
            findings.extend(_sum_finding("budget.fund_parts", total, [basic, project], "value"))
    return findings


def prose_table(all_lines: list[ExpenditureLine], table_lines: list[ExpenditureLine]) -> list[Finding]:
    by_code: dict[tuple[str, str], Decimal] = {}
    for line in table_lines:  # the first table printing a fund's line gives it
        if line.budget_initial is not None and line.code:
            by_code.setdefault((line.fund_type, line.code), line.budget_initial)
    findings = []
    for line in all_lines:
        if line.source_kind is not SourceKind.NARRATIVE or line.budget_initial is None or not line.code:
            continue
        funds = _FUNDS if line.fund_type == n.FISCAL else (line.fund_type,)
        printed = [by_code[(f, line.code)] for f in funds if (f, line.code) in by_code]
        if not printed:
            continue
        table_value = sum(printed, Decimal(0))
        half = coarser_half_unit(line.budget_initial, table_value)
        if abs(line.budget_initial - table_value) > half:
            message = (
                f"{line.name_as_written}在编制说明中为{fmt(line.budget_initial)}万元，"
                f"在预算表中为{fmt(table_value)}万元，二者不一致"
            )
            findings.append(
                finding(
                    "budget.prose_table",
                    Severity.ERROR,
                    line.code,
                    message,
                    line.evidence,
                    fmt(table_value),
                    fmt(line.budget_initial),
                    half,
                )
            )
    return findings


def change_parts(metrics: list[SummaryMetric]) -> list[Finding]:
    stated = {
        m.metric: m
        for m in metrics
        if m.source_kind is SourceKind.NARRATIVE and m.scope is None and m.change_value is not None
    }
    findings = []
    for total_name, part_names in CHANGE_SUMS.items():
        total = stated.get(total_name)
        parts = [stated[p] for p in part_names if p in stated]
        if total is None or len(parts) < 2:
            continue  # one part alone restates the total; nothing adds up
        findings.extend(_sum_finding("budget.change_parts", total, parts, "change_value"))
    return findings


def _sum_finding(rule_id: str, total: SummaryMetric, parts: list[SummaryMetric], field: str) -> list[Finding]:
    value: Decimal | None = getattr(total, field)
    values = [getattr(p, field) for p in parts]
    if value is None or any(v is None for v in values):
        return []
    half = money_half_unit(value)
    if not sum_breach(values, value, half):
        return []
    expected = fmt_sum(sum(values, Decimal(0)), values)
    what = "比上年预算增减" if field == "change_value" else "预算"
    names = "、".join(p.metric for p in parts)
    message = f"{total.metric}{what}{fmt(value)}万元，但{names}{what}合计为{expected}万元，二者不符"
    return [finding(rule_id, Severity.ERROR, total.metric, message, total.evidence, expected, fmt(value), half)]
