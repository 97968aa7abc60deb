"""Figures OCR cannot vouch for are NULL with a finding, never a plausible wrong number.

A page of the Putuo report's 支出决算表 is scanned with two defects made on purpose: one figure
printed over with another number (so its row no longer adds up: 本年支出合计 ≠ 基本支出 + 项目支出)
and one figure half covered by a blot. Separately, on a real OCR'd page, the characters of one
figure are given a low confidence: it must be withheld.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport, SourceKind
from budget_reports.readers.ocr_pdf import ocr_page
from budget_reports.readers.ocr_trust import MIN_CONFIDENCE, UNREAD_MARK, withhold_doubtful
from budget_reports.readers.pdf_grid import assign_chars, find_grids
from budget_reports.readers.pdf_text import join_chars
from tests.conftest import corpus_file
from tests.prose_support import extract_file
from tests.scan_support import Scanner, degrade, figure_box, image_pdf, overprint, render_pages, smudge

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
PAGE = 10  # 支出决算表
MISPRINTED = ("1,511.89", "1,571.89")  # 行政运行's 本年支出合计, printed over
BLOTTED = "135.25"  # 信息化建设's 本年支出合计


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = corpus_file(PUTUO)
    scanner = Scanner()
    (image,) = render_pages(source, [PAGE], scanner)
    overprint(image, figure_box(source, PAGE, MISPRINTED[0]), MISPRINTED[1], scanner.dpi)
    smudge(image, figure_box(source, PAGE, BLOTTED), scanner.dpi)
    return image_pdf(degrade([image], scanner), tmp_path_factory.mktemp("trust") / "scan.pdf", scanner.dpi)


@pytest.fixture(scope="module")
def result(scan: Path) -> ExtractedReport:
    return extract_file(scan)


def table_line(result: ExtractedReport, code: str):
    found = [x for x in result.expenditure_function if x.code == code and x.source_kind == SourceKind.TABLE]
    assert len(found) == 1, [x.code for x in result.expenditure_function]
    return found[0]


def test_a_row_that_does_not_add_up_is_withheld(result: ExtractedReport) -> None:
    # 行政运行: no figure read (the table extractor keeps no line without any figure), no wrong one.
    misread = [x for x in result.expenditure_function if x.code == "2010601" and x.source_kind == SourceKind.TABLE]
    assert all((x.actual, x.basic, x.project) == (None, None, None) for x in misread)
    assert Decimal("1571.89") not in {x.actual for x in result.expenditure_function}
    findings = [f for f in result.findings if f.rule_id == "ocr.unread_figure" and "1,571.89" in f.subject]
    assert findings and findings[0].evidence.read_by == "ocr" and findings[0].evidence.page == 1
    # The rows around it still add up and are kept.
    assert table_line(result, "2010602").actual == Decimal("10.00")


def test_a_blotted_figure_is_right_or_withheld(result: ExtractedReport) -> None:
    line = table_line(result, "2010607")  # 信息化建设
    assert line.actual in (Decimal("135.25"), None)
    if line.actual is None:
        assert [f for f in result.findings if f.rule_id == "ocr.unread_figure" and f.evidence.line is not None]


def test_report_says_ocr_and_unread_figures(result: ExtractedReport) -> None:
    message = result.report.error_message or ""
    assert "OCR" in message and "识别不可靠" in message


def test_low_confidence_characters_withhold_their_figure(scan: Path) -> None:
    page = ocr_page(scan, 0)
    content = page.content
    grids = find_grids(content)
    assign_chars(content, grids)
    cell = next(c for g in grids for c in g.cells if join_chars(content, c.chars) == "449.52")
    confidence = list(page.confidence)
    confidence[cell.chars[2]] = MIN_CONFIDENCE / 2  # one doubtful digit
    unread = withhold_doubtful(content, grids, confidence)
    assert join_chars(content, cell.chars) == UNREAD_MARK * len("449.52")
    assert "449.52" in [u.read_as for u in unread if "置信度" in u.reason]
    # Its row cannot be checked any more, so the rest of the row is kept: 项目支出 449.52.
    assert any(join_chars(content, c.chars) == "449.52" for g in grids for c in g.cells)
    assert not [u for u in unread if "449.52" in u.read_as and "合计" in u.reason]
