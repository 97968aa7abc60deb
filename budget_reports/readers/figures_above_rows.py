"""Rows whose figures a text prints above their codes, each row a group of lines between blank ones.

``pdftotext -layout`` sets a row's figures at the middle height of its cells and writes a blank line
where rows part. With its spacing squeezed (runs of spaces made one, lines stripped, as whitespace
clean-ups leave a text) the columns are gone but the blank lines stay: each row is a group of lines,
its figures first when its codes and names take more than one line::

    80.38 4.88
    301 09 302
    职业年金缴费 07 邮电费

Read in the order pdfplumber writes a row (codes, names, then figures), each group's figures would go
to the row above: a row off, which no sum tells (a 类 keeps its sum whichever of its 款 holds a
figure). Where the table's groups show the order (two or more open with lines of figures alone
right above a line opening a row, with a code or a total's label, and none ends with such a line),
each run of figures is moved after the row below it, so that the rows are read as pdfplumber writes
them. A group may hold more than one row (a row without figures, then a total whose figures stand
above its label): a run inside a group goes with the row opening right below it too, and a run
above no row's opening line leaves the table as it stands. Text writing no blank line between its
rows (pdfplumber, ``-raw``) ends a group with its last row's figures: never read so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budget_reports.readers.block_words import is_code_part
from budget_reports.readers.linear_rows import figures_only, line_tokens, starts_row

if TYPE_CHECKING:  # the reader of the tables these lines are of imports this module
    from budget_reports.readers.linear_tables import SourceLine

# Groups showing the figures-first order before a table is read so (one could be a stray line).
_MIN_GROUPS = 2

_FIGURES, _OPENS_ROW, _OTHER = range(3)


def figures_after_their_rows(lines: list[SourceLine]) -> list[SourceLine]:
    """The non-blank lines of a coded table's body (``lines`` holds its blank lines too), each run of
    lines of figures moved after the row below it where the groups show that order; else as they stand."""
    groups = _groups(lines)
    as_they_stand = [line for group in groups for line in group]
    # The order is asked of each group's ends first: most tables' groups (a page of rows where no blank
    # line sets them apart) open with a code; their other lines are not looked at.
    opening = sum(1 for group in groups if _kind(group[0]) == _FIGURES and _first_other(group) == _OPENS_ROW)
    if opening < _MIN_GROUPS or any(_kind(group[-1]) == _FIGURES for group in groups):
        return as_they_stand
    moved = [_figures_moved(group) for group in groups]
    if any(group is None for group in moved):
        return as_they_stand
    return [line for group in moved if group is not None for line in group]


def _first_other(group: list[SourceLine]) -> int | None:
    """The kind of the group's first line that prints more than figures."""
    return next((kind for kind in map(_kind, group) if kind != _FIGURES), None)


def _groups(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """The runs of non-blank lines, a page's apart from the next page's."""
    groups: list[list[SourceLine]] = []
    previous: SourceLine | None = None
    for line in lines:
        if line.text.strip():
            if previous is None or not previous.text.strip() or previous.page != line.page:
                groups.append([])
            groups[-1].append(line)
        previous = line
    return groups


def _kind(line: SourceLine) -> int:
    tokens = line_tokens(line.text, line.page, line.line)
    if starts_row(tokens, coded=True):
        return _OPENS_ROW
    # A line of 款 or 项 parts alone (``99`` under a wrapped name) is no line of figures.
    if figures_only(tokens, coded=True) and not all(is_code_part(t.text) for t in tokens):
        return _FIGURES
    return _OTHER


def _figures_moved(group: list[SourceLine]) -> list[SourceLine] | None:
    """The group's lines, each run of lines of figures after the row opening right below it (the row:
    its opening line and the lines up to the next run or row); None where a run stands above a line
    opening no row."""
    rows: list[tuple[list[SourceLine], list[SourceLine]]] = []  # per row: its lines, the figures above it
    figures: list[SourceLine] = []
    for line, kind in zip(group, map(_kind, group), strict=True):
        if kind == _FIGURES:
            figures.append(line)
            continue
        if figures and kind != _OPENS_ROW:
            return None
        if kind == _OPENS_ROW or not rows:
            rows.append(([], figures))
            figures = []
        rows[-1][0].append(line)
    if figures:
        return None
    return [line for row, above in rows for line in (*row, *above)]
