"""财政拨款“三公”经费支出决算表 → summary metrics with the 预算数 as budget_value and 决算数 as value.

Shanghai prints each item over a 预算数 | 决算数 pair; Sichuan prints 预算数 and 决算数 as two
groups over the items; some tables list the items as rows. The header path of each column says
which item and which of the two figures it holds.

Budgets (and some final accounts) print the year before beside this year's (``year_columns``): this
year's figures are the facts as in a one-year table; the prior year's go to ``prior_year_value``
(the prior year's figure of the same kind where the table prints it, else the one it prints: a
budget's 上年决算数), a printed change to ``change_value`` / ``change_pct_declared`` (the rules check
them against the two years); a column of any other year is not read.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.common import TableFacts, label, money, row_evidence, table_metric
from budget_reports.extract.standard_tables.header import Layout, Row, layout
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind
from budget_reports.extract.standard_tables.year_columns import YearRole, report_year, year_role
from budget_reports.model import Cell, Document
from budget_reports.normalize import parse_decimal

_SCOPES = {TableKind.GOV_FUND_THREE_PUBLIC: names.GOV_FUND}
# What a column's figure is of its item: this year's budget / actual, the prior year's (PRIOR_BUDGET /
# PRIOR_ACTUAL), the change against it (amount / percent).
BUDGET, ACTUAL = "budget", "actual"
PRIOR_BUDGET, PRIOR_ACTUAL = "prior_budget", "prior_actual"
CHANGE, CHANGE_PCT = "change", "change_pct"
# column -> (item, slot); item -> slot -> (value, cell, row)
_Columns = dict[int, tuple[str | None, str | None]]
_Figures = dict[str, dict[str, tuple[Decimal, Cell | None, Row]]]
_ITEMS = (*names.THREE_PUBLIC_COLUMNS, names.OPERATING_COSTS)
# How the snippet names each slot's figure.
_WORDING = {
    PRIOR_BUDGET: "上年预算数",
    PRIOR_ACTUAL: "上年决算数",
    CHANGE: "增减",
    CHANGE_PCT: "增减率",
}


def item_of(text: str) -> str | None:
    """The 三公 item a header or row label names (小计 names none: it belongs to its parent)."""
    if "机关运行" in text:  # the budget's 三公经费和机关运行经费预算表 prints it beside the 三公
        return names.OPERATING_COSTS
    if "出国" in text:
        return names.OVERSEAS
    if "接待" in text:
        return names.RECEPTION
    if "公务用车" in text or "购置" in text or "运行" in text:
        if "购置及运行" in text or ("购置" in text and "运行" in text):
            return names.VEHICLES_COST
        return names.VEHICLE_PURCHASE if "购置" in text else names.VEHICLE_OPERATION
    if text in ("合计", "总计") or "三公" in text:
        return names.THREE_PUBLIC
    return None


def measure_of(text: str) -> str | None:
    if "预算" in text:
        return BUDGET
    if "决算" in text or "实际" in text:
        return ACTUAL
    return None


def _slot(path: tuple[str, ...], implied: str | None, this_year: int | None) -> str | None:
    """The slot of a column's figures, from its header path; None where it holds no fact."""
    role = year_role("".join(path), this_year)
    if role is YearRole.CHANGE:
        return CHANGE
    if role is YearRole.CHANGE_PCT:
        return CHANGE_PCT
    if role is YearRole.OTHER:
        return None
    measure = next((m for m in map(measure_of, reversed(path)) if m), implied)
    if role is YearRole.PRIOR:
        return {BUDGET: PRIOR_BUDGET, ACTUAL: PRIOR_ACTUAL}.get(measure or "")
    return measure


def _column_item(path: tuple[str, ...]) -> str | None:
    return next((item for _, item in _column_header(path)), None)


def _column_header(path: tuple[str, ...]) -> list[tuple[str, str]]:
    """(header as printed, item) of the deepest header naming an item, if any."""
    for text in reversed(path):
        item = item_of(text)
        if item is not None:
            return [(text, item)]
    return []


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    lay = layout(found.table, found.first_row)
    scope = _SCOPES.get(found.kind)
    figures: _Figures = {}
    # The item's label as the table prints it (合计, 财政拨款“三公”经费 ...): the snippet quotes the document.
    printed: dict[str, str] = {}
    # A budget table's figures are budgets even where no header says 预算数 (Sichuan's 表2-4).
    implied = BUDGET if found.is_budget else None
    this_year = report_year(found.fiscal_year, found.title, (text for path in lay.columns for text in path))
    columns = {col: (_column_item(path), _slot(path, implied, this_year)) for col, path in enumerate(lay.columns)}
    if any(item and slot for item, slot in columns.values()):
        _read_columns(lay, columns, found.unit, figures)
        for path in lay.columns:
            for text, item in _column_header(path):
                printed.setdefault(item, text)
    else:
        _read_rows(lay, columns, found.unit, figures, printed)
    # A budget's prior year: its budget where printed, else the outcome it prints (上年决算数).
    priors = (PRIOR_BUDGET, PRIOR_ACTUAL) if found.is_budget else (PRIOR_ACTUAL,)
    for item in _ITEMS:
        found_figures = figures.get(item, {})
        actual = found_figures.get(ACTUAL)
        budget = found_figures.get(BUDGET)
        prior_slot = next((slot for slot in priors if slot in found_figures), None)
        prior = found_figures.get(prior_slot) if prior_slot else None
        change = found_figures.get(CHANGE)
        change_pct = found_figures.get(CHANGE_PCT)
        anchor = actual or budget or prior
        if anchor is None:
            continue  # a change alone is no figure of either year
        budget_text = f"预算数 {budget[2].texts[_col(budget)]}" if budget else "预算数"
        actual_text = f"决算数 {actual[2].texts[_col(actual)]}" if actual else "决算数"
        others = [
            f"{_WORDING[slot]} {figure[2].texts[_col(figure)]}"
            for slot, figure in ((prior_slot, prior), (CHANGE, change), (CHANGE_PCT, change_pct))
            if slot and figure
        ]
        snippet = " ".join([f"{printed.get(item, item)} {budget_text} {actual_text}", *others])
        evidence = row_evidence(document, anchor[2], anchor[1], snippet)
        metric = table_metric(item, actual[0] if actual else None, evidence, scope, budget[0] if budget else None)
        facts.summary_metrics.append(
            replace(
                metric,
                prior_year_value=prior[0] if prior else None,
                change_value=change[0] if change else None,
                change_pct_declared=change_pct[0] if change_pct else None,
            )
        )


def _col(figure: tuple[Decimal, Cell | None, Row]) -> int:
    cell = figure[1]
    return cell.col if cell is not None else 0


def _figure(text: str, slot: str, unit: str) -> Decimal | None:
    """A cell's figure: an amount in 万元, a percentage as printed (its % sign dropped)."""
    if slot == CHANGE_PCT:
        return parse_decimal(text.strip().rstrip("%％"))
    return money(text, unit)


def _read_columns(lay: Layout, columns: _Columns, unit: str, figures: _Figures) -> None:
    """Items as column groups: the first row with figures holds them."""
    for row in lay.body:
        values = {col: money(row.texts[col], unit) for col in columns}
        if all(v is None for v in values.values()):
            continue
        for col, (item, slot) in columns.items():
            value = _figure(row.texts[col], slot, unit) if item and slot else None
            if value is not None:
                figures.setdefault(item, {}).setdefault(slot, (value, row.cell(col), row))
        return


def _read_rows(lay: Layout, columns: _Columns, unit: str, figures: _Figures, printed: dict[str, str]) -> None:
    """Items as rows (项目 | 预算数 | 决算数, 项目 | 上年预算数 | 本年预算数 | 增减额 …)."""
    slots = {col: slot for col, (_, slot) in columns.items() if slot}
    for row in lay.body:
        row_text = next((t for t in row.texts if label(t) and money(t, unit) is None), "")
        item = item_of(label(row_text))
        if item is None:
            continue
        printed.setdefault(item, " ".join(row_text.split()))
        for col, slot in slots.items():
            value = _figure(row.texts[col], slot, unit)
            if value is not None:
                figures.setdefault(item, {}).setdefault(slot, (value, row.cell(col), row))
