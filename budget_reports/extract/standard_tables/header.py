"""Multi-row headers → what each column means; the rows under the header as body rows.

Each column gets its header path, top to bottom (``("本年支出", "基本支出")``), read through
merged cells: a cell spanning columns names every column under it. Grids that carry no span
information (a DOCX or spreadsheet flattened to rows of texts) get the same paths by letting an
empty header cell take the text on its left when a row below splits it into sub-columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from budget_reports.model import Cell, Table
from budget_reports.normalize import compact, parse_decimal
from budget_reports.numbering import CHINESE_COMMA, Enumerators

# A header cell is never numbered 一、 (a body row's label is); （1） and 1. would be column numbers.
_NUMBERED_ROW = Enumerators(CHINESE_COMMA)
_QUOTES = re.compile(r"[“”\"‘’'「」]")
_MAX_HEADER_ROWS = 6
_COLUMN_NUMBERS = ("栏次", "行次")


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: the cell (None where the reader gave none) and its original text per column."""

    index: int
    cells: tuple[Cell | None, ...]
    texts: tuple[str, ...]

    def text(self, columns: list[int] | None = None) -> str:
        """The row's text (the given columns, else all), cells separated by a space."""
        picked = self.texts if columns is None else [self.texts[c] for c in columns]
        return " ".join(" ".join(t.split()) for t in picked if t.strip())

    def compact(self, col: int) -> str:
        return compact(self.texts[col]) if 0 <= col < len(self.texts) else ""

    def cell(self, col: int) -> Cell | None:
        return self.cells[col] if 0 <= col < len(self.cells) else None

    def first_cell(self, columns: list[int] | None = None) -> Cell | None:
        """The first non-empty cell (of the given columns), for evidence."""
        for col in columns if columns is not None else range(len(self.cells)):
            cell = self.cell(col)
            if cell is not None and cell.text.strip():
                return cell
        return next((c for c in self.cells if c is not None), None)


@dataclass(frozen=True, slots=True)
class Layout:
    columns: tuple[tuple[str, ...], ...]  # header path per column (compact, quotation marks removed)
    body: tuple[Row, ...]

    def label(self, col: int) -> str:
        return "/".join(self.columns[col])

    def find(self, test: Callable[[tuple[str, ...]], bool], columns: list[int] | None = None) -> list[int]:
        """Columns whose header path passes ``test``."""
        candidates = range(len(self.columns)) if columns is None else columns
        return [c for c in candidates if test(self.columns[c])]


def layout(table: Table, first_row: int = 0) -> Layout:
    grid = table.grid()
    by_position = {(c.row, c.col): c for c in table.cells}
    n_header = header_row_count(grid, first_row)
    # The 栏次 row numbers the columns; it names none of them.
    header = [
        r
        for r in range(first_row, first_row + n_header)
        if not _is_column_numbers(grid[r]) and not _numbers_columns(grid[r])
    ]
    if any(c.col_span > 1 or c.row_span > 1 for c in table.cells):
        columns = _paths_from_spans(table, header)
    else:
        columns = _paths_from_grid([grid[r] for r in header], table.n_cols)
    body = []
    for r in range(first_row + n_header, table.n_rows):
        texts = tuple(grid[r])
        if not any(t.strip() for t in texts) or _is_column_numbers(texts):
            continue
        body.append(Row(r, tuple(by_position.get((r, c)) for c in range(table.n_cols)), texts))
    return Layout(tuple(columns), tuple(body))


def header_row_count(grid: list[list[str]], first_row: int = 0) -> int:
    """Rows from ``first_row`` that are header: no figure, no enumerated item (一、…), at most six."""
    count = 0
    for k, row in enumerate(grid[first_row : first_row + _MAX_HEADER_ROWS]):
        texts = [compact(t) for t in row]
        below = grid[first_row + k + 1 : first_row + k + 2]
        column_numbers = _is_column_numbers(row) or (count > 0 and bool(below) and _numbers_columns(row))
        if not column_numbers and any(parse_decimal(t) is not None or _NUMBERED_ROW.opens(t) for t in texts if t):
            break
        count += 1
    return count


def _is_column_numbers(row: list[str] | tuple[str, ...]) -> bool:
    """The 栏次 row numbering the columns (栏次 | 1 | 2 | …)."""
    texts = [compact(t) for t in row if t.strip()]
    return bool(texts) and texts[0] in _COLUMN_NUMBERS and all(t.isdigit() or t in _COLUMN_NUMBERS for t in texts)


def _numbers_columns(row: list[str] | tuple[str, ...]) -> bool:
    """A row numbering the columns without its 栏次 label (``1 | 2 | 3 | …`` under a header, as the
    三公 tables print it): three or more bare whole numbers, 1 to their count, nothing else (in
    any order: laid-out text may write a wide table's numbers out of order). A figure row never
    reads so; it is only taken as one between the header and a row below it."""
    texts = [compact(t) for t in row if t.strip()]
    return len(texts) >= 3 and sorted(texts, key=lambda t: (len(t), t)) == [str(k) for k in range(1, len(texts) + 1)]


def _clean(text: str) -> str:
    return _QUOTES.sub("", compact(text))


def _append(path: list[str], text: str) -> None:
    text = _clean(text)
    if text and (not path or path[-1] != text):
        path.append(text)


def _paths_from_spans(table: Table, header: list[int]) -> list[tuple[str, ...]]:
    paths: list[list[str]] = [[] for _ in range(table.n_cols)]
    for r in header:
        for cell in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col):
            for col in _named_by(cell, paths):
                _append(paths[col], cell.text)
    return [tuple(p) for p in paths]


def _named_by(cell: Cell, paths: list[list[str]]) -> range:
    """The columns a header cell names: those it spans, up to the first a cell above names
    otherwise than its first. A header nests its cells; a cell merged across columns the rows
    above tell apart (科目名称 run on to the row's end over the money columns' headers, as a text
    export merges a row's last cell) names only those on its side."""
    first = paths[cell.col]
    end = cell.col + 1
    while end < min(cell.col + cell.col_span, len(paths)) and paths[end] in (first, []):
        end += 1
    return range(cell.col, end)


def _paths_from_grid(rows: list[list[str]], n_cols: int) -> list[tuple[str, ...]]:
    filled = [list(row) + [""] * (n_cols - len(row)) for row in rows]
    for r, row in enumerate(filled):
        for c in range(1, n_cols):
            # An empty cell over a split column belongs to the group started on its left, within
            # the group above it (公务接待费's columns are not 公务用车运行费's, left of them below).
            split_below = any(lower[c].strip() for lower in filled[r + 1 :])
            same_above = all(upper[c] == upper[c - 1] for upper in filled[:r])
            if not row[c].strip() and row[c - 1].strip() and split_below and same_above:
                row[c] = row[c - 1]
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for row in filled:
        for c in range(n_cols):
            _append(paths[c], row[c])
    return [tuple(p) for p in paths]
