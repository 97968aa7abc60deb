"""Plain text and Word-exported text (the seeds), including ``pdftotext`` output.

Word's "plain text" export writes a table as one cell per line, each cell line starting with a
TAB, rows separated by blank lines; a cell's continuation lines have no TAB and an empty merged
cell is a bare TAB. A blank line is either a row break or an empty paragraph inside a cell; two or
more blank lines between cell lines separate two tables. ``[bookmark: …]`` and ``[image: …]`` are
export markers, not content. Form feeds (``pdftotext``) separate pages; line numbers then restart
on every page. Blocks and cells keep the original text (only markers and surrounding spaces go; a
figure printed in full-width digits is read as ASCII prints it, ``normalize.ascii_figures``, a no-break
space as a space, and TABs standing for runs of spaces as the spaces, ``tab_spacing``).
"""

from __future__ import annotations

import re
from itertools import compress, count, repeat
from operator import attrgetter
from pathlib import Path

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.normalize import ascii_figures
from budget_reports.readers.budget_table_links import settled_across_tables
from budget_reports.readers.decode import decode
from budget_reports.readers.headings import is_heading
from budget_reports.readers.lifted_numbers import (
    lifted_numbers_lines,
    restore_lifted_numbers,
    restore_raised_lines,
)
from budget_reports.readers.line_evaluations import evaluation_lines, unread_indicator_lines, with_evaluations
from budget_reports.readers.line_forms import with_forms
from budget_reports.readers.linear_rows import EMPTY_CELL_MARKS, new_token, without_empty_cell_marks
from budget_reports.readers.linear_tables import (
    LinearTable,
    SourceLine,
    find_tables,
    is_laid_out,
    is_laid_out_line,
    unglue_titles,
)
from budget_reports.readers.markdown_text import is_markdown, read_markdown
from budget_reports.readers.overview_streams import overviews_from_streams
from budget_reports.readers.printed_pages import printed_pages
from budget_reports.readers.prose_table_links import settled_by_prose
from budget_reports.readers.side_by_side_streams import basic_spending_from_streams
from budget_reports.readers.stage_label_streams import with_stage_streams
from budget_reports.readers.tab_spacing import is_tab_spaced, spaced_out
from budget_reports.readers.unread_tables import with_unread_tables
from budget_reports.readers.wrapped_text import furniture, paragraph_blocks, wrap_width

_EXPORT_MARKER = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]")
_NEWLINES = re.compile(r"\r\n?")
_INDENTED_CELL = re.compile(r"^ +\t")
# A line after the first opening with a TAB (or a space and a TAB): a Word-exported table cell.
_CELL_LINE = re.compile(r"[\n\r\f] ?\t")
# A character of a dash printed for an empty cell: a line holding none has none to drop (most lines),
# and the pattern finds one faster than the marks' own pattern finds a mark standing alone.
_DASH = re.compile(f"[{re.escape(''.join(sorted(set(''.join(EMPTY_CELL_MARKS)))))}]")


_text_of = attrgetter("text")

# Line kinds, as plain ints: enum member lookups would dominate the per-line loop.
_BLANK = 0
_CELL = 1  # starts with TAB: a table cell
_TEXT = 2  # prose, or a cell's continuation line inside a table
_MARKER = 3  # held only export markers: ignored, neither text nor a row break


def read(path: Path, source_file: str) -> Document:
    decoded = decode(path.read_bytes())
    document = read_text(decoded.text, source_file, decoded.label)
    document.lost.extend(decoded.lost)
    return document


def read_text(text: str, source_file: str, encoding: str = "utf-8") -> Document:
    """Blocks of already decoded text (also used for text that other readers produce)."""
    text, unread = _as_read(text)
    word_export = _has_cell_lines(text)
    page_lines = _pages(text, word_export)
    paged = "\f" in text or len(page_lines) > 1  # pages apart, or found by their printed numbers
    document = Document(source_file=source_file, file_format="pdftotext" if paged else "text")
    if word_export:
        # Word-exported text: tables are TAB cells.
        for number, lines in enumerate(page_lines, start=1):
            document.blocks.extend(parse_lines(lines, number if paged else None))
    else:
        _read_linear(document, page_lines, paged, may_evaluate="评" in text, marked="[" in text)
    document.page_count = len(page_lines) if paged else None
    for page, line in unread:
        where = f"第{page}页第{line}行" if page is not None else f"第{line}行"
        document.lost.append(f"{where}以HTML写在Markdown中的表格未读取（其数字未录入）")
    if encoding not in ("utf-8", "ascii"):
        document.warnings.append(f"文本编码为 {encoding}")
    return document


def _as_read(text: str) -> tuple[str, list[tuple[int | None, int]]]:
    """The text as the reader reads it: a no-break space (a web page's text, a browser's copy) parts
    words as a space does, figures in full-width digits are read as ASCII ones, and TABs standing for
    runs of spaces are spaced out again; Markdown is read as the text it marks up (a pipe table's rows as
    lines of cells). Lines stay where they are: evidence's lines are the file's (but for the rows of a
    Markdown table written in HTML, a line each). Also the (page, line) of each such table not read."""
    unread: list[tuple[int | None, int]] = []  # Markdown's tables written in HTML that could not be read
    if is_markdown(text):
        text, unread = read_markdown(text)
    text = ascii_figures(text).replace("\u00a0", " ")
    return (spaced_out(text) if is_tab_spaced(text) else text), unread


def _has_cell_lines(text: str) -> bool:
    """Whether a line opens with a TAB (or a space and a TAB): the text holds Word-exported table cells.
    Most PDF-extracted text holds no TAB at all: the substring test answers it without a scan by pattern."""
    return "\t" in text and (text.startswith(("\t", " \t")) or _CELL_LINE.search(text) is not None)


def text_pages(text: str) -> list[list[str]]:
    """The lines of each page, as evidence numbers them: line n at index n - 1. Pages are split at form
    feeds; a PDF's text that marks none (copied from a browser's viewer) at the page numbers it prints."""
    text = _as_read(text)[0]  # pages as the reader found them (a tab-spaced text is no Word export)
    return _pages(text, _has_cell_lines(text))


def _pages(text: str, word_export: bool) -> list[list[str]]:
    """``text_pages``, whether the text is Word-exported (``_has_cell_lines``) asked once by the caller."""
    pages = _NEWLINES.sub("\n", text).split("\f")
    if len(pages) > 1 and pages[-1].strip() == "":
        pages.pop()  # pdftotext ends its output with a form feed
    if len(pages) == 1 and not word_export:  # Word-exported text prints no page furniture
        return printed_pages(pages[0].split("\n"))
    return [page_text.split("\n") for page_text in pages]


def _read_linear(
    document: Document, page_lines: list[list[str]], paged: bool, may_evaluate: bool, marked: bool
) -> None:
    """Text extracted from a PDF: tables written as lines are rebuilt, the rest read as prose.
    ``may_evaluate``: the text names 评 at all (a self-evaluation table's title does): else no line is
    looked at for one. ``marked``: the text holds a ``[`` (an export marker may stand in a line): else
    no line is searched for one."""
    # Each line built as the tuple it is (``new_token``): a named tuple's own constructor is a Python
    # function. Mapped over the fields zipped, no Python code runs per line (a report has thousands).
    lines: list[SourceLine] = []
    for number, page in enumerate(page_lines, start=1):
        page = _without_left_margin(page)
        texts = map(strip_markers, page) if marked else page
        fields = zip(repeat(number if paged else None), count(1), texts, repeat(False), repeat(None))
        lines += map(new_token, repeat(SourceLine), fields)
    laid_out = is_laid_out(list(map(_text_of, lines)))
    dropped = furniture(lines)
    dropped -= lifted_numbers_lines(lines, dropped)
    if dropped and may_evaluate:
        dropped -= evaluation_lines(lines, laid_out)
    if dropped:  # else (most text) no line to look up
        lines = [line for line in lines if (line.page, line.line) not in dropped]
    if not laid_out:
        # Text writing a table's cells apart (pdftotext's default): a dash printed for an empty cell is
        # written as the blank cell it stands for, so that the columns' runs hold figures only; the line
        # keeps what it printed, by which a table written row by row places its figures (``dashed_rows``).
        # Laid-out text keeps them: its rows' words are read by their columns (``linear_rows.segments``),
        # and so does a laid-out line of a text judged not laid out as a whole (a -layout text of more
        # prose than table lines): its words keep their columns only if it is kept as printed.
        # The lines holding a dash are found without a Python step per line; the list is this reader's own.
        for i in compress(count(), map(_DASH.search, map(_text_of, lines))):
            line = lines[i]
            if (t := without_empty_cell_marks(line.text)) != line.text and not is_laid_out_line(line.text):
                lines[i] = line._replace(text=t, printed=line.text)
    lines = unglue_titles(lines)
    prose: list[list[SourceLine]] = []
    position = 0
    tables = with_stage_streams(lines, overviews_from_streams(lines, find_tables(lines)))
    tables = with_forms(lines, settled_across_tables(lines, tables))
    if may_evaluate:
        tables = with_evaluations(lines, tables, laid_out)
        document.table_text_lines = unread_indicator_lines(lines, tables)
    tables = with_unread_tables(lines, tables)
    for table in tables:
        prose.append(lines[position : table.start])
        position = table.end
    prose.append(lines[position:])
    prose = [restore_lifted_numbers(part) for part in prose]
    prose = [restore_raised_lines(part, laid_out) for part in prose]
    width = wrap_width([line for part in prose for line in part])
    paragraphs = [paragraph_blocks(part, width) for part in prose]
    prose_blocks = [b for part in paragraphs for b in part]
    tables = basic_spending_from_streams(lines, tables, prose_blocks)
    tables, document.settled_cells = settled_by_prose(lines, tables, prose_blocks)
    document.form_text = _form_text(lines, tables)
    for blocks, table in zip(paragraphs, [*tables, None], strict=True):
        document.blocks.extend(blocks)
        if table is not None:
            document.blocks.extend(table.blocks)
            document.ambiguous_cells.extend(table.ambiguous)
            if table.lost is not None:
                document.lost.append(table.lost)
            document.lost.extend(table.parts_not_read)


def _form_text(lines: list[SourceLine], tables: list[LinearTable]) -> list[Block]:
    """Each line of a table's stretch that none of its cells or headings holds, as the text it prints."""
    found: list[Block] = []
    for table in tables:
        held = {(cell.page, cell.line) for block in table.blocks if block.table for cell in block.table.cells}
        held.update((block.page, block.line) for block in table.blocks if block.table is None)
        found += [
            Block(BlockKind.PARAGRAPH, line.text.strip(), line.page, line.line)
            for line in lines[table.start : table.end]
            if (line.page, line.line) not in held and line.text.strip()
        ]
    return found


def _without_left_margin(page: list[str]) -> list[str]:
    """A page's lines without the spaces every one of them opens with: ``pdftotext -layout -fixed``
    keeps the page's left margin before each line, where the other extractors drop it, and a line's
    own indent (a paragraph's first line, a name wrapped in its cell) tells only past the margin."""
    if any(line[:1] not in ("", " ") for line in page):  # a line at the page's edge: no margin (most pages)
        return page
    margin = min((len(line) - len(line.lstrip(" ")) for line in page if line.strip()), default=0)
    return [line[margin:] for line in page] if margin else page


def strip_markers(line: str) -> str:
    return _EXPORT_MARKER.sub("", line) if "[" in line else line


def _classify(lines: list[str]) -> tuple[list[str], list[int]]:
    cleaned, kinds = [], []
    for raw in lines:
        line = strip_markers(raw)
        cleaned.append(line)
        if line.startswith("\t"):
            kinds.append(_CELL)
        elif _INDENTED_CELL.match(line):  # Word sometimes writes a space before a row's first TAB
            line = line.lstrip(" ")
            cleaned[-1] = line
            kinds.append(_CELL)
        elif line.strip():
            kinds.append(_TEXT)
        else:
            kinds.append(_MARKER if raw.strip() else _BLANK)
    return cleaned, kinds


def parse_lines(lines: list[str], page: int | None, first_line: int = 1) -> list[Block]:
    """Blocks of one page (or of the whole file); ``lines[0]`` is line ``first_line`` (1-based)."""
    cleaned, kinds = _classify(lines)
    blocks: list[Block] = []
    i = 0
    while i < len(cleaned):
        kind = kinds[i]
        if kind == _CELL:
            table, i = _parse_table(cleaned, kinds, i, page, first_line)
            blocks.append(Block(BlockKind.TABLE, _table_text(table), page, table.line, table))
            continue
        if kind == _TEXT:
            stripped = cleaned[i].strip()
            heading = is_heading(stripped)
            blocks.append(Block(BlockKind.HEADING if heading else BlockKind.PARAGRAPH, stripped, page, i + first_line))
        i += 1
    return blocks


def _parse_table(
    lines: list[str], kinds: list[int], start: int, page: int | None, first_line: int = 1
) -> tuple[Table, int]:
    """Read TAB-cell rows from ``start``; return the table and the index of the first line after it."""
    rows: list[list[tuple[int, list[str]]]] = []  # per row: (line number, text lines) per cell
    row: list[tuple[int, list[str]]] = []
    i, n = start, len(lines)
    previous = _CELL  # kind of the last non-marker line seen
    while i < n:
        kind = kinds[i]
        if kind == _CELL:
            row.append((i + first_line, [lines[i][1:]]))
        elif kind == _TEXT:
            row[-1][1].append(lines[i])  # continuation line of the current cell
        elif kind == _BLANK:
            end = i
            while end < n and (kinds[end] == _BLANK or kinds[end] == _MARKER):
                end += 1
            blanks = kinds[i:end].count(_BLANK)
            step = _after_blanks(kinds, end, blanks, previous)
            if step == "end":
                break
            if step == "row" and row:
                rows.append(row)
                row = []
            i = end
            continue
        if kind != _MARKER:
            previous = kind
        i += 1
    if row:
        rows.append(row)
    cells = tuple(
        Cell(r, c, _cell_text(text_lines), page=page, line=line_no)
        for r, cell_lines in enumerate(rows)
        for c, (line_no, text_lines) in enumerate(cell_lines)
    )
    n_cols = max((len(r) for r in rows), default=0)
    return Table(cells, len(rows), n_cols, page=page, line=start + first_line), i


def _after_blanks(kinds: list[int], end: int, blanks: int, previous: int) -> str:
    """What a run of blank lines inside a table means: "row" break, "cell" (empty paragraph) or "end"."""
    following = kinds[end] if end < len(kinds) else None
    if following == _CELL:
        if blanks == 1:
            return "row"
        # Two blanks after a continuation line: empty paragraphs closing a multi-line cell, the row
        # goes on (seen in the seeds); after a cell line they separate two tables.
        return "cell" if previous == _TEXT and blanks == 2 else "end"
    if following == _TEXT and blanks == 1:
        # An empty paragraph inside a cell: the text after it leads straight into the next cell.
        k = end
        while k < len(kinds) and kinds[k] in (_TEXT, _MARKER):
            k += 1
        if k < len(kinds) and kinds[k] == _CELL:
            return "cell"
    return "end"


def _cell_text(text_lines: list[str]) -> str:
    if len(text_lines) == 1:
        return text_lines[0].strip()
    return "\n".join(part for part in (line.strip() for line in text_lines) if part)


def _table_text(table: Table) -> str:
    return "\n".join("\t".join(row) for row in table.grid())
