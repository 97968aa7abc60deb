"""The standard tables of the Putuo 2024 report and of the Shanghai template, read from the PDFs.

Figures are checked against each other as the report prints them (totals balance, parts add up
to their wholes, the same total in two tables) and, row by row, against the hand-checked gold
digests in tests/gold/corpus (see test_gold.py); no corpus figure is written here in clear.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from budget_reports import extract
from budget_reports.extract.standard_tables import TableKind, extract_standard_tables, find_standard_tables, read_tables
from budget_reports.extract.standard_tables.common import TableFacts
from budget_reports.facts import SourceKind
from budget_reports.model import Document
from budget_reports.readers import read_document
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
CENT = Decimal("0.01")
# Tables printing 类/款/项 with codes, and the two overview tables printing the 类 by name only.
CODED = ("支出决算表", "一般公共预算财政拨款支出决算表")
OVERVIEWS = {"收入支出决算总表": "全部资金", "财政拨款收入支出决算总表": "一般公共预算财政拨款"}
THREE_PUBLIC_PARTS = ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
# Every table kind the Shanghai report prints, with the pages it covers (a table may run on).
SHANGHAI_TABLE_PAGES = {
    TableKind.OVERVIEW: (6, 7),
    TableKind.INCOME: (8, 9),
    TableKind.EXPENDITURE: (10, 11),
    TableKind.FISCAL_OVERVIEW: (12, 13),
    TableKind.GPB_EXPENDITURE: (15,),
    TableKind.GPB_BASIC: (16, 17),
    TableKind.THREE_PUBLIC: (18,),
    TableKind.GOV_FUND: (19,),
    TableKind.STATE_CAPITAL: (20,),
}


@pytest.fixture(scope="module")
def putuo() -> Document:
    return read_document(corpus_file(PUTUO), PUTUO)


@pytest.fixture(scope="module")
def facts(putuo: Document) -> TableFacts:
    return read_tables(putuo)


def close(total: Decimal, expected: Decimal, addends: int) -> bool:
    return abs(total - expected) <= CENT * addends


def metric(facts: TableFacts, name: str, scope: str | None = None):
    found = [m for m in facts.summary_metrics if m.metric == name and m.scope == scope]
    assert len(found) == 1, f"{name} ({scope}): {len(found)} rows"
    return found[0]


def value(facts: TableFacts, name: str, scope: str | None = None) -> Decimal:
    result = metric(facts, name, scope).value
    assert result is not None, name
    return result


def test_every_shanghai_table_kind_is_recognised_on_its_pages(putuo: Document) -> None:
    found = find_standard_tables(putuo)
    assert {t.kind: t.table.pages for t in found} == SHANGHAI_TABLE_PAGES
    assert len(found) == len(SHANGHAI_TABLE_PAGES)
    assert all(t.unit == "万元" for t in found)
    # The two fund tables say under them that they hold no data; the others hold figures.
    assert {t.kind for t in found if t.no_data} == {TableKind.GOV_FUND, TableKind.STATE_CAPITAL}


def test_overview_totals_balance(facts: TableFacts) -> None:
    total = value(facts, "收支总计")
    assert value(facts, "本年收入合计") + value(facts, "年初结转和结余") == total
    assert value(facts, "本年支出合计") + value(facts, "年末结转和结余") == total
    assert sum(line.amount for line in facts.income) == value(facts, "本年收入合计")
    assert {line.source for line in facts.income} >= {"一般公共预算财政拨款收入"}
    assert all(line.source_kind is SourceKind.TABLE for line in facts.income)


def test_fiscal_overview_totals_balance(facts: TableFacts) -> None:
    total = value(facts, "财政拨款收支总计")
    assert value(facts, "本年收入合计", "财政拨款") + value(facts, "年初结转和结余", "财政拨款") == total
    assert value(facts, "本年支出合计", "财政拨款") + value(facts, "年末结转和结余", "财政拨款") == total
    # The general-budget column of the fiscal overview is the total of the general-budget table.
    general = [line for line in facts.expenditure_function if line.source_table == "一般公共预算财政拨款支出决算表"]
    classes = [line.actual for line in general if line.level == "类"]
    assert close(sum(classes), value(facts, "一般公共预算财政拨款支出"), len(classes))


def test_expenditure_totals_match_their_lines(facts: TableFacts) -> None:
    assert value(facts, "基本支出") + value(facts, "项目支出") == value(facts, "本年支出合计")
    for fund_type, basic_scope in (("全部资金", None), ("一般公共预算财政拨款", "一般公共预算财政拨款")):
        lines = [line for line in facts.expenditure_function if line.fund_type == fund_type]
        classes = [line for line in lines if line.level == "类"]
        # The report rounds each line: the 类 add up to the total within a cent per line.
        assert close(sum(x.basic or 0 for x in classes), value(facts, "基本支出", basic_scope), len(classes))
        assert close(sum(x.project or 0 for x in classes), value(facts, "项目支出", basic_scope), len(classes))


def test_basic_plus_project_equals_actual_on_every_line(facts: TableFacts) -> None:
    lines = [line for line in facts.expenditure_function if line.source_table in CODED]
    assert len(lines) > 20
    for line in lines:
        assert line.actual is not None, line
        if line.basic is not None and line.project is not None:
            assert line.basic + line.project == line.actual, line
        else:  # one part printed: it is the whole line
            assert (line.basic or line.project) == line.actual, line


def test_function_lines_codes_levels_and_sums(facts: TableFacts, putuo: Document) -> None:
    levels = {3: "类", 5: "款", 7: "项"}
    coded = [line for line in facts.expenditure_function if line.source_table in CODED]
    for line in coded:
        assert line.code is not None and line.code.isdigit()
        assert levels[len(line.code)] == line.level
        assert line.class_code == line.code[:3]
        assert line.xiang_code == (line.code if line.level == "项" else None)
        assert "\n" not in line.name_as_written and "合计" not in line.name_as_written
        assert line.name_as_written in line.evidence.snippet.replace(" ", "")
        assert line.evidence.source_file == PUTUO and line.evidence.line is not None
    by_fund = defaultdict(list)
    for line in coded:
        by_fund[(line.fund_type, line.source_table)].append(line)
    assert set(by_fund) == {("全部资金", "支出决算表"), ("一般公共预算财政拨款", "一般公共预算财政拨款支出决算表")}
    for lines in by_fund.values():
        pages = {line.evidence.page for line in lines}
        assert pages in ({10, 11}, {15})
        for parent in (line for line in lines if line.level != "项"):
            width = 5 if parent.level == "类" else 7
            children = [c for c in lines if len(c.code) == width and c.code.startswith(parent.code)]
            assert children, parent
            difference = abs(sum(c.actual for c in children) - parent.actual)
            assert difference <= CENT * len(children), parent
    # The two tables print the same general-budget lines (all spending is general budget here).
    all_funds = {(x.code, x.actual) for x in by_fund[("全部资金", "支出决算表")]}
    general = {(x.code, x.actual) for x in by_fund[("一般公共预算财政拨款", "一般公共预算财政拨款支出决算表")]}
    assert all_funds == general


def test_overview_tables_give_their_classes_by_name(facts: TableFacts) -> None:
    overview = [line for line in facts.expenditure_function if line.source_table in OVERVIEWS]
    assert {(x.source_table, x.fund_type) for x in overview} == set(OVERVIEWS.items())
    for line in overview:
        # No code is printed: the resolver step fills it from the name.
        assert line.level == "类" and line.code is None and line.actual is not None
        assert line.name_as_written.endswith("支出") and "、" not in line.name_as_written
        assert line.name_as_written in line.evidence.snippet.replace(" ", "")
        assert format(line.actual, ",f") in line.evidence.snippet
        assert line.evidence.page in (6, 7, 12, 13) and line.evidence.line is not None
    for title, fund_type in OVERVIEWS.items():
        lines = [x for x in overview if x.source_table == title]
        # The same 类 as the table with codes, only those printed with an amount ...
        detailed = {x.name_as_written for x in facts.expenditure_function if x.level == "类" and x.code}
        assert sorted(x.name_as_written for x in lines) == sorted(detailed)
        # ... adding up to the overview's own total (the detailed tables' 类 miss theirs by a cent).
        total = "本年支出合计" if fund_type == "全部资金" else "一般公共预算财政拨款支出"
        own = metric(facts, total)
        assert own.evidence.page in (6, 7, 12, 13)
        assert sum(x.actual for x in lines) == own.value
    # The fund columns the 财政拨款 overview leaves blank give no lines.
    assert {x.fund_type for x in overview} == {"全部资金", "一般公共预算财政拨款"}


def test_basic_expenditure_table_gives_both_column_groups(facts: TableFacts) -> None:
    lines = facts.expenditure_economic
    groups = defaultdict(list)
    for line in lines:
        groups[line.group].append(line)
        assert len(line.code) in (3, 5) and line.amount is not None
        assert line.evidence.page in (16, 17)
    assert set(groups) == {"人员经费", "公用经费"}
    assert {x.code[:3] for x in groups["人员经费"]} == {"301", "303"}
    assert {x.code[:3] for x in groups["公用经费"]} == {"302", "310"}
    # The right-hand group sits beside the left one: same printed rows, different columns.
    left_rows = {(x.evidence.page, x.evidence.line) for x in groups["人员经费"]}
    right_rows = {(x.evidence.page, x.evidence.line) for x in groups["公用经费"]}
    assert left_rows & right_rows
    for group, name in (("人员经费", "人员经费"), ("公用经费", "公用经费")):
        classes = sum(x.amount for x in groups[group] if len(x.code) == 3)
        assert classes == value(facts, name)
        for parent in (x for x in groups[group] if len(x.code) == 3):
            items = [x.amount for x in groups[group] if len(x.code) == 5 and x.code.startswith(parent.code)]
            assert abs(sum(items) - parent.amount) <= CENT * len(items), parent
    assert value(facts, "人员经费") + value(facts, "公用经费") == value(facts, "基本支出", "一般公共预算财政拨款")


def test_three_public_budget_and_actual(facts: TableFacts) -> None:
    three = {m.metric: m for m in facts.summary_metrics if m.evidence.page == 18}
    assert {"三公经费", "公务接待费"} <= set(three)
    assert set(three) <= {*THREE_PUBLIC_PARTS, "三公经费", "公务用车购置费", "公务用车运行维护费"}
    total = three["三公经费"]
    assert total.budget_value is not None
    # Only budgets are printed in this report's 三公 table: the actual figures stay unknown.
    assert all(m.value is None for m in three.values())
    parts = sum(three[name].budget_value for name in THREE_PUBLIC_PARTS if name in three)
    assert parts == total.budget_value
    assert all(m.source_kind is SourceKind.TABLE and m.unit == "万元" for m in three.values())


def test_every_metric_cites_its_page_and_line(facts: TableFacts) -> None:
    pages = {p for table_pages in SHANGHAI_TABLE_PAGES.values() for p in table_pages}
    keys = [(m.metric, m.scope) for m in facts.summary_metrics]
    assert len(keys) == len(set(keys))
    for m in facts.summary_metrics:
        assert m.evidence.page in pages and m.evidence.line is not None and m.evidence.snippet


def test_a_total_repeated_by_a_later_table_is_kept_under_that_tables_title(facts: TableFacts) -> None:
    # The 支出决算表 and the general-budget table end with a 合计 row repeating a total an earlier
    # table states: each is kept, scoped by its own table, for the rules to check that table's
    # classification lines against the total printed under them.
    repeated = (
        ("本年支出合计", "支出决算表", 10),
        ("一般公共预算财政拨款支出", "一般公共预算财政拨款支出决算表", 15),
    )
    for name, title, page in repeated:
        own = metric(facts, name, title)
        assert own.value == value(facts, name)
        assert own.evidence.page == page and "合计" in own.evidence.snippet
        assert metric(facts, name).evidence.page < page  # the first statement keeps the plain row
    # A figure printed twice in one table (the overview's 总计 of income and of spending) stays one row,
    # and the 收入决算表's 合计 (income, whose lines are the overview's) is not repeated.
    assert [m.scope for m in facts.summary_metrics if m.metric in ("收支总计", "财政拨款收支总计")] == [None, None]
    assert [m.scope for m in facts.summary_metrics if m.metric == "本年收入合计"] == [None, "财政拨款"]


def test_template_tables_are_recognised_and_give_no_figures() -> None:
    template = read_document(corpus_file(TEMPLATE), TEMPLATE)
    found = find_standard_tables(template)
    assert {t.kind for t in found} == set(SHANGHAI_TABLE_PAGES)
    empty = read_tables(template)
    assert empty == TableFacts()


def test_the_extractor_is_registered_and_fills_the_report(putuo: Document) -> None:
    from budget_reports.facts import ExtractedReport

    assert extract_standard_tables in extract.EXTRACTORS
    report = ExtractedReport(report=None)  # type: ignore[arg-type]
    extract_standard_tables(putuo, report)
    assert report.expenditure_function and report.expenditure_economic and report.income and report.summary_metrics
