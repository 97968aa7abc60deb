"""一般公共预算财政拨款基本支出决算表 → ``expenditure_economic`` and 人员经费 / 公用经费.

The table prints two (Shanghai) or three (Sichuan) column groups side by side, each with its
code, name and 决算数 columns; every group is read. A line's group (人员经费 / 公用经费) comes
from the header above its column group when printed, else from the economic class
(301, 303 = 人员经费; the others = 公用经费). ``人员经费合计`` / ``公用经费合计`` rows give the metrics.
"""

from __future__ import annotations

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.codes import coded_columns, row_codes, row_name
from budget_reports.extract.standard_tables.common import (
    TableFacts,
    is_total,
    label,
    money,
    row_evidence,
    table_metric,
)
from budget_reports.extract.standard_tables.header import Layout, Row, layout
from budget_reports.extract.standard_tables.recognise import StandardTable
from budget_reports.facts import EconomicLine, SourceKind
from budget_reports.model import Document

_AMOUNT_LEAVES = ("决算数", "金额", "合计", "决算金额", "本年支出", "支出决算数")
_TOTALS = {"人员经费合计": names.PERSONNEL, "公用经费合计": names.PUBLIC_USE}
_GROUPS = (names.PERSONNEL, names.PUBLIC_USE)


def column_groups(lay: Layout) -> list[list[int]]:
    """Side-by-side groups: each ends with an amount column (决算数)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for col, path in enumerate(lay.columns):
        current.append(col)
        if path and path[-1] in _AMOUNT_LEAVES:
            groups.append(current)
            current = []
    return groups


def _group_of(path_text: str, code: str | None) -> str | None:
    if names.PERSONNEL in path_text:
        return names.PERSONNEL
    if names.PUBLIC_USE in path_text:
        return names.PUBLIC_USE
    if code is None:
        return None
    return names.PERSONNEL if code[:3] in names.PERSONNEL_CLASSES else names.PUBLIC_USE


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    lay = layout(found.table, found.first_row)
    for group in column_groups(lay):
        amount_col = group[-1]
        coded = coded_columns(lay, group[:-1])
        if coded is None:
            continue
        # The heading over the group (人员经费 over its code, name and 决算数), not a column of its own
        # named so (人员经费 | 公用经费 | 合计, the 合计 printed last closing the group).
        header_text = "".join("".join(lay.columns[c]) for c in group if lay.columns[c][-1] not in _GROUPS)
        for row, code in zip(lay.body, row_codes(lay.body, coded), strict=True):
            amount = money(row.texts[amount_col], found.unit)
            if amount is None or _total_labels(row):
                continue
            if code is None or len(code) not in (3, 5):
                continue
            facts.expenditure_economic.append(
                EconomicLine(
                    code=code,
                    name=row_name(row, coded),
                    group=_group_of(header_text, code),
                    amount=amount,
                    evidence=row_evidence(document, row, row.cell(amount_col), row.text(group)),
                    source_kind=SourceKind.TABLE,
                    fund_type=names.GPB,
                )
            )
    for row in lay.body:
        _total_metrics(row, found.unit, document, facts)
    _total_columns(lay, found.unit, document, facts)


def _total_labels(row: Row) -> list[int]:
    return [c for c in range(len(row.texts)) if label(row.texts[c]) in _TOTALS]


def _total_metrics(row: Row, unit: str, document: Document, facts: TableFacts) -> None:
    """人员经费合计 … 1,234.00 | 公用经费合计 … 567.00: each label takes the first figure on its right."""
    labels = _total_labels(row)
    for i, col in enumerate(labels):
        end = labels[i + 1] if i + 1 < len(labels) else len(row.texts)
        for value_col in range(col + 1, end):
            amount = money(row.texts[value_col], unit)
            if amount is not None:
                snippet = row.text(list(range(col, value_col + 1)))
                evidence = row_evidence(document, row, row.cell(value_col), snippet)
                facts.summary_metrics.append(table_metric(_TOTALS[label(row.texts[col])], amount, evidence))
                break


def _total_columns(lay: Layout, unit: str, document: Document, facts: TableFacts) -> None:
    """合计 | 人员经费 | 公用经费 columns (the budget's 基本支出经济分类预算表): the 合计 row's figures."""
    group_columns = {
        col: leaf
        for col, path in enumerate(lay.columns)
        if path and (leaf := path[-1]) in (names.PERSONNEL, names.PUBLIC_USE)
    }
    if not group_columns:
        return
    for row in lay.body:
        first = next((t for t in row.texts if t.strip()), "")
        if not is_total(first):
            continue
        for col, group in group_columns.items():
            amount = money(row.texts[col], unit)
            if amount is not None:
                evidence = row_evidence(
                    document, row, row.cell(col), f"{first.strip()} {group} {row.texts[col].strip()}"
                )
                facts.summary_metrics.append(table_metric(group, amount, evidence))
        return
