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
