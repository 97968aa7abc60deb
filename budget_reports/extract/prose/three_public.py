"""三公经费: the total, its parts, vehicles bought and kept, trips and receptions.

``全年按规定更新购置公务用车0辆，其中：轿车0辆、金额0万元，…`` and ``单位共有公务用车1辆，其中：
轿车1辆、越野车0辆…`` give counts by vehicle type; ``国内公务接待9批次，88人次`` the receptions.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, MONEY, count, count_named, money
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import Passage, clause_end
from budget_reports.extract.prose.statements import Subject, scan
from budget_reports.normalize import parse_cn_integer

_QUOTED = r"[“\"'‘]?三公[”\"'’]?"
SUBJECTS = [
    Subject(_QUOTED + r"经费(?:财政拨款)?(?:支出)?", m.THREE_PUBLIC),
    Subject(r"(?<!安排)因公出国（境）(?:经费|费用|费)?(?:支出)?", m.OVERSEAS),
    Subject(r"公务用车购置及运行(?:维护)?费(?:支出)?", m.VEHICLES_COST),
    Subject(r"公务用车购置(?:费)?(?:支出)?", m.VEHICLE_PURCHASE),
    Subject(r"公务用车运行(?:维护)?费(?:支出)?", m.VEHICLE_OPERATION),
    Subject(r"(?<!国内)公务接待费(?:支出)?", m.RECEPTION),
    Subject(r"国内公务接待(?:费)?(?:支出)?", m.DOMESTIC_RECEPTION),
    Subject(r"外事接待(?:费)?(?:支出)?", m.FOREIGN_RECEPTION),
]
_COUNTS = [
    (re.compile(rf"因公出国（境）团组{COUNT}(?P<u>个|次)"), m.OVERSEAS_GROUPS),
    # 出国（境）团组2个，共8人次 / 团组0个，人次0人 / 团组1个、人数3人
    (
        re.compile(rf"出国（境）(?:团组\d+[个次][，,、]?(?:共)?(?:人次|人数)?)?{COUNT}(?P<u>人次|人)"),
        m.OVERSEAS_PERSONS,
    ),
]
# Receptions counted in the clause of their kind, after its money or not: 国内公务接待9批次，88人次 /
# 国内公务接待费2.34万元，接待12批次、150人次 / 外事接待费0万元，接待0批次、0人次 / …接待45批次，接待人数320人次.
_RECEPTIONS = {  # kind -> (batches metric, persons metric)
    "国内公务接待": (m.RECEPTION_BATCHES, m.RECEPTION_PERSONS),
    "外事接待": (m.FOREIGN_RECEPTION_BATCHES, m.FOREIGN_RECEPTION_PERSONS),
}
_RECEPTION_KIND = re.compile("|".join(_RECEPTIONS))
_PERSONS = count_named("persons")
_BATCHES = re.compile(
    rf"(?<![\d.])(?:共计?|全年)?(?:接待)?{COUNT}(?P<u>批次|批)"
    rf"(?:[，,、]?(?:共计?)?(?:接待)?(?:人数|人次)?(?:为|共)?{_PERSONS}(?P<pu>人次|人))?"
)
# 购置公务用车1辆 / 公务用车购置费0万元，购置车辆0辆; not a budget's plan (预算安排购置车辆0辆).
_PURCHASED = re.compile(rf"(?<!安排)(?<!计划)(?<!拟)购置(?:公务用车|公务车辆|车辆)(?:共)?{COUNT}辆")
# None bought, in words (本年度未购置公务用车 / 没有更新购置公务车辆), not a budget's 未安排购置.
_NONE_PURCHASED = re.compile(r"(?:未|没有)(?:更新)?购置(?:公务用车|公务车辆|车辆)")
_FLEET = re.compile(rf"(?:(?:共有|保有)公务用车|公务用车保有量(?:为|是)?){COUNT}辆")
_TYPE_LIST = re.compile(r"[，,]?其中[：:，,]?(?P<list>[^。；;]+)")  # 其中：轿车1辆… / 其中轿车1辆…
_TYPE_COUNT = re.compile(rf"(?P<t>[^、，,：:\d]+?){COUNT}辆(?:[、，,]金额{MONEY})?")


def extract(ctx: ProseContext) -> None:
    passages = ctx.explanation()
    scan(ctx, passages, SUBJECTS)
    for passage in passages:
        text = passage.text
        for pattern, metric in _COUNTS:
            for match in pattern.finditer(text):
                ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit=match.group("u"))
        _receptions(ctx, passage)
        for match in _NONE_PURCHASED.finditer(text):
            ctx.metric(m.VEHICLES_PURCHASED, Decimal(0), ctx.evidence(passage, match.start()), unit="辆")
        for match in _PURCHASED.finditer(text):
            ctx.metric(m.VEHICLES_PURCHASED, count(match), ctx.evidence(passage, match.start()), unit="辆")
            _by_type(ctx, passage, match.end(), purchase=True)
        for match in _FLEET.finditer(text):
            ctx.metric(m.VEHICLE_FLEET, count(match), ctx.evidence(passage, match.start()), unit="辆")
            _by_type(ctx, passage, match.end(), purchase=False)


def _by_type(ctx: ProseContext, passage: Passage, start: int, purchase: bool) -> None:
    listed = _TYPE_LIST.match(passage.text, start)
    if not listed:
        return
    offset = listed.start("list")
    for item in _TYPE_COUNT.finditer(listed.group("list")):
        vehicle_type = item.group("t")
        evidence = ctx.evidence(passage, offset + item.start())
        if purchase:
            ctx.metric(m.purchased_by_type(vehicle_type), count(item), evidence, unit="辆")
            if item.group("n") is not None:
                ctx.metric(m.purchase_cost_by_type(vehicle_type), money(item), evidence)
        else:
            ctx.metric(m.fleet_by_type(vehicle_type), count(item), evidence, unit="辆")


def _receptions(ctx: ProseContext, passage: Passage) -> None:
    """Batches and persons of each kind of reception, in its clause (up to the next kind's)."""
    text = passage.text
    kinds = list(_RECEPTION_KIND.finditer(text))
    for n, kind in enumerate(kinds):
        end = min(clause_end(text, kind.end()), kinds[n + 1].start() if n + 1 < len(kinds) else len(text))
        counted = _BATCHES.search(text, kind.end(), end)
        if counted is None:
            continue
        batches_metric, persons_metric = _RECEPTIONS[kind.group()]
        evidence = ctx.evidence(passage, counted.start())
        ctx.metric(batches_metric, count(counted), evidence, unit=counted.group("u"))
        if counted.group("persons") is not None:
            ctx.metric(persons_metric, parse_cn_integer(counted.group("persons")), evidence, unit=counted.group("pu"))
