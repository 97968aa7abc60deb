"""Figures of a coded table that ``pdftotext`` (default mode) wrote one cell at a time, placed in rows.

Where every cell of a table is a text block of its own (a budget table in 元: one figure per
line, a blank line between), the runs ``interleaved_columns`` places are single figures, and
choosing the total column's among them first is a search too wide to finish. The cells still
come in an order that keeps each column top to bottom, and a row's cells come left to right; where
its total (合计) stands among its parts (基本支出, 项目支出 …) is not assumed: tables print the 合计
column first or last. So the figures are read in one pass, each either the total column's next
row or a part: of a row whose total is written (no more than the total leaves), or of the row
whose total comes next (no more, with its row's other parts, than its 类 or 款 leaves; its total
then no less than its parts). A part goes down one of the pool's columns (after the column ending
lowest above it, which keeps every split possible), and a row that no later part can reach must
hold exactly what its total says (within both figures' rounding): rows only one column still
reaches take one part each, in row order, so a state whose figures left do not hold what those
rows lack, in that order, is dropped at once (as is a row closing its 类 or 款 when no figure left
is what the family leaves it). Every placement that uses each figure once and leaves each 类 and
款 whose rows are all on the page the sum of them is a solution: a stream that fits the total
written first and last alike is read only where both agree.

A part's column is not part of a solution; but a family whose parent row holds one part has its
rows' parts in that one column (another column would be short of them: no figure is negative), so
a solution writing them out of top-to-bottom order is left out, unless every solution is.

The caller keeps what every solution agrees on; the rest is reported ambiguous.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations, permutations
from operator import itemgetter

from budget_reports.normalize import parse_decimal
from budget_reports.readers.cell_assignment import decimal_places
from budget_reports.readers.interleaved_columns import PlacedRow, StreamLine, sum_groups
from budget_reports.readers.table_headers import Side

_MAX_NODES = 150_000  # a part may come before its row's total: about twice the nodes of total first
_MAX_SOLUTIONS = 500


def _no_rows(values: Sequence[int]) -> tuple[()]:
    return ()


# figure (index in the stream) -> (row, 0 for the total column / 1 for a part)
Placement = dict[int, tuple[int, int]]
Suffix = tuple[tuple[int, int, int], ...]  # (figure, row, 0 or 1) for the figures from some point on


class _Bound(Exception):
    """The search passed its bound: too many ways to try, or to keep."""


def place_cells(
    lines: Sequence[StreamLine], codes: Sequence[str | None], side: Side
) -> tuple[dict[int, PlacedRow], list[StreamLine]] | None:
    """The rows whose figures every placement agrees on, and the figures left unplaced; None when
    the side is not one total and its parts, no placement fits, or the search passes its bound."""
    return _placed(tuple(lines), tuple(codes), side)


@lru_cache(maxsize=64)  # a page is placed again when the report's other tables narrow its rows
def _placed(
    lines: tuple[StreamLine, ...], codes: tuple[str | None, ...], side: Side
) -> tuple[dict[int, PlacedRow], list[StreamLine]] | None:
    if len(side.sums) != 1:
        return None
    total, parts = side.sums[0]
    if sorted((total, *parts)) != list(range(len(side.money))):
        return None
    search = _Search(lines, codes, len(parts))
    if search.whole is None:
        return None
    try:
        suffixes = search.step(0, 0, (-1,) * len(parts))
    except _Bound:
        return None
    if not suffixes:
        return None
    solutions = [{k: (r, kind) for k, r, kind in suffix} for suffix in suffixes]
    # Where the columns a placement's parts go down cannot add up for a family, it is left out
    # (unless every placement is: then what they agree on stands as before).
    children = _children_of(search)
    in_columns = [solution for solution in solutions if _one_column_families_in_order(solution, search, children)]
    return _agreed(lines, search.whole, len(codes), in_columns or solutions, total, parts)


def _children_of(search: _Search) -> dict[int, list[int]]:
    """Each row holding rows under it -> those rows, top to bottom."""
    children: dict[int, list[int]] = {}
    for row, parent in enumerate(search.parent):
        if parent is not None:
            children.setdefault(parent, []).append(row)
    return children


def _one_column_families_in_order(solution: Placement, search: _Search, children: dict[int, list[int]]) -> bool:
    """Whether every family whose parent row holds one part (the other part columns empty) has its
    children's parts written top to bottom. The search lets parts go down any of the columns, each
    top to bottom, and checks a family's totals; but a child's part in a column where its parent
    prints nothing would leave that column's sum short (no figure is negative): the children's parts
    stand in the parent's one column, one column written top to bottom (``40,000 | 40,000`` of 30207
    then 750,000, 25,000, and 40,000 of 30213: that second 40,000 pair is no late part of 30207's
    sibling rows above it)."""
    assert search.whole is not None
    parts_of: dict[int, list[int]] = {}  # row -> its parts' lines, not zero
    for k, (row, kind) in solution.items():
        if kind == 1 and search.whole[k]:
            parts_of.setdefault(row, []).append(k)
    for parent, rows in children.items():
        if len(parts_of.get(parent, ())) != 1:
            continue
        written = [parts_of[row] for row in rows if row in parts_of]
        if all(len(lines) == 1 for lines in written) and [lines[0] for lines in written] != sorted(
            lines[0] for lines in written
        ):
            return False
    return True


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
        # Each 款's or 项's parent row on the page, and the rows before it under that parent.
        index = {code: r for r, code in enumerate(codes) if code is not None}
        self.parent: list[int | None] = [
            index.get(code[:-2]) if code is not None and len(code) > 3 else None for code in codes
        ]
        # The families whose last total is each row's: checked as soon as it is written.
        self.closing: list[list[tuple[int, list[int]]]] = [[] for _ in codes]
        for parent, children in sum_groups(codes):
            self.closing[max(children)].append((parent, children))
        self.width = width
        self.totals = [0] * self.n_rows  # the total of each row written so far
        self.total_half = [0] * self.n_rows
        self.held = [0] * self.n_rows  # the sum of the parts each row holds
        self.held_half = [0] * self.n_rows
        self.parts = [0] * self.n_rows  # how many parts each row holds
        # Whether each row's parts make its total (within both roundings), kept as they change: the
        # search asks it of every row above it at every step.
        self.settled = [True] * self.n_rows
        # The totals written so far of each row's children (and their roundings): totals are written
        # top to bottom, so when a row's total comes these are its elder siblings'.
        self.children_totals = [0] * self.n_rows
        self.children_half = [0] * self.n_rows
        self.zeros_from = [sum(1 for v in self.whole[k:] if v == 0) for k in range(len(self.whole) + 1)]
        # The rows above each row whose totals a family's check still needs (a 类 or 款 with a row at or
        # below it, and its rows above).
        families = [
            [parent, *(r for r, p in enumerate(self.parent) if p == parent)] for parent in set(self.parent) - {None}
        ]
        open_members = [
            sorted({r for family in families if max(family) >= row for r in family if r < row})
            for row in range(self.n_rows + 1)
        ]
        # Each row's picker of those rows' entries (from the totals, and from their roundings).
        self.open_members = [itemgetter(*rows) if rows else _no_rows for rows in open_members]
        self.budget = _MAX_NODES
        self.memo: dict[tuple[object, ...], list[Suffix]] = {}

    def step(self, i: int, row: int, chains: tuple[int, ...]) -> list[Suffix]:
        """Every way (one per shape) of placing the figures from ``i`` on, the totals of rows ``row``
        on still to come; raises ``_Bound`` past the search's bound."""
        assert self.whole is not None
        self.budget -= 1
        if self.budget <= 0:
            raise _Bound
        reach = chains[0] + 1  # the first row a part can still go to (the columns' ends are in order)
        settled = self.settled
        if i == len(self.whole):
            done = row == self.n_rows and all(settled[reach:])
            return [()] if done else []
        waiting = [r for r in range(reach, row) if not settled[r]]
        ahead = [r for r in range(row, self.n_rows) if self.parts[r]]  # parts written before their total
        # Each figure left is a row's total or a part; every row still to come needs its total and,
        # unless it is zero or holds a part already, a part, and each row waiting for a part needs one.
        needed = len(waiting) + 2 * (self.n_rows - row) - len(ahead) - self.zeros_from[i]
        if needed > len(self.whole) - i:
            return []
        if row < self.n_rows and any(not self._left_ahead(i, parent) for parent, _ in self.closing[row]):
            return []  # the row closes its family, and no figure left is what the family leaves it
        if waiting and not self._fillable(i, chains, waiting):
            return []
        key = (
            i,
            row,
            chains,
            # A settled row takes no more parts (but a zero): only the rows still waiting tell states apart.
            tuple((r, self.totals[r] - self.held[r], self.held_half[r]) for r in waiting),
            tuple((r, self.held[r], self.held_half[r]) for r in ahead),
            # The totals the sums of the families still open are checked against.
            self.open_members[row](self.totals),
            self.open_members[row](self.total_half),
        )
        known = self.memo.get(key)
        if known is not None:
            return known
        found: dict[tuple[object, ...], Suffix] = {}
        value, half = self.whole[i], self.half[i]
        if row < self.n_rows and self._fits_parent(row, value, half) and self._holds(row, value, half, row < reach):
            self._write_total(row, value, half)  # the total column's next row
            if all(self._adds_up(parent, children) for parent, children in self.closing[row]):
                self._extend(found, (i, row, 0), self.step(i + 1, row + 1, chains))
            self._write_total(row, -value, -half)
        for r in range(reach, min(row + 1, self.n_rows)):  # a part of a row, its total written or next
            if r < row and value > self.totals[r] - self.held[r] + self.total_half[r] + self.held_half[r] + half:
                continue
            if r == row and not self._fits_parent(row, self.held[row] + value, self.held_half[row] + half):
                continue  # with its row's other parts, more than its 类 or 款 leaves for the row's total
            # The part goes down the column ending lowest above its row: the columns' ends are kept in
            # order, so it is the last one above the row, and the ends stay in order.
            column = bisect_left(chains, r) - 1
            moved = (*chains[:column], r, *chains[column + 1 :])
            self.held[r] += value
            self.held_half[r] += half
            self.parts[r] += 1
            settled[r] = self._settled(r)
            # Rows above every column's end get no later part: those whose total is written must be full
            # now (the others, when their total comes).
            if all(settled[reach : min(moved[0] + 1, row)]):
                self._extend(found, (i, r, 1), self.step(i + 1, row, moved))
            self.held[r] -= value
            self.held_half[r] -= half
            self.parts[r] -= 1
            settled[r] = self._settled(r)
        suffixes = list(found.values())
        self.memo[key] = suffixes
        return suffixes

    def _extend(self, found: dict[tuple[object, ...], Suffix], first: tuple[int, int, int], rest: list[Suffix]) -> None:
        """Add ``first`` before each of ``rest``, one suffix per shape (equal figures swapped give the same facts)."""
        assert self.whole is not None
        for suffix in rest:
            placed = (first, *suffix)
            shape = tuple(sorted((r, kind, self.whole[k]) for k, r, kind in placed))
            found.setdefault(shape, placed)
            if len(found) > _MAX_SOLUTIONS:
                raise _Bound

    def _write_total(self, row: int, value: int, half: int) -> None:
        """Add ``value`` (within ``half``) to the total of ``row``: write it, or take it back (negative)."""
        self.totals[row] += value
        self.total_half[row] += half
        self.settled[row] = self._settled(row)
        parent = self.parent[row]
        if parent is not None:
            self.children_totals[parent] += value
            self.children_half[parent] += half

    def _fillable(self, i: int, chains: tuple[int, ...], waiting: list[int]) -> bool:
        """Whether the figures from ``i`` on may still fill the rows waiting for a part that only the
        first column reaches (above every other column's end). That column goes down row by row and
        every row above its end must be full: each such row takes one part, exactly what it lacks,
        in row order, so those figures come in the stream in that order."""
        limit = chains[1] if len(chains) > 1 else self.n_rows
        whole, half, n = self.whole, self.half, len(self.whole)
        k = i
        for r in waiting:
            if r > limit:
                break
            lacking = self.totals[r] - self.held[r]
            slack = self.total_half[r] + self.held_half[r]
            while k < n and abs(whole[k] - lacking) > slack + half[k]:
                k += 1
            if k == n:
                return False
            k += 1
        return True

    def _left_ahead(self, i: int, parent: int) -> bool:
        """Whether a figure from ``i`` on may be the total of the next row, the last of ``parent``'s
        children: what the parent's total leaves after the other children's (their sum checked as in
        ``_adds_up``)."""
        left = self.totals[parent] - self.children_totals[parent]
        slack = self.total_half[parent] + self.children_half[parent]
        return any(abs(left - value) <= slack + half for value, half in zip(self.whole[i:], self.half[i:], strict=True))

    def _fits_parent(self, row: int, value: int, half: int) -> bool:
        """A 款 or 项 (the total column's next row) is no more than what its 类 or 款 (written above
        it) leaves after its elder siblings."""
        parent = self.parent[row]
        if parent is None:
            return True
        left = self.totals[parent] - self.children_totals[parent]
        slack = self.total_half[parent] + self.children_half[parent] + half
        return value <= left + slack

    def _holds(self, row: int, value: int, half: int, closed: bool) -> bool:
        """A total is no less than the parts its row holds already, and equal to them once no later
        part can reach the row (``closed``)."""
        slack = self.held_half[row] + half
        return self.held[row] <= value + slack and (not closed or abs(value - self.held[row]) <= slack)

    def _adds_up(self, parent: int, children: list[int]) -> bool:
        members = [parent, *children]
        difference = self.totals[parent] - sum(self.totals[c] for c in children)
        return abs(difference) <= sum(self.total_half[m] for m in members)

    def _settled(self, r: int) -> bool:
        slack = self.total_half[r] + self.held_half[r]
        return abs(self.totals[r] - self.held[r]) <= slack


def _agreed(
    lines: Sequence[StreamLine],
    whole: list[int],
    n_rows: int,
    solutions: list[Placement],
    total: int,
    parts: tuple[int, ...],
) -> tuple[dict[int, PlacedRow], list[StreamLine]]:
    """The rows every solution fills with the same figures, each with the columns its figures may
    stand in (the total's, and the part columns not yet taken)."""
    rows: dict[int, PlacedRow] = {}
    placed: set[int] = set()
    for r in range(n_rows):
        shapes = {
            tuple(sorted((kind, whole[i]) for i, (row, kind) in solution.items() if row == r)) for solution in solutions
        }
        if len(shapes) != 1:
            continue
        members = sorted(i for i, (row, _) in solutions[0].items() if row == r)
        kinds = [solutions[0][i][1] for i in members]
        # A row written in one go, its total first or last, has its parts left to right: the columns
        # they may stand in, in that order. A cell written apart (after rows below, or the total
        # between the parts) says nothing of its column: the parts may stand in any order.
        in_order = members[-1] - members[0] == len(members) - 1 and 0 in (kinds[0], kinds[-1])
        spread = combinations if in_order else permutations
        choices = tuple(
            tuple(total if kind == 0 else next(chosen) for kind in kinds)
            for columns in spread(parts, kinds.count(1))
            for chosen in (iter(columns),)
        )
        rows[r] = PlacedRow(tuple(lines[i] for i in members), choices)
        placed.update(members)
    return rows, [line for i, line in enumerate(lines) if i not in placed]
