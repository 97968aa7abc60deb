"""How far an OCR'd figure can be trusted: a doubtful one is withheld, and said so.

A table figure is doubtful when one of its characters was recognised with low confidence, or
when what was read is not a well-formed number (``1,5O3.52``, ``2.940.05``, ``1,50352``): such a
figure is replaced by ``?`` marks in the page text (so every extractor reads no number there
and the fact is NULL) and kept as an ``UnreadFigure`` (``model``) for the report's findings.
"""

from __future__ import annotations

import re

from budget_reports.model import UnreadFigure
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers.pdf_grid import PageGrid
from budget_reports.readers.pdf_page import PageContent
from budget_reports.readers.pdf_text import join_chars

# A character recognised with less confidence than this makes its figure doubtful.
MIN_CONFIDENCE = 0.9
# Characters a figure cell is made of (a cell holding anything else is a name or a label).
_FIGURE = re.compile(r"^[0-9０-９,，.．\-－—%％()（）]+$")
_DIGIT = re.compile(r"[0-9０-９]")
UNREAD_MARK = "?"


def withhold_doubtful(content: PageContent, grids: list[PageGrid], confidence: list[float]) -> list[UnreadFigure]:
    """Mask the doubtful figures of the page's table cells; return what was masked."""
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
    if masked:
        chars = list(content.text)
        for index in masked:
            chars[index] = UNREAD_MARK
        content.text = "".join(chars)
    return unread


def _doubt(text: str, lowest: float) -> str | None:
    if lowest < MIN_CONFIDENCE:
        return f"字符识别置信度{lowest:.2f}低于{MIN_CONFIDENCE}"
    figure = text.rstrip("%％")
    if parse_decimal(figure) is None:
        return "识别结果不是格式正确的数字"
    return None
