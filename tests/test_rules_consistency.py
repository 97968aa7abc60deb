"""`consistency.prose_table` and `consistency.repeated_figure`."""

from __future__ import annotations

from dataclasses import replace

from budget_reports.facts import IncomeLine, Severity
from budget_reports.rules.consistency import agree, prose_table, repeated_figure
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.prose_support import extract_file
from tests.test_rules_fixtures import D, document, ev, income, keys, line, metric, report, table_metric


def test_figures_agree_at_the_coarser_precision() -> None:
    assert agree(D("27.3"), D("27.30"))
    assert agree(D("8.5"), D("8.51"))
    assert not agree(D("64.88"), D("64.89"))


def test_prose_and_table_disagreeing_is_an_error() -> None:
    facts = report(
        summary_metrics=[metric("本年支出合计", "2246.12", 33), table_metric("本年支出合计", "2246.21", 900)]
    )
    findings = prose_table(facts, document())
    assert keys(findings, Severity.ERROR) == {("consistency.prose_table", "本年支出合计")}
    assert (findings[0].expected, findings[0].actual) == ("2246.21", "2246.12")
    facts.summary_metrics[1] = table_metric("本年支出合计", "2246.12", 900)
    assert prose_table(facts, document()) == []


def test_classification_lines_compared_by_code() -> None:
    said = line("项", "行政运行（项）", "1235.63", 48, code="2013101")
    printed = line("项", "行政运行", "1235.36", 950, code="2013101", source_kind="table")
    findings = prose_table(report(expenditure_function=[said, printed]), document())
    assert keys(findings) == {("consistency.prose_table", "2013101")}


def test_scoped_restatements_pair_only_with_their_scope() -> None:
    # Two prose 基本支出 (all funds; 一般公共预算财政拨款) against two table figures: each finds its own.
    facts = report(
        summary_metrics=[
            metric("基本支出", "289.53", 27),
            metric("基本支出", "289.20", 50, scope="一般公共预算财政拨款"),
            table_metric("基本支出", "289.53", 900),
        ]
    )
    assert prose_table(facts, document()) == []


def test_a_fiscal_table_figure_is_not_the_prose_figure_of_all_funds() -> None:
    # Putuo as pdfminer writes it: the overview's 本年收入合计 (2,946.25) not read, the 财政拨款 overview's
    # (2,940.05) is the only table figure left; the prose states the report's whole.
    prose = metric("本年收入合计", "2946.25", 12)
    fiscal = replace(table_metric("本年收入合计", "2940.05", 900), scope="财政拨款")
    assert prose_table(report(summary_metrics=[prose, fiscal]), document()) == []
    # The overview's own figure, of all funds, is compared.
    overview = table_metric("本年收入合计", "2940.05", 800)
    findings = prose_table(report(summary_metrics=[prose, overview]), document())
    assert keys(findings, Severity.ERROR) == {("consistency.prose_table", "本年收入合计")}


def test_003_other_income_written_once_in_yuan_and_once_in_wanyuan() -> None:
    # 003: 其他收入8元，占总收入1.63% (line 32) and 其他收入8万元 (lines 26 and 41).
    lines = [
        income("其他收入", "8", 26),
        IncomeLine("其他收入", D("0.0008"), ev(32, "其他收入8元")),
        income("其他收入", "8", 41),
    ]
    findings = repeated_figure(report(income=lines), document())
    assert keys(findings) == {("consistency.repeated_figure", "其他收入")}
    assert findings[0].severity is Severity.WARNING
    assert findings[0].evidence.line == 32


def test_restating_the_same_figure_is_fine() -> None:
    facts = report(summary_metrics=[metric("公用经费", "129.5", 27), metric("公用经费", "129.50", 41)])
    assert repeated_figure(facts, document()) == []


def test_same_item_name_under_different_kuan_is_not_a_repeat() -> None:
    # 000: 一般行政管理事务（项） 114.05 under 党委办公厅（室）及相关机构事务, 10 under 组织事务.
    lines = [
        line("项", "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）一般行政管理事务（项）", "114.05", 94),
        line("项", "一般公共服务支出（类）组织事务（款）一般行政管理事务（项）", "10", 95),
    ]
    assert repeated_figure(report(expenditure_function=lines), document()) == []
    lines.append(line("项", "一般公共服务支出（类）组织事务（款）一般行政管理事务（项）", "11", 120))
    assert keys(repeated_figure(report(expenditure_function=lines), document())) == {
        ("consistency.repeated_figure", "一般行政管理事务")
    }


def test_a_section_scoped_restatement_is_compared_with_the_first_statement() -> None:
    # 004: 无二级预算单位 (line 12, 部门概况) and 我部下属二级单位 4个 (line 122, section 机构组成).
    first = metric("下属二级单位数", "0", 12, unit="个")
    again = metric("下属二级单位数", "4", 122, unit="个", scope="机构组成")
    findings = repeated_figure(report(summary_metrics=[first, again]), document())
    assert keys(findings, Severity.WARNING) == {("consistency.repeated_figure", "下属二级单位数")}
    assert (findings[0].evidence.line, findings[0].expected, findings[0].actual) == (122, "0", "4")
    assert "前文写为0个，此处写为4个" in findings[0].message


def test_a_section_scoped_restatement_that_agrees_is_fine() -> None:
    # 003: 公用经费129.5 restated under 总体评价和自评得分情况 with another change rate, the same amount.
    facts = report(
        summary_metrics=[
            metric("公用经费", "129.5", 27),
            metric("公用经费", "129.50", 65, scope="总体评价和自评得分情况"),
        ]
    )
    assert repeated_figure(facts, document()) == []


def test_a_fund_scope_or_a_table_scope_is_not_a_restatement() -> None:
    # 001: 基本支出289.53 (all funds) and 一般公共预算财政拨款基本支出289.20; Putuo: the 财政拨款收入支出决算总表's
    # 本年收入合计 2940.05 against the 收入支出决算总表's 2946.25.
    funds = [metric("基本支出", "289.53", 27), metric("基本支出", "289.20", 50, scope="一般公共预算财政拨款")]
    assert repeated_figure(report(summary_metrics=funds), document()) == []
    fiscal = replace(table_metric("本年收入合计", "2940.05", 900), scope="财政拨款")
    tables = [table_metric("本年收入合计", "2946.25", 800), fiscal]
    assert repeated_figure(report(summary_metrics=tables), document()) == []


def test_a_prose_figure_the_table_contradicts_is_named_when_the_prose_restates_it(tmp_path) -> None:
    # Putuo p. 21 states 一般公共预算财政拨款支出 2940.05 three times; the 合计 of its tables is 2940.05.
    # Written 2960.05 the first time, the prose contradicts itself and the table: the table names which.
    text = write_serialization(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf"), "pypdfium2", tmp_path)
    clean = text.read_text(encoding="utf-8")
    first = "一般公共预算财政拨款支出2940.05万元，占本年支出合计"
    assert clean.count(first) == 1
    subject = "一般公共预算财政拨款支出"
    assert not [f for f in extract_file(text).findings if f.subject == subject and f.severity is Severity.ERROR]
    text.write_text(clean.replace(first, first.replace("2940.05", "2960.05")), encoding="utf-8")
    found = [f for f in extract_file(text).findings if f.rule_id == "consistency.prose_table"]
    wrong = [f for f in found if f.subject == subject]
    assert [(f.evidence.page, f.expected, f.actual) for f in wrong] == [(21, "2940.05", "2960.05")]


def test_a_figure_in_yi_yuan_agrees_within_its_rounding(tmp_path) -> None:
    """Putuo's prose rewritten in 亿元 as large departments write it: ``收入支出总计0.30亿元`` is 3,000万元 to the
    nearest 100万元, the table's 2,995.39 within it; ``0.31亿元`` (3,100) is not."""
    text = write_serialization(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf"), "pdftotext", tmp_path)
    printed = "上海市普陀区财政局2024年度收入支出总计2995.39万元。"
    original = text.read_text(encoding="utf-8")
    assert printed in original
    for written, wrong in (("0.30亿元", False), ("0.31亿元", True)):
        rewritten = tmp_path / f"{written}.txt"
        rewritten.write_text(original.replace(printed, printed.replace("2995.39万元", written)), encoding="utf-8")
        findings = [f for f in extract_file(rewritten).findings if f.rule_id == "consistency.prose_table"]
        assert any(f.subject == "收支总计" for f in findings) is wrong, written
