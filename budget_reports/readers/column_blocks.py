"""Tables that ``pdftotext`` (default mode) wrote column by column, rebuilt into rows.

Without ``-layout`` or ``-raw``, pdftotext follows the page's text blocks: a tightly set table
comes out column by column. The 类 codes come as a run, the 款 and 项 parts as runs (class by
class, or every 款 before every 项), then the names (a name wrapped in its cell on two lines),
then each money column as runs of figures, a blank line wherever the column had empty cells; or
the labels row by row (``201 06 01 行政运行``) and the figures still by column. A table over
two pages comes out as two sets of runs, the second page's first rows going on with a 类 or 款
the first page opened; its last page may hold its 合计 row alone (``total_row_alone``). Each page
is rebuilt on its own, its rows keeping every placement of their figures their own sums allow; the
table's rows, all pages together, are then narrowed by the table's sums (合计 = the 类, column by
column): a row printing two equal figures (合计 and 基本支出, or 合计 and 项目支出) on the first page
is told by the 合计 row on the last.

A fully ruled table comes out cell by cell instead: codes printed whole beside their names
(``whole_codes``), or every row's 类 | 款 | 项 parts on lines one after the other, or each level's
part printed once, on its own row (``split_codes``).
A table in 元 may print its figures whole (``6397096``): a whole number alone on its line is then a
bare cell like a code, told from one by where it stands and what the table's codes are
(``whole_codes``), and a 栏次 row's numbers (1, 2, 3 …) are no figures.

Each 类 code is a row; the 款/项 parts follow (a 类's rows after its own line each print a 款
part, and each 款's rows after its own a 项 part), every split of the part runs between the two
columns tried; wrapped names are joined where the classification reference names the row's code.
Each run of figures is placed in a column and at a row so that every row keeps the table's sums
(合计 = 基本支出 + 项目支出 …). A row whose figures are the same in every placement keeps the
placements' columns as candidates (the table's hierarchy and the report's other tables settle
them); a figure placed in different rows is reported ambiguous. A page whose labels or runs fit
several ways (or none) gives no row, and one whose placed figures break the 项 → 款 → 类 → 合计
sums (a run that joined two columns' cells) its rows without figures; either way each of its
figures is reported ambiguous: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations, groupby
from math import comb

from budget_reports.classification.reference import EDITIONS, FUNCTION, edition
from budget_reports.classification.resolver import MATCH_ORDER, Match, match_kind
from budget_reports.extract.standard_tables.common import is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import adds_up, compact, printed_step
from budget_reports.readers.block_words import BARE_FIGURE as _FIGURE
from budget_reports.readers.block_words import CLASS_CODE as _CLASS
from budget_reports.readers.block_words import CODE_PART as _PART
from budget_reports.readers.block_words import figure_value
from budget_reports.readers.cell_assignment import RowFigures, row_candidates
from budget_reports.readers.code_names import known_names
from budget_reports.readers.dashed_rows import dashed_rows
from budget_reports.readers.interleaved_columns import (
    LABEL_HEADER_WORDS,
    PlacedRow,
    code_readings,
    name_lines,
    place_streams,
)
from budget_reports.readers.late_cells import place_late_cells
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.printed_numbers import is_page_number, opens_column_numbers
from budget_reports.readers.row_streams import place_cells
from budget_reports.readers.split_codes import joined_codes, levels_once_codes
from budget_reports.readers.table_headers import HeaderLayout, LabelKind, Side, match_layout
from budget_reports.readers.whole_codes import whole_code_rows

_MAX_SOLUTIONS = 500
_MAX_TRIALS = 20_000  # placements tried per page before giving up
_MAX_JOININGS = 2_000  # ways of joining wrapped names tried per page
_FULL_NAME = (Match.EXACT, Match.SHORTENED, Match.ALIAS)
_SAME_NAME = (*_FULL_NAME, Match.TRUNCATED)
_MIN_FIGURE_LINES = 4  # a page with fewer figures says nothing of how its table was written
_MAX_PART_RUNS = 10  # runs of 款/项 parts per page split between the two columns every way
_LABEL_COLUMNS = 3  # a 栏次 row may number the code and name columns too


# Never changed once made, but not frozen: a frozen dataclass's ``__init__`` sets each field through
# ``object.__setattr__`` (3x the cost: ~880 against ~280 ns here), and the stream readers make one per
# line and per word of the tables they read. Hashed by its fields as a frozen one (``unsafe_hash``):
# lines are keys of the placements tried.
@dataclass(slots=True, unsafe_hash=True)
class BlockLine:
    text: str
    page: int | None
    line: int
    # The line as printed where the text reader dropped its empty cells' dashes (``2,940.05 -``),
    # else None: no part of what the line is equal to (``dashed_rows`` reads it, nothing else).
    printed: str | None = field(default=None, compare=False)


def is_column_block_page(lines: list[BlockLine]) -> bool:
    """A page of a table written column by column: runs of bare codes and of bare figures (the
    labels may be written row by row, ``201 06 01 行政运行``, the figures still by column)."""
    texts = [compact(line.text) for line in lines if line.text.strip()]
    # A whole number alone on its line is a bare cell too (a code, or a figure a table in 元 prints whole).
    # A bare figure prints a separator or decimals, a whole number neither: the two counts never
    # overlap, each made without a Python step per line (every page of a text is asked).
    bare = sum(map(str.isdigit, texts)) + len(list(filter(None, map(_FIGURE.match, texts))))
    if len(texts) > 4 and bare * 2 >= len(texts):
        return True
    # Every line holding a figure holds it alone: the first that does not ends the question.
    with_figures = 0
    for line in lines:
        words = line.text.split()
        if _is_whole_number(words) or any(_FIGURE.match(w) for w in words):
            if len(words) != 1:
                return False
            with_figures += 1
    return with_figures >= _MIN_FIGURE_LINES


def _is_whole_number(words: list[str]) -> bool:
    """A line holding one whole number alone: a code, or a figure printed without a separator."""
    return len(words) == 1 and words[0].isdigit()


def _without_column_numbers(page: list[BlockLine], width: int) -> list[BlockLine]:
    """The page without its 栏次 row's numbers (1, 2, 3 … under the money columns), written one to a
    line among the header's cells: whole numbers alone on their line that no table in 元 must take
    for figures. Only where the page prints 栏次 (行次), each number's first line, from 1 up while
    they run on (at most one per column and the label columns')."""
    if not any(opens_column_numbers(line.text) for line in page):
        return page
    first: dict[str, int] = {}
    for k, line in enumerate(page):
        first.setdefault(compact(line.text), k)
    numbers = []
    while len(numbers) < width + _LABEL_COLUMNS and str(len(numbers) + 1) in first:
        numbers.append(first[str(len(numbers) + 1)])
    dropped = set(numbers)
    return [line for k, line in enumerate(page) if k not in dropped]


def _page_figures(page: list[BlockLine], in_yuan: bool) -> list[BlockLine]:
    """The figures of a page no row was rebuilt from, to report: its bare figures, and in a table in 元
    its whole numbers alone on their line that no classification knows as a code; a line of several
    figures gives each (``cells_apart``)."""
    return [
        line
        for line in cells_apart(page)
        if _FIGURE.match(key := compact(line.text)) or (in_yuan and key.isdigit() and not known_names(key))
    ]


def rebuild_pages(
    pages: list[list[BlockLine]], layout: HeaderLayout, in_yuan: bool
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """Rows of a table written column by column over several pages (the title's page first), and the
    figures no row can be sure of; None when no page can be rebuilt. A page whose blocks do not fit
    together gives no row: each of its figures is reported ambiguous (any column, row unknown).
    ``in_yuan``: the table's unit line says 元 (it may stand on the page before the table's, with
    its title), where figures may be printed whole."""
    if not _is_coded(layout):
        return None  # ``rebuild`` reads no page of it: nothing to work out page by page
    rows: list[tuple[Segment, RowFigures]] = []
    ambiguous: list[AmbiguousCell] = []
    carried: Sequence[str] | None = ()
    read_any, read_all = False, True
    orders = _printed_orders(pages[0], layout.sides[0])  # the header is printed on the title's page
    for printed in pages:
        alone = total_row_alone(printed, layout, orders)
        if alone is not None:  # the table's last page, its 合计 row alone: placed with the table's rows
            read_any = True
            rows.append(alone)
            continue
        page = _without_column_numbers(printed, len(layout.sides[0].money))
        options = [carried] if carried is not None else _carried_options(page)
        attempts = [a for a in (rebuild(page, layout, option, orders, in_yuan) for option in options) if a is not None]
        if len(attempts) > 1:  # several ways to go on with the codes of the page before
            attempts = [a for a in attempts if _confirmed([segment for segment, _ in a[0] if segment.code])]
        rebuilt = attempts[0] if len(attempts) == 1 else None
        if rebuilt is None:
            ambiguous += [_unplaced(line, layout.sides[0]) for line in _page_figures(page, in_yuan)]
            carried = None  # the next page's first rows may continue codes this page opened
            read_all = False
            continue
        read_any = True
        rows += rebuilt[0]
        ambiguous += rebuilt[1]
        codes = [segment.code for segment, _ in rebuilt[0] if segment.code]
        carried = [compact(t.text) for t in codes[-1]] if codes else carried
    if not read_any:
        return None
    # A run of figures may join two columns' cells (an empty cell's neighbour in the next column
    # written under it): rows still add up, the hierarchy does not. Pages breaking it are not trusted.
    doubtful = _pages_breaking_sums(rows, len(layout.sides[0].money), with_total=read_all)
    for index, (segment, _) in enumerate(rows):
        if {t.page for t in (*segment.name, *segment.figures)} & doubtful:
            ambiguous += [_unplaced(BlockLine(t.text, t.page, t.line), layout.sides[0]) for t in segment.figures]
            segment.figures = []
            rows[index] = (segment, RowFigures((), [()]))
    return rows, ambiguous


def total_row_alone(
    page: list[BlockLine], layout: HeaderLayout, orders: tuple[tuple[int, ...], ...] | None = None
) -> tuple[Segment, RowFigures] | None:
    """The 合计 row of a page going on with a coded table that prints no other row (a table's last
    page may hold its total alone, under its header printed again or not), with the placements of
    its figures its own sums allow in each order the columns may be printed in (``orders``, the
    layout's by default); None for any other page. The page prints no code, no name but the total's,
    pieces of the header's cells at most (the title page's layout), and no more figures than columns."""
    if not _is_coded(layout):
        return None
    side = layout.sides[0]
    width = len(side.money)
    page = _without_column_numbers(page, width)
    # The header's cells, any of them wrapped over lines (``基本支`` / ``出``): each line a piece of them.
    header = "\n".join(sorted({*layout.words, *LABEL_HEADER_WORDS, *(word for path in side.money for word in path)}))
    figures: list[BlockLine] = []
    totals: list[BlockLine] = []
    words: list[BlockLine] = []  # the header printed again
    for line in cells_apart(page):
        key = compact(line.text)
        if not key or is_page_number(key):
            continue
        if key.isdigit() and known_names(key):
            return None  # a code alone on its line (its name on another): a row of its own
        if _FIGURE.match(key) or key.isdigit():
            figures.append(line)
        elif is_total(key):
            totals.append(line)
        elif any(c.isdigit() for c in key) or key not in header:
            return None  # a code beside a name, a row's name, a note: not the total alone
        else:
            words.append(line)
    header_totals = sum(is_total(compact(path[-1])) for path in side.money) if words else 0
    if not figures or len(figures) > width or len(totals) != header_totals + 1:
        return None
    if words and match_layout(" ".join(line.text for line in [*totals, *words])) != layout:
        return None
    name = totals[-1]  # the header's own total cell comes first, over its column
    values = tuple(figure_value(line.text) for line in figures)  # bare figures or whole numbers
    candidates: dict[tuple[int, ...], None] = {}
    for order in orders or (tuple(range(width)),):
        at = {column: k for k, column in enumerate(order)}  # each column's place as printed
        printed_sums = [(at[total], tuple(at[p] for p in parts)) for total, parts in side.sums]
        for placement in row_candidates(values, width, printed_sums).candidates:
            candidates[tuple(order[k] for k in placement)] = None
    segment = Segment()
    segment.name = [Token(name.text.strip(), name.page, name.line)]
    segment.figures = [Token(line.text.strip(), line.page, line.line) for line in figures]
    return segment, RowFigures(values, list(candidates))


def _is_coded(layout: HeaderLayout) -> bool:
    """A one-sided table of coded rows: the only kind written column by column that is rebuilt."""
    return len(layout.sides) == 1 and layout.sides[0].label is LabelKind.CODED


def _pages_breaking_sums(rows: list[tuple[Segment, RowFigures]], width: int, with_total: bool) -> set[int | None]:
    """Pages holding a parent and its children (项 → 款 → 类, 类 → the total when ``with_total``), all
    placed, whose columns do not add up (beyond rounding)."""
    placed = {  # a row left without figures (its own unplaced) is unknown, not zero
        i: figures.vector(figures.candidates[0], width)
        for i, (_, figures) in enumerate(rows)
        if len(figures.candidates) == 1 and figures.values
    }
    coded = [(compact(segment.code_text), i) for i, (segment, _) in enumerate(rows) if segment.code]
    # A row's children are the rows whose code is its own and one part more (two digits): gathered
    # by that parent code in one pass, not by testing every row against every other.
    children_of: dict[str, list[int]] = {}
    for c, j in coded:
        if len(c) >= 2:
            children_of.setdefault(c[:-2], []).append(j)
    groups = [(i, children_of.get(code, [])) for code, i in coded]
    if with_total:
        classes = [j for c, j in coded if len(c) == 3]
        totals = [i for i, (segment, _) in enumerate(rows) if not segment.code and is_total(compact(segment.name_text))]
        groups += [(i, classes) for i in totals]
    doubtful: set[int | None] = set()
    for parent, children in groups:
        members = [parent, *children]
        if not children or not all(m in placed for m in members):
            continue
        for col in range(width):
            if not adds_up([placed[c][col] for c in children], placed[parent][col]):
                segments = [rows[m][0] for m in members]
                doubtful |= {t.page for segment in segments for t in (*segment.name, *segment.figures)}
    return doubtful | _pages_breaking_known_columns(rows, groups, width)


def _pages_breaking_known_columns(
    rows: list[tuple[Segment, RowFigures]], groups: list[tuple[int, list[int]]], width: int
) -> set[int | None]:
    """Pages a parent and its children break the sums on, in the columns where every placement left
    to each of them puts the same figure (a row whose 基本支出 and 项目支出 stay open still has its 合计):
    a 合计 row given another row's figure, its rows written on the page before, is found so. Only
    children adding up to more than their parent break it (rows a page's runs did not give leave them
    short, not over). A group over several pages blames the pages no group of one page confirms (the
    page before, whose own classes add up to their 款 and 项, is not doubted for the last page's
    misread rows)."""
    known = [_columns_known(figures, width) for _, figures in rows]
    confirmed: set[int | None] = set()
    breaking: list[set[int | None]] = []
    for parent, children in groups:
        members = [parent, *children]
        columns = [col for col in range(width) if children and all(col in known[m] for m in members)]
        if not columns:
            continue
        pages = {t.page for m in members for t in (*rows[m][0].name, *rows[m][0].figures)}
        sums = [([known[c][col] for c in children], known[parent][col]) for col in columns]
        if all(adds_up(parts, total) for parts, total in sums):
            if len(pages) == 1:
                confirmed |= pages
        elif any(not adds_up(parts, total) and sum(parts) > total for parts, total in sums):
            breaking.append(pages)
    return {page for pages in breaking for page in (pages - confirmed or pages)}


def _columns_known(figures: RowFigures, width: int) -> dict[int, Decimal]:
    """Column -> figure, for the columns where every placement left puts the same figure (an empty
    cell is 0); none for a row placed nowhere."""
    if not figures.values or not figures.candidates:
        return {}
    first, *others = [figures.vector(placement, width) for placement in figures.candidates]
    return {col: first[col] for col in range(width) if all(v[col] == first[col] for v in others)}


def _carried_options(page: list[BlockLine]) -> list[tuple[str, ...]]:
    """What the unread page before may have left open: nothing, the page's first 类, or that 类 with
    one of the 款 parts its first rows print (in the page's first two runs of parts, whichever
    order the extractor wrote the 款 and 项 runs in)."""
    first_class = next((compact(line.text) for line in page if _CLASS.match(compact(line.text))), None)
    if first_class is None:
        return [()]
    parts = dict.fromkeys(compact(line.text) for run in _runs_of(page, _PART)[:2] for line in run)
    return [(), (first_class,), *((first_class, part) for part in parts)]


def _unplaced(line: BlockLine, side: Side) -> AmbiguousCell:
    return unplaced_figure(line, side.money)


def unplaced_figure(line: BlockLine, columns: Sequence[tuple[str, ...]]) -> AmbiguousCell:
    """A figure whose row is unknown, reported with the columns (header paths) it may be in."""
    return AmbiguousCell(
        page=line.page,
        line=line.line,
        figure=line.text.strip(),
        row=f"第{line.page}页（所在行无法确定）" if line.page is not None else "（所在行无法确定）",
        candidates=tuple("/".join(path) for path in columns),
        snippet=line.text.strip(),
    )


def rebuild(
    lines: list[BlockLine],
    layout: HeaderLayout,
    carried: Sequence[str] = (),
    orders: tuple[tuple[int, ...], ...] | None = None,
    in_yuan: bool = False,
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """Rows of one page of a one-sided coded table, and the figures no row can be sure of; None
    when the page's blocks do not fit together.

    ``carried`` is the code (类, 款, 项 parts) of the last row of the page before, for a page
    continuing a table: its first rows may belong to a 类 or 款 opened there.

    A row whose figures are the same lines in every placement keeps each placement's columns as a
    candidate (the report's other tables may settle it); a figure placed in different rows by
    different placements is reported ambiguous. ``orders``: the orders the money columns may be
    printed in (``_printed_orders``; by default, what this page's header tells); ``in_yuan``: the
    table is in 元 (its unit line, on the title's page)."""
    if not _is_coded(layout):
        return None
    side = layout.sides[0]
    orders = orders if orders is not None else _printed_orders(lines, side)
    labels = _labels_by_row(lines, layout) or _labels_by_column(lines, layout, carried)
    if labels is None or (in_yuan and _whole_numbers_left(lines, labels[1])):
        return _rebuild_interleaved(lines, layout, carried, in_yuan)
    names, codes = labels
    dashed = dashed_rows(lines, len(names), side, orders, _row_codes(names, codes))
    solutions = (
        [_solution_of(dashed)]
        if dashed is not None
        else _placements(tuple(map(tuple, _figure_blocks(lines))), len(names), side, orders)
    )
    if not solutions:
        return _rebuild_interleaved(lines, layout, carried, in_yuan)
    cells_of_lines = _cells_of_lines(solutions)
    by_row = _figures_by_row(solutions, len(names))
    # A row whose lines differ between solutions keeps the figures every solution puts in one cell.
    settled = [(line, *next(iter(cells))) for line, cells in cells_of_lines.values() if len(cells) == 1]
    for r in range(len(names)):
        if r not in by_row:
            by_row[r] = [sorted(((line, col) for line, row, col in settled if row == r), key=lambda f: f[1])]
    placed_lines = {id(line) for figures in by_row.values() for line, _ in figures[0]}
    ambiguous = [
        _ambiguity(line, cells, names, side) for line, cells in cells_of_lines.values() if id(line) not in placed_lines
    ]
    rows = []
    code_of = iter(codes)
    for r, name in enumerate(names):
        segment = Segment()
        if not is_total(compact(name.text)):
            segment.code = [Token(part.text.strip(), part.page, part.line) for part in next(code_of)]
        segment.name = [Token(name.text.strip(), name.page, name.line)]
        placements = by_row.get(r, [[]])
        segment.figures = [Token(line.text.strip(), line.page, line.line) for line, _ in placements[0]]
        values = tuple(figure_value(line.text) for line, _ in placements[0])
        candidates = list(dict.fromkeys(tuple(col for _, col in figures) for figures in placements))
        rows.append((segment, RowFigures(values, candidates)))
    return rows, ambiguous


def _solution_of(rows: dict[int, PlacedRow]) -> Solution:
    """The rows placed by their dashes as the one placement of the page's figures."""
    return {
        (r, column): line for r, row in rows.items() for line, column in zip(row.lines, row.candidates[0], strict=True)
    }


def _whole_numbers_left(lines: list[BlockLine], codes: list[list[BlockLine]]) -> bool:
    """Whether the page prints a whole number alone on its line that is none of the rows' code parts:
    in a table in 元, a figure printed without a separator (``6397096``), which the runs of figures
    (separators or decimals) leave out. Labels read without it place none of those figures: the
    page is read as streams, where whole codes and whole figures are told apart (``whole_codes``)."""
    parts = {(part.page, part.line) for code in codes for part in code}
    return any(compact(line.text).isdigit() and (line.page, line.line) not in parts for line in lines)


def _rebuild_interleaved(
    lines: list[BlockLine], layout: HeaderLayout, carried: Sequence[str], in_yuan: bool = False
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """Rows of a page whose columns come as interleaved streams (``interleaved_columns``): the one
    reading of the codes the names confirm, and the figures every placement of the runs agrees on;
    None when the labels read several ways or none, or no placement fits. ``in_yuan``: the table is
    in 元, where a whole number alone on its line may be a figure (``whole_codes``)."""
    side = layout.sides[0]
    fitting = _stream_labels(lines, layout, carried)
    if len(fitting) > 1:
        return None
    if fitting:
        rebuilt = _rows_placed(lines, side, *fitting[0])
        if rebuilt is not None:
            return rebuilt
        # Codes in 类 | 款 | 项 columns, each row printing every part: its parts read as streams fit
        # no placement; the codes they spell, whole, may.
        return _joined_code_rows(lines, layout, carried, in_yuan)
    # Codes printed whole beside their names (budget tables), or in 类 | 款 | 项 columns.
    whole = _whole_labels(lines, layout, carried, in_yuan)
    if whole is not None:
        rebuilt = _rows_placed(lines, side, *whole, whole_codes=True)
        if rebuilt is not None:
            return rebuilt
    # The codes printed whole may be only the 类 rows' (``301 工资福利支出``), their 款 and 项 rows'
    # parts printed apart (``301 | 01 基本工资``): the codes the parts spell may place the figures.
    return _joined_code_rows(lines, layout, carried, in_yuan)


def _joined_code_rows(
    lines: list[BlockLine], layout: HeaderLayout, carried: Sequence[str], in_yuan: bool
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """The rows read by the whole codes each row's 类 | 款 | 项 parts spell, or its level's part printed
    once completes (``split_codes``); None where the page prints no such parts or they give no rows."""
    joined = joined_codes(lines, carried)
    whole = _whole_labels(joined, layout, carried, in_yuan) if joined is not None else None
    if whole is None:
        # A 项 part written late, after the next class (``210 11`` twice, ``212``, ``01``), spells a
        # code of the page with that class too: read as the late part where that reading alone
        # gives every name its code.
        late = joined_codes(lines, carried, late_parts=True)
        whole = _whole_labels(late, layout, carried, in_yuan) if late is not None and late != joined else None
    if whole is not None:
        return _rows_placed(lines, layout.sides[0], *whole, whole_codes=True, late=False)
    # Each level's part printed once, on its own row (``208`` / ``05`` / ``01 行政单位离退休``). Read
    # only where every name took its code: the cells written late (a class's 项目支出 after the
    # total's row) are looked for there.
    once = levels_once_codes(lines, carried)
    whole = _whole_labels(once, layout, carried, in_yuan) if once is not None else None
    return _rows_placed(lines, layout.sides[0], *whole, whole_codes=True) if whole is not None else None


def _stream_labels(lines: list[BlockLine], layout: HeaderLayout, carried: Sequence[str]) -> list[Labels]:
    """Each reading of the codes' streams (``interleaved_columns``) whose names are the codes' own."""
    printed = name_lines(lines, layout)
    fitting = []
    for codes in code_readings(lines, carried):
        code_texts = [compact("".join(part.text for part in code)) for code in codes]
        names = _joined_names([BlockLine(n.text, n.page, n.line) for n in printed], code_texts)
        rows = [name for name in names or [] if not is_total(compact(name.text))]
        # Any split of the parts may give ascending codes: the names must be the codes' own.
        if names is not None and all(_fits(name, code) for name, code in zip(rows, code_texts, strict=True)):
            fitting.append((names, codes))
    if len(fitting) > 1:
        fitting = [(names, codes) for names, codes in fitting if _confirmed(_coded_rows(names, codes))]
    return fitting


def _whole_labels(
    lines: list[BlockLine], layout: HeaderLayout, carried: Sequence[str], in_yuan: bool
) -> tuple[list[BlockLine], list[list[BlockLine]], list[BlockLine]] | None:
    """The rows' names and whole codes (``whole_codes``), and the whole numbers that are figures (in 元),
    when every name fits its code."""
    side = layout.sides[0]
    header = {*layout.words, *LABEL_HEADER_WORDS, *(word for path in side.money for word in path)}
    whole = whole_code_rows(lines, header, carried, in_yuan)
    if whole is None or not all(
        _fits(name, compact(code[0].text)) for name, code in zip(_coded_names(whole[0]), whole[1], strict=True)
    ):
        return None
    return whole


def _rows_placed(
    lines: list[BlockLine],
    side: Side,
    names: list[BlockLine],
    codes: list[list[BlockLine]],
    whole_figures: Sequence[BlockLine] = (),
    whole_codes: bool = False,
    late: bool = True,
) -> tuple[list[tuple[Segment, RowFigures]], list[AmbiguousCell]] | None:
    """The rows of these labels with the page's figures placed by the sums; None when no placement
    fits. ``whole_figures``: whole numbers known to be figures (in 元); ``whole_codes``: codes
    printed whole, each cell a block of its own as pdftotext writes such tables; ``late``: cells
    written after the rows below theirs are looked for (``late_cells``: its search grows fast with
    the rows, and codes joined from their parts are tried on pages of every kind, so not there)."""
    row_codes = _row_codes(names, codes)
    runs = _figure_blocks(lines, frozenset(whole_figures))
    cells = [line for run in runs for line in run]
    # Cells written row by row, a dash in each empty one: the dashes say each figure's column.
    orders = _printed_orders(lines, side)
    dashed = dashed_rows(lines, len(names), side, orders, row_codes, {(f.text, f.page, f.line) for f in whole_figures})
    if dashed is not None:
        placed: tuple[dict[int, PlacedRow], list[BlockLine]] | None = (dashed, [])
    elif whole_codes and all(len(run) == 1 for run in runs):  # each cell a block of its own: read cell by cell
        # A row's later cells may come after the rows below it: moved back where the sums settle them.
        placed = place_cells(cells, row_codes, side) or (place_late_cells(cells, row_codes, side) if late else None)
    else:
        placed = place_streams(runs, row_codes, side)
        if placed is None and whole_codes:  # cells written one by one, a few late ones on one line after another
            placed = place_cells(cells, row_codes, side) or (place_late_cells(cells, row_codes, side) if late else None)
    if placed is None:
        return None
    by_row, unplaced = placed
    rows = []
    code_of = iter(codes)
    for r, name in enumerate(names):
        segment = Segment()
        if row_codes[r] is not None:
            segment.code = [Token(part.text.strip(), part.page, part.line) for part in next(code_of)]
        segment.name = [Token(name.text.strip(), name.page, name.line)]
        row = by_row.get(r)
        if row is None:
            rows.append((segment, RowFigures((), [()])))
            continue
        segment.figures = [Token(line.text.strip(), line.page, line.line) for line in row.lines]
        values = tuple(figure_value(line.text) for line in row.lines)
        rows.append((segment, RowFigures(values, list(row.candidates))))
    ambiguous = [_unplaced(BlockLine(line.text, line.page, line.line), side) for line in unplaced]
    return rows, ambiguous


def _row_codes(names: list[BlockLine], codes: list[list[BlockLine]]) -> list[str | None]:
    """Each row's code, its parts joined (None for a total's row, which prints none)."""
    code_of = iter(codes)
    return [None if is_total(compact(n.text)) else compact("".join(p.text for p in next(code_of))) for n in names]


RowPlacement = list[tuple["BlockLine", int]]  # a row's figure lines, in order, with their columns


def _figures_by_row(solutions: list[Solution], n_rows: int) -> dict[int, list[RowPlacement]]:
    """For each row whose figures are the same lines in every solution: each solution's placement of
    them (lines in text order, which is column order). Rows whose lines differ are left out."""
    by_row: list[dict[int, list[tuple[int, BlockLine]]]] = []
    for solution in solutions:
        rows: dict[int, list[tuple[int, BlockLine]]] = {}
        for (row, col), line in solution.items():
            rows.setdefault(row, []).append((col, line))
        by_row.append(rows)
    out: dict[int, list[RowPlacement]] = {}
    for r in range(n_rows):
        placements = [[(line, col) for col, line in sorted(rows.get(r, []), key=lambda c: c[0])] for rows in by_row]
        first = [id(line) for line, _ in placements[0]]
        if all([id(line) for line, _ in p] == first for p in placements):
            out[r] = placements
    return out


def _cells_of_lines(solutions: list[Solution]) -> dict[int, tuple[BlockLine, set[tuple[int, int]]]]:
    """Each figure line and the cells the solutions put it in."""
    out: dict[int, tuple[BlockLine, set[tuple[int, int]]]] = {}
    for solution in solutions:
        for cell, line in solution.items():
            out.setdefault(id(line), (line, set()))[1].add(cell)
    return out


def _ambiguity(line: BlockLine, cells: set[tuple[int, int]], names: list[BlockLine], side: Side) -> AmbiguousCell:
    return AmbiguousCell(
        page=line.page,
        line=line.line,
        figure=line.text.strip(),
        row="/".join(dict.fromkeys(names[r].text.strip() for r, _ in sorted(cells))),
        candidates=tuple(dict.fromkeys("/".join(side.money[c]) for _, c in sorted(cells))),
        snippet=line.text.strip(),
    )


Labels = tuple[list[BlockLine], list[list[BlockLine]]]  # the rows' names (totals too), the coded rows' code parts


def _labels_by_column(lines: list[BlockLine], layout: HeaderLayout, carried: Sequence[str]) -> Labels | None:
    """Labels written column by column: runs of 类 codes, of 款 and 项 parts, then the names."""
    printed = _names(lines, layout)
    readings = _code_readings(lines, carried) if printed else []
    fitting = []
    for codes in readings:
        code_texts = [compact("".join(part.text for part in code)) for code in codes]
        names = _joined_names(printed, code_texts)
        if names is None:
            continue
        fitting.append((names, codes))
    if len(fitting) > 1:  # several readings of the codes: the one the reference confirms line by line
        fitting = [(names, codes) for names, codes in fitting if _confirmed(_coded_rows(names, codes))]
    return fitting[0] if len(fitting) == 1 else None


def _coded_names(names: list[BlockLine]) -> list[BlockLine]:
    return [name for name in names if not is_total(compact(name.text))]


def _coded_rows(names: list[BlockLine], codes: list[list[BlockLine]]) -> list[Segment]:
    rows = _coded_names(names)
    return [
        Segment(code=[Token(p.text, p.page, p.line) for p in code], name=[Token(name.text, name.page, name.line)])
        for name, code in zip(rows, codes, strict=True)
    ]


def _confirmed(rows: list[Segment]) -> bool:
    """Every row's name is its code's in the classification reference."""
    return all(_name_match(row.name_text, compact(row.code_text))[1] in _SAME_NAME for row in rows)


def _labels_by_row(lines: list[BlockLine], layout: HeaderLayout) -> Labels | None:
    """Labels written row by row (``201 06 01 行政运行``, or the code parts on the line before the
    name) while the figures are written column by column. Each row opens with its 类 code; None
    when a row lacks its name or a name its code, or no name is on a line with codes."""
    header_words = set(layout.words) | {"项目", "科目名称", "类", "款", "项"}
    names: list[BlockLine] = []
    codes: list[list[BlockLine]] = []
    named = [False]  # whether the open row has its name
    codes_beside_names = False
    for line in lines:
        words = line.text.split()
        if not words or all(_FIGURE.match(w) for w in words):
            continue
        if _CLASS.match(words[0]):
            if codes and not named[-1]:
                return None
            codes.append([])
            named.append(False)
        if not codes:
            continue  # the header, above the first row
        parts = []
        while words and (_PART.match(words[0]) or (_CLASS.match(words[0]) and not parts)) and not named[-1]:
            parts.append(BlockLine(words.pop(0), line.page, line.line))
        if parts and not codes[-1]:
            codes[-1] = parts
        elif parts:
            return None  # codes after the row's own: not row by row
        text = "".join(words)
        if not text or text in header_words or is_total(text):
            continue
        # A whole number among a name's words (a code printed whole, a figure printed without a
        # separator): the labels are not written row by row.
        if any(_FIGURE.match(w) or w.isdigit() for w in words):
            return None
        if named[-1]:
            names[-1] = BlockLine(names[-1].text + text, names[-1].page, names[-1].line)  # wrapped in its cell
        else:
            names.append(BlockLine(text, line.page, line.line))
            named[-1] = True
            codes_beside_names = codes_beside_names or bool(parts)
    if not codes or not all(named[1:]) or not codes_beside_names:
        return None
    if not all(_fits(name, compact("".join(p.text for p in code))) for name, code in zip(names, codes, strict=True)):
        return None
    return names, codes


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


def _code_readings(lines: list[BlockLine], carried: Sequence[str] = ()) -> list[list[list[BlockLine]]]:
    """Each way of reading the rows' code parts (类, then 款 and 项 when the row is at that level),
    one row per 类 code printed; ``carried`` is the code of the row before the page (a 类 or 款 it
    opened goes on here without its own line).

    The 款 and the 项 parts are two columns, each written top to bottom in runs (a blank line or
    another cell between runs), but extractors order the runs of the two columns differently
    (class by class, or every 款 before every 项): every split of the runs between the columns is
    tried, and each distinct reading that uses every part exactly is kept."""
    classes = [line for line in lines if _CLASS.match(compact(line.text))]
    if not classes:
        return []
    runs = _runs_of(lines, _PART)
    if len(runs) > _MAX_PART_RUNS:
        return []
    # The rows printing a 款 part are known from the 类 codes alone: every row of a 类 but its own.
    groups = [len(list(rows)) for _, rows in groupby(compact(line.text) for line in classes)]
    goes_on = list(carried[:1]) == [compact(classes[0].text)]
    kuan_count = sum(groups) - len(groups) + goes_on
    sizes = [len(run) for run in runs]
    readings: dict[tuple[str, ...], list[list[BlockLine]]] = {}
    for split in _splits_of(sizes, kuan_count):
        kuan = [line for run, level in zip(runs, split, strict=True) if level == 0 for line in run]
        xiang = [line for run, level in zip(runs, split, strict=True) if level == 1 for line in run]
        codes = _codes(classes, kuan, xiang, carried)
        if codes is not None:
            readings.setdefault(tuple(compact("".join(p.text for p in code)) for code in codes), codes)
    return list(readings.values())


def _splits_of(sizes: list[int], kuan_count: int) -> list[tuple[int, ...]]:
    """Each split of runs of these sizes between the 款 (0) and the 项 (1) columns giving the 款 column
    ``kuan_count`` parts, in the order ``product((0, 1), repeat=len(sizes))`` gives them: grown run by
    run, a split whose 款 parts already pass the count, or cannot reach it, is not gone on with."""
    after = [sum(sizes[k:]) for k in range(len(sizes) + 1)]
    out: list[tuple[int, ...]] = []

    def grow(split: tuple[int, ...], kuan: int) -> None:
        k = len(split)
        if k == len(sizes):
            out.append(split)
            return
        if kuan + sizes[k] <= kuan_count:
            grow((*split, 0), kuan + sizes[k])
        if kuan + after[k + 1] >= kuan_count:
            grow((*split, 1), kuan)

    if after[0] >= kuan_count:
        grow((), 0)
    return out


def _codes(
    classes: list[BlockLine], kuan: list[BlockLine], xiang: list[BlockLine], carried: Sequence[str]
) -> list[list[BlockLine]] | None:
    """The rows' code parts from the 类 codes and the 款 and 项 columns; None unless every part is used."""
    codes: list[list[BlockLine]] = [[c] for c in classes]
    kuan, xiang = list(kuan), list(xiang)
    for g, group in enumerate(_runs(codes, range(len(codes)), level=0)):
        # A 类's rows after its own line each print a 款 part; a 款's rows after its own, a 项 part.
        class_goes_on = g == 0 and list(carried[:1]) == [compact(codes[group[0]][0].text)]
        opened = group if class_goes_on else group[1:]
        if not _take_parts(codes, opened, kuan):
            return None
        deeper = []
        for k, run in enumerate(_runs(codes, opened, level=1)):
            kuan_goes_on = class_goes_on and k == 0 and list(carried[1:2]) == [compact(codes[run[0]][1].text)]
            deeper += run if kuan_goes_on else run[1:]
        if not _take_parts(codes, deeper, xiang):
            return None
    return codes if not kuan and not xiang else None


def _joined_names(names: list[BlockLine], codes: list[str]) -> list[BlockLine] | None:
    """The row names, one per code (totals apart): a name wrapped in its cell is printed on two lines
    or more, which are joined where the joined name is the official name of the row's code
    (``classification``); None unless exactly one way of joining fits every row."""
    rows = [i for i, line in enumerate(names) if not is_total(compact(line.text))]
    extra = len(rows) - len(codes)
    if extra == 0:
        return names
    gaps = [rows[k] for k in range(len(rows) - 1) if rows[k + 1] == rows[k] + 1]  # lines one after the other
    if extra < 0 or comb(len(gaps), extra) > _MAX_JOININGS:
        return None
    joins = _only_joining(names, set(gaps), codes, extra)
    if joins is None:
        return None
    return [BlockLine(line.text.replace("\n", ""), line.page, line.line) for line in _join(names, joins)]


def _only_joining(names: list[BlockLine], gaps: set[int], codes: list[str], extra: int) -> set[int] | None:
    """The lines to join to the next (``extra`` of them, each in ``gaps``) so that every row name fits
    its code, when exactly one such choice exists. Counted line by line with what is left to match
    (lines, joins, codes) remembered, rather than trying every choice of joins in turn."""
    known: dict[tuple[int, int, int], tuple[int, tuple[int, ...]]] = {}

    def ways(i: int, joins: int, code: int) -> tuple[int, tuple[int, ...]]:
        """How many ways (0, 1 or 2: more is as good as 2) the lines from ``i`` on fit, and one of them."""
        if i == len(names):
            return (1, ()) if joins == 0 and code == len(codes) else (0, ())
        key = (i, joins, code)
        if key in known:
            return known[key]
        count, example = 0, ()
        end = i  # the row name takes lines i..end
        while True:
            if end == i:
                line = names[i]
            else:
                text = "\n".join(n.text.strip() for n in names[i : end + 1])
                line = BlockLine(text, names[i].page, names[i].line)
            if is_total(compact(line.text)):
                found, rest = ways(end + 1, joins - (end - i), code)
            elif code < len(codes) and _fits(line, codes[code]):
                found, rest = ways(end + 1, joins - (end - i), code + 1)
            else:
                found, rest = 0, ()
            if found and not count:
                example = (*range(i, end), *rest)
            count += found
            if count >= 2 or end not in gaps or end - i + 1 > joins:
                break
            end += 1
        known[key] = (min(count, 2), example)
        return known[key]

    count, example = ways(0, extra, 0)
    return set(example) if count == 1 else None


def _fits(name: BlockLine, code: str) -> bool:
    """A joined name must be its code's full name; a name printed on one line (perhaps cut short by
    its cell) must not be another's."""
    known, kind = _name_match(name.text.replace("\n", ""), code)
    if "\n" in name.text:
        return kind in _FULL_NAME
    return not known or kind in _SAME_NAME


@lru_cache(maxsize=4096)
def _name_match(name: str, code: str) -> tuple[bool, Match | None]:
    """Whether some edition of the function classification knows the code, and how the name matches
    its name there at best (typos are not matches here: they would join the wrong lines)."""
    entries = [e for year in EDITIONS[FUNCTION] if (e := edition(FUNCTION, year).get(code)) is not None]
    kinds = {match_kind(name, entry) for entry in entries} - {None, Match.NEAR_MISS}
    return bool(entries), min(kinds, key=MATCH_ORDER.index) if kinds else None


def _join(names: list[BlockLine], onto_next: set[int]) -> list[BlockLine]:
    """The names with each line in ``onto_next`` joined to the line after it (a newline between)."""
    out: list[BlockLine] = []
    glue = False
    for i, line in enumerate(names):
        if glue:
            out[-1] = BlockLine(out[-1].text.strip() + "\n" + line.text.strip(), out[-1].page, out[-1].line)
        else:
            out.append(line)
        glue = i in onto_next
    return out


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


def _figure_blocks(lines: list[BlockLine], whole_figures: frozenset[BlockLine] = frozenset()) -> list[list[BlockLine]]:
    """Runs of figures, a line of several figures read as its cells one after another (``cells_apart``);
    ``whole_figures``: whole numbers (a table in 元) known to be figures."""
    return _runs_of(cells_apart(lines, whole_figures), _FIGURE, whole_figures)


def cells_apart(lines: list[BlockLine], whole_figures: frozenset[BlockLine] = frozenset()) -> list[BlockLine]:
    """The lines, each line printing two or more figures and nothing else (its empty cells' dashes
    dropped; whole numbers among ``whole_figures`` in a table in 元) cut into one line per figure, in
    the order written. pdftotext writes two cells on one line where they are set close (a row's
    ``2,079,000 2,079,000``), and where a line ends with an empty cell's dash and its block goes on:
    it takes the dash for a hyphen, drops it and joins the next line (``2,649,730 -`` / ``1,628,900 -``
    → ``2,649,730 1,628,900 -``: two rows' cells, rows wrapping their names set closer). Either way
    the figures come in the order the streams of cells keep (a row's cells left to right, a column's
    top to bottom): one cell each, where the line as printed is no figure, its figures in no run."""
    out: list[BlockLine] = []
    for line in lines:
        words = line.text.split()
        if len(words) > 1 and all(
            _FIGURE.match(word) or BlockLine(word, line.page, line.line) in whole_figures for word in words
        ):
            out += [BlockLine(word, line.page, line.line) for word in words]
        else:
            out.append(line)
    return out


def _runs_of(
    lines: list[BlockLine], pattern: re.Pattern[str], also: frozenset[BlockLine] = frozenset()
) -> list[list[BlockLine]]:
    """Consecutive lines matching ``pattern`` (or, compact, in ``also``), run by run (any other line
    ends a run)."""
    runs: list[list[BlockLine]] = [[]]
    for line in lines:
        key = compact(line.text)
        if pattern.match(key) or (also and BlockLine(key, line.page, line.line) in also):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


Solution = dict[tuple[int, int], BlockLine]  # (row, column) -> figure


def _placements(
    blocks: tuple[tuple[BlockLine, ...], ...], n_rows: int, side: Side, orders: tuple[tuple[int, ...], ...]
) -> list[Solution]:
    """Every placement of the runs (in order: column by column as printed, in each of ``orders``, top
    to bottom) keeping the row sums."""
    width = len(side.money)
    solutions: list[Solution] = []
    trials = 0
    search = _ColumnPlacements(blocks, n_rows, side, solutions)
    # How many ways the runs from one on stand in one column: asked again for every split giving a
    # column those runs.
    ways: dict[tuple[int, int], int] = {}
    # Split the runs into the columns, in the order printed (a column may get none); the orders in
    # turn, the next tried only where none before fits.
    for order in orders:
        if solutions:
            break
        for cuts in combinations(range(len(blocks) + width - 1), width - 1):
            bounds = [-1, *cuts, len(blocks) + width - 1]
            per_column: list[range] = [range(0)] * width  # each column's runs
            start = 0
            for k, c in enumerate(order):
                count = bounds[k + 1] - bounds[k] - 1
                per_column[c] = range(start, start + count)
                if (start, count) not in ways:
                    ways[start, count] = _ways([len(block) for block in blocks[start : start + count]], n_rows)
                start += count
            # The bound counts every placement of the runs, as if each were tried: the search below
            # passes over those a sum already rules out, and the pages given up stay the same.
            trials += _trials([ways[runs.start, len(runs)] for runs in per_column])
            if trials >= _MAX_TRIALS:
                return []  # too many ways to place the runs: the page is not rebuilt
            search.place(per_column)
            if len(solutions) > _MAX_SOLUTIONS:
                return []
    return solutions


def _scaled_figures(blocks: Sequence[Sequence[BlockLine]]) -> list[tuple[tuple[int, int], ...]]:
    """Each run's figures, their values and half a unit of their last digit, read once for all the
    placements tried, as whole numbers (both doubled at the finest scale printed): sums checked
    exactly, as Decimals would."""
    read = [[(value := figure_value(line.text), printed_step(value)) for line in block] for block in blocks]
    scale = max((_places(number) for block in read for pair in block for number in pair), default=0)
    return [tuple((int(value.scaleb(scale) * 2), int(step.scaleb(scale))) for value, step in block) for block in read]


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _trials(ways: list[int]) -> int:
    """How many steps trying every placement of the runs column by column takes (``ways``: how many
    ways each column's runs stand in it): one for each column's placements under each placement of
    the columns before, and one more."""
    steps, under = 1, 1
    for column in ways:
        under *= column
        steps += under
    return steps


def _ways(sizes: list[int], n_rows: int) -> int:
    """How many ways runs of these sizes stand in a column of ``n_rows`` rows, in order, a row at
    least between runs: the rows left over are spread around them (``_offsets`` counted)."""
    spare = n_rows - sum(sizes) - max(len(sizes) - 1, 0)
    return comb(spare + len(sizes), len(sizes)) if spare >= 0 else 0


class _ColumnPlacements:
    """The placements of the runs split into the columns (``place``) keeping the row sums, in the
    order ``_offsets`` tried them column after column. A sum is checked row by row in the last of its
    columns, as soon as that column's run or gap at the row is set: a run placed where a row cannot
    add up is not gone on with, nor any later column's placements under it."""

    def __init__(self, blocks: Sequence[Sequence[BlockLine]], n_rows: int, side: Side, out: list[Solution]) -> None:
        self.blocks = blocks
        self.figures = _scaled_figures(blocks)
        self.n_rows = n_rows
        self.out = out
        width = len(side.money)
        self.sums_ending = [[(t, p) for t, p in side.sums if max(t, *p) == c] for c in range(width)]
        self.grid: list[list[tuple[int, int] | None]] = [[None] * n_rows for _ in range(width)]
        self.offsets: list[list[int]] = [[] for _ in range(width)]
        self.per_column: Sequence[range] = ()

    def place(self, per_column: Sequence[range]) -> None:
        """The placements of the runs split so into the columns (the grid is left empty again)."""
        self.per_column = per_column
        self.place_column(0)

    def place_column(self, col: int) -> None:
        if col == len(self.per_column):
            self.out.append(self.solution())
            return
        self.place_run(col, 0, 0, 0)

    def place_run(self, col: int, run: int, gaps_from: int, first_from: int) -> None:
        """Place run ``run`` of the column at each row from ``first_from`` on that leaves room for the
        runs after it; the rows from ``gaps_from`` to the run's first are empty in this column."""
        runs = self.per_column[col]
        if run == len(runs):
            if self.rows_hold(col, gaps_from, self.n_rows):
                self.place_column(col + 1)
            return
        figures = self.figures[runs[run]]
        rest = [len(self.figures[b]) for b in runs[run:]]
        last_first = self.n_rows - sum(rest) - (len(rest) - 1)
        cells, offsets = self.grid[col], self.offsets[col]
        for first in range(first_from, last_first + 1):
            # The rows above the run are empty in this column, and stay so for every later start.
            if not self.rows_hold(col, gaps_from, first):
                return
            gaps_from = first
            end = first + len(figures)
            cells[first:end] = figures
            if self.rows_hold(col, first, end):
                offsets.append(first)
                self.place_run(col, run + 1, end, end + 1)
                offsets.pop()
            cells[first:end] = [None] * len(figures)
            if len(self.out) > _MAX_SOLUTIONS:
                return

    def rows_hold(self, col: int, start: int, end: int) -> bool:
        """The sums whose last column is ``col``, at rows ``start`` to ``end`` (excluded): every column
        of them is set there. A column no sum ends in has none to check (asked for every start tried)."""
        sums = self.sums_ending[col]
        if not sums:
            return True
        grid = self.grid
        for r in range(start, end):
            for total, parts in sums:
                cell = grid[total][r]
                difference, slack = cell if cell is not None else (0, 0)
                for p in parts:
                    cell = grid[p][r]
                    if cell is not None:
                        difference -= cell[0]
                        slack += cell[1]
                if abs(difference) > slack:
                    return False
        return True

    def solution(self) -> Solution:
        """The cells of the placement set, in the order the runs are placed."""
        cells: Solution = {}
        for col, (runs, offsets) in enumerate(zip(self.per_column, self.offsets, strict=True)):
            for run, offset in zip(runs, offsets, strict=True):
                for k, line in enumerate(self.blocks[run]):
                    cells[(offset + k, col)] = line
        return cells


def _printed_orders(lines: Sequence[BlockLine], side: Side) -> tuple[tuple[int, ...], ...]:
    """The orders the money columns may be printed in (``Side.printed_orders``: each total before
    or after the columns it sums, 基本支出 | 项目支出 | 合计 as some provinces and counties print it),
    those the header tells first. The header, written column by column, tells where a total stands
    when its name comes before all its parts' names or after them; the orders agreeing with every
    total it tells are kept, else all are tried in turn, the template's first."""
    orders = side.printed_orders()
    if len(orders) == 1:
        return tuple(orders)
    first_seen: dict[str, int] = {}
    for k, line in enumerate(lines):
        for word in line.text.split():
            first_seen.setdefault(compact(word), k)
    words = [compact(path[-1]) for path in side.money]
    # A name printed twice (决算数 under each year) tells no column's place.
    seen = [first_seen.get(word) if words.count(word) == 1 else None for word in words]
    told = [order for order in orders if all(_agrees(order, total, parts, seen) for total, parts in side.sums)]
    return tuple(told or orders)


def _agrees(order: tuple[int, ...], total: int, parts: tuple[int, ...], seen: list[int | None]) -> bool:
    """Whether ``order`` prints ``total`` on the side of its parts the header's words put it (any
    order agrees where they do not tell: a name not found, or the total's among its parts')."""
    at = seen[total]
    of_parts = [p for p in (seen[part] for part in parts) if p is not None]
    if at is None or len(of_parts) < len(parts) or min(of_parts) <= at <= max(of_parts):
        return True
    position = {column: k for k, column in enumerate(order)}
    return (position[total] < min(position[part] for part in parts)) == (at < min(of_parts))
