"""Scans of the corpus PDFs give the same table facts as the PDFs themselves.

Every page holding a standard table is rendered at 150 or 200 dpi, turned by up to 0.6 degrees,
blurred and saved as an image-only PDF (tests/scan_support.py); the scan is read by OCR and its table
facts compared with the original's: at least 99% of the lines and metrics identical, and not one
figure that differs (a figure OCR could not read may be NULL, never another number).
"""

from __future__ import annotations

import pytest

from budget_reports.extract.standard_tables import find_standard_tables, read_tables
from budget_reports.model import READ_BY_OCR, Evidence
from budget_reports.readers import read_document
from tests.conftest import corpus_file
from tests.scan_support import Scanner, compare_facts, compare_tables, scan_pdf

# Each corpus PDF with the scanner it goes through: a coarse office scanner, a finer one.
CORPUS_SCANS = {
    "shanghai-final-accounts-template-2024.pdf": Scanner(dpi=150, max_tilt=0.6, blur=0.6, seed=7),
    "shanghai-putuo-finance-bureau-2024-final.pdf": Scanner(dpi=200, max_tilt=0.6, blur=0.7, seed=15),
}
MIN_IDENTICAL = 0.99


@pytest.fixture(scope="module", params=sorted(CORPUS_SCANS))
def scanned(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    original_path = corpus_file(request.param)
    original = read_document(original_path, request.param)
    pages = sorted({page for found in find_standard_tables(original) for page in found.table.pages})
    scanner = CORPUS_SCANS[request.param]
    scan = scan_pdf(original_path, tmp_path_factory.mktemp("scan") / request.param, pages, scanner)
    return original, read_document(scan, request.param), pages


def test_scan_gives_the_original_table_facts(scanned) -> None:
    original, scan, _ = scanned
    agreement = compare_facts(read_tables(original), read_tables(scan))
    assert not agreement.wrong, agreement.report()
    assert agreement.share >= MIN_IDENTICAL, agreement.report()


def test_scan_gives_the_original_table_rows(scanned) -> None:
    """Every row of every standard table (the template's are empty forms: names and codes only)."""
    original, scan, _ = scanned
    agreement = compare_tables(original, scan)
    assert agreement.total > 100
    assert not agreement.wrong, agreement.report()
    assert agreement.share >= MIN_IDENTICAL, agreement.report()


def test_scan_is_marked_as_read_by_ocr(scanned) -> None:
    _, scan, pages = scanned
    assert scan.ocr_pages == list(range(1, len(pages) + 1))
    assert any("OCR" in warning for warning in scan.warnings)
    facts = read_tables(scan)
    evidence = [fact.evidence for fact in facts.summary_metrics + facts.expenditure_function]
    evidence += [Evidence.of(scan, cell) for found in find_standard_tables(scan) for cell in found.table.cells]
    assert evidence and all(e.read_by == READ_BY_OCR for e in evidence)
