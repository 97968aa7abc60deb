"""Which column each printed figure of a row belongs to, when the text dropped the empty cells.

A row printing k figures under n money columns (k < n) could have them in any k of the columns,
left to right. The candidates are narrowed by arithmetic the table must obey:

- across the row: a total column is the sum of its parts (合计 = 基本支出 + 项目支出 …);
- down the table: the lines under a parent add up to it, column by column (项 → 款 → 类 → 合计).

Every comparison allows the rounding of the printed figures (half a unit of the last printed
digit of each). A cell on which the surviving candidates still disagree is left unplaced and
reported as ambiguous, with the columns it could be in; it is never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from budget_reports.rules.base import unit_of

Placement = tuple[int, ...]  # for each printed figure, its column
_MAX_STATES = 20_000  # a column-sum search beyond this many partial sums is given up (left ambiguous)


@dataclass(slots=True)
class RowFigures:
    values: tuple[Decimal, ...]  # the figures as printed, left to right
    candidates: list[Placement] = field(default_factory=list)

    def vector(self, placement: Placement, width: int) -> tuple[Decimal, ...]:
        out = [Decimal(0)] * width
        for value, col in zip(self.values, placement, strict=True):
            out[col] = value
        return tuple(out)

    def settled(self) -> dict[int, int]:
        """Figure index → column, for the figures every remaining candidate puts in the same column."""
        if not self.candidates:
            return {}
        first = self.candidates[0]
        return {i: col for i, col in enumerate(first) if all(c[i] == col for c in self.candidates)}

    def possible_columns(self, figure: int) -> list[int]:
        return sorted({c[figure] for c in self.candidates})


def _half_unit(value: Decimal) -> Decimal:
    return unit_of(value) / 2


def _sums_hold(
    vector: Sequence[Decimal], units: Sequence[Decimal], sums: Sequence[tuple[int, tuple[int, ...]]]
) -> bool:
    for total, parts in sums:
        tolerance = units[total] + sum((units[p] for p in parts), Decimal(0))
        if abs(vector[total] - sum((vector[p] for p in parts), Decimal(0))) > tolerance:
            return False
    return True


def row_candidates(values: tuple[Decimal, ...], width: int, sums: Sequence[tuple[int, tuple[int, ...]]]) -> RowFigures:
    """Every left-to-right placement of the figures that keeps the row's own sums."""
    row = RowFigures(values)
    if len(values) > width:
        return row  # more figures than columns: nothing fits
    if len(values) == width:
        row.candidates = [tuple(range(width))]  # nothing was dropped: the printed order is the placement
        return row
    for placement in combinations(range(width), len(values)):
        vector = row.vector(placement, width)
        units = [Decimal(0)] * width
        for value, col in zip(values, placement, strict=True):
            units[col] = _half_unit(value)
        if _sums_hold(vector, units, sums):
            row.candidates.append(placement)
    return row


def narrow_by_columns(parent: RowFigures, children: list[RowFigures], width: int) -> None:
    """Keep only candidates for which the children add up to the parent in every column.

    Nothing is removed when no combination adds up (the report's own figures disagree: that is
    for the rules to report, not a reason to drop the printed placements).
    """
    members = [parent, *children]
    if any(not m.candidates for m in members) or all(len(m.candidates) == 1 for m in members):
        return
    signs = [Decimal(-1)] + [Decimal(1)] * len(children)
    tolerance = sum((_half_unit(v) for m in members for v in m.values), Decimal(0))
    options = [
        [tuple(s * x for x in m.vector(c, width)) for c in m.candidates] for m, s in zip(members, signs, strict=True)
    ]
    # Partial sums reachable from the left (prefix) and from the right (suffix) of the members.
    prefix: list[set[tuple[Decimal, ...]]] = [{tuple([Decimal(0)] * width)}]
    for opts in options:
        nxt = {_add(s, o) for s in prefix[-1] for o in opts}
        if len(nxt) > _MAX_STATES:
            return
        prefix.append(nxt)
    suffix: list[set[tuple[Decimal, ...]]] = [{tuple([Decimal(0)] * width)}]
    for opts in reversed(options):
        nxt = {_add(s, o) for s in suffix[-1] for o in opts}
        if len(nxt) > _MAX_STATES:
            return
        suffix.append(nxt)
    suffix.reverse()  # suffix[i]: sums of members i …
    kept: list[list[Placement]] = []
    for i, (member, opts) in enumerate(zip(members, options, strict=True)):
        rest = [_add(p, s) for p in prefix[i] for s in suffix[i + 1]]
        kept.append(
            [
                c
                for c, o in zip(member.candidates, opts, strict=True)
                if any(_near_zero(_add(r, o), tolerance) for r in rest)
            ]
        )
    if all(kept):
        for member, candidates in zip(members, kept, strict=True):
            member.candidates = candidates


def _add(a: tuple[Decimal, ...], b: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _near_zero(vector: tuple[Decimal, ...], tolerance: Decimal) -> bool:
    return all(abs(x) <= tolerance for x in vector)
