"""The two stages of a year's money: the budget (预算, published at the start of the year) and the
final accounts (决算, after it). Every report kind belongs to one of them."""

from __future__ import annotations

BUDGET = "预算"
FINAL = "决算"

# Report kinds published before the year (their figures are plans).
BUDGET_REPORT_KINDS = ("部门预算", "单位预算")


def stage_of(report_kind: str | None) -> str | None:
    """预算 for a budget report, 决算 for a report written after the year (决算, 绩效自评), else None."""
    if report_kind is None:
        return None
    return BUDGET if report_kind in BUDGET_REPORT_KINDS else FINAL


def is_budget_report(report_kind: str | None) -> bool:
    return stage_of(report_kind) == BUDGET
