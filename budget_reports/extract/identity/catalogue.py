"""How reports write who they are: the report kinds, the endings of budget units' names, the labels
and furniture around a title. Data only, read by ``title.py``; a new wording is a row here.
"""

from __future__ import annotations

from budget_reports.numbering import CHINESE_COMMA, PART, pattern_of

# (report kind, how a title writes it). The earliest match in a title wins; 绩效 kinds come first
# because their titles may also hold 部门.
REPORT_KINDS: tuple[tuple[str, str], ...] = (
    ("部门整体支出绩效自评", r"部门整体(?:支出)?绩效(?:自评|自我评价|评价)"),
    ("项目支出绩效自评", r"项目(?:支出)?绩效(?:自评|自我评价)"),
    ("单位决算", r"单位决算"),
    ("部门决算", r"部门决算|(?<=年度)决算(?=公开|报告|情况说明|说明)"),
    ("单位预算", r"单位预算"),
    ("部门预算", r"部门(?:综合)?预算|(?<=年度)预算(?=公开|报告|情况说明|说明)"),
)

# Levels a budget title may print between the year and the kind (2026年区级部门预算).
LEVEL_QUALIFIERS = r"(?:省级|市级|区级|县级|州级|乡级|镇级|本级|市本级|区本级|县本级)?"

# How budget units' names end, by kind of unit. Longest first within a kind is not needed: a name is
# accepted when it ends with any of them.
UNIT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "党委机关": (
        "委员会",
        "工作委员会",
        "工委",
        "委员会办公室",
        "组织部",
        "宣传部",
        "统战部",
        "统一战线工作部",
        "政法委员会",
        "政法委",
        "机构编制委员会办公室",
        "编办",
        "党校",
        "委办公室",
        "委",
    ),
    "政府机关": (
        "人民政府",
        "人民政府办公室",
        "人民政府办公厅",
        "办公厅",
        "办公室",
        "厅",
        "局",
        "委",
        "署",
        "办",
        "人民武装部",
        "管理委员会",
        "管委会",
    ),
    "街道乡镇": ("街道办事处", "办事处", "乡人民政府", "镇人民政府", "街道", "镇", "乡"),
    "事业单位": (
        "中心",
        "学校",
        "小学",
        "中学",
        "大学",
        "学院",
        "幼儿园",
        "医院",
        "卫生院",
        "保健院",
        "研究院",
        "研究所",
        "站",
        "所",
        "馆",
        "院",
        "队",
        "台",
        "社",
        "场",
        "园",
        "处",
        "总站",
    ),
    "群团组织": (
        "总工会",
        "工会",
        "委员会",
        "妇女联合会",
        "妇联",
        "科学技术协会",
        "科协",
        "残疾人联合会",
        "残联",
        "联合会",
        "文联",
        "侨联",
        "工商联",
        "协会",
        "红十字会",
        "学会",
    ),
    "人大政协": ("常务委员会", "常委会", "常务委员会办公室", "常委会办公室", "委员会办公室", "委员会机关", "机关"),
    "法院检察院": ("人民法院", "中级人民法院", "高级人民法院", "人民检察院", "检察院", "法院"),
}

# Words a name may start with before its place (中共泸州市委办公室, 共青团四川省委员会).
ORGANIZATION_PREFIXES: tuple[str, ...] = (
    "中国共产党",
    "中共",
    "共青团",
    "中国共产主义青年团",
    "中国人民政治协商会议",
    "政协",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "中国致公党",
    "九三学社",
    "台湾民主自治同盟",
    "国家税务总局",
    "中华人民共和国",
)

# Labels that put the department after a colon on a cover (预算主管部门：上海市普陀区城市管理行政执法局).
NAME_LABELS: tuple[str, ...] = (
    "预算主管部门",
    "主管部门",
    "预算单位",
    "部门名称",
    "单位名称",
    "编制单位",
    "填报单位",
    "报送单位",
    "公开单位",
)

# What a cover prints around the name that is not part of it.
LEADING_NOISE = (
    r"^(?:附件\d*(?:[-－—]\d+)?|附表\d*|目录|公开|封面|关于|部门决算公开|部门预算公开|单位决算公开|单位预算公开)+"
)
# A date a cover or a closing signature prints (二〇二五年九月 / 2025年3月20日): when the report was published.
DATE = (
    r"(?:20\d\d|二[〇零][〇零一二三四五六七八九]{2})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)?"
)
# A cover letter's verb before what it reports (现将我局2024年度…的情况报告如下): never a name's start.
VERB_BEFORE_NAME = r"^(?:现将|特将|兹将|兹|现|根据|按照)"
# What a title prints after the name to say which accounts it covers (财政局（本级）): not part of the name.
NAME_QUALIFIERS = r"[（(](?:本级|机关本级|汇总|合并|部门汇总)[）)]$"
# Where a title line stops naming anything (the table of contents or the first part glued after it).
TRAILERS = rf"目录|(?<=.){pattern_of(PART, CHINESE_COMMA)}"

# Place-name endings, to find the region a name starts with (泸州市, 昭化区, 泸县, 凉山彝族自治州).
PLACE_SUFFIXES = r"(?:特别行政区|自治区|自治州|自治县|自治旗|林区|地区|省|市|州|盟|县|区|旗)"

# How a title block or a part heading arranges the department, the year and the kind; tried in order,
# the first giving a plausible name wins. {dept}, {year}, {level}, {kind} and {label} are filled in by
# ``title.py``.
TITLE_FORMS: tuple[str, ...] = (
    "{dept}(?:关于)?{year}{level}{kind}",  # 上海市普陀区财政局2024年度部门决算 / …街道办事处2025 + 年度部门决算
    "{year}{level}{dept}{kind}",  # 2022年度成都市财政局部门决算 / 2024年 + 上海市普陀区财政局 + 部门决算
    "{label}[:：]?{dept}",  # 预算主管部门：上海市普陀区城市管理行政执法局
    "^第[一1]部分{dept}(?:基本)?概况",  # 第一部分 上海市普陀区财政局概况
    "{dept}{kind}",  # 上海市普陀区财政局部门决算 / …财政局年度部门决算 (the year printed elsewhere)
    # 泸县教育局 + 2024年度农村义务教育学生营养改善计划项目支出绩效自评报告: a project's name before the kind
    "{dept}{year}{level}[\u4e00-\u9fff（）()“”]{{2,40}}?{kind}",
    "{year}{level}{kind}{dept}$",  # 2024年度部门决算 + 泸县财政局: the name under the kind
)
