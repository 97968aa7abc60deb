"""`consistency.prose_budget` and `consistency.prose_completion` on seeds given a table of budget columns.

Each seed is given the 一般公共预算财政拨款支出决算表 its prose describes, in the layouts real tables use
(``benchmarks/budget_columns.py``: 年初预算数 / 决算数; 年初预算 / 调整预算 / 决算; 全年预算数 / 支出决算数).
The unchanged reports agree with their tables; a table cell or a prose figure changed beyond the
prose's precision is an error naming both places.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.budget_columns import LAYOUTS, TITLE, ColumnLayout, with_budget_columns
from budget_reports.facts import ExtractedReport, Finding, Severity
from tests.conftest import SEED_DIR
from tests.seed_variants import run_text

S002 = SEED_DIR / "002_f4d5f3929f6a2ae3.txt"
S004 = SEED_DIR / "004_127aded49d8bfbe3.txt"
LAYOUT = {layout.name: layout for layout in LAYOUTS}
RULES = ("consistency.prose_budget", "consistency.prose_completion")


def _report(tmp_path: Path, seed: Path, layout: ColumnLayout) -> Path:
    path = with_budget_columns(seed, layout, tmp_path / "made")
    assert path is not None
    return path


def _set_cell(text: str, code: str, header: str, new: str) -> str:
    """The report with the table's cell of ``code`` under ``header`` printing ``new``."""
    prose, table = text.rsplit(TITLE + "\n", 1)  # the table given is the last one
    rows = table.split("\n\n")
    columns = [cell.removeprefix("\t") for cell in rows[0].split("\n")[1:]]  # after the unit line
    column = columns.index(header)
    for i, row in enumerate(rows):
        cells = row.split("\n")
        if cells[0] == f"\t{code}":
            cells[column] = f"\t{new}"
            rows[i] = "\n".join(cells)
            return prose + TITLE + "\n" + "\n\n".join(rows)
    raise AssertionError(f"no row {code}")


def _run(tmp_path: Path, path: Path, text: str) -> ExtractedReport:
    return run_text(tmp_path, path.name, text)


def _found(result: ExtractedReport) -> list[Finding]:
    return [f for f in result.findings if f.rule_id in RULES]


@pytest.mark.parametrize("layout", sorted(LAYOUT))
@pytest.mark.parametrize("seed", [S002, S004])
def test_a_report_agreeing_with_its_budget_columns_has_no_finding(tmp_path: Path, seed: Path, layout: str) -> None:
    path = _report(tmp_path, seed, LAYOUT[layout])
    result = _run(tmp_path, path, path.read_text(encoding="utf-8"))
    table = [ln for ln in result.expenditure_function if ln.source_table == TITLE]
    items = [ln for ln in table if len(ln.code or "") == 7]
    assert len(items) >= 11
    # 004 states 全年预算 only: the national layout's 年初预算数 stays blank (never invented).
    blank = seed == S004 and layout == "national"
    assert all(
        (ln.budget_initial or ln.budget_final) is None if blank else ln.budget_initial or ln.budget_final
        for ln in items
    )
    assert _found(result) == []


def test_a_table_budget_the_prose_contradicts_is_an_error_naming_both_places(tmp_path: Path) -> None:
    # 004 line 44: 行政运行（项）:全年预算为520.89万元，支出决算为520.89万元，完成全年预算的100%.
    path = _report(tmp_path, S004, LAYOUT["adjusted"])
    text = _set_cell(path.read_text(encoding="utf-8"), "2013201", "调整预算", "530.89")
    (finding,) = _found(_run(tmp_path, path, text))
    assert (finding.rule_id, finding.severity, finding.subject) == (
        "consistency.prose_budget",
        Severity.ERROR,
        "2013201",
    )
    assert (finding.evidence.line, finding.expected, finding.actual) == (44, "530.89", "520.89")
    assert "全年预算数在文字说明（第44行）中为520.89万元" in finding.message
    assert f"在{TITLE}（第" in finding.message and "中为530.89万元" in finding.message


def test_the_prose_budget_changed_is_an_error_too(tmp_path: Path) -> None:
    path = _report(tmp_path, S004, LAYOUT["full-year"])
    text = path.read_text(encoding="utf-8").replace("全年预算为102.88万元", "全年预算为112.88万元", 1)
    found = _found(_run(tmp_path, path, text))
    assert [(f.rule_id, f.subject, f.evidence.line, f.expected, f.actual) for f in found] == [
        ("consistency.prose_budget", "2013202", 45, "102.88", "112.88")
    ]


def test_a_figure_the_prose_rounds_is_compared_at_the_proses_precision(tmp_path: Path) -> None:
    # 004 line 53: 全年预算为35万元 (whole 万元): a table printing 35.4 agrees, 35.6 does not.
    path = _report(tmp_path, S004, LAYOUT["full-year"])
    clean = path.read_text(encoding="utf-8")
    assert _found(_run(tmp_path, path, _set_cell(clean, "2130599", "全年预算数", "35.4"))) == []
    (finding,) = _found(_run(tmp_path, path, _set_cell(clean, "2130599", "全年预算数", "35.6")))
    assert (finding.subject, finding.expected, finding.actual) == ("2130599", "35.6", "35")


def test_a_completion_rate_stated_without_its_budget_is_checked_against_the_table(tmp_path: Path) -> None:
    # 002 line 48: 行政运行（项）:支出决算为1235.63万元，完成预算93.5% — no budget in the prose.
    path = _report(tmp_path, S002, LAYOUT["national"])
    clean = path.read_text(encoding="utf-8")
    result = _run(tmp_path, path, clean.replace("完成预算93.5%", "完成预算83.5%", 1))
    (finding,) = _found(result)
    assert (finding.rule_id, finding.severity, finding.evidence.line) == (
        "consistency.prose_completion",
        Severity.ERROR,
        48,
    )
    assert (finding.expected, finding.actual) == ("93.50", "83.5")
    assert f"按{TITLE}（第" in finding.message
    # The prose states no budget, so completion.pct cannot see it: only the table can.
    assert not [f for f in result.findings if f.rule_id == "completion.pct" and f.evidence.line == 48]


def test_a_rate_printed_without_decimals_allows_its_rounding(tmp_path: Path) -> None:
    # 002 line 54: 行政单位离退休 262.12万元, 完成预算100%: a table budget of 263.12 gives 99.62%, which
    # rounds to 100; 272.12 gives 96.33%.
    path = _report(tmp_path, S002, LAYOUT["national"])
    clean = path.read_text(encoding="utf-8")
    assert _found(_run(tmp_path, path, _set_cell(clean, "2080501", "年初预算数", "263.12"))) == []
    (finding,) = _found(_run(tmp_path, path, _set_cell(clean, "2080501", "年初预算数", "272.12")))
    assert (finding.rule_id, finding.subject, finding.expected) == ("consistency.prose_completion", "2080501", "96.33")
