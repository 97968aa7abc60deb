"""Two-sided overviews (final accounts' and budgets') that ``pdftotext`` (default mode) wrote as
interleaved streams, read again once the report's other tables are read (``interleaved_sides``
places their figures with what those tables print).

Which detail table prints what an overview's column holds is the catalogue of cells known elsewhere
(``cell_links.LINKS``, read by ``spending_sources``), which fund's tables an income row names is
``FUND_TABLES``; the reading is general.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from budget_reports.extract.standard_tables.recognise import TableKind, kind_of_title, says_no_data, unit_of
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, half_step
from budget_reports.readers import cell_links
from budget_reports.readers.block_words import BARE_FIGURE, figure_value
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.column_blocks import BlockLine, is_column_block_page, unplaced_figure
from budget_reports.readers.interleaved_sides import EMPTY, Cell, Known, Rows, place_overview
from budget_reports.readers.known_cells import TOTAL_KEY
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.linear_tables import LinearTable, SourceLine, not_read_table, placed_table
from budget_reports.readers.overview_labels import (
    INCOME,
    SPENDING,
    FigureTest,
    Label,
    Role,
    facing_row,
    is_overview_figure,
    side_labels,
)
from budget_reports.readers.passed_over_titles import PassedOver, passed_over_titles, title_kind
from budget_reports.readers.printed_numbers import COLUMN_NUMBER, COLUMN_NUMBER_WORDS, is_page_number
from budget_reports.readers.row_numbers import numbers_its_rows
from budget_reports.readers.table_headers import LAYOUTS, HeaderLayout
from budget_reports.readers.table_relations import PlacedSide, RebuiltTable, row_keys, settled_cells

# The layout each overview prints (by the catalogue's name): the final accounts' and the budget's.
OVERVIEW_LAYOUTS = {
    TableKind.OVERVIEW: "收入支出总表",
    TableKind.FISCAL_OVERVIEW: "财政拨款收入支出总表",
    TableKind.BUDGET_OVERVIEW: "收支预算总表",
    TableKind.BUDGET_FISCAL_OVERVIEW: "财政拨款收支预算总表",
}
# Each overview's fiscal overview (its fund rows are the overview's fund rows).
FISCAL_OF = {
    TableKind.OVERVIEW: TableKind.FISCAL_OVERVIEW,
    TableKind.BUDGET_OVERVIEW: TableKind.BUDGET_FISCAL_OVERVIEW,
}


def spending_sources() -> dict[tuple[TableKind, str], tuple[TableKind, tuple[str, ...]]]:
    """(overview, spending column) -> (detail table, its total column's names, the first it prints
    taken): the catalogue's links from an overview's column to another table's, of any stage. The
    detail table's class totals and 合计 are the column's items and 本年支出合计; a class it does not
    print spends nothing."""
    out: dict[tuple[TableKind, str], tuple[TableKind, tuple[str, ...]]] = {}
    for link in cell_links.LINKS:
        if link.table not in OVERVIEW_LAYOUTS or not isinstance(link.source, TableKind) or link.source is link.table:
            continue
        source, names = out.setdefault((link.table, link.column[-1]), (link.source, ()))
        if source is link.source:  # one detail table per column
            out[link.table, link.column[-1]] = (source, (*names, link.source_column[-1]))
    return out


def income_sources() -> dict[tuple[TableKind, str], TableKind]:
    """(overview, income line's words) -> the detail table whose total row prints that line's
    figure in the column of those words: the catalogue's links from a table's total row, column by
    column, to an overview's income lines (the 收入预算总表's 合计 row, column 事业收入, is the
    财务收支预算总表's line 二、事业收入), read from the overview's side (the same figure)."""
    out: dict[tuple[TableKind, str], TableKind] = {}
    for link in cell_links.LINKS:
        if (
            link.rows is cell_links.Rows.TOTAL_BY_COLUMN_NAME
            and link.relation is cell_links.Relation.EQUAL
            and link.source in OVERVIEW_LAYOUTS
            and link.table is not link.source
        ):
            out[link.source, link.column[-1]] = link.table
    return out


# Words naming a fund in an income or carry-over label, and the fund's own tables (final accounts, budget).
FUND_TABLES: tuple[tuple[str, tuple[TableKind, ...]], ...] = (
    ("政府性基金", (TableKind.GOV_FUND, TableKind.BUDGET_GOV_FUND)),
    ("国有资本经营", (TableKind.STATE_CAPITAL, TableKind.BUDGET_STATE_CAPITAL)),
)
_FUND_TABLE_KINDS = frozenset(kind for _, funds in FUND_TABLES for kind in funds)
# The fiscal overview's rows are the overview's fund rows: an income item of a fund is the
# overview's item (or item part: 1.一般公共预算 under 一、财政拨款收入) of that fund; a carry-over
# is part of the overview's carry-over on its side, the year's total and 总计 part of the
# overview's on its side (the appropriations are among all the funds). (overview's role, fiscal
# overview's, at least)
FISCAL_PARTS: tuple[tuple[Role, Role, bool], ...] = (
    (Role.ITEM, Role.ITEM, False),
    (Role.ITEM_PART, Role.ITEM, False),
    (Role.CARRY, Role.CARRY, True),
    (Role.YEAR_TOTAL, Role.YEAR_TOTAL, True),
    (Role.GRAND_TOTAL, Role.GRAND_TOTAL, True),
)
# The overview's income item of all funds (一、财政拨款收入) is the fiscal overview's year's income.
_FISCAL_INCOME = "财政拨款收入"
_FUND_WORDS = ("一般公共预算", "政府性基金", "国有资本经营")
OVERVIEW_OF = {fiscal: overview for overview, fiscal in FISCAL_OF.items()}
# Overviews read in this order: what the fiscal overview settles is known when the overview is read.
_ORDER = (*FISCAL_OF.values(), *FISCAL_OF)
_MIN_FIGURES = 4  # fewer figures say nothing of how the table was written
Settled = dict[tuple[int, Role, str | None], Decimal | None]  # (side, role, fund) -> the column-0 figure


def overviews_from_streams(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, each overview written in streams read again from them where that works (and
    one the table finder passed over, its header never reaching a row, read from its title)."""
    by_kind = {
        t.rebuilt.kind: t.rebuilt
        for t in tables
        if t.rebuilt is not None and t.rebuilt.kind is not None and not _figures_lost(lines, t)
    }
    # One scan for all: the overviews' titles, the fund tables' (whether they print nothing), and
    # every other title, where the table before it ends.
    every_title = passed_over_titles(lines, tables)
    titles = [t for t in every_title if t.kind in OVERVIEW_LAYOUTS or t.kind in _FUND_TABLE_KINDS]
    title_starts = [t.start for t in every_title]
    passed_over = [LinearTable(t.start, t.end, [], []) for t in titles if t.kind in OVERVIEW_LAYOUTS]
    out = sorted([*tables, *passed_over], key=lambda t: t.start)
    kinds = [title_kind(lines[table.start].text) for table in out]
    settled_of: dict[TableKind, Settled] = {}
    empty = _no_data_tables(lines, [t for t in titles if t.kind in _FUND_TABLE_KINDS])
    spans: dict[int, tuple[LinearTable, int]] = {}  # each overview written in streams: its table found, its end
    unread: list[int] = []  # the fiscal overviews not read, to read again with what their overview settles

    def read_at(k: int, kind: TableKind) -> bool:
        table, end = spans[k]
        read = _read(lines, table, end, kind, by_kind, settled_of, empty)
        if read is not None:
            out[k], settled_of[kind] = read
        return read is not None

    for kind in _ORDER:
        for k in (k for k, found in enumerate(kinds) if found is kind):
            limit = out[k + 1].start if k + 1 < len(out) else len(lines)
            # A table's pages end at the next title, also of a table no reader took (text that writes a
            # page's boxes apart may print its figures first): its lines are never this table's.
            after = bisect_right(title_starts, out[k].start)
            limit = min(limit, title_starts[after]) if after < len(title_starts) else limit
            end = span_end(lines, out[k].start, out[k].end, limit)
            if not _written_in_streams(lines[out[k].start + 1 : end], figure_test(lines[out[k].start + 1 : end])):
                continue  # rows written as lines: the table's own reading stands
            spans[k] = (out[k], end)
            if read_at(k, kind):
                continue
            # A title the finder passed over may be a contents line: only a table it found is
            # reported as not read.
            if out[k] not in passed_over:
                out[k] = _not_read(lines, out[k], end)
            if kind in OVERVIEW_OF:
                unread.append(k)
    # A fiscal overview its own figures and the detail tables do not settle (its 一般公共预算 table
    # not read) is read again with what its overview settles; the overview then again with what
    # the fiscal overview settles.
    for k in unread:
        kind = kinds[k]
        assert kind is not None
        overview = OVERVIEW_OF[kind]
        if overview in settled_of and read_at(k, kind):
            for j in (j for j in spans if kinds[j] is overview):
                read_at(j, overview)
    return [table for table in out if table.blocks]


def _figures_lost(lines: list[SourceLine], table: LinearTable) -> bool:
    """A table read with no figure whose lines print numbers that are no code of its rows (a
    figure, printed whole in 元 beside wrapped names, that its reader could not place): what its
    columns hold is unknown, not empty, and nothing is taken from it. A number that is no figure
    (a code's part, a 栏次 number) only keeps more unknown."""
    assert table.rebuilt is not None
    placed = table.rebuilt.placed()
    if any(p.figures.values for p in placed):
        return False
    codes = {p.segment.code_text for p in placed}
    for line in lines[table.start + 1 : table.end]:
        if is_page_number(compact(line.text)):
            continue
        if any(BARE_FIGURE.match(w) or (w.isdigit() and w not in codes) for w in line.text.split()):
            return True
    return False


def _no_data_tables(lines: list[SourceLine], titles: list[PassedOver]) -> set[TableKind]:
    """Of the fund tables the table finder passed over (``titles``), those that say they print
    nothing (``本表无数据``) and print no figure before saying so: what follows the note (the
    report's prose, where nothing closes the table but the next title) is no part of the table."""
    empty = set()
    for title in titles:
        texts = [line.text for line in lines[title.start + 1 : title.following]]
        note = next((k for k, text in enumerate(texts) if says_no_data(text)), None)
        if note is not None and not any(_prints_figure(text) for text in texts[:note]):
            empty.add(title.kind)
    return empty


def _prints_figure(text: str) -> bool:
    """Whether a word of the line is a figure. A figure prints its decimals or its thousands'
    separators: a line without either (the prose after a table, mostly) is passed over unsplit."""
    return ("." in text or "," in text) and any(BARE_FIGURE.match(word) for word in text.split())


def figure_test(lines: Sequence[SourceLine]) -> FigureTest:
    """How the overview whose lines (after its title) are ``lines`` prints a figure: with a
    separator or decimals (or a bare 0); in an overview in 元 (its unit line says so) whole too
    (``47483458``, never zero-padded), as a table in 元 may print every amount. An overview prints
    no code to take a whole number for, only its 栏次 row's numbers or its 行次 column's (one or two
    digits): where it prints 栏次 or 行次 (行 / 次 wrapped in a narrow cell too), such a number is a
    column's or a row's, never a figure."""
    unit = next((unit for line in lines if (unit := unit_of(line.text)) is not None), None)
    if unit != "元":
        return is_overview_figure
    texts = [line.text for line in lines]
    numbered = any(word in text for text in texts for word in COLUMN_NUMBER_WORDS) or numbers_its_rows(texts)

    def is_figure(text: str) -> bool:
        if is_overview_figure(text):
            return True
        whole = text.isdigit() and text.isascii() and not text.startswith("0")
        return whole and not (numbered and COLUMN_NUMBER.match(text))

    return is_figure


def _cells(line: SourceLine, is_figure: FigureTest = is_overview_figure) -> list[BlockLine]:
    """The line's cells in the order written: its figures each alone, the words between them one
    label (pdftotext may put a figure of one side before a label of the other: ``6.20 八、…支出``).
    A page number (``- 10 -``) is one cell, whatever number it prints."""
    words = line.text.split()
    if len(words) < 2 or not any(map(is_figure, words)) or is_page_number(compact(line.text)):
        return [BlockLine(line.text, line.page, line.line)]
    cells: list[BlockLine] = []
    label: list[str] = []
    for word in words:
        if is_figure(word):
            if label:
                cells.append(BlockLine(" ".join(label), line.page, line.line))
                label = []
            cells.append(BlockLine(word, line.page, line.line))
        else:
            label.append(word)
    if label:
        cells.append(BlockLine(" ".join(label), line.page, line.line))
    return cells


def _written_in_streams(lines: Sequence[SourceLine], is_figure: FigureTest) -> bool:
    """Labels and figures written apart: some figures, each alone on its line or before a label
    (a row written as a line prints its figures after its label; a line per baseline, both
    sides' figures of a row on one line). A page number (``- 10 -``) prints no figure."""
    figures = 0
    for line in lines:
        words = line.text.split()
        # A figure after another word (a label, or a figure: two on the line) is a row written as a
        # line; the first at the first such word (``map``, no Python step per word).
        if any(map(is_figure, words[1:])) and not is_page_number(compact(line.text)):
            return False
        figures += bool(words) and is_figure(words[0])
    return figures >= _MIN_FIGURES


def _not_read(lines: list[SourceLine], table: LinearTable, end: int) -> LinearTable:
    """An overview written in streams whose figures fit no placement, or several past the search's
    bound: each figure reported ambiguous (the row of a figure written apart from it is unknown)."""
    title = lines[table.start]
    layout = next(layout for layout in LAYOUTS if layout.name == OVERVIEW_LAYOUTS[kind_of_title(compact(title.text))])
    is_figure = figure_test(lines[table.start + 1 : end])
    cells = [cell for line in lines[table.start + 1 : end] for cell in _cells(line, is_figure)]
    unplaced = [_unplaced(cell, layout) for cell in cells if is_figure(compact(cell.text))]
    return not_read_table(lines, table.start, end, "的收支两栏文本交错写出，未能还原为行", unplaced)


def span_end(lines: list[SourceLine], start: int, end: int, limit: int) -> int:
    """The end of the table titled at ``start`` written in streams over pages, found up to ``end``: pages
    after it that go on with bare labels and figures, or open with its header printed again (then
    labels wrapped in narrow cells may outnumber the figures), belong to it if they hold no sentence,
    up to ``limit`` (the next table)."""
    header = _header_words(lines, start, end)
    while end < limit:
        start = end
        while start < limit and not lines[start].text.strip():
            start += 1  # blank lines closing the page
        if start == limit or start == 0 or lines[start].page in (None, lines[end - 1].page):
            break
        page_end = start
        while page_end < limit and lines[page_end].page == lines[start].page:
            page_end += 1
        block = [BlockLine(line.text, line.page, line.line) for line in lines[start:page_end]]
        if any("。" in line.text for line in block) or not (is_column_block_page(block) or _opens_with(block, header)):
            break
        end = page_end
    return end


# The lines of a header printed again at a page's top, at least: 收入 / 项目 / 支出 … (no row's label
# is one of the words the table printed before its first figure, a total's aside).
_REPEATED_HEADER_LINES = 3


def _header_words(lines: list[SourceLine], start: int, end: int) -> frozenset[str]:
    """The words the table titled at ``start`` prints before its first figure: its header (with the
    first rows' labels where the text writes them among the header's cells), its unit."""
    words: set[str] = set()
    for line in lines[start + 1 : end]:
        if any(map(is_overview_figure, line.text.split())):
            break
        words.update(line.text.split())
    return frozenset(words)


def _opens_with(page: list[BlockLine], header: frozenset[str]) -> bool:
    """Whether the page's first lines are words of the table's header: its header printed again."""
    opening = 0
    for line in page:
        words = line.text.split()
        if not words:
            continue
        if not all(word in header for word in words):
            break
        opening += 1
    return opening >= _REPEATED_HEADER_LINES


def _read(
    lines: list[SourceLine],
    table: LinearTable,
    end: int,
    kind: TableKind,
    tables: dict[TableKind, RebuiltTable],
    settled_of: dict[TableKind, Settled],
    no_data: set[TableKind],
) -> tuple[LinearTable, Settled] | None:
    is_figure = figure_test(lines[table.start + 1 : end])
    span = [cell for line in lines[table.start + 1 : end] for cell in _cells(line, is_figure)]
    layout = next(layout for layout in LAYOUTS if layout.name == OVERVIEW_LAYOUTS[kind])
    layout = layout.fitted(compact("".join(line.text for line in span)))
    sides = side_labels(span, layout, is_figure)
    if sides is None:
        return None
    at = [k for k, line in enumerate(span) if is_figure(compact(line.text))]
    figures = [span[k] for k in at]
    known = _known(kind, sides, layout, tables, no_data)
    if kind in FISCAL_OF:
        known.update(_from_fiscal(sides, settled_of.get(FISCAL_OF[kind], {})))
    elif kind in OVERVIEW_OF and OVERVIEW_OF[kind] in settled_of:
        for cell, said in _from_overview(sides, layout, settled_of[OVERVIEW_OF[kind]]).items():
            known.setdefault(cell, said)
    printed_on = _rows_printed_on(span, at, sides)
    found = place_overview([f.text for f in figures], sides, layout.sides, known, printed_on)
    if found is None or len(found.figures) < len(figures):
        # A figure written between the two labels of its printed row (PyMuPDF: 八、其他收入 / 6.20 /
        # 八、社会保障和就业支出) is on it; placed by that, where the sums agree, else as before.
        between = _figures_between_facing_labels(span, at, sides)
        between = {n: row for n, row in between.items() if n not in printed_on}
        if between and (found is None or any(n not in found.figures for n in between)):
            hinted = {**printed_on, **between}
            found = place_overview([f.text for f in figures], sides, layout.sides, known, hinted) or found
    if found is None:
        return None
    placed = found.figures
    rows = _rows(sides, layout, figures, placed)
    unplaced = [
        _maybe_in(f, layout, sides, found.cells_of.get(i, set())) for i, f in enumerate(figures) if i not in placed
    ]
    by_cell = {cell: figure_value(figures[i].text) for i, cell in placed.items()}
    settled: Settled = {
        _settled_key(s, label): by_cell.get((s, r, 0))
        for s, labels in enumerate(sides)
        for r, label in enumerate(labels)
        if (s, r, 0) in by_cell or (s, r, 0) not in found.ever_filled
    }
    # An income side of items and 总计 alone: its 总计 is the year's income.
    if all(label.role in (Role.ITEM, Role.GRAND_TOTAL) for label in sides[INCOME]) and (
        (INCOME, Role.GRAND_TOTAL, None) in settled
    ):
        settled.setdefault((INCOME, Role.YEAR_TOTAL, None), settled[INCOME, Role.GRAND_TOTAL, None])
    return placed_table(lines, table.start, end, layout, rows, unplaced), settled


def _rows_printed_on(span: list[BlockLine], at: list[int], sides: tuple[list[Label], list[Label]]) -> Rows:
    """The figures (by their index among ``at``, their cells in ``span``) written on one line
    before a label of the spending side: pdftotext joins the words of one baseline into a line, so
    each is on that label's row, in the income side's columns left of it (``6.20 八、社会保障和就业
    支出``: 八、其他收入's figure), on the income row printed on that line.

    Which income row that is, the sides' rows paired by their roles say (``facing_row``: items from
    the top, the totals' rows by role), where the text confirms the pairing and contradicts it
    nowhere: some run of income labels the text writes before a run of as many spending labels is
    paired so (pdftotext writing a stretch of rows a side at a time: 本年收入合计 / 2,946.25
    本年支出合计), and none otherwise. A report whose income totals follow its last item, against
    spending items, is not paired by roles: no figure is placed by its line there, the search
    places them as it can."""
    starts = _starts(sides)
    glued = _glued_labels(span, at, starts)
    facing = {n: facing_row(sides, side, row) if side == SPENDING else None for n, (side, row) in glued.items()}
    if not _text_confirms_pairing(span, sides) or None in facing.values():
        return {}
    return {n: (INCOME, row) for n, row in facing.items() if row is not None}


def _figures_between_facing_labels(
    span: list[BlockLine], at: list[int], sides: tuple[list[Label], list[Label]]
) -> Rows:
    """The figures (by their index among ``at``) written right after an income label, before the
    spending label printed on the same line (``facing_row``), figures only between: on that line,
    so on that income row, in its columns. Text writing a page's lines in order, a row's cells in
    turn, writes a row's figures there (PyMuPDF: ``八、其他收入`` / ``6.20`` / ``八、社会保障和就业支出``);
    text writing figures apart from their rows (pdftotext's column streams) writes them after a
    label of the row above, or of the other side, which pairs no rows. Where the text's runs of
    labels contradict the pairing by roles, none (as ``_rows_printed_on``)."""
    if not _text_confirms_pairing(span, sides):
        return {}
    ends = {label.last: (s, r) for s, labels in enumerate(sides) for r, label in enumerate(labels)}
    starts = _starts(sides)
    figure_at = set(at)
    out: Rows = {}
    for n, k in enumerate(at):
        before, after = k - 1, k + 1
        while before in figure_at:
            before -= 1
        while after in figure_at:
            after += 1
        if before not in ends or after not in starts:
            continue
        (side, row), (other, facing) = ends[before], starts[after]
        if side == INCOME and other == SPENDING and facing_row(sides, SPENDING, facing) == row:
            out[n] = (INCOME, row)
    return out


def _starts(sides: tuple[list[Label], list[Label]]) -> dict[int, tuple[int, int]]:
    """Each label's first line -> its (side, row)."""
    return {label.first: (s, r) for s, labels in enumerate(sides) for r, label in enumerate(labels)}


def _text_confirms_pairing(span: list[BlockLine], sides: tuple[list[Label], list[Label]]) -> bool:
    """Whether some run of income labels the text writes before a run of as many spending labels
    pairs them as their roles do (``facing_row``), and none otherwise."""
    written = _paired_by_text(span, _starts(sides))
    agreed = [facing_row(sides, SPENDING, row) == income for row, income in written.items()]
    return bool(agreed) and all(agreed)


def _glued_labels(
    span: list[BlockLine], at: list[int], starts: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """Figure (by its index among ``at``) -> the (side, row) of the label written after it on its
    line, past the line's other figures (those of the side's other columns)."""
    figure_at = set(at)
    glued = {}
    for n, k in enumerate(at):
        after = k + 1
        while after in figure_at and _same_line(span[after], span[k]):
            after += 1
        if after in starts and _same_line(span[after], span[k]):
            glued[n] = starts[after]
    return glued


def _paired_by_text(span: list[BlockLine], starts: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Spending row -> the income row the text writes it beside: a run of income labels followed
    by a run of as many spending labels (figures and header cells between them aside) pairs them
    in order."""
    runs: list[tuple[int, list[int]]] = []  # (side, rows) in the order written
    for k in sorted(starts):
        side, row = starts[k]
        if runs and runs[-1][0] == side:
            runs[-1][1].append(row)
        else:
            runs.append((side, [row]))
    pairs: dict[int, int] = {}
    for (side, rows), (other, others) in pairwise(runs):
        if side == INCOME and other == SPENDING and len(rows) == len(others):
            pairs.update(zip(others, rows, strict=True))
    return pairs


def _same_line(a: BlockLine, b: BlockLine) -> bool:
    return a.page == b.page and a.line == b.line


def _settled_key(side: int, label: Label) -> tuple[int, Role, str | None]:
    """What the overview settles a row as: a spending item by its class (its name), any other row
    by its role and the fund it names, if any."""
    if side == SPENDING and label.role is Role.ITEM:
        return (side, label.role, label.key)
    return (side, label.role, _fund(label.text))


def _fund(text: str) -> str | None:
    return next((words for words in _FUND_WORDS if words in text), None)


def _from_fiscal(sides: tuple[list[Label], list[Label]], fiscal: Settled) -> dict[Cell, Known]:
    """What the fiscal overview settles of the overview's fund income items, carry-overs and
    totals, and of its classes: a class spends at least its appropriations (a class the fiscal
    overview leaves empty may spend other funds)."""
    known: dict[Cell, Known] = {}
    for s, labels in enumerate(sides):
        for r, label in enumerate(labels):
            if s == SPENDING and label.role is Role.ITEM:
                figure = fiscal.get(_settled_key(s, label))
                if figure is not None:
                    known[s, r, 0] = Known(figure, half_step(figure), at_least=True)
                continue
            fund = _fund(label.text)
            if label.role is Role.ITEM and fund is None and label.key == _FISCAL_INCOME:
                if (INCOME, Role.YEAR_TOTAL, None) in fiscal and s == INCOME:
                    known[s, r, 0] = Known.of(fiscal[INCOME, Role.YEAR_TOTAL, None])
                continue
            for role, fiscal_role, at_least in FISCAL_PARTS:
                key = (s, fiscal_role, fund if fiscal_role is Role.ITEM else None)
                if label.role is not role or key not in fiscal or (fiscal_role is Role.ITEM and fund is None):
                    continue
                figure = fiscal[key]
                if at_least and figure is not None:
                    known[s, r, 0] = Known(figure, half_step(figure), at_least=True)
                elif not at_least:
                    known[s, r, 0] = Known.of(figure)
    return known


def _from_overview(sides: tuple[list[Label], list[Label]], layout: HeaderLayout, overall: Settled) -> dict[Cell, Known]:
    """What the overview of all funds settles of its fiscal overview: a class it leaves empty spends
    no appropriation (its row empty in every column), a fund's income of the year is the overview's
    (一、一般公共预算财政拨款 is its 一、一般公共预算财政拨款收入)."""
    known: dict[Cell, Known] = {}
    columns = range(len(layout.sides[SPENDING].money))
    for r, label in enumerate(sides[SPENDING]):
        key = _settled_key(SPENDING, label)
        if label.role is Role.ITEM and key in overall and overall[key] is None:
            known.update({(SPENDING, r, c): EMPTY for c in columns})
    for r, label in enumerate(sides[INCOME]):
        fund = _fund(label.text)
        if label.role is not Role.ITEM or fund is None:
            continue
        said = next(
            ((INCOME, role, fund) for role in (Role.ITEM, Role.ITEM_PART) if (INCOME, role, fund) in overall), None
        )
        if said is not None:
            known[INCOME, r, 0] = Known.of(overall[said])
    return known


def _known(
    kind: TableKind,
    sides: tuple[list[Label], list[Label]],
    layout: HeaderLayout,
    tables: dict[TableKind, RebuiltTable],
    no_data: set[TableKind],
) -> dict[Cell, Known]:
    known: dict[Cell, Known] = {}
    # What a detail table prints (no figure at all; its lines' keys) is asked again for each of the
    # overview's columns it details: worked out once per table.
    blank: dict[TableKind, bool] = {}
    keys: dict[TableKind, set[str]] = {}

    def prints_nothing(kind: TableKind) -> bool:
        if kind not in blank:
            blank[kind] = _prints_no_figure(tables[kind])
        return blank[kind]

    empty_funds = [
        words
        for words, funds in FUND_TABLES
        if any(fund in no_data or (fund in tables and prints_nothing(fund)) for fund in funds)
    ]
    # A fund with no money has no row on the income side, nor a share of the spending side's
    # carry-over (the national template's （二）政府性基金预算拨款 under 二、年终结转结余); a spending
    # item is a class, whose name may hold a fund's (国有资本经营预算支出).
    for s, labels in enumerate(sides):
        for r, label in enumerate(labels):
            if (s == INCOME or label.role is Role.CARRY_PART) and any(words in label.text for words in empty_funds):
                known.update({(s, r, c): EMPTY for c in range(len(layout.sides[s].money))})
    _known_income(kind, sides[INCOME], tables, known)
    spending = layout.sides[SPENDING]
    # The row holding the year's spending: 本年支出合计, or 总计 on a side of items and 总计 alone
    # (a budget's: no carry-over to the next year).
    year_totals = {Role.YEAR_TOTAL}
    if all(label.role in (Role.ITEM, Role.GRAND_TOTAL) for label in sides[SPENDING]):
        year_totals.add(Role.GRAND_TOTAL)
    sources = spending_sources()
    for c, path in enumerate(spending.money):
        source = sources.get((kind, path[-1]))
        if source is not None and source[0] in no_data:
            known.update({(SPENDING, r, c): EMPTY for r in range(len(sides[SPENDING]))})
            continue
        if source is None or source[0] not in tables:
            continue
        detail = tables[source[0]]
        if prints_nothing(source[0]):
            known.update({(SPENDING, r, c): EMPTY for r in range(len(sides[SPENDING]))})
            continue
        settled = _settled_totals(detail, source[1])
        if source[0] not in keys:
            keys[source[0]] = {key for p in detail.placed() for key in row_keys(p.segment)}
        printed = keys[source[0]]
        for r, label in enumerate(sides[SPENDING]):
            key = TOTAL_KEY if label.role in year_totals else label.key
            if label.role is not Role.ITEM and label.role not in year_totals:
                continue
            if key in settled:
                known[SPENDING, r, c] = Known.of(settled[key])
            elif key not in printed and label.role is Role.ITEM:
                known[SPENDING, r, c] = EMPTY
    _derive_totals(known, sides, layout)
    return known


def _known_income(
    kind: TableKind, labels: list[Label], tables: dict[TableKind, RebuiltTable], known: dict[Cell, Known]
) -> None:
    """The income lines (in the side's one column) a detail table's total row prints, each in the
    column of its words (事业收入, 上年结转 …): the figure every placement of that row agrees on, or
    empty."""
    sources = income_sources()
    for r, label in enumerate(labels):
        source = sources.get((kind, label.key))
        if source is None or source not in tables or (INCOME, r, 0) in known or not _total_read(tables[source]):
            continue
        settled = _settled_totals(tables[source], (label.key,))
        if TOTAL_KEY in settled:
            known[INCOME, r, 0] = Known.of(settled[TOTAL_KEY])


def _total_read(table: RebuiltTable) -> bool:
    """Whether the table's total row holds a figure: a 合计 row whose figures no placement settled
    (each reported ambiguous) says nothing of which of its cells are empty."""
    return any(placed.figures.values for placed in table.placed() if TOTAL_KEY in row_keys(placed.segment))


def _prints_no_figure(table: RebuiltTable) -> bool:
    """A table printing no figure at all (``本表无数据``): every line of it is empty."""
    return settled_cells(table).blank


def _settled_totals(table: RebuiltTable, names: tuple[str, ...]) -> dict[str, Decimal | None]:
    """Each line's figure in the first of ``names`` the table prints as a column, where every
    placement of the line agrees on it (None: the cell is empty in all of them), by ``row_keys``.

    Not ``table_relations.settled_cells``, which knows a line's cells once one placement is left:
    the overview is placed once, after every other table, and a figure all the placements left put
    in the column is the column's, however the line's other figures are still placed."""
    out: dict[str, Decimal | None] = {}
    for placed in table.placed():
        paths = [path[-1] for path in placed.side.money]
        column = next((paths.index(name) for name in names if paths.count(name) == 1), None)
        candidates = placed.figures.candidates
        if column is None or not candidates:
            continue
        held = {tuple(placed.figures.values[i] for i, c in enumerate(p) if c == column) for p in candidates}
        if len(held) != 1:
            continue
        value = next(iter(held))
        for key in row_keys(placed.segment):
            out.setdefault(key, value[0] if value else None)
    return out


def _derive_totals(known: dict[Cell, Known], sides: tuple[list[Label], list[Label]], layout: HeaderLayout) -> None:
    """A 合计 cell whose fund cells are all known is their sum."""
    for s, side in enumerate(layout.sides):
        for total, parts in side.sums:
            for r in range(len(sides[s])):
                cells = [known.get((s, r, p)) for p in parts]
                if (s, r, total) in known or any(c is None for c in cells):
                    continue
                value = sum((c.value for c in cells if c is not None), Decimal(0))
                half = sum((c.half for c in cells if c is not None), Decimal(0))
                known[s, r, total] = Known(value, half)


def _rows(
    sides: tuple[list[Label], list[Label]], layout: HeaderLayout, figures: Sequence[BlockLine], placed: dict[int, Cell]
) -> list[list[PlacedSide | None]]:
    # Each row's figures by column, gathered once rather than looked for among all the placed for each row.
    by_row: dict[tuple[int, int], list[tuple[int, BlockLine]]] = {}
    for i, (side, row_, c) in placed.items():
        by_row.setdefault((side, row_), []).append((c, figures[i]))
    rows: list[list[PlacedSide | None]] = []
    for r in range(max(len(labels) for labels in sides)):
        row: list[PlacedSide | None] = []
        for s, labels in enumerate(sides):
            if r >= len(labels):
                row.append(None)
                continue
            label = labels[r]
            cells = sorted(by_row.get((s, r), ()))
            segment = Segment(
                name=[Token(label.text, label.page, label.line)],
                figures=[Token(line.text.strip(), line.page, line.line) for _, line in cells],
            )
            values = tuple(figure_value(line.text) for _, line in cells)
            row.append(PlacedSide(layout.sides[s], segment, RowFigures(values, [tuple(c for c, _ in cells)])))
        rows.append(row)
    return rows


def _maybe_in(
    line: BlockLine, layout: HeaderLayout, sides: tuple[list[Label], list[Label]], cells: set[Cell]
) -> AmbiguousCell:
    """A figure the placements put in different rows, reported with those rows (`` | ``-separated)
    and columns: a sum over those rows misses a part the table prints."""
    rows = " | ".join(dict.fromkeys(sides[s][r].text for s, r, _ in sorted(cells)))
    columns = dict.fromkeys("/".join(layout.sides[s].money[c]) for s, _, c in sorted(cells))
    cell = unplaced_figure(line, [])
    return replace(cell, row=rows or cell.row, candidates=tuple(columns))


def _unplaced(line: BlockLine, layout: HeaderLayout) -> AmbiguousCell:
    return unplaced_figure(line, [path for side in layout.sides for path in side.money])
