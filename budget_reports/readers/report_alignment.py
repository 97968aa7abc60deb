"""How a report's laid-out tables set their figures (flush right, flush left, centred), learned from
the figures whose column is known, and the tables placed again with it.

A figure whose column is known (the only one between its neighbours' header cells, its place in a
row printing every column, or the column its row's sums alone settle: a total beside its one part,
however far its figures overhang narrow header cells) shows the alignments under which it could not
stand where it is (``figure_alignment.contradicted``): a short figure ending before its header cell
starts is not set flush right, one starting after it ends is not set flush left. A table keeps the alignments that
fewer than two of its figures contradict (one may stand where the grid put it wrongly), narrowed to
those no other laid-out table of the report rules out where some are (one typesetting prints a
report's tables alike); a table whose figures show nothing (a one-row table: the 三公 table) takes
the report's. A figure two columns fit then
goes to the one an alignment kept allows, else stays possible in both, reported ambiguous.

Where nothing is learned (no figure shows anything, or the evidence contradicts every alignment) the
table is placed as before (``laid_out_columns``: the header cell a figure is clearly nearest). Only
positions that can be trusted count: on pages whose header the fully printed rows confirm
(``confirmed_by_full_rows``), of figures that line up with others (``aligned_figures``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache, partial
from itertools import combinations
from typing import TYPE_CHECKING

from budget_reports.readers.figure_alignment import EVERY_ALIGNMENT, Alignment, contradicted
from budget_reports.readers.laid_out_columns import (
    MoneyColumns,
    PagePositions,
    aligned_figures,
    confirmed_by_full_rows,
)
from budget_reports.readers.linear_rows import Token

if TYPE_CHECKING:
    from budget_reports.readers.linear_tables import LinearTable, SourceLine
    from budget_reports.readers.table_relations import PlacedSide, RebuiltTable

# Figures of a table that must contradict an alignment for it to be ruled out (one may stand where
# the grid put it wrongly: a word pushed by a wide word before it on its line).
_LEAST_EVIDENCE = 2


def with_report_alignment(tables: list[LinearTable], lines: list[SourceLine]) -> list[LinearTable]:
    """The tables, those whose figures' columns the alignment learned narrows placed again with it."""
    if not any(_learning_may_move(table) for table in tables):
        return tables  # most reports: whatever is learned, every figure's columns stay as they are
    shown = [_evidence(t) for t in tables]
    report = EVERY_ALIGNMENT - frozenset().union(*(against for against, _ in shown))
    out = []
    for table, (against, figures) in zip(tables, shown, strict=True):
        own = EVERY_ALIGNMENT - against
        alignments = (own & report) or own or EVERY_ALIGNMENT
        if not any(_moves(figure, alignments) for figure in figures):
            out.append(table)  # the alignment learned places no figure otherwise
            continue
        gathered = table.gathered
        positions = {p: None if c is None else replace(c, alignments=alignments) for p, c in gathered.positions.items()}
        out.append(replace(gathered, positions=positions).placed(lines))
    return out


_Figure = tuple[MoneyColumns, int, Token]  # a figure with its page's columns and its side
# A figure two columns fit, with the column (of its side) the table's placement settled it in.
_OpenFigure = tuple[MoneyColumns, int, Token, int | None]


def _moves(figure: _OpenFigure, alignments: frozenset[Alignment]) -> bool:
    """Whether the alignments give the figure other columns than it has, and the placement may
    change: not when it allows the one column the figure is settled in already."""
    columns, side, token, now = figure
    learned = replace(columns, alignments=alignments).columns_of(side, token)
    return learned != columns.columns_of(side, token) and learned != {now}


def _positioned_figures(table: LinearTable) -> Iterator[tuple[PlacedSide, int, _Figure]]:
    """The figures of the table's rows that stand under a header read by position, each with its
    row side and its index there; none for a table whose text keeps no positions."""
    positions: PagePositions = getattr(table.gathered, "positions", {})
    if table.rebuilt is None or not any(positions.values()):
        return
    for row in table.rebuilt.rows:
        for side, placed in enumerate(row):
            for index, token in enumerate(() if placed is None else placed.segment.figures):
                columns = positions.get(token.page)
                if columns is not None and token.column is not None:
                    yield placed, index, (columns, side, token)


def _learning_may_move(table: LinearTable) -> bool:
    """Whether some alignment learned would give a figure of the table other columns than it has:
    one standing between its neighbours' header cells in two columns or more (rarely any)."""
    for _, _, (columns, side, token) in _positioned_figures(table):
        start = token.column or 0
        if len(columns.between_neighbours(start, start + len(token.text))) > 1:
            now = columns.columns_of(side, token)
            if any(replace(columns, alignments=learned).columns_of(side, token) != now for learned in _LEARNABLE):
                return True
    return False


# Every set of alignments learning can leave (not none, not all: then nothing is learned).
_LEARNABLE = tuple(frozenset(kept) for size in range(1, len(Alignment)) for kept in combinations(Alignment, size))


def _evidence(table: LinearTable) -> tuple[frozenset[Alignment], list[_OpenFigure]]:
    """The alignments the table's figures whose column is known contradict, and its figures two
    columns fit, of those whose position is trusted."""
    if table.rebuilt is None or not any(getattr(table.gathered, "positions", {}).values()):
        return frozenset(), []
    by_sums = cache(partial(_settled_by_sums, table))  # worked out only if a figure asks
    quick = _shown(table, by_sums, trusting=True)
    return quick if not quick[0] else _shown(table, by_sums)  # the trusted contradict no more than all do


def _settled_by_sums(table: LinearTable) -> dict[int, int]:
    """The figures (by ``id``) whose column (of their side) the rows' sums alone settle, the
    positions unread: a row's total beside its one part (合计 = 财政拨款收入) puts the total in the
    合计 column wherever the header cells stand."""
    if table.gathered is None or table.rebuilt is None:
        return {}
    # As its placement worked them out (the rows are narrowed by other tables only after this reading);
    # else placed once more, the positions unread (placed only: no grid is laid out).
    alone = table.by_sums if table.by_sums is not None else replace(table.gathered, positions={}).placed_rows()
    return {
        id(placed.segment.figures[index]): column
        for row in alone
        for placed in row
        if placed is not None
        for index, column in placed.figures.settled().items()
    }


def _shown(
    table: LinearTable, by_sums: Callable[[], dict[int, int]], trusting: bool = False
) -> tuple[frozenset[Alignment], list[_OpenFigure]]:
    """``_evidence``, of every figure's position when ``trusting``; ``by_sums``: the figures whose
    column the rows' sums alone settle (``_settled_by_sums``)."""
    if table.rebuilt is None:
        return frozenset(), []
    positions = table.gathered.positions
    confirmed = positions if trusting else confirmed_by_full_rows(positions, _full_sides(table.rebuilt))
    trusted = None if trusting else aligned_figures(table.gathered.rows)
    against: Counter[Alignment] = Counter()
    open_figures: list[_OpenFigure] = []
    settled: dict[int, dict[int, int]] = {}  # per row side (by id), its settled figures
    for placed, index, (columns, side, token) in _positioned_figures(table):
        if confirmed.get(token.page) is None or (trusted is not None and id(token) not in trusted):
            continue
        start, end = token.column or 0, (token.column or 0) + len(token.text)
        possible = columns.between_neighbours(start, end)
        known = settled.setdefault(id(placed), placed.figures.settled())
        if len(possible) > 1:
            open_figures.append((columns, side, token, known.get(index)))
        if index not in known:
            continue
        column = columns.side_starts[side] + known[index]
        full = len(placed.segment.figures) == len(placed.side.money)
        summed = len(possible) > 1 and by_sums().get(id(token)) == known[index]
        # Known: placed where the header cells alone, a row printing every column or the row's sums
        # alone put it (not where a figure two columns fit was put by the nearest header: that is
        # no evidence).
        if column in possible and (len(possible) == 1 or summed or (full and known[index] == index)):
            for alignment in contradicted(columns.spans, column, start, end):  # a loop: Counter.update costs more
                against[alignment] += 1
    return frozenset(a for a, figures in against.items() if figures >= _LEAST_EVIDENCE), open_figures


def _full_sides(rebuilt: RebuiltTable) -> list[tuple[int, Sequence[Token]]]:
    """The row sides printing every one of their money columns' figures, with the side's index."""
    return [
        (i, placed.segment.figures)
        for row in rebuilt.rows
        for i, placed in enumerate(row)
        if placed is not None and len(placed.segment.figures) == len(placed.side.money)
    ]
