"""Figures of a coded table that ``pdftotext`` (default mode) wrote one cell at a time, placed in rows.

Where every cell of a table is a text block of its own (a budget table in 元: one figure per
line, a blank line between), the runs ``interleaved_columns`` places are single figures, and
choosing the total column's among them first is a search too wide to finish. The cells still
come in an order that keeps each column top to bottom, and a row's cells come left to right: its
total (合计, the left money column) before its parts (基本支出, 项目支出 …). So the figures are
read in one pass, each either the total column's next row or a part of a row whose total is
written: a part goes down one of the pool's columns (after the column ending lowest above it,
which keeps every split possible), and a row that no later part can reach must hold exactly what
its total says (within both figures' rounding). Every placement that uses each figure once and
leaves each 类 and 款 whose rows are all on the page the sum of them is a solution.

The caller keeps what every solution agrees on; the rest is reported ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from budget_reports.normalize import parse_decimal
from budget_reports.readers.cell_assignment import decimal_places
from budget_reports.readers.interleaved_columns import PlacedRow, StreamLine
from budget_reports.readers.table_headers import Side

_MAX_NODES = 200_000
_MAX_SOLUTIONS = 500

# figure (index in the stream) -> (row, 0 for the total column / 1 for a part)
Placement = dict[int, tuple[int, int]]


def place_cells(
    lines: Sequence[StreamLine], codes: Sequence[str | None], side: Side
) -> tuple[dict[int, PlacedRow], list[StreamLine]] | None:
    """The rows whose figures every placement agrees on, and the figures left unplaced; None when
    the side is not one total and its parts, no placement fits, or the search passes its bound."""
    if len(side.sums) != 1:
        return None
    total, parts = side.sums[0]
    if sorted((total, *parts)) != list(range(len(side.money))):
        return None
    search = _Search(lines, codes, len(parts))
    if search.whole is None:
        return None
    search.step(0, 0, (-1,) * len(parts), {})
    if search.budget <= 0 or len(search.solutions) > _MAX_SOLUTIONS or not search.solutions:
        return None
    return _agreed(lines, search.whole, len(codes), list(search.solutions.values()), total, parts)


class _Search:
    def __init__(self, lines: Sequence[StreamLine], codes: Sequence[str | None], width: int) -> None:
        values = [parse_decimal(line.text) for line in lines]
        self.whole: list[int] | None = None
        if any(v is None or v < 0 for v in values):
            return  # the pass prunes by figures never being negative
        decimals = [v for v in values if v is not None]
        # Whole numbers at the finest scale printed, doubled so half a unit of a last digit is whole.
        places = [decimal_places(v) for v in decimals]
        scale = max(places, default=0)
        self.whole = [int(v.scaleb(scale) * 2) for v in decimals]
        self.half = [10 ** (scale - p) for p in places]
        self.codes = codes
        self.n_rows = len(codes)
        # The families whose last total is each row's: checked as soon as it is written.
        self.closing: list[list[tuple[int, list[int]]]] = [[] for _ in codes]
        for parent, children in _families(codes):
            self.closing[max(children)].append((parent, children))
        self.width = width
        self.totals = [0] * self.n_rows  # the total of each row written so far
        self.total_half = [0] * self.n_rows
        self.held = [0] * self.n_rows  # the sum of the parts each row holds
        self.held_half = [0] * self.n_rows
        self.zeros_from = [sum(1 for v in self.whole[k:] if v == 0) for k in range(len(self.whole) + 1)]
        self.total_sum = 0
        self.all_figures = sum(self.whole)
        self.all_slack = sum(self.half)
        self.budget = _MAX_NODES
        self.dead: set[tuple[object, ...]] = set()
        # One placement per shape (each row's figures by value): equal figures swapped give the same facts.
        self.solutions: dict[tuple[object, ...], Placement] = {}

    def step(self, i: int, row: int, chains: tuple[int, ...], placement: Placement) -> bool:
        """Place figures from ``i`` on, the totals of rows ``row`` on still to come; whether any
        solution was found from here."""
        assert self.whole is not None
        self.budget -= 1
        if self.budget <= 0 or len(self.solutions) > _MAX_SOLUTIONS:
            return False
        if i == len(self.whole):
            if row == self.n_rows and all(self._settled(r) for r in range(min(chains) + 1, self.n_rows)):
                shape = tuple(sorted((row, kind, self.whole[i]) for i, (row, kind) in placement.items()))
                self.solutions.setdefault(shape, dict(placement))
                return True
            return False
        open_rows = range(min(chains) + 1, row)
        # Each figure left is a row's total or a part; every row still to come needs its total and,
        # unless it is zero, a part, and each row waiting for a part needs one.
        waiting = sum(1 for r in open_rows if not self._settled(r))
        if waiting + 2 * (self.n_rows - row) - self.zeros_from[i] > len(self.whole) - i:
            return False
        # Each row's parts add up to its total: the totals are half of all the figures.
        if 2 * self.total_sum > self.all_figures + self.all_slack:
            return False
        key = (
            i,
            row,
            chains,
            # A settled row takes no more parts (but a zero): only the rows still waiting tell states apart.
            tuple((r, self.totals[r] - self.held[r], self.held_half[r]) for r in open_rows if not self._settled(r)),
        )
        if key in self.dead:
            return False
        found = False
        value, half = self.whole[i], self.half[i]
        if row < self.n_rows:  # the total column's next row
            self.totals[row], self.total_half[row] = value, half
            self.total_sum += value
            placement[i] = (row, 0)
            if all(self._adds_up(parent, children) for parent, children in self.closing[row]):
                found |= self.step(i + 1, row + 1, chains, placement)
            self.totals[row], self.total_half[row] = 0, 0
            self.total_sum -= value
        for r in range(min(chains) + 1, row):  # a part of a row whose total is written
            if value > self.totals[r] - self.held[r] + self.total_half[r] + self.held_half[r] + half:
                continue
            # The part goes down the column ending lowest above its row.
            column = max((c for c in range(self.width) if chains[c] < r), key=chains.__getitem__)
            moved = tuple(sorted((*chains[:column], r, *chains[column + 1 :])))
            self.held[r] += value
            self.held_half[r] += half
            placement[i] = (r, 1)
            # Rows above every column's end get no later part: they must be full now.
            if all(self._settled(k) for k in range(min(chains) + 1, min(moved) + 1)):
                found |= self.step(i + 1, row, moved, placement)
            self.held[r] -= value
            self.held_half[r] -= half
        placement.pop(i, None)
        if not found:
            self.dead.add(key)
        return found

    def _adds_up(self, parent: int, children: list[int]) -> bool:
        members = [parent, *children]
        difference = self.totals[parent] - sum(self.totals[c] for c in children)
        return abs(difference) <= sum(self.total_half[m] for m in members)

    def _settled(self, r: int) -> bool:
        slack = self.total_half[r] + self.held_half[r]
        return abs(self.totals[r] - self.held[r]) <= slack


def _families(codes: Sequence[str | None]) -> list[tuple[int, list[int]]]:
    out = []
    for r, code in enumerate(codes):
        if code is None:
            continue
        children = [j for j, c in enumerate(codes) if c is not None and len(c) == len(code) + 2 and c.startswith(code)]
        later = [j for j in range(r + 1, len(codes)) if codes[j] is not None and not codes[j].startswith(code)]
        if children and later:
            out.append((r, children))
    return out


def _agreed(
    lines: Sequence[StreamLine],
    whole: list[int],
    n_rows: int,
    solutions: list[Placement],
    total: int,
    parts: tuple[int, ...],
) -> tuple[dict[int, PlacedRow], list[StreamLine]]:
    """The rows every solution fills with the same figures (the total first, then the parts in the
    order written, which may stand in any of the part columns not yet taken)."""
    rows: dict[int, PlacedRow] = {}
    placed: set[int] = set()
    for r in range(n_rows):
        shapes = {
            tuple(sorted((kind, whole[i]) for i, (row, kind) in solution.items() if row == r)) for solution in solutions
        }
        if len(shapes) != 1:
            continue
        members = sorted(i for i, (row, _) in solutions[0].items() if row == r)
        # A row's parts are written left to right: the columns they may stand in, in that order.
        part_count = sum(1 for i in members if solutions[0][i][1] == 1)
        choices = tuple(
            tuple(total if solutions[0][i][1] == 0 else next(chosen) for i in members)
            for columns in combinations(parts, part_count)
            for chosen in (iter(columns),)
        )
        rows[r] = PlacedRow(tuple(lines[i] for i in members), choices)
        placed.update(members)
    return rows, [line for i, line in enumerate(lines) if i not in placed]
