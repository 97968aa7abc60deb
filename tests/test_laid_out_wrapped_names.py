"""Laid-out text (``pdftotext -layout``) of reports whose names wrap in narrow cells.

Both corpus reports (a budget and a final account) are typeset from their document models with
every long name of their tables' bodies broken into lines of 4, 6 or 8 characters, so that names
run over two lines, three or more. pdftotext prints a row's code and figures at the vertical
centre of its cells: a wrapped name's first line above them (for the table's first row, right
under the header), its last below, an overview's numbered label (``一、一般公共`` over ``预算财政拨款``)
starting on another line than the label beside it. Read back, no fact may contradict the report
(a figure in another row or column, a name cut short), and every fact not read is reported: its
figure among the ambiguous cells, or its table reported not read.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import canonical, extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.seed_pdf import typeset
from tests.serialization_facts import VIEWS, _by_key, _figure, facts, guessed_figures, measured
from tests.test_printed_variants_pdf import BUDGET, BUDGET_FACTS, FINAL, _with_grids, _wrapped_names

FINAL_FACTS = 97  # the final account's table facts (as its corpus file gives them)
# report -> its table facts, each read from the layout whatever the width its names wrap at.
FACTS = {BUDGET: BUDGET_FACTS, FINAL: FINAL_FACTS}
WIDTHS = (4, 6, 8)
CASES = [(report, width) for report in FACTS for width in WIDTHS]


@pytest.fixture(scope="module", params=CASES, ids=lambda case: f"{case[0][:30]}-wrapped-{case[1]}")
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, Path]:
    """A corpus report typeset with its names wrapped, written by ``pdftotext -layout``."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    report, width = request.param
    folder = tmp_path_factory.mktemp(f"wrapped-{width}")
    document = _with_grids(read_document(corpus_file(report), report), partial(_wrapped_names, width=width))
    pdf = typeset(document, folder / f"{Path(report).stem}.pdf", merged=False)
    return report, width, write_serialization(pdf, "pdftotext-layout", folder)


def _not_read_unreported(truth: dict[str, pl.DataFrame], got: dict[str, pl.DataFrame]) -> list[str]:
    """The report's table lines the text gives no fact of, none of whose figures is reported
    ambiguous (as printed: yuan or 万元) and whose table is not reported as not read."""
    findings = got["dq_findings"]
    reported = {_figure(v) for v in findings.filter(pl.col("rule_id") == "extraction.ambiguous_cell")["actual"] if v}
    not_read = " ".join(v for v in findings.filter(pl.col("rule_id") != "extraction.ambiguous_cell")["message"] if v)
    out = []
    for view in VIEWS:
        read = _by_key(got[view], view)
        for key, row in _by_key(truth[view], view).items():
            values = [v for c, v in row.items() if c in _VALUES and v]
            if key in read or not values:
                continue
            shown = any(v in reported or canonical(Decimal(v) * 10_000) in reported for v in values)
            table = row.get("source_table") or ""
            if not shown and not (table and table in not_read):
                out.append(f"{view} {key} {values}")
    return out


_VALUES = {"value", "budget_value", "amount", "actual", "basic", "project", "budget_initial", "budget_adjusted"}


def test_wrapped_names_read_from_the_layout(case: tuple[str, int, Path]) -> None:
    report, _, text = case
    truth, got = extract_frames(corpus_file(report), report), extract_frames(text, report)
    expected, read = facts(truth), facts(got)
    extra = {view: n for view, (_, _, n) in measured(expected, read).items() if n and view.endswith("/table")}
    assert extra == {}, "facts the report does not give"
    contradictions, unreported_nulls = guessed_figures(truth, got)
    assert contradictions == []
    assert unreported_nulls == []
    assert _not_read_unreported(truth, got) == []
    matched = sum(m for view, (m, _, _) in measured(expected, read).items() if view.endswith("/table"))
    assert matched == FACTS[report]
