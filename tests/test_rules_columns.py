"""Every money column sums and every row splits into its columns, on the Putuo PDF's 支出决算表 and a
copy of its document model with one cell changed (read by the real extractors and rules)."""

from __future__ import annotations

import copy
import dataclasses

from benchmarks.injection import Site, edit_document, read
from budget_reports import rules
from budget_reports.facts import ExtractedReport, Severity
from budget_reports.model import Document
from budget_reports.rules.columns import column_sums
from tests.analysed_reports import analysed as analysed_report
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def analysed(document: Document) -> ExtractedReport:
    return analysed_report(document, PUTUO, "pdf")


def _row_line(result: ExtractedReport, code: str) -> int:
    line = next(x for x in result.expenditure_function if x.code == code and x.source_table == "支出决算表")
    assert line.evidence.line is not None
    return line.evidence.line


def test_the_rule_is_registered() -> None:
    assert column_sums in rules.FACT_RULES


def test_a_project_cell_raised_breaks_its_row_and_its_column() -> None:
    # 支出决算表 p. 10, row 2010601 行政运行: 合计 1,511.89 = 基本 1,503.52 + 项目 8.37. Raise 项目 to 18.37.
    document = read(corpus_file(PUTUO))
    clean = analysed(document)
    assert [f for f in clean.findings if f.rule_id == "sum.basic_project"] == []
    site = Site("sum", 10, _row_line(clean, "2010601"), "8.37", "18.37", (), frozenset(), "")
    changed = edit_document(document, site)
    assert changed is not None
    errors = {(f.rule_id, f.subject) for f in analysed(changed).findings if f.severity is Severity.ERROR}
    # The row no longer splits into its columns; the 项 of 20106 no longer add up to its 项目支出 603.14.
    assert ("sum.basic_project", "2010601") in errors
    assert ("sum.hierarchy", "20106") in errors


def with_cell(document: Document, page: int, line: int, col: int, text: str) -> Document:
    """A copy of the document with one table cell (by page, line and column) printing ``text``."""
    changed = copy.copy(document)
    changed.blocks = list(document.blocks)
    for index, block in enumerate(document.blocks):
        if block.page == page and block.table is not None:
            cells = tuple(
                dataclasses.replace(c, text=text) if (c.line, c.col) == (line, col) else c for c in block.table.cells
            )
            if cells != block.table.cells:
                changed.blocks[index] = dataclasses.replace(block, table=dataclasses.replace(block.table, cells=cells))
                return changed
    raise AssertionError(f"no cell at page {page}, line {line}, column {col}")


def test_a_basic_cell_of_a_class_raised_breaks_the_column_total() -> None:
    # 支出决算表 p. 10: 类 208's 基本支出 326.72 (its 合计 326.72). Raised to 336.72, the 类 no longer add up to
    # the 合计 row's 基本支出 2,336.91 beyond rounding, and the row's 合计 is no longer 基本 + 项目.
    document = read(corpus_file(PUTUO))
    changed = with_cell(document, 10, _row_line(analysed(document), "208"), 5, "336.72")
    errors = {(f.rule_id, f.subject, f.expected) for f in analysed(changed).findings if f.severity is Severity.ERROR}
    assert ("sum.hierarchy", "基本支出", "2346.92") in errors
    assert ("sum.basic_project", "208", "336.72") in errors
