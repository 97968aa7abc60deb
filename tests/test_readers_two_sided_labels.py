"""An overview's two labelled sides written by baseline (pdfplumber), their wrapped labels' pieces
on lines of their own: each piece goes to the side whose label it makes, or the row is not read
and its figures are reported (``readers/two_sided_labels.py``)."""

from __future__ import annotations

from budget_reports.readers.baseline_rows import (
    _prints_a_row_on_a_line,
    gather_baseline_rows,
    is_written_by_baseline,
    share_figures_below,
)
from budget_reports.readers.linear_rows import Segment, Token, line_tokens
from budget_reports.readers.text import read_text
from budget_reports.readers.two_sided_labels import gather_two_sided_labelled_rows


def _lines(text: str) -> list[list[Token]]:
    return [line_tokens(line, 5, number) for number, line in enumerate(text.splitlines(), start=1)]


def _rows(text: str) -> tuple[list[list[str]], list[tuple[str, tuple[str, ...]]]]:
    unsure = []
    rows = gather_two_sided_labelled_rows(_lines(text), unsure)
    return [[t.text for t in row] for row in rows], [(cell.figure, cell.candidates) for cell in unsure]


# A final account's 收入支出决算总表 with its labels wrapped at four characters: an income label of two
# lines beside a spending label of three, set centred on their row, interleave one piece a line.
INTERLEAVED = """八、社会
八、其他
6.20 保障和就 326.71
收入
业支出
九、卫生
60.99
健康支出"""


def test_interleaved_pieces_go_to_the_side_whose_label_they_make() -> None:
    rows, unsure = _rows(INTERLEAVED)
    assert unsure == []
    assert rows == [
        ["八、其他", "收入", "6.20", "八、社会", "保障和就", "业支出", "326.71"],
        ["九、卫生", "健康支出", "60.99"],  # the spending side's alone, its figure with it
    ]


def test_a_total_wrapped_before_its_word_stays_one_row() -> None:
    rows, unsure = _rows("本年收入 本年支出\n2,946.25 2,940.05\n合计 合计")
    assert unsure == []
    # 合计 joined to the word it ends: a row label of its own would open a row (``segments``).
    assert rows == [["本年收入合计", "本年支出合计", "2,946.25", "2,940.05"]]


def test_a_label_opening_below_a_rows_figures_is_the_next_rows() -> None:
    # pdftotext's default mode: a row's figure written on the line of the next label.
    rows, _ = _rows(
        "一、财政拨款收入\n47483458 一、社会保障和就业支出\n6397096\n1.一般公共预算\n47483458 二、卫生健康支出"
    )
    assert [row[0] for row in rows] == ["一、财政拨款收入", "1.一般公共预算"]
    assert rows[0] == ["一、财政拨款收入", "47483458", "一、社会保障和就业支出", "6397096"]


def test_a_label_worded_alike_on_both_sides_is_left_to_the_table_to_place() -> None:
    # A fund's part of a carry-over is worded alike under 年初 (income) and 年末 (spending): no piece
    # is in doubt, the whole row's side is the table's to tell (its numbering, the row beside it).
    rows, unsure = _rows("一、一般\n公共预算\n21.63\n财政拨款")
    assert unsure == []
    assert rows == [["一、一般", "公共预算", "财政拨款", "21.63"]]


def test_pieces_are_kept_where_each_label_reads_as_its_sides_alone() -> None:
    # 一、一般公共服务支出收入 | 一、一般公共预算财政拨款 is worded as two sides' labels too, but an
    # income label says no 支出: one reading is left, its figures shared out by the placement.
    rows, unsure = _rows("一、一般公共\n一、一般公共\n预算财政拨款 2,940.05 2,106.66\n服务支出\n收入")
    assert unsure == []
    assert rows == [["一、一般公共", "预算财政拨款", "收入", "一、一般公共", "服务支出", "2,940.05", "2,106.66"]]


def test_pieces_making_no_label_of_either_side_are_reported() -> None:
    rows, unsure = _rows("一、一般\n公共服务\n12.00\n款项")
    assert rows == []
    assert unsure == [("12.00", ())]


def test_a_figure_on_the_line_of_the_income_labels_piece_alone_may_be_either_sides() -> None:
    # 三、城乡社区支出's figure printed on the middle line of the income label beside it: the line
    # does not say whose it is, the table's placement decides (here: either fits, none placed).
    left = Segment(name=[Token("2.政府性基", 5, 1), Token("金预算", 5, 2)])
    right = Segment(name=[Token("三、城乡社区", 5, 1), Token("支出", 5, 3)], figures=[Token("33,775,592", 5, 2)])
    assert share_figures_below([left, right], lambda side, figures: len(figures) <= 1) is None


def test_a_budgets_sub_items_numbered_1_show_a_text_written_by_baseline() -> None:
    lines = _lines(
        "一、财政拨款 一、社会保障\n47,483,458 6,397,096\n收入 和就业支出\n1.一般公共 二、卫生健康\n"
        "47,483,458 1,439,040\n预算 支出\n2.政府性基 三、城乡社区\n33,775,592\n金预算 支出\n"
        "收入总计 47,483,458 支出总计 47,483,458"
    )
    assert is_written_by_baseline(lines, coded=False)


# The 财务收支预算总表 of a budget as pdfplumber writes it with its labels wrapped at six characters.
BUDGET_OVERVIEW = """2026年部门财务收支预算总表
单位：元
收入 收入 支出 支出
项目 预算数 项目 预算数
一、财政拨款 一、社会保障
47,483,458 6,397,096
收入 和就业支出
1.一般公共 二、卫生健康
47,483,458 1,439,040
预算 支出
2.政府性基 三、城乡社区
33,775,592
金预算 支出
3.国有资本 四、住房保障
5,871,730
经营预算 支出
二、事业收入
三、事业单位
经营收入
四、其他收入
收入总计 47,483,458 支出总计 47,483,458
"""


def test_a_budget_overviews_wrapped_labels_keep_their_sides() -> None:
    document = read_text(BUDGET_OVERVIEW + "\f", "overview.txt")
    grid = next(b.table for b in document.blocks if b.table is not None).grid()
    assert ["一、财政拨款收入", "47,483,458", "一、社会保障和就业支出", "6,397,096"] in grid
    assert ["1.一般公共预算", "47,483,458", "二、卫生健康支出", "1,439,040"] in grid
    assert ["三、事业单位经营收入", "", "", ""] in grid
    # 33,775,592 under 2.政府性基金预算 and 三、城乡社区支出, each able to hold it (reported, in no
    # cell, before): only on the spending side do the items add up to 支出总计 (lone_figures.py).
    assert ["2.政府性基金预算", "", "三、城乡社区支出", "33,775,592"] in grid
    assert ["3.国有资本经营预算", "", "四、住房保障支出", "5,871,730"] in grid
    assert document.ambiguous_cells == []


def test_a_budget_overview_whose_items_miss_their_total_places_no_figure_either_side_holds() -> None:
    """支出总计 100 more than its items: no way of sharing 33,775,592 and 5,871,730 keeps it."""
    document = read_text(BUDGET_OVERVIEW.replace("支出总计 47,483,458", "支出总计 47,483,558") + "\f", "overview.txt")
    grid = next(b.table for b in document.blocks if b.table is not None).grid()
    assert ["2.政府性基金预算", "", "三、城乡社区支出", ""] in grid
    assert {"33,775,592", "5,871,730"} <= {cell.figure for cell in document.ambiguous_cells}


# pdftotext's default text of the same overview: a cell a line, each column's cells one under another,
# so no line prints a row and no band of lines is a row of both sides.
A_CELL_A_LINE = """十二、农林水支出
十三、交通运输支出
政府性基金预
算
财政拨款
国有资本经营
预
算财政拨
款
本年收入合计
2,940.05
21.63"""


def test_only_text_printing_a_row_on_a_line_is_read_by_its_sides() -> None:
    # Tried on a cell a line, the sides' search would walk 2 ** n ways of each band for nothing: the
    # labels take the lines under them instead, as in a one-sided table.
    assert not _prints_a_row_on_a_line(_lines(A_CELL_A_LINE))
    rows = gather_baseline_rows(_lines(A_CELL_A_LINE), coded=False, two_labelled_sides=True, unsure=[])
    assert [[t.text for t in row] for row in rows] == [
        ["十二、农林水支出"],
        ["十三、交通运输支出", "政府性基金预", "算", "财政拨款", "国有资本经营", "预", "算财政拨", "款"],
        ["本年收入合计", "2,940.05", "21.63"],
    ]
    assert _prints_a_row_on_a_line(_lines(INTERLEAVED))  # 6.20 保障和就 326.71
    assert _prints_a_row_on_a_line(_lines("本年收入 本年支出\n2,946.25 2,940.05\n合计 合计"))


# The final account's 财政拨款收入支出决算总表 on portrait pages, its labels wrapped at five characters,
# dashes in its empty cells, as pdfplumber writes it: a spending label over three lines, centred on
# its row, prints its middle piece on the line of its figures (the blank income side's dash first);
# the income side's 三、国有资本经营预算财政拨款 runs on past the spending side's next label (its 拨款
# among 十一、城乡社区支出's pieces); a carry-over's 款 opens the line of its figures.
PORTRAIT_FISCAL_OVERVIEW = """七、文化旅
游
体育与传媒
支
出
八、社会保
- 障 326.71 326.71 - -
和就业支出
九、卫生健
- 康 60.99 60.99 - -
支出
三、国有资 十、节能环
本 保
经营预算财 支出
政
十一、城乡
拨款
社
区支出
十二、农林
水
支出
本年收入合 本年支出合
2,940.05 2,940.05 2,940.05 - -
计 计
年初财政拨 年末财政拨
款 21.63 款 21.63 21.63 - -
结转和结余 结转和结余"""


def test_figures_printed_among_a_labels_pieces_show_a_text_written_by_baseline() -> None:
    """Its labels print no figure beside them, nor on a line of figures alone below (the figures' line
    opens with the label's middle piece, 障): it was read row by row, each line a row, and 八、社会保
    / 障和就业支出 (326.71), 九、卫生健 / 康支出, 十九、住房 / 保障支出 made three wrong facts. The
    same rows written row by row (pypdfium2, -raw) print the figures after the label's last piece."""
    items = PORTRAIT_FISCAL_OVERVIEW.split("本年收入合")[0]  # the totals' figures print on a line alone
    assert is_written_by_baseline(_lines(items), coded=False)
    by_rows = "八、社会保障\n和就业支出 326.71\n九、卫生健康\n支出 60.99\n十、节能环保\n支出"
    assert not is_written_by_baseline(_lines(by_rows), coded=False)
    raw = "八、社会保\n障\n和就业支出\n326.71 326.71 - -\n九、卫生健\n康\n支出\n60.99 60.99 - -"
    assert not is_written_by_baseline(_lines(raw), coded=False)


def test_a_blank_sides_dash_and_a_stray_piece_leave_each_label_its_own_pieces() -> None:
    """The blank income side's dash (``- 障 326.71``) is an empty cell, not a figure of a side without
    a label (the band read no way, its figures reported); the 拨款 printed among 十一、城乡社区支出's
    pieces makes that label none of the classification's (城乡拨款社区支出): the band is not read; a
    carry-over's 款 opening its figures' line is the label's piece, no header's level word."""
    rows, unsure = _rows(PORTRAIT_FISCAL_OVERVIEW)
    assert unsure == []  # the bands not read print no figure
    assert [" ".join(row) for row in rows] == [
        "七、文化旅 游 体育与传媒 支 出",
        "八、社会保 障 和就业支出 326.71 326.71 - -",
        "九、卫生健 康 支出 60.99 60.99 - -",
        "十二、农林 水 支出",
        "本年收入合 计 本年支出合 计 2,940.05 2,940.05 2,940.05 - -",  # figures either side's: the placement's
        "年初财政拨 款 结转和结余 21.63 年末财政拨 款 结转和结余 21.63 21.63 - -",
    ]


def test_a_labels_piece_ku_opening_its_figures_line_is_no_header_word() -> None:
    """款 opening a line is a coded table's header word left over (类 款 项) only where the table has
    codes: in an overview it is a label's piece (年初财政拨 / 款 21.63), which was dropped
    (年初财政拨结转和结余)."""
    carry_over = PORTRAIT_FISCAL_OVERVIEW.split("计 计\n")[1]
    rows = gather_baseline_rows(_lines(carry_over), coded=False, two_labelled_sides=True)
    assert [" ".join(t.text for t in row) for row in rows] == [
        "年初财政拨 款 结转和结余 21.63 年末财政拨 款 结转和结余 21.63 21.63 - -"
    ]


# The same overview with the amounts printed with separators, its labels wrapped at four characters:
# the label cells are narrower still, and a label breaks again in its cell (八、社 / 会), five lines
# centred on its row, its figures on the middle one, two pieces alone above it.
FIVE_LINE_LABELS = """八、社
会
- 保障和 326.71 326.71 - -
就
业支出
九、卫
生
- 60.99 60.99 - -
健康支
出
十、节
能
环保支
出
本年收 本年支
入 2,940.05 出 2,940.05 2,940.05 - -
合计 合计
总计 2,961.68 总计 2,961.68 2,961.68 - -"""


def test_figures_on_the_middle_of_five_lines_show_a_text_written_by_baseline() -> None:
    """八、社 and 九、卫 print no figure on the line under them: they counted for neither writing,
    总计 (figures beside it) for one row per line, and the overview was read so (保障和就业支出, no
    code). Past its pieces alone, a label's figures on a line with pieces of it after count."""
    assert is_written_by_baseline(_lines(FIVE_LINE_LABELS), coded=False)
    # Written row by row, a wrapped label's figures follow its last piece, or a line of their own with
    # the next label after (-raw); a left label's figure opens the right one's line (pypdfium2).
    raw = "八、社\n会\n保障和\n就\n业支出\n326.71 326.71 - -\n九、卫\n生\n健康支\n出\n60.99 60.99 - -\n总计 2,961.68"
    assert not is_written_by_baseline(_lines(raw), coded=False)
    by_rows = (
        "八、社会保\n障和就业支 出\n326.71\n本年收入合\n计\n2946.25 本年支出合\n计\n2940.05\n总计 2995.39 总计 2995.39"
    )
    assert not is_written_by_baseline(_lines(by_rows), coded=False)


def test_a_labels_pieces_over_five_lines_make_it_whole() -> None:
    rows, unsure = _rows(FIVE_LINE_LABELS)
    assert unsure == []
    assert [" ".join(row) for row in rows] == [
        "八、社 会 保障和 就 业支出 326.71 326.71 - -",
        "九、卫 生 健康支 出 - 60.99 60.99 - -",  # a line of figures alone: either side's, the placement's
        "十、节 能 环保支 出",
        # 本年收 / 入 / 合计: 入合计 is worded as a total too, and would open a row of its own.
        "本年收入合计 2,940.05 本年支出合计 2,940.05 2,940.05 - -",
        "总计 2,961.68 总计 2,961.68 2,961.68 - -",
    ]


# The final account's 收入支出决算总表 with names wrapped at 8 characters (pdfplumber): the labels
# fitting a line print their figures beside them as in any text, three wrapped ones around theirs.
WRAPPED_AT_EIGHT = """一、一般公共预算 一、一般公共服务
2,940.05 2,106.66
财政拨款收入 支出
二、政府性基金预
二、外交支出
算财政拨款收入
四、上级补助收入 四、公共安全支出
八、社会保障和就
八、其他收入 6.20 326.71
业支出
- 九、卫生健康支出 60.99
十九、住房保障支
- 445.69
出
本年收入合计 2,946.25 本年支出合计 2,940.05
年初结转和结余 49.14 年末结转和结余 55.34
总计 2,995.39 总计 2,995.39"""

# pypdfium2's text of the same overview, names wrapped at 5: each label's figures after its last piece.
PYPDFIUM2_WRAPPED_AT_FIVE = """一、一般公
共预算财政
拨款收入
2940.05 一、一般公
共服务支出 2106.66
八、其他收 入
6.20
八、社会保
障和就业支 出
326.71
-
九、卫生健
康支出 60.99
本年收入合
计
2946.25 本年支出合
计
2940.05
年初结转和
结余 49.14 年末结转和
结余 55.34
总计 2995.39 总计 2995.39"""


def test_figures_with_a_labels_pieces_after_them_outweigh_labels_on_one_line() -> None:
    """Three labels print their figures under them, three (本年收入合计, 年初结转和结余, 总计) beside
    them: it was read one row per line, its 201 and 208 全部资金 lines lost and garbled labels made.
    A label fitting a line prints its figures beside it whatever the writing, but only a text written
    by baseline prints a label's pieces after its figures' line (its figures on its middle line):
    such a label counts twice."""
    assert is_written_by_baseline(_lines(WRAPPED_AT_EIGHT), coded=False)
    assert not is_written_by_baseline(_lines(PYPDFIUM2_WRAPPED_AT_FIVE), coded=False)


def test_a_label_naming_the_other_sides_word_is_no_label_of_its_side() -> None:
    """三、国有资本经营预算 reads whole (a budget's income by fund alone) and 三、国防支出财政拨款 as an
    income label (拨款): the band was cut after the first line, each part read one way. A label
    naming the other side (an income label saying 支出) is two labels' pieces."""
    rows, unsure = _rows("三、国有资本经营预算\n三、国防支出\n财政拨款\n四、公共安全支出")
    assert unsure == []
    assert [" ".join(row) for row in rows] == ["三、国有资本经营预算 财政拨款 三、国防支出", "四、公共安全支出"]
