"""Standard tables rebuilt as grids from text that wrote them as lines (one row per line).

A table starts at a line naming a standard table (``kind_of_title``); the lines up to its first
body row are its header, matched against the catalogue of header layouts (``table_headers``);
its rows run until a line that cannot belong to it (the next title, a note, prose), across page
breaks where the title and header are printed again. Each row's figures are placed in the
layout's columns by the table's own arithmetic (``cell_assignment``); a figure that stays
ambiguous is left out of the grid and reported (``Document.ambiguous_cells``). The result is a
``Table`` with the layout's header rows, so the standard-table extractors read it like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple, Protocol

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.extract.standard_tables.recognise import kind_of_title, unit_of
from budget_reports.model import AmbiguousCell, Block, BlockKind, Cell, Table
from budget_reports.normalize import compact, parse_decimal
from budget_reports.numbering import PAGE_NUMBER, PART, pattern_of
from budget_reports.readers.baseline_headers import assembled_words
from budget_reports.readers.baseline_rows import gather_baseline_rows, is_written_by_baseline, possible_shares
from budget_reports.readers.baseline_sides import gather_two_sided_rows, prints_codes_apart
from budget_reports.readers.block_words import is_whole_code
from budget_reports.readers.cell_assignment import (
    Placement,
    RowFigures,
    bound_by_parent,
    keep_total_columns,
    narrow_by_columns,
    printed_row_candidates,
    row_candidates,
)
from budget_reports.readers.cell_stream_rows import cell_stream_rows
from budget_reports.readers.code_names import known_names
from budget_reports.readers.column_blocks import BlockLine, is_column_block_page, rebuild_pages, total_row_alone
from budget_reports.readers.column_order import in_printed_order, in_printed_word_order
from budget_reports.readers.figures_above_rows import figures_after_their_rows
from budget_reports.readers.laid_out_columns import (
    PagePositions,
    aligned_figures,
    confirmed_by_full_rows,
    contradicts,
    money_columns,
    restrict_to_positions,
)
from budget_reports.readers.laid_out_rows import (
    CENTRED_SLACK,
    column_measure,
    first_row_lines_in_header,
    gather_laid_out_rows,
    header_by_columns,
    spacing_lines,
)
from budget_reports.readers.linear_rows import (
    EMPTY_CELL_MARKS,
    HEADER_LEFTOVERS,
    Segment,
    Token,
    enumerator_value,
    figures_only,
    gather_rows,
    is_figure,
    is_row_label,
    is_row_line,
    line_tokens,
    opens_with_code,
    pending_has_figures,
    segments,
    strip_header_leftovers,
    words_as_printed,
)
from budget_reports.readers.lone_figures import Figures, OverviewSide, shares_keeping_item_totals
from budget_reports.readers.overview_labels import (
    cut_labels_left_out,
    label_ends_joined,
    named_side,
    totals_joined,
)
from budget_reports.readers.printed_numbers import (
    column_numbers_one_per_line,
    header_before_column_numbers,
    holds_column_numbers,
    is_page_number,
    numbers_columns_alone,
    opens_column_numbers,
)
from budget_reports.readers.report_alignment import with_report_alignment
from budget_reports.readers.row_numbers import numbers_its_rows, without_row_numbers
from budget_reports.readers.side_cells import WRITTEN_BY_CELLS, WRITTEN_BY_CELLS_ONE_SIDE, written_cell_by_cell
from budget_reports.readers.table_headers import HeaderLayout, LabelKind, Side, match_layout
from budget_reports.readers.table_relations import PlacedSide, RebuiltTable, narrow_across
from budget_reports.readers.unplaced_figures import placed_nowhere
from budget_reports.readers.whole_codes import is_whole_code_label

_TITLE_MAX_CHARS = 60
_ZERO = Decimal(0)
_HEADER_MAX_LINES = 30
# A body line is never this long without a figure: prose after the table.
_ROW_MAX_CHARS = 70
# Lines a 栏次 row written a number to a line may take (a blank line after each number).
_COLUMN_NUMBERS_MAX_LINES = 60
_TABLE_END = re.compile(rf"^(?:注[:：]|说明[:：]|{pattern_of(PART)}|附件|附表\s*\d)")
_FUNCTION_CODE_LENGTHS = (3, 5, 7)
_COLUMN_GAP = re.compile(r"\S {3,}\S")
_LAID_OUT_LINE = re.compile(r"^ {3,}\S|\S {3,}\S")
_CODE_WORD = re.compile(r"^\d{2,7}$")
_CLASS_CODE = re.compile(r"^\d{3}$")
# Where a glued title may start: a year (…1932026年部门…) or the first letter after a figure.
_YEAR = re.compile(r"(?:19|20)\d\d年")
_AFTER_FIGURE = re.compile(r"\d(?=[^\d\s,.，．%])")


class SourceLine(NamedTuple):
    """A line of the text and where it stands (a named tuple: one is made per line read, faster than a dataclass)."""

    page: int | None
    line: int
    text: str
    # Printed right after the text line before it, whatever the line numbers between say (lines an
    # extractor wrote out of place and that were put back: lifted figures, a raised line).
    follows: bool = False
    # The line as printed where its empty cells' dashes were dropped (``2,940.05 -`` read ``2,940.05``):
    # a table written row by row counts its cells by them (``dashed_rows``). None for any other line.
    printed: str | None = None


# Narrows a row side's placements with what is known outside the table (the report's other tables):
# called with the side's index, the side, its printed segment and its candidate placements.
RowSettler = Callable[[int, Side, Segment, RowFigures], None]


class RowsRead(Protocol):
    """A table's rows as a reader read them from its lines, placed again on request (narrowed by
    ``settle`` where the reader lets what is known outside the table narrow them)."""

    def placed(self, lines: list[SourceLine], settle: RowSettler | None = None) -> LinearTable: ...


@dataclass(frozen=True, slots=True)
class LinearTable:
    """A table found in the lines: where it starts and ends, and the blocks that replace its lines."""

    start: int  # index of the title line
    end: int  # index after its last line
    blocks: list[Block]
    ambiguous: list[AmbiguousCell]
    lost: str | None = None  # why the table could not be rebuilt (its lines are left out)
    rebuilt: RebuiltTable | None = None  # its rows as placed, for the checks against other tables
    # Figures that reached no row (a page written by columns whose blocks do not fit) or no side
    # (a two-sided table written by baseline): reported ambiguous whatever the other tables settle.
    unplaced: list[AmbiguousCell] = field(default_factory=list)
    # Its rows as read from its lines, before placement (``GatheredRows``, ``BlockRows`` or another
    # reader's): a rebuild places them again without reading the lines again.
    gathered: RowsRead | None = field(default=None, repr=False, compare=False)
    # Laid-out text: its rows as placed by their sums alone, the positions unread, where its placement
    # worked them out (what ``report_alignment`` weighs, read before any table narrows another's rows).
    by_sums: list[list[PlacedSide | None]] | None = field(default=None, repr=False, compare=False)
    # What of a table read here its reader left out, each reported like a table not read (the report
    # is partial): a self-evaluation table's indicator lines (``readers.unread_indicators``).
    parts_not_read: list[str] = field(default_factory=list)


def not_read_table(
    lines: list[SourceLine], start: int, end: int, why: str, unplaced: Sequence[AmbiguousCell] = ()
) -> LinearTable:
    """The table titled at ``start`` reported as not read: ``why`` says how its text defeated the
    reader (``的文本未能还原为行``, ``按列写出的文本未能还原为行`` …); its lines are replaced by its title,
    and its figures ``unplaced`` reported as ambiguous cells."""
    title = lines[start]
    heading = Block(BlockKind.HEADING, title.text.strip(), title.page, title.line)
    message = f"{printed_at(title)}表格“{compact(title.text)}”{why}（其数字未录入）"
    return LinearTable(start, end, [heading], list(unplaced), lost=message, unplaced=list(unplaced))


def printed_at(line: SourceLine) -> str:
    """Where a line stands, as a report of what was not read says it: its page, else its line."""
    return f"第{line.page}页" if line.page is not None else f"第{line.line}行"


def unglue_titles(lines: list[SourceLine]) -> list[SourceLine]:
    """A table's title glued to the figures ending the line before it, as extractors join the last
    line of a page to the first of the next (``合计 … 11,286,1932026年部门政府性基金预算…``):
    the title goes on a line of its own, with the same page and line for evidence."""
    out: list[SourceLine] = []
    for line in lines:
        # Every title holds 表: the other lines are not looked at.
        split = _glued_title_at(line.text) if "表" in line.text else None
        if split is None:
            out.append(line)
        else:
            out += [
                SourceLine(line.page, line.line, line.text[:split]),
                SourceLine(line.page, line.line, line.text[split:]),
            ]
    return out


def _glued_title_at(text: str) -> int | None:
    if "表" not in text or not any(map(str.isdigit, text)) or kind_of_title(compact(text)[-_TITLE_MAX_CHARS:]) is None:
        return None
    starts = [m.start() for m in _YEAR.finditer(text)] + [m.end() for m in _AFTER_FIGURE.finditer(text)]
    for start in sorted(set(starts)):
        head = text[:start].split()
        # The head is a table row: a label, then figures, the last one whole (11,286,193 | 2026年…).
        if len(head) > 1 and _figure(head[-1]) is not None and is_title(text[start:]):
            return start
    return None


def find_tables(lines: list[SourceLine]) -> list[LinearTable]:
    """Every standard table written as lines, in order (lines of one table never overlap another).

    ``lines`` must have been through ``unglue_titles``."""
    found: list[LinearTable] = []
    i = 0
    while i < len(lines):
        table = _table_at(lines, i) if is_title(lines[i].text) else None
        if table is None:
            i += 1
            continue
        found.append(table)
        i = table.end
    return _checked_against_each_other(with_report_alignment(found, lines))


def _checked_against_each_other(tables: list[LinearTable]) -> list[LinearTable]:
    """Figures still ambiguous in one table, placed by what the report's other tables print
    (``table_relations``); the tables whose placements narrowed are laid out again."""
    rebuilt = [t.rebuilt for t in tables if t.rebuilt is not None]
    if not any(len(p.figures.candidates) > 1 for t in rebuilt for p in t.placed()):
        return tables
    changed: list[RebuiltTable] = []
    for _ in range(3):  # a line settled in one table may settle a line of another
        narrowed = narrow_across(rebuilt)
        if not narrowed:
            break
        for table in narrowed:
            _narrow_columns(table.layout, table.rows)
        changed += [t for t in narrowed if t not in changed]
    if not changed:
        return tables
    return [laid_out_again(t) if t.rebuilt is not None and t.rebuilt in changed else t for t in tables]


def laid_out_again(table: LinearTable) -> LinearTable:
    """The table's grid laid out again from its rows as they stand now (narrowed by the report's
    other tables); the figures no row or side took (``unplaced``) are still reported."""
    if table.rebuilt is None:
        return table
    grid, ambiguous = _grid(table.rebuilt.layout, table.rebuilt.rows)
    blocks = [*table.blocks[:-1], _table_block(grid)]
    return replace(table, blocks=blocks, ambiguous=table.unplaced + ambiguous)


def _table_block(table: Table) -> Block:
    return Block(BlockKind.TABLE, _table_text(table), table.page, table.line, table)


def is_title(text: str) -> bool:
    """A line that is a standard table's title alone (not a sentence naming one)."""
    # Every standard table's title ends in 表: most lines stop here.
    return "表" in text and _is_title_naming_a_table(text)


@lru_cache(maxsize=4_096)  # every reader of the lines asks it of the same lines again
def _is_title_naming_a_table(text: str) -> bool:
    key = compact(text)
    return 0 < len(key) <= _TITLE_MAX_CHARS and "。" not in key and "，" not in key and kind_of_title(key) is not None


def rebuild_table(lines: list[SourceLine], table: LinearTable, settle: RowSettler) -> LinearTable | None:
    """The table found at ``table.start`` built again, its rows' placements narrowed by ``settle``
    before the table's own column sums are applied; None for a table whose reader kept no rows to
    place again (reading its lines again could read them another way, not the table narrowed)."""
    return table.gathered.placed(lines, settle) if table.gathered is not None else None


def _table_at(lines: list[SourceLine], start: int, settle: RowSettler | None = None) -> LinearTable | None:
    unit: SourceLine | None = None
    header: list[SourceLine] = []
    i = start + 1
    while i < len(lines) and len(header) < _HEADER_MAX_LINES:
        text = lines[i].text
        if not text.strip():
            i += 1
            continue
        if is_title(text) or _TABLE_END.match(compact(text)):
            return None
        if unit is None and unit_of(text) is not None and not header:
            unit = lines[i]
        elif opens_column_numbers(text) or (header and numbers_columns_alone(text)):
            pass
        elif header and text.strip() == "1" and (written := _column_numbers_at(lines, i)):
            i += written
            continue
        elif header and (words := header_before_column_numbers(text)) is not None:
            header.append(lines[i]._replace(text=words))  # a header cell's last words on the 栏次 row's baseline
        elif is_row_line(line_tokens(text, None, 0), coded=True) and header and not _total_in_header(lines, i, header):
            break
        else:
            header.append(lines[i])
        i += 1
    layout = _header_layout([h.text for h in header])
    if layout is None or i >= len(lines):
        return _by_columns_or_cells(lines, start, settle)
    if is_laid_out([*(h.text for h in header), lines[i].text]):
        lead = first_row_lines_in_header(
            [(h.text, h.line) for h in header],
            (lines[i].text, lines[i].line),
            lambda texts: _header_layout(texts) == layout,
        )
        if lead and lines[i - lead] is header[-lead]:  # the first row's name above its code: read as rows
            header, i = header[:-lead], i - lead
    header_key = compact("".join(h.text for h in header))
    coded = any(side.label is LabelKind.CODED for side in layout.sides)
    body_lines: list[SourceLine] = []
    with_blanks: list[SourceLine] = []  # laid-out text: a blank line ends a row
    page = lines[i].page
    page_headers = {page: [h.text for h in header]}  # laid-out text: each page's grid has its own columns
    while i < len(lines):
        line = lines[i]
        text = line.text
        key = compact(text)
        if not key:
            with_blanks.append(line)
            i += 1
            continue
        if line.page != page:
            page = line.page
            after_header = _continued_rows_start(lines, i, header_key, coded)
            page_headers[page] = [repeated.text for repeated in lines[i:after_header]]
            i = after_header
            continue
        if key in header_key and (after := _header_repeated_at(lines, i, header_key)) is not None:
            i = after  # the next page's header, where no page break marks it (a text without form feeds)
            continue
        if is_title(text) or _TABLE_END.match(key) or "。" in key:
            break
        if len(key) > _ROW_MAX_CHARS and not any(
            _figure(t.text) is not None for t in line_tokens(text, line.page, line.line)
        ):
            break
        body_lines.append(line)
        with_blanks.append(line)
        i += 1
    laid_out_body = is_laid_out(spacing_lines([line.text for line in body_lines]))
    if not coded and numbers_its_rows(h.text for h in header):
        lines, body_lines, with_blanks = _row_numbers_taken_out(lines, body_lines, with_blanks, laid_out_body)
    if laid_out_body:
        measure = column_measure([line.text for line in body_lines], coded)
        uncoded: list[AmbiguousCell] = []  # figures of parts completing no single code (levels printed once)
        laid_out = [(line.text, line.page, line.line) for line in with_blanks]
        rows = gather_laid_out_rows(laid_out, coded, measure, uncoded)
        layout = in_printed_order(page_headers.values(), layout, measure, rows, coded)
        positions = {p: money_columns(texts, layout, measure) for p, texts in page_headers.items()}
        gathered = GatheredRows(start, i, unit, layout, rows, coded, positions=positions, unsided=uncoded)
        return gathered.placed(lines, settle)
    if coded:
        body_lines = figures_after_their_rows(with_blanks)  # a squeezed laid-out text: each row's figures first
    # One row per line: the lines are split into words (laid-out text is read by the words' columns instead).
    body = [line_tokens(line.text, line.page, line.line) for line in body_lines]
    printed = in_printed_word_order([h.text for h in header], body, layout, coded)
    misaligned = _misaligned(body, coded, layout)
    by_baseline = not misaligned and is_written_by_baseline(body, coded)
    two_halves = not by_baseline and _two_coded_sides(layout) and (misaligned or prints_codes_apart(body))
    # These readings take a row's name from the lines around its code line (a line of both halves' names
    # split between them): the first row's, printed above it, is the body's.
    if coded and (by_baseline or two_halves or len(layout.sides) == 1) and _name_left_in_header(header, body, layout):
        body.insert(0, line_tokens(header[-1].text, header[-1].page, header[-1].line))
    if by_baseline:
        unsure: list[AmbiguousCell] = []  # figures of rows whose labels' pieces the text cannot tell apart
        rows = gather_baseline_rows(body, coded, _two_labelled_sides(layout), unsure)
        return GatheredRows(start, i, unit, printed, rows, coded, by_baseline=True, unsided=unsure).placed(
            lines, settle
        )
    if two_halves:
        rows, unplaced = gather_two_sided_rows(body, (len(layout.sides[0].money), len(layout.sides[1].money)))
        return GatheredRows(start, i, unit, printed, rows, coded, unsided=unplaced).placed(lines, settle)
    if _two_coded_sides(layout) and written_cell_by_cell(body):  # read from its cells by side_by_side_streams
        return not_read_table(lines, start, i, WRITTEN_BY_CELLS)
    if misaligned:
        return not_read_table(lines, start, i, "的文本中数字与所在行错位，未能还原")
    if coded and len(layout.sides) == 1 and written_cell_by_cell(body):  # cells apart from their rows
        return _one_side_by_cells(lines, start, i, unit, printed, with_blanks, settle)
    unsure: list[AmbiguousCell] = []  # figures of rows whose names the text cannot tell apart
    if _two_labelled_sides(layout) and body and figures_only(body[0], coded=False):
        body = _figures_above_labels_left_out(body, unsure)
    rows = gather_rows(body, coded, unsure)
    if _two_labelled_sides(layout):
        rows = cut_labels_left_out(label_ends_joined(totals_joined(rows)), unsure)
    return GatheredRows(start, i, unit, printed, rows, coded, unsided=unsure).placed(lines, settle)


def _figures_above_labels_left_out(body: list[list[Token]], unsure: list[AmbiguousCell]) -> list[list[Token]]:
    """The body of a labelled table that opens with a line of figures alone: it prints its figures above
    their labels (a laid-out text whose spacing was squeezed, the figures set at the middle height of
    cells whose labels wrap). Read as rows write them, each such line would go to the row above; which
    row and which side it is, a two-sided row's figures mixed on one line, the text cannot tell. Each
    line of figures alone is left out, its figures reported with the rows around it."""
    kept: list[list[Token]] = []
    for k, tokens in enumerate(body):
        if not figures_only(tokens, coded=False):
            kept.append(tokens)
            continue
        above = words_as_printed(kept[-1]) if kept else ""
        below = next((words_as_printed(line) for line in body[k + 1 :] if not figures_only(line, coded=False)), "")
        snippet = words_as_printed(tokens)
        unsure.extend(AmbiguousCell(t.page, t.line, t.text, below, (above, below), snippet) for t in tokens)
    return kept


def _row_numbers_taken_out(
    lines: list[SourceLine], body: list[SourceLine], with_blanks: list[SourceLine], laid_out: bool
) -> tuple[list[SourceLine], list[SourceLine], list[SourceLine]]:
    """The text's lines, the table's body lines and those with its blank lines, each row's 行次 number
    taken out (``row_numbers``): no figure of any row, nor one printed that no row took."""
    changed = {
        (line.page, line.line): line._replace(text=text)
        for line, text in zip(body, without_row_numbers([line.text for line in body], laid_out), strict=True)
        if text != line.text
    }
    if not changed:
        return lines, body, with_blanks

    def taken_out(some: list[SourceLine]) -> list[SourceLine]:
        return [changed.get((line.page, line.line), line) for line in some]

    return taken_out(lines), taken_out(body), taken_out(with_blanks)


def _by_columns_or_cells(lines: list[SourceLine], start: int, settle: RowSettler | None) -> LinearTable | None:
    """A table whose header the line reading did not match: written by columns (``column_blocks``)
    or, where its columns do not give its rows, cell by cell (``cell_stream_rows``)."""
    by_columns = _column_block_table(lines, start)
    if by_columns is not None and by_columns.lost is None and not _figures_left(by_columns):
        return by_columns
    by_cells = _cell_stream_table(lines, start, settle)
    if by_columns is None or by_columns.lost is not None:
        return by_cells or by_columns
    # Rows rebuilt from the columns may leave figures in no column (a row's figures fitting several
    # of its columns' sums); read cell by cell, the printed order and the report's other tables may
    # place them all: that reading is taken where it leaves no figure out.
    return by_cells if by_cells is not None and not _figures_left(by_cells) else by_columns


def _figures_left(table: LinearTable) -> int:
    """The figures a table's reading leaves in no cell (reported ambiguous)."""
    return len(table.ambiguous) + len(table.unplaced)


def _cell_stream_table(lines: list[SourceLine], start: int, settle: RowSettler | None) -> LinearTable | None:
    """A one-sided coded table written cell by cell whose header prints a total cell (本年收入 over
    合计) that the line reading takes for the 合计 row: its header is every cell before the first
    class code, its rows run to the next title, note or prose."""
    end = start + 1
    while end < len(lines) and not (is_title(lines[end].text) or _TABLE_END.match(compact(lines[end].text))):
        if "。" in lines[end].text:
            break
        end += 1
    first = next((k for k in range(start + 1, end) if _CLASS_CODE.match(compact(lines[k].text))), None)
    if first is None:
        return None
    first = _total_row_before(lines, start + 1, first)
    unit = next((line for line in lines[start + 1 : first] if unit_of(line.text) is not None), None)
    header = [
        line.text
        for line in lines[start + 1 : first]
        if line.text.strip() and line is not unit and not PAGE_NUMBER.match(line.text.strip())
    ]
    layout = _header_layout(header)
    if layout is None or len(layout.sides) != 1 or layout.sides[0].label is not LabelKind.CODED:
        return None
    body = [line_tokens(line.text, line.page, line.line) for line in lines[first:end] if line.text.strip()]
    if not written_cell_by_cell(body):
        return None
    printed = in_printed_word_order(header, body, layout, True)
    read = cell_stream_rows(_without_repeated_headers(lines, first, end, header), printed.sides[0])
    if read is None:
        return None
    rows, unsure = read
    return GatheredRows(start, end, unit, printed, rows, True, unsided=unsure).placed(lines, settle)


def _total_row_before(lines: list[SourceLine], begin: int, first: int) -> int:
    """Where the rows of a table written cell by cell start: at its 合计 row where one is written
    before the first class code, its label then its figures alone (PyMuPDF: ``合计`` / ``2940.05`` /
    ``2336.91`` / ``603.14 -``; a header's cells print no figure), else at that code (``first``)."""
    k = first - 1
    figures = 0
    while k >= begin and (not lines[k].text.strip() or _figures_alone(lines[k].text)):
        figures += bool(lines[k].text.strip())
        k -= 1
    if figures and k >= begin and is_total(compact(lines[k].text)):
        return k
    return first


def _without_repeated_headers(lines: list[SourceLine], begin: int, end: int, header: list[str]) -> list[SourceLine]:
    """The lines from ``begin`` to ``end``, the header a later page opens with left out: its cells,
    written one to a line as on the first page (``header``), are no rows' names. Each header line
    is taken once a page, up to the first line that is none (a total row after the header, 合计,
    stays a row though the header prints 合计 too)."""
    out: list[SourceLine] = []
    page = lines[begin].page if begin < end else None
    cells = Counter(compact(text) for text in header)
    k = begin
    while k < end:
        line = lines[k]
        key = compact(line.text)
        if key and line.page != page:
            page = line.page
            k = _past_repeated_header(lines, k, end, cells)
            continue
        out.append(line)
        k += 1
    return out


def _past_repeated_header(lines: list[SourceLine], k: int, end: int, cells: Counter[str]) -> int:
    """The first line from ``k`` on that is not one of the header's ``cells`` (each taken once),
    blank lines and page numbers passed over; ``k`` itself where one cell alone is (a page opening
    with its 合计 row, its header not repeated: one header cell is no header)."""
    left = cells.copy()
    start, taken = k, 0
    while k < end:
        key = compact(lines[k].text)
        if key and not is_page_number(key):
            if left[key] <= 0:
                break
            left[key] -= 1
            taken += 1
        k += 1
    return k if taken > 1 else start


def _one_side_by_cells(
    lines: list[SourceLine],
    start: int,
    end: int,
    unit: SourceLine | None,
    layout: HeaderLayout,
    with_blanks: list[SourceLine],
    settle: RowSettler | None,
) -> LinearTable:
    """A one-sided coded table written cell by cell (``cell_stream_rows``), or reported not read."""
    read = cell_stream_rows(with_blanks, layout.sides[0])
    if read is None:
        return not_read_table(lines, start, end, WRITTEN_BY_CELLS_ONE_SIDE)
    rows, unsure = read
    return GatheredRows(start, end, unit, layout, rows, True, unsided=unsure).placed(lines, settle)


@dataclass(frozen=True, slots=True)
class GatheredRows:
    """A table's rows as its lines print them (tokens of each row, in reading order), with what
    places them: the table is built from them, and built again with what other tables settle."""

    start: int  # index of the title line
    end: int  # index after the table's last line
    unit: SourceLine | None
    layout: HeaderLayout
    rows: list[list[Token]]
    coded: bool
    by_baseline: bool = False  # a row's figures may sit on several lines (``baseline_rows``)
    positions: PagePositions = field(default_factory=dict)  # laid-out text: each page's money columns
    # Figures of a two-sided table that neither side took (``baseline_sides``): reported ambiguous.
    unsided: list[AmbiguousCell] = field(default_factory=list)

    def placed(self, lines: list[SourceLine], settle: RowSettler | None = None) -> LinearTable:
        """The table, its rows placed (narrowed by ``settle`` first, when given)."""
        placed_rows, by_sums = _placed(self.layout, self.rows, self.coded, settle, self.by_baseline, self.positions)
        # The figures neither side took go with the table's ``unplaced``: a grid laid out again keeps them.
        table = _assembled(lines, self.start, self.end, self.unit, self.layout, placed_rows, self.unsided)
        return replace(table, gathered=self, by_sums=by_sums)

    def placed_rows(self, settle: RowSettler | None = None) -> list[list[PlacedSide | None]]:
        """The rows placed, as ``placed`` grids them (for a reader asking where the figures go, not the grid)."""
        return _placed(self.layout, self.rows, self.coded, settle, self.by_baseline, self.positions)[0]


@dataclass(frozen=True, slots=True)
class BlockRows:
    """A table written by columns (``column_blocks``), its rows as rebuilt from the blocks and their
    placements before the table's sums narrowed them: placed again without rebuilding the blocks.
    Nothing outside the table narrows them (``settle`` is not asked)."""

    start: int
    end: int
    unit: SourceLine | None
    layout: HeaderLayout
    rows: list[tuple[Segment, RowFigures]]
    unplaced: list[AmbiguousCell]

    def placed(self, lines: list[SourceLine], settle: RowSettler | None = None) -> LinearTable:
        side = self.layout.sides[0]
        placed_rows: list[list[PlacedSide | None]] = [
            [PlacedSide(side, segment, figures.copy())] for segment, figures in self.rows
        ]
        _narrow_columns(self.layout, placed_rows)
        table = _assembled(lines, self.start, self.end, self.unit, self.layout, placed_rows, self.unplaced)
        return replace(table, gathered=self)


def _assembled(
    lines: list[SourceLine],
    start: int,
    end: int,
    unit: SourceLine | None,
    layout: HeaderLayout,
    placed_rows: list[list[PlacedSide | None]],
    unplaced: list[AmbiguousCell],
) -> LinearTable:
    """The table titled at ``start`` as blocks: its title, unit line and grid of the placed rows;
    the figures left ambiguous, after those ``unplaced`` (that reached no row or side, the
    figures its lines print that no row took among them)."""
    title = lines[start]
    table, ambiguous = _grid(layout, placed_rows)
    columns = [path for side in layout.sides for path in side.money]
    unplaced = [*unplaced, *placed_nowhere(lines[start + 1 : end], table, [*unplaced, *ambiguous], columns)]
    blocks = [Block(BlockKind.HEADING, title.text.strip(), title.page, title.line)]
    if unit is not None:
        blocks.append(Block(BlockKind.PARAGRAPH, unit.text.strip(), unit.page, unit.line))
    blocks.append(_table_block(table))
    rebuilt = RebuiltTable(kind_of_title(compact(title.text)), layout, placed_rows)
    return LinearTable(start, end, blocks, unplaced + ambiguous, rebuilt=rebuilt, unplaced=unplaced)


def _total_in_header(lines: list[SourceLine], i: int, header: list[SourceLine]) -> bool:
    """A total alone on line ``i`` (合计, no figure) that ends a wrapped header cell (本年支出 over 合计)
    rather than being the table's 合计 row, ``header`` the header's lines before it. The 合计 row
    prints its figures on its line or the next (pdfplumber, -raw), or nothing where the table is
    empty; the header's line is followed by the first row, label and figures (after more header
    lines, maybe), and without it the header names its columns less well (no layout, or a less
    specific one). A table without a label column (the 三公 table) prints no 合计 row at all: a total
    alone over its row's figures, the header's lines between, is its 合计 column's head."""
    tokens = strip_header_leftovers(line_tokens(lines[i].text, None, 0))
    if len(tokens) != 1 or not is_total(tokens[0].text):
        return False
    rest, first_row = _header_continuation(lines, i)
    if first_row is None:
        return False  # no row (an empty table), page furniture
    before, after = [h.text for h in header], [line.text for line in rest]
    with_it = _header_layout([*before, lines[i].text, *after])
    if with_it is not None and _unlabelled_row(lines, first_row, with_it):
        return True  # a table without a label column prints no 合计 row
    if with_it is None or not _opens_a_row(lines, first_row):
        return False  # the 合计 row's figures below it
    without = _header_layout([*before, *after])
    return without is None or with_it.specificity() > without.specificity()


def _unlabelled_row(lines: list[SourceLine], k: int, layout: HeaderLayout) -> bool:
    """Line ``k`` opens a row of a table without a label column (the 三公 table: its 合计 is a
    column's head, merged over the lines of its neighbours' heads, so a line of its own among
    them): figures alone, more than one on the lines of figures from it on (a cell set lower or
    higher than the others is written on a line of its own; one figure alone may be a page number).
    A dash printed in an empty cell is no figure, and no word that ends the row either, nor is a
    line of dashes alone (a cell or two to a line, PyMuPDF: ``0.95 -`` / ``-`` / … / ``0.95 -``), which
    the text reader has made blank, keeping what it printed."""
    if any(side.label is not LabelKind.NONE for side in layout.sides):
        return False
    figures = 0
    for line in lines[k:]:
        if line.page != lines[k].page:
            break
        if _empty_cells_alone(line):
            continue
        count = _figures_alone(line.text)
        if not count:
            break
        figures += count
    return figures > 1


def _figures_alone(text: str) -> int:
    """How many figures the line prints where it prints figures alone (an empty cell's dash aside); 0
    where it prints anything else, or nothing."""
    tokens = [t for t in line_tokens(text, None, 0) if t.text not in EMPTY_CELL_MARKS]
    return len(tokens) if all(is_figure(t.text) for t in tokens) else 0


def _empty_cells_alone(line: SourceLine) -> bool:
    """A line printing dashes alone (empty cells): the text reader keeps what a line printed only
    where it took its dashes out (``printed``), so a blank line keeping it printed nothing else."""
    return line.printed is not None and not line.text.strip()


def _opens_a_row(lines: list[SourceLine], k: int) -> bool:
    """Line ``k`` prints a body row: its label (a code, a numbered item, a total) and figures after
    it, or a total alone over its figures (pdfplumber, -raw: the total and a part at least, never
    one number, which may be the page's). Text written by columns or in streams (pdftotext's
    default) prints a label alone, its figures apart: its header is read by its blocks."""
    tokens = strip_header_leftovers(line_tokens(lines[k].text, None, 0))
    if len(tokens) == 1 and is_total(tokens[0].text):
        below = next((line for line in lines[k + 1 :] if line.text.strip()), None)
        words = line_tokens(below.text, None, 0) if below is not None and below.page == lines[k].page else []
        return len(words) > 1 and all(is_figure(t.text) for t in words)
    opens = opens_with_code(tokens) or is_row_label(tokens[0].text)
    return opens and pending_has_figures(tokens[1:])


def _header_continuation(lines: list[SourceLine], i: int) -> tuple[list[SourceLine], int | None]:
    """The header's lines after line ``i`` (on its page, as the header loop takes them: no unit line
    or column numbers) and the index of the first row's line after them; None where the table ends first."""
    rest: list[SourceLine] = []
    for k in range(i + 1, min(len(lines), i + 1 + _HEADER_MAX_LINES)):
        line = lines[k]
        key = compact(line.text)
        if line.page != lines[i].page or is_title(line.text) or _TABLE_END.match(key) or "。" in key:
            return rest, None
        if not key or unit_of(line.text) is not None or _numbers_the_columns(line.text):
            continue
        if is_row_line(line_tokens(line.text, None, 0), coded=True):
            return rest, k
        rest.append(line)
    return rest, None


def _column_numbers_at(lines: list[SourceLine], i: int) -> int:
    """The lines from ``i`` holding the 栏次 row written a number to a line (0: none)."""
    return column_numbers_one_per_line(line.text for line in lines[i : i + _COLUMN_NUMBERS_MAX_LINES])


def _numbers_the_columns(text: str) -> bool:
    """The 栏次 row under a header: its label first, or its numbers alone (a table without a label column)."""
    return opens_column_numbers(text) or numbers_columns_alone(text)


def _continued_rows_start(lines: list[SourceLine], begin: int, header_key: str, coded: bool) -> int:
    """Where a continuation page's rows start (its first line ``begin``): after its repeated header,
    where skipping it stops as at a row at a total alone that is the header's (本年支出 over 合计) and
    at the column numbers (栏次 1 2 3, or 科目编码 栏次 1 2 3 with a header cell's words: figures that are no row)."""
    end = _skip_repeated_header(lines, begin, header_key, coded)
    while end < len(lines):
        repeated = [line for line in lines[begin:end] if (key := compact(line.text)) and key in header_key]
        if not holds_column_numbers(lines[end].text) and not (repeated and _total_in_header(lines, end, repeated)):
            return end
        end = _skip_repeated_header(lines, end + 1, header_key, coded)
    return end


def _header_layout(texts: list[str]) -> HeaderLayout | None:
    """The header's layout; a laid-out header (its cells' words on several lines, side by side with
    other cells: some lines hold cells set apart by runs of spaces) is read column by column first."""
    if any(_COLUMN_GAP.search(text.strip()) for text in texts):
        by_columns = match_layout(header_by_columns(texts))
        if by_columns is not None:
            return by_columns
    layout = match_layout(" ".join(texts))
    assembled = assembled_words(texts)  # header cells a text written by baseline cut over lines
    if assembled:
        whole = match_layout(" ".join([*texts, *assembled]))
        if whole is not None and (layout is None or whole.specificity() > layout.specificity()):
            return whole
    return layout


def is_laid_out_line(text: str) -> bool:
    """A line keeping its cells' columns (runs of spaces between them, or indented to its column)."""
    return "   " in text and _LAID_OUT_LINE.search(text) is not None


def is_laid_out(texts: list[str]) -> bool:
    """Text written by ``pdftotext -layout``: most lines hold cells set apart by runs of spaces or
    start where their column does, indented (one-cell lines of a wide table), and some hold cells
    apart (a real table's body: 12% of its lines at the fewest, a header's single line aside)."""
    lines = [t for t in texts if t.strip()]
    # Both forms hold a run of three spaces: the substring test spares most lines the pattern.
    if not lines or sum(map(is_laid_out_line, lines)) * 2 <= len(lines):
        return False
    # Lines indented but none holding cells apart (each run of spaces between words made one, the
    # indents kept): the columns are lost, and read by position they would set words in false ones.
    return len(lines) == 1 or any(_COLUMN_GAP.search(t) for t in lines)


def _misaligned(body: list[list[Token]], coded: bool, layout: HeaderLayout) -> bool:
    """Cells that left their row, so that which row they belong to is not in the text: the codes of
    two side-by-side halves on a line of their own, their names and figures on other lines
    (pdfplumber). Laid-out text, whose words keep their columns, is read by ``laid_out_rows``."""
    if all(side.label is LabelKind.NONE for side in layout.sides):
        return False
    for tokens in body:
        codes_only = coded and all(_CODE_WORD.match(t.text) for t in tokens)
        if codes_only and len(layout.sides) > 1 and sum(len(t.text) in (3, 5, 7) for t in tokens) > 1:
            return True
    return False


def _column_block_table(lines: list[SourceLine], start: int) -> LinearTable | None:
    """A table written column by column (pdftotext's default mode), on the title's page and the
    pages after it that go on with its columns (bare codes and figures, no title of their own)."""
    title = lines[start]
    spans = [(start + 1, _page_end(lines, start + 1))]
    pages = [_block_lines(lines, *spans[0])]
    first = spans[0][1]
    if _holds_no_figure(pages[0]) and first < len(lines) and lines[first].page != title.page:
        # The title (and unit) at the foot of a page, its table on the next one.
        spans.append((first, _page_end(lines, first)))
        pages = [_block_lines(lines, *spans[-1])]
    if not is_column_block_page(pages[0]):
        return None  # the title's page holds no table written by columns: the pages after it are not looked at
    layout = match_layout(" ".join(line.text for line in pages[0] if not any(map(str.isdigit, line.text))))
    if layout is None:
        return None
    while spans[-1][1] < len(lines) and lines[spans[-1][1]].page != lines[spans[-1][1] - 1].page:
        begin = spans[-1][1]
        end = _page_end(lines, begin)
        page = _block_lines(lines, begin, end)  # made once: read by the test and, going on, as the table's page
        if not _continues_in_columns(page):
            # The table's last page may hold its 合计 row alone: the table ends with it.
            if total_row_alone(page, layout) is not None:
                spans.append((begin, end))
                pages.append(page)
            break
        spans.append((begin, end))
        pages.append(page)
    unit = next((line for line in lines[start + 1 : spans[0][1]] if unit_of(line.text) is not None), None)
    rebuilt = rebuild_pages(pages, layout, unit is not None and unit_of(unit.text) == "元")
    if rebuilt is None:
        return not_read_table(lines, start, spans[-1][1], "按列写出的文本未能还原为行")
    rows, unplaced = rebuilt
    return BlockRows(start, spans[-1][1], unit, layout, rows, unplaced).placed(lines)


def placed_table(
    lines: list[SourceLine],
    start: int,
    end: int,
    layout: HeaderLayout,
    placed_rows: list[list[PlacedSide | None]],
    unplaced: list[AmbiguousCell],
) -> LinearTable:
    """The table titled at ``start`` from rows a reader placed itself, with the figures it could not place."""
    unit = next((line for line in lines[start + 1 : end] if unit_of(line.text) is not None), None)
    return _assembled(lines, start, end, unit, layout, placed_rows, unplaced)


def _page_end(lines: list[SourceLine], begin: int) -> int:
    """Index after the last line of ``begin``'s page that can belong to a table written by columns."""
    end = begin
    while end < len(lines) and lines[end].page == lines[begin].page:
        text = lines[end].text
        if is_title(text) or _TABLE_END.match(compact(text)) or "。" in text:
            break
        end += 1
    return end


def _block_lines(lines: list[SourceLine], begin: int, end: int) -> list[BlockLine]:
    return [BlockLine(line.text, line.page, line.line, line.printed) for line in lines[begin:end]]


def _holds_no_figure(page: list[BlockLine]) -> bool:
    return not any(_figure(word) is not None for line in page for word in line.text.split())


def _continues_in_columns(page: list[BlockLine]) -> bool:
    """A page going on with a table written by columns: its runs of bare codes and figures, and at
    least one classification code (a 类 code alone, a code whole beside its name, or a 款 or 项 code
    whole alone on its line that the reference knows: a page going on with a 类 the page before
    opened, its name on the line after, as pdftotext writes a row whose name wraps in its cell)."""
    return is_column_block_page(page) and any(
        _CLASS_CODE.match(key := compact(line.text)) or is_whole_code_label(line.text) or _known_whole_code(key)
        for line in page
    )


def _known_whole_code(key: str) -> bool:
    """A code printed whole (``2210203``) that the classification reference knows."""
    return is_whole_code(key) and bool(known_names(key))


def _header_repeated_at(lines: list[SourceLine], i: int, header_key: str) -> int | None:
    """Where the rows go on after the table's header printed again whole from line ``i`` (its lines'
    words in order, as the header above prints them), on the same page; None where the lines from
    ``i`` are no such repeat (a name's last words that the header also prints: ``支出``)."""
    joined = ""
    while i < len(lines) and (key := compact(lines[i].text)) and header_key.startswith(joined + key):
        joined += key
        i += 1
        if joined == header_key:
            return i
    return None


def _skip_repeated_header(lines: list[SourceLine], i: int, header_key: str, coded: bool) -> int:
    """After a page break: skip the title (续), unit line, repeated header and page furniture."""
    while i < len(lines):
        text = lines[i].text
        key = compact(text)
        tokens = line_tokens(text, None, 0)
        if key and is_row_line(tokens, coded) and not is_page_number(key):
            return i
        repeated = (
            not key
            or is_page_number(key)
            or unit_of(text) is not None
            or opens_column_numbers(text)
            or key in header_key
            or (kind_of_title(key) is not None and "续" in key)
        )
        if not repeated:
            return i
        i += 1
    return i


def _figure(text: str) -> Decimal | None:
    return parse_decimal(text)


def _placed(
    layout: HeaderLayout,
    rows: list[list[Token]],
    coded: bool,
    settle: RowSettler | None,
    by_baseline: bool,
    positions: PagePositions,
) -> tuple[list[list[PlacedSide | None]], list[list[PlacedSide | None]] | None]:
    """The rows placed with their figures' positions where the text keeps them, unless a figure so
    placed is placed elsewhere by the table's sums alone: the positions are then not trusted. Also
    the rows placed by the sums alone where that placement was worked out on the way, the positions
    read (else None): the report's alignment weighs them without placing the rows once more.

    The rows are cut into sides and their figures' placements found once; the ways of narrowing
    them (by position, by the sums alone, with ``settle``) each work on their own copy."""
    row_segments = [segments(tokens, coded) for tokens in rows]
    sides = _row_sides(layout, row_segments, by_baseline)
    if not any(positions.values()):
        return _narrowed(layout, sides, settle, copy=False), None
    allowed = _allowed_by_position(layout, row_segments, sides, positions)
    if not _restricts(sides, allowed):
        # The positions allow every placement the rows' sums left (most laid-out tables): placed by
        # position and by the sums alone would be one and the same narrowing, worked out once.
        placed = _narrowed(layout, sides, settle, copy=False)
        return placed, placed if settle is None else None
    by_position = _narrowed(layout, sides, None, allowed)
    by_sums = _narrowed(layout, sides, None)
    pairs = [
        (a.figures, b.figures)
        for row_a, row_b in zip(by_position, by_sums, strict=True)
        for a, b in zip(row_a, row_b, strict=True)
        if a is not None and b is not None
    ]
    if contradicts(pairs):
        return (by_sums if settle is None else _narrowed(layout, sides, settle, copy=False)), by_sums
    return (by_position if settle is None else _narrowed(layout, sides, settle, allowed, copy=False)), by_sums


def _row_sides(
    layout: HeaderLayout, row_segments: list[list[Segment]], by_baseline: bool
) -> list[list[PlacedSide | None]]:
    """Each row's sides, with the placements of its figures its own sums allow. A row of a text
    written by baseline (``baseline_rows``) may print its figures on several lines, in an order
    that is not the columns'."""
    placed_rows: list[list[PlacedSide | None]] = []
    chooser = _SideChooser(layout)
    several = len(layout.sides) > 1
    # Per side, what placing its figures asks (the same for every row): the side, its width and sums.
    shapes = [(side, len(side.money), side.sums) for side in layout.sides]
    undecided: list[tuple[int, list[list[Segment]]]] = []  # rows whose figures below fit either side
    for segs in row_segments:
        if not segs:
            continue
        unshared: Segment | None = None  # figures below two sides' labels that fit either side
        shares: list[list[Segment]] = []
        if by_baseline and len(segs) == len(layout.sides) > 1:
            shares = possible_shares(segs, lambda i, figures: _fits(layout.sides[i], figures))
            if len(shares) == 1:
                segs = shares[0]
            else:
                unshared = segs[-1]
        sides = chooser.assign(segs)
        placed: list[PlacedSide | None] = [None] * len(layout.sides)
        # A row of one side never continues the row before it to the right.
        if several and placed_rows and sides and _continues_to_the_right(placed_rows[-1], min([i for i, _ in sides])):
            placed = placed_rows.pop()  # one printed row whose sides the text wrote on successive lines
        for side_index, segment in sides:
            side, width, sums = shapes[side_index]
            values = tuple([parse_decimal(t.text) or _ZERO for t in segment.figures])
            printed_on = tuple([(t.page, t.line) for t in segment.figures])
            place = row_candidates if by_baseline else printed_row_candidates
            figures = place(values, width, sums, printed_on)
            _narrow_by_dashes(figures, segment.dashed_placement(width))
            if segment is unshared:
                figures.candidates = []  # which side they belong to cannot be told: none is placed
            placed[side_index] = PlacedSide(side, segment, figures)
        placed_rows.append(placed)
        if unshared is not None and len(shares) > 1:
            undecided.append((len(placed_rows) - 1, shares))
    if undecided and _two_labelled_sides(layout):
        _share_by_item_totals(layout, placed_rows, undecided)
    return placed_rows


def _narrow_by_dashes(figures: RowFigures, dashed: Placement | None) -> None:
    """A row printing a dash in each empty cell says which column each figure is in: of the
    placements its sums allow, that one (``20808 抚恤 294000 - 294000`` fits 合计 = 项目支出 as well as
    合计 = 基本支出 by the sums alone). Where the sums do not allow it, the dashes are not trusted."""
    if dashed is not None and dashed in figures.candidates:
        figures.candidates = [dashed]


def _share_by_item_totals(
    layout: HeaderLayout, rows: list[list[PlacedSide | None]], undecided: list[tuple[int, list[list[Segment]]]]
) -> None:
    """Rows of a two-sided overview whose figures below their labels fit either side (each row's
    ``k``-th segment on side ``k``), shared out the one way that lets every side's items add up to
    their total (``lone_figures.shares_keeping_item_totals``); the others stay unplaced."""
    sides = [OverviewSide([], [], []) for _ in layout.sides]
    line_of: dict[tuple[int, int], int] = {}  # (row, side) → the row's line among its side's
    for r, row in enumerate(rows):
        for i, placed in enumerate(row):
            if placed is not None:
                line_of[r, i] = len(sides[i].figures)
                name = placed.segment.name_text
                sides[i].items.append(enumerator_value(name) is not None)
                sides[i].totals.append(is_total(name))
                sides[i].figures.append(_known_figures(placed.figures, len(placed.side.money)))
    placements = [
        [[_share_placed(layout.sides[i], seg) for i, seg in enumerate(share)] for share in shares]
        for _, shares in undecided
    ]
    ways = [
        [
            [(i, line_of[r, i], _known_figures(figures, len(layout.sides[i].money))) for i, figures in enumerate(way)]
            for way in row_ways
        ]
        for (r, _), row_ways in zip(undecided, placements, strict=True)
    ]
    for (r, shares), row_ways, way in zip(undecided, placements, shares_keeping_item_totals(sides, ways), strict=True):
        if way is not None:
            rows[r] = [PlacedSide(layout.sides[i], seg, row_ways[way][i]) for i, seg in enumerate(shares[way])]


def _share_placed(side: Side, segment: Segment) -> RowFigures:
    """A side's share of a row's figures placed by the side's own sums (text written by baseline)."""
    values = tuple([parse_decimal(t.text) or _ZERO for t in segment.figures])
    return row_candidates(values, len(side.money), side.sums, tuple([(t.page, t.line) for t in segment.figures]))


def _known_figures(figures: RowFigures, width: int) -> Figures:
    """The row side's figure per column where one placement is left (a side printing none: zeros)."""
    if not figures.values:
        return (_ZERO,) * width
    return figures.vector(figures.candidates[0], width) if len(figures.candidates) == 1 else None


# Per row, per side: the columns each figure's position allows (``_allowed_columns``), None for a side not printed.
_Allowed = list[list[list[frozenset[int] | None] | None]]


def _allowed_by_position(
    layout: HeaderLayout,
    row_segments: list[list[Segment]],
    rows: list[list[PlacedSide | None]],
    positions: PagePositions,
) -> _Allowed:
    """The columns the figures' positions under their pages' headers allow, where the page's fully
    printed rows confirm its header and the figure lines up with others (``laid_out_columns``)."""
    confirmed = confirmed_by_full_rows(positions, _full_sides(layout, row_segments))
    trusted = aligned_figures(
        [[t for seg in segs for t in (*seg.code, *seg.name, *seg.figures)] for segs in row_segments]
    )
    return [
        [
            None if placed is None else _allowed_columns(confirmed, side_index, placed.segment.figures, trusted)
            for side_index, placed in enumerate(row)
        ]
        for row in rows
    ]


def _restricts(rows: list[list[PlacedSide | None]], allowed: _Allowed) -> bool:
    """Whether the figures' positions rule out any placement the rows' own sums left."""
    for placed_row, row_allowed in zip(rows, allowed, strict=True):
        for placed, limits in zip(placed_row, row_allowed, strict=True):
            if placed is None or limits is None or all(columns is None for columns in limits):
                continue
            for placement in placed.figures.candidates:
                if any(
                    columns is not None and col not in columns for col, columns in zip(placement, limits, strict=True)
                ):
                    return True
    return False


def _narrowed(
    layout: HeaderLayout,
    rows: list[list[PlacedSide | None]],
    settle: RowSettler | None,
    allowed: _Allowed | None = None,
    copy: bool = True,
) -> list[list[PlacedSide | None]]:
    """The rows' placements kept where the figures' positions allow (``allowed``), narrowed by the
    report's other tables (``settle``) and then by the table's sums; on a copy unless ``copy`` is
    False (the rows' last use)."""
    out = [list(row) for row in rows] if copy else rows
    for r, row in enumerate(out):
        for side_index, placed in enumerate(row):
            if placed is None:
                continue
            figures = placed.figures
            if copy:
                figures = figures.copy()
                row[side_index] = placed = PlacedSide(placed.side, placed.segment, figures)
            limits = allowed[r][side_index] if allowed is not None else None
            if limits is not None:
                restrict_to_positions(figures, limits)
            if settle is not None:
                settle(side_index, placed.side, placed.segment, figures)
    _narrow_columns(layout, out)
    return out


def _full_sides(layout: HeaderLayout, rows: list[list[Segment]]) -> list[tuple[int, list[Token]]]:
    """The sides of rows that print every one of their money columns' figures, with the side's index."""
    out = []
    for segs in rows:
        if len(segs) == len(layout.sides):
            out += [(i, seg.figures) for i, seg in enumerate(segs) if len(seg.figures) == len(layout.sides[i].money)]
    return out


def _allowed_columns(
    positions: PagePositions, side_index: int, figures: list[Token], trusted: set[int]
) -> list[frozenset[int] | None]:
    """Per figure, the side's columns its position under its page's header allows (None: unknown,
    or a position no other row's figures line up with)."""
    out: list[frozenset[int] | None] = []
    for token in figures:
        columns = positions.get(token.page)
        known = columns is not None and id(token) in trusted
        out.append(columns.columns_of(side_index, token) if known else None)
    return out


def _fits(side: Side, figures: list[Token]) -> bool:
    values = tuple([_figure(t.text) or _ZERO for t in figures])
    lines = tuple((t.page, t.line) for t in figures)
    return bool(row_candidates(values, len(side.money), side.sums, lines).candidates)


def _two_labelled_sides(layout: HeaderLayout) -> bool:
    return len(layout.sides) == 2 and all(side.label is LabelKind.ITEM for side in layout.sides)


def _two_coded_sides(layout: HeaderLayout) -> bool:
    return len(layout.sides) == 2 and all(side.label is LabelKind.CODED for side in layout.sides)


def _name_left_in_header(header: list[SourceLine], body: list[list[Token]], layout: HeaderLayout) -> bool:
    """The first row's name, printed above its code line, read as the header's last line: the header
    means the same without that line, and the code line prints no name, or the name runs on below it
    (a name wrapped over three lines or more, set centred on its row's code line: 社会保障 /
    ``208 和就业支 6,397,096`` / 出)."""
    if len(header) < 2 or not body:
        return False
    last = line_tokens(header[-1].text, None, 0)
    # Not a line opening with the code columns' level words (类 款 项), nor one of them alone (``类 类``
    # under a merged 科目编码 cell): header lines; nor one printing a figure.
    if not last or last[0].text in HEADER_LEFTOVERS or any(is_figure(t.text) for t in last):
        return False
    first = body[0]
    if not first or not is_figure(first[0].text):
        return False
    name_runs_on = len(body) > 1 and bool(body[1]) and not any(is_figure(t.text) for t in body[1])
    if not name_runs_on and any(not is_figure(t.text) for t in first):
        return False
    return _header_layout([h.text for h in header[:-1]]) == layout


def _narrow_columns(layout: HeaderLayout, rows: list[list[PlacedSide | None]]) -> None:
    if not _any_open(rows):
        return  # every figure placed (or none can be): the sums have nothing to narrow
    for side_index, side in enumerate(layout.sides):
        if side.label is LabelKind.CODED:
            _narrow_down_the_columns(rows, side_index, len(side.money), one_sided=len(layout.sides) == 1)
        elif side.label is LabelKind.ITEM and len(side.money) > 1:
            _narrow_items_to_their_total(rows, side_index, len(side.money))
        for total, parts in side.row_sums:
            _narrow_labelled_sum(rows, side_index, len(side.money), total, parts)


def _any_open(rows: list[list[PlacedSide | None]]) -> bool:
    """Whether a row side still has more than one placement. Plain loops: asked of every table each
    time it is placed, with two or three sides a row, fewer than a generator costs to set up."""
    for row in rows:
        for placed in row:
            if placed is not None and len(placed.figures.candidates) > 1:
                return True
    return False


def _narrow_labelled_sum(
    rows: list[list[PlacedSide | None]], side_index: int, width: int, total: str, parts: tuple[str, ...]
) -> None:
    """A labelled row is the sum of other labelled rows of its side (总计 = 本年支出合计 + 年末结转和结余)."""
    placed = [row[side_index] for row in rows if row[side_index] is not None]
    labelled = [(compact(p.segment.name_text), p.figures) for p in placed if p is not None and p.figures.values]
    parent = next((f for label, f in labelled if re.search(total, label)), None)
    children = [next((f for label, f in labelled if re.search(part, label)), None) for part in parts]
    present = [c for c in children if c is not None]
    if parent is not None and present:
        narrow_by_columns(parent, present, width)


def _narrow_items_to_their_total(rows: list[list[PlacedSide | None]], side_index: int, width: int) -> None:
    """Numbered lines (一、社会保障和就业支出 …) add up to the first total under them (支出总计,
    本年支出合计), column by column, as 类 add up to 合计 in a coded table."""
    items: list[RowFigures] = []
    for row in rows:
        placed = row[side_index]
        if placed is None or not placed.figures.values:
            continue
        name = placed.segment.name_text
        if is_total(name) and items:
            for _ in range(2):  # a bound that settles a line lets the sums settle the others
                if not (
                    bound_by_parent(placed.figures, items, width) | narrow_by_columns(placed.figures, items, width)
                ):
                    break
            return
        if enumerator_value(name) is not None:
            items.append(placed.figures)


class _SideChooser:
    """Which side of the table each segment of a row is on, when a row prints fewer than all sides.

    A side's codes rise and its numbered items count up from row to row; a segment goes to the
    side it continues, and when both (or neither) do, to the side the previous lone segment took.
    In laid-out text (words keep their columns), a segment whose label starts where one side's
    labels start in the rows printing every side is that side's, whatever its wording or number
    (``一、一般公共预算财政拨款 21.63`` under 年初结转和结余, at the income labels' column).
    """

    def __init__(self, layout: HeaderLayout) -> None:
        self.layout = layout
        # The word heading each side's labels (收入 / 支出), None for a side without one.
        self.side_words = [side.label_path[-1] if side.label_path else None for side in layout.sides]
        self.last_code: list[str] = ["" for _ in layout.sides]
        self.last_number: list[int] = [0 for _ in layout.sides]
        self.last_lone = 0
        # Per side, the columns its labels start at in rows printing every side (laid-out text only).
        self.label_columns: list[set[int]] = [set() for _ in layout.sides]

    def assign(self, segs: list[Segment]) -> list[tuple[int, Segment]]:
        n = len(self.layout.sides)
        if len(segs) > n:
            segs = [*segs[: n - 1], _merge(segs[n - 1 :])]
        if n == 1:
            return [(0, segs[0])]  # one side: nothing to choose, nothing to remember for a choice
        if len(segs) == n:
            chosen = list(enumerate(segs))
            for index, seg in chosen:
                if (column := _label_column(seg)) is not None:
                    self.label_columns[index].add(column)
        else:
            chosen = [(self._side_of(seg.code_text, seg.name_text, _label_column(seg)), seg) for seg in segs]
            if len(segs) == 1:
                self.last_lone = chosen[0][0]
        # The memory reads a code or a name only where the segment prints one (a side's name alone,
        # or its figures alone, leave the other as it was).
        for index, seg in chosen:
            if seg.code and (code := seg.code_text):
                self.last_code[index] = code
            if seg.name and (number := enumerator_value(seg.name_text)) is not None:
                self.last_number[index] = number
        return chosen

    def _side_of(self, code: str, name: str, column: int | None) -> int:
        # A side headed 收入 or 支出 takes the items that say so (九、卫生健康支出 is spending).
        named = [i for i, word in enumerate(self.side_words) if word is not None and word in name]
        if len(named) != 1:  # an overview's label naming its side by other words (年初结转和结余 is income)
            side_word = _named_side(name)
            named = [i for i, word in enumerate(self.side_words) if side_word is not None and word == side_word]
        if len(named) == 1:
            return named[0]
        if column is not None:
            under = [i for i, columns in enumerate(self.label_columns) if _near_any(column, columns)]
            if len(under) == 1:
                return under[0]
        if code:
            # The side whose codes it continues: rising, and sharing the longest prefix (30201 after 302).
            rising = [i for i, last in enumerate(self.last_code) if code > last]
            shared = {i: _shared_prefix(code, self.last_code[i]) for i in rising}
            longest = max(shared.values(), default=0)
            best = [i for i in rising if shared[i] == longest]
            return best[0] if len(best) == 1 else self.last_lone
        number = enumerator_value(name)
        if number is not None:
            continues = [i for i, last in enumerate(self.last_number) if number == last + 1]
            if len(continues) == 1:
                return continues[0]
        return self.last_lone


def _label_column(seg: Segment) -> int | None:
    """The column a segment's code or name starts at (laid-out text), None where it prints neither
    or the text keeps no columns."""
    first = seg.code or seg.name
    return first[0].column if first else None


def _near_any(column: int, columns: set[int]) -> bool:
    """Whether ``column`` is within a column or two of one of ``columns`` (labels of one side start
    at one column, give or take a wide character)."""
    return any(abs(column - other) <= CENTRED_SLACK for other in columns)


# A label's side by its wording, asked of every one-sided row of a two-sided table on every placement.
_named_side = lru_cache(maxsize=4_096)(named_side)


def _continues_to_the_right(previous: list[PlacedSide | None], lowest: int) -> bool:
    """Whether the previous row printed sides, all of them left of side ``lowest`` (the row's first)."""
    if lowest == 0:
        return False  # the row opens at the first side (most rows): nothing is to its left
    # Plain loops: a table has two or three sides, fewer than a generator costs to set up.
    for placed in previous[lowest:]:
        if placed is not None:
            return False
    for placed in previous[:lowest]:  # noqa: SIM110
        if placed is not None:
            return True
    return False


def _shared_prefix(a: str, b: str) -> int:
    # A plain loop: codes are a few digits, fewer than a generator costs to set up.
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _merge(segs: list[Segment]) -> Segment:
    merged = Segment()
    for seg in segs:
        merged.code.extend(seg.code)
        merged.name.extend(seg.name)
        merged.figures.extend(seg.figures)
    return merged


def _narrow_down_the_columns(rows: list[list[PlacedSide | None]], side_index: int, width: int, one_sided: bool) -> None:
    """Children add up to their parent column by column: 项 → 款 → 类, and 类 → the table's total."""
    coded: list[tuple[str, RowFigures]] = []
    total: RowFigures | None = None
    for row in rows:
        placed = row[side_index]
        if placed is None or not placed.figures.values:
            continue
        code = placed.segment.code_text
        if code and len(code) in _FUNCTION_CODE_LENGTHS:
            coded.append((code, placed.figures))
        elif total is None and is_total(placed.segment.name_text):
            total = placed.figures
    # Each line under its parent's code (30201 under 302), in the order printed: one pass, not one per parent.
    by_parent: dict[str, list[RowFigures]] = {}
    for code, figures in coded:
        by_parent.setdefault(code[:-2], []).append(figures)
    groups: list[tuple[RowFigures, list[RowFigures]]] = []
    for code, figures in coded:
        children = by_parent.get(code, [])
        if children:
            groups.append((figures, children))
    if one_sided and total is not None:
        classes = [f for c, f in coded if len(c) == 3]
        if classes:
            groups.append((total, classes))
    lines = [f for _, f in coded]
    # Per group, its lines' placements when it was last asked and removed nothing: the same question
    # gives the same answer, so it is asked again only once one of them has changed.
    settled: list[list[list[Placement]] | None] = [None] * len(groups)
    for _ in range(3):  # a narrowed parent narrows its own group in the next pass
        changed = []
        for g, (parent, children) in enumerate(groups):
            members = [parent, *children]
            unchanged = settled[g]
            if unchanged is not None and all(m.candidates is c for m, c in zip(members, unchanged, strict=True)):
                changed.append(False)
                continue
            narrowed = bound_by_parent(parent, children, width) | narrow_by_columns(parent, children, width)
            settled[g] = None if narrowed else [m.candidates for m in members]
            changed.append(narrowed)
        if one_sided and total is not None:
            changed.append(keep_total_columns(total, lines))
        if not any(changed):
            break


# Columns a side's labels take before its figures: code and name, an item, or none.
_LABEL_COLUMNS = {LabelKind.CODED: 2, LabelKind.ITEM: 1, LabelKind.NONE: 0}


@lru_cache(maxsize=64)  # a few layouts, each rebuilt table of the report uses one
def _header_cells(layout: HeaderLayout) -> tuple[tuple[Cell, ...], int, int]:
    """The layout's header as cells in row-major order, with its depth (rows) and width (columns)."""
    header_paths: list[tuple[str, ...]] = []
    for side in layout.sides:
        if side.label is LabelKind.CODED:
            header_paths += [(*side.label_path, "科目编码"), (*side.label_path, "科目名称")]
        elif side.label is LabelKind.ITEM:
            header_paths.append((*side.label_path, "项目"))
        header_paths += list(side.money)
    depth = max(len(p) for p in header_paths)
    cells: list[Cell] = []
    for col, path in enumerate(header_paths):
        for r, text in enumerate(path):
            span = depth - r if r == len(path) - 1 else 1
            cells.append(Cell(r, col, text, row_span=span))
    return tuple(sorted(cells, key=attrgetter("row", "col"))), depth, len(header_paths)


def _grid(layout: HeaderLayout, rows: list[list[PlacedSide | None]]) -> tuple[Table, list[AmbiguousCell]]:
    header, depth, width = _header_cells(layout)
    cells: list[Cell] = list(header)
    ambiguous: list[AmbiguousCell] = []
    row_index = depth
    pages: list[int] = []
    first_line: tuple[int | None, int] | None = None
    # Per side: its label kind, its first column and its first money column (cells are built positionally: fast).
    starts = []
    col = 0
    for side in layout.sides:
        label_width = _LABEL_COLUMNS[side.label]
        starts.append((side, side.label, col, col + label_width))
        col += label_width + len(side.money)
    for row in rows:
        row_start = len(cells)
        in_order = True  # the row's cells made in column order: no sort needed
        for placed, (side, label, col, money_start) in zip(row, starts, strict=False):
            if placed is None:
                continue
            seg = placed.segment
            if label is LabelKind.CODED:
                if seg.code:
                    first = seg.code[0]
                    cells.append(Cell(row_index, col, seg.code_text, 1, 1, first.page, first.line))
                if seg.name:
                    first = seg.name[0]
                    cells.append(Cell(row_index, col + 1, seg.name_text, 1, 1, first.page, first.line))
            elif label is LabelKind.ITEM and seg.name:
                first = seg.name[0]
                cells.append(Cell(row_index, col, seg.name_text, 1, 1, first.page, first.line))
            candidates = placed.figures.candidates
            if len(candidates) == 1:  # the common case: every figure placed
                placement = candidates[0]
                in_order = in_order and _ascending(placement)
                for token, column in zip(seg.figures, placement, strict=True):
                    cells.append(Cell(row_index, money_start + column, token.text, 1, 1, token.page, token.line))
            else:
                in_order = False
                settled = placed.figures.settled()
                for i, token in enumerate(seg.figures):
                    if i in settled:
                        cells.append(
                            Cell(row_index, money_start + settled[i], token.text, 1, 1, token.page, token.line)
                        )
                    else:
                        ambiguous.append(_ambiguity(placed, i, token, side))
            anchor = (seg.code or seg.name or seg.figures)[0]
            if anchor.page is not None and anchor.page not in pages:
                pages.append(anchor.page)
            if first_line is None:
                first_line = (anchor.page, anchor.line)
        # Rows come in order; a row's figures may be placed out of the printed order (text written by baseline).
        if not in_order and len(cells) - row_start > 1:
            cells[row_start:] = sorted(cells[row_start:], key=_COLUMN)
        row_index += 1
    page, line = first_line if first_line is not None else (None, None)
    table = Table(
        tuple(cells),
        row_index,
        width,
        page=page,
        line=line,
        pages=tuple(pages) if len(pages) > 1 else (),
    )
    return table, ambiguous


_COLUMN = attrgetter("col")


@lru_cache(maxsize=1_024)  # a few placements, for every row of every table
def _ascending(placement: Placement) -> bool:
    """Whether the placement puts the figures in columns left to right, as printed: a side's cells
    are then made in column order (its code, name and figures, in that order)."""
    return list(placement) == sorted(placement)


def _ambiguity(placed: PlacedSide, figure: int, token: Token, side: Side) -> AmbiguousCell:
    columns = placed.figures.possible_columns(figure) or list(range(len(side.money)))
    seg = placed.segment
    row_text = words_as_printed((*seg.code, *seg.name, *seg.figures))
    return AmbiguousCell(
        page=token.page,
        line=token.line,
        figure=token.text,
        row=" ".join(filter(None, [seg.code_text, seg.name_text])) or row_text,
        candidates=tuple("/".join(side.money[c]) for c in columns),
        snippet=row_text,
    )


def _table_text(table: Table) -> str:
    return "\n".join("\t".join(row) for row in table.grid())
