"""其他重要事项: 机关运行经费, 政府采购 and 国有资产占有使用情况.

Absence is a statement too: ``未发生政府采购支出`` is 0, ``没有公务车辆,也没有单价50万元以上通用设备``
is 0 vehicles and 0 such equipment.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, MONEY, count, money
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import Passage
from budget_reports.extract.prose.statements import Subject, scan


def _procured(kind: str) -> str:
    """The ways one kind of procurement is named: 政府采购货物支出, 货物采购支出 / 金额, 货物采购 right before its
    figure (主要用于货物采购23.45万元), and in the list after the total 货物类, 货物类采购, 采购货物 (after a
    mark, or right after 其中 / 包括 where no colon follows them)."""
    return (
        rf"政府采购{kind}支出|{kind}采购(?:支出|金额|(?=(?:[为是]|共计)?\d))"
        rf"|(?:(?<=[：:，,、；;])|(?<=其中)|(?<=包括))(?:{kind}类(?:采购)?|采购{kind})"
    )


SUBJECTS = [
    Subject(r"机关运行经费(?:支出)?", m.OPERATING_COSTS),
    # 政府采购支出总额 / 政府采购实际支出123.45万元 (a bare 政府采购支出 only right before its figure).
    Subject(
        r"政府采购(?:支出)?(?:总额|金额|合计|总计)|政府采购(?:实际)?支出(?=(?:[为是]|共计)?\d)", m.PROCUREMENT_TOTAL
    ),
    # 其中：货物类23.45万元 / 货物类采购… / 采购货物… / 货物采购支出… (an item of the list after the total)
    Subject(_procured("货物"), m.PROCUREMENT_GOODS),
    Subject(_procured("工程"), m.PROCUREMENT_WORKS),
    Subject(_procured("服务"), m.PROCUREMENT_SERVICES),
    # Not one kind's (货物采购授予中小企业合同金额占货物支出金额的90%: the template's share by kind).
    Subject(r"(?<!采购)授予中小企业合同金额", m.PROCUREMENT_SME),
    Subject(r"(?<!采购)授予小微企业合同金额", m.PROCUREMENT_MICRO),
    Subject(r"面向中小企业预留政府采购项目预算金额", m.PROCUREMENT_SME_RESERVED),
    Subject(r"面向小微企业预留政府采购项目预算金额", m.PROCUREMENT_MICRO_RESERVED),
]
# 在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元
_AWARDED = re.compile(
    rf"在(?P<w>面向中小企业预留|面向小微企业预留|其他)的?政府采购项目中[，,]?由(?:中小|小微)企业供应商中标或成交的[，,]?"
    rf"采购金额{MONEY}"
)
_AWARDED_METRIC = {
    "面向中小企业预留": m.PROCUREMENT_SME_RESERVED_AWARDED,
    "面向小微企业预留": m.PROCUREMENT_MICRO_RESERVED_AWARDED,
    "其他": m.PROCUREMENT_SME_OTHER_AWARDED,
}
# 未发生政府采购支出 / 无政府采购业务 / 未开展政府采购 (not a template's 未发生政府采购支出的部门…).
_NO_PROCUREMENT = re.compile(r"(?:未发生|无|没有|未开展)政府采购(?:支出|业务|事项|活动)?(?=[。；;，,]|$)")
# 共有车辆5辆 / 车辆共计5辆 / 车辆共5辆.
_VEHICLES = re.compile(rf"(?:共有车辆|(?<!用)车辆(?:共计|合计|共)(?:为)?){COUNT}辆")
# By use, in the same sentence or the next (共有车辆5辆。其中：机要通信用车1辆…).
# 其中：… / 其中，… / 其中一般公务用车1辆… / 包括… / 主要为…
_USES = re.compile(r"[，,。]?(?:其中|包括|主要为|主要是)[：:，,]?(?P<list>[^。；;]+)")
_USE_COUNT = re.compile(rf"(?P<t>[^、，,：:\d]+?用车){COUNT}辆")
_ALL_ONE_USE = re.compile(r"[，,]?(?:全部|均)为(?P<t>[^、，,。；;]+?用车)")
_EQUIPMENT = [
    (
        re.compile(rf"(?:单价|单位价值)50万元(?:（含）)?以上(?:的)?通用设备(?:（不含车辆）)?[，,]?{COUNT}台"),
        m.EQUIPMENT_GENERAL_50,
    ),
    (
        re.compile(rf"(?:单价|单位价值)100万元(?:（含）)?以上(?:的)?专用设备(?:（不含车辆）)?[，,]?{COUNT}台"),
        m.EQUIPMENT_SPECIAL_100,
    ),
    (
        re.compile(rf"(?:单价|单位价值)100万元(?:（含）)?以上(?:的)?设备(?:（不含车辆）)?[，,]?{COUNT}台"),
        m.EQUIPMENT_100,
    ),
]
# Equipment bought (新购置 / 购置 / 安排购置…设备1台) is no count of what the department holds; a budget's
# planned purchases are read by budget_statement.
_PURCHASED = re.compile(r"(?:购置|购买|采购|新增|购入)$")
# 没有公务车辆,也没有单价50万元以上通用设备和单价100万元以上专用设备 / 无公务用车辆和单价100万元（含）以上设备 /
# 无单价50万元以上通用设备，无单价100万元以上专用设备.
_NONE_CLAUSE = re.compile(r"(?:没有|无)(?P<list>(?:(?:公务)?(?:用)?车辆|单价|单位价值)[^。；;]*)")
_NONE_ITEMS = [
    (re.compile(r"(?:公务)?(?:用)?车辆"), m.ASSET_VEHICLES),
    (re.compile(r"(?:单价|单位价值)50万元(?:（含）)?以上(?:的)?通用设备"), m.EQUIPMENT_GENERAL_50),
    (re.compile(r"(?:单价|单位价值)100万元(?:（含）)?以上(?:的)?专用设备"), m.EQUIPMENT_SPECIAL_100),
    (re.compile(r"(?:单价|单位价值)100万元(?:（含）)?以上(?:的)?设备"), m.EQUIPMENT_100),
]


def extract(ctx: ProseContext) -> None:
    passages = ctx.explanation()
    scan(ctx, passages, SUBJECTS)
    for passage in passages:
        text = passage.text
        for match in _AWARDED.finditer(text):
            ctx.metric(_AWARDED_METRIC[match.group("w")], money(match), ctx.evidence(passage, match.start()))
        for match in _NO_PROCUREMENT.finditer(text):
            ctx.metric(m.PROCUREMENT_TOTAL, Decimal(0), ctx.evidence(passage, match.start()))
        for match in _VEHICLES.finditer(text):
            ctx.metric(m.ASSET_VEHICLES, count(match), ctx.evidence(passage, match.start()), unit="辆")
            _uses(ctx, passage, match.end(), count(match))
        for pattern, metric in _EQUIPMENT:
            for match in pattern.finditer(text):
                if not _PURCHASED.search(text[max(0, match.start() - 6) : match.start()]):
                    ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit="台（套）")
        for match in _NONE_CLAUSE.finditer(text):
            _none(ctx, passage, match)


def _uses(ctx: ProseContext, passage: Passage, start: int, total: Decimal | None) -> None:
    one = _ALL_ONE_USE.match(passage.text, start)
    if one:
        ctx.metric(m.asset_vehicles_by_use(one.group("t")), total, ctx.evidence(passage, one.start("t")), unit="辆")
        return
    listed = _USES.match(passage.text, start)
    if not listed:
        return
    for item in _USE_COUNT.finditer(listed.group("list")):
        evidence = ctx.evidence(passage, listed.start("list") + item.start())
        ctx.metric(m.asset_vehicles_by_use(item.group("t")), count(item), evidence, unit="辆")


def _none(ctx: ProseContext, passage: Passage, clause: re.Match[str]) -> None:
    listed = clause.group("list")
    for part in re.split(r"和|也没有|没有|无|、|[,，]", listed):
        for pattern, metric in _NONE_ITEMS:
            if pattern.fullmatch(part):
                unit = "辆" if metric is m.ASSET_VEHICLES else "台（套）"
                ctx.metric(metric, Decimal(0), ctx.evidence(passage, clause.start()), unit=unit)
                break
