"""A table pasted into a Word report or a web page as a picture gives the facts of the PDF's table.

The Putuo report's 支出决算表 page is scanned (tests/scan_support.py) and pasted as a picture into
a DOCX made with python-docx and into an HTML page (as a file beside it), after a paragraph of text
and beside a small logo; the reader OCRs the picture and its table facts must be those of the
same page read from the PDF's text layer (the page alone, so that both are read in one context).
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

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
HEADING = "三、部门决算表"
LOGO = Image.new("L", (80, 80), 90)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def make_docx(picture: Image.Image, folder: Path) -> tuple[Path, int]:
    word = docx.Document()
    word.add_paragraph(HEADING)
    word.add_paragraph().add_run().add_picture(io.BytesIO(png(LOGO)), width=Inches(0.5))
    word.add_paragraph().add_run().add_picture(io.BytesIO(png(picture)), width=Inches(6.5))
    path = folder / "report.docx"
    word.save(path)
    return path, 3  # the third paragraph holds the picture


def make_html(picture: Image.Image, folder: Path) -> tuple[Path, int]:
    (folder / "images").mkdir()
    (folder / "images" / "table.png").write_bytes(png(picture))
    logo = base64.b64encode(png(LOGO)).decode("ascii")
    page = (
        f"<html><head><meta charset='utf-8'></head><body><p>{HEADING}</p>"
        f"<p><img src='data:image/png;base64,{logo}'></p><p><img src='images/table.png'></p></body></html>"
    )
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    return path, 2  # the picture comes right after the heading's line; the logo takes none


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Document:
    writer = PdfWriter()
    writer.add_page(PdfReader(corpus_file(PUTUO)).pages[PAGE - 1])
    page_alone = tmp_path_factory.mktemp("page") / "page.pdf"
    writer.write(page_alone)
    return read_document(page_alone, page_alone.name)


@pytest.fixture(scope="module", params=[make_docx, make_html], ids=["docx", "html"])
def pasted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, int]:
    scanner = Scanner(dpi=200, seed=3)
    (picture,) = degrade(render_pages(corpus_file(PUTUO), [PAGE], scanner), scanner)
    path, line = request.param(picture, tmp_path_factory.mktemp("pasted"))
    return read_document(path, path.name), line


def test_pasted_table_gives_the_pdf_table_facts(original: Document, pasted: tuple[Document, int]) -> None:
    document, _ = pasted
    assert [found.kind for found in find_standard_tables(document)] == [TableKind.EXPENDITURE]
    agreement = compare_facts(read_tables(original), read_tables(document))
    assert agreement.total > 10
    assert not agreement.wrong, agreement.report()
    assert agreement.share >= 0.99, agreement.report()


def test_pasted_table_is_marked_as_read_by_ocr(pasted: tuple[Document, int]) -> None:
    document, line = pasted
    assert document.ocr_lines == {line}  # the logo is not read
    facts = read_tables(document)
    assert {(f.evidence.read_by, f.evidence.page, f.evidence.line) for f in facts.expenditure_function} == {
        (READ_BY_OCR, None, line)
    }
    assert any("OCR" in warning for warning in document.warnings)
    assert document.blocks[0].text == HEADING and document.blocks[0].line == 1
