"""A report typeset as a PDF the way report PDFs are printed, from the document model a reader gave
for it: every word and figure comes from the model, none is typed here.

- Prose on A4 portrait pages: headings on a line of their own, paragraphs with a two-character
  first-line indent, wrapped at the page width (anywhere between Chinese characters, never inside
  a run of Latin letters or digits), a page number centred in the footer.
- Each table from a new A4 landscape page, fully ruled, its cells merged as the text export of a
  table with merged cells says (``merged_cells``), figures set flush right, long text
  wrapped inside its cell, columns as wide as their text allows, every cell's text centred
  vertically. A table too long for its page runs on to the next with its header (the rows above
  its first figure) printed again.

The font is the CJK font the other PDF-building tests use (``tests/cjk_table_pdf.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from budget_reports.model import BlockKind, Document, Table
from tests.cjk_table_pdf import TablePdf, cjk_font_path

PORTRAIT = (595.0, 842.0)
LANDSCAPE = (842.0, 595.0)
PROSE_MARGIN = 72.0
TABLE_MARGIN = 36.0
PROSE_SIZE = 10.5
HEADING_SIZE = 12.0
TABLE_SIZE = 8.0
LEADING = 1.5  # line height over the font size, prose
CELL_LEADING = 1.25  # in table cells
PADDING = 3.0  # between a cell's rules and its text
FOOTER = 40.0  # from the bottom edge to the page number's top
HEADER_ROWS_MAX = 6  # rows printed again on each page a table runs on to
# A figure cell: sign, digits with separators, decimals, a percent sign.
_FIGURE = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")
# What a line never breaks inside: a run of Latin letters, digits and their punctuation.
_UNBREAKABLE = re.compile(r"[A-Za-z0-9.,%+\-/:]+|.", re.DOTALL)
# What never starts a line: it stays at the end of the line before.
_NO_LINE_START = frozenset("，。、；：？！）》」』”’%,.;:?!)")


@lru_cache(maxsize=1)
def _measure() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font_path()), 100)


def text_width(text: str, size: float) -> float:
    """Advance width of ``text`` set in the CJK font at ``size`` points."""
    return _measure().getlength(text) * size / 100


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (the first ``indent`` narrower). Text
    fills a line to one character short of it; a mark that cannot start a line takes that room."""
    lines: list[str] = []
    current, used, room = "", 0.0, width - indent - size
    for token in _UNBREAKABLE.findall(text):
        advance = text_width(token, size)
        hangs = token[0] in _NO_LINE_START and used + advance <= room + size
        if current and used + advance > room and not hangs:
            lines.append(current)
            current, used, room = "", 0.0, width - size
            token = token.lstrip(" ")
            advance = text_width(token, size)
        current += token
        used += advance
    if current or not lines:
        lines.append(current)
    return lines


def is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.strip()))


@dataclass(frozen=True, slots=True)
class Slot:
    """A cell of the printed table: where it starts, how far it spans, its text."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str


def merged_cells(table: Table, merged: bool = True) -> list[Slot]:
    """The table's cells merged as in the document they were exported from. A text export writes a
    merged cell once: a row short of cells ends in a cell spanning the rest of the row, and a
    first-column label above empty first cells spans down over them (the export writes a cell
    merged downwards as an empty cell in each row below). A table rebuilt from text extracted from
    a PDF knows no merged cells (``merged`` false): each cell stands in its own column, the empty
    ones simply missing."""
    rows = [table.row_cells(r) for r in range(table.n_rows)]
    slots: list[Slot] = []
    below = [False] * table.n_rows  # first cell covered by a label above
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            if k == 0 and below[r]:
                continue
            col_span = (table.n_cols - cell.col) if merged and k == len(row) - 1 else 1
            row_span = 1
            if merged and k == 0 and cell.text and col_span == 1:
                while r + row_span < table.n_rows and _continues_label(rows[r + row_span]):
                    below[r + row_span] = True
                    row_span += 1
            slots.append(Slot(r, cell.col, row_span, col_span, cell.text))
    return slots


def _continues_label(row: list) -> bool:
    """A row whose first cell is empty and not the row's only cell."""
    return len(row) > 1 and row[0].col == 0 and not row[0].text and row[1].col == 1


def header_rows(grid: list[list[str]], slots: Sequence[Slot]) -> int:
    """Rows printed again on a continued page: those above the first row holding a figure, and
    no cell merged across their lower edge."""
    first_figure = next((r for r, row in enumerate(grid) if any(is_figure(cell) for cell in row if cell)), 0)
    rows = min(first_figure, HEADER_ROWS_MAX)
    while rows and any(s.row < rows < s.row + s.row_span for s in slots):
        rows -= 1
    return rows


def column_widths(grid: list[list[str]], slots: Sequence[Slot], total: float) -> list[float]:
    """Widths filling ``total``: each column's widest line if all fit, else its narrowest possible
    (its longest unbreakable run) plus a share of the rest in proportion to what it lacks."""
    n_cols = len(grid[0])
    least = [2 * TABLE_SIZE + 2 * PADDING] * n_cols
    natural = list(least)
    for slot in slots:
        if slot.col_span != 1 or not slot.text:
            continue
        for line in slot.text.split("\n"):
            natural[slot.col] = max(natural[slot.col], text_width(line, TABLE_SIZE) + 2 * PADDING + 1)
            longest = max((text_width(t, TABLE_SIZE) for t in _UNBREAKABLE.findall(line)), default=0.0)
            least[slot.col] = max(least[slot.col], longest + 2 * PADDING + 1)
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    lacking = [n - m for n, m in zip(natural, least, strict=True)]
    spare = total - sum(least)
    assert spare > 0, "the table's columns do not fit the page"
    return [m + spare * k / sum(lacking) for m, k in zip(least, lacking, strict=True)]


class ReportPdf(TablePdf):
    """Pages of prose and ruled tables in the CJK font."""

    def __init__(self, merged: bool = True, table_page: tuple[float, float] = LANDSCAPE) -> None:
        super().__init__()
        self.merged = merged
        self.table_page = table_page
        self.top = 0.0
        self.pages = 0
        self.portrait = False

    def text(self, x: float, top: float, text: str, size: float = PROSE_SIZE) -> None:
        super().text(x, top, text, size)

    def start_page(self, size: tuple[float, float]) -> None:
        self.new_page(*size)
        self.pages += 1
        self.portrait = size == PORTRAIT
        self.top = PROSE_MARGIN if self.portrait else TABLE_MARGIN
        number = f"- {self.pages} -"
        self.text((size[0] - text_width(number, 9)) / 2, size[1] - FOOTER, number, 9)

    def _room(self, height: float) -> bool:
        return self.page is not None and self.top + height <= self.height - FOOTER - 12

    def prose_line(self, text: str, size: float, indent: float = 0.0) -> None:
        if not self.portrait or not self._room(size * LEADING):
            self.start_page(PORTRAIT)
        self.text(PROSE_MARGIN + indent, self.top, text, size)
        self.top += size * LEADING

    def heading(self, text: str) -> None:
        self.prose_line(text, HEADING_SIZE)

    def paragraph(self, text: str) -> None:
        width = PORTRAIT[0] - 2 * PROSE_MARGIN
        for k, line in enumerate(wrap(text, width, PROSE_SIZE, 2 * PROSE_SIZE)):
            self.prose_line(line, PROSE_SIZE, 2 * PROSE_SIZE if k == 0 else 0.0)

    def table(self, table: Table) -> None:
        grid = table.grid()
        slots = merged_cells(table, self.merged)
        widths = column_widths(grid, slots, self.table_page[0] - 2 * TABLE_MARGIN)
        xs = [TABLE_MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        lines = {(s.row, s.col): self._cell_lines(s, xs) for s in slots}
        heights = [PADDING * 2 + TABLE_SIZE * CELL_LEADING] * len(grid)
        for slot in slots:  # a cell spanning down lends its height to its last row
            needed = len(lines[slot.row, slot.col]) * TABLE_SIZE * CELL_LEADING + 2 * PADDING
            last = slot.row + slot.row_span - 1
            heights[last] = max(heights[last], needed - sum(heights[slot.row : last]))
        header = header_rows(grid, slots)
        self.start_page(self.table_page)
        page_rows: list[int] = []
        for r in range(len(grid)):
            if page_rows and not self._room(heights[r]):
                self._rule(xs, slots, lines, heights, page_rows)
                self.start_page(self.table_page)
                page_rows = list(range(header)) if r >= header else []
                self.top += sum(heights[k] for k in page_rows)
            page_rows.append(r)
            self.top += heights[r]
        self._rule(xs, slots, lines, heights, page_rows)

    def _cell_lines(self, slot: Slot, xs: list[float]) -> list[str]:
        width = xs[slot.col + slot.col_span] - xs[slot.col] - 2 * PADDING
        return [piece for line in slot.text.split("\n") for piece in wrap(line, width, TABLE_SIZE)] if slot.text else []

    def _rule(
        self,
        xs: list[float],
        slots: Sequence[Slot],
        lines: dict[tuple[int, int], list[str]],
        heights: list[float],
        rows: list[int],
    ) -> None:
        """The rows of one page (ending at ``self.top``): their rules, and each cell's text; a cell
        spanning down past the page's rows is cut at the page's edge, its text on its first page."""
        tops: dict[int, float] = {}
        top = self.top - sum(heights[r] for r in rows)
        for r in rows:
            tops[r] = top
            top += heights[r]
        bottom_of = {r: tops[r] + heights[r] for r in rows}
        for slot in slots:
            covered = [r for r in range(slot.row, slot.row + slot.row_span) if r in tops]
            if not covered:
                continue
            x0, x1 = xs[slot.col], xs[slot.col + slot.col_span]
            y0, y1 = tops[covered[0]], bottom_of[covered[-1]]
            for y in (y0, y1):
                self.line(x0, y, x1, y)
            for x in (x0, x1):
                self.line(x, y0, x, y1)
            if slot.row not in tops:
                continue  # the rest of a cell begun on an earlier page
            printed = lines[slot.row, slot.col]
            step = TABLE_SIZE * CELL_LEADING
            first = y0 + (y1 - y0 - len(printed) * step) / 2 + (step - TABLE_SIZE) / 2
            whole_row = slot.col == 0 and slot.col_span == len(xs) - 1
            for k, piece in enumerate(printed):
                width = text_width(piece, TABLE_SIZE)
                if is_figure(slot.text):
                    x = x1 - PADDING - width
                elif whole_row:
                    x = (x0 + x1 - width) / 2
                else:
                    x = x0 + PADDING
                self.text(x, first + k * step, piece, TABLE_SIZE)


def typeset(document: Document, path: Path, merged: bool = True, table_page: tuple[float, float] = LANDSCAPE) -> Path:
    """``document`` printed as a report PDF at ``path``; ``merged``: its tables' cells merged as
    ``merged_cells`` reads them from a text export, else each cell in its own column;
    ``table_page``: the size of the tables' pages (``PORTRAIT``: narrow pages, as some reports print them)."""
    pdf = ReportPdf(merged, table_page)
    for block in document.blocks:
        if block.table is not None:
            pdf.table(block.table)
            pdf.portrait = False  # prose after a table starts a new page
        elif block.kind is BlockKind.HEADING:
            pdf.heading(block.text)
        else:
            for piece in block.text.split("\n"):
                pdf.paragraph(piece)
    return pdf.save(path)
