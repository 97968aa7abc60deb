"""A budget's 收入预算总表 in laid-out text: each line funded by one income source, placed by position.

The table prints 合计 and the income sources the province uses (财政拨款收入, 事业收入, 事业单位
经营收入 wrapped over two header lines, 其他收入); a line funded by one source prints its amount
twice, under 合计 and under that source, so the row's sum (合计 = the sources) fits every source.
Typeset in a PDF (``tests/baseline_pdf.py``) with the figures at the left, centre or right of their
cells, written out by ``pdftotext -layout``: each figure goes under the header it stands under.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document, Table
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf

TITLE = "2026年部门收入预算总表"
SOURCES = (["财政拨款收入"], ["事业收入"], ["事业单位", "经营收入"], ["其他收入"])
HEADER: list[Row] = [
    [["功能分类科目编码"], ["功能分类科目名称"], ["合计"], *SOURCES],
]
CLASSES = (("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("212", "城乡社区支出"), ("221", "住房保障支出"))
AMOUNT = "1,439,040"


def _rows() -> tuple[list[Row], list[dict[int, str]]]:
    rows: list[Row] = []
    expected: list[dict[int, str]] = []
    for source, (code, name) in enumerate(CLASSES, start=1):
        rows.append([[code], [name], [AMOUNT], *([AMOUNT] if k == source else [] for k in range(1, 5))])
        expected.append({0: AMOUNT, source: AMOUNT})
    total = f"{4 * 1_439_040:,}"
    rows.append([[], ["合计"], [total], *([AMOUNT] for _ in range(4))])
    expected.append({0: total, **dict.fromkeys(range(1, 5), AMOUNT)})
    return rows, expected


def _body(table: Table, label_columns: int) -> list[dict[int, str]]:
    rows: dict[int, dict[int, str]] = {}
    for cell in table.cells:
        if cell.page is not None:
            cells = rows.setdefault(cell.row, {})
            if cell.col >= label_columns and cell.text:
                cells[cell.col - label_columns] = cell.text
    return [rows[r] for r in sorted(rows)]


def _read(serializer: str, justify: str, folder: Path) -> tuple[Table, Document]:
    """The table typeset, written out by ``serializer`` and read back (its unit 元, as budgets print)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    rows, _ = _rows()
    columns = [Column(90), Column(130), *(Column(80, justify=justify) for _ in range(5))]
    pdf = TablePdf()
    pdf.table(TITLE, columns, HEADER, rows, per_page=10, header_justify="centre")
    path = pdf.save(folder / "income.pdf")
    text = write_serialization(path, serializer, folder / serializer).read_text(encoding="utf-8")
    document = read_text(text.replace("单位：万元", "单位：元"), "budget.txt")
    (table,) = [b.table for b in document.blocks if b.kind is BlockKind.TABLE and b.table is not None]
    return table, document


@pytest.mark.parametrize("justify", ("left", "centre", "right"))
def test_each_line_goes_under_its_income_source(justify: str, tmp_path: Path) -> None:
    table, document = _read("pdftotext-layout", justify, tmp_path)
    assert _body(table, 2) == _rows()[1]
    assert document.ambiguous_cells == []


def test_without_positions_the_source_is_reported_not_guessed(tmp_path: Path) -> None:
    """The same table as -raw text: the sums place 合计, not the source; each source figure is NULL
    and reported with every source it fits."""
    table, document = _read("pdftotext-raw", "right", tmp_path)
    assert _body(table, 2) == [{0: AMOUNT}] * 4 + _rows()[1][-1:]
    assert [cell.figure for cell in document.ambiguous_cells] == [AMOUNT] * 4
    assert all(len(cell.candidates) == 4 for cell in document.ambiguous_cells)
