"""A class's code cell merged down over the empty cells below its row, read from -layout text.

A two-sided 基本支出决算表 whose left half ends before the right one: the left half's last class
(303) is a cell merged down over the rows below it, so pdftotext writes ``303`` at the merged cell's
vertical centre under its row (``99 其他对个人和家庭的补助``): on a line of its own, or on the right
half's next row's line, alone on its side (the lines below are from the final account typeset
with merged cells, levels printed 类 | 款 | 项, and 类 | 款).
"""

from __future__ import annotations

from budget_reports.readers.laid_out_rows import gather_laid_out_rows

ROW = (
    "                 99       其他对个人和家庭的补助                              "
    "302       39       其他交通费用            48.49"
)
MERGED_CODE = "       303"
NEXT_ROW = "                                                                   302       40       税金及附加费用"


def _texts(rows):
    return [[token.text for token in row] for row in rows]


def test_a_code_merged_down_is_its_row_s() -> None:
    lines = [("", 17, 1), (ROW, 17, 2), (MERGED_CODE, 17, 3), (NEXT_ROW, 17, 4), ("", 17, 5)]
    assert _texts(gather_laid_out_rows(lines, coded=True, measure=len)) == [
        ["303", "99", "其他对个人和家庭的补助", "302", "39", "其他交通费用", "48.49"],
        ["302", "40", "税金及附加费用"],
    ]


# Levels printed 类 | 款: the merged code written on the next row's line, after a blank line.
ROW_TWO_LEVELS = (
    "                 99 其他对个人和家庭的补助                               "
    "302       39 其他交通费用             48.49"
)
NEXT_ROW_WITH_CODE = "       303                                                    302       40 税金及附加费用"


def test_a_code_merged_down_onto_the_next_row_s_line_is_its_row_s() -> None:
    lines = [("", 17, 1), (ROW_TWO_LEVELS, 17, 2), ("", 17, 3), (NEXT_ROW_WITH_CODE, 17, 4), ("", 17, 5)]
    assert _texts(gather_laid_out_rows(lines, coded=True, measure=len)) == [
        ["303", "99", "其他对个人和家庭的补助", "302", "39", "其他交通费用", "48.49"],
        ["302", "40", "税金及附加费用"],
    ]


def test_a_code_printing_its_name_is_a_row_of_its_own() -> None:
    lines = [("", 17, 1), (ROW_TWO_LEVELS, 17, 2), ("", 17, 3), ("       310 资本性支出      13.58", 17, 4)]
    assert _texts(gather_laid_out_rows(lines, coded=True, measure=len))[-1] == ["310", "资本性支出", "13.58"]
