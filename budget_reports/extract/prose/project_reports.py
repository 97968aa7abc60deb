"""Project self-evaluation reports attached to a final-accounts report.

``2021年机关党建工作经费项目绩效自评报告`` or ``关于东西部协作人才交流项目自评报告的函`` opens a
report on one project: its budget (``年初预算0万元，2023年预算追加35万元，项目总预算35万元``),
approved budget (``批复数为5万元``, budget_final), payment (``该项目资金已支付7.85万元，支付率7.85%``)
and score (``该项目评价得分94分``) become one ``performance_projects`` row, merged with the score the
预算绩效管理 section gives for the same project; its evidence is the payment clause (else the first
budget or score), and the figures stated a few lines away join its snippet. The attached
department-wide report contributes its grade (``自评为合格``) and the
财政拨款 spending it states by fund (``财政拨款支出516.82万元，其中：一般公共预算财政拨款支出444.76万元，
政府性基金预算财政拨款支出71.73万元``): 财政拨款支出 becomes a metric, the funds restate (or, when they
differ, add section-scoped rows to) the metrics of the 决算情况说明. The income it states the same way
(``财政拨款收入508.64万元，其中：…``) gives the metric 财政拨款收入.

A final account following the national template summarises each project in its 预算绩效情况说明 instead
(``1.XX项目绩效自评综述：…自评得分为92分。全年预算数为60万元，执行数为57万元，完成预算的95%。``): each summary
becomes the project's row, from that paragraph's figures. A department-wide self-evaluation may evaluate its
projects section by section (``（一）城市管理执法专项经费项目`` over ``该项目…自评得分94分``): a section titled by one
project that states a score gives that project's row from its paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budget_reports import metric_names as m
from budget_reports.extract.prose import overview
from budget_reports.extract.prose.amounts import money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.performance_mgmt import DEPARTMENT_OVERALL, project_named, without_quotes
from budget_reports.extract.prose.phrasings import (
    EVALUATION_BUDGET_FINAL,
    EVALUATION_BUDGET_INITIAL,
    EVALUATION_EXECUTED,
    EVALUATION_GRADE,
    EVALUATION_RATES,
    EVALUATION_SCORE,
)
from budget_reports.extract.prose.sentences import Passage
from budget_reports.extract.prose.statements import Subject, scan
from budget_reports.normalize import parse_decimal
from budget_reports.numbering import OUTLINE, Enumerators

# …项目支出绩效自评报告 / 关于2024年度…项目绩效自评（情况）的报告.
_TITLE = re.compile(
    r"^(?:关于)?(?:20\d\d年度?)?(?P<name>[^，,。；;：:]+?)(?:项目)?(?:支出)?绩效(?:自评|评价)(?:情况)?的?报告"
)
_LETTER = re.compile(r"关于(?:报送)?(?:20\d\d年度?)?(?P<name>[^，,。；;：:]+?)(?:绩效)?自评(?:报告)?的函")
# 财政拨款支出 opening its clause (2021年财政拨款支出…), not the tail of 一般公共预算财政拨款支出 or of
# “三公”经费财政拨款支出.
_FUND_SUBJECTS = [
    Subject(r"(?<![^\d年度：:，,。；;、])财政拨款支出", m.FISCAL_EXPENDITURE),
    Subject(r"(?<![^\d年度：:，,。；;、])财政拨款收入", m.FISCAL_INCOME),
    *(s for s in overview.SUBJECTS if s.metric in m.FUND_EXPENDITURE.values()),
]


def extract(ctx: ProseContext) -> None:
    for title, name, body in _reports(ctx.passages):
        if _department_wide(name):
            chosen = [p for p in body if not p.heading and ("财政拨款支出" in p.text or "财政拨款收入" in p.text)]
            scan(ctx, chosen, _FUND_SUBJECTS)
            grade = _first(EVALUATION_GRADE, body)
            if grade:
                passage, match = grade
                ctx.project(
                    DEPARTMENT_OVERALL, "部门整体", ctx.evidence(passage, match.start()), grade=match.group("g")
                )
            continue
        # A report on one project that names it nowhere: its row is named by the report's own title as printed.
        name = _without_department(name, ctx.result.report.department) or _named_below(title, body) or _title_of(title)
        values, figures = _project_values(body)
        if not figures:
            continue
        _record(ctx, name, values, figures)
    extract_sections(ctx)


def _record(ctx: ProseContext, name: str, values: dict[str, object], figures: dict[str, tuple[Passage, int]]) -> None:
    """The project's row: each line's figures with their own evidence, the payment's first: the row cites the
    line printing the most of them (the payment when there is one) and the budget stated a few lines above
    joins it."""
    for passage, keys in _by_passage(figures):
        position = min(figures[k][1] for k in keys)
        ctx.project(name, "项目", ctx.evidence(passage, position), **{k: values[k] for k in keys})


def extract_sections(ctx: ProseContext) -> None:
    """Projects evaluated in a section of a larger report: a final account's summaries (national template), a
    department-wide self-evaluation's project sections."""
    named = [([summary], name) for summary, name in _summaries(ctx.passages)]
    for body, name in [*named, *_project_sections(ctx.passages)]:
        values, figures = _project_values(body)
        if figures:
            _record(ctx, name, values, figures)


def _summaries(passages: list[Passage]) -> Iterator[tuple[Passage, str]]:
    """(passage, project name) of each project's summary in a final account's 预算绩效 section, as the national
    template writes it: ``1.城市管理执法专项经费项目绩效自评综述：…绩效自评得分为92分。全年预算数为60万元，执行数为
    57万元，完成预算的95%。``; its figures are that passage's."""
    for passage in passages:
        found = _SUMMARY.match(_NUMBERED.without(passage.text))
        if found is not None and not passage.heading:
            yield passage, without_quotes(found.group("name"))  # “道路保洁经费”项目


def _project_sections(passages: list[Passage]) -> Iterator[tuple[list[Passage], str]]:
    """(passages, project name) of each section of a report titled by one project (``（一）城市管理执法专项经费
    项目`` over ``该项目年初预算50万元，…自评得分94分。``) that evaluates it: its passages state a score."""
    sections: dict[str, list[Passage]] = {}
    for passage in passages:
        if not passage.heading and (name := _project_heading(passage.section)) is not None:
            sections.setdefault(name, []).append(passage)
    for name, body in sections.items():
        if _first(EVALUATION_SCORE, body) is not None:
            yield body, name


def _project_heading(section: str) -> str | None:
    """The project a numbered heading names (``（一）城市管理执法专项经费项目``), or None (``（三）项目支出情况``)."""
    text = _NUMBERED.without(section)
    return None if text == section else project_named(text)


def _without_department(name: str, department: str | None) -> str:
    """The project's own name: a title over two lines (``泸县教育局`` / ``2024年度…项目支出绩效自评报告``)
    joins the department and the year before it, or the year after it (``…维修养护项目`` / ``2024年度项目
    支出绩效自评报告``); a title that names only the department (``2024年度泸县水利局项目支出绩效自评报告``)
    names no project."""
    name = re.sub(r"20\d\d年度?$", "", name)
    if department and name.startswith(department):
        name = re.sub(r"^(?:20\d\d年度?)", "", name[len(department) :])
    return "" if name in ("项目", "项目支出") else name


# Where a report on one project names it below a title that does not: ``项目名称：水利工程维修养护项目`` /
# ``农村饮水安全维修养护项目，年初预算资金50万元…`` opening its 项目概况 (not 本项目 / 该项目).
_NAME_LABELLED = re.compile(r"项目名称[：:]\s*(?P<name>[^，,。；;\s]{2,40})")
_NAME_OPENING = re.compile(r"^(?P<name>(?![本该此各全])[^，,。；;：:（）()\d\s]{2,30}?项目)(?=[，,：:]|资金|年初|预算)")


# A project's summary under the national template's 部门决算中项目绩效自评结果 (XX项目绩效自评综述：…).
_SUMMARY = re.compile(r"(?P<name>[^：:，,。；;]{2,40}?)(?:绩效)?自评综述[：:]")
_NUMBERED = Enumerators(*OUTLINE)
# A label run into the name where the form's lines were joined (水利工程维修养护项目 / 项目资金：…).
_NEXT_LABEL = re.compile(r".+?项目(?=项目|.{0,4}$)")


def _title_of(title: Passage) -> str:
    return title.text[: title.text.index("报告") + 2] if "报告" in title.text else title.text


def _named_below(title: Passage, body: list[Passage]) -> str:
    """The name a report on one project gives below a title naming none: labelled (in the title's passage where
    the label's line was joined to it, or in the body), else opening the body's first paragraphs."""
    texts = [title.text, *(p.text for p in body[:6] if not p.heading)]
    labelled = next((found for text in texts if (found := _NAME_LABELLED.search(text))), None)
    if labelled:
        cut = _NEXT_LABEL.match(labelled.group("name"))
        return cut.group() if cut else labelled.group("name")
    opening = next((found for text in texts[1:] if (found := _NAME_OPENING.match(text))), None)
    return opening.group("name") if opening else ""


def _department_wide(name: str) -> bool:
    """部门整体支出 / 部门预算 / a department's own name: the evaluation covers the whole department."""
    return "部门整体" in name or name in ("部门", "部门预算", "部门整体支出") or name.endswith(("部门", "部门预算"))


def _reports(passages: list[Passage]) -> Iterator[tuple[Passage, str, list[Passage]]]:
    """(title passage, project name, passages of its report) for every attached evaluation report."""
    titles = [(i, _name(p)) for i, p in enumerate(passages) if not p.heading and _name(p)]
    for n, (index, name) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(passages)
        body = []
        for passage in passages[index + 1 : end]:
            if passage.heading and passage.text.startswith(("附件", "第", "附表")):
                break
            body.append(passage)
        yield passages[index], name or "", body


def _name(passage: Passage) -> str | None:
    match = _LETTER.search(passage.text) or _TITLE.match(passage.text)
    if not match or len(passage.text) > 80:
        return None
    return match.group("name").strip('“”"「」')  # 2024年度“城市管理执法专项经费”项目…: the name in its quotes


def _first(pattern: re.Pattern[str], body: list[Passage]) -> tuple[Passage, re.Match[str]] | None:
    for passage in body:
        match = pattern.search(passage.text)
        if match:
            return passage, match
    return None


_PREFERRED = ("executed", "budget_final", "budget_initial", "score")


def _project_values(body: list[Passage]) -> tuple[dict[str, object], dict[str, tuple[Passage, int]]]:
    """The project's figures, and where each is printed (passage, position)."""
    values: dict[str, object] = {}
    figures: dict[str, tuple[Passage, int]] = {}
    for key, pattern in (
        ("budget_initial", EVALUATION_BUDGET_INITIAL),
        ("budget_final", EVALUATION_BUDGET_FINAL),
        ("executed", EVALUATION_EXECUTED),
    ):
        found = _first(pattern, body)
        if found:
            values[key] = money(found[1])
            figures[key] = (found[0], found[1].start())
    for pattern in EVALUATION_RATES:
        found = _first(pattern, body)
        if found:
            values["execution_rate_declared"] = pct(found[1])
            figures["execution_rate_declared"] = (found[0], found[1].start())
            break
    score = _first(EVALUATION_SCORE, body)
    if score:
        values["score"] = parse_decimal(score[1].group("s"))
        figures["score"] = (score[0], score[1].start())
    grade = _first(EVALUATION_GRADE, body)
    if grade:
        values["grade"] = grade[1].group("g")
        figures["grade"] = (grade[0], grade[1].start())
    return values, figures


def _by_passage(figures: dict[str, tuple[Passage, int]]) -> list[tuple[Passage, list[str]]]:
    """The figures grouped by the passage printing them: the payment's passage (else the first budget's or
    the score's) first, the others after it."""
    groups: dict[int, tuple[Passage, list[str]]] = {}
    for key, (passage, _) in figures.items():
        groups.setdefault(id(passage), (passage, []))[1].append(key)
    first = next(id(figures[k][0]) for k in (*_PREFERRED, *figures) if k in figures)
    return [groups[first], *(group for ident, group in groups.items() if ident != first)]
