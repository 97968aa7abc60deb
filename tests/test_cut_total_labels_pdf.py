"""A total's label cut by a narrow cell before its 合计, in text written one cell or one baseline per line.

The final account's 基本支出 table ends with 人员经费合计 and 公用经费合计. Typeset with names wrapped
at 4 characters, ``pdftotext -raw`` writes them ``人员经费`` / ``合计`` / ``2,152.26`` / ``公用经费`` /
``合计`` / ``184.65``, right after the last row's wrapped name (``310 99`` / ``其他资本`` / ``性支出``).
``人员经费`` was read as the end of 31099's name (其他资本性支出人员经费), each 合计 as a row of its own,
and neither total as 人员经费 or 公用经费: two metrics lost without a word. A bare 合计 now ends the
label printed over the lines before it, where what stands before that label is the open row's name
as the classification names its code; a template's ``…`` rows are no label's piece.

pypdfium2 and pdf.js write a baseline to a line: the 合计 (or, wrapped at 5, the 计 of ``人员经费合``)
opens the line of the row's figures, the other half's label after them (``合计 2,152.26 公用经费`` /
``合计 184.65``). The piece ending a label may open the line of its figures, and the second half's
label ends after the first half's figures (``linear_rows._label_ending``): both totals are read, the
last row's name whole (before, 人员经费 was lost at 4 from both, at 5 from pdf.js).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import FINAL, dashes, with_grids, wrapped_names
from tests.seed_pdf import typeset

# (serializer, width): the lines from the last row's name on, as each writes them.
FORMS = {
    ("pdftotext-raw", 4): ["性支出", "人员经费", "合计", "2,152.26", "公用经费", "合计", "184.65"],
    ("pypdfium2", 4): ["性支出", "人员经费", "合计 2,152.26 公用经费", "合计 184.65"],
    ("pdfjs", 4): ["性支出", "人员经费", "合计 2,152.26 公用经费", "合计 184.65"],
    ("pypdfium2", 5): ["支出", "人员经费合 计", "2,152.26 公用经费合 计", "184.65"],
    ("pdfjs", 5): ["支出", "人员经费合", "计 2,152.26 公用经费合", "计 184.65"],
}


@pytest.fixture(scope="module")
def cut_text(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int], Path]:
    """The final account, names wrapped at ``width`` and dashes in empty cells, as ``serializer`` writes it."""
    pdfs: dict[int, Path] = {}

    def text(serializer: str, width: int) -> Path:
        if (missing := missing_program(serializer)) is not None:
            pytest.skip(missing)
        if width not in pdfs:
            folder = tmp_path_factory.mktemp(f"cut-totals-{width}")
            printed = with_grids(
                read_document(corpus_file(FINAL), FINAL), lambda grid: dashes(partial(wrapped_names, width=width)(grid))
            )
            pdfs[width] = typeset(printed, folder / f"{Path(FINAL).stem}.pdf", merged=False)
        return write_serialization(pdfs[width], serializer, tmp_path_factory.mktemp(f"{serializer}-{width}"))

    return text


@pytest.mark.parametrize(("serializer", "width"), sorted(FORMS))
def test_the_premise_the_labels_are_cut_before_their_total(
    cut_text: Callable[[str, int], Path], serializer: str, width: int
) -> None:
    lines = [line.strip() for line in cut_text(serializer, width).read_text(encoding="utf-8").splitlines()]
    form = FORMS[serializer, width]
    at = lines.index(form[1])
    assert lines[at - 1 : at - 1 + len(form)] == form


@pytest.mark.parametrize(("serializer", "width"), sorted(FORMS))
def test_the_totals_are_read_and_the_last_row_keeps_its_name(
    cut_text: Callable[[str, int], Path], serializer: str, width: int
) -> None:
    text = cut_text(serializer, width)
    metrics = extract_frames(text, FINAL)["summary_metrics"].filter(pl.col("source_kind") == "table")
    values = dict(zip(metrics["metric"], metrics["value"], strict=True))
    assert values["人员经费"] == Decimal("2152.26")
    assert values["公用经费"] == Decimal("184.65")
    rows = [row for block in read_document(text, FINAL).blocks if block.table for row in block.table.grid()]
    assert ["31099", "其他资本性支出"] in [[row[3], row[4]] for row in rows if len(row) == 6]
    assert not any("其他资本性支出人员经费" in cell for row in rows for cell in row)
