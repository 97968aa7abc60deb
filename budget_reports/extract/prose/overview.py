"""收支总计, 收入, 支出 and 财政拨款 totals of the 决算情况说明, and income by source.

``2021年本年收入合计609.89万元，其中：一般公共预算财政拨款收入609.89万元，占100%；…`` gives
本年收入合计 and one income row per source; ``…、其他收入均为零`` states a zero for each source listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import MONEY, PCT_END, money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.funds import fund_named
from budget_reports.extract.prose.phrasings import SHARE_PHRASE
from budget_reports.extract.prose.sentences import clause_end, clause_start
from budget_reports.extract.prose.statements import Subject, scan, section_name

# 本年收入合计 / 2024年度收入合计 / …，收入合计增加…: the year's, not a part's (财政拨款收入合计, 三公经费支出合计).
_YEARS = r"(?:本年|(?<=年度)|(?<=\d年)|(?<=[，,。；;：:、])|^)"
# 本年收入1,234.56万元 / 本年支出…: the year's total without 合计, right before its figure or its change
# (与2021年度相比，本年收入增加50万元，本年支出增加30万元).
_YEAR_ALONE = r"(?<![款金])本年{}(?=(?:[为是]|共计)?\d|(?:增加|减少|增长|下降)\d)"

_FUND_NAMES = {m.GPB: "一般公共预算", m.GOV_FUND: "政府性基金(?:预算)?", m.STATE_CAPITAL: "国有资本经营(?:预算)?"}

SUBJECTS = [
    # 收入、支出决算总计 as the national template of 2023 on words it.
    Subject(r"(?<!拨款)(?:收、?支总计|收入、?支出(?:决算)?总计|收支(?:决算)?总计)", m.TOTAL),
    # 政府性基金预算财政拨款本年收入100万元: a fund's year, in whatever section (not an income source listed).
    *(
        Subject(rf"{name}(?:财政)?拨款本年收入(?:合计)?", m.FUND_INCOME[fund], m.FISCAL)
        for fund, name in _FUND_NAMES.items()
    ),
    Subject(r"财政拨款(?:收、?支总计|收入、?支出(?:决算)?总计|收支(?:决算)?总计|收入总计|支出总计)", m.FISCAL_TOTAL),
    Subject(_YEARS + "收入合计|" + _YEAR_ALONE.format("收入"), m.INCOME_TOTAL),
    Subject(_YEARS + "支出合计|" + _YEAR_ALONE.format("支出"), m.EXPENDITURE_TOTAL),
    Subject(r"(?<!拨款)(?<!预算)基本支出", m.BASIC),
    Subject(r"(?<!拨款)(?<!预算)项目支出", m.PROJECT),
    Subject(r"一般公共预算(?:财政)?(?:拨款)?项目支出", m.PROJECT, m.GPB),
    Subject(r"上缴上级支出", m.REMIT_UPPER),
    Subject(r"(?<!非独立核算)经营支出", m.BUSINESS),
    Subject(r"对附属单位补助支出", m.SUBSIDY_AFFILIATED),
    # Not the money an evaluation covers (…等3个项目开展了部门评价，涉及一般公共预算支出300万元).
    Subject(r"(?<!涉及)一般公共预算(?:财政拨款)?支出(?:决算(?=数|为))?", m.GPB_EXPENDITURE),
    Subject(r"政府性基金预算(?:财政)?拨款支出", m.GOV_FUND_EXPENDITURE),
    Subject(r"国有资本经营预算(?:财政)?拨款支出", m.STATE_CAPITAL_EXPENDITURE),
    Subject(r"年初结转和?结余(?:资金)?", m.CARRY_OVER_START),
    Subject(r"年末结转和?结余(?:资金)?", m.CARRY_OVER_END),
    # Where the 收入支出决算总表 prints them: beside the income, not an income source.
    Subject(r"使用非财政拨款结余(?:[（(]含专用结余[)）])?", m.NON_FISCAL_BALANCE_USED),
    Subject(r"结余分配(?=(?:[为是]|共计)?\d)", m.BALANCE_DISTRIBUTION),
    # 年初财政拨款结转和结余50万元: the 财政拨款's, wherever it is stated.
    Subject(r"年初财政拨款结转和?结余(?:资金)?", m.CARRY_OVER_START, m.FISCAL),
    Subject(r"年末财政拨款结转和?结余(?:资金)?", m.CARRY_OVER_END, m.FISCAL),
]

# 收入总计 and 支出总计 written apart (收入总计1,234.56万元，支出总计1,234.56万元; 收入、支出总计各增加…): the
# 收支总计, of the 财政拨款 where the section is theirs (财政拨款收入总计…万元，支出总计…万元).
_APART_TOTALS = (r"(?<!拨款)(?<!预算)收入总计", r"(?<!拨款)(?<!预算)支出总计")
_SUBJECTS_BY_SECTION = {
    fiscal: SUBJECTS + [Subject(total, m.FISCAL_TOTAL if fiscal else m.TOTAL) for total in _APART_TOTALS]
    for fiscal in (False, True)
}
# In a section of the 一般公共预算财政拨款 (一般公共预算财政拨款支出1000万元，其中：基本支出800万元，项目支出200万元),
# a bare 基本支出 or 项目支出 is that fund's, not the report's.
_GPB_SUBJECTS = [
    replace(subject, scope=m.GPB) if subject.metric in (m.BASIC, m.PROJECT) else subject
    for subject in _SUBJECTS_BY_SECTION[True]
]
# The 财政拨款收入支出 section stating its income and spending apart (财政拨款收入1,000万元，财政拨款支出…；
# 本年财政拨款收入…), not a fund's (一般公共预算财政拨款收入) nor the carry-over (年初财政拨款结转和结余).
_FISCAL_SUBJECTS = _SUBJECTS_BY_SECTION[True] + [
    Subject(r"(?<!预算)财政拨款收入(?![合总]计|支出|决算)", m.FISCAL_INCOME),
    Subject(r"(?<!预算)财政拨款支出(?![合总]计|决算[表总])", m.FISCAL_EXPENDITURE),
]


# A section of the 一般公共预算财政拨款, as final accounts and budgets title it (一般公共预算财政拨款支出决算情况 /
# 一般公共预算支出预算情况说明 / 一般公共预算拨款基本支出预算).
_GPB_SECTION = re.compile(r"一般公共预算财政拨款|一般公共预算(?:拨款)?(?:基本)?支出")


def _carry_over_of(subjects: list[Subject], fund: str) -> list[Subject]:
    return [replace(s, scope=fund) if s.metric in (m.CARRY_OVER_START, m.CARRY_OVER_END) else s for s in subjects]


# A fund's income, named (政府性基金预算财政拨款收入 / 政府性基金拨款本年收入); not a table's name
# (…收入支出决算表) nor a budget (…收入预算). Scoped as the 财政拨款 overview table prints it.
_FUND_INCOME_WORDS = {
    fund: rf"{name}(?:财政)?拨款(?:本年)?收入(?:合计)?(?!支出|决算|预算)" for fund, name in _FUND_NAMES.items()
}
_FUND_INCOMES = [Subject(words, m.FUND_INCOME[fund], m.FISCAL) for fund, words in _FUND_INCOME_WORDS.items()]
# 支出 alone, right after an income in its sentence (…收入1,000万元，支出950万元).
_BARE_SPENDING = r"(?<=[，,；;])(?:本年)?支出(?=(?:[为是]|共计)?\d)"


Flow = tuple[str, str | None]  # (metric, scope)


def _own_flows(subjects: list[Subject], income: Flow, spending: Flow) -> list[Subject]:
    """A fund's section, or the 财政拨款's, states its own year's income and spending in the words of the
    whole (本年收入1,000万元，本年支出950万元 / 本年收入合计…): ``income`` and ``spending``, not the report's."""
    own = {m.INCOME_TOTAL: income, m.EXPENDITURE_TOTAL: spending}
    renamed = [replace(s, metric=own[s.metric][0], scope=own[s.metric][1]) if s.metric in own else s for s in subjects]
    return [*renamed, *_FUND_INCOMES, Subject(_BARE_SPENDING, *spending, after=income[0])]


def _fund_flows(subjects: list[Subject], fund: str) -> list[Subject]:
    return _own_flows(_carry_over_of(subjects, fund), (m.FUND_INCOME[fund], m.FISCAL), (m.FUND_EXPENDITURE[fund], None))


# The 年初 / 年末结转和结余 a fund's or the 财政拨款's section states are theirs, not the report's; so are
# the year's income and spending it states (财政拨款本年收入…).
_FISCAL_YEAR_INCOME = Subject(r"(?<=财政拨款)本年收入(?:合计)?", m.INCOME_TOTAL, m.FISCAL)
_SECTION_SUBJECTS = {
    m.GOV_FUND: _fund_flows(SUBJECTS, m.GOV_FUND),
    m.STATE_CAPITAL: _fund_flows(SUBJECTS, m.STATE_CAPITAL),
    m.GPB: _fund_flows(_GPB_SUBJECTS, m.GPB),
    "财政拨款收入支出": _own_flows(
        [*_carry_over_of(_FISCAL_SUBJECTS, m.FISCAL), _FISCAL_YEAR_INCOME],
        (m.INCOME_TOTAL, m.FISCAL),
        (m.EXPENDITURE_TOTAL, m.FISCAL),
    ),
    m.FISCAL: _carry_over_of(_SUBJECTS_BY_SECTION[True], m.FISCAL),
}
_OWN_FLOWS = (m.GOV_FUND, m.STATE_CAPITAL, m.GPB, "财政拨款收入支出")


# A sentence that opens with a fund (2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入100万元，本年支出…)
# states that fund's carry-over, income and spending with the plain words, whatever the section.
_FUND_LEAD = re.compile(
    rf"(?:20\d\d年度?[，,]?)?(?:本部门|本单位)?(?:{'|'.join(_FUND_NAMES.values())})(?:财政)?拨款(?=年初|年末|本年)"
)
_INCOMES = (m.INCOME_TOTAL, *m.FUND_INCOME.values())
_SPENDINGS = (m.EXPENDITURE_TOTAL, *m.FUND_EXPENDITURE.values())


def _fund_led(text: str, occurrence: re.Match[str], subject: Subject) -> Subject:
    """The subject as the fund its sentence opens with states it (``_FUND_LEAD``); a subject naming a fund itself
    (政府性基金预算财政拨款收入) or standing in no such sentence is left as it is."""
    fund = None if fund_named(occurrence.group()) else _leading_fund(text, occurrence.start())
    if fund is None:
        return subject
    if subject.metric in (m.CARRY_OVER_START, m.CARRY_OVER_END):
        return replace(subject, scope=fund)
    if subject.metric in _INCOMES:
        return replace(subject, metric=m.FUND_INCOME[fund], scope=m.FISCAL)
    if subject.metric in _SPENDINGS:
        return replace(subject, metric=m.FUND_EXPENDITURE[fund], scope=None)
    return subject


def _leading_fund(text: str, position: int) -> str | None:
    """The fund the sentence (or clause after ；) holding ``position`` opens with, if it opens with one."""
    lead = _FUND_LEAD.match(text, clause_start(text, position))
    return fund_named(lead.group()) if lead else None


def _section_kind(section: str) -> str | None:
    """Whose figures a section states with the plain subjects: a fund's section (政府性基金预算财政拨款收入支出
    决算情况说明) that fund's, the 一般公共预算 and 财政拨款 sections theirs; None for the report's."""
    named = fund_named(section)
    if named in (m.GOV_FUND, m.STATE_CAPITAL):
        return named
    if _GPB_SECTION.search(section):
        return m.GPB
    if "财政拨款收入支出" in section:
        return "财政拨款收入支出"
    if "财政拨款" in section:
        return m.FISCAL
    return None


def _subjects(section: str) -> list[Subject]:
    kind = _section_kind(section)
    return _SUBJECTS_BY_SECTION[False] if kind is None else _SECTION_SUBJECTS[kind]


# Expenditure kinds listed with 均为零 after 本年支出合计.
EXPENDITURE_KINDS = {
    "基本支出": m.BASIC,
    "项目支出": m.PROJECT,
    "上缴上级支出": m.REMIT_UPPER,
    "经营支出": m.BUSINESS,
    "对附属单位补助支出": m.SUBSIDY_AFFILIATED,
}
_INCOME_SOURCE = re.compile(
    # …，其中财政拨款收入… / 主要来源于…收入…和其他收入…: the list's opener and joiner are no part of a name;
    # nor the bracket opening a source's own parts (财政拨款收入1,300万元（一般公共预算财政拨款收入1,200万元、…）).
    rf"(?:^|[：:；;，,、（(]|(?<=[元%])[和及与])(?:其中|包括|(?:主要)?来源于|主要(?:为|是))?"
    rf"(?P<s>[^：:；;，,、。\d]{{2,30}}?(?:收入|弥补收支差额))(?:为|是)?{MONEY}"
    rf"(?:[，,]?{SHARE_PHRASE}{PCT_END})?"
)
_ZERO_LIST = re.compile(r"(?:^|[：:；;，,])(?P<list>[^：:；;，,。]+?)均为(?:零|0(?:\.0+)?(?:万元|元)?)(?![\d.])")
# 收入合计1,000万元，全部为一般公共预算财政拨款收入 / 均为财政拨款收入 / 全部是基本支出: one part is the whole.
ALL_ONE_PART = re.compile(
    r"[，,]?(?:全部|均)(?:为|是|来自)(?P<s>[^，,。；;、\d和及与]{2,30}?(?:收入|支出))(?=[。；;，,]|$)"
)
_INCOME_TOTAL = re.compile(rf"(?:{_YEARS}收入合计|{_YEAR_ALONE.format('收入')})(?:为|是)?{MONEY}")
_EXPENDITURE_TOTAL = re.compile(rf"(?:{_YEARS}支出合计|{_YEAR_ALONE.format('支出')})(?:为|是)?{MONEY}")
# No such fund at all: 无政府性基金预算财政拨款收入和支出 / 无…收入支出 / 无…收入，也没有使用…安排的支出 /
# 没有使用…安排的支出 / …收入和支出均为0万元; not a template's 无…收入支出的部门，作下述说明.
_ALL_NONE = re.compile(
    r"(?:(?:无|没有)(?:使用)?(?P<fund>政府性基金预算|国有资本经营预算)(?:财政)?拨款"
    r"(?:收入(?:和|及|、)?支出|安排的支出)(?!的))"  # …收入支出的（部门）: an instruction for such reports
    r"|(?P<fund2>政府性基金预算|国有资本经营预算)(?:财政)?拨款收入和支出均为(?:零|0(?:\.0+)?(?:万元|元)?)(?![\d.])"
)


def extract(ctx: ProseContext) -> None:
    passages = ctx.explanation()
    for passage in passages:
        scan(ctx, [passage], _subjects(section_name(passage)), restate=_fund_led)
    for passage in passages:
        if _section_kind(section_name(passage)) not in _OWN_FLOWS:  # there 本年收入 is a fund's, not the report's
            _income_and_spending_parts(ctx, passage)
        for none in _ALL_NONE.finditer(passage.text):
            fund = none.group("fund") or none.group("fund2")
            metric = m.GOV_FUND_EXPENDITURE if fund == "政府性基金预算" else m.STATE_CAPITAL_EXPENDITURE
            ctx.metric(metric, Decimal(0), ctx.evidence(passage, none.start()), section=section_name(passage))


def _income_and_spending_parts(ctx: ProseContext, passage) -> None:
    # A fund's 本年收入 / 本年支出 (in a sentence opening with the fund) lists no parts of the report's.
    total = _INCOME_TOTAL.search(passage.text)
    if total and _leading_fund(passage.text, total.start()) is None:
        _income(ctx, passage, total.end())
        _all_one(ctx, passage, total, lambda name: name.endswith("收入"))
    spending = _EXPENDITURE_TOTAL.search(passage.text)
    if spending and _leading_fund(passage.text, spending.start()) is None:
        _zero_kinds(ctx, passage)
        _all_one(ctx, passage, spending, lambda name: name in EXPENDITURE_KINDS)


def _income(ctx: ProseContext, passage, start: int) -> None:
    text = passage.text
    end = clause_end(text, start, "。")
    if text.startswith("其中", end + 1):  # 本年收入合计…，比上年增加…。其中：财政拨款收入…
        end = clause_end(text, end + 1, "。")
    spending = text.find("支出", start, end)  # …；支出总计…，其中：…年末结转和结余…: no income source
    end = end if spending < 0 else spending
    for match in _INCOME_SOURCE.finditer(text, start, end):
        share = pct(match) if match.group("p") else None
        evidence = ctx.evidence(passage, match.start("s"))
        ctx.income(match.group("s"), money(match), evidence, share, section=section_name(passage))
    for zero in _ZERO_LIST.finditer(text, start, end):
        for name in zero.group("list").split("、"):
            if name.endswith("收入"):
                ctx.income(name, Decimal(0), ctx.evidence(passage, zero.start("list")))


def _all_one(ctx: ProseContext, passage, total: re.Match[str], names_a_part: Callable[[str], bool]) -> None:
    """``收入合计1,000万元，全部为一般公共预算财政拨款收入`` / ``支出合计…，均为基本支出``: the one part is the
    whole total, the figure the sentence states for it."""
    whole = ALL_ONE_PART.match(passage.text, total.end())
    if whole is None or not names_a_part(name := whole.group("s")) or name.startswith("本年"):
        return
    evidence = ctx.evidence(passage, total.start(), whole.end())
    if name.endswith("收入"):
        ctx.income(name, money(total), evidence, section=section_name(passage))
    else:
        ctx.metric(EXPENDITURE_KINDS[name], money(total), evidence, section=section_name(passage))


def _zero_kinds(ctx: ProseContext, passage) -> None:
    for zero in _ZERO_LIST.finditer(passage.text):
        for name in zero.group("list").split("、"):
            metric = EXPENDITURE_KINDS.get(name)
            if metric:
                ctx.metric(metric, Decimal(0), ctx.evidence(passage, zero.start("list")), section=section_name(passage))
