"""Titles of standard tables the table finder passed over (their header never reached a row, as
in text ``pdftotext`` wrote by columns), for the readers that take such a table from its stream."""

from __future__ import annotations

from collections.abc import Collection

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title
from budget_reports.normalize import compact
from budget_reports.readers.linear_tables import LinearTable, SourceLine, is_title


def passed_over_titles(
    lines: list[SourceLine], tables: list[LinearTable], kinds: Collection[TableKind]
) -> list[tuple[int, int]]:
    """(title index, end) of each title of ``kinds`` outside every table found; its span ends with
    its page, at the next table found or at a sentence (prose after the table)."""
    inside = [(t.start, t.end) for t in tables]
    starts = {a for a, _ in inside}
    found = []
    for i, line in enumerate(lines):
        if not is_title(line.text) or any(a <= i < b for a, b in inside):
            continue
        if kind_of_title(compact(line.text)) not in kinds:
            continue
        end = i + 1
        while end < len(lines) and lines[end].page == line.page and end not in starts and "。" not in lines[end].text:
            end += 1
        found.append((i, end))
    return found
