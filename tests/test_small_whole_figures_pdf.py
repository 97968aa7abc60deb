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

from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.serialization_facts import function_lines
from tests.test_budget_default_text import summed_lines
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
# Every 项's cells under 1,000, so that a row's figures may open a line of their own with a 3-digit one.
SMALL_LEAVES = {
    "2080501": (260, 55),
    "2080505": (311, 5),
    "2080506": (10, 213),
    "2080599": (530, 104),
    "2080801": (70, 5),
    "2101101": (110, 6),
    "2120104": (593, 197),
    "2210201": (59, 86),
    "2210203": (232, 205),
}
Row = tuple[str, int, int, int]  # code, 合计, 基本支出, 项目支出
Leaves = dict[str, tuple[int, int]]


def _rows(leaves: Leaves = LEAVES) -> list[Row]:
    return summed_lines(leaves, NAMES)


def _pdf(path: Path, rows: list[Row], total_last: bool, split: bool = False, wrap: int = 0) -> Path:
    """``split``: the codes printed in 类 | 款 | 项 columns (``208 05 01``) under one 科目编码 header;
    ``wrap``: names wrapped in their cell after this many characters."""
    code_columns = [Column(30), Column(25), Column(25)] if split else [Column(50)]
    name_column = Column(90, wrap=wrap) if wrap else Column(170)
    columns = [*code_columns, name_column, *[Column(80, right=True)] * 3]
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
    pdf.ruled_table(40, 110, columns, [*header, *body], 24 if wrap else 16)
    return pdf.save(path)


def _code_cells(code: str, split: bool) -> list[str]:
    return [code[:3], code[3:5], code[5:7]] if split else [code]


def _read(
    tmp_path: Path, serializer: str, total_last: bool, split: bool = False, leaves: Leaves = LEAVES, wrap: int = 0
) -> tuple[dict[str, tuple], list[str]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(tmp_path / "small.pdf", _rows(leaves), total_last, split, wrap)
    document = read_text(write_serialization(pdf, serializer, tmp_path / "text").read_text(encoding="utf-8"), "s.txt")
    read = function_lines(document, TITLE)
    return read, [cell.figure for cell in document.ambiguous_cells] + document.lost


def _truth(leaves: Leaves = LEAVES) -> dict[str, tuple[Decimal, ...]]:
    """Each line's cells in 万元, as the warehouse holds them."""
    return {code: tuple(Decimal(v) / 10_000 for v in cells) for code, *cells in _rows(leaves)}


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


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("serializer", ["pdftotext-raw", "pypdfium2", "pdfplumber"])
def test_a_line_of_small_figures_below_a_wrapped_name(tmp_path: Path, serializer: str, split: bool) -> None:
    """Names wrapped at eight characters, every figure under 1,000: a row's figures come on a line of
    their own below its name (``机关事业单位基本`` / ``养老保险缴费支出`` / ``316 311 5``). ``316``, ``22310``
    (``223 10``) and ``634`` are no codes the classification knows: the line holds the row's figures and
    starts no row, and the text is not taken for one written by baseline (a 款 would take its 类's
    figures): every cell is read."""
    read, reported = _read(tmp_path, serializer, total_last=False, split=split, leaves=SMALL_LEAVES, wrap=8)
    assert read == _truth(SMALL_LEAVES)
    assert reported == []


@pytest.mark.parametrize("leaves", [LEAVES, SMALL_LEAVES])
def test_a_name_ending_below_its_row_s_figures(tmp_path: Path, leaves: Leaves) -> None:
    """pdfplumber writes a wrapped name's end below the row's figures (``208 社会保障和就业支 1,563 1,181
    382`` / ``出``; ``2080506 机关事业单位职业 96,208 96,000 208`` / ``年金缴费支出``). The end goes back to
    the row where the two read as the code's name, and the row's last figure is no code of a next side
    (``382`` none at all, ``208`` the 类 of the table's own rows)."""
    read, reported = _read(tmp_path, "pdfplumber", total_last=False, leaves=leaves, wrap=8)
    assert read == _truth(leaves)
    assert reported == []
