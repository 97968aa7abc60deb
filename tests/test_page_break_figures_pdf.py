"""A row's last cell split from it at a page break, at the top of the next page, is a figure, not
the page's number: read from pdftotext ``-raw``, pypdfium2 and pdfplumber.

Putuo's 支出预算总表 (its codes and names, small whole figures among the cells) over three pages: a
page of prose, the table's first rows, and the rest; the last row of the second page, 2080501
行政单位离退休, has its 项目支出 cell printed at the top of the third (a row broken over the page).
The text then opens the third page with a bare number, as a page number is printed. The pages are
numbered at their top or bottom in each form (``- 3 -``, ``第3页``, ``3/3``, ``3``) or not at all;
the figure is 12, or 3, the third page's own number by coincidence; the table is in 元 or in 万元
(whole figures), its header printed again on the third page or not. A page number runs with the
pages and stands where the other pages print theirs (``wrapped_text.furniture``): the split figure
is read with its row wherever the evidence tells it from the page's number, and what it does not
tell is reported, never dropped unseen.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.text import read_text
from budget_reports.readers.wrapped_text import furniture
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.serialization_facts import function_lines
from tests.test_budget_default_text import summed_lines
from tests.test_small_whole_figures_pdf import LEAVES
from tests.test_total_column_last_pdf import NAMES, TITLE

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
FORMS = {"dash": "- {} -", "page": "第{}页", "of": "{}/3", "bare": "{}"}
_SPLIT_ROW = 3  # 208, 20805, 2080501: the third row's last cell opens the next page
_TOP, _BOTTOM = 20.0, 800.0  # where a page number stands, in points from the top of an A4 page


def _leaves(figure: int) -> dict[str, tuple[int, int]]:
    """Each 项's (基本支出, 项目支出); 2080501's 项目支出 is the figure split from its row."""
    return {**LEAVES, "2080501": (850, figure)}


def _pdf(path: Path, figure: int, unit: str, numbers: tuple[str, str] | None, repeated: bool) -> Path:
    """``numbers``: where each page prints its number (top or bottom) and in which form; ``repeated``:
    the third page prints the title (续) and the header again above the split cell."""
    rows = summed_lines(_leaves(figure), NAMES)
    body = [[code, NAMES[code], *(f"{v:,}" for v in cells)] for code, *cells in rows]
    classes = [row for row in rows if len(row[0]) == 3]
    body.append(["", "合计", *(f"{sum(row[k] for row in classes):,}" for k in (1, 2, 3))])
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    split = body[_SPLIT_ROW - 1]
    pdf = TablePdf()

    def page(number: int, content: list[tuple[float, list[list[str]]]], texts: list[tuple[float, str]]) -> None:
        # The page number drawn first or last, as an extractor following the drawing order meets it.
        pdf.new_page()
        if numbers is not None and numbers[0] == "top":
            pdf.text(290, _TOP, FORMS[numbers[1]].format(number))
        for top, text in texts:
            pdf.text(180 if "表" in text else 60, top, text, 14 if text == TITLE else 10)
        for top, table in content:
            pdf.ruled_table(40, top, columns, table, 16)
        if numbers is not None and numbers[0] == "bottom":
            pdf.text(290, _BOTTOM, FORMS[numbers[1]].format(number))

    page(1, [], [(100, "一、部门概况"), (130, "本部门负责城市管理执法工作。")])
    first = [HEADER, *body[: _SPLIT_ROW - 1], [*split[:-1], ""]]
    page(2, [(110, first)], [(60, TITLE), (90, f"单位：{unit}")])
    rest = [*([HEADER] if repeated else []), ["", "", "", "", split[-1]], *body[_SPLIT_ROW:]]
    page(3, [(60, rest)], [(40, f"{TITLE}（续）")] if repeated else [])
    return pdf.save(path)


def _truth(figure: int, unit: str) -> dict[str, tuple[Decimal, ...]]:
    """Each line's cells in 万元, as the warehouse holds them."""
    scale = Decimal(10_000) if unit == "元" else Decimal(1)
    return {code: tuple(Decimal(v) / scale for v in cells) for code, *cells in summed_lines(_leaves(figure), NAMES)}


NUMBERINGS = [None, *((at, form) for at in ("top", "bottom") for form in FORMS)]


@pytest.mark.parametrize("serializer", ["pdftotext-raw", "pypdfium2", "pdfplumber"])
@pytest.mark.parametrize("numbers", NUMBERINGS, ids=lambda n: "-".join(n) if n else "unnumbered")
@pytest.mark.parametrize(("figure", "unit", "repeated"), [(12, "元", False), (3, "元", True), (3, "万元", False)])
def test_a_figure_opening_a_continuation_page_is_read_with_its_row(
    tmp_path: Path, serializer: str, numbers: tuple[str, str] | None, figure: int, unit: str, repeated: bool
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _pdf(tmp_path / "split.pdf", figure, unit, numbers, repeated)
    text = write_serialization(pdf, serializer, tmp_path / "text").read_text(encoding="utf-8")
    document = read_text(text, "split.txt")
    assert function_lines(document, TITLE) == _truth(figure, unit)
    assert document.ambiguous_cells == []
    assert document.lost == []


def _source(pages: list[list[str]]) -> list[SourceLine]:
    return [SourceLine(p, i, text) for p, page in enumerate(pages, start=1) for i, text in enumerate(page, start=1)]


_TABLE_PAGE = ["二、支出预算总表", "单位：元", "2080501 行政单位离退休 853 850"]


def test_a_page_s_number_is_the_one_standing_where_the_others_do() -> None:
    # Page 3 opens with 3, its number by coincidence: its own - 3 - stands at its foot, as on every page.
    pages = [
        ["一、部门概况", "本部门负责城市管理执法。", "- 1 -"],
        [*_TABLE_PAGE, "- 2 -"],
        ["3", "2080505 机关事业单位基本养老保险缴费支出 1,501 301 1,200", "- 3 -"],
    ]
    assert furniture(_source(pages)) == {(1, 3), (2, 4), (3, 3)}


def test_a_number_where_no_page_prints_its_number_is_kept() -> None:
    # Page 3's own number is not printed: the 3 opening it runs with the pages but stands where no
    # page prints its number, in another form. It may be the row's figure or a page number set
    # apart: kept, the table's sums place it or report it.
    pages = [
        ["一、部门概况", "本部门负责城市管理执法。", "- 1 -"],
        [*_TABLE_PAGE, "- 2 -"],
        ["3", "2080505 机关事业单位基本养老保险缴费支出 1,501 301 1,200"],
    ]
    assert furniture(_source(pages)) == {(1, 3), (2, 4)}


def test_two_numbers_no_place_tells_apart_are_kept() -> None:
    # Two pages only, the second opening with 2 and closing with - 2 -: no other page shows where
    # the pages print their number, so neither is taken for it.
    pages = [
        ["一、部门概况", "本部门负责城市管理执法。", "- 1 -"],
        ["2", "2080505 机关事业单位基本养老保险缴费支出 1,501 301 1,200", "- 2 -"],
    ]
    assert furniture(_source(pages)) == {(1, 3)}


def test_with_no_page_numbered_a_number_opening_a_page_after_figures_is_a_figure() -> None:
    pages = [
        ["一、部门概况", "本部门负责城市管理执法。"],
        _TABLE_PAGE,
        ["3", "2080505 机关事业单位基本养老保险缴费支出 1,501 301 1,200"],
    ]
    assert furniture(_source(pages)) == set()
    # After prose, a number opening a page within the page count is its number.
    assert furniture(_source([pages[0], ["2", "本年度收入1,000元。"]])) == {(2, 1)}


def test_one_digit_numbers_one_above_the_other_are_no_run_of_codes() -> None:
    # A page number over a one-digit figure: codes have two digits at least (类 208, 款 05).
    pages = [
        ["1", "一、部门概况", "本部门负责城市管理执法。"],
        ["2", *_TABLE_PAGE],
        ["3", "5", "2080505 机关事业单位基本养老保险缴费支出 1,501 301 1,200"],
    ]
    assert furniture(_source(pages)) == {(1, 1), (2, 1), (3, 1)}


@pytest.mark.parametrize("serializer", ["pdftotext-raw", "pypdfium2", "pdfplumber"])
def test_a_page_number_printed_apart_is_reported_not_guessed(tmp_path: Path, serializer: str) -> None:
    """The pages numbered ``- n -`` at their foot but the third, whose 3 stands alone at its top,
    over the table going on (no cell split): nothing tells it from a cell of the row before the
    break. Kept, it gives that row a figure too many, whose figures are reported ambiguous; every
    other line is read."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    rows = summed_lines(_leaves(12), NAMES)
    body = [[code, NAMES[code], *(f"{v:,}" for v in cells)] for code, *cells in rows]
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(60, 100, "一、部门概况")
    pdf.text(60, 130, "本部门负责城市管理执法工作。")
    pdf.text(290, _BOTTOM, "- 1 -")
    pdf.new_page()
    pdf.text(180, 60, TITLE, 14)
    pdf.text(60, 90, "单位：元")
    pdf.ruled_table(40, 110, columns, [HEADER, *body[:_SPLIT_ROW]], 16)
    pdf.text(290, _BOTTOM, "- 2 -")
    pdf.new_page()
    pdf.text(290, _TOP, "3")
    pdf.ruled_table(40, 60, columns, body[_SPLIT_ROW:], 16)
    path = pdf.save(tmp_path / "apart.pdf")
    document = read_text(write_serialization(path, serializer, tmp_path / "text").read_text(encoding="utf-8"), "a.txt")
    truth = _truth(12, "元")
    split_code = rows[_SPLIT_ROW - 1][0]
    assert function_lines(document, TITLE) == {code: cells for code, cells in truth.items() if code != split_code}
    assert sorted(cell.figure for cell in document.ambiguous_cells) == sorted([*body[_SPLIT_ROW - 1][2:], "3"])
