"""`numbering.gap` / `numbering.duplicate`: the numbered items of the prose (第一部分, 一、, （一）, 1., （1）)
run 1, 2, 3 … without a missing or repeated number.

Each marker is at its level in the numbering catalogue (``budget_reports.numbering``); a marker
of a higher level closes the lists of all lower ones, and 附件 / 附表 headings close every list below
第X部分. A list that restarts at 1 is a nested list (reports reuse 一、 inside 二、); the outer list
resumes when its next number comes. ``4、`` followed by a space is Word's automatic 一、 numbering
exported as digits and counts as 一、 (so 三、 may follow 2、).
The table of contents (目录) is not a list of the report's items and is skipped; a part (第X部分) it
lists counts as present even when the body prints it without its heading (a part of tables). Items
run on inside a block after a sentence end (PDF paragraphs joined from several lines)
continue their list. A numbering defect is a warning: it may hide a line deleted from the list
(the 项 of 002 run 1–12, then 15), but the figures themselves are not wrong because of it.
"""

from __future__ import annotations

import re

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Block, Document
from budget_reports.numbering import (
    CHINESE_BRACKET,
    CHINESE_COMMA,
    DIGIT_BRACKET,
    DIGIT_COMMA,
    DIGIT_DOT,
    PART,
    Enumerators,
    Level,
)
from budget_reports.numbering import ordinal_value as chinese_number
from budget_reports.rules.base import finding
from budget_reports.rules.text import evidence_at, original, prose

# The outline's forms, each counted at its catalogue level: 第一部分 0, 一、 1, (一) 2, 1. / 1、 3, (1) 4.
_OUTLINE = Enumerators(PART, CHINESE_COMMA, CHINESE_BRACKET, DIGIT_COMMA, DIGIT_DOT, DIGIT_BRACKET)
# An attachment list numbers its items after the word: 附件：1.
_ATTACHMENT_ITEM = re.compile(r"^附件[:：]\s*")
_CLOSE_ALL = re.compile(r"^(附件\s*(\d|$)|附表)")
_SENTENCE_END = re.compile(r"[。；;]\s*")
_CONTENTS_HEADING = re.compile(r"^目录$")
_LEADER = re.compile(r"(?:[.…·．。\-_]{2,}|\s)*\d*$")
_CONTENTS_MIN_ENTRIES = 3
_CONTENTS_ENTRY_MAX = 60
# Longer than any item marker (第十二部分, （二十三）, 附件：12.): where one is looked for inside a block.
_MARKER_MAX_CHARS = 64
LEVELS = 5


def numbering(report: ExtractedReport, document: Document) -> list[Finding]:
    stacks: list[list[int]] = [[] for _ in range(LEVELS)]
    findings = []
    blocks = list(prose(document))
    contents = table_of_contents(blocks)
    listed_parts = {m[1] for i in contents if (m := _marker(blocks[i][1])) is not None and m[0] == 0}
    for index, (block, text) in enumerate(blocks):
        if index in contents or (block.page, block.line) in document.table_text_lines:
            continue  # the contents, or a form's cells left as text (its criteria numbered 1.…2.…)
        if _CLOSE_ALL.match(text):
            for stack in stacks[1:]:
                stack.clear()
            continue
        marker = _marker(text)
        if marker is None:
            continue
        level, value, length = marker
        printed = original(block, 0, length).strip()
        for stack in stacks[level + 1 :]:
            stack.clear()
        before = stacks[level][-1] if stacks[level] else 0
        problem = _advance(stacks[level], value)
        _follow_inline(stacks[level], level, text)
        if problem is not None and level == 0 and set(range(before + 1, value)) <= listed_parts:
            problem = None  # the contents list the parts in between (a part of tables printed without its heading)
        if problem is not None:
            rule_id, message = problem
            evidence = evidence_at(document, block, 0, length)
            message = f"编号“{printed}”{message}"
            findings.append(finding(rule_id, Severity.WARNING, printed, message, evidence, actual=printed))
    return findings


def table_of_contents(blocks: list[tuple[Block, str]]) -> set[int]:
    """Indices of the blocks making up the table of contents (目录), if the report has one.

    The contents are a run of short numbered headings, after a ``目录`` heading or not, ending where
    the first of them is printed again as the body's heading. A run holding a paragraph is not a
    table of contents (a self-evaluation report may repeat ``一、项目概况`` for each project).
    """
    keys = [_contents_key(text) for _, text in blocks]
    for start, (_, text) in enumerate(blocks):
        if _marker(text) is None:
            continue
        again = next((j for j in range(start + 1, len(blocks)) if _printed_again(keys, start, j)), None)
        if again is None:
            return set()
        run = range(start, again)
        if len(run) >= _CONTENTS_MIN_ENTRIES and all(len(keys[i]) <= _CONTENTS_ENTRY_MAX for i in run):
            heading = start - 1 if start > 0 and _CONTENTS_HEADING.match(keys[start - 1]) else start
            return set(range(heading, again))
        return set()
    return set()


def _printed_again(keys: list[str], entry: int, at: int) -> bool:
    """Whether the contents' entry is printed again at ``at``: whole, or its number alone on a line and its
    title on the next (text extracted from a PDF: ``第一部分`` / ``上海市XX局概况``)."""
    if keys[at] == keys[entry]:
        return True
    marker = _marker(keys[at])
    return (
        marker is not None
        and marker[2] == len(keys[at])
        and at + 1 < len(keys)
        and keys[at] + keys[at + 1] == keys[entry]
    )


def _contents_key(text: str) -> str:
    """A heading as the contents print it: no spaces, no dot leaders, no page number after it."""
    return _LEADER.sub("", re.sub(r"\s+", "", text))


def _follow_inline(stack: list[int], level: int, text: str) -> None:
    """Items of the same list run on inside the block (a PDF paragraph joined from several lines:
    ``（七）负责……。（八）负责……``): the next numbers, right after a sentence, continue the list."""
    for end in _SENTENCE_END.finditer(text):
        marker = _marker(text[end.end() : end.end() + _MARKER_MAX_CHARS])  # not the whole rest: linear
        if marker is not None and marker[0] == level and marker[1] == stack[-1] + 1:
            stack[-1] = marker[1]


def _marker(text: str) -> tuple[int, int, int] | None:
    """(level, number, length of the marker) of the item ``text`` starts with."""
    attachment = _ATTACHMENT_ITEM.match(text)
    start = attachment.end() if attachment else 0
    found = _OUTLINE.match(text[start:])
    if found is None or (attachment and found.form.level is not Level.ITEM):
        return None
    end = start + found.end
    level = found.form.level
    if found.form is DIGIT_COMMA:
        following = text[end : end + 1]
        if following.isdigit():
            return None  # 1、2月: figures listed, not item 1
        if following.isspace() and not attachment:
            level, end = Level.CHAPTER, end + 1  # ``4、 ``: Word's automatic 一、 numbering exported as digits
    value = chinese_number(found.numeral)
    return (level, value, end) if value else None


def _advance(stack: list[int], value: int) -> tuple[str, str] | None:
    """Move a level's open lists to ``value``; say what is wrong with it, if anything."""
    if not stack:
        stack.append(value)
        if value == 1:
            return None
        return "numbering.gap", f"前缺少第1至第{value - 1}项" if value > 2 else "前缺少第1项"
    last = stack[-1]
    if value == last + 1:
        stack[-1] = value
        return None
    if value == 1:
        stack.append(1)
        return None
    for depth in range(len(stack) - 2, -1, -1):
        if value == stack[depth] + 1:
            del stack[depth + 1 :]
            stack[-1] = value
            return None
    stack[-1] = value
    if value > last + 1:
        missing = "、".join(str(n) for n in range(last + 1, value))
        return "numbering.gap", f"紧接在第{last}项之后，中间缺少第{missing}项"
    return "numbering.duplicate", f"重复或倒序：前一项已编到第{last}项"
