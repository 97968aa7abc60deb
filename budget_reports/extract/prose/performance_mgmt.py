"""预算绩效管理: how many projects had targets, were monitored, were self-evaluated, and the scores.

``对5个项目编制了绩效目标 … 选取5个项目开展绩效监控 … 对部门整体支出和5个项目开展了绩效自评``;
Shanghai writes ``编报绩效目标的2024年度项目4个，涉及预算金额598.42万元``. Scores stated for the
department as a whole or for a named project become ``performance_projects`` rows.
"""

from __future__ import annotations

import re

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, MONEY, NUM, PCT_END, count, count_named, money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import Passage
from budget_reports.normalize import parse_cn_integer, parse_decimal

DEPARTMENT_OVERALL = "部门整体支出"
_ITEMS = r"(?:[^，,。；;]*?等)?"


def _projects_involved(activity: str) -> re.Pattern[str]:
    """``…全面开展绩效自评，共涉及项目10个，资金1234.56万元``: the count and money after the activity."""
    return re.compile(
        rf"开展(?:了)?{activity}[，,](?:共)?涉及项目{COUNT}个[，,](?P<amount>(?:涉及)?(?:预算)?(?:资金|金额){MONEY})"
    )


# The money the projects counted take, right after their count (…开展了绩效自评，涉及资金1,234.56万元;
# budgets: …项目12个，涉及一般公共预算当年拨款434.56万元 / …，涉及项目预算资金… / …，金额434.56万元).
_AMOUNT = (
    r"(?:[，,](?P<amount>(?:共)?(?:涉及)?(?:一般公共预算)?(?:当年)?(?:财政)?(?:拨款)?(?:项目)?(?:预算)?"
    rf"(?:资金|金额|拨款)(?:共)?(?:为)?{MONEY}))?"
)
_YEAR = r"(?:\d{4}年度?)?"
# Projects with performance targets, as budgets (and Shanghai's reports) count them: 编报绩效目标的2025年度项目4个 /
# 实行绩效目标管理的项目12个 / 共12个项目纳入绩效目标管理 / 所有项目均编制绩效目标，共涉及项目12个.
_TARGETS_WORDINGS = (
    rf"(?:编报|编制|设置|填报|申报)了?绩效目标的{_YEAR}项目(?:共)?{COUNT}个",
    rf"(?:实行|纳入)了?绩效目标管理的{_YEAR}项目(?:共)?{COUNT}个",
    rf"{COUNT}个项目(?:实行|纳入)了?绩效目标管理",
    rf"均(?:编制|编报|设置)了?绩效目标[，,](?:共计?)?涉及项目{COUNT}个",
    rf"均(?:编制|编报|设置)了?绩效目标[，,](?:共计?)?{COUNT}个项目",
    # 绩效目标管理覆盖一般公共预算项目15个 (not the 部门整体支出绩效目标 counted after it)
    rf"绩效目标管理覆盖(?:一般公共预算)?(?:财政拨款)?项目(?:共)?{COUNT}个",
)
# Projects with targets, monitored and self-evaluated, counted after the activity: 绩效监控的2024年度项目4个 /
# 开展绩效监控项目15个 / 绩效自评的项目共15个 / 开展绩效自评项目15个.
_COUNTED_AFTER_THEIR_ACTIVITY = {
    (m.PERF_TARGETS, m.PERF_TARGETS_AMOUNT): _TARGETS_WORDINGS,
    (m.PERF_MONITORED, m.PERF_MONITORED_AMOUNT): (
        rf"绩效(?:跟踪|监控)(?:评价)?的{_YEAR}项目{COUNT}个",
        rf"开展了?绩效(?:运行)?监控(?:的)?{_YEAR}项目(?:共)?{COUNT}个",
    ),
    (m.PERF_SELF_EVALUATED, m.PERF_SELF_EVALUATED_AMOUNT): (
        rf"绩效自评的{_YEAR}项目(?:共)?{COUNT}个",
        rf"开展了?(?:绩效)?自评(?:的)?{_YEAR}项目(?:共)?{COUNT}个",  # 共开展自评项目15个 too
    ),
}
_COUNTS = [
    (re.compile(rf"对{_ITEMS}{COUNT}个项目开展了?(?:预算)?事前绩效评估"), m.PERF_PRE_ASSESSED, None),
    (re.compile(rf"开展了?(?:预算)?事前绩效评估的?{_YEAR}项目(?:共)?{COUNT}个"), m.PERF_PRE_ASSESSED, None),
    (re.compile(rf"对{_ITEMS}{COUNT}个项目编制了?绩效目标{_AMOUNT}"), m.PERF_TARGETS, m.PERF_TARGETS_AMOUNT),
    (re.compile(rf"选取{COUNT}个项目开展(?:了)?绩效监控{_AMOUNT}"), m.PERF_MONITORED, m.PERF_MONITORED_AMOUNT),
    (
        re.compile(rf"对(?:部门整体支出和)?{COUNT}个项目开展(?:了)?绩效自评{_AMOUNT}"),
        m.PERF_SELF_EVALUATED,
        m.PERF_SELF_EVALUATED_AMOUNT,
    ),
    (_projects_involved("绩效自评"), m.PERF_SELF_EVALUATED, m.PERF_SELF_EVALUATED_AMOUNT),
    (_projects_involved("绩效监控"), m.PERF_MONITORED, m.PERF_MONITORED_AMOUNT),
    *(
        (re.compile(wording + _AMOUNT), metric, amount_metric)
        for (metric, amount_metric), wordings in _COUNTED_AFTER_THEIR_ACTIVITY.items()
        for wording in wordings
    ),
    # 组织对“城市管理”等3个项目开展了部门评价，涉及一般公共预算支出300.00万元 (the national template).
    (
        re.compile(
            rf"对{_ITEMS}{COUNT}个项目开展了?部门(?:绩效)?评价(?:[，,](?P<amount>涉及一般公共预算(?:财政拨款)?支出{MONEY}))?"
        ),
        m.PERF_DEPARTMENT_EVALUATED,
        m.PERF_DEPARTMENT_EVALUATED_AMOUNT,
    ),
]
# The national template's coverage of the self-evaluation: …全面开展绩效自评，其中，一级项目2个，二级项目8个，
# 共涉及资金500万元，占一般公共预算项目支出总额的100%.
_BY_LEVEL = re.compile(
    rf"开展(?:了)?绩效自评[，,](?:其中[，,：:]?)?一级项目{count_named('first')}个[，,、；;]二级项目"
    rf"{count_named('second')}个(?:[，,](?P<amount>(?:共)?涉及(?:项目)?(?:预算)?资金(?:共)?{MONEY})"
    rf"(?:[，,]占(?:一般公共预算)?(?:财政拨款)?项目支出(?:总额|总数|合计)?的?{PCT_END})?)?"
)
# Projects by grade after the self-evaluation's count (…开展了绩效自评…，其中：优8个，良2个 /
# 自评结果为：优秀8个、良好2个); 优秀 and 良好 are the grades 优 and 良.
_GRADE = r"优秀|良好|不合格|合格|优|良|中|差"
_LISTED_GRADE = re.compile(rf"(?P<g>{_GRADE})(?:等次|等级)?{COUNT}个")
_GRADES_LISTED = re.compile(
    rf"(?:其中|自评结果|评价结果)(?:显示)?(?:为|是)?[：:]?(?P<list>(?:(?:{_GRADE})(?:等次|等级)?{COUNT}个[、，,]?)+)"
)
_GRADE_SYNONYMS = {"优秀": "优", "良好": "良"}
_AVERAGE = re.compile(rf"平均(?:得)?分(?:为|是)?(?P<s>{NUM})分")  # 平均得分95分 / 自评平均分为92.5分
_GRADE_COUNT = re.compile(rf"绩效评级为[“\"]?(?P<g>[^”\"的]+?)[”\"]?的项目{COUNT}个")
_SCORE = re.compile(rf"(?P<pre>[^；;，,。]*?)绩效自评得分为(?P<s>{NUM})分")
_DEPARTMENT_GRADE = re.compile(r"部门整体支出绩效为[“\"]?(?P<g>[^”\"。，,；;]+?)[”\"]?(?:[。，,；;]|$)")
_PROJECT_SUFFIX = re.compile(r"(?:专项预算项目|部门预算项目|项目支出)$")
# A named project's or the whole department's score in other wordings (从评价情况来看，城市管理执法专项经费项目自评得分
# 92分 / 部门整体支出绩效自评综合得分为93分): the clause names whose score it is before it.
_NAMED_SCORE = re.compile(rf"(?P<pre>[^；;，,。：:]+?)(?:绩效)?自评(?:综合)?得分(?:为|是)?(?P<s>{NUM})分")
# Words naming no one project (本部门项目, 一般公共预算项目, 5个项目, …等项目, （三）重点项目情况, 项目绩效…).
_NO_PROJECT_NAME = re.compile(
    r"^(?:本|该|此|各|全部|所有|其他|其余|重点|主要|一般公共预算|政府性基金|部门|单位|专项|\d+个|项目)|等|情况|绩效"
)
_QUOTES = re.compile(r'[“”"「」]')


def without_quotes(name: str) -> str:
    """A project's name without the quotes it is printed in (``“道路保洁经费”项目`` → 道路保洁经费项目)."""
    return _QUOTES.sub("", name)


def project_named(text: str) -> str | None:
    """The one project a clause or a heading names, its quotes dropped, or None where it names no one project."""
    name = without_quotes(text).strip()
    if not name.endswith("项目") or len(name) <= 3 or _NO_PROJECT_NAME.search(name):
        return None
    return name


def extract(ctx: ProseContext) -> None:
    for passage in ctx.explanation():
        text = passage.text
        for pattern, metric, amount_metric in _COUNTS:
            for match in pattern.finditer(text):
                ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit="个")
                if amount_metric and match.group("n") is not None:  # cited where its words are printed
                    evidence = ctx.evidence(passage, match.start("amount"), match.end("amount"))
                    ctx.metric(amount_metric, money(match), evidence)
        for match in _BY_LEVEL.finditer(text):
            evidence = ctx.evidence(passage, match.start("first"))
            for group, metric in (
                ("first", m.PERF_SELF_EVALUATED_FIRST_LEVEL),
                ("second", m.PERF_SELF_EVALUATED_SECOND_LEVEL),
            ):
                ctx.metric(metric, parse_cn_integer(match.group(group)), evidence, unit="个")
            if match.group("amount") is not None:
                share = pct(match) if match.group("p") is not None else None
                amount_evidence = ctx.evidence(passage, match.start("amount"), match.end("amount"))
                ctx.metric(m.PERF_SELF_EVALUATED_AMOUNT, money(match), amount_evidence, share_pct_declared=share)
        for match in _AVERAGE.finditer(text):
            ctx.metric(
                m.PERF_AVERAGE_SCORE, parse_decimal(match.group("s")), ctx.evidence(passage, match.start()), unit="分"
            )
        for match in _GRADE_COUNT.finditer(text):
            evidence = ctx.evidence(passage, match.start())
            ctx.metric(m.perf_grade_count(match.group("g")), count(match), evidence, unit="个")
        if "绩效自评" in text:
            for listed in _GRADES_LISTED.finditer(text):
                for grade in _LISTED_GRADE.finditer(listed.group("list")):
                    name = _GRADE_SYNONYMS.get(grade.group("g"), grade.group("g"))
                    evidence = ctx.evidence(passage, listed.start("list") + grade.start())
                    ctx.metric(m.perf_grade_count(name), count(grade), evidence, unit="个")
        _scores(ctx, passage)


def _scores(ctx: ProseContext, passage: Passage) -> None:
    text = passage.text
    for match in _SCORE.finditer(text):
        pre = re.sub(r"^(?:其中|另外)", "", match.group("pre"))
        score = parse_decimal(match.group("s"))
        evidence = ctx.evidence(passage, match.start("s"))
        if "部门整体" in pre or not pre:
            grade = _DEPARTMENT_GRADE.search(text)
            ctx.project(
                DEPARTMENT_OVERALL, "部门整体", evidence, score=score, grade=grade.group("g") if grade else None
            )
        elif _PROJECT_SUFFIX.search(pre):
            ctx.project(_PROJECT_SUFFIX.sub("", pre), "项目", evidence, score=score)
    for match in _NAMED_SCORE.finditer(text):
        pre = match.group("pre").strip()
        evidence = ctx.evidence(passage, match.start("s"))
        score = parse_decimal(match.group("s"))
        if pre.startswith("部门整体"):
            ctx.project(DEPARTMENT_OVERALL, "部门整体", evidence, score=score)
        elif (name := project_named(pre)) is not None:
            ctx.project(_PROJECT_SUFFIX.sub("", name), "项目", evidence, score=score)
