"""Totals, income by source and expenditure kinds, in the variety real reports write them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SEED_DIR
from tests.prose_support import HEADER, extract_file, extract_text, metric, metric_names


def _report(tmp_path: Path, body: str):
    return extract_text(tmp_path, HEADER + body)


def test_spaces_before_units_and_yuan_converted_exactly(tmp_path: Path) -> None:
    result = _report(
        tmp_path,
        "一、收入支出决算总体情况说明\n"
        "2022年度收、支总计均为 2246.12 万元。与2021年度相比，收、支总计各减少12960元，下降0.6%。\n",
    )
    total = metric(result, "收支总计")
    assert total.value == Decimal("2246.12")
    assert total.change_value == Decimal("-1.296")
    assert total.change_pct_declared == Decimal("-0.6")


def test_sources_listed_as_all_zero_get_a_zero_each(tmp_path: Path) -> None:
    body = (
        "二、收入决算情况说明\n2022年度本年收入合计2246.12万元，其中：一般公共预算财政拨款收入2246.12万元，占100%；"
        "政府性基金预算财政拨款收入、事业收入、其他收入均为零。\n"
    )
    result = _report(tmp_path, body)
    income = {i.source: (i.amount, i.share_pct_declared) for i in result.income}
    assert income == {
        "一般公共预算财政拨款收入": (Decimal("2246.12"), Decimal(100)),
        "政府性基金预算财政拨款收入": (Decimal(0), None),
        "事业收入": (Decimal(0), None),
        "其他收入": (Decimal(0), None),
    }


def test_percentages_printed_without_their_sign(tmp_path: Path) -> None:
    body = "三、支出决算情况说明\n本年支出合计100万元，其中：基本支出60万元，占60；项目支出40万元，占40。\n"
    result = _report(tmp_path, body)
    assert metric(result, "基本支出").share_pct_declared == Decimal(60)
    assert metric(result, "项目支出").share_pct_declared == Decimal(40)


def test_flat_year_states_zero_change(tmp_path: Path) -> None:
    body = (
        "四、财政拨款收入支出决算总体情况说明\n"
        "2022年度财政拨款收入支出总计0.3万元。与2021年度相比，财政拨款收入支出总计持平。\n"
    )
    fiscal = metric(_report(tmp_path, body), "财政拨款收支总计")
    assert (fiscal.value, fiscal.change_value, fiscal.change_pct_declared) == (Decimal("0.3"), Decimal(0), None)


def test_a_figure_repeated_in_three_sections_is_one_row_with_all_it_states(tmp_path: Path) -> None:
    body = (
        "（一）一般公共预算财政拨款支出决算总体情况\n2022年一般公共预算财政拨款支出609.89万元，占本年支出合计的100%。"
        "与2021年相比，一般公共预算财政拨款支出增加4.24万元，增长0.7%。\n"
        "（二）一般公共预算财政拨款支出决算结构情况\n2022年一般公共预算财政拨款支出609.89万元，主要用于以下方面:住房保障支出609.89万元，占100%。\n"
        "（三）一般公共预算财政拨款支出决算具体情况\n2022年一般公共预算支出决算数为609.89，完成预算100%。其中：\n"
    )
    gpb = metric(_report(tmp_path, body), "一般公共预算财政拨款支出")
    assert (gpb.value, gpb.share_pct_declared, gpb.change_value, gpb.completion_pct_declared) == (
        Decimal("609.89"),
        Decimal(100),
        Decimal("4.24"),
        Decimal(100),
    )
    assert gpb.evidence.line == 6


def test_a_contradicting_restatement_is_kept_scoped_by_its_section(tmp_path: Path) -> None:
    body = (
        "（一）机关运行经费支出情况\n2022年，测试局机关运行经费支出84.01万元，比2021年增加24.33万元，增长40.77%。\n"
        "（二）补充说明\n机关运行经费支出84.10万元。\n"
    )
    result = _report(tmp_path, body)
    assert metric(result, "机关运行经费").value == Decimal("84.01")
    assert metric(result, "机关运行经费", "补充说明").value == Decimal("84.10")


def test_subunits_in_chinese_numerals(tmp_path: Path) -> None:
    result = _report(tmp_path, "一、收入支出决算总体情况说明\n2022年度收、支总计10万元。\n")
    assert metric(result, "下属二级单位数").value == Decimal(2)
    assert metric(result, "下属其他事业单位数").value == Decimal(1)
    assert "下属参公事业单位数" not in metric_names(result)  # not stated, so absent


def test_reason_words_are_not_figures(tmp_path: Path) -> None:
    body = "一、收入支出决算总体情况说明\n2022年度收、支总计10万元。主要变动原因是基本支出增加。\n"
    result = _report(tmp_path, body)
    assert "基本支出" not in metric_names(result)


def test_subunits_restated_in_the_attached_self_evaluation_of_004() -> None:
    result = extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt")
    # Line 12 (部门概况): 无二级预算单位, 0 of each kind; line 122 (机构组成 of the attached report):
    # 下属二级单位 4个, 参照公务员法管理的事业单位 2 个, 其他事业单位 2 个 — kept beside it, scoped.
    first = metric(result, "下属二级单位数")
    again = metric(result, "下属二级单位数", "机构组成")
    assert (first.value, first.evidence.line, again.value, again.evidence.line) == (0, 12, 4, 122)
    assert metric(result, "下属参公事业单位数", "机构组成").value == 2
    assert metric(result, "下属其他事业单位数", "机构组成").value == 2


def test_staff_in_post_per_kind_of_quota_in_001() -> None:
    # Line 108: 行政编制11名，实有7人；参公管理编制8名，实有7人；退休人员3人；行政工勤人员1人 — no total in post.
    result = extract_file(SEED_DIR / "001_8af6c6b53bb795b2.txt")
    admin, civil = metric(result, "行政编制实有人数"), metric(result, "参公编制实有人数")
    workers = metric(result, "行政工勤人员数")
    assert [(x.value, x.unit, x.evidence.line) for x in (admin, civil, workers)] == [(7, "人", 108)] * 2 + [
        (1, "人", 108)
    ]
    assert "行政编制11名，实有7人" in admin.evidence.snippet
    assert "参公管理编制8名，实有7人" in civil.evidence.snippet
    assert "实有人数" not in metric_names(result)  # never summed into a total the report does not state


def test_workers_within_the_quota_are_not_staff_workers_in_000() -> None:
    # Line 208: 行政编制18人（含工勤1人）: part of the quota, not a count of 行政工勤人员 in post.
    result = extract_file(SEED_DIR / "000_1ca1b4d95d915062.txt")
    assert metric(result, "行政编制数").value == 18
    assert "行政工勤人员数" not in metric_names(result)


def test_a_change_stated_in_the_next_sentence_joins_the_snippet_in_000() -> None:
    # Line 70: 2021年度收、支总计609.89万元。与2020年相比，收、支总计各增加4.24万元，增长0.7%。 The row cites
    # line 70 and its snippet shows the total and the change.
    total = metric(extract_file(SEED_DIR / "000_1ca1b4d95d915062.txt"), "收支总计")
    assert (total.value, total.change_value, total.change_pct_declared) == (
        Decimal("609.89"),
        Decimal("4.24"),
        Decimal("0.7"),
    )
    assert total.evidence.line == 70
    assert total.evidence.snippet == "2021年度收、支总计609.89万元。…与2020年相比，收、支总计各增加4.24万元，增长0.7%。"


def test_restatements_on_nearby_lines_join_the_snippet_far_ones_do_not(tmp_path: Path) -> None:
    # The row cites the line of its total; a change stated two lines below joins its snippet (…), one
    # stated many lines further keeps out of it (the snippet quotes the neighbourhood of its line only).
    change = "（一）变动\n与2021年相比，收、支总计增加5万元，增长5.26%。\n"
    head = "一、收入支出决算总体情况说明\n2022年度收、支总计100万元。\n"
    near = metric(_report(tmp_path, head + change), "收支总计")
    assert near.change_value == Decimal(5)
    assert near.evidence.line == (HEADER + head).count("\n")  # the line of the total
    assert near.evidence.snippet == "2022年度收、支总计100万元。…与2021年相比，收、支总计增加5万元，增长5.26%。"
    far = metric(_report(tmp_path, head + "本单位说明如下。\n" * 20 + change), "收支总计")
    assert far.change_value == Decimal(5)
    assert far.evidence.snippet == "2022年度收、支总计100万元。"


FUND_SECTION_FLOWS = [
    (
        "七、政府性基金预算财政拨款收入支出决算情况说明",
        "2024年度政府性基金预算财政拨款收入1,000.00万元，支出950.00万元，年末结转和结余50.00万元。",
        ("政府性基金预算财政拨款收入", "财政拨款", "1000.00"),
        ("政府性基金预算财政拨款支出", None, "950.00"),
    ),
    (
        "七、政府性基金预算财政拨款收入支出决算情况说明",
        "本部门2024年度政府性基金预算财政拨款年初结转和结余20.00万元，本年收入1,000.00万元，"
        "本年支出950.00万元，年末结转和结余70.00万元。",
        ("政府性基金预算财政拨款收入", "财政拨款", "1000.00"),
        ("政府性基金预算财政拨款支出", None, "950.00"),
    ),
    (
        "四、国有资本经营预算财政拨款收入支出决算情况说明",
        "2024年度国有资本经营预算财政拨款收入30.00万元，比上年增加5.00万元；支出28.00万元。",
        ("国有资本经营预算财政拨款收入", "财政拨款", "30.00"),
        ("国有资本经营预算财政拨款支出", None, "28.00"),
    ),
    (
        "三、财政拨款收入支出决算总体情况说明",
        "2024年度财政拨款本年收入2,000.00万元，本年支出1,980.00万元，年末结转和结余20.00万元。",
        ("本年收入合计", "财政拨款", "2000.00"),
        ("本年支出合计", "财政拨款", "1980.00"),
    ),
    (
        "三、财政拨款收入支出决算总体情况说明",
        "本年收入合计2,000.00万元，本年支出合计1,980.00万元。",
        ("本年收入合计", "财政拨款", "2000.00"),
        ("本年支出合计", "财政拨款", "1980.00"),
    ),
]


@pytest.mark.parametrize(("heading", "sentence", "income", "spending"), FUND_SECTION_FLOWS)
def test_a_fund_sections_own_income_and_spending(
    tmp_path: Path, heading: str, sentence: str, income: tuple[str, str | None, str], spending: tuple
) -> None:
    """A fund's section, or the 财政拨款's, states its year's income and spending (…收入1,000万元，支出950万元 /
    本年收入…，本年支出…): the fund's, scoped as the 财政拨款 overview table prints them, never the report's
    本年收入合计 / 本年支出合计."""
    result = _report(tmp_path, f"{heading}\n{sentence}\n")
    for name, scope, value in (income, spending):
        assert metric(result, name, scope).value == Decimal(value)
    stated = {(x.metric, x.scope) for x in result.summary_metrics}
    assert ("本年收入合计", None) not in stated and ("本年支出合计", None) not in stated
    assert result.income == []


def test_a_lines_spending_after_its_budget_is_no_funds_spending(tmp_path: Path) -> None:
    """支出 alone names the fund's spending only right after the fund's income, not after a line's budget."""
    result = _report(
        tmp_path,
        "七、政府性基金预算财政拨款支出决算情况说明\n"
        "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）年初预算为1,200.00万元，"
        "支出1,000.00万元，完成年初预算的83.33%。\n",
    )
    assert "政府性基金预算财政拨款支出" not in metric_names(result)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2024年度收入总计3,000.00万元，其中：本年收入合计2,900.00万元，年初结转结余100.00万元。"
            "支出总计3,000.00万元，其中：本年支出合计2,950.00万元，年末结转结余50.00万元。",
            {("本年收入合计", None): "2900.00", ("年初结转和结余", None): "100.00", ("年末结转和结余", None): "50.00"},
        ),
        (
            "本年收入合计2,900.00万元，使用非财政拨款结余10.00万元，年初结转和结余90.00万元；结余分配5.00万元。",
            {
                ("本年收入合计", None): "2900.00",
                ("使用非财政拨款结余", None): "10.00",
                ("年初结转和结余", None): "90.00",
                ("结余分配", None): "5.00",
            },
        ),
        (
            "2024年度财政拨款收入2,800.00万元，年初财政拨款结转和结余50.00万元，年末财政拨款结转和结余20.00万元。",
            {("年初结转和结余", "财政拨款"): "50.00", ("年末结转和结余", "财政拨款"): "20.00"},
        ),
    ],
)
def test_carry_over_and_balances_beside_the_income_are_no_income_source(
    tmp_path: Path, sentence: str, expected: dict[tuple[str, str | None], str]
) -> None:
    """结转结余 without 和, 年初财政拨款结转和结余 (the 财政拨款's), 使用非财政拨款结余 and 结余分配: metrics, as the
    收入支出决算总表 prints them beside the income, never an income source."""
    result = _report(tmp_path, f"一、收入支出决算总体情况说明\n{sentence}\n")
    for (name, scope), value in expected.items():
        assert metric(result, name, scope).value == Decimal(value)
    assert not [i.source for i in result.income if "结余" in i.source or "结转" in i.source]


@pytest.mark.parametrize(
    "heading",
    ["一、收入支出决算总体情况说明", "三、财政拨款收入支出决算总体情况说明", "五、政府性基金预算支出决算情况说明"],
)
def test_a_sentence_opening_with_a_fund_states_that_funds_figures(tmp_path: Path, heading: str) -> None:
    """``政府性基金预算财政拨款年初结转和结余0万元，本年收入100万元，本年支出90万元，…`` in any section: the
    fund's carry-over, income and spending, not the report's (nor the 财政拨款's) 本年收入合计 / 本年支出合计;
    the next clause after ；, opening with another fund, is that fund's."""
    sentence = (
        "2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入100.00万元，本年支出90.00万元，"
        "年末结转和结余10.00万元；一般公共预算财政拨款本年收入2,800.00万元，本年支出2,810.00万元。"
    )
    result = _report(tmp_path, f"{heading}\n{sentence}\n")
    read = {(x.metric, x.scope): x.value for x in result.summary_metrics if not x.metric.startswith("下属")}
    assert read == {
        ("年初结转和结余", "政府性基金预算财政拨款"): Decimal(0),
        ("政府性基金预算财政拨款收入", "财政拨款"): Decimal("100.00"),
        ("政府性基金预算财政拨款支出", None): Decimal("90.00"),
        ("年末结转和结余", "政府性基金预算财政拨款"): Decimal("10.00"),
        ("一般公共预算财政拨款收入", "财政拨款"): Decimal("2800.00"),
        ("一般公共预算财政拨款支出", None): Decimal("2810.00"),
    }


@pytest.mark.parametrize(
    ("sentence", "metric_name", "value", "change"),
    [
        ("2022年末结转结余资金69.80万元，较上年减少10.2万元。", "年末结转和结余", Decimal("69.80"), Decimal("-10.2")),
        ("年末结转结余资金为69.80万元。", "年末结转和结余", Decimal("69.80"), None),
        ("年初结转和结余资金20万元。", "年初结转和结余", Decimal(20), None),
    ],
)
def test_carry_over_written_as_its_money(
    tmp_path: Path, sentence: str, metric_name: str, value: Decimal, change: Decimal | None
) -> None:
    """``结转结余资金``: the figure after 资金 is the balance (it was left NULL beside its change)."""
    result = extract_text(tmp_path, HEADER + "（一）收入支出决算总体情况说明\n" + sentence + "\n")
    found = metric(result, metric_name)
    assert (found.value, found.change_value) == (value, change)


def test_fund_incomes_in_brackets_after_the_fiscal_income(tmp_path: Path) -> None:
    """``财政拨款收入1,300万元（一般公共预算财政拨款收入1,200万元、政府性基金…100万元）``: the bracket opens the
    first fund's name (it was lost); the funds, parts of the 财政拨款收入, raise no false sum finding."""
    body = (
        "（一）收入决算情况说明\n2022年度本年收入合计1,500万元，其中：财政拨款收入1,300万元（一般公共预算财政拨款收入"
        "1,200万元、政府性基金预算财政拨款收入100万元），事业收入150万元，其他收入50万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    assert {i.source: i.amount for i in result.income} == {
        "财政拨款收入": Decimal(1300),
        "一般公共预算财政拨款收入": Decimal(1200),
        "政府性基金预算财政拨款收入": Decimal(100),
        "事业收入": Decimal(150),
        "其他收入": Decimal(50),
    }
    assert not [f for f in result.findings if f.rule_id.startswith("sum.")]


def test_the_years_income_and_spending_changed_in_the_next_sentence(tmp_path: Path) -> None:
    """``本年收入…，本年支出…。与2021年度相比，本年收入增加50万元，本年支出增加30万元``: 本年收入 / 本年支出 without
    合计 before their change, not only before their figure."""
    body = (
        "（一）收入支出决算总体情况\n2022年度本年收入1,250万元，本年支出1,200万元。与2021年度相比，本年收入增加50万元，"
        "本年支出增加30万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    income, spending = metric(result, "本年收入合计"), metric(result, "本年支出合计")
    assert (income.value, income.change_value, spending.value, spending.change_value) == (
        Decimal(1250),
        Decimal(50),
        Decimal(1200),
        Decimal(30),
    )
