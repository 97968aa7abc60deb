"""Where a fact sits in the report: its top-level section, and the choice of the figure a part belongs to.

The same metric name recurs in different sections with different meanings (基本支出 of all funds in
三、支出决算, 基本支出 of 一般公共预算财政拨款 in 六、), so a total is paired with its parts only
within one top-level section, and, if it recurs there, with the statement nearest before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from budget_reports.model import BlockKind, Document, Evidence
from budget_reports.numbering import CHINESE_COMMA, PART, pattern_of
from budget_reports.rules.text import fold

# 第二部分 / 五、 / 附件1 / 附表; "4、 " with a space is Word's automatic 一、 numbering exported as digits.
_TOP_HEADING = re.compile(rf"^(?:{pattern_of(PART, CHINESE_COMMA)}|\d+、\s|附件\s*\d|附表)")
_HEADING_MAX_CHARS = 40


class HasEvidence(Protocol):
    @property
    def evidence(self) -> Evidence: ...


def position(evidence: Evidence) -> tuple[int, int]:
    return (evidence.page or 0, evidence.line or 0)


class Sections:
    """Top-level sections of a document, by the position of their headings."""

    def __init__(self, document: Document) -> None:
        starts = []
        for block in document.blocks:
            if block.kind is BlockKind.TABLE or block.line is None:
                continue
            text = fold(block.text).strip()
            if len(text) <= _HEADING_MAX_CHARS and _TOP_HEADING.match(text):
                starts.append((block.page or 0, block.line))
        self._starts = sorted(starts)

    def of(self, evidence: Evidence) -> int:
        """Index of the section the evidence lies in (0 before the first heading)."""
        return bisect.bisect_right(self._starts, position(evidence))


class Tables:
    """Which table of the document a fact read from a table cell lies in (by its page and line)."""

    def __init__(self, document: Document) -> None:
        self._at: dict[tuple[int | None, int], int] = {}
        for number, block in enumerate(document.tables()):
            for cell in block.table.cells if block.table is not None else ():
                if cell.line is not None:  # a cell without a line cannot be told from another table's
                    self._at.setdefault((cell.page, cell.line), number)

    def of(self, evidence: Evidence) -> int | None:
        return None if evidence.line is None else self._at.get((evidence.page, evidence.line))


T = TypeVar("T", bound=HasEvidence)


def nearest_before(candidates: Sequence[T], anchor: Evidence) -> T | None:
    """The candidate stated last before ``anchor`` (or, if none precedes it, the first one after it)."""
    if not candidates:
        return None
    where = position(anchor)
    before = [c for c in candidates if position(c.evidence) <= where]
    if before:
        return max(before, key=lambda c: position(c.evidence))
    return min(candidates, key=lambda c: position(c.evidence))
