"""A ``pdftotext -layout`` text holding more prose than table lines, its tables printing a dash in
each empty cell and names wrapped at 8 or 10 characters.

Judged as a whole, such a text is not laid out (most of its lines are wrapped prose), so a line of
cells lost its dashes and, with them, the runs of spaces that keep its figures in their columns
(``20805      6,103,096      6,103,096 -`` became ``20805 6,103,096 6,103,096``). A row whose name
wraps is read by its words' columns: its two equal figures were left ambiguous between 合计 and any
part. A laid-out line now keeps what it printed (``text.py``); the laid-out reader drops the dashes itself.
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
from tests.printed_variants import BUDGET, BUDGET_FACTS, dashes, report_facts, with_grids, wrapped_names
from tests.seed_pdf import typeset
from tests.serialization_facts import facts, measured


def _printed(grid: list[list[str]], width: int) -> list[list[str]]:
    return dashes(wrapped_names(grid, width))


@pytest.mark.parametrize("width", [8, 10])
def test_a_prose_heavy_layout_text_keeps_its_table_lines_columns(width: int, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    printed = with_grids(read_document(corpus_file(BUDGET), BUDGET), partial(_printed, width=width))
    pdf = typeset(printed, tmp_path / f"{Path(BUDGET).stem}.pdf", merged=False)
    text = write_serialization(pdf, "pdftotext-layout", tmp_path)
    # The premise: as a whole, the text is not laid out (wrapped prose outnumbers the table lines).
    assert not is_laid_out([line for page in text_pages(text.read_text(encoding="utf-8")) for line in page])
    got = extract_frames(text, BUDGET)
    per_view = measured(report_facts(BUDGET), facts(got))
    tables = {view: counts for view, counts in per_view.items() if view.endswith("/table")}
    assert sum(m for m, _, _ in tables.values()) == BUDGET_FACTS
    assert sum(x for _, _, x in tables.values()) == 0
    assert read_document(text, BUDGET).ambiguous_cells == []
