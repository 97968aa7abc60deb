"""Codes and wrapped names of coded tables read back from ``pdftotext -layout`` text of typeset PDFs.

Putuo's budget typeset with each level of its codes printed once (the 类 on its row, the 款 and 项
parts on the rows below, a class's cell merged down over its rows) and its header cells merged:
pdftotext prints a class's code at its rows' middle height, beside a lower row's part (``221``
beside ``01 住房公积金``), and the class's own line with its name and figures alone. That row read
as 22101 (保障性安居工程支出); rows printing only a part were lost. Every row now completes its
code from the levels printed above it, the class's code going back to the row the classification
names by it.

Putuo's final account with every printed variant (codes split over 类 | 款, names wrapped at six
characters …), merged header cells, portrait pages: the left half's last class code (303) is merged
down over its empty rows and printed lines below its row, on the line of the right half's wrapped
name's first piece (``303 … 其他商品和服`` over ``302 99 … 11.53`` over ``务支出``). 30299 was read as
务支出, its first line lost; the code now goes back to its row and the name's lines to theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, FINAL, Grid, with_grids
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import Facts, differences, facts, measured
from tests.test_split_codes_pdf import VARIANTS as SPLIT_VARIANTS
from tests.test_typeset_tables_pdf import VARIANTS as PRINTED_VARIANTS

Print = tuple[str, Callable[[Grid], Grid], tuple[float, float]]  # report, change of its grids, page size
LEVELS_ONCE: Print = (BUDGET, SPLIT_VARIANTS["levels-once"], LANDSCAPE)
ALL_VARIANTS: Print = (FINAL, PRINTED_VARIANTS["all"], PORTRAIT)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Print], Facts]:
    """A print's facts read from its -layout text, typeset once for the module (header cells merged)."""
    read: dict[Print, Facts] = {}

    def of(print_: Print) -> Facts:
        if print_ not in read:
            report, change, page = print_
            folder = tmp_path_factory.mktemp("laid-out")
            document = with_grids(read_document(corpus_file(report), report), change, only_changed=True)
            pdf = typeset(document, folder / f"{Path(report).stem}.pdf", merged=True, table_page=page)
            read[print_] = facts(extract_frames(write_serialization(pdf, "pdftotext-layout", folder), report))
        return read[print_]

    return of


def _view(report: str, got: Facts, view: str) -> tuple[int, int, int, str]:
    """(matched, expected, not in the report) of a table view, and the differences to show."""
    truth = facts(extract_frames(corpus_file(report), report))
    matched, expected, extra = measured(truth, got)[view]
    return matched, expected, extra, differences(truth[view], got[view], "the report", "-layout")


def test_rows_printing_their_levels_once_complete_their_codes(laid_out: Callable[[Print], Facts]) -> None:
    got = laid_out(LEVELS_ONCE)
    matched, expected, extra, shown = _view(BUDGET, got, "expenditure_function/table")
    assert (matched, extra) == (expected, 0), shown
    rows = [dict(fact) for fact in got["expenditure_function/table"]]
    housing = {(row["code"], row["fund_type"]) for row in rows if row["name_as_written"] == "住房公积金"}
    assert housing == {("2210201", "一般公共预算财政拨款"), ("2210201", "全部资金")}


def test_a_wrapped_name_beside_a_code_merged_down_reaches_its_row(laid_out: Callable[[Print], Facts]) -> None:
    got = laid_out(ALL_VARIANTS)
    matched, expected, extra, shown = _view(FINAL, got, "expenditure_economic/table")
    assert (matched, extra) == (expected, 0), shown
    names = {row["name"] for row in map(dict, got["expenditure_economic/table"]) if row["code"] == "30299"}
    assert names == {"其他商品和服务支出"}
