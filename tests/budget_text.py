"""Budget reports written as text extracted from their PDF, from the hand-checked grids of
``tests.budget_documents``: one printed row per line, empty cells dropped, a table's income and
expenditure sides on one line (the extractor often drops the space between a figure and the next
side's numbered label: ``47,483,458一、社会保障和就业支出``), pages separated by form feeds and a
table continued on the next page with its header printed again (as the corpus budget does).
"""

from __future__ import annotations

import re
from dataclasses import replace

from budget_reports.normalize import parse_decimal
from tests.budget_documents import BudgetReport, BudgetTable

FORM_FEED = "\f"
_CODE = re.compile(r"^\d{2,7}$")
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．])")
_TOTAL = re.compile(r"(?:合计|总计)$")


def is_body_row(row: list[str]) -> bool:
    """A row of figures or labelled lines, not of the header: a code, a numbered item, a total, a figure."""
    cells = [c for c in row if c]
    if not cells:
        return False
    first = cells[0]
    if any(_is_figure(c) for c in cells):
        return True
    # 合计 alone is the total row of an empty table; 合计 beside other words is a header row.
    return bool(
        _CODE.match(first)
        or _ENUMERATED.match(first)
        or (_TOTAL.search(first) and len(cells) == 1)
        or first.startswith(("上年结转", "结转下年"))
    )


def _is_figure(text: str) -> bool:
    return parse_decimal(text) is not None and not _CODE.match(text)


def _line(row: list[str], glue: bool) -> str:
    out = ""
    previous = ""
    for cell in (c for c in row if c):
        glued = glue and _is_figure(previous) and _ENUMERATED.match(cell) is not None and not cell[0].isdigit()
        out += ("" if glued or not out else " ") + cell
        previous = cell
    return out


def table_lines(table: BudgetTable, glue: bool = True, break_after: int | None = None) -> list[str]:
    """The table as an extractor writes it; with ``break_after`` a page ends after that many body
    rows and the next page repeats the header (not the title)."""
    header = [r for r in table.rows if not is_body_row(r)]
    body = [r for r in table.rows if is_body_row(r)]
    header_lines = [" ".join(c for c in row if c) for row in header]
    lines = [table.title, table.unit_line, *header_lines]
    for i, row in enumerate(body):
        if break_after is not None and i == break_after:
            lines += [FORM_FEED, *header_lines]
        lines.append(_line(row, glue))
    return lines


def extracted_text(report: BudgetReport, glue: bool = True, break_in: str | None = None) -> str:
    """The whole report, each table on a page of its own; the table titled ``…break_in…`` split
    over two pages after its third body row."""
    pages = ["\n".join([*report.title_lines, *report.paragraphs])]
    for table in report.tables:
        split = 3 if break_in is not None and break_in in table.title else None
        pages.append("\n".join(table_lines(table, glue, split)).replace(f"\n{FORM_FEED}\n", FORM_FEED))
    return FORM_FEED.join(pages) + FORM_FEED


def without_column(report: BudgetReport, title: str, header: str) -> BudgetReport:
    """The report with the column headed ``header`` of the table titled ``…title…`` not printed
    (a province whose template lacks that source or fund)."""
    tables = []
    for table in report.tables:
        if title in table.title:
            column = next(i for row in table.rows for i, c in enumerate(row) if c == header)
            table = replace(table, rows=[[c for i, c in enumerate(row) if i != column] for row in table.rows])
        tables.append(table)
    return replace(report, tables=tables)
