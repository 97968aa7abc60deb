"""The guarantee every reading of a table keeps: nothing guessed, nothing lost without a report."""

from __future__ import annotations

from decimal import Decimal

from budget_reports.extract.standard_tables import read_tables
from budget_reports.model import Document

Cells = tuple[Decimal | None, ...]


def assert_nothing_guessed(document: Document, truth: dict[str, Cells], title: str) -> dict[str, Cells]:
    """The function lines read (code → 合计, 基本支出, 项目支出): each figure read is its cell's,
    no line is read under a code the table does not print, and each figure printed and not read
    is reported ambiguous (or the table reported not read)."""
    lines = {x.code: (x.actual, x.basic, x.project) for x in read_tables(document).expenditure_function if x.code}
    wrong = {
        code: cells
        for code, cells in lines.items()
        if code not in truth or any(v is not None and v != t for v, t in zip(cells, truth[code], strict=True))
    }
    assert not wrong
    reported = [Decimal(cell.figure.replace(",", "")) for cell in document.ambiguous_cells]
    table_lost = any(title in lost for lost in document.lost)
    for code, printed_cells in truth.items():
        for value, printed in zip(lines.get(code, (None,) * len(printed_cells)), printed_cells, strict=True):
            if printed is not None and value is None:
                assert printed in reported or table_lost, f"{code}: {printed} neither read nor reported"
    return lines
