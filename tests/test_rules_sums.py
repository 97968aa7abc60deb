"""Totals and parts among summary metrics, income and economic lines; 收入总计 = 支出总计."""

from __future__ import annotations

from budget_reports.facts import EconomicLine, Severity, SourceKind
from budget_reports.rules.sums import balance, sum_economic, sum_income, sum_metrics
from tests.test_rules_fixtures import D, document, ev, income, keys, metric, report, table_metric


def test_personnel_and_public_costs_of_004_do_not_add_up_to_basic_expenditure() -> None:
    # 004_127aded49d8bfbe3.txt, 六: 基本支出686.2万元 = 人员经费396.22万元 + 公用经费289.99万元 (686.21).
    facts = report(
        summary_metrics=[
            metric("基本支出", "686.2", 56),
            metric("人员经费", "396.22", 57),
            metric("公用经费", "289.99", 58),
        ]
    )
    findings = sum_metrics(facts, document((55, "六、一般公共预算财政拨款基本支出决算情况说明")))
    # Two addends rounded on their own may miss by 2 × 0.005: rounding can explain 0.01 (info).
    assert keys(findings) == {("sum.personnel_public.rounding", "基本支出")}
    assert (findings[0].expected, findings[0].actual, findings[0].severity) == ("686.21", "686.2", Severity.INFO)
    facts.summary_metrics[2] = metric("公用经费", "290.09", 58)
    (beyond,) = sum_metrics(facts, document((55, "六、一般公共预算财政拨款基本支出决算情况说明")))
    assert (beyond.rule_id, beyond.expected, beyond.severity) == ("sum.personnel_public", "686.31", Severity.ERROR)


def test_000_basic_expenditure_adds_up() -> None:
    facts = report(
        summary_metrics=[
            metric("本年支出合计", "609.89", 78),
            metric("基本支出", "485.84", 78, share_pct_declared="79.66"),
            metric("项目支出", "124.05", 78, share_pct_declared="20.34"),
            metric("上缴上级支出", "0", 78),
            metric("人员经费", "401.83", 113),
            metric("公用经费", "84.01", 114),
        ]
    )
    # 基本支出 is stated once (its restatement in 六、 agrees), so 人员经费 + 公用经费 in 六、 pair with it.
    doc = document((77, "3、 支出决算情况说明"), (110, "六、一般公共预算财政拨款基本支出决算情况说明"))
    assert sum_metrics(facts, doc) == []
    facts.summary_metrics[4] = metric("人员经费", "401.82", 113)
    assert keys(sum_metrics(facts, doc)) == {("sum.personnel_public.rounding", "基本支出")}
    facts.summary_metrics[4] = metric("人员经费", "401.73", 113)
    assert keys(sum_metrics(facts, doc)) == {("sum.personnel_public", "基本支出")}


def test_a_narrower_restatement_in_another_section_is_not_mixed_up() -> None:
    # 001_8af6c6b53bb795b2.txt: 基本支出289.53 (all funds, 三、) and 289.20 (一般公共预算财政拨款, 六、).
    facts = report(
        summary_metrics=[
            metric("本年支出合计", "516.82", 27),
            metric("基本支出", "289.53", 27),
            metric("项目支出", "227.29", 27),
            metric("基本支出", "289.20", 50, scope="一般公共预算财政拨款基本支出"),
            metric("人员经费", "262.96", 51),
            metric("公用经费", "26.24", 52),
        ]
    )
    doc = document((26, "三、支出决算情况说明"), (49, "六、一般公共预算财政拨款基本支出决算情况说明"))
    assert sum_metrics(facts, doc) == []


def test_three_public_costs_and_the_vehicle_split() -> None:
    three = [
        metric("三公经费", "72.7", 86),
        metric("因公出国（境）费", "20.12", 90),
        metric("公务用车购置及运行维护费", "51.66", 90),
        metric("公务接待费", "0.92", 90),
        metric("公务用车购置费", "0", 97),
        metric("公务用车运行维护费", "51.66", 99),
    ]
    doc = document((82, "七、财政拨款“三公”经费支出决算情况说明"))
    assert sum_metrics(report(summary_metrics=three), doc) == []
    three[0] = metric("三公经费", "72.07", 86)
    three[5] = metric("公务用车运行维护费", "51.6", 99)
    assert keys(sum_metrics(report(summary_metrics=three), doc)) == {
        ("sum.three_public", "三公经费"),
        ("sum.vehicle_cost", "公务用车购置及运行维护费"),
    }


def test_002_has_ten_vehicles_but_lists_one_plus_one_plus_one() -> None:
    # 002_f4d5f3929f6a2ae3.txt: 单位共有公务用车10辆，其中：轿车1辆、越野车1辆、小型车1辆。
    fleet = [
        metric("公务用车保有量", "10", 97, unit="辆"),
        metric("公务用车保有量（轿车）", "1", 97, unit="辆"),
        metric("公务用车保有量（越野车）", "1", 97, unit="辆"),
        metric("公务用车保有量（小型车）", "1", 97, unit="辆"),
    ]
    findings = sum_metrics(report(summary_metrics=fleet), document((82, "七、财政拨款“三公”经费支出决算情况说明")))
    assert keys(findings) == {("sum.breakdown", "公务用车保有量")}
    assert (findings[0].expected, findings[0].actual, findings[0].tolerance) == ("3", "10", D("0.5"))
    assert "辆" in findings[0].message


def test_000_fleet_adds_up() -> None:
    fleet = [
        metric("公务用车保有量", "1", 137, unit="辆"),
        metric("公务用车保有量（轿车）", "1", 137, unit="辆"),
        metric("公务用车保有量（越野车）", "0", 137, unit="辆"),
        metric("公务用车保有量（载客汽车）", "0", 137, unit="辆"),
    ]
    assert sum_metrics(report(summary_metrics=fleet), document()) == []


def test_basic_plus_project_spending_equals_the_year_total() -> None:
    # 002: 本年支出合计2246.12万元，其中：基本支出2096.52万元 …；项目支出149.6万元.
    spent = [metric("本年支出合计", "2246.12", 33), metric("基本支出", "2096.52", 33), metric("项目支出", "149.6", 33)]
    assert sum_metrics(report(summary_metrics=spent), document()) == []
    spent[2] = metric("项目支出", "149.06", 33)
    assert keys(sum_metrics(report(summary_metrics=spent), document())) == {("sum.basic_project", "本年支出合计")}


def test_financial_appropriations_by_fund_type_of_001() -> None:
    # 001, 部门整体绩效评价报告: 财政拨款支出516.82万元，其中：一般公共预算444.76万元，政府性基金71.73万元。
    stated = [
        metric("财政拨款支出", "516.82", 113),
        metric("一般公共预算财政拨款支出", "444.76", 113),
        metric("政府性基金预算财政拨款支出", "71.73", 113),
    ]
    findings = sum_metrics(report(summary_metrics=stated), document((109, "二、部门财政资金收支情况")))
    assert keys(findings) == {("sum.fund_types", "财政拨款支出")}
    assert (findings[0].expected, findings[0].actual) == ("516.49", "516.82")


def test_income_sources_add_up_to_the_year_income() -> None:
    # 001: 本年收入合计508.65万元 = 436.91 + 71.73 + 0.01.
    total = [metric("本年收入合计", "508.65", 23)]
    sources = [
        income("一般公共预算财政拨款收入", "436.91", 23, "86"),
        income("政府性基金预算财政拨款收入", "71.73", 23, "14"),
        income("其他收入", "0.01", 23, "0"),
    ]
    assert sum_income(report(summary_metrics=total, income=sources), document()) == []
    sources[2] = income("其他收入", "0.1", 23, "0")
    findings = sum_income(report(summary_metrics=total, income=sources), document())
    assert keys(findings) == {("sum.income", "本年收入合计")}
    assert findings[0].expected == "508.74"


def test_the_funds_of_the_fiscal_income_listed_beside_it_are_its_parts() -> None:
    """财政拨款收入 with its funds listed beside it (in brackets, after its 其中): the funds are counted in it,
    not again as sources of their own; sources that miss the total are still found."""
    total = [metric("本年收入合计", "1500", 5)]
    sources = [
        income("财政拨款收入", "1300", 5),
        income("一般公共预算财政拨款收入", "1200", 5),
        income("政府性基金预算财政拨款收入", "100", 5),
        income("事业收入", "150", 5),
        income("其他收入", "50", 5),
    ]
    assert sum_income(report(summary_metrics=total, income=sources), document()) == []
    sources[3] = income("事业收入", "250", 5)
    findings = sum_income(report(summary_metrics=total, income=sources), document())
    assert keys(findings) == {("sum.income", "本年收入合计")} and findings[0].expected == "1600"


def test_public_cost_items_of_004_add_to_290_00_not_289_99() -> None:
    items = (
        "办公费46.57 印刷费40.08 水费0.84 邮电费5.79 差旅费50.15 维修（护）费8.2 会议费12.44 培训费13 "
        "公务接待费9.4 劳务费7.74 工会经费10.6 其他交通费37.42 其他商品和服务支出30.49 办公设备购置9.28 专用设备购置8"
    )
    lines = []
    for item in items.split():
        name = item.rstrip("0123456789.")
        amount = D(item[len(name) :])
        lines.append(EconomicLine(None, name, "公用经费", amount, ev(58, item), source_kind=SourceKind.NARRATIVE))
    facts = report(summary_metrics=[metric("公用经费", "289.99", 58)], expenditure_economic=lines)
    findings = sum_economic(facts, document((55, "六、一般公共预算财政拨款基本支出决算情况说明")))
    # Fifteen addends may miss by 15 × 0.005 = 0.075: 0.01 is within rounding (info).
    assert keys(findings) == {("sum.economic.rounding", "公用经费")}
    assert (findings[0].expected, findings[0].actual, findings[0].tolerance) == ("290.00", "289.99", D("0.075"))


def test_economic_subclasses_add_up_to_their_class_in_a_table() -> None:
    def row(code: str, name: str, amount: str) -> EconomicLine:
        return EconomicLine(code, name, "人员经费", D(amount), ev(int(code) % 100, name))

    lines = [
        row("301", "工资福利支出", "300.00"),
        row("30101", "基本工资", "120.00"),
        row("30102", "津贴补贴", "180.00"),
    ]
    facts = report(summary_metrics=[table_metric("人员经费", "300.00", 1)], expenditure_economic=lines)
    assert sum_economic(facts, document()) == []  # the class line alone counts toward 人员经费
    lines[2] = row("30102", "津贴补贴", "180.01")
    got = keys(sum_economic(report(expenditure_economic=lines), document()))
    assert got == {("sum.economic.rounding", "301 工资福利支出")}
    lines[2] = row("30102", "津贴补贴", "180.02")
    assert keys(sum_economic(report(expenditure_economic=lines), document())) == {("sum.economic", "301 工资福利支出")}


def test_income_total_equals_expenditure_total() -> None:
    stated = [table_metric("收入总计", "2940.05", 5), table_metric("支出总计", "2940.05", 5)]
    assert balance(report(summary_metrics=stated), document()) == []
    stated[1] = table_metric("支出总计", "2940.50", 5)
    assert keys(balance(report(summary_metrics=stated), document())) == {("balance.income_expenditure", "收入总计")}


def test_budget_adjustments_of_004() -> None:
    # Lines 133 and 135: 年初预算收入664.57 + 预算调整收入247.69 = 全年预算收入912.26 (adds up);
    # 年初预算支出664.57 + 预算调整支出247.69 = 912.26, but 全年预算支出 is written 770.35;
    # 全年预算支出770.35 + 存量资金安排支出83.85 = 支出总计854.2 (adds up).
    facts = report(
        summary_metrics=[
            metric("年初预算收入", "664.57", 133),
            metric("预算调整收入", "247.69", 133),
            metric("全年预算收入", "912.26", 133),
            metric("年初预算支出", "664.57", 135),
            metric("预算调整支出", "247.69", 135),
            metric("全年预算支出", "770.35", 135),
            metric("存量资金安排支出", "83.85", 135),
            metric("预算支出总计", "854.2", 135),
        ]
    )
    doc = document((132, "（一）收入情况"), (134, "（二）支出情况"))
    findings = sum_metrics(facts, doc)
    assert keys(findings) == {("sum.budget_expenditure", "全年预算支出")}
    assert (findings[0].expected, findings[0].actual, findings[0].evidence.line) == ("912.26", "770.35", 135)
    facts.summary_metrics[5] = metric("全年预算支出", "912.26", 135)
    facts.summary_metrics[7] = metric("预算支出总计", "996.11", 135)
    assert sum_metrics(facts, doc) == []
