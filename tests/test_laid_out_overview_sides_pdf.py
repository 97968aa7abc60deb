"""Two-sided overviews in laid-out text (``pdftotext -layout``) whose rows follow each other with no
blank line between them, their labels wrapped.

pdftotext prints a row's figures at the vertical middle of its cells. Where one side's label wraps
over two lines and the other's starts lower (``三、城乡社区`` / ``33775592`` / ``支出`` beside
``三、国有资本`` / ``经营预算``), the lines of two or three rows run together. Read line by line, the
pieces were joined across the sides (``三、国有资本支出经营预算四、住房保障``) and the next row's figures
lost; the table's classes then did not add up to its total, and the report was wrongly found in
error. Each side is now read down its own columns (``laid_out_rows._rows_by_label_columns``).

A row printing one side only (an overview's carry-over fund lines) goes to the side at whose labels'
column its label starts (``linear_tables._SideChooser``), not by its number to the side printed last.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import Document, Table
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    FINAL,
    national_overviews,
    plain_integers,
    report_facts,
    with_grids,
    wrapped_names,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, measured

OVERVIEW = "2026年部门财政拨款收支预算总表"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
# (names wrapped at, page, amounts printed whole in 元)
CASES = [(4, PORTRAIT, True), (6, LANDSCAPE, True), (6, PORTRAIT, False)]


def _printed(grid: list[list[str]], width: int, whole: bool) -> list[list[str]]:
    wrapped = wrapped_names(grid, width)
    return plain_integers(wrapped) if whole else wrapped


@pytest.fixture(
    scope="module",
    params=CASES,
    ids=lambda case: (
        f"wrapped-{case[0]}-{'portrait' if case[1] == PORTRAIT else 'landscape'}-{'whole' if case[2] else 'separators'}"
    ),
)
def layout_text(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    """The budget typeset with header cells merged and names wrapped, as ``pdftotext -layout`` writes it,
    with the document the print was made from."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    width, page, whole = request.param
    folder = tmp_path_factory.mktemp(f"overview-sides-{width}")
    printed = with_grids(read_document(corpus_file(BUDGET), BUDGET), partial(_printed, width=width, whole=whole))
    pdf = typeset(printed, folder / f"{Path(BUDGET).stem}.pdf", merged=True, table_page=page)
    return write_serialization(pdf, "pdftotext-layout", folder), printed


def _overview(document: Document, title: str) -> Table:
    """The first table after the block printing ``title`` alone (its title line, not a contents entry)."""
    titled = False
    for block in document.blocks:
        if block.table is None:
            titled = titled or compact(block.text) == title
        elif titled:
            return block.table
    raise AssertionError(f"{title} not read")


def _side_rows(table: Table, label_col: int, money_cols: int) -> list[tuple[str, ...]]:
    """A side's body rows as (label, its figures), labelled rows only, in order; a label wrapped in
    the print's own grid (``一、一般\n公共预算``) as one."""
    body = table.grid()[2:]  # below the header's two lines
    return [
        tuple(cell.replace("\n", "") for cell in row[label_col : label_col + 1 + money_cols])
        for row in body
        if row[label_col]
    ]


def test_each_side_reads_its_own_labels_and_figures(layout_text: tuple[Path, Document]) -> None:
    text, printed = layout_text
    want = _overview(printed, OVERVIEW)
    got = _overview(read_document(text, BUDGET), OVERVIEW)
    # Income: label and 预算数; spending: label, 合计 and the fund columns.
    assert _side_rows(got, 0, 1) == _side_rows(want, 0, 1)
    assert _side_rows(got, 2, 4) == _side_rows(want, 2, 4)


def test_the_report_is_not_found_in_error(layout_text: tuple[Path, Document]) -> None:
    text, _ = layout_text
    frames = extract_frames(text, BUDGET)
    errors = frames["dq_findings"].filter(pl.col("severity") == "error")
    assert errors["message"].to_list() == []
    lines = frames["expenditure_function"].filter(pl.col("source_table") == OVERVIEW)
    truth = extract_frames(corpus_file(BUDGET), BUDGET)["expenditure_function"].filter(
        pl.col("source_table") == OVERVIEW
    )
    assert sorted(zip(lines["code"], lines["budget_initial"], strict=True)) == sorted(
        zip(truth["code"], truth["budget_initial"], strict=True)
    )
    assert len(truth) == 4


@pytest.mark.parametrize("report", [FINAL, TEMPLATE])
def test_the_corpus_final_accounts_overview_reads_as_its_pdf(report: str, tmp_path: Path) -> None:
    """Each corpus final account's own -layout text: its 财政拨款收入支出决算总表 prints
    ``二、政府性基金预算财政拨`` / ``款`` beside ``二、外交支出`` with no blank line between the rows,
    and the carry-over's fund lines under 年初财政拨款结转和结余 at the income labels' column with
    no spending label beside them. Every body row (labels and figures, both sides) is the PDF's: no
    label joined across the sides (``二、外交支出款``), no income line set on the spending side."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    title = "财政拨款收入支出决算总表"
    pdf = _overview(read_document(corpus_file(report), report), title)
    text = _overview(
        read_document(write_serialization(corpus_file(report), "pdftotext-layout", tmp_path), report), title
    )
    body = text.grid()[2:]  # below the header's two lines (the PDF merges its cells, the text repeats them)
    assert body == pdf.grid()[2:]
    assert body[-4][0] == "一、一般公共预算财政拨款"  # the carry-over's first fund line, on the income side
    assert len(body) > 20


def test_a_national_form_overview_is_measured_by_its_wrapped_pieces(tmp_path: Path) -> None:
    """The final account's overviews printed in the national forms' way (项目 | 行次 | 金额 each side),
    header cells merged, portrait pages. In the fiscal overview as many sides' labels start at the
    same column counted in characters as in display width (``本年收入合计 … 本年支出合计`` set right after
    its figures). The figures then chose display width, and the wrapped labels' last pieces (``政拨款`` …
    ``出``) went to the other side: 一般公共预算财政拨款出收入 was read as a metric. Those pieces, each
    where its side's labels start, choose the measure (``laid_out_rows.column_measure``)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    printed = with_grids(read_document(corpus_file(FINAL), FINAL), national_overviews)
    pdf = typeset(printed, tmp_path / f"{Path(FINAL).stem}.pdf", merged=True, table_page=PORTRAIT)
    text = write_serialization(pdf, "pdftotext-layout", tmp_path)
    per_view = measured(report_facts(FINAL), facts(extract_frames(text, FINAL)))
    tables = [counts for view, counts in per_view.items() if view.endswith("/table")]
    # Read as every merged print of the final account is: all but its 收入决算表's 其他收入 and the
    # 收入支出决算总表's 208 line.
    assert (sum(m for m, _, _ in tables), sum(x for _, _, x in tables)) == (95, 0)
    metrics = extract_frames(text, FINAL)["summary_metrics"]
    assert "一般公共预算财政拨款收入" in metrics["metric"].to_list()
