"""A two-sided table's text written cell by cell (``side_cells``), and the rows its stream prints
whole and in order (``stream_rows``), on the lines pdftotext writes."""

from __future__ import annotations

from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.linear_rows import line_tokens
from budget_reports.readers.side_cells import written_cell_by_cell
from budget_reports.readers.stream_rows import stream_rows

# pdftotext's default text of the typeset 基本支出决算表 (blank lines left out): 303's 69.41 written
# after 302 14 租赁费, 302's figures 0.09 … after 303's name.
BY_CELLS = """301
类
工资福利支出
款
2,082.85
302
商品和服务支出
171.07
301
01 基本工资
262.33
302
01 办公费
21.21
301
机关事业单位
08 基本养老保险
缴费
160.75
302
14 租赁费
69.41
303
对个人和家庭的补助
0.09
4.88
302
04 手续费
人员经费合计
2,152.26 公用经费合计"""

# pdftotext -raw of the same table: a row's cells broken over lines, each figure beside its name.
RAW = """301
工资福利支出
2,082.85 302
商品和服务支出
171.07
301 01
基本工资 262.33
302
01 办公费 21.21
301 02
津贴补贴
1,238.58 302
02 印刷费 7.61
302
04 手续费 0.09"""


def _lines(text: str) -> list[list]:
    return [line_tokens(line, 1, k) for k, line in enumerate(text.splitlines(), start=1)]


def _cells(text: str) -> list[BlockLine]:
    return [BlockLine(word, 1, k) for k, line in enumerate(text.splitlines(), start=1) for word in line.split()]


def test_a_table_written_by_cells_is_told_from_one_written_by_rows_broken_over_lines() -> None:
    assert written_cell_by_cell(_lines(BY_CELLS))
    assert not written_cell_by_cell(_lines(RAW))
    assert not written_cell_by_cell(_lines("301 01 基本工资 262.33 302 01 办公费 21.21\n302 02 印刷费 7.61"))


def test_rows_printed_whole_and_in_order() -> None:
    rows = stream_rows(_cells(BY_CELLS), {"301", "302", "303"}, {"类", "款"}, {"人员经费合计", "公用经费合计"})
    got = {row.code: (row.name_text, row.figure) for row in rows}
    # Figures in print order: 2,082.85 171.07 262.33 21.21 160.75 69.41 0.09 4.88 2,152.26.
    # 30214 takes 69.41 here: only the sums tell it is 303's (the caller's check). 303 holds two
    # figures and 30204 none before the total's label: neither is a row printed whole.
    assert got == {
        "30101": ("基本工资", 2),
        "30201": ("办公费", 3),
        "30108": ("机关事业单位基本养老保险缴费", 4),
        "30214": ("租赁费", 5),
    }


def test_a_row_whose_figure_comes_before_its_name_or_holding_two_parts_is_none() -> None:
    cells = _cells("301\n01\n262.33\n基本工资\n302\n01\n02 办公费\n21.21")
    assert stream_rows(cells, {"301", "302"}, set(), set()) == []


# PyMuPDF's text of the 基本支出决算表 printing each class's code once (its lines' cells under it
# print their 款 part alone): the two halves' rows alternate, a line without a figure between.
LEVELS_ONCE = """301
工资福利支出
2,082.85
302
商品和服务支出
171.07
01 基本工资
262.33
01 办公费
21.21
03 奖金
03 咨询费
06 伙食补助费
04 手续费
0.09
99 其他工资福利支出
91.03
99 其他商品和服务支出
11.53"""

_NAMED = {
    "基本工资": {"30101"},
    "办公费": {"30201"},
    "奖金": {"30103"},
    "咨询费": {"30203"},
    "伙食补助费": {"30106"},
    "手续费": {"30204"},
    "其他工资福利支出": {"30199"},
    "其他商品和服务支出": {"30299"},
}


def test_rows_opened_by_their_part_alone_take_the_class_their_name_is_a_line_of() -> None:
    rows = stream_rows(_cells(LEVELS_ONCE), {"301", "302"}, set(), set(), lambda name: _NAMED.get(name, set()))
    # Figures in print order: 2,082.85 171.07 262.33 21.21 0.09 91.03 11.53. Lines printing no
    # figure (奖金, 咨询费, 伙食补助费) are no rows; every row opened by its part is its own.
    assert {row.code: (row.name_text, row.figure) for row in rows} == {
        "30101": ("基本工资", 2),
        "30201": ("办公费", 3),
        "30204": ("手续费", 4),
        "30199": ("其他工资福利支出", 5),
        "30299": ("其他商品和服务支出", 6),
    }


def test_a_part_alone_whose_name_the_classification_gives_no_printed_class_is_none() -> None:
    # A name two printed classes give a line of that part (301 and 303 here) tells no class;
    # a name of no printed class (30905 under 309) gives none either.
    named = {"医疗费": {"30114", "30314"}, "基本工资": {"30101"}, "土地补偿": {"30905"}}
    cells = _cells("301\n工资福利支出\n2.00\n303\n对个人和家庭的补助\n1.00\n14 医疗费\n0.50\n05 土地补偿\n0.30")
    assert stream_rows(cells, {"301", "303"}, set(), set(), lambda name: named.get(name, set())) == []


def test_a_row_printing_its_code_and_figure_whose_name_comes_later_is_kept_where_asked() -> None:
    # pdftotext's default text of names wrapped at ten: 30108's name comes after the rows below it.
    text = "301\n01 基本工资\n262.33\n301\n08\n160.75\n301\n09 职业年金缴费\n80.38\n人员经费合计\n机关事业单位基本养老"
    named = {"基本工资": {"30101"}, "职业年金缴费": {"30109"}}
    elsewhere = {"30108"}
    ends = {"人员经费合计"}
    rows = stream_rows(_cells(text), {"301"}, set(), ends, lambda name: named.get(name, set()), elsewhere.__contains__)
    assert {row.code: (row.name_text, row.figure) for row in rows} == {
        "30101": ("基本工资", 0),
        "30108": ("", 1),
        "30109": ("职业年金缴费", 2),
    }
    # Not asked (no name of that line printed anywhere): the row is none.
    rows = stream_rows(_cells(text), {"301"}, set(), ends, lambda name: named.get(name, set()))
    assert "30108" not in {row.code for row in rows}
