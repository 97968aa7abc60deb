"""Expenditure by functional classification (支出决算表 and the fund tables) → ``expenditure_function``.

One line per 类/款/项 row with its code and the columns the table prints (决算数 / 合计, 基本支出,
项目支出, 年初预算, 全年预算). The 合计 row gives the table's totals as summary metrics instead.
The budget report's tables (支出预算总表, 一般公共预算支出功能分类预算表 …) print the same columns;
their 合计 is the budget, so it goes to ``budget_initial`` and ``actual`` stays empty.
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.codes import (
    FUNCTION_LEVELS,
    coded_columns,
    join_wrapped_rows,
    prefixes,
    row_codes,
    row_name,
)
from budget_reports.extract.standard_tables.common import (
    TableFacts,
    is_total,
    money,
    row_evidence,
    table_metric,
)
from budget_reports.extract.standard_tables.header import Layout, Row, layout
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind
from budget_reports.facts import ExpenditureLine, SourceKind
from budget_reports.model import Document
from budget_reports.normalize import normalize_text

FUND_TYPES = {
    TableKind.EXPENDITURE: names.ALL_FUNDS,
    TableKind.GPB_EXPENDITURE: names.GPB,
    TableKind.GPB_INCOME_EXPENDITURE: names.GPB,
    TableKind.GOV_FUND: names.GOV_FUND,
    TableKind.GOV_FUND_EXPENDITURE: names.GOV_FUND,
    TableKind.STATE_CAPITAL: names.STATE_CAPITAL,
    TableKind.STATE_CAPITAL_EXPENDITURE: names.STATE_CAPITAL,
    TableKind.BUDGET_EXPENDITURE: names.ALL_FUNDS,
    TableKind.BUDGET_GPB: names.GPB,
    TableKind.BUDGET_GOV_FUND: names.GOV_FUND,
    TableKind.BUDGET_STATE_CAPITAL: names.STATE_CAPITAL,
}
_ACTUAL_LEAVES = ("合计", "小计", "本年支出合计", "支出合计", "本年支出", "决算数", "支出决算数", "金额", "决算")
# Column meaning → metric of the 合计 row in the 支出决算表 (all funds).
_ALL_FUNDS_TOTALS = {
    "actual": names.EXPENDITURE_TOTAL,
    "basic": names.BASIC,
    "project": names.PROJECT,
    "remit": names.REMIT_UPPER,
    "business": names.BUSINESS,
    "subsidy": names.SUBSIDY_AFFILIATED,
}


def column_roles(lay: Layout, columns: list[int]) -> dict[str, int]:
    """Money columns by meaning: actual, basic, project, budget_initial, budget_final, carry-overs …"""
    roles: dict[str, int] = {}
    for col in columns:
        path = lay.columns[col]
        joined = "".join(path)
        leaf = path[-1] if path else ""
        if "年初结转" in joined:
            role = "carry_start"
        elif "年末结转" in joined:
            role = "carry_end"
        elif "本年收入" in joined:
            role = None  # the fund tables print income beside spending; only spending makes lines
        elif "基本支出" in leaf:
            role = "basic"
        elif "项目支出" in leaf:
            role = "project"
        elif "上缴上级" in leaf:
            role = "remit"
        elif "经营支出" in leaf:
            role = "business"
        elif "附属单位" in leaf:
            role = "subsidy"
        elif "调整预算" in leaf or "全年预算" in leaf or "调整后预算" in leaf:
            role = "budget_final"
        elif "年初预算" in leaf or leaf in ("预算数", "预算"):
            role = "budget_initial"
        elif leaf in _ACTUAL_LEAVES or leaf.endswith("支出合计"):
            role = "actual"
        else:
            role = None
        if role is not None and role not in roles:
            roles[role] = col
    return roles


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    fund_type = FUND_TYPES[found.kind]
    lay = layout(found.table, found.first_row)
    all_columns = list(range(len(lay.columns)))
    coded = coded_columns(lay, all_columns)
    if coded is None:
        return
    money_columns = [c for c in all_columns if c not in coded.codes and c != coded.name]
    roles = column_roles(lay, money_columns)
    source_table = normalize_text(found.title)
    rows = join_wrapped_rows(list(lay.body), coded, money_columns)
    for row, code in zip(rows, row_codes(rows, coded), strict=True):
        values: dict[str, Decimal | None] = {role: money(row.texts[col], found.unit) for role, col in roles.items()}
        if all(v is None for v in values.values()):
            continue  # nothing printed (an empty line, a template placeholder)
        name = row_name(row, coded)
        row_label = "".join(row.compact(c) for c in [*coded.codes, coded.name])
        if is_total(name) or is_total(row_label):
            _total_metrics(facts, document, row, roles, values, fund_type)
            continue
        if code is None or len(code) not in FUNCTION_LEVELS:
            continue
        class_code, kuan_code, xiang_code = prefixes(code)
        if found.is_budget:  # a budget table's 合计 is the year's budget (年初预算), not an outcome
            values["budget_initial"], values["actual"] = values.get("actual"), None
        facts.expenditure_function.append(
            ExpenditureLine(
                fund_type=fund_type,
                level=FUNCTION_LEVELS[len(code)],
                name_as_written=name,
                evidence=row_evidence(document, row, row.cell(coded.name)),
                source_kind=SourceKind.TABLE,
                code=code,
                class_code=class_code,
                kuan_code=kuan_code,
                xiang_code=xiang_code,
                budget_initial=values.get("budget_initial"),
                budget_final=values.get("budget_final"),
                actual=values.get("actual"),
                basic=values.get("basic"),
                project=values.get("project"),
                source_table=source_table,
            )
        )


def _total_metrics(
    facts: TableFacts,
    document: Document,
    row: Row,
    roles: dict[str, int],
    values: dict[str, Decimal | None],
    fund_type: str,
) -> None:
    def add(metric: str, role: str, scope: str | None) -> None:
        if values.get(role) is not None:
            evidence = row_evidence(document, row, row.cell(roles[role]))
            facts.summary_metrics.append(table_metric(metric, values[role], evidence, scope))

    if fund_type == names.ALL_FUNDS:
        for role, metric in _ALL_FUNDS_TOTALS.items():
            add(metric, role, None)
        return
    add(names.FUND_EXPENDITURE[fund_type], "actual", None)
    add(names.BASIC, "basic", fund_type)
    add(names.PROJECT, "project", fund_type)
    add(names.CARRY_OVER_START, "carry_start", fund_type)
    add(names.CARRY_OVER_END, "carry_end", fund_type)
