"""Indicator sections of self-evaluation tables that text extracted from a PDF prints but the reader
does not rebuild, found so that they are reported instead of silently missing.

A self-evaluation table (项目/部门整体 绩效自评表, a 评分表 or 指标体系) lists its indicators under a
header naming their levels: ``一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 …`` as the
national templates print it. Extractors break the header's narrow cells (``一级`` / ``指标`` / ``二级``
/ ``指标`` / ``三级``, pdftotext; ``一级 二级 三级`` on one baseline, pdfplumber), so the header is
found in the lines' text joined without spaces or line ends: ``一级`` then ``三级`` a few characters
later. The rows under it are free-text cells that wrapping breaks and interleaves; they are not read
from text (``readers.line_evaluations``), and the table is reported for them (``Document.lost``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from budget_reports.normalize import compact
from budget_reports.readers.linear_tables import SourceLine, printed_at

# ``一级`` … ``三级`` with at most the rest of the header's level cells between them (二级指标 and the
# cells' 指标, wrapped or not; a column printed between them in an unusual order), and no figure or
# clause mark: a sentence counting the levels (``一级指标3个、二级指标7个、三级指标15个``) is no header.
_LEVEL_HEADER = re.compile(r"一级[^0-9０-９，。、；：,.;:]{0,24}?三级(指标|.{0,6}?指标)?")
# Why a table's indicator lines are missing from the facts, after the table's name.
NOT_REBUILT = "的绩效指标（一级/二级/三级指标）文本未能还原为行"


@dataclass(frozen=True, slots=True)
class IndicatorHeaders:
    """The indexes of the lines where an indicator header starts, in order: found once in a text's
    lines, then asked of each stretch of them (a table's section, the lines between tables)."""

    starts: tuple[int, ...]

    def within(self, begin: int, end: int) -> tuple[int, ...]:
        return self.starts[bisect_left(self.starts, begin) : bisect_left(self.starts, end)]

    def first_within(self, begin: int, end: int) -> int | None:
        found = self.within(begin, end)
        return found[0] if found else None


def indicator_headers(lines: list[SourceLine]) -> IndicatorHeaders:
    """Where indicator headers start in ``lines``."""
    texts = [line.text for line in lines]
    # No line prints 级 (nothing else folds into it): a text without indicators compacts nothing.
    if "级" not in "".join(texts):
        return IndicatorHeaders(())
    keys = [compact(text) for text in texts]
    joined = "".join(keys)
    ends = list(accumulate(len(key) for key in keys))  # where each line's text ends in ``joined``
    # The levels' cells say 指标 somewhere (``一级指标``, ``一级`` / ``指标``, or ``一级 二级 三级`` over
    # ``指标 指标 指标``): ``一级预算单位…三级`` in a sentence is no header.
    starts = [m.start() for m in _LEVEL_HEADER.finditer(joined) if "指标" in m.group()]
    return IndicatorHeaders(tuple(sorted({bisect_right(ends, start) for start in starts})))


def indicators_not_read(title: str | None, header: SourceLine) -> str:
    """Why the report is partial: the indicators of the table ``title`` (None: a table whose title the
    text does not print on a line of its own), printed from ``header`` on, are not read."""
    table = f"表格“{compact(title)}”" if title is not None else "表格（标题未能识别）"
    return f"{printed_at(header)}{table}{NOT_REBUILT}（其指标未录入）"
