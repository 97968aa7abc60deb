"""How a report's laid-out tables set their figures (flush right, flush left, centred), learned from
the figures whose column is known, and the tables placed again with it.

A figure whose column is known (the only one between its neighbours' header cells, or its place in
a row printing every column) shows the alignments under which it could not stand where it is
(``figure_alignment.contradicted``): a short figure ending before its header cell starts is not set
flush right, one starting after it ends is not set flush left. A table keeps the alignments none
of its own figures contradicts, narrowed to those no figure of the report's laid-out tables
contradicts where some are (one typesetting prints a report's tables alike); a table whose figures
show nothing (a one-row table: the 三公 table) takes the report's. A figure two columns fit then
goes to the one an alignment kept allows, else stays possible in both, reported ambiguous.

Where nothing is learned (no figure shows anything, or the evidence contradicts every alignment) the
table is placed as before (``laid_out_columns``: the header cell a figure is clearly nearest). Only
positions that can be trusted count: on pages whose header the fully printed rows confirm
(``confirmed_by_full_rows``), of figures that line up with others (``aligned_figures``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from budget_reports.readers.figure_alignment import EVERY_ALIGNMENT, Alignment, contradicted
from budget_reports.readers.laid_out_columns import PagePositions, aligned_figures, confirmed_by_full_rows
from budget_reports.readers.linear_rows import Token

if TYPE_CHECKING:
    from budget_reports.readers.linear_tables import LinearTable, SourceLine
    from budget_reports.readers.table_relations import RebuiltTable


def with_report_alignment(tables: list[LinearTable], lines: list[SourceLine]) -> list[LinearTable]:
    """The tables, those whose figures' columns the alignment learned narrows placed again with it."""
    learned = [_evidence(t) for t in tables]
    report = frozenset(EVERY_ALIGNMENT)
    for evidence in learned:
        if evidence is not None:
            report -= evidence[0]
    out = []
    for table, evidence in zip(tables, learned, strict=True):
        if evidence is None or not evidence[1]:
            out.append(table)  # no laid-out positions, or no figure two columns fit: nothing to narrow
            continue
        own = EVERY_ALIGNMENT - evidence[0]
        alignments = (own & report) or own or EVERY_ALIGNMENT
        if alignments == EVERY_ALIGNMENT:
            out.append(table)
            continue
        gathered = table.gathered
        positions = {p: None if c is None else replace(c, alignments=alignments) for p, c in gathered.positions.items()}
        out.append(replace(gathered, positions=positions).placed(lines))
    return out


def _evidence(table: LinearTable) -> tuple[frozenset[Alignment], bool] | None:
    """The alignments the table's placed figures contradict, and whether some figure of it fits two
    columns by the header cells alone; None for a table whose text keeps no positions."""
    gathered = table.gathered
    positions: PagePositions = getattr(gathered, "positions", {})
    if table.rebuilt is None or not any(positions.values()):
        return None
    rebuilt: RebuiltTable = table.rebuilt
    confirmed = confirmed_by_full_rows(positions, _full_sides(rebuilt))
    trusted = aligned_figures(gathered.rows)
    against: set[Alignment] = set()
    open_figure = False
    for row in rebuilt.rows:
        for side_index, placed in enumerate(row):
            if placed is None:
                continue
            settled = placed.figures.settled()
            full = len(placed.segment.figures) == len(placed.side.money)
            for index, token in enumerate(placed.segment.figures):
                columns = confirmed.get(token.page)
                if columns is None or token.column is None or id(token) not in trusted:
                    continue
                start, end = token.column, token.column + len(token.text)
                possible = columns.between_neighbours(start, end)
                open_figure = open_figure or len(possible) > 1
                if index not in settled:
                    continue
                column = columns.side_starts[side_index] + settled[index]
                # Known: placed where the header cells alone or a row printing every column put it
                # (not where a figure two columns fit was put by the nearest header: no evidence).
                if column in possible and (len(possible) == 1 or (full and settled[index] == index)):
                    against |= contradicted(columns.spans, column, start, end)
    return frozenset(against), open_figure


def _full_sides(rebuilt: RebuiltTable) -> list[tuple[int, Sequence[Token]]]:
    """The row sides printing every one of their money columns' figures, with the side's index."""
    return [
        (i, placed.segment.figures)
        for row in rebuilt.rows
        for i, placed in enumerate(row)
        if placed is not None and len(placed.segment.figures) == len(placed.side.money)
    ]
