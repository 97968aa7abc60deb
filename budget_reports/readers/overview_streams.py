"""Two-sided overviews that ``pdftotext`` (default mode) wrote as interleaved streams, read again
once the report's other tables are read (``interleaved_sides`` places their figures with what
those tables print).

Which detail table prints what an overview's column holds is a catalogue (``SPENDING_SOURCES``,
``FUND_TABLES``); the reading is general.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers.block_words import BARE_FIGURE
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.column_blocks import BlockLine, is_column_block_page
from budget_reports.readers.interleaved_sides import EMPTY, Cell, Known, place_overview
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.linear_tables import LinearTable, SourceLine, placed_table
from budget_reports.readers.overview_labels import INCOME, SPENDING, Label, Role, side_labels
from budget_reports.readers.table_headers import LAYOUTS, HeaderLayout
from budget_reports.readers.table_relations import PlacedSide, RebuiltTable, prints_no_figure, row_keys, settled_column

# The layout each overview prints (by the catalogue's name).
OVERVIEW_LAYOUTS = {TableKind.OVERVIEW: "收入支出总表", TableKind.FISCAL_OVERVIEW: "财政拨款收入支出总表"}
# (overview, spending column) -> (detail table, its column): the detail table's class totals and
# 合计 are the column's items and 本年支出合计; a class it does not print spends nothing.
SPENDING_SOURCES: dict[tuple[TableKind, str], tuple[TableKind, str]] = {
    (TableKind.OVERVIEW, "决算数"): (TableKind.EXPENDITURE, "本年支出合计"),
    (TableKind.FISCAL_OVERVIEW, "一般公共预算财政拨款"): (TableKind.GPB_EXPENDITURE, "合计"),
    (TableKind.FISCAL_OVERVIEW, "政府性基金预算财政拨款"): (TableKind.GOV_FUND, "小计"),
    (TableKind.FISCAL_OVERVIEW, "国有资本经营预算财政拨款"): (TableKind.STATE_CAPITAL, "小计"),
}
# Words naming a fund in an income or carry-over label, and the fund's own table.
FUND_TABLES: tuple[tuple[str, TableKind], ...] = (
    ("政府性基金", TableKind.GOV_FUND),
    ("国有资本经营", TableKind.STATE_CAPITAL),
)
_TOTAL_KEY = "#合计"


def overviews_from_streams(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, each overview that gave no figure read again from its streams where that works."""
    by_kind = {t.rebuilt.kind: t.rebuilt for t in tables if t.rebuilt is not None and t.rebuilt.kind is not None}
    out = []
    for k, table in enumerate(tables):
        kind = kind_of_title(compact(lines[table.start].text))
        if kind not in OVERVIEW_LAYOUTS:
            out.append(table)
            continue
        limit = tables[k + 1].start if k + 1 < len(tables) else len(lines)
        out.append(_read(lines, table, _span_end(lines, table.end, limit), kind, by_kind) or table)
    return out


def _span_end(lines: list[SourceLine], end: int, limit: int) -> int:
    """The end of a table written in streams over pages: pages after it that go on with bare
    labels and figures (no sentence) belong to it, up to ``limit`` (the next table)."""
    while end < limit:
        start = end
        while start < limit and not lines[start].text.strip():
            start += 1  # blank lines closing the page
        if start == limit or start == 0 or lines[start].page in (None, lines[end - 1].page):
            break
        page_end = start
        while page_end < limit and lines[page_end].page == lines[start].page:
            page_end += 1
        block = [BlockLine(line.text, line.page, line.line) for line in lines[start:page_end]]
        if any("。" in line.text for line in block) or not is_column_block_page(block):
            break
        end = page_end
    return end


def _read(
    lines: list[SourceLine], table: LinearTable, end: int, kind: TableKind, tables: dict[TableKind, RebuiltTable]
) -> LinearTable | None:
    span = [BlockLine(line.text, line.page, line.line) for line in lines[table.start + 1 : end]]
    if not is_column_block_page(span):
        return None  # not written in streams: the table's own reading stands
    layout = next(layout for layout in LAYOUTS if layout.name == OVERVIEW_LAYOUTS[kind])
    layout = layout.fitted(compact("".join(line.text for line in span)))
    sides = side_labels(span, layout)
    if sides is None:
        return None
    figures = [line for line in span if BARE_FIGURE.match(compact(line.text))]
    known = _known(kind, sides, layout, tables)
    placed = place_overview([f.text for f in figures], sides, layout.sides, known)
    if placed is None:
        return None
    rows = _rows(sides, layout, figures, placed)
    unplaced = [_unplaced(f, layout) for i, f in enumerate(figures) if i not in placed]
    return placed_table(lines, table.start, end, layout, rows, unplaced)


def _known(
    kind: TableKind, sides: tuple[list[Label], list[Label]], layout: HeaderLayout, tables: dict[TableKind, RebuiltTable]
) -> dict[Cell, Known]:
    known: dict[Cell, Known] = {}
    empty_funds = [words for words, fund in FUND_TABLES if fund in tables and prints_no_figure(tables[fund])]
    for r, label in enumerate(sides[INCOME]):
        if any(words in label.text for words in empty_funds):
            for c in range(len(layout.sides[INCOME].money)):
                known[INCOME, r, c] = EMPTY
    spending = layout.sides[SPENDING]
    for c, path in enumerate(spending.money):
        source = SPENDING_SOURCES.get((kind, path[-1]))
        if source is None or source[0] not in tables:
            continue
        detail = tables[source[0]]
        if prints_no_figure(detail):
            known.update({(SPENDING, r, c): EMPTY for r in range(len(sides[SPENDING]))})
            continue
        settled = settled_column(detail, source[1])
        printed = {key for p in detail.placed() for key in row_keys(p.segment)}
        for r, label in enumerate(sides[SPENDING]):
            key = _TOTAL_KEY if label.role is Role.YEAR_TOTAL else label.key
            if label.role not in (Role.ITEM, Role.YEAR_TOTAL):
                continue
            if key in settled:
                known[SPENDING, r, c] = Known.of(settled[key])
            elif key not in printed and label.role is Role.ITEM:
                known[SPENDING, r, c] = EMPTY
    _derive_totals(known, sides, layout)
    return known


def _derive_totals(known: dict[Cell, Known], sides: tuple[list[Label], list[Label]], layout: HeaderLayout) -> None:
    """A 合计 cell whose fund cells are all known is their sum."""
    for s, side in enumerate(layout.sides):
        for total, parts in side.sums:
            for r in range(len(sides[s])):
                cells = [known.get((s, r, p)) for p in parts]
                if (s, r, total) in known or any(c is None for c in cells):
                    continue
                value = sum((c.value for c in cells if c is not None), Decimal(0))
                half = sum((c.half for c in cells if c is not None), Decimal(0))
                known[s, r, total] = Known(value, half)


def _rows(
    sides: tuple[list[Label], list[Label]], layout: HeaderLayout, figures: Sequence[BlockLine], placed: dict[int, Cell]
) -> list[list[PlacedSide | None]]:
    by_cell = {cell: figures[i] for i, cell in placed.items()}
    rows: list[list[PlacedSide | None]] = []
    for r in range(max(len(labels) for labels in sides)):
        row: list[PlacedSide | None] = []
        for s, labels in enumerate(sides):
            if r >= len(labels):
                row.append(None)
                continue
            label = labels[r]
            cells = sorted((c, line) for (side, row_, c), line in by_cell.items() if side == s and row_ == r)
            segment = Segment(
                name=[Token(label.text, label.page, label.line)],
                figures=[Token(line.text.strip(), line.page, line.line) for _, line in cells],
            )
            values = tuple(_value(line.text) for _, line in cells)
            row.append(PlacedSide(layout.sides[s], segment, RowFigures(values, [tuple(c for c, _ in cells)])))
        rows.append(row)
    return rows


def _value(text: str) -> Decimal:
    value = parse_decimal(text)
    assert value is not None  # a bare figure
    return value


def _unplaced(line: BlockLine, layout: HeaderLayout) -> AmbiguousCell:
    return AmbiguousCell(
        page=line.page,
        line=line.line,
        figure=line.text.strip(),
        row=f"第{line.page}页（所在行无法确定）" if line.page is not None else "（所在行无法确定）",
        candidates=tuple("/".join(path) for side in layout.sides for path in side.money),
        snippet=line.text.strip(),
    )
