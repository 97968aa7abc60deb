"""类/款/项 lines from prose: paths as written, shared 类 carried over, breaches kept as printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.conftest import SEED_DIR
from tests.prose_support import HEADER, extract_file, extract_text, line, lines


def test_real_breach_kept_as_printed_in_000() -> None:
    result = extract_file(SEED_DIR / "000_1ca1b4d95d915062.txt")
    klass = line(result, "社会保障和就业支出（类）")
    items = [
        x.actual for x in lines(result) if x.level == "项" and x.name_as_written.startswith("社会保障和就业支出（类）")
    ]
    assert klass.actual == Decimal("64.88")
    assert sum(items) == Decimal("64.89") and len(items) == 3
    assert klass.code == "208"  # the prose states names only: the classification step resolves the code


def test_class_and_kuan_written_once_for_several_items_in_001() -> None:
    result = extract_file(SEED_DIR / "001_8af6c6b53bb795b2.txt")
    second = line(result, "一般公共服务（类）组织事务（款）一般行政管理事务（项）")
    assert (second.actual, second.completion_pct_declared) == (Decimal("155.56"), Decimal(105))
    assert second.reason == "项目使用上年结转经费7.19万元"
    assert line(result, "卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）").actual == Decimal("1.49")


def test_numbering_gaps_do_not_lose_items_in_002() -> None:
    result = extract_file(SEED_DIR / "002_f4d5f3929f6a2ae3.txt")
    assert line(result, "住房保障支出（类）住房改革支出（款）购房补贴（项）").actual == Decimal("50.03")
    assert sum(1 for x in lines(result) if x.level == "项") == 13


def test_initial_and_final_budget_recorded_as_the_text_says(tmp_path: Path) -> None:
    body = (
        "（三）一般公共预算财政拨款支出决算具体情况\n"
        "1.住房保障支出（类）住房改革支出（款）住房公积金（项）:全年预算为31.56万元，支出决算为31.56万元，完成全年预算的100%。\n"
        "2.住房保障支出（类）住房改革支出（款）购房补贴（项）:年初预算为10万元，支出决算为9万元，完成年初预算的90%。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    fund = line(result, "住房保障支出（类）住房改革支出（款）住房公积金（项）")
    subsidy = line(result, "住房保障支出（类）住房改革支出（款）购房补贴（项）")
    assert (fund.budget_initial, fund.budget_final) == (None, Decimal("31.56"))
    assert (subsidy.budget_initial, subsidy.budget_final, subsidy.completion_pct_declared) == (
        Decimal(10),
        None,
        Decimal(90),
    )
    assert {x.fund_type for x in lines(result)} == {"一般公共预算财政拨款"}


def test_structure_sentence_gives_class_lines_with_shares(tmp_path: Path) -> None:
    body = (
        "（二）一般公共预算财政拨款支出决算结构情况\n2022年一般公共预算财政拨款支出100万元，主要用于以下方面:"
        "一般公共服务（类）支出 60 万元，占60%；卫生健康支出40万元，占40%。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    assert [(x.level, x.name_as_written, x.actual, x.share_pct_declared) for x in lines(result)] == [
        ("类", "一般公共服务支出（类）", Decimal(60), Decimal(60)),
        ("类", "卫生健康支出（类）", Decimal(40), Decimal(40)),
    ]


def test_glossary_paths_are_not_expenditure(tmp_path: Path) -> None:
    body = (
        "第三部分 名词解释\n"
        "1.住房保障（类）住房改革（款）住房公积金（项）：指缴纳的住房公积金，支出决算为按规定计提。\n"
    )
    assert lines(extract_text(tmp_path, HEADER + body)) == []


def _class_lines(result) -> list[tuple[str, str, Decimal | None, Decimal | None, Decimal | None]]:
    return [
        (x.fund_type, x.name_as_written, x.budget_initial, x.actual, x.share_pct_declared)
        for x in lines(result)
        if x.level == "类"
    ]


def test_structure_section_listing_classes_without_an_opener(tmp_path: Path) -> None:
    """Under a structure heading the 类 may open the passage, no 主要用于以下方面 before them, no （类） after."""
    body = (
        "（二）一般公共预算财政拨款支出决算结构情况\n"
        "一般公共服务支出800万元，占72.73%；社会保障和就业支出150万元，占13.64%；住房保障支出150万元，占13.63%。\n"
    )
    assert _class_lines(extract_text(tmp_path, HEADER + body)) == [
        ("一般公共预算财政拨款", "一般公共服务支出（类）", None, Decimal(800), Decimal("72.73")),
        ("一般公共预算财政拨款", "社会保障和就业支出（类）", None, Decimal(150), Decimal("13.64")),
        ("一般公共预算财政拨款", "住房保障支出（类）", None, Decimal(150), Decimal("13.63")),
    ]


def test_structure_section_passage_of_other_spending_gives_no_class(tmp_path: Path) -> None:
    body = "（二）一般公共预算财政拨款支出决算结构情况\n基本支出800万元，占72.73%；项目支出300万元。\n"
    assert _class_lines(extract_text(tmp_path, HEADER + body)) == []


def test_classes_listed_after_spending_includes_in_a_budget(tmp_path: Path) -> None:
    """``财政拨款收支总预算…。收入全部为一般公共预算拨款；支出包括：…``: the 类 of all 财政拨款, budgeted; the
    fund the income clause names is not theirs."""
    text = (
        "测试局2026年部门预算\n四、财政拨款收支预算总体情况\n2026年财政拨款收支总预算1,400万元。收入全部为一般公共预算拨款；"
        "支出包括：一般公共服务支出1,000万元、社会保障和就业支出200万元、城乡社区支出200万元。\n"
    )
    assert _class_lines(extract_text(tmp_path, text)) == [
        ("财政拨款", "一般公共服务支出（类）", Decimal(1000), None, None),
        ("财政拨款", "社会保障和就业支出（类）", Decimal(200), None, None),
        ("财政拨款", "城乡社区支出（类）", Decimal(200), None, None),
    ]


def test_spending_includes_names_whose_spending(tmp_path: Path) -> None:
    """After the year's whole spending the 类 are all funds'; a list of other spending gives no 类."""
    body = (
        "（一）收入支出决算总体情况说明\n2022年度本年支出合计1,200万元，支出包括：一般公共服务支出800万元、"
        "社会保障和就业支出400万元。\n（六）一般公共预算财政拨款基本支出决算情况说明\n"
        "支出主要包括人员经费支出800万元、公用经费支出100万元、对个人和家庭的补助支出50万元。\n"
    )
    assert _class_lines(extract_text(tmp_path, HEADER + body)) == [
        ("全部资金", "一般公共服务支出（类）", None, Decimal(800), None),
        ("全部资金", "社会保障和就业支出（类）", None, Decimal(400), None),
    ]


def test_classes_of_a_budgets_whole_spending_are_all_funds_whatever_its_income_names(tmp_path: Path) -> None:
    """The national template's ``收支总预算…万元。收入包括：一般公共预算拨款收入…；支出包括：…``: the 类 of the
    department's whole spending, all funds; the income sources listed before them are no fund of theirs.
    Where the sentence of the total names a fund, its 类 are that fund's."""
    income = "收入包括：一般公共预算拨款收入1,000万元，政府性基金预算拨款收入0万元，事业收入400万元；"
    spending = "支出包括：一般公共服务支出1,200万元、城乡社区支出200万元。\n"
    whole = f"测试局2026年部门预算\n一、收支预算总体情况\n2026年收支总预算1,400万元。{income}{spending}"
    assert _class_lines(extract_text(tmp_path, whole)) == [
        ("全部资金", "一般公共服务支出（类）", Decimal(1200), None, None),
        ("全部资金", "城乡社区支出（类）", Decimal(200), None, None),
    ]
    heading = "测试局2026年部门预算\n四、财政拨款收支预算总体情况\n"
    fiscal = f"{heading}2026年财政拨款收支总预算1,400万元。{income}{spending}"
    assert {fund for fund, *_ in _class_lines(extract_text(tmp_path, fiscal))} == {"财政拨款"}
