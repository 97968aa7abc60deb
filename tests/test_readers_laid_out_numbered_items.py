"""Rows of a laid-out overview whose income items are numbered in Arabic digits.

Budget overviews (财务收支预算总表, 部门收支总表) list the fiscal income's parts as sub-items
(``1.一般公共预算``, ``1、…``, ``1．…``, ``(1)…``) beside the spending side's 类 (``二、卫生健康支出``).
In ``pdftotext -layout`` text each such line is a row of its own: its income figure on its own side,
the spending side starting at its label, never a continuation of the row above.
"""

from __future__ import annotations

import pytest

from budget_reports.readers.laid_out_rows import gather_laid_out_rows

NUMBERINGS = ("1.", "1、", "1．", "(1)", "（1）", "1. ")


def _lines(numbering: str) -> list[tuple[str, int | None, int]]:
    texts = [
        "一、财政拨款收入           47,483,458 一、社会保障和就业支出          6,397,096",
        f"{numbering}一般公共预算".ljust(27) + "47,483,458 二、卫生健康支出             1,439,040",
        f"{numbering.replace('1', '2')}政府性基金预算".ljust(38) + "三、城乡社区支出              33,775,592",
        "收入总计               47,483,458 支出总计                47,483,458",
    ]
    return [(text, 1, number) for number, text in enumerate(texts)]


@pytest.mark.parametrize("numbering", NUMBERINGS)
def test_a_numbered_sub_item_starts_its_own_row(numbering: str) -> None:
    rows = [" ".join(token.text for token in row) for row in gather_laid_out_rows(_lines(numbering), coded=False)]
    first, second = numbering, numbering.replace("1", "2")
    assert rows == [
        "一、财政拨款收入 47,483,458 一、社会保障和就业支出 6,397,096",
        f"{first}一般公共预算 47,483,458 二、卫生健康支出 1,439,040",
        f"{second}政府性基金预算 三、城乡社区支出 33,775,592",
        "收入总计 47,483,458 支出总计 47,483,458",
    ]
