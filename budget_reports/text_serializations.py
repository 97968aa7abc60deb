"""Text serializations of a PDF, as other tools write them.

``pdftotext`` (poppler) in its default, ``-layout`` and ``-raw`` modes, pypdfium2's page text,
pdfplumber's ``extract_text`` and PyMuPDF's ``get_text``, pages separated by form feeds; and the
text Firefox's PDF viewer (pdf.js) copies after "select all", which marks no page at all. Used by
the tests that require a report read from any of them to give the facts its PDF gives, and by the
benchmarks (text reading speed, injected errors) that run the corpus PDFs as each of these texts.

``PARTLY_READ`` holds the forms whose tables the reader does not rebuild as the PDF yet: pdfminer.six's
``extract_text`` (its layout analysis writes a page's text boxes one after another, a blank line after
each, a table's cells in runs by column), and PyMuPDF's Markdown (``to_markdown``: pipe tables whose
columns are the converter's, not the report's, or tables in HTML). Their prose is read whole and a table not read is
reported (``tests/test_pdfminer_text.py``, ``tests/test_markdown_text.py``); they are not among the forms
that must give the PDF's facts.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

FORM_FEED = "\f"
# The pdf.js program and its locked npm packages (``make node-deps`` installs them).
PDFJS_TEXT = Path(__file__).resolve().parent.parent / "scripts" / "pdfjs-text"


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


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text  # pdfplumber's own dependency, asked for by the tests

    return extract_text(str(pdf))  # default layout analysis; a form feed ends every page


def _mupdf(pdf: Path) -> str:
    import pymupdf  # a test dependency only (AGPL-3.0): imported where a test asks for its text

    with pymupdf.open(pdf) as document:
        return "".join(page.get_text() + FORM_FEED for page in document)


def _mupdf_markdown(**options: str) -> Callable[[Path], str]:
    def extract(pdf: Path) -> str:
        import pymupdf  # a test dependency only (AGPL-3.0), as above

        # PyMuPDF's Markdown (the former pymupdf4llm): its layout analysis, tables as pipe tables (or as
        # HTML), no OCR of images (the corpus PDFs carry their text).
        return pymupdf.pymupdf4llm.to_markdown(str(pdf), use_ocr=False, **options)

    return extract


def _pdfjs(pdf: Path) -> str:
    reason = _pdfjs_missing()
    if reason is not None:
        raise FileNotFoundError(reason)
    program = [shutil.which("node") or "node", str(PDFJS_TEXT / "copy_all.mjs"), str(pdf)]
    done = subprocess.run(program, capture_output=True, check=False)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace")[-500:]
        raise RuntimeError(f"pdf.js could not write the text of {pdf.name}: {said}")
    return done.stdout.decode("utf-8")


def _pdfjs_missing() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed: scripts/system-deps.sh installs it"
    if not (PDFJS_TEXT / "node_modules" / "pdfjs-dist").is_dir():
        return "pdf.js is not installed: `make node-deps` installs it from scripts/pdfjs-text/package-lock.json"
    return None


SERIALIZERS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext(),
    "pdftotext-layout": _pdftotext("-layout"),
    "pdftotext-raw": _pdftotext("-raw"),
    "pypdfium2": _pdfium,
    "pdfplumber": _plumber,
    "pymupdf": _mupdf,
    "pdfjs": _pdfjs,
}
PARTLY_READ: dict[str, Callable[[Path], str]] = {
    "pdfminer": _pdfminer,
    "pymupdf-markdown": _mupdf_markdown(),
    "pymupdf-markdown-html": _mupdf_markdown(table_output="html"),
}
# Forms written to a file of their own kind (a converter's Markdown is a ``.md`` file).
_SUFFIXES = {"pymupdf-markdown": ".md", "pymupdf-markdown-html": ".md"}
NEEDS_PDFTOTEXT = {"pdftotext", "pdftotext-layout", "pdftotext-raw"}


def missing_program(serializer: str) -> str | None:
    """Why ``serializer`` cannot write text on this machine (a program not installed), or None."""
    if serializer in NEEDS_PDFTOTEXT and shutil.which("pdftotext") is None:
        return "pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it"
    return _pdfjs_missing() if serializer == "pdfjs" else None


def write_serialization(pdf: Path, serializer: str, folder: Path) -> Path:
    """The PDF's text as ``serializer`` writes it, saved as ``<pdf stem>.txt`` (Markdown: ``.md``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{pdf.stem}{_SUFFIXES.get(serializer, '.txt')}"
    path.write_text({**SERIALIZERS, **PARTLY_READ}[serializer](pdf), encoding="utf-8")
    return path
