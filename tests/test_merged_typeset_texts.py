"""Both corpus reports typeset as most reports are printed (header cells merged over the columns
they name, ``tests/seed_pdf.py`` ``typeset(merged=True)``), their PDF written as text by each
extractor and read back: no table fact the report does not give, every NULL value reported as an
ambiguous cell, and the count each text gives pinned exactly.

The other tests of printed variants typeset their grids cell by cell (``merged=False``): a merged
header sets its words elsewhere over the columns it names, so the texts of the merged print are a
case of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.seed_pdf import LANDSCAPE, typeset
from tests.serialization_facts import differences, facts, guessed_figures, measured

BUDGET = "shanghai-putuo-urban-management-2026-budget.txt"
FINAL = "shanghai-putuo-finance-bureau-2024-final.pdf"

# Table facts each text gives (budget: of 100, final account: of 97); what is not read is reported
# (asserted below). Plain pdftotext writes ruled tables cell by cell (as in the unmerged print): the
# budget's 三公 table's four item figures are placed by what its prose states (96 while they were
# reported; 93 while its 基本支出 table's 30209, 30211 and 30213 were too). The final account's 三公
# table, read from its stream of stage labels, is placed by its prose as read (80 while narrowing it
# read its lines again another way, reporting it not read).
# The final account's -layout text and pdfplumber's leave its 其他收入 income line and the 支出决算表's
# 208 line unread; pdfplumber's also 30239's amount (its line ``99 其他对个人和家庭的补助 302 39 …``
# printed without its class 303, written on the next line), and pdfplumber's and pypdfium2's the 三公
# table's 公务接待费 budget. The final account's plain pdftotext text reads its two overviews as the
# unmerged print's does (tests/test_cell_stream_final_pdf.py): the 财政拨款收入支出决算总表 whole, its
# fund columns empty as those funds' tables say, and the 收入支出决算总表's income figures on the
# rows of the spending labels written on their lines (65 before: the first reported not read, 6.20
# reported).
READ = {
    (BUDGET, "pdftotext"): 100,
    (BUDGET, "pdftotext-layout"): 100,
    (BUDGET, "pdftotext-raw"): 100,
    (BUDGET, "pypdfium2"): 100,
    (BUDGET, "pdfplumber"): 100,
    (FINAL, "pdftotext"): 82,
    (FINAL, "pdftotext-layout"): 95,
    (FINAL, "pdftotext-raw"): 96,
    (FINAL, "pypdfium2"): 96,
    (FINAL, "pdfplumber"): 93,
}
# Known wrong facts, a strict xfail each (none now: the budget's -layout text, which sets the
# 财政拨款收支预算总表's 一般公共预算 figures right of every header word, is placed by its sums and
# the report's other tables).
WRONG: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def merged_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each report typeset once for the module, its header cells merged, on landscape pages."""
    folder = tmp_path_factory.mktemp("merged")
    return {
        report: typeset(
            read_document(corpus_file(report), report),
            folder / f"{Path(report).stem}.pdf",
            merged=True,
            table_page=LANDSCAPE,
        )
        for report in (BUDGET, FINAL)
    }


@pytest.mark.parametrize(
    ("report", "serializer"),
    [
        pytest.param(
            report,
            serializer,
            marks=[pytest.mark.xfail(reason=WRONG[report, serializer], strict=True)]
            if (report, serializer) in WRONG
            else [],
            id=f"{report.split('-')[2]}-{serializer}",
        )
        for report, serializer in READ
    ],
)
def test_the_text_of_a_merged_print_gives_no_wrong_fact(
    merged_pdfs: dict[str, Path], tmp_path: Path, report: str, serializer: str
) -> None:
    truth_frames = extract_frames(corpus_file(report), report)
    text = write_serialization(merged_pdfs[report], serializer, tmp_path)
    got_frames = extract_frames(text, report)
    truth, got = facts(truth_frames), facts(got_frames)
    tables = {view: counts for view, counts in measured(truth, got).items() if view.endswith("/table")}
    wrong = {view: extra for view, (_, _, extra) in tables.items() if extra}
    assert wrong == {}, "\n".join(differences(truth[view], got[view], "the report", "the text") for view in wrong)
    contradictions, unreported = guessed_figures(truth_frames, got_frames)
    assert contradictions == []
    assert unreported == []
    assert sum(matched for matched, _, _ in tables.values()) == READ[report, serializer]
