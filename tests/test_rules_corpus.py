"""All rules over the corpus PDFs (Shanghai, 2024), kept as fixtures in tests/data/corpus.

The 普陀区财政局 report prints its four 类 as 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06 against a
total of 2940.05, 一般公共服务支出 as 71.73% of it (2106.66 / 2940.05 = 71.65%), and its 财政拨款收入支出
总计 as 0.3万元 in the prose against 2961.68 in the table. Its two overview
tables print 社会保障和就业支出 as 326.71 where the 支出决算表, the general-budget table and the prose
print 326.72. The template is
the finance bureau's blank model: its XX placeholders must all be reported, and nothing else wrong.
Each breach is pinned with the page of the figure its finding points at. The same 类 sum fails in the
prose and in each table that prints those 类 lines with their 合计: one problem, one finding naming them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pytest

from budget_reports.facts import ExtractedReport, Finding, Severity
from tests.analysed_reports import analysed_file
from tests.conftest import corpus_file
from tests.test_rules_seeds import Known, _matches

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


def _classes(r: ExtractedReport) -> bool:
    return sum(ln.level == "类" and ln.share_pct_declared is not None for ln in r.expenditure_function) >= 2


def _lines_of(*tables: str) -> Callable[[ExtractedReport], bool]:
    def needs(r: ExtractedReport) -> bool:
        printed = {ln.source_table for ln in r.expenditure_function if ln.level == "类" and ln.code == "208"}
        return printed >= set(tables)

    return needs


def _economic(r: ExtractedReport) -> bool:
    return any(ln.code and len(ln.code) == 5 for ln in r.expenditure_economic)


# (breach, page of the figure the finding points at)
KNOWN: list[tuple[Known, int]] = [
    (
        Known(
            PUTUO,
            Severity.ERROR,
            "share.declared",
            frozenset({"一般公共服务支出", "201"}),
            _classes,
            "71.73%，应为71.65%",
        ),
        21,
    ),
    # 支出决算表, p. 10-11: 类 201 2106.66 + 208 326.72 + 210 60.99 + 221 445.69 = 2940.06, 合计 row 2940.05.
    # The 一般公共预算财政拨款支出决算表 (p. 15) and the prose (p. 21) print the same 类 and total: one
    # finding, at the first table, naming the other two places.
    (
        Known(
            PUTUO,
            Severity.INFO,
            "sum.hierarchy.rounding",
            frozenset({"本年支出合计"}),
            _classes,
            "支出决算表类合计2940.06",
        ),
        10,
    ),
    # 一般公共预算财政拨款基本支出决算表, p. 16: 301 工资福利支出 2082.85, its 款 262.33 + 1238.58 + 160.75
    # + 80.38 + 60.99 + 1.61 + 187.19 + 91.03 = 2082.86.
    (
        Known(
            PUTUO,
            Severity.INFO,
            "sum.economic.rounding",
            frozenset({"301 工资福利支出"}),
            _economic,
            "301款合计2082.86",
        ),
        16,
    ),
    # Same table, pp. 16-17: 302 商品和服务支出 171.07, its 款 21.21 + 7.61 + 0.09 + 4.88 + 1.20 + 2.83 + 4.05
    # + 2.01 + 24.42 + 42.77 + 48.49 + 11.53 = 171.09 (人员经费 2152.26 and 公用经费 184.65 do add up).
    (
        Known(
            PUTUO,
            Severity.INFO,
            "sum.economic.rounding",
            frozenset({"302 商品和服务支出"}),
            _economic,
            "302款合计171.09",
        ),
        16,
    ),
    # 208 社会保障和就业支出 of all funds: 326.71 in the 收入支出决算总表 (p. 6, 八、社会保障和就业支出), 326.72
    # in the 支出决算表 (p. 10, row 208); the finding points at the later table. The general budget's
    # tables print the same two figures (326.71 in the 财政拨款收入支出决算总表 p. 12, 326.72 in the
    # 一般公共预算财政拨款支出决算表 p. 15): the same problem, named in the same finding.
    (
        Known(
            PUTUO,
            Severity.INFO,
            "consistency.table_table.rounding",
            frozenset({"208"}),
            _lines_of("收入支出决算总表", "支出决算表"),
            "收入支出决算总表326.71，支出决算表326.72",
        ),
        10,
    ),
    # Page 21 prints 财政拨款收入支出总计0.3万元 (text layer and rendering alike); the 财政拨款收入支出决算总表
    # prints 总计 2,961.68. A slip of the document, not of the reading.
    (
        Known(
            PUTUO,
            Severity.ERROR,
            "consistency.prose_table",
            frozenset({"财政拨款收支总计"}),
            lambda r: any(m.metric == "财政拨款收支总计" and m.value is not None for m in r.summary_metrics),
            "财政拨款收入支出总计写为0.3万元，表中为2961.68万元",
        ),
        21,
    ),
]


def _is_known(name: str, f: Finding) -> bool:
    return any(_matches(k, f) and f.evidence.page == page for k, page in KNOWN if k.seed == name)


@cache
def run(name: str) -> ExtractedReport:
    return analysed_file(corpus_file(name))


@pytest.mark.parametrize("name", [PUTUO, TEMPLATE])
def test_errors_are_only_the_known_breaches(name: str) -> None:
    errors = [f for f in run(name).findings if f.severity is Severity.ERROR]
    unexpected = [f for f in errors if not _is_known(name, f)]
    assert unexpected == [], "\n".join(f"{f.rule_id} {f.subject}: {f.message}" for f in unexpected)


@pytest.mark.parametrize(
    ("known", "page"), KNOWN, ids=[f"{k.rule_id}-{sorted(k.subjects)[0]}-p{page}" for k, page in KNOWN]
)
def test_each_known_breach_is_reported(known: Known, page: int) -> None:
    result = run(known.seed)
    if not known.needs(result):
        pytest.skip(f"facts not extracted yet: {known.what}")
    found = [f for f in result.findings if _matches(known, f) and f.evidence.page == page]
    assert len(found) == 1, known.what


def test_each_table_class_sum_is_checked_against_its_own_total_row() -> None:
    # The 类 lines of the 支出决算表 and of the general-budget table are compared with the 合计 row
    # printed under them, not with the overview tables' totals; the overview tables' own 类 (208 as
    # 326.71) add up to their own 本年支出合计, so they raise no sum finding.
    result = run(PUTUO)
    first_page: dict[str | None, int | None] = {}
    for ln in result.expenditure_function:
        if ln.source_kind == "table" and ln.level == "类":
            first_page.setdefault(ln.source_table, ln.evidence.page)
    assert sorted(p for p in first_page.values() if p is not None) == [6, 10, 12, 15]
    sums = [
        f
        for f in result.findings
        if f.rule_id.startswith("sum.hierarchy") and f.evidence.page != 21 and "决算数" in f.message
    ]
    assert sorted(f.evidence.page for f in sums) == [10]  # p. 15 and p. 21 are named in it
    for f in sums:
        assert "合计" in f.evidence.snippet and f.actual is not None and f.actual in f.evidence.snippet.replace(",", "")
        source_table = next(t for t, page in first_page.items() if page == f.evidence.page)
        assert f.message.startswith(f"{source_table}中")


def test_the_template_reports_its_placeholders() -> None:
    findings = run(TEMPLATE).findings
    placeholders = [f for f in findings if f.rule_id == "template.placeholder"]
    # One warning per distinct token (XX, XXX, XXXX, XXXXXXXX), with how often it occurs: not ~170.
    assert sorted(f.subject for f in placeholders) == ["XX", "XXX", "XXXX", "XXXXXXXX"]
    counts = [int(re.search(r"共(\d+)处", f.message).group(1)) for f in placeholders]  # type: ignore[union-attr]
    assert sum(counts) > 150 and min(counts) > 1
    assert all(f.evidence.page is not None for f in placeholders)


@pytest.mark.parametrize("name", [PUTUO, TEMPLATE])
def test_no_repeated_figure_between_scopes_of_the_pdfs(name: str) -> None:
    # Fund tables' totals (财政拨款 2940.05) differ from the overview's (2946.25) by design: not a restatement.
    assert [f for f in run(name).findings if f.rule_id == "consistency.repeated_figure"] == []


def test_the_basic_column_of_the_detailed_tables_is_summed_within_rounding() -> None:
    # 支出决算表 (p. 10) and 一般公共预算财政拨款支出决算表 (p. 15): 基本支出 of the 类 1503.52 + 326.72 + 60.99
    # + 445.69 = 2336.92 against the 合计 row's 2336.91: four rounded figures, so info. Each row's 合计 is
    # its 基本支出 + 项目支出 (a blank cell beside a printed one counting 0): no finding.
    # The same miss in both tables is one finding naming the second.
    found = [f for f in run(PUTUO).findings if f.subject == "基本支出"]
    assert sorted((f.rule_id, f.severity, f.evidence.page, f.expected, f.actual) for f in found) == [
        ("sum.hierarchy.rounding", Severity.INFO, 10, "2336.92", "2336.91"),
    ]
    assert "一般公共预算财政拨款支出决算表（第15页第26行）同样如此" in found[0].message
    assert [f for f in run(PUTUO).findings if f.rule_id.startswith("sum.basic_project")] == []


def test_one_problem_found_in_several_places_is_one_finding() -> None:
    # The four 类 (2940.06) against the total (2940.05) in the 支出决算表 (p. 10), the
    # 一般公共预算财政拨款支出决算表 (p. 15) and the prose (p. 21); 208 printed 326.71 in both overview
    # tables and 326.72 in both detailed tables, of all funds and of the general budget.
    findings = run(PUTUO).findings
    class_sums = [f for f in findings if (f.expected, f.actual) == ("2940.06", "2940.05")]
    assert [(f.rule_id, f.evidence.page) for f in class_sums] == [("sum.hierarchy.rounding", 10)]
    assert class_sums[0].message.endswith(
        "；一般公共预算财政拨款支出决算表（第15页第26行）、文字说明（第21页第20行）同样如此"
    )
    same_208 = [f for f in findings if f.rule_id.startswith("consistency.table_table") and f.subject == "208"]
    assert [f.evidence.page for f in same_208] == [10]
    assert "财政拨款收入支出决算总表、一般公共预算财政拨款支出决算表（第15页第13行）同样如此" in same_208[0].message
    keys = [(f.rule_id, f.subject, f.expected, f.actual) for f in findings]
    assert len(keys) == len(set(keys)), "the same problem reported twice"
