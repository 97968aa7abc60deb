"""`consistency.paragraph`: a classification line's paragraph gives it one 决算数, not two.

A line of the prose opens with its amount (``行政运行（项）1511.89万元。主要用于……``) and then says
``支出决算为…万元``: the two are the same figure. The text of one line runs from its level mark
（类）/（款）/（项） to the next one, so a block listing several 项 compares each with itself only.
The opening amount is the figure right after the mark (``:``, ``支出``, ``决算数为`` may come between);
a budget (``年初预算为``) is never an opening amount. Two printings agree at the coarser one's precision.
"""

from __future__ import annotations

import re

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Document
from budget_reports.normalize import coarser_half_unit, parse_decimal
from budget_reports.rules.base import finding, fmt
from budget_reports.rules.text import evidence_at, prose

RULE_ID = "consistency.paragraph"
_AMOUNT = r"([\d,]+(?:\.\d+)?)\s*万元"
_LEVEL_MARK = re.compile(r"\((?:类|款|项)\)")
_OPENING = re.compile(rf"[\s:：。，,]*(?:支出)?(?:决算(?:数)?)?(?:为|是)?\s*{_AMOUNT}")
# Not another year's actual (``上年支出决算为``, ``2022年度决算为``).
_ACTUAL = re.compile(rf"(?:(?<![年度])支出|(?<![年度出]))决算(?:数)?(?:为|是)\s*{_AMOUNT}")


def paragraph_consistency(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for block, text in prose(document):
        marks = list(_LEVEL_MARK.finditer(text))
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            opening = _OPENING.match(text, mark.end(), end)
            if opening is None:
                continue
            first = parse_decimal(opening.group(1))
            for later in _ACTUAL.finditer(text, opening.end(), end):
                again = parse_decimal(later.group(1))
                if first is None or again is None or abs(first - again) <= coarser_half_unit(first, again):
                    continue
                name = text[max(0, mark.start() - 20) : mark.end()]
                evidence = evidence_at(document, block, later.start(), later.end())
                message = f"“{name}”一段开头写为{fmt(first)}万元，后文支出决算写为{fmt(again)}万元，同一段落前后矛盾"
                half = coarser_half_unit(first, again)
                findings.append(finding(RULE_ID, Severity.ERROR, name, message, evidence, fmt(first), fmt(again), half))
    return findings
