"""What one PDF page offers the reader: its text, character boxes, text lines and ruling lines.

Everything is read from pdfium in bulk (the page text once, one box per character, the path
objects' bounds) and kept in flat lists; coordinates are turned top-down (``y`` grows down the
page) so reading order is ascending ``y``. Lines are pdfium's own text lines, numbered from 1 in
the page's extracted text, which is what evidence cites.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A path whose bounds are thinner than this (points) is a ruling line, whatever way it was drawn.
_THIN = 3.0
# Axis-aligned tolerance for path segments (points).
_AXIS_TOL = 0.8


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (``x0..x1`` at ``pos`` = y) or vertical (``y0..y1`` at ``pos`` = x) ruling line."""

    pos: float
    start: float
    end: float


@dataclass(slots=True)
class TextLine:
    number: int  # 1-based line of the page's extracted text
    chars: list[int]  # indices of the printed (non-space) characters
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0


@dataclass(slots=True)
class PageContent:
    number: int
    width: float
    height: float
    text: str
    # Per character of ``text``: box (left, top, right, bottom) top-down, line number.
    boxes: list[tuple[float, float, float, float]]
    char_line: list[int]
    lines: list[TextLine]
    horizontals: list[Segment] = field(default_factory=list)
    verticals: list[Segment] = field(default_factory=list)
    image_count: int = 0

    @property
    def has_text(self) -> bool:
        return any(line.chars for line in self.lines)


def load_page(page: pdfium.PdfPage, number: int) -> PageContent:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        if len(text) != count:  # characters outside the BMP: read them one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0x20) for i in range(count))
        boxes, char_line, lines = _chars_and_lines(textpage, text, height)
    finally:
        textpage.close()
    content = PageContent(number, width, height, text, boxes, char_line, lines)
    _read_objects(page, content)
    return content


def _chars_and_lines(
    textpage: pdfium.PdfTextPage, text: str, height: float
) -> tuple[list[tuple[float, float, float, float]], list[int], list[TextLine]]:
    boxes: list[tuple[float, float, float, float]] = []
    char_line: list[int] = []
    lines = [TextLine(1, [])]
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    get_box = pdfium_c.FPDFText_GetCharBox
    raw = textpage.raw
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    for index, char in enumerate(text):
        if char == "\n":
            char_line.append(lines[-1].number)
            boxes.append((0.0, 0.0, 0.0, 0.0))
            lines.append(TextLine(lines[-1].number + 1, []))
            continue
        char_line.append(lines[-1].number)
        if char.isspace() or not get_box(raw, index, *refs):
            boxes.append((0.0, 0.0, 0.0, 0.0))
            continue
        box = (left.value, height - top.value, right.value, height - bottom.value)
        boxes.append(box)
        lines[-1].chars.append(index)
    for line in lines:
        if line.chars:
            line.left = min(boxes[i][0] for i in line.chars)
            line.top = min(boxes[i][1] for i in line.chars)
            line.right = max(boxes[i][2] for i in line.chars)
            line.bottom = max(boxes[i][3] for i in line.chars)
    return boxes, char_line, lines


def _read_objects(page: pdfium.PdfPage, content: PageContent) -> None:
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            content.image_count += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_segments(obj, content)


def _path_segments(obj: pdfium.PdfObject, content: PageContent) -> None:
    left, bottom, right, top = obj.get_bounds()
    height = content.height
    if right - left <= _THIN and top - bottom > _THIN:
        content.verticals.append(Segment((left + right) / 2, height - top, height - bottom))
        return
    if top - bottom <= _THIN and right - left > _THIN:
        content.horizontals.append(Segment(height - (top + bottom) / 2, left, right))
        return
    if right - left <= _THIN and top - bottom <= _THIN:
        return  # a dot
    # A rectangle or a polyline: walk its segments (in page space through the object's matrix).
    matrix = obj.get_matrix()
    points: list[tuple[int, float, float, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = matrix.on_point(x.value, y.value)
        points.append((pdfium_c.FPDFPathSegment_GetType(seg), px, py, bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for kind, px, py, close in points:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _add_line(content, previous, (px, py))
        previous = (px, py)
        if close and start is not None:
            _add_line(content, previous, start)
            previous = start


def _add_line(content: PageContent, a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    height = content.height
    if abs(y0 - y1) <= _AXIS_TOL and abs(x0 - x1) > _THIN:
        content.horizontals.append(Segment(height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= _AXIS_TOL and abs(y0 - y1) > _THIN:
        content.verticals.append(Segment((x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))
