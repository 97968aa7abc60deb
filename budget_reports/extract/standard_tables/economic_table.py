"""一般公共预算财政拨款基本支出决算表 → ``expenditure_economic`` and 人员经费 / 公用经费.

The table prints two (Shanghai) or three (Sichuan) column groups side by side, each with its
code, name and 决算数 columns; every group is read. A line's group (人员经费 / 公用经费) comes
from the header above its column group when printed, else from the economic class
(301, 303 = 人员经费; the others = 公用经费). ``人员经费合计`` / ``公用经费合计`` rows give the metrics.
"""

from __future__ import annotations

from budget_reports.extract.standard_tables import names
from budget_reports.extract.standard_tables.codes import coded_columns, row_code, row_name
from budget_reports.extract.standard_tables.common import TableFacts, label, money, row_evidence, table_metric
from budget_reports.extract.standard_tables.header import Layout, layout
from budget_reports.extract.standard_tables.recognise import StandardTable
from budget_reports.facts import EconomicLine, SourceKind
from budget_reports.model import Document

_AMOUNT_LEAVES = ("决算数", "金额", "合计", "决算金额", "本年支出", "支出决算数")
_PERSONNEL_CLASSES = ("301", "303")
_TOTALS = {"人员经费合计": names.PERSONNEL, "公用经费合计": names.PUBLIC_USE, "人员经费": names.PERSONNEL}


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
    return names.PERSONNEL if code[:3] in _PERSONNEL_CLASSES else names.PUBLIC_USE


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    lay = layout(found.table, found.first_row)
    for group in column_groups(lay):
        amount_col = group[-1]
        coded = coded_columns(lay, group[:-1])
        if coded is None:
            continue
        header_text = "".join("".join(lay.columns[c]) for c in group)
        for row in lay.body:
            amount = money(row.texts[amount_col], found.unit)
            if amount is None:
                continue
            row_label = label("".join(row.compact(c) for c in group[:-1]))
            evidence = row_evidence(document, row, row.cell(amount_col), row.text(group))
            if row_label in _TOTALS or row_label.endswith("合计"):
                metric = _TOTALS.get(row_label) or _group_of(row_label + header_text, None)
                if metric is not None:
                    facts.summary_metrics.append(table_metric(metric, amount, evidence))
                continue
            code = row_code(row, coded)
            if code is None or len(code) not in (3, 5):
                continue
            facts.expenditure_economic.append(
                EconomicLine(
                    code=code,
                    name=row_name(row, coded),
                    group=_group_of(header_text, code),
                    amount=amount,
                    evidence=evidence,
                    source_kind=SourceKind.TABLE,
                    fund_type=names.GPB,
                )
            )
