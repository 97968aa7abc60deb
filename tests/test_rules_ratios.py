"""`yoy.arithmetic`, `yoy.growth_pct` and `completion.pct`."""

from __future__ import annotations

from budget_reports.facts import PerformanceFund, PerformanceProject, Severity
from budget_reports.rules.ratios import completion_pct, yoy_arithmetic, yoy_growth_pct
from tests.test_rules_fixtures import D, document, ev, keys, line, metric, report


def test_current_minus_change_is_prior() -> None:
    # 002: 收、支总计2246.12万元 … 增加129.29万元 (prior 2116.83).
    good = metric("收支总计", "2246.12", 27, prior_year_value="2116.83", change_value="129.29")
    assert yoy_arithmetic(report(summary_metrics=[good]), document()) == []
    bad = metric("收支总计", "2246.12", 27, prior_year_value="2116.93", change_value="129.29")
    findings = yoy_arithmetic(report(summary_metrics=[bad]), document())
    assert keys(findings, Severity.ERROR) == {("yoy.arithmetic", "收支总计")}
    assert (findings[0].expected, findings[0].actual) == ("129.19", "129.29")


def test_a_decrease_written_as_a_negative_change_is_compared_in_magnitude() -> None:
    # 001: 收、支总计516.82万元，与2020年相比减少97.74万元，下降16%.
    fell = metric("收支总计", "516.82", 19, prior_year_value="614.56", change_value="-97.74", change_pct_declared="-16")
    facts = report(summary_metrics=[fell])
    assert yoy_arithmetic(facts, document()) == [] and yoy_growth_pct(facts, document()) == []


def test_growth_percentages_of_the_seeds() -> None:
    stated = [
        metric("收支总计", "609.89", 70, change_value="4.24", change_pct_declared="0.7"),  # 000
        metric("机关运行经费", "84.01", 150, change_value="24.33", change_pct_declared="40.77"),  # 000
        metric("公务接待费", "0.92", 101, change_value="0.58", change_pct_declared="170.6"),  # 002
        # 003: 129.5 vs 141.53, 减少12.03万元, 减少8.51% (8.49996%): at the 0.01-point tolerance.
        metric("公用经费", "129.5", 27, prior_year_value="141.53", change_value="-12.03", change_pct_declared="-8.51"),
        metric("因公出国（境）费", "20.12", 91, change_value="20.12", change_pct_declared="100"),  # from nothing
    ]
    assert yoy_growth_pct(report(summary_metrics=stated), document()) == []


def test_a_wrong_growth_percentage_is_an_error() -> None:
    wrong = metric("机关运行经费", "335.13", 118, change_value="25.36", change_pct_declared="18.2")
    findings = yoy_growth_pct(report(summary_metrics=[wrong]), document())
    assert keys(findings, Severity.ERROR) == {("yoy.growth_pct", "机关运行经费")}
    assert findings[0].expected == "8.19"


def test_completion_of_summary_metrics_and_lines() -> None:
    facts = report(
        summary_metrics=[metric("公务接待费", "9.4", 70, budget_value="9.4", completion_pct_declared="100")],
        expenditure_function=[
            line("项", "行政运行（项）", "520.89", 44, budget_final="520.89", completion_pct_declared="100"),
            line("项", "一般行政管理事务（项）", "102.88", 45, budget_final="110.00", completion_pct_declared="100"),
        ],
    )
    findings = completion_pct(facts, document())
    assert keys(findings, Severity.ERROR) == {("completion.pct", "一般行政管理事务")}
    assert findings[0].expected == "93.53"


def test_a_rate_of_either_printed_budget_is_right() -> None:
    """``年初预算为61.20万元，调整预算为60.00万元，支出决算为58.37万元，完成年初预算的95.38%``: the rate of the
    initial budget beside an adjusted one is no error; a rate of neither is, reported against the adjusted one."""
    facts = report(
        expenditure_function=[
            line(
                "项",
                "行政运行（项）",
                "58.37",
                44,
                budget_initial="61.20",
                budget_final="60.00",
                completion_pct_declared="95.38",
            ),
            line(
                "项",
                "一般行政管理事务（项）",
                "58.37",
                45,
                budget_initial="61.20",
                budget_final="60.00",
                completion_pct_declared="97.28",
            ),
            line(
                "项",
                "机关服务（项）",
                "58.37",
                46,
                budget_initial="61.20",
                budget_final="60.00",
                completion_pct_declared="90",
            ),
        ],
    )
    findings = completion_pct(facts, document())
    assert keys(findings, Severity.ERROR) == {("completion.pct", "机关服务")}
    assert findings[0].expected == "97.28"


def test_004_project_executed_in_full_with_a_declared_rate_of_0() -> None:
    # 004, 项目支出绩效自评表 东西部协作人才交流项目: 年初预算0, 全年预算35, 全年执行35, 执行率0.
    projects = [
        PerformanceProject(
            "东西部协作人才交流项目",
            "项目",
            ev(494, "年度资金总额 0 35 35 0"),
            budget_initial=D("0"),
            budget_final=D("35"),
            executed=D("35"),
            execution_rate_declared=D("0"),
        ),
        PerformanceProject(
            "人才工作经费",
            "项目",
            ev(494, "年度资金总额 25 25 24.84 99.32%"),
            budget_initial=D("25"),
            budget_final=D("25"),
            executed=D("24.84"),
            execution_rate_declared=D("99.32"),  # 99.36%, within the rounding of 24.84 / 25
        ),
    ]
    funds = [
        PerformanceFund(
            "综合调研",
            "财政资金",
            ev(339),
            budget_initial=D("80.00"),
            budget_final=D("80.00"),
            executed=D("69.86"),
            execution_rate_declared=D("87.32"),
        )
    ]
    findings = completion_pct(report(performance_projects=projects, performance_funds=funds), document())
    assert keys(findings, Severity.ERROR) == {("completion.pct", "东西部协作人才交流项目")}
    assert (findings[0].expected, findings[0].actual) == ("100.00", "0")


def test_zero_budget_has_no_completion_rate() -> None:
    # 000: 公务接待费支出0万元，完成预算0%.
    nothing = metric("公务接待费", "0", 140, budget_value="0", completion_pct_declared="0")
    assert completion_pct(report(summary_metrics=[nothing]), document()) == []


def test_fund_rows_repeating_the_project_figures_are_reported_once() -> None:
    # 004: 年度资金总额, （一）财政拨款小计 and 1.一般公共预算 rows all print 0 / 35 / 35 / 0.
    figures = {
        "budget_initial": D("0"),
        "budget_final": D("35"),
        "executed": D("35"),
        "execution_rate_declared": D("0"),
    }
    project = PerformanceProject("东西部协作人才交流项目", "项目", ev(499), **figures)
    funds = [
        PerformanceFund("东西部协作人才交流项目", source, ev(514 + 7 * i), **figures)
        for i, source in enumerate(["年度资金总额", "（一）财政拨款小计", "1.一般公共预算"])
    ]
    findings = completion_pct(report(performance_projects=[project], performance_funds=funds), document())
    assert [(f.subject, f.evidence.line) for f in findings] == [("东西部协作人才交流项目", 499)]
    funds[2] = PerformanceFund("东西部协作人才交流项目", "1.一般公共预算", ev(528), **{**figures, "executed": D("30")})
    findings = completion_pct(report(performance_projects=[project], performance_funds=funds), document())
    assert [f.subject for f in findings] == ["东西部协作人才交流项目", "东西部协作人才交流项目（1.一般公共预算）"]
