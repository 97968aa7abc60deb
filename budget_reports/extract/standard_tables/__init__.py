"""The standard final-accounts tables (附表): recognised by title and header, read into facts.

Shanghai prints nine of them, Sichuan fourteen; the same tables come as PDF grids, DOCX tables or
spreadsheet sheets. Tables without a reader here (明细表, 项目支出决算表) are recognised but not
read. A table that says it has no data gives no rows.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_reports.extract.standard_tables import economic_table, function_tables, income_table, overview, three_public
from budget_reports.extract.standard_tables.common import TableFacts
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind, find_standard_tables
from budget_reports.facts import ExtractedReport
from budget_reports.model import Document

TableReader = Callable[[StandardTable, Document, TableFacts], None]

READERS: dict[TableKind, TableReader] = {
    TableKind.OVERVIEW: overview.extract,
    TableKind.FISCAL_OVERVIEW: overview.extract,
    TableKind.INCOME: income_table.extract,
    TableKind.GPB_BASIC: economic_table.extract,
    TableKind.THREE_PUBLIC: three_public.extract,
    TableKind.GPB_THREE_PUBLIC: three_public.extract,
    TableKind.GOV_FUND_THREE_PUBLIC: three_public.extract,
    **{kind: function_tables.extract for kind in function_tables.FUND_TYPES},
}

__all__ = ["READERS", "StandardTable", "TableKind", "extract_standard_tables", "find_standard_tables", "read_tables"]


def read_tables(document: Document) -> TableFacts:
    """Facts of every standard table of the document, without duplicates."""
    per_kind: dict[TableKind, TableFacts] = {}
    for found in find_standard_tables(document):
        reader = READERS.get(found.kind)
        if reader is None or found.no_data:
            continue
        reader(found, document, per_kind.setdefault(found.kind, TableFacts()))
    facts = TableFacts()
    for kind_facts in per_kind.values():
        facts.expenditure_function.extend(kind_facts.expenditure_function)
        facts.expenditure_economic.extend(kind_facts.expenditure_economic)
    # The overview's income sources come first; the 收入决算表 only when no overview gave any.
    overview_income = per_kind.get(TableKind.OVERVIEW, TableFacts()).income
    facts.income = overview_income or per_kind.get(TableKind.INCOME, TableFacts()).income
    # One row per (metric, scope): the first table that prints it (in document order) gives it.
    seen: set[tuple[str, str | None]] = set()
    for kind_facts in per_kind.values():
        for metric in kind_facts.summary_metrics:
            key = (metric.metric, metric.scope)
            if key not in seen:
                seen.add(key)
                facts.summary_metrics.append(metric)
    return facts


def extract_standard_tables(document: Document, report: ExtractedReport) -> None:
    facts = read_tables(document)
    report.summary_metrics.extend(facts.summary_metrics)
    report.income.extend(facts.income)
    report.expenditure_function.extend(facts.expenditure_function)
    report.expenditure_economic.extend(facts.expenditure_economic)
