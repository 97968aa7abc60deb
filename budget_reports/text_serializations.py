"""Text serializations of a PDF, as other tools write them: pages separated by form feeds.

``pdftotext`` (poppler) in its default, ``-layout`` and ``-raw`` modes, pypdfium2's page text,
pdfplumber's ``extract_text`` and PyMuPDF's ``get_text``. Used by the tests that require a report
read from any of them to give the facts its PDF gives, and by the benchmarks (text reading speed,
injected errors) that run the corpus PDFs as each of these texts.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

FORM_FEED = "\f"


def _pdftotext(*options: str) -> Callable[[Path], str]:
    def extract(pdf: Path) -> str:
        program = shutil.which("pdftotext")
        if program is None:
            raise FileNotFoundError("pdftotext (poppler-utils) is not installed: run scripts/system-deps.sh")
        done = subprocess.run([program, *options, str(pdf), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")  # pdftotext ends every page with a form feed

    return extract


def _pdfium(pdf: Path) -> str:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    return FORM_FEED.join(pages) + FORM_FEED


def _plumber(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return FORM_FEED.join(page.extract_text() or "" for page in document.pages) + FORM_FEED


def _mupdf(pdf: Path) -> str:
    import pymupdf  # a test dependency only (AGPL-3.0): imported where a test asks for its text

    with pymupdf.open(pdf) as document:
        return "".join(page.get_text() + FORM_FEED for page in document)


SERIALIZERS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext(),
    "pdftotext-layout": _pdftotext("-layout"),
    "pdftotext-raw": _pdftotext("-raw"),
    "pypdfium2": _pdfium,
    "pdfplumber": _plumber,
    "pymupdf": _mupdf,
}
NEEDS_PDFTOTEXT = {"pdftotext", "pdftotext-layout", "pdftotext-raw"}


def write_serialization(pdf: Path, serializer: str, folder: Path) -> Path:
    """The PDF's text as ``serializer`` writes it, saved as ``<pdf stem>.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{pdf.stem}.txt"
    path.write_text(SERIALIZERS[serializer](pdf), encoding="utf-8")
    return path
