"""A table pasted into a Word report as a picture gives the same facts as the table in the PDF.

The Putuo report's 支出决算表 page is scanned (tests/scan_support.py) and pasted as a picture into
a DOCX made with python-docx, after a paragraph of text and beside a small logo; the DOCX reader
OCRs the picture and its table facts must be those of the same page read from the PDF's text
layer (the page alone, so that both are read in the same context).
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Inches
from PIL import Image
from pypdf import PdfReader, PdfWriter

from budget_reports.extract.standard_tables import TableKind, find_standard_tables, read_tables
from budget_reports.model import READ_BY_OCR, Document
from budget_reports.readers import read_document
from tests.conftest import corpus_file
from tests.scan_support import Scanner, compare_facts, degrade, render_pages

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
PAGE = 10  # 支出决算表
PICTURE_LINE = 3  # the third paragraph of the document holds the picture


def png(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Document]:
    source = corpus_file(PUTUO)
    scanner = Scanner(dpi=200, seed=3)
    (picture,) = degrade(render_pages(source, [PAGE], scanner), scanner)
    word = docx.Document()
    word.add_paragraph("三、部门决算表")
    word.add_paragraph().add_run().add_picture(png(Image.new("L", (80, 80), 90)), width=Inches(0.5))  # a logo
    word.add_paragraph().add_run().add_picture(png(picture), width=Inches(6.5))
    folder = tmp_path_factory.mktemp("picture")
    path = folder / "report.docx"
    word.save(path)
    writer = PdfWriter()
    writer.add_page(PdfReader(source).pages[PAGE - 1])
    page_alone = folder / "page.pdf"
    writer.write(page_alone)
    return read_document(page_alone, page_alone.name), read_document(path, path.name)


def test_pasted_table_gives_the_pdf_table_facts(documents: tuple[Document, Document]) -> None:
    original, pasted = documents
    assert [found.kind for found in find_standard_tables(pasted)] == [TableKind.EXPENDITURE]
    agreement = compare_facts(read_tables(original), read_tables(pasted))
    assert agreement.total > 10
    assert not agreement.wrong, agreement.report()
    assert agreement.share >= 0.99, agreement.report()


def test_pasted_table_is_marked_as_read_by_ocr(documents: tuple[Document, Document]) -> None:
    _, pasted = documents
    assert pasted.ocr_lines == {PICTURE_LINE}  # the logo is not read
    facts = read_tables(pasted)
    assert {(f.evidence.read_by, f.evidence.page, f.evidence.line) for f in facts.expenditure_function} == {
        (READ_BY_OCR, None, PICTURE_LINE)
    }
    assert any("OCR" in warning for warning in pasted.warnings)
