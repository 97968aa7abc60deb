"""A table with merged header cells typeset in a PDF, as reports print the 三公 table: a cell spanning
columns or rows is drawn without the rules inside it, so the PDF reader sees its span."""

from __future__ import annotations

from collections.abc import Sequence

from budget_reports.normalize import parse_decimal
from tests.cjk_table_pdf import FONT_SIZE, TablePdf
from tests.seed_pdf import text_width, wrap

LEFT, UP = "<", "^"  # a cell merged with the one on its left / above


def spanned_table(
    pdf: TablePdf, left: float, top: float, widths: Sequence[float], rows: Sequence[Sequence[str]], row_height: float
) -> float:
    """``rows`` (header rows, then body rows) drawn with ``LEFT`` / ``UP`` cells merged into their
    neighbour; text wrapped to its cell's width, figures flush right. Returns the table's bottom."""
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [top + r * row_height for r in range(len(rows) + 1)]
    owner = owners(rows)
    n_rows, n_cols = len(rows), len(widths)
    for r in range(n_rows + 1):
        for c in range(n_cols):
            if r in (0, n_rows) or owner[r][c] != owner[r - 1][c]:
                pdf.line(xs[c], ys[r], xs[c + 1], ys[r])
    for c in range(n_cols + 1):
        for r in range(n_rows):
            if c in (0, n_cols) or owner[r][c] != owner[r][c - 1]:
                pdf.line(xs[c], ys[r], xs[c], ys[r + 1])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text or text in (LEFT, UP):
                continue
            span = sum(1 for k in range(c, n_cols) if owner[r][k] == (r, c))
            width = xs[c + span] - xs[c]
            if parse_decimal(text) is not None:
                pdf.text(xs[c + span] - 3 - text_width(text, FONT_SIZE), ys[r] + 3, text)
                continue
            for k, piece in enumerate(wrap(text, width - 6 + FONT_SIZE, FONT_SIZE)):
                pdf.text(xs[c] + 3, ys[r] + 3 + k * (FONT_SIZE + 1), piece)
    return ys[-1]


def owners(rows: Sequence[Sequence[str]]) -> list[list[tuple[int, int]]]:
    """Each cell's owner: the cell holding the text of the merged cell it is part of."""
    owner: list[list[tuple[int, int]]] = []
    for r, row in enumerate(rows):
        owner.append([])
        for c, text in enumerate(row):
            if text == LEFT:
                owner[r].append(owner[r][c - 1])
            elif text == UP:
                owner[r].append(owner[r - 1][c])
            else:
                owner[r].append((r, c))
    return owner
