"""Text that writes a page's text boxes one after another (pdfminer.six's layout analysis), and prose
whose lines a blank line separates.

pdfminer.six closes every text box with a blank line, and a paragraph's indented first line is often a
box of its own; text extracted double-spaced (``pdftotext -layout`` of widely set lines) has a blank
line after every line. Neither blank line ends a paragraph where the line before it runs to the width
and ends no sentence. The tables pdfminer writes by column runs, their titles among their figures,
are not all read (``test_text_serializations.py`` pins what is): each one not read must be reported,
never left out in silence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import SEED_FILES, corpus_file
from tests.printed_variants import BUDGET, plain_integers, with_grids, wrapped_names
from tests.seed_pdf import LANDSCAPE, typeset
from tests.serialization_facts import PERFORMANCE_VIEWS, VIEWS, facts, guessed_figures, measured
from tests.test_text_serializations import PUTUO

ALL_VIEWS = VIEWS + PERFORMANCE_VIEWS
_FIGURE = re.compile(r"-?[\d,]+\.\d+")
_LOST_PAGE = re.compile(r"第(\d+)页")


def _pages_left_out(pdf: Path, text: Path) -> list[int]:
    """Pages where the PDF reads a table of figures that the text neither reads nor reports as not
    read (a report names the page of the table's title, which may stand on the page before)."""
    from_pdf = read_document(pdf, pdf.name)
    from_text = read_document(text, text.name)
    with_figures = {
        block.table.page
        for block in from_pdf.tables()
        if any(_FIGURE.fullmatch(cell.text.strip()) for cell in block.table.cells)
    }
    read = {page for block in from_text.tables() for page in (block.table.pages or (block.table.page,))}
    reported = {int(m.group(1)) for lost in from_text.lost if (m := _LOST_PAGE.match(lost))}
    return sorted(p for p in with_figures - read if p not in reported and p - 1 not in reported)


def test_every_table_of_the_report_is_read_or_reported(tmp_path: Path) -> None:
    pdf = corpus_file(PUTUO)
    text = write_serialization(pdf, "pdfminer", tmp_path)
    assert _pages_left_out(pdf, text) == []
    lost = read_document(text, text.name).lost
    # The tables whose titles come among (after) their figures are reported, each with its own title.
    assert any("收入决算表" in message for message in lost)
    assert any("“支出决算表”" in message for message in lost)


def _from_tables(view: str) -> bool:
    """A view (or its table half) whose facts only tables give: money by fund source and indicators
    come from the self-evaluation tables alone."""
    return view.endswith("/table") or view in ("performance_funds", "performance_indicators")


def _prose_whole_and_no_table_figure_wrong(pdf: Path, text: Path, name: str) -> dict[str, tuple[int, int, int]]:
    """(matched, expected, not in the PDF) per view of the text against its PDF, once its prose facts
    are asserted equal and its table facts asserted to hold no figure the PDF does not print there."""
    expected, got = extract_frames(pdf, name), extract_frames(text, name)
    views = measured(facts(expected, ALL_VIEWS), facts(got, ALL_VIEWS))
    for view, (matched, total, extra) in views.items():
        assert extra == 0, view
        if not _from_tables(view):
            assert matched == total, view
    contradictions, unreported = guessed_figures(expected, got, ALL_VIEWS)
    assert not contradictions, contradictions
    assert not unreported, unreported
    return views


def test_the_report_gives_every_prose_fact_and_no_wrong_figure(tmp_path: Path) -> None:
    pdf = corpus_file(PUTUO)
    views = _prose_whole_and_no_table_figure_wrong(pdf, write_serialization(pdf, "pdfminer", tmp_path), PUTUO)
    # Of its tables: the 财政拨款 overview's totals, the 三公 and fund tables, the 基本支出 table's classes.
    assert views["summary_metrics/table"][:2] == (5, 22)
    assert views["expenditure_economic/table"][:2] == (4, 27)
    assert views["expenditure_function/table"][:2] == (0, 46)  # reported as not read (above)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_self_evaluation_tables_not_read_are_reported(seed: Path, tmp_path: Path) -> None:
    pdf = typeset(read_document(seed, seed.name), tmp_path / f"{seed.stem}.pdf")
    text = write_serialization(pdf, "pdfminer", tmp_path / "pdfminer")
    views = _prose_whole_and_no_table_figure_wrong(pdf, text, seed.name)
    assert all(views[view][0] == 0 for view in views if view.startswith(PERFORMANCE_VIEWS) and _from_tables(view))
    lost = read_document(text, text.name).lost
    # Each names a self-evaluation table (自评, its 基础数据表, indicator lines) or a final-accounts table.
    assert all(any(word in message for word in ("自评", "基础数据表", "绩效指标", "决算表")) for message in lost)
    if seed in SEED_FILES[2:4]:  # titles naming 自评表 (the others title theirs in a cell)
        assert _pages_left_out(pdf, text) == []
        assert lost


@pytest.mark.parametrize("serializer", ["pypdfium2", "pdftotext-raw", "pdfjs"])
def test_double_spaced_text_gives_every_prose_fact(serializer: str, tmp_path: Path) -> None:
    """The report's text with a blank line after every line: a paragraph runs on over the blank lines,
    its 项 statements (name, 主要用于, figures on the lines below) read as from the text itself."""
    pdf = corpus_file(PUTUO)
    single = write_serialization(pdf, serializer, tmp_path / "single").read_text(encoding="utf-8")
    double = tmp_path / "double.txt"
    double.write_text(single.replace("\r\n", "\n").replace("\n", "\n\n"), encoding="utf-8")
    expected = facts(extract_frames(pdf))
    got = facts(extract_frames(double))
    for view, (matched, total, extra) in measured(expected, got).items():
        if view.endswith("/narrative"):
            assert (matched, extra) == (total, 0), view
    assert measured(expected, got)["expenditure_function/narrative"][1] == 15


def test_a_last_page_of_a_total_and_one_row_in_column_order_gives_no_wrong_figure(tmp_path: Path) -> None:
    """The budget printed in 元 with names wrapped every 4 characters, landscape pages, cells merged:
    the 支出预算总表's last page holds 购房补贴 and 合计, which pdfminer writes as name, 合计, code, then the
    figures column by column (3222000, 47483458, …). Read as rows, 合计 took 购房补贴's 3222000; the
    合计 column known on both pages (each row's 基本支出 and 项目支出 open) breaks the classes' sum,
    so that page's figures are reported, not placed, and the 合计 row stays the table's total."""

    def printed(grid: list[list[str]]) -> list[list[str]]:
        return plain_integers(wrapped_names(grid, 4))  # money columns found by their separators first

    document = with_grids(read_document(corpus_file(BUDGET), BUDGET), printed)
    pdf = typeset(document, tmp_path / "budget.pdf", merged=True, table_page=LANDSCAPE)
    text = write_serialization(pdf, "pdfminer", tmp_path / "pdfminer")
    contradictions, unreported = guessed_figures(extract_frames(pdf, BUDGET), extract_frames(text, BUDGET))
    assert not contradictions, contradictions
    assert not unreported, unreported
