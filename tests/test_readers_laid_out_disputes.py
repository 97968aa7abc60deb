"""Where a laid-out row's positions and its sums disagree, the finding names the disputed columns.

A figure's position under the header (``pdftotext -layout``) and the row's own sums each allow some
columns; when no placement satisfies both, nothing in the row is placed and each figure is reported
as ``extraction.ambiguous_cell`` with the columns either allows, not every column of the table.

The tables are typeset in PDFs (``tests/baseline_pdf.py``) and written out by pdftotext -layout:
the budget's 三公经费和机关运行经费预算表 with its 合计 left empty while two items are printed (the
sums then want one of them under 合计), and the 支出决算表 with 本年支出合计 left empty (the sums want
one of the kinds under 合计).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.model import BlockKind
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf
from tests.test_readers_laid_out_header_wordings import TITLE, WORDINGS, _header

# 合计 (empty), 出国 0.46, 接待 0.46, 小计/购置/运行 (empty), 机关运行经费 507.25.
ROW: dict[int, str] = {1: "0.46", 2: "0.46", 6: "507.25"}
# What the sums allow each figure (合计 = 出国 + 接待 + 小计: the first 0.46 under 合计, the second
# under 出国 or 接待) joined with what its position allows.
DISPUTED = {
    "0.46": {"三公经费预算数/合计", "三公经费预算数/因公出国(境)费", "三公经费预算数/公务接待费"},
    "507.25": {"机关运行经费预算数"},
}


@pytest.mark.parametrize("wording", WORDINGS[:2], ids=["as the catalogue", "worded longer"])
def test_a_disagreement_reports_the_disputed_columns_only(wording: tuple[str, ...], tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    row: Row = [[ROW[c]] if c in ROW else [] for c in range(7)]
    pdf = TablePdf()
    pdf.table(TITLE, [Column(96, justify="centre") for _ in range(7)], _header(wording), [row], 10, "centre")
    path = pdf.save(tmp_path / "disputed.pdf")
    document = read_text(write_serialization(path, "pdftotext-layout", tmp_path).read_text("utf-8"), "budget.txt")
    (table,) = [b.table for b in document.blocks if b.kind is BlockKind.TABLE and b.table is not None]
    assert [cell.text for cell in table.cells if cell.page is not None and cell.text] == []
    reported = sorted((cell.figure, set(cell.candidates)) for cell in document.ambiguous_cells)
    assert [figure for figure, _ in reported] == ["0.46", "0.46", "507.25"]
    for figure, candidates in reported:
        assert candidates <= DISPUTED[figure]
    first, second = (candidates for figure, candidates in reported if figure == "0.46")
    assert first | second == DISPUTED["0.46"]
