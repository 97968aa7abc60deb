"""Cells whose figure is known elsewhere, and the one way a row's placements are narrowed by them.

The links (``cell_links.LINKS``) say which cell of a table is known from which source. What a
source gives is a ``KnownCells`` map (row key → column header path → figure with its rounding),
built by the reader that has it: from a table mid-placement (``table_relations``: the lines whose
placement is settled), from a table once placed (``budget_table_links``: its grid), from the
prose (``prose_table_links``: the statements). A row's placements are then narrowed (``narrow``):
a placement is kept only when it agrees with every known cell of its row, within the rounding of
both figures; a row whose placements would all be dropped keeps them (the report disagrees with
itself: the rules say so). A cell is settled only when one placement, or one column in all that
remain, is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from budget_reports.extract.standard_tables.common import is_total, label
from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.model import Block
from budget_reports.normalize import half_step
from budget_reports.readers.cell_assignment import Placement, RowFigures
from budget_reports.readers.cell_links import Link, Relation, Rows
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.table_headers import Side

TOTAL_KEY = "#合计"
EVERY_ROW_KEY = "#每行"  # where prose statements are kept: they name a cell, not a line
_CLASS_CODE_LENGTH = 3
# Totals of the year's spending, as overviews and detail tables label them (总计 adds carry-overs: not one).
_YEAR_TOTALS = frozenset({"合计", "本年支出合计", "支出合计", "本年合计"})
# A fund's income line may name the fund with these words after it (一般公共预算拨款收入).
_FUND_SUFFIXES = ("拨款收入", "拨款")
_PARENS = str.maketrans("（）", "()")
_Table = TypeVar("_Table")


@dataclass(frozen=True, slots=True)
class KnownCell:
    """A figure known elsewhere (an empty cell is zero) and half a unit of its last printed digit,
    in the unit the narrowed table's figures are scaled to; ``block`` is the prose stating it."""

    value: Decimal
    half: Decimal
    block: Block | None = None

    @classmethod
    def printed(cls, figure: Decimal | None, scale: Decimal = Decimal(1)) -> KnownCell:
        """A printed cell (None when empty), times ``scale`` (its table's unit in the common one)."""
        if figure is None:
            return EMPTY
        if scale == 1:  # the common case mid-placement: no product to work out
            return cls(figure, half_step(figure))
        return cls(figure * scale, half_step(figure) * scale)


EMPTY = KnownCell(Decimal(0), Decimal(0))


@dataclass(slots=True)
class KnownCells:
    """What one source gives: row key → column header path → cell. ``blank``: the source prints no
    figure at all (``本表无数据``), so every cell of it is zero; ``carry_over``: it prints a
    上年结转 / 结转下年 line."""

    rows: dict[str, dict[tuple[str, ...], KnownCell]] = field(default_factory=dict)
    blank: bool = False
    carry_over: bool = False

    def add(self, keys: Sequence[str], path: tuple[str, ...], cell: KnownCell) -> None:
        """The first line printed under a key counts (本年支出合计 before 支出总计)."""
        for key in keys:
            self.rows.setdefault(key, {}).setdefault(path, cell)

    def lookup(self, keys: Sequence[str], column: tuple[str, ...]) -> KnownCell | None:
        """The cell of the first key whose line has one column ending in ``column``; None if unknown."""
        if self.blank:
            return EMPTY
        for key in keys:
            cells = self.rows.get(key)
            if cells is None:
                continue
            paths = tuple(cells)
            found = column_of(paths, column)
            if found is not None:
                return cells[paths[found]]
        return None


@lru_cache(maxsize=4_096)  # asked of every line of a table for each link, on every pass
def row_keys(code: str, name: str, rows: Rows = Rows.SAME_LINE) -> tuple[str, ...]:
    """How a line is matched across tables: its code, a 类 also by its name (overviews list 类 by
    name: ``八、社会保障和就业支出``), a total as ``TOTAL_KEY`` (which totals: ``rows``), a line
    without code by its name without numbering (a fund's income line also by the fund's name)."""
    key = label(name)
    if code:
        return (code, key) if len(code) == _CLASS_CODE_LENGTH and key else (code,)
    if is_total(key):
        return (TOTAL_KEY,) if rows is not Rows.SAME_LINE or key in _YEAR_TOTALS else ()
    short = next((key.removesuffix(s) for s in _FUND_SUFFIXES if key.endswith(s) and len(key) > len(s)), None)
    return tuple(k for k in (key, short) if k)


@lru_cache(maxsize=1_024)  # a few layouts' columns, asked for every line and link
def column_of(paths: tuple[tuple[str, ...], ...], column: tuple[str, ...]) -> int | None:
    """The one column whose header path ends in ``column`` (brackets full- or half-width); None when
    no column does, or several (a name that does not say which)."""
    wanted = tuple(word.translate(_PARENS) for word in column)
    found = [
        i for i, path in enumerate(paths) if tuple(word.translate(_PARENS) for word in path[-len(wanted) :]) == wanted
    ]
    return found[0] if len(found) == 1 else None


def linked(
    links: Iterable[Link],
    tables: Mapping[TableKind, _Table],
    cells: Callable[[_Table, Rows], KnownCells],
    built: dict[tuple[TableKind, Rows], KnownCells] | None = None,
) -> list[tuple[Link, KnownCells]]:
    """Each link whose source is one of ``tables``, with what that table gives (``cells``), built
    once per source and row rule (``built`` keeps them across calls)."""
    built = {} if built is None else built
    out = []
    for link in links:
        if not isinstance(link.source, TableKind) or link.source not in tables:
            continue
        if (link.source, link.rows) not in built:
            built[link.source, link.rows] = cells(tables[link.source], link.rows)
        out.append((link, built[link.source, link.rows]))
    return out


@dataclass(frozen=True, slots=True)
class Check:
    """A known cell a row's placements must keep: the row's column, the cell, the link saying how."""

    column: int
    cell: KnownCell
    link: Link


def checks(
    links: Sequence[tuple[Link, KnownCells]], paths: tuple[tuple[str, ...], ...], code: str, name: str
) -> list[Check]:
    """The known cells of a line (``code``, ``name``) of a side whose money columns are ``paths``,
    one per link that names one of its columns and whose source knows the line."""
    out = []
    for link, known in links:
        column = column_of(paths, link.column)
        if column is None or (link.without_carry_over and known.carry_over):
            continue
        keys = source_keys(link, code, name)
        cell = known.lookup(keys, link.source_column) if keys is not None else None
        if cell is not None:
            out.append(Check(column, cell, link))
    return out


def source_keys(link: Link, code: str, name: str) -> tuple[str, ...] | None:
    """The keys the source knows the line by; None when the link does not apply to the line."""
    if link.rows is Rows.EVERY_ROW:
        return (EVERY_ROW_KEY,)
    if link.rows is Rows.TOTAL_BY_COLUMN_NAME:
        return (link.column[-1],) if TOTAL_KEY in row_keys(code, name, link.rows) else None
    return row_keys(code, name, link.rows)


def narrow(figures: RowFigures, known: Sequence[Check], scale: Decimal = Decimal(1)) -> list[Placement]:
    """Keep the placements that keep every known cell, the row's figures times ``scale`` (their
    table's unit in the known cells' unit); the placements dropped. None is dropped when every
    placement would be: the report disagrees with itself."""
    if len(figures.candidates) < 2 or not known:
        return []
    kept = [p for p in figures.candidates if all(_keeps(figures, p, check, scale) for check in known)]
    if not kept or len(kept) == len(figures.candidates):
        return []
    dropped = [p for p in figures.candidates if p not in kept]
    figures.candidates = kept
    return dropped


def _keeps(figures: RowFigures, placement: Placement, check: Check, scale: Decimal) -> bool:
    """The figure ``placement`` puts in the check's column (zero when none) keeps the relation,
    within the rounding of both figures."""
    cell = check.cell
    if check.link.relation is Relation.EQUAL:
        return figures.agrees_in(placement, check.column, cell.value, cell.half, scale)
    if check.column not in placement:
        return cell.value - cell.half <= 0
    figure = placement.index(check.column)
    return (figures.values[figure] + figures.halves()[figure]) * scale >= cell.value - cell.half


@dataclass(frozen=True, slots=True)
class Narrowed:
    """A row's placements narrowed by known cells: the placements dropped and the checks kept."""

    side: Side
    segment: Segment
    settled: dict[int, int]  # figure index → column, for the figures it settled
    dropped: list[Placement]
    checks: list[Check]


@dataclass(slots=True)
class LinkSettler:
    """Narrows each row of a table by the known cells its links give (``narrow``), row by row as
    a table is rebuilt (a ``linear_tables.RowSettler``) or over a table mid-placement; what it
    narrowed is kept in ``narrowed`` (the prose's findings say why a cell was settled)."""

    links: Sequence[tuple[Link, KnownCells]]
    scale: Decimal  # the table's printed unit in the known cells' unit
    narrowed: list[Narrowed] = field(default_factory=list)

    def __call__(self, side_index: int, side: Side, segment: Segment, figures: RowFigures) -> None:
        if len(figures.candidates) < 2:
            return
        found = checks(self.links, side.money, segment.code_text, segment.name_text)
        before = figures.settled() if found else {}
        dropped = narrow(figures, found, self.scale)
        if dropped:
            settled = {i: c for i, c in figures.settled().items() if i not in before}
            self.narrowed.append(Narrowed(side, segment, settled, dropped, found))
