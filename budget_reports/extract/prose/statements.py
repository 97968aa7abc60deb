"""The common shape of a figure sentence: a subject, then what the text states about it.

``“三公”经费财政拨款支出预算为9.4万元，支出决算为9.4万元，完成预算的100%`` or
``机关运行经费支出84.01万元，比2020年增加24.33万元，增长40.77%``: each family lists its
subjects (a pattern and the metric it names); ``scan`` finds every occurrence and reads, in the
clause that follows it, the value, budget, completion rate, share and change it states.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import MONEY_OPT, Change, find_change, money, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.funds import fund_named
from budget_reports.extract.prose.phrasings import ACTUAL, BUDGET, BUDGET_COMPARISON, COMPLETION, SHARE
from budget_reports.extract.prose.sentences import Passage, clause_start
from budget_reports.numbering import OUTLINE, PART, Enumerators


@dataclass(frozen=True, slots=True)
class Subject:
    pattern: str
    metric: str
    scope: str | None = None
    # A bare word (支出) names the metric only right after a statement of ``after`` in its sentence
    # (政府性基金预算财政拨款收入100万元，支出95万元), not after a line's budget (年初预算为…，支出…).
    after: str | None = None


# What may stand between a subject and its figure: 支出决算为 / 决算数为 / 为 / 均为 / （以合同签订为准）为.
_FILLER = r"(?:（[^）]{0,12}）)?(?:支出)?(?:决算)?(?:数)?(?:总额|总计|合计)?(?:[为是]|[均各][为是]?|共计)?"
# …after a label's colon or the year (机关运行经费：2024年度支出12.34万元 / 公务接待费2024年决算数为…).
_LEAD = r"(?:[：:]?(?P<year>20\d\d)年度?|[：:])?"
_VALUE_AT_START = re.compile(rf"^{_LEAD}{_FILLER}{MONEY_OPT}")
# Zero written as a word (因公出国（境）费支出决算为零。).
_ZERO_AT_START = re.compile(rf"^{_FILLER}零(?=[，,。；;]|$)")
# …支出结构情况：一般公共服务支出800万元，占80%: the structure's items, not the total's.
_CLAUSE_END = re.compile(
    r"[。；;]|其中|主要(?:包括|用于|原因|变动原因)|(?:决算数)?[大小]于预算数|结构(?:情况)?(?:如下|为|[：:])"
)
# Zero stated by absence: 无政府性基金预算财政拨款收入和支出, 未发生政府采购支出.
_NONE_PREFIX = re.compile(r"(?:无|未发生|没有)$")


# Whose a subject's figure is where its sentence says so (政府性基金预算财政拨款年初结转和结余…，本年收入…): the
# family's own rule, given the passage's text, the subject's occurrence and the subject; returns the subject to read.
Restate = Callable[[str, re.Match[str], Subject], Subject]


def scan(
    ctx: ProseContext,
    passages: Iterable[Passage],
    subjects: list[Subject],
    section: str | None = None,
    restate: Restate | None = None,
) -> None:
    """Read every subject's statements; a contradicting restatement is scoped by its section heading."""
    if not subjects:
        return
    alternatives = sorted(range(len(subjects)), key=lambda i: -len(subjects[i].pattern))
    combined = re.compile("|".join(f"(?P<s{i}>{subjects[i].pattern})" for i in alternatives))
    for passage in passages:
        text = passage.text
        found = [(o, subjects[int(o.lastgroup[1:])]) for o in combined.finditer(text) if o.lastgroup]
        found = [
            (o, subject)
            for k, (o, subject) in enumerate(found)
            if subject.after is None or (k and _follows(subject.after, *found[k - 1], o, text))
        ]
        occurrences = [o for o, _ in found]
        for n, (occurrence, subject) in enumerate(found):
            if _in_itemisation(text, occurrence.start()) or _in_share(text, occurrence.start()):
                continue
            if subject.scope is None and subject.metric in FUND_PARTS:
                fund = listed_under_fund(text, occurrence.start())
                subject = subject if fund is None else replace(subject, scope=fund)
            if restate is not None:
                subject = restate(text, occurrence, subject)
            shared = _listed_with_the_next(text, occurrences, n)
            if shared is not None:  # 因公出国（境）费、公务接待费均为0万元: the value the list states for all
                evidence = ctx.evidence(passage, occurrence.start(), shared[1])
                ctx.metric(
                    subject.metric, shared[0], evidence, scope=subject.scope, section=section or section_name(passage)
                )
                continue
            listed = _list_start(text, occurrence.end())
            end = min(_window_end(text, occurrence.end(), occurrences[n + 1 :]), listed)
            next_subject = min(_next_subject(text, occurrence.end(), occurrences[n + 1 :]), listed)
            _read(ctx, passage, subject, occurrence, (end, next_subject), section or section_name(passage))


# 基本支出 and 项目支出 listed after a fund's total (一般公共预算财政拨款支出990万元，其中：基本支出800万元…) are
# that fund's, whatever the section; after the year's whole spending (本年支出合计…，其中：…) the report's.
FUND_PARTS = (m.BASIC, m.PROJECT)
_TOTAL_WORDS = re.compile(
    r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营预算)(?:财政)?(?:拨款)?支出|支出合计|支出总计|本年支出"
)


def listed_under_fund(text: str, position: int) -> str | None:
    """The fund whose total the sentence lists ``position``'s part under, if a fund's (not the year's whole)."""
    sentence_start = clause_start(text, position, "。")
    opener = max(text.rfind(word, sentence_start, position) for word in ("其中", "包括"))
    if opener < 0:
        return None
    totals = list(_TOTAL_WORDS.finditer(text, sentence_start, opener))
    return fund_named(totals[-1].group()) if totals else None


_LIST_JOINER = re.compile(r"[、和及与]")
# What a list of subjects states of all of them: …均为0万元 / …都是零 / …均为零.
_ALL_OF_THEM = re.compile(rf"(?:支出|费用|经费)?(?:均|都)(?:为|是)(?:{MONEY_OPT}|零)")


def _listed_with_the_next(text: str, occurrences: list[re.Match[str]], n: int) -> tuple[Decimal, int] | None:
    """The value and its end that ``…A、B均为0万元`` states of A (the ``n``-th subject): the subjects after it,
    each joined to the one before by 、/和/及/与 alone, end in a value stated of all (均为 / 都是)."""
    last = n
    while last + 1 < len(occurrences) and _LIST_JOINER.fullmatch(
        text[occurrences[last].end() : occurrences[last + 1].start()]
    ):
        last += 1
    if last == n:
        return None
    stated = _ALL_OF_THEM.match(text, occurrences[last].end())
    if stated is None:
        return None
    return (money(stated) if stated.group("n") else Decimal(0)), stated.end()


def _follows(metric: str, before: re.Match[str], previous: Subject, at: re.Match[str], text: str) -> bool:
    """Whether ``previous``, occurring ``before``, states ``metric`` in the sentence of ``at``."""
    return previous.metric == metric and "。" not in text[before.end() : at.start()]


def _in_itemisation(text: str, position: int) -> bool:
    """``公用经费289.99万元，主要包括：…公务接待费9.4万元``: an item of another figure, not the metric."""
    return "主要包括" in text[clause_start(text, position) : position]


# The whole a share is taken of (公务接待费…占“三公”经费的20.26%): not a statement about it.
_SHARE_OF = re.compile(r"占[^\d，,；;。%]{0,4}$")


def _in_share(text: str, position: int) -> bool:
    return _SHARE_OF.search(text, max(0, position - 5), position) is not None


def _in_brackets(text: str, position: int) -> bool:
    """Whether ``position`` stands inside a bracket opened before it in its sentence (an aside)."""
    start = clause_start(text, position)
    return text.rfind("（", start, position) > text.rfind("）", start, position)


def _ends_clause(text: str, position: int) -> bool:
    return position >= len(text) or text[position] in "。；;，,"


def _window_end(text: str, start: int, later: list[re.Match[str]]) -> int:
    stop = _CLAUSE_END.search(text, start)
    end = stop.start() if stop else len(text)
    for other in later:  # the next subject starts its own statement (but not inside 占…的 share)
        if other.start() >= end:
            break
        if "占" not in text[max(start, other.start() - 3) : other.start()]:
            return other.start()
    return end


_COLON = re.compile(r"[：:](?=[^\d\s])")
_DIGIT = re.compile(r"\d")


def _list_start(text: str, start: int) -> int:
    """Where a list opens after the subject's figure (…支出1,000.00万元，包括：一般公共服务支出800.00万元，占80%):
    the shares and changes after it are the items'. A colon before any figure labels the subject
    (…经费支出情况：2024年度…), one in an aside is the aside's (…10万元（其中：…），比上年减少…)."""
    for colon in _COLON.finditer(text, start):
        at = colon.start()
        if _DIGIT.search(text, start, at) and text.rfind("（", start, at) <= text.rfind("）", start, at):
            return at
    return len(text)


def _another_year(ctx: ProseContext, m: re.Match[str]) -> bool:
    """A figure of a year other than the report's (公务接待费2023年支出为3万元): not this year's value."""
    year, fiscal_year = m.group("year"), ctx.result.report.fiscal_year
    return year is not None and fiscal_year is not None and int(year) != fiscal_year


def _next_subject(text: str, start: int, later: list[re.Match[str]]) -> int:
    """Where the next subject's own statement starts, past which no change is this subject's
    (因公出国（境）费0万元，公务接待费2.34万元，比上年减少1.00万元: the decrease is the 接待费's). A subject
    inside 占…的 or in an aside opened after this one (…费10万元（其中：购置费…），比上年减少…) is no such start."""
    for other in later:
        at = other.start()
        if _in_share(text, at) or text.rfind("（", start, at) > text.rfind("）", start, at):
            continue
        return at
    return len(text)


def _runs_into_next_subject(m: re.Match[str], text: str, start: int, end: int) -> bool:
    """A figure without unit whose window the next subject's name cuts (``人员经费2,079,000公用经费``):
    a table's cells run together, not a statement (prose ends a bare figure with a mark or the text)."""
    return m.group("u") is None and start + m.end() == end < len(text) and _CLAUSE_END.match(text, end) is None


def _read(
    ctx: ProseContext,
    passage: Passage,
    subject: Subject,
    occurrence: re.Match[str],
    ends: tuple[int, int],
    section: str,
) -> None:
    """``ends``: where the subject's figures end (its clause), and where the next subject starts."""
    text = passage.text
    end, next_subject = ends
    start = occurrence.end()
    window = text[start:end]
    value = budget = completion = share = None
    position = start
    m = _VALUE_AT_START.match(window)
    past = 0  # another year's figure, leading the clause, is passed over (2021年决算数为…，2022年决算数为…)
    if m and _another_year(ctx, m):
        m, past = None, m.end()
    if m and _runs_into_next_subject(m, text, start, end):
        m = None
    m = m or ACTUAL.search(window, past)
    if m:
        value, position = money(m, ctx.money_unit), start + m.start("n")
    elif _NONE_PREFIX.search(text[max(0, occurrence.start() - 3) : occurrence.start()]) and _ends_clause(text, start):
        # 2023年度无机关运行经费支出。 (but not 无机关运行经费支出的部门，作下述说明)
        value = Decimal(0)
    elif _ZERO_AT_START.match(window):
        value = Decimal(0)
    b = BUDGET.search(window)
    if b and (m is None or b.start() != m.start()):
        budget = money(b, ctx.money_unit)
    c = COMPLETION.search(window)
    if c:
        completion = pct(c)
    s = SHARE.search(window)
    if s and _of_its_whole(subject.metric, occurrence.group(), s.group()):
        share = pct(s)
    # The change may sit after a reason clause cut off above (…增加4.24万元，增长0.7%。主要…).
    change_end = min(_change_end(text, start, occurrence.start()), next_subject)
    change = find_change(text, start, change_end)
    if change.position is not None and _against_budget(text, start, b, change.position):
        # 比年初预算减少1万元，比上年减少2万元: the comparison with the prior year may follow the budget's.
        later = _PRIOR_COMPARISON.search(text, change.position, change_end)
        change = find_change(text, later.start(), change_end) if later else Change(prior=change.prior)
    stated = (value, budget, completion, share, change.value, change.pct, change.prior)
    if all(v is None for v in stated):
        return
    if value is None and change.position is not None:
        position = change.position
    ctx.metric(
        subject.metric,
        value,
        ctx.evidence(passage, position),
        scope=subject.scope,
        section=section,
        budget_value=budget,
        prior_year_value=change.prior,
        change_value=change.value,
        change_pct_declared=change.pct,
        completion_pct_declared=completion,
        share_pct_declared=share,
    )


# A word every naming of a share's conventional whole (m.SHARE_OF) holds: 本年支出合计 / 总支出 / 支出总额,
# “三公”经费 / 三公经费支出, 政府采购支出总额 / 采购总额.
_WHOLE_WORDS = {m.EXPENDITURE_TOTAL: "支出", m.THREE_PUBLIC: "三公", m.PROCUREMENT_TOTAL: "采购"}
_SHARE_WORDS = re.compile(r"^占(?:比)?|的?[\d.]+%?$")


def _of_its_whole(metric: str, subject: str, share: str) -> bool:
    """Whether a share (``占…的66.67%``) is the subject's of the whole its metric's shares are of: not of
    itself (…项目支出…，占…项目支出总额的100%), nor of another whole the sentence names (授予小微企业合同
    金额…，占授予中小企业合同金额的66.67%); a share naming no whole (占90%) is."""
    whole = _SHARE_WORDS.sub("", share)
    if subject in whole:
        return False
    word = _WHOLE_WORDS.get(m.SHARE_OF.get(metric, ""))
    return not whole or word is None or word in whole


_PRIOR_YEAR = re.compile(r"上年|去年|上一年|20\d\d年")
_PRIOR_COMPARISON = re.compile(r"(?:比|较|与|同)(?:上年|去年|上一年|20\d\d年)(?!度?(?:年初|全年|调整后?)?预算)")


def _against_budget(text: str, start: int, budget: re.Match[str] | None, at: int) -> bool:
    """Whether the change stated at ``at`` is a difference from the budget, not from the prior year: after a
    budget figure (年初预算416.39万元，增加76.02万元) or a comparison with the budget (与年初预算相比增加10万元),
    no prior year named between."""
    if budget is not None and at > start + budget.end() and not _PRIOR_YEAR.search(text, start + budget.end(), at):
        return True
    compared = BUDGET_COMPARISON.search(text, start, at)
    return compared is not None and not _PRIOR_YEAR.search(text, compared.end(), at)


# The forms a section heading is numbered in, from 第一部分 down to （1）.
SECTION_NUMBERING = Enumerators(PART, *OUTLINE)


def section_name(passage: Passage) -> str:
    """The section heading without its numbering: ``（一）机关运行经费支出情况`` -> ``机关运行经费支出情况``."""
    return SECTION_NUMBERING.without(passage.section).rstrip("。")


_CHANGE_STOP = re.compile(r"[。；;]|主要(?:变动)?原因|其中|主要(?:包括|用于)")


def _change_end(text: str, start: int, subject_at: int) -> int:
    """Where the clause stating a change about the subject at ``subject_at`` can end, its figure read up to
    ``start``: the sentence's end, a reason or a list of parts, but not one inside an aside in brackets
    (公务用车购置及运行维护费10万元（其中：…），比上年减少1万元); and a subject inside such an aside states no
    change after it (the change after （其中：公务用车购置费0万元…） is the whole's)."""
    end, position = len(text), start
    while stop := _CHANGE_STOP.search(text, position):
        opened = text.rfind("（", start, stop.start())
        close = text.find("）", stop.start()) if opened > text.rfind("）", start, stop.start()) else -1
        if close < 0:
            end = stop.start()
            break
        position = close + 1
    if _in_brackets(text, subject_at) and (aside_end := text.find("）", start)) >= 0:
        return min(end, aside_end)
    return end
