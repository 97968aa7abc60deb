"""Passages: wrapped lines joined, every character traced back to its source line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.prose.sentences import compact_with_origins, passages
from budget_reports.readers import read_document
from tests.prose_support import HEADER, extract_text, line, metric, metrics


def test_compact_form_folds_width_keeps_wide_brackets_and_maps_offsets() -> None:
    compact, origins = compact_with_origins("占 １００％ （类）")
    assert compact == "占100%（类）"
    assert origins[1] == 2 and origins[-1] == 9


def test_wrapped_paragraph_is_one_passage_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "一、收入支出决算总体情况说明\n本年收入合计2946.25万元，其中：财政拨款\n收入2940.05万元，占99.79%；\n",
        encoding="utf-8",
    )
    found = passages(read_document(path, "r.txt"))
    assert [p.heading for p in found] == [True, False]
    prose = found[1]
    assert prose.text == "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;"
    assert prose.line_at(prose.text.index("2940.05")) == 3
    assert prose.original(0, 6) == "本年收入合计"


def test_figure_wrapped_inside_number_unit_and_marker(tmp_path: Path) -> None:
    text = HEADER + (
        "（三）一般公共预算财政拨款支出决算具体情况\n"
        "1、一般公共服务支出（类）财政事务（款）行政运行\n"
        "（项）。主要用于：基本支出。年初预算为 1560.05 万元，支出决算为1511.\n"
        "89万元。决算数小于预算数的主要原因：人员进出\n及退休变化。\n"
    )
    result = extract_text(tmp_path, text)
    row = line(result, "一般公共服务支出（类）财政事务（款）行政运行（项）")
    assert (row.budget_initial, row.actual) == (Decimal("1560.05"), Decimal("1511.89"))
    assert row.reason == "人员进出及退休变化"
    assert row.evidence.line == 6


def test_evidence_cites_the_line_the_clause_is_printed_on(tmp_path: Path) -> None:
    text = (
        HEADER
        + "三、支出决算情况说明\n"
        + "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出\n"
        + "603.14万元，占20.51%；\n"
    )
    result = extract_text(tmp_path, text)
    project = metric(result, "项目支出")
    assert project.value == Decimal("603.14") and project.share_pct_declared == Decimal("20.51")
    assert project.evidence.line == 6  # where the clause begins, not where its figure wrapped to
    assert project.evidence.snippet.startswith("项目支出")


# A table's rows as extractors write a PDF's ruled table: a label and its figures apart by spaces
# (pdftotext -raw, pypdfium2), or each cell a paragraph of its own (pdftotext's default mode).
_BASIC_DATA_ROWS = (
    "公用经费 141.53万元 42.06万元 129.5万元\n其中：办公经费 10.82万元 3.64万元 9.34万元\n",
    "公用经费\n\n141.53万元\n\n42.06万元\n\n129.5万元\n\n其中：办公经费\n\n10.82万元\n\n3.64万元\n\n9.34万元\n",
    "公用经费　141.53　42.06　129.5\n办公经费 10.82 3.64 9.34\n",
)


@pytest.mark.parametrize("rows", _BASIC_DATA_ROWS)
def test_a_tables_rows_written_as_lines_state_nothing(tmp_path: Path, rows: str) -> None:
    """Which column each figure is only the table's header says: the rows give no prose fact, the
    sentence after them gives its own."""
    sentence = "日常公用经费支出129.5万元，较去年的141.53万元减少12.03万元，减少8.5%。\n"
    result = extract_text(tmp_path, HEADER + "三、部门整体支出情况\n" + rows + sentence)
    found = [m for m in metrics(result) if m.metric == "公用经费"]
    assert [(m.value, m.prior_year_value) for m in found] == [(Decimal("129.5"), Decimal("141.53"))]


def test_a_figure_inside_a_wrapped_sentence_is_still_read(tmp_path: Path) -> None:
    """A line holding a sentence's figure and its words is prose, wherever it was wrapped."""
    text = HEADER + "三、部门整体支出情况\n日常公用经费支出\n129.5万元，较去年的141.53万元减少12.03万元，减少8.5%。\n"
    found = [m for m in metrics(extract_text(tmp_path, text)) if m.metric == "公用经费"]
    assert [m.value for m in found] == [Decimal("129.5")]
