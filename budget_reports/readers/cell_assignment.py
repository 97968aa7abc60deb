"""Which column each printed figure of a row belongs to, when the text dropped the empty cells.

A row printing k figures under n money columns (k < n) could have them in any k of the columns,
left to right. The candidates are narrowed by arithmetic the table must obey:

- across the row: a total column is the sum of its parts (合计 = 基本支出 + 项目支出 …);
- down the table: the lines under a parent add up to it, column by column (项 → 款 → 类 → 合计);
  and once the parent's placement is known, no line under it holds more in a column than the
  parent does (money is not negative: under an empty 人员经费 cell every 款 is 公用经费);
- a column the table's total leaves empty is empty on every line (figures are not negative, so
  none can cancel another out).

Every comparison allows the rounding of the printed figures (half a unit of the last printed
digit of each). A cell on which the surviving candidates still disagree is left unplaced and
reported as ambiguous, with the columns it could be in; it is never guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from math import comb, factorial, prod
from operator import add

from budget_reports.normalize import half_step

Placement = tuple[int, ...]  # for each printed figure, its column
# A column-sum search beyond this many combinations of the lines' placements is given up: left ambiguous.
_MAX_STATES = 1_000
_MAX_INTERLEAVINGS = 50_000  # a row printed on several lines: its placements listed at most


@dataclass(slots=True)
class RowFigures:
    values: tuple[Decimal, ...]  # the figures as printed, left to right
    candidates: list[Placement] = field(default_factory=list)
    # Figure index → the columns in dispute when the figures' positions and the row's sums left no
    # placement in common (``laid_out_columns.restrict_to_positions``): those either of them allows.
    disputed: dict[int, frozenset[int]] = field(default_factory=dict)
    # ``digits()``, worked out on first use: every sum the row takes part in weighs its figures.
    known_digits: tuple[tuple[int, int], ...] | None = field(default=None, repr=False, compare=False)
    # ``halves()``, worked out on first use: every known cell a placement is checked against weighs them.
    known_halves: tuple[Decimal, ...] | None = field(default=None, repr=False, compare=False)

    def digits(self) -> tuple[tuple[int, int], ...]:
        """Each figure as whole units of its last printed digit, with that digit's power of ten
        (1,503.52 → (150352, -2)): sums then run on integers."""
        if self.known_digits is None:
            self.known_digits = tuple(map(_digits_of, self.values))
        return self.known_digits

    def halves(self) -> tuple[Decimal, ...]:
        """Half a unit of each figure's last printed digit (``half_step``): how far rounding may have moved it."""
        if self.known_halves is None:
            # From the figures' printed digits (``digits``), which the sums read anyway.
            self.known_halves = tuple(_half_unit(exponent) for _, exponent in self.digits())
        return self.known_halves

    def copy(self) -> RowFigures:
        """The same figures with their placements, to be narrowed apart from these."""
        return RowFigures(self.values, list(self.candidates), dict(self.disputed), self.known_digits, self.known_halves)

    def vector(self, placement: Placement, width: int) -> tuple[Decimal, ...]:
        out = [Decimal(0)] * width
        for value, col in zip(self.values, placement, strict=True):
            out[col] = value
        return tuple(out)

    def figure_in(self, placement: Placement, column: int) -> Decimal | None:
        """The figure ``placement`` puts in ``column``; None when it leaves the cell empty."""
        return self.values[placement.index(column)] if column in placement else None

    def agrees_in(
        self, placement: Placement, column: int, expected: Decimal, slack: Decimal, scale: Decimal = Decimal(1)
    ) -> bool:
        """Whether the figure ``placement`` puts in ``column`` (an empty cell is zero), times ``scale``,
        is ``expected`` within both figures' rounding (its own half unit and ``slack``, the other's)."""
        if column not in placement:
            return abs(expected) <= slack
        figure = placement.index(column)
        return abs(self.values[figure] * scale - expected) <= self.halves()[figure] * scale + slack

    def settled(self) -> dict[int, int]:
        """Figure index → column, for the figures every remaining candidate puts in the same column."""
        if not self.candidates:
            return {}
        first = self.candidates[0]
        if len(self.candidates) == 1:
            return dict(enumerate(first))  # the common case: one placement left
        # Per figure, its column in every candidate (one pass over the candidates, not one per figure).
        return {i: columns[0] for i, columns in enumerate(zip(*self.candidates, strict=True)) if len(set(columns)) == 1}

    def possible_columns(self, figure: int) -> list[int]:
        if not self.candidates:
            return sorted(self.disputed.get(figure, ()))
        return sorted({c[figure] for c in self.candidates})


def row_candidates(
    values: tuple[Decimal, ...],
    width: int,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    lines: Sequence[object] | None = None,
) -> RowFigures:
    """Every left-to-right placement of the figures that keeps the row's own sums.

    ``lines`` (one per figure) says which printed line each figure came from, when a row's figures
    were printed on several lines whose order is not the columns' (text written by baseline): the
    figures of one line keep their order, those of different lines may interleave."""
    if not values:
        # A side printing no figure (a name alone: nearly half the sides of a report's tables) has
        # one placement, the empty one: nothing to weigh or to list.
        return RowFigures(values, [()])
    row = RowFigures(values)
    if len(values) > width:
        return row  # more figures than columns: nothing fits
    several_lines = lines is not None and len(set(lines)) > 1
    if several_lines:
        assert lines is not None
        if _interleavings(width, lines) > _MAX_INTERLEAVINGS:
            return row  # too many orders to list (twelve figures on twelve lines): none is placed
        placements = _distinct(list(_line_order_placements(width, _line_pattern(lines))), values)
        if not sums:
            row.candidates = placements
            return row
    elif len(values) == width or not sums or not values:
        # Nothing was dropped (the printed order is the placement), or nothing to tell columns apart.
        row.candidates = list(_every_placement(width, len(values)))
        return row
    # Whole numbers of the finest printed unit; a figure printed to 0.1 is exact to ± 0.05 = 5 such units.
    digits = row.digits()
    places = max(0, -min(exponent for _, exponent in digits))
    scaled = [units * 10 ** (places + exponent) for units, exponent in digits]
    # Twice the half unit, in those units (a figure printed whole, or to tens, counts as whole).
    halves = [10 ** (places + min(exponent, 0)) for _, exponent in digits]
    if several_lines:
        # Figures from several printed lines: any interleaving, checked one by one (few such rows).
        row.candidates = [p for p in placements if _keeps_sums(p, scaled, halves, width, sums)]
        return row
    # Whether a placement keeps the sums depends only on the sign each sum gives each figure's column
    # (+ total, - part, 0 left out): each such pattern is checked once, placements keep their order.
    patterns, indexed = _sign_patterns(width, len(values), tuple(sums))
    holds = [_sums_hold(pattern, scaled, halves) for pattern in patterns]
    row.candidates = [placement for placement, pattern in indexed if holds[pattern]]
    return row


def printed_row_candidates(
    values: tuple[Decimal, ...],
    width: int,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    lines: Sequence[object],
) -> RowFigures:
    """A row of text written one row per line: its figures in their printed order while that
    order keeps the row's own sums. A row whose figures were printed on several lines (``lines``,
    one per figure) may hold a cell set lower than the others, which an extractor grouping
    characters into lines by their height writes on a line of its own after them (a 三公 table's
    合计 under its parts): where the printed order breaks the sums, the lines' figures may
    interleave, and the placements keeping the sums are those left (none, where none does)."""
    row = row_candidates(values, width, sums)
    if len(set(lines)) < 2 or not sums or (row.candidates and (len(values) < width or keeps_sums(values, sums))):
        return row
    return row_candidates(values, width, sums, lines)


def keeps_sums(values: tuple[Decimal, ...], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    """Whether a row printing every column's figure, in the columns' order, keeps its sums within
    the figures' rounding."""
    digits = RowFigures(values).digits()
    places = max(0, -min((exponent for _, exponent in digits), default=0))
    scaled = [units * 10 ** (places + exponent) for units, exponent in digits]
    halves = [10 ** (places + min(exponent, 0)) for _, exponent in digits]
    return _keeps_sums(tuple(range(len(values))), scaled, halves, len(values), sums)


@lru_cache(maxsize=256)  # a few widths, for most rows of every table
def _every_placement(width: int, count: int) -> tuple[Placement, ...]:
    """Every left-to-right placement of ``count`` figures in ``width`` columns."""
    return tuple(combinations(range(width), count))


# One sum as a pattern checks it: the figures (by index) in its total's column and in its parts' columns.
_SumTerms = tuple[tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=256)  # a few layouts' widths and sums, for every row of every table
def _sign_patterns(
    width: int, count: int, sums: tuple[tuple[int, tuple[int, ...]], ...]
) -> tuple[tuple[tuple[_SumTerms, ...], ...], tuple[tuple[Placement, int], ...]]:
    """The distinct sign patterns (per sum, the sign of each figure's column) of the placements of
    ``count`` figures in ``width`` columns, each as the figures every sum adds and takes away, and
    every placement in order with its pattern's index."""
    column_signs = [_signs(total, parts, width) for total, parts in sums]
    patterns: dict[tuple[tuple[int, ...], ...], int] = {}
    placements = []
    for placement in combinations(range(width), count):
        pattern = tuple(tuple(signs[col] for col in placement) for signs in column_signs)
        placements.append((placement, patterns.setdefault(pattern, len(patterns))))
    return tuple(tuple(map(_terms, pattern)) for pattern in patterns), tuple(placements)


def _signs(total: int, parts: tuple[int, ...], width: int) -> list[int]:
    signs = [0] * width
    signs[total] = 1
    for part in parts:
        signs[part] = -1
    return signs


def _terms(signs: tuple[int, ...]) -> _SumTerms:
    return (
        tuple(i for i, sign in enumerate(signs) if sign > 0),
        tuple(i for i, sign in enumerate(signs) if sign < 0),
    )


def _sums_hold(pattern: tuple[_SumTerms, ...], values: list[int], halves: list[int]) -> bool:
    """Each sum's total less its parts is zero within the rounding of the figures it takes in
    (dropped cells are zero). Plain loops: a sum takes in a figure or two, fewer than a ``sum(map())``
    pays for, and this runs for every sign pattern of every row."""
    for totals, parts in pattern:
        difference = rounding = 0
        for i in totals:
            difference += values[i]
            rounding += halves[i]
        for i in parts:
            difference -= values[i]
            rounding += halves[i]
        if 2 * abs(difference) > rounding:
            return False
    return True


def narrow_by_columns(parent: RowFigures, children: list[RowFigures], width: int) -> bool:
    """Keep only candidates for which the children add up to the parent in every column.

    Nothing is removed when no combination adds up (the report's own figures disagree: that is
    for the rules to report, not a reason to drop the printed placements). Returns whether any
    candidate was removed. Sums run on whole numbers of the finest printed unit, for speed.
    """
    members = [parent, *children]
    if any(not m.candidates for m in members) or all(len(m.candidates) == 1 for m in members):
        return False
    if prod(len(m.candidates) for m in members) > _MAX_STATES:
        return False  # too many combinations to try: the figures stay ambiguous
    exponents = [e for m in members for _, e in m.digits()]
    places = max((-e for e in exponents if e < 0), default=0)
    # Half a unit of the last printed digit of every figure, in whole units of the finest one.
    tolerance = sum(10 ** (places + e) for e in exponents) // 2
    scaled = [
        [sign * units * 10 ** (places + e) for units, e in member.digits()]
        for member, sign in zip(members, [-1] + [1] * len(children), strict=True)
    ]
    if _add_up_whatever_the_placement(members, scaled, tolerance):
        return False  # every placement is kept: nothing to search
    options = [[_scaled_vector(s, c, width) for c in m.candidates] for m, s in zip(members, scaled, strict=True)]
    fits = _fitting_candidates(options, tolerance, width)
    kept = [[c for k, c in enumerate(m.candidates) if k in fit] for m, fit in zip(members, fits, strict=True)]
    if not all(kept) or all(len(k) == len(m.candidates) for k, m in zip(kept, members, strict=True)):
        return False
    for member, candidates in zip(members, kept, strict=True):
        member.candidates = candidates
    return True


def _add_up_whatever_the_placement(members: list[RowFigures], scaled: list[list[int]], tolerance: int) -> bool:
    """Whether every candidate of every member is part of a choice adding up, found without the search:
    the members have the same candidates (a 类 printing its one 款's figures; lines printing one
    figure twice, 合计 and 基本支出, under a parent doing the same) and their figures add up figure
    by figure (the scaled figures enter the parent's negated). Then choosing the same placement
    for every member puts each figure's sum in a column of its own, within ``tolerance``, for
    every placement alike."""
    first = members[0].candidates
    for member in members[1:]:
        if member.candidates != first:
            return False
    return all(abs(sum(figure)) <= tolerance for figure in zip(*scaled, strict=True))


def _fitting_candidates(options: list[list[tuple[int, ...]]], tolerance: int, width: int) -> list[set[int]]:
    """For each member, the indices of its candidate vectors that are part of some choice of one
    vector per member adding up to zero in every column, within ``tolerance``.

    Every choice is tried (the caller keeps their number within ``_MAX_STATES``), depth first from
    the sum of the members that have one candidate; a branch is cut as soon as a column exceeds the
    tolerance while no member left to choose adds anything negative: that column can only grow.
    The last member's vectors are not tried one by one: those that can bring the sum back to zero
    are looked up by their figure in one column (sorted), then checked in every column.
    """
    fixed = [i for i, opts in enumerate(options) if len(opts) == 1]
    free = [i for i, opts in enumerate(options) if len(opts) > 1]
    start = (0,) * width
    for i in fixed:
        start = _add(start, options[i][0])
    # only_rising[d]: the members free[d:] add nothing negative (the parent's figures enter negated).
    only_rising = [True] * (len(free) + 1)
    for d in reversed(range(len(free))):
        only_rising[d] = only_rising[d + 1] and min(map(min, options[free[d]]), default=0) >= 0
    fits: list[set[int]] = [set() for _ in options]
    if not free:
        if _near_zero(start, tolerance):
            for i in fixed:
                fits[i].add(0)
        return fits
    _FitSearch(options, fixed, free, only_rising, tolerance, fits).visit(0, start)
    return fits


class _FitSearch:
    """The depth-first search of ``_fitting_candidates``, adding to ``fits``. A class rather than a
    function calling itself through its closure: such a closure is a reference cycle, and all it
    holds (the vectors, the sets) would wait for the cyclic garbage collector; a report asks this
    search a hundred times."""

    __slots__ = ("chosen", "fits", "fixed", "free", "last", "only_rising", "options", "tolerance")

    def __init__(
        self,
        options: list[list[tuple[int, ...]]],
        fixed: list[int],
        free: list[int],
        only_rising: list[bool],
        tolerance: int,
        fits: list[set[int]],
    ) -> None:
        self.options, self.fixed, self.free, self.only_rising = options, fixed, free, only_rising
        self.tolerance, self.fits = tolerance, fits
        self.chosen = [0] * len(free)
        self.last = _ByColumn(options[free[-1]])

    def visit(self, depth: int, total: tuple[int, ...]) -> None:
        tolerance, free = self.tolerance, self.free
        if self.only_rising[depth] and max(total, default=0) > tolerance:
            return
        if depth == len(free) - 1:
            matches = self.last.completing(total, tolerance)
            if matches:
                fits = self.fits
                for i in self.fixed:
                    fits[i].add(0)
                for i, index in zip(free[:-1], self.chosen, strict=False):  # the last member's are the matches
                    fits[i].add(index)
                fits[free[-1]].update(matches)
            return
        chosen = self.chosen
        for index, vector in enumerate(self.options[free[depth]]):
            chosen[depth] = index
            self.visit(depth + 1, _add(total, vector))


class _ByColumn:
    """One member's candidate vectors, sorted by their figure in the column where they differ most."""

    def __init__(self, vectors: list[tuple[int, ...]]) -> None:
        width = len(vectors[0]) if vectors else 0
        self.column = max(range(width), key=lambda c: len({v[c] for v in vectors}), default=0)
        order = sorted(range(len(vectors)), key=lambda k: vectors[k][self.column] if width else 0)
        self.keys = [vectors[k][self.column] if width else 0 for k in order]
        self.entries = [(k, vectors[k]) for k in order]

    def completing(self, total: tuple[int, ...], tolerance: int) -> list[int]:
        """The indices of the vectors that bring ``total`` within ``tolerance`` of zero in every column."""
        if not total:
            return [k for k, _ in self.entries]
        need = -total[self.column]
        low = bisect_left(self.keys, need - tolerance)
        high = bisect_right(self.keys, need + tolerance)
        return [k for k, vector in self.entries[low:high] if _completes(total, vector, tolerance)]


def _completes(total: tuple[int, ...], vector: tuple[int, ...], tolerance: int) -> bool:
    """Whether ``total`` plus ``vector`` is within ``tolerance`` of zero in every column: column by
    column, stopping at the first that is not (most vectors tried fail in their first columns)."""
    # A plain loop: ``all()`` over a generator costs as much as the whole search saves here.
    for a, b in zip(total, vector, strict=True):  # noqa: SIM110
        if not -tolerance <= a + b <= tolerance:
            return False
    return True


def bound_by_parent(parent: RowFigures, children: list[RowFigures], width: int) -> bool:
    """Keep only the children's candidates that stay within the settled parent in every column.

    Works line by line, so a parent with many children (a 类 of twenty 款, whose joint sums are
    beyond the search) still settles them. Applies only when no figure of the group is negative.
    Returns whether any candidate was removed."""
    if len(parent.candidates) != 1 or all(len(child.candidates) < 2 for child in children):
        return False  # nothing to settle (asked first: cheaper than the sign of every figure)
    members = (parent, *children)
    if any(units < 0 for m in members for units, _ in m.digits()):
        return False
    # Twice each figure, in whole units of the finest printed digit: half a unit of a figure's last
    # digit is then a whole number too.
    places = max((-e for m in members for _, e in m.digits() if e < 0), default=0)
    # What each column admits: the parent's figure and half a unit of its last digit (nothing for an empty cell).
    ceiling = [0] * width
    for (units, e), col in zip(parent.digits(), parent.candidates[0], strict=True):
        if units:
            ceiling[col] = (2 * units + 1) * 10 ** (places + e)
    changed = False
    for child in children:
        if len(child.candidates) < 2:
            continue
        # Each figure less half a unit of its own last digit, worked out once for all its placements.
        floors = [(2 * units - 1) * 10 ** (places + e) for units, e in child.digits()]
        kept = [c for c in child.candidates if all(floor <= ceiling[col] for floor, col in zip(floors, c, strict=True))]
        if kept and len(kept) < len(child.candidates):
            child.candidates = kept
            changed = True
    return changed


def keep_total_columns(total: RowFigures, rows: list[RowFigures]) -> bool:
    """Keep only placements in the columns the settled total row prints; whether any was removed.

    Holds only when no figure of the table is negative; a line that would lose every placement
    keeps them (the report's own figures disagree: the rules report that)."""
    if len(total.candidates) != 1 or all(len(row.candidates) < 2 for row in rows):
        return False  # nothing to settle (asked first: cheaper than the sign of every figure)
    if any(v < 0 for row in (total, *rows) for v in row.values):
        return False
    printed = set(total.candidates[0])
    changed = False
    for row in rows:
        kept = [c for c in row.candidates if printed.issuperset(c)]
        if kept and len(kept) < len(row.candidates):
            row.candidates = kept
            changed = True
    return changed


@lru_cache(maxsize=32)  # a few printed precisions (0.01, 0.1, whole units), in every report
def _half_unit(exponent: int) -> Decimal:
    """Half a unit of a last printed digit whose power of ten is ``exponent`` (``half_step``)."""
    return half_step(Decimal(1).scaleb(exponent))


def _digits_of(value: Decimal) -> tuple[int, int]:
    """The figure as whole units of its last printed digit, and that digit's power of ten (-2 for
    64.88), as ``printed_step`` reads it."""
    # Read off the figure's own digits (``as_tuple`` builds a named tuple: three times slower).
    text = str(value)
    if not text.isascii() or "E" in text or "N" in text or "I" in text:
        exponent = value.as_tuple().exponent  # exponent notation, NaN, infinity: not printed figures
        if not isinstance(exponent, int):
            exponent = 0
        return int(value.scaleb(-exponent)), exponent
    point = text.find(".")
    if point < 0:
        return int(text), 0
    return int(text[:point] + text[point + 1 :]), point + 1 - len(text)


def _keeps_sums(
    placement: Placement,
    scaled: Sequence[int],
    halves: Sequence[int],
    width: int,
    sums: Sequence[tuple[int, tuple[int, ...]]],
) -> bool:
    """Each total of the row equals its parts within their printed rounding, with the figures so placed."""
    vector = [0] * width
    units = [0] * width
    for value, half, col in zip(scaled, halves, placement, strict=True):
        vector[col] = value
        units[col] = half
    for total, parts in sums:  # a plain loop: this runs for every interleaving of every such row
        difference, rounding = vector[total], units[total]
        for part in parts:
            difference -= vector[part]
            rounding += units[part]
        if 2 * abs(difference) > rounding:
            return False
    return True


def _distinct(placements: list[Placement], values: tuple[Decimal, ...]) -> list[Placement]:
    """One placement per distinct row of cells: equal figures swapped give the same row."""
    if len(set(values)) == len(values):
        return placements  # no two figures equal: every placement is a row of its own
    seen: set[tuple[tuple[int, Decimal], ...]] = set()
    out = []
    for placement in placements:
        cells = tuple(sorted(zip(placement, values, strict=True)))
        if cells not in seen:
            seen.add(cells)
            out.append(placement)
    return out


def _line_pattern(lines: Sequence[object]) -> tuple[int, ...]:
    """Which of the row's printed lines each figure came from, numbered in order of appearance:
    rows of one shape share their placements whatever their page and line numbers."""
    numbers: dict[object, int] = {}
    return tuple(numbers.setdefault(line, len(numbers)) for line in lines)


@lru_cache(maxsize=256)  # a few shapes (width, figures per line) for every row printed over several lines
def _line_order_placements(width: int, pattern: tuple[int, ...]) -> tuple[Placement, ...]:
    """Every placement of the figures in ``width`` columns keeping each line's figures in its order,
    in the order of the permutations they are among. Built from the columns taken and the lines'
    interleavings rather than filtered from every permutation: twelve figures printed on two lines
    have 924 placements among 479 million permutations."""
    figures_of_line: dict[int, list[int]] = {}
    for figure, line in enumerate(pattern):
        figures_of_line.setdefault(line, []).append(figure)
    placements = []
    for columns in combinations(range(width), len(pattern)):
        for lines in _interleaved_lines(Counter(pattern), len(pattern)):
            placement = [0] * len(pattern)
            taken = dict.fromkeys(figures_of_line, 0)
            for column, line in zip(columns, lines, strict=True):
                placement[figures_of_line[line][taken[line]]] = column
                taken[line] += 1
            placements.append(tuple(placement))
    return tuple(sorted(placements))


def _interleaved_lines(left: Counter[int], length: int) -> list[tuple[int, ...]]:
    """Every order of the lines' figures, left to right (the distinct orders of the multiset)."""
    if length == 0:
        return [()]
    orders = []
    for line in sorted(left):
        if left[line]:
            left[line] -= 1
            orders.extend((line, *rest) for rest in _interleaved_lines(left, length - 1))
            left[line] += 1
    return orders


def _interleavings(width: int, lines: Sequence[object]) -> int:
    """How many placements keep each printed line's figures in order: the columns taken, times the
    ways the lines' figures interleave."""
    counts = Counter(lines)
    return comb(width, len(lines)) * factorial(len(lines)) // prod(map(factorial, counts.values()))


def decimal_places(value: Decimal) -> int:
    """How many digits the figure prints after the point (2 for 64.88, 0 for 100)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _scaled_vector(values: list[int], placement: Placement, width: int) -> tuple[int, ...]:
    out = [0] * width
    for value, col in zip(values, placement, strict=True):
        out[col] = value
    return tuple(out)


def _add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(map(add, a, b))


def _near_zero(vector: tuple[int, ...], tolerance: int) -> bool:
    return -tolerance <= min(vector, default=0) and max(vector, default=0) <= tolerance
