"""Same facts from every serialization, for a budget report (部门预算) typeset as a report PDF.

The corpus holds Putuo's 2026 城市管理行政执法局 budget as text extracted from its PDF: prose, nine
budget tables in 元 with thousands separators (财务收支预算总表, 收入预算总表, 支出预算总表,
财政拨款收支预算总表, 一般公共预算支出功能分类预算表, 政府性基金 and 国有资本经营 tables with no
data, 基本支出经济分类预算表, 三公经费和机关运行经费预算表 in 万元). It is typeset as a PDF from the
document model the text reader gives for it (``tests/seed_pdf.py``; a table rebuilt from PDF text
knows no merged cells, so each cell stands in its own column), so no figure is typed by hand. Then:

1. the PDF read by the PDF reader gives the text's facts, view by view;
2. the PDF's text as each extractor writes it (pdftotext default, -layout and -raw, pypdfium2,
   pdfplumber) gives the PDF's facts, value by value in both directions;
3. no table figure read from a text contradicts the PDF's, and each one left NULL is reported as
   ``extraction.ambiguous_cell``.

The views are those of ``tests/test_text_serializations.py`` (the 三公 and 机关运行经费 budgets
are summary metrics). How much each form reads is pinned as measured, with the reason next to each
pin; a view not pinned must match exactly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pypdfium2
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import corpus_file
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, guessed_figures, measured, shortfalls

BUDGET = "shanghai-putuo-urban-management-2026-budget.txt"

# serializer -> {"view/kind": (facts matched at least, facts not in the PDF at most)}. Totals:
# summary_metrics table 22 / narrative 34, income 1 / 4, expenditure_function 44 / 9,
# expenditure_economic 33 / 0. Why a serialization cannot give everything:
# - pdftotext (default) writes a table by the PDF's text blocks, not by rows: each cell of these
#   budget tables is a block of its own, a row's code and name come as one line (2080501 行政单位离退休),
#   its figures one to a line, and a label or figure may come after the rows below it (the 支出预算总表's
#   2080599 label after its figures, 208's 项目支出 after 20805's row). The labels are put back in the
#   order of their codes (readers/whole_codes.py) and the figures placed cell by cell, each column top
#   to bottom, a row's total before its parts (readers/row_streams.py); the 项 → 款 → 类 → 合计 sums
#   settle 基本支出 against 项目支出; a page going on with whole codes goes on with the table. Read: the
#   收入预算总表, 支出预算总表 and 一般公共预算支出功能分类预算表, and the 基本支出经济分类预算表 (30209,
#   30211 and 30213 fitted two rows each, reported ambiguous, until a family printing one part,
#   302 | | 公用经费, had its rows' parts in that column, top to bottom). The two two-sided overviews
#   come as one stream of both sides' labels and figures (readers/overview_streams.py): the
#   财政拨款收支预算总表 (its title alone on its page) is placed by
#   the 一般公共预算 table's class totals and the 政府性基金 / 国有资本经营 tables that say they have
#   no data, and the 财务收支预算总表 by the 支出预算总表 and what the 财政拨款收支预算总表 settles of
#   its fund rows: every function line read. The 三公 table's one row comes as a stream (no stage
#   labels, the 机关运行经费 header cell among the figures): its sums alone place 合计, 小计 and
#   机关运行经费 (readers/stage_label_streams.py); 因公出国 and 公务接待 (0.00, 0.46), 购置 and 运行
#   (75.00, 38.76) swap within the sums and are reported as ambiguous cells. None is guessed.
TEXT_PINS: dict[str, dict[str, tuple[int, int]]] = {
    "pdftotext": {
        "summary_metrics/table": (18, 0),
    },
}
# What the reading of the budget must hold at least, in every form: each view's facts (a drop to
# fewer facts in both forms alike would otherwise pass unnoticed).
LEAST_FACTS = {
    "summary_metrics/table": 22,
    "summary_metrics/narrative": 34,
    "income/narrative": 4,
    "expenditure_function/table": 44,
    "expenditure_function/narrative": 9,
    "expenditure_economic/table": 33,
}
# The 三公 table's header lines as other provinces word them (table_headers.PRINTED_WORDINGS).
REWORDED_HEADER = {
    "合计 因公出国(境)费 公务接待费": "合计 因公出国（境）费用 公务接待费",
    "小计 购置费 运行费": "小计 公务用车购置费 公务用车运行维护费",
}


@pytest.fixture(scope="module")
def budget_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = corpus_file(BUDGET)
    folder = tmp_path_factory.mktemp("budget-pdf")
    return typeset(read_document(source, BUDGET), folder / "budget.pdf", merged=False)


@pytest.fixture(scope="module")
def text_facts() -> dict[str, pl.DataFrame]:
    return extract_frames(corpus_file(BUDGET), BUDGET)


@pytest.fixture(scope="module")
def pdf_facts(budget_pdf: Path) -> dict[str, pl.DataFrame]:
    return extract_frames(budget_pdf, BUDGET)


@pytest.fixture(scope="module")
def serialized(budget_pdf: Path, tmp_path_factory: pytest.TempPathFactory):
    cache: dict[str, dict[str, pl.DataFrame]] = {}

    def read(serializer: str) -> dict[str, pl.DataFrame]:
        if serializer not in cache:
            if (missing := missing_program(serializer)) is not None:
                pytest.skip(missing)
            path = write_serialization(budget_pdf, serializer, tmp_path_factory.mktemp(serializer))
            cache[serializer] = extract_frames(path, BUDGET)
        return cache[serializer]

    return read


def test_the_pdf_is_printed_as_budget_reports_are(budget_pdf: Path) -> None:
    """Portrait prose pages, landscape table pages; every table of the text read back from the PDF
    with its unit (元, the 三公 table 万元) and its cells where the text's model has them."""
    document = pypdfium2.PdfDocument(str(budget_pdf))
    sizes = {tuple(round(v) for v in document[i].get_size()) for i in range(len(document))}
    document.close()
    assert sizes == {tuple(round(v) for v in PORTRAIT), tuple(round(v) for v in LANDSCAPE)}
    from_text = [block.table.grid() for block in read_document(corpus_file(BUDGET), BUDGET).tables()]
    from_pdf = [block.table.grid() for block in read_document(budget_pdf, BUDGET).tables()]
    assert len(from_pdf) == len(from_text) >= 9
    for text_grid, pdf_grid in zip(from_text, from_pdf, strict=True):
        filled = [row for row in text_grid if any(row)]
        assert [row for row in pdf_grid if any(row)] == filled


def test_pdf_gives_the_facts_of_its_text(text_facts, pdf_facts) -> None:
    expected, got = facts(text_facts), facts(pdf_facts)
    failures = shortfalls(expected, got, {}, "the text", "the PDF")
    assert not failures, "PDF of the budget:\n" + "\n".join(failures)
    counts = measured(expected, got)
    assert {name: counts[name][0] for name in LEAST_FACTS} == LEAST_FACTS


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
def test_text_gives_the_facts_of_its_pdf(serializer: str, pdf_facts, serialized) -> None:
    failures = shortfalls(facts(pdf_facts), facts(serialized(serializer)), TEXT_PINS.get(serializer, {}))
    assert not failures, f"{serializer} text of the budget PDF:\n" + "\n".join(failures)


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
def test_no_table_figure_is_guessed(serializer: str, pdf_facts, serialized) -> None:
    contradictions, unreported = guessed_figures(pdf_facts, serialized(serializer))
    assert not contradictions, "\n".join(contradictions)
    assert not unreported, "NULL without an ambiguous-cell finding:\n" + "\n".join(unreported)


@pytest.mark.parametrize("serializer", ["pdftotext-layout", "pdftotext-raw"])
def test_a_header_worded_as_other_provinces_do_gives_the_same_facts(serializer: str, pdf_facts, tmp_path: Path) -> None:
    """The budget with its 三公 header reworded, typeset and read back: the PDF gives the same facts
    as the original's, and its text (-layout: columns found by their wordings' positions) the PDF's."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    text = corpus_file(BUDGET).read_text(encoding="utf-8")
    for printed, reworded in REWORDED_HEADER.items():
        assert text.count(printed) == 1
        text = text.replace(printed, reworded)
    source = tmp_path / BUDGET
    source.write_text(text, encoding="utf-8")
    pdf = typeset(read_document(source, BUDGET), tmp_path / "reworded.pdf", merged=False)
    reworded_facts = extract_frames(pdf, BUDGET)
    assert not shortfalls(facts(pdf_facts), facts(reworded_facts), {}, "the original", "the reworded PDF")
    got = extract_frames(write_serialization(pdf, serializer, tmp_path / serializer), BUDGET)
    failures = shortfalls(facts(reworded_facts), facts(got), {})
    assert not failures, f"{serializer} text of the reworded budget PDF:\n" + "\n".join(failures)
    contradictions, unreported = guessed_figures(reworded_facts, got)
    assert (contradictions, unreported) == ([], [])
