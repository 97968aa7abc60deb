"""What each column of a table's header means when its cells are merged otherwise than the header
nests them, or not merged at all (the forms a PDF's ruled grid gives when a report prints its
tables with only the filled cells ruled, or merges a row's last cell to the row's end)."""

from __future__ import annotations

from budget_reports.extract.standard_tables.codes import coded_columns, join_wrapped_rows, row_code, row_codes
from budget_reports.extract.standard_tables.header import layout
from budget_reports.model import Cell, Table
from tests.standard_table_grids import grid_table

# Putuo's 2024 支出决算表, its header as a text export merges it: 科目名称 run on over the money
# columns' headers, 科目编码 over the whole row; the 类 款 项 labels on the 合计 row.
_RUN_ON = Table(
    (
        Cell(0, 0, "项目"),
        Cell(0, 1, "", col_span=3),
        Cell(0, 4, "本年支出合计"),
        Cell(0, 5, "基本支出"),
        Cell(0, 6, "项目支出"),
        Cell(1, 0, "支出功能分类"),
        Cell(1, 1, "", col_span=2),
        Cell(1, 3, "科目名称", col_span=4),
        Cell(2, 0, "科目编码", col_span=7),
        *(Cell(3, c, t) for c, t in enumerate(["类", "款", "项", "合计", "2,940.05", "2,336.91", "603.14"])),
        *(Cell(4, c, t) for c, t in enumerate(["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"])),
    ),
    5,
    7,
)


def test_a_cell_merged_across_the_groups_above_names_only_its_side() -> None:
    lay = layout(_RUN_ON)
    assert lay.columns[3] == ("科目名称",)
    assert lay.columns[4:] == (("本年支出合计",), ("基本支出",), ("项目支出",))
    assert lay.columns[0] == ("项目", "支出功能分类", "科目编码")
    assert lay.columns[1] == lay.columns[2] == ("科目编码",)


def test_code_parts_beside_the_column_headed_alone() -> None:
    """科目编码 heading the 类 column alone (each cell ruled apart): the 款 and 项 columns beside it,
    two-digit parts (the 合计 row naming them 款 and 项), are code columns too."""
    grid = [
        ["项目", "", "", "", "本年支出合计", "基本支出", "项目支出"],
        ["支出功能分类", "", "", "科目名称", "", "", ""],
        ["科目编码", "", "", "", "", "", ""],
        ["类", "款", "项", "合计", "2,940.05", "2,336.91", "603.14"],
        ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ["201", "06", "", "财政事务", "2,106.66", "1,503.52", "603.14"],
    ]
    lay = layout(grid_table(grid))
    coded = coded_columns(lay, list(range(7)))
    assert coded is not None
    assert (coded.codes, coded.name) == ([0, 1, 2], 3)


def test_levels_no_row_prints_are_no_code_columns() -> None:
    """An economic table's 类 column printed over 类 | 款 | 项 beside its own 款 column: the 款 and
    项 named under it hold no part of any code; 301 | | | 01 is 30101 (it was read as 301)."""
    grid = [
        ["经济分类", "", "", "", "科目名称", "决算数"],
        ["科目编码", "", "", "", "", ""],
        ["类", "", "", "款", "", ""],
        ["类", "款", "项", "", "", ""],
        ["301", "", "", "", "工资福利支出", "2,082.85"],
        ["301", "", "", "01", "基本工资", "262.33"],
    ]
    lay = layout(grid_table(grid))
    coded = coded_columns(lay, list(range(6)))
    assert coded is not None
    assert (coded.codes, coded.name) == ([0, 3], 4)
    assert [row_code(row, coded) for row in lay.body] == ["301", "30101"]


def test_code_parts_beside_levels_named_on_the_total_row() -> None:
    """The levels named twice, once over 类 | 款 | 项 columns no row fills and once on the 合计 row
    over the parts printed: the code is read from the parts printed (201 | | | 06 | 01 is 2010601),
    and a code missing a level's part between two printed ones gives no code (not its class)."""
    grid = [
        ["项目", "", "", "", "", "", "合计"],
        ["科目编码", "", "", "", "", "科目名称", ""],
        ["类", "款", "项", "", "", "", ""],
        ["类", "", "", "款", "项", "合计", "2,940.05"],
        ["201", "", "", "06", "01", "行政运行", "1,511.89"],
        ["201", "", "", "", "01", "行政运行", "1,511.89"],
    ]
    lay = layout(grid_table(grid))
    coded = coded_columns(lay, list(range(7)))
    assert coded is not None
    assert (coded.codes, coded.name) == ([0, 3, 4], 5)
    assert [row_code(row, coded) for row in lay.body] == [None, "2010601", None]


def test_levels_printed_once_are_taken_from_the_line_above() -> None:
    """A level's part printed on its own line only (its cell merged down over the lines under it, or
    left blank there): each line takes the levels it leaves blank from the code read above it; a
    line under no code (the 合计 row) takes nothing."""
    grid = [
        ["科目编码", "", "", "科目名称", "合计"],
        ["类", "款", "项", "", ""],
        ["", "", "", "合计", "2,940.05"],
        ["", "", "01", "行政运行", "1.00"],
        ["201", "", "", "一般公共服务支出", "2,106.66"],
        ["", "06", "", "财政事务", "2,106.66"],
        ["", "", "01", "行政运行", "1,511.89"],
        ["", "", "02", "一般行政管理事务", "10.00"],
        ["", "07", "", "纪检监察事务", "5.00"],
        ["208", "", "", "社会保障和就业支出", "326.72"],
        ["", "05", "01", "行政单位离退休", "84.65"],
    ]
    lay = layout(grid_table(grid))
    coded = coded_columns(lay, list(range(5)))
    assert coded is not None
    assert row_codes(lay.body, coded) == [
        None,
        None,
        "201",
        "20106",
        "2010601",
        "2010602",
        "20107",
        "208",
        "2080501",
    ]


def test_a_wrapped_name_joins_a_line_printing_its_levels_once() -> None:
    """A name wrapped onto a row of its own (a DOCX or text rebuilt row by row) under a line that
    prints only its 款 part: joined to it, and the line after, wrapped too, still takes the class above."""
    grid = [
        ["科目编码", "", "科目名称", "合计"],
        ["类", "款", "", ""],
        ["301", "", "工资福利支出", "2,082.85"],
        ["", "08", "机关事业单位基本养老", "160.75"],
        ["", "", "保险缴费", ""],
        ["", "09", "职业年金", "80.38"],
        ["", "", "缴费", ""],
    ]
    lay = layout(grid_table(grid))
    coded = coded_columns(lay, list(range(4)))
    assert coded is not None
    rows = join_wrapped_rows(list(lay.body), coded, [3])
    assert [row.texts[2] for row in rows] == ["工资福利支出", "机关事业单位基本养老\n保险缴费", "职业年金\n缴费"]
    assert row_codes(rows, coded) == ["301", "30108", "30109"]


def test_an_empty_header_cell_takes_its_left_neighbours_text_within_the_group_above() -> None:
    """The 三公 table with every cell apart: 公务接待费's 预算数 and 决算数 are its own, not those of
    公务用车运行费 printed left of them one row lower."""
    grid = [
        ["合计", "", "公务用车购置及运行费", "", "", "", "公务接待费", ""],
        ["", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
        ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
        ["0.95", "", "", "", "", "", "0.95", ""],
    ]
    lay = layout(grid_table(grid))
    assert lay.columns[5] == ("公务用车购置及运行费", "公务用车运行费", "决算数")
    assert lay.columns[6] == ("公务接待费", "预算数")
    assert lay.columns[7] == ("公务接待费", "决算数")
