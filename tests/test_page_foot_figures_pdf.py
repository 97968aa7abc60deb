"""A small whole figure at the foot of a page is a figure, not the page's number.

Putuo's 支出预算总表 in 元 (its codes and names, small figures among the cells: ``900 850 50``) runs
over two pages, its 2080501 row the last of the first page. pdftotext's default text writes that
row's cells one to a line, so the page ends with ``850`` / ``50``: bare numbers at a page's edge, as
a page number is printed. A page number runs with the pages (``- 1 -``, ``- 2 -`` …); a number
breaking that sequence, or following a table's figures where no page is numbered, is a figure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.text import read_text, text_pages
from budget_reports.readers.wrapped_text import furniture
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.serialization_facts import function_lines
from tests.test_small_whole_figures_pdf import _rows, _truth
from tests.test_total_column_last_pdf import NAMES, TITLE

_WORDS = {1: "合计", 2: "基本支出", 3: "项目支出"}
_FIRST_PAGE_ROWS = 3  # 208, 20805, 2080501: the first page ends with 2080501 行政单位离退休 900 850 50
_PAGE_NUMBER_TOP = 800.0  # points from the top of an A4 page: its footer


def _pdf(path: Path, total_last: bool, numbered: bool) -> Path:
    """The table over two pages, the header printed again on the second; ``numbered``: each page
    prints its number (``- 1 -``) centred in its footer."""
    rows = _rows()
    order = (2, 3, 1) if total_last else (1, 2, 3)  # indices into a row (code, 合计, 基本支出, 项目支出)
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    header = ["科目编码", "科目名称", *(_WORDS[k] for k in order)]
    body = [[row[0], NAMES[row[0]], *(f"{row[k]:,}" for k in order)] for row in rows]
    classes = [row for row in rows if len(row[0]) == 3]
    body.append(["", "合计", *(f"{sum(row[k] for row in classes):,}" for k in order)])
    pdf = TablePdf()
    for number, (top, part) in enumerate([(110.0, body[:_FIRST_PAGE_ROWS]), (60.0, body[_FIRST_PAGE_ROWS:])], start=1):
        pdf.new_page()
        if number == 1:
            pdf.text(180, 60, TITLE, 14)
            pdf.text(440, 90, "单位：元")
        pdf.ruled_table(40, top, columns, [header, *part], 16)
        if numbered:
            pdf.text(290, _PAGE_NUMBER_TOP, f"- {number} -")
    return pdf.save(path)


def _text(tmp_path: Path, serializer: str, total_last: bool, numbered: bool) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(tmp_path / "foot.pdf", total_last, numbered)
    return write_serialization(pdf, serializer, tmp_path / "text").read_text(encoding="utf-8")


def _dropped(text: str) -> list[tuple[int | None, str]]:
    """(page, text) of the lines taken for page furniture."""
    lines = [
        SourceLine(page, i, line)
        for page, page_lines in enumerate(text_pages(text), start=1)
        for i, line in enumerate(page_lines, start=1)
    ]
    dropped = furniture(lines)
    return sorted((line.page, line.text.strip()) for line in lines if (line.page, line.line) in dropped)


@pytest.mark.parametrize(
    ("serializer", "total_last"),
    # pdftotext default reads a table in 元 cell by cell where 合计 is printed last (see
    # test_small_whole_figures_pdf); -layout reads it row by row, 合计 first.
    [("pdftotext", True), ("pdftotext-layout", False)],
)
@pytest.mark.parametrize("numbered", [False, True])
def test_a_small_figure_at_the_foot_of_a_page_is_read(
    tmp_path: Path, serializer: str, total_last: bool, numbered: bool
) -> None:
    text = _text(tmp_path, serializer, total_last, numbered)
    first_page = [line.strip() for line in text_pages(text)[0] if line.strip()]
    if serializer == "pdftotext" and not numbered:
        assert first_page[-2:] in (["850", "50"], ["50", "900"])  # the row's cells at the page's foot
    dropped = _dropped(text)
    assert all(line == f"-{page}-" for page, line in dropped)  # page numbers, no figure
    if numbered and serializer == "pdftotext-layout":  # the default text writes page 1's inside its cells
        assert dropped == [(1, "-1-"), (2, "-2-")]
    document = read_text(text, "foot.txt")
    read = function_lines(document, TITLE)
    assert read == _truth()
    assert [cell.figure for cell in document.ambiguous_cells] == []
    assert document.lost == []


def _source(pages: list[list[str]]) -> list[SourceLine]:
    return [SourceLine(p, i, text) for p, page in enumerate(pages, start=1) for i, text in enumerate(page, start=1)]


def test_page_numbers_run_with_the_pages() -> None:
    # Pages numbered from the third (a cover and a contents page before): 1, 2, 3 … in any form.
    pages = [
        ["2024年度部门决算"],
        ["目录", "一、部门概况"],
        ["第一部分 部门概况", "本部门负责城市管理执法。", "- 1 -"],
        ["二、收入决算表", "单位：元", "2080501 行政单位离退休", "900", "850", "50"],
        ["三、说明", "本年度收入1,000元。", "第3页"],
        ["四、其他", "本年度无政府性基金预算支出。", "4/25"],
    ]
    dropped = furniture(_source(pages))
    assert {(3, 3), (5, 3), (6, 3)} <= dropped  # the page numbers
    assert not {(4, 5), (4, 6)} & dropped  # 850 and 50 break the sequence: the row's figures


def test_a_lone_number_is_a_page_number_only_where_it_can_number_its_page() -> None:
    # No two pages numbered alike (no sequence): each number is judged on its own page.
    pages = [
        ["第一部分 部门概况", "本部门负责城市管理执法。", "1"],
        ["二、收入决算表", "单位：元", "2210201 住房公积金", "730", "649", "81"],  # 81, 649: beyond the page count
        ["三、支出决算表", "单位：元", "2080501 行政单位离退休 900", "850", "2"],  # 2 after a figure: the table's
    ]
    dropped = furniture(_source(pages))
    assert dropped == {(1, 3)}
