"""A table written by columns whose 合计 sums only some of its money columns, printed with the
total before or after its parts, read from ``pdftotext``'s default output.

The 一般公共预算财政拨款支出决算表 of the 2021+ national template prints 年初预算数, then 决算数
split into 合计 | 基本支出 | 项目支出: the 合计 sums the two columns after it, not the budget before
them. Printed with the total after its parts (年初预算数 | 基本支出 | 项目支出 | 合计), the order
to place the runs of figures in keeps the total at the end of its group, not of the row
(``Side.printed_orders``), and the table reads as it does with the total first: the same grid, the
same figures reported ambiguous where the runs fit several rows.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.model import Document
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.nothing_guessed import assert_nothing_guessed
from tests.test_readers_column_blocks_pdf import TRUTH
from tests.test_readers_text_tables import ROWS, TOTAL

TITLE = "一般公共预算财政拨款支出决算表"
_NAMES = ("年初预算数", "合计", "基本支出", "项目支出")
TOTAL_FIRST = (0, 1, 2, 3)
TOTAL_LAST = (0, 2, 3, 1)  # 合计 after its parts, before nothing else


def _budget(total: str) -> str:
    """A budget figure for the row (its outcome's 90 %): the budget column is no part of any sum."""
    return f"{(Decimal(total.replace(',', '')) * Decimal('0.9')).quantize(Decimal('0.01')):,}"


def _pdf(path: Path, order: tuple[int, ...], row_height: int, page_break: int) -> Path:
    header = [
        ["项目", "", "", "", *("年初预算数" if k == 0 else "决算数" if k == order[1] else "" for k in order)],
        ["支出功能分类科目编码", "", "", "科目名称", *("" if k == 0 else _NAMES[k] for k in order)],
        ["类", "款", "项", "", "", "", "", ""],
    ]
    columns = [Column(28), Column(22), Column(22), Column(150)] + [Column(62, right=True)] * 4
    rows = []
    for code, name, *cells in ROWS:
        printed = [_budget(cells[0] or ""), *(c or "" for c in cells)]
        rows.append([code[:3], code[3:5], code[5:7], name, *(printed[k] for k in order)])
    total = [_budget(TOTAL[1]), *TOTAL[1:]]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(200, 60, TITLE, 14)
    pdf.text(480, 90, "单位：万元")
    pdf.ruled_table(30, 110, columns, header + rows[:page_break], row_height)
    pdf.new_page()
    pdf.ruled_table(30, 60, columns, [*rows[page_break:], ["", "", "", "合计", *(total[k] for k in order)]], row_height)
    return pdf.save(path)


def _read(tmp_path: Path, order: tuple[int, ...], row_height: int, page_break: int) -> Document:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(tmp_path / f"{''.join(map(str, order))}.pdf", order, row_height, page_break)
    text = subprocess.run([program, str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return read_text(text, "table.txt")


def _grid(document: Document) -> list[list[str]]:
    table = next(b.table for b in document.tables() if b.table is not None)
    return table.grid()


# (row height, rows on the first page) -> function lines read with 合计, 基本支出 and 项目支出. The
# title's page holds the 201 family only, which may go on over the page: which run is the budget's
# and which the outcome's no sum tells there, and its figures are reported ambiguous.
VARIANTS = {(11, 3): 7, (11, 6): 4, (12, 8): 2}


@pytest.mark.parametrize(("row_height", "page_break"), list(VARIANTS))
def test_a_total_after_its_parts_inside_a_wider_row(tmp_path: Path, row_height: int, page_break: int) -> None:
    first = _read(tmp_path, TOTAL_FIRST, row_height, page_break)
    last = _read(tmp_path, TOTAL_LAST, row_height, page_break)
    assert last.lost == first.lost == []
    lines = assert_nothing_guessed(last, TRUTH, TITLE)
    assert sum(1 for cells in lines.values() if any(cells)) == VARIANTS[(row_height, page_break)]
    assert _grid(last) == _grid(first)
    assert sorted(c.figure for c in last.ambiguous_cells) == sorted(c.figure for c in first.ambiguous_cells)
