"""一般公共预算财政拨款基本支出 and its split into 人员经费 and 公用经费.

Some reports itemise each part by economic class (``人员经费396.22万元，主要包括：基本工资95.35万元、
津贴补贴74.23万元…``): the items with an amount become narrative ``expenditure_economic`` rows
(codes left to the classification step); a bare list of names states no figure.
"""

from __future__ import annotations

import re

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import MONEY, money
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.statements import Subject, scan

_NOT_PART = r"(?<!在职)(?<!退休)(?<!离休)"
SUBJECTS = [
    # 一般公共预算财政拨款基本支出 (决算), 一般公共预算拨款基本支出 / 一般公共预算基本支出 (budgets, counties).
    Subject(r"一般公共预算(?:财政)?(?:拨款)?基本支出", m.BASIC, m.GPB),
    # Not a part of it (其中：在职人员经费600万元，离退休人员经费100万元).
    Subject(rf"{_NOT_PART}(?<!保障机关正常运转的)人员经费(?:支出)?", m.PERSONNEL),
    Subject(r"(?:日常)?公用经费(?:支出)?", m.PUBLIC_USE),
]


# 人员经费700万元，主要包括：基本工资200万元、… / …，其中：基本工资… / …，占87.50%，主要包括基本工资….
_ITEMISED = re.compile(
    rf"(?P<g>{_NOT_PART}人员经费|公用经费)(?:支出)?{MONEY}(?:[，,（(]?占[^，,；;。%]*%[)）]?)?[，,]?"
    r"(?:主要包括|主要用于|其中|包括)[：:]?(?P<list>[^。；;]+)"
)
_ITEM = re.compile(rf"(?P<name>[^、，,：:\d]+?){MONEY}")
# Words no economic class's name holds: a change or a share stated in the list (…，比上年增加10万元).
_NOT_AN_ITEM = re.compile(r"比|较|增加|减少|增长|下降|上年|占|合计|共计|人员经费")


def extract(ctx: ProseContext) -> None:
    passages = ctx.explanation()
    scan(ctx, passages, SUBJECTS)
    for passage in passages:
        for listed in _ITEMISED.finditer(passage.text):
            offset = listed.start("list")
            for item in _ITEM.finditer(listed.group("list")):
                if _NOT_AN_ITEM.search(item.group("name")):
                    continue
                evidence = ctx.evidence(passage, offset + item.start(), offset + item.end())
                ctx.economic(item.group("name"), listed.group("g"), money(item), evidence)
