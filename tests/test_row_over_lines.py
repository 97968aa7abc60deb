"""A row whose figures a text writes on more than one line, in an order that may not be its columns'.

An extractor grouping characters into lines by their height (pdfplumber) writes a cell set lower
than the rest of its row on a line of its own after them: the 三公 table of Putuo's budget, its
total column first and its header cells merged on a portrait page, comes as
``0.00 0.46 113.76 75.00 38.76 507.25`` / ``114.22`` (合计 last). Read in the printed order, every
column took its neighbour's figure. The figures keep their printed order while it keeps the row's
own sums; where it does not, the lines' figures may interleave, and only a placement keeping the
sums is taken (``cell_assignment.printed_row_candidates``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.cell_assignment import printed_row_candidates
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, BUDGET_FACTS, total_first, with_grids
from tests.seed_pdf import PORTRAIT, typeset
from tests.serialization_facts import facts, table_facts_matched, table_facts_not_in_report

# The 三公 table: 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 机关运行经费.
THREE_PUBLIC_SUMS = [(0, (1, 2, 3)), (3, (4, 5))]
PRINTED = tuple(map(Decimal, ("0.00", "0.46", "113.76", "75.00", "38.76", "507.25", "114.22")))
TWO_LINES = (1, 1, 1, 1, 1, 1, 2)


def test_a_total_written_after_its_parts_goes_where_the_sums_put_it() -> None:
    row = printed_row_candidates(PRINTED, 7, THREE_PUBLIC_SUMS, TWO_LINES)
    assert [row.vector(p, 7) for p in row.candidates] == [
        tuple(map(Decimal, ("114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25")))
    ]


def test_figures_on_one_line_keep_their_order_even_against_the_sums() -> None:
    """On one line the printed order is the columns': a row that does not add up is the report's
    own error, for the rules to report, not a reason to move its figures."""
    row = printed_row_candidates(PRINTED, 7, THREE_PUBLIC_SUMS, (1,) * 7)
    assert row.candidates == [tuple(range(7))]


def test_an_order_keeping_the_sums_is_kept() -> None:
    in_order = tuple(map(Decimal, ("114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25")))
    row = printed_row_candidates(in_order, 7, THREE_PUBLIC_SUMS, TWO_LINES)
    assert row.candidates == [tuple(range(7))]


def test_a_row_on_several_lines_no_order_of_which_adds_up_is_not_placed() -> None:
    broken = (*PRINTED[:-1], Decimal("115.22"))  # 合计 off by 1.00: no interleaving keeps the sums
    row = printed_row_candidates(broken, 7, THREE_PUBLIC_SUMS, TWO_LINES)
    assert row.candidates == []


@pytest.fixture(scope="module")
def lowered_total(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Putuo's budget, each table's 合计 row moved first, merged header cells, portrait pages."""
    document = with_grids(read_document(corpus_file(BUDGET), BUDGET), total_first)
    return typeset(document, tmp_path_factory.mktemp("lowered") / "budget.pdf", merged=True, table_page=PORTRAIT)


def test_the_three_public_table_from_pdfplumber_text(lowered_total: Path, tmp_path: Path) -> None:
    text = write_serialization(lowered_total, "pdfplumber", tmp_path)
    assert "38.76 507.25\n114.22\n" in text.read_text(encoding="utf-8")  # the total on a line after its parts
    truth = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    got = facts(extract_frames(text, BUDGET))
    assert table_facts_not_in_report(truth, got) == {}
    assert table_facts_matched(truth, got) == BUDGET_FACTS
