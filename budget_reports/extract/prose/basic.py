"""一般公共预算财政拨款基本支出 and its split into 人员经费 and 公用经费."""

from __future__ import annotations

from budget_reports.extract.prose import metric_names as m
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.statements import Subject, scan

GPB = "一般公共预算财政拨款"
SUBJECTS = [
    Subject(r"一般公共预算财政拨款基本支出", m.BASIC, GPB),
    Subject(r"(?<!保障机关正常运转的)人员经费(?:支出)?", m.PERSONNEL),
    Subject(r"(?:日常)?公用经费(?:支出)?", m.PUBLIC_USE),
]


def extract(ctx: ProseContext) -> None:
    scan(ctx, ctx.explanation(), SUBJECTS)
