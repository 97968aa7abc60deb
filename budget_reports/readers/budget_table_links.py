"""A budget report's (部门预算) tables, once placed, checked against each other (``cell_links``,
the budget links), to place the figures that text extracted from its PDF left ambiguous.

A row that prints 合计 and one more figure under 合计 + four source columns (收入预算总表) or 合计
+ three fund columns (财政拨款收支预算总表) keeps its own sums whichever column the second figure
is in, and so do the table's column sums when every row is alike. The report settles it elsewhere:
the 财务收支预算总表 prints each income source on a line of its own (so the 收入预算总表's 合计 row
is known source by source), and the fund tables print each 类 of their fund (一般公共预算支出功能分类
预算表; a fund table that prints no figure, 本表无数据, is zero on every line).

What another table gives is its grid as read, but for its rows still ambiguous (``KnownCells``,
amounts in 万元, each table in its own unit). A placement is dropped only when the other table's
figure is settled there and disagrees beyond the rounding of both (``known_cells.narrow``).
Figures settled here then settle the rest of the table through its own column sums (项 → 款 → 类
→ 合计), in ``linear_tables``.
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title, unit_of
from budget_reports.model import BlockKind, Table
from budget_reports.normalize import parse_decimal, to_wanyuan
from budget_reports.readers import cell_links
from budget_reports.readers.cell_links import Link, Rows, Stage
from budget_reports.readers.known_cells import KnownCell, KnownCells, LinkSettler, linked, row_keys
from budget_reports.readers.linear_tables import LinearTable, SourceLine, rebuild_table

_LABEL_LEAVES = frozenset({"科目编码", "科目名称", "项目"})
_CARRY_OVER = ("结转", "结余")


def settled_across_tables(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, those with ambiguous figures built again with the other tables' figures."""
    for _ in range(2):  # a table settled here may settle another
        kinds = [table_kind(t) for t in tables]
        by_kind = {kind: t for kind, t in zip(kinds, tables, strict=True) if kind is not None}
        # What a table prints is read only where an ambiguous table links to it.
        printed: dict[tuple[TableKind, Rows], KnownCells] = {}
        changed = False
        out: list[LinearTable] = []
        for kind, table in zip(kinds, tables, strict=True):
            known = linked(_placed_links(kind), by_kind, grid_cells, printed) if table.ambiguous else []
            rebuilt = settled_by(lines, table, LinkSettler(known, wan_per_unit(table))) if known else None
            out.append(rebuilt or table)
            changed |= rebuilt is not None
        tables = out
        if not changed:
            break
    return tables


def _placed_links(kind: TableKind | None) -> list[Link]:
    """The links of a table of ``kind`` checked once every table is placed (none for a table of no kind)."""
    return [link for link in cell_links.LINKS if link.stage is Stage.PLACED and link.table is kind]


def settled_by(lines: list[SourceLine], table: LinearTable, settler: LinkSettler) -> LinearTable | None:
    """The table built again with ``settler``, when that leaves fewer figures ambiguous."""
    rebuilt = rebuild_table(lines, table, settler)
    return rebuilt if rebuilt is not None and len(rebuilt.ambiguous) < len(table.ambiguous) else None


def table_kind(table: LinearTable) -> TableKind | None:
    """The kind of a table found in the text, by its title."""
    heading = next((b for b in table.blocks if b.kind is BlockKind.HEADING), None)
    return kind_of_title(heading.text) if heading is not None else None


def wan_per_unit(table: LinearTable) -> Decimal:
    """What one printed unit of the table is in 万元 (its 单位 line; 万元 when it prints none)."""
    unit = next((u for b in table.blocks if b.kind is BlockKind.PARAGRAPH and (u := unit_of(b.text))), "万元")
    return to_wanyuan(Decimal(1), unit)


def grid_cells(table: LinearTable, rows: Rows = Rows.SAME_LINE_ANY_TOTAL) -> KnownCells:
    """The table's cells as placed, in 万元, by its lines' keys; the rows still ambiguous are left out."""
    grid_block = next((b for b in table.blocks if b.kind is BlockKind.TABLE and b.table is not None), None)
    if grid_block is None or grid_block.table is None:
        return KnownCells()
    to_wan = wan_per_unit(table)
    unsettled = {a.row for a in table.ambiguous}
    paths, body = _columns_and_body(grid_block.table)
    if not table.ambiguous and not any(
        parse_decimal(text) is not None for row in body for c, text in row.items() if paths[c][-1] not in _LABEL_LEAVES
    ):
        return KnownCells(blank=True)
    known = KnownCells()
    starts = [c for c, path in enumerate(paths) if path and path[-1] in ("科目编码", "项目")] or [0]
    sides = [range(s, e) for s, e in zip(starts, [*starts[1:], len(paths)], strict=True)]
    for columns in sides:
        lines = []
        for row in body:
            code = next((row.get(c, "") for c in columns if paths[c][-1] == "科目编码"), "")
            name = next((row.get(c, "") for c in columns if paths[c][-1] in ("科目名称", "项目")), "")
            if code or name:
                lines.append((code, name, row))
        known.carry_over |= any(word in name for _, name, _ in lines for word in _CARRY_OVER)
        for code, name, row in lines:
            if " ".join(filter(None, [code, name])) in unsettled:
                continue
            keys = row_keys(code, name, rows)
            for c in columns:
                if paths[c][-1] not in _LABEL_LEAVES:
                    known.add(keys, paths[c], KnownCell.printed(parse_decimal(row[c]) if c in row else None, to_wan))
    return known


def _columns_and_body(table: Table) -> tuple[list[tuple[str, ...]], list[dict[int, str]]]:
    """Each column's header path, and each body row as column → text. Header cells carry no line
    (they come from the layout), body cells the line they were printed on."""
    depth = max((c.row + 1 for c in table.cells if c.line is None), default=0)
    paths: list[list[str]] = [[] for _ in range(table.n_cols)]
    body: dict[int, dict[int, str]] = {}
    for cell in table.cells:
        if cell.row < depth:
            paths[cell.col].append(cell.text)
        else:
            body.setdefault(cell.row, {})[cell.col] = cell.text
    return [tuple(p) for p in paths], [body[r] for r in sorted(body)]
