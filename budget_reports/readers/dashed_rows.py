"""A page of a coded table whose empty cells print a dash, written by ``pdftotext`` (default mode) row
by row: each row's cells one after another, the dashes standing for its empty cells
(``2,946.25`` / ``2,940.05 -`` / ``-`` / ``-`` / ``-`` / ``6.20``: seven cells, figures in the first,
second and seventh).

The text reader drops a line's dashes before tables are read (``linear_rows.without_empty_cell_marks``):
in a table written column by column they would break the columns' runs, and each line keeps the text
it printed (``SourceLine.printed``). Without them a row printing two or three of seven cells fits
several columns by the sums alone (本年收入合计 = the income sources: any source may hold the 6.20).
Counted, they say which column each figure is in, where the page prints them so: every row's cells a
run of the table's width, in the rows' order (its cells, dashes counted, are its rows times its money
columns), and every row keeping the table's sums in one printed order of the columns only, as does
each family whose rows are all on the page (a 类 and its 款, a 款 and its 项: a wrapped name's row may
have a cell written before the row above's, its dashes then counted in the wrong columns while its
own sum holds). A page printing fewer or more cells, a line holding two figures or a figure beside
words, or rows adding up in two orders or none, is left to the readers of runs (``column_blocks``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_reports.normalize import adds_up, compact, half_step
from budget_reports.readers.block_words import BARE_FIGURE, figure_value
from budget_reports.readers.interleaved_columns import PlacedRow, sum_groups
from budget_reports.readers.linear_rows import EMPTY_CELL_MARKS
from budget_reports.readers.table_headers import Side

if TYPE_CHECKING:  # column_blocks reads its pages with this module
    from budget_reports.readers.column_blocks import BlockLine

Cell = tuple["BlockLine", Decimal] | None  # a figure (its line and value), or an empty cell's dash
WholeFigure = tuple[str, int | None, int]  # a whole number that is a figure: its text, page and line


def dashed_rows(
    lines: Sequence[BlockLine],
    n_rows: int,
    side: Side,
    orders: Sequence[tuple[int, ...]],
    codes: Sequence[str | None] = (),
    whole_figures: Collection[WholeFigure] = (),
) -> dict[int, PlacedRow] | None:
    """Each row's figures and their columns (rows printing only dashes left out), read from the
    page's cells written row by row with a dash in each empty one; None unless the page prints
    them so and one printed order of the columns keeps every row's sums, and the sums of each
    family whose rows are all on the page (``codes``: the rows' codes, None for a total's).
    ``whole_figures``: the whole numbers a table in 元 prints as figures (``6397096``), told from
    its codes before (``whole_codes``), each as (text, page, line)."""
    cells = _cells(lines, whole_figures)
    width = len(side.money)
    if cells is None or None not in cells or len(cells) != n_rows * width:
        return None
    rows = [cells[r * width : (r + 1) * width] for r in range(n_rows)]
    families = sum_groups(codes)
    fitting = [
        order
        for order in orders
        if all(_keeps_sums(row, order, side) for row in rows) and _keeps_families(rows, order, families)
    ]
    if len({_placed(rows, order) for order in fitting}) != 1:
        return None  # no order keeps the sums, or two place the figures differently
    return dict(_placed(rows, fitting[0]))


def _cells(lines: Sequence[BlockLine], whole_figures: Collection[WholeFigure] = ()) -> list[Cell] | None:
    """The page's money cells in the order written: each figure (``whole_figures`` too), and each
    dash the line printed; None where a line prints two figures (cells joined, which column each
    is in unknown here) or a figure beside other words."""
    cells: list[Cell] = []
    for line in lines:
        words = (line.printed if line.printed is not None else line.text).split()
        figures = [w for w in words if BARE_FIGURE.match(w) or (w, line.page, line.line) in whole_figures]
        if not figures and not (words and all(w in EMPTY_CELL_MARKS for w in words)):
            continue  # a label, a code, a page's number (``- 8 -``), a blank line
        if len(figures) > 1 or len(figures) + sum(w in EMPTY_CELL_MARKS for w in words) != len(words):
            return None
        if figures and compact(line.text) != figures[0]:
            return None  # the line's text is not its figure alone: not a cell line as the runs read them
        cells += [(line, figure_value(w)) if w in figures else None for w in words]
    return cells


def _keeps_sums(row: list[Cell], order: tuple[int, ...], side: Side) -> bool:
    """Whether the row's cells, in columns printed in ``order``, keep the side's sums (within the
    rounding of the figures printed)."""
    value: dict[int, Decimal] = {}
    slack: dict[int, Decimal] = {}
    for cell, column in zip(row, order, strict=True):
        if cell is not None:
            value[column], slack[column] = cell[1], half_step(cell[1])
    for total, parts in side.sums:
        members = [total, *parts]
        difference = value.get(total, Decimal(0)) - sum((value.get(p, Decimal(0)) for p in parts), Decimal(0))
        if abs(difference) > sum((slack.get(m, Decimal(0)) for m in members), Decimal(0)):
            return False
    return True


def _keeps_families(rows: list[list[Cell]], order: tuple[int, ...], families: list[tuple[int, list[int]]]) -> bool:
    """Whether each family (a 类 and its 款, a 款 and its 项) adds up in every column, the rows' cells
    in columns printed in ``order``. A wrapped name's row may have its cells written out of the rows'
    order (one of them before the cells of the row above): counted, its figures then sit in the
    wrong columns while its own sum holds (``1,160,920`` | ``1,160,920`` | ``-`` for
    ``1,160,920`` | ``-`` | ``1,160,920``), its parent's column no longer adds up."""
    return all(
        adds_up([_value_in(rows[c], order, column) for c in children], _value_in(rows[parent], order, column))
        for parent, children in families
        for column in set(order)
    )


def _value_in(row: list[Cell], order: tuple[int, ...], column: int) -> Decimal:
    """The row's figure in ``column`` (its cells in columns printed in ``order``; a dash: 0)."""
    cell = row[order.index(column)]
    return cell[1] if cell is not None else Decimal(0)


def _placed(rows: list[list[Cell]], order: tuple[int, ...]) -> tuple[tuple[int, PlacedRow], ...]:
    """The rows printing a figure, each its figure lines in the order written and their columns."""
    out = []
    for r, row in enumerate(rows):
        figures = [(cell[0], column) for cell, column in zip(row, order, strict=True) if cell is not None]
        if figures:
            lines, columns = zip(*figures, strict=True)
            out.append((r, PlacedRow(tuple(lines), (tuple(columns),))))
    return tuple(out)
