"""Titles of standard tables outside every table the table finder built (their header never reached a
row, as in text ``pdftotext`` wrote by columns), found in one pass for every reader that takes such a
table from its title: the stream readers (overviews, one-row tables) and the report of tables not read.

One span rule for all of them: a table runs from its title to the next title or table, the first
sentence or line of prose, and no further than the last page holding one of its figures (a title
set alone on its page, its table on the next, as reports typeset landscape tables, is followed there).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, contains

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title
from budget_reports.normalize import compact
from budget_reports.readers.headings import is_heading
from budget_reports.readers.linear_rows import is_figure, line_tokens
from budget_reports.readers.linear_tables import LinearTable, SourceLine, is_title

# Punctuation of sentences, as printed (``compact`` makes the comma ASCII, as in a figure): a
# table's cells (labels, codes, figures) never hold it.
# One pattern rather than a generator of ``in`` tests: asked of every line a table spans.
_SENTENCE_MARK = re.compile("[。，；]")
# A line of a table's cells without a figure is never this long: prose after the table.
_CELL_MAX_CHARS = 40
# Figures under a title that no reading placed, from which its table is reported as not read (a title in
# a list of contents, or named by prose, has none under it).
MIN_UNREAD_FIGURES = 4
_CODE_LENGTHS = (3, 5, 7)  # 类, 类+款, 类+款+项 written whole: a code, not a figure
_text_of = attrgetter("text")


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A title of a standard table outside every table found, and the lines of its table."""

    start: int  # index of the title line
    kind: TableKind
    end: int  # index after the table's last line (the span rule above)
    # The next title or table found, or the text's end: what the table's page says of it after its
    # lines (a note: 本表无数据) lies before.
    following: int


def passed_over_titles(
    lines: list[SourceLine], tables: list[LinearTable], kinds: Collection[TableKind] | None = None
) -> list[PassedOver]:
    """Every title (of ``kinds``, or of any standard table) outside every table of ``tables``, in
    the text's order. One pass over the lines against the tables' spans sorted by start."""
    spans = sorted((t.start, t.end) for t in tables)
    titles: list[tuple[int, TableKind, int]] = []  # (title, kind, next table found)
    k = 0  # spans starting at or before the line
    covered = 0  # the furthest end of those spans: a line before it is inside a table
    # Every title holds 表: the other lines are passed over without a call (found without a Python
    # step per line: the text is looked through by every reader taking tables from their titles).
    # ``operator.contains``, not ``str.__contains__``: a slot wrapper called by ``map`` takes the
    # slow path (its arguments packed per call) and costs twice the test (a ~1,500-line text: 260 → 95 µs).
    for i in compress(count(), map(contains, map(_text_of, lines), repeat("表"))):
        while k < len(spans) and spans[k][0] <= i:
            covered = max(covered, spans[k][1])
            k += 1
        text = lines[i].text
        if i < covered or not is_title(text):
            continue
        kind = title_kind(text)
        if kind is not None:
            titles.append((i, kind, spans[k][0] if k < len(spans) else len(lines)))
    # A title outside the tables is followed by the next one (within the next table found); the
    # lines of a table are worked out only for the kinds asked for.
    after = [i for i, _, _ in titles[1:]] + [len(lines)]
    following = [min(limit, after[n]) for n, (_, _, limit) in enumerate(titles)]
    return [
        PassedOver(i, kind, _extent(lines, i + 1, limit), end)
        for (i, kind, limit), end in zip(titles, following, strict=True)
        if kinds is None or kind in kinds
    ]


@lru_cache(maxsize=1_024)  # a read asks it of each title line 3 to 5 times; standard titles recur across reports
def title_kind(text: str) -> TableKind | None:
    """``kind_of_title`` of a table's first line. Cached: each reader taking tables from their titles
    (overviews, stage streams, the basic spending table, tables not read) asks it of the same title
    lines again, and each time ``kind_of_title`` tries the titles the catalogue knows one by one."""
    return kind_of_title(compact(text))


def _extent(lines: list[SourceLine], begin: int, limit: int) -> int:
    """Index after the table's last line: up to the next title, the first sentence or line of
    prose (a heading right before it is the prose's), within the last page holding a figure."""
    end = begin
    last_figure_page: int | None = None
    found_figure = False
    while end < limit:
        text = lines[end].text
        if is_title(text) or _SENTENCE_MARK.search(text) is not None:
            break
        figures = table_figures(text)
        if not figures and len(compact(text)) > _CELL_MAX_CHARS:
            break
        if figures:
            found_figure = True
            last_figure_page = lines[end].page
        end += 1
    if (
        end < limit
        and end > begin
        and is_heading(lines[end - 1].text.strip())
        and not table_figures(lines[end - 1].text)
    ):
        end -= 1  # the heading of the prose that stopped the table
    if found_figure and last_figure_page is not None:
        while end > begin and lines[end - 1].page != last_figure_page:
            end -= 1  # pages after the table's last figure hold no part of it
    return end


@lru_cache(maxsize=4_096)  # each reader taking tables from their titles spans the same lines again
def table_figures(text: str) -> tuple[str, ...]:
    """The line's words that are a table's figures (a code written whole is not one)."""
    if not any(map(str.isdigit, text)):
        return ()
    words = [token.text for token in line_tokens(text, None, 0)]
    return tuple(word for word in words if is_figure(word) and not (word.isdigit() and len(word) in _CODE_LENGTHS))
