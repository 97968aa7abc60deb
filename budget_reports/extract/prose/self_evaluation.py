"""A 部门整体支出绩效自评 report's prose: totals against budget and prior year, and its score.

These reports compare twice: with the prior year (``比上年460.94万元增加31.47万元``) and with the
budget (``年初预算416.39万元，增加76.02万元``). Only the prior-year comparison is a change; the
paragraphs comparing this year's budget with last year's budget are left out. The department-wide
evaluation becomes one ``performance_projects`` row (scope 部门整体) with its budget, execution
and score.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose import basic, overview, three_public
from budget_reports.extract.prose.amounts import MONEY, NUM, money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.performance_mgmt import DEPARTMENT_OVERALL
from budget_reports.extract.prose.statements import Subject, scan, section_name
from budget_reports.normalize import parse_decimal

REPORT_KIND = "部门整体支出绩效自评"
SUBJECTS = [
    Subject(r"收入实际完成", m.INCOME_TOTAL),
    Subject(r"(?:本部门|部门)支出|支出实际完成", m.EXPENDITURE_TOTAL),
    # 2021年本部门财政拨款收入492.41万元 opens its clause; not the tail of 一般公共预算财政拨款收入.
    Subject(r"(?<![^\d年度：:，,。；;、])(?:本部门)?财政拨款收入", m.FISCAL_INCOME),
    *overview.SUBJECTS,
    *basic.SUBJECTS,
    *three_public.SUBJECTS,
]
# A paragraph comparing this year's budget with last year's budget states no actual figure.
_BUDGET_PARAGRAPH = re.compile(r"年初预算(?:收入|支出)(?:是|为)")
_INCOME = re.compile(
    rf"(?:^|[：:；;，,。])(?P<s>一般公共预算财政拨款收入|政府性基金(?:预算)?财政拨款收入|其他收入)(?:完成)?{MONEY}"
    rf"(?:[，,]?占(?:总收入|本年收入)的?(?P<p>{NUM})%)?"
)
_NO_VEHICLE = re.compile(r"(?:没有保留|无)公务用车")
_SCORE = re.compile(rf"自评(?:为|得分为?)(?P<s>{NUM})分")
_BUDGET = re.compile(rf"年初预算支出(?:是|为){MONEY}")
_EXECUTED = re.compile(rf"支出实际完成{MONEY}")


def applies(ctx: ProseContext) -> bool:
    return ctx.result.report.report_kind == REPORT_KIND


def extract(ctx: ProseContext) -> None:
    chosen = [p for p in ctx.passages if not p.heading and not _BUDGET_PARAGRAPH.search(p.text)]
    scan(ctx, chosen, SUBJECTS)
    for passage in chosen:
        for match in _INCOME.finditer(passage.text):
            share = pct(match) if match.group("p") else None
            evidence = ctx.evidence(passage, match.start("s"))
            ctx.income(match.group("s"), money(match), evidence, share, section=section_name(passage))
        for match in _NO_VEHICLE.finditer(passage.text):
            ctx.metric(m.VEHICLE_FLEET, Decimal(0), ctx.evidence(passage, match.start()), unit="辆")
    _overall(ctx)


def _overall(ctx: ProseContext) -> None:
    """The department-wide row: its score, budget and execution. It cites the execution (its clause
    restates the budget: ``支出实际完成492.41万元，年初预算416.39万元``), else the score."""
    score = budget = executed = None
    scored = spent = None
    for passage in ctx.passages:
        text = passage.text
        if score is None and (s := _SCORE.search(text)):
            score, scored = parse_decimal(s.group("s")), ctx.evidence(passage, s.start())
        if budget is None and (b := _BUDGET.search(text)):
            budget = money(b)
        if executed is None and (e := _EXECUTED.search(text)):
            executed, spent = money(e), ctx.evidence(passage, e.start())
    if scored is not None:
        evidence = spent or scored
        ctx.project(DEPARTMENT_OVERALL, "部门整体", evidence, score=score, budget_initial=budget, executed=executed)
