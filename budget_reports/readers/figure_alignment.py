"""Where a figure set to each of the ways a table may align its cells can stand under the header.

A laid-out text (``pdftotext -layout``) keeps where each word starts, not the cells' rules: a
column's extent is known only through its header cell, which stands inside it. How a figure stands
against that header cell depends on how the table sets its figures:

- flush right (most government reports): the figure ends at its cell's right edge, right of
  where the header cell starts;
- flush left (rare): it starts at its cell's left edge, left of where the header cell ends;
- centred (some county reports): its centre is its cell's, and the cell holds its own header cell
  and none of its neighbours': the centre stands no further left than midway between the ends of the
  left neighbour's header cell and its own, no further right than midway between their starts on
  the right.

A short figure set to one edge of a wide cell may fit two columns by the header cells alone; under
one alignment it fits one of them only. Which alignment a table uses is learned from its figures
whose column is known (``report_alignment``), never assumed. The header cells' spans are taken as the
grid counts them, the narrowest they can be, and every bound has a column of slack (each word's
start is rounded to the grid on its own): a rule only rules out what cannot be.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

# Columns by which the grid may shift a word (each word's start is rounded to the grid on its own).
GRID_SLACK = 1

Span = tuple[int, int]  # first column, column after the last


class Alignment(Enum):
    RIGHT = "flush right"
    LEFT = "flush left"
    CENTRE = "centred"


EVERY_ALIGNMENT = frozenset(Alignment)


def fits(alignment: Alignment, spans: Sequence[Span], column: int, start: int, end: int) -> bool:
    """Whether a figure printed over ``start``–``end`` can stand in ``column`` (its index in
    ``spans``, the header cells left to right) of a table setting its figures so."""
    first, after = spans[column]
    if alignment is Alignment.RIGHT:
        return end + GRID_SLACK >= first
    if alignment is Alignment.LEFT:
        return start <= after + GRID_SLACK
    # Centred: twice the figure's centre against twice the centre its cell can have.
    twice = start + end
    low = column == 0 or twice + 2 * GRID_SLACK >= spans[column - 1][1] + after
    high = column == len(spans) - 1 or twice <= first + spans[column + 1][0] + 2 * GRID_SLACK
    return low and high


def contradicted(spans: Sequence[Span], column: int, start: int, end: int) -> frozenset[Alignment]:
    """The alignments under which a figure known to stand in ``column`` could not be where it is."""
    return frozenset(a for a in Alignment if not fits(a, spans, column, start, end))
