"""What one PDF page offers the reader: its text, character boxes, text lines and ruling lines.

Everything is read from pdfium in bulk (the page text once, one box per character, the path
objects' bounds) and kept in flat lists; coordinates are turned top-down (``y`` grows down the
page) so reading order is ascending ``y``. Lines are pdfium's own text lines, numbered from 1 in
the page's extracted text, which is what evidence cites.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
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


# Vertical bands (top, bottom) of a page where every character's box is needed (its tables).
BandFinder = Callable[["PageContent"], list[tuple[float, float]]]
_NO_BOX = (0.0, 0.0, 0.0, 0.0)


def load_page(page: pdfium.PdfPage, number: int, table_bands: BandFinder) -> PageContent:
    """Read the page's ruling lines, then its text; character boxes are fetched for every character
    only on lines crossing ``table_bands(content)``, elsewhere for each line's ends (one pdfium call
    per character is the costly part of reading a page)."""
    width, height = page.get_size()
    content = PageContent(number, width, height, "", [], [], [])
    _read_objects(page, content)
    bands = table_bands(content)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        if len(text) != count:  # characters outside the BMP: read them one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0x20) for i in range(count))
        content.text = text
        _chars_and_lines(textpage, content, bands)
    finally:
        textpage.close()
    return content


def _chars_and_lines(textpage: pdfium.PdfTextPage, content: PageContent, bands: list[tuple[float, float]]) -> None:
    text, height = content.text, content.height
    boxes: list[tuple[float, float, float, float]] = [_NO_BOX] * len(text)
    char_line: list[int] = []
    lines: list[TextLine] = []
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    get_box = pdfium_c.FPDFText_GetCharBox
    raw = textpage.raw
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))

    def box(index: int) -> tuple[float, float, float, float]:
        if not get_box(raw, index, *refs):
            return _NO_BOX
        value = (left.value, height - top.value, right.value, height - bottom.value)
        boxes[index] = value
        return value

    offset = 0
    for number, line_text in enumerate(text.split("\n"), start=1):
        char_line.extend([number] * (len(line_text) + 1))
        chars = [offset + i for i, ch in enumerate(line_text) if not ch.isspace()]
        line = TextLine(number, chars)
        lines.append(line)
        offset += len(line_text) + 1
        if not chars:
            continue
        first, last = box(chars[0]), box(chars[-1])
        line.top, line.bottom = min(first[1], last[1]), max(first[3], last[3])
        if any(line.top < b and line.bottom > t for t, b in bands):
            for index in chars[1:-1]:
                box(index)
            printed = [boxes[i] for i in chars if boxes[i] is not _NO_BOX]
            if printed:
                line.top = min(b[1] for b in printed)
                line.bottom = max(b[3] for b in printed)
        line.left, line.right = first[0], last[2]
    del char_line[len(text) :]
    content.boxes, content.char_line, content.lines = boxes, char_line, lines


def _read_objects(page: pdfium.PdfPage, content: PageContent) -> None:
    """Count images and collect ruling lines, through pdfium's C calls (no Python object per item:
    pages typeset one text object per character have thousands)."""
    raw = page.raw
    count = pdfium_c.FPDFPage_CountObjects(raw)
    _walk(content, [pdfium_c.FPDFPage_GetObject(raw, i) for i in range(count)], None, 0, _Floats())


_FORM_DEPTH = 3


def _walk(content: PageContent, objects: list, matrix: pdfium.PdfMatrix | None, depth: int, buffers: _Floats) -> None:
    get_type = pdfium_c.FPDFPageObj_GetType
    for obj in objects:
        kind = get_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_segments(obj, content, matrix, buffers)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            content.image_count += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            # Objects inside a form XObject are placed by the form's matrix.
            form_matrix = _matrix(obj)
            inner = form_matrix if matrix is None else form_matrix.multiply(matrix)
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            _walk(content, [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(n)], inner, depth + 1, buffers)


def _matrix(obj) -> pdfium.PdfMatrix:
    fs = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fs))
    return pdfium.PdfMatrix.from_raw(fs)


class _Floats:
    """Output buffers for pdfium calls, made once per page rather than once per object."""

    def __init__(self) -> None:
        self.values = [ctypes.c_float() for _ in range(4)]
        self.refs = [ctypes.byref(value) for value in self.values]


def _bounds(obj, matrix: pdfium.PdfMatrix | None, buffers: _Floats) -> tuple[float, float, float, float]:
    pdfium_c.FPDFPageObj_GetBounds(obj, *buffers.refs)
    left, bottom, right, top = (value.value for value in buffers.values)
    if matrix is None:
        return left, bottom, right, top
    x0, y0, x1, y1 = matrix.on_rect(left, bottom, right, top)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _path_segments(obj, content: PageContent, outer: pdfium.PdfMatrix | None, buffers: _Floats) -> None:
    left, bottom, right, top = _bounds(obj, outer, buffers)
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
    matrix = _matrix(obj)
    if outer is not None:
        matrix = matrix.multiply(outer)
    points: list[tuple[int, float, float, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
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
