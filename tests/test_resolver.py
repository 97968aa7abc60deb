"""Name path / printed code -> classification code, with names as the seeds and the corpus print them."""

from __future__ import annotations

import re

import pytest

from budget_reports.classification.resolver import IssueKind, resolve, split_path
from tests.conftest import SEED_DIR


def _seed_text(stem: str) -> str:
    return next(SEED_DIR.glob(f"{stem}*.txt")).read_text(encoding="utf-8")


def _in_seed(stem: str, name: str) -> str:
    """The name as the seed prints it (fails if the seed does not contain it, so the cases stay real)."""
    assert name in _seed_text(stem), f"{name} not in seed {stem}"
    return name


@pytest.mark.parametrize(
    ("stem", "name", "level", "year", "code"),
    [
        # Full path; 行政运行 is shared by many 款: the 款 in the path decides.
        ("000", "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）", "项", 2021, "2013101"),
        ("004", "一般公共服务支出（类）组织事务（款）行政运行（项）", "项", 2023, "2013201"),
        # Suffix 支出 omitted in the 类 and the 款.
        ("000", "住房保障（类）住房改革（款）住房公积金（项）", "项", 2021, "2210201"),
        (
            "000",
            "社会保障和就业（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）",
            "项",
            2021,
            "2080506",
        ),
        (
            "001",
            "城乡社区支出（类）国有土地使用权出让收入及对应专项债务收入安排的支出（款）土地开发支出（项）",
            "项",
            2021,
            "2120802",
        ),
        # A 2021 renaming (扶贫 -> 巩固脱贫攻坚成果衔接乡村振兴).
        (
            "004",
            "农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）",
            "项",
            2023,
            "2130599",
        ),
        ("004", "教育支出（类）其他教育支出（款）其他教育支出（项）", "项", 2023, "2059999"),
        ("004", "社会保障和就业支出（类）抚恤（款）死亡抚恤（项）", "项", 2023, "2080801"),
        # 类 alone, short and full forms.
        ("001", "卫生健康（类）", "类", 2021, "210"),
        ("000", "教育支出（类）", "类", 2021, "205"),
    ],
)
def test_seed_name_paths_resolve(stem: str, name: str, level: str, year: int, code: str) -> None:
    resolution = resolve(_in_seed(stem, name), level, year)
    assert resolution.code == code
    assert not resolution.issues


def test_numbering_and_trailing_suffix_are_ignored() -> None:
    name = _in_seed("000", "一般公共服务（类）支出")
    assert resolve(name, "类", 2021).code == "201"
    assert resolve("十二、教育支出（类）其他教育支出（款）其他教育支出（项）", "项", 2023).code == "2059999"
    assert [p.name for p in split_path("9.一般公共服务（类）组织事务（款）行政运行（项）", "项")] == [
        "一般公共服务",
        "组织事务",
        "行政运行",
    ]


def test_half_width_brackets_and_spaces_resolve_like_full_width() -> None:
    full = resolve("一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）机关服务（项）", "项", 2021)
    half = resolve("一般公共服务支出(类) 党委办公厅(室)及相关\n机构事务(款)机关服务(项)", "项", 2021)
    assert full.code == half.code == "2013103"


def test_a_continued_list_takes_its_parents_from_the_previous_line() -> None:
    # 001 writes the 类 and 款 once, then lists further 项 alone.
    text = _seed_text("001")
    assert "1.一般公共服务（类）组织事务（款）行政运行（项）" in text
    first = resolve("一般公共服务（类）组织事务（款）行政运行（项）", "项", 2021)
    second = resolve(_in_seed("001", "一般行政管理事务（项）"), "项", 2021, context=first)
    third = resolve(_in_seed("001", "事业运行（项）"), "项", 2021, context=second)
    assert (first.code, second.code, third.code) == ("2013201", "2013202", "2013250")


def test_a_shared_xiang_name_without_its_kuan_stays_unresolved() -> None:
    resolution = resolve("行政运行（项）", "项", 2021)
    assert resolution.code is None
    assert resolution.issues[0].kind is IssueKind.UNRESOLVED
    assert "多个" in resolution.issues[0].detail


def test_an_earlier_edition_name_resolves_and_is_reported_as_outdated() -> None:
    # 002 (a 2023 report) copies 医疗卫生与计划生育 and 行政事业单位离退休 from an older template.
    name = _in_seed("002", "医疗卫生与计划生育（类）行政事业单位医疗（款）行政单位医疗（项）")
    resolution = resolve(name, "项", 2023)
    assert resolution.code == "2101101"
    assert resolution.entry("类").name == "卫生健康支出"
    assert [i.kind for i in resolution.issues] == [IssueKind.OUTDATED_NAME]


def test_a_name_missing_from_the_edition_stays_unresolved_with_its_parents() -> None:
    name = _in_seed("002", "社会保障和就业（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）")
    resolution = resolve(name, "项", 2023)
    assert resolution.code is None
    assert resolution.entry("款").code == "20805"
    assert IssueKind.UNRESOLVED in [i.kind for i in resolution.issues]


def test_a_kuan_abolished_in_2019_stays_unresolved() -> None:
    name = _in_seed("002", "资源勘探信息等支出（类）安全生产监管（款）其他安全生产监管支出（项）")
    resolution = resolve(name, "项", 2023)
    assert resolution.code is None
    assert resolution.entry("类").code == "215"


def test_a_kuan_written_under_another_class_is_a_wrong_parent() -> None:
    resolution = resolve("社会保障和就业支出（类）行政事业单位医疗（款）行政单位医疗（项）", "项", 2021)
    assert resolution.code is None
    issue = resolution.issues[0]
    assert issue.kind is IssueKind.WRONG_PARENT
    assert (issue.expected, issue.actual) == ("210", "208")


@pytest.mark.parametrize(
    ("code", "printed", "level"),
    [
        ("2080505", "机关事业单位基本养老保险\n缴费支出", "项"),  # wrapped by the table
        ("208 05 05", "机关事业单位基本养老保险缴", "项"),  # split code, truncated name
        ("20799", "其他文化旅游体育与传媒支", "款"),  # truncated (template's 收入决算表)
        ("2010608", "财政委托业务支出", "项"),
        ("221", "住房保障支出", "类"),
    ],
)
def test_printed_codes_fill_names_and_accept_truncated_names(code: str, printed: str, level: str) -> None:
    resolution = resolve(printed, level, 2024, code=code)
    digits = re.sub(r"\D", "", code)
    assert resolution.code == digits
    assert resolution.entry(level).code == digits
    assert not resolution.issues
    if level == "项":
        assert resolution.entry("类").code == digits[:3] and resolution.entry("款").code == digits[:5]


def test_a_printed_name_that_is_not_the_codes_name_is_reported() -> None:
    resolution = resolve("住房公积金", "项", 2024, code="2210203")
    assert resolution.code == "2210203"
    issue = resolution.issues[0]
    assert issue.kind is IssueKind.OTHER_CODES_NAME  # 住房公积金 is 2210201's name
    assert (issue.expected, issue.actual) == ("购房补贴", "住房公积金")


def test_a_code_not_in_the_edition_is_kept_and_reported() -> None:
    unknown = resolve("安全生产监管", "款", 2021, code="21506")
    assert unknown.code == "21506"
    assert unknown.issues[0].kind is IssueKind.CODE_UNKNOWN
    assert unknown.entry("类").code == "215"  # the parent that does exist is still filled


def test_renames_follow_the_edition_year() -> None:
    before = resolve("扶贫（款）", "款", 2020)
    after = resolve("巩固脱贫攻坚成果衔接乡村振兴（款）", "款", 2021)
    assert before.code == after.code == "21305"
    assert before.entry("款").name == "扶贫"
    assert after.entry("款").name == "巩固脱贫攻坚成果衔接乡村振兴"
    assert not before.issues and not after.issues


def test_codes_in_the_markers_are_used() -> None:
    resolution = resolve("社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）", "项", 2024)
    assert resolution.code == "2080501" and not resolution.issues


def test_a_year_outside_the_reference_uses_the_nearest_edition() -> None:
    assert resolve("住房保障支出（类）", "类", 2015).edition_year == 2019
    assert resolve("住房保障支出（类）", "类", 2030).edition_year == 2026
    assert resolve("住房保障支出（类）", "类", None).edition_year == 2026


def test_a_xiang_found_only_under_another_kuan_proves_a_wrong_parent_only_when_its_name_names_that_kuan() -> None:
    # 其他税收事务支出 can only be 税收事务's: written under 财政事务 it is a wrong parent.
    wrong = resolve("一般公共服务支出（类）财政事务（款）其他税收事务支出（项）", "项", 2024)
    assert wrong.code is None
    assert [(i.kind, i.expected, i.actual) for i in wrong.issues] == [(IssueKind.WRONG_PARENT, "20107", "20106")]
    # 专项业务 is listed only under 20131, but another 款 may have one the reference lacks: unresolved.
    lacking = resolve("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）专项业务（项）", "项", 2024)
    assert lacking.code is None and lacking.entry("款").code == "20103"
    assert [i.kind for i in lacking.issues] == [IssueKind.UNRESOLVED]
    assert "2013105" in lacking.issues[0].detail
