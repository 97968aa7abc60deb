"""Paragraphs of text hard-wrapped at a fixed width, as PDF text extractors write it.

``pdftotext``, pypdfium2 or pdfplumber write each printed line as a line of text: a paragraph is
cut wherever the page was full, often inside a word (``收入支`` / ``出总计``). A line is joined to
the next when it is full (within a few characters of the widest lines of the document), the
words do not end the paragraph there (``pdf_text.ends_paragraph``, the rule the PDF reader uses)
and it is not a heading. Page numbers and running headers (the same line at the top or bottom of
many pages) are dropped; a heading glued to the end of the line before it
(``…总体情况说明五、一般公共预算…``) is put on a line of its own. Each block keeps the page and
line of its first line and where every later source line starts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import groupby, pairwise
from operator import attrgetter

from budget_reports.extract.standard_tables.recognise import unit_of
from budget_reports.model import Block, BlockKind
from budget_reports.normalize import compact, display_width
from budget_reports.numbering import CHINESE_BRACKET, CHINESE_COMMA, PAGE_NUMBER, pattern_of
from budget_reports.readers.headings import is_heading, runs_on
from budget_reports.readers.interleaved_columns import LABEL_HEADER_WORDS
from budget_reports.readers.linear_rows import ends_with_figure
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.pdf_text import ends_paragraph, join_wrapped, running_key
from budget_reports.readers.table_headers import LAYOUTS

# A line this close to the widest lines (in display columns, a Chinese character is two) is full.
_RAGGED_COLUMNS = 8
# A paragraph's first line is set in by two characters, which an extractor does not write.
_INDENT_COLUMNS = 4
# Lines at least this wide count when finding the wrap width; shorter ones end paragraphs anyway.
_MIN_WRAP_COLUMNS = 30
# Text is taken as hard-wrapped when this share of its wide lines runs to the wrap width.
_WRAPPED_SHARE = 0.4
_COLUMN_GAP = re.compile(r"\S {3,}\S")
_FIRST_NUMBER = re.compile(r"\d+")
# A running header or footer repeats on at least this many pages (and this share of them).
_RUNNING_PAGES = 3
_RUNNING_SHARE = 0.3
_EDGE_LINES = 2  # lines at the top and bottom of a page where headers, footers and page numbers sit
# A standard table's header cells: one alone on a line at the top of every table page (科目编码) is the table's.
_HEADER_CELLS = frozenset({*LABEL_HEADER_WORDS, *(word for layout in LAYOUTS for word in layout.words)})
# An amount as tables print it (3,222,000 / 1,000.00 / 40.00): a line holding one is table content.
_AMOUNT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})(?![\d.,])")
_GLUED_HEADING = re.compile(rf"(?<=[说明况表。；])(?={pattern_of(CHINESE_COMMA, CHINESE_BRACKET)}[^，。；]{{2,30}}$)")


def furniture(lines: Sequence[SourceLine]) -> set[tuple[int | None, int]]:
    """(page, line) of page numbers and running headers/footers at the edges of pages."""
    # Only the lines near a page's edges are looked at: the lines are grouped as they come (page by
    # page), and each page's text lines are sought from its two ends.
    by_page: dict[int | None, list[SourceLine]] = {}
    for page, group in groupby(lines, key=_page_of):
        by_page.setdefault(page, []).extend(group)
    edge_lines = [edge for edge in map(_edge_lines, by_page.values()) if edge]
    if len(edge_lines) < 2:
        return set()
    # Each edge line with its running key, its page's lines near the edges and its index there (asked
    # whether it sits in a run of codes).
    edges = [
        (page_lines[index], running_key(page_lines[index].text), page_lines, index)
        for page_lines in edge_lines
        for index in _edge_indices(len(page_lines))
    ]
    keys = Counter(key for _, key, _, _ in edges)
    least = max(_RUNNING_PAGES, int(_RUNNING_SHARE * len(edge_lines)))
    # The last line of the page before each page's: a number opening a page may go on with its row.
    before = {page_lines[0].page: previous[-1] for previous, page_lines in pairwise(edge_lines)}
    numbers = _page_numbers(
        [
            (line, page_lines, index)
            for line, _, page_lines, index in edges
            if PAGE_NUMBER.match(line.text.strip()) and not _in_code_run(page_lines, index)
        ],
        before,
    )
    return {
        (line.page, line.line)
        for line, key, page_lines, index in edges
        if (line.page, line.line) in numbers
        # A unit line repeated over every table page (编制部门：… 单位：元) says what the figures under it are.
        or (
            keys[key] >= least
            and _has_words(line.text)
            and unit_of(line.text) is None
            # The last line of tables printed alike on several pages (the same 项 in the 收入预算总表,
            # 支出预算总表 and 一般公共预算支出功能分类预算表) is a row, not a running footer.
            and _AMOUNT.search(line.text) is None
            and compact(line.text) not in _HEADER_CELLS
        )
    }


_page_of = attrgetter("page")


def _edge_lines(page: list[SourceLine]) -> list[SourceLine]:
    """The page's text lines (not blank) that an edge line or its neighbour can be: the first and last
    ``_EDGE_LINES + 1`` of them (all when there are no more), in order. The ones between are never
    looked at, and the edge lines keep their places counted from either end."""
    near = _EDGE_LINES + 1
    head: list[SourceLine] = []
    k = 0
    while k < len(page) and len(head) < near:
        if page[k].text.strip():
            head.append(page[k])
        k += 1
    tail: list[SourceLine] = []
    m = len(page) - 1
    while m >= k and len(tail) < near:
        if page[m].text.strip():
            tail.append(page[m])
        m -= 1
    return [*head, *reversed(tail)]


def _edge_indices(count: int) -> list[int]:
    """The indices of a page's first and last ``_EDGE_LINES`` lines, each once."""
    return sorted({*range(count)[:_EDGE_LINES], *range(count)[-_EDGE_LINES:]})


def _page_numbers(
    candidates: list[tuple[SourceLine, list[SourceLine], int]], before: dict[int | None, SourceLine]
) -> set[tuple[int | None, int]]:
    """(page, line) of the bare numbers at pages' edges (each with its page's edge lines and its index
    there) that number their page, not figures of a table ending or opening there (``… 900 850 50``);
    ``before``: the last line of the page before each page.

    A page number runs with the pages: printed number minus page index is the same on the pages
    numbered alike (1, 2, 3 … from the first page, or from the first after a cover and contents). A
    number sharing that difference with another page's is a page number; where such runs exist, one
    sharing it with no other page breaks them and is a figure. A page has one number, printed where
    the other pages print theirs (the same edge, as far from it, in the same form): where two of its
    lines run with the pages (page 3 opening with a row's last cell 3), the one standing there is its
    number and the other a figure; a number standing elsewhere (the page's own lost, or printed
    apart) is not taken for one, nor are two that no place tells apart: kept, a figure among a
    table's rows is placed by the table's sums or reported ambiguous, never dropped unseen.
    Where the text holds no run (one numbered page, or none), a number is its page's unless it
    exceeds the page's index (a page number counts pages from the first) or continues the figures
    of the line before it (on the page before, for a page's first line)."""
    if not candidates:
        return set()
    values = [_number_value(line.text) for line, _, _ in candidates]
    pages_by_offset: dict[int, set[int]] = {}
    for (line, _, _), value in zip(candidates, values, strict=True):
        pages_by_offset.setdefault(value - (line.page or 0), set()).add(line.page or 0)
    runs = {offset for offset, pages in pages_by_offset.items() if len(pages) > 1}
    if not runs:
        return {
            (line.page, line.line)
            for (line, page_lines, index), value in zip(candidates, values, strict=True)
            if value <= (line.page or 0) and not _after_figures(page_lines, index, before.get(line.page))
        }
    in_run = [
        candidate
        for candidate, value in zip(candidates, values, strict=True)
        if value - (candidate[0].page or 0) in runs
    ]
    per_page = Counter(line.page for line, _, _ in in_run)
    places = Counter(_place(*candidate) for candidate in in_run if per_page[candidate[0].page] == 1)
    usual = {place for place, pages in places.items() if pages > 1}
    return {
        (line.page, line.line)
        for line, page_lines, index in in_run
        if (_place(line, page_lines, index) in usual if usual else per_page[line.page] == 1)
    }


def _place(line: SourceLine, page_lines: list[SourceLine], index: int) -> tuple[int, str]:
    """Where a page number stands on its page: its line counted from the nearer edge (0, 1 from the
    top; -1, -2 from the bottom) and its form (``-#-``, ``第#页``, ``#``)."""
    from_edge = index if 2 * index < len(page_lines) else index - len(page_lines)
    return from_edge, running_key(line.text)


def _number_value(text: str) -> int:
    """The page's own number in a line ``PAGE_NUMBER`` matched (``- 3 -``, ``第3页``, ``3/25`` → 3)."""
    match = _FIRST_NUMBER.search(text)
    assert match is not None, text  # PAGE_NUMBER holds a number
    return int(match.group(0))


def _after_figures(page_lines: list[SourceLine], index: int, before: SourceLine | None) -> bool:
    """Whether the line before the page's edge line ``index`` (``before``, the page before's last,
    for its first) ends with a figure: a bare number below it goes on with a table's row or column
    (its next cell, split from it at a page break), not the page's numbering."""
    previous = page_lines[index - 1] if index > 0 else before
    return previous is not None and ends_with_figure(previous.text)


def _in_code_run(page_lines: list[SourceLine], index: int) -> bool:
    """A bare number next to a bare number of the same width: a table column written as a run of
    codes (pdftotext's default mode starts a page with ``208`` / ``210`` …), not a page number."""
    text = page_lines[index].text.strip()
    if not text.isdigit() or len(text) < 2:
        return False  # a code (类 208, 款 or 项 part 05) has two digits at least
    neighbours = (page_lines[j].text.strip() for j in (index - 1, index + 1) if 0 <= j < len(page_lines))
    return any(other.isdigit() and len(other) == len(text) for other in neighbours)


def _has_words(text: str) -> bool:
    """A running header says something (a title, a department); a bare figure or code is table content."""
    return any(c.isalpha() for c in text)


def wrap_width(lines: Sequence[SourceLine]) -> int | None:
    """The width the text was wrapped at, or None when it was not hard-wrapped.

    Where pages of tables whose cells hold long text (self-evaluation tables) outnumber the pages
    of prose, their cells' lines hide the prose's width: it is then read from the pages that are
    hard-wrapped on their own."""
    width = _wrapped_at(lines)
    if width is not None:
        return width
    by_page: dict[int | None, list[SourceLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    if len(by_page) < 2:
        return None
    wrapped = [line for page_lines in by_page.values() if _wrapped_at(page_lines) for line in page_lines]
    return _wrapped_at(wrapped) if wrapped else None


def _wrapped_at(lines: Sequence[SourceLine]) -> int | None:
    # Lines spread out in columns (pdftotext -layout tables) are not prose: their width says nothing.
    stripped = [line.text.strip() for line in lines]
    texts = [text for text in stripped if "   " not in text or not _COLUMN_GAP.search(text)]
    wide = sorted(w for w in map(display_width, texts) if w >= _MIN_WRAP_COLUMNS)
    if not wide:
        return None
    width = wide[int(0.9 * (len(wide) - 1))]
    full = sum(1 for w in wide if w >= width - _RAGGED_COLUMNS)
    return width if full >= _WRAPPED_SHARE * len(wide) else None


def split_glued_headings(text: str) -> list[str]:
    """``…情况说明五、一般公共预算财政拨款支出决算情况说明`` → the sentence, then the heading."""
    if "、" not in text and "（" not in text:
        return [text]  # no numbered heading in the line (most lines stop here)
    parts = _GLUED_HEADING.split(text, maxsplit=1)
    return [p for p in parts if p]


def paragraph_blocks(lines: Sequence[SourceLine], width: int | None) -> list[Block]:
    """Blocks of prose lines (one page or several): headings alone, wrapped lines joined."""
    # The pieces of text (a line, or a heading split off it) and the line each comes from.
    sources: list[SourceLine] = []
    texts: list[str] = []
    # Whether each piece's line comes right after the previous piece's: no blank line, table or
    # dropped line between them, or the line was put back below the one it continues across the blank
    # lines its raise left (``follows``). Source line numbers cannot tell: a line may have taken in
    # the line below it (``lifted_numbers``).
    adjacent: list[bool] = []
    # Whether one blank line alone stands between the piece and the previous one: text that writes a
    # page's text boxes apart (pdfminer) ends each box with one, and a paragraph's indented first line
    # is often a box of its own. Such a piece continues the previous one only where a wrapped line
    # would (``_continues``: the line before it runs to the width and ends no sentence), and where
    # neither line sets words apart by runs of spaces (a table's row laid out in columns, as
    # ``pdftotext -layout`` writes one a blank line below the other).
    across_blank: list[bool] = []
    before: SourceLine | None = None  # the line before this one
    last_text: SourceLine | None = None  # the last line holding text
    blanks = 0  # blank lines since it
    for line in lines:
        text = line.text.strip()
        if text:
            after = bool(sources) and (sources[-1] is before or line.follows)
            one_blank = (
                not after
                and blanks == 1
                and bool(sources)
                and sources[-1] is last_text
                and _COLUMN_GAP.search(text) is None
                and _COLUMN_GAP.search(texts[-1]) is None
            )
            parts = split_glued_headings(text)
            if len(parts) == 1:  # most lines: no heading glued to them
                adjacent.append(after)
                across_blank.append(one_blank)
                sources.append(line)
                texts.append(parts[0])
            else:
                adjacent += [after] + [True] * (len(parts) - 1)
                across_blank += [one_blank] + [False] * (len(parts) - 1)
                sources += [line] * len(parts)
                texts += parts
            last_text, blanks = line, 0
        else:
            blanks += 1
        before = line
    blocks: list[Block] = []
    count = len(texts)
    i = 0
    while i < count:
        first = sources[i]
        j = i
        if width is not None:  # else not wrapped text: every piece is a block of its own
            while (
                j + 1 < count
                and (adjacent[j + 1] or across_blank[j + 1])
                and _continues(sources[j], texts[j], sources[j + 1], texts[j + 1], width, j == i)
            ):
                j += 1
        if j == i:
            text, line_starts = texts[i], ()
        else:
            text, starts = join_wrapped(texts[i : j + 1])
            line_starts = tuple(starts)
        kind = BlockKind.HEADING if is_heading(text) else BlockKind.PARAGRAPH
        blocks.append(Block(kind, text, first.page, first.line, line_starts=line_starts))
        i = j + 1
    return blocks


def _continues(line: SourceLine, text: str, next_line: SourceLine, next_text: str, width: int, first: bool) -> bool:
    if line is next_line:
        return False  # a heading split off its line
    if next_line.page != line.page or (next_line.line <= line.line and not next_line.follows):
        return False  # another page (as the PDF reader); a line put back below the one it continues follows it
    if text.rstrip().endswith("、") and next_text.strip():
        # An enumeration comma ends no sentence: its list runs on, in a narrow cell too, even where the next
        # line opens with what reads as an item's number (清明、五一、 / 十一、元旦; 6、 / 9、11月).
        return True
    if display_width(text) < width - _RAGGED_COLUMNS - (_INDENT_COLUMNS if first else 0):
        return False  # the line stops short of the width: it ends its paragraph (checked first: cheapest)
    heading = is_heading(text) and not runs_on(text)
    return not (heading or ends_paragraph(text, next_text) or not compact(next_text))
