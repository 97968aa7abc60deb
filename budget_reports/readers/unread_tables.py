"""Standard tables the text names but no reader rebuilt: reported as not read, never lost silently.

Every table reader of the linear text (rows as lines, column runs, streams, positions) starts from a
table's title. Where one of them gives up, or none applies to how the text was written, the title
and the table's figures would otherwise be read as paragraphs that state nothing, and the report
would look complete. Here every title of a standard table (final accounts or budget) outside the
tables read is looked at once more: when the lines after it hold the table's figures, the table
is reported as not read (``Document.lost``: the report is partial), and each figure as an
``extraction.ambiguous_cell`` naming the columns the table's header says it may be in.

A title followed by no figure (a contents line, a table that prints no data) loses nothing and is
left to the prose.
"""

from __future__ import annotations

from budget_reports.model import AmbiguousCell
from budget_reports.readers.column_blocks import BlockLine, unplaced_figure
from budget_reports.readers.linear_tables import LinearTable, SourceLine, not_read_table
from budget_reports.readers.passed_over_titles import passed_over_titles, table_figures
from budget_reports.readers.table_headers import HeaderLayout, match_layout

# Fewer figures after a title say nothing of a lost table (a page number, a contents line).
_MIN_FIGURES = 2


def with_unread_tables(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables read, with every standard table whose title and figures the text holds but no
    reader rebuilt added as not read (its lines replaced by its title; its figures reported)."""
    unread = [
        table
        for title in passed_over_titles(lines, tables)
        if (table := _not_read(lines, title.start, title.end)) is not None
    ]
    return sorted([*tables, *unread], key=lambda t: t.start) if unread else tables


def _not_read(lines: list[SourceLine], start: int, end: int) -> LinearTable | None:
    """The table titled at ``start`` reported as not read, or None when its lines hold too few figures to lose."""
    body = lines[start + 1 : end]
    figures = [BlockLine(word, line.page, line.line) for line in body for word in table_figures(line.text)]
    if len(figures) < _MIN_FIGURES:
        return None
    layout = _layout(body)
    columns = [path for side in layout.sides for path in side.money] if layout is not None else []
    ambiguous: list[AmbiguousCell] = [unplaced_figure(figure, columns) for figure in figures] if columns else []
    return not_read_table(lines, start, end, "的文本未能还原为行", ambiguous)


def _layout(body: list[SourceLine]) -> HeaderLayout | None:
    """The columns the table's header prints, from its lines without digits (header cells in any order)."""
    return match_layout(" ".join(line.text for line in body if not any(map(str.isdigit, line.text))))
