"""Budget reports (部门预算): recognised, their tables read from DOCX and XLSX, their prose read.

The Shanghai tables are the corpus budget report's, cell by cell (tests/budget_documents.py); the
Sichuan report follows that province's table list, whose names and columns differ.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports import metric_names as names
from budget_reports.extract.prose.amounts import MONEY_OPT
from budget_reports.extract.standard_tables.recognise import BUDGET_KINDS, TableKind, kind_of_title
from budget_reports.facts import ExtractedReport, SourceKind
from budget_reports.normalize import parse_decimal
from tests.budget_documents import PUTUO_URBAN_2026, SICHUAN_COUNTY_2026, BudgetReport, write_docx, write_xlsx
from tests.prose_support import extract_file, extract_text

WRITERS = {"docx": write_docx, "xlsx": write_xlsx}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("1. 2026年部门财务收支预算总表", TableKind.BUDGET_OVERVIEW),
        ("2026年部门收入预算总表", TableKind.BUDGET_INCOME),
        ("3. 2026年部门支出预算总表", TableKind.BUDGET_EXPENDITURE),
        ("4．2026年部门财政拨款收支预算总表", TableKind.BUDGET_FISCAL_OVERVIEW),
        ("5．2026年部门一般公共预算支出功能分类预算表", TableKind.BUDGET_GPB),
        ("政府性基金预算支出功能分类预算表", TableKind.BUDGET_GOV_FUND),
        ("XX局2025年国有资本经营预算支出功能分类预算表", TableKind.BUDGET_STATE_CAPITAL),
        ("8．2026年部门一般公共预算基本支出部门预算经济分类预算表", TableKind.BUDGET_GPB_BASIC),
        ("一般公共预算基本支出经济分类预算表", TableKind.BUDGET_GPB_BASIC),
        ("9．2026年部门“三公”经费和机关运行经费预算表", TableKind.BUDGET_THREE_PUBLIC),
        ("表1 部门收支总表", TableKind.BUDGET_OVERVIEW),
        ("表1-1 部门收入总表", TableKind.BUDGET_INCOME),
        ("表1-2 部门支出总表", TableKind.BUDGET_EXPENDITURE),
        ("表2 财政拨款收支总表", TableKind.BUDGET_FISCAL_OVERVIEW),
        ("表2-1 一般公共预算支出预算表", TableKind.BUDGET_GPB),
        ("表2-2 一般公共预算基本支出预算表", TableKind.BUDGET_GPB_BASIC),
        ("表2-3 一般公共预算项目支出预算表", TableKind.BUDGET_GPB_PROJECT),
        ("表2-4 一般公共预算“三公”经费支出预算表", TableKind.BUDGET_THREE_PUBLIC),
        ("表3 政府性基金预算支出预算表", TableKind.BUDGET_GOV_FUND),
        ("表4 国有资本经营预算支出预算表", TableKind.BUDGET_STATE_CAPITAL),
        # The final accounts' tables keep their kinds.
        ("收入支出决算总表", TableKind.OVERVIEW),
        ("财政拨款收入支出决算总表", TableKind.FISCAL_OVERVIEW),
        ("一般公共预算财政拨款基本支出决算表", TableKind.GPB_BASIC),
    ],
)
def test_budget_table_titles_are_recognised(title: str, kind: TableKind) -> None:
    assert kind_of_title(title) is kind
    assert (kind in BUDGET_KINDS) == ("预算" in kind.value and "决算" not in kind.value)


def test_a_budget_explanation_is_not_a_table_title() -> None:
    assert kind_of_title("四、部门预算编制说明") is None


def _extract(tmp_path: Path, report: BudgetReport, fmt: str) -> ExtractedReport:
    return extract_file(WRITERS[fmt](tmp_path / f"budget.{fmt}", report))


_FUNCTION_TABLES = {
    TableKind.BUDGET_EXPENDITURE: names.ALL_FUNDS,
    TableKind.BUDGET_GPB: names.GPB,
    TableKind.BUDGET_GOV_FUND: names.GOV_FUND,
    TableKind.BUDGET_STATE_CAPITAL: names.STATE_CAPITAL,
}


def _expected_function_lines(report: BudgetReport) -> set[tuple]:
    """(fund, code, budget, basic, project) of every coded row of the function tables, in 万元."""
    fund_of = _FUNCTION_TABLES
    scale = Decimal(10000) if "元" in report.tables[0].unit_line and "万元" not in report.tables[0].unit_line else 1
    expected = set()
    for table in report.tables:
        fund = fund_of.get(kind_of_title(table.title))
        if fund is None:
            continue
        for row in table.rows:
            code = "".join(row[:3])
            if code.isdigit() and len(code) in (3, 5, 7):
                budget, basic, project = (None if not cell else parse_decimal(cell) / scale for cell in row[4:7])
                expected.add((fund, code, budget, basic, project))
    return expected


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("report", [PUTUO_URBAN_2026, SICHUAN_COUNTY_2026], ids=["shanghai", "sichuan"])
def test_every_function_line_of_the_budget_tables_is_read_as_a_budget(
    tmp_path: Path, report: BudgetReport, fmt: str
) -> None:
    result = _extract(tmp_path, report, fmt)
    assert result.report.report_kind == "部门预算"
    assert result.report.fiscal_year == 2026
    coded = {
        (x.fund_type, x.code, x.budget_initial, x.basic, x.project)
        for x in result.expenditure_function
        if x.source_kind is SourceKind.TABLE
    }
    expected = _expected_function_lines(report)
    assert expected and expected <= coded
    table_lines = [x for x in result.expenditure_function if x.source_kind is SourceKind.TABLE]
    assert all(x.actual is None and x.budget_initial is not None for x in table_lines)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_shanghai_budget_tables_give_their_totals_in_wanyuan_exactly(tmp_path: Path, fmt: str) -> None:
    result = _extract(tmp_path, PUTUO_URBAN_2026, fmt)
    table = {(m.metric, m.scope): m.value for m in result.summary_metrics if m.source_kind is SourceKind.TABLE}
    assert table[(names.TOTAL, None)] == Decimal("4748.3458")  # 47,483,458 元
    assert table[(names.BASIC, None)] == Decimal("3619.7265")
    assert table[(names.PROJECT, None)] == Decimal("1128.6193")
    assert table[(names.PERSONNEL, None)] == Decimal("3112.4727")
    assert table[(names.PUBLIC_USE, None)] == Decimal("507.2538")
    assert table[(names.GPB_EXPENDITURE, None)] == Decimal("4748.3458")
    # The 三公 table is in 万元, beside 机关运行经费.
    assert table[(names.THREE_PUBLIC, None)] == Decimal("114.22")
    assert table[(names.VEHICLE_PURCHASE, None)] == Decimal("75.00")
    assert table[(names.RECEPTION, None)] == Decimal("0.46")
    assert table[(names.OPERATING_COSTS, None)] == Decimal("507.25")
    # The two tables that say 本表无数据 give no line.
    funds = {x.fund_type for x in result.expenditure_function}
    assert names.GOV_FUND not in funds and names.STATE_CAPITAL not in funds
    economic = {x.code: (x.group, x.amount) for x in result.expenditure_economic}
    assert len(economic) == 33
    assert economic["30217"] == (names.PUBLIC_USE, Decimal("0.46"))
    assert economic["30302"] == (names.PERSONNEL, Decimal("207.9"))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_sichuan_budget_tables_give_fund_totals_and_three_public(tmp_path: Path, fmt: str) -> None:
    result = _extract(tmp_path, SICHUAN_COUNTY_2026, fmt)
    table = {(m.metric, m.scope): m.value for m in result.summary_metrics if m.source_kind is SourceKind.TABLE}
    assert table[(names.TOTAL, None)] == Decimal("1000")
    assert table[(names.GPB_EXPENDITURE, None)] == Decimal("960")
    assert table[(names.GOV_FUND_EXPENDITURE, None)] == Decimal("40")
    assert table[(names.BASIC, names.GPB)] == Decimal("660")
    assert table[(names.PROJECT, names.GPB)] == Decimal("300")
    assert table[(names.PERSONNEL, None)] == Decimal("560")
    assert table[(names.THREE_PUBLIC, None)] == Decimal("15")
    assert table[(names.VEHICLE_OPERATION, None)] == Decimal("8")
    # No rule finds an error in a consistent report.
    assert [f.rule_id for f in result.findings if f.severity == "error"] == []


def test_budget_prose_reads_income_spending_changes_and_numbered_lines(tmp_path: Path) -> None:
    text = (
        "上海市某区2025年区级部门预算\n预算主管部门：上海市某区体育局\n2025年部门预算编制说明\n"
        "2025年，上海市某区体育局收入预算1,200.50万元，其中：财政拨款收入1,150.50万元，比2024年预算增加50万元；"
        "事业收入50万元；其他收入0万元。\n"
        "支出预算1,200.50万元，其中：财政拨款支出预算1,150.50万元，比2024年预算增加50万元。财政拨款支出预算中，"
        "一般公共预算拨款支出预算1,150.50万元，比2024年预算增加50万元；政府性基金拨款支出预算0万元，与2024年预算持平。\n"
        "一般公共预算拨款支出主要内容如下：\n"
        "1. “文化旅游体育与传媒支出（类）体育（款）行政运行（项）”800.00万元，主要用于机关正常运转。\n"
        "2．体育（款）体育场馆（项）：2025年预算数为350.50万元，主要用于场馆维护。\n"
    )
    result = extract_text(tmp_path, text)
    assert result.report.report_kind == "部门预算"
    said = {m.metric: m for m in result.summary_metrics if m.source_kind is SourceKind.NARRATIVE}
    assert said[names.INCOME_TOTAL].value == Decimal("1200.50")
    assert said[names.FISCAL_INCOME].change_value == Decimal("50")
    assert said[names.EXPENDITURE_TOTAL].value == Decimal("1200.50")
    assert said[names.GPB_EXPENDITURE].change_value == Decimal("50")
    assert said[names.GOV_FUND_EXPENDITURE].value == 0 and said[names.GOV_FUND_EXPENDITURE].change_value == 0
    income = {x.source: x.amount for x in result.income if x.source_kind is SourceKind.NARRATIVE}
    assert income == {"财政拨款收入": Decimal("1150.50"), "事业收入": Decimal("50"), "其他收入": Decimal("0")}
    lines = {x.name_as_written: x for x in result.expenditure_function if x.source_kind is SourceKind.NARRATIVE}
    first = lines["文化旅游体育与传媒支出（类）体育（款）行政运行（项）"]
    assert (first.fund_type, first.budget_initial, first.actual) == (names.GPB, Decimal("800.00"), None)
    assert first.purpose == "机关正常运转"
    assert lines["体育（款）体育场馆（项）"].budget_initial == Decimal("350.50")


# Other provinces' budget wordings: (sentence, metric, value, share, change against last year's budget).
_BUDGET_WORDINGS = [
    ("2025年收支总预算1,234.56万元。", names.TOTAL, "1234.56", None, None),
    ("2025年政府采购预算总额123.45万元，其中：货物采购预算23.45万元。", names.PROCUREMENT_GOODS, "23.45", None, None),
    ("2025年部门预算未安排购置车辆，未安排购置单价100万元以上设备。", names.VEHICLES_PURCHASE_PLANNED, "0", None, None),
    ("2025年部门预算未安排购置车辆，未安排购置单价100万元以上设备。", names.EQUIPMENT_100_PLANNED, "0", None, None),
    ("2025年度收入总预算1,234.56万元，支出总预算1,234.56万元。", names.TOTAL, "1234.56", None, None),
    ("2025年本部门收支预算总额1,234.56万元，比上年增加100.00万元。", names.TOTAL, "1234.56", None, "100.00"),
    ("2025年部门预算收支总额1,234.56万元。", names.TOTAL, "1234.56", None, None),
    ("2025年财政拨款收支预算总额1,000.00万元。", names.FISCAL_TOTAL, "1000.00", None, None),
    ("2025年财政拨款收支总预算1,000.00万元。", names.FISCAL_TOTAL, "1000.00", None, None),
    (
        "2025年一般公共预算拨款支出1,000.00万元，比2024年预算增加50.00万元。",
        names.GPB_EXPENDITURE,
        "1000.00",
        None,
        "50.00",
    ),
    (
        "2025年政府采购预算总额123.45万元，其中：政府采购货物预算23.45万元。",
        names.PROCUREMENT_BUDGET,
        "123.45",
        None,
        None,
    ),
    (
        "2025年收入预算1,234.56万元，其中：一般公共预算拨款收入1,000.00万元，占81.00%；事业收入234.56万元。",
        names.GPB_INCOME,
        "1000.00",
        "81.00",
        None,
    ),
    ("2025年本部门政府性基金预算支出为0万元。", names.GOV_FUND_EXPENDITURE, "0", None, None),
    # The figure after 安排 (预算安排 / 经费安排): the budget's.
    ("2025年“三公”经费预算安排20.00万元，比上年预算减少2.00万元。", names.THREE_PUBLIC, "20.00", None, "-2.00"),
    ("2025年本部门机关运行经费安排80.00万元，比上年增加5.00万元。", names.OPERATING_COSTS, "80.00", None, "5.00"),
    ("2025年本部门政府采购预算安排300.00万元。", names.PROCUREMENT_BUDGET, "300.00", None, None),
    # One part that is the whole total.
    ("2025年本部门收入预算1,234.56万元，全部为一般公共预算拨款收入。", names.GPB_INCOME, "1234.56", None, None),
    ("2025年本部门支出预算1,234.56万元，均为基本支出。", names.BASIC, "1234.56", None, None),
    ("2025年本部门政府采购预算共100.00万元，其中：货物采购50.00万元。", names.PROCUREMENT_BUDGET, "100.00", None, None),
    # A planned purchase, not the equipment held (单价100万元以上设备 stays unstated).
    ("2025年部门预算安排购置单价100万元以上设备0台（套）。", names.EQUIPMENT_100_PLANNED, "0", None, None),
    ("2025年国有资本经营预算支出50.00万元，主要用于资本金注入。", names.STATE_CAPITAL_EXPENDITURE, "50.00", None, None),
    (
        "2025年本部门收入预算1,234.56万元，其中：上年结转结余20.00万元，一般公共预算拨款收入1,214.56万元。",
        names.CARRY_OVER_START,
        "20.00",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "metric", "value", "share", "change"), _BUDGET_WORDINGS)
def test_budget_wordings_of_other_provinces(
    tmp_path: Path, sentence: str, metric: str, value: str, share: str | None, change: str | None
) -> None:
    result = extract_text(tmp_path, f"某某市某某区教育局\n2025年部门预算\n一、部门预算情况说明\n{sentence}\n")
    assert result.report.report_kind == "部门预算"
    said = [m for m in result.summary_metrics if m.source_kind is SourceKind.NARRATIVE and m.metric == metric]
    assert [(m.value, m.share_pct_declared, m.change_value) for m in said] == [
        (Decimal(value), share and Decimal(share), change and Decimal(change))
    ]


@pytest.mark.parametrize(
    "item",
    [
        "1.{w}，2025年预算安排120.50万元，主要用于机关日常运转。",
        "（1）{w}120.50万元，主要用于机关日常运转。",
        "1、“{w}”科目2025年预算120.50万元，主要用于机关日常运转。",
        "1.{w}：预算120.50万元，比上年增加10.00万元，主要用于机关日常运转。",
    ],
)
def test_a_budget_item_in_other_wordings(tmp_path: Path, item: str) -> None:
    path = "一般公共服务支出（类）人大事务（款）行政运行（项）"
    text = "某某市某某区教育局\n2025年部门预算\n四、部门预算编制说明\n一般公共预算拨款支出主要内容如下：\n"
    result = extract_text(tmp_path, text + item.format(w=path) + "\n")
    (line,) = [x for x in result.expenditure_function if x.source_kind is SourceKind.NARRATIVE]
    assert (line.name_as_written, line.budget_initial, line.actual) == (path, Decimal("120.50"), None)
    assert line.purpose == "机关日常运转"


def test_final_accounts_wording_is_not_read_as_a_budget(tmp_path: Path) -> None:
    text = "某局2024年度部门决算情况说明\n2024年度收入预算执行情况良好，收入预算50万元。本年收入合计100万元。\n"
    result = extract_text(tmp_path, text)
    assert result.report.report_kind == "部门决算"
    assert all(m.metric != names.INCOME_TOTAL or m.value == 100 for m in result.summary_metrics)
    assert all(x.purpose is None for x in result.expenditure_function)


def test_the_corpus_gold_agrees_with_the_independent_transcription_of_its_tables() -> None:
    """Two hand transcriptions of the corpus budget's function tables: the gold (from the text, with
    its evidence) and the grids of tests/budget_documents.py (cell by cell)."""
    gold_csv = (
        Path(__file__).parent / "gold" / "corpus" / "shanghai-putuo-urban-management-2026-budget"
    ) / "tables_expenditure_function.csv"
    with gold_csv.open(encoding="utf-8") as handle:
        gold = {
            (
                row["fund_type"],
                row["code"],
                *(Decimal(row[c]) if row[c] else None for c in ("budget_initial", "basic", "project")),
            )
            for row in csv.DictReader(handle)
            if kind_of_title(row["source_table"]) in _FUNCTION_TABLES  # the overviews' 类 lines are not transcribed
        }
    assert gold == _expected_function_lines(PUTUO_URBAN_2026)


def test_a_projects_budget_is_read_and_the_reports_totals_are_not_projects(tmp_path: Path) -> None:
    text = (
        "某区2026年区级部门预算\n预算主管部门：上海市某区绿化和市容管理局\n"
        "本年度道路保洁经费预算金额为1,230.50万元，分别用于道路清扫。\n"
        "2026年机关运行经费预算为88.00万元。2026年收入预算为900.00万元。2026年收支总预算为900.00万元。"
        "2026年财政拨款预算为800.00万元。\n"
    )
    result = extract_text(tmp_path, text)
    projects = {(p.project_name, p.budget_initial) for p in result.performance_projects}
    assert projects == {("道路保洁经费", Decimal("1230.50"))}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区城市管理行政执法局", "部门预算"),
        ("上海市2025年市级部门预算\n\n预算主管部门：上海市体育局", "部门预算"),
        ("成都市武侯区教育局2026年部门预算公开\n\n一、部门基本情况", "部门预算"),
        ("广元市利州区某某中心2026年单位预算\n\n一、单位基本情况", "单位预算"),
        ("某区2024年度部门决算\n\n第一部分 部门概况", "部门决算"),
    ],
)
def test_the_report_kind_comes_from_the_title(tmp_path: Path, title: str, kind: str) -> None:
    result = extract_text(tmp_path, title + "\n本部门收入预算100万元。\n")
    assert result.report.report_kind == kind


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("公务接待费4,6004,600", None),  # a table row read as prose: 4,600 glued to 4,600 is never 4
        ("决算数为609.89，", "609.89"),
        ("决算数为4,600，完成", "4,600"),
        ("决算数为12,", "12"),
    ],
)
def test_a_thousands_separator_is_not_the_end_of_a_figure(text: str, figure: str | None) -> None:
    found = re.search(rf"(?:为|费){MONEY_OPT}", text)
    assert (found.group("n") if found else None) == figure


@pytest.mark.parametrize(
    ("sentence", "metric", "value", "change", "change_pct"),
    [
        (
            "2025年一般公共预算拨款支出预算1,000.00万元，比2024年预算增加100.00万元，增长11.11%。",
            names.GPB_EXPENDITURE,
            "1000.00",
            "100.00",
            "11.11",
        ),
        (
            "2025年部门预算收入1,234.56万元，比上年预算增加34.56万元，增长2.88%。",
            names.INCOME_TOTAL,
            "1234.56",
            "34.56",
            "2.88",
        ),
        (
            "2025年机关运行经费预算12.34万元，比上年增长7.49%，增加0.86万元。",
            names.OPERATING_COSTS,
            "12.34",
            "0.86",
            "7.49",
        ),
        ("2025年“三公”经费预算财政拨款12.34万元，同比下降5.00%。", names.THREE_PUBLIC, "12.34", None, "-5.00"),
        ("2025年本部门一般公共预算支出预算1,000.00万元，与上年持平。", names.GPB_EXPENDITURE, "1000.00", "0", None),
        (
            "2025年项目支出预算434.56万元，比上年预算减少20.00万元（下降4.40%）。",
            names.PROJECT,
            "434.56",
            "-20.00",
            "-4.40",
        ),
        # The national template: the year compared named before the subject, in the next sentence.
        (
            "2025年一般公共预算拨款支出1,200.00万元，占本年支出合计的80%。与2024年预算相比，一般公共预算拨款支出"
            "增加80.00万元，增长7.14%。主要原因是人员增加。",
            names.GPB_EXPENDITURE,
            "1200.00",
            "80.00",
            "7.14",
        ),
        (
            "2025年“三公”经费预算数为20.00万元。与上年相比，“三公”经费预算下降9.09%，减少2.00万元。",
            names.THREE_PUBLIC,
            "20.00",
            "-2.00",
            "-9.09",
        ),
        # 一般公共预算当年拨款 (the national template's scale of the year's appropriation), against last year's
        # execution.
        (
            "2025年一般公共预算当年拨款1,200.00万元，比2024年执行数增加50.00万元，增长4.35%。主要原因是人员增加。",
            names.GPB_EXPENDITURE,
            "1200.00",
            "50.00",
            "4.35",
        ),
        ("2025年机关运行经费预算100.00万元，与2024年执行数持平。", names.OPERATING_COSTS, "100.00", "0", None),
        # Compared with the budget, not the year before: no change.
        (
            "2025年收入预算1,500.00万元。与年初预算相比，收入预算增加100.00万元。",
            names.INCOME_TOTAL,
            "1500.00",
            None,
            None,
        ),
    ],
)
def test_a_budgets_change_against_last_years_budget(
    tmp_path: Path, sentence: str, metric: str, value: str, change: str | None, change_pct: str | None
) -> None:
    """The change's amount and percent in either order, or only one of them, in other provinces' wordings."""
    result = extract_text(tmp_path, f"某某市某某区教育局\n2025年部门预算\n一、部门预算情况说明\n{sentence}\n")
    said = [m for m in result.summary_metrics if m.source_kind is SourceKind.NARRATIVE and m.metric == metric]
    assert [(m.value, m.change_value, m.change_pct_declared) for m in said] == [
        (Decimal(value), change and Decimal(change), change_pct and Decimal(change_pct))
    ]


def test_a_funds_income_in_a_budget_is_one_row_scoped_as_its_table(tmp_path: Path) -> None:
    """``政府性基金预算拨款收入100万元，支出100万元`` in the fund's section: one income row scoped 财政拨款 (as the
    财政拨款收支总表 and final accounts' prose scope it), and the fund's spending with its change."""
    text = (
        "某某市某某区教育局\n2025年部门预算\n四、政府性基金预算支出情况说明\n"
        "2025年政府性基金预算拨款收入100.00万元，支出100.00万元，比上年增加20.00万元。\n"
    )
    said = [m for m in extract_text(tmp_path, text).summary_metrics if m.source_kind is SourceKind.NARRATIVE]
    read = {(m.metric, m.scope, m.value, m.change_value) for m in said if not m.metric.startswith("下属")}
    assert len(said) == len(read) + sum(m.metric.startswith("下属") for m in said)
    assert read == {
        (names.GOV_FUND_INCOME, names.FISCAL, Decimal("100.00"), None),
        (names.GOV_FUND_EXPENDITURE, None, Decimal("100.00"), Decimal("20.00")),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年本部门收入预算1,500.00万元，其中：财政拨款收入1,300.00万元（一般公共预算1,200.00万元、"
        "政府性基金100.00万元），事业收入150.00万元，其他收入50.00万元。",
        "2025年本部门收入预算1,500.00万元，其中：财政拨款收入1,300.00万元，其中一般公共预算拨款1,200.00万元，"
        "政府性基金预算拨款100.00万元；事业收入150.00万元，其他收入50.00万元。",
    ],
)
def test_the_funds_of_a_budgets_fiscal_income_named_alone(tmp_path: Path, sentence: str) -> None:
    """``财政拨款收入…（一般公共预算…、政府性基金…）``: each fund's income, scoped 财政拨款; the income sources
    stay the 财政拨款收入 and the others (the funds counted once), adding up to the year's income."""
    text = f"某某市某某区教育局\n2025年部门预算\n一、收支预算总体情况\n{sentence}\n"
    result = extract_text(tmp_path, text)
    said = {(m.metric, m.scope): m.value for m in result.summary_metrics if m.source_kind is SourceKind.NARRATIVE}
    assert said[names.GPB_INCOME, names.FISCAL] == Decimal("1200.00")
    assert said[names.GOV_FUND_INCOME, names.FISCAL] == Decimal("100.00")
    assert {i.source: i.amount for i in result.income} == {
        "财政拨款收入": Decimal("1300.00"),
        "事业收入": Decimal("150.00"),
        "其他收入": Decimal("50.00"),
    }
    assert not [f for f in result.findings if f.rule_id.startswith("sum.")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2025年一般公共预算拨款基本支出预算1,300.00万元，比上年预算增加50.00万元。其中：人员经费1,100.00万元，"
            "公用经费200.00万元。",
            {
                (names.BASIC, names.GPB): "1300.00",
                (names.PERSONNEL, None): "1100.00",
                (names.PUBLIC_USE, None): "200.00",
            },
        ),
        (
            "2025年基本支出预算1,000.00万元，项目支出预算500.00万元。",
            {(names.BASIC, None): "1000.00", (names.PROJECT, None): "500.00"},
        ),
        ("2025年政府性基金预算拨款项目支出预算100.00万元。", {}),
    ],
)
def test_a_funds_basic_or_project_budget_is_neither_the_reports_nor_its_total(
    tmp_path: Path, sentence: str, expected: dict[tuple[str, str | None], str]
) -> None:
    """``一般公共预算拨款基本支出预算…``: the fund's 基本支出, not the report's, and no 本年支出合计 (the
    支出预算 inside 基本支出预算 / 项目支出预算 is no total)."""
    text = f"某某市某某区教育局\n2025年部门预算\n二、收支预算总体情况\n{sentence}\n"
    said = [m for m in extract_text(tmp_path, text).summary_metrics if m.source_kind is SourceKind.NARRATIVE]
    read = {(m.metric, m.scope): m.value for m in said if not m.metric.startswith("下属")}
    assert read == {key: Decimal(value) for key, value in expected.items()}


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("本部门2025年无政府采购预算。", names.PROCUREMENT_BUDGET),
        ("2025年本部门未安排政府采购预算。", names.PROCUREMENT_BUDGET),
        ("本部门2025年无机关运行经费预算。", names.OPERATING_COSTS),
        ("本部门为事业单位，不安排机关运行经费预算。", names.OPERATING_COSTS),
        ("2025年本部门未安排“三公”经费预算。", names.THREE_PUBLIC),
        # A template's instruction to the reports that have none states nothing.
        ("无机关运行经费预算的单位，应说明原因。", None),
        ("没有“三公”经费预算的部门，作下述说明。", None),
    ],
)
def test_a_budget_stating_none_planned_states_a_zero(tmp_path: Path, sentence: str, metric: str | None) -> None:
    text = f"某某市某某区教育局\n2025年部门预算\n七、其他重要事项的情况说明\n{sentence}\n"
    said = [m for m in extract_text(tmp_path, text).summary_metrics if m.source_kind is SourceKind.NARRATIVE]
    assert [(m.metric, m.value) for m in said if not m.metric.startswith("下属")] == (
        [] if metric is None else [(metric, Decimal(0))]
    )


def test_a_funds_spending_budget_is_not_the_reports_total(tmp_path: Path) -> None:
    """``一般公共预算支出预算1,000.00万元``: the fund's budget; the report's 本年支出合计 is not stated."""
    text = "某某市某某区教育局\n2025年部门预算\n一、部门预算情况说明\n2025年本部门一般公共预算支出预算1,000.00万元。\n"
    result = extract_text(tmp_path, text)
    assert names.EXPENDITURE_TOTAL not in {m.metric for m in result.summary_metrics}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2025年收入预算总计1,500.00万元，其中：本年收入1,400.00万元，上年结转100.00万元。",
            {names.GRAND_INCOME_TOTAL: "1500.00", names.INCOME_TOTAL: "1400.00", names.CARRY_OVER_START: "100.00"},
        ),
        (
            "2025年本部门收入预算1,500.00万元，其中：一般公共预算拨款收入1,300.00万元，上年结转结余200.00万元；"
            "支出预算总计1,500.00万元。",
            {names.GRAND_INCOME_TOTAL: "1500.00", names.GRAND_EXPENDITURE_TOTAL: "1500.00"},
        ),
        (
            "部门预算收入总计1,500.00万元，支出预算合计1,400.00万元。",
            {names.GRAND_INCOME_TOTAL: "1500.00", names.EXPENDITURE_TOTAL: "1400.00"},
        ),
    ],
)
def test_a_budgets_income_with_last_years_carry_over_is_its_grand_total(
    tmp_path: Path, sentence: str, expected: dict[str, str]
) -> None:
    """收入预算总计, or an income whose listed parts take in 上年结转, is the 收支总表's 收入总计, not the year's
    本年收入合计 (which leaves the carry-over out)."""
    result = extract_text(tmp_path, f"某某市某某区教育局\n2025年部门预算\n一、收支预算总体情况\n{sentence}\n")
    said = {m.metric: m.value for m in result.summary_metrics if m.source_kind is SourceKind.NARRATIVE}
    assert {metric: said.get(metric) for metric in expected} == {k: Decimal(v) for k, v in expected.items()}
    if names.INCOME_TOTAL not in expected:
        assert names.INCOME_TOTAL not in said


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("本部门2025年实行绩效目标管理的项目12个，涉及一般公共预算当年拨款434.56万元。", "434.56"),
        ("2025年本部门所有项目均编制绩效目标，共涉及项目12个，金额434.56万元。", "434.56"),
        ("2025年本部门编制绩效目标的项目12个，涉及项目预算资金434.56万元。", "434.56"),
        ("2025年纳入绩效目标管理的项目共12个，涉及资金434.56万元。", "434.56"),
        ("2025年本部门共12个项目实行绩效目标管理，涉及一般公共预算当年财政拨款434.56万元。", "434.56"),
        ("2025年本部门实行绩效目标管理的项目十二个。", None),
        ("2025年全部项目均编制了绩效目标，共计12个项目，涉及资金434.56万元，绩效目标覆盖率100%。", "434.56"),
        (
            "2025年本部门绩效目标管理覆盖一般公共预算项目12个，涉及资金434.56万元；部门整体支出绩效目标1个，"
            "涉及资金1,500.00万元。",
            "434.56",
        ),
    ],
)
def test_projects_with_performance_targets_in_a_budget(tmp_path: Path, sentence: str, amount: str | None) -> None:
    text = f"某某市某某区教育局\n2025年部门预算\n十一、绩效目标设置情况\n{sentence}\n"
    said = {m.metric: m.value for m in extract_text(tmp_path, text).summary_metrics}
    assert said[names.PERF_TARGETS] == 12
    assert said.get(names.PERF_TARGETS_AMOUNT) == (amount and Decimal(amount))


def test_the_appropriation_involved_in_counted_projects_is_not_the_funds_spending(tmp_path: Path) -> None:
    """``实行绩效目标管理的项目12个，涉及一般公共预算当年拨款500万元``: the projects' money, not the 一般公共预算
    当年拨款 (the year's appropriation) the report states elsewhere."""
    text = (
        "某某市某某区教育局\n2025年部门预算\n十、其他重要事项的情况说明\n（四）预算绩效管理情况\n"
        "2025年本部门实行绩效目标管理的项目12个，涉及一般公共预算当年拨款500.00万元。\n"
    )
    said = {m.metric: m.value for m in extract_text(tmp_path, text).summary_metrics}
    assert said[names.PERF_TARGETS_AMOUNT] == Decimal("500.00") and names.GPB_EXPENDITURE not in said


def test_projects_assessed_before_the_budget(tmp_path: Path) -> None:
    """``开展事前绩效评估项目3个``: the count after the activity, as budgets write it."""
    sentence = "2025年本部门开展事前绩效评估项目3个，涉及资金200.00万元。"
    text = f"某某市某某区教育局\n2025年部门预算\n十一、绩效目标设置情况\n{sentence}\n"
    said = {m.metric: m.value for m in extract_text(tmp_path, text).summary_metrics}
    assert said.get(names.PERF_PRE_ASSESSED) == 3


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("1.城市管理专项经费项目：预算金额为349.80万元，主要用于拆违。", "城市管理专项经费"),
        ("（1）拆违经费349.80万元，主要用于拆除违法建筑。", "拆违经费"),
        ("城市管理专项经费项目，2025年安排预算349.80万元，主要用于拆违。", "城市管理专项经费"),
    ],
)
def test_a_project_item_of_the_projects_section(tmp_path: Path, item: str, name: str) -> None:
    text = f"某某市某某区城市管理局\n2025年部门预算\n六、项目支出情况\n2025年项目支出预算349.80万元。\n{item}\n"
    result = extract_text(tmp_path, text)
    assert [(p.project_name, p.budget_initial) for p in result.performance_projects] == [(name, Decimal("349.80"))]


def test_an_item_outside_a_projects_section_is_no_project(tmp_path: Path) -> None:
    text = "某某市某某区城市管理局\n2025年部门预算\n八、机关运行经费\n（1）办公经费12.34万元，主要用于日常办公。\n"
    assert extract_text(tmp_path, text).performance_projects == []


@pytest.mark.parametrize(
    ("total", "opener"),
    [
        ("一般公共预算拨款支出", "主要用于以下方面："),
        ("一般公共预算拨款支出", "主要用于："),
        ("一般公共预算拨款支出", "按功能分类："),
        # 当年拨款, and the change against last year's budget before the list
        ("一般公共预算当年拨款", "比上年预算减少50.00万元，下降4.76%，主要用于："),
    ],
)
def test_a_budgets_structure_states_budgets(tmp_path: Path, total: str, opener: str) -> None:
    """The 类 after a budget's 一般公共预算拨款支出 total are budgets (budget_initial), never actual spending."""
    text = (
        "某某市某某区教育局\n2025年部门预算\n四、一般公共预算支出情况\n"
        f"2025年{total}1,000.00万元，{opener}一般公共服务支出800.00万元，占80.00%；"
        "卫生健康支出200.00万元，占20.00%。\n"
    )
    result = extract_text(tmp_path, text)
    rows = {(x.name_as_written, x.budget_initial, x.actual) for x in result.expenditure_function}
    assert rows == {
        ("一般公共服务支出（类）", Decimal("800.00"), None),
        ("卫生健康支出（类）", Decimal("200.00"), None),
    }


_LAND = "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）"
_LOTTERY = "其他支出（类）彩票公益金安排的支出（款）用于社会福利的彩票公益金支出（项）"


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        # The section's heading names the fund; no sentence before the line says it again.
        (
            f"八、政府性基金预算支出情况说明\n2025年政府性基金预算支出预算1,000.00万元。\n1.{_LAND}1,000.00万元，主要用于征地。\n",
            {(names.GOV_FUND, _LAND, Decimal("1000.00"))},
        ),
        # Lines listed in the sentence that states the fund's total, after 主要用于： / 具体为： / 其中：.
        (
            f"八、政府性基金预算支出情况说明\n2025年政府性基金预算支出预算1,234.56万元，主要用于：{_LAND}1,000.00万元；"
            f"{_LOTTERY}234.56万元。\n",
            {(names.GOV_FUND, _LAND, Decimal("1000.00")), (names.GOV_FUND, _LOTTERY, Decimal("234.56"))},
        ),
        (
            f"八、政府性基金预算支出情况说明\n本部门2025年政府性基金预算拨款支出234.56万元，具体为：{_LOTTERY}234.56万元。\n",
            {(names.GOV_FUND, _LOTTERY, Decimal("234.56"))},
        ),
        # The name's own 用于 stays; the words leading into it do not.
        (
            "八、政府性基金预算支出情况说明\n2025年政府性基金预算拨款支出234.56万元。"
            "主要是用于社会福利的彩票公益金支出（项）234.56万元。\n",
            {(names.GOV_FUND, "用于社会福利的彩票公益金支出（项）", Decimal("234.56"))},
        ),
        (
            "五、一般公共预算拨款支出预算情况说明\n2025年一般公共预算拨款支出预算1,234.56万元，主要用于："
            "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）1,000.00万元；"
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）234.56万元。\n",
            {
                (
                    names.GPB,
                    "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）",
                    Decimal("1000.00"),
                ),
                (
                    names.GPB,
                    "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
                    Decimal("234.56"),
                ),
            },
        ),
    ],
)
def test_a_budgets_lines_take_the_fund_of_their_section(tmp_path: Path, section: str, expected: set) -> None:
    """A budget's 类/款/项 lines are the fund's its section or sentence names, stated as budgets."""
    text = "某某市某某区自然资源局\n2025年部门预算\n第二部分 2025年部门预算情况说明\n" + section
    result = extract_text(tmp_path, text)
    narrative = [x for x in result.expenditure_function if x.source_kind is SourceKind.NARRATIVE]
    assert {(x.fund_type, x.name_as_written, x.budget_initial) for x in narrative} == expected
    assert all(x.actual is None for x in narrative)


def test_a_fund_section_ends_the_lines_fund_of_the_section_before(tmp_path: Path) -> None:
    """Lines introduced as the 一般公共预算's, then a 政府性基金 section: its line is no longer the GPB's."""
    text = (
        "某某市某某区自然资源局\n2025年部门预算\n第二部分 2025年部门预算情况说明\n"
        "五、一般公共预算拨款支出预算情况说明\n一般公共预算拨款支出主要内容如下：\n1.一般公共服务支出（类）人大事务（款）行政运行（项）120.50万元，主要用于机关运转。\n"
        f"八、政府性基金预算支出情况说明\n1.{_LAND}1,000.00万元，主要用于征地。\n"
        "九、机关运行经费\n1.一般公共服务支出（类）人大事务（款）一般行政管理事务（项）20.00万元，主要用于会议。\n"
    )
    funds = {
        x.name_as_written.split("（款）")[-1]: x.fund_type for x in extract_text(tmp_path, text).expenditure_function
    }
    assert funds == {
        "行政运行（项）": names.GPB,
        "征地和拆迁补偿支出（项）": names.GOV_FUND,
        "一般行政管理事务（项）": names.GPB,
    }


def test_a_planned_purchase_is_no_equipment_held(tmp_path: Path) -> None:
    text = (
        "某某市某某区教育局\n2025年部门预算\n七、其他重要事项\n2025年部门预算安排购置单价100万元以上设备0台（套）。\n"
    )
    said = {m.metric for m in extract_text(tmp_path, text).summary_metrics}
    assert names.EQUIPMENT_100_PLANNED in said
    assert names.EQUIPMENT_100 not in said


@pytest.mark.parametrize(
    "heading",
    ["五、一般公共预算支出预算情况说明", "五、一般公共预算拨款支出预算情况", "（一）一般公共预算拨款基本支出预算"],
)
def test_parts_of_the_funds_spending_in_its_section_are_the_funds(tmp_path: Path, heading: str) -> None:
    """A budget's 一般公共预算 section (titled without 财政拨款) states that fund's 基本支出 and 项目支出."""
    sentence = "2025年一般公共预算支出预算1,234.56万元，其中基本支出1,000.00万元，项目支出234.56万元。"
    result = extract_text(tmp_path, f"某某市某某区教育局\n2025年部门预算\n{heading}\n{sentence}\n")
    said = {(x.metric, x.scope) for x in result.summary_metrics if x.metric in (names.BASIC, names.PROJECT)}
    assert said == {(names.BASIC, names.GPB), (names.PROJECT, names.GPB)}


def test_budget_parts_listed_after_a_funds_total_are_the_funds(tmp_path: Path) -> None:
    sentence = "2025年一般公共预算支出预算1,234.56万元，其中：基本支出预算1,000.00万元，项目支出预算234.56万元。"
    result = extract_text(tmp_path, f"某某市某某区教育局\n2025年部门预算\n三、支出预算情况说明\n{sentence}\n")
    said = {(x.metric, x.scope) for x in result.summary_metrics if x.metric in (names.BASIC, names.PROJECT)}
    assert said == {(names.BASIC, names.GPB), (names.PROJECT, names.GPB)}
