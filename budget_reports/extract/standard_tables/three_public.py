"""财政拨款“三公”经费支出决算表 → summary metrics with the 预算数 as budget_value and 决算数 as value.

Shanghai prints each item over a 预算数 | 决算数 pair; Sichuan prints 预算数 and 决算数 as two
groups over the items; some tables list the items as rows. The header path of each column says
which item and which of the two figures it holds.
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.common import TableFacts, label, money, row_evidence, table_metric
from budget_reports.extract.standard_tables.header import Layout, Row, layout
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind
from budget_reports.model import Cell, Document

_SCOPES = {TableKind.GOV_FUND_THREE_PUBLIC: names.GOV_FUND}
# column -> (item, measure); item -> measure (budget / actual) -> (value, cell, row)
_Columns = dict[int, tuple[str | None, str | None]]
_Figures = dict[str, dict[str, tuple[Decimal, Cell | None, Row]]]


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
        return "budget"
    if "决算" in text or "实际" in text:
        return "actual"
    return None


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
    implied = "budget" if found.is_budget else None
    columns = {
        col: (_column_item(path), next((m for m in map(measure_of, reversed(path)) if m), implied))
        for col, path in enumerate(lay.columns)
    }
    if any(item and measure for item, measure in columns.values()):
        _read_columns(lay, columns, found.unit, figures)
        for path in lay.columns:
            for text, item in _column_header(path):
                printed.setdefault(item, text)
    else:
        _read_rows(lay, columns, found.unit, figures, printed)
    for item in (
        names.THREE_PUBLIC,
        names.OVERSEAS,
        names.VEHICLES_COST,
        names.VEHICLE_PURCHASE,
        names.VEHICLE_OPERATION,
        names.RECEPTION,
        names.OPERATING_COSTS,
    ):
        found_figures = figures.get(item)
        if not found_figures:
            continue
        actual = found_figures.get("actual")
        budget = found_figures.get("budget")
        anchor = actual or budget
        assert anchor is not None
        budget_text = f"预算数 {budget[2].texts[_col(budget)]}" if budget else "预算数"
        actual_text = f"决算数 {actual[2].texts[_col(actual)]}" if actual else "决算数"
        snippet = f"{printed.get(item, item)} {budget_text} {actual_text}"
        evidence = row_evidence(document, anchor[2], anchor[1], snippet)
        facts.summary_metrics.append(
            table_metric(item, actual[0] if actual else None, evidence, scope, budget[0] if budget else None)
        )


def _col(figure: tuple[Decimal, Cell | None, Row]) -> int:
    cell = figure[1]
    return cell.col if cell is not None else 0


def _read_columns(lay: Layout, columns: _Columns, unit: str, figures: _Figures) -> None:
    """Items as column groups: the first row with figures holds them."""
    for row in lay.body:
        values = {col: money(row.texts[col], unit) for col in columns}
        if all(v is None for v in values.values()):
            continue
        for col, value in values.items():
            item, measure = columns[col]
            if value is not None and item and measure:
                figures.setdefault(item, {}).setdefault(measure, (value, row.cell(col), row))
        return


def _read_rows(lay: Layout, columns: _Columns, unit: str, figures: _Figures, printed: dict[str, str]) -> None:
    """Items as rows (项目 | 预算数 | 决算数)."""
    measures = {col: measure for col, (_, measure) in columns.items() if measure}
    for row in lay.body:
        row_text = next((t for t in row.texts if label(t) and money(t, unit) is None), "")
        item = item_of(label(row_text))
        if item is None:
            continue
        printed.setdefault(item, " ".join(row_text.split()))
        for col, measure in measures.items():
            value = money(row.texts[col], unit)
            if value is not None:
                figures.setdefault(item, {}).setdefault(measure, (value, row.cell(col), row))
