"""The safety net of a table rebuilt from text lines: a money figure its lines print that no cell
holds and no ambiguous cell reports is reported, each as often as it is printed; codes, line
numbers and years are no money figures."""

from __future__ import annotations

from budget_reports.model import AmbiguousCell, Cell, Table
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.unplaced_figures import placed_nowhere

COLUMNS = [("收入", "决算数"), ("支出", "决算数")]
LINES = [
    BlockLine("单位：万元", 5, 2),
    BlockLine("项目 行次 决算数 项目 行次 决算数", 5, 3),
    BlockLine("一、一般公共预算财政拨款收入 1 2,940.05 一、一般公共服务支出 32 2,106.66", 5, 4),
    BlockLine("八、其他收入 8 6.20 八、社会保障和就业支出 39 326.71", 5, 5),
    BlockLine("年初结转和结余 49.14 年末结转和结余 55.34", 6, 4),
    BlockLine("2024年 201 06 01 行政运行 1,511.89", 6, 5),
]


def _table(*figures: str) -> Table:
    return Table(tuple(Cell(r, 1, f) for r, f in enumerate(figures)), len(figures), 4)


def test_every_figure_in_a_cell_or_reported_leaves_nothing() -> None:
    table = _table("2,940.05", "2106.66", "6.20", "326.71", "49.14", "55.34")
    reported = [AmbiguousCell(6, 5, "1,511.89", "2010601 行政运行", ("支出/决算数",), "")]
    assert placed_nowhere(LINES, table, reported, COLUMNS) == []


def test_a_figure_no_row_took_is_reported_where_it_is_printed() -> None:
    table = _table("2,940.05", "2,106.66", "6.20", "326.71", "55.34", "1,511.89")
    [missing] = placed_nowhere(LINES, table, [], COLUMNS)
    assert (missing.page, missing.line, missing.figure) == (6, 4, "49.14")
    assert missing.candidates == ("收入/决算数", "支出/决算数")


def test_a_figure_printed_twice_and_placed_once_is_reported_once() -> None:
    lines = [BlockLine("208 社会保障和就业支出 326.71 326.71", 8, 11)]
    missing = placed_nowhere(lines, _table("326.71"), [], COLUMNS)
    assert [(m.line, m.figure) for m in missing] == [(11, "326.71")]
