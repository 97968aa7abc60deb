"""Pages of a PDF's text that marks none (a browser's copy), found from the page numbers it prints.

Each case is a text as an extractor writes it, built from lines real reports print (page numbers in
the forms reports use, table rows, 行次 and code columns written a cell to a line); the pages it
gives are checked against where the report's pages really end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers.printed_numbers import is_page_number
from budget_reports.readers.printed_pages import printed_pages
from budget_reports.readers.text import read_text, text_pages
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import corpus_file
from tests.serialization_facts import facts, shortfalls

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"

_PROSE = [f"第{n}段的文字，写满了一整行，又接着写到下一行去，直到这一段说完为止，共有若干行字。" for n in range(14)]


def _report(numbers: list[str], opening: bool) -> tuple[list[str], list[list[str]]]:
    """A text of ``len(numbers)`` pages of prose, each page's number printed at its foot (or, with
    ``opening``, at its top), and the pages as the report prints them."""
    pages = [[f"第{p}页：{line}" for line in _PROSE] for p in range(len(numbers))]
    printed = [[number, *page] if opening else [*page, number] for number, page in zip(numbers, pages, strict=True)]
    return [line for page in printed for line in page], printed


@pytest.mark.parametrize(
    "numbers",
    [
        ["- 1 -", "- 2 -", "- 3 -", "- 4 -"],
        ["—1—", "—2—", "—3—", "—4—"],
        ["第1页", "第2页", "第3页", "第4页"],
        ["第 1 页 共 4 页", "第 2 页 共 4 页", "第 3 页 共 4 页", "第 4 页 共 4 页"],
        ["第1页，共4页", "第2页，共4页", "第3页，共4页", "第4页，共4页"],
        ["1/4", "2/4", "3/4", "4/4"],
        ["3", "4", "5", "6"],  # bare numbers, the body numbered on from a cover and contents
        ["- 1 -", "- 2 -", "- 1 -", "- 2 -"],  # an appended report numbered anew
    ],
)
@pytest.mark.parametrize("opening", [False, True])
def test_a_text_is_cut_where_its_printed_page_numbers_stand(numbers: list[str], opening: bool) -> None:
    lines, printed = _report(numbers, opening)
    assert printed_pages(lines) == printed


def test_numbers_opening_their_pages_after_a_cover_cut_each_pages_text_apart() -> None:
    lines, printed = _report(["- 1 -", "- 2 -", "- 3 -"], opening=True)
    cover = ["上海市普陀区财政局", "2024年度部门决算", ""]
    # The text opens with the cover, not a number: it is cut after each number. Each page's text still
    # comes together, its number at an edge (the foot of the page before), where furniture is sought.
    bodies = [page[1:] for page in printed]
    assert printed_pages(cover + lines) == [
        [*cover, "- 1 -"],
        [*bodies[0], "- 2 -"],
        [*bodies[1], "- 3 -"],
        bodies[2],
    ]


def test_the_pages_together_are_the_text_blank_lines_included() -> None:
    lines, _ = _report(["- 1 -", "- 2 -", "- 3 -"], opening=False)
    text = ["", "", *lines, "", ""]
    assert [line for page in printed_pages(text) for line in page] == text
    assert all(any(line.strip() for line in page) for page in printed_pages(text))


@pytest.mark.parametrize(
    "numbers",
    [
        ["- 1 -"],  # one page number: nothing says it numbers pages
        ["- 3 -", "- 5 -", "- 4 -"],  # not in order: one out of order for two in it
        ["2", "3"],  # two bare numbers: a run of three at least
        ["1", "3", "5"],  # bare numbers not counting one by one
        ["- 2500", "- 5000", "- 4600"],  # a dash for an empty cell, then a whole amount
    ],
)
def test_numbers_that_do_not_number_the_pages_cut_nothing(numbers: list[str]) -> None:
    lines, _ = _report(numbers, opening=False)
    assert printed_pages(lines) == [lines]


def test_a_column_of_row_numbers_written_a_cell_to_a_line_is_no_page_numbering() -> None:
    # A national overview's 行次 column in one-cell-per-line text: 1, 2, 3 … a row's few lines apart.
    rows = [
        [label, str(n), f"{n * 10}.00"]
        for n, label in enumerate(["一、财政拨款收入", "二、事业收入", "三、其他收入", "本年收入合计"], 1)
    ]
    lines = ["收入支出决算总表", "项目", "行次", "金额", *(cell for row in rows for cell in row)]
    assert printed_pages(lines) == [lines]


def test_a_bare_number_after_a_figure_is_a_cell_not_a_page_number() -> None:
    lines, _ = _report(["1", "2", "3"], opening=False)
    # Page 2's number follows a row whose figures end its line: the 2 is that row's next cell.
    at = lines.index("2")
    lines[at - 1] = "208 05 01 行政单位离退休 84.65"
    assert printed_pages(lines) == [lines]


@pytest.mark.parametrize(
    "numbers", [["- 1 -", "- 2 -", "- 3 -"], ["- 1 -", "- 2 -", "- 1 -", "- 2 -"], ["1", "2", "3"]]
)
def test_a_copy_with_page_numbers_reads_as_paged_text_and_drops_them(numbers: list[str]) -> None:
    lines, printed = _report(numbers, opening=False)
    document = read_text("\n".join(lines), "copied.txt")
    assert document.file_format == "pdftotext" and document.page_count == len(numbers)
    # No block is a page number, and none runs on into one (a paragraph wrapped over a page break).
    assert not [b for b in document.blocks if b.text.strip().endswith(tuple(numbers))]
    assert {b.page for b in document.blocks} == set(range(1, len(numbers) + 1))
    assert text_pages("\n".join(lines)) == printed


def test_word_exported_text_is_never_cut() -> None:
    lines, _ = _report(["- 1 -", "- 2 -", "- 3 -"], opening=False)
    text = "\n".join(["\t项目\t金额", "\t合计\t5.00", "", *lines])
    assert len(text_pages(text)) == 1


def test_a_line_out_of_the_numbers_order_is_left_in_the_text() -> None:
    _, printed = _report([f"- {n} -" for n in range(1, 9)], opening=False)
    # A cell of page 4 printing 7/8 alone on its line: a decorated number, out of the pages' order.
    printed[3].insert(len(printed[3]) - 3, "7/8")
    assert printed_pages([line for page in printed for line in page]) == printed


def test_a_file_of_page_numbers_out_of_order_numbers_no_page() -> None:
    # A hostile file: 200,000 decorated numbers, out of order every other line. Beyond what any report
    # prints, only all of them in order would number pages: the search for a run is not made.
    lines = [f"- {n % 7 + 3} -" for n in range(200_000)]
    assert printed_pages(lines) == [lines]


@pytest.mark.parametrize(
    ("key", "printed_as_page_number"),
    [
        ("-3-", True),
        ("—3—", True),
        ("第3页", True),
        ("第3页共25页", True),
        ("第3页，共25页", True),
        ("3/25", True),
        ("-2500", False),  # an empty cell's dash, then a whole amount
        ("-3", False),  # a negative figure
        ("3", False),  # bare: a page number only where it runs with the pages
        ("1、", False),
    ],
)
def test_the_forms_of_a_page_number_no_figure_takes(key: str, printed_as_page_number: bool) -> None:
    assert is_page_number(key) is printed_as_page_number


def test_class_codes_alone_on_their_lines_number_no_pages() -> None:
    """The 基本支出 table written a cell per line prints its class codes alone (``301`` … ``302`` …
    ``303``), counting up by one a page's worth of lines apart: no text before them holds 300 pages."""
    rows = [f"{n:02d} 名称{n}" for n in range(1, 14)]
    lines = [*_PROSE, "301", *rows, "302", *rows, "303", *rows, "310", *rows]
    assert printed_pages(lines) == [lines]


def test_raw_text_without_page_breaks_reads_as_with_them(tmp_path: Path) -> None:
    """``pdftotext -raw -nopgbrk``: the Putuo report's text without its form feeds. Its bare class codes
    were taken for page numbers 301 to 303 and dropped, one economic line read wrongly."""
    if (missing := missing_program("pdftotext-raw")) is not None:
        pytest.skip(missing)
    paged = write_serialization(corpus_file(PUTUO), "pdftotext-raw", tmp_path)
    joined = tmp_path / "joined.txt"
    joined.write_text(paged.read_text(encoding="utf-8").replace("\f", "\n"), encoding="utf-8")
    assert "\f" not in joined.read_text(encoding="utf-8")
    expected, got = facts(extract_frames(paged, PUTUO)), facts(extract_frames(joined, PUTUO))
    assert sum(expected["expenditure_economic/table"].values()) == 27
    failures = shortfalls(expected, got, {}, "the text with form feeds", "the text without")
    assert not failures, "\n".join(failures)


def test_budget_text_without_page_breaks_reads_its_repeated_headers_as_headers(tmp_path: Path) -> None:
    """The budget report's text with its form feeds made line ends: a table going on over a page
    prints its header again mid-text, which was read as the row above's name (``城乡社区管理事务项目
    一般公共预算支出功能分类科目编码…``). The header printed again whole is skipped as at a page break."""
    paged = corpus_file("shanghai-putuo-urban-management-2026-budget.txt")
    joined = tmp_path / "joined.txt"
    joined.write_text(paged.read_text(encoding="utf-8").replace("\f", "\n"), encoding="utf-8")
    expected, got = facts(extract_frames(paged)), facts(extract_frames(joined, paged.name))
    assert sum(expected["expenditure_function/table"].values()) > 40
    failures = shortfalls(expected, got, {}, "the text with form feeds", "the text without")
    assert not failures, "\n".join(failures)
