"""The standard final-accounts tables (附表): recognised by title and header, read into facts.

Shanghai prints nine of them, Sichuan fourteen; the same tables come as PDF grids, DOCX tables or
spreadsheet sheets. Tables without a reader here (the 明细表 and the 项目支出决算表) are recognised
but not read. A table that says it has no data gives no rows. A table that cannot be read is
skipped with a message; the other tables are still read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import TypeVar

from budget_reports.extract.standard_tables import economic_table, function_tables, income_table, overview, three_public
from budget_reports.extract.standard_tables.common import TableFacts
from budget_reports.extract.standard_tables.recognise import StandardTable, TableKind, find_standard_tables
from budget_reports.facts import ExtractedReport, ParseStatus, SummaryMetric
from budget_reports.model import Document
from budget_reports.normalize import normalize_text

log = logging.getLogger(__name__)
T = TypeVar("T")

TableReader = Callable[[StandardTable, Document, TableFacts], None]

READERS: dict[TableKind, TableReader] = {
    TableKind.OVERVIEW: overview.extract,
    TableKind.FISCAL_OVERVIEW: overview.extract,
    TableKind.INCOME: income_table.extract,
    TableKind.GPB_BASIC: economic_table.extract,
    TableKind.THREE_PUBLIC: three_public.extract,
    TableKind.GPB_THREE_PUBLIC: three_public.extract,
    TableKind.GOV_FUND_THREE_PUBLIC: three_public.extract,
    TableKind.BUDGET_OVERVIEW: overview.extract,
    TableKind.BUDGET_FISCAL_OVERVIEW: overview.extract,
    TableKind.BUDGET_INCOME: income_table.extract,
    TableKind.BUDGET_GPB_BASIC: economic_table.extract,
    TableKind.BUDGET_THREE_PUBLIC: three_public.extract,
    TableKind.BUDGET_GOV_FUND_THREE_PUBLIC: three_public.extract,
    **{kind: function_tables.extract for kind in function_tables.FUND_TYPES},
}

__all__ = ["READERS", "StandardTable", "TableKind", "extract_standard_tables", "find_standard_tables", "read_tables"]


def read_tables(document: Document, problems: list[str] | None = None, fiscal_year: int | None = None) -> TableFacts:
    """Facts of every standard table of the document, without duplicates.

    A table whose reading fails adds a message to ``problems`` and contributes nothing. ``fiscal_year``
    (the report's, from its identity) tells this year's columns from the prior year's.
    """
    read: list[tuple[TableKind, TableFacts]] = []
    titles: list[str] = []
    for found in find_standard_tables(document):
        reader = READERS.get(found.kind)
        if reader is None or found.no_data:
            continue
        table_facts = TableFacts()
        try:
            reader(replace(found, fiscal_year=fiscal_year), document, table_facts)
        except Exception as exc:  # one odd table must not cost the others
            log.exception("standard table %r of %s", found.title, document.source_file)
            where = f"第{found.block.page}页" if found.block.page else f"第{found.block.line}行"
            if problems is not None:
                problems.append(f"附表“{found.title}”（{where}）未能读取：{type(exc).__name__}: {exc}")
            continue
        read.append((found.kind, table_facts))
        titles.append(normalize_text(found.title))
    facts = TableFacts()
    # The overview's income sources come first; the 收入决算表's only when no overview gave any.
    for preferred in (TableKind.OVERVIEW, TableKind.INCOME, TableKind.BUDGET_OVERVIEW, TableKind.BUDGET_INCOME):
        if not facts.income:
            facts.income = [line for kind, tf in read if kind is preferred for line in tf.income]
    facts.income = _first_of_each(facts.income, lambda x: x.source)
    # A table printed twice (a report repeating its tables) gives each row once, the first time.
    facts.expenditure_function = _first_of_each(
        [line for _, tf in read for line in tf.expenditure_function],
        lambda x: (x.fund_type, x.source_table, x.level, x.name_as_written, x.code),
    )
    facts.expenditure_economic = _first_of_each(
        [line for _, tf in read for line in tf.expenditure_economic], lambda x: (x.fund_type, x.code, x.name)
    )
    facts.summary_metrics = _metrics_once(
        [(kind, title, tf.summary_metrics) for (kind, tf), title in zip(read, titles, strict=True)]
    )
    return facts


def _metrics_once(per_table: list[tuple[TableKind, str, list[SummaryMetric]]]) -> list[SummaryMetric]:
    """One row per (metric, scope): the first table that prints it (in document order) gives it.

    An expenditure table repeating a total an earlier table gave (the 支出决算表's 合计 row repeats
    the overview's 本年支出合计) keeps it with its own title as scope: the rules check each table's
    classification lines against the total printed under them. A table printed twice under one
    title, or a figure printed twice in one table (总计 of income and of spending), gives it once.
    """
    rows: list[SummaryMetric] = []
    given_by: dict[tuple[str, str | None], str] = {}  # key → title of the table that gave it
    for kind, title, metrics in per_table:
        for metric in metrics:
            first = given_by.get((metric.metric, metric.scope))
            if first is not None and first != title and kind in function_tables.FUND_TYPES:
                metric = replace(metric, scope=title)
            if (metric.metric, metric.scope) not in given_by:
                given_by[(metric.metric, metric.scope)] = title
                rows.append(metric)
    return rows


def _first_of_each(rows: list[T], key: Callable[[T], Hashable]) -> list[T]:
    """The rows in order, each key kept once (the warehouse views hold one row per key)."""
    seen: set[Hashable] = set()
    kept = []
    for row in rows:
        if key(row) not in seen:
            seen.add(key(row))
            kept.append(row)
    return kept


def extract_standard_tables(document: Document, report: ExtractedReport) -> None:
    problems: list[str] = []
    info = report.report  # None where a report's tables are read alone
    facts = read_tables(document, problems, info.fiscal_year if info is not None else None)
    report.summary_metrics.extend(facts.summary_metrics)
    report.income.extend(facts.income)
    report.expenditure_function.extend(facts.expenditure_function)
    report.expenditure_economic.extend(facts.expenditure_economic)
    if problems:
        report.report.parse_status = ParseStatus.PARTIAL
        report.report.error_message = "；".join(filter(None, [report.report.error_message, *problems]))
