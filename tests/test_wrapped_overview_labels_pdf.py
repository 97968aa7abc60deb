"""The final account's overviews with their labels wrapped at four characters, dashes in their empty
cells, on portrait pages, read from pdfplumber's text: every line of the fiscal overview carries the
label the PDF prints, never a piece of it.

Beside the amounts printed with separators (``2,940.05``) the label cells are narrow, and a label
wrapped at four characters breaks again in its cell: 八、社会保障和就业支出 takes five lines, centred on
its row, its figures on the middle one (``八、社`` / ``会`` / ``- 保障和 326.71 326.71 - -`` / ``就`` /
``业支出``; the dash is the blank income side's cell). Only a label printing its figures on the line
right under it told a text written by baseline, so the fiscal overview was read one row per line:
八、社会 took the dash, and the 类 lines were read as 保障和就业支出 and 房保障支出, no code (two
wrong facts). A label's pieces alone above its figures' line are passed over to it, its figures on
its middle line with pieces of it after them (``readers/baseline_rows.py`` ``_pieces_alone_end``,
``_figures_under``); read by baseline, each piece takes the side whose label it makes. The totals'
row (``本年收 本年支`` / ``入 2,940.05 出 …`` / ``合计 合计``) gave the word 入合计, worded as a total,
which opened a row of its own: a piece reading as a row's label once joined to the one before it is
joined on (``readers/two_sided_labels.py`` ``_label_words``).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import FINAL, dashes, with_grids, wrapped_names
from tests.seed_pdf import PORTRAIT, typeset

FISCAL_OVERVIEW = "财政拨款收入支出决算总表"
LINE = ("fund_type", "code", "name_as_written", "actual")


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The final account, dashes in its empty cells and names wrapped at 4, on portrait pages, as
    pdfplumber writes it."""
    folder = tmp_path_factory.mktemp("cut-labels")
    document = with_grids(read_document(corpus_file(FINAL), FINAL), lambda grid: wrapped_names(dashes(grid), 4))
    pdf = typeset(document, folder / f"{Path(FINAL).stem}.pdf", merged=False, table_page=PORTRAIT)
    return write_serialization(pdf, "pdfplumber", folder)


def _fiscal_overview_lines(path: Path) -> list[tuple]:
    frame = extract_frames(path, FINAL)["expenditure_function"]
    lines = frame.filter(pl.col("source_table") == FISCAL_OVERVIEW).select(LINE)
    return sorted(lines.iter_rows(), key=str)


def _fiscal_metrics(path: Path) -> set[tuple]:
    frame = extract_frames(path, FINAL)["summary_metrics"]
    return set(frame.filter(pl.col("scope") == "财政拨款").select("metric", "value").iter_rows())


def test_the_text_prints_a_label_over_five_lines_its_figures_on_the_middle_one(text: Path) -> None:
    lines = text.read_text(encoding="utf-8").splitlines()
    at = lines.index("八、社")
    assert lines[at + 1 : at + 5] == ["会", "- 保障和 326.71 326.71 - -", "就", "业支出"]


def test_the_fiscal_overviews_lines_carry_the_labels_the_pdf_prints(text: Path) -> None:
    expected = _fiscal_overview_lines(corpus_file(FINAL))
    assert [name for _, _, name, _ in expected] == [
        "一般公共服务支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "住房保障支出",
    ]
    assert _fiscal_overview_lines(text) == expected


def test_the_fiscal_overviews_totals_are_read(text: Path) -> None:
    """本年收入合计 and 本年支出合计, wrapped 本年收 / 入 / 合计 around their figures."""
    read = _fiscal_metrics(text)
    assert {metric for metric, _ in read} >= {"本年收入合计", "本年支出合计"}
    assert read == _fiscal_metrics(corpus_file(FINAL))
