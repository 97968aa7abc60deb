"""A 收入决算表 as pdftotext (default mode) writes it when its empty cells print a dash: each row's cells
one after another, a dash beside a figure or alone on its line. The dashes place the figures; where
the page does not print its cells so, nothing is placed by them."""

from __future__ import annotations

from budget_reports.readers.text import read_text

_HEADER = ["收入决算表", "单位：万元", "项目", "本年收入合计", "支出功能分类", "财政拨款收入", "上级补助收入"]
_HEADER += ["事业收入", "经营收入", "附属单位上缴收入", "其他收入", "科目名称", "科目编码", "类", "款", "项"]
_ROWS = [
    ["合计", "2,946.25", "2,940.05 -", "-", "-", "-", "6.20"],
    ["201", "一般公共服务支出", "2,946.25", "2,940.05 -", "-", "-", "-", "6.20"],
    ["201", "06", "财政事务", "2,946.25", "2,940.05 -", "-", "-", "-", "6.20"],
    ["201", "06", "01 行政运行", "1,511.90", "1,511.89 -", "-", "-", "-", "0.01"],
    ["201", "06", "02", "一般行政管理事务", "1,434.35", "1,428.16 -", "-", "-", "-", "6.19"],
]


def _read(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """The table's grid and the figures reported ambiguous, the page written cell by cell."""
    text = "\n\n".join([*_HEADER, *(cell for row in rows for cell in row)]) + "\n\f"
    document = read_text(text, "final.txt")
    grid = next(block.table.grid() for block in document.blocks if block.table is not None)
    return grid, [cell.figure for cell in document.ambiguous_cells]


def test_each_figure_goes_to_the_column_its_dashes_say() -> None:
    grid, ambiguous = _read(_ROWS)
    assert ambiguous == []
    assert grid[1:] == [
        ["", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"],
        ["201", "一般公共服务支出", "2,946.25", "2,940.05", "", "", "", "", "6.20"],
        ["20106", "财政事务", "2,946.25", "2,940.05", "", "", "", "", "6.20"],
        ["2010601", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"],
        ["2010602", "一般行政管理事务", "1,434.35", "1,428.16", "", "", "", "", "6.19"],
    ]


def test_a_dash_missing_places_nothing_by_the_dashes() -> None:
    """One row printing six cells: which of its cells the figures are the count no longer tells."""
    rows = [*_ROWS[:3], ["201", "06", "01 行政运行", "1,511.90", "1,511.89 -", "-", "-", "0.01"], _ROWS[4]]
    grid, ambiguous = _read(rows)
    assert "6.20" in ambiguous
    assert all(row[8] == "" for row in grid[1:])  # no figure placed in 其他收入


def test_rows_breaking_their_sums_place_nothing_by_the_dashes() -> None:
    """A cell written after the next row's (0.01 late): every row still prints seven cells in all,
    but 行政运行's run of seven does not add up."""
    late = ["201", "06", "01 行政运行", "1,511.90", "1,511.89 -", "-", "-", "-"]
    last = ["201", "06", "02", "一般行政管理事务", "1,434.35", "1,428.16 -", "-", "-", "-", "6.19", "0.01"]
    grid, ambiguous = _read([*_ROWS[:3], late, last])
    assert "6.20" in ambiguous
    assert all(row[8] == "" for row in grid[1:])


def test_a_family_breaking_its_sums_places_nothing_by_the_dashes() -> None:
    """一般行政管理事务's 其他收入 written before its dashes (a wrapped name's row may have a cell written
    early): counted, its 10.00 falls in 财政拨款收入, its own sum holding, its 款 财政事务's column
    not (90.00 against 100.00). The dashes place nothing; the runs' reader places what the sums
    settle (each row's total) and reports the rest (before: the page's placement broke the 款's sum,
    every figure of it reported, no row read)."""
    rows = [
        ["合计", "105.00", "95.00 -", "-", "-", "-", "10.00"],
        ["201", "一般公共服务支出", "100.00", "90.00 -", "-", "-", "-", "10.00"],
        ["201", "06", "财政事务", "100.00", "90.00 -", "-", "-", "-", "10.00"],
        ["201", "06", "01 行政运行", "90.00", "90.00 -", "-", "-", "-", "-"],
        ["201", "06", "02", "一般行政管理事务", "10.00", "10.00", "-", "-", "-", "-", "-"],
        ["208", "社会保障和就业支出", "5.00", "5.00 -", "-", "-", "-", "-"],
        ["208", "05", "行政事业单位养老支出", "5.00", "5.00 -", "-", "-", "-", "-"],
        ["208", "05", "01 行政单位离退休", "5.00", "5.00 -", "-", "-", "-", "-"],
    ]
    grid, ambiguous = _read(rows)
    assert [row[2] for row in grid[1:]] == ["105.00", "100.00", "100.00", "", "", "5.00", "5.00", "5.00"]
    assert all(row[3] == "" for row in grid[1:])  # no figure placed in 财政拨款收入 by the dashes
    assert ambiguous.count("10.00") >= 2  # 一般行政管理事务's two, among others
