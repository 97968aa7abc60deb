"""Same facts from every serialization: a corpus PDF read as text other tools extracted from it.

For each corpus PDF the test writes its text with seven extractors (pdftotext default, -layout and
-raw, pypdfium2, pdfplumber, PyMuPDF, pages separated by form feeds; pdf.js as Firefox's viewer copies
it, pages joined by a line end) and reads each ``.txt`` through the
whole pipeline. The facts of ``summary_metrics`` (三公 included), ``income``,
``expenditure_function`` and ``expenditure_economic`` are compared with the PDF's, value by value
in both directions, table and narrative facts apart; report identity (department, year) is the
identity tests' business and evidence (page, line, snippet) differs by nature.

Two guarantees hold for every serialization:
- nothing is invented: a table fact read from the text never contradicts the PDF's fact of the
  same line (a figure the reader could not place is NULL, never another column's figure);
- every figure left NULL is reported as ``extraction.ambiguous_cell``.

How much each serialization reads is pinned below as measured (matched facts per view, and facts
the PDF does not have); a failure lists the differences per view. Where a serialization cannot
reach the PDF's facts the reason is given next to its pin.
"""

from __future__ import annotations

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import corpus_file
from tests.serialization_facts import Facts, facts, guessed_figures, shortfalls

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"

# (pdf, serializer) -> {"view/kind": (facts matched at least, facts not in the PDF at most)}, as
# measured; a view not listed must match the PDF exactly. Totals for Putuo: summary_metrics table
# 22 / narrative 47, income 2 / 2, expenditure_function 46 / 15, expenditure_economic 27 / 0. The
# template holds no figures: every view is empty, from the PDF and from every text.
#
# Why the text cannot give everything (the guarantees of test_no_table_figure_is_guessed hold):
# - one row per line (pdftotext -raw, pypdfium2): empty cells are dropped, and a figure is placed
#   by the table's sums and by the report's other tables (the 支出决算表's 基本/项目 hold the
#   一般公共预算财政拨款支出决算表's; the 财政拨款收入支出决算总表's fund columns are the fund
#   tables' class totals). Every line is read; the 三公 table prints two equal figures in twelve
#   columns (合计 and one item, 预算数 or 决算数: four placements fit). The prose states the 三公
#   budget and each item's 决算 (readers/prose_table_links.py): only the 预算数 placements agree, so
#   the 三公 budget is read (extraction.settled_by_prose says why); the item's budget, which the
#   prose does not state, stays NULL with an extraction.ambiguous_cell finding.
# - pdftotext -layout moves figures off their row (centred on wrapped names): a row's lines are
#   gathered around its code or label and its words put back in order by their columns; the
#   header is read column by column. Every table line is read. A figure stands under its column's
#   header cell (readers/laid_out_columns.py): the 三公 table's one row, 0.95 under 合计/预算数 and
#   0.95 under 公务接待费/预算数, is placed by its positions and verified by the row's sums, so
#   every table fact is read (22/22). In prose, its layout prints a line opening with a figure
#   above the line it continues, with blank lines around; such lines are put back and their
#   paragraph runs on across the blanks: every prose fact is read.
# - pdftotext (default) writes tables column by column, following the PDF's text blocks. The
#   一般公共预算财政拨款支出决算表 is rebuilt whole (its runs of figures fit the rows one way only),
#   and the 收入决算表 (its header cells broken over lines among the runs are set apart), whose
#   合计 row gives 本年收入合计. The 支出决算表 is rebuilt whole (19 lines and the 合计 row). Its first page comes as
#   interleaved streams (readers/interleaved_columns.py): codes, names and some rows' 合计 cell
#   by cell, the basic/project figures of the first rows alternating. Each column is still written
#   top to bottom, so the 类 codes give the rows, the one split of the 款/项 parts whose codes
#   ascend and whose names the reference confirms gives their codes, and every placement of the
#   runs with the 合计 column filled row after row, the 类/款 families adding up and each row's
#   parts filling its 合计 gives the same figures to every row (which of 基本支出 … 对附属单位
#   补助支出 holds a part is settled by the 一般公共预算 table's 基本/项目 of the same line). Its
#   second page goes on from the 类 and 款 the first page left open; its two runs fit 合计 and any
#   one of five columns, and only 基本支出 holds the 一般公共预算 table's 基本支出. Not proven
#   from this text, their figures reported ambiguous or the table reported not read:
#   - the 收入支出决算总表 and the 财政拨款收入支出决算总表 (two-sided, 项目 labels) come as one
#     stream: the labels of both sides interleaved line by line (wrapped ones broken over lines,
#     the header's cells among them), each figure alone, apart from its row (八、其他收入's 6.20
#     before its label). Each side's labels and each column's figures still come top to bottom
#     (readers/overview_labels.py, readers/interleaved_sides.py): a figure is placed where every
#     placement agrees that keeps the sides' sums and what the detail tables print (the spending
#     items are the 支出决算表's / fund tables' class totals, 326.71 matching 326.72 within the
#     rounding of both; a fund whose table prints nothing has no row; the fiscal overview's fund
#     income and carry-over are the overview's). Every line of both is read but 八、其他收入: the
#     6.20 fits any of 四、上级补助收入 … 八、其他收入 (the 收入决算表's columns, which would say,
#     are not read from this text), so it is NULL with an extraction.ambiguous_cell finding;
#   - the 一般公共预算财政拨款基本支出决算表 (two halves side by side): codes, names and figures
#     of both halves come in one interleaved stream, cell by cell, one half's figures not even top
#     to bottom (7.61 and 21.21 before 171.07). Taken as a multiset, the figures split one way
#     into the groups' totals (the prose states 人员经费 2152.26 and 公用经费 184.65), the classes'
#     totals and each class's lines, every class the sum of its lines within their rounding, a
#     class holding no more lines than it prints and no fewer than the prose names
#     (readers/class_sum_search.py, readers/side_by_side_streams.py): 人员经费, 公用经费 and
#     the four class lines are read. Which of its class's lines holds each other figure nothing
#     in the stream says (the table prints empty lines; the prose's list of items is no evidence:
#     it names 个人农业生产补贴 where the table prints 奖励金): those 23 figures (310's one figure
#     among its nine printed lines too) are NULL with extraction.ambiguous_cell naming the lines;
#   - the 三公 table (one row under 预算数 / 决算数 of 合计 and five items) comes as its header's
#     item cells in no usable order, then its twelve stage labels in column order, each figure
#     after the labels of the columns it may be under (readers/stage_label_streams.py): the first
#     0.95 can only be 合计/预算数 (三公经费's budget is read); the second, after ten labels, is
#     因公出国(境)费's or 公务接待费's budget by the row's sums alike: NULL with an
#     extraction.ambiguous_cell finding naming both (the prose does not state the items' budgets).
# - pdfplumber writes one line per baseline, so a row's cells sit on several lines (a name above
#   its code, a wrapped name split around it, a row's figures on the name's line and the code's,
#   labels' figures on the line below, both halves of a two-sided table interleaved) and a header
#   cell's words on successive lines. Header words are spelled from pieces of successive lines; a
#   row is the band of lines around its code or label, its figures placed by the table's sums
#   whatever their lines' order; a figure alone under two halves goes to the half that keeps each
#   类 the sum of its 款. Every table line is read (the 三公 figures as above). In prose it lifts the
#   figures (set in another font) onto a line of their own below their sentence; each goes back
#   where a figure of its kind can stand (readers/figure_places.py: the unit or counter after it, a
#   list number before 、, short quoted terms), the line's start or end decided with the lines around
#   it, and only where one placement fits: every prose fact is read.
# - PyMuPDF writes each text block's lines apart: the corpus tables come one cell per line, in row
#   order (a code, its name, its figures; an overview row's income label, its figure, its spending
#   label, its figure). The coded tables are read as cell streams, every line (the 三公 table as
#   above). The 收入支出决算总表 is read as a stream, by its sums and what the detail tables print:
#   the 6.20 fits any of 四、上级补助收入 … 八、其他收入 by the sums alone, but it is written between
#   八、其他收入 and 八、社会保障和就业支出, the two labels of one printed line (the text's runs of labels
#   pair the sides' rows as their roles do), so it is on that line's income row
#   (readers/overview_streams.py). pdftotext's default text writes figures apart from their rows,
#   after a label of the row above or of the other side, which pairs no rows: nothing is placed
#   so there. The 收入决算表's 合计 row is then settled by the overview (its 其他收入 6.20).
# - pdf.js (a browser's copy) writes pypdfium2's lines, pieces on one baseline joined, and no page
#   break (the corpus reports print no page numbers to find them by: read as one page). Every line is
#   read as from pypdfium2 (the 三公 table as above).
PINNED: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
    (PUTUO, "pymupdf"): {"summary_metrics/table": (21, 0)},
    (PUTUO, "pdfjs"): {"summary_metrics/table": (21, 0)},
    (PUTUO, "pdftotext-raw"): {"summary_metrics/table": (21, 0)},
    (PUTUO, "pypdfium2"): {"summary_metrics/table": (21, 0)},
    (PUTUO, "pdftotext"): {
        "summary_metrics/table": (21, 0),
        "income/table": (1, 0),
        "expenditure_economic/table": (4, 0),
    },
    (PUTUO, "pdfplumber"): {"summary_metrics/table": (21, 0)},
}


def _pin(serializer: str) -> dict[str, tuple[int, int]]:
    return PINNED.get((PUTUO, serializer), {})


@pytest.fixture(scope="module")
def pdf_facts() -> dict[str, Facts]:
    return {name: facts(extract_frames(corpus_file(name))) for name in (PUTUO, TEMPLATE)}


@pytest.fixture(scope="module")
def text_frames(tmp_path_factory: pytest.TempPathFactory):
    cache: dict[tuple[str, str], dict[str, pl.DataFrame]] = {}

    def read(pdf_name: str, serializer: str) -> dict[str, pl.DataFrame]:
        if (pdf_name, serializer) not in cache:
            if (missing := missing_program(serializer)) is not None:
                pytest.skip(missing)
            folder = tmp_path_factory.mktemp(serializer)
            path = write_serialization(corpus_file(pdf_name), serializer, folder)
            cache[(pdf_name, serializer)] = extract_frames(path, pdf_name)
        return cache[(pdf_name, serializer)]

    return read


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
@pytest.mark.parametrize("pdf_name", [PUTUO, TEMPLATE])
def test_text_gives_the_facts_of_its_pdf(pdf_name: str, serializer: str, pdf_facts, text_frames) -> None:
    pins = _pin(serializer) if pdf_name == PUTUO else {}
    failures = shortfalls(pdf_facts[pdf_name], facts(text_frames(pdf_name, serializer)), pins)
    assert not failures, f"{serializer} text of {pdf_name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
def test_no_table_figure_is_guessed(serializer: str, text_frames) -> None:
    """Every table fact of the text agrees with the PDF's fact of the same line wherever both have a value,
    and each value the text leaves NULL where the PDF has one is reported as an ambiguous cell."""
    contradictions, unreported = guessed_figures(extract_frames(corpus_file(PUTUO)), text_frames(PUTUO, serializer))
    assert not contradictions, "\n".join(contradictions)
    assert not unreported, "NULL without an ambiguous-cell finding:\n" + "\n".join(unreported)
