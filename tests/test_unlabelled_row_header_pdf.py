"""A table without a label column (the 三公 table: its one row is figures alone) read from the text the
extractors write one row per line (pdfplumber, pypdfium2, pdftotext -raw) and -layout.

Two things of its header read as the start of its rows before:
- the 栏次 row: with no label column to print 栏次 in, its numbers stand alone (``1 2 3 4 5 6 7``) and
  were taken for figures of the row (fourteen figures in seven columns: none placed);
- its 合计 column's head merged over the header's lower lines: an extractor writes it on a line of
  its own among the others' heads, read as the table's 合计 row (and the header cut there matched no
  layout: the table went unread).
Under the merged header the 合计 column's figure is set lower than the row's others: pdftotext
-layout writes it on a line of its own after a blank line (``0.00 0.46 113.76 …`` / ``114.22``),
where it was read as no row's; it joins the row of figures alone above it, in its column's place
(``laid_out_rows._set_lower``).
Putuo's 2026 budget's 三公 table printed here with its header cells merged or not, the 栏次 row or
none, on a landscape page: every figure in its column.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.readers.printed_numbers import numbers_columns_alone
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file, table_titled
from tests.printed_variants import BUDGET, column_numbers, with_grids
from tests.seed_pdf import typeset

TITLE = "2026年部门“三公”经费和机关运行经费预算表"
# 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 机关运行经费
ROW = ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25"]
SERIALIZERS = ("pdfplumber", "pypdfium2", "pdftotext-raw", "pdftotext-layout")
PRINTS = {"merged": (True, False), "numbered": (False, True), "merged-numbered": (True, True)}


def _three_public_only(numbered: bool) -> Document:
    """The budget's 三公 table alone, under its title and unit line, with a 栏次 row or not; its grid
    built again as the printed variants build theirs (a header cell over empty ones below merged
    with them, when merged: 合计 over two lines, its neighbours' heads over one each)."""
    document = read_document(corpus_file(BUDGET), BUDGET)
    at = next(i for i, b in enumerate(document.blocks) if b.kind is BlockKind.HEADING and compact(b.text) == TITLE)
    table = next(i for i in range(at + 1, at + 3) if document.blocks[i].table is not None)
    alone = replace(document, blocks=document.blocks[at : table + 1])
    return with_grids(alone, column_numbers if numbered else list)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("unlabelled")
    made = {}
    for name, (merged, numbered) in PRINTS.items():
        pdf = typeset(_three_public_only(numbered), folder / f"{name}.pdf", merged=merged)
        for serializer in SERIALIZERS:
            made[name, serializer] = write_serialization(pdf, serializer, folder / name / serializer)
    return made


@pytest.mark.parametrize("serializer", SERIALIZERS)
@pytest.mark.parametrize("printed", PRINTS)
def test_every_figure_of_the_row_in_its_column(texts: dict, printed: str, serializer: str) -> None:
    path = texts[printed, serializer]
    document = read_document(path, path.name)
    assert table_titled(document, TITLE).grid()[-1] == ROW
    assert document.ambiguous_cells == []


def test_the_texts_print_what_read_as_rows(texts: dict) -> None:
    """What the reading is about: the numbers alone, and 合计 on a line of its own in the header."""
    numbered = texts["numbered", "pdfplumber"].read_text(encoding="utf-8").splitlines()
    assert "1 2 3 4 5 6 7" in numbered
    merged = texts["merged", "pdftotext-raw"].read_text(encoding="utf-8").splitlines()
    assert "合计" in merged


def test_column_numbers_alone_count_up_from_one() -> None:
    assert numbers_columns_alone("1 2 3 4 5 6 7")
    assert numbers_columns_alone("1 2 3")
    assert not numbers_columns_alone("1 2")  # two figures may be a row's
    assert not numbers_columns_alone("1 2 4")
    assert not numbers_columns_alone("2 3 4")
    assert not numbers_columns_alone("1.00 2.00 3.00")
