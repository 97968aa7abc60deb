"""``Table.from_rows``: the grid a reader rebuilds from text (self-evaluation money, scoring totals, basic
data), each cell at its row and place, the table cited where the reader says."""

from __future__ import annotations

from budget_reports.model import Cell, Table


def test_cells_take_their_row_and_place_whatever_they_were_built_with() -> None:
    rows = [
        [Cell(7, 3, "项目名称"), Cell(7, 3, "综合调研", page=8, line=368)],
        [Cell(0, 0, "项目资金（万元）"), Cell(0, 0, ""), Cell(0, 0, "年初预算数"), Cell(0, 0, "执行数")],
        [Cell(0, 0, "", page=9, line=12), Cell(0, 0, "财政拨款", page=9, line=12), Cell(0, 0, "5", page=9, line=12)],
    ]
    table = Table.from_rows(rows, rows[2][2])

    assert (table.n_rows, table.n_cols) == (3, 4)
    assert table.grid() == [
        ["项目名称", "综合调研", "", ""],
        ["项目资金（万元）", "", "年初预算数", "执行数"],
        ["", "财政拨款", "5", ""],
    ]
    assert [(c.row, c.col) for c in table.row_cells(2)] == [(2, 0), (2, 1), (2, 2)]
    # Each cell keeps the line it was printed on; the table is cited at the chosen cell's.
    assert table.cell_at(0, 1) == Cell(0, 1, "综合调研", page=8, line=368)
    assert (table.page, table.line) == (9, 12)


def test_a_cell_printed_nowhere_cites_no_line() -> None:
    rows = [[Cell(0, 0, "一级指标")], [Cell(0, 0, "合计"), Cell(0, 0, "100"), Cell(0, 0, "95.5")]]
    table = Table.from_rows(rows, rows[0][0])

    assert (table.n_rows, table.n_cols) == (2, 3)
    assert (table.page, table.line) == (None, None)
    assert table.grid()[1] == ["合计", "100", "95.5"]
