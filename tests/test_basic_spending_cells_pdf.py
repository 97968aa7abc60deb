"""The 基本支出决算表 (人员经费 | 公用经费 side by side) typeset cell by cell, as ``tests/seed_pdf``
prints a report's tables (a landscape page, every cell ruled, figures flush right), and read back
from plain ``pdftotext``'s text.

pdftotext writes such a table one cell at a time: a row's code, then its 款 part and name, then its
figure, the halves' rows alternating, and some figures late, after other rows' cells (a run of them
after a name, the rest at the page's foot), or before their row's code. Printed variants: a 栏次
row under the header, codes split into 类 | 款 columns or printed whole, names wrapped in their
cells, a dash in each empty cell; some on portrait pages, whose narrow cells wrap the totals' labels.

Whatever the variant, no figure is read on a line that does not print it (a line read holds its
printed figure and name), and every figure not read is reported (an ambiguous cell naming it, or
the table reported not read); the groups' and classes' totals are read from the sums, and a class's
lines where the stream prints each whole and in order and they add up to the class.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.standard_table_grids import document
from tests.test_readers_side_by_side_streams_pdf import NAMES, ROW_SETS, TITLE, Basic, _fmt, _prose

Grid = list[list[str]]
WRAP = 6  # characters per line of a wrapped name


def _grid(basic: Basic, split: bool, column_numbers: bool, wrapped: bool, dashes: bool) -> Grid:
    """The table's grid: its header, each half's rows side by side, the halves' totals last."""

    def cells(code: str, figure: str) -> list[str]:
        if not code:
            return ["", "", "", ""] if split else ["", "", ""]
        name = NAMES[code]
        if wrapped:
            name = "\n".join(name[k : k + WRAP] for k in range(0, len(name), WRAP))
        figure = figure or ("-" if dashes else "")
        return [code[:3], code[3:], name, figure] if split else [code, name, figure]

    left, right = basic.half(basic.personnel), basic.half(basic.public)
    height = max(len(left), len(right))
    left += [("", "")] * (height - len(left))
    right += [("", "")] * (height - len(right))
    body = [[*cells(*a), *cells(*b)] for a, b in zip(left, right, strict=True)]
    width = 4 if split else 3
    totals = [""] * (2 * width)
    totals[0], totals[width - 1] = "人员经费合计", _fmt(basic.total(basic.personnel))
    totals[width], totals[-1] = "公用经费合计", _fmt(basic.total(basic.public))
    if split:
        header = [
            ["经济分类", "", "科目名称", "决算数"] * 2,
            ["科目编码", "", "", ""] * 2,
            ["类", "款", "", ""] * 2,
        ]
        numbers = ["", "", "栏次", "1", "", "", "栏次", "2"]
    else:
        header = [["经济分类科目编码", "科目名称", "决算数"] * 2]
        numbers = ["", "栏次", "1", "", "栏次", "2"]
    return [*header, *([numbers] if column_numbers else []), *body, totals]


VARIANTS = {
    "split codes": {"split": True, "column_numbers": False, "wrapped": False, "dashes": False},
    "whole codes": {"split": False, "column_numbers": False, "wrapped": False, "dashes": False},
    "栏次": {"split": True, "column_numbers": True, "wrapped": False, "dashes": False},
    "whole codes, 栏次": {"split": False, "column_numbers": True, "wrapped": False, "dashes": False},
    "names wrapped": {"split": True, "column_numbers": False, "wrapped": True, "dashes": False},
    "dashes": {"split": True, "column_numbers": False, "wrapped": False, "dashes": True},
    "栏次, names wrapped, dashes": {"split": True, "column_numbers": True, "wrapped": True, "dashes": True},
}
# Variants printed on A4 portrait pages: the narrow cells wrap the totals' labels (人员经费合 | 计).
ON_PORTRAIT = ("栏次", "names wrapped")


def _read(tmp_path: Path, basic: Basic, variant: str, portrait: bool = False):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    prose = _prose(basic)
    report = document(TITLE, "单位：万元", _grid(basic, **VARIANTS[variant]), prose[0], "".join(prose[1:]))
    page = PORTRAIT if portrait else LANDSCAPE
    pdf = typeset(report, tmp_path / "basic.pdf", merged=False, table_page=page)
    text = write_serialization(pdf, "pdftotext", tmp_path).read_text(encoding="utf-8")
    read = read_text(text, "basic.txt")
    return read, read_tables(read)


@pytest.mark.parametrize(("variant", "portrait"), [*((v, False) for v in VARIANTS), *((v, True) for v in ON_PORTRAIT)])
@pytest.mark.parametrize("name", list(ROW_SETS))
def test_a_basic_spending_table_typeset_cell_by_cell(tmp_path: Path, name: str, variant: str, portrait: bool) -> None:
    basic = ROW_SETS[name]
    truth = basic.truth()
    document_read, tables = _read(tmp_path, basic, variant, portrait)
    lines = {line.code: line for line in tables.expenditure_economic}
    # No wrong fact: a line read holds its printed figure and its name.
    assert {c: (x.amount, x.name) for c, x in lines.items()} == {c: (truth.get(c), NAMES.get(c)) for c in lines}
    # Every figure not read is reported: an ambiguous cell, or the table reported not read.
    reported = {Decimal(cell.figure.replace(",", "")) for cell in document_read.ambiguous_cells}
    not_read = any(TITLE in lost for lost in document_read.lost)
    assert [c for c, v in truth.items() if c not in lines and v not in reported and not not_read] == []
    # The groups' totals and the classes' totals are read (the sums settle them, whatever the order).
    metrics = {m.metric: m.value for m in tables.summary_metrics if m.metric in ("人员经费", "公用经费")}
    assert metrics == {"人员经费": basic.total(basic.personnel), "公用经费": basic.total(basic.public)}
    assert {c for c in lines if len(c) == 3} == {c for c in truth if len(c) == 3}
