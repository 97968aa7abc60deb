"""Budget against outcome: the budget report's lines beside the same lines of the final accounts.

The final accounts are the corpus PDF (上海市普陀区财政局 2024 年度部门决算); the budget is a 2024
budget report for the same bureau written by the test (tests/budget_documents.py), whose 项 are at
the 年初预算 the final accounts quote, except 2010607 信息化建设.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budget_reports.department_key import department_key
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.summary import build_summary
from tests.budget_documents import PUTUO_FINANCE_2024, PUTUO_URBAN_2026, write_docx, write_xlsx
from tests.conftest import corpus_file

FINAL = "shanghai-putuo-finance-bureau-2024-final.pdf"
SH = ("上海市", "上海市", "普陀区")


@pytest.mark.parametrize(
    ("first", "second", "place"),
    [
        # The corpus budget report: its title and its own text print the bureau two ways.
        ("上海市普陀区城市管理行政执法局", "普陀区城市管理行政执法局", SH),
        ("上海市普陀区 财政局", "普陀区财政局", SH),
        ("中国共产党泸州市委员会组织部", "中共泸州市委组织部", ("四川省", "泸州市", None)),
        ("“利州区”城市管理综合行政执法局", "广元市利州区城市管理综合行政执法局", ("四川省", "广元市", "利州区")),
    ],
)
def test_one_department_printed_two_ways_has_one_key(first: str, second: str, place: tuple) -> None:
    assert department_key(first, *place) == department_key(second, *place)


def test_departments_of_other_places_or_names_keep_apart() -> None:
    assert department_key("普陀区财政局", *SH) != department_key("静安区财政局", "上海市", "上海市", "静安区")
    assert department_key("普陀区财政局", *SH) != department_key("普陀区审计局", *SH)
    assert department_key("区委", *SH).endswith("|区委")  # a place plus a one-character organ is kept whole
    assert department_key(None, *SH) is None


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("budget-outcome")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(corpus_file(FINAL), raw / FINAL)
    write_docx(raw / "putuo-finance-2024-budget.docx", PUTUO_FINANCE_2024)
    write_xlsx(raw / "putuo-urban-2026-budget.xlsx", PUTUO_URBAN_2026)  # no final accounts for it
    paths = Paths(raw, base / "warehouse")
    stage_reports(paths)
    return build(paths).duckdb_path


def _rows(db: Path, where: str = "TRUE") -> dict[tuple[str, str], tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT fund_type, code, budget_amount, final_budget_initial, final_actual, budget_gap, outcome_gap,"
            f" agreement, department FROM budget_outcome WHERE {where}"
        ).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def test_each_budget_line_meets_its_final_accounts_line(warehouse: Path) -> None:
    rows = _rows(warehouse, "fund_type = '一般公共预算财政拨款'")
    # 行政运行: budgeted 15,600,500 元; the final accounts quote 年初预算 1560.05 and spent 1511.89.
    assert rows[("一般公共预算财政拨款", "2010601")][:6] == (
        Decimal("1560.05"),
        Decimal("1560.05"),
        Decimal("1511.89"),
        Decimal("0"),
        Decimal("-48.16"),
        "一致",
    )
    # 信息化建设: the budget says 140.00, the final accounts' 年初预算 135.90: they disagree.
    assert rows[("一般公共预算财政拨款", "2010607")][3:6] == (Decimal("-4.1"), Decimal("-4.75"), "不一致")
    # The 类 and 款 have no 年初预算 in these final accounts: said so, not guessed.
    assert rows[("一般公共预算财政拨款", "201")][1] is None
    assert rows[("一般公共预算财政拨款", "201")][5] == "决算未列年初预算"
    # The fund's own table (326.72) gives the 决算数, not the overview that lists the 类 only (326.71).
    assert rows[("一般公共预算财政拨款", "208")][2] == Decimal("326.72")
    agreements = [r[5] for (fund, code), r in rows.items() if len(code) == 7]
    assert agreements.count("一致") == 10 and agreements.count("不一致") == 1
    assert {r[6] for r in rows.values()} == {"上海市普陀区财政局"}


def test_lines_on_one_side_only_are_kept_and_unpaired_reports_give_nothing(warehouse: Path) -> None:
    rows = _rows(warehouse)
    # The final accounts' all-funds lines have no budget counterpart in this budget report.
    assert rows[("全部资金", "2010601")][0] is None and rows[("全部资金", "2010601")][5] == "仅决算"
    # The 2026 urban-management budget has no final accounts: no row of it.
    assert not any(r[6] and "城市管理" in r[6] for r in rows.values())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stages = dict(con.execute("SELECT source_file, stage FROM reports").fetchall())
    assert stages == {
        FINAL: "决算",
        "putuo-finance-2024-budget.docx": "预算",
        "putuo-urban-2026-budget.xlsx": "预算",
    }


def test_the_run_summary_lists_budget_and_final_reports_side_by_side(warehouse: Path) -> None:
    summary = build_summary(warehouse)
    assert (
        "上海市普陀区财政局 2024: 预算 putuo-finance-2024-budget.docx | 决算 "
        f"{FINAL} | budget_outcome: 1 line(s) where the 年初预算 differs from the budget"
    ) in summary
    assert "普陀区城市管理行政执法局 2026: 预算 putuo-urban-2026-budget.xlsx | 决算 —" in summary
    assert "budget_outcome" in summary.split("Rows per view:")[1]
    assert "Reports by stage: 预算 2, 决算 1" in summary
