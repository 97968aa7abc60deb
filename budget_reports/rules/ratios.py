"""Year-over-year and completion arithmetic of single figures.

`yoy.arithmetic`: current − change = prior, when all three are printed. `yoy.growth_pct`: the declared
growth % = change / prior (prior printed, or current − change). `completion.pct`: declared completion
or execution % = actual / budget (summary metrics, classification lines, evaluated projects and their
fund sources). Declared percentages are checked with interval arithmetic (``base.PctCheck``); growth
is compared in magnitude, its direction (增长 / 下降) being a matter of wording (`wording.comparison`).
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports.facts import ExtractedReport, Finding, Severity, SummaryMetric
from budget_reports.model import Document, Evidence
from budget_reports.normalize import half_step, money_half_unit
from budget_reports.rules.base import HUNDRED, check_pct, finding, fmt, fmt_pct
from budget_reports.rules.hierarchy import display_name
from budget_reports.rules.metrics import is_count


def _half(metric: SummaryMetric, value: Decimal) -> Decimal:
    return half_step(value) if is_count(metric.unit) else money_half_unit(value)


def yoy_arithmetic(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for metric in report.summary_metrics:
        value, prior, change = metric.value, metric.prior_year_value, metric.change_value
        if value is None or prior is None or change is None:
            continue
        half = _half(metric, prior)
        if abs(abs(value - prior) - abs(change)) > half:
            expected = fmt(abs(value - prior))
            message = (
                f"{metric.metric}本年{fmt(value)}{metric.unit}、上年{fmt(prior)}{metric.unit}，"
                f"增减额应为{expected}{metric.unit}，但写为{fmt(abs(change))}{metric.unit}"
            )
            findings.append(
                finding(
                    "yoy.arithmetic",
                    Severity.ERROR,
                    metric.metric,
                    message,
                    metric.evidence,
                    expected,
                    fmt(abs(change)),
                    half,
                )
            )
    return findings


def yoy_growth_pct(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for metric in report.summary_metrics:
        declared, value, prior, change = (
            metric.change_pct_declared,
            metric.value,
            metric.prior_year_value,
            metric.change_value,
        )
        if declared is None:
            continue
        if change is None and value is not None and prior is not None:
            change, half_change = value - prior, _half(metric, value) + _half(metric, prior)
        elif change is not None:
            half_change = _half(metric, change)
        else:
            continue
        if prior is None and value is not None:
            prior, half_prior = value - change, _half(metric, value) + _half(metric, change)
        elif prior is not None:
            half_prior = _half(metric, prior)
        else:
            continue
        if prior == 0:  # growth from nothing has no percentage; reports write 100% by convention
            continue
        check = check_pct(declared, change, prior, half_change, half_prior)
        if check.severity is not None:
            expected = fmt_pct(abs(change) / abs(prior) * HUNDRED, declared)
            message = (
                f"{metric.metric}增减{fmt(abs(change))}{metric.unit}、上年{fmt(abs(prior))}{metric.unit}，"
                f"增减幅度应为{expected}%，但写为{fmt(abs(declared))}%"
            )
            findings.append(
                finding(
                    "yoy.growth_pct",
                    check.severity,
                    metric.metric,
                    message,
                    metric.evidence,
                    expected,
                    fmt(abs(declared)),
                    check.tolerance,
                )
            )
    return findings


def completion_pct(report: ExtractedReport, document: Document) -> list[Finding]:
    # (whose figures, subject, actual, budgets (the adjusted one first), declared %, evidence, what the % is called)
    items: list[tuple[str, str, Decimal | None, tuple[Decimal | None, ...], Decimal | None, Evidence, str]] = []
    for metric in report.summary_metrics:
        items.append(
            (
                metric.metric,
                metric.metric,
                metric.value,
                (metric.budget_value,),
                metric.completion_pct_declared,
                metric.evidence,
                "完成预算",
            )
        )
    for line in report.expenditure_function:
        name = display_name(line)
        budgets = (line.budget_final, line.budget_initial)
        items.append((name, name, line.actual, budgets, line.completion_pct_declared, line.evidence, "完成预算"))
    for project in report.performance_projects:
        budgets = (project.budget_final, project.budget_initial)
        name = project.project_name
        items.append(
            (name, name, project.executed, budgets, project.execution_rate_declared, project.evidence, "执行率")
        )
    for fund in report.performance_funds:
        budgets = (fund.budget_final, fund.budget_initial)
        subject = f"{fund.project_name}（{fund.fund_source}）"
        items.append(
            (fund.project_name, subject, fund.executed, budgets, fund.execution_rate_declared, fund.evidence, "执行率")
        )
    findings = []
    seen: set[tuple] = set()
    for owner, subject, actual, budgets, declared, evidence, label in items:
        printed = [budget for budget in budgets if budget is not None and budget != 0]
        if actual is None or not printed or declared is None:
            continue
        # A project's 年度资金总额 row and a single fund source repeat the project's own figures.
        same = (owner, actual, tuple(printed), declared)
        if same in seen:
            continue
        seen.add(same)
        # The rate may be taken of either budget printed (完成年初预算的… beside an adjusted budget): wrong
        # only if it is the rate of neither; reported against the adjusted one.
        checks = [check_pct(declared, actual, b, money_half_unit(actual), money_half_unit(b)) for b in printed]
        if any(check.severity is None for check in checks):
            continue
        check, budget = checks[0], printed[0]
        expected = fmt_pct(actual / budget * HUNDRED, declared)
        message = (
            f"{subject}{label}写为{fmt(declared)}%，按决算（执行）数{fmt(actual)}万元÷预算数{fmt(budget)}万元"
            f"计算应为{expected}%"
        )
        findings.append(
            finding(
                "completion.pct", check.severity, subject, message, evidence, expected, fmt(declared), check.tolerance
            )
        )
    return findings
