"""Numbered headings of a report's prose (第一部分, 一、, （一）, 附件1, 附表), shared by the text readers."""

from __future__ import annotations

import re

from budget_reports.numbering import CHINESE_BRACKET, CHINESE_COMMA, PART, pattern_of

_CN_NUMERAL = "[一二三四五六七八九十]"
_HEADING = re.compile(rf"^\s*(?:{pattern_of(PART, CHINESE_COMMA, CHINESE_BRACKET)}|附件\s*(?:\d|{_CN_NUMERAL})|附表)")
_HEADING_MAX_CHARS = 40


def is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX_CHARS and _HEADING.match(text) is not None


def runs_on(text: str) -> bool:
    """Whether a numbered line is a run-in heading that its paragraph follows on the same line
    (``（二）自评得分情况：根据年初的绩效考核工作计划和目标，…``): a heading names a part, a comma
    makes it a clause."""
    return "，" in text or "," in text
