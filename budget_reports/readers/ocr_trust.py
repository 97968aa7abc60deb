"""How far an OCR'd figure can be trusted: a doubtful one is withheld, and said so.

A table figure is doubtful when one of its characters was recognised with low confidence, or
when what was read is not a well-formed number (``1,5O3.52``, ``2.940.05``, ``1,50352``). A row
is doubtful when the table's own arithmetic fails on it: where a column of the table is, row
after row, the sum of the amounts to its right (本年支出合计 = 基本支出 + 项目支出 …), a row on
which it is not had one of its figures misread, and which one cannot be told. Doubtful figures
are replaced by ``?`` marks in the page text (so every extractor reads no number there and the
fact is NULL) and kept as ``UnreadFigure`` (``model``) for the report's findings.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports.model import UnreadFigure
from budget_reports.normalize import compact, money_half_unit, parse_decimal, sum_breach
from budget_reports.readers.pdf_grid import GridCell, PageGrid
from budget_reports.readers.pdf_page import PageContent
from budget_reports.readers.pdf_text import join_chars

# A character recognised with less confidence than this makes its figure doubtful.
MIN_CONFIDENCE = 0.9
# Characters a figure cell is made of (a cell holding anything else is a name or a label).
_FIGURE = re.compile(r"^[0-9０-９,，.．\-－—%％()（）]+$")
_DIGIT = re.compile(r"[0-9０-９]")
UNREAD_MARK = "?"
# A column is a row total when it equals the sum of the amounts to its right on at least this
# many rows, and on this share of the rows where it can be checked.
_TOTAL_MIN_ROWS = 3
_TOTAL_MIN_SHARE = 0.75


def withhold_doubtful(content: PageContent, grids: list[PageGrid], confidence: list[float]) -> list[UnreadFigure]:
    """Mask the doubtful figures and rows of the page's table cells; return what was masked."""
    unread, masked = _doubtful_figures(content, grids, confidence)
    _mask(content, masked)
    for grid in grids:
        rows, masked = _rows_off_their_total(content, grid)
        unread += rows
        _mask(content, masked)
    return unread


def _mask(content: PageContent, indices: list[int]) -> None:
    if indices:
        chars = list(content.text)
        for index in indices:
            chars[index] = UNREAD_MARK
        content.text = "".join(chars)


def _doubtful_figures(
    content: PageContent, grids: list[PageGrid], confidence: list[float]
) -> tuple[list[UnreadFigure], list[int]]:
    unread: list[UnreadFigure] = []
    masked: list[int] = []
    for grid in grids:
        for cell in grid.cells:
            if not cell.chars:
                continue
            text = compact(join_chars(content, cell.chars))
            if not _FIGURE.match(text) or not _DIGIT.search(text):
                continue
            lowest = min(confidence[i] for i in cell.chars)
            reason = _doubt(text, lowest)
            if reason is None:
                continue
            line = min(content.char_line[i] for i in cell.chars)
            unread.append(UnreadFigure(content.number, line, text, round(lowest, 3), reason))
            masked.extend(cell.chars)
    return unread, masked


def _amount(content: PageContent, cell: GridCell) -> tuple[Decimal, str] | None:
    """A cell's amount (printed with decimals: codes and counts are not amounts) and its text."""
    text = compact(join_chars(content, cell.chars))
    if "." not in text:
        return None
    value = parse_decimal(text)
    return None if value is None else (value, text)


def _rows_off_their_total(content: PageContent, grid: PageGrid) -> tuple[list[UnreadFigure], list[int]]:
    """Rows on which a column that totals the amounts to its right on the other rows does not."""
    rows: list[dict[int, tuple[GridCell, Decimal, str]]] = []
    for r in range(grid.n_rows):
        row: dict[int, tuple[GridCell, Decimal, str]] = {}
        withheld = False  # a row with a figure already withheld cannot be checked
        for c in range(grid.n_cols):
            cell = grid.cells[grid.owner[r][c]]
            if cell.row != r or cell.col != c or not cell.chars:
                continue
            withheld = withheld or UNREAD_MARK in join_chars(content, cell.chars)
            if (amount := _amount(content, cell)) is not None:
                row[c] = (cell, *amount)
        rows.append({} if withheld else row)
    unread: list[UnreadFigure] = []
    masked: list[int] = []
    for c in range(grid.n_cols):
        checked = [(row, _adds_up(row, c)) for row in rows if c in row and any(k > c for k in row)]
        agree = sum(1 for _, ok in checked if ok)
        if agree < _TOTAL_MIN_ROWS or agree < _TOTAL_MIN_SHARE * len(checked):
            continue
        for row, ok in checked:
            if ok or any(cell.chars[0] in masked for cell, _, _ in row.values()):
                continue
            figures = [row[k] for k in sorted(row) if k >= c]
            line = min(content.char_line[i] for cell, _, _ in figures for i in cell.chars)
            shown = " ".join(text for _, _, text in figures)
            reason = f"行内合计{figures[0][2]}与其右侧各项之和不符（有数字识别有误，或原表本身不平）"
            unread.append(UnreadFigure(content.number, line, shown, 1.0, reason))
            masked.extend(i for cell, _, _ in figures for i in cell.chars)
    return unread, masked


def _adds_up(row: dict[int, tuple[GridCell, Decimal, str]], c: int) -> bool:
    parts = [value for k, (_, value, _) in row.items() if k > c]
    total = row[c][1]
    # Each printed part was rounded on its own: half a unit of its last digit apiece.
    return not sum_breach(parts, total, money_half_unit(total) * len(parts))


def _doubt(text: str, lowest: float) -> str | None:
    if lowest < MIN_CONFIDENCE:
        return f"字符识别置信度{lowest:.2f}低于{MIN_CONFIDENCE}"
    figure = text.rstrip("%％")
    if parse_decimal(figure) is None:
        return "识别结果不是格式正确的数字"
    return None
