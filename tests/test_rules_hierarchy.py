"""`sum.hierarchy`: 项 to 款 to 类 to the fund total, by codes, by the names written, or by line order."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

from budget_reports.facts import Severity
from budget_reports.model import AmbiguousCell, Document
from budget_reports.rules.hierarchy import sum_hierarchy
from tests.test_rules_fixtures import document, keys, line, metric, report, table_metric

# 000_1ca1b4d95d915062.txt, 五、（二） and （三）: the 类 with their shares, then each 项 with its 类 and 款.
CLASSES_000 = [
    line("类", "一般公共服务（类）支出", "476.75", 89),
    line("类", "社会保障和就业（类）支出", "64.88", 89),
    line("类", "卫生健康支出", "29.63", 89),
    line("类", "住房保障支出", "38.63", 89),
]
ITEMS_000 = [
    line("项", "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）", "352.7", 93),
    line("项", "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）一般行政管理事务（项）", "114.05", 94),
    line("项", "一般公共服务支出（类）组织事务（款）一般行政管理事务（项）", "10", 95),
    line("项", "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）", "27.3", 96),
    line("项", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", "25.06", 97),
    line("项", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）", "12.53", 98),
    line("项", "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）", "19.92", 100),
    line("项", "卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）", "6.48", 102),
    line("项", "卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗支出（项）", "3.23", 104),
    line("项", "住房保障支出（类）住房改革支出（款）住房公积金（项）", "32.3", 106),
    line("项", "住房保障支出（类）住房改革支出（款）购房补贴（项）", "6.33", 108),
]
DOC_000 = document(
    (84, "五、一般公共预算财政拨款支出决算情况说明"), (110, "六、一般公共预算财政拨款基本支出决算情况说明")
)


def test_items_adding_to_64_89_under_a_class_of_64_88_are_within_rounding() -> None:
    # Three 项 each rounded to 0.01 on its own may miss their 类 by up to 3 × 0.005: info, not error.
    facts = report(
        expenditure_function=CLASSES_000 + ITEMS_000,
        summary_metrics=[metric("一般公共预算财政拨款支出", "609.89", 86)],
    )
    findings = sum_hierarchy(facts, DOC_000)
    assert keys(findings) == {("sum.hierarchy.rounding", "社会保障和就业")}
    (found,) = findings
    assert found.severity is Severity.INFO
    assert (found.expected, found.actual, found.tolerance) == ("64.89", "64.88", D("0.015"))
    assert "64.89" in found.message and "64.88" in found.message and "四舍五入" in found.message
    assert found.evidence.line == 89


def test_items_missing_their_class_beyond_rounding_are_an_error() -> None:
    # The same 000 lines with one 项 changed by 0.02 (27.3 -> 27.32): 64.91 against 64.88, beyond 0.015.
    items = [line("项", ITEMS_000[3].name_as_written, "27.32", 96) if i == 3 else x for i, x in enumerate(ITEMS_000)]
    facts = report(
        expenditure_function=CLASSES_000 + items,
        summary_metrics=[metric("一般公共预算财政拨款支出", "609.89", 86)],
    )
    (found,) = sum_hierarchy(facts, DOC_000)
    assert (found.rule_id, found.severity, found.expected, found.actual) == (
        "sum.hierarchy",
        Severity.ERROR,
        "64.91",
        "64.88",
    )
    assert "四舍五入" not in found.message


def test_a_clean_tree_raises_nothing() -> None:
    fixed = [*CLASSES_000[:1], line("类", "社会保障和就业（类）支出", "64.89", 89), *CLASSES_000[2:]]
    facts = report(
        expenditure_function=fixed + ITEMS_000, summary_metrics=[metric("一般公共预算财政拨款支出", "609.9", 86)]
    )
    assert sum_hierarchy(facts, DOC_000) == []


# 004_127aded49d8bfbe3.txt: 类 written without marks; their sum 912.27 against the total 912.26, and the
# 社会保障和就业 项 (29.74 + 3.46 + 42.49 + 0.74 = 76.43) against the 类 76.44.
def test_class_total_and_class_breaches_of_004() -> None:
    classes = [
        line("类", "一般公共服务支出", "711.95", 39),
        line("类", "教育支出", "44.2", 39),
        line("类", "社会保障和就业支出", "76.44", 39),
        line("类", "卫生健康支出", "13.12", 39),
        line("类", "农林水支出", "35", 39),
        line("类", "住房保障支出", "31.56", 39),
    ]
    items = [
        line(
            "项",
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
            "29.74",
            48,
        ),
        line("项", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）", "3.46", 49),
        line("项", "社会保障和就业支出（类）抚恤（款）死亡抚恤（项）", "42.49", 50),
        line("项", "社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）", "0.74", 51),
        line(
            "项",
            "农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）",
            "35",
            53,
        ),
    ]
    facts = report(
        expenditure_function=classes + items,
        summary_metrics=[metric("一般公共预算财政拨款支出", "912.26", 35)],
    )
    findings = sum_hierarchy(facts, document((33, "五、一般公共预算财政拨款支出决算情况说明")))
    # Both misses are 0.01, within the rounding of 4 项 and of 6 类: info.
    assert keys(findings) == {
        ("sum.hierarchy.rounding", "社会保障和就业支出"),
        ("sum.hierarchy.rounding", "一般公共预算财政拨款支出"),
    }
    by_subject = {f.subject: f for f in findings}
    assert (by_subject["社会保障和就业支出"].expected, by_subject["社会保障和就业支出"].actual) == ("76.43", "76.44")
    assert (by_subject["一般公共预算财政拨款支出"].expected, by_subject["一般公共预算财政拨款支出"].actual) == (
        "912.27",
        "912.26",
    )


# 001_8af6c6b53bb795b2.txt writes the 类 and 款 once for several 项: the later 项 inherit them.
def test_items_naming_only_their_own_level_inherit_class_and_kuan_from_the_line_before() -> None:
    lines = [
        line("类", "一般公共服务（类）", "379.93", 40),
        line("项", "一般公共服务（类）组织事务（款）行政运行（项）", "224.37", 45),
        line("项", "一般行政管理事务（项）", "155.56", 45),
        line("类", "卫生健康（类）", "17.53", 40),
        line("项", "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）", "16.04", 47),
        line("项", "公务员医疗补助（项）", "1.49", 47),
    ]
    doc = document((34, "五、一般公共预算财政拨款支出决算情况说明"))
    assert sum_hierarchy(report(expenditure_function=lines), doc) == []
    lines[2] = line("项", "一般行政管理事务（项）", "155.57", 45)
    assert keys(sum_hierarchy(report(expenditure_function=lines), doc)) == {("sum.hierarchy.rounding", "一般公共服务")}
    lines[2] = line("项", "一般行政管理事务（项）", "155.66", 45)
    assert keys(sum_hierarchy(report(expenditure_function=lines), doc)) == {("sum.hierarchy", "一般公共服务")}


def test_table_lines_with_codes_check_each_level_and_each_column() -> None:
    table = {"source_kind": "table", "fund_type": "全部资金"}
    lines = [
        line("类", "一般公共服务支出", "100.00", 10, code="201", budget_final="120.00", **table),
        line("款", "人大事务", "60.00", 11, code="20101", budget_final="70.00", **table),
        line("项", "行政运行", "50.00", 12, code="2010101", budget_final="55.00", **table),
        line("项", "一般行政管理事务", "10.00", 13, code="2010102", budget_final="15.00", **table),
        line("款", "政协事务", "40.00", 14, code="20102", budget_final="50.00", **table),
        line("项", "行政运行", "40.00", 15, code="2010201", budget_final="50.00", **table),
    ]
    assert sum_hierarchy(report(expenditure_function=lines), document()) == []
    lines[5] = line("项", "行政运行", "40.00", 15, code="2010201", budget_final="49.00", **table)
    findings = sum_hierarchy(report(expenditure_function=lines), document())
    assert keys(findings) == {("sum.hierarchy", "20102")}
    assert "全年预算数" in findings[0].message


def test_fund_types_and_sources_are_never_mixed() -> None:
    prose = line("类", "一般公共服务支出", "100", 10)
    table = line("项", "一般公共服务支出（类）组织事务（款）行政运行（项）", "90", 20, source_kind="table")
    other_fund = line(
        "项", "一般公共服务支出（类）组织事务（款）行政运行（项）", "80", 21, fund_type="政府性基金预算财政拨款"
    )
    assert sum_hierarchy(report(expenditure_function=[prose, table, other_fund]), document()) == []


# A table read from text, a figure of which the reader could not place: 20102's 40.00 may be its own or
# 20103's (``extraction.ambiguous_cell``), so neither row holds it and 201's 款 add up to 60.00 only.
TABLE = {"source_kind": "table"}
ROWS = ("20102 政府办公厅（室）及相关机构事务", "20103 发展与改革事务")
UNPLACED = AmbiguousCell(12, 8, "40.00", ROWS[0], ROWS, "40.00")


def _table_lines(second_class_item: str) -> list:
    return [
        line("类", "一般公共服务支出", "100.00", 5, code="201", **TABLE),
        line("款", "人大事务", "60.00", 6, code="20101", **TABLE),
        line("类", "社会保障和就业支出", "50.00", 9, code="208", **TABLE),
        line("款", "行政事业单位养老支出", "50.00", 10, code="20805", **TABLE),
        line("项", "行政单位离退休", second_class_item, 11, code="2080501", **TABLE),
    ]


def _with_unplaced(*cells: AmbiguousCell) -> Document:
    return dataclasses.replace(document(), ambiguous_cells=list(cells))


def test_a_class_an_unplaced_figure_may_belong_to_is_not_judged_but_the_others_are() -> None:
    facts = report(expenditure_function=_table_lines("49.00"))
    # Without the unplaced figure on record, 201 would be short of 40.00: an error.
    errors = keys(sum_hierarchy(facts, document()), Severity.ERROR)
    assert errors == {("sum.hierarchy", "201"), ("sum.hierarchy", "20805")}
    # With it, 201 is not judged (its sum misses a printed part); 20805's real miss is still reported.
    assert keys(sum_hierarchy(facts, _with_unplaced(UNPLACED)), Severity.ERROR) == {("sum.hierarchy", "20805")}


def test_a_figure_whose_row_is_known_but_not_its_column_leaves_the_sums_judged() -> None:
    # The row's cell stays NULL, which no sum counts: 201's miss is still one the document prints.
    facts = report(expenditure_function=_table_lines("50.00"))
    column_unknown = AmbiguousCell(12, 7, "40.00", ROWS[0], ("基本支出", "项目支出"), "40.00")
    assert keys(sum_hierarchy(facts, _with_unplaced(column_unknown)), Severity.ERROR) == {("sum.hierarchy", "201")}


def test_an_unplaced_figure_that_may_be_a_class_leaves_the_table_total_unjudged() -> None:
    facts = report(
        expenditure_function=_table_lines("50.00")[2:],
        summary_metrics=[table_metric("一般公共预算财政拨款支出", "150.00", 4)],
    )
    classes = ("201 一般公共服务支出", "203 国防支出")
    class_figure = AmbiguousCell(12, 5, "100.00", classes[0], classes, "100.00")
    assert keys(sum_hierarchy(facts, document()), Severity.ERROR) == {("sum.hierarchy", "一般公共预算财政拨款支出")}
    assert keys(sum_hierarchy(facts, _with_unplaced(class_figure)), Severity.ERROR) == set()
    # A figure unplaced below the 类 (one of two 项) leaves the 类 lines whole: the total is still judged.
    items = ("2080501 行政单位离退休", "2080502 事业单位离退休")
    item_figure = dataclasses.replace(class_figure, row=items[0], candidates=items)
    assert keys(sum_hierarchy(facts, _with_unplaced(item_figure)), Severity.ERROR) == {
        ("sum.hierarchy", "一般公共预算财政拨款支出")
    }
