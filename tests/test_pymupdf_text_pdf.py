"""PyMuPDF's text of printed variants of the corpus reports, read as from their PDFs.

A final account whose names wrap in narrow cells (at four, eight and ten characters, landscape
pages, a dash in each empty money cell, amounts without separators): its overviews are read whole.

PyMuPDF writes each text block's lines apart, in reading order: an overview row's cells come one
per line, a wrapped label's pieces each on its own line (``三、国有资本经营预算`` / ``财政拨款收入``), and
a figure printed on the baseline of the other side's label shares its line (``6.20 八、社会保障和就业支``).
The fund's name alone reads as a whole label (a budget names its income so), and was taken for a
row of its own: every known cell below it shifted by a row, no placement of the figures kept the
sums, and the overview was reported not read (86 of 97 table facts at ten, the income source named
as the 收入决算表's column). The piece completing a fund's income line (``财政拨款收入``, ``拨款收入``)
now goes on with it (``readers/overview_labels.py``). At four, 本年收入合计 is cut into 本年收入 /
合计, each a word the header prints too: taken for header cells, the income side had no year's
total and neither overview was read (83 of 97); below a row's label of its page they are the
total's label (so too 本年收入 / 合 / 计 at five on portrait pages: 83 -> 95).

A budget printing a 栏次 row under each header: the 三公 table has no label column, so its row of
column numbers is ``1 2 … 7`` alone, and PyMuPDF writes it a number to a line. Taken for figures, its
seven numbers joined the row's seven figures and every one of the fourteen was reported ambiguous
(93 of 100 table facts); a run of lines counting up from 1 right under the header is the 栏次 row
(``printed_numbers.column_numbers_one_per_line``), as three or more such numbers on one line are.

A final account printing each level's part of a code once (a class's cell merged down over its
rows, ``301`` on the class's row, ``01 基本工资`` under it): PyMuPDF writes the 基本支出决算表 cell
by cell, the two halves' rows alternating, each line's 款 part alone before its name. Read as a
stream, a part alone opening a row now takes the printed class whose line of that part bears the
row's name (``stream_rows``), and the table's sums confirm each class's rows: its 23 lines are read
(73 of 97 table facts before, 96 now: all but the 三公 item's budget, as from every one-line text).

The reports are typeset from their document models (``tests/seed_pdf.py``): no figure is typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.printed_numbers import column_numbers_one_per_line
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    BUDGET_FACTS,
    FINAL,
    column_numbers,
    dashes,
    plain_integers,
    printed_variants,
    read_back,
    report_facts,
    split_codes,
    with_grids,
    wrapped_names,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, measured
from tests.test_split_codes_pdf import _levels_once as levels_once

_OVERVIEW = "收入支出决算总表"
# Table facts of 97 read at each width: all but the 三公 item's budget. The table's one row comes a
# cell or two to a line (``0.95 -``, eight lines of ``-``, ``0.95 -``); the lines of dashes alone are
# empty cells of the row, not its end (it was not read at all: 95 before). Which item's budget the
# second 0.95 is, the dashes would say, but cells on several lines are not counted (their order is
# not the columns' in every text): the row's sums fit 因公出国(境)费 and 公务接待费 alike, reported.
# Portrait, names at five: 本年收入合计 comes as 本年收入 / 合 / 计, read as at four. The 收入支出决算总表's
# 6.20, on a line of its own between 八、其他收入 and 八、社会保障和就业支出 (the two labels of one printed
# line), fits any of 四、上级补助收入 … 八、其他收入 by the sums: it is placed on that line's income row
# (``overview_streams._figures_between_facing_labels``), as in the corpus report's PyMuPDF text.
# Portrait, names at four: 本年收 / 入 / 合计 opens the year's total too; the 支出决算表's 合计 row comes
# before its first class code (``合计`` / ``2940.05`` / ``2336.91`` / ``603.14 -``), a row, not header
# cells: its figures were reported with no row (92 -> 95).
READ = {
    (4, "landscape"): 96,
    (8, "landscape"): 96,
    (10, "landscape"): 96,
    (4, "portrait"): 96,
    (5, "portrait"): 96,
}
_PAGES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}
# The overview's own facts (summary metrics it alone prints).
_OVERVIEW_METRICS = ("年初结转和结余", "年末结转和结余", "收支总计")


@pytest.fixture(scope="module")
def pymupdf_text(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int, str], Path]:
    made: dict[tuple[int, str], Path] = {}

    def text(width: int, pages: str) -> Path:
        if (width, pages) not in made:
            base = read_document(corpus_file(FINAL), FINAL)
            folder = tmp_path_factory.mktemp(f"pymupdf-wrapped{width}-{pages}")
            document = with_grids(base, lambda grid: plain_integers(wrapped_names(dashes(grid), width)))
            pdf = typeset(document, folder / f"{Path(FINAL).stem}.pdf", merged=False, table_page=_PAGES[pages])
            made[width, pages] = write_serialization(pdf, "pymupdf", folder)
        return made[width, pages]

    return text


@pytest.mark.parametrize(("width", "pages"), sorted(READ))
def test_an_overview_whose_fund_names_wrap_before_their_income_is_read(
    pymupdf_text: Callable[[int, str], Path], width: int, pages: str
) -> None:
    path = pymupdf_text(width, pages)
    lost = read_text(path.read_text(encoding="utf-8"), path.name).lost
    assert not [message for message in lost if f"“{_OVERVIEW}”" in message]
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(path, FINAL)
    metrics = {
        name: sorted(map(str, got["summary_metrics"].filter(got["summary_metrics"]["metric"] == name)["value"]))
        for name in _OVERVIEW_METRICS
    }
    expected = {
        name: sorted(map(str, truth["summary_metrics"].filter(truth["summary_metrics"]["metric"] == name)["value"]))
        for name in _OVERVIEW_METRICS
    }
    assert metrics == expected
    counts = measured(facts(truth), facts(got))
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and view.endswith("/table")} == {}
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == READ[width, pages]


@pytest.mark.parametrize(
    ("lines", "taken"),
    [
        (["1", "2", "3", "114.22"], 3),
        (["1", "", "2", "", "3", "", "4", "", "0.46"], 7),  # pdftotext: a blank line after each
        (["1", "2", "3", "4", "5", "6", "7"], 7),
        (["1", "2", "114.22"], 0),  # two numbers may be a row's figures
        (["1", "2", "4", "5"], 0),
        (["1", "3", "4"], 0),
        (["114.22", "1", "2", "3"], 0),
    ],
)
def test_a_column_numbers_row_written_a_number_to_a_line_counts_up_from_one(lines: list[str], taken: int) -> None:
    assert column_numbers_one_per_line(lines) == taken


def test_a_budget_whose_column_numbers_come_a_number_to_a_line_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pdf = printed_variants(tmp_path_factory, {"column numbers": column_numbers})(BUDGET, "column numbers")
    got = read_back(pdf, "pymupdf", tmp_path_factory.mktemp("pymupdf-numbers"), BUDGET)
    counts = measured(report_facts(BUDGET), got)
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and view.endswith("/table")} == {}
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == BUDGET_FACTS


def test_a_basic_spending_table_printing_each_class_once_is_read(tmp_path_factory: pytest.TempPathFactory) -> None:
    variants = {"levels once": lambda grid: levels_once(split_codes(None)(grid))}
    pdf = printed_variants(tmp_path_factory, variants)(FINAL, "levels once")
    got = read_back(pdf, "pymupdf", tmp_path_factory.mktemp("pymupdf-levels"), FINAL)
    counts = measured(report_facts(FINAL), got)
    assert counts["expenditure_economic/table"][:2] == (27, 27)
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and view.endswith("/table")} == {}
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == 96
