"""The pages of a PDF's text that marks none, found from the page numbers the report prints.

Text copied from a browser's PDF viewer (Firefox's pdf.js "select all") joins the pages with a
line end: no form feed says where one ends. The page numbers the report prints still stand alone
on a line at each page's edge (pdf.js writes a footer where the page draws it, often last, some
typesetters first), numbering the pages in order. The text is cut after each such line (before
it, where the text opens with one): each page's lines then come together, the page number at its
edge, and the readers treat the text as a paged one (running page furniture dropped, tables
continued over a page with their header repeated, evidence by page and line).

What counts as a printed page number, so that no line of a table or of prose is taken for one:
- a decorated number (``- 3 -``, ``— 3 —``, ``第3页``, ``第 3 页 共 25 页``, ``3/25``): the longest run
  of such lines numbering pages in order (each greater than the one before, or a part numbered anew
  from 1), at least two of them, the lines out of that order a few (one for four numbers at most);
- where the text prints no decorated number, bare numbers (``3``) alone on a line: only a run of
  at least three counting up by one, each at least ``_MIN_PAGE_LINES`` lines after the one before
  (a page's worth of text, not a column of a table's 行次 or codes written one cell per line), the
  first no greater than the pages the lines before it can hold (not class codes ``301``, ``302``,
  ``303`` on lines of their own) and none following a line that ends with a figure (a table's next cell).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from budget_reports.normalize import compact
from budget_reports.readers.linear_rows import ends_with_figure
from budget_reports.readers.printed_numbers import is_page_number

_BARE = re.compile(r"\d{1,3}")  # a page count, never a year (2024 alone on a cover line)
_NUMBER = re.compile(r"\d+")
# Bare page numbers are this many lines apart at least (the shortest page of a report's body).
_MIN_PAGE_LINES = 12
_MIN_BARE_RUN = 3
_MIN_DECORATED = 2
_RESTART_MAX = 2  # a numbering starting again starts at 1 (or 2, after an unnumbered cover)
_MAX_SEARCHED = 2_000
_STRAYS_PER_NUMBER = 4  # at most one line out of order per four page numbers


def printed_pages(lines: list[str]) -> list[list[str]]:
    """``lines`` cut into pages at the page numbers they print; ``[lines]`` where they print none.
    The pages together are ``lines``, in order (blank lines before the first text or after the last
    stay with the page beside them), so a page's line n is found again in the whole text."""
    breaks = _page_number_lines(lines)
    if not breaks:
        return [lines]
    texts = [i for i, text in enumerate(lines) if text.strip()]
    first_text, last_text = texts[0], texts[-1]
    # The number opening the text stands at the top of its page: every number then opens its page.
    cut_before = breaks[0] == first_text
    cuts = [cut for i in breaks if first_text < (cut := i if cut_before else i + 1) <= last_text]
    return [lines[start:end] for start, end in zip([0, *cuts], [*cuts, len(lines)], strict=True)]


def _page_number_lines(lines: list[str]) -> list[int]:
    """Indices of the lines that print the pages' numbers, in order; empty where none is sure."""
    decorated = [(i, _value(text)) for i, text in enumerate(lines) if _is_decorated(text)]
    if decorated:
        numbering = _in_order([value for _, value in decorated])
        # A few lines out of order are something else (a cell printing ``3/25``); more, and the lines
        # number nothing the reader can trust.
        strays = len(decorated) - len(numbering)
        if len(numbering) >= _MIN_DECORATED and strays * _STRAYS_PER_NUMBER <= len(numbering):
            return [decorated[k][0] for k in numbering]
        return []
    return _bare_run(lines)


def _in_order(values: list[int]) -> list[int]:
    """The indices of the longest run of ``values`` that numbers pages in order: each greater than the
    one before, or a part of the report numbered anew from its first pages (a self-evaluation report
    appended to the final account). Beyond ``_MAX_SEARCHED`` lines (no report has so many pages; a
    hostile file may), only all of them in order is a run: the search is quadratic."""
    if len(values) > _MAX_SEARCHED:
        in_order = all(a < b or b <= _RESTART_MAX for a, b in pairwise(values))
        return list(range(len(values))) if in_order else []
    longest = [1] * len(values)  # the longest such run ending at each value
    before = [-1] * len(values)
    for k, value in enumerate(values):
        for j in range(k):
            if (values[j] < value or value <= _RESTART_MAX) and longest[j] + 1 > longest[k]:
                longest[k], before[k] = longest[j] + 1, j
    k = max(range(len(values)), key=longest.__getitem__)
    run = []
    while k != -1:
        run.append(k)
        k = before[k]
    return run[::-1]


def _is_decorated(text: str) -> bool:
    """A page number set off by dashes on both sides or worded (第…页, …/total): never a table's cell, a
    list number or a dash for an empty cell before a figure (``- 2500``)."""
    return is_page_number(compact(text))


def _bare_run(lines: list[str]) -> list[int]:
    """The longest run of bare numbers counting pages (see the module's rules), or empty."""
    at: dict[int, list[int]] = {}  # each bare number's lines, in order
    for i, text in enumerate(lines):
        stripped = text.strip()
        if _BARE.fullmatch(stripped) and not _after_figure(lines, i):
            at.setdefault(int(stripped), []).append(i)
    best: list[int] = []
    in_a_run: set[int] = set()
    for value, starts in sorted(at.items()):
        for start in starts:
            if start in in_a_run:
                continue  # a run through it was followed from an earlier number
            run = [start]
            while (following := at.get(value + len(run))) is not None:
                k = bisect_left(following, run[-1] + _MIN_PAGE_LINES)
                if k == len(following):
                    break
                run.append(following[k])
            in_a_run.update(run)
            if len(run) > len(best) and _could_number_its_page(value, start):
                best = run
    return best if len(best) >= _MIN_BARE_RUN else []


def _could_number_its_page(value: int, index: int) -> bool:
    """Whether a text's lines up to ``index`` hold pages enough to print ``value`` there: at most one
    page per ``_MIN_PAGE_LINES`` lines before it, the unnumbered ones at its start too. Economic class
    codes alone on their lines (``301`` … ``302`` … ``303``, rows of the 基本支出 table written a cell per
    line) count up by one far apart, but stand where no 301st page can."""
    return value <= index // _MIN_PAGE_LINES + 1 + _RESTART_MAX


def _after_figure(lines: list[str], index: int) -> bool:
    """Whether the text line before ``index`` ends with a figure: a bare number there is a table's cell."""
    return ends_with_figure(next((lines[j] for j in range(index - 1, -1, -1) if lines[j].strip()), ""))


def _value(text: str) -> int:
    match = _NUMBER.search(text)
    assert match is not None, text  # every page number holds one
    return int(match.group(0))
