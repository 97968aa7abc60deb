"""A laid-out table whose header words a column longer than the layout catalogue names it.

Reports print the same column under several wordings (公务用车购置费 or 车辆购置费 for 购置费,
因公出国（境）费用 for 因公出国（境）费, 运行维护费 for 运行费, 机关运行经费预算 for 机关运行经费预算数).
The catalogue keeps them as data (``table_headers.PRINTED_WORDINGS``): the layout is matched and
each money column's header cell found under any of its wordings, so the figures are placed by
where they stand (``pdftotext -layout``), not by the sums alone.

The table is the budget's 三公经费和机关运行经费预算表, typeset with each wording set in turn; each
row prints one 三公 item with the totals it adds to (the items' sums cannot tell 出国 from 接待, nor
购置 from 运行), and 机关运行经费 beside them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Table
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf

TITLE = "2026年部门“三公”经费和机关运行经费预算表"
# (因公出国（境）费, 公务接待费, 公务用车…, 小计, 购置费, 运行费, 机关运行经费预算数) as each report prints them.
_SHANGHAI = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费", "小计", "购置费", "运行费", "机关运行经费预算数")
WORDINGS: list[tuple[str, ...]] = [
    _SHANGHAI,
    (*_SHANGHAI[:4], "公务用车购置费", "公务用车运行费", _SHANGHAI[6]),
    ("因公出国（境）费用", *_SHANGHAI[1:4], "车辆购置费", "运行维护费", "机关运行经费预算"),
    (
        "因公出国（境）经费",
        "公务接待费用",
        "公务用车购置及运行维护费",
        "小计",
        "公务用车购置费",
        "公务用车运行维护费",
        "机关运行经费预算数",
    ),
]
# Money columns: 合计, 出国, 接待, 公车小计, 购置, 运行, 机关运行经费. Item → the totals it adds to.
ITEMS = {1: (0,), 2: (0,), 4: (0, 3), 5: (0, 3)}
JUSTIFICATIONS = ("left", "centre", "right")


def _header(wording: tuple[str, ...]) -> list[Row]:
    overseas, reception, vehicles, subtotal, purchase, operation, operating_costs = wording
    return [
        [["“三公”经费预算数"], [], [], [], [], [], [operating_costs[:6], operating_costs[6:]]],
        [["合计"], [overseas], [reception], [vehicles], [], [], []],
        [[], [], [], [subtotal], [purchase], [operation], []],
    ]


def _cases() -> list[dict[int, str]]:
    return [{**dict.fromkeys((*totals, item), "0.46"), 6: "507.25"} for item, totals in ITEMS.items()]


def _body(table: Table) -> dict[int, str]:
    return {cell.col: cell.text for cell in table.cells if cell.page is not None and cell.text}


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
@pytest.mark.parametrize("wording", WORDINGS, ids=[w[0] + w[4] for w in WORDINGS])
def test_columns_worded_longer_are_placed_by_position(wording: tuple[str, ...], justify: str, tmp_path: Path) -> None:
    """Centred under their headers, every figure is placed, whatever the wording. Set to the left or
    right edge of a column as wide as its neighbours, a lone figure of one item stands nearly as
    near the next item's header as its own: it may stay unplaced, reported with both; no figure
    is ever placed in another column."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    columns = [Column(96, justify=justify) for _ in range(7)]
    misplaced, unplaced, unreported = [], [], []
    for number, cells in enumerate(_cases()):
        row: Row = [[cells[c]] if c in cells else [] for c in range(7)]
        pdf = TablePdf()
        pdf.table(TITLE, columns, _header(wording), [row], per_page=10, header_justify="centre")
        path = pdf.save(tmp_path / f"three-public-{number}.pdf")
        text = write_serialization(path, "pdftotext-layout", tmp_path / str(number)).read_text(encoding="utf-8")
        document = read_text(text, "budget.txt")
        (table,) = [b.table for b in document.blocks if b.kind is BlockKind.TABLE and b.table is not None]
        placed = _body(table)
        misplaced += [(number, col) for col, figure in placed.items() if cells.get(col) != figure]
        for col in sorted(set(cells) - set(placed)):
            unplaced.append((number, col))
            if not any(cell.figure == cells[col] for cell in document.ambiguous_cells):
                unreported.append((number, col))
    assert misplaced == []
    assert unreported == []
    if justify == "centre":
        assert unplaced == []
    else:  # never the totals nor 机关运行经费, whose columns no sum confuses with another
        assert all(col in ITEMS for _, col in unplaced)
