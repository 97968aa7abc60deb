"""Report identity from title blocks as real reports print them, in every serialization a reader meets.

Each row is a title block of a real kind of budget unit (党委/政府 organs, 街道办事处, 乡镇人民政府,
事业单位, 群团组织, 人大/政协, courts and procuratorates) from several provinces, levels and years,
with the department, region, year and kind it must give. Every block is also read glued to the text
after it (PDF-extracted text), re-wrapped at a fixed width (mid-word), and spaced out as
``pdftotext -layout`` prints a cover.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport
from tests.conftest import SEED_DIR
from tests.prose_support import extract_file, extract_text, lines, metrics

# (title block, department, (province, city, county), fiscal year, report kind)
TITLE_BLOCKS: list[tuple[str, str, tuple[str | None, str | None, str | None], int, str]] = [
    # A cover: the kind, then the name, then the date of publication.
    ("2024年度\n部门决算\n泸县教育局\n二〇二五年九月", "泸县教育局", ("四川省", "泸州市", "泸县"), 2024, "部门决算"),
    ("上海市普陀区财政局\n2024年度部门决算", "上海市普陀区财政局", ("上海市", "上海市", "普陀区"), 2024, "部门决算"),
    (
        "上海市静安区人民政府曹家渡街道办事处 2025\n年度部门决算",
        "上海市静安区人民政府曹家渡街道办事处",
        ("上海市", "上海市", "静安区"),
        2025,
        "部门决算",
    ),
    (
        "成都市武侯区人民政府\n玉林街道办事处\n2022年度部门决算",
        "成都市武侯区人民政府玉林街道办事处",
        ("四川省", "成都市", "武侯区"),
        2022,
        "部门决算",
    ),
    (
        "浙江省杭州市\n西湖区人民政府\n文新街道办事处\n2023年度部门决算",
        "浙江省杭州市西湖区人民政府文新街道办事处",
        ("浙江省", "杭州市", "西湖区"),
        2023,
        "部门决算",
    ),
    (
        "2024年度\n上海市黄浦区外滩街道办事处\n部门决算",
        "上海市黄浦区外滩街道办事处",
        ("上海市", "上海市", "黄浦区"),
        2024,
        "部门决算",
    ),
    (
        "深圳市南山区南头街道办事处\n2023年部门决算",
        "深圳市南山区南头街道办事处",
        ("广东省", "深圳市", "南山区"),
        2023,
        "部门决算",
    ),
    (
        "附件1\n成都市青羊区人民政府少城街道办事处\n2021年度部门决算公开",
        "成都市青羊区人民政府少城街道办事处",
        ("四川省", "成都市", "青羊区"),
        2021,
        "部门决算",
    ),
    ("泸县福集镇人民政府\n2023年度部门决算", "泸县福集镇人民政府", ("四川省", "泸州市", "泸县"), 2023, "部门决算"),
    (
        "淳安县千岛湖镇人民政府2021年度部门预算",
        "淳安县千岛湖镇人民政府",
        ("浙江省", "杭州市", "淳安县"),
        2021,
        "部门预算",
    ),
    (
        "四川省凉山彝族自治州昭觉县\n竹核乡人民政府\n2022年度部门决算",
        "四川省凉山彝族自治州昭觉县竹核乡人民政府",
        ("四川省", "凉山彝族自治州", "昭觉县"),
        2022,
        "部门决算",
    ),
    (
        "二〇二三年度\n广元市昭化区元坝镇人民政府部门决算",
        "广元市昭化区元坝镇人民政府",
        ("四川省", "广元市", "昭化区"),
        2023,
        "部门决算",
    ),
    ("长沙县人民法院2021年度部门决算", "长沙县人民法院", ("湖南省", "长沙市", "长沙县"), 2021, "部门决算"),
    ("广州市中级人民法院\n2021年度部门决算", "广州市中级人民法院", ("广东省", "广州市", None), 2021, "部门决算"),
    (
        "郑州市金水区人民检察院\n2020年度部门决算",
        "郑州市金水区人民检察院",
        ("河南省", "郑州市", "金水区"),
        2020,
        "部门决算",
    ),
    ("四川省人民检察院2020年度部门预算", "四川省人民检察院", ("四川省", None, None), 2020, "部门预算"),
    ("广东省妇女联合会2022年度部门预算", "广东省妇女联合会", ("广东省", None, None), 2022, "部门预算"),
    ("共青团广州市委员会\n2023年部门预算", "共青团广州市委员会", ("广东省", "广州市", None), 2023, "部门预算"),
    ("浙江省科学技术协会\n2019年度部门决算", "浙江省科学技术协会", ("浙江省", None, None), 2019, "部门决算"),
    ("四川省总工会2021年度部门决算", "四川省总工会", ("四川省", None, None), 2021, "部门决算"),
    (
        "湖南省株洲市残疾人联合会2022年度部门决算",
        "湖南省株洲市残疾人联合会",
        ("湖南省", "株洲市", None),
        2022,
        "部门决算",
    ),
    (
        "河南省文学艺术界联合会2024年度部门预算",
        "河南省文学艺术界联合会",
        ("河南省", None, None),
        2024,
        "部门预算",
    ),
    ("上海市红十字会\n2026年度部门预算", "上海市红十字会", ("上海市", "上海市", None), 2026, "部门预算"),
    (
        "北京市东城区人民代表大会常务委员会办公室\n2024年度部门决算",
        "北京市东城区人民代表大会常务委员会办公室",
        ("北京市", "北京市", "东城区"),
        2024,
        "部门决算",
    ),
    (
        "中国人民政治协商会议北京市东城区委员会办公室2023年度部门决算",
        "中国人民政治协商会议北京市东城区委员会办公室",
        ("北京市", "北京市", "东城区"),
        2023,
        "部门决算",
    ),
    ("湖南省人大常委会办公厅2022年度部门决算", "湖南省人大常委会办公厅", ("湖南省", None, None), 2022, "部门决算"),
    ("中共泸州市委办公室\n2023年度部门决算", "中共泸州市委办公室", ("四川省", "泸州市", None), 2023, "部门决算"),
    (
        "中国共产党攀枝花市西区委员会组织部2021年度部门决算",
        "中国共产党攀枝花市西区委员会组织部",
        ("四川省", "攀枝花市", "西区"),
        2021,
        "部门决算",
    ),
    ("中共长沙市委党校2023年度部门决算", "中共长沙市委党校", ("湖南省", "长沙市", None), 2023, "部门决算"),
    (
        "中共广元市昭化区委\n组织部\n2023年度部门决算",
        "中共广元市昭化区委组织部",
        ("四川省", "广元市", "昭化区"),
        2023,
        "部门决算",
    ),
    ("河南省教育厅2019年度部门决算", "河南省教育厅", ("河南省", None, None), 2019, "部门决算"),
    ("2022年成都市财政局部门预算", "成都市财政局", ("四川省", "成都市", None), 2022, "部门预算"),
    (
        "北京市朝阳区发展和改革委员会\n2025年度部门预算",
        "北京市朝阳区发展和改革委员会",
        ("北京市", "北京市", "朝阳区"),
        2025,
        "部门预算",
    ),
    (
        "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区城市管理行政执法局",
        "上海市普陀区城市管理行政执法局",
        ("上海市", "上海市", "普陀区"),
        2026,
        "部门预算",
    ),
    (
        "广州市天河区民政局关于2023年度部门决算的说明",
        "广州市天河区民政局",
        ("广东省", "广州市", "天河区"),
        2023,
        "部门决算",
    ),
    ("湘潭县中医医院2022年度单位决算", "湘潭县中医医院", ("湖南省", "湘潭市", "湘潭县"), 2022, "单位决算"),
    (
        "四川省泸州市疾病预防控制中心\n2024年度单位预算",
        "四川省泸州市疾病预防控制中心",
        ("四川省", "泸州市", None),
        2024,
        "单位预算",
    ),
    ("成都市第七中学2023年度部门预算", "成都市第七中学", ("四川省", "成都市", None), 2023, "部门预算"),
    (
        "北京市海淀区中关村第一小学\n2026年单位预算",
        "北京市海淀区中关村第一小学",
        ("北京市", "北京市", "海淀区"),
        2026,
        "单位预算",
    ),
    (
        "郑州市金水区第一幼儿园\n2021年度单位决算",
        "郑州市金水区第一幼儿园",
        ("河南省", "郑州市", "金水区"),
        2021,
        "单位决算",
    ),
    (
        "杭州市西湖区农业技术推广站 2020 年度部门决算",
        "杭州市西湖区农业技术推广站",
        ("浙江省", "杭州市", "西湖区"),
        2020,
        "部门决算",
    ),
    (
        "长沙市望城区农业科学研究所\n2019年度单位决算",
        "长沙市望城区农业科学研究所",
        ("湖南省", "长沙市", "望城区"),
        2019,
        "单位决算",
    ),
    (
        "娄底市财政局2021年度部门整体支出绩效自评报告",
        "娄底市财政局",
        ("湖南省", "娄底市", None),
        2021,
        "部门整体支出绩效自评",
    ),
    (  # a county's project report: the project's name between the year and the kind
        "泸县教育局\n2024年度农村义务教育学生营养改善计划项目支出绩效自评报告",
        "泸县教育局",
        ("四川省", "泸州市", "泸县"),
        2024,
        "项目支出绩效自评",
    ),
    (
        "娄底市娄星区教育局\n2022年度项目支出绩效自评报告",
        "娄底市娄星区教育局",
        ("湖南省", "娄底市", "娄星区"),
        2022,
        "项目支出绩效自评",
    ),
    (
        "杭州市西湖区人民政府北山街道办事处\n2024年度部门决算",
        "杭州市西湖区人民政府北山街道办事处",
        ("浙江省", "杭州市", "西湖区"),
        2024,
        "部门决算",
    ),
    (  # the project's name run on after the department's, the year on the next line
        "泸县水利局农村饮水安全维修养护项目\n2024年度项目支出绩效自评报告",
        "泸县水利局",
        ("四川省", "泸州市", "泸县"),
        2024,
        "项目支出绩效自评",
    ),
    (  # …after an organ's long ending (人民政府办公室, not 人民政府)
        "泸县人民政府办公室政务服务项目\n2024年度项目支出绩效自评报告",
        "泸县人民政府办公室",
        ("四川省", "泸州市", "泸县"),
        2024,
        "项目支出绩效自评",
    ),
    (  # …whose own name holds a one-character ending (…大队办公楼: 办)
        "泸县公安局交通警察大队办公楼建设项目\n2024年度项目支出绩效自评报告",
        "泸县公安局",
        ("四川省", "泸州市", "泸县"),
        2024,
        "项目支出绩效自评",
    ),
    (  # one unit under two names: the first
        "泸县人民政府办公室（泸县人民政府外事办公室）\n2024年度部门决算",
        "泸县人民政府办公室",
        ("四川省", "泸州市", "泸县"),
        2024,
        "部门决算",
    ),
    (  # the name under the kind
        "2025年部门预算\n泸县财政局",
        "泸县财政局",
        ("四川省", "泸州市", "泸县"),
        2025,
        "部门预算",
    ),
    (
        "泸县财政局关于2024年度部门决算的说明",
        "泸县财政局",
        ("四川省", "泸州市", "泸县"),
        2024,
        "部门决算",
    ),
    (
        "中共泸县县委组织部党建工作项目\n2024年度项目支出绩效自评报告",
        "中共泸县县委组织部",
        ("四川省", "泸州市", "泸县"),
        2024,
        "项目支出绩效自评",
    ),
]

TITLE_BLOCKS += [
    ("上海市嘉定区马陆镇\n2024年度部门决算", "上海市嘉定区马陆镇", ("上海市", "上海市", "嘉定区"), 2024, "部门决算"),
    ("静安区曹家渡街道2023年度部门决算", "静安区曹家渡街道", ("上海市", "上海市", "静安区"), 2023, "部门决算"),
    (
        "上海市普陀区财政局（本级）\n2024年度单位决算",
        "上海市普陀区财政局",
        ("上海市", "上海市", "普陀区"),
        2024,
        "单位决算",
    ),
    (
        "国家税务总局上海市普陀区税务局2022年度部门决算",
        "国家税务总局上海市普陀区税务局",
        ("上海市", "上海市", "普陀区"),
        2022,
        "部门决算",
    ),
    ("四川省财政厅部门决算（2023年度）", "四川省财政厅", ("四川省", None, None), 2023, "部门决算"),
    ("中共四川省委组织部\n2020年度部门预算", "中共四川省委组织部", ("四川省", None, None), 2020, "部门预算"),
    # 人大 / 政协 organs named as 机关.
    (
        "山东省济南市历下区政协机关2024年度部门决算",
        "山东省济南市历下区政协机关",
        ("山东省", "济南市", "历下区"),
        2024,
        "部门决算",
    ),
    (
        "北京市朝阳区人大常委会机关\n2024年度部门决算",
        "北京市朝阳区人大常委会机关",
        ("北京市", "北京市", "朝阳区"),
        2024,
        "部门决算",
    ),
    (
        "中国人民政治协商会议成都市武侯区委员会机关\n2024年度部门决算",
        "中国人民政治协商会议成都市武侯区委员会机关",
        ("四川省", "成都市", "武侯区"),
        2024,
        "部门决算",
    ),
]

BODY = "目 录\n第一部分 部门概况\n一、主要职能\n本部门主要职责是贯彻执行有关方针政策。\n"


def _as_written(title: str) -> str:
    return f"{title}\n{BODY}"


def _glued(title: str) -> str:
    """PDF-extracted text: the title's lines run together and into the contents that follow."""
    return title.replace("\n", "") + BODY.replace("\n", "", 2)


def _rewrapped(title: str) -> str:
    """Hard-wrapped at nine characters, breaking words and numbers alike."""
    flat = title.replace("\n", "")
    return "\n".join(flat[i : i + 9] for i in range(0, len(flat), 9)) + "\n" + BODY


def _layout(title: str) -> str:
    """``pdftotext -layout``: centred cover lines with blank lines between them."""
    return "\n\n".join(f"{' ' * 64}{line}" for line in title.split("\n")) + "\n\n\n" + BODY


SERIALIZATIONS: dict[str, Callable[[str], str]] = {
    "as-written": _as_written,
    "glued": _glued,
    "rewrapped": _rewrapped,
    "layout": _layout,
}


def test_the_table_covers_every_kind_of_unit_province_level_year_and_kind() -> None:
    assert len(TITLE_BLOCKS) >= 40
    names = [row[1] for row in TITLE_BLOCKS]
    for ending in ("街道办事处", "镇人民政府", "乡人民政府", "人民法院", "人民检察院", "总工会", "妇女联合会"):
        assert any(n.endswith(ending) for n in names), ending
    for start in ("中共", "中国共产党", "共青团", "中国人民政治协商会议"):
        assert any(n.startswith(start) for n in names), start
    provinces = {row[2][0] for row in TITLE_BLOCKS}
    assert {"上海市", "四川省", "湖南省", "广东省", "北京市", "浙江省", "河南省"} <= provinces
    assert {row[3] for row in TITLE_BLOCKS} >= set(range(2019, 2027))
    assert {row[4] for row in TITLE_BLOCKS} >= {"部门决算", "单位决算", "部门预算", "单位预算"}
    assert sum("\n" in row[0] for row in TITLE_BLOCKS) >= 20  # titles broken over lines


@pytest.mark.parametrize("serialize", list(SERIALIZATIONS), ids=list(SERIALIZATIONS))
@pytest.mark.parametrize(
    ("title", "department", "region", "year", "kind"), TITLE_BLOCKS, ids=[row[1] for row in TITLE_BLOCKS]
)
def test_identity_from_title_block(
    tmp_path: Path,
    serialize: str,
    title: str,
    department: str,
    region: tuple[str | None, str | None, str | None],
    year: int,
    kind: str,
) -> None:
    info = extract_text(tmp_path, SERIALIZATIONS[serialize](title)).report
    assert info.department == department
    assert (info.province, info.city, info.county) == region
    assert (info.fiscal_year, info.report_kind) == (year, kind)


def test_a_cover_letter_signed_by_its_department(tmp_path: Path) -> None:
    """``关于2024年度部门整体支出绩效自评情况的报告`` / ``区财政局：`` / ``…现将我局…报告如下：`` … ``泸县教育局`` /
    ``2025年3月20日``: the signature names the department (the letter's 现将我局 read as one before)."""
    for signature in ("泸县教育局\n2025年3月20日\n", "泸县教育局2025年3月20日\n"):
        text = (
            "关于2024年度部门整体支出绩效自评情况的报告\n区财政局：\n根据要求，现将我局2024年度部门整体支出绩效"
            "自评情况报告如下：\n一、部门基本情况\n本部门共有车辆2辆。\n" + signature
        )
        info = extract_text(tmp_path, text).report
        assert (info.department, info.county, info.report_kind) == ("泸县教育局", "泸县", "部门整体支出绩效自评")
    unsigned = (
        "关于2024年度部门整体支出绩效自评情况的报告\n区财政局：\n根据要求，现将我局2024年度部门整体支出绩效"
        "自评情况报告如下：\n"
    )
    assert extract_text(tmp_path, unsigned).report.department is None  # nothing names it: no name made up


def test_a_title_without_its_place_takes_the_full_name_the_text_prints(tmp_path: Path) -> None:
    text = (
        "曹家渡街道办事处2024年度部门决算\n" + BODY + "上海市静安区人民政府曹家渡街道办事处是区政府的派出机关。\n"
        "上海市静安区人民政府曹家渡街道办事处下属二级单位2个。\n"
    )
    info = extract_text(tmp_path, text).report
    assert info.department == "上海市静安区人民政府曹家渡街道办事处"
    assert (info.province, info.city, info.county) == ("上海市", "上海市", "静安区")


def test_a_street_name_is_not_a_place(tmp_path: Path) -> None:
    # 玉林 is also a city in Guangxi: only the places a name starts with locate it.
    text = "玉林街道办事处2022年度部门决算\n" + BODY + "成都市武侯区人民政府玉林街道办事处主要职责是统筹辖区发展。\n"
    info = extract_text(tmp_path, text).report
    assert (info.province, info.city, info.county) == ("四川省", "成都市", "武侯区")


def test_a_district_printed_alone_takes_its_city_from_the_title(tmp_path: Path) -> None:
    # 普陀区 is a district of 上海市 and of 舟山市: the title says which.
    text = "舟山市普陀区2025年区级部门预算\n预算主管部门：普陀区农业农村局\n" + BODY
    info = extract_text(tmp_path, text).report
    assert (info.province, info.city, info.county) == ("浙江省", "舟山市", "普陀区")
    assert (info.department, info.report_kind, info.fiscal_year) == ("普陀区农业农村局", "部门预算", 2025)


def test_a_project_title_names_no_department(tmp_path: Path) -> None:
    info = extract_text(tmp_path, "2021年机关党建工作经费项目绩效自评报告\n一、项目概况\n").report
    assert (info.report_kind, info.fiscal_year, info.department) == ("项目支出绩效自评", 2021, None)


def test_a_street_office_report_gets_its_identity_and_every_prose_fact(tmp_path: Path) -> None:
    # A real report (004) re-issued by a street office, its title broken after the year as PDF text breaks it.
    seed = SEED_DIR / "004_127aded49d8bfbe3.txt"
    office = "广元市昭化区人民政府元坝街道办事处"
    text = (
        seed.read_text(encoding="utf-8")
        .replace("中共广元市昭化区委组织部", office)
        .replace("区委组织部", "元坝街道办事处")
    )
    renamed = extract_text(tmp_path, f"{office} 2023\n年度部门决算\n{text}")
    info = renamed.report
    assert (info.department, info.department_short) == (office, "元坝街道办事处")
    assert (info.province, info.city, info.county, info.fiscal_year, info.report_kind) == (
        "四川省",
        "广元市",
        "昭化区",
        2023,
        "部门决算",
    )
    original = extract_file(seed)

    def stated(result: ExtractedReport) -> list[str]:
        facts = [(m.metric, m.scope, m.value, m.budget_value, m.change_value) for m in metrics(result)]
        return sorted(map(repr, facts + [(x.name_as_written, x.actual) for x in lines(result)]))

    assert stated(renamed) == stated(original) and len(stated(original)) > 50


def test_years_printed_apart_from_their_words(tmp_path: Path) -> None:
    # pdfplumber's text of the Putuo PDF: every year stands apart from its 年度, once inside a name.
    text = (
        "上海市普陀区财政局\n年度部门决算\n目 录\n第三部分 上海市普陀区财政局 年度部门决算情况说明\n"
        "一、收入支出决算总体情况说明\n上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，增加。\n"
        "2024 2995.39 2023\n本部门制定了《普陀2024区财政局预算绩效管理实施办法》。\n"
    )
    info = extract_text(tmp_path, text).report
    assert (info.report_kind, info.fiscal_year, info.department) == ("部门决算", 2024, "上海市普陀区财政局")
    assert info.department_short is None
