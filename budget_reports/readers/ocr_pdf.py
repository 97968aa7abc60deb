"""Which pages of a PDF are scans, and their OCR, page by page in a bounded process pool.

A page with pictures and no text object has no text layer: it is rendered at ``OCR_DPI`` and
read by ``ocr_page``. Recognition is the costly part (seconds a page), so pages are spread over
worker processes (``BUDGET_OCR_WORKERS``, default: one per core), each running its share of the
model's threads; results come back in page order while the reader goes on with the other pages.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budget_reports.readers.ocr_engine import engine_threads
from budget_reports.readers.ocr_page import OcrPage, read_image

# Resolution pages are rendered at for recognition: table figures come out ~25 pixels high.
OCR_DPI = 200
# A page larger than this many pixels (a poster, a mis-sized scan) is rendered smaller.
_MAX_PIXELS = 40_000_000
_FORM_DEPTH = 3


def is_scanned(page: pdfium.PdfPage) -> bool:
    """Whether the page shows pictures but holds no text object (a scan without a text layer)."""
    raw = page.raw
    counts = {"text": 0, "image": 0}
    _count([pdfium_c.FPDFPage_GetObject(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))], counts, 0)
    return counts["image"] > 0 and counts["text"] == 0


def _count(objects: list, counts: dict[str, int], depth: int) -> None:
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            counts["text"] += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            counts["image"] += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            _count([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(n)], counts, depth + 1)


def scanned_pages(pdf: pdfium.PdfDocument, first: int = 0) -> list[int]:
    """0-based indices of the pages from ``first`` on that need OCR."""
    found = []
    for index in range(first, len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            continue  # the reader reports the damaged page
        try:
            if is_scanned(page):
                found.append(index)
        finally:
            page.close()
    return found


def ocr_page(path: Path, index: int, threads: int | None = None) -> OcrPage:
    """Render page ``index`` (0-based) of the PDF at ``path`` and read it by OCR."""
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        try:
            width, height = page.get_size()
            if page.get_rotation() in (90, 270):
                width, height = height, width
            scale = min(OCR_DPI / 72, (_MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            bitmap = page.render(scale=scale, grayscale=True)
            gray = np.array(bitmap.to_pil().convert("L"))
        finally:
            page.close()
    finally:
        pdf.close()
    return read_image(gray, index + 1, width, height, threads)


def workers() -> int:
    value = os.environ.get("BUDGET_OCR_WORKERS")
    return max(1, int(value)) if value else max(1, len(os.sched_getaffinity(0)))


def ocr_pages(path: Path, indices: list[int]) -> Iterator[OcrPage | Exception]:
    """OCR of the given pages, yielded in the order given (a page that broke yields its error);
    several pages run at once, and pages not yet read are dropped if the caller stops early."""
    n = min(workers(), len(indices))
    if n <= 1:
        for index in indices:
            yield _guarded(path, index, None)
        return
    threads = engine_threads(n)
    # spawn: a fresh interpreter per worker (no fork of a threaded parent).
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(_guarded, path, index, threads) for index in indices]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _guarded(path: Path, index: int, threads: int | None) -> OcrPage | Exception:
    try:
        return ocr_page(path, index, threads)
    except Exception as exc:  # one unreadable picture loses its page, not the report
        return exc
