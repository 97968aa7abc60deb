"""Numbers lifted onto the line below their sentence (pdfplumber) are put back, or left alone.

Real report sentences are hard-wrapped at several widths and each line is written the way
pdfplumber writes it when the figures are set in another font (``tests.plumber_text``, which the
seed-prose test uses too): a space where a figure (or quotation mark) stood inside the text, the
figures in order on the next line. Every line must come back exactly as
printed, or, where the places cannot be told (a figure ending the line leaves no space), both
lines stay as written: a figure is never put in another figure's place.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from budget_reports.readers.lifted_numbers import restore_lifted_numbers, restore_raised_lines
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.text import read_text
from tests.plumber_text import LIFTED, as_pdfplumber, printed_lines

SENTENCES = [
    "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。",
    "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
    "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。",
    "1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元。",
    "平均得分99.43分（其中，绩效评级为“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个）。",
    "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。",
]


@pytest.mark.parametrize("width", [17, 23, 31, 38, 200])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_each_line_comes_back_or_stays_as_written(sentence: str, width: int) -> None:
    printed = printed_lines(sentence, width)
    written = [text for line in printed for text in as_pdfplumber(line)]
    restored = [line.text for line in restore_lifted_numbers([SourceLine(1, i, t) for i, t in enumerate(written)])]
    position = 0
    for original in printed:
        as_written = as_pdfplumber(original)
        if restored[position] == original:
            position += 1
            continue
        # Not restorable (a figure ends the line): left exactly as the extractor wrote it.
        assert restored[position : position + len(as_written)] == as_written, original
        position += len(as_written)
    assert position == len(restored)
    # A line whose every figure sits between two Chinese characters comes back.
    inside = [line for line in printed if LIFTED.search(line) and _every_figure_inside(line)]
    assert all(line in restored for line in inside)


def _every_figure_inside(line: str) -> bool:
    return all(m.start() > 0 and m.end() < len(line) for m in LIFTED.finditer(line))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_whose_figures_sit_inside_comes_back_whole(sentence: str) -> None:
    # One line ending in 。: every figure sits between two Chinese characters or opens the line.
    written = as_pdfplumber(sentence)
    restored = restore_lifted_numbers([SourceLine(1, i, t) for i, t in enumerate(written)])
    assert [r.text for r in restored] == [sentence]


def test_a_count_that_does_not_fit_leaves_both_lines() -> None:
    lines = [SourceLine(1, 1, "收入 万元，支出 万元。"), SourceLine(1, 2, "10.00 20.00 30.00")]
    assert restore_lifted_numbers(lines) == lines


def test_numbers_of_another_page_are_not_pulled_up() -> None:
    lines = [SourceLine(1, 9, "收入 万元，支出 万元。"), SourceLine(2, 1, "10.00 20.00")]
    assert restore_lifted_numbers(lines) == lines


def test_the_prose_reader_reads_the_restored_figures() -> None:
    body = "\n".join(t for line in printed_lines(SENTENCES[5], 200) for t in as_pdfplumber(line))
    text = "\f".join(["上海市普陀区财政局2024年度部门决算", "三、支出决算情况说明\n" + body]) + "\f"
    document = read_text(text, "plumber.txt")
    joined = "".join(block.text for block in document.blocks)
    assert "基本支出2336.91万元" in joined and "项目支出603.14万元，占20.51%" in joined
    assert Decimal("2336.91") == Decimal(re.search(r"基本支出([\d.]+)万元", joined).group(1))  # type: ignore[union-attr]


PARAGRAPH = [
    "  三、支出决算情况说明",
    "",
    "    本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出",
    "603.14万元，占20.51%；",
    "",
    "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的",
    "0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行",
    "维护费支出决算为0.00万元，完成预算的0%。",
    "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人",
    "员经费及公用经费等的基本支出。",
]


def _raised(lines: list[str]) -> list[str]:
    """As pdftotext -layout prints them: the continuation opening with a figure, above its line."""
    out = list(lines)
    at = out.index("603.14万元，占20.51%；")
    out[at - 1], out[at] = out[at], out[at - 1]
    return out


def test_a_raised_line_goes_back_below_the_line_it_continues() -> None:
    printed = _raised(PARAGRAPH)
    assert printed != PARAGRAPH
    restored = restore_raised_lines([SourceLine(1, i, t) for i, t in enumerate(printed)])
    assert [line.text for line in restored] == PARAGRAPH
    # Lines in their order stay: a figure continuing 完成预算的, a numbering (1、), a quotation mark.
    kept = restore_raised_lines([SourceLine(1, i, t) for i, t in enumerate(PARAGRAPH)])
    assert [line.text for line in kept] == PARAGRAPH


# The corpus report's p. 22 as pdfplumber writes it: each 项's numbering and figures lifted below.
PAGE_22 = """、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人
1
员经费及公用经费等的基本支出。年初预算为 万元，支出决算为 万
1560.05 1511.89
元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。
、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化
3
系统日常维护费等支出。年初预算为 万元，支出决算为 万元。决算数小于
135.90 135.25
预算数的主要原因：因产业政策扶持资金管理系统项目进度，调减相关经费。
"""


def test_a_paragraph_whose_lines_took_back_their_figures_is_read_whole() -> None:
    # Once the figures are put back, the lines they were lifted from still join into one paragraph
    # (source line numbers skip the figures' lines: they no longer stand between the lines).
    document = read_text(PAGE_22 + "\f", "plumber.txt")
    paragraphs = [block.text for block in document.blocks]
    assert (
        "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。"
        "年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：因产业政策扶持资金管理系统项目进度，"
        "调减相关经费。"
    ) in paragraphs


def test_a_line_opening_with_wan_yuan_takes_the_figure_lifted_before_it() -> None:
    # Corpus p. 22 as pdfplumber writes it: the 年初预算 figure stood at the start of the second line.
    lines = [
        SourceLine(22, 30, "保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。年初预算为"),
        SourceLine(22, 31, "万元，支出决算为 万元。决算数小于预算数的主要原因：预算按充分保"),
        SourceLine(22, 32, "161.62 160.75"),
    ]
    restored = [line.text for line in restore_lifted_numbers(lines)]
    assert restored[1] == "161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分保"
    # A line opening with 元 after a line ending with 万 is a 万 / 元 word wrap: the figure stood before
    # 万 on the line above, not at this line's start, and which figure goes where is not assumed.
    wrapped_unit = [
        SourceLine(1, 1, "主要用于日常支出。年初预算为 万"),
        SourceLine(1, 2, "元，支出决算为 万元。主要用于"),
        SourceLine(1, 3, "161.62 160.75"),
    ]
    assert restore_lifted_numbers(wrapped_unit) == wrapped_unit
