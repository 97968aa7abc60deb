"""A budget's declared performance targets (绩效目标申报表 / 项目支出绩效目标表) read from text.

The corpus form is pinned by the gold (tests/gold/corpus/…-budget/tables_performance_*.csv); these
tests write the form in other ways real reports print it: amounts in 万元, a 指标性质 / 度量单位
column, the 一级 label printed once for its group or not at all, a 二级 name wrapped around its
row, the pre-2021 framework (成本指标 under 产出指标), prose after the form.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.performance.declared_targets import LEVEL2_OF, is_title
from budget_reports.facts import ExtractedReport
from tests.budget_documents import BudgetReport, BudgetTable, write_docx
from tests.prose_support import extract_file, extract_text

_REPORT = "某区2026年部门预算\n本部门2026年收入预算500.00万元。\n"
_FORM_HEAD = [
    "项目名称 城管执法装备更新 项目性质 经常性项目",
    "项目资金总额 120.00 年度资金申请总额 40.00",
    "其中：当年财政拨款 40.00",
    "上年结转资金 0.00",
    "单位：万元",
]


def _read(tmp_path: Path, title: str, indicator_lines: list[str], after: str = "") -> ExtractedReport:
    text = "\n".join([_REPORT, title, "（2026年度）", *_FORM_HEAD, *indicator_lines, after]) + "\n"
    return extract_text(tmp_path, text, "budget.txt")


def _levels(result: ExtractedReport) -> list[tuple]:
    return [(i.level1, i.level2, i.level3, i.target_text) for i in result.performance_indicators]


@pytest.mark.parametrize("title", ["财政项目支出绩效目标申报表", "项目支出绩效目标表", "2026年项目支出绩效目标申报表"])
def test_the_project_its_money_and_its_targets_are_read_as_a_budget(tmp_path: Path, title: str) -> None:
    lines = [
        "一级指标 二级指标 三级指标 年度指标值",
        "数量指标 更新执法车辆 =5(辆)",
        "产出指标 质量指标 车辆验收合格率 ≥98%",
        "效益指标 社会效益指标 执法响应时间 缩短",
    ]
    result = _read(tmp_path, title, lines)
    assert result.report.report_kind == "部门预算"
    table_projects = [p for p in result.performance_projects if p.source_table]
    assert [(p.project_name, p.budget_initial, p.executed, p.score) for p in table_projects] == [
        ("城管执法装备更新", Decimal("40.00"), None, None)
    ]
    assert {f.fund_source: f.budget_initial for f in result.performance_funds} == {
        "年度资金总额": Decimal("40.00"),
        "财政拨款": Decimal("40.00"),
        "上年结转": Decimal("0.00"),
    }
    assert _levels(result) == [
        ("产出指标", "数量指标", "更新执法车辆", "=5(辆)"),
        ("产出指标", "质量指标", "车辆验收合格率", "≥98%"),
        ("效益指标", "社会效益指标", "执法响应时间", "缩短"),
    ]
    first, second, third = result.performance_indicators
    assert (first.comparator, first.target_value, first.value_unit) == ("=", Decimal(5), "辆")
    assert (second.comparator, second.target_value, second.value_unit) == ("≥", Decimal(98), "%")
    assert third.target_value is None and all(i.actual_text is None for i in result.performance_indicators)


def test_amounts_in_yuan_are_stored_in_wanyuan(tmp_path: Path) -> None:
    text = "\n".join(
        [
            _REPORT,
            "财政项目支出绩效目标申报表",
            "项目名称 拆违经费 项目性质 经常性项目",
            "项目资金总额 10,308,000.00 年度资金申请总额 3,498,000.00",
            "（元）",
            "一级指标 二级指标 三级指标 年度(/项目)指标值",
            "数量指标 完成年度拆违计划 =100.00(%)",
        ]
    )
    result = extract_text(tmp_path, text + "\n", "budget.txt")
    project = next(p for p in result.performance_projects if p.source_table)
    assert project.budget_initial == Decimal("349.8")
    (indicator,) = result.performance_indicators
    assert (indicator.target_value, indicator.value_unit, indicator.comparator) == (Decimal("100.00"), "%", "=")


def test_comparator_value_and_unit_in_columns_of_their_own(tmp_path: Path) -> None:
    lines = [
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位",
        "产出指标 数量指标 更新执法车辆 ＝ 5 辆",
        "时效指标 完成时间 ≤ 12 月",
    ]
    result = _read(tmp_path, "项目支出绩效目标表", lines)
    assert [
        (i.level1, i.level2, i.level3, i.comparator, i.target_value, i.value_unit)
        for i in result.performance_indicators
    ] == [
        ("产出指标", "数量指标", "更新执法车辆", "=", Decimal(5), "辆"),
        ("产出指标", "时效指标", "完成时间", "≤", Decimal(12), "月"),
    ]


def test_wrapped_and_merged_level_labels(tmp_path: Path) -> None:
    """The corpus layout: the merged 绩效指标 label on lines of its own, 一级 printed on the middle
    line of its group, a 二级 name wrapped above and below its row."""
    lines = [
        "一级指标 二级指标 三级指标 年度(/项目)指标值",
        "成本指标 经济成本指标 成本控制合理性 合理",
        "数量指标 完成年度拆违计划 =100.00(%)",
        "产出指标 质量指标 违法建筑销项正确率 =100.00(%)",
        "绩效",
        "指标",
        "可持续影响指标 新增违建发生数 降低",
        "服务对象满意度",
        "满意度指标 群众满意度 ≥90.00(%)",
        "指标",
    ]
    result = _read(tmp_path, "财政项目支出绩效目标申报表", lines)
    assert _levels(result) == [
        ("成本指标", "经济成本指标", "成本控制合理性", "合理"),
        ("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "=100.00(%)"),
        ("效益指标", "可持续影响指标", "新增违建发生数", "降低"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"),
    ]
    # Evidence is the line as printed, not the levels the framework supplied.
    assert result.performance_indicators[1].evidence.snippet == "数量指标 完成年度拆违计划 =100.00(%)"


def test_pre_2021_framework_keeps_cost_under_output(tmp_path: Path) -> None:
    lines = ["一级指标 二级指标 三级指标 指标值", "成本指标 车辆购置成本 ≤40万元"]
    result = _read(tmp_path, "项目支出绩效目标表", lines)
    assert _levels(result) == [("产出指标", "成本指标", "车辆购置成本", "≤40万元")]
    assert LEVEL2_OF["成本指标"] == "产出指标"


def test_prose_after_the_form_is_not_an_indicator(tmp_path: Path) -> None:
    lines = ["一级指标 二级指标 三级指标 年度指标值", "数量指标 更新执法车辆 =5(辆)"]
    after = "六、其他说明 本部门将加强预算绩效管理，确保各项目标按期完成，提高资金使用效益。"
    result = _read(tmp_path, "项目支出绩效目标表", lines, after)
    assert len(result.performance_indicators) == 1


def test_a_form_without_a_project_name_gives_nothing(tmp_path: Path) -> None:
    text = "\n".join([_REPORT, "项目支出绩效目标表", "一级指标 二级指标 三级指标 年度指标值", "数量指标 更新 =5(辆)"])
    result = extract_text(tmp_path, text + "\n", "budget.txt")
    assert result.performance_indicators == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("财政项目支出绩效目标申报表", True),
        ("项目支出绩效目标表（2026年度）", True),
        ("七、绩效目标", False),
        ("项目支出绩效自评表", False),
        ("按照要求编报了绩效目标申报表，涉及项目14个，资金1099.22万元，详见绩效目标表", False),
    ],
)
def test_form_titles(text: str, title: bool) -> None:
    assert is_title(text) is title


def test_the_form_as_a_word_table_gives_the_same_targets(tmp_path: Path) -> None:
    form = BudgetTable(
        "财政项目支出绩效目标申报表",
        "（2026年度）",
        [
            ["项目名称", "拆违经费", "项目性质", "经常性项目"],
            ["项目资金（元）", "项目资金总额", "10,308,000.00", ""],
            ["", "年度资金申请总额", "3,498,000.00", ""],
            ["", "其中：当年财政拨款", "3,498,000.00", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"],
            ["", "质量指标", "违法建筑销项正确率", "=100.00(%)"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"],
        ],
    )
    report = BudgetReport(["上海市普陀区2026年区级部门预算"], ["本部门2026年收入预算4748.35万元。"], [form])
    result = extract_file(write_docx(tmp_path / "budget.docx", report))
    assert result.report.report_kind == "部门预算"
    (project,) = [p for p in result.performance_projects if p.source_table]
    assert (project.project_name, project.budget_initial) == ("拆违经费", Decimal("349.8"))
    assert {f.fund_source: f.budget_initial for f in result.performance_funds} == {
        "年度资金总额": Decimal("349.8"),
        "财政拨款": Decimal("349.8"),
    }
    assert _levels(result) == [
        ("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "=100.00(%)"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"),
    ]
