"""The PDF reader's side of OCR: the scanned pages of one document, recognised ahead of the reader.

Nothing is done for a PDF with a text layer. At the first page that is only a picture, that page
and every later scanned page are handed to the worker pool (``ocr_pdf``); the reader then takes
their results in page order, each turned into page content with its table grids and its doubtful
figures withheld (``ocr_trust``), while the document records which pages were OCR'd.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from budget_reports.model import Document
from budget_reports.readers.ocr_page import OcrPage
from budget_reports.readers.ocr_pdf import ocr_pages, scanned_pages
from budget_reports.readers.ocr_trust import withhold_doubtful
from budget_reports.readers.pdf_grid import PageGrid, assign_chars, find_grids
from budget_reports.readers.pdf_page import PageContent


class OcrFailed(Exception):
    """OCR of one page broke (an unreadable picture): the page is lost, the report goes on."""


class ScannedPages:
    def __init__(self, path: Path, pdf: pdfium.PdfDocument, document: Document) -> None:
        self._path, self._pdf, self._document = path, pdf, document
        self._indices: set[int] = set()
        self._results: Iterator[OcrPage | Exception] | None = None

    def __contains__(self, index: int) -> bool:
        return index in self._indices

    def start(self, index: int) -> None:
        """OCR page ``index`` (0-based) and the scanned pages after it, in the background."""
        indices = [index, *scanned_pages(self._pdf, index + 1)]
        self._indices.update(indices)
        self._results = ocr_pages(self._path, indices)

    def read(self, index: int) -> tuple[PageContent, list[PageGrid]]:
        """The next scanned page's content (it is page ``index``) and its table grids."""
        assert self._results is not None and index in self._indices
        result = next(self._results)
        if isinstance(result, Exception):
            raise OcrFailed(str(result)) from result
        content = result.content
        content.image_count = max(content.image_count, 1)
        grids = find_grids(content)
        assign_chars(content, grids)
        self._document.unread_figures.extend(withhold_doubtful(content, grids, result.confidence))
        if content.has_text:
            self._document.ocr_pages.append(index + 1)
        return content, grids

    def close(self) -> None:
        if self._results is not None:
            self._results.close()  # pages not yet read are dropped with their workers

    def note(self) -> str:
        """What the report's message says about its scanned pages."""
        document = self._document
        note = f"第{_ranges(document.ocr_pages)}页为扫描页（无文字层），已用OCR识别文字，所得数据请对照原页核实"
        if document.unread_figures:
            note += f"；其中{len(document.unread_figures)}处数字识别不可靠，未采用（见 ocr.unread_figure 问题）"
        return note


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1-3、5"."""
    parts: list[str] = []
    start = previous = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if n is not None:
            start = previous = n
    return "、".join(parts)
