"""收入支出决算总表 and 财政拨款收入支出决算总表 → summary metrics (table) and income by source.

Both print income (项目 | [行次] | 决算数) beside expenditure (项目 | [行次] | 决算数, or 合计 and
one column per fund). Income sources of the 收入支出决算总表 become ``income`` rows; its totals
and carry-overs (本年收入合计, 年初结转和结余, 总计 …) and those of the 财政拨款 table (scope
财政拨款, 总计 = 财政拨款收支总计) become summary metrics.

The expenditure side lists the 类 by name, without codes (一、一般公共服务支出 …): each 类 printed
with an amount becomes an ``expenditure_function`` line of its own table (the code is filled by the
resolver step), of fund type 全部资金 for the 收入支出决算总表 and of the fund of each fund column
for the 财政拨款 table (its 合计 column, all fiscal funds together, is no fund type).

The budget report's 财务收支预算总表 / 部门收支总表 and 财政拨款收支预算总表 are read the same way:
their 收入总计 / 支出总计 are the 总计, their 类 amounts are budgets (``budget_initial``). The 支出决算表
and the fund tables print the same 类 again; a report whose tables disagree is the rules' business.
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.common import (
    TableFacts,
    is_total,
    label,
    money,
    row_evidence,
    table_metric,
    written_name,
)
from budget_reports.extract.standard_tables.function_tables import column_roles
from budget_reports.extract.standard_tables.header import Layout, layout
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind
from budget_reports.facts import ExpenditureLine, IncomeLine, SourceKind
from budget_reports.model import Document, Evidence
from budget_reports.normalize import normalize_text, parse_decimal

_ROW_NUMBER_LEAVES = ("行次", "栏次", "序号")
_FUNDS = (names.GPB, names.GOV_FUND, names.STATE_CAPITAL)
_FUND_INCOMES = (names.GPB_INCOME, names.GOV_FUND_INCOME, names.STATE_CAPITAL_INCOME)
# Expenditure by kind, which some overviews list where others list the 类: not classification lines.
_NOT_CLASSES = (names.BASIC, names.PROJECT, names.REMIT_UPPER, names.BUSINESS, names.SUBSIDY_AFFILIATED)


def sides(lay: Layout) -> tuple[tuple[int, list[int]], tuple[int, list[int]]] | None:
    """(label column, money columns) of the income side and of the expenditure side."""
    labels = lay.find(lambda path: bool(path) and path[-1] == "项目")
    if len(labels) < 2:
        labels = [c for c in range(len(lay.columns)) if _mostly_text(lay, c)][:2]
    if len(labels) < 2:
        return None
    income_label, expenditure_label = labels[0], labels[1]

    def money_columns(start: int, end: int) -> list[int]:
        return [c for c in range(start + 1, end) if not (lay.columns[c] and lay.columns[c][-1] in _ROW_NUMBER_LEAVES)]

    income = money_columns(income_label, expenditure_label)
    expenditure = money_columns(expenditure_label, len(lay.columns))
    if not income or not expenditure:
        return None
    return (income_label, income), (expenditure_label, expenditure)


def _mostly_text(lay: Layout, col: int) -> bool:
    texts = [r.compact(col) for r in lay.body if r.compact(col)]
    return len(texts) >= 2 and all(parse_decimal(t) is None for t in texts)


def _fund_of(path: tuple[str, ...]) -> str | None:
    leaf = path[-1] if path else ""
    return next((fund for fund in _FUNDS if leaf.startswith(fund[:4])), None)


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    lay = layout(found.table, found.first_row)
    split = sides(lay)
    if split is None:
        return
    (income_label, income_cols), (expenditure_label, expenditure_cols) = split
    fiscal = found.kind in (TableKind.FISCAL_OVERVIEW, TableKind.BUDGET_FISCAL_OVERVIEW)
    line_columns = _line_columns(lay, expenditure_cols, fiscal)
    # The spending side's total: the column headed 合计 wherever it stands (before or after the
    # funds), else the first.
    total_col = next((c for c in expenditure_cols if lay.columns[c][-1:] == ("合计",)), expenditure_cols[0])
    source_table = normalize_text(found.title)
    after_carry_over = False
    after_expenditure_total = False
    # A total closes the 类 only below the side's rows: a table printing its 总计 first (above
    # its 类) still prints them after it.
    row_read = False
    for row in lay.body:
        # Income side.
        text = label(row.texts[income_label])
        value_col = income_cols[0]
        value = money(row.texts[value_col], found.unit)
        if text.startswith("年初") and "结转" in text:
            after_carry_over = True
        if text and value is not None:
            evidence = row_evidence(document, row, row.cell(value_col), row.text([income_label, *income_cols]))
            if found.is_budget and text == names.GRAND_INCOME_TOTAL:
                # A budget's 收入总计 is the final accounts' 总计; kept by name too, against 支出总计.
                facts.summary_metrics.append(table_metric(text, value, evidence, names.FISCAL if fiscal else None))
                text = "总计"
            _income_row(facts, evidence, text, value, fiscal, after_carry_over)
        # Expenditure side.
        text = label(row.texts[expenditure_label])
        if not text:
            continue
        snippet = row.text([expenditure_label, *expenditure_cols])
        if found.is_budget and text == names.GRAND_EXPENDITURE_TOTAL:
            value = money(row.texts[total_col], found.unit)
            if value is not None:
                evidence = row_evidence(document, row, row.cell(total_col), snippet)
                facts.summary_metrics.append(table_metric(text, value, evidence, names.FISCAL if fiscal else None))
            after_expenditure_total = after_expenditure_total or row_read
            continue
        if is_total(text):
            # carry-overs and 总计 follow; the 类 are above
            after_expenditure_total = after_expenditure_total or row_read
        elif not after_expenditure_total and _is_class(text):
            for fund_type, col in line_columns.items():
                value = money(row.texts[col], found.unit)
                if value is not None:
                    evidence = row_evidence(document, row, row.cell(col), snippet)
                    name = written_name(row.texts[expenditure_label])
                    line = _class_line(fund_type, name, value, evidence, source_table, found.is_budget)
                    facts.expenditure_function.append(line)
        row_read = row_read or not is_total(text)
        for col in expenditure_cols:
            value = money(row.texts[col], found.unit)
            if value is None:
                continue
            fund = _fund_of(lay.columns[col]) if col != total_col else None
            metric, scope = _expenditure_metric(text, fiscal, fund)
            if metric is not None:
                facts.summary_metrics.append(
                    table_metric(metric, value, row_evidence(document, row, row.cell(col), snippet), scope)
                )


def _income_row(
    facts: TableFacts, evidence: Evidence, text: str, value: Decimal, fiscal: bool, after_carry_over: bool
) -> None:
    scope = names.FISCAL if fiscal else None
    if text == "总计":
        facts.summary_metrics.append(table_metric(names.FISCAL_TOTAL if fiscal else names.TOTAL, value, evidence))
    elif text == names.INCOME_TOTAL:
        facts.summary_metrics.append(table_metric(names.INCOME_TOTAL, value, evidence, scope))
    elif text.startswith("年初") and "结转" in text:
        facts.summary_metrics.append(table_metric(names.CARRY_OVER_START, value, evidence, scope))
    elif text.startswith(names.NON_FISCAL_BALANCE_USED):
        facts.summary_metrics.append(table_metric(names.NON_FISCAL_BALANCE_USED, value, evidence))
    elif after_carry_over:
        return  # carry-over by fund, under 年初结转和结余
    elif fiscal:
        source = names.income_source(text if text.endswith("收入") else text + "收入")
        # Only a fund's own label names a metric: a label that took in other cells' words (a unit, a
        # column header: text whose boxes were written apart) names none, and its figure is left.
        if source in _FUND_INCOMES:
            facts.summary_metrics.append(table_metric(source, value, evidence, scope))
    elif text.endswith("收入"):
        source = names.income_source(text)
        facts.income.append(IncomeLine(source=source, amount=value, evidence=evidence, source_kind=SourceKind.TABLE))


def _expenditure_metric(text: str, fiscal: bool, fund: str | None) -> tuple[str | None, str | None]:
    scope = names.FISCAL if fiscal else None
    if text == names.EXPENDITURE_TOTAL:
        if fund is not None:
            return names.FUND_EXPENDITURE[fund], None
        return names.EXPENDITURE_TOTAL, scope
    if fund is not None:
        return None, None
    if text == "总计":
        return (names.FISCAL_TOTAL if fiscal else names.TOTAL), None
    if text.startswith("年末") and "结转" in text:
        return names.CARRY_OVER_END, scope
    if text == names.BALANCE_DISTRIBUTION:
        return names.BALANCE_DISTRIBUTION, None
    return None, None


def _line_columns(lay: Layout, expenditure_cols: list[int], fiscal: bool) -> dict[str, int]:
    """The column of each fund type whose 类 amounts the expenditure side prints."""
    if not fiscal:
        actual = column_roles(lay, expenditure_cols).get("actual")
        if actual is None and len(expenditure_cols) == 1:
            actual = expenditure_cols[0]
        return {} if actual is None else {names.ALL_FUNDS: actual}
    columns: dict[str, int] = {}
    for col in expenditure_cols:  # the 合计 column (all fiscal funds) names no fund
        fund = _fund_of(lay.columns[col])
        if fund is not None and fund not in columns:
            columns[fund] = col
    return columns


def _is_class(text: str) -> bool:
    """A 类 name: every 类 of the functional classification ends with 支出 (一般公共服务支出, 其他支出)."""
    return text.endswith("支出") and text not in _NOT_CLASSES and not text.startswith("其中")


def _class_line(
    fund_type: str, name: str, value: Decimal, evidence: Evidence, source_table: str, budget: bool
) -> ExpenditureLine:
    return ExpenditureLine(
        fund_type=fund_type,
        level="类",
        name_as_written=name,
        evidence=evidence,
        source_kind=SourceKind.TABLE,
        # A budget table's amount is the year's budget (年初预算), an outcome table's the 决算数.
        budget_initial=value if budget else None,
        actual=None if budget else value,
        source_table=source_table,
    )
