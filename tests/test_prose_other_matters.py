"""机关运行经费, 政府采购, 国有资产 and 预算绩效管理 from prose, absence stated as zero."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import SEED_DIR
from tests.prose_support import extract_file, metric, metric_names, projects


def test_no_vehicles_and_no_equipment_are_zeros_in_001() -> None:
    result = extract_file(SEED_DIR / "001_8af6c6b53bb795b2.txt")
    assert metric(result, "车辆保有量").value == Decimal(0)
    assert metric(result, "单价50万元以上通用设备").value == Decimal(0)
    assert metric(result, "单价100万元以上专用设备").unit == "台（套）"
    procurement = metric(result, "授予中小企业合同金额")
    assert (procurement.value, procurement.share_pct_declared) == (Decimal("2.5"), Decimal(100))


def test_no_procurement_and_counts_of_evaluated_projects_in_004() -> None:
    result = extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt")
    assert metric(result, "政府采购支出总额").value == Decimal(0)
    assert metric(result, "绩效目标项目数").value == Decimal(24)
    assert "绩效自评项目数" not in metric_names(result)  # the report gives no count for it
    scores = {(p.project_name, p.scope): p.score for p in projects(result)}
    assert scores == {
        ("部门整体支出", "部门整体"): Decimal("98.14"),
        ("东西部协作人才交流项目", "项目"): Decimal(100),
        ("干部暖心关爱帮扶基金经费", "项目"): Decimal(94),
    }


def test_operating_costs_decrease_in_004() -> None:
    costs = metric(extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt"), "机关运行经费")
    assert (costs.value, costs.change_value, costs.change_pct_declared) == (
        Decimal("289.99"),
        Decimal("-35.56"),
        Decimal("-10.9"),
    )
