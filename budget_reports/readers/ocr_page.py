"""A scanned page as the PDF reader's ``PageContent``: OCR'd characters, text lines, ruling lines.

The page image is straightened, its ruling lines found and its text recognised; recognised
lines are put in reading order (rows top-down, left to right within a row) and numbered like the
lines of a text layer, each character keeping its box, so the same grid builder
(``pdf_grid``) and prose joiner (``pdf_text``) read a scan as they read a text layer.
Coordinates are turned from pixels into points of the PDF page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from budget_reports.readers import ocr_image
from budget_reports.readers.ocr_engine import OcrLine, recognise
from budget_reports.readers.pdf_page import PageContent, Segment, TextLine

# Marks OCR makes of specks and dot leaders: a recognised line of nothing else carries no text
# (dashes are kept: a table prints — for nil).
_SPECKS = frozenset(".·。,，、'\"“”‘’`*+:：;；_~^°")
# Two recognised lines are on one row when their vertical centres are closer than this share of
# the taller one's height.
_SAME_ROW = 0.5


@dataclass(slots=True)
class OcrPage:
    """What OCR gives for one page: its content for the grid builder, and how sure it is."""

    content: PageContent
    # Per character of ``content.text``: recognition confidence (1.0 for generated spaces/breaks).
    confidence: list[float] = field(default_factory=list)
    tilt: float = 0.0


def read_image(gray: np.ndarray, number: int, width: float, height: float, threads: int | None = None) -> OcrPage:
    """Page ``number`` (``width`` x ``height`` points) from its grey image (any resolution)."""
    angle = ocr_image.tilt(gray)
    straight = ocr_image.straighten(gray, angle)
    scale = width / straight.shape[1]  # points per pixel
    horizontals, verticals = ocr_image.rules(straight)
    lines = [line for line in recognise(straight, threads) if not set(line.text) <= _SPECKS]
    content = PageContent(number, width, height, "", [], [], [])
    content.horizontals = [Segment(y * scale, x0 * scale, x1 * scale) for y, x0, x1 in horizontals]
    content.verticals = [Segment(x * scale, y0 * scale, y1 * scale) for x, y0, y1 in verticals]
    confidence = _lay_out(content, lines, scale)
    return OcrPage(content, confidence, angle)


def rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Recognised lines grouped into rows of the page, top-down, each row left to right."""
    ordered = sorted(lines, key=lambda line: (line.box[1] + line.box[3]) / 2)
    grouped: list[list[OcrLine]] = []
    for line in ordered:
        _, top, _, bottom = line.box
        centre, size = (top + bottom) / 2, bottom - top
        if grouped:
            anchor = grouped[-1][0].box
            anchor_centre, anchor_size = (anchor[1] + anchor[3]) / 2, anchor[3] - anchor[1]
            if abs(centre - anchor_centre) < _SAME_ROW * max(size, anchor_size):
                grouped[-1].append(line)
                continue
        grouped.append([line])
    return [sorted(row, key=lambda line: line.box[0]) for row in grouped]


def _lay_out(content: PageContent, lines: list[OcrLine], scale: float) -> list[float]:
    """Fill the content's text, character boxes and text lines; return per-character confidence."""
    pieces: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    confidence: list[float] = []
    char_line: list[int] = []
    text_lines: list[TextLine] = []
    no_box = (0.0, 0.0, 0.0, 0.0)
    for number, row in enumerate(rows(lines), start=1):
        printed: list[int] = []
        for k, line in enumerate(row):
            if k:  # a gap between two recognised pieces of one row, as a text layer spaces them
                pieces.append(" ")
                boxes.append(no_box)
                confidence.append(1.0)
                char_line.append(number)
            for char in line.chars:
                printed.append(len(boxes))
                pieces.append(char.text)
                left, top, right, bottom = char.box
                boxes.append((left * scale, top * scale, right * scale, bottom * scale))
                confidence.append(char.confidence)
                char_line.append(number)
        text_line = TextLine(number, printed)
        text_line.left = min(boxes[i][0] for i in printed)
        text_line.right = max(boxes[i][2] for i in printed)
        text_line.top = min(boxes[i][1] for i in printed)
        text_line.bottom = max(boxes[i][3] for i in printed)
        text_lines.append(text_line)
        pieces.append("\n")
        boxes.append(no_box)
        confidence.append(1.0)
        char_line.append(number)
    if pieces:  # no break after the last line, as pdfium's text has none
        pieces.pop(), boxes.pop(), confidence.pop(), char_line.pop()
    content.text = "".join(pieces)
    content.boxes, content.char_line, content.lines = boxes, char_line, text_lines
    return confidence
