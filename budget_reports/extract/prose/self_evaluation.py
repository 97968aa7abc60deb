"""A 部门整体支出绩效自评 report's prose: totals against budget and prior year, and its score.

These reports compare twice: with the prior year (``比上年460.94万元增加31.47万元``) and with the
budget (``年初预算416.39万元，增加76.02万元``). Only the prior-year comparison is a change; the
paragraphs comparing this year's budget with last year's budget are left out. The department-wide
evaluation becomes one ``performance_projects`` row (scope 部门整体) with its budget, execution
and score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose import basic, other_matters, overview, three_public
from budget_reports.extract.prose.amounts import MONEY, NUM, money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.performance_mgmt import DEPARTMENT_OVERALL
from budget_reports.extract.prose.phrasings import (
    EVALUATION_BUDGET_FINAL,
    EVALUATION_BUDGET_INITIAL,
    EVALUATION_EXECUTED,
    EVALUATION_GRADE,
    EVALUATION_RATES,
    EVALUATION_SCORE,
    SHARE_PHRASE,
)
from budget_reports.extract.prose.sentences import Passage
from budget_reports.extract.prose.statements import Subject, scan, section_name
from budget_reports.model import Evidence
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
    *(s for s in other_matters.SUBJECTS if s.metric == m.OPERATING_COSTS),  # 机关运行经费预算数…，实际支出…
]
# A paragraph comparing this year's budget with last year's budget states no actual figure.
_BUDGET_PARAGRAPH = re.compile(r"年初预算(?:收入|支出)(?:是|为)")
_INCOME = re.compile(
    rf"(?:^|[：:；;，,。])(?P<s>一般公共预算财政拨款收入|政府性基金(?:预算)?财政拨款收入|其他收入)(?:完成)?{MONEY}"
    rf"(?:[，,]?{SHARE_PHRASE}(?P<p>{NUM})%)?"
)
_NO_VEHICLE = re.compile(r"(?:没有保留|无)公务用车")
# The wordings of the reports this reader was first written for (自评为95分, 年初预算支出为…, 支出实际完成…),
# read wherever they stand.
_OWN_WORDINGS = (
    ("score", re.compile(rf"自评(?:为|得分为?)(?P<s>{NUM})分")),
    ("budget_initial", re.compile(rf"年初预算支出(?:是|为){MONEY}")),
    ("executed", re.compile(rf"支出实际完成{MONEY}")),
)
_WORDINGS = (
    ("budget_initial", EVALUATION_BUDGET_INITIAL),
    ("budget_final", EVALUATION_BUDGET_FINAL),
    ("executed", EVALUATION_EXECUTED),
    *(("execution_rate_declared", rate) for rate in EVALUATION_RATES),
    ("score", EVALUATION_SCORE),
    ("grade", EVALUATION_GRADE),
)
# 部门预算执行率 is the department's; 部门预算 otherwise a kind of budget (部门预算安排的项目…).
_ABOUT_DEPARTMENT = re.compile(r"部门整体|(?:^|[，,：:])(?:20\d\d年度?)?(?:本)?(?:部门|单位)(?!预算(?!执行))")
_ABOUT_PART = re.compile(r"三公|项目|机关运行|公务|专项")
# A section on the whole department's money (（一）预算执行情况, 部门整体支出情况): its sentences naming no
# subject (全年预算1,300万元，实际支出1,250万元，预算执行率96.15%) state the department's.
_DEPARTMENT_SECTION = re.compile(r"部门整体|整体支出|预算执行")
# A form's title run into its cells' words and figures (…部门整体支出绩效自评表分值执行率10100%得分: a PDF's
# text that lost the grid, a score beside a rate): no sentence, whatever it names.
_FORM_TITLE = re.compile(r"绩效(?:自评|评价|目标)表(?=[^，,。；;：:）)]*\d)")


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
    """The department-wide row: its score, grade, budgets, execution and rate. It cites the execution (its
    clause restates the budget: ``支出实际完成492.41万元，年初预算416.39万元``), else the budget, else the score."""
    found: dict[str, tuple[object, Evidence]] = {}
    for passage, offset, sentence in _sentences(ctx.passages):
        if _of_a_part(passage, sentence):
            continue  # a project's own 自评得分94分, worded as the department's
        for key, pattern in _OWN_WORDINGS:
            if key not in found and (match := pattern.search(sentence)):
                found[key] = (_value(key, match), ctx.evidence(passage, offset + match.start()))
    # The wordings other reports use, read in sentences about the whole department only (a 三公 or a
    # project's sentence words its own budget and execution the same way).
    for passage, offset, sentence in _department_sentences(ctx.passages):
        for key, pattern in _WORDINGS:
            if key not in found and (match := pattern.search(sentence)):
                found[key] = (_value(key, match), ctx.evidence(passage, offset + match.start()))
    if not found:
        return
    cited = next(found[k][1] for k in ("executed", "budget_final", "budget_initial", "score", *found) if k in found)
    ctx.project(DEPARTMENT_OVERALL, "部门整体", cited, **{key: value for key, (value, _) in found.items()})


def _value(key: str, match: re.Match[str]) -> object:
    if key == "score":
        return parse_decimal(match.group("s"))
    if key == "grade":
        return match.group("g")
    return pct(match) if key == "execution_rate_declared" else money(match)


def _sentences(passages: list[Passage]) -> Iterator[tuple[Passage, int, str]]:
    """(passage, offset, sentence) of each sentence of the passages."""
    for passage in passages:
        offset = 0
        for sentence in re.split(r"(?<=。)", passage.text):
            yield passage, offset, sentence
            offset += len(sentence)


def _of_a_part(passage: Passage, sentence: str) -> bool:
    """A sentence about a part of the department's money (a project, 三公 …), by its words or its section's,
    that does not name the whole department (部门整体（含部门预算项目）绩效自评得分为98.14分 is the whole's)."""
    about_part = _ABOUT_PART.search(sentence) or _ABOUT_PART.search(passage.section)
    return about_part is not None and _ABOUT_DEPARTMENT.search(sentence) is None


def _department_sentences(passages: list[Passage]) -> Iterator[tuple[Passage, int, str]]:
    """(passage, offset, sentence) of each sentence stating something of the whole department."""
    for passage, offset, sentence in _sentences(passages):
        if _ABOUT_PART.search(sentence) or _FORM_TITLE.search(sentence):
            continue
        if _ABOUT_DEPARTMENT.search(sentence) or _of_department_section(passage, sentence):
            yield passage, offset, sentence


def _of_department_section(passage: Passage, sentence: str) -> bool:
    """A sentence naming no one's money in a section on the whole department's (not one of its parts). Not
    under a table's title (…部门整体支出绩效自评表): there the text of a form's cells follows, read as prose
    where a PDF's text lost the grid (``执行率`` / ``10`` / ``100%``: a score beside a rate)."""
    section = passage.section
    if section.endswith("表") or _ABOUT_PART.search(section) or "部门" in sentence:
        return False
    return _DEPARTMENT_SECTION.search(section) is not None
