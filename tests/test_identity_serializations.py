"""The corpus PDFs' identity is the same read from the text other tools extract from them.

``pdftotext`` (default, ``-layout``, ``-raw``), pypdfium2's page text and pdfplumber's ``extract_text``
each lay the cover out differently (pdfplumber prints the year apart from its 年度); every one, written as
``.txt`` with form feeds between pages, must give the PDF's kind, year, department and region.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from budget_reports.facts import ReportInfo
from tests.conftest import corpus_file
from tests.prose_support import extract_file

PDFS = ["shanghai-putuo-finance-bureau-2024-final.pdf", "shanghai-final-accounts-template-2024.pdf"]


def _pdftotext(*options: str) -> Callable[[Path], str]:
    def run(pdf: Path) -> str:
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
        done = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    return run


def _pdfium(pdf: Path) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _pdfplumber(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return "\f".join(page.extract_text() or "" for page in document.pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext(),
    "pdftotext-layout": _pdftotext("-layout"),
    "pdftotext-raw": _pdftotext("-raw"),
    "pypdfium2": _pdfium,
    "pdfplumber": _pdfplumber,
}


def _identity(info: ReportInfo) -> tuple[object, ...]:
    return (
        info.report_kind,
        info.fiscal_year,
        info.department,
        info.department_short,
        info.province,
        info.city,
        info.county,
    )


@pytest.mark.parametrize("extractor", list(EXTRACTORS))
@pytest.mark.parametrize("name", PDFS)
def test_text_serialization_has_the_pdfs_identity(tmp_path: Path, name: str, extractor: str) -> None:
    pdf = corpus_file(name)
    text_file = tmp_path / f"{Path(name).stem}.txt"
    text_file.write_text(EXTRACTORS[extractor](pdf), encoding="utf-8")
    from_pdf = _identity(extract_file(pdf).report)
    assert from_pdf[:2] == ("部门决算", 2024)
    assert _identity(extract_file(text_file).report) == from_pdf
