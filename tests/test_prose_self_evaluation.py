"""部门整体支出绩效自评 reports: the Hunan one (003), prior-year changes only, one department-wide row; and the
department-wide figures in the wordings other reports use."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SEED_DIR
from tests.prose_support import extract_file, extract_text, metric, metrics, projects

SEED = SEED_DIR / "003_397564467219909d.txt"


def test_difference_from_budget_is_not_a_change() -> None:
    result = extract_file(SEED)
    income = metric(result, "本年收入合计")
    # 比上年460.94万元增加31.47万元 is the change; 年初预算416.39万元，增加76.02万元 is not.
    assert (income.value, income.budget_value, income.prior_year_value, income.change_value) == (
        Decimal("492.41"),
        Decimal("416.39"),
        Decimal("460.94"),
        Decimal("31.47"),
    )
    assert all(m.change_value != Decimal("76.02") for m in metrics(result))


def test_department_wide_evaluation_row() -> None:
    result = extract_file(SEED)
    assert result.report.report_kind == "部门整体支出绩效自评"
    [row] = projects(result)
    assert (row.scope, row.budget_initial, row.executed, row.score) == (
        "部门整体",
        Decimal("416.39"),
        Decimal("492.41"),
        Decimal(100),
    )
    # It cites line 30, whose clause prints the execution and the budget (支出实际完成492.41万元，年初预算
    # 416.39万元), not line 65's 自评为100分 alone.
    assert row.evidence.line == 30
    assert "支出实际完成492.41万元，年初预算416.39万元" in row.evidence.snippet


def test_inconsistent_restatement_kept_for_validation() -> None:
    result = extract_file(SEED)
    first = metric(result, "公用经费")
    again = metric(result, "公用经费", "总体评价和自评得分情况")
    assert (first.change_pct_declared, again.change_pct_declared) == (Decimal("-8.51"), Decimal("-8.5"))


def test_income_in_yuan_typo_does_not_replace_the_amount() -> None:
    # 其他收入 is stated as 8万元 twice and once as 8元: the first statement stands; the 8元 restatement is
    # kept as its own row, scoped by its section, so validation reports the contradiction.
    # The unscoped row cites line 41, which restates 8万元 with its share (see below).
    rows = [(i.scope, i.amount, i.evidence.line) for i in extract_file(SEED).income if i.source == "其他收入"]
    assert rows == [(None, Decimal(8), 41), ("收入支出结构分析", Decimal("0.0008"), 32)]
    income = {i.source: i.amount for i in extract_file(SEED).income if i.scope is None}
    assert income["一般公共预算财政拨款收入"] == Decimal("484.41")


def test_a_fund_income_written_without_yusuan_takes_the_contract_source_name() -> None:
    # Line 26 writes 政府性基金财政拨款收入0万元: the income view names the source as every other report does.
    sources = {i.source: (i.amount, i.evidence.line) for i in extract_file(SEED).income if i.scope is None}
    assert sources["政府性基金预算财政拨款收入"] == (Decimal(0), 26)
    assert "政府性基金财政拨款收入" not in sources


def test_fiscal_income_stated_by_the_department_in_003() -> None:
    # Line 41: 2021年本部门财政拨款收入492.41万元，其中：一般公共预算财政拨款收入484.41万元，占总收入98.37%…
    fiscal = metric(extract_file(SEED), "财政拨款收入")
    assert (fiscal.value, fiscal.share_pct_declared, fiscal.evidence.line) == (Decimal("492.41"), None, 41)


def test_income_shares_cite_the_line_printing_them() -> None:
    # Line 26 states the amounts without shares; lines 32 and 41 restate them with 占总收入98.37% / 1.63%.
    # The row cites the restatement that prints every figure of it.
    income = {i.source: i for i in extract_file(SEED).income if i.scope is None}
    general, other = income["一般公共预算财政拨款收入"], income["其他收入"]
    assert (general.share_pct_declared, general.evidence.line) == (Decimal("98.37"), 32)
    assert "484.41万元，占总收入98.37%" in general.evidence.snippet
    assert (other.share_pct_declared, other.evidence.line) == (Decimal("1.63"), 41)
    assert "其他收入8万元，占总收入1.63%" in other.evidence.snippet


_COUNTY_REPORT = "泸县教育局\n2024年度部门整体支出绩效自评报告\n一、部门基本情况\n"
_FIELDS = ("budget_initial", "budget_final", "executed", "execution_rate_declared", "score", "grade")


@pytest.mark.parametrize(
    "body",
    [
        "（二）三公经费\n“三公”经费年初预算10.00万元，全年执行8.00万元，执行率80%。\n"
        "（三）部门整体支出情况\n2024年度部门整体支出年初预算1,234.56万元，全年预算1,300.00万元，全年执行1,250.00万元，"
        "预算执行率96.15%。\n"
        "二、绩效自评结论\n经自评，2024年度部门整体支出绩效自评得分95.5分，等级为优。\n",
        "（二）部门整体支出情况\n部门年初预算数为1,234.56万元，全年预算数为1,300.00万元，全年执行数为1,250.00万元，"
        "执行率为96.15%。\n二、自评结论\n本部门2024年度部门整体支出自评综合得分为95.5分，自评等级为优。\n",
        # No subject in the sentences of a section on the budget's execution; 部门预算执行率 is the department's.
        "（一）预算执行情况\n2024年年初预算1,234.56万元，全年预算1,300.00万元，实际支出1,250.00万元，"
        "预算执行率96.15%。\n（二）三公经费\n“三公”经费年初预算10.00万元，全年执行8.00万元，执行率80%。\n"
        "二、评价结论\n部门预算执行率为96.15%，自评得分95.5分，自评等级为“优”。\n",
    ],
)
def test_department_wide_figures_in_other_wordings(tmp_path: Path, body: str) -> None:
    """Read in the sentences about the whole department; a 三公 sentence worded alike is not the department's."""
    result = extract_text(tmp_path, _COUNTY_REPORT + body)
    assert result.report.report_kind == "部门整体支出绩效自评"
    (row,) = projects(result)
    assert (row.project_name, row.scope) == ("部门整体支出", "部门整体")
    assert tuple(getattr(row, k) for k in _FIELDS) == (
        Decimal("1234.56"),
        Decimal("1300.00"),
        Decimal("1250.00"),
        Decimal("96.15"),
        Decimal("95.5"),
        "优",
    )


def test_sentences_naming_no_subject_outside_a_department_section_are_not_the_departments(tmp_path: Path) -> None:
    """A project's section, or a self-evaluation form's title (its cells' text read as prose where a PDF's
    text lost the grid: ``执行率`` / ``10`` / ``100%``), does not make a subject-less sentence the department's."""
    project = "（三）城市管理执法经费使用情况\n全年预算数50.00万元，全年执行数48.00万元，执行率96%。\n"
    form = "2024年度部门整体支出绩效自评表\n\n分值\n\n执\n行\n率\n10 100%\n\n得分\n"
    assert projects(extract_text(tmp_path, _COUNTY_REPORT + project, "project.txt")) == []
    assert projects(extract_text(tmp_path, _COUNTY_REPORT + form, "form.txt")) == []


@pytest.mark.parametrize(
    "project",
    [
        "三、项目支出绩效情况\n（一）城市管理执法专项经费项目\n该项目年初预算50万元，全年执行数48万元，自评得分94分。\n",
        "三、项目支出绩效情况\n（一）城市管理执法专项经费\n年初预算50万元，全年执行数48万元，自评为94分。\n",
    ],
)
def test_a_projects_score_worded_as_the_first_reports_word_the_departments_is_not_the_departments(
    tmp_path: Path, project: str
) -> None:
    """自评得分94分 / 自评为94分 in a project's sentence or section is the project's: the department keeps its own."""
    whole = "二、绩效自评结论\n本部门2024年度部门整体支出绩效自评得分为92.5分。\n"
    rows = projects(extract_text(tmp_path, _COUNTY_REPORT + project + whole))
    department = [(row.project_name, row.score) for row in rows if row.scope == "部门整体"]
    assert department == [("部门整体支出", Decimal("92.5"))]
    alone = projects(extract_text(tmp_path, _COUNTY_REPORT + project, "project.txt"))
    assert [row for row in alone if row.scope == "部门整体"] == []


def test_a_project_evaluated_in_its_own_section_is_its_row(tmp_path: Path) -> None:
    """A department-wide report evaluating its projects section by section: each section titled by one project
    and stating a score gives that project's row; a section titled by no one project (（二）重点项目情况) or
    stating no score (a description of the project) gives none."""
    body = (
        "三、项目支出绩效情况\n（一）城市管理执法专项经费项目\n"
        "该项目年初预算50万元，全年预算数60万元，全年执行数57万元，预算执行率95%，自评得分94分。\n"
        "（二）“道路保洁经费”项目\n该项目全年预算数100万元，实际支出90万元，执行率90%，评价得分88分，等级为良。\n"
        "（三）重点项目情况\n全年预算数30万元，全年执行数30万元，自评得分99分。\n"
        "（四）绿化养护经费项目\n该项目全年预算数20万元，主要用于道路绿化养护。\n"
    )
    rows = {row.project_name: row for row in projects(extract_text(tmp_path, _COUNTY_REPORT + body))}
    assert sorted(rows) == ["城市管理执法专项经费项目", "道路保洁经费项目"]
    assert tuple(getattr(rows["城市管理执法专项经费项目"], k) for k in _FIELDS) == (
        Decimal(50),
        Decimal(60),
        Decimal(57),
        Decimal(95),
        Decimal(94),
        None,
    )
    assert tuple(getattr(rows["道路保洁经费项目"], k) for k in _FIELDS) == (
        None,
        Decimal(100),
        Decimal(90),
        Decimal(90),
        Decimal(88),
        "良",
    )


def test_department_wide_budget_written_as_its_budget_and_income_shares(tmp_path: Path) -> None:
    """``部门整体支出预算数为…`` is the department's budget; an income source's share after a bare 占 is kept."""
    body = (
        "（二）部门预算收支情况\n2024年度本部门收入总计1,500.00万元，其中：一般公共预算财政拨款收入1,400.00万元，"
        "占93.33%；其他收入100.00万元，占6.67%。\n"
        "（三）部门整体支出情况\n2024年度部门整体支出预算数为1,500.00万元，实际支出1,450.00万元，预算执行率96.67%。\n"
    )
    result = extract_text(tmp_path, _COUNTY_REPORT + body)
    (row,) = projects(result)
    assert (row.budget_initial, row.executed, row.execution_rate_declared) == (
        Decimal("1500.00"),
        Decimal("1450.00"),
        Decimal("96.67"),
    )
    shares = {x.source: (x.amount, x.share_pct_declared) for x in result.income}
    assert shares == {
        "一般公共预算财政拨款收入": (Decimal("1400.00"), Decimal("93.33")),
        "其他收入": (Decimal("100.00"), Decimal("6.67")),
    }


def test_operating_costs_against_their_budget_in_a_department_wide_report(tmp_path: Path) -> None:
    """``机关运行经费预算数50万元，实际支出48万元``: the department's 机关运行经费 and its budget, as the 三公经费
    beside it."""
    body = (
        "（三）部门整体支出情况\n2024年“三公”经费预算数10.00万元，实际支出8.00万元，较上年减少1.00万元；"
        "机关运行经费预算数50.00万元，实际支出48.00万元。\n"
    )
    result = extract_text(tmp_path, _COUNTY_REPORT + body)
    said = {(x.metric, x.value, x.budget_value, x.change_value) for x in metrics(result)}
    assert said >= {
        ("三公经费", Decimal("8.00"), Decimal("10.00"), Decimal("-1.00")),
        ("机关运行经费", Decimal("48.00"), Decimal("50.00"), None),
    }
