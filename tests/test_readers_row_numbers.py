"""The 行次 column of the national forms' overviews: each row's number, after its label, is no figure.

The lines are as extractors write an overview typeset with a 行次 column on each side
(``tests/printed_variants.row_numbers``, read back in ``tests/test_row_numbers_pdf.py``).
"""

from __future__ import annotations

from budget_reports.readers.row_numbers import numbers_its_rows, without_row_numbers
from budget_reports.readers.text import read_text


def test_a_header_names_its_row_numbers_on_one_line_or_wrapped_in_a_narrow_cell() -> None:
    assert numbers_its_rows(["收入 支出", "项目 行次 决算数 项目 行次 决算数"])
    # pdfplumber: 行 above and 次 below the line of the other cells.
    assert numbers_its_rows(["收入 支出", "行 行", "项目 决算数 项目 合计", "次 次"])
    # -raw: each piece on a line of its own.
    assert numbers_its_rows(["收入 支出", "项目", "行", "次", "决算数 项目"])
    assert not numbers_its_rows(["收入 支出", "项目 决算数 项目 决算数"])
    # 栏次 / 行次 opening a line numbers the columns (printed_numbers), not the rows.
    assert not numbers_its_rows(["项目 合计 基本支出", "行次 1 2 3"])
    # 次 above 行 spells nothing.
    assert not numbers_its_rows(["次", "项目 决算数", "行"])


def test_the_number_after_each_label_is_taken_out() -> None:
    lines = [
        "一、一般公共预算财政拨款收入 1 2,940.05 一、一般公共服务支出 13 2,106.66",
        "二、政府性基金预算财政拨款收入 2 二、外交支出 14",
        "八、其他收入 8 600 八、社会保障和就业支出 20 326.71",
        "九、卫生健康支出 21 60.99",
        "总计 12 2,995.39 总计 42 2,995.39",
    ]
    assert without_row_numbers(lines, keep_columns=False) == [
        "一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66",
        "二、政府性基金预算财政拨款收入 二、外交支出",
        "八、其他收入 600 八、社会保障和就业支出 326.71",
        "九、卫生健康支出 60.99",
        "总计 2,995.39 总计 2,995.39",
    ]


def test_a_number_whose_label_was_written_on_other_lines_runs_on_from_the_others() -> None:
    """pdfplumber centres a wrapped label on its row's line: the line opens with the row's number,
    and the other side's number follows a figure. Each is one more or one less than a number taken
    after its label; the figures beside them are in no such run."""
    lines = [
        "一、一般公共预算财 一、一般公共服务支",
        "1 2,940.05 10 2,106.66 2,106.66",
        "政拨款 出",
        "二、政府性基金预算",
        "2 二、外交支出 11",
        "财政拨款",
        "三、国有资本经营预",
        "3 三、国防支出 12",
        "算财政拨款",
        "四、公共安全支出 13",
        "本年收入合计 4 2,940.05 本年支出合计 14 2,940.05",
    ]
    assert without_row_numbers(lines, keep_columns=False) == [
        "一、一般公共预算财 一、一般公共服务支",
        "2,940.05 2,106.66 2,106.66",
        "政拨款 出",
        "二、政府性基金预算",
        "二、外交支出",
        "财政拨款",
        "三、国有资本经营预",
        "三、国防支出",
        "算财政拨款",
        "四、公共安全支出",
        "本年收入合计 2,940.05 本年支出合计 2,940.05",
    ]


def test_laid_out_text_keeps_every_other_word_in_its_column() -> None:
    line = "一、一般公共预算财政拨款收入    1   2,940.05   一、一般公共服务支出   13   2,106.66"
    (blanked,) = without_row_numbers([line], keep_columns=True)
    assert len(blanked) == len(line)
    assert blanked.split() == ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]
    assert blanked.index("2,106.66") == line.index("2,106.66")


# The budget's 财务收支预算总表 with a 行次 column, as pdfplumber writes it.
BUDGET_OVERVIEW = """2026年部门财务收支预算总表
编制部门：普陀区城市管理行政执法局 单位：元
收入 收入 支出 支出
项目 行次 预算数 项目 行次 预算数
一、财政拨款收入 1 47,483,458 一、社会保障和就业支出 9 6,397,096
1.一般公共预算 2 47,483,458 二、卫生健康支出 10 1,439,040
2.政府性基金预算 3 三、城乡社区支出 11 33,775,592
3.国有资本经营预算 4 四、住房保障支出 12 5,871,730
二、事业收入 5
三、事业单位经营收入 6
四、其他收入 7
收入总计 8 47,483,458 支出总计 13 47,483,458"""


def test_an_overview_numbering_its_rows_reads_its_figures_in_their_columns() -> None:
    """The row numbers were read as the rows' 预算数 (一、财政拨款收入 = 1), pushing each figure out."""
    document = read_text(BUDGET_OVERVIEW, "budget.txt")
    (table,) = [b.table for b in document.blocks if b.table is not None]
    grid = table.grid()
    assert ["一、财政拨款收入", "47,483,458", "一、社会保障和就业支出", "6,397,096"] in grid
    assert ["2.政府性基金预算", "", "三、城乡社区支出", "33,775,592"] in grid
    assert ["二、事业收入", "", "", ""] in grid
    assert ["收入总计", "47,483,458", "支出总计", "47,483,458"] in grid
    assert not any(cell in {str(n) for n in range(1, 14)} for row in grid for cell in row)
    assert document.ambiguous_cells == []
