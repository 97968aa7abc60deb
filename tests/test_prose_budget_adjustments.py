"""The year's budget and its adjustments (年初预算 + 预算调整 = 全年预算), as 004's self-evaluation states them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.conftest import SEED_DIR
from tests.prose_support import HEADER, extract_file, extract_text, metric, metric_names

BUDGET_METRICS = {
    "年初预算收入", "预算调整收入", "全年预算收入",
    "年初预算支出", "预算调整支出", "全年预算支出", "存量资金安排支出", "预算支出总计",
}  # fmt: skip


def test_budget_adjustments_of_004() -> None:
    result = extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt")
    # Line 133: 年初预算收入为664.57万元，预算调整收入247.69万元，全年预算收入为912.26万元，全年预算收入与上年
    # 相比增加158.24万元; line 135: 年初预算支出为664.57万元，预算调整支出247.69万元，全年预算支出为770.35万元，
    # 存量资金安排支出83.85万元，支出总计854.2万元。全年支出与上年相比增加19.78万元.
    stated = {
        name: (metric(result, name).value, metric(result, name).change_value, metric(result, name).evidence.line)
        for name in BUDGET_METRICS
    }
    assert stated == {
        "年初预算收入": (Decimal("664.57"), None, 133),
        "预算调整收入": (Decimal("247.69"), None, 133),
        "全年预算收入": (Decimal("912.26"), Decimal("158.24"), 133),
        "年初预算支出": (Decimal("664.57"), None, 135),
        "预算调整支出": (Decimal("247.69"), None, 135),
        # 全年支出与上年相比增加19.78万元 names neither 全年预算支出 nor 支出总计: no change is assigned.
        "全年预算支出": (Decimal("770.35"), None, 135),
        "存量资金安排支出": (Decimal("83.85"), None, 135),
        "预算支出总计": (Decimal("854.2"), None, 135),
    }
    assert "全年预算支出为770.35万元" in metric(result, "全年预算支出").evidence.snippet
    assert "支出总计" not in metric_names(result)  # the final accounts' grand total is another figure


def test_a_budget_compared_with_last_years_budget_is_not_an_adjustment(tmp_path: Path) -> None:
    # 003 line 24 writes 年初预算支出是416.39万元，比2020年324.96万元增加91.43万元 with no adjustment.
    result = extract_text(
        tmp_path, HEADER + "2022年，本部门年初预算支出是416.39万元，比2021年324.96万元增加91.43万元。\n"
    )
    assert not BUDGET_METRICS & metric_names(result)
    assert not BUDGET_METRICS & metric_names(extract_file(SEED_DIR / "003_397564467219909d.txt"))


def test_other_seeds_state_no_budget_adjustment() -> None:
    for seed in ("000_1ca1b4d95d915062.txt", "001_8af6c6b53bb795b2.txt", "002_f4d5f3929f6a2ae3.txt"):
        assert not BUDGET_METRICS & metric_names(extract_file(SEED_DIR / seed)), seed
