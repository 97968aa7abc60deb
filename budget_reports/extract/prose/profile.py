"""部门概况 and 人员概况: 二级单位 by kind, staff quotas, staff in post, retirees.

``市直机关工委下属二级单位0个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位0个``;
``属于一级预算单位，无二级预算单位`` states 0. A later statement (004's attached self-evaluation:
``我部下属二级单位 4个，其中：参照公务员法管理的事业单位 2 个``) that contradicts the 部门概况 is kept,
scoped by its section, so validation sees it. Staffing is read wherever the report states it
(often in the attached 部门整体 self-evaluation), first statement only; staff in post stated per kind
of quota (``行政编制11名，实有7人``) gives a metric per kind, never a guessed total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import COUNT, NUM, count, count_named, pct
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import Passage, clause_start
from budget_reports.extract.prose.statements import section_name
from budget_reports.normalize import parse_cn_integer

# 下属二级单位3个 / 下属单位共3个 / 编制范围的二级预算单位共3个 / 共有二级预算单位3个 / 下设二级预算单位2个 /
# 所属事业单位2个; the count first after 本级: 本级和2个下属单位 / 部门本级及所属2个事业单位.
_SUBUNITS = re.compile(
    rf"(?:(?:下属|下设|所属)(?:二级)?|(?<=[的有])二级)(?:预算)?(?:事业)?单位(?:共有|共)?\s*{COUNT}\s*个"
    rf"|本级(?:和|及|与)(?:所属|下属)?{count_named('c2')}个(?:下属|所属)?(?:二级)?(?:预算)?(?:事业)?单位"
)
_NO_SUBUNITS = re.compile(r"(?:无|没有)(?:(?:下属|所属)(?:二级)?|二级)(?:预算)?单位")
_KINDS = [
    (re.compile(rf"(?<!其他)(?<!事业)行政单位\s*{COUNT}\s*个"), m.SUBUNITS_ADMIN),
    (re.compile(rf"参照公务员法管理的事业单位\s*{COUNT}\s*个"), m.SUBUNITS_CIVIL_SERVICE),
    (re.compile(rf"其他事业单位\s*{COUNT}\s*个"), m.SUBUNITS_OTHER),
]
# A staff quota: ``编制`` and its count, its kind named by the words before it (``核定行政编制20名``,
# ``参公管理编制8名``, ``本部门编制人数50人``, ``编制30个``). 个 only at a clause's end: ``编制3个项目的绩效目标``.
_QUOTA = re.compile(rf"编制(?:总数|人数|数)?(?:为|共|共计|合计)?\s*{COUNT}\s*(?P<u>人|名|个(?=[，,。；;、（(）)\s]|$))")
_QUOTA_KINDS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    # Part of a quota or another body's: 工勤人员编制, 政法专项编制, 下属事业单位编制, 预算编制.
    (re.compile(r"(?:工勤(?:技能)?(?:人员)?|专项|周转|(?:下属|所属|二级|事业)单位|预算|决算)$"), None),
    (re.compile(r"(?:参公|参照公务员法)(?:管理)?(?:的)?(?:人员|事业)?$"), m.STAFF_QUOTA_CIVIL_SERVICE),
    (re.compile(r"行政(?:人员)?$"), m.STAFF_QUOTA_ADMIN),
    (re.compile(r"事业(?:人员)?$"), m.STAFF_QUOTA_INSTITUTION),
)
# Staff in post: 实有人数 / 实有在职人员 / 在职人数 / 在职职工 / 在职58人 / 实有28名 (after a quota).
_IN_POST = re.compile(
    rf"(?:实有(?:在职)?(?:编制内)?(?:人员|人数|职工)?|(?<!离)(?<!退)在职(?:编制内)?(?:人员|人数|职工|干部职工)?)"
    rf"(?:为|共|共计)?\s*{COUNT}\s*(?P<u>人|名)"
)
# A count of staff that a list after it shows to hold retirees: 实有人员88人，其中在职人员58人、离退休人员30人.
_WITH_RETIREES = re.compile(r"[，,]?\s*(?:其中[：:]?|[（(](?:其中|含)?)[^。；;）)]*退休")
_IN_POST_OF_KIND = {
    m.STAFF_QUOTA_ADMIN: m.STAFF_ACTUAL_ADMIN,
    m.STAFF_QUOTA_CIVIL_SERVICE: m.STAFF_ACTUAL_CIVIL_SERVICE,
    m.STAFF_QUOTA_INSTITUTION: m.STAFF_ACTUAL_INSTITUTION,
}
_TARGET = re.compile(r"指标|目标")
_STAFFING = re.compile(r"编制|实有|退休|离休|人员情况|人员构成")
# Not 离退休人员 (retirees of both kinds, 离休 too), not 本年新增退休人员 (a year's movement).
_RETIRED = re.compile(
    rf"(?<!离)(?<!新增)(?<!本年)(?<!当年)退休(?:人数|人员|职工|干部)?(?:为|共)?\s*{COUNT}\s*(?P<u>人|名)"
)
# 行政工勤人员1人 (001); not 行政编制18人（含工勤1人）, a part of the quota (000).
_WORKERS = re.compile(rf"工勤人员(?:为)?{COUNT}(?P<u>人|名)")
# The staffing 控制率 (staff in post / quota) a 部门整体 report states: 在职人员控制率为96% /
# 在职人员控制率=在职人员数/编制数×100%=96% (not 公用经费控制率, a cost's).
_CONTROL_RATE = re.compile(
    rf"(?:在职人员|人员编制|编制(?:人员)?)控制率(?:(?:为|是|[：:])?\s*|\s*[=＝][^。；;=＝]*[=＝]\s*)(?P<p>{NUM})%(?!\s*[\d.]+%)"
)


def extract(ctx: ProseContext) -> None:
    profile = ctx.profile()
    first = next((p for p in profile if _SUBUNITS.search(p.text) or _NO_SUBUNITS.search(p.text)), None)
    if first is not None:
        _subunits(ctx, first, None)
        # Restatements after the 部门概况 (a stated count only): kept scoped when they contradict it.
        for passage in ctx.passages[ctx.passages.index(first) + 1 :]:
            if not passage.heading and passage not in profile and _SUBUNITS.search(passage.text):
                _subunits(ctx, passage, section_name(passage))
    seen: set[str] = set()
    for passage in ctx.passages:
        if passage.heading:
            continue
        for metric, match in _staffing(passage.text):
            if metric not in seen:
                seen.add(metric)
                ctx.metric(metric, count(match), ctx.evidence(passage, match.start()), unit="人")
        # Not a table row's target and result (在职人员控制率 100% 96%), nor an indicator's words.
        rate = _CONTROL_RATE.search(passage.text)
        if rate and m.STAFF_CONTROL_RATE not in seen and _stated(passage.text, rate):
            seen.add(m.STAFF_CONTROL_RATE)
            ctx.metric(m.STAFF_CONTROL_RATE, pct(rate), ctx.evidence(passage, rate.start()), unit="%")


def _subunits(ctx: ProseContext, passage: Passage, section: str | None) -> None:
    text = passage.text
    total = _SUBUNITS.search(text)
    none = _NO_SUBUNITS.search(text)
    if total:
        written = total.group("c") or total.group("c2")
        evidence = ctx.evidence(passage, total.start())
        ctx.metric(m.SUBUNITS, parse_cn_integer(written), evidence, unit="个", section=section)
    elif none:
        ctx.metric(m.SUBUNITS, Decimal(0), ctx.evidence(passage, none.start()), unit="个", section=section)
    for pattern, metric in _KINDS:
        kind = pattern.search(text)
        if kind:
            ctx.metric(metric, count(kind), ctx.evidence(passage, kind.start()), unit="个", section=section)


def _staffing(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """(metric, match) of each staffing figure of a passage, in the order of its patterns."""
    quotas = [(match, _quota_kind(text, match)) for match in _QUOTA.finditer(text) if _stated(text, match)]
    for match, kind in quotas:
        if kind is not None:
            yield kind, match
    for match in _IN_POST.finditer(text):
        metric = _in_post_metric(text, match, quotas)
        # 在职… alone is also an indicator's words in a table's text (``（55分）标在职干部职工20人``): taken
        # where the passage speaks of staffing (a quota, 实有, retirees), as 实有… always is.
        about_staff = match.group().startswith("实有") or _STAFFING.search(text) is not None
        if metric is not None and _stated(text, match) and about_staff:
            yield metric, match
    for pattern, metric in ((_RETIRED, m.RETIRED), (_WORKERS, m.STAFF_WORKERS)):
        if match := next((found for found in pattern.finditer(text) if _stated(text, found)), None):
            yield metric, match


def _stated(text: str, match: re.Match[str]) -> bool:
    """A count the report states, not a performance indicator's or target's (``指标1：…在职干部职工20人``)."""
    return _TARGET.search(text, clause_start(text, match.start()), match.start()) is None


def _quota_kind(text: str, match: re.Match[str]) -> str | None:
    """The quota's metric by the words before ``编制``; None for a part's or another body's quota."""
    before = text[max(0, match.start() - 10) : match.start()]
    return next((metric for pattern, metric in _QUOTA_KINDS if pattern.search(before)), m.STAFF_QUOTA)


def _in_post_metric(text: str, match: re.Match[str], quotas: list[tuple[re.Match[str], str | None]]) -> str | None:
    """实有 right after one kind's quota (``行政编制11名，实有7人；参公管理编制8名，实有7人``) is that kind's
    staff in post; after a list of kinds or the total quota it is the whole's. A count whose own list holds
    retirees is not staff in post (its 在职 item, read on its own, is)."""
    if _WITH_RETIREES.match(text, match.end()):
        return None
    start = clause_start(text, match.start())
    in_clause = [(q, kind) for q, kind in quotas if start <= q.start() < match.start()]
    if in_clause and re.fullmatch(r"[，,]\s*", text[in_clause[-1][0].end() : match.start()]):
        last_kind = in_clause[-1][1]
        if len(in_clause) == 1 and last_kind in _IN_POST_OF_KIND:
            return _IN_POST_OF_KIND[last_kind]
        if last_kind is None:  # 工勤人员编制3名，实有2人: a part's
            return None
    return m.STAFF_ACTUAL
