"""The PDF reader on the real corpus: text blocks in reading order and tables as cell grids."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_reports.model import BlockKind, Document, Evidence
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from tests.conftest import corpus_file, table_titled

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


@pytest.fixture(scope="module")
def putuo() -> Document:
    return read_document(corpus_file(PUTUO), PUTUO)


@pytest.fixture(scope="module")
def template() -> Document:
    return read_document(corpus_file(TEMPLATE), TEMPLATE)


def test_putuo_reads_every_page_in_order(putuo: Document) -> None:
    assert putuo.file_format == "pdf"
    assert putuo.page_count == 25
    pages = [b.page for b in putuo.blocks]
    assert pages == sorted(pages)
    covered = set(pages) | {p for b in putuo.tables() for p in b.table.pages}
    assert covered == set(range(1, 26)) - {14}
    # Tables running on from pages 6, 8, 10, 12 and 16 were joined to their start.
    assert {b.page: b.table.pages for b in putuo.tables() if len(b.table.pages) > 1} == {
        6: (6, 7),
        8: (8, 9),
        10: (10, 11),
        12: (12, 13),
        16: (16, 17),
    }
    assert all(b.line is not None and b.line >= 1 for b in putuo.blocks)


def test_page_without_text_is_a_warning_not_a_failure(putuo: Document) -> None:
    assert any("第14页" in w and "没有文字" in w for w in putuo.warnings)


def test_expenditure_table_is_a_grid(putuo: Document) -> None:
    table = table_titled(putuo, "一般公共预算财政拨款支出决算表")
    assert (table.n_rows, table.n_cols) == (24, 7)
    assert table.pages == (15,)


def _source_lines(path: Path) -> dict[int, list[str]]:
    """Each page's extracted text lines, straight from pdfium: what evidence line numbers point into."""
    pdf = pdfium.PdfDocument(path)
    try:
        return {i + 1: pdf[i].get_textpage().get_text_range().split("\r\n") for i in range(len(pdf))}
    finally:
        pdf.close()


def test_every_text_block_names_its_source_lines(putuo: Document) -> None:
    lines = _source_lines(corpus_file(PUTUO))
    checked = 0
    for block in putuo.text_blocks():
        starts = block.line_starts or (0,)
        ends = [*starts[1:], len(block.text)]
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            source = lines[block.page][block.line - 1 + i]
            assert compact(block.text[start:end]) == compact(source), (block.page, block.line + i)
            checked += 1
    assert checked > 200


def test_every_table_cell_names_its_source_line(putuo: Document) -> None:
    lines = _source_lines(corpus_file(PUTUO))
    cells = [c for b in putuo.tables() for c in b.table.cells if c.text]
    assert len(cells) > 500
    for cell in cells:
        # The line holds the start of the cell's text (a wrapped name goes on below it).
        text, source = compact(cell.text), compact(lines[cell.page][cell.line - 1])
        printed = max(k for k in range(len(text) + 1) if text[:k] in source)
        assert printed >= min(len(text), 3), (cell.page, cell.line, cell.text)


def test_chinese_line_broken_mid_word_is_rejoined(putuo: Document) -> None:
    # Page 21 prints "…合同支付进度条款等原因减少支" at the end of line 16 and "付。" on line 17.
    block = next(b for b in putuo.text_blocks() if b.page == 21 and b.line == 16)
    assert block.text.endswith("原因减少支付。")
    assert block.kind is BlockKind.PARAGRAPH
    assert (block.line, len(block.line_starts)) == (16, 2)
    assert block.line_at(block.text.index("付。")) == 17
    evidence = Evidence.of(putuo, block, block.text)
    assert (evidence.source_file, evidence.page, evidence.line) == (PUTUO, 21, 16)
    # A numbered item ending mid-sentence runs on: 1、… 行政运行（项）… spans lines 1-3 of page 22.
    item = next(b for b in putuo.text_blocks() if b.page == 22 and b.line == 1)
    assert item.text.startswith("1、") and "支出决算为1511.89万元。" in item.text
    assert len(item.line_starts) == 3


def test_headings_are_their_own_blocks(putuo: Document) -> None:
    headings = {(b.page, compact(b.text)) for b in putuo.blocks if b.kind is BlockKind.HEADING}
    assert (21, "一、收入支出决算总体情况说明") in headings
    assert (15, "一般公共预算财政拨款支出决算表") in headings  # a table's centred title
    assert (23, "六、一般公共预算财政拨款基本支出决算情况说明") in headings


def test_table_cells_across_pages_keep_their_own_page(putuo: Document) -> None:
    block = next(b for b in putuo.tables() if b.table.pages == (16, 17))
    table = block.table
    pages_by_row = {c.row: c.page for c in table.cells}
    continued = [r for r, p in pages_by_row.items() if p == 17]
    assert continued and min(continued) == 22  # rows 0-21 printed on page 16
    assert all(pages_by_row[r] == 16 for r in range(22))


def test_rotated_page_reads_as_printed(putuo: Document, tmp_path: Path) -> None:
    """A page shown turned (/Rotate 90) holds the same content: same blocks, same table."""
    source = pdfium.PdfDocument(corpus_file(PUTUO))
    turned = pdfium.PdfDocument.new()
    turned.import_pages(source, [14])
    turned[0].set_rotation(90)
    path = tmp_path / "turned.pdf"
    turned.save(path)
    turned.close()
    source.close()
    document = read_document(path, path.name)
    original = [(b.kind, b.text) for b in putuo.blocks if b.page == 15]
    assert [(b.kind, b.text) for b in document.blocks] == original
