"""Tables read from ``pdftotext``'s default output of PDFs built here, in the layouts reports print.

pdftotext without ``-layout`` follows the page's text blocks: a tightly set table comes out
column by column (runs of 类 codes, of 款 and 项 parts, of names, of each money column's
figures), or with its labels row by row and its figures by column; a table over two pages in two
sets of runs. The table is the 一般公共预算财政拨款支出决算表 of a real report (rows with empty
基本支出 or 项目支出 cells), printed with several row heights, name column widths (names wrapped
in their cell) and page breaks. Every variant keeps the guarantees (a figure read is the figure of
its cell; one that cannot be placed is reported ambiguous); the variants whose runs can be placed
one way only are read whole.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.nothing_guessed import assert_nothing_guessed
from tests.test_readers_text_tables import ROWS, TOTAL

TITLE = "一般公共预算财政拨款支出决算表"
HEADER = [
    ["项目", "", "", "", "合计", "基本支出", "项目支出"],
    ["支出功能分类科目编码", "", "", "科目名称", "", "", ""],
    ["类", "款", "项", "", "", "", ""],
]
Cells = tuple[Decimal | None, Decimal | None, Decimal | None]


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


TRUTH: dict[str, Cells] = {code: (_money(a), _money(b), _money(c)) for code, _, a, b, c in ROWS}


def _pdf(path: Path, row_height: float, wrap: int, page_break: int) -> Path:
    """The table from ROWS, its first ``page_break`` rows on the title's page, the rest and the
    total on the next page (no header repeated)."""
    name_width = wrap * 10 if wrap else 150
    columns = [Column(28), Column(22), Column(22), Column(name_width, wrap=wrap)] + [Column(70, right=True)] * 3
    rows = [[code[:3], code[3:5], code[5:7], name, *(c or "" for c in cells)] for code, name, *cells in ROWS]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(200, 60, TITLE, 14)
    pdf.text(480, 90, "单位：万元")
    pdf.ruled_table(40, 110, columns, HEADER + rows[:page_break], row_height)
    pdf.new_page()
    pdf.ruled_table(40, 60, columns, [*rows[page_break:], ["", "", "", "合计", *TOTAL[1:]]], row_height)
    return pdf.save(path)


def _pdftotext(pdf: Path) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    return subprocess.run([program, str(pdf), "-"], capture_output=True, check=True, text=True).stdout


# (row height, name column wrap (characters, 0: one line), rows on the first page) -> read whole
# (True), not at all (False), or partly (some lines read, the other figures reported ambiguous).
VARIANTS: dict[tuple[int, int, int], bool | str] = {
    (11, 0, 3): True,  # every column a run, page by page
    (11, 8, 6): True,  # names wrapped in their cell: joined where the reference names the code
    (12, 0, 6): True,  # labels row by row on the first page, figures by column
    (12, 12, 8): True,
    (13, 8, 8): True,
    # The second page's runs join two columns' cells (项目支出 under the empty 基本支出 cells):
    # the rows still add up, the 款's column sums do not, so neither page is trusted.
    (12, 0, 3): False,
    (13, 12, 3): False,
    # Rows far enough apart that each cell is a block of its own, codes and figures interleaved
    # (read as streams, readers/interleaved_columns.py). The first page holds only the 201 family,
    # which may go on over the page, so its sums do not fix which figure is a row's 合计 but for
    # the 项 whose 合计 is the only figure fitting; which of 基本支出 and 项目支出 holds a part no
    # sum tells. Those 合计 are read, every other figure reported ambiguous.
    (14, 0, 6): "partly",
}


@pytest.mark.parametrize(("row_height", "wrap", "page_break"), list(VARIANTS))
def test_a_pdf_table_read_from_pdftotext_default(tmp_path: Path, row_height: int, wrap: int, page_break: int) -> None:
    text = _pdftotext(_pdf(tmp_path / "table.pdf", row_height, wrap, page_break))
    document = read_text(text, "table.txt")
    lines = assert_nothing_guessed(document, TRUTH, TITLE)
    if VARIANTS[(row_height, wrap, page_break)] == "partly":
        assert any(any(cells) for cells in lines.values())
        assert document.ambiguous_cells
    elif VARIANTS[(row_height, wrap, page_break)]:
        assert lines == TRUTH
        assert document.ambiguous_cells == []
        metrics = {m.metric: m.value for m in read_tables(document).summary_metrics}
        assert metrics["一般公共预算财政拨款支出"] == Decimal("2433.38")
    else:
        assert not any(any(cells) for cells in lines.values())
