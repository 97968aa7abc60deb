"""Totals and their parts among the summary metrics, income and economic lines.

`sum.basic_project`, `sum.personnel_public`, `sum.three_public`, `sum.vehicle_cost`, `sum.fund_types`
(see ``metrics.SUMS``), `sum.breakdown` (a count split by type, ``公务用车保有量（轿车）``),
`sum.income` (income sources to 本年收入合计), `sum.economic` (economic lines to 人员经费 / 公用经费
and 5-digit lines to their 3-digit class; a class a figure the reader could not place may belong to is
not judged, nor the group totals of its table) and `balance.income_expenditure` (收入总计 = 支出总计).

A printed total must equal the sum of its printed parts at the total's own precision; a miss that
the rounding of its n addends can explain (n × half a unit) is ``info`` under the rule id suffixed
``.rounding``, a larger one an ``error`` (``base.judge_sum``). Counts are exact: no rounding excuses them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from budget_reports import metric_names
from budget_reports.extract.standard_tables.common import is_total
from budget_reports.facts import EconomicLine, ExtractedReport, Finding, Severity, SourceKind, SummaryMetric
from budget_reports.model import Document, Evidence
from budget_reports.normalize import half_step, money_half_unit
from budget_reports.rules import metrics as m
from budget_reports.rules.base import finding, fmt, fmt_sum, judge_sum, sum_finding
from budget_reports.rules.extraction import unplaced_codes, unplaced_row_labels
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.sections import Sections

FIELDS = {"value": "", "budget_value": "预算数", "prior_year_value": "上年数"}


def sum_metrics(report: ExtractedReport, document: Document) -> list[Finding]:
    index = MetricIndex(report, Sections(document))
    findings: list[Finding] = []
    for kind in SourceKind:
        for rule_id, (total_name, required, optional) in m.SUMS.items():
            for anchor in index.statements(kind, required[0]):
                if total_name == metric_names.EXPENDITURE_TOTAL and anchor.scope in metric_names.FUND_EXPENDITURE:
                    continue  # one fund's 基本 + 项目 make that fund's spending (budget.fund_parts), not the total
                alone = index.is_unique(anchor)
                parts = [index.sibling(kind, name, anchor.evidence, alone) for name in required + optional]
                total = index.total_for(kind, total_name, anchor.evidence, alone)
                if total is None or any(p is None for p in parts[: len(required)]):
                    continue
                findings.extend(_compare_metrics(rule_id, total, [p for p in parts if p is not None]))
        findings.extend(_breakdowns(index, kind))
    return findings


def _breakdowns(index: MetricIndex, kind: SourceKind) -> list[Finding]:
    """``X（甲）`` + ``X（乙）`` + … = ``X`` for any metric X stated with such parts."""
    findings = []
    names = index.names(kind)
    for name in names:
        part_names = [p for p in names if p.startswith(name + m.BREAKDOWN_OPEN) and p.endswith(m.BREAKDOWN_CLOSE)]
        for total in index.statements(kind, name) if part_names else []:
            parts = [index.sibling(kind, p, total.evidence, index.is_unique(total)) for p in part_names]
            findings.extend(_compare_metrics("sum.breakdown", total, [p for p in parts if p is not None]))
    return findings


def _compare_metrics(rule_id: str, total: SummaryMetric, parts: list[SummaryMetric]) -> list[Finding]:
    findings = []
    for field, label in FIELDS.items():
        value: Decimal | None = getattr(total, field)
        values = [getattr(p, field) for p in parts]
        if value is None or any(v is None for v in values):
            continue
        count = m.is_count(total.unit)
        half = half_step(value) if count else money_half_unit(value)
        summed = sum(values, Decimal(0))
        verdict = judge_sum(summed - value, half, len(values), exact=count)
        if verdict is not None:
            names = "、".join(p.metric for p in parts)
            expected = fmt_sum(summed, values)
            unit = total.unit
            message = (
                f"{total.metric}{label}为{fmt(value)}{unit}，但{names}{label}合计为{expected}{unit}，二者不符"
                + verdict.note(abs(summed - value))
            )
            findings.append(sum_finding(rule_id, verdict, total.metric, message, total.evidence, expected, fmt(value)))
    return findings


def sum_income(report: ExtractedReport, document: Document) -> list[Finding]:
    """Income sources add up to 本年收入合计 (prose with prose, a table with itself)."""
    sections = Sections(document)
    index = MetricIndex(report, sections)
    lines_by: dict[tuple, list] = defaultdict(list)
    for line in report.income:
        lines_by[(line.source_kind, sections.of(line.evidence))].append(line)
    # Income sources a figure left unplaced may be (text that wrote the table's figures apart from
    # their rows): the table's sources miss a printed part.
    unsure = {label for label in unplaced_row_labels(document) if label.endswith("收入") and not is_total(label)}
    findings = []
    for (kind, _), lines in lines_by.items():
        total = index.total_for(kind, metric_names.INCOME_TOTAL, lines[0].evidence)
        amounts = [line.amount for line in _own_sources(lines)]
        if total is None or total.value is None or any(a is None for a in amounts):
            continue
        if unsure and kind is SourceKind.TABLE:
            continue
        findings.extend(
            _parts_vs_total("sum.income", metric_names.INCOME_TOTAL, total.value, amounts, total.evidence, "收入来源")
        )
    return findings


def _own_sources(lines: list) -> list:
    """The income lines that are sources of their own: a fund's 财政拨款收入 listed beside the 财政拨款收入
    (…财政拨款收入1,300万元（一般公共预算财政拨款收入1,200万元、政府性基金…100万元）) is a part of it."""
    if not any(line.source == metric_names.FISCAL_INCOME for line in lines):
        return lines
    funds = set(metric_names.FUND_INCOME.values())
    return [line for line in lines if line.source not in funds]


def sum_economic(report: ExtractedReport, document: Document) -> list[Finding]:
    """Economic lines add up to 人员经费 / 公用经费, and 5-digit lines to their 3-digit class."""
    sections = Sections(document)
    index = MetricIndex(report, sections)
    lines_by: dict[tuple, list[EconomicLine]] = defaultdict(list)
    for line in report.expenditure_economic:
        lines_by[(line.fund_type, line.source_kind, sections.of(line.evidence))].append(line)
    # Classes a figure left unplaced may belong to (text that moved it off its row): their sums miss a
    # printed part, and so do the group totals (人员经费 / 公用经费) of the tables that hold them.
    unsure = {code[:3] for code in unplaced_codes(document) if code[:1] == "3"}
    findings: list[Finding] = []
    for (_, kind, _), lines in lines_by.items():
        findings.extend(_economic_classes([ln for ln in lines if (ln.code or "")[:3] not in unsure]))
        if unsure and kind is SourceKind.TABLE:
            continue
        tops = [ln for ln in lines if not _has_parent(ln, lines)]
        for group_name in (metric_names.PERSONNEL, metric_names.PUBLIC_USE):
            members = [ln for ln in tops if ln.group == group_name]
            total = index.total_for(kind, group_name, members[0].evidence) if members else None
            amounts = [ln.amount for ln in members]
            if total is None or total.value is None or any(a is None for a in amounts):
                continue
            findings.extend(_parts_vs_total("sum.economic", group_name, total.value, amounts, total.evidence, "明细"))
    return findings


def _has_parent(line: EconomicLine, lines: list[EconomicLine]) -> bool:
    """A 5-digit line whose 3-digit class is listed too (the class line already counts it)."""
    code = line.code or ""
    return len(code) == 5 and any(other.code == code[:3] for other in lines)


def _economic_classes(lines: list[EconomicLine]) -> list[Finding]:
    findings = []
    for parent in lines:
        if not parent.code or len(parent.code) != 3 or parent.amount is None:
            continue
        children = [ln.amount for ln in lines if ln.code and len(ln.code) == 5 and ln.code.startswith(parent.code)]
        if children and all(a is not None for a in children):
            subject = f"{parent.code} {parent.name}"
            findings.extend(
                _parts_vs_total("sum.economic", subject, parent.amount, children, parent.evidence, "款级科目")
            )
    return findings


def _parts_vs_total(
    rule_id: str, subject: str, total: Decimal, parts: list, evidence: Evidence, what: str
) -> list[Finding]:
    summed = sum(parts, Decimal(0))
    verdict = judge_sum(summed - total, money_half_unit(total), len(parts))
    if verdict is None:
        return []
    expected = fmt_sum(summed, parts)
    message = f"{subject}为{fmt(total)}万元，但所列{len(parts)}项{what}合计为{expected}万元，二者不符"
    message += verdict.note(abs(summed - total))
    return [sum_finding(rule_id, verdict, subject, message, evidence, expected, fmt(total))]


def balance(report: ExtractedReport, document: Document) -> list[Finding]:
    """收入总计 = 支出总计 wherever a report states both."""
    index = MetricIndex(report, Sections(document))
    findings = []
    for kind in SourceKind:
        for income in index.statements(kind, metric_names.GRAND_INCOME_TOTAL):
            spending = index.sibling(kind, metric_names.GRAND_EXPENDITURE_TOTAL, income.evidence)
            if spending is None or income.value is None or spending.value is None:
                continue
            half = money_half_unit(income.value)
            if abs(income.value - spending.value) > half:
                message = f"收入总计{fmt(income.value)}万元与支出总计{fmt(spending.value)}万元不相等，收支不平衡"
                findings.append(
                    finding(
                        "balance.income_expenditure",
                        Severity.ERROR,
                        metric_names.GRAND_INCOME_TOTAL,
                        message,
                        income.evidence,
                        fmt(spending.value),
                        fmt(income.value),
                        half,
                    )
                )
    return findings
