"""部门概况 and 人员概况: 二级单位 by kind, staff quotas, staff in post, retirees.

``市直机关工委下属二级单位0个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位0个``;
``属于一级预算单位，无二级预算单位`` states 0. A later statement (004's attached self-evaluation:
``我部下属二级单位 4个，其中：参照公务员法管理的事业单位 2 个``) that contradicts the 部门概况 is kept,
scoped by its section, so validation sees it. Staffing is read wherever the report states it
(often in the attached 部门整体 self-evaluation), first statement only; staff in post stated per kind
of quota (``行政编制11名，实有7人``) gives a metric per kind, never a guessed total.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, count, count_named
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import Passage
from budget_reports.extract.prose.statements import section_name
from budget_reports.normalize import parse_cn_integer

# 下属二级单位3个 / 下属单位共3个 / 编制范围的二级预算单位共3个 / 共有二级预算单位3个 / 下设二级预算单位2个 /
# 所属事业单位2个; the count first after 本级: 本级和2个下属单位 / 部门本级及所属2个事业单位.
_SUBUNITS = re.compile(
    rf"(?:(?:下属|下设|所属)(?:二级)?|(?<=[的有])二级)(?:预算)?(?:事业)?单位(?:共有|共)?\s*{COUNT}\s*个"
    rf"|本级(?:和|及|与)(?:所属|下属)?{count_named('c2')}个(?:下属|所属)?(?:二级)?(?:预算)?(?:事业)?单位"
)
_NO_SUBUNITS = re.compile(r"(?:无|没有)(?:(?:下属|所属)(?:二级)?|二级)(?:预算)?单位")
_KINDS = [
    (re.compile(rf"(?<!其他)(?<!事业)行政单位\s*{COUNT}\s*个"), m.SUBUNITS_ADMIN),
    (re.compile(rf"参照公务员法管理的事业单位\s*{COUNT}\s*个"), m.SUBUNITS_CIVIL_SERVICE),
    (re.compile(rf"其他事业单位\s*{COUNT}\s*个"), m.SUBUNITS_OTHER),
]
_STAFF = [
    (
        re.compile(
            rf"(?:总编制|共有编制|编制总数|核定编制|(?<!行政)(?<!事业)(?<!参公)编制人数|人员编制)(?:数)?(?:为|共)?{COUNT}(?P<u>人|名)"
        ),
        m.STAFF_QUOTA,
    ),
    (re.compile(rf"(?<!参公)行政(?:人员)?编制(?:人数|数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_ADMIN),
    (re.compile(rf"参公(?:管理)?(?:人员)?编制(?:人数|数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_CIVIL_SERVICE),
    (re.compile(rf"事业(?:人员)?编制(?:人数|数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_INSTITUTION),
    (
        re.compile(rf"(?:实有人数|在职人数|实有在职编制内人员|实有在职人员|实有人员)(?:为)?{COUNT}(?P<u>人|名)"),
        m.STAFF_ACTUAL,
    ),
    # Not 离退休人员 (retirees of both kinds, 离休 too): no metric of its own.
    (re.compile(rf"(?<!离)退休(?:人数|人员)(?:为)?{COUNT}(?P<u>人|名)"), m.RETIRED),
    # 行政编制11名，实有7人；参公管理编制8名，实有7人 (001): staff in post per kind of quota, no total.
    (
        re.compile(rf"(?<!参公)行政(?:人员)?编制(?:数)?(?:为)?\d+[人名][，,]实有{COUNT}(?P<u>人|名)"),
        m.STAFF_ACTUAL_ADMIN,
    ),
    (
        re.compile(rf"参公(?:管理)?(?:人员)?编制(?:数)?(?:为)?\d+[人名][，,]实有{COUNT}(?P<u>人|名)"),
        m.STAFF_ACTUAL_CIVIL_SERVICE,
    ),
    (re.compile(rf"事业(?:人员)?编制(?:数)?(?:为)?\d+[人名][，,]实有{COUNT}(?P<u>人|名)"), m.STAFF_ACTUAL_INSTITUTION),
    # 行政工勤人员1人 (001); not 行政编制18人（含工勤1人）, a part of the quota (000).
    (re.compile(rf"工勤人员(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_WORKERS),
]


def extract(ctx: ProseContext) -> None:
    profile = ctx.profile()
    first = next((p for p in profile if _SUBUNITS.search(p.text) or _NO_SUBUNITS.search(p.text)), None)
    if first is not None:
        _subunits(ctx, first, None)
        # Restatements after the 部门概况 (a stated count only): kept scoped when they contradict it.
        for passage in ctx.passages[ctx.passages.index(first) + 1 :]:
            if not passage.heading and passage not in profile and _SUBUNITS.search(passage.text):
                _subunits(ctx, passage, section_name(passage))
    seen: set[str] = set()
    for passage in ctx.passages:
        if passage.heading:
            continue
        for pattern, metric in _STAFF:
            match = pattern.search(passage.text)
            if match and metric not in seen:
                seen.add(metric)
                ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit="人")


def _subunits(ctx: ProseContext, passage: Passage, section: str | None) -> None:
    text = passage.text
    total = _SUBUNITS.search(text)
    none = _NO_SUBUNITS.search(text)
    if total:
        written = total.group("c") or total.group("c2")
        evidence = ctx.evidence(passage, total.start())
        ctx.metric(m.SUBUNITS, parse_cn_integer(written), evidence, unit="个", section=section)
    elif none:
        ctx.metric(m.SUBUNITS, Decimal(0), ctx.evidence(passage, none.start()), unit="个", section=section)
    for pattern, metric in _KINDS:
        kind = pattern.search(text)
        if kind:
            ctx.metric(metric, count(kind), ctx.evidence(passage, kind.start()), unit="个", section=section)
