"""A total's label cut by a narrow cell before its 合计, in text written one cell per line.

The final account's 基本支出 table ends with 人员经费合计 and 公用经费合计. Typeset with names wrapped
at 4 characters, ``pdftotext -raw`` writes them ``人员经费`` / ``合计`` / ``2,152.26`` / ``公用经费`` /
``合计`` / ``184.65``, right after the last row's wrapped name (``310 99`` / ``其他资本`` / ``性支出``).
``人员经费`` was read as the end of 31099's name (其他资本性支出人员经费), each 合计 as a row of its own,
and neither total as 人员经费 or 公用经费: two metrics lost without a word. A bare 合计 now ends the
label printed over the lines before it, where what stands before that label is the open row's name
as the classification names its code; a template's ``…`` rows are no label's piece.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import FINAL, dashes, with_grids, wrapped_names
from tests.seed_pdf import typeset


@pytest.fixture(scope="module")
def raw_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The final account, names wrapped at 4 and dashes in empty cells, as ``pdftotext -raw`` writes it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    folder = tmp_path_factory.mktemp("cut-totals")
    printed = with_grids(
        read_document(corpus_file(FINAL), FINAL), lambda grid: dashes(partial(wrapped_names, width=4)(grid))
    )
    pdf = typeset(printed, folder / f"{Path(FINAL).stem}.pdf", merged=False)
    return write_serialization(pdf, "pdftotext-raw", folder)


def test_the_premise_the_labels_are_cut_before_their_total(raw_text: Path) -> None:
    lines = [line.strip() for line in raw_text.read_text(encoding="utf-8").splitlines()]
    at = lines.index("人员经费")
    assert lines[at - 1 : at + 6] == ["性支出", "人员经费", "合计", "2,152.26", "公用经费", "合计", "184.65"]


def test_the_totals_are_read_and_the_last_row_keeps_its_name(raw_text: Path) -> None:
    metrics = extract_frames(raw_text, FINAL)["summary_metrics"].filter(pl.col("source_kind") == "table")
    values = dict(zip(metrics["metric"], metrics["value"], strict=True))
    assert values["人员经费"] == Decimal("2152.26")
    assert values["公用经费"] == Decimal("184.65")
    rows = [row for block in read_document(raw_text, FINAL).blocks if block.table for row in block.table.grid()]
    assert ["31099", "其他资本性支出"] in [[row[3], row[4]] for row in rows if len(row) == 6]
    assert not any("其他资本性支出人员经费" in cell for row in rows for cell in row)
