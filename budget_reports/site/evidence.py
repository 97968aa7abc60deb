"""A finding's evidence as the review site shows it: the PDF page with the figure's box, or the cited lines.

A PDF page is rendered once to a PNG (pypdfium2) however many findings cite it; the box is drawn by
the page as an overlay positioned in percent of the page, so it scales with the image. For text
files the cited line and its neighbours are shown with the figure marked; for other formats
(Word, spreadsheets, web pages) the snippet the fact was read from, with the figure marked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from budget_reports.figure_text import as_number, find_figure
from budget_reports.readers.decode import decode_text
from budget_reports.readers.text import text_pages

PAGES_DIR = "pages"
# Rendering scale: 1.5 × 72 dpi = 108 dpi, legible figures at a moderate file size.
_SCALE = 1.5
# Lines shown around a cited line of a text file.
_CONTEXT_LINES = 2
# Lines after the cited one searched for the figure (a paragraph is cited by its first line).
_FIGURE_LINES_AFTER = 8
_TEXT_FORMATS = ("text", "pdftotext")


@dataclass(frozen=True, slots=True)
class Marked:
    """A line of text split around the figure: before, the figure itself (may be empty), after."""

    number: int | None
    before: str
    figure: str
    after: str
    cited: bool


@dataclass(frozen=True, slots=True)
class Overlay:
    """The figure's box in percent of the page image (left, top, width, height)."""

    left: float
    top: float
    width: float
    height: float


class PageImages:
    """Renders cited PDF pages into ``<site>/pages/`` once each; None when the file cannot be rendered."""

    def __init__(self, raw_dir: Path, site_dir: Path) -> None:
        self._raw_dir = raw_dir
        self._out = site_dir / PAGES_DIR
        self._done: dict[tuple[str, int], str | None] = {}

    def page(self, source_file: str, page: int) -> str | None:
        key = (source_file, page)
        if key not in self._done:
            self._done[key] = self._render(source_file, page)
        return self._done[key]

    def _render(self, source_file: str, page: int) -> str | None:
        path = self._raw_dir / source_file
        if not path.is_file():
            return None
        name = f"{hashlib.sha256(source_file.encode()).hexdigest()[:12]}-p{page}.png"
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            return None
        try:
            if not 1 <= page <= len(pdf):
                return None
            self._out.mkdir(parents=True, exist_ok=True)
            pdf[page - 1].render(scale=_SCALE).to_pil().save(self._out / name, optimize=True)
        finally:
            pdf.close()
        return f"{PAGES_DIR}/{name}"


def overlay(finding: dict[str, object]) -> Overlay | None:
    """Where the finding's box lies on its page image, or None when it has none."""
    x0, y0, x1, y1 = (finding[f"evidence_bbox_{k}"] for k in ("x0", "y0", "x1", "y1"))
    width, height = finding["evidence_page_width"], finding["evidence_page_height"]
    if None in (x0, y0, x1, y1) or not width or not height:
        return None
    return Overlay(100 * x0 / width, 100 * y0 / height, 100 * (x1 - x0) / width, 100 * (y1 - y0) / height)


def mark(text: str, quoted: str | None, number: int | None = None, cited: bool = True) -> Marked:
    """``text`` split around the figure ``quoted`` (found by value when it is a number)."""
    value = as_number(quoted) if quoted else None
    span = find_figure(text, (value,) if value is not None else (), quoted) if quoted else None
    if span is None:
        return Marked(number, text, "", "", cited)
    start, end = span
    return Marked(number, text[:start], text[start:end], text[end:], cited)


class CitedLines:
    """The lines around a cited line of a text file (decoded once per file), the figure marked."""

    def __init__(self, raw_dir: Path) -> None:
        self._raw_dir = raw_dir
        self._pages: dict[str, list[list[str]] | None] = {}

    def lines(self, finding: dict[str, object], file_format: str | None) -> list[Marked]:
        """The cited line and its neighbours; the figure marked on the cited line or, when a paragraph
        cited by its first line states it further on, on the first following line that prints it."""
        figure = finding["actual"]
        line, page = finding["line"], finding["page"]
        pages = self._text(finding["source_file"]) if file_format in _TEXT_FORMATS else None
        page_lines = pages[(page or 1) - 1] if pages and 1 <= (page or 1) <= len(pages) else None
        if not page_lines or line is None or not 1 <= line <= len(page_lines):
            return [mark(str(finding["snippet"] or ""), figure)]
        found = next(
            (
                n
                for n in range(line, min(line + _FIGURE_LINES_AFTER, len(page_lines)) + 1)
                if mark(page_lines[n - 1], figure).figure
            ),
            line,
        )
        first, last = max(1, line - _CONTEXT_LINES), min(len(page_lines), found + _CONTEXT_LINES)
        return [
            mark(page_lines[n - 1], figure if n == found else None, n, cited=n in (line, found))
            for n in range(first, last + 1)
        ]

    def _text(self, source_file: str) -> list[list[str]] | None:
        if source_file not in self._pages:
            path = self._raw_dir / source_file
            try:
                self._pages[source_file] = text_pages(decode_text(path.read_bytes())[0]) if path.is_file() else None
            except OSError:
                self._pages[source_file] = None
        return self._pages[source_file]
