"""The text a browser's PDF viewer copies (Firefox's pdf.js, "select all"), read as from the PDF.

pdf.js writes a page's text items in the order the page draws them, a line end after each item that
ends a line, and joins the pages with a line end: no form feed says where a page ends. A report
typeset with its page numbers at the pages' feet (``- 3 -``) still marks them: the text is cut at
those lines (``readers/printed_pages.py``), and read as paged text. Without that, a page number
stood inside a paragraph wrapped over the page break (``…职业年金缴费支`` / ``- 3 -`` / ``出（项）”``,
the 项's name misread), and a self-evaluation table starting at a page's foot, the next page
repeating another project's header, gave that project's money to the first project's name.

A final account printing every table variant at once (a 栏次 row under each header, dashes in empty
cells, names wrapped at six, the 合计 row first, the first code over 类 | 款 | 项): pdf.js writes
a header cell's last line on the baseline of the 栏次 row (``科目编码 栏次 1 2 3 4 5 6``), which
ended the header, and the 支出决算表 was not read (74 of 97 table facts). The words before the
栏次 row's label are the header's (``printed_numbers.header_before_column_numbers``): 96 of 97, all
but the 三公 item's budget, which no one-line text places.

A text whose form feeds are taken out (pypdfium2's, as a viewer built on PDFium would copy it) reads as
with them: its pages are found again at the numbers they print. A dash printed for an empty cell before
a whole amount (``- 2500``, the budget in 元) is no page number: taken for one, the numbers no longer
ran in order, no page was found and the budget's overview lost its totals.

The reports are typeset from their document models (``tests/seed_pdf.py``): no figure is typed here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2
import pytest

from budget_reports.gold import extract_frames
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.readers.printed_numbers import header_before_column_numbers, is_page_number
from budget_reports.readers.text import text_pages
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    FINAL,
    all_variants,
    dashes,
    plain_integers,
    read_back,
    report_facts,
    with_grids,
)
from tests.seed_pdf import LANDSCAPE, typeset
from tests.serialization_facts import facts, measured

_TABLE_FACTS = 97


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if (missing := missing_program("pdfjs")) is not None:
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("pdfjs-all-variants")
    document = with_grids(read_document(corpus_file(FINAL), FINAL), all_variants)
    # Merged header cells (as a report prints them): pdf.js writes 科目编码 on the 栏次 row's line.
    return typeset(document, folder / f"{Path(FINAL).stem}.pdf", merged=True, table_page=LANDSCAPE)


def _characters(lines: list[str]) -> Counter[str]:
    """A page's characters, whatever the order or line breaks an extractor writes them in."""
    return Counter("".join(compact(line) for line in lines if not is_page_number(compact(line))))


def test_the_copy_is_cut_into_the_pages_of_the_pdf(printed: Path, tmp_path: Path) -> None:
    text = write_serialization(printed, "pdfjs", tmp_path).read_text(encoding="utf-8")
    assert "\f" not in text
    pages = text_pages(text)
    document = pypdfium2.PdfDocument(str(printed))
    try:
        truth = [document[i].get_textpage().get_text_range().splitlines() for i in range(len(document))]
    finally:
        document.close()
    assert len(pages) == len(truth) > 20
    assert [_characters(page) for page in pages] == [_characters(page) for page in truth]


def test_a_header_cell_on_the_column_numbers_line_keeps_the_table_read(printed: Path, tmp_path: Path) -> None:
    got = read_back(printed, "pdfjs", tmp_path, FINAL)
    tables = {view: counts for view, counts in measured(report_facts(FINAL), got).items() if view.endswith("/table")}
    assert sum(matched for matched, _, _ in tables.values()) == _TABLE_FACTS - 1
    assert sum(total for _, total, _ in tables.values()) == _TABLE_FACTS
    assert not [view for view, (_, _, wrong) in tables.items() if wrong]


def test_a_header_repeated_on_a_later_page_with_its_column_numbers_is_no_row(printed: Path, tmp_path: Path) -> None:
    """The 支出决算表 broken over two pages, its header repeated on the second as pdf.js writes it
    (``科目编码 栏次 1 2 3 4 5 6`` on one line): the repeated header is passed over, no row of it, and the
    table reads as whole (one fact was lost: the 栏次 line was taken for the first row)."""
    whole = write_serialization(printed, "pdfjs", tmp_path)
    lines = whole.read_text(encoding="utf-8").split("\n")
    numbers = lines.index("科目编码 栏次 1 2 3 4 5 6")
    assert lines[numbers - 2].startswith("项目 本年支出合计")
    cut = next(i for i in range(numbers, len(lines)) if lines[i].startswith("208 05 01"))
    # A page number carrying the numbering on at the break, those after it one more.
    before = max(_page(line) or 0 for line in lines[:cut])
    later = [f"- {_page(line) + 1} -" if _page(line) else line for line in lines[cut:]]
    continued = tmp_path / "continued" / whole.name
    continued.parent.mkdir()
    text = [*lines[:cut], f"- {before + 1} -", *lines[numbers - 2 : numbers + 1], *later]
    continued.write_text("\n".join(text), encoding="utf-8")
    assert len(text_pages(continued.read_text(encoding="utf-8"))) == len(text_pages("\n".join(lines))) + 1
    assert facts(extract_frames(continued, FINAL)) == facts(extract_frames(whole, FINAL))


def _page(line: str) -> int | None:
    """The number of a page number line (``- 9 -``)."""
    key = compact(line)
    return int(key.strip("-")) if is_page_number(key) and key.startswith("-") else None


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("科目编码 栏次 1 2 3 4 5 6", "科目编码"),
        ("项目 行次 1 2 3", "项目"),
        ("栏次 1 2 3", None),  # the row alone: the reader passes over it
        ("项目 行次 金额 项目 行次 金额", None),  # 行次 a column's head
        ("合计 栏次 1 2", None),  # two numbers: not a 栏次 row
        ("201 一般公共服务支出 1 2 3", None),
    ],
)
def test_the_header_words_before_a_column_numbers_row(line: str, header: str | None) -> None:
    assert header_before_column_numbers(line) == header


@pytest.mark.parametrize("report", [FINAL, BUDGET])
def test_a_text_without_its_form_feeds_reads_as_with_them(tmp_path: Path, report: str) -> None:
    document = with_grids(read_document(corpus_file(report), report), lambda grid: plain_integers(dashes(grid)))
    pdf = typeset(document, tmp_path / f"{Path(report).stem}.pdf", merged=False, table_page=LANDSCAPE)
    paged = write_serialization(pdf, "pypdfium2", tmp_path / "paged")
    text = paged.read_text(encoding="utf-8").replace("\r\n", "\n")
    unpaged = tmp_path / "unpaged" / paged.name
    unpaged.parent.mkdir()
    unpaged.write_text(text.replace("\f", "\n"), encoding="utf-8")
    assert len(text_pages(unpaged.read_text(encoding="utf-8"))) == len(text_pages(text)) > 10
    assert facts(extract_frames(unpaged, report)) == facts(extract_frames(paged, report))
