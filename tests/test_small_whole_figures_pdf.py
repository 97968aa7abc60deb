"""A budget table in 元 whose figures under 1,000 print as bare whole numbers (``850``, ``50``,
``301``, ``208``), typeset and read back from pdftotext's default text and ``-layout``.

A bare 3-digit token reads like a 类 code (``301`` is one in the economic classification, ``208``
in the function classification the table's rows are coded in), a 2-digit one like a 款 or 项 part.
The table is Putuo's 支出预算总表 (its codes and names), each 项 split between 基本支出 and 项目支出
with small figures among them, printed 基本支出 | 项目支出 | 合计 (each row in one go, so that
pdftotext writes its cells in order) or 合计 first.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.test_total_column_last_pdf import NAMES, TITLE

# Each 项's (基本支出, 项目支出) in 元; the 类 and 款 lines are their sums.
LEAVES = {
    "2080501": (850, 50),
    "2080505": (301, 1_200),
    "2080506": (96_000, 208),
    "2080599": (34_720, 99),
    "2080801": (60, 294_000),
    "2101101": (2_500, 301),
    "2120104": (22_783, 10_992),
    "2210201": (649, 81),
    "2210203": (3_222, 500),
}
Row = tuple[str, int, int, int]  # code, 合计, 基本支出, 项目支出


def _rows() -> list[Row]:
    rows = []
    for code in NAMES:
        basic = sum(b for leaf, (b, _) in LEAVES.items() if leaf.startswith(code))
        project = sum(p for leaf, (_, p) in LEAVES.items() if leaf.startswith(code))
        rows.append((code, basic + project, basic, project))
    return rows


def _pdf(path: Path, rows: list[Row], total_last: bool, split: bool = False) -> Path:
    """``split``: the codes printed in 类 | 款 | 项 columns (``208 05 01``) under one 科目编码 header."""
    code_columns = [Column(30), Column(25), Column(25)] if split else [Column(50)]
    columns = [*code_columns, Column(170), *[Column(80, right=True)] * 3]
    order = (2, 3, 1) if total_last else (1, 2, 3)  # indices into a Row
    words = {1: "合计", 2: "基本支出", 3: "项目支出"}
    header = [["科目编码", *[""] * (len(code_columns) - 1), "科目名称", *(words[k] for k in order)]]
    if split:
        header.append(["类", "款", "项", "", "", "", ""])
    body = [[*_code_cells(row[0], split), NAMES[row[0]], *(f"{row[k]:,}" for k in order)] for row in rows]
    classes = [row for row in rows if len(row[0]) == 3]
    body.append([*[""] * len(code_columns), "合计", *(f"{sum(row[k] for row in classes):,}" for k in order)])
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(180, 60, TITLE, 14)
    pdf.text(440, 90, "单位：元")
    pdf.ruled_table(40, 110, columns, [*header, *body], 16)
    return pdf.save(path)


def _code_cells(code: str, split: bool) -> list[str]:
    return [code[:3], code[3:5], code[5:7]] if split else [code]


def _read(tmp_path: Path, serializer: str, total_last: bool, split: bool = False) -> tuple[dict[str, tuple], list[str]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(tmp_path / "small.pdf", _rows(), total_last, split)
    document = read_text(write_serialization(pdf, serializer, tmp_path / "text").read_text(encoding="utf-8"), "s.txt")
    read = {
        x.code: (x.budget_initial, x.basic, x.project)
        for x in read_tables(document).expenditure_function
        if x.code and x.source_table == TITLE
    }
    return read, [cell.figure for cell in document.ambiguous_cells] + document.lost


def _truth() -> dict[str, tuple[Decimal, ...]]:
    """Each line's cells in 万元, as the warehouse holds them."""
    return {code: tuple(Decimal(v) / 10_000 for v in cells) for code, *cells in _rows()}


def test_small_whole_figures_read_cell_by_cell(tmp_path: Path) -> None:
    """pdftotext default: each cell alone on its line; ``850``, ``301``, ``208`` … are figures where
    the table's codes stand beside their names (``whole_codes``), and every cell is read."""
    read, reported = _read(tmp_path, "pdftotext", total_last=True)
    assert read == _truth()
    assert reported == []


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("serializer", ["pdftotext-layout", "pdftotext-raw", "pypdfium2", "pdfplumber"])
def test_small_whole_figures_read_from_layout(tmp_path: Path, serializer: str, split: bool) -> None:
    """A row on one line (or its figures in reading order after its name): ``2080501 行政单位离退休
    900 850 50`` or ``208 05 01 行政单位离退休 900 850 50``. Code parts come before the name; a 3-digit
    figure after it and a 2-digit one join into no code the classification knows (``85050``): they are
    the row's figures, and every cell is read."""
    read, reported = _read(tmp_path, serializer, total_last=False, split=split)
    assert read == _truth()
    assert reported == []
