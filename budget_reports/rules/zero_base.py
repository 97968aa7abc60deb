"""`zero_base.*`: no rate is computed against a zero base.

- `zero_base.growth`: a growth rate (增长/下降X%) declared for a figure whose prior-year value is 0,
  printed (`上年0万元`) or implied (current − change = 0: `增加20.12万元，增长100%` for a figure of
  20.12万元). Growth over nothing is undefined, whatever convention (100%) the report follows.
- `zero_base.completion`: a completion or execution rate declared against a budget of 0 (`年初预算为0`,
  then `完成年初预算的97.12%`): summary metrics, classification lines, evaluated projects and fund sources.
- `zero_base.share`: a share (占X%) declared of a total that is 0.
A declared rate of 0 is left alone (nothing was computed). Errors: the report states a number that
cannot have been computed from its own figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.metric_names import SHARE_OF
from budget_reports.model import Document, Evidence
from budget_reports.normalize import money_half_unit
from budget_reports.rules import metrics as m
from budget_reports.rules.base import finding, fmt
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.hierarchy import class_groups, display_name
from budget_reports.rules.sections import Sections


def zero_base(report: ExtractedReport, document: Document) -> list[Finding]:
    sections = Sections(document)
    return [*_growth(report), *_completion(report), *_shares(report, sections)]


def _is_zero(value: Decimal | None, half: Decimal = Decimal(0)) -> bool:
    return value is not None and abs(value) <= half


def _growth(report: ExtractedReport) -> Iterator[Finding]:
    for metric in report.summary_metrics:
        pct = metric.change_pct_declared
        if pct is None or pct == 0:
            continue
        prior, implied = metric.prior_year_value, False
        if prior is None and metric.value is not None and metric.change_value is not None:
            prior, implied = metric.value - metric.change_value, True
        if not _is_zero(prior, money_half_unit(metric.value or Decimal(0)) if implied else Decimal(0)):
            continue
        how = f"本年{fmt(metric.value)}{metric.unit}、增减{fmt(metric.change_value)}{metric.unit}，" if implied else ""
        message = f"{metric.metric}{how}上年数为0，不能计算增减幅度，文中却写为{fmt(pct)}%"
        yield _finding("zero_base.growth", metric.metric, message, metric.evidence, fmt(pct))


def _completion(report: ExtractedReport) -> Iterator[Finding]:
    """Every stated completion or execution rate (metrics, lines, projects, fund sources) over a zero budget."""
    rows: list[tuple[str, Decimal | None, Decimal | None, Evidence]] = []
    rows += [(s.metric, s.budget_value, s.completion_pct_declared, s.evidence) for s in report.summary_metrics]
    rows += [
        (display_name(ln), _budget(ln.budget_final, ln.budget_initial), ln.completion_pct_declared, ln.evidence)
        for ln in report.expenditure_function
    ]
    rows += [
        (p.project_name, _budget(p.budget_final, p.budget_initial), p.execution_rate_declared, p.evidence)
        for p in report.performance_projects
    ]
    rows += [
        (
            f"{f.project_name}（{f.fund_source}）",
            _budget(f.budget_final, f.budget_initial),
            f.execution_rate_declared,
            f.evidence,
        )
        for f in report.performance_funds
    ]
    for subject, budget, pct, evidence in rows:
        if pct is not None and pct != 0 and _is_zero(budget):
            message = f"{subject}预算数为0，不能计算完成（执行）率，文中却写为{fmt(pct)}%"
            yield _finding("zero_base.completion", subject, message, evidence, fmt(pct))


def _budget(final: Decimal | None, initial: Decimal | None) -> Decimal | None:
    return final if final is not None else initial


def _shares(report: ExtractedReport, sections: Sections) -> Iterator[Finding]:
    index = MetricIndex(report, sections)
    for metric in report.summary_metrics:
        total_name = SHARE_OF.get(metric.metric)
        if total_name is None or not metric.share_pct_declared:
            continue
        total = index.total_for(metric.source_kind, total_name, metric.evidence)
        if total is not None and _is_zero(total.value):
            yield _share_finding(metric.metric, total_name, metric.share_pct_declared, metric.evidence)
    for (fund_type, kind), lines in class_groups(report, sections):
        total = index.total_for(kind, m.FUND_TOTAL[fund_type], lines[0].evidence)
        if total is None or not _is_zero(total.value):
            continue
        for line in lines:
            if line.share_pct_declared:
                yield _share_finding(display_name(line), total.metric, line.share_pct_declared, line.evidence)


def _share_finding(subject: str, total_name: str, pct: Decimal, evidence: Evidence) -> Finding:
    message = f"{total_name}为0，{subject}占其比重无法计算，文中却写为{fmt(pct)}%"
    return _finding("zero_base.share", subject, message, evidence, fmt(pct))


def _finding(rule_id: str, subject: str, message: str, evidence: Evidence, actual: str) -> Finding:
    return finding(rule_id, Severity.ERROR, subject, message, evidence, "无法计算", actual)
