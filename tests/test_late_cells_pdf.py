"""Putuo's 支出预算总表 printed in several ways, read back from pdftotext's default text, whose cells
come now and then after the rows below their own (``readers/late_cells.py``).

The table is the one the corpus text gives (the document model: no figure typed here), printed as a
ruled table with its 合计 column first or last, in 元 or in 万元 (two decimals), with several row
heights, on one page or two. pdftotext writes each cell as a block of its own, and a row's later
cells where a column has empty cells below them (208's 项目支出, and its 合计 when printed last) after
the rows below. Whatever the variant, a figure read is its cell's, and a figure printed and not read
is reported as an ambiguous cell or the table as not read; how much each variant gives is pinned.
"""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from budget_reports.readers import read_document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.conftest import corpus_file
from tests.serialization_facts import function_lines

BUDGET = "shanghai-putuo-urban-management-2026-budget.txt"
TITLE = "2026年部门支出预算总表"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
Cells = tuple[Decimal | None, Decimal | None, Decimal | None]  # 合计, 基本支出, 项目支出 as printed, in the unit


def _rows() -> list[tuple[str, str, tuple[str, str, str]]]:
    """(code, name, (合计, 基本支出, 项目支出)) of each row of the report's first table with this header."""
    document = read_document(corpus_file(BUDGET), BUDGET)
    grid = next(t.grid() for t in (b.table for b in document.tables()) if t is not None and t.grid()[0] == HEADER)
    return [(row[0], row[1], (row[2], row[3], row[4])) for row in grid[1:]]


def _printed(text: str, unit: str) -> str:
    if not text or unit == "元":
        return text
    return f"{(Decimal(text.replace(',', '')) / 10_000).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _pdf(path: Path, total_last: bool, unit: str, row_height: int, page_break: int) -> tuple[Path, dict[str, Cells]]:
    """The table printed, its first ``page_break`` rows on the title's page; and the figures printed
    by code (合计, 基本支出, 项目支出), in 万元 as the reader gives them."""
    order = [0, 1, 3, 4, 2] if total_last else [0, 1, 2, 3, 4]
    body, truth = [], {}
    for code, name, cells in _rows():
        printed = [_printed(text, unit) for text in cells]
        body.append([[code, name, *printed][k] for k in order])
        scale = Decimal(10_000) if unit == "元" else Decimal(1)
        if code:  # the 合计 row is no function line
            truth[code] = tuple(Decimal(p.replace(",", "")) / scale if p else None for p in printed)
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    header = [HEADER[k] for k in order]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(180, 60, TITLE, 14)
    pdf.text(440, 90, f"单位：{unit}")
    pdf.ruled_table(40, 110, columns, [header, *body[:page_break]], row_height)
    if page_break < len(body):
        pdf.new_page()
        pdf.ruled_table(40, 60, columns, [header, *body[page_break:]], row_height)
    return pdf.save(path), truth


# (合计 last, unit, row height, rows on the first page) -> (figures read, table reported as not read),
# as measured, of the 40 figures the function lines print (the 合计 row's are no line's). The 208 row's
# late 项目支出 (and 合计, printed last) are moved back by the sums.
VARIANTS: dict[tuple[bool, str, int, int], tuple[int, bool]] = {
    (True, "元", 16, 30): (40, False),
    (True, "元", 20, 30): (40, False),
    (True, "元", 24, 8): (40, False),
    (True, "万元", 16, 30): (40, False),
    (True, "万元", 20, 8): (40, False),
    (False, "元", 16, 30): (40, False),
    (False, "元", 24, 8): (40, False),
    (False, "万元", 20, 30): (40, False),
    (True, "元", 14, 30): (40, False),
    (True, "元", 18, 12): (40, False),
    (True, "万元", 24, 30): (40, False),
    (False, "万元", 16, 12): (40, False),
    (False, "元", 20, 4): (40, False),
    (True, "万元", 14, 12): (40, False),
}


@pytest.mark.parametrize(("total_last", "unit", "row_height", "page_break"), list(VARIANTS))
def test_late_cells_of_a_budget_table_read_from_pdftotext_default(
    tmp_path: Path, total_last: bool, unit: str, row_height: int, page_break: int
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf, truth = _pdf(tmp_path / "budget.pdf", total_last, unit, row_height, page_break)
    text = write_serialization(pdf, "pdftotext", tmp_path / "text").read_text(encoding="utf-8")
    document = read_text(text, "budget.txt")
    read = function_lines(document, TITLE)
    wrong = {code: cells for code, cells in read.items() if code not in truth or _contradicts(cells, truth[code])}
    assert not wrong, f"figures read into the wrong cell: {wrong}"
    reported = {Decimal(cell.figure.replace(",", "")) for cell in document.ambiguous_cells}
    scale = Decimal(10_000) if unit == "元" else Decimal(1)
    lost = any(TITLE in message for message in document.lost)
    for code, cells in truth.items():
        for value, printed in zip(read.get(code, (None,) * 3), cells, strict=True):
            assert value is not None or printed is None or printed * scale in reported or lost, f"{code}: {printed}"
    figures = sum(1 for cells in read.values() for value in cells if value is not None)
    assert (figures, lost) == VARIANTS[(total_last, unit, row_height, page_break)]


def _contradicts(read: Cells, printed: Cells) -> bool:
    return any(value is not None and value != figure for value, figure in zip(read, printed, strict=True))
