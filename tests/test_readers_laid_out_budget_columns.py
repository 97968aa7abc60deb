"""A function-classification table printing the year's budget beside the outcome, read from text.

Provinces print the 一般公共预算财政拨款支出决算表 with budget columns before the outcome: the 2021+
national template's 年初预算数 | 决算数, 年初预算 | 调整预算 | 决算, 全年预算数 | 支出决算数, or 年初预算 |
全年预算 | 决算数, the outcome whole or split into 合计 | 基本支出 | 项目支出. The layout catalogue
holds each (``table_headers.BUDGET_COLUMN_SETS``). The table is typeset in a PDF in each of these
ways; its lines leave cells empty (a 项 with no project spending, a budget adjusted) and print
equal figures side by side, so the row's sums cannot say which column a figure is in:

- ``pdftotext -layout`` keeps where each figure stands: every figure is placed under its header;
- ``pdftotext -raw`` keeps no positions: a figure the sums cannot place is NULL and reported
  (``extraction.ambiguous_cell``), never put in another column.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf

TITLE = "一般公共预算财政拨款支出决算表"
FIELDS = ("budget_initial", "budget_final", "actual", "basic", "project")
# name -> (header rows over the money columns, the line's field in each money column).
VARIANTS: dict[str, tuple[list[list[list[str]]], tuple[str, ...]]] = {
    "national": ([[["年初预算数"], ["决算数"]]], ("budget_initial", "actual")),
    "national split": (
        [[["年初预算数"], ["决算数"], [], []], [[], ["合计"], ["基本支出"], ["项目支出"]]],
        ("budget_initial", "actual", "basic", "project"),
    ),
    "adjusted": ([[["年初预算"], ["调整预算"], ["决算"]]], ("budget_initial", "budget_final", "actual")),
    "full year": ([[["全年预算数"], ["支出决算数"]]], ("budget_final", "actual")),
    "initial and full year split": (
        [[["年初预算"], ["全年预算"], ["决算数"], [], []], [[], [], ["合计"], ["基本支出"], ["项目支出"]]],
        ("budget_initial", "budget_final", "actual", "basic", "project"),
    ),
}
_WHOLE = {
    "budget_initial": "120.00",
    "budget_final": "140.00",
    "actual": "120.00",
    "basic": "50.00",
    "project": "70.00",
}
_SPENT = {"budget_initial": "50.00", "budget_final": "50.00", "actual": "50.00"}
# (code, name, figure of each field printed): the 类 and 款 are the sums of their 项. Two 项 alike but
# for the kind of their spending, one budgeted and not spent, one spent without an initial budget.
ROWS: list[tuple[str, str, dict[str, str]]] = [
    ("201", "一般公共服务支出", _WHOLE),
    ("20101", "人大事务", _WHOLE),
    ("2010101", "行政运行", {**_SPENT, "basic": "50.00"}),
    ("2010102", "一般行政管理事务", {**_SPENT, "project": "50.00"}),
    ("2010104", "人大会议", {"budget_initial": "20.00", "budget_final": "20.00"}),
    ("2010199", "其他人大事务支出", {"budget_final": "20.00", "actual": "20.00", "project": "20.00"}),
]
JUSTIFICATIONS = ("left", "centre", "right")


def _pdf(variant: str, justify: str, folder: Path) -> Path:
    header_money, fields = VARIANTS[variant]
    header: list[Row] = [
        [["科目编码"] if k == 0 else [], ["科目名称"] if k == 0 else [], *cells] for k, cells in enumerate(header_money)
    ]
    total: Row = [[], ["合计"], *([_WHOLE[f]] for f in fields)]
    rows: list[Row] = [total]
    rows += [[[code], [name], *([figures[f]] if f in figures else [] for f in fields)] for code, name, figures in ROWS]
    columns = [Column(50), Column(130), *(Column(84, justify=justify) for _ in fields)]
    pdf = TablePdf()
    pdf.table(TITLE, columns, header, rows, per_page=10, header_justify="centre")
    folder.mkdir(parents=True, exist_ok=True)
    return pdf.save(folder / "budget-columns.pdf")


def _read(variant: str, justify: str, serializer: str, folder: Path) -> tuple[list[str], list[str], list[str]]:
    """(figures in another column than printed, figures not placed, those not reported)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(variant, justify, folder)
    document = read_text(write_serialization(pdf, serializer, folder / serializer).read_text("utf-8"), "report.txt")
    lines = {line.code: line for line in read_tables(document).expenditure_function}
    fields = VARIANTS[variant][1]
    reported = {cell.figure for cell in document.ambiguous_cells}
    misplaced, unplaced, unreported = [], [], []
    for code, _, figures in ROWS:
        line = lines.get(code)  # a line none of whose figures is placed may give no fact
        for field in FIELDS:
            printed = figures.get(field) if field in fields else None
            read = getattr(line, field) if line is not None else None
            if read is not None and (printed is None or read != Decimal(printed)):
                misplaced.append(f"{code} {field}: read {read}, printed {printed}")
            if read is None and printed is not None:
                unplaced.append(f"{code} {field}")
                if printed not in reported:
                    unreported.append(f"{code} {field} {printed}")
    return misplaced, unplaced, unreported


def test_every_budget_column_set_has_a_layout() -> None:
    from budget_reports.readers.table_headers import BUDGET_COLUMN_SETS

    printed = {
        tuple(c[0] for c in rows[0] if c and c[0] not in ("决算数", "支出决算数", "决算"))
        for rows, _ in VARIANTS.values()
    }
    assert {tuple(b.removesuffix("数") for b in budgets) for budgets in printed} == set(BUDGET_COLUMN_SETS)


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_laid_out_budget_columns_are_placed_by_position(variant: str, justify: str, tmp_path: Path) -> None:
    misplaced, unplaced, unreported = _read(variant, justify, "pdftotext-layout", tmp_path)
    assert misplaced == []
    assert unplaced == []
    assert unreported == []


def test_without_positions_nothing_is_guessed(tmp_path: Path) -> None:
    """The same tables as -raw text: what the sums (the row's and the 类/款/项 hierarchy's) cannot
    place stays NULL and is reported; some figures are so (the positions above are needed)."""
    unplaced_anywhere = []
    for variant in VARIANTS:
        misplaced, unplaced, unreported = _read(variant, "right", "pdftotext-raw", tmp_path / variant)
        assert misplaced == [], variant
        assert unreported == [], variant
        unplaced_anywhere += unplaced
    assert unplaced_anywhere
