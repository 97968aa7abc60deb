"""The orders a header may print its money columns in, and which one a header's words and a
table's rows say (``table_headers.Side.printed_orders``, ``readers/column_order.py``)."""

from __future__ import annotations

from budget_reports.readers.column_order import in_printed_word_order
from budget_reports.readers.linear_rows import line_tokens
from budget_reports.readers.table_headers import match_layout

# Putuo's 2026 budget (支出预算总表), its rows as printed: 合计 | 基本支出 | 项目支出.
ROWS = [
    "208 社会保障和就业支出 6,397,096 6,103,096 294,000",
    "20805 行政事业单位养老支出 6,103,096 6,103,096",
    "212 城乡社区支出 33,775,592 22,783,399 10,992,193",
]


def test_a_total_is_printed_before_or_after_its_parts() -> None:
    side = match_layout("科目编码 科目名称 合计 基本支出 项目支出").sides[0]  # type: ignore[union-attr]
    assert side.printed_orders() == [(0, 1, 2), (1, 2, 0)]
    last = side.reordered((1, 2, 0))
    assert [path[-1] for path in last.money] == ["基本支出", "项目支出", "合计"]
    assert last.sums == ((2, (0, 1)),)


def test_a_subtotal_moves_within_its_group() -> None:
    header = "三公经费预算数 机关运行经费预算数 合计 因公出国(境)费 公务接待费 公务用车购置及运行费 小计 购置费 运行费"
    side = match_layout(header).sides[0]  # type: ignore[union-attr]
    # 合计 | 出国 | 接待 | 小计 | 购置 | 运行 | 机关运行: 合计 after its five, 小计 after its two, or both.
    assert side.printed_orders() == [
        (0, 1, 2, 3, 4, 5, 6),
        (1, 2, 3, 4, 5, 0, 6),
        (0, 1, 2, 4, 5, 3, 6),
        (1, 2, 4, 5, 3, 0, 6),
    ]


def _printed(header: str, rows: list[str]) -> list[str]:
    """The money columns, left to right, as the header's words and the rows (text lines) order them."""
    layout = match_layout(header)
    assert layout is not None
    body = [line_tokens(row, None, n) for n, row in enumerate(rows)]
    return [path[-1] for path in in_printed_word_order([header], body, layout, coded=True).sides[0].money]


CATALOGUE = ["合计", "基本支出", "项目支出"]
TOTAL_LAST = ["基本支出", "项目支出", "合计"]


def test_the_header_words_order_decides_where_the_rows_keep_their_sums() -> None:
    # The row as pdftotext -raw writes it from Putuo's budget typeset with 合计 last.
    row = "208 社会保障和就业支出 6,103,096 294,000 6,397,096"
    assert _printed("科目编码 科目名称 基本支出 项目支出 合计", [row]) == TOTAL_LAST


def test_rows_keeping_their_sums_in_the_catalogue_order_overrule_the_words() -> None:
    """Words written in no reliable order (合计 after its parts) under rows printing 合计 first."""
    assert _printed("科目编码 科目名称 基本支出 项目支出 合计", ROWS) == CATALOGUE


def test_rows_decide_a_header_telling_no_order() -> None:
    """A header whose words come in neither order (项目支出 first): the rows' sums decide."""
    header = "科目编码 科目名称 项目支出 基本支出 合计"
    assert _printed(header, ["212 城乡社区支出 22,783,399 10,992,193 33,775,592"]) == TOTAL_LAST
    # A row keeping its sums in every order (part = total) decides nothing: the catalogue's order stands.
    assert _printed(header, ["20805 行政事业单位养老支出 6,103,096 6,103,096"]) == CATALOGUE


def test_rows_printing_some_figures_decide_too() -> None:
    """A 支出决算表 whose 本年支出合计 is cut over two header lines (本年支出 over 合计): no order is
    named whole; its rows print three figures of six, which keep their sums with 合计 last only."""
    header = "科目编码 科目名称 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出 本年支出 合计"
    rows = ["201 一般公共服务支出 1,503.52 603.14 2,106.66", "2010602 一般行政管理事务 10.00 10.00"]
    assert _printed(header, rows)[-1] == "本年支出合计"
    assert _printed(header, rows[1:])[0] == "本年支出合计"  # 10.00 | 10.00 fits either: nothing decides
