"""A coded table running over two or three pages, read back from pdftotext's default text (no
``-layout``: a fully ruled table comes out cell by cell, column by column, page by page).

Putuo's budget (amounts in 元, printed whole) typeset so that its 支出预算总表 runs on to another
page, its header printed again there. Rows printing two equal figures (合计 and 基本支出, or 合计 and
项目支出) fit either column by their own sums: only the table's sums (the 类 add up to the 合计 row,
column by column) tell them, and the 合计 row stands on the last page. The table is read over all
its pages, in each form pdftotext gives the page going on:

- names wrapped at 4 characters, landscape pages, merged cells: the last page's first row's code
  (2210203) written alone, before the header printed again (``科目名称`` / ``2210203`` / ``合计``);
- names whole, short landscape pages: the last page holds the 合计 row alone under its header;
- names wrapped at 5, short portrait pages, merged cells: the last page opens with 22102's name
  wrapped (``住房改革支`` / ``出``), its code written after the rows.

Every table fact of the report is read, none that it does not give.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import BlockKind, Document
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    BUDGET_FACTS,
    Grid,
    GridChange,
    plain_integers,
    with_grids,
    wrapped_names,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, table_facts_matched, table_facts_not_in_report

SHORT_LANDSCAPE = (LANDSCAPE[0], 400.0)
SHORT_PORTRAIT = (PORTRAIT[0], 520.0)
# Name: (names wrapped at, page size, merged cells), and what its text shows of the page going on.
PRINTS = {
    "code before the header printed again": (4, LANDSCAPE, True, "科目名称\n2210203\n\n合计\n\n基本支出\n"),
    "the 合计 row alone": (0, SHORT_LANDSCAPE, False, "\f科目编码\n\n科目名称\n\n合计\n\n合计\n\n基本支出\n"),
    "a wrapped name before its code": (5, SHORT_PORTRAIT, True, "项目支出\n\n住房改革支\n出\n\n5871730\n"),
}
TITLE = "2026年部门支出预算总表"


def _changed(wrap: int) -> GridChange:
    """Amounts printed whole, names wrapped at ``wrap`` characters (0: not wrapped)."""

    def change(grid: Grid) -> Grid:
        return plain_integers(wrapped_names(grid, wrap) if wrap else grid)

    return change


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each print's pdftotext (default) text."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    document = read_document(corpus_file(BUDGET), BUDGET)
    out = {}
    for name, (wrap, page, merged, _) in PRINTS.items():
        folder = tmp_path_factory.mktemp("pages")
        pdf = typeset(with_grids(document, _changed(wrap)), folder / "budget.pdf", merged=merged, table_page=page)
        out[name] = write_serialization(pdf, "pdftotext", folder)
    return out


@pytest.mark.parametrize("name", PRINTS)
def test_the_table_is_read_over_its_pages(texts: dict[str, Path], name: str) -> None:
    text = texts[name].read_text(encoding="utf-8")
    assert PRINTS[name][3] in text[text.index(f"\f{TITLE}") :], "the page going on is printed as described"
    document = read_document(texts[name], BUDGET)
    grids = [grid for title, grid in _tables(document) if title == TITLE]
    assert len(grids) == 1
    assert grids[0][-2:] == [
        ["2210203", "购房补贴", "3222000", "3222000", ""],
        ["", "合计", "47483458", "36197265", "11286193"],
    ]
    assert [row[2:] for row in grids[0] if row[0] in ("208", "20808", "210", "221")] == [
        ["6397096", "6103096", "294000"],
        ["294000", "", "294000"],
        ["1439040", "1439040", ""],
        ["5871730", "5871730", ""],
    ]
    # No figure of this table (nor of the function table printing the same columns) left unplaced.
    assert not [a for a in document.ambiguous_cells if set(a.candidates) & {"基本支出", "项目支出"}]
    truth = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    got = facts(extract_frames(texts[name], BUDGET))
    assert table_facts_not_in_report(truth, got) == {}
    assert table_facts_matched(truth, got) == BUDGET_FACTS


def _tables(document: Document) -> list[tuple[str, list[list[str]]]]:
    """Each table's grid with its title (the heading before it, its unit line between)."""
    out = []
    for i, block in enumerate(document.blocks):
        if block.table is not None:
            title = next(b.text for b in reversed(document.blocks[:i]) if b.kind is BlockKind.HEADING)
            out.append((title, block.table.grid()))
    return out
