"""Every rule a budget report must obey, with a report that keeps it and one that breaks it.

The reports are the corpus budget's tables (tests/budget_documents.py) written as DOCX, with its
own 编制说明 sentences; each failing case injects one error of the kind real reports carry (a
transposed digit, a total left from a draft, a change copied from another line).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport, Severity
from tests.budget_documents import (
    PUTUO_URBAN_2026,
    SICHUAN_COUNTY_2026,
    BudgetReport,
    mutated,
    with_paragraphs,
    write_docx,
)
from tests.conftest import corpus_file
from tests.prose_support import extract_file

# The corpus budget's 编制说明 and 三公 sentences, as printed.
PUTUO_PROSE = [
    "2026年，普陀区城市管理行政执法局收入预算4748.35万元，其中：财政拨款收入4748.35万元，比2025年预算减少19.79万元；"
    "事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
    "支出预算4748.35万元，其中：财政拨款支出预算4748.35万元，比2025年预算减少19.79万元。财政拨款支出预算中，一般公共预算"
    "拨款支出预算4748.35万元，比2025年预算减少19.79万元；政府性基金拨款支出预算0万元，与2025年预算持平；国有资本经营预算拨款"
    "支出预算0万元，与2025年预算持平。",
    "财政拨款支出主要内容如下：",
    "1. “城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”3377.56万元，主要用于城市管理综合行政执法。",
    "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中：",
    "（一）因公出国（境）费0万元，与2025年预算持平。",
    "（二）公务用车购置及运行费113.76万元，比2025年预算增加27万元。其中：公务用车购置费75万元，比2025年预算增加27万元；"
    "公务用车运行费38.76万元，与2025年预算持平。",
    "（三）公务接待费0.46万元。与2025年预算持平。",
]
CLEAN = with_paragraphs(PUTUO_URBAN_2026, PUTUO_PROSE)


def _errors(tmp_path: Path, report: BudgetReport) -> dict[str, list[str]]:
    result = extract_file(write_docx(tmp_path / "budget.docx", report))
    return _by_rule(result)


def _by_rule(result: ExtractedReport) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in result.findings:
        if f.severity in (Severity.ERROR, Severity.WARNING):
            found.setdefault(f.rule_id, []).append(f.message)
    return found


@pytest.mark.parametrize("report", [CLEAN, SICHUAN_COUNTY_2026], ids=["shanghai", "sichuan"])
def test_a_consistent_budget_report_breaks_no_rule(tmp_path: Path, report: BudgetReport) -> None:
    assert _errors(tmp_path, report) == {}


def test_the_corpus_budget_text_breaks_no_arithmetic_rule() -> None:
    result = extract_file(corpus_file("shanghai-putuo-urban-management-2026-budget.txt"))
    assert not [f for f in _by_rule(result) if f.startswith(("budget.", "sum.", "balance.", "consistency."))]


BREACHES = [
    # (rule, table, row, cell, injected) — one error each.
    ("budget.cross_table", "部门支出预算总表", "卫生健康支出", "1,439,040", "1,493,040"),
    ("budget.line_parts", "一般公共预算支出功能分类预算表", "城管执法", "22,783,399", "22,783,390"),
    ("budget.fund_total", "一般公共预算支出功能分类预算表", "合计", "47,483,458", "47,483,548"),
    ("balance.income_expenditure", "财务收支预算总表", "支出总计", "47,483,458", "47,438,458"),
    ("sum.personnel_public", "经济分类预算表", "合计", "31,124,727", "31,124,772"),
    ("sum.three_public", "三公", "114.22", "114.22", "114.32"),
    ("sum.hierarchy", "支出预算总表", "行政单位离退休", "2,614,680", "2,614,860"),
]


@pytest.mark.parametrize(("rule", "table", "row", "old", "new"), BREACHES, ids=[b[0] for b in BREACHES])
def test_an_injected_table_error_is_found(tmp_path: Path, rule: str, table: str, row: str, old: str, new: str) -> None:
    assert rule in _errors(tmp_path, mutated(CLEAN, table, row, old, new))


def test_fund_parts_a_funds_basic_and_project_make_its_spending(tmp_path: Path) -> None:
    broken = mutated(SICHUAN_COUNTY_2026, "一般公共预算支出预算表", "合计", "660.00", "650.00")
    assert "budget.fund_parts" in _errors(tmp_path, broken)


@pytest.mark.parametrize(
    ("said", "broken"),
    [
        ("3377.56万元", "3377.65万元"),  # prose against the table printed in 元, at the prose's precision
        ("减少19.79万元；政府性基金", "减少29.79万元；政府性基金"),  # 财政拨款 change ≠ Σ fund changes
        ("公务用车购置费75万元，比2025年预算增加27万元", "公务用车购置费75万元，比2025年预算增加17万元"),
    ],
    ids=["prose_table", "change_parts_funds", "change_parts_vehicles"],
)
def test_an_injected_prose_error_is_found(tmp_path: Path, said: str, broken: str) -> None:
    prose = [p.replace(said, broken) for p in PUTUO_PROSE]
    assert prose != PUTUO_PROSE
    rule = "budget.prose_table" if "3377" in said else "budget.change_parts"
    assert rule in _errors(tmp_path, with_paragraphs(PUTUO_URBAN_2026, prose))


def test_template_text_left_in_a_budget_is_found(tmp_path: Path) -> None:
    prose = [*PUTUO_PROSE, "2026年XX局政府采购预算XX万元。"]
    assert "template.placeholder" in _errors(tmp_path, with_paragraphs(PUTUO_URBAN_2026, prose))


def test_prose_income_against_sichuans_table_of_another_wording(tmp_path: Path) -> None:
    """表1 writes 一般公共预算拨款收入, the prose the same: both are 一般公共预算财政拨款收入, so compared."""
    said = SICHUAN_COUNTY_2026.paragraphs
    broken = [p.replace("一般公共预算拨款收入960.00万元", "一般公共预算拨款收入950.00万元") for p in said]
    assert broken != said
    assert "consistency.prose_table" in _errors(tmp_path, with_paragraphs(SICHUAN_COUNTY_2026, broken))
