"""Figures of a two-sided overview that either side may hold, placed by the sides' item totals.

pdfplumber writes each line of the page as the words on one baseline. A budget's 财务收支预算总表
whose labels wrap in narrow cells (2.政府性基 / 金预算 beside 三、城乡社区 / 支出) sets each label
centred on its row, its figure between the label's two lines: ``2.政府性基 三、城乡社区`` /
``33,775,592`` / ``金预算 支出``. Nothing on the line says which side the figure is on, and each
side's column can hold it. Only one way lets the spending items add up to 支出总计 (6,397,096 +
1,439,040 + 33,775,592 + 5,871,730 = 47,483,458): the figure is 三、城乡社区支出's
(``lone_figures.shares_keeping_item_totals``). Where no way keeps the totals (a report whose
items miss their total), the figures stay unplaced and are reported.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.readers.lone_figures import OverviewSide, shares_keeping_item_totals
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file, table_titled
from tests.printed_variants import BUDGET, with_grids, wrapped_names
from tests.seed_pdf import typeset

TITLE = "2026年部门财务收支预算总表"
SPENDING_TOTAL = "47,483,458"
MISSED_TOTAL = "47,483,558"  # 100 more than its items: no way of sharing the figures keeps it
EITHER_SIDE = {"33,775,592": "三、城乡社区支出", "5,871,730": "四、住房保障支出"}


def _overview_only(spending_total: str) -> Document:
    """The budget's 财务收支预算总表 alone under its title, its labels wrapped at 6 characters and its
    支出总计 printed as ``spending_total``."""
    document = read_document(corpus_file(BUDGET), BUDGET)
    at = next(i for i, b in enumerate(document.blocks) if b.kind is BlockKind.HEADING and compact(b.text) == TITLE)
    table = next(i for i in range(at + 1, at + 3) if document.blocks[i].table is not None)
    alone = replace(document, blocks=document.blocks[at : table + 1])

    def printed(grid: list[list[str]]) -> list[list[str]]:
        last = [spending_total if c == len(grid[-1]) - 1 else text for c, text in enumerate(grid[-1])]
        return wrapped_names([*grid[:-1], last])

    return with_grids(alone, printed)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("either")
    made = {}
    for total in (SPENDING_TOTAL, MISSED_TOTAL):
        pdf = typeset(_overview_only(total), folder / f"{total}.pdf", merged=False)
        made[total] = write_serialization(pdf, "pdfplumber", folder / total)
    return made


def test_the_text_prints_the_figures_between_the_labels_lines(texts: dict[str, Path]) -> None:
    lines = texts[SPENDING_TOTAL].read_text(encoding="utf-8").splitlines()
    at = lines.index("33,775,592")
    assert lines[at - 1 : at + 2] == ["2.政府性基 三、城乡社区", "33,775,592", "金预算 支出"]


def test_each_figure_goes_to_the_side_whose_items_it_completes(texts: dict[str, Path]) -> None:
    path = texts[SPENDING_TOTAL]
    document = read_document(path, path.name)
    rows = {row[2]: row[3] for row in table_titled(document, TITLE).grid()}
    assert {label: rows[label] for label in EITHER_SIDE.values()} == {v: k for k, v in EITHER_SIDE.items()}
    incomes = {row[0]: row[1] for row in table_titled(document, TITLE).grid()}
    assert incomes["2.政府性基金预算"] == incomes["3.国有资本经营预算"] == ""
    assert document.ambiguous_cells == []


def test_items_missing_their_total_place_neither_figure(texts: dict[str, Path]) -> None:
    path = texts[MISSED_TOTAL]
    document = read_document(path, path.name)
    grid = table_titled(document, TITLE).grid()
    assert not {figure for row in grid for figure in row} & set(EITHER_SIDE)
    assert sorted(cell.figure for cell in document.ambiguous_cells) == sorted(EITHER_SIDE)


def _side(items: list[bool], totals: list[bool], figures: list[tuple[Decimal, ...] | None]) -> OverviewSide:
    return OverviewSide(items, totals, figures)


D = Decimal


def test_the_one_way_keeping_both_sides_totals_is_taken() -> None:
    income = _side([True, False, False], [False, False, True], [(D(10),), (D(0),), (D(10),)])
    spending = _side([True, True, False], [False, False, True], [(D(4),), (D(0),), (D(10),)])
    # The undecided row: income's line 1 or spending's line 1 takes the 6.
    ways = [[(0, 1, (D(6),)), (1, 1, (D(0),))], [(0, 1, (D(0),)), (1, 1, (D(6),))]]
    assert shares_keeping_item_totals([income, spending], [ways]) == [1]


def test_sides_printing_no_total_tell_nothing() -> None:
    """Items with no total under them keep every way the figure goes."""
    income = _side([True, True], [False, False], [(D(10),), (D(0),)])
    spending = _side([True, True], [False, False], [(D(4),), (D(0),)])
    ways = [[(0, 1, (D(6),)), (1, 1, (D(0),))], [(0, 1, (D(0),)), (1, 1, (D(6),))]]
    assert shares_keeping_item_totals([income, spending], [ways]) == [None]


def test_rows_deciding_each_other_are_settled_together() -> None:
    """Two undecided rows: each total is kept only with one figure on each side."""
    income = _side([True, True, True, False], [False, False, False, True], [(D(1),), (D(0),), (D(0),), (D(4),)])
    spending = _side([True, True, True, False], [False, False, False, True], [(D(2),), (D(0),), (D(0),), (D(7),)])
    first = [[(0, 1, (D(3),)), (1, 1, (D(0),))], [(0, 1, (D(0),)), (1, 1, (D(3),))]]
    second = [[(0, 2, (D(5),)), (1, 2, (D(0),))], [(0, 2, (D(0),)), (1, 2, (D(5),))]]
    assert shares_keeping_item_totals([income, spending], [first, second]) == [0, 1]


def test_sides_whose_columns_are_not_known_tell_nothing() -> None:
    income = _side([True, False], [False, True], [None, (D(10),)])
    spending = _side([True, True, False], [False, False, True], [(D(4),), (D(0),), None])
    ways = [[(0, 0, (D(6),)), (1, 1, (D(0),))], [(0, 0, (D(0),)), (1, 1, (D(6),))]]
    assert shares_keeping_item_totals([income, spending], [ways]) == [None]
