"""Attached project self-evaluation reports: budget, payment, score, one row per project."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SEED_DIR
from tests.prose_support import HEADER, extract_file, extract_text, metric, metrics, projects


def _projects(name: str) -> dict[str, object]:
    # The attached self-evaluation reports as the prose states them; the performance tables' rows of the
    # same projects are separate rows (source_kind table).
    return {p.project_name: p for p in projects(extract_file(SEED_DIR / name))}


def test_same_project_named_two_ways_is_one_row_in_004() -> None:
    projects = _projects("004_127aded49d8bfbe3.txt")
    fund = projects["干部暖心关爱帮扶基金经费"]  # 关于干部暖心关爱帮扶基金项目自评报告的函 in the attachment
    assert "干部暖心关爱帮扶基金项目" not in projects
    assert (fund.budget_initial, fund.budget_final, fund.executed, fund.execution_rate_declared, fund.score) == (
        Decimal(0),
        Decimal(100),
        Decimal("7.85"),
        Decimal("7.85"),
        Decimal(94),
    )


def test_project_titles_and_department_grade_in_000() -> None:
    projects = _projects("000_1ca1b4d95d915062.txt")
    assert set(projects) == {"部门整体支出", "机关党建工作经费", "机关党员教育培训专项经费", "宣传文化活动专项经费"}
    assert projects["宣传文化活动专项经费"].budget_initial == Decimal("18.6")
    assert projects["部门整体支出"].grade == "合格"
    assert projects["部门整体支出"].score is None  # 自评为合格 states a grade, no score


def test_sub_scores_of_the_department_report_are_not_projects_in_002() -> None:
    projects = _projects("002_f4d5f3929f6a2ae3.txt")
    assert list(projects) == ["部门整体支出"]
    assert projects["部门整体支出"].score == Decimal("96.15")


def test_fiscal_spending_of_the_attached_department_report_in_001() -> None:
    result = extract_file(SEED_DIR / "001_8af6c6b53bb795b2.txt")
    fiscal = metric(result, "财政拨款支出")
    assert (fiscal.value, fiscal.evidence.line) == (Decimal("516.82"), 113)
    # Its parts restate the 决算情况说明's figures (444.76 + 71.73 = 516.49: the report's own slip).
    assert metric(result, "一般公共预算财政拨款支出").value == Decimal("444.76")
    assert metric(result, "政府性基金预算财政拨款支出").value == Decimal("71.73")


def test_fiscal_income_of_the_attached_department_report_in_001() -> None:
    # Line 111: 2021年财政拨款收入508.64万元，其中：一般公共预算财政拨款收入436.91万元，政府性基金…71.73万元.
    result = extract_file(SEED_DIR / "001_8af6c6b53bb795b2.txt")
    fiscal = metric(result, "财政拨款收入")
    assert (fiscal.value, fiscal.unit, fiscal.evidence.line) == (Decimal("508.64"), "万元", 111)
    # Not an income source: its parts are already the income rows of the 决算情况说明.
    assert "财政拨款收入" not in {i.source for i in result.income}


def test_fiscal_spending_is_not_read_from_three_public_spending(tmp_path: Path) -> None:
    body = (
        "第四部分 附件\n2021年测试局部门整体绩效评价报告\n二、部门财政资金收支情况\n"
        "2021年财政拨款支出100万元，其中：一般公共预算财政拨款支出90万元，政府性基金预算财政拨款支出10万元。\n"
        "“三公”经费财政拨款支出5万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    fiscal = [m for m in metrics(result) if m.metric == "财政拨款支出"]
    assert [(m.value, m.scope) for m in fiscal] == [(Decimal(100), None)]
    assert metric(result, "政府性基金预算财政拨款支出").value == Decimal(10)


def test_project_evidence_cites_the_payment_in_004() -> None:
    # The row's evidence is the payment clause (its figures), not the title of the report on the project.
    projects = _projects("004_127aded49d8bfbe3.txt")
    exchange, fund = projects["东西部协作人才交流项目"], projects["干部暖心关爱帮扶基金经费"]
    assert (exchange.evidence.line, fund.evidence.line) == (3996, 4268)
    assert "已支付35万元，支付率100%" in exchange.evidence.snippet
    assert "已支付7.85万元，支付率7.85%" in fund.evidence.snippet


def test_approved_budget_of_the_project_reports_in_000() -> None:
    # 年初预算项目资金申报金额5万元，批复数为5万元 (line 260): 批复数 is the approved budget (budget_final), as
    # the project's table row has it.
    projects = _projects("000_1ca1b4d95d915062.txt")
    rows = {
        name: (p.budget_initial, p.budget_final, p.evidence.line) for name, p in projects.items() if p.scope == "项目"
    }
    assert rows == {
        "机关党建工作经费": (Decimal(5), Decimal(5), 260),
        "机关党员教育培训专项经费": (Decimal(20), Decimal(20), 322),
        "宣传文化活动专项经费": (Decimal("18.6"), Decimal("18.6"), 386),
    }
    assert "批复数为5万元" in projects["机关党建工作经费"].evidence.snippet


def test_a_figure_late_in_a_long_clause_stays_in_the_snippet_in_004() -> None:
    # Line 86 states the department's score after ~150 characters of one clause: the snippet starts
    # shortly before the figure instead of being clipped before it.
    overall = _projects("004_127aded49d8bfbe3.txt")["部门整体支出"]
    assert overall.score == Decimal("98.14") and overall.evidence.line == 86
    assert "98.14" in overall.evidence.snippet


# A county's project report titled over two lines, its figures in the wordings other provinces use.
_COUNTY_PROJECT = "泸县教育局\n2024年度农村义务教育学生营养改善计划项目支出绩效自评报告\n一、项目基本情况\n"
_FIELDS = ("budget_initial", "budget_final", "executed", "execution_rate_declared", "score", "grade")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "（二）项目资金情况\n该项目年初预算数100万元，全年预算数120万元，全年执行数110万元，执行率91.67%。\n"
            "二、绩效自评结论\n该项目自评得分95分，自评等级为优。\n",
            ("100", "120", "110", "91.67", "95", "优"),
        ),
        (
            "（二）项目资金情况\n项目预算资金100万元，实际到位资金100万元，实际支出95万元，预算执行率95%。\n"
            "二、绩效自评结论\n经自评，该项目综合得分92.5分，评价等级为“优”。\n",
            ("100", None, "95", "95", "92.5", "优"),
        ),
        (
            "（二）项目资金情况\n2024年该项目预算安排资金100.00万元，截至2024年12月31日，实际支出资金98.50万元，"
            "预算执行率为98.50%。\n三、自评结论\n本项目自评总分为96分，绩效评价结果为优秀。\n",
            ("100.00", None, "98.50", "98.50", "96", "优秀"),
        ),
        (
            "（二）资金投入和使用情况\n年初预算100万元，调整后预算120万元，实际执行110万元，资金执行率91.67%。\n"
            "自评得分：95分。自评等级：优。\n",
            ("100", "120", "110", "91.67", "95", "优"),
        ),
        (
            "（二）项目资金情况\n年初预算数100万元，资金到位100万元，到位率100%；已支出95万元，执行率95%。\n"
            "二、绩效自评结论\n本项目绩效自评综合得分92.50分，绩效等级为优秀。\n",
            ("100", None, "95", "95", "92.50", "优秀"),
        ),
        (
            "（二）项目资金情况\n该项目预算数为100.00万元，实际支出95.00万元，预算执行率95%。\n"
            "二、绩效自评结论\n该项目绩效自评得分为88分，评价结果为“良”。\n",
            ("100.00", None, "95.00", "95", "88", "良"),
        ),
        (
            "（二）项目资金情况\n项目年初预算100万元，全年预算调整为120万元，全年实际支出110万元，执行率91.67%。\n",
            ("100", "120", "110", "91.67", None, None),
        ),
        (
            "（二）项目资金情况\n2024年该项目资金预算100.00万元，截至12月31日已支付95.00万元，资金支付率95%。\n",
            ("100.00", None, "95.00", "95", None, None),
        ),
        (
            "（二）项目资金情况\n该项目批复预算120万元，实际到位120万元，实际使用110万元，预算执行率为91.67%。\n",
            (None, "120", "110", "91.67", None, None),
        ),
        (
            "（二）项目资金情况\n该项目预算安排30万元，实际支出30万元，执行率100%，自评得分95分。\n",
            ("30", None, "30", "100", "95", None),
        ),
        (
            "（二）项目资金情况\n项目资金：预算金额100万元，到位资金100万元，实际支出90万元，资金执行率90%。\n",
            ("100", None, "90", "90", None, None),
        ),
        # Paid, or an execution written without 全年 (执行数 / 实际支付 / 累计支付资金).
        (
            "（二）项目资金情况\n项目年初预算120万元。截至2024年12月31日，实际支付105.5万元，支付率87.92%。\n",
            ("120", None, "105.5", "87.92", None, None),
        ),
        (
            "（二）项目资金情况\n项目预算数80万元，执行数为78.2万元，执行率97.75%。\n",
            ("80", None, "78.2", "97.75", None, None),
        ),
        (
            "（二）项目资金情况\n项目预算数80万元，累计支付资金78.2万元。\n",
            ("80", None, "78.2", None, None, None),
        ),
        # Last year's budget is not this year's.
        (
            "（二）项目资金情况\n本项目上年预算数为90.00万元，本年预算数为100.00万元，实际支出95.00万元。\n",
            ("100.00", None, "95.00", None, None, None),
        ),
    ],
)
def test_a_project_report_in_other_wordings(tmp_path: Path, body: str, expected: tuple) -> None:
    result = extract_text(tmp_path, _COUNTY_PROJECT + body)
    assert (result.report.department, result.report.county, result.report.report_kind) == (
        "泸县教育局",
        "泸县",
        "项目支出绩效自评",
    )
    (row,) = projects(result)
    assert row.project_name == "农村义务教育学生营养改善计划"  # not the department and year the title joins
    want = tuple(v if v is None or k == "grade" else Decimal(v) for k, v in zip(_FIELDS, expected, strict=True))
    assert tuple(getattr(row, k) for k in _FIELDS) == want


@pytest.mark.parametrize(
    ("title", "body_start", "name"),
    [
        # The title names the department only: the project is named below it, labelled or opening its 概况.
        (
            "2024年度泸县水利局项目支出绩效自评报告\n项目名称：水利工程维修养护项目\n",
            "一、项目基本情况\n",
            "水利工程维修养护项目",
        ),
        (
            "泸县水利局\n2024年度项目支出绩效自评报告\n",
            "一、项目基本情况\n农村饮水安全维修养护项目，",
            "农村饮水安全维修养护项目",
        ),
        # The department and the project on one line, the year after them (…维修养护项目 / 2024年度项目支出绩效自评
        # 报告): the project is what follows the department, without the year.
        (
            "泸县水利局农村饮水安全维修养护项目\n2024年度项目支出绩效自评报告\n",
            "一、项目基本情况\n",
            "农村饮水安全维修养护项目",
        ),
        (
            "泸县水利局\n农村饮水安全维修养护项目2024年度项目支出绩效自评报告\n",
            "一、项目基本情况\n",
            "农村饮水安全维修养护项目",
        ),
        # A letter's title (关于…项目绩效自评的报告), and the project in quotes (its quotes are no part of its name).
        (
            "关于2024年度农村饮水安全维修养护项目绩效自评的报告\n",
            "一、项目基本情况\n",
            "农村饮水安全维修养护",
        ),
        (
            "2024年度“农村饮水安全维修养护”项目绩效自评报告\n泸县水利局\n",
            "一、项目基本情况\n",
            "农村饮水安全维修养护",
        ),
        # Named nowhere: the row is named by the report's title as printed, never left without a name.
        (
            "泸县水利局\n2024年度项目支出绩效自评报告\n",
            "一、项目基本情况\n本项目",
            "泸县水利局2024年度项目支出绩效自评报告",
        ),
    ],
)
def test_a_project_report_whose_title_names_no_project(tmp_path: Path, title: str, body_start: str, name: str) -> None:
    body = f"{body_start}年初预算资金50.00万元，全年执行数48.00万元，预算执行率96%。自评得分92分。\n"
    result = extract_text(tmp_path, title + body)
    assert [(row.project_name, row.budget_initial, row.executed, row.score) for row in projects(result)] == [
        (name, Decimal("50.00"), Decimal("48.00"), Decimal(92))
    ]


# The national template's 九、预算绩效情况说明 of a final account: each project reported in it, summarised.
_SUMMARIES = (
    "九、预算绩效情况说明\n（二）部门决算中项目绩效自评结果\n"
    "本部门在2024年度部门决算中反映“城市管理执法专项经费”等2个项目绩效自评结果。\n"
    "1.城市管理执法专项经费项目绩效自评综述：根据年初设定的绩效目标，项目自评得分为92分。全年预算数为60万元，"
    "执行数为57万元，完成预算的95%。项目绩效目标完成情况：完成执法检查1200次。\n"
    "2.“道路保洁经费”项目绩效自评综述：根据年初设定的绩效目标，道路保洁经费项目绩效自评得分为88.5分。"
    "全年预算数为100万元，执行数为90万元，完成预算的90%。\n"
)


def test_each_projects_summary_in_a_final_accounts_performance_section(tmp_path: Path) -> None:
    """``XX项目绩效自评综述：…自评得分为92分。全年预算数为60万元，执行数为57万元，完成预算的95%``: one row per
    project, named as its summary names it (quotes dropped), its figures those of its summary."""
    rows = {row.project_name: row for row in projects(extract_text(tmp_path, HEADER + _SUMMARIES))}
    fields = ("scope", "budget_final", "executed", "execution_rate_declared", "score")
    assert {name: tuple(getattr(row, k) for k in fields) for name, row in rows.items()} == {
        "城市管理执法专项经费项目": ("项目", Decimal(60), Decimal(57), Decimal(95), Decimal(92)),
        "道路保洁经费项目": ("项目", Decimal(100), Decimal(90), Decimal(90), Decimal("88.5")),
    }
    assert rows["道路保洁经费项目"].evidence.snippet.startswith("2.“道路保洁经费”项目绩效自评综述")
