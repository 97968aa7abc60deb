"""Whether a two-sided coded table (the 基本支出 table: 301/303 beside 302/310) was written one cell
at a time, as ``pdftotext`` (default mode) writes a fully ruled table: each cell a block of its own,
a row's code on one line, its 款 part and name on the next, its figure on another, and blocks of
figures written late, after other rows' cells (``302 | 14 租赁费 | 69.41 | 303 | 对个人和家庭的补助``:
69.41 is 303's). Lines are no rows there, and the order does not make sure which row a figure is
on: reading one row per line puts figures on the wrong line. ``side_by_side_streams`` reads such a table from
its cells and sums instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from budget_reports.readers.block_words import BARE_FIGURE, CODE_PART, WHOLE_CODE
from budget_reports.readers.linear_rows import Token

# Why such a table is not read row by row (its report of the table not read; the stream reader
# appends why it could not read it either, or reads it).
WRITTEN_BY_CELLS = "的两栏文本逐格写出，未能还原为行"
# A one-sided table written by cells whose rows its cells' order does not prove (``cell_stream_rows``).
WRITTEN_BY_CELLS_ONE_SIDE = "的文本逐格写出，其行序未能还原"
# Fewer lone codes than this: a row or two broken over lines, not a table written by cells.
_MIN_LONE_CODES = 3
# Figures alone on their lines, per figure sharing its line with a name or a code: pdftotext's -raw
# text breaks a row's cells over lines too, but leaves a figure beside its name (``基本工资 262.33``),
# in its row's place; written by cells, a figure is a block of its own (a total's label may follow it).
_ALONE_PER_SHARED = 3


def written_cell_by_cell(body: Sequence[Sequence[Token]]) -> bool:
    """Codes printed alone on their lines (at least three), and figures alone on theirs."""
    lone_codes, lone_figures, shared_figures = 0, 0, 0
    for tokens in body:
        if len(tokens) == 1:
            text = tokens[0].text
            if WHOLE_CODE.match(text) or CODE_PART.match(text):
                lone_codes += 1
            elif BARE_FIGURE.match(text):
                lone_figures += 1
        # A bare figure prints a point or a comma: a code's or a name's word is passed over without the pattern.
        elif any(("." in t.text or "," in t.text) and BARE_FIGURE.match(t.text) for t in tokens):
            shared_figures += 1
    return lone_codes >= _MIN_LONE_CODES and lone_figures >= _ALONE_PER_SHARED * max(shared_figures, 1)
