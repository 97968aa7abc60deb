"""Scoring tables: a project's 评分表 and the department's 评价指标体系.

Columns: 一级 / 二级 / 三级指标, then the roles the first header row names (指标分值, 指标解释,
评价要点及说明, 自评得分, 财政复核得分). Each scored line becomes an indicator with its weight
(指标分值) and score (自评得分); its explanation is not a target, so target/actual stay None.
Lines with fewer cells lost merged columns: the first cell is the 一级指标, a short label next
to it the 二级指标, and the remaining cells line up with the last columns.
The ``合计`` line's score is the table's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.indicators import IndicatorRow
from budget_reports.extract.performance.segment import Row
from budget_reports.normalize import compact, parse_decimal

_ROLES = (
    ("分值", "weight"),
    ("解释", "explanation"),
    ("要点", "points"),
    ("复核", "review"),
    ("得分", "score"),
)
_LEVEL_MAX_CHARS = 12


@dataclass(slots=True)
class ScoringResult:
    indicators: list[IndicatorRow]
    total: Decimal | None
    total_row: Row | None = None  # the 合计 line that prints ``total``


def read_scoring(rows: list[Row]) -> ScoringResult:
    levels_at = next((i for i, r in enumerate(rows) if r and compact(r[0].text) == "一级指标"), None)
    if levels_at is None or levels_at == 0:
        return ScoringResult([], None)
    roles = [_role(c.text) for c in rows[levels_at - 1][1:]]
    width = 3 + len(roles)
    levels: list[str | None] = [None, None, None]
    indicators: list[IndicatorRow] = []
    total = None
    total_row = None
    for row in rows[levels_at + 1 :]:
        first = compact(row[0].text)
        if first == "合计":
            numbers = [parse_decimal(c.text) for c in row[1:] if not cells.is_blank(c.text)]
            total = numbers[-1] if numbers else None
            total_row = row if total is not None else None
            break
        if first.startswith("说明"):
            break
        named, tail = _split(row, width, len(roles))
        for depth, cell_text in enumerate(named):
            if cell_text is not None and cell_text.strip():
                levels[depth] = cells.label(cell_text)
                levels[depth + 1 :] = [None] * (2 - depth)
        values = dict(zip(roles[len(roles) - len(tail) :], (c.text for c in tail), strict=True))
        if not any(not cells.is_blank(values.get(r)) for r in ("weight", "score")):
            continue
        indicators.append(
            IndicatorRow(
                level1=levels[0],
                level2=levels[1],
                level3=levels[2],
                target_text=None,
                actual_text=None,
                target_value=None,
                actual_value=None,
                value_unit=None,
                comparator=None,
                weight=cells.number(values.get("weight")),
                score=cells.number(values.get("score")),
                deviation_reason=None,
                cell=row[0],
                row=row,
            )
        )
    return ScoringResult(indicators, total, total_row)


def _role(text: str) -> str | None:
    key = compact(text)
    return next((role for marker, role in _ROLES if marker in key), None)


def _split(row: Row, width: int, n_roles: int) -> tuple[list[str | None], Row]:
    """(一级, 二级, 三级 texts — None where the line has no such cell, tail cells for the roles)."""
    if len(row) >= width:
        return [c.text for c in row[:3]], row[3 : 3 + n_roles]
    named: list[str | None] = [row[0].text, None, None]
    rest = row[1:]
    if len(rest) > 1 and _looks_like_level(rest[0].text) and len(rest) - 1 <= n_roles:
        named[1] = rest[0].text
        rest = rest[1:]
    return named, rest[-n_roles:]


def _looks_like_level(text: str) -> bool:
    key = cells.label(text)
    return 0 < len(key) <= _LEVEL_MAX_CHARS and parse_decimal(key) is None and "。" not in key
