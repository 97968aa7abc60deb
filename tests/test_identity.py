"""The report's identity: kind, year, department (full and short), region, money unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.extract.identity.region import locate
from tests.conftest import SEED_DIR, corpus_file
from tests.prose_support import extract_file, extract_text

EXPECTED = {
    "000_1ca1b4d95d915062.txt": (
        "部门决算",
        2021,
        "四川省",
        "泸州市",
        None,
        "中国共产党泸州市直属机关工作委员会",
        "市直机关工委",
    ),
    "001_8af6c6b53bb795b2.txt": (
        "部门决算",
        2021,
        "四川省",
        "攀枝花市",
        "西区",
        "中国共产党攀枝花市西区委员会组织部",
        "西区区委组织部",
    ),
    "002_f4d5f3929f6a2ae3.txt": ("部门决算", 2023, "四川省", "泸州市", None, "中共泸州市委办公室", "市委办公室"),
    "003_397564467219909d.txt": (
        "部门整体支出绩效自评",
        2021,
        "湖南省",
        "娄底市",
        None,
        "中共娄底市直属机关工作委员会",
        "市直机关工委",
    ),
    "004_127aded49d8bfbe3.txt": (
        "部门决算",
        2023,
        "四川省",
        "广元市",
        "昭化区",
        "中共广元市昭化区委组织部",
        "区委组织部",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_identity(name: str) -> None:
    info = extract_file(SEED_DIR / name).report
    got = (info.report_kind, info.fiscal_year, info.province, info.city, info.county, info.department)
    assert (*got, info.department_short) == EXPECTED[name]
    assert info.money_unit == "万元"


def test_same_department_same_name_across_years(tmp_path: Path) -> None:
    text = (SEED_DIR / "002_f4d5f3929f6a2ae3.txt").read_text(encoding="utf-8")
    later = extract_text(tmp_path, text.replace("2023", "2024").replace("2022", "2023"), "later.txt").report
    earlier = extract_file(SEED_DIR / "002_f4d5f3929f6a2ae3.txt").report
    assert (later.fiscal_year, earlier.fiscal_year) == (2024, 2023)
    assert later.department == earlier.department == "中共泸州市委办公室"


def test_municipality_district_and_title(tmp_path: Path) -> None:
    info = extract_text(tmp_path, "上海市普陀区财政局\n2024年度部门决算\n一、收入支出决算总表\n单位：元\n").report
    assert (info.report_kind, info.fiscal_year) == ("部门决算", 2024)
    assert (info.province, info.city, info.county) == ("上海市", "上海市", "普陀区")
    assert info.department == "上海市普陀区财政局"
    assert info.money_unit == "元"


def test_project_self_evaluation_title(tmp_path: Path) -> None:
    info = extract_text(tmp_path, "2021年机关党建工作经费项目绩效自评报告\n一、项目概况\n").report
    assert (info.report_kind, info.fiscal_year) == ("项目支出绩效自评", 2021)


def test_putuo_pdf_identity() -> None:
    info = extract_file(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf")).report
    assert (info.report_kind, info.fiscal_year, info.department) == ("部门决算", 2024, "上海市普陀区财政局")
    assert (info.province, info.city, info.county) == ("上海市", "上海市", "普陀区")


def test_template_placeholders_name_no_department() -> None:
    # The blank model prints 上海市 XX 局 where the name goes; its 年度无…支出 sentences name nobody either.
    info = extract_file(corpus_file("shanghai-final-accounts-template-2024.pdf")).report
    assert (info.report_kind, info.fiscal_year, info.province) == ("部门决算", 2024, "上海市")
    assert (info.department, info.department_short) == (None, None)


@pytest.mark.parametrize(("name", "expected"), [("上海市XX局", None), ("上海市普陀区财政局", "上海市普陀区财政局")])
def test_a_date_is_not_part_of_a_short_form(tmp_path: Path, name: str, expected: str | None) -> None:
    text = (
        f"{name}\n2024年度部门决算\n（一）机关运行经费支出情况\n{name}2024年度无机关运行经费支出。\n"
        f"（二）政府采购支出情况\n{name}2024年度无政府采购支出总额。\n"
    )
    info = extract_text(tmp_path, text).report
    assert (info.department, info.department_short) == (expected, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 重庆市 lists its counties under a group called "县": the word alone names no place.
        ("县委宣传部负责全县宣传工作。", (None, None, None)),
        ("全县农业农村工作", (None, None, None)),
        ("巫山县教育委员会", ("重庆市", "重庆市", "巫山县")),
        ("重庆市教育委员会", ("重庆市", "重庆市", None)),
    ],
)
def test_the_word_county_alone_is_no_region(text: str, expected: tuple) -> None:
    assert locate(text) == expected


def test_a_report_naming_no_place_gets_no_region(tmp_path: Path) -> None:
    """A county department that names only its office (县委宣传部) is located nowhere rather than in 重庆."""
    text = "县委宣传部\n2024年度部门决算\n第一部分 部门概况\n一、部门职责\n负责全县宣传工作。\n"
    info = extract_text(tmp_path, text).report
    assert (info.province, info.city, info.county) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Several cities have a 鼓楼区 / 普陀区: alone, the county stays and its place is not guessed.
        ("鼓楼区教育局", (None, None, "鼓楼区")),
        ("普陀区财政局", (None, None, "普陀区")),
        ("南京市鼓楼区教育局", ("江苏省", "南京市", "鼓楼区")),
        ("舟山市普陀区财政局", ("浙江省", "舟山市", "普陀区")),
        ("上海市普陀区财政局", ("上海市", "上海市", "普陀区")),
        # 城区 / 矿区 / 郊区 alone are words, not places.
        ("城区环卫工作经费", (None, None, None)),
        ("阳泉市城区", ("山西省", "阳泉市", "城区")),
    ],
)
def test_a_county_name_several_cities_share(text: str, expected: tuple) -> None:
    assert locate(text) == expected


def test_a_shared_county_name_takes_its_place_from_a_text_naming_it_in_full(tmp_path: Path) -> None:
    body = "第一部分 部门概况\n一、部门职责\n负责全区教育工作。本部门是南京市鼓楼区人民政府工作部门。\n"
    info = extract_text(tmp_path, f"鼓楼区教育局\n2024年度部门决算\n{body}").report
    assert (info.province, info.city, info.county) == ("江苏省", "南京市", "鼓楼区")
    title = "鼓楼区教育局\n2024年度部门决算\n"
    alone = extract_text(tmp_path, f"{title}第一部分 部门概况\n一、部门职责\n负责教育。\n", "b.txt")
    assert (alone.report.province, alone.report.city, alone.report.county) == (None, None, "鼓楼区")
