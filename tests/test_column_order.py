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


def test_the_header_words_order_decides_where_the_rows_keep_their_sums() -> None:
    header = "科目编码 科目名称 基本支出 项目支出 合计"
    layout = match_layout(header)
    assert layout is not None
    # The row as pdftotext -raw writes it from Putuo's budget typeset with 合计 last.
    last = [line_tokens("208 社会保障和就业支出 6,103,096 294,000 6,397,096", None, 0)]
    ordered = in_printed_word_order([header], last, layout, coded=True)
    assert [path[-1] for path in ordered.sides[0].money] == ["基本支出", "项目支出", "合计"]


def test_rows_keeping_their_sums_in_the_catalogue_order_overrule_the_words() -> None:
    """Words written in no reliable order (合计 after its parts) under rows printing 合计 first."""
    header = "科目编码 科目名称 基本支出 项目支出 合计"
    layout = match_layout(header)
    assert layout is not None
    body = [line_tokens(row, None, n) for n, row in enumerate(ROWS)]
    assert in_printed_word_order([header], body, layout, coded=True) == layout


def test_rows_decide_a_header_telling_no_order() -> None:
    """A header whose words come in neither order (项目支出 first): the full rows' sums decide."""
    header = "科目编码 科目名称 项目支出 基本支出 合计"
    layout = match_layout(header)
    assert layout is not None
    body = [line_tokens("212 城乡社区支出 22,783,399 10,992,193 33,775,592", None, 0)]
    ordered = in_printed_word_order([header], body, layout, coded=True)
    assert [path[-1] for path in ordered.sides[0].money] == ["基本支出", "项目支出", "合计"]
    # With no row printing every figure, nothing decides: the catalogue's order stands.
    lone = [line_tokens("20805 行政事业单位养老支出 6,103,096 6,103,096", None, 0)]
    assert in_printed_word_order([header], lone, layout, coded=True) == layout
