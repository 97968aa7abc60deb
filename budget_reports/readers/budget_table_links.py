"""Figures a budget report (部门预算) prints in two of its tables, used to place the figures that
text extracted from its PDF left ambiguous.

A row that prints 合计 and one more figure under 合计 + four source columns (收入预算总表) or 合计
+ three fund columns (财政拨款收支预算总表) keeps its own sums whichever column the second figure
is in, and so do the table's column sums when every row is alike. The report settles it elsewhere:
the 财务收支预算总表 prints each income source on a line of its own (so the 收入预算总表's 合计 row
is known source by source), and the fund tables print each 类 of their fund (一般公共预算支出功能分类
预算表; a fund table that prints no figure, 本表无数据, is zero on every line). The links between
tables are a catalogue (``LINKS``); a province's other table names reach it through the table kinds.

A placement is dropped only when the other table's figure is settled there and disagrees beyond
the rounding of both figures (amounts compared in 万元, each table in its own unit); a row whose
placements would all be dropped keeps them (the report disagrees with itself: the rules say so).
Figures settled here then settle the rest of the table through its own column sums (项 → 款 → 类
→ 合计), in ``linear_tables``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget_reports.extract.standard_tables.common import is_total, label
from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title, unit_of
from budget_reports.model import BlockKind, Table
from budget_reports.normalize import half_step, parse_decimal, to_wanyuan
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.linear_tables import LinearTable, SourceLine, rebuild_table
from budget_reports.readers.table_headers import BUDGET_INCOME_SOURCES, Side

_LABEL_LEAVES = frozenset({"科目编码", "科目名称", "项目"})
_CLASS_CODE_LENGTH = 3
_TOTAL = "#合计"
_CARRY_OVER = ("结转", "结余")
# A fund's income line may name the fund with these words after it (一般公共预算拨款收入).
_FUND_SUFFIXES = ("拨款收入", "拨款")


@dataclass(frozen=True, slots=True)
class SameFigure:
    """Column ``column`` of table ``table`` prints, line by line, what column ``source_column`` of
    table ``source`` prints. With ``by_column_name`` the source prints it on the line named like
    the column instead, and only the total line of ``table`` is compared (收入预算总表's 合计 row,
    column 事业收入 = the 财务收支预算总表's line 二、事业收入)."""

    table: TableKind
    column: tuple[str, ...]  # the end of the money column's header path
    source: TableKind
    source_column: tuple[str, ...]
    by_column_name: bool = False
    # The equality needs a table without carry-overs (上年结转 / 结转下年 make 总计 differ by fund).
    without_carry_over: bool = False


_FUND_TABLES = (
    ("一般公共预算", TableKind.BUDGET_GPB),
    ("政府性基金预算", TableKind.BUDGET_GOV_FUND),
    ("国有资本经营预算", TableKind.BUDGET_STATE_CAPITAL),
)
LINKS: tuple[SameFigure, ...] = (
    *(SameFigure(TableKind.BUDGET_FISCAL_OVERVIEW, ("支出", fund), table, ("合计",)) for fund, table in _FUND_TABLES),
    # Within the 财政拨款收支预算总表: each fund's spending in total is that fund's income line.
    *(
        SameFigure(
            TableKind.BUDGET_FISCAL_OVERVIEW,
            ("支出", fund),
            TableKind.BUDGET_FISCAL_OVERVIEW,
            ("收入", "预算数"),
            by_column_name=True,
            without_carry_over=True,
        )
        for fund, _ in _FUND_TABLES
    ),
    *(
        SameFigure(TableKind.BUDGET_INCOME, (source,), TableKind.BUDGET_OVERVIEW, ("收入", "预算数"), True)
        for source, _ in BUDGET_INCOME_SOURCES
    ),
)


@dataclass(slots=True)
class _Printed:
    """The settled figures of one table in 万元, by row key and column header path: (figure or None
    for an empty cell, half its printed unit); ``blank`` when the table prints no figure at all."""

    rows: dict[str, dict[tuple[str, ...], tuple[Decimal | None, Decimal]]] = field(default_factory=dict)
    blank: bool = False
    carry_over: bool = False  # prints a 上年结转 / 结转下年 line

    def lookup(self, keys: list[str], column: tuple[str, ...]) -> tuple[Decimal, Decimal] | None:
        """(figure, half its printed unit) in 万元; an empty cell or a blank table is zero."""
        if self.blank:
            return Decimal(0), Decimal(0)
        for key in keys:
            for path, (value, half) in self.rows.get(key, {}).items():
                if path[-len(column) :] == column:
                    return (value if value is not None else Decimal(0)), half
        return None


def settled_across_tables(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, those with ambiguous figures built again with the other tables' figures."""
    for _ in range(2):  # a table settled here may settle another
        kinds = [table_kind(t) for t in tables]
        by_kind = {kind: t for kind, t in zip(kinds, tables, strict=True) if kind is not None}
        # What a table prints is read only where an ambiguous table links to it.
        needed = {
            link.source
            for kind, table in zip(kinds, tables, strict=True)
            if table.ambiguous
            for link in LINKS
            if link.table is kind and link.source in by_kind
        }
        printed = {kind: _printed(by_kind[kind]) for kind in needed}
        changed = False
        out: list[LinearTable] = []
        for kind, table in zip(kinds, tables, strict=True):
            links = [link for link in LINKS if link.table is kind and link.source in printed]
            rebuilt = None
            if table.ambiguous and links:
                settle = _Settler(links, printed, wan_per_unit(table))
                rebuilt = rebuild_table(lines, table, settle)
            if rebuilt is not None and len(rebuilt.ambiguous) < len(table.ambiguous):
                out.append(rebuilt)
                changed = True
            else:
                out.append(table)
        tables = out
        if not changed:
            break
    return tables


class _Settler:
    def __init__(self, links: list[SameFigure], printed: dict[TableKind, _Printed], to_wan: Decimal) -> None:
        self.links = links
        self.printed = printed
        self.to_wan = to_wan

    def __call__(self, side_index: int, side: Side, segment: Segment, figures: RowFigures) -> None:
        if len(figures.candidates) < 2:
            return
        keys = row_keys(segment.code_text, segment.name_text)
        known: list[tuple[int, Decimal, Decimal]] = []  # (column, figure, slack) in 万元
        for link in self.links:
            column = next((i for i, path in enumerate(side.money) if path[-len(link.column) :] == link.column), None)
            source = self.printed[link.source]
            if column is None or (link.by_column_name and _TOTAL not in keys):
                continue
            if link.without_carry_over and source.carry_over:
                continue
            source_keys = [link.column[-1]] if link.by_column_name else keys
            found = source.lookup(source_keys, link.source_column)
            if found is not None:
                known.append((column, *found))
        # Every link at once: a placement must agree with all of them, or the row keeps them all.
        kept = [p for p in figures.candidates if all(figures.agrees_in(p, *k, self.to_wan) for k in known)]
        if kept:
            figures.candidates = kept


def row_keys(code: str, name: str) -> list[str]:
    """How a line is matched across tables: its code, a 类 also by its name (the overviews list 类
    by name), a line without code by its name without numbering, any total (合计, 总计) as ``#合计``."""
    key = label(name)
    if code:
        return [code, key] if len(code) == _CLASS_CODE_LENGTH and key else [code]
    if is_total(key):
        return [_TOTAL]
    short = next((key.removesuffix(s) for s in _FUND_SUFFIXES if key.endswith(s) and len(key) > len(s)), None)
    return [k for k in (key, short) if k]


def table_kind(table: LinearTable) -> TableKind | None:
    """The kind of a table found in the text, by its title."""
    heading = next((b for b in table.blocks if b.kind is BlockKind.HEADING), None)
    return kind_of_title(heading.text) if heading is not None else None


def wan_per_unit(table: LinearTable) -> Decimal:
    """What one printed unit of the table is in 万元 (its 单位 line; 万元 when it prints none)."""
    unit = next((u for b in table.blocks if b.kind is BlockKind.PARAGRAPH and (u := unit_of(b.text))), "万元")
    return to_wanyuan(Decimal(1), unit)


def _printed(table: LinearTable) -> _Printed:
    grid_block = next((b for b in table.blocks if b.kind is BlockKind.TABLE and b.table is not None), None)
    if grid_block is None or grid_block.table is None:
        return _Printed()
    to_wan = wan_per_unit(table)
    unsettled = {a.row for a in table.ambiguous}
    paths, body = _columns_and_body(grid_block.table)
    if not table.ambiguous and not any(
        parse_decimal(text) is not None for row in body for c, text in row.items() if paths[c][-1] not in _LABEL_LEAVES
    ):
        return _Printed(blank=True)
    printed = _Printed()
    starts = [c for c, path in enumerate(paths) if path and path[-1] in ("科目编码", "项目")] or [0]
    sides = [range(s, e) for s, e in zip(starts, [*starts[1:], len(paths)], strict=True)]
    for columns in sides:
        rows = []
        for row in body:
            code = next((row.get(c, "") for c in columns if paths[c][-1] == "科目编码"), "")
            name = next((row.get(c, "") for c in columns if paths[c][-1] in ("科目名称", "项目")), "")
            if code or name:
                rows.append((code, name, row))
        printed.carry_over |= any(word in name for _, name, _ in rows for word in _CARRY_OVER)
        for code, name, row in rows:
            if " ".join(filter(None, [code, name])) in unsettled:
                continue
            keys = row_keys(code, name)  # the first total printed (本年支出合计 before 支出总计) counts
            for c in columns:
                if paths[c][-1] in _LABEL_LEAVES:
                    continue
                value = parse_decimal(row[c]) if c in row else None
                half = half_step(value) * to_wan if value is not None else Decimal(0)
                for key in keys:
                    cell = (value * to_wan if value is not None else None, half)
                    printed.rows.setdefault(key, {}).setdefault(paths[c], cell)
    return printed


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
