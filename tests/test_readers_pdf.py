"""The PDF reader on the real corpus: text blocks in reading order and tables as cell grids."""

from __future__ import annotations

import pytest

from budget_reports.model import BlockKind, Document, Table
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


@pytest.fixture(scope="module")
def putuo() -> Document:
    return read_document(corpus_file(PUTUO), PUTUO)


@pytest.fixture(scope="module")
def template() -> Document:
    return read_document(corpus_file(TEMPLATE), TEMPLATE)


def table_titled(document: Document, title: str) -> Table:
    """The table right after the heading ``title`` (a unit line may stand between them)."""
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING and compact(block.text) == title:
            for following in blocks[i + 1 : i + 3]:
                if following.table is not None:
                    return following.table
    raise AssertionError(f"no table after {title}")


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
