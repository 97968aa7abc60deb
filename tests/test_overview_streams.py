"""What ``overview_streams`` reads around an overview written in streams: which fund tables say
they print nothing (their fund has no income, spending or carry-over in the overviews), which
row a figure written on a line with a label is on, and what the fiscal overview says of the
overview's rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.linear_tables import LinearTable, SourceLine
from budget_reports.readers.overview_labels import INCOME, OVERVIEW_FIGURE, SPENDING, Role, side_labels
from budget_reports.readers.overview_streams import (
    _cells,
    _figures_between_facing_labels,
    _figures_lost,
    _from_fiscal,
    _from_overview,
    _no_data_tables,
    _rows_printed_on,
    _written_in_streams,
    figure_test,
)
from budget_reports.readers.passed_over_titles import PassedOver
from budget_reports.readers.table_headers import LAYOUTS
from budget_reports.readers.table_relations import PlacedSide, RebuiltTable

OVERVIEW = next(layout for layout in LAYOUTS if layout.name == "收入支出总表")
BUDGET_OVERVIEW = next(layout for layout in LAYOUTS if layout.name == "收支预算总表")
FISCAL = next(layout for layout in LAYOUTS if layout.name == "财政拨款收入支出总表")
BUDGET_FISCAL = next(layout for layout in LAYOUTS if layout.name == "财政拨款收支预算总表")
BUDGET_INCOME = next(layout for layout in LAYOUTS if layout.name == "收入预算总表")

TITLE = "国有资本经营预算财政拨款收入支出决算表"
HEADER = ["单位：万元", "项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]
NOTE = "注：本单位无国有资本经营预算财政拨款支出，故本表无数据。"
# The report's prose after its last table: nothing but the text's end closes the table.
PROSE = ["第三部分 决算情况说明", "行政运行年初预算为 1560.05 万元，支出决算为1511.89万元。"]


def _empty(texts: list[str]) -> set[TableKind]:
    lines = [SourceLine(1, n, text) for n, text in enumerate(texts, start=1)]
    return _no_data_tables(lines, [PassedOver(0, TableKind.STATE_CAPITAL, len(HEADER) + 1, len(lines))])


def test_a_fund_table_saying_it_has_no_data_prints_nothing_whatever_prose_follows() -> None:
    """The figures of the prose after the note are no part of the table."""
    assert _empty([TITLE, *HEADER, NOTE, *PROSE]) == {TableKind.STATE_CAPITAL}


def test_a_fund_table_printing_a_figure_before_its_note_is_not_empty() -> None:
    assert _empty([TITLE, *HEADER, "合计 12.50", NOTE, *PROSE]) == set()


def test_a_fund_table_not_saying_it_has_no_data_is_not_empty() -> None:
    assert _empty([TITLE, *HEADER, *PROSE]) == set()


# The 收入支出决算总表 as pdftotext (default) writes it from another producer's PDF: the two sides'
# labels line by line, an income figure before the spending label printed on its line.
GLUED = [
    "收入",
    "项目",
    "支出",
    "决算数",
    "项目",
    "一、一般公共预算财政拨款收入",
    "2,940.05 一、一般公共服务支出",
    "二、其他收入",
    "决算数",
    "2,106.66",
    "6.20 二、社会保障和就业支出",
    "326.71",
    "三、卫生健康支出",
    "本年收入合计",
    "2,946.25 本年支出合计",
    "年初结转和结余",
    "总计",
    "2,433.37",
    "49.14 年末结转和结余",
    "2,995.39 总计",
    "562.02",
    "2,995.39",
]


def test_an_income_figure_on_a_spending_label_s_line_is_on_the_income_row_of_that_line() -> None:
    span = [cell for n, text in enumerate(GLUED, start=1) for cell in _cells(SourceLine(5, n, text))]
    sides = side_labels(span, OVERVIEW)
    assert sides is not None
    at = [k for k, cell in enumerate(span) if OVERVIEW_FIGURE.match(cell.text)]
    rows = _rows_printed_on(span, at, sides)
    income = sides[INCOME]
    assert {span[at[n]].text: income[row].text for n, (side, row) in rows.items() if side == INCOME} == {
        "2,940.05": "一、一般公共预算财政拨款收入",
        "6.20": "二、其他收入",
        "2,946.25": "本年收入合计",
        "49.14": "年初结转和结余",
        "2,995.39": "总计",
    }
    assert len(rows) == 5  # the spending side's figures, alone on their lines, are left to the search


# The national template's 部门收支总表 as some departments set it: the income side's totals right
# after its items, against spending items; only the 总计 lines are shared.
UNALIGNED = [
    "收入",
    "项目",
    "支出",
    "预算数",
    "项目",
    "一、一般公共预算拨款收入",
    "21,984,683 一、一般公共服务支出",
    "预算数",
    "3,712,453",
    "二、事业收入",
    "二、社会保障和就业支出",
    "6,758,057",
    "本年收入合计",
    "21,984,683 三、卫生健康支出",
    "1,410,998",
    "上年结转",
    "1,250,000 本年支出合计",
    "20,881,738",
    "年终结转结余",
    "1,250,000",
    "收入总计",
    "23,234,683 支出总计",
    "23,234,683",
]


@pytest.mark.parametrize("total_alone", [False, True])
def test_sides_the_text_pairs_otherwise_than_their_roles_place_no_figure_by_its_line(total_alone: bool) -> None:
    """本年收入合计 is written before 三、卫生健康支出's line, 上年结转 before 本年支出合计's: the rows'
    roles do not pair the sides' lines here (1,250,000 would go to 本年收入合计): every figure is
    left to the search, whether or not 本年收入合计's figure is written on 三、卫生健康支出's line."""
    texts = [*UNALIGNED]
    if total_alone:
        texts[texts.index("21,984,683 三、卫生健康支出")] = "21,984,683\n三、卫生健康支出"
        texts = [line for text in texts for line in text.split("\n")]
    span = [cell for n, text in enumerate(texts, start=1) for cell in _cells(SourceLine(5, n, text))]
    sides = side_labels(span, BUDGET_OVERVIEW.fitted("".join(UNALIGNED)))
    assert sides is not None
    at = [k for k, cell in enumerate(span) if OVERVIEW_FIGURE.match(cell.text)]
    assert _rows_printed_on(span, at, sides) == {}


def test_the_fiscal_overview_bounds_the_overview_s_classes_and_totals_from_below() -> None:
    """A class spends at least its appropriations, the year's totals and 总计 are at least the
    fiscal overview's; a class the fiscal overview leaves empty may spend other funds: unbounded."""
    texts = ["一、一般公共预算财政拨款收入", "一、一般公共服务支出", "二、其他收入", "二、外交支出"]
    texts += ["三、卫生健康支出", "本年收入合计", "本年支出合计", "总计", "总计"]
    sides = side_labels([BlockLine(text, 5, n) for n, text in enumerate(texts, start=1)], OVERVIEW)
    assert sides is not None
    fiscal = {
        (SPENDING, Role.ITEM, "一般公共服务支出"): Decimal("2106.66"),
        (SPENDING, Role.ITEM, "外交支出"): None,
        (SPENDING, Role.YEAR_TOTAL, None): Decimal("2940.05"),
        (INCOME, Role.GRAND_TOTAL, None): Decimal("2961.68"),
    }
    known = _from_fiscal(sides, fiscal)
    assert {cell: (k.value, k.at_least) for cell, k in known.items()} == {
        (SPENDING, 0, 0): (Decimal("2106.66"), True),
        (SPENDING, 3, 0): (Decimal("2940.05"), True),
        (INCOME, 3, 0): (Decimal("2961.68"), True),
    }


def test_the_overview_empties_the_fiscal_overview_s_classes_it_leaves_empty() -> None:
    """A class the overview of all funds leaves empty spends no appropriation: its fiscal row is
    empty in every column; a class it fills says nothing (other funds may pay part of it). A fund's
    income of the year is the overview's."""
    texts = ["一、一般公共预算财政拨款", "一、一般公共服务支出", "二、政府性基金预算财政拨款", "二、外交支出"]
    texts += ["本年收入合计", "本年支出合计", "总计", "总计"]
    sides = side_labels([BlockLine(text, 9, n) for n, text in enumerate(texts, start=1)], FISCAL)
    assert sides is not None
    overall = {
        (SPENDING, Role.ITEM, "一般公共服务支出"): Decimal("2106.66"),
        (SPENDING, Role.ITEM, "外交支出"): None,
        (INCOME, Role.ITEM, "一般公共预算"): Decimal("2940.05"),
        (INCOME, Role.ITEM, "政府性基金"): None,
    }
    known = _from_overview(sides, FISCAL, overall)
    assert {cell: k.value for cell, k in known.items()} == {
        **{(SPENDING, 1, c): Decimal(0) for c in range(4)},
        (INCOME, 0, 0): Decimal("2940.05"),
        (INCOME, 1, 0): Decimal(0),
    }


# Putuo's 财政拨款收支预算总表 (in 元) printed with whole amounts and names wrapped at eight
# characters, as pdftotext (default) writes it: the lines after the title, up to the next title.
WHOLE = [
    "编制部门：普陀区城市管理行政执法局 单位：元",
    "-9-",
    *("收入", "收入", "支出", "支出", "支出", "支出", "支出", "项目", "预算数", "项目", "合计"),
    *("一般公共预算", "政府性基金预算", "国有资本经营预算"),
    *("一、社会保障和就", "业支出", "6397096", "6397096", "二、政府性基金预", "算", "二、卫生健康支出"),
    *("1439040", "1439040", "三、国有资本经营", "预算", "三、城乡社区支出", "33775592", "33775592"),
    *("四、住房保障支出", "5871730", "5871730", "47483458", "47483458", "一、一般公共预算", "收入总计"),
    *("47483458", "47483458 支出总计", "- 10 -"),
]


def _source(texts: list[str]) -> list[SourceLine]:
    return [SourceLine(9, n, text) for n, text in enumerate(texts, start=1)]


def test_an_overview_in_yuan_prints_its_figures_whole_in_streams() -> None:
    """A table in 元 may print every amount whole, and an overview prints no code to take one for:
    its whole numbers are its figures, written in streams; the page number is none of them."""
    lines = _source(WHOLE)
    is_figure = figure_test(lines)
    assert _written_in_streams(lines, is_figure)
    span = [cell for line in lines for cell in _cells(line, is_figure)]
    assert [cell.text for cell in span[-3:]] == ["47483458", "支出总计", "- 10 -"]
    sides = side_labels(span, BUDGET_FISCAL.fitted("".join(WHOLE)), is_figure)
    assert sides is not None
    assert [label.text for label in sides[INCOME]] == [
        "一、一般公共预算",
        "二、政府性基金预算",
        "三、国有资本经营预算",
        "收入总计",
    ]
    assert [label.text for label in sides[SPENDING]][-2:] == ["四、住房保障支出", "支出总计"]
    figures = [cell.text for cell in span if is_figure(cell.text)]
    assert len(figures) == 12 and figures[-1] == "47483458"


def test_whole_numbers_are_an_overview_s_figures_in_yuan_only() -> None:
    """In 万元 an amount prints its decimals: a whole number is no figure there (as before)."""
    lines = _source([WHOLE[0].replace("单位：元", "单位：万元"), *WHOLE[1:]])
    assert not figure_test(lines)("47483458")
    assert not _written_in_streams(lines, figure_test(lines))


@pytest.mark.parametrize(
    "numbered",
    [[], ["栏次", "1 栏次", "2", "3"], ["项目", "行次", "金额"], ["项目", "行", "次", "收入"]],
    ids=["none", "栏次", "行次", "行 / 次 wrapped"],
)
def test_a_column_number_is_no_figure_where_the_overview_prints_its_column_numbers(numbered: list[str]) -> None:
    """Where the overview prints a 栏次 row, its one- or two-digit numbers are the columns' (2, 3 …
    written alone on their lines), where it prints a 行次 column (its head wrapped in the narrow cell
    too: 行 / 次) the rows'; elsewhere a small whole amount in 元 is a figure."""
    header = numbered
    is_figure = figure_test(_source([WHOLE[0], *header, *WHOLE[1:]]))
    assert is_figure("2") is not bool(numbered)
    assert is_figure("47483458") and is_figure("0") and not is_figure("05")


def _read_without_figures(texts: list[str]) -> LinearTable:
    """The 收入预算总表 titled at line 0 and read as its 208 row alone, with no figure."""
    segment = Segment(code=[Token("208", 5, 7)], name=[Token("社会保障和就业支出", 5, 8)])
    row = PlacedSide(BUDGET_INCOME.sides[0], segment, RowFigures(()))
    rebuilt = RebuiltTable(TableKind.BUDGET_INCOME, BUDGET_INCOME, [[row]])
    return LinearTable(0, len(texts), [], [], rebuilt=rebuilt)


HEADER_IN_YUAN = ["2026年部门收入预算总表", "单位：元", "-5-", "科目编码", "科目名称", "合计", "财政拨款收入"]


def test_a_table_read_without_the_figures_its_lines_print_is_not_taken_for_empty() -> None:
    """A coded table whose whole figures its reader could not place beside wrapped names: the
    overview learns nothing from it (not that its classes spend nothing)."""
    texts = [*HEADER_IN_YUAN, "208", "社会保障和就业支", "出", "6397096", "6397096", "- 6 -"]
    assert _figures_lost(_source(texts), _read_without_figures(texts))


def test_a_table_printing_no_figure_has_lost_none() -> None:
    """Its header, its row's code and its page number print no figure: the table prints nothing."""
    texts = [*HEADER_IN_YUAN, "208", "社会保障和就业支出", "- 6 -"]
    assert not _figures_lost(_source(texts), _read_without_figures(texts))


# An overview's rows a cell to a line, row after row (PyMuPDF), and as pdftotext's default text
# writes figures apart from their rows (a figure before its row's label, after the other side's).
_ROW_ORDER = ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66", "八、其他收入", "6.20"]
_ROW_ORDER += ["八、社会保障和就业支出", "326.71", "本年收入合计", "2,946.25", "本年支出合计", "2,433.37"]
_ROW_ORDER += ["总计", "2,946.25", "总计", "2,433.37"]
_APART = ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "6.20", "八、其他收入"]
_APART += ["八、社会保障和就业支出", "本年收入合计", "本年支出合计", "总计", "总计"]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Figures (by their order) between the two labels of their line: 2,940.05 (一、), 6.20 (八、),
        # the year's total and 总计's income figure; the spending side's follow their labels only.
        (_ROW_ORDER, {0: 0, 2: 1, 4: 2, 6: 3}),
        # 6.20 stands between a spending label and the next row's income label: on no one line.
        (_APART, {0: 0}),
    ],
)
def test_a_figure_between_the_two_labels_of_its_line_is_on_that_lines_income_row(
    texts: list[str], expected: dict[int, int]
) -> None:
    span = [BlockLine(text, 1, k) for k, text in enumerate(texts, start=1)]
    sides = side_labels(span, OVERVIEW)
    assert sides is not None
    at = [k for k, line in enumerate(span) if OVERVIEW_FIGURE.match(line.text)]
    assert _figures_between_facing_labels(span, at, sides) == {n: (INCOME, row) for n, row in expected.items()}
