"""PDF with a text layer, read with pdfium: text in reading order and ruled tables as cell grids.

Each page gives its prose blocks (headings, paragraphs re-joined across wrapped lines) and its
tables (rebuilt from the ruling lines and character boxes), in the order they stand on the page.
A table that runs on at the top of the next page with the same columns is joined to its start.
A scanned page (pictures, no text layer) is read by OCR (``ocr_scans``) into the same page content,
so its prose and tables come out the same way; the document records which pages were OCR'd.
Files that cannot be read (not a PDF, truncated, encrypted, nothing legible) raise ``ReadError``
with the reason; a single page without text is only a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.errors import ReadError
from budget_reports.readers.ocr_scans import OcrFailed, ScannedPages
from budget_reports.readers.pdf_grid import PageGrid, assign_chars, find_grids
from budget_reports.readers.pdf_page import PageContent, load_page
from budget_reports.readers.pdf_text import join_chars, paragraphs, prose_lines, running_key

# Column boundaries of a continued table may differ by this much (points) from its start.
_SAME_COLUMN = 3.0
# "%%EOF" must appear this close to the end of the file, else the file was cut short.
_TAIL_BYTES = 4096
# A line repeated in the header/footer band of this many pages (and half of them) is a running header.
_RUNNING_MIN_PAGES = 3


@dataclass(slots=True)
class _PageTable:
    block: Block
    grid: PageGrid


def read(path: Path, source_file: str) -> Document:
    _check_bytes(path)
    pdf = _open(path)
    document = Document(source_file=source_file, file_format="pdf")
    try:
        document.page_count = len(pdf)
        pages_with_text = 0
        images = 0
        previous_table: _PageTable | None = None  # a table that ends its page
        margin_lines: list[tuple[int, int, str]] = []  # (page, line, key) of header/footer-band lines
        scanned = ScannedPages(path, pdf, document)
        for index in range(len(pdf)):
            number = index + 1
            try:
                if index in scanned:
                    content, grids = scanned.read(index)
                else:
                    content, grids = _load(pdf, index)
                    if not content.has_text and content.image_count:
                        scanned.start(index)  # the first scan met: OCR it and every scan after it
                        content, grids = scanned.read(index)
            except (pdfium.PdfiumError, OcrFailed):
                document.lost.append(f"第{number}页无法解析，已跳过")
                previous_table = None
                continue
            images += content.image_count
            if not content.has_text:
                if index in scanned:
                    document.lost.append(f"第{number}页是扫描图片，OCR未能识别出文字，未读取该页内容")
                elif content.image_count:
                    document.lost.append(
                        f"第{number}页只有图片、没有文字层（可能是扫描页，需OCR才能读取），未读取该页内容"
                    )
                else:
                    document.warnings.append(f"第{number}页没有文字（空白页或只有图形），未读取该页内容")
                previous_table = None
                continue
            pages_with_text += 1
            items = _page_items(content, grids, margin_lines)
            if previous_table is not None and items and isinstance(items[0], _PageTable):
                joined = _join(previous_table, items[0])
                if joined is not None:
                    position = next(i for i, b in enumerate(document.blocks) if b is previous_table.block)
                    document.blocks[position] = joined.block
                    previous_table = joined
                    items = items[1:]
                    if not items:
                        continue
            for item in items:
                document.blocks.append(item.block if isinstance(item, _PageTable) else item)
            previous_table = items[-1] if items and isinstance(items[-1], _PageTable) else None
    finally:
        scanned.close()
        pdf.close()
    _drop_running_lines(document, margin_lines, pages_with_text)
    if document.ocr_pages:
        document.warnings.append(scanned.note())
    if pages_with_text == 0:
        if images:
            raise ReadError("PDF没有文字层（扫描件或图片），OCR也未能识别出文字：请检查扫描质量或提供原始电子版")
        raise ReadError("PDF中没有可读取的文字（所有页面均为空白或仅有图形）")
    return document


def _load(pdf: pdfium.PdfDocument, index: int) -> tuple[PageContent, list[PageGrid]]:
    """One page's content and its table grids (characters assigned); the page is closed after."""
    grids: list[PageGrid] = []

    def table_bands(content: PageContent) -> list[tuple[float, float]]:
        grids.extend(find_grids(content))
        return [(g.ys[0], g.ys[-1]) for g in grids]

    page = pdf[index]
    try:
        content = load_page(page, index + 1, table_bands)
    finally:
        page.close()
    assign_chars(content, grids)
    return content, grids


def _drop_running_lines(document: Document, margin_lines: list[tuple[int, int, str]], pages: int) -> None:
    """Remove running headers and footers: the same line (but for its numbers) in the header or
    footer band of at least half the pages, and of three pages at least."""
    pages_by_key: dict[str, set[int]] = {}
    for page, _, key in margin_lines:
        pages_by_key.setdefault(key, set()).add(page)
    running = {k for k, seen in pages_by_key.items() if len(seen) >= max(_RUNNING_MIN_PAGES, pages / 2)}
    if not running:
        return
    where = {(page, line) for page, line, key in margin_lines if key in running}
    document.blocks = [
        b for b in document.blocks if b.kind is BlockKind.TABLE or b.line_starts or (b.page, b.line) not in where
    ]


def _check_bytes(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
        if b"%PDF-" not in head:
            raise ReadError("文件不是有效的PDF（缺少PDF文件头），可能扩展名有误或文件已损坏")
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _TAIL_BYTES))
        if b"%%EOF" not in handle.read():
            raise ReadError("PDF文件不完整（缺少文件结尾），可能下载中断或文件被截断，请重新获取原文件")


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("PDF已加密，需要密码才能打开：请提供未加密的文件") from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError("PDF使用了不支持的加密或权限设置，无法读取") from exc
        raise ReadError("PDF文件已损坏或格式无法识别，无法读取") from exc


def _page_items(
    content: PageContent, grids: list[PageGrid], margin_lines: list[tuple[int, int, str]]
) -> list[Block | _PageTable]:
    """Prose blocks and tables of one page, in the order they stand on it."""
    tables = [_PageTable(_table_block(content, grid), grid) for grid in grids if _has_text(grid)]
    table_chars = {i for table in tables for cell in table.grid.cells for i in cell.chars}
    lines = prose_lines(content, table_chars)
    margin_lines.extend((content.number, p.line.number, running_key(p.text)) for p in lines if p.in_margin)
    right_margin = max((p.line.right for p in lines), default=content.width)
    items: list[Block | _PageTable] = []
    pending = list(lines)
    for table in tables:
        top = table.grid.ys[0]
        before = [p for p in pending if p.line.top < top]
        pending = [p for p in pending if p.line.top >= top]
        items.extend(paragraphs(content.number, before, right_margin))
        items.append(table)
    items.extend(paragraphs(content.number, pending, right_margin))
    return items


def page_blocks(content: PageContent, grids: list[PageGrid]) -> list[Block]:
    """Prose and table blocks of one page's content in reading order (content read from elsewhere,
    such as a picture OCR'd inside another document)."""
    return [item.block if isinstance(item, _PageTable) else item for item in _page_items(content, grids, [])]


def _has_text(grid: PageGrid) -> bool:
    return any(cell.chars for cell in grid.cells)


def _table_block(content: PageContent, grid: PageGrid) -> Block:
    row_line: dict[int, int] = {}
    texts: list[tuple[str, int | None]] = []
    for cell in grid.cells:
        line = min((content.char_line[i] for i in cell.chars), default=None)
        texts.append((join_chars(content, cell.chars), line))
        if line is not None:
            for r in range(cell.row, cell.row + cell.row_span):
                row_line[r] = min(row_line.get(r, line), line)
    cells = tuple(
        Cell(
            cell.row,
            cell.col,
            text,
            cell.row_span,
            cell.col_span,
            content.number,
            line if line is not None else row_line.get(cell.row),
        )
        for cell, (text, line) in zip(grid.cells, texts, strict=True)
    )
    first_line = min(row_line.values())
    table = Table(cells, grid.n_rows, grid.n_cols, content.number, first_line, (content.number,))
    return Block(BlockKind.TABLE, table_text(table), content.number, first_line, table)


def table_text(table: Table) -> str:
    return "\n".join("\t".join(row) for row in table.grid())


def _join(start: _PageTable, cont: _PageTable) -> _PageTable | None:
    """``start`` with ``cont`` appended when ``cont`` continues it (same columns, some of them
    merged in every row of one of the pages), else None."""
    a, b = start.grid, cont.grid
    head = start.block.table
    tail = cont.block.table
    assert head is not None and tail is not None
    xs = a.xs if len(a.xs) >= len(b.xs) else b.xs  # the columns of the table joined
    tail_columns, head_columns = _columns_within(xs, b.xs), _columns_within(xs, a.xs)
    if tail_columns is None or head_columns is None:
        return None
    merged = len(a.xs) != len(b.xs)
    if merged:
        head = _on_columns(head, head_columns, len(xs) - 1)
        tail = _on_columns(tail, tail_columns, len(xs) - 1)
    tail_grid = tail.grid()
    head_grid = head.grid()
    skip = 0
    # Rows with no text at the top of the continuation, and a repeated header, are not data.
    while skip < tail.n_rows and not any(tail_grid[skip]):
        skip += 1
    repeated = 0
    while (
        skip + repeated < tail.n_rows and repeated < head.n_rows and tail_grid[skip + repeated] == head_grid[repeated]
    ):
        repeated += 1
    skip += repeated
    header_again = any(sum(1 for text in row if text) > 1 for row in head_grid[:repeated])
    if (repeated or merged) and not header_again:
        # Its title rows printed again without the column header: a new table of the same form (a
        # report's project tables one after another). Fewer columns and no header printed again:
        # another table as likely as a continuation.
        return None
    # A cell spanning down across the skipped rows would lose its anchor: keep such tables apart.
    if any(cell.row < skip < cell.row + cell.row_span for cell in tail.cells):
        return None
    offset = head.n_rows - skip
    moved = tuple(
        Cell(c.row + offset, c.col, c.text, c.row_span, c.col_span, c.page, c.line) for c in tail.cells if c.row >= skip
    )
    table = Table(
        head.cells + moved,
        head.n_rows + tail.n_rows - skip,
        head.n_cols,
        head.page,
        head.line,
        head.pages + tuple(p for p in tail.pages if p not in head.pages),
    )
    block = Block(BlockKind.TABLE, table_text(table), start.block.page, start.block.line, table)
    grid = PageGrid(xs, b.ys, b.cells, b.owner)  # the columns the next continuation must match
    return _PageTable(block, grid)


def _columns_within(columns: list[float], page: list[float]) -> list[int] | None:
    """For each column boundary of one page's part of a table, the boundary of the whole table's
    ``columns`` it stands on; None unless every one stands on one and the outer edges are the
    table's. A page whose rows all merge some columns draws no rule between them: its columns are
    the table's, fewer."""
    at: list[int] = []
    for x in page:
        index = next((i for i, y in enumerate(columns) if abs(x - y) <= _SAME_COLUMN), None)
        if index is None or (at and index <= at[-1]):
            return None
        at.append(index)
    if not at or at[0] != 0 or at[-1] != len(columns) - 1:
        return None
    return at


def _on_columns(table: Table, boundaries: list[int], n_cols: int) -> Table:
    """``table``'s cells put on the columns of a table with ``n_cols`` columns, ``boundaries`` giving
    the index there of each of its column boundaries."""
    cells = tuple(
        Cell(
            c.row,
            boundaries[c.col],
            c.text,
            c.row_span,
            boundaries[c.col + c.col_span] - boundaries[c.col],
            c.page,
            c.line,
        )
        for c in table.cells
    )
    return Table(cells, table.n_rows, n_cols, table.page, table.line, table.pages)
