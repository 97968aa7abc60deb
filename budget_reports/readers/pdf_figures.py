"""Find a cited figure's characters again on its PDF page: the box a reviewer sees highlighted.

Extractors cite a figure by page, line (pdfium's text line of that page, as ``pdf_page`` numbers
them) and snippet. On that page's text layer the figure is the number nearest the cited line, at or
after it (a paragraph is cited by its first line), whose value is the figure's, however it is
printed (``2,961.68``, ``2961.68``, full-width digits, in 万元 or in 元); a finding that quotes text
(a wrong year, a template placeholder) is found as the same characters, spaces ignored. The box
is the union of the characters' boxes, in PDF points with the origin at the page's top-left corner.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budget_reports.figure_text import find_quoted, numbers
from budget_reports.model import FigureBox
from budget_reports.normalize import ascii_figures

# Lines searched after the cited one (a paragraph cited by its first line runs on), then before it.
_LINES_AFTER = 40
_LINES_BEFORE = 2


@dataclass(frozen=True, slots=True)
class FigureQuery:
    """A figure to find: where it was cited, and the values (or the quoted text) it may be printed as."""

    page: int  # 1-based
    line: int | None
    values: tuple[Decimal, ...] = ()  # tried in order
    text: str | None = None


@dataclass(frozen=True, slots=True)
class _Token:
    line: int
    start: int  # index in the page text
    end: int


@dataclass(slots=True)
class _Page:
    text: str
    lines: list[tuple[int, str]]  # (offset in the page text, line text), line n at index n - 1
    numbers: dict[Decimal, list[_Token]]
    page: pdfium.PdfPage
    textpage: pdfium.PdfTextPage
    height: float
    width: float


def locate_figures(path: Path, queries: Sequence[FigureQuery]) -> list[FigureBox | None]:
    """The box of each queried figure on its page, or None where it cannot be found (or the page is rotated)."""
    pdf = pdfium.PdfDocument(path)
    pages: dict[int, _Page | None] = {}
    try:
        result = []
        for query in queries:
            if query.page not in pages:
                pages[query.page] = _load(pdf, query.page)
            page = pages[query.page]
            result.append(_locate(page, query) if page is not None else None)
        return result
    finally:
        for loaded in pages.values():
            if loaded is not None:
                loaded.textpage.close()
                loaded.page.close()
        pdf.close()


def _load(pdf: pdfium.PdfDocument, number: int) -> _Page | None:
    if not 1 <= number <= len(pdf):
        return None
    page = pdf[number - 1]
    if page.get_rotation() != 0:  # boxes would be in the unrotated page's space: not shown rather than misplaced
        page.close()
        return None
    width, height = page.get_size()
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range() if count > 0 else ""
    if len(text) != count:  # characters outside the BMP shift positions: no boxes rather than wrong ones
        textpage.close()
        page.close()
        return None
    text = ascii_figures(text)  # as the reader read the page (``pdf_page.load_page``)
    lines: list[tuple[int, str]] = []
    offset = 0
    for line_text in text.split("\n"):
        lines.append((offset, line_text))
        offset += len(line_text) + 1
    return _Page(text, lines, _numbers(lines), page, textpage, height, width)


def _numbers(lines: list[tuple[int, str]]) -> dict[Decimal, list[_Token]]:
    found: dict[Decimal, list[_Token]] = {}
    for number, (offset, line_text) in enumerate(lines, start=1):
        for start, end, value in numbers(line_text):
            found.setdefault(value, []).append(_Token(number, offset + start, offset + end))
    return found


def _search_order(line: int | None, line_count: int) -> list[int]:
    if line is None:
        return list(range(1, line_count + 1))
    after = range(line, line + _LINES_AFTER + 1)
    before = range(line - 1, line - _LINES_BEFORE - 1, -1)
    return [n for n in (*after, *before) if 1 <= n <= line_count]  # a line past the page's end: none


def _locate(page: _Page, query: FigureQuery) -> FigureBox | None:
    order = _search_order(query.line, len(page.lines))
    rank = {line: position for position, line in enumerate(order)}
    for value in query.values:  # in the order given: the row's most telling figure first
        tokens = [t for t in page.numbers.get(value, ()) if t.line in rank]
        if tokens:
            best = min(tokens, key=lambda t: (rank[t.line], t.start))
            return _box(page, best.start, best.end)
    if query.text:
        for line in order:
            offset, text = page.lines[line - 1]
            span = find_quoted(text, query.text)
            if span is not None:
                return _box(page, offset + span[0], offset + span[1])
    return None


def _box(page: _Page, start: int, end: int) -> FigureBox | None:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for index in range(start, end):
        if page.text[index].isspace():
            continue
        refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        if not pdfium_c.FPDFText_GetCharBox(page.textpage.raw, index, *refs):
            continue
        x0, x1 = min(x0, left.value), max(x1, right.value)
        y0, y1 = min(y0, page.height - top.value), max(y1, page.height - bottom.value)
    if x0 > x1:
        return None
    return FigureBox(
        round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2), round(page.width, 2), round(page.height, 2)
    )
