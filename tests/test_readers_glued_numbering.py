"""The text readers' patterns that find a numbered heading or label glued to the text before it take
their numbering from the one catalogue (``budget_reports.numbering``): every width and spacing it reads."""

from __future__ import annotations

import pytest

from budget_reports.readers import linear_tables
from budget_reports.readers.linear_rows import line_tokens
from budget_reports.readers.wrapped_text import split_glued_headings


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        (
            "以上是本部门收支情况说明五、一般公共预算财政拨款支出决算情况说明",
            "五、一般公共预算财政拨款支出决算情况说明",
        ),
        ("详见附表。十二、政府采购情况", "十二、政府采购情况"),
        ("具体情况如下表；（三）机关运行经费支出情况", "（三）机关运行经费支出情况"),
        ("具体情况如下表；（ 三 ）机关运行经费支出情况", "（ 三 ）机关运行经费支出情况"),
    ],
)
def test_a_heading_glued_to_the_sentence_before_is_split_off(line: str, heading: str) -> None:
    parts = split_glued_headings(line)
    assert parts[-1] == heading and "".join(parts) == line


@pytest.mark.parametrize("line", ["支出增加的主要原因是人员增加、项目调整。", "其中：一般公共服务支出、教育支出等。"])
def test_a_list_inside_a_sentence_is_no_heading(line: str) -> None:
    assert split_glued_headings(line) == [line]


@pytest.mark.parametrize("text", ["第三部分", "第 3 部分", "第十二部分 附件", "注：本表无数据", "附表 2"])
def test_a_part_heading_or_note_ends_a_table(text: str) -> None:
    assert linear_tables._TABLE_END.match(text.replace(" ", "")) is not None


@pytest.mark.parametrize(
    ("line", "label"),
    [("47,483,458一、社会保障和就业支出", "一、社会保障和就业支出"), ("1,000.00（二）项目支出", "（二）项目支出")],
)
def test_a_label_glued_to_a_figure_is_its_own_word(line: str, label: str) -> None:
    assert label in [token.text for token in line_tokens(line, None, 0)]
