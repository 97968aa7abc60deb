"""A budget report's figures are all budgets: one column holds them, whichever sentence stated them.

The final-accounts families read ``“三公”经费预算数为114.22万元`` or ``机关运行经费预算为507.25万元``
into ``budget_value`` (beside a 决算数 they expect in ``value``). In a budget report there is no
outcome: the figure is the report's own, so it moves to ``value``, where the budget report's other
figures are, and the row's stage (预算) says what it is.
"""

from __future__ import annotations

from dataclasses import replace

from budget_reports.facts import ExtractedReport, SummaryMetric
from budget_reports.model import Document
from budget_reports.stages import is_budget_report


def budget_figures_as_values(document: Document, result: ExtractedReport) -> None:
    if not is_budget_report(result.report.report_kind):
        return
    result.summary_metrics[:] = [_as_value(metric) for metric in result.summary_metrics]


def _as_value(metric: SummaryMetric) -> SummaryMetric:
    if metric.budget_value is None or metric.value not in (None, metric.budget_value):
        return metric  # a row stating two different figures is left for the rules to see
    return replace(metric, value=metric.budget_value, budget_value=None)
