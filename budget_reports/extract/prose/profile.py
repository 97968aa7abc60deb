"""部门概况 and 人员概况: 二级单位 by kind, staff quotas, staff in post, retirees.

``市直机关工委下属二级单位0个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位0个``;
``属于一级预算单位，无二级预算单位`` states 0. Staffing is read wherever the report states it
(often in the attached 部门整体 self-evaluation), first statement only.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, count
from budget_reports.extract.prose.context import ProseContext

_SUBUNITS = re.compile(rf"下属二级(?:预算)?单位{COUNT}个")
_NO_SUBUNITS = re.compile(r"无(?:下属)?二级(?:预算)?单位")
_KINDS = [
    (re.compile(rf"(?<!其他)(?<!事业)行政单位{COUNT}个"), m.SUBUNITS_ADMIN),
    (re.compile(rf"参照公务员法管理的事业单位{COUNT}个"), m.SUBUNITS_CIVIL_SERVICE),
    (re.compile(rf"其他事业单位{COUNT}个"), m.SUBUNITS_OTHER),
]
_STAFF = [
    (re.compile(rf"(?:总编制|共有编制|编制总数|核定编制)(?:数)?(?:为|共)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA),
    (re.compile(rf"(?<!参公)行政(?:人员)?编制(?:数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_ADMIN),
    (re.compile(rf"参公(?:管理)?(?:人员)?编制(?:数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_CIVIL_SERVICE),
    (re.compile(rf"事业(?:人员)?编制(?:数)?(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_QUOTA_INSTITUTION),
    (re.compile(rf"(?:实有人数|在职人数|实有在职编制内人员|实有在职人员)(?:为)?{COUNT}(?P<u>人|名)"), m.STAFF_ACTUAL),
    (re.compile(rf"退休(?:人数|人员)(?:为)?{COUNT}(?P<u>人|名)"), m.RETIRED),
]


def extract(ctx: ProseContext) -> None:
    for passage in ctx.profile():
        text = passage.text
        total = _SUBUNITS.search(text)
        none = _NO_SUBUNITS.search(text)
        if not (total or none):
            continue
        if total:
            ctx.metric(m.SUBUNITS, count(total), ctx.evidence(passage, total.start()), unit="个")
        elif none:
            ctx.metric(m.SUBUNITS, Decimal(0), ctx.evidence(passage, none.start()), unit="个")
        for pattern, metric in _KINDS:
            kind = pattern.search(text)
            if kind:
                ctx.metric(metric, count(kind), ctx.evidence(passage, kind.start()), unit="个")
        break
    seen: set[str] = set()
    for passage in ctx.passages:
        if passage.heading:
            continue
        for pattern, metric in _STAFF:
            match = pattern.search(passage.text)
            if match and metric not in seen:
                seen.add(metric)
                ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit="人")
