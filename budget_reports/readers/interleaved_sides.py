"""Figures of a two-sided overview that ``pdftotext`` (default mode) wrote as interleaved streams.

The 收入支出决算总表 and the 财政拨款收入支出决算总表 print income and spending side by side;
tightly set, each figure comes out alone, the two sides' figures merged into one stream (a figure
even before its label). What still holds is that each column is written top to bottom. Which row
a figure is on cannot be told from the text alone: several placements keep the sides' sums (the
spending items add up to 本年支出合计 as the income items to 本年收入合计). The report says more:

- the spending items are the function classes, whose totals the detail tables print (the
  支出决算表 for all funds, each fund's table for its column); a class the detail table does not
  print spends nothing; 本年支出合计 is that table's 合计;
- a fund whose own table prints no figure (``本表无数据``) has no income, spending or carry-over;
- each side's rows add up: items to the year's total, the year's total with the carry-over and
  the other rows to 总计 (a side of items and 总计 alone: its items to 总计), a carry-over's fund
  parts to the carry-over; a side's fund columns to its 合计 column; the two sides' 总计 are equal;
- a figure printed as zero changes no sum and stands in a cell the report proves empty as well;
- a figure pdftotext writes on a line before a spending label is on that line's income row
  (``overview_streams`` tells which, the search keeps it there, in any of the side's columns).

Figures are matched within the rounding of both printed figures (``printed_step``). Every
placement of the stream keeping all of it is searched (bounded); a figure is placed where every
placement puts it, the others are reported ambiguous.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.normalize import half_step, parse_decimal
from budget_reports.readers.overview_labels import INCOME, SPENDING, Label, Role
from budget_reports.readers.table_headers import Side

_MAX_NODES = 50_000  # the generated overviews need at most ~13,000
_MAX_SOLUTIONS = 500


@dataclass(frozen=True, slots=True)
class Known:
    """What the report says a cell holds: a figure (zero for an empty cell) within ``half``.

    Not ``known_cells.KnownCell``: the search fills cells one figure at a time and bounds each cell
    by what is known of it as it goes, a carry-over part by what it holds at least (``at_least``),
    where a known cell narrows a row's placements once they are all found."""

    value: Decimal
    half: Decimal
    at_least: bool = False  # the cell holds this figure and more (a part of it printed elsewhere)

    @classmethod
    def of(cls, figure: Decimal | None) -> Known:
        return cls(Decimal(0), Decimal(0)) if figure is None else cls(figure, half_step(figure))

    @property
    def empty(self) -> bool:
        return self.value == 0


EMPTY = Known(Decimal(0), Decimal(0))
Cell = tuple[int, int, int]  # (side, row, column)
# Where figures may stand: by value, the cells of a figure other than zero; the cells no zero takes.
Allowed = tuple[dict[Decimal, set[Cell]], frozenset[Cell]]
Rows = dict[int, tuple[int, int]]  # figure index -> the (side, row) it is printed on


def place_overview(
    figures: Sequence[str],
    sides: tuple[Sequence[Label], Sequence[Label]],
    layout: Sequence[Side],
    known: dict[Cell, Known],
    rows: Rows | None = None,
) -> Placed | None:
    """Where every placement puts each figure (figures placed differently are left out); None
    when no placement fits or the search passes its bound. ``rows``: the (side, row) the text
    shows some figures on, whatever their column."""
    values = [parse_decimal(f) for f in figures]
    if any(v is None or v < 0 for v in values):
        return None
    numbers = [v for v in values if v is not None]
    rows = rows or {}
    placed = _placed(numbers, list(range(len(numbers))), sides, layout, known, rows=rows)
    if placed is not None or all(numbers):
        return placed
    # Zeros printed in every empty cell (a county's overview) may take the search past its bound.
    # A zero changes no sum: the other figures are placed without them first; every placement of
    # the whole stream puts them where some of those placements put an equal figure, which bounds
    # the search of the whole stream again. Where that passes its bound too, the zeros are left
    # unplaced (reported, never put in a cell).
    nonzero = [i for i, v in enumerate(numbers) if v]
    alone_rows = {k: rows[i] for k, i in enumerate(nonzero) if i in rows}
    alone = _placed([numbers[i] for i in nonzero], nonzero, sides, layout, known, rows=alone_rows)
    if alone is None:
        return None
    allowed: dict[Decimal, set[Cell]] = {}
    for i, cells in alone.cells_of.items():
        allowed.setdefault(numbers[i], set()).update(cells)
    # A cell every one of those placements fills holds a figure other than zero in all of them.
    taken = frozenset(alone.figures.values())
    whole = _placed(numbers, list(range(len(numbers))), sides, layout, known, (allowed, taken), rows)
    return whole if whole is not None else alone


def _placed(
    values: list[Decimal],
    indices: list[int],
    sides: tuple[Sequence[Label], Sequence[Label]],
    layout: Sequence[Side],
    known: dict[Cell, Known],
    allowed: Allowed | None = None,
    rows: Rows | None = None,
) -> Placed | None:
    """The placements of ``values`` (the figures ``indices`` of the stream, by which they are
    returned), as far as ``allowed`` and ``rows`` (by position in ``values``) when given; None
    when none fits or the search passes its bound."""
    search = _Search(values, sides, layout, known, allowed, rows)
    search.run(0)
    if search.nodes <= 0 or not search.solutions or len(search.solutions) > _MAX_SOLUTIONS:
        return None
    # Equal figures swapped between cells are one placement: cells are compared by their figures.
    filled = [{cell: values[i] for i, cell in solution.items()} for solution in search.solutions]
    first = search.solutions[0]
    agreed = {indices[i]: cell for i, cell in first.items() if all(f.get(cell) == values[i] for f in filled)}
    cells_of: dict[int, set[Cell]] = {}
    for solution in search.solutions:
        for i, cell in solution.items():
            cells_of.setdefault(indices[i], set()).add(cell)
    return Placed(agreed, frozenset(cell for f in filled for cell in f), cells_of)


@dataclass(frozen=True, slots=True)
class Placed:
    """Figure index → the cell every placement gives it; every cell some placement fills (a cell
    outside is empty in all of them); and the cells each figure may be in."""

    figures: dict[int, Cell]
    ever_filled: frozenset[Cell]
    # Figure index -> the cells the placements searched give it (of equal figures, one order).
    cells_of: dict[int, set[Cell]]


class _Search:
    """Each figure, in the order written, goes to a later row of one column (each column top to
    bottom); a row the report proves filled cannot be passed over, one it proves empty is skipped,
    and a column's sums are checked as soon as their rows are behind it, the parts below a total
    (一、本年支出 over its classes) as they come, and a row's fund columns against its 合计 as soon as
    the columns are past it. Placements that fill the same cells with equal figures are searched
    once (the same total printed in four cells, tried in every order, would pass the bound). Sums
    are worked in whole numbers: each figure doubled at the finest scale printed, so half its last
    digit is whole too."""

    def __init__(
        self,
        values: list[Decimal],
        sides: tuple[Sequence[Label], Sequence[Label]],
        layout: Sequence[Side],
        known: dict[Cell, Known],
        allowed: Allowed | None = None,
        printed_on: Rows | None = None,
    ) -> None:
        self.values = values
        self.sides = sides
        self.layout = layout
        self.columns = [(s, c) for s in (INCOME, SPENDING) for c in range(len(layout[s].money))]
        # The known cells' figures are mostly one (EMPTY's zero): each object is asked once (by id:
        # equal Decimals may print different places, 0 and 0.00).
        figures = {id(v): v for v in [*values, *(k.value for k in known.values())]}
        scale = max((_places(v) for v in figures.values()), default=0)
        self.whole = [_whole(v, scale) for v in values]
        self.half = [_whole(half_step(v), scale) for v in values]
        self.rows = [len(sides[s]) for s, _ in self.columns]
        # Per column: the first row at or after each row that the report proves filled.
        self.next_filled: list[list[int]] = []
        for s, c in self.columns:
            rows = len(sides[s])
            next_filled = [rows] * (rows + 1)
            for r in range(rows - 1, -1, -1):
                k = known.get((s, r, c))
                next_filled[r] = r if k is not None and not k.empty else next_filled[r + 1]
            self.next_filled.append(next_filled)
        # Per figure and column: the rows it may stand in, top to bottom.
        # Per column, the rows the report says nothing of (any figure may stand there) and those it
        # proves filled (a figure near what it says); a row it proves empty takes none but a zero.
        free_rows: list[list[int]] = []
        filled_rows: list[dict[int, Known]] = []
        zero_rows: list[list[int]] = []  # a row it proves empty takes a figure printed as zero alone
        for s, c in self.columns:
            cells = [known.get((s, r, c)) for r in range(len(sides[s]))]
            free_rows.append([r for r, k in enumerate(cells) if k is None])
            filled_rows.append({r: k for r, k in enumerate(cells) if k is not None and not k.empty})
            zeros = {*free_rows[-1], *(r for r, k in enumerate(cells) if k is not None and k.empty)}
            zero_rows.append(sorted(r for r in zeros if allowed is None or (s, r, c) not in allowed[1]))
        self.zero_rows = zero_rows
        # Zeros from each figure on: they need as many rows left that may take a zero.
        self.zeros_from = [0] * (len(values) + 1)
        for i in range(len(values) - 1, -1, -1):
            self.zeros_from[i] = self.zeros_from[i + 1] + (values[i] == 0)
        self.options: list[list[list[int]]] = []
        for value in values:
            if value == 0:
                self.options.append(zero_rows)
                continue
            half = half_step(value)  # once per figure, not once per cell
            options = [
                sorted([*free, *(r for r, k in filled.items() if _fits(value, half, k))]) if filled else free
                for free, filled in zip(free_rows, filled_rows, strict=True)
            ]
            if allowed is not None:
                cells = allowed[0].get(value, set())
                options = [
                    [r for r in rows if (s, r, c) in cells] for (s, c), rows in zip(self.columns, options, strict=True)
                ]
            self.options.append(options)
        for i, (side, row) in (printed_on or {}).items():
            # A figure on a known row of one side: that row alone, in the side's columns.
            self.options[i] = [
                [row] if s == side and row in options else []
                for (s, _), options in zip(self.columns, self.options[i], strict=True)
            ]
        rules = [_row_sums(side) for side in sides]
        self.rules = [[(max(t, *parts), t, parts) for t, parts in rules[s]] for s, _ in self.columns]
        # Each rule's parts added up as figures are placed (value, slack), column by column.
        self.rule_sums = [[[0, 0] for _ in rules[s]] for s, _ in self.columns]
        # Per row, the sums it is a part of: worked out once per side, its columns sharing them.
        side_rules_of_row: list[list[list[int]]] = [[[] for _ in sides[s]] for s in range(2)]
        for s in range(2):
            for n, (_, parts) in enumerate(rules[s]):
                for r in dict.fromkeys(parts):  # a row listed twice is a part of the sum once
                    side_rules_of_row[s][r].append(n)
        self.rules_of_row = [side_rules_of_row[s] for s, _ in self.columns]
        # Per column, each sum by the row that completes it (end, sum), in that order.
        self.rule_ends = [sorted((end, n) for n, (end, _, _) in enumerate(column_rules)) for column_rules in self.rules]
        # Rows that must still take a figure (``wanting``): per column, the rows from each on the report
        # proves filled, and the sums whose total row it does not (a total their parts outgrow is one).
        self.filled_from = [_filled_from(next_filled) for next_filled in self.next_filled]
        self.open_totals = [
            [(n, total) for n, (_, total, _) in enumerate(column_rules) if next_filled[total] != total]
            for column_rules, next_filled in zip(self.rules, self.next_filled, strict=True)
        ]
        self.halves_from = [0] * (len(values) + 1)
        for i in range(len(values) - 1, -1, -1):
            self.halves_from[i] = self.halves_from[i + 1] + self.half[i]
        self.last = [-1] * len(self.columns)
        self.grid: list[list[int | None]] = [[None] * n for n in self.rows]  # figure in each cell
        # Each side's fund columns against its 合计 column, row by row: the side's rows and the grid
        # columns (the total's first), looked up once for every placement checked.
        self.column_of = {column: k for k, column in enumerate(self.columns)}
        self.fund_sums = [
            (len(sides[s]), [self.grid[self.column_of[s, c]] for c in (total, *parts)])
            for s in (INCOME, SPENDING)
            for total, parts in layout[s].sums
        ]
        # The same sums by the grid columns they span, and each column's: a row of a sum is
        # checked as soon as every column of it is past the row (no figure can join it then).
        self.fund_columns = [
            [self.column_of[s, c] for c in (total, *parts)]
            for s in (INCOME, SPENDING)
            for total, parts in layout[s].sums
        ]
        self.fund_sums_of = [
            [n for n, columns in enumerate(self.fund_columns) if k in columns] for k in range(len(self.columns))
        ]
        self.placed: dict[int, Cell] = {}
        self.solutions: list[dict[int, Cell]] = []
        # Figures printed alike (value and rounding) are one kind: placements that fill the same
        # cells with the same kinds of figure go on alike, so each is searched once (a total printed
        # in four cells would otherwise be tried in every order, past the bound).
        kinds: dict[tuple[int, int], int] = {}
        self.kind = [kinds.setdefault(pair, len(kinds)) for pair in zip(self.whole, self.half, strict=True)]
        self.seen: set[tuple[int, ...]] = set()
        # The state searched from: the next figure's index, then each column's cells top to bottom,
        # the kind of figure each holds (-1: none), kept as figures are placed and taken back.
        self.state = [0, *(-1 for n in self.rows for _ in range(n))]
        self.first_cell = [1 + sum(self.rows[:k]) for k in range(len(self.rows))]
        self.nodes = _MAX_NODES
        self.grand = [
            next((r for r, label in enumerate(sides[s]) if label.role is Role.GRAND_TOTAL), None)
            for s in (INCOME, SPENDING)
        ]

    def run(self, i: int) -> None:
        self.nodes -= 1
        if self.nodes <= 0 or len(self.solutions) > _MAX_SOLUTIONS:
            return
        self.state[0] = i
        state = tuple(self.state)
        if state in self.seen:
            return  # the same cells filled with the same figures: the same placements go on from here
        self.seen.add(state)
        zeros = self.zeros_from[i]
        if zeros and zeros > sum(len(rows) - bisect_right(rows, self.last[k]) for k, rows in enumerate(self.zero_rows)):
            return  # the zeros left have fewer rows left to stand in
        if self.wanting(i) > len(self.values) - i:
            return  # more rows must still take a figure than figures are left
        if i == len(self.values):
            if all(self.next_filled[k][self.last[k] + 1] == self.rows[k] for k in range(len(self.columns))) and (
                self.across()
            ):
                self.solutions.append(dict(self.placed))
            return
        whole, half, kind = self.whole[i], self.half[i], self.kind[i]
        last, cells, placed = self.last, self.state, self.placed
        for k, rows in enumerate(self.options[i]):
            before = last[k]
            first = bisect_right(rows, before)
            if first == len(rows):
                continue  # no row left below the column's last figure: nothing to set up
            # Below the column's last figure, and not past a row that must be filled.
            limit = self.next_filled[k][before + 1]
            side, column = self.columns[k]
            grid, rule_sums, rules_of_row, rule_ends = (
                self.grid[k],
                self.rule_sums[k],
                self.rules_of_row[k],
                self.rule_ends[k],
            )
            first_cell = self.first_cell[k]
            for r in rows[first:]:
                if r > limit:
                    break
                last[k] = r
                grid[r] = i
                cells[first_cell + r] = kind
                placed[i] = (side, r, column)
                rules = rules_of_row[r]
                for n in rules:  # the figure counts in the sums it is a part of
                    rule_sums[n][0] += whole
                    rule_sums[n][1] += half
                if self.holds(k, before, r, rules, rule_ends):
                    self.run(i + 1)
                for n in rules:
                    rule_sums[n][0] -= whole
                    rule_sums[n][1] -= half
                grid[r] = None
                cells[first_cell + r] = -1
                del placed[i]
                last[k] = before

    def wanting(self, i: int) -> int:
        """How many cells must still take a figure, figure ``i`` next: below each column's last figure,
        the rows the report proves filled (none is passed over), and the total row of each sum whose
        parts placed so far pass their rounding, that of the figures left included (figures are never
        negative, so its total cannot stay empty)."""
        most_slack = self.halves_from[i]
        wanting = 0
        for k, last in enumerate(self.last):
            wanting += self.filled_from[k][last + 1]
            sums = self.rule_sums[k]
            for n, total in self.open_totals[k]:
                if total > last and sums[n][0] > sums[n][1] + most_slack:
                    wanting += 1
        return wanting

    def holds(self, k: int, before: int, r: int, rules: list[int], rule_ends: list[tuple[int, int]]) -> bool:
        """The sums whose rows are all behind column ``k``'s last figure now that it went from row
        ``before`` down to ``r`` (``rules``: those the figure is a part of). Plain loops with the
        cells looked up in place (``within``, ``adds_up``): this runs for every cell tried, and a
        generator or a call for each check costs more than the check."""
        grid, column_rules, sums, whole, half = self.grid[k], self.rules[k], self.rule_sums[k], self.whole, self.half
        for n in rules:  # ``within``: the column's last figure is at row ``r``
            total = column_rules[n][1]
            if total > r:
                continue
            i = grid[total]
            value, slack = (0, 0) if i is None else (whole[i], half[i])
            parts, parts_slack = sums[n]
            if parts - parts_slack > value + slack:
                return False
        for end, n in rule_ends:  # ``adds_up`` of the sums ending between the two rows
            if end > r:
                break  # by end row: the rest end below
            if end <= before:
                continue
            i = grid[column_rules[n][1]]
            value, slack = (0, 0) if i is None else (whole[i], half[i])
            parts, parts_slack = sums[n]
            if abs(value - parts) > slack + parts_slack:
                return False
        for n in self.fund_sums_of[k]:
            for q in range(before + 1, r + 1):
                if not self.fund_row_holds(n, q):
                    return False
        return True

    def cell(self, k: int, r: int) -> tuple[int, int]:
        i = self.grid[k][r]
        return (0, 0) if i is None else (self.whole[i], self.half[i])

    def adds_up(self, k: int, n: int) -> bool:
        """Rule ``n`` of column ``k``: its total row holds the sum of its part rows."""
        value, slack = self.cell(k, self.rules[k][n][1])
        parts, parts_slack = self.rule_sums[k][n]
        return abs(value - parts) <= slack + parts_slack

    def within(self, k: int, n: int) -> bool:
        """Rule ``n`` of column ``k`` whose total row is above the parts placed so far (一、本年支出 over
        its classes): those parts do not exceed it (figures are never negative)."""
        total = self.rules[k][n][1]
        if total > self.last[k]:
            return True
        value, slack = self.cell(k, total)
        parts, parts_slack = self.rule_sums[k][n]
        return parts - parts_slack <= value + slack

    def fund_row_holds(self, n: int, r: int) -> bool:
        """Row ``r`` of fund sum ``n`` as far as it is decided: once its 合计 column is past the row,
        the funds' figures past it do not exceed the 合计 (figures are never negative), and equal
        it once every fund column is past it too (no figure can join the row then)."""
        total, *parts = self.fund_columns[n]
        if self.last[total] < r:
            return True
        value, slack = self.cell(total, r)
        open_parts = False
        for k in parts:
            if self.last[k] < r:
                open_parts = True
                continue
            part, part_slack = self.cell(k, r)
            value -= part
            slack += part_slack
        return value >= -slack if open_parts else abs(value) <= slack

    def across(self) -> bool:
        """Each column's sums; each side's fund columns add up to its 合计 column row by row; both
        sides' 总计 agree."""
        for k, rules in enumerate(self.rules):
            if not all(self.adds_up(k, n) for n in range(len(rules))):
                return False
        whole, half = self.whole, self.half
        for rows, (total, *parts) in self.fund_sums:
            for r in range(rows):
                i = total[r]
                value, slack = (0, 0) if i is None else (whole[i], half[i])
                for part in parts:
                    i = part[r]
                    if i is not None:
                        value -= whole[i]
                        slack += half[i]
                if abs(value) > slack:
                    return False
        if None in self.grand:
            return True
        first = self.column_of
        (a, ha), (b, hb) = self.cell(first[INCOME, 0], self.grand[0]), self.cell(first[SPENDING, 0], self.grand[1])
        return abs(a - b) <= ha + hb


def _filled_from(next_filled: list[int]) -> list[int]:
    """Per row (and the end), how many rows from it on the report proves filled (``next_filled[q] == q``)."""
    counts = [0] * len(next_filled)
    for q in range(len(next_filled) - 2, -1, -1):
        counts[q] = counts[q + 1] + (next_filled[q] == q)
    return counts


def _fits(value: Decimal, half: Decimal, known: Known) -> bool:
    """Whether the figure (``half`` its rounding) may stand in a cell the report proves filled."""
    slack = half + known.half
    return value >= known.value - slack if known.at_least else abs(value - known.value) <= slack


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _whole(value: Decimal, scale: int) -> int:
    return int(value.scaleb(scale) * 2)


_ITEMS_AND_TOTAL = frozenset({Role.ITEM, Role.ITEM_PART, Role.GRAND_TOTAL})


def _row_sums(labels: Sequence[Label]) -> list[tuple[int, list[int]]]:
    """(total row, its part rows) of one side: items to the year's total; the year's total, the
    other rows and the carry-over to 总计 (the items, on a side of items and 总计 alone); a
    carry-over's parts to it."""
    rows = {role: [r for r, label in enumerate(labels) if label.role is role] for role in Role}
    sums: list[tuple[int, list[int]]] = []
    if len(rows[Role.YEAR_TOTAL]) == 1:
        sums.append((rows[Role.YEAR_TOTAL][0], rows[Role.ITEM]))
        if len(rows[Role.GRAND_TOTAL]) == 1:
            sums.append((rows[Role.GRAND_TOTAL][0], [*rows[Role.YEAR_TOTAL], *rows[Role.OTHER], *rows[Role.CARRY]]))
    elif len(rows[Role.GRAND_TOTAL]) == 1 and all(label.role in _ITEMS_AND_TOTAL for label in labels):
        sums.append((rows[Role.GRAND_TOTAL][0], rows[Role.ITEM]))  # a budget's side of items and 总计 alone
    if len(rows[Role.CARRY]) == 1 and rows[Role.CARRY_PART]:
        sums.append((rows[Role.CARRY][0], rows[Role.CARRY_PART]))
    return sums
