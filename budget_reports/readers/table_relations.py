"""A table mid-placement checked against the report's other tables (``cell_links``, stage PLACING).

A report prints the same money several times (the 支出决算表's 基本支出 holds the 一般公共预算财政拨款
支出决算表's; the 财政拨款收入支出决算总表's fund columns are the fund tables' class totals). When
the text dropped a row's empty cells and the row's own arithmetic leaves several placements, a
placement that breaks one of these links is dropped (``known_cells.narrow``); a cell is settled
only when one placement remains. What another table gives is its lines already settled; a table
printing no figure at all (``本表无数据``) is zero on every line. Figures are compared in the
tables' printed unit (a final-accounts report prints its tables in one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.readers import cell_links, known_cells
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.cell_links import Rows, Stage
from budget_reports.readers.known_cells import EMPTY, KnownCell, KnownCells, LinkSettler, linked
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.table_headers import HeaderLayout, Side


@dataclass(slots=True)
class PlacedSide:
    side: Side
    segment: Segment
    figures: RowFigures


@dataclass(slots=True, eq=False)  # compared by identity: two tables may print the same rows
class RebuiltTable:
    """A table rebuilt from lines: its kind (from the title), layout and rows, side by side."""

    kind: TableKind | None
    layout: HeaderLayout
    rows: list[list[PlacedSide | None]]

    def placed(self) -> list[PlacedSide]:
        return [p for row in self.rows for p in row if p is not None]


def row_keys(segment: Segment) -> list[str]:
    """How a line is matched across the tables of a report (``known_cells.row_keys``)."""
    return list(known_cells.row_keys(segment.code_text, segment.name_text))


def narrow_across(tables: Sequence[RebuiltTable]) -> list[RebuiltTable]:
    """Drop the placements that break a link with another table; the tables that lost some.

    A line's placements must keep every link that applies to it at once. A line keeps all its
    placements when none would (the report's own figures disagree: the rules report that), and a
    link is left out where the other table's line is not settled (nothing known to compare)."""
    by_kind = {t.kind: t for t in tables if t.kind is not None}
    changed: list[RebuiltTable] = []
    # What each source table gives, per row rule: worked out once, and again only after that table narrowed.
    built: dict[tuple[TableKind, Rows], KnownCells] = {}
    for target in tables:
        placed_sides = target.placed()
        if not any(len(placed.figures.candidates) > 1 for placed in placed_sides):
            continue  # every line settled (most tables): nothing to narrow, no other table to read for it
        candidates = (link for link in cell_links.LINKS if link.stage is Stage.PLACING and link.table is target.kind)
        links = linked(candidates, by_kind, settled_cells, built)  # the other tables' lines as they stand now
        if not links:
            continue
        settle = LinkSettler(links, Decimal(1))  # the tables' printed unit: a report prints them in one
        for placed in placed_sides:
            settle(0, placed.side, placed.segment, placed.figures)
        if settle.narrowed:
            changed.append(target)
            for key in [key for key in built if key[0] is target.kind]:
                del built[key]
    return changed


def settled_cells(table: RebuiltTable, rows: Rows = Rows.SAME_LINE) -> KnownCells:
    """Every cell of the table's lines whose placement is settled (an empty cell is zero), by the
    lines' keys; lines not settled are left out."""
    placed = table.placed()
    if not any(p.figures.values for p in placed):
        return KnownCells(blank=True)
    known = KnownCells()
    for p in placed:
        if len(p.figures.candidates) != 1:
            continue
        keys = known_cells.row_keys(p.segment.code_text, p.segment.name_text, rows)
        figures = p.figures
        # Column → its figure's cell (``KnownCell.printed``), with the half units the row keeps worked out.
        cell_in = {
            column: KnownCell(value, half)
            for column, value, half in zip(figures.candidates[0], figures.values, figures.halves(), strict=True)
        }
        for column, path in enumerate(p.side.money):
            known.add(keys, path, cell_in.get(column, EMPTY))
    return known
