"""Reports typeset the ways real reports print their tables, read back from the PDF: each ruled table
by its grid, whatever its header's merging.

Both corpus reports (Putuo's urban management bureau's 2026 budget, its finance bureau's 2024 final
account) are typeset from their document models (``tests/seed_pdf.py``), so every figure is the
report's:

- merged: the cells merged as a text export merges them, a row's last cell run on to the row's end
  (科目名称 over the money columns' headers, 科目编码 over the whole row, 公务用车运行费 over
  公务接待费's columns); a header cell names only the columns on its side of the cells above it;
- unmerged: each filled cell ruled alone, the empty ones not at all (a spreadsheet printed with its
  cells' borders): a header's boxes stand apart from the body's grid where a header row under them
  is empty, and on a continued page the header of a half whose rows have ended stands apart from
  the other half's rows; 科目编码 heads only the 类 column, the 款 and 项 parts beside it;
- on A4 landscape pages, and on portrait pages (headers and names wrapping more, the long tables
  running on to more pages, their header printed again);
- as printed, and with what other reports print: the column numbers (栏次 1 2 3 …) under the header,
  a dash in each empty money cell, the names wrapped in narrow cells over several lines, the 合计
  row first rather than last, the budget's joined codes split over 类 | 款 | 项 columns.

Read back from the PDF, no fact may contradict the report's own (the corpus file's); the facts read
are counted. Every table fact of both reports is read in each print below.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import Document
from budget_reports.readers import read_document
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    FINAL,
    Grid,
    all_variants,
    column_numbers,
    dashes,
    split_codes,
    total_first,
    with_grids,
    wrapped_names,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import Facts, differences, facts, measured

# Table facts: the budget's 22 metrics, 1 income source, 44 function and 33 economic lines; the
# final account's 22 metrics, 2 income sources, 46 function and 27 economic lines.
TABLE_FACTS = {BUDGET: 100, FINAL: 97}


_split_codes = split_codes(3, first_only=True)  # the first code column printed 类 | 款 | 项


VARIANTS: dict[str, Callable[[Grid], Grid] | None] = {
    "as-printed": None,
    "column-numbers": column_numbers,
    "dashes": dashes,
    "wrapped-names": wrapped_names,
    "total-first": total_first,
    "split-codes": _split_codes,
    "all": all_variants,
}
PAGES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}
# Each report as printed on both pages, merged and not; each variant on landscape pages, merged
# and not; all the variants at once on portrait pages. The final account prints its codes split.
CASES = [
    (report, variant, merged, page)
    for report in (BUDGET, FINAL)
    for variant, pages in (
        ("as-printed", PAGES),
        *((v, ("landscape",)) for v in ("column-numbers", "dashes", "wrapped-names", "total-first", "split-codes")),
        ("all", ("portrait",)),
    )
    if not (report == FINAL and variant == "split-codes")
    for page in pages
    for merged in (True, False)
]


@cache
def _document(report: str) -> Document:
    return read_document(corpus_file(report), report)


@cache
def _truth(report: str) -> Facts:
    return facts(extract_frames(corpus_file(report), report))


def _printed(report: str, variant: str, merged: bool, page: str, folder: Path) -> Path:
    change = VARIANTS[variant]
    document = _document(report) if change is None else with_grids(_document(report), change)
    return typeset(document, folder / f"{Path(report).stem}.pdf", merged=merged, table_page=PAGES[page])


@pytest.mark.parametrize(
    ("report", "variant", "merged", "page"),
    CASES,
    ids=[f"{r.split('-')[2]}-{v}-{'merged' if m else 'unmerged'}-{p}" for r, v, m, p in CASES],
)
def test_a_typeset_report_read_from_its_pdf(report: str, variant: str, merged: bool, page: str, tmp_path: Path) -> None:
    truth = _truth(report)
    got = facts(extract_frames(_printed(report, variant, merged, page, tmp_path), report))
    tables = {view: counts for view, counts in measured(truth, got).items() if view.endswith("/table")}
    wrong = {view: extra for view, (_, _, extra) in tables.items() if extra}
    assert wrong == {}, "\n".join(differences(truth[view], got[view], "the report", "its PDF") for view in wrong)
    assert sum(matched for matched, _, _ in tables.values()) == TABLE_FACTS[report]


def test_the_variants_change_the_printed_tables() -> None:
    """Each variant prints the tables otherwise (a variant changing nothing would test nothing)."""
    for report in (BUDGET, FINAL):
        grids = [b.table.grid() for b in _document(report).blocks if b.table is not None]
        for name, change in VARIANTS.items():
            if change is None or (report == FINAL and name == "split-codes"):
                continue
            assert any(change(grid) != grid for grid in grids), (report, name)
