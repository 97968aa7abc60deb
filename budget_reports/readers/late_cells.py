"""Figures of a coded table written one cell at a time, some of a row's cells after the rows below it.

pdftotext (default mode) writes each cell of a budget table as a text block of its own, mostly row
by row; but where a column has empty cells below a row, that row's later cells may come
after the rows below (Putuo's 支出预算总表 printing 合计 last: its 208 row's 项目支出 and 合计 after
the 20805 … 2080599 rows; a 项's 项目支出 after the next 类's rows). A column is then no longer top
to bottom, and ``row_streams`` finds no placement.

Such a late cell completes a row whose other cells were written in their place, and the rows are
otherwise written in one go: reading the stream as rows (runs of cells, one the sum of the others),
a late cell and its row's early cells are what a reading leaving out the fewest figures leaves out
(then one leaving out one or two more, figures alike pairing up the other way). Each early run and
later figures among those that make one row together is a way to move the late cells back; each
move (then two or three rows' moves together, where no single one fits) is placed by ``row_streams``
on the stream put back in order. A figure goes where every fitting move's every placement puts it; a row the moves
place differently is left unplaced (its figures reported ambiguous); no fitting move at all, and the
table stays not read. A moved cell says nothing of which part column it is in: the row's parts keep
every order, the sums of the table's hierarchy deciding.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from itertools import combinations, islice, permutations

from budget_reports.normalize import parse_decimal
from budget_reports.readers.class_sum_search import fits
from budget_reports.readers.interleaved_columns import PlacedRow, StreamLine
from budget_reports.readers.row_streams import place_cells
from budget_reports.readers.table_headers import Side

_MAX_ROWS_MOVED = 3  # rows whose late cells are moved back together
_MAX_TRIES = 400  # sets of moves tried for each number of rows moved
_MAX_EXTRA = 2  # figures left out beyond the fewest, where leaving out the fewest finds no move
_MAX_PLACEMENTS = 300  # orders placed per page in all (each a search of the whole page)
_MAX_APART = 24  # figures left out by a reading beyond which it points to no few late cells
_MAX_FIGURES = 400  # figures on a page beyond which no late cell is looked for
_MAX_COMBINATIONS = 50_000  # sets of moves looked at for each number of rows moved

Move = tuple[int, int, tuple[int, ...]]  # (early run's first figure, its end, the late figures): stream indices
Placed = tuple[dict[int, PlacedRow], list[StreamLine]]


def place_late_cells(lines: Sequence[StreamLine], codes: Sequence[str | None], side: Side) -> Placed | None:
    """The rows whose figures every fitting move back of late cells and every placement agree on,
    and the figures left unplaced; None when no move lets the sums place the stream."""
    if len(side.sums) != 1:
        return None
    values = [parse_decimal(line.text) for line in lines]
    if any(v is None for v in values):
        return None
    figures = [v for v in values if v is not None]
    if len(figures) > _MAX_FIGURES:
        return None
    width = len(side.money)
    tried: set[int] = set()
    results: list[tuple[set[int], Placed]] = []
    orders = _Orders(lines, codes, side, figures)
    for extra in range(_MAX_EXTRA + 1):  # the fewest figures left out first, then a few more
        apart = _out_of_rows(figures, width, extra)
        if not apart - tried or len(apart) > _MAX_APART:
            continue
        tried |= apart
        moves = _moves(figures, width, apart)
        for count in range(1, _MAX_ROWS_MOVED + 1):  # one row's late cells moved, then two rows' …
            results = orders.placed(_together(moves, count))
            if results:
                break
        if results:
            break
    if not results:
        return None
    return _agreed(results, lines, side)


def _moves(values: list[Decimal], width: int, apart: set[int]) -> list[Move]:
    """Each early run of figures and later figures, all ``apart``, that make one row together: one of
    them the sum of the others, a row holding no more cells than the table has columns."""
    moves = []
    for end in range(1, len(values)):
        for early in range(1, min(width - 1, end) + 1):
            if not apart.issuperset(range(end - early, end)):
                break
            later = sorted(k for k in apart if k >= end)
            for size in range(1, width - early + 1):
                for late in combinations(later, size):
                    if late == tuple(range(end, end + size)):
                        continue  # written in its place already
                    row = [*values[end - early : end], *(values[k] for k in late)]
                    if any(fits(v, row[:k] + row[k + 1 :]) for k, v in enumerate(row)):
                        moves.append((end - early, end, late))
    return moves


def _together(moves: list[Move], count: int) -> list[list[Move]]:
    """Up to ``_MAX_TRIES`` sets of ``count`` moves none of which moves a figure of another."""
    out: list[list[Move]] = []
    for chosen in islice(combinations(moves, count), _MAX_COMBINATIONS):
        if all(_apart(a, b) for a, b in combinations(chosen, 2)):
            out.append(list(chosen))
            if len(out) == _MAX_TRIES:
                break
    return out


def _apart(a: Move, b: Move) -> bool:
    """Two moves neither of which moves a figure of the other."""
    (first_a, end_a, late_a), (first_b, end_b, late_b) = a, b
    moved_a, moved_b = set(late_a), set(late_b)
    return not (
        moved_a & moved_b or moved_a.intersection(range(first_b, end_b)) or moved_b.intersection(range(first_a, end_a))
    )


def _order(n: int, moves: list[Move]) -> list[int]:
    """The stream's indices with each move's late figures put right after its early run."""
    moved = {k for _, _, late in moves for k in late}
    after: dict[int, list[int]] = {}
    for _, end, late in moves:
        after.setdefault(end - 1, []).extend(late)
    order: list[int] = []
    for k in range(n):
        if k not in moved:
            order.append(k)
            order += after.get(k, [])
    return order


def _out_of_rows(values: list[Decimal], width: int, extra: int) -> set[int]:
    """The figures some reading of the stream as rows leaves out, leaving out no more than ``extra``
    figures beyond the fewest any reading leaves out. A reading takes the figures left in, in order,
    as rows of two cells or more (up to the table's width), one the sum of the others: a row's cells,
    but for the late ones, are written together, so a late cell and its row's early cells are what
    such a reading leaves out (or one leaving out a few more: figures alike may pair up the other
    way, a late cell with one of its row's early cells)."""
    n = len(values)
    Open = tuple[Decimal, ...]  # the figures of the row being read

    @cache
    def fewest(i: int, row: Open) -> float:
        if i == n:
            return 0 if not row else float("inf")
        best = 1 + fewest(i + 1, row)
        for after, goes_on in _taken(row, values[i], width):
            best = min(best, fewest(i + 1, after if goes_on else ()))
        return best

    @cache
    def left_out(i: int, row: Open, spare: int) -> frozenset[int]:
        """The figures from ``i`` on that readings leaving out at most ``spare`` of them leave out."""
        if i == n:
            return frozenset()
        out: set[int] = set()
        if 1 + fewest(i + 1, row) <= spare:
            out |= {i, *left_out(i + 1, row, spare - 1)}
        for after, goes_on in _taken(row, values[i], width):
            following = after if goes_on else ()
            if fewest(i + 1, following) <= spare:
                out |= left_out(i + 1, following, spare)
        return frozenset(out)

    least = fewest(0, ())
    if least == float("inf"):
        return set()
    return set(left_out(0, (), int(least) + extra))


def _taken(row: tuple[Decimal, ...], value: Decimal, width: int) -> list[tuple[tuple[Decimal, ...], bool]]:
    """The row being read with ``value`` added: closed where it adds up (two cells or more), left
    open while it holds fewer cells than the table has columns."""
    after = (*row, value)
    ways = []
    if len(after) >= 2 and any(fits(v, after[:k] + after[k + 1 :]) for k, v in enumerate(after)):
        ways.append((after, False))
    if len(after) < width:
        ways.append((after, True))
    return ways


class _Orders:
    """The stream put back in order by moves, placed by the sums: each distinct order once (figures
    alike swapped give the same order), no more than ``_MAX_PLACEMENTS`` of them in all."""

    def __init__(
        self, lines: Sequence[StreamLine], codes: Sequence[str | None], side: Side, values: list[Decimal]
    ) -> None:
        self.lines, self.codes, self.side, self.values = lines, codes, side, values
        self.seen = {tuple(values)}
        self.left = _MAX_PLACEMENTS

    def placed(self, tries: list[list[Move]]) -> list[tuple[set[int], Placed]]:
        """Each order the moves give that the sums place: the figures moved, and the placement."""
        results = []
        for moves in tries:
            order = _order(len(self.lines), moves)
            key = tuple(self.values[k] for k in order)
            if key in self.seen or self.left <= 0:
                continue
            self.seen.add(key)
            self.left -= 1
            placed = place_cells([self.lines[k] for k in order], self.codes, self.side)
            if placed is not None:
                results.append(({k for _, _, late in moves for k in late}, placed))
        return results


def _agreed(results: list[tuple[set[int], Placed]], lines: Sequence[StreamLine], side: Side) -> Placed:
    """The rows every result fills with the same figures, with the columns any result gives them; a
    row holding a moved cell keeps its parts in any order of the part columns (where a cell was
    written says nothing of its column)."""
    total, parts = side.sums[0]
    index = {line: k for k, line in enumerate(lines)}  # a line is its page and line number: one key
    n_rows = max((r for _, (rows, _) in results for r in rows), default=-1) + 1
    rows: dict[int, PlacedRow] = {}
    placed: set[int] = set()
    for r in range(n_rows):
        held = [row for _, (by_row, _) in results if (row := by_row.get(r)) is not None]
        if len(held) < len(results) or len({tuple(sorted(map(_value, row.lines))) for row in held}) != 1:
            continue
        members = sorted(index[line] for line in held[0].lines)
        ordered = tuple(lines[k] for k in members)
        choices = {choice for row in held for choice in _in_order(row, ordered, index)}
        if any(index[line] in moved for (moved, _), row in zip(results, held, strict=True) for line in row.lines):
            choices = _any_part_order(choices, total, parts)
        rows[r] = PlacedRow(ordered, tuple(sorted(choices)))
        placed.update(members)
    return rows, [line for k, line in enumerate(lines) if k not in placed]


def _value(line: StreamLine) -> Decimal:
    value = parse_decimal(line.text)
    assert value is not None
    return value


def _in_order(row: PlacedRow, ordered: tuple[StreamLine, ...], index: dict[StreamLine, int]) -> set[tuple[int, ...]]:
    """The row's column choices, for its figures in stream order: a figure of a result is matched to
    a stream line of the same value (figures alike give the same facts whichever is taken)."""
    out = set()
    for choice in row.candidates:
        by_value: dict[Decimal, list[int]] = {}
        for line, col in sorted(zip(row.lines, choice, strict=True), key=lambda x: index[x[0]]):
            by_value.setdefault(_value(line), []).append(col)
        out.add(tuple(by_value[_value(line)].pop(0) for line in ordered))
    return out


def _any_part_order(choices: set[tuple[int, ...]], total: int, parts: tuple[int, ...]) -> set[tuple[int, ...]]:
    """Each choice with its parts in any of the part columns."""
    out = set()
    for choice in choices:
        slots = [k for k, col in enumerate(choice) if col != total]
        for columns in permutations(parts, len(slots)):
            widened = list(choice)
            for k, col in zip(slots, columns, strict=True):
                widened[k] = col
            out.add(tuple(widened))
    return out
