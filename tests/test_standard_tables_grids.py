"""Standard tables as DOCX and spreadsheets give them (Sichuan's fourteen-table layout): plain grids
with the title and unit in the first rows or above the table, 栏次 rows, joined or split codes,
amounts in 元, several column groups side by side, and tables that say they hold no data."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from budget_reports.extract.standard_tables import TableKind, find_standard_tables, read_tables
from budget_reports.extract.standard_tables.recognise import kind_of_title
from tests.standard_table_grids import document

D = Decimal


def metrics(facts) -> dict[tuple[str, str | None], tuple[Decimal | None, Decimal | None]]:
    return {(m.metric, m.scope): (m.value, m.budget_value) for m in facts.summary_metrics}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收入支出决算总表", TableKind.OVERVIEW),
        ("表1：收入支出决算总表", TableKind.OVERVIEW),
        ("XX局2023年度收入决算表", TableKind.INCOME),
        ("支出决算表（续）", TableKind.EXPENDITURE),
        ("四、财政拨款收入支出决算总表", TableKind.FISCAL_OVERVIEW),
        ("财政拨款支出决算明细表", TableKind.FISCAL_DETAIL),
        ("一般公共预算财政拨款支出决算表", TableKind.GPB_EXPENDITURE),
        ("一般公共预算财政拨款支出决算明细表", TableKind.GPB_DETAIL),
        ("一般公共预算财政拨款基本支出决算表", TableKind.GPB_BASIC),
        ("一般公共预算财政拨款项目支出决算表", TableKind.GPB_PROJECT),
        ("财政拨款“三公”经费支出决算表", TableKind.THREE_PUBLIC),
        ('一般公共预算财政拨款"三公"经费支出决算表', TableKind.GPB_THREE_PUBLIC),
        ("政府性基金预算财政拨款收入支出决算表", TableKind.GOV_FUND),
        ("政府性基金预算财政拨款‘三公’经费支出决算表", TableKind.GOV_FUND_THREE_PUBLIC),
        ("国有资本经营预算财政拨款收入支出决算表", TableKind.STATE_CAPITAL),
        ("十四、国有资本经营预算财政拨款支出决算表", TableKind.STATE_CAPITAL_EXPENDITURE),
        ("五、一般公共预算财政拨款支出决算情况说明", None),
        ("第二部分 上海市XX局2024年度部门决算表", None),
        ("部门预算项目支出绩效自评表", None),
    ],
)
def test_title_names_the_table_kind(title: str, kind: TableKind | None) -> None:
    assert kind_of_title(title) is kind


def test_spreadsheet_expenditure_table_in_yuan_with_joined_codes() -> None:
    doc = document(
        [
            ["支出决算表", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "", "公开03表"],
            ["部门：某某局", "", "", "", "", "", "", "金额单位：元"],
            ["项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", "1,234,567.89", "1,000,000.00", "234,567.89", "", "", ""],
            ["201", "一般公共服务支出", "1,234,567.89", "1,000,000.00", "234,567.89", "", "", ""],
            ["20101", "人大事务", "1,234,567.89", "1,000,000.00", "234,567.89", "", "", ""],
            ["2010101", "行政运行", "1,000,000.00", "1,000,000.00", "", "", "", ""],
            ["2010199", "其他人大事务\n支出", "234,567.89", "", "234,567.89", "", "", ""],
        ]
    )
    [found] = find_standard_tables(doc)
    assert (found.kind, found.unit, found.first_row, found.no_data) == (TableKind.EXPENDITURE, "元", 3, False)
    facts = read_tables(doc)
    lines = {line.code: line for line in facts.expenditure_function}
    assert list(lines) == ["201", "20101", "2010101", "2010199"]
    assert [line.level for line in lines.values()] == ["类", "款", "项", "项"]
    # Converted from 元 without losing a fen.
    assert lines["2010199"].actual == D("23.456789") and lines["2010199"].basic is None
    assert lines["2010199"].project == D("23.456789")
    assert lines["2010199"].name_as_written == "其他人大事务支出"
    assert (lines["2010101"].class_code, lines["2010101"].kuan_code, lines["2010101"].xiang_code) == (
        "201",
        "20101",
        "2010101",
    )
    assert {line.fund_type for line in lines.values()} == {"全部资金"}
    assert lines["2010101"].evidence.line == doc.blocks[0].line + 9
    assert lines["2010101"].evidence.snippet == "2010101 行政运行 1,000,000.00 1,000,000.00"
    assert metrics(facts) == {
        ("本年支出合计", None): (D("123.456789"), None),
        ("基本支出", None): (D("100"), None),
        ("项目支出", None): (D("23.456789"), None),
    }


def test_general_budget_table_with_lei_kuan_xiang_columns() -> None:
    doc = document(
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        [
            ["项目", "", "", "", "本年支出", "", ""],
            ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""],
            ["", "", "", "合计", "300.00", "200.00", "100.00"],
            ["208", "", "", "社会保障和就业支出", "300.00", "200.00", "100.00"],
            ["208", "05", "", "行政事业单位养老支出", "300.00", "200.00", "100.00"],
            ["208", "05", "01", "行政单位离退休", "120.00", "120.00", ""],
            ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "180.00", "80.00", "100.00"],
        ],
    )
    facts = read_tables(doc)
    got = [(x.code, x.level, x.actual, x.basic, x.project) for x in facts.expenditure_function]
    assert got == [
        ("208", "类", D("300.00"), D("200.00"), D("100.00")),
        ("20805", "款", D("300.00"), D("200.00"), D("100.00")),
        ("2080501", "项", D("120.00"), D("120.00"), None),
        ("2080505", "项", D("180.00"), D("80.00"), D("100.00")),
    ]
    assert {x.fund_type for x in facts.expenditure_function} == {"一般公共预算财政拨款"}
    assert {x.source_table for x in facts.expenditure_function} == {"一般公共预算财政拨款支出决算表"}
    assert metrics(facts) == {
        ("一般公共预算财政拨款支出", None): (D("300.00"), None),
        ("基本支出", "一般公共预算财政拨款"): (D("200.00"), None),
        ("项目支出", "一般公共预算财政拨款"): (D("100.00"), None),
    }


def test_codes_repeated_in_full_in_each_column_and_names_wrapped_onto_their_own_row() -> None:
    doc = document(
        "一般公共预算财政拨款支出决算表",
        [
            ["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"],
            ["208", "20805", "2080505", "机关事业单位基本养老保险缴费", "160.75", "160.75", ""],
            ["", "", "", "支出", "", "", ""],
        ],
    )
    [line] = read_tables(doc).expenditure_function
    assert (line.code, line.actual) == ("2080505", D("160.75"))
    assert line.name_as_written == "机关事业单位基本养老保险缴费支出"


@pytest.mark.parametrize(
    "note",
    [
        "注：本单位无政府性基金预算财政拨款收入支出，故本表无数据。",
        "说明：某某局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
        "本部门2023年度没有政府性基金预算财政拨款收支。",
    ],
)
def test_a_table_that_says_it_has_no_data_gives_no_rows(note: str) -> None:
    table = [
        ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
        ["", "合计", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ["229", "其他支出", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
    ]
    doc = document("政府性基金预算财政拨款收入支出决算表", "单位：万元", table, note)
    [found] = find_standard_tables(doc)
    assert found.no_data
    facts = read_tables(doc)
    assert facts.expenditure_function == [] and facts.summary_metrics == []
    # Without the note the same table is read.
    assert read_tables(document("政府性基金预算财政拨款收入支出决算表", table)).expenditure_function


def test_no_data_said_inside_the_table() -> None:
    doc = document(
        "国有资本经营预算财政拨款支出决算表",
        [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["本表无数据", "", "", "", ""]],
    )
    [found] = find_standard_tables(doc)
    assert found.kind is TableKind.STATE_CAPITAL_EXPENDITURE and found.no_data
    assert read_tables(doc).expenditure_function == []


def test_template_placeholders_give_no_figures() -> None:
    doc = document(
        "一般公共预算财政拨款支出决算表",
        [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["205", "教育支出", "XX", "XX", "XX"],
            ["20502", "普通教育", "XXX", "", ""],
            ["…", "…", "", "", ""],
            ["", "合计", "XX", "XX", "XX"],
        ],
    )
    assert [t.kind for t in find_standard_tables(doc)] == [TableKind.GPB_EXPENDITURE]
    facts = read_tables(doc)
    assert facts.expenditure_function == [] and facts.summary_metrics == []


def test_sichuan_basic_expenditure_table_with_three_column_groups_in_yuan() -> None:
    doc = document(
        "一般公共预算财政拨款基本支出决算表",
        "金额单位：元",
        [
            ["人员经费", "", "", "公用经费", "", "", "", "", ""],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            ["301", "工资福利支出", "1,000,000.00", "302", "商品和服务支出", "200,000.00", "307", "债务利息", ""],
            ["30101", "基本工资", "600,000.00", "30201", "办公费", "150,000.00", "310", "资本性支出", "50,000.00"],
            ["30102", "津贴补贴", "400,000.00", "30202", "印刷费", "50,000.00", "31002", "办公设备购置", "50,000.00"],
            ["303", "对个人和家庭的补助", "10,000.00", "", "", "", "", "", ""],
            ["30302", "退休费", "10,000.00", "", "", "", "", "", ""],
            ["人员经费合计", "", "1,010,000.00", "公用经费合计", "", "", "", "", "250,000.00"],
        ],
    )
    facts = read_tables(doc)
    got = {(x.group, x.code, x.name, x.amount) for x in facts.expenditure_economic}
    assert got == {
        ("人员经费", "301", "工资福利支出", D("100")),
        ("人员经费", "30101", "基本工资", D("60")),
        ("人员经费", "30102", "津贴补贴", D("40")),
        ("人员经费", "303", "对个人和家庭的补助", D("1")),
        ("人员经费", "30302", "退休费", D("1")),
        ("公用经费", "302", "商品和服务支出", D("20")),
        ("公用经费", "30201", "办公费", D("15")),
        ("公用经费", "30202", "印刷费", D("5")),
        ("公用经费", "310", "资本性支出", D("5")),
        ("公用经费", "31002", "办公设备购置", D("5")),
    }
    assert metrics(facts) == {("人员经费", None): (D("101"), None), ("公用经费", None): (D("25"), None)}


@pytest.mark.parametrize(
    "numbers",
    [
        [],
        # a row numbering the columns under the header, no 栏次 cell before it: no figure of it is an amount
        [[str(k) for k in range(1, 13)]],
        # laid-out text may write a wide table's numbers out of their order
        [["10", "11", "12", *(str(k) for k in range(1, 10))]],
    ],
)
def test_sichuan_three_public_table_with_budget_and_actual_as_top_groups(numbers: list[list[str]]) -> None:
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    doc = document(
        '一般公共预算财政拨款"三公"经费支出决算表',
        "单位：万元",
        [
            ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
            items + items,
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2,
            *numbers,
            ["10.00", "0.00", "8.00", "0.00", "8.00", "2.00", "9.50", "", "7.50", "", "7.50", "2.00"],
        ],
    )
    assert metrics(read_tables(doc)) == {
        ("三公经费", None): (D("9.50"), D("10.00")),
        ("因公出国（境）费", None): (None, D("0.00")),
        ("公务用车购置及运行维护费", None): (D("7.50"), D("8.00")),
        ("公务用车购置费", None): (None, D("0.00")),
        ("公务用车运行维护费", None): (D("7.50"), D("8.00")),
        ("公务接待费", None): (D("2.00"), D("2.00")),
    }


def test_a_first_row_of_small_whole_figures_is_read() -> None:
    """Figures 1, 2, 3 as a table's only row (no row below it) are figures, not column numbers."""
    doc = document(
        "财政拨款“三公”经费支出决算表",
        "单位：万元",
        [["决算数", "", ""], ["合计", "因公出国（境）费", "公务接待费"], ["3", "1", "2"]],
    )
    assert metrics(read_tables(doc)) == {
        ("三公经费", None): (D("3"), None),
        ("因公出国（境）费", None): (D("1"), None),
        ("公务接待费", None): (D("2"), None),
    }


def test_three_public_items_as_rows() -> None:
    doc = document(
        "财政拨款“三公”经费支出决算表",
        [
            ["项目", "预算数", "决算数"],
            ["合计", "5.00", "4.00"],
            ["1.因公出国（境）费", "", ""],
            ["2.公务用车购置及运行维护费", "3.00", "2.50"],
            ["其中：公务用车购置费", "", ""],
            ["公务用车运行维护费", "3.00", "2.50"],
            ["3.公务接待费", "2.00", "1.50"],
        ],
    )
    assert metrics(read_tables(doc)) == {
        ("三公经费", None): (D("4.00"), D("5.00")),
        ("公务用车购置及运行维护费", None): (D("2.50"), D("3.00")),
        ("公务用车运行维护费", None): (D("2.50"), D("3.00")),
        ("公务接待费", None): (D("1.50"), D("2.00")),
    }


def test_sichuan_overview_with_row_number_columns() -> None:
    doc = document(
        "收入支出决算总表",
        "单位：万元",
        [
            ["收入", "", "", "支出", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"],
            ["一、一般公共预算财政拨款收入", "1", "500.00", "一、一般公共服务支出", "32", "450.00"],
            ["二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "33", ""],
            ["四、事业收入", "4", "40.00", "八、社会保障和就业支出", "39", "80.00"],
            ["八、其他收入", "8", "10.00", "", "", ""],
            ["本年收入合计", "11", "550.00", "本年支出合计", "61", "530.00"],
            ["使用非财政拨款结余", "12", "", "结余分配", "62", ""],
            ["年初结转和结余", "13", "20.00", "年末结转和结余", "63", "40.00"],
            ["总计", "14", "570.00", "总计", "64", "570.00"],
        ],
    )
    facts = read_tables(doc)
    assert [(x.source, x.amount) for x in facts.income] == [
        ("一般公共预算财政拨款收入", D("500.00")),
        ("事业收入", D("40.00")),
        ("其他收入", D("10.00")),
    ]
    assert facts.income[0].evidence.snippet == "一、一般公共预算财政拨款收入 500.00"
    assert metrics(facts) == {
        ("本年收入合计", None): (D("550.00"), None),
        ("本年支出合计", None): (D("530.00"), None),
        ("年初结转和结余", None): (D("20.00"), None),
        ("年末结转和结余", None): (D("40.00"), None),
        ("收支总计", None): (D("570.00"), None),
    }
    # The expenditure side gives its 类 printed with an amount, by name: the resolver adds the codes.
    got = [(x.fund_type, x.level, x.name_as_written, x.code, x.actual) for x in facts.expenditure_function]
    assert got == [
        ("全部资金", "类", "一般公共服务支出", None, D("450.00")),
        ("全部资金", "类", "社会保障和就业支出", None, D("80.00")),
    ]
    first = facts.expenditure_function[0]
    assert first.source_table == "收入支出决算总表" and first.source_kind == "table"
    assert (first.evidence.snippet, first.evidence.line) == ("一、一般公共服务支出 450.00", 6)


def test_overview_listing_spending_by_kind_gives_no_classification_lines() -> None:
    # Some overviews list 基本支出 / 项目支出 where others list the 类; rows under 本年支出合计 are not 类.
    doc = document(
        "收入支出决算总表",
        [
            ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "500.00", "一、基本支出", "400.00"],
            ["二、事业收入", "50.00", "二、项目支出", "130.00"],
            ["本年收入合计", "550.00", "本年支出合计", "530.00"],
            ["", "", "年末结转和结余", "20.00"],
            ["", "", "其他支出", "5.00"],
        ],
    )
    assert read_tables(doc).expenditure_function == []


def test_overview_printing_its_grand_total_first_gives_its_classification_lines() -> None:
    # 总计 printed above the rows (a report printing each total first) closes no 类: they follow it.
    doc = document(
        "收入支出决算总表",
        [
            ["项目", "决算数", "项目", "决算数"],
            ["总计", "570.00", "总计", "570.00"],
            ["一、一般公共预算财政拨款收入", "550.00", "一、一般公共服务支出", "450.00"],
            ["", "", "二、社会保障和就业支出", "80.00"],
            ["本年收入合计", "550.00", "本年支出合计", "530.00"],
            ["年初结转和结余", "20.00", "年末结转和结余", "40.00"],
            ["", "", "其他支出", "5.00"],
        ],
    )
    facts = read_tables(doc)
    got = [(x.name_as_written, x.actual) for x in facts.expenditure_function]
    assert got == [("一般公共服务支出", D("450.00")), ("社会保障和就业支出", D("80.00"))]
    assert metrics(facts)["收支总计", None] == (D("570.00"), None)


def test_income_table_gives_income_when_no_overview_does() -> None:
    sources = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    income_table = [
        ["项目", "", "本年收入合计", *sources],
        ["科目编码", "科目名称", "", "", "", "", "", "", ""],
        ["", "合计", "5,500,000.00", "5,000,000.00", "", "400,000.00", "", "", "100,000.00"],
        ["201", "一般公共服务支出", "5,500,000.00", "5,000,000.00", "", "400,000.00", "", "", "100,000.00"],
    ]
    facts = read_tables(document("收入决算表", "单位：元", income_table))
    assert [(x.source, x.amount) for x in facts.income] == [
        ("财政拨款收入", D("500")),
        ("事业收入", D("40")),
        ("其他收入", D("10")),
    ]
    assert metrics(facts) == {("本年收入合计", None): (D("550"), None)}
    # With an overview, its income rows are the ones kept (the two tables print the same sources).
    overview = [
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "500.00", "一、一般公共服务支出", "550.00"],
        ["五、事业收入", "40.00", "", ""],
        ["八、其他收入", "10.00", "", ""],
        ["本年收入合计", "550.00", "本年支出合计", "550.00"],
    ]
    both = read_tables(document("收入支出决算总表", overview, "收入决算表", "单位：元", income_table))
    assert [x.source for x in both.income] == ["一般公共预算财政拨款收入", "事业收入", "其他收入"]
    assert [(m.metric, m.value) for m in both.summary_metrics if m.metric == "本年收入合计"] == [
        ("本年收入合计", D("550.00"))
    ]


def test_fiscal_overview_metrics_are_scoped() -> None:
    doc = document(
        "财政拨款收入支出决算总表",
        [
            ["收入", "", "支出", "", "", "", ""],
            ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算"],
            ["一、一般公共预算财政拨款", "90.00", "一、一般公共服务支出", "95.00", "90.00", "5.00", ""],
            ["二、政府性基金预算财政拨款", "5.00", "", "", "", "", ""],
            ["本年收入合计", "95.00", "本年支出合计", "95.00", "90.00", "5.00", ""],
            ["年初财政拨款结转和结余", "3.00", "年末财政拨款结转和结余", "3.00", "3.00", "", ""],
            ["一、一般公共预算财政拨款", "3.00", "", "", "", "", ""],
            ["总计", "98.00", "总计", "98.00", "93.00", "5.00", ""],
        ],
    )
    facts = read_tables(doc)
    # Its 类 by the fund columns printed; the 合计 column (all fiscal funds together) is no fund type.
    assert [(x.fund_type, x.name_as_written, x.actual) for x in facts.expenditure_function] == [
        ("一般公共预算财政拨款", "一般公共服务支出", D("90.00")),
        ("政府性基金预算财政拨款", "一般公共服务支出", D("5.00")),
    ]
    assert {x.source_table for x in facts.expenditure_function} == {"财政拨款收入支出决算总表"}
    assert all(x.evidence.snippet == "一、一般公共服务支出 95.00 90.00 5.00" for x in facts.expenditure_function)
    assert metrics(facts) == {
        ("一般公共预算财政拨款收入", "财政拨款"): (D("90.00"), None),
        ("政府性基金预算财政拨款收入", "财政拨款"): (D("5.00"), None),
        ("本年收入合计", "财政拨款"): (D("95.00"), None),
        ("本年支出合计", "财政拨款"): (D("95.00"), None),
        ("一般公共预算财政拨款支出", None): (D("90.00"), None),
        ("政府性基金预算财政拨款支出", None): (D("5.00"), None),
        ("年初结转和结余", "财政拨款"): (D("3.00"), None),
        ("年末结转和结余", "财政拨款"): (D("3.00"), None),
        ("财政拨款收支总计", None): (D("98.00"), None),
    }


def test_fiscal_overview_without_a_total_column_gives_the_lines_of_each_fund_column() -> None:
    doc = document(
        "财政拨款收入支出决算总表",
        [
            ["项目", "决算数", "项目", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
            ["一、一般公共预算财政拨款", "90.00", "一、一般公共服务支出", "90.00", ""],
            ["二、政府性基金预算财政拨款", "5.00", "十一、城乡社区支出", "", "5.00"],
            ["本年收入合计", "95.00", "本年支出合计", "90.00", "5.00"],
        ],
    )
    assert [(x.fund_type, x.name_as_written, x.actual) for x in read_tables(doc).expenditure_function] == [
        ("一般公共预算财政拨款", "一般公共服务支出", D("90.00")),
        ("政府性基金预算财政拨款", "城乡社区支出", D("5.00")),
    ]


def test_a_table_without_title_is_known_by_its_header_and_other_tables_are_ignored() -> None:
    three_public = [
        ["合计", "", "因公出国（境）费", "", "公务接待费", ""],
        ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
        ["1.00", "0.80", "", "", "1.00", "0.80"],
    ]
    performance = [["项目名称", "某项目"], ["年度预算数", "10"], ["执行数", "9"]]
    found = find_standard_tables(document("部门预算项目支出绩效自评表", performance, "附：", three_public))
    assert [t.kind for t in found] == [TableKind.THREE_PUBLIC]
    assert metrics(read_tables(document(three_public)))[("三公经费", None)] == (D("0.80"), D("1.00"))


GENERAL_BUDGET = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "10.00", "10.00", ""],
    ["", "合计", "10.00", "10.00", ""],
]
THREE_PUBLIC = [
    ["合计", "", "公务接待费", ""],
    ["预算数", "决算数", "预算数", "决算数"],
    ["1.00", "0.80", "1.00", "0.80"],
]


def test_a_table_printed_twice_gives_its_rows_once() -> None:
    facts = read_tables(
        document("一般公共预算财政拨款支出决算表", GENERAL_BUDGET, "一般公共预算财政拨款支出决算表", GENERAL_BUDGET)
    )
    assert [x.code for x in facts.expenditure_function] == ["201"]
    assert [m.metric for m in facts.summary_metrics] == ["一般公共预算财政拨款支出", "基本支出"]


def test_a_table_that_fails_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from budget_reports.extract import standard_tables
    from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo

    def broken(found, document, facts) -> None:
        facts.summary_metrics.append(None)  # half-read rows must not be kept
        raise ValueError("unexpected layout")

    monkeypatch.setitem(standard_tables.READERS, TableKind.THREE_PUBLIC, broken)
    doc = document("一般公共预算财政拨款支出决算表", GENERAL_BUDGET, "财政拨款“三公”经费支出决算表", THREE_PUBLIC)
    problems: list[str] = []
    facts = read_tables(doc, problems)
    assert [x.code for x in facts.expenditure_function] == ["201"]
    assert None not in facts.summary_metrics
    assert problems == ["附表“财政拨款“三公”经费支出决算表”（第6行）未能读取：ValueError: unexpected layout"]
    info = ReportInfo("r", "grid.docx", "0" * 64, "docx", ParseStatus.OK, "test", datetime(2026, 1, 1), 1)
    report = ExtractedReport(report=info)
    standard_tables.extract_standard_tables(doc, report)
    assert report.report.parse_status is ParseStatus.PARTIAL
    assert "unexpected layout" in (report.report.error_message or "")
    assert [x.code for x in report.expenditure_function] == ["201"]


def test_codes_written_before_the_names_in_one_column() -> None:
    doc = document(
        "国有资本经营预算财政拨款支出决算表",
        [
            ["项目", "本年支出", "", ""],
            ["", "合计", "基本支出", "项目支出"],
            ["合计", "8.00", "", "8.00"],
            ["223 国有资本经营预算支出", "8.00", "", "8.00"],
            ["22301 解决历史遗留问题及改革成本支出", "8.00", "", "8.00"],
            ["2230105  国有企业退休人员社会化管理补助支出", "8.00", "", "8.00"],
        ],
    )
    facts = read_tables(doc)
    got = [(x.code, x.level, x.name_as_written, x.actual, x.project) for x in facts.expenditure_function]
    assert got == [
        ("223", "类", "国有资本经营预算支出", D("8.00"), D("8.00")),
        ("22301", "款", "解决历史遗留问题及改革成本支出", D("8.00"), D("8.00")),
        ("2230105", "项", "国有企业退休人员社会化管理补助支出", D("8.00"), D("8.00")),
    ]
    assert {x.fund_type for x in facts.expenditure_function} == {"国有资本经营预算财政拨款"}
    assert metrics(facts) == {
        ("国有资本经营预算财政拨款支出", None): (D("8.00"), None),
        ("项目支出", "国有资本经营预算财政拨款"): (D("8.00"), None),
    }


def test_an_expenditure_table_repeating_an_earlier_total_keeps_it_under_its_title() -> None:
    fiscal_overview = [
        ["收入", "", "支出", "", ""],
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款"],
        ["一、一般公共预算财政拨款", "10.00", "一、一般公共服务支出", "10.00", "10.00"],
        ["本年收入合计", "10.00", "本年支出合计", "10.00", "10.00"],
        ["总计", "10.00", "总计", "10.00", "10.00"],
    ]
    facts = read_tables(
        document("财政拨款收入支出决算总表", fiscal_overview, "一般公共预算财政拨款支出决算表", GENERAL_BUDGET)
    )
    general = [m for m in facts.summary_metrics if m.metric == "一般公共预算财政拨款支出"]
    # The overview states it first; the general-budget table's own 合计 row is kept beside it.
    assert [m.scope for m in general] == [None, "一般公共预算财政拨款支出决算表"]
    assert general[0].evidence.line is not None and general[1].evidence.line is not None
    assert general[0].evidence.line < general[1].evidence.line
    # The overview's 总计, printed on both its sides, stays one row.
    assert [m.scope for m in facts.summary_metrics if m.metric == "财政拨款收支总计"] == [None]
