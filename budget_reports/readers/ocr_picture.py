"""A picture inside a document (a Word file's pasted scan of a table) read by OCR into blocks.

Departments often paste a table into a Word report as a picture. A picture large enough to hold
one is recognised like a scanned page (``ocr_page``) and, when ruling lines make a table in it,
its text and tables become blocks (``pdf.page_blocks``) that stand at the picture's place: all at
the picture's line, without a page. Photos, logos and seals (no ruled table) give nothing.
"""

from __future__ import annotations

import io
from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from budget_reports.model import Block, Table, UnreadFigure
from budget_reports.readers.ocr_page import read_image
from budget_reports.readers.ocr_trust import withhold_doubtful
from budget_reports.readers.pdf import page_blocks
from budget_reports.readers.pdf_grid import assign_chars, find_grids

# A picture smaller than this (pixels, either side) is an icon, a logo or a seal.
_MIN_SIDE = 300
# Pictures are enlarged to at least this width (pixels) so characters are big enough to read:
# pasted screenshots are often 96 dpi. Never by more than _MAX_ENLARGE.
_READ_WIDTH = 1600
_MAX_ENLARGE = 3.0
# A picture holding more pixels than this is not read (a decompression bomb, a poster).
_MAX_PIXELS = 40_000_000
# Points per pixel of the enlarged picture, as if it were a page printed at 200 dpi.
_POINTS_PER_PIXEL = 72 / 200


def picture_blocks(data: bytes, line: int) -> tuple[list[Block], list[UnreadFigure]]:
    """Blocks of a picture that holds a ruled table (none otherwise), placed at ``line``, and the
    figures in it OCR could not vouch for."""
    gray = _grey(data)
    if gray is None:
        return [], []
    height, width = gray.shape
    page = read_image(gray, 1, width * _POINTS_PER_PIXEL, height * _POINTS_PER_PIXEL)
    content = page.content
    grids = find_grids(content)
    assign_chars(content, grids)
    if not any(cell.chars for grid in grids for cell in grid.cells):
        return [], []
    unread = [replace(u, page=None, line=line) for u in withhold_doubtful(content, grids, page.confidence)]
    return [_placed(block, line) for block in page_blocks(content, grids)], unread


def _grey(data: bytes) -> np.ndarray | None:
    """The picture in grey, enlarged to a readable size; None when it is too small, too large or
    not a picture Pillow can read."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if min(image.size) < _MIN_SIDE or image.width * image.height > _MAX_PIXELS:
                return None
            gray = np.array(image.convert("L"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    factor = min(_MAX_ENLARGE, _READ_WIDTH / gray.shape[1])
    if factor > 1:
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return gray


def _placed(block: Block, line: int) -> Block:
    """The block (and its table's cells) at the picture's line, without a page."""
    table = block.table
    if table is not None:
        cells = tuple(replace(cell, page=None, line=line) for cell in table.cells)
        table = Table(cells, table.n_rows, table.n_cols, None, line, ())
    return replace(block, page=None, line=line, table=table, line_starts=())
