"""`share.declared` and `share.total` on the seeds' breakdowns."""

from __future__ import annotations

from budget_reports.facts import Severity
from budget_reports.rules.shares import share_rules
from tests.test_rules_fixtures import document, income, keys, line, metric, report


def test_002_class_shares_pass_though_one_was_rounded_up_to_make_100() -> None:
    # 002: 2246.12万元 … 1505.67（67%）、489.41（21.8%）、93.21（4.2%, really 4.1498%）、157.83（7%）.
    classes = [
        line("类", "一般公共服务支出", "1505.67", 44, share_pct_declared="67"),
        line("类", "社会保障和就业支出", "489.41", 44, share_pct_declared="21.8"),
        line("类", "卫生健康支出", "93.21", 44, share_pct_declared="4.2"),
        line("类", "住房保障支出", "157.83", 44, share_pct_declared="7"),
    ]
    facts = report(expenditure_function=classes, summary_metrics=[metric("一般公共预算财政拨款支出", "2246.12", 41)])
    assert share_rules(facts, document((37, "五、一般公共预算财政拨款支出决算情况说明"))) == []


def test_004_share_of_78_1_for_78_04_percent_is_a_warning() -> None:
    classes = [
        line("类", "一般公共服务支出", "711.95", 39, share_pct_declared="78.1"),
        line("类", "教育支出", "44.2", 39, share_pct_declared="4.8"),
        line("类", "社会保障和就业支出", "76.44", 39, share_pct_declared="8.4"),
        line("类", "卫生健康支出", "13.12", 39, share_pct_declared="1.4"),
        line("类", "农林水支出", "35", 39, share_pct_declared="3.8"),
        line("类", "住房保障支出", "31.56", 39, share_pct_declared="3.5"),
    ]
    facts = report(expenditure_function=classes, summary_metrics=[metric("一般公共预算财政拨款支出", "912.26", 35)])
    findings = share_rules(facts, document((33, "五、一般公共预算财政拨款支出决算情况说明")))
    assert keys(findings) == {("share.declared", "一般公共服务支出")}
    (found,) = findings
    assert (found.severity, found.expected, found.actual) == (Severity.WARNING, "78.04", "78.1")
    assert "711.95" in found.message and "912.26" in found.message


def test_002_three_public_shares() -> None:
    # 三公 72.7万元: 出国 20.12（27.7%）、公车 51.66（71.1%）、接待 0.92（1.2%, really 1.27%）.
    three = [
        metric("三公经费", "72.7", 86),
        metric("因公出国（境）费", "20.12", 90, share_pct_declared="27.7"),
        metric("公务用车购置及运行维护费", "51.66", 90, share_pct_declared="71.1"),
        metric("公务接待费", "0.92", 90, share_pct_declared="1.2"),
    ]
    findings = share_rules(report(summary_metrics=three), document((82, "七、财政拨款“三公”经费支出决算情况说明")))
    assert keys(findings, Severity.WARNING) == {("share.declared", "公务接待费")}
    assert keys(findings, Severity.ERROR) == set()


def test_a_share_far_from_the_ratio_is_an_error() -> None:
    spent = [
        metric("本年支出合计", "609.89", 78),
        metric("基本支出", "485.84", 78, share_pct_declared="79.66"),
        metric("项目支出", "124.05", 78, share_pct_declared="2.34"),
    ]
    findings = share_rules(report(summary_metrics=spent), document())
    assert keys(findings, Severity.ERROR) == {("share.declared", "项目支出"), ("share.total", "本年支出合计")}
    spent[2] = metric("项目支出", "124.05", 78, share_pct_declared="20.34")
    assert share_rules(report(summary_metrics=spent), document()) == []


def test_income_shares_of_003_and_their_total() -> None:
    # 003: 492.41万元 = 484.41（98.37%）+ 8（1.63%）: both off by a hair from 98.3753 / 1.6247, accepted.
    total = [metric("本年收入合计", "492.41", 41)]
    sources = [income("一般公共预算财政拨款收入", "484.41", 41, "98.37"), income("其他收入", "8", 41, "1.63")]
    assert share_rules(report(summary_metrics=total, income=sources), document()) == []
    sources[1] = income("其他收入", "8", 41, "1.73")
    assert keys(share_rules(report(summary_metrics=total, income=sources), document())) == {
        ("share.declared", "其他收入"),
        ("share.total", "本年收入合计"),
    }


def test_shares_of_an_incomplete_breakdown_need_not_total_100() -> None:
    # Only the 类 with spending are listed as parts of a larger total: no share.total finding.
    classes = [line("类", "一般公共服务支出", "50", 10, share_pct_declared="50")]
    facts = report(expenditure_function=classes, summary_metrics=[metric("一般公共预算财政拨款支出", "100", 9)])
    assert share_rules(facts, document()) == []
