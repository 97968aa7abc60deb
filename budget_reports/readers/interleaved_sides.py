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
  the other rows to 总计, a carry-over's fund parts to the carry-over; a side's fund columns to its
  合计 column; the two sides' 总计 are equal.

Figures are matched within the rounding of both printed figures (``printed_step``). Every
placement of the stream keeping all of it is searched (bounded); a figure is placed where every
placement puts it, the others are reported ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.normalize import parse_decimal, printed_step
from budget_reports.readers.overview_labels import INCOME, SPENDING, Label, Role
from budget_reports.readers.table_headers import Side

_MAX_NODES = 200_000
_MAX_SOLUTIONS = 500


@dataclass(frozen=True, slots=True)
class Known:
    """What the report says a cell holds: a figure (zero for an empty cell) within ``half``."""

    value: Decimal
    half: Decimal
    at_least: bool = False  # the cell holds this figure and more (a part of it printed elsewhere)

    @classmethod
    def of(cls, figure: Decimal | None) -> Known:
        return cls(Decimal(0), Decimal(0)) if figure is None else cls(figure, printed_step(figure) / 2)

    @property
    def empty(self) -> bool:
        return self.value == 0


EMPTY = Known(Decimal(0), Decimal(0))
Cell = tuple[int, int, int]  # (side, row, column)


def place_overview(
    figures: Sequence[str],
    sides: tuple[Sequence[Label], Sequence[Label]],
    layout: Sequence[Side],
    known: dict[Cell, Known],
) -> Placed | None:
    """Where every placement puts each figure (figures placed differently are left out); None
    when no placement fits or the search passes its bound."""
    values = [parse_decimal(f) for f in figures]
    if any(v is None or v < 0 for v in values):
        return None
    search = _Search([v for v in values if v is not None], sides, layout, known)
    search.run(0)
    if search.nodes <= 0 or not search.solutions or len(search.solutions) > _MAX_SOLUTIONS:
        return None
    # Equal figures swapped between cells are one placement: cells are compared by their figures.
    filled = [{cell: search.values[i] for i, cell in solution.items()} for solution in search.solutions]
    first = search.solutions[0]
    agreed = {i: cell for i, cell in first.items() if all(f.get(cell) == search.values[i] for f in filled)}
    return Placed(agreed, frozenset(cell for f in filled for cell in f))


@dataclass(frozen=True, slots=True)
class Placed:
    """Figure index → the cell every placement gives it; and every cell some placement fills
    (a cell outside is empty in all of them)."""

    figures: dict[int, Cell]
    ever_filled: frozenset[Cell]


class _Search:
    """Each figure, in the order written, goes to a later row of one column (each column top to
    bottom); a row the report proves filled cannot be passed over, one it proves empty is skipped,
    and a column's sums are checked as soon as their rows are behind it."""

    def __init__(
        self,
        values: list[Decimal],
        sides: tuple[Sequence[Label], Sequence[Label]],
        layout: Sequence[Side],
        known: dict[Cell, Known],
    ) -> None:
        self.values = values
        self.halves = [printed_step(v) / 2 for v in values]
        self.sides = sides
        self.layout = layout
        self.known = known
        self.columns = [(s, c) for s in (INCOME, SPENDING) for c in range(len(layout[s].money))]
        self.last = {column: -1 for column in self.columns}
        self.cells: dict[tuple[int, int, int], int] = {}  # cell -> figure
        self.placed: dict[int, Cell] = {}
        self.solutions: list[dict[int, Cell]] = []
        self.nodes = _MAX_NODES
        self.rules = [_row_sums(side) for side in sides]

    def run(self, i: int) -> None:
        self.nodes -= 1
        if self.nodes <= 0 or len(self.solutions) > _MAX_SOLUTIONS:
            return
        if i == len(self.values):
            if all(self.closes(column, len(self.sides[column[0]])) for column in self.columns) and self.across():
                self.solutions.append(dict(self.placed))
            return
        for side, column in self.columns:
            for row in range(self.last[side, column] + 1, len(self.sides[side])):
                if not self.fits(i, (side, row, column)):
                    if self.filled((side, row, column)):
                        break  # a row the report proves filled cannot be passed over
                    continue
                if not self.closes((side, column), row):
                    break
                saved = self.last[side, column]
                self.last[side, column] = row
                self.cells[side, row, column] = i
                self.placed[i] = (side, row, column)
                if self.sums_hold(side, column, row, saved):
                    self.run(i + 1)
                del self.cells[side, row, column]
                del self.placed[i]
                self.last[side, column] = saved
                if self.filled((side, row, column)):
                    break

    def fits(self, i: int, cell: Cell) -> bool:
        known = self.known.get(cell)
        if known is None:
            return True
        if known.empty:
            return False
        if known.at_least:
            return self.values[i] >= known.value - self.halves[i] - known.half
        return abs(self.values[i] - known.value) <= self.halves[i] + known.half

    def filled(self, cell: Cell) -> bool:
        known = self.known.get(cell)
        return known is not None and not known.empty

    def closes(self, column: tuple[int, int], up_to: int) -> bool:
        """The column's rows skipped before ``up_to`` may all be empty."""
        side, col = column
        return not any(self.filled((side, r, col)) for r in range(self.last[column] + 1, up_to))

    def value(self, cell: Cell) -> tuple[Decimal, Decimal]:
        i = self.cells.get(cell)
        return (Decimal(0), Decimal(0)) if i is None else (self.values[i], self.halves[i])

    def sums_hold(self, side: int, column: int, row: int, before: int) -> bool:
        """The column's row sums whose last row is now behind it (rows up to ``row`` are settled;
        those up to ``before`` were already)."""
        for total, parts in self.rules[side]:
            if before < max(total, *parts) <= row and not self.adds_up(side, column, total, parts):
                return False
        return True

    def adds_up(self, side: int, column: int, total: int, parts: Sequence[int]) -> bool:
        value, slack = self.value((side, total, column))
        for part in parts:
            v, h = self.value((side, part, column))
            value -= v
            slack += h
        return abs(value) <= slack

    def across(self) -> bool:
        """Each side's fund columns add up to its 合计 column, row by row; both sides' 总计 agree."""
        for side in (INCOME, SPENDING):
            for rule_total, rule_parts in self.layout[side].sums:
                for row in range(len(self.sides[side])):
                    value, slack = self.value((side, row, rule_total))
                    for part in rule_parts:
                        v, h = self.value((side, row, part))
                        value -= v
                        slack += h
                    if abs(value) > slack:
                        return False
            for total, parts in self.rules[side]:
                for column in range(len(self.layout[side].money)):
                    if not self.adds_up(side, column, total, parts):
                        return False
        grand = [
            next((r for r, label in enumerate(self.sides[side]) if label.role is Role.GRAND_TOTAL), None)
            for side in (INCOME, SPENDING)
        ]
        if None in grand:
            return True
        (a, ha), (b, hb) = self.value((INCOME, grand[0], 0)), self.value((SPENDING, grand[1], 0))
        return abs(a - b) <= ha + hb


def _row_sums(labels: Sequence[Label]) -> list[tuple[int, list[int]]]:
    """(total row, its part rows) of one side: items to the year's total; the year's total, the
    other rows and the carry-over to 总计; a carry-over's parts to it."""
    rows = {role: [r for r, label in enumerate(labels) if label.role is role] for role in Role}
    sums: list[tuple[int, list[int]]] = []
    if len(rows[Role.YEAR_TOTAL]) == 1:
        sums.append((rows[Role.YEAR_TOTAL][0], rows[Role.ITEM]))
        if len(rows[Role.GRAND_TOTAL]) == 1:
            sums.append((rows[Role.GRAND_TOTAL][0], [*rows[Role.YEAR_TOTAL], *rows[Role.OTHER], *rows[Role.CARRY]]))
    if len(rows[Role.CARRY]) == 1 and rows[Role.CARRY_PART]:
        sums.append((rows[Role.CARRY][0], rows[Role.CARRY_PART]))
    return sums
