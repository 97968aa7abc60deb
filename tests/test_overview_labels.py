"""The side and role of an overview's row labels, as provinces and levels word them, and the labels
of a stream put back together (wrapped pieces joined, header cells dropped)."""

from __future__ import annotations

import pytest

from budget_reports.normalize import compact
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.linear_rows import Token
from budget_reports.readers.overview_labels import (
    INCOME,
    SIDE_WORDS,
    SPENDING,
    Role,
    cut_labels_left_out,
    facing_row,
    label_ends_joined,
    named_side,
    side_labels,
    totals_joined,
)
from budget_reports.readers.table_headers import LAYOUTS, HeaderLayout
from budget_reports.readers.text import read_text

OVERVIEW = next(layout for layout in LAYOUTS if layout.name == "收入支出总表")
FISCAL = next(layout for layout in LAYOUTS if layout.name == "财政拨款收入支出总表")

# (label as printed, side, role)
WORDINGS = [
    ("一、一般公共预算财政拨款收入", INCOME, Role.ITEM),
    ("一、财政拨款收入", INCOME, Role.ITEM),
    ("（一）一般公共预算财政拨款", INCOME, Role.ITEM),
    ("二、上级补助收入", INCOME, Role.ITEM),
    ("5.事业收入", INCOME, Role.ITEM),
    ("本年收入合计", INCOME, Role.YEAR_TOTAL),
    ("收入合计", INCOME, Role.YEAR_TOTAL),
    ("使用非财政拨款结余（含专用结余）", INCOME, Role.OTHER),
    ("用事业基金弥补收支差额", INCOME, Role.OTHER),
    ("年初结转和结余", INCOME, Role.CARRY),
    ("上年结转", INCOME, Role.CARRY),
    ("年初财政拨款结转和结余", INCOME, Role.CARRY),
    ("收入总计", INCOME, Role.GRAND_TOTAL),
    ("一、一般公共服务支出", SPENDING, Role.ITEM),
    ("十九、住房保障支出", SPENDING, Role.ITEM),
    ("二十六、抗疫特别国债安排的支出", SPENDING, Role.ITEM),
    ("本年支出合计", SPENDING, Role.YEAR_TOTAL),
    ("支出合计", SPENDING, Role.YEAR_TOTAL),
    ("结余分配", SPENDING, Role.OTHER),
    ("年末结转和结余", SPENDING, Role.CARRY),
    ("年末财政拨款结转和结余", SPENDING, Role.CARRY),
    ("结转下年", SPENDING, Role.CARRY),
    ("年末结转", SPENDING, Role.CARRY),
    ("支出总计", SPENDING, Role.GRAND_TOTAL),
    # Budgets (部门预算): Shanghai's 财政拨款收支预算总表 names its income by fund alone; the national
    # template (部门收支总表, 财政拨款收支总表: Sichuan, Guangdong …) by fund and 拨款, its year's
    # income and spending over their items, its carry-over to the next year 年终结转结余.
    ("一、一般公共预算", INCOME, Role.ITEM),
    ("二、政府性基金预算", INCOME, Role.ITEM),
    ("3.国有资本经营预算", INCOME, Role.ITEM),
    ("一、一般公共预算拨款收入", INCOME, Role.ITEM),
    ("（一）一般公共预算拨款", INCOME, Role.ITEM),
    ("四、财政专户管理资金收入", INCOME, Role.ITEM),
    ("八、事业单位经营收入", INCOME, Role.ITEM),
    ("一、本年收入", INCOME, Role.YEAR_TOTAL),
    ("上年结转结余", INCOME, Role.CARRY),
    ("二、上年结转", INCOME, Role.CARRY),
    ("一、本年支出", SPENDING, Role.YEAR_TOTAL),
    ("年终结转结余", SPENDING, Role.CARRY),
    ("二、年终结转结余", SPENDING, Role.CARRY),
]
BUDGET_OVERVIEW = next(layout for layout in LAYOUTS if layout.name == "收支预算总表")
BUDGET_FISCAL = next(layout for layout in LAYOUTS if layout.name == "财政拨款收支预算总表")


def _lines(texts: list[str]) -> list[BlockLine]:
    return [BlockLine(text, 3, i) for i, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(("label", "side", "role"), WORDINGS)
def test_a_label_goes_to_its_side_with_its_role(label: str, side: int, role: Role) -> None:
    other = "一、一般公共服务支出" if side == INCOME else "一、财政拨款收入"
    totals = [total for total in ("收入总计", "支出总计") if total != label]
    sides = side_labels(_lines([label, other, *totals]), OVERVIEW)
    assert sides is not None
    found = [x for x in sides[side] if x.text == compact(label)]
    assert [x.role for x in found] == [role]


# Labels naming a fund alone or its 拨款: worded alike on both sides (a carry-over's parts).
FUND_WORDED = {
    "（一）一般公共预算财政拨款",
    "一、一般公共预算",
    "二、政府性基金预算",
    "3.国有资本经营预算",
    "（一）一般公共预算拨款",
}


@pytest.mark.parametrize(("label", "side", "role"), WORDINGS)
def test_a_label_names_its_side_by_its_words(label: str, side: int, role: Role) -> None:
    """A row of one side goes to the side its words name (年初结转和结余 to the income side), a
    fund's name to none."""
    assert named_side(label) == (None if label in FUND_WORDED else SIDE_WORDS[side])


def test_a_fund_part_of_a_carry_over_names_no_side() -> None:
    assert named_side("一、一般公共预算财政拨款") is None
    assert named_side("二、政府性基金预算") is None
    assert named_side("年初结转和结 余") == "收入"
    assert named_side("八、社会保障 和就业支出") == "支出"
    assert named_side("三、国有资本") is None  # a wrapped piece


def test_wrapped_labels_are_joined_and_header_cells_dropped() -> None:
    texts = ["收入", "项目", "一、一般公共预算财政拨款", "二、政府性基金预算财政拨", "款", "支出", "项目"]
    texts += ["一、一般公共服务支出", "合计", "一般公共预算", "财", "政拨款", "七、文化旅游体育与传媒支", "出"]
    texts += ["十四、资源勘探工业信息等", "支出", "本年收入合计", "年初财政拨款结转和结余", "一、一般公共预算财政拨款"]
    texts += ["使用非财政拨款结余", "（含专用结余）", "总计", "本年支出合计", "年末财政拨款结转和结余", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    income, spending = ([x.text for x in side] for side in sides)
    assert income == [
        "一、一般公共预算财政拨款",
        "二、政府性基金预算财政拨款",
        "本年收入合计",
        "年初财政拨款结转和结余",
        "一、一般公共预算财政拨款",
        compact("使用非财政拨款结余（含专用结余）"),
        "总计",
    ]
    assert spending == [
        "一、一般公共服务支出",
        "七、文化旅游体育与传媒支出",
        "十四、资源勘探工业信息等支出",
        "本年支出合计",
        "年末财政拨款结转和结余",
        "总计",
    ]
    # The fund's line under the carry-over is a part of it, not an item of the year.
    assert [x.role for x in sides[INCOME]][3:5] == [Role.CARRY, Role.CARRY_PART]


def test_a_label_of_no_side_is_not_guessed() -> None:
    assert (
        side_labels(_lines(["一、财政拨款收入", "某某专项", "一、一般公共服务支出", "总计", "总计"]), OVERVIEW) is None
    )


def test_a_budget_overview_stream_keeps_its_fund_parts_out_of_the_items() -> None:
    """Shanghai's 财务收支预算总表 as pdftotext (default) writes it: 1.一般公共预算 … under
    一、财政拨款收入 are parts of it (numbered a level below), not items of the year."""
    texts = ["收入", "收入", "支出", "支出", "项目", "预算数", "项目", "预算数", "一、财政拨款收入"]
    texts += ["一、社会保障和就业支出", "1.一般公共预算", "二、卫生健康支出", "2.政府性基金预算", "三、城乡社区支出"]
    texts += ["3.国有资本经营预算", "四、住房保障支出", "二、事业收入", "三、事业单位经营收入", "四、其他收入"]
    texts += ["收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_OVERVIEW.fitted(compact("".join(texts))))
    assert sides is not None
    assert [(x.text, x.role) for x in sides[INCOME]] == [
        ("一、财政拨款收入", Role.ITEM),
        ("1.一般公共预算", Role.ITEM_PART),
        ("2.政府性基金预算", Role.ITEM_PART),
        ("3.国有资本经营预算", Role.ITEM_PART),
        ("二、事业收入", Role.ITEM),
        ("三、事业单位经营收入", Role.ITEM),
        ("四、其他收入", Role.ITEM),
        ("收入总计", Role.GRAND_TOTAL),
    ]
    assert [x.role for x in sides[SPENDING]] == [Role.ITEM] * 4 + [Role.GRAND_TOTAL]


def test_a_budget_fiscal_overview_drops_its_fund_columns_and_joins_a_class_wrapped_after_a_fund() -> None:
    """The 财政拨款收支预算总表: its fund columns' header cells (国有资本经营预算 an optional one)
    are no income, its income rows named by fund alone are; 国有资本经营预算支出 wrapped before 支出
    stays one spending class."""
    texts = ["收入", "支出", "项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    texts += ["一、一般公共预算", "一、社会保障和就业支出", "二、政府性基金预算", "二、国有资本经营预算", "支出"]
    texts += ["三、国有资本经营预算", "收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_FISCAL.fitted(compact("".join(texts))))
    assert sides is not None
    income, spending = ([x.text for x in side] for side in sides)
    assert income == ["一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算", "收入总计"]
    assert spending == ["一、社会保障和就业支出", "二、国有资本经营预算支出", "支出总计"]
    assert all(x.role is Role.ITEM for x in sides[INCOME][:3])


NATIONAL_INCOME = ["一、本年收入", "（一）一般公共预算拨款", "（二）政府性基金预算拨款", "（三）国有资本经营预算拨款"]
NATIONAL_INCOME += ["二、上年结转", "（一）一般公共预算拨款", "（二）政府性基金预算拨款", "（三）国有资本经营预算拨款"]
NATIONAL_CARRY = [
    "二、年终结转结余",
    "（一）一般公共预算拨款",
    "（二）政府性基金预算拨款",
    "（三）国有资本经营预算拨款",
]
NATIONAL_HEADER = [
    "收入",
    "支出",
    "项目",
    "预算数",
    "项目",
    "合计",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
]


def _interleaved(income: list[str], spending: list[str]) -> list[str]:
    """Two sides' labels as pdftotext (default) writes a row: the income cell before the spending's."""
    out = []
    for r in range(max(len(income), len(spending))):
        out += [*income[r : r + 1], *spending[r : r + 1]]
    return out


@pytest.mark.parametrize("classes", [1, 2, 3, 5, 9])
def test_the_national_templates_spending_carry_over_keeps_its_fund_parts(classes: int) -> None:
    """The national template's 财政拨款收支总表: under 二、年终结转结余 the spending side prints each
    fund's part worded as the income side's (（一）一般公共预算拨款 …). They are the spending
    carry-over's parts wherever its rows fall against the income side's (before, beside or after
    二、上年结转 and its parts)."""
    spending = ["一、本年支出", *(f"（{'一二三四五六七八九'[k]}）第{k}类支出" for k in range(classes)), *NATIONAL_CARRY]
    texts = [*NATIONAL_HEADER, *_interleaved(NATIONAL_INCOME, spending), "收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_FISCAL.fitted(compact("".join(texts))))
    assert sides is not None
    assert [x.text for x in sides[INCOME]] == [compact(t) for t in [*NATIONAL_INCOME, "收入总计"]]
    assert [x.text for x in sides[SPENDING]] == [compact(t) for t in [*spending, "支出总计"]]
    assert [x.role for x in sides[SPENDING]][-5:] == [Role.CARRY, *[Role.CARRY_PART] * 3, Role.GRAND_TOTAL]
    assert [x.role for x in sides[INCOME]][4:] == [Role.CARRY, *[Role.CARRY_PART] * 3, Role.GRAND_TOTAL]


def test_a_final_accounts_spending_carry_over_keeps_its_fund_parts() -> None:
    """财政拨款收入支出决算总表 printing each fund's share of 年末财政拨款结转和结余 under it, numbered
    (unnumbered, a share reads as the fund's header cell and is dropped with the header)."""
    funds = ["（一）一般公共预算财政拨款", "（二）政府性基金预算财政拨款"]
    income = [
        "一、一般公共预算财政拨款",
        "二、政府性基金预算财政拨款",
        "本年收入合计",
        "年初财政拨款结转和结余",
        *funds,
    ]
    spending = ["一、一般公共服务支出", "二、教育支出", "本年支出合计", "年末财政拨款结转和结余", *funds]
    texts = [*_interleaved(income, spending), "总计", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    assert [x.text for x in sides[INCOME]] == [compact(t) for t in [*income, "总计"]]
    assert [x.text for x in sides[SPENDING]] == [compact(t) for t in [*spending, "总计"]]
    assert [x.role for x in sides[SPENDING]][3:] == [Role.CARRY, Role.CARRY_PART, Role.CARRY_PART, Role.GRAND_TOTAL]


def test_a_fund_part_with_no_spending_carry_over_open_stays_income() -> None:
    """Before the spending side's carry-over, a fund's part is the income side's (its year's income)."""
    texts = [*NATIONAL_HEADER, "一、本年收入", "一、本年支出", "（一）一般公共预算拨款", "（一）教育支出"]
    texts += ["（二）政府性基金预算拨款", "二、年终结转结余", "收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_FISCAL.fitted(compact("".join(texts))))
    assert sides is not None
    assert [x.text for x in sides[INCOME]][1:3] == [
        compact("（一）一般公共预算拨款"),
        compact("（二）政府性基金预算拨款"),
    ]
    assert [x.role for x in sides[SPENDING]] == [Role.YEAR_TOTAL, Role.ITEM, Role.CARRY, Role.GRAND_TOTAL]


def test_items_written_out_of_order_go_back_to_their_numbers_order() -> None:
    """pdftotext writes the items printing figures before the empty ones (八、九 before 四 … 七): the
    numbers, one to the run's length each once, give the order the page printed."""
    items = ["一、一般公共服务支出", "二、外交支出", "三、国防支出", "八、社会保障和就业支出", "九、卫生健康支出"]
    items += ["四、公共安全支出", "五、教育支出", "六、科学技术支出", "七、文化旅游体育与传媒支出"]
    texts = ["一、一般公共预算财政拨款", *items, "本年收入合计", "本年支出合计", "总计", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    assert [x.text for x in sides[SPENDING]][:9] == sorted(items, key=lambda text: "一二三四五六七八九".index(text[0]))


def test_a_run_of_items_not_numbered_one_to_its_length_stays_as_written() -> None:
    texts = ["一、一般公共预算财政拨款", "九、卫生健康支出", "一、一般公共服务支出", "本年收入合计", "本年支出合计"]
    sides = side_labels(_lines([*texts, "总计", "总计"]), FISCAL)
    assert sides is not None
    assert [x.text for x in sides[SPENDING]][:2] == ["九、卫生健康支出", "一、一般公共服务支出"]


def test_page_and_column_numbers_among_the_labels_are_none() -> None:
    texts = ["收入", "项目", "栏次", "1 栏次", "一、一般公共预算财政拨款", "2", "一、一般公共服务支出", "-5-"]
    texts += ["本年收入合计", "- 6 -", "本年支出合计", "第7页", "总计", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    assert [x.text for x in sides[INCOME]] == ["一、一般公共预算财政拨款", "本年收入合计", "总计"]
    assert [x.text for x in sides[SPENDING]] == ["一、一般公共服务支出", "本年支出合计", "总计"]


def test_a_fund_name_wrapped_before_its_appropriation_is_one_label() -> None:
    """A narrow cell wraps 三、国有资本经营预算财政拨款 after the fund's name: the name alone reads
    as a whole label (a budget's income from that fund), but no row is labelled 财政拨款 alone."""
    income = ["一、一般公共预算财政", "拨款", "二、政府性基金预算财", "政拨款", "三、国有资本经营预算", "财政拨款"]
    carry = ["年初财政拨款结转和结余", "一、一般公共预算", "拨款", "二、政府性基金预算", "财政拨款"]
    texts = [*income, "一、一般公共服务支出", "本年收入合计", "本年支出合计", *carry, "总计", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    assert [(x.text, x.role) for x in sides[INCOME]] == [
        ("一、一般公共预算财政拨款", Role.ITEM),
        ("二、政府性基金预算财政拨款", Role.ITEM),
        ("三、国有资本经营预算财政拨款", Role.ITEM),
        ("本年收入合计", Role.YEAR_TOTAL),
        ("年初财政拨款结转和结余", Role.CARRY),
        ("一、一般公共预算拨款", Role.CARRY_PART),
        ("二、政府性基金预算财政拨款", Role.CARRY_PART),
        ("总计", Role.GRAND_TOTAL),
    ]


@pytest.mark.parametrize("appropriation", ["财政拨款收入", "拨款收入"])
def test_a_fund_name_wrapped_before_its_income_is_one_label(appropriation: str) -> None:
    """The final accounts' 收入支出决算总表 in a narrow cell: 三、国有资本经营预算财政拨款收入 wrapped
    after the fund's name (PyMuPDF and pdftotext write each piece on its own line). The rest is no
    row of its own: an income item is numbered, and 财政拨款收入 never stands under a fund's name."""
    income = ["一、一般公共预算财政", "拨款收入", "二、政府性基金预算", appropriation]
    income += ["三、国有资本经营预算", appropriation]
    others = ["四、上级补助收入", "八、其他收入", "一、一般公共服务支出", "本年收入合计", "本年支出合计"]
    texts = [*income, *others, "年初结转和结余", "年末结转和结余", "总计", "总计"]
    sides = side_labels(_lines(texts), OVERVIEW)
    assert sides is not None
    assert [(x.text, x.role) for x in sides[INCOME]] == [
        ("一、一般公共预算财政拨款收入", Role.ITEM),
        (f"二、政府性基金预算{appropriation}", Role.ITEM),
        (f"三、国有资本经营预算{appropriation}", Role.ITEM),
        ("四、上级补助收入", Role.ITEM),
        ("八、其他收入", Role.ITEM),
        ("本年收入合计", Role.YEAR_TOTAL),
        ("年初结转和结余", Role.CARRY),
        ("总计", Role.GRAND_TOTAL),
    ]


@pytest.mark.parametrize(
    ("year", "total"),
    [(("本年收入",), ("合计",)), (("本年收入",), ("合", "计")), (("本年收", "入"), ("合计",))],
)
def test_a_years_total_cut_into_header_words_below_the_rows_is_a_label(
    year: tuple[str, ...], total: tuple[str, ...]
) -> None:
    """A narrow cell cuts 本年收入合计 into 本年收入 / 合计 (本年收 / 入 / 合计, 本年收入 / 合 / 计), words
    the header prints too (PyMuPDF, names wrapped at four or five): below a row's label of its page
    they are that total's label, opening it; the same words heading the page are header cells."""
    header = ["收入", "支出", "项目", "本年收入", "合计", "决算数"]
    spending = tuple(piece.replace("收", "支").replace("入", "出") for piece in year)
    rows = ["一、一般公共预算财政拨款收入", "一、一般公共服务支出", *year, *total, *spending, *total]
    texts = [*header, *rows, "年初结转和结余", "年末结转和结余", "总计", "总计"]
    sides = side_labels(_lines(texts), OVERVIEW)
    assert sides is not None
    assert [(x.text, x.role) for x in sides[INCOME]] == [
        ("一、一般公共预算财政拨款收入", Role.ITEM),
        ("本年收入合计", Role.YEAR_TOTAL),
        ("年初结转和结余", Role.CARRY),
        ("总计", Role.GRAND_TOTAL),
    ]
    assert [x.text for x in sides[SPENDING]] == ["一、一般公共服务支出", "本年支出合计", "年末结转和结余", "总计"]


def test_a_years_total_cut_around_a_figure_of_the_other_side_is_a_label() -> None:
    """pdftotext writes the income side's figure on the line of the spending total's second piece
    (本年支 / ``2,940.05 出`` / 合计): the pieces before the 合计, the figure passed over, are the
    total's; read as 本年支出 alone, the year's total was a row of no role it could be read by."""
    header = ["收入", "支出", "项目", "决算数"]
    rows = ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "本年收", "入", "合计", "本年支"]
    lines = _lines([*header, *rows])
    # The line ``2,940.05 出`` as the overview reader splits it: its figure and its piece, one line.
    lines += [BlockLine("2,940.05", 3, len(lines) + 1), BlockLine("出", 3, len(lines) + 1)]
    lines += [BlockLine(text, 3, len(lines) + k) for k, text in enumerate(["合计", "2,940.05", "总计", "总计"], 1)]
    sides = side_labels(lines, FISCAL)
    assert sides is not None
    assert [(x.text, x.role) for x in sides[SPENDING]] == [
        ("一、一般公共服务支出", Role.ITEM),
        ("本年支出合计", Role.YEAR_TOTAL),
        ("总计", Role.GRAND_TOTAL),
    ]
    assert [x.text for x in sides[INCOME]] == ["一、一般公共预算财政拨款", "本年收入合计", "总计"]


def test_a_budget_income_named_by_fund_alone_stays_apart_from_the_next_row() -> None:
    """Shanghai's 财政拨款收支预算总表 names its income by fund alone: a next row opening with its
    own number is a row of its own."""
    texts = ["一、一般公共预算", "二、政府性基金预算", "一、一般公共服务支出", "收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_FISCAL.fitted(compact("".join(texts))))
    assert sides is not None
    assert [x.text for x in sides[INCOME]] == ["一、一般公共预算", "二、政府性基金预算", "收入总计"]


def _facing(texts: list[str], layout: HeaderLayout) -> dict[str, str | None]:
    """Each spending label -> the income label printed on its line (None: a blank income cell)."""
    sides = side_labels(_lines(texts), layout)
    assert sides is not None
    income, spending = sides
    out: dict[str, str | None] = {}
    for r, label in enumerate(spending):
        row = facing_row(sides, SPENDING, r)
        out[label.text] = None if row is None else income[row].text
    return out


def test_the_rows_printed_on_a_line_pair_items_from_the_top_and_totals_by_role() -> None:
    """Shanghai's 财政拨款收入支出决算总表: three fund items against the first three classes, blank
    income cells beside the others; 本年收入合计 against 本年支出合计, 年初 against 年末, 总计 against
    总计, the income side's carry-over parts against blank spending cells."""
    income = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "本年收入合计", "年初财政拨款结转和结余"]
    income += ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "总计"]
    spending = [
        "一、一般公共服务支出",
        "二、外交支出",
        "三、国防支出",
        "本年支出合计",
        "年末财政拨款结转和结余",
        "总计",
    ]
    assert _facing([*income, *spending], FISCAL) == {
        "一、一般公共服务支出": "一、一般公共预算财政拨款",
        "二、外交支出": "二、政府性基金预算财政拨款",
        "三、国防支出": None,
        "本年支出合计": "本年收入合计",
        "年末财政拨款结转和结余": "年初财政拨款结转和结余",
        "总计": "总计",
    }


def test_an_income_item_and_its_parts_each_take_a_line() -> None:
    """A budget's 一、财政拨款收入 prints its funds (1.一般公共预算 …) on lines of their own: the
    second class is beside the first part."""
    texts = ["一、财政拨款收入", "1.一般公共预算", "二、事业收入", "收入总计"]
    texts += ["一、社会保障和就业支出", "二、卫生健康支出", "三、城乡社区支出", "四、住房保障支出", "支出总计"]
    assert _facing(texts, BUDGET_OVERVIEW.fitted(compact("".join(texts)))) == {
        "一、社会保障和就业支出": "一、财政拨款收入",
        "二、卫生健康支出": "1.一般公共预算",
        "三、城乡社区支出": "二、事业收入",
        "四、住房保障支出": None,
        "支出总计": "收入总计",
    }


def test_sides_not_set_alike_pair_no_rows() -> None:
    """One side opening with its year's total over its items (一、本年收入) and the other not: which
    line an item is on is not told by its number."""
    texts = [*NATIONAL_HEADER, "一、本年收入", "（一）一般公共预算拨款", "一、一般公共服务支出", "本年支出合计"]
    texts += ["收入总计", "支出总计"]
    sides = side_labels(_lines(texts), BUDGET_FISCAL.fitted(compact("".join(texts))))
    assert sides is not None
    assert [facing_row(sides, SPENDING, r) for r in range(len(sides[SPENDING]))] == [None, None, None]


def test_a_label_goes_on_past_a_figure_written_before_its_next_piece() -> None:
    """pdftotext writes an income figure on the line of the spending label beside it: in a narrow
    cell that line may be the label's second piece (一、一般公 / ``2940.05 共`` / 服务支出)."""
    pieces = [("一、一般公", 3), ("共", 4), ("预算财政拨", 5), ("款", 6), ("一、一般公", 7)]
    pieces += [("2940.05", 8), ("共", 8), ("服务支出", 9), ("本年收入合计", 10), ("本年支出合计", 11)]
    pieces += [("总计", 12), ("总计", 13)]
    sides = side_labels([BlockLine(text, 3, line) for text, line in pieces], FISCAL)
    assert sides is not None
    assert [x.text for x in sides[SPENDING]] == ["一、一般公共服务支出", "本年支出合计", "总计"]


def test_a_class_written_after_the_carry_over_is_an_item() -> None:
    """pdftotext may write a page's last classes after the carry-overs' rows: a class is no part of
    a carry-over (those are worded as a fund's: 一、一般公共预算财政拨款)."""
    texts = [
        "一、一般公共预算财政拨款",
        "一、一般公共服务支出",
        "本年收入合计",
        "本年支出合计",
        "年初财政拨款结转和结余",
    ]
    texts += ["年末财政拨款结转和结余", "一、一般公共预算财政拨款", "二、外交支出", "总计", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    assert [(x.text, x.role) for x in sides[SPENDING]] == [
        ("一、一般公共服务支出", Role.ITEM),
        ("本年支出合计", Role.YEAR_TOTAL),
        ("年末财政拨款结转和结余", Role.CARRY),
        ("二、外交支出", Role.ITEM),
        ("总计", Role.GRAND_TOTAL),
    ]
    assert [x.role for x in sides[INCOME]][-2:] == [Role.CARRY_PART, Role.GRAND_TOTAL]


@pytest.mark.parametrize("headed", [True, False])
def test_a_side_s_name_after_the_header_s_ends_a_label_wrapped_before_it(headed: bool) -> None:
    """The header names each side once on a page: a later 收入 is the last piece of the label
    before it (一、一般公共 / 预算财政拨款 / 收入, wrapped in a narrow cell), though that label reads
    whole without it. Where the page's header printed no 收入 before it, it is taken for the header's."""
    header = ["收入", "项目", "支出", "决算数"] if headed else ["项目", "决算数"]
    texts = [*header, "一、一般公共", "预算财政拨款", "收入", "项目", "一、一般公共服务支出", "二、其他收入", "收入"]
    texts += ["本年收入合计", "本年支出合计", "总计", "总计"]
    sides = side_labels(_lines(texts), OVERVIEW)
    assert sides is not None
    first = "一、一般公共预算财政拨款收入" if headed else "一、一般公共预算财政拨款"
    # A label ending in the side's name already is not joined to another (二、其他收入 / 收入).
    assert [x.text for x in sides[INCOME]] == [first, "二、其他收入", "本年收入合计", "总计"]


def _rows(*lines: str) -> list[list[Token]]:
    return [[Token(word, 1, k) for word in line.split()] for k, line in enumerate(lines, start=1)]


def _texts(rows: list[list[Token]]) -> list[str]:
    return [" ".join(t.text for t in row) for row in rows]


# pdfplumber's lines of a fiscal overview whose income label wraps around its row's figures.
_AROUND = ("一、一般公共预算财政 2,940.05 一、一般公共服务支出 2,106.66 2,106.66", "拨款")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The piece completes the income label; the spending label is whole already.
        (_AROUND, ["一、一般公共预算财政 拨款 2,940.05 一、一般公共服务支出 2,106.66 2,106.66"]),
        # A spending label wrapped alike: 支出 ends 七、文化旅游体育与传媒, the income label is whole.
        (
            ("八、其他收入 6.20 七、文化旅游体育与传媒 1.00", "支出"),
            ["八、其他收入 6.20 七、文化旅游体育与传媒 支出 1.00"],
        ),
        # A numbered line is a row of its own.
        ((_AROUND[0], "二、政府性基金预算财政拨款"), [_AROUND[0], "二、政府性基金预算财政拨款"]),
        # Both labels whole: the piece completes none and stays a row.
        (
            ("一、一般公共预算财政拨款 2,940.05 一、一般公共服务支出 2,106.66", "拨款"),
            ["一、一般公共预算财政拨款 2,940.05 一、一般公共服务支出 2,106.66", "拨款"],
        ),
        # The row above prints no figure: its label may go on below, the piece is left to the reader.
        (("一、一般公共预算财政", "拨款"), ["一、一般公共预算财政", "拨款"]),
    ],
)
def test_a_label_piece_below_its_row_joins_the_label_it_completes(lines: tuple[str, ...], expected: list[str]) -> None:
    assert _texts(label_ends_joined(_rows(*lines))) == expected


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # pdfplumber's 八、社 / 会 / - 保障和 326.71 … / 就 / 业支出 read one row per line: 八、社会 names
        # no side, its rest follows the blank income side's dash. Joined either way, the row's label
        # is not sure: 保障和就业支出 (no code) was read.
        (("八、社 会 - 保障和 326.71 326.71 - - 就 业支出",), []),
        (("十九、住 - 房保障支 445.69 445.69 - - 出",), []),
        # Whole labels, each side's own.
        (("八、其他收入 6.20 八、社会保障和就业支出 326.71",), [0]),
        # A head naming no side, the other side's whole label after it: no piece goes on past a figure.
        (("一、一般公共预算财政 2,940.05 一、一般公共服务支出 2,106.66",), [0]),
        # A row without figures makes no fact: left to the reader.
        (("八、社 会 - 保障和 - - 就 业支出",), [0]),
    ],
)
def test_a_row_whose_label_a_cell_cut_is_reported_not_named(lines: tuple[str, ...], kept: list[int]) -> None:
    rows = _rows(*lines)
    unsure: list = []
    assert cut_labels_left_out(rows, unsure) == [rows[k] for k in kept]
    reported = [t.text for k, row in enumerate(rows) if k not in kept for t in row if t.text[0].isdigit()]
    assert [cell.figure for cell in unsure] == reported


# A fiscal overview read one row per line (its labels print their figures beside them), one label
# wrapped around its row's figures, the blank income side's dash between its pieces.
CUT_BY_A_DASH = """财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
一、一般公共预算财政拨款 2,940.05 一、一般公共服务支出 2,106.66 2,106.66 - -
二、政府性基金预算财政拨款 - 二、外交支出 - - - -
三、国有资本经营预算财政拨款 - 三、国防支出 - - - -
八、社会
- 保障和就 326.71 326.71 - -
业支出
九、卫生健康支出 60.99 60.99 - -
十九、住房保障支出 445.69 445.69 - -
本年收入合计 2,940.05 本年支出合计 2,940.05 2,940.05 - -
年初财政拨款结转和结余 21.63 年末财政拨款结转和结余 21.63 21.63 - -
总计 2,961.68 总计 2,961.68 2,961.68 - -
"""


def test_an_overview_row_whose_label_a_dash_cut_prints_no_cut_name() -> None:
    """Its grid read 八、社会 | | 保障和就业支出 | 326.71: a 类 line named 保障和就业支出, no code."""
    document = read_text(CUT_BY_A_DASH + "\f", "overview.txt")
    grid = next(b.table for b in document.blocks if b.table is not None).grid()
    assert not any("保障和就" in cell for row in grid for cell in row)
    assert ["", "", "九、卫生健康支出", "60.99", "60.99", "", ""] in grid
    assert [(cell.figure, cell.row) for cell in document.ambiguous_cells] == [
        ("326.71", "八、社会 保障和就 业支出")
    ] * 2


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # pypdfium2's fiscal overview, names wrapped at 4: each side's total broken before 合计.
        (
            ("本年收入", "合计 2940.05 本年支出", "合计 2940.05 2940.05 - -"),
            ["本年收入合计 2940.05 本年支出合计 2940.05 2940.05 - -"],
        ),
        # 合计 after a label printing its figures already: a row of its own.
        (("本年收入 2940.05", "合计 2940.05"), ["本年收入 2940.05", "合计 2940.05"]),
        # A label 合计 makes no year total of: a row of its own.
        (("二十六、抗疫特别国债安排的支出", "合计 2940.05"), ["二十六、抗疫特别国债安排的支出", "合计 2940.05"]),
    ],
)
def test_a_totals_last_word_opening_a_line_ends_the_label_above(lines: tuple[str, ...], expected: list[str]) -> None:
    assert _texts(totals_joined(_rows(*lines))) == expected
