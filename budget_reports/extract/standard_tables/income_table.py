"""收入决算表 → the 合计 row: 本年收入合计 (summary metric) and income by source (one row per column).

The table's 类/款/项 rows say which functions the income was raised for; the warehouse has no view
for that, so only the 合计 row is read. Income rows from the 收入支出决算总表 take precedence
(see ``extract_standard_tables``): both print the same sources.
"""

from __future__ import annotations

from budget_reports import metric_names as names
from budget_reports.extract.standard_tables.codes import coded_columns
from budget_reports.extract.standard_tables.common import (
    TableFacts,
    is_total,
    label,
    money,
    row_evidence,
    table_metric,
)
from budget_reports.extract.standard_tables.header import layout
from budget_reports.extract.standard_tables.recognise import StandardTable
from budget_reports.facts import IncomeLine, SourceKind
from budget_reports.model import Document


def extract(found: StandardTable, document: Document, facts: TableFacts) -> None:
    lay = layout(found.table, found.first_row)
    all_columns = list(range(len(lay.columns)))
    coded = coded_columns(lay, all_columns)
    label_columns = [*coded.codes, coded.name] if coded is not None else all_columns[:1]
    money_columns = [c for c in all_columns if c not in label_columns]
    for row in lay.body:
        if not is_total("".join(row.compact(c) for c in label_columns)):
            continue
        for col in money_columns:
            value = money(row.texts[col], found.unit)
            source = names.income_source(label(lay.columns[col][-1])) if lay.columns[col] else ""
            if value is None or not source:
                continue
            evidence = row_evidence(document, row, row.cell(col))
            if source.endswith("合计"):
                facts.summary_metrics.append(table_metric(names.INCOME_TOTAL, value, evidence))
            else:
                facts.income.append(IncomeLine(source, value, evidence, source_kind=SourceKind.TABLE))
        return
