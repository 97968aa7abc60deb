"""`three_public.economic`: an economic 三公 line of basic expenditure never exceeds the 三公 figure.

The basic-expenditure table (一般公共预算财政拨款基本支出决算表, or the prose itemising 公用经费) prints
the economic lines 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费 and 31013 公务用车
购置. They are paid out of basic expenditure only, while the 三公 table's 决算 covers basic and project
spending of the same item: the economic line cannot be larger. The line is matched by its code, or,
without one, by its name (catalogue below); it is compared with the largest statement of the item
(prose or table), so a finding means every statement is exceeded, at the coarser printing's precision.
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports import metric_names as n
from budget_reports.facts import EconomicLine, ExtractedReport, Finding, Severity, SummaryMetric
from budget_reports.model import Document
from budget_reports.normalize import coarser_half_unit, compact
from budget_reports.rules.base import finding, fmt

RULE_ID = "three_public.economic"

# Economic code → (names it is printed under, the 三公 metrics it is part of, most specific first).
ECONOMIC_THREE_PUBLIC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "30212": (("因公出国（境）费用", "因公出国（境）费"), (n.OVERSEAS,)),
    "30217": (("公务接待费",), (n.RECEPTION,)),
    "30231": (("公务用车运行维护费",), (n.VEHICLE_OPERATION, n.VEHICLES_COST)),
    "31013": (("公务用车购置",), (n.VEHICLE_PURCHASE, n.VEHICLES_COST)),
}


def economic_vs_three_public(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for line in report.expenditure_economic:
        item = three_public_item(line)
        if item is None or line.amount is None:
            continue
        statements = _statements(report, ECONOMIC_THREE_PUBLIC[item][1])
        if not statements:
            continue
        largest = max(statements, key=lambda s: s.value or Decimal(0))
        value = largest.value or Decimal(0)
        half = coarser_half_unit(line.amount, value)
        if line.amount - value > half:
            message = (
                f"基本支出经济分类中{item} {line.name}为{fmt(line.amount)}万元，超过“三公”经费中"
                f"{largest.metric}的决算数{fmt(value)}万元（后者含基本支出和项目支出，不应更小）"
            )
            subject = f"{item} {line.name}"
            findings.append(
                finding(RULE_ID, Severity.ERROR, subject, message, line.evidence, fmt(value), fmt(line.amount), half)
            )
    return findings


def three_public_item(line: EconomicLine) -> str | None:
    """The economic code of a 三公 line, from its code or, when the report prints none, its name."""
    if line.code in ECONOMIC_THREE_PUBLIC:
        return line.code
    if line.code:
        return None
    name = compact(line.name)
    return next((code for code, (names, _) in ECONOMIC_THREE_PUBLIC.items() if name in names), None)


def _statements(report: ExtractedReport, metrics: tuple[str, ...]) -> list[SummaryMetric]:
    """The statements of the most specific 三公 item the report states with an amount."""
    for metric in metrics:
        found = [m for m in report.summary_metrics if m.metric == metric and m.value is not None]
        if found:
            return found
    return []
