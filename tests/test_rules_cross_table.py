"""`consistency.table_table`: the same classification line printed in two tables, on documents built from
grids and read by the real extractors (standard tables, then the code resolver)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

from budget_reports import rules
from budget_reports.extract.resolve_codes import resolve_codes
from budget_reports.extract.standard_tables import extract_standard_tables
from budget_reports.facts import ExtractedReport, Finding, ParseStatus, ReportInfo, Severity
from budget_reports.model import Document
from budget_reports.rules.cross_table import table_table
from tests.standard_table_grids import document


def overview(social_security: str) -> list[list[str]]:
    """A 收入支出决算总表 listing its 类 by name (no codes), as every overview does."""
    return [
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "380.00", "一、一般公共服务支出", "300.00"],
        ["二、事业收入", "", "二、外交支出", ""],
        ["", "", "八、社会保障和就业支出", social_security],
        ["本年收入合计", "380.00", "本年支出合计", "380.00"],
        ["总计", "380.00", "总计", "380.00"],
    ]


def coded(social_security: str, kuan: str | None = None) -> list[list[str]]:
    """A table printing the 类 (and the 款 of 208) with codes: 支出决算表 or a general-budget table."""
    return [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "380.00", "280.00", "100.00"],
        ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
        ["208", "社会保障和就业支出", social_security, social_security, ""],
        ["20805", "行政事业单位养老支出", kuan or social_security, kuan or social_security, ""],
    ]


def fiscal_overview(social_security: str) -> list[list[str]]:
    return [
        ["收入", "", "支出", "", "", ""],
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
        ["一、一般公共预算财政拨款", "380.00", "一、一般公共服务支出", "300.00", "300.00", ""],
        ["", "", "八、社会保障和就业支出", social_security, social_security, ""],
        ["本年收入合计", "380.00", "本年支出合计", "380.00", "380.00", ""],
        ["总计", "380.00", "总计", "380.00", "380.00", ""],
    ]


def extracted(doc: Document) -> ExtractedReport:
    info = ReportInfo("r1", doc.source_file, "0" * 64, "docx", ParseStatus.OK, "test", datetime(2025, 1, 1), 1)
    info.fiscal_year = 2024
    result = ExtractedReport(report=info)
    extract_standard_tables(doc, result)
    resolve_codes(doc, result)
    return result


def check(doc: Document) -> list[Finding]:
    return table_table(extracted(doc), doc)


def test_the_rule_is_registered() -> None:
    assert table_table in rules.FACT_RULES


def test_tables_printing_the_same_figures_agree() -> None:
    doc = document("收入支出决算总表", overview("80.00"), "支出决算表", coded("80.00"))
    result = extracted(doc)
    # The overview's 类 are resolved to their codes, so both tables' 208 lines are compared.
    assert {(x.source_table, x.code) for x in result.expenditure_function if x.level == "类"} == {
        ("收入支出决算总表", "201"),
        ("收入支出决算总表", "208"),
        ("支出决算表", "201"),
        ("支出决算表", "208"),
    }
    assert table_table(result, doc) == []
    # A figure printed with fewer decimals agrees at its own precision.
    assert check(document("收入支出决算总表", overview("80"), "支出决算表", coded("80.00"))) == []


def test_a_class_printed_differently_in_two_tables_is_an_error_at_the_later_table() -> None:
    doc = document("收入支出决算总表", overview("80.00"), "支出决算表", coded("80.01"))
    findings = check(doc)
    assert [(f.rule_id, f.severity, f.subject) for f in findings] == [
        ("consistency.table_table", Severity.ERROR, "208")
    ]
    found = findings[0]
    assert (found.expected, found.actual) == ("80.00", "80.01")
    assert found.evidence.snippet.startswith("208 社会保障和就业支出 80.01")
    later = next(x for x in extracted(doc).expenditure_function if x.source_table == "支出决算表" and x.code == "208")
    assert found.evidence == later.evidence
    assert found.message == (
        "社会保障和就业支出（208，全部资金）在收入支出决算总表中为80.00万元，在支出决算表中为80.01万元，二者不一致"
    )


def test_lines_of_different_fund_types_are_not_compared() -> None:
    # All funds 80.00 in the overview, general budget 80.01 in its own table: two different figures.
    doc = document("收入支出决算总表", overview("80.00"), "一般公共预算财政拨款支出决算表", coded("80.01"))
    assert check(doc) == []


def test_one_finding_per_line_naming_every_table() -> None:
    # Three general-budget tables: 80.00, then 80.01 twice; the 款 20805 differs between the last two.
    # The 208 line is one problem, reported once, at the first table departing from the earliest.
    doc = document(
        "财政拨款收入支出决算总表",
        fiscal_overview("80.00"),
        "一般公共预算财政拨款支出决算表",
        coded("80.01"),
        "一般公共预算财政拨款收入支出决算表",
        coded("80.01", kuan="80.02"),
    )
    findings = check(doc)
    got = sorted((f.subject, f.expected, f.actual, f.evidence.line) for f in findings)
    lines = {
        (x.source_table, x.code): x.evidence.line for x in extracted(doc).expenditure_function if x.code is not None
    }
    assert got == [
        ("208", "80.00", "80.01", lines[("一般公共预算财政拨款支出决算表", "208")]),
        ("20805", "80.01", "80.02", lines[("一般公共预算财政拨款收入支出决算表", "20805")]),
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    line_208 = next(f for f in findings if f.subject == "208")
    assert line_208.message == (
        "社会保障和就业支出（208，一般公共预算财政拨款）在财政拨款收入支出决算总表中为80.00万元，"
        "在一般公共预算财政拨款支出决算表、一般公共预算财政拨款收入支出决算表中为80.01万元，各表不一致"
    )


def test_a_class_summed_from_its_lines_may_differ_by_their_rounding() -> None:
    # Two 款 under 208 in the detailed table: 80.00 against 80.01 is within 2 × 0.005, so rounding can
    # explain it (info); 80.00 against 80.02 is not (error).
    def two_kuan(social_security: str) -> list[list[str]]:
        rows = coded(social_security)
        kuan = [["20805", "行政事业单位养老支出", "40.00", "40.00", ""], ["20808", "抚恤", "40.01", "40.01", ""]]
        return [*rows[:4], *kuan]

    near = check(document("收入支出决算总表", overview("80.00"), "支出决算表", two_kuan("80.01")))
    assert [(f.rule_id, f.severity, f.tolerance) for f in near] == [
        ("consistency.table_table.rounding", Severity.INFO, D("0.010"))
    ]
    assert "四舍五入" in near[0].message
    far = check(document("收入支出决算总表", overview("80.00"), "支出决算表", two_kuan("80.02")))
    assert [(f.rule_id, f.severity) for f in far] == [("consistency.table_table", Severity.ERROR)]


def all_findings(doc: Document) -> list[Finding]:
    result = extracted(doc)
    return [f for rule in rules.RULES for f in rule(result, doc)]


def test_each_table_class_sum_uses_its_own_total_row() -> None:
    # The overview's 类 (300.00 + 80.01) miss its 本年支出合计 380.00; the 支出决算表's (300.00 + 80.01) make
    # its 合计 380.01, printed under them (as Putuo's tables do). One sum finding, at the overview's total:
    # neither table is checked against the other's total, though the overview's is printed nearer before.
    detailed = [*coded("80.01")[:1], *coded("80.01")[2:], ["", "合计", "380.01", "280.01", "100.00"]]
    doc = document("收入支出决算总表", overview("80.01"), "支出决算表", detailed)
    sums = [f for f in all_findings(doc) if f.rule_id.startswith("sum.hierarchy")]
    assert [(f.subject, f.expected, f.actual) for f in sums] == [("本年支出合计", "380.01", "380.00")]
    assert sums[0].rule_id == "sum.hierarchy.rounding"  # two 类 may miss by 2 × 0.005
    assert sums[0].message.startswith("收入支出决算总表中") and sums[0].evidence.snippet.startswith("本年支出合计")


def test_the_fiscal_overview_general_budget_column_is_summed_against_its_own_total() -> None:
    fiscal = fiscal_overview("80.01")  # 300.00 + 80.01 against its 本年支出合计 380.00
    general = [*coded("80.01")[:1], *coded("80.01")[2:], ["", "合计", "380.01", "280.01", "100.00"]]
    doc = document("财政拨款收入支出决算总表", fiscal, "一般公共预算财政拨款支出决算表", general)
    sums = [f for f in all_findings(doc) if f.rule_id.startswith("sum.hierarchy")]
    assert [(f.subject, f.expected, f.actual) for f in sums] == [("一般公共预算财政拨款支出", "380.01", "380.00")]
    assert sums[0].message.startswith("财政拨款收入支出决算总表中")


def test_an_overview_agreeing_with_the_detailed_table_adds_no_finding() -> None:
    # No sum, repeat or classification finding: the two tables' lines stay apart, and agree.
    doc = document(
        "收入支出决算总表",
        overview("80.00"),
        "支出决算表",
        coded("80.00"),
        "财政拨款收入支出决算总表",
        fiscal_overview("80.00"),
        "一般公共预算财政拨款支出决算表",
        coded("80.00"),
    )
    assert [(f.rule_id, f.subject, f.message) for f in all_findings(doc)] == []
