"""The arithmetic that ties metrics together (names are spelled once, in ``budget_reports.metric_names``)."""

from __future__ import annotations

from budget_reports import metric_names as n

# A metric split by type or use is written ``公务用车保有量（轿车）``: the parent name, then the part
# in full-width brackets (``metric_names.fleet_by_type``, ``asset_vehicles_by_use`` …). The rule
# `sum.breakdown` checks every metric stated with such parts.
BREAKDOWN_OPEN, BREAKDOWN_CLOSE = "（", "）"

# rule_id: (total, required parts, optional parts). A part missing from the report is not assumed
# zero: the check runs only when the total and every required part are stated; optional parts
# count when stated.
SUMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "sum.basic_project": (
        n.EXPENDITURE_TOTAL,
        (n.BASIC, n.PROJECT),
        (n.REMIT_UPPER, n.BUSINESS, n.SUBSIDY_AFFILIATED),
    ),
    "sum.personnel_public": (n.BASIC, (n.PERSONNEL, n.PUBLIC_USE), ()),
    "sum.three_public": (n.THREE_PUBLIC, (n.OVERSEAS, n.VEHICLES_COST, n.RECEPTION), ()),
    "sum.vehicle_cost": (n.VEHICLES_COST, (n.VEHICLE_PURCHASE, n.VEHICLE_OPERATION), ()),
    "sum.fund_types": (
        n.FISCAL_EXPENDITURE,
        (n.GPB_EXPENDITURE,),
        (n.GOV_FUND_EXPENDITURE, n.STATE_CAPITAL_EXPENDITURE),
    ),
    # 年初预算 + 预算调整 = 全年预算 (income and expenditure); 全年预算支出 + 存量资金安排支出 = 支出总计.
    "sum.budget_income": (n.BUDGET_INCOME_FINAL, (n.BUDGET_INCOME_INITIAL, n.BUDGET_INCOME_ADJUSTMENT), ()),
    "sum.budget_expenditure": (
        n.BUDGET_EXPENDITURE_FINAL,
        (n.BUDGET_EXPENDITURE_INITIAL, n.BUDGET_EXPENDITURE_ADJUSTMENT),
        (),
    ),
    "sum.budget_expenditure_total": (
        n.BUDGET_EXPENDITURE_TOTAL,
        (n.BUDGET_EXPENDITURE_FINAL, n.STOCK_FUNDS_EXPENDITURE),
        (),
    ),
}

# The summary metric that totals the 类 lines of each fund type.
FUND_TOTAL: dict[str, str] = {
    **n.FUND_EXPENDITURE,
    n.ALL_FUNDS: n.EXPENDITURE_TOTAL,
}

COUNT_UNITS = frozenset({"辆", "个", "批次", "人次", "次", "人", "台", "套", "台（套）", "项", "篇", "场"})


def is_count(unit: str | None) -> bool:
    return unit is not None and unit in COUNT_UNITS
