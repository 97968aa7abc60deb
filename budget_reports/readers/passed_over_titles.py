"""Titles of standard tables outside every table the table finder built (their header never reached a
row, as in text ``pdftotext`` wrote by columns), found in one pass for every reader that takes such a
table from its title: the stream readers (overviews, one-row tables) and the report of tables not read.

Each title comes with the bounds its table's lines may have; which bound a reader takes is its own
(a stream reader looks at the title's page, the report of tables not read follows the figures).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title
from budget_reports.normalize import compact
from budget_reports.readers.linear_tables import LinearTable, SourceLine, is_title


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A title of a standard table outside every table found, and how far its table may run."""

    start: int  # index of the title line
    kind: TableKind
    limit: int  # the next table found, or the text's end: no line from there on is the title's table
    page_end: int  # index after the title page's last line before ``limit``
    # ``page_end``, or earlier: the first line holding a sentence (prose after the table).
    prose_end: int


def passed_over_titles(
    lines: list[SourceLine], tables: list[LinearTable], kinds: Collection[TableKind] | None = None
) -> list[PassedOver]:
    """Every title (of ``kinds``, or of any standard table) outside every table of ``tables``, in
    the text's order. One pass over the lines against the tables' spans sorted by start."""
    spans = sorted((t.start, t.end) for t in tables)
    found: list[PassedOver] = []
    k = 0  # spans starting at or before the line
    covered = 0  # the furthest end of those spans: a line before it is inside a table
    for i, line in enumerate(lines):
        while k < len(spans) and spans[k][0] <= i:
            covered = max(covered, spans[k][1])
            k += 1
        if i < covered or not is_title(line.text):
            continue
        kind = kind_of_title(compact(line.text))
        if kind is None or (kinds is not None and kind not in kinds):
            continue
        limit = spans[k][0] if k < len(spans) else len(lines)
        page_end = i + 1
        prose_end: int | None = None
        while page_end < limit and lines[page_end].page == line.page:
            if prose_end is None and "。" in lines[page_end].text:
                prose_end = page_end
            page_end += 1
        found.append(PassedOver(i, kind, limit, page_end, page_end if prose_end is None else prose_end))
    return found
