"""A ``pdftotext -layout`` text holding more prose than table lines, its tables printing a dash in
each empty cell and names wrapped at 8 or 10 characters.

Judged as a whole, such a text is not laid out (most of its lines are wrapped prose), so a line of
cells lost its dashes and, with them, the runs of spaces that keep its figures in their columns
(``20805      6,103,096      6,103,096 -`` became ``20805 6,103,096 6,103,096``). A row whose name
wraps is read by its words' columns: its two equal figures were left ambiguous between 合计 and any
part. A laid-out line now keeps what it printed (``text.py``); the laid-out reader drops the dashes itself.

On portrait pages the final account's 三公 table (12 narrow columns, 决算数 printed 决 / 算 / 数 down
its cells) prints its one row ``0.95 - - … 0.95 -``: a row of figures and dashes, under a 合计 head
set on a line of its own among the header's lines. The dashes made it no row of figures, so the 合计
line was taken for the table's 合计 row and the table was reported not read.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.linear_tables import is_laid_out
from budget_reports.readers.text import text_pages
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, BUDGET_FACTS, FINAL, dashes, report_facts, with_grids, wrapped_names
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, measured


def _printed(grid: list[list[str]], width: int) -> list[list[str]]:
    return dashes(wrapped_names(grid, width))


FINAL_FACTS = 97  # the final account's table facts (as its corpus file gives them)


def _layout_text(report: str, width: int, page: tuple[float, float], folder: Path) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    printed = with_grids(read_document(corpus_file(report), report), partial(_printed, width=width))
    pdf = typeset(printed, folder / f"{Path(report).stem}.pdf", merged=False, table_page=page)
    return write_serialization(pdf, "pdftotext-layout", folder)


def _table_facts_read(text: Path, report: str) -> tuple[int, int]:
    """The report's table facts the text gives, and the facts it gives that the report does not."""
    per_view = measured(report_facts(report), facts(extract_frames(text, report)))
    tables = [counts for view, counts in per_view.items() if view.endswith("/table")]
    return sum(m for m, _, _ in tables), sum(x for _, _, x in tables)


@pytest.mark.parametrize("width", [8, 10])
def test_a_prose_heavy_layout_text_keeps_its_table_lines_columns(width: int, tmp_path: Path) -> None:
    text = _layout_text(BUDGET, width, LANDSCAPE, tmp_path)
    # The premise: as a whole, the text is not laid out (wrapped prose outnumbers the table lines).
    assert not is_laid_out([line for page in text_pages(text.read_text(encoding="utf-8")) for line in page])
    assert _table_facts_read(text, BUDGET) == (BUDGET_FACTS, 0)
    document = read_document(text, BUDGET)
    assert document.ambiguous_cells == []
    assert document.lost == []


def test_a_row_of_figures_and_dashes_under_a_stacked_header_is_read(tmp_path: Path) -> None:
    text = _layout_text(FINAL, 10, PORTRAIT, tmp_path)
    lines = [line.split() for line in text.read_text(encoding="utf-8").splitlines()]
    # The premise: 决算数 printed down its narrow cells, the row's empty cells as dashes.
    assert any(len(words) > 3 and set(words) == {"决"} for words in lines)
    assert next(words for words in lines if words[:1] == ["0.95"])[:2] == ["0.95", "-"]
    assert _table_facts_read(text, FINAL) == (FINAL_FACTS, 0)
    document = read_document(text, FINAL)
    assert document.ambiguous_cells == []
    assert document.lost == []
