"""The 部门预算编制说明 and the other sections of a budget report, in sentences.

A budget report states its plan and the change against last year's budget:
``收入预算4748.35万元，其中：财政拨款收入4748.35万元，比2025年预算减少19.79万元；事业收入0万元``,
``政府性基金拨款支出预算0万元，与2025年预算持平``, then the numbered 类/款/项 lines
``1. “社会保障和就业支出（类）…（项）”261.47万元，主要用于…``, the 政府采购预算 and the vehicles and
equipment the budget buys. Every figure is a budget: it goes to ``value`` (the row's stage says 预算)
or, for a classification line, to ``budget_initial``. The ways provinces write each subject are the
``SUBJECTS`` catalogue; one reader goes through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, MONEY, NUM, PCT_END, count, money, pct, signed
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.funds import section_funds
from budget_reports.extract.prose.overview import ALL_ONE_PART, EXPENDITURE_KINDS
from budget_reports.extract.prose.phrasings import SHARE_PHRASE
from budget_reports.extract.prose.sentences import Passage, clause_end, clause_start
from budget_reports.extract.prose.statements import FUND_PARTS, listed_under_fund
from budget_reports.numbering import (
    CHINESE_BRACKET,
    CHINESE_COMMA,
    CHINESE_DOT,
    DIGIT_BRACKET,
    DIGIT_COMMA,
    DIGIT_DOT,
    pattern_of,
)
from budget_reports.stages import is_budget_report


@dataclass(frozen=True, slots=True)
class BudgetSubject:
    pattern: str  # what the sentence calls the figure, up to the figure itself
    metric: str | None = None  # summary metric it states
    income_source: str | None = None  # income row it states (收入 by source)
    unit: str = "万元"  # 辆 / 套 for counts


# Longest pattern first when several match at one place (财政拨款支出预算 before 支出预算).
SUBJECTS: tuple[BudgetSubject, ...] = (
    # 收支总预算1,234.56万元 / 收入总预算…，支出总预算… (the 收支总计 of the 收支总表).
    BudgetSubject(r"(?<!拨款)(?:收、?支|收入|支出)总预算|(?<!拨款)(?:部门预算)?收、?支(?:预算)?总额", m.TOTAL),
    BudgetSubject(r"财政拨款(?:收、?支|收入|支出)总预算|财政拨款收、?支(?:预算)?总额", m.FISCAL_TOTAL),
    # 收入预算总计 / 部门预算收入总计: the 收支总表's 收入总计 (上年结转 included), before the year's income.
    BudgetSubject(r"(?<!拨款)(?:部门)?收入预算总计|部门预算收入总计", m.GRAND_INCOME_TOTAL),
    BudgetSubject(r"(?<!拨款)(?<!基金)(?<!经营)(?:部门)?支出预算总计|部门预算支出总计", m.GRAND_EXPENDITURE_TOTAL),
    BudgetSubject(r"(?<!拨款)(?:部门)?收入预算(?:总额|合计)?|部门预算收入(?:总额|合计)?", m.INCOME_TOTAL),
    BudgetSubject(
        r"(?<!拨款)(?<!基金)(?<!经营)(?<!基本)(?<!项目)(?:部门)?支出预算(?:总额|合计)?|部门预算支出(?:总额|合计)?",
        m.EXPENDITURE_TOTAL,
    ),
    BudgetSubject(r"财政拨款收入(?:预算)?", m.FISCAL_INCOME, "财政拨款收入"),
    BudgetSubject(r"一般公共预算(?:财政)?拨款收入(?:预算)?", m.GPB_INCOME, m.GPB_INCOME),
    BudgetSubject(r"政府性基金(?:预算)?(?:财政)?拨款收入(?:预算)?", m.GOV_FUND_INCOME, m.GOV_FUND_INCOME),
    BudgetSubject(r"国有资本经营预算(?:财政)?拨款收入(?:预算)?", m.STATE_CAPITAL_INCOME, m.STATE_CAPITAL_INCOME),
    BudgetSubject(r"(?<!单位)(?<!经营)事业收入(?:预算)?", income_source="事业收入"),
    BudgetSubject(r"事业单位经营收入(?:预算)?", income_source="事业单位经营收入"),
    BudgetSubject(r"其他收入(?:预算)?", income_source="其他收入"),
    BudgetSubject(r"上年结转(?:和)?(?:结余)?(?:收入)?(?:预算)?", m.CARRY_OVER_START),
    BudgetSubject(r"财政拨款支出预算", m.FISCAL_EXPENDITURE),
    # 一般公共预算支出预算 too: its 支出预算 is the fund's, not the report's 本年支出合计 (so for the other funds).
    BudgetSubject(r"(?<!涉及)一般公共预算(?:财政)?(?:拨款)?支出(?:预算)?", m.GPB_EXPENDITURE),
    # The national template's 一般公共预算当年拨款规模: the 一般公共预算支出表's total (its year's appropriation).
    # Not the money of the projects a sentence counts (…的项目12个，涉及一般公共预算当年拨款500万元).
    BudgetSubject(r"(?<!涉及)一般公共预算当年拨款(?:规模)?(?:支出)?(?:预算)?(?!收入)", m.GPB_EXPENDITURE),
    BudgetSubject(r"政府性基金(?:预算)?(?:财政)?(?:拨款)?支出(?:预算)?", m.GOV_FUND_EXPENDITURE),
    BudgetSubject(r"国有资本经营预算(?:财政)?(?:拨款)?支出(?:预算)?", m.STATE_CAPITAL_EXPENDITURE),
    # Not a fund's (一般公共预算拨款基本支出预算: overview's fund subjects read it as that fund's).
    BudgetSubject(r"(?<!拨款)(?<!预算)基本支出预算", m.BASIC),
    BudgetSubject(r"(?<!拨款)(?<!预算)项目支出预算", m.PROJECT),
    # 三公 and 机关运行经费: their change against last year's budget (``与2025年预算持平`` is no change).
    BudgetSubject(r"[“\"]?三公[”\"]?经费(?:财政拨款)?预算(?:数)?(?:财政拨款)?", m.THREE_PUBLIC),
    BudgetSubject(r"因公出国[（(]境[)）]费(?:预算)?", m.OVERSEAS),
    BudgetSubject(r"公务用车购置及运行(?:维护)?费(?:预算)?", m.VEHICLES_COST),
    BudgetSubject(r"公务用车购置费(?:预算)?", m.VEHICLE_PURCHASE),
    BudgetSubject(r"公务用车运行(?:维护)?费(?:预算)?", m.VEHICLE_OPERATION),
    BudgetSubject(r"公务接待费(?:预算)?", m.RECEPTION),
    BudgetSubject(r"机关运行经费(?:预算(?:数)?|(?=安排))", m.OPERATING_COSTS),
    BudgetSubject(r"政府采购预算(?:总额|合计|总计)?", m.PROCUREMENT_BUDGET),
    BudgetSubject(r"政府采购货物预算|货物采购预算", m.PROCUREMENT_GOODS),
    BudgetSubject(r"政府采购工程预算|工程采购预算", m.PROCUREMENT_WORKS),
    BudgetSubject(r"政府采购服务预算|服务采购预算", m.PROCUREMENT_SERVICES),
    BudgetSubject(r"预留给小型和微型企业的政府采购项目预算(?:为)?", m.PROCUREMENT_MICRO_RESERVED),
    BudgetSubject(r"涉及项目预算资金", m.PERF_TARGETS_AMOUNT),
    BudgetSubject(r"预算安排购置车辆", m.VEHICLES_PURCHASE_PLANNED, unit="辆"),
    BudgetSubject(r"预算安排购置单价100万元[（(]含[)）]以上设备[（(]不含车辆[)）]", m.EQUIPMENT_100_PLANNED, unit="套"),
    BudgetSubject(r"(?<!购置)单价100万元[（(]含[)）]以上设备[（(]不含车辆[)）](?=\d)", m.EQUIPMENT_100, unit="套"),
    # 安排购置单价100万元以上设备0台（套） / 拟购置…: planned, whatever the brackets.
    BudgetSubject(
        r"(?:安排|拟|计划)购置(?:单价|单位价值)100万元(?:[（(]含[)）])?以上(?:的)?设备(?:[（(]不含车辆[)）])?",
        m.EQUIPMENT_100_PLANNED,
        unit="套",
    ),
)
# Nothing planned, in words (2025年部门预算未安排购置车辆，未安排购置单价100万元以上设备).
_NOTHING = r"(?:无|没有|未安排|不安排)(?:安排)?"
_NONE_PLANNED = (
    (re.compile(r"未安排(?:购置)?(?:公务用)?车辆(?:购置)?"), m.VEHICLES_PURCHASE_PLANNED, "辆"),
    (re.compile(r"未安排购置单价100万元(?:[（(]含[)）])?以上(?:的)?设备"), m.EQUIPMENT_100_PLANNED, "套"),
    # 无政府采购预算 / 未安排政府采购预算 / 不安排机关运行经费预算 / 未安排“三公”经费预算 (not a template's
    # 无…的部门 / 单位, addressed to the reports that have none).
    (re.compile(rf"{_NOTHING}政府采购预算(?!的)"), m.PROCUREMENT_BUDGET, "万元"),
    (re.compile(rf"{_NOTHING}机关运行经费(?!(?:预算)?的)"), m.OPERATING_COSTS, "万元"),
    (re.compile(rf"{_NOTHING}[“\"]?三公[”\"]?经费(?!(?:财政拨款)?(?:预算)?的)"), m.THREE_PUBLIC, "万元"),
)
_TOTALS = (m.INCOME_TOTAL, m.EXPENDITURE_TOTAL, m.GRAND_INCOME_TOTAL, m.GRAND_EXPENDITURE_TOTAL)
# The funds of the 财政拨款收入, listed right after it by their names alone, in brackets or after 其中
# (财政拨款收入1,300万元（一般公共预算1,200万元、政府性基金100万元） / …，其中一般公共预算1,200万元，政府性基金100万元).
_FUND_PARTS = re.compile(r"^(?:[（(]|[，,]?其中[：:，,]?)(?P<list>[^）)。；;]+)")
_FUND_PART = re.compile(
    rf"(?:^|(?<=[、，,]))(?P<f>一般公共预算|政府性基金|国有资本经营)(?:预算)?(?:财政)?(?:拨款)?(?:资金)?{MONEY}"
)
_FUNDS_NAMED = {"一般公共预算": m.GPB, "政府性基金": m.GOV_FUND, "国有资本经营": m.STATE_CAPITAL}
# An income whose parts, listed after it in its sentence, take in last year's carry-over: the 收入总计.
_CARRY_OVER_LISTED = re.compile(r"^[^。]*?(?:其中|包括)[^。]*?上年结转")
_COMBINED = re.compile("|".join(f"(?P<s{i}>{s.pattern})" for i, s in enumerate(SUBJECTS)))
# …预算为20万元 / …预算数20万元 / …预算安排20万元 / …共计20万元
_VALUE = re.compile(rf"^(?:数)?(?:安排)?(?:[为是]|共计?)?{MONEY}")
_COUNT_VALUE = re.compile(rf"^(?:[为是]|共计?)?{COUNT}(?P<u>辆|套|台)")
# Its share of the total, right after the figure (一般公共预算拨款收入1,000.00万元，占81.00%).
_SHARE = re.compile(rf"^[，,]?{SHARE_PHRASE}{PCT_END}")
# Change against last year's budget, stated in the clause after the figure, its amount, its percent or
# both in either order (比2024年预算增加100.00万元，增长11.11% / 比上年增长7.49%，增加0.86万元 / 同比下降5%).
_AGAINST = r"^[，,]?(?:同比|(?:比|较)(?:上年|去年|20\d\d年)度?(?:预算|执行)?(?:数)?)"  # 比2024年执行数增加…
_PCT_NUM = rf"(?P<p>{NUM})"
_WORD = r"增加|减少|增长|下降|上升|降低"
# The change itself after what it is against: its amount, then maybe its percent, or the other way round.
_CHANGE_AMOUNT_FIRST = rf"(?P<w>{_WORD}){MONEY}(?:[，,（(]?(?P<pw>{_WORD})?{_PCT_NUM}%)?"
_CHANGE_PERCENT_FIRST = rf"(?P<pw>{_WORD}){_PCT_NUM}%(?:[，,（(]?(?P<w>{_WORD}){MONEY})?"
_CHANGE = re.compile(_AGAINST + _CHANGE_AMOUNT_FIRST)
_CHANGE_PCT_FIRST = re.compile(_AGAINST + _CHANGE_PERCENT_FIRST)
_FLAT = re.compile(r"^[，,。]?(?:与|和|同)(?:上年|去年|20\d\d年)度?(?:预算|执行)?(?:数)?(?:持平|相同|一致)")
# The national template's comparison, the year named before the subject (与2024年预算相比，一般公共预算拨款支出
# 增加80万元，增长7.14%): the change follows the subject, no figure of its own between.
_COMPARED_BEFORE = re.compile(r"(?:与|和|同)(?:上年|去年|20\d\d年)度?(?:预算)?(?:数)?相比[，,]?$")
_COMPARED = re.compile("^" + _CHANGE_AMOUNT_FIRST)
_COMPARED_PCT_FIRST = re.compile("^" + _CHANGE_PERCENT_FIRST)

# How a budget numbers its lines and items: 1、 / 1. / 一、 / 一. / （1） / （一）.
_NUMBERED = pattern_of(CHINESE_COMMA, CHINESE_DOT, DIGIT_COMMA, DIGIT_DOT, CHINESE_BRACKET, DIGIT_BRACKET)
# The numbered lines: ``1. “社会保障和就业支出（类）…（项）”261.47万元，主要用于…`` or
# ``1．一般公共服务支出（类）人大事务（款）行政运行（项）：2026年预算数为120.5万元。主要用于…``.
_LINE = re.compile(
    rf"^{_NUMBERED}\s*"
    r"[“\"]?(?P<path>(?:[^（）“”\"]+（[类款项]）)+)[”\"]?(?:科目)?"
    rf"[：:，,]?(?:(?:20\d\d年度?)?(?:预算)?(?:安排)?(?:数|金额|资金)?(?:[为是]|(?=\d)))?{MONEY}"
)
_MARKER = re.compile(r"(?P<name>[^（）]+)（(?P<level>[类款项])）")
_PURPOSE = re.compile(r"主要用于(?P<p>[^。]+)")
# The sentence that introduces the lines says which funds they spend (else the section's heading does).
_LINES_FUND = (
    ("一般公共预算", m.GPB),
    ("政府性基金", m.GOV_FUND),
    ("国有资本经营", m.STATE_CAPITAL),
    ("财政拨款", m.FISCAL),
)
_LINES_INTRO = re.compile(r"(?P<f>[^。；;，,]*?)支出(?:预算)?主要(?:内容|用途|用于)(?:如下)?")
# Words of the report's own totals, never of a project (本年度收入预算为…, 机关运行经费预算为…).
_NOT_PROJECTS = ("收入", "支出", "收支", "拨款", "三公", "机关运行", "政府采购", "本部门", "本单位")
# A project's budget in the 项目经费情况说明: ``本年度拆违经费预算金额为349.80万元，分别用于…``.
_PROJECT = re.compile(
    rf"(?:本|20\d\d)年度?(?P<name>[^，,。；;\d“”]{{2,30}}?)(?:项目)?预算(?:金额|资金)?(?:为|是){MONEY}"
)

# An item of a section on projects (六、项目支出情况): ``1.城市管理专项经费项目：预算金额为349.80万元，主要用于…`` /
# ``（1）拆违经费349.80万元，…`` / ``网格化管理项目，2025年安排预算120.00万元``.
_PROJECT_ITEM = re.compile(
    rf"^(?:{_NUMBERED})?\s*"
    r"(?P<name>[^：:，,。；;\d“”（）]{2,30}?)(?:项目)?[：:，,]?(?:20\d\d年度?)?(?:安排)?(?:项目)?(?:预算)?"
    rf"(?:金额|资金|数)?(?:[为是])?{MONEY}"
)


def extract(ctx: ProseContext) -> None:
    if not is_budget_report(ctx.result.report.report_kind):
        return
    funds = section_funds(ctx.passages)
    fund = section = m.GPB
    for passage in ctx.passages:
        if passage.heading:
            continue
        if funds[passage.index] != section:  # a heading naming another fund opened its section
            fund = section = funds[passage.index]
        intro = _LINES_INTRO.search(passage.text)
        if intro:
            fund = next((f for word, f in _LINES_FUND if word in intro.group("f")), m.GPB)
        if not _read_line(ctx, passage, fund):
            _read_subjects(ctx, passage)
            _read_projects(ctx, passage)
            for pattern, metric, unit in _NONE_PLANNED:
                if none := pattern.search(passage.text):
                    ctx.metric(metric, Decimal(0), ctx.evidence(passage, none.start(), none.end()), unit=unit)


def _read_subjects(ctx: ProseContext, passage: Passage) -> None:
    text = passage.text
    for occurrence in _COMBINED.finditer(text):
        subject = SUBJECTS[int(occurrence.lastgroup[1:])] if occurrence.lastgroup else None
        if subject is None:
            continue
        rest = text[occurrence.end() :]
        found = (_COUNT_VALUE if subject.unit != "万元" else _VALUE).match(rest)
        if found is None:
            sentence = clause_start(text, occurrence.start(), "。；;")
            if subject.metric is not None and _COMPARED_BEFORE.search(text, sentence, occurrence.start()):
                _compared(ctx, passage, subject.metric, occurrence, rest)
            continue
        value = count(found) if subject.unit != "万元" else money(found)
        after = rest[found.end() :]
        shared = _SHARE.match(after) if subject.unit == "万元" else None
        share = pct(shared) if shared else None
        change, change_pct = _change(after[shared.end() :] if shared else after)
        evidence = ctx.evidence(passage, occurrence.start(), occurrence.end() + found.end())
        metric = subject.metric
        if metric == m.INCOME_TOTAL and _CARRY_OVER_LISTED.match(after):  # …，其中：本年收入…，上年结转…
            metric = m.GRAND_INCOME_TOTAL
        if metric is not None:
            ctx.metric(
                metric,
                value,
                evidence,
                scope=_scope(metric, text, occurrence.start()),
                unit=subject.unit,
                change_value=change,
                change_pct_declared=change_pct,
                share_pct_declared=share,
            )
        if subject.income_source is not None:
            ctx.income(subject.income_source, value, evidence, share)
        if metric in _TOTALS and value is not None:
            _all_one_part(ctx, passage, after, (occurrence.start(), occurrence.end() + found.end()), value)
        if metric == m.FISCAL_INCOME:
            _fund_parts(ctx, passage, after, occurrence.end() + found.end())


def _fund_parts(ctx: ProseContext, passage: Passage, after: str, at: int) -> None:
    """The funds of the 财政拨款收入 named alone in the list right after it (``after`` starts at ``at``): each
    fund's income, scoped 财政拨款 as a fund's income written whole is. A summary metric only: the
    财政拨款收入 is the income source, its funds no sources besides it (they would count it twice)."""
    listed = _FUND_PARTS.match(after)
    if listed is None:
        return
    start = at + listed.start("list")
    for part in _FUND_PART.finditer(listed.group("list")):
        income = m.FUND_INCOME[_FUNDS_NAMED[part.group("f")]]
        evidence = ctx.evidence(passage, start + part.start(), start + part.end())
        ctx.metric(income, money(part), evidence, scope=m.FISCAL)


def _scope(metric: str, text: str, position: int) -> str | None:
    """A fund's income is scoped 财政拨款 as the 财政拨款收支总表 prints it (and final accounts' prose states it);
    基本支出 and 项目支出 listed after a fund's total are that fund's."""
    if metric in m.FUND_INCOME.values():
        return m.FISCAL
    return listed_under_fund(text, position) if metric in FUND_PARTS else None


def _all_one_part(ctx: ProseContext, passage: Passage, after: str, total: tuple[int, int], value: Decimal) -> None:
    """``收入预算1,234.56万元，全部为一般公共预算拨款收入`` / ``支出预算…，均为基本支出``: the part is the whole
    (``total``: where the total's words and figure stand, ``after``: the text after them)."""
    whole = ALL_ONE_PART.match(after)
    if whole is None:
        return
    name = whole.group("s")
    evidence = ctx.evidence(passage, total[0], total[1] + whole.end())
    if name in EXPENDITURE_KINDS:
        ctx.metric(EXPENDITURE_KINDS[name], value, evidence)
        return
    part = next((s for s in SUBJECTS if s.income_source and re.fullmatch(s.pattern, name)), None)
    if part is not None:
        if part.metric is not None:
            ctx.metric(part.metric, value, evidence, scope=_scope(part.metric, passage.text, total[0]))
        ctx.income(part.income_source, value, evidence)


def _compared(ctx: ProseContext, passage: Passage, metric: str, occurrence: re.Match[str], rest: str) -> None:
    """``与2024年预算相比，<subject>增加80万元，增长7.14%``: the subject's change (its figure stated before)."""
    change, change_pct = _change(rest, (_COMPARED, _COMPARED_PCT_FIRST))
    if change is None and change_pct is None:
        return
    text = passage.text
    evidence = ctx.evidence(passage, occurrence.start(), clause_end(text, occurrence.end(), "。"))
    scope = _scope(metric, text, occurrence.start())
    ctx.metric(metric, None, evidence, scope=scope, change_value=change, change_pct_declared=change_pct)


def _change(
    after: str, forms: tuple[re.Pattern[str], re.Pattern[str]] = (_CHANGE, _CHANGE_PCT_FIRST)
) -> tuple[Decimal | None, Decimal | None]:
    """The change's amount and percent (either may be unstated); 与上年预算持平 is no change. ``forms``: the
    change with its comparison after the figure (比上年预算增加…), or the comparison stated before (``_compared``)."""
    stated = forms[0].match(after) or forms[1].match(after)
    if stated is None:
        return (Decimal(0), None) if _FLAT.match(after) else (None, None)
    word = stated.group("w")
    amount = signed(word, money(stated)) if stated.group("n") else None
    percent = pct(stated) if stated.group("p") else None
    if percent is not None:  # 增加…万元，11.11%: the percent goes the amount's way
        percent = signed(stated.group("pw") or word, percent)
    return amount, percent


def is_numbered_line(text: str) -> bool:
    """A passage that is one numbered 类/款/项 line with its budget (read here, with its purpose)."""
    return _LINE.match(text) is not None


def _read_line(ctx: ProseContext, passage: Passage, fund: str) -> bool:
    line = _LINE.match(passage.text)
    if line is None:
        return False
    pieces = [(p.group("level"), p.group("name").strip()) for p in _MARKER.finditer(line.group("path"))]
    name = "".join(f"{piece}（{level}）" for level, piece in pieces)
    purpose = _PURPOSE.search(passage.text, line.end())
    ctx.line(
        fund,
        pieces[-1][0],
        name,
        ctx.evidence(passage, 0, purpose.end() if purpose else line.end()),
        budget_initial=money(line),
        purpose=purpose.group("p") if purpose else None,
    )
    return True


def _read_projects(ctx: ProseContext, passage: Passage) -> None:
    found = list(_PROJECT.finditer(passage.text))
    if not found and "项目" in passage.section:
        found = [item] if (item := _PROJECT_ITEM.match(passage.text)) else []
    for project in found:
        name = project.group("name")
        if any(word in name for word in _NOT_PROJECTS):
            continue
        evidence = ctx.evidence(passage, project.start(), project.end())
        ctx.project(name, "项目", evidence, budget_initial=money(project))
