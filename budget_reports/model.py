"""The normalized document model every reader produces and every extractor consumes.

A document is an ordered list of blocks (heading, paragraph, table). Each block knows where it
came from (page for paged formats, line in the extracted text of that page or file) and keeps
the original text, so every fact extracted from it can carry its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell. ``text`` is the original text (line breaks inside the cell joined by "\\n")."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    line: int | None = None


def _slot_setters(cls: type, names: tuple[str, ...]) -> list[Callable[[Any, Any], None]]:
    """The setters of a frozen slots dataclass's fields, for a constructor that sets them directly;
    refuses to load if the fields are not ``names`` (a field added without a setter would be left unset)."""
    actual = tuple(f.name for f in fields(cls))
    if actual != names:
        raise TypeError(f"{cls.__name__}'s fields changed: update its constructor ({list(actual)})")
    return [cls.__dict__[name].__set__ for name in names]


_set_row, _set_col, _set_text, _set_row_span, _set_col_span, _set_page, _set_line = _slot_setters(
    Cell, ("row", "col", "text", "row_span", "col_span", "page", "line")
)


def _init_cell(
    self: Cell,
    row: int,
    col: int,
    text: str,
    row_span: int = 1,
    col_span: int = 1,
    page: int | None = None,
    line: int | None = None,
) -> None:
    """A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__``; the
    slots' setters do the same at half the cost (a report's tables make thousands of cells)."""
    _set_row(self, row)
    _set_col(self, col)
    _set_text(self, text)
    _set_row_span(self, row_span)
    _set_col_span(self, col_span)
    _set_page(self, page)
    _set_line(self, line)


Cell.__init__ = _init_cell  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a grid of cells; ``cells`` holds only the cells that exist (row-major)."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    page: int | None = None
    line: int | None = None
    # Pages the table spans when a reader joined a continuation on the following page(s).
    pages: tuple[int, ...] = ()
    _rows: dict[int, list[Cell]] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Cell]], cited: Cell) -> Table:
        """The rows as a grid, each cell at its row and its place in the row; the table is cited where
        ``cited`` is printed (a reader rebuilding a table from text picks the line that stands for it)."""
        cells = tuple(
            Cell(r, c, cell.text, page=cell.page, line=cell.line)
            for r, row in enumerate(rows)
            for c, cell in enumerate(row)
        )
        return cls(cells, len(rows), max(len(row) for row in rows), page=cited.page, line=cited.line)

    def grid(self) -> list[list[str]]:
        """Rows of cell texts; positions covered by no cell (or by a span) are empty strings."""
        rows = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if cell.row < self.n_rows and cell.col < self.n_cols:
                rows[cell.row][cell.col] = cell.text
        return rows

    def row_cells(self, row: int) -> list[Cell]:
        return list(self._by_row().get(row, ()))

    def cell_at(self, row: int, col: int) -> Cell | None:
        for cell in self._by_row().get(row, ()):
            if cell.col == col:
                return cell
        return None

    def _by_row(self) -> dict[int, list[Cell]]:
        """Cells per row, in column order; built once, so looking up a row does not scan the table."""
        if self._rows is None:
            rows: dict[int, list[Cell]] = {}
            for cell in self.cells:
                rows.setdefault(cell.row, []).append(cell)
            for cells in rows.values():
                cells.sort(key=lambda c: c.col)
            object.__setattr__(self, "_rows", rows)  # a cache on a frozen table
        return self._rows


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    page: int | None = None
    line: int | None = None
    table: Table | None = None
    # When a reader joins several source lines into one block (a paragraph wrapped in a PDF),
    # the offsets in ``text`` where source lines ``line``, ``line + 1`` ... begin.
    line_starts: tuple[int, ...] = ()

    def line_at(self, offset: int) -> int | None:
        """Source line of the character at ``offset`` in ``text``."""
        if self.line is None:
            return None
        index = 0
        for i, start in enumerate(self.line_starts):
            if start <= offset:
                index = i
        return self.line + index


_set_kind, _set_block_text, _set_block_page, _set_block_line, _set_table, _set_line_starts = _slot_setters(
    Block, ("kind", "text", "page", "line", "table", "line_starts")
)


def _init_block(
    self: Block,
    kind: BlockKind,
    text: str,
    page: int | None = None,
    line: int | None = None,
    table: Table | None = None,
    line_starts: tuple[int, ...] = (),
) -> None:
    """As ``_init_cell``: the slots' setters instead of ``object.__setattr__`` (every paragraph,
    heading and table of a report is a block)."""
    _set_kind(self, kind)
    _set_block_text(self, text)
    _set_block_page(self, page)
    _set_block_line(self, line)
    _set_table(self, table)
    _set_line_starts(self, line_starts)


Block.__init__ = _init_block  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class AmbiguousCell:
    """A printed figure a reader could not place in one column: which columns it could be in."""

    page: int | None
    line: int | None
    figure: str  # as printed
    row: str  # the row's code and name
    candidates: tuple[str, ...]  # header paths of the columns it could belong to
    snippet: str  # the row as printed


@dataclass(frozen=True, slots=True)
class SettledCell:
    """A figure of a table rebuilt from text that only the report's prose placed: the column it was
    put in, the columns the prose excluded, and what the prose states (and where)."""

    page: int | None
    line: int | None
    figure: str  # as printed
    row: str  # the row's code and name (or its figures, for a row without label)
    column: str  # header path of the column the figure was placed in
    excluded: tuple[str, ...]  # header paths of the columns the prose ruled out
    stated_page: int | None
    stated_line: int | None
    stated: tuple[str, ...]  # the cells the prose states (header path = figure)


@dataclass(frozen=True, slots=True)
class UnreadFigure:
    """A figure on a scanned page that OCR could not read with confidence, and why."""

    page: int | None  # None in a format without pages (a picture inside a Word document)
    line: int
    read_as: str
    confidence: float
    reason: str


# How a fact's text reached us: from the file's own text, or recognised from a page's picture.
READ_FROM_TEXT = "text"
READ_BY_OCR = "ocr"


@dataclass(slots=True)
class Document:
    """What a reader returns for one input file."""

    source_file: str
    file_format: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    # Non-fatal problems met while reading (a blank page, the encoding used ...).
    warnings: list[str] = field(default_factory=list)
    # Content the reader had to leave out (a damaged page, a page that is only a picture, bytes that
    # are not text): what was read is kept, and the report is marked partial with these reasons.
    lost: list[str] = field(default_factory=list)
    # Figures of tables rebuilt from text that could not be placed in one column (left out of the grid).
    ambiguous_cells: list[AmbiguousCell] = field(default_factory=list)
    # Figures of such tables that the report's prose placed (the other placements contradict it).
    settled_cells: list[SettledCell] = field(default_factory=list)
    # Pages whose text was recognised from their picture (a scan without a text layer), and the
    # figures OCR could not read with confidence there (withheld: the facts are NULL).
    ocr_pages: list[int] = field(default_factory=list)
    unread_figures: list[UnreadFigure] = field(default_factory=list)
    # Lines (formats without pages) holding a picture whose text was recognised by OCR.
    ocr_lines: set[int] = field(default_factory=set)
    # (page, line) of lines left as text that are the cells of a table the reader did not rebuild (a
    # self-evaluation form's indicator lines in text extracted from a PDF, reported in ``lost``): prose
    # in form only, whose numbered criteria (1.…；2.…) are no items of the report's outline.
    table_text_lines: set[tuple[int | None, int]] = field(default_factory=set)
    # Lines of PDF-extracted text inside a table rebuilt from it that no cell or heading of the table holds
    # (a self-evaluation form's goals, written around its cells): no prose of the report, so no fact is
    # read from them, but words it prints, which a rule over all of its words (a template's instruction
    # left in: ``（100字以内）``) reads as it reads a PDF's cells.
    form_text: list[Block] = field(default_factory=list)

    def read_by(self, block: Block | Cell) -> str:
        """Whether the text of ``block`` is the file's own or was recognised by OCR."""
        if block.page is not None:
            return READ_BY_OCR if block.page in self.ocr_pages else READ_FROM_TEXT
        return READ_BY_OCR if block.line in self.ocr_lines else READ_FROM_TEXT

    def tables(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind is BlockKind.TABLE)

    def text_blocks(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind is not BlockKind.TABLE)


@dataclass(frozen=True, slots=True)
class FigureBox:
    """Where a figure's characters stand on its PDF page: PDF points, origin at the page's top-left
    corner (``y`` grows down), with the page's size so a viewer can scale the box to a rendering."""

    x0: float
    y0: float
    x1: float
    y1: float
    page_width: float
    page_height: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: file, PDF page (else None), line in that page's or file's text, snippet,
    whether that text was the file's own or recognised by OCR from a scanned page, and (PDF text
    layers) the box of the figure's characters on the page."""

    source_file: str
    page: int | None
    line: int | None
    snippet: str
    read_by: str = READ_FROM_TEXT
    box: FigureBox | None = None

    def columns(self) -> dict[str, object]:
        """The evidence columns of a warehouse row (the box spread over its own columns)."""
        box = self.box
        return {
            "source_file": self.source_file,
            "page": self.page,
            "line": self.line,
            "snippet": self.snippet,
            "read_by": self.read_by,
            "evidence_bbox_x0": box.x0 if box else None,
            "evidence_bbox_y0": box.y0 if box else None,
            "evidence_bbox_x1": box.x1 if box else None,
            "evidence_bbox_y1": box.y1 if box else None,
            "evidence_page_width": box.page_width if box else None,
            "evidence_page_height": box.page_height if box else None,
        }

    @staticmethod
    def of(document: Document, block: Block | Cell, snippet: str | None = None) -> Evidence:
        text = snippet if snippet is not None else block.text
        return Evidence(document.source_file, block.page, block.line, clip_snippet(text), document.read_by(block))


SNIPPET_MAX_CHARS = 200


def clip_snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_MAX_CHARS else text[: SNIPPET_MAX_CHARS - 1] + "…"
