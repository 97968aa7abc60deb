"""Tables that ``pdftotext`` (default mode) wrote column by column, rebuilt into rows.

Without ``-layout`` or ``-raw``, pdftotext writes a table's columns one after the other: all the
类 codes, then the 款 and 项 codes (group by group), the names, then each money column as runs
of figures, a blank line wherever the column had empty cells. The names give the rows; the codes
follow from the 类 codes and the 款/项 parts (a 类's rows after its own line each print a 款 part,
and each 款's rows after its own a 项 part); each run of figures is placed in a column and at a
row so that every row keeps the table's sums (合计 = 基本支出 + 项目支出 …). Every placement of the
runs that keeps the sums is tried: a figure placed alike by all of them is kept, one they disagree
on is reported ambiguous. A page whose blocks do not fit together (counts that disagree) is not
rebuilt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.table_headers import HeaderLayout, LabelKind, Side

_CLASS = re.compile(r"^\d{3}$")
_PART = re.compile(r"^\d{2}$")
_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_MAX_SOLUTIONS = 500
_MAX_TRIALS = 20_000  # placements tried per page before giving up


@dataclass(frozen=True, slots=True)
class BlockLine:
    text: str
    page: int | None
    line: int


def is_column_block_page(lines: list[BlockLine]) -> bool:
    """A page of a table written column by column: runs of bare codes and of bare figures."""
    texts = [compact(line.text) for line in lines if line.text.strip()]
    bare = sum(1 for t in texts if _CLASS.match(t) or _PART.match(t) or _FIGURE.match(t))
    return len(texts) > 4 and bare * 2 >= len(texts)


def rebuild(
    lines: list[BlockLine], layout: HeaderLayout
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """Rows of one page of a one-sided coded table, and the figures no row can be sure of; None
    when the page's blocks do not fit together."""
    if len(layout.sides) != 1 or layout.sides[0].label is not LabelKind.CODED:
        return None
    side = layout.sides[0]
    names = _names(lines, layout)
    if not names:
        return None
    codes = _codes(lines, [n for n in names if not is_total(compact(n.text))])
    if codes is None:
        return None
    solutions = _placements(_figure_blocks(lines), len(names), side)
    if not solutions:
        return None
    # Where each figure line went in each solution: kept where all agree, else ambiguous.
    places: dict[int, set[tuple[int, int]]] = {}
    figure_lines: dict[int, BlockLine] = {}
    for solution in solutions:
        for cell, line in solution.items():
            places.setdefault(id(line), set()).add(cell)
            figure_lines[id(line)] = line
    settled = {next(iter(cells)): figure_lines[key] for key, cells in places.items() if len(cells) == 1}
    ambiguous = [
        AmbiguousCell(
            page=figure_lines[key].page,
            line=figure_lines[key].line,
            figure=figure_lines[key].text.strip(),
            row="/".join(dict.fromkeys(names[r].text.strip() for r, _ in sorted(cells))),
            candidates=tuple(dict.fromkeys("/".join(side.money[c]) for _, c in sorted(cells))),
            snippet=figure_lines[key].text.strip(),
        )
        for key, cells in places.items()
        if len(cells) > 1
    ]
    rows = []
    code_of = iter(codes)
    for r, name in enumerate(names):
        segment = Segment()
        if not is_total(compact(name.text)):
            segment.code = [Token(part.text.strip(), part.page, part.line) for part in next(code_of)]
        segment.name = [Token(name.text.strip(), name.page, name.line)]
        cells = sorted((col, line) for (row, col), line in settled.items() if row == r)
        segment.figures = [Token(line.text.strip(), line.page, line.line) for _, line in cells]
        values = tuple(_value(line.text) for _, line in cells)
        rows.append((segment, RowFigures(values, [tuple(col for col, _ in cells)])))
    return rows, ambiguous


def _names(lines: list[BlockLine], layout: HeaderLayout) -> list[BlockLine]:
    """The longest run of name lines (not codes, figures or header words) ending in a total."""
    header_words = set(layout.words) | {"项目", "科目名称", "类", "款", "项"}
    runs: list[list[BlockLine]] = [[]]
    for line in lines:
        key = compact(line.text)
        if runs[-1] and is_total(key):
            runs[-1].append(line)  # the total closing the names (合计 is a header word too)
            runs.append([])
        elif not key or _CLASS.match(key) or _PART.match(key) or _FIGURE.match(key) or key in header_words:
            runs.append([])
        else:
            runs[-1].append(line)
    return max(runs, key=len)


def _codes(lines: list[BlockLine], rows: list[BlockLine]) -> list[list[BlockLine]] | None:
    """Each row's code parts (类, then 款 and 项 when the row is at that level)."""
    classes = [line for line in lines if _CLASS.match(compact(line.text))]
    parts = [line for line in lines if _PART.match(compact(line.text))]
    if len(classes) != len(rows):
        return None
    codes: list[list[BlockLine]] = [[c] for c in classes]
    remaining = list(parts)
    for group in _runs(codes, range(len(codes)), level=0):
        # A 类's rows after its own line each print a 款 part; a 款's rows after its own, a 项 part.
        if not _take_parts(codes, group[1:], remaining):
            return None
        deeper = [r for kuan in _runs(codes, group[1:], level=1) for r in kuan[1:]]
        if not _take_parts(codes, deeper, remaining):
            return None
    return codes if not remaining else None


def _runs(codes: list[list[BlockLine]], rows: Sequence[int], level: int) -> list[list[int]]:
    """Consecutive rows sharing the code part at ``level`` (the rows of one 类, of one 款)."""
    runs: list[list[int]] = []
    for r in rows:
        key = compact(codes[r][level].text)
        if runs and compact(codes[runs[-1][0]][level].text) == key:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _take_parts(codes: list[list[BlockLine]], rows: Sequence[int], remaining: list[BlockLine]) -> bool:
    """Give the next code parts to these rows, in order; False when there are too few."""
    if len(remaining) < len(rows):
        return False
    for r in rows:
        codes[r].append(remaining.pop(0))
    return True


def _figure_blocks(lines: list[BlockLine]) -> list[list[BlockLine]]:
    blocks: list[list[BlockLine]] = [[]]
    for line in lines:
        if _FIGURE.match(compact(line.text)):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


Solution = dict[tuple[int, int], BlockLine]  # (row, column) -> figure


def _placements(blocks: list[list[BlockLine]], n_rows: int, side: Side) -> list[Solution]:
    """Every placement of the runs (in order: column by column, top to bottom) keeping the row sums."""
    width = len(side.money)
    solutions: list[Solution] = []
    budget = [_MAX_TRIALS]
    # Each figure's value and half a unit of its last digit, read once for all the placements tried.
    figures: dict[BlockLine, tuple[Decimal, Decimal]] = {}
    for block in blocks:
        for line in block:
            value = _value(line.text)
            figures[line] = (value, _half_unit(value))
    # Split the runs into the columns, in order (a column may get none).
    for cuts in combinations(range(len(blocks) + width - 1), width - 1):
        bounds = [-1, *cuts, len(blocks) + width - 1]
        per_column = []
        start = 0
        for c in range(width):
            count = bounds[c + 1] - bounds[c] - 1
            per_column.append(blocks[start : start + count])
            start += count
        _place_columns(per_column, 0, {}, n_rows, side, figures, solutions, budget)
        if len(solutions) > _MAX_SOLUTIONS or budget[0] <= 0:
            return []  # too many ways to place the runs: the page is not rebuilt
    return solutions


def _place_columns(
    per_column: list[list[list[BlockLine]]],
    col: int,
    cells: Solution,
    n_rows: int,
    side: Side,
    figures: dict[BlockLine, tuple[Decimal, Decimal]],
    out: list[Solution],
    budget: list[int],
) -> None:
    budget[0] -= 1
    if budget[0] <= 0:
        return
    if col == len(per_column):
        if _sums_hold(cells, n_rows, side, figures):
            out.append(dict(cells))
        return
    for offsets in _offsets([len(b) for b in per_column[col]], n_rows):
        placed = dict(cells)
        for block, offset in zip(per_column[col], offsets, strict=True):
            for k, line in enumerate(block):
                placed[(offset + k, col)] = line
        _place_columns(per_column, col + 1, placed, n_rows, side, figures, out, budget)
        if len(out) > _MAX_SOLUTIONS:
            return


def _offsets(sizes: list[int], n_rows: int, start: int = 0) -> list[list[int]]:
    """Start rows for runs of these sizes, in order, a gap of at least one row between runs."""
    if not sizes:
        return [[]]
    out = []
    for first in range(start, n_rows - sum(sizes) - (len(sizes) - 1) + 1):
        for rest in _offsets(sizes[1:], n_rows, first + sizes[0] + 1):
            out.append([first, *rest])
    return out


def _sums_hold(cells: Solution, n_rows: int, side: Side, figures: dict[BlockLine, tuple[Decimal, Decimal]]) -> bool:
    for r in range(n_rows):
        for total, parts in side.sums:
            members = [total, *parts]
            read = {c: figures[cells[(r, c)]] for c in members if (r, c) in cells}
            if not read:
                continue
            values = {c: value for c, (value, _) in read.items()}
            slack = sum((half for _, half in read.values()), Decimal(0))
            difference = values.get(total, Decimal(0)) - sum((values.get(p, Decimal(0)) for p in parts), Decimal(0))
            if abs(difference) > slack:
                return False
    return True


def _half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2


def _value(text: str) -> Decimal:
    value = parse_decimal(text)
    assert value is not None, text  # only figures reach here
    return value
