"""类/款/项 lines of the 一般公共预算财政拨款支出 sections, as the prose states them.

Lines are the 一般公共预算财政拨款's unless the section or the sentence names another fund. Two shapes: the
structure sentence (``主要用于以下方面:一般公共服务（类）支出476.75万元，占78.17%；…``)
gives 类 lines with shares; the detail items (``1.一般公共服务支出（类）…（款）行政运行（项）:支出决算为
352.7万元，完成预算100%``) give one line per path, the 类 or 款 written once for several 项 being
carried over (``…行政运行（项）:…；一般行政管理事务（项）:…``). ``name_as_written`` is the path as
written, each piece followed by its level marker. Codes stay empty: the classification step
resolves them from the names.
"""

from __future__ import annotations

import re

from budget_reports import metric_names as m
from budget_reports.classification.reference import FUNCTION
from budget_reports.extract.prose.amounts import MONEY, PCT_END, money, pct
from budget_reports.extract.prose.budget_statement import is_numbered_line
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.funds import fund_named, section_funds
from budget_reports.extract.prose.phrasings import (
    ACTUAL,
    AMOUNT_AFTER_NAME,
    BUDGET,
    COMPLETION,
    SHARE,
    SHARE_PHRASE,
    STRUCTURE_OPENER,
    budget_kind,
)
from budget_reports.extract.prose.sentences import Passage
from budget_reports.normalize import compact
from budget_reports.numbering import OUTLINE, Enumerators
from budget_reports.readers.code_names import class_names
from budget_reports.stages import is_budget_report

# The year's whole spending, all funds: 本年支出合计 / 支出总计 / 部门支出 (决算), 收支总预算 / 收支预算总计 (预算).
_ALL_SPENDING = re.compile(r"支出合计|支出总计|部门支出|收支总预算|收支预算总计")
_SENTENCE_END = re.compile(r"[。；;]")
_MARKER = re.compile(r"（(?P<level>[类款项])）")
_BELOW_CLASS = re.compile(r"（[款项]）")
# Words leading into a line's name, not part of it (其中：城乡社区支出（类）… / 主要用于城乡社区支出（类）…).
_LEAD_WORDS = re.compile(r"^(?:其中|主要(?:是)?(?:为|包括)?|具体(?:为|是|包括)|包括|分别(?:为|是)?)[：:]?")
# A name that itself starts with 用于 (用于社会福利的彩票公益金支出): 用于 + whom + 的.
_NAMED_USE = re.compile(r"^用于[^，,。；;]+的")
_BOUNDARY = "：:；;。，,"
# The forms a 类/款/项 item of the prose is numbered in (``1.一般公共服务支出（类）…``, ``（一）…``, ``一.…``).
NUMBERING = Enumerators(*OUTLINE)
# An item of the structure: its amount and share (一般公共服务（类）支出800万元，占80% / …（占80%）), its share
# first (一般公共服务支出占80%，为800万元), or its amount alone where its name says it is a 类's spending
# (一般公共服务支出800万元、卫生健康支出200万元).
_STRUCTURE_ITEM = re.compile(rf"^(?P<name>[^\d：:；;，,。、]+?){MONEY}(?:[，,（(]?{SHARE_PHRASE}{PCT_END})?")
_STRUCTURE_ITEM_SHARE_FIRST = re.compile(rf"^(?P<name>[^\d：:；;，,。、]+?)占(?:比)?{PCT_END}[，,]?(?:为|是)?{MONEY}")
# Items parted by ；, by ， after a share (not before its amount: …占80%，为800万元), by 、 or ， after an
# amount (not before its share: …800万元，占80%).
_STRUCTURE_SPLIT = re.compile(r"[；;。]|(?<=%)[，,](?![为是])|(?<=万元)、|(?<=万元)[，,](?!占)")
# 主要原因是：… / 差异原因：… / 变动原因主要是…
_REASON = re.compile(r"(?:主要|差异|变动|增减)原因(?:主要)?(?:是|为|在于)?[：:]?(?P<r>[^。；;]+)")
_LEVELS = "类款项"
# A function 类/款/项 code (2xx, 2xxxx, 2xxxxxx: never an economic 3xx/5xx, nor a year's 4 digits) in
# brackets after the name, or before it.
_CODE = r"2\d{2}(?:\d{2}){0,2}(?!\d)"
_CODED_ITEM = re.compile(
    rf"(?:(?P<name>[^\d（）()：:；;，,。]{{2,30}}?)[（(](?P<code>{_CODE})[）)]"
    rf"|(?P<code_first>{_CODE})(?P<name_after>[^\d（）()：:；;，,。]{{2,30}}?))[：:，,。]"
)
# A list of spending opened by its own word, no total before it (财政拨款收支总预算…。收入全部为一般公共预算拨款；
# 支出包括：一般公共服务支出1,000万元、…): ``f`` is what the clause names before 支出 (a fund, or nothing).
_SPENDING_LIST = re.compile(r"(?:^|(?<=[；;。，,]))(?P<f>[^；;。，,：:]{0,20}?)支出(?:主要)?包括[：:]?")
# A section on the 类 structure (一般公共预算财政拨款支出决算结构情况): its items may open a passage, no opener.
_STRUCTURE_SECTION = re.compile(r"支出(?:决算|预算)?结构")
# A total's parts that are no 类 (一般公共预算财政拨款支出1000万元，其中：基本支出800万元，占80%；…).
_NOT_CLASSES = {m.BASIC, m.PROJECT, m.PERSONNEL, m.PUBLIC_USE, m.REMIT_UPPER, m.BUSINESS, m.SUBSIDY_AFFILIATED}


def extract(ctx: ProseContext) -> None:
    path: dict[str, str] = {}
    previous: Passage | None = None
    funds = section_funds(ctx.passages)
    for passage in ctx.explanation():
        if previous is None or passage.index != previous.index + 1:
            path = {}  # a heading or a table came between: the levels written above no longer apply
        previous = passage
        fund = fund_named(passage.text[: _first_line_at(passage.text)]) or funds[passage.index]
        structure = STRUCTURE_OPENER.search(passage.text)
        if structure and _BELOW_CLASS.search(passage.text, structure.end()):
            structure = None  # …主要用于：一般公共服务支出（类）…（款）行政运行（项）1,000万元: lines, not 类 shares
        if structure:
            _structure(ctx, passage, structure.end(), _structure_fund(passage.text[: structure.start()], fund))
            path = {}
        elif (listed := _class_list_start(passage)) is not None:
            fund = listed[1] or _structure_fund(passage.text[: listed[0]], fund)
            _structure(ctx, passage, listed[0], fund, named_classes_only=True)
            path = {}
        elif _MARKER.search(passage.text):
            # ``（一）一般公共服务支出（类）`` on its own line names the 类 of the numbered items below it.
            path = _items(ctx, passage, path, fund)
        else:
            path = {}
            _coded_item(ctx, passage, fund)


def _structure_fund(before: str, fund: str) -> str:
    """A structure after the year's whole spending (本年支出合计…，按支出功能分类科目划分：… / 收支总预算…万元。
    收入包括：…；支出包括：…) is all funds' where the sentence naming that spending names no fund (the
    sources of its income, listed after it, are no fund of its spending)."""
    mentions = list(_ALL_SPENDING.finditer(before))
    if not mentions:
        return fund
    whole = mentions[-1]
    sentence = max((end.end() for end in _SENTENCE_END.finditer(before, 0, whole.start())), default=0)
    return m.ALL_FUNDS if fund_named(before[sentence : whole.end()]) is None else fund


def _class_list_start(passage: Passage) -> tuple[int, str | None] | None:
    """Where a list of 类 without a structure opener starts, and the fund its words name (None: the
    section's, or all funds' after the year's whole spending). After ``支出包括：`` (财政拨款收支总预算…；
    支出包括：…, all 财政拨款 where the clause or the passage before names the 财政拨款's), or at the start
    of a passage of a structure section (…结构情况 / 一般公共服务支出800万元，占72.73%；…). Its items are
    read only if they name a 类 (``named_classes_only``)."""
    text = passage.text
    if _MARKER.search(text):
        return None  # levels' markers: the items' reader
    listed = _SPENDING_LIST.search(text)
    if listed is not None:
        named = listed.group("f")
        fiscal = "财政拨款" in named or "财政拨款收" in text[: listed.start()]
        return listed.end(), fund_named(named) or (m.FISCAL if fiscal else None)
    if _STRUCTURE_SECTION.search(passage.section) and not passage.heading:
        items = NUMBERING.without(text)
        first = _STRUCTURE_ITEM.match(items)
        if first is not None and _is_class_name(first.group("name")):
            return len(text) - len(items), None
    return None


def _is_class_name(name: str) -> bool:
    """A 类 of the classification, by any edition's name or alias (written with or without its marker)."""
    return compact(name).replace("（类）", "") in class_names(FUNCTION)


def _first_line_at(text: str) -> int:
    """Where the passage's first 类/款/项 name starts (the text before it says whose lines they are)."""
    marker = _MARKER.search(text)
    return len(text) if marker is None else _name_start(text, 0, marker.start())


def _coded_item(ctx: ProseContext, passage: Passage, fund: str) -> None:
    """An item named by its code instead of its levels' markers (``1.行政运行（2010101）：年初预算为…``,
    ``（1）2010101行政运行：…``): its level is the code's length; the classification checks the name."""
    text = passage.text
    item = _CODED_ITEM.match(text, len(text) - len(NUMBERING.without(text)))
    if item is None:
        return
    code = item.group("code") or item.group("code_first")
    name = item.group("name") or item.group("name_after")
    level = _LEVELS[(len(code) - 3) // 2]
    _line(ctx, passage, fund, {level: name}, level, item.end(), len(text), code=code, written=name)


def _class_name(written: str) -> str:
    """``一般公共服务（类）支出`` -> ``一般公共服务支出（类）``: the piece, then its marker."""
    return written.replace("（类）", "") + "（类）"


def _structure(ctx: ProseContext, passage: Passage, start: int, fund: str, named_classes_only: bool = False) -> None:
    """The 类 listed from ``start``; ``named_classes_only``: an item counts only if it names a 类 (a list
    no structure opener introduces may list other spending: 人员经费支出…)."""
    text = passage.text
    position = start
    for piece in _STRUCTURE_SPLIT.split(text[start:]):
        item = _STRUCTURE_ITEM_SHARE_FIRST.match(piece) or _STRUCTURE_ITEM.match(piece)
        shared = item is not None and item.group("p") is not None
        if item is None or item.group("name") in _NOT_CLASSES:
            pass
        elif _is_class_name(item.group("name")) if named_classes_only else shared or _names_a_class(item.group("name")):
            # A budget report's structure states its budget, a final account's its actual spending.
            stated = "budget_initial" if is_budget_report(ctx.result.report.report_kind) else "actual"
            ctx.line(
                fund,
                "类",
                _class_name(item.group("name")),
                ctx.evidence(passage, position, position + len(piece) + 1),
                share_pct_declared=pct(item) if shared else None,
                **{stated: money(item)},
            )
        position += len(piece) + 1


def _names_a_class(name: str) -> bool:
    return name.endswith(("支出", "（类）"))


def _items(ctx: ProseContext, passage: Passage, above: dict[str, str], fund: str) -> dict[str, str]:
    """Read the passage's lines, the levels of ``above`` standing for those it does not write; return the
    last path."""
    text = passage.text
    path = dict(above)
    markers = list(_MARKER.finditer(text))
    previous_end = 0
    for n, marker in enumerate(markers):
        level = marker.group("level")
        name_start = _name_start(text, previous_end, marker.start())
        contiguous = name_start == previous_end and n > 0
        name = _without_lead_words(NUMBERING.without(text[name_start : marker.start()]).lstrip('“"'))
        if not contiguous:
            # A new path: keep the levels above this one from the previous path (类 written once).
            path = {lvl: path[lvl] for lvl in _LEVELS[: _LEVELS.index(level)] if lvl in path}
        path = {lvl: v for lvl, v in path.items() if _LEVELS.index(lvl) < _LEVELS.index(level)}
        path[level] = name
        previous_end = marker.end()
        next_start = markers[n + 1].start() if n + 1 < len(markers) else len(text)
        if n + 1 < len(markers) and _name_start(text, marker.end(), next_start) == marker.end():
            continue  # the path goes on (款 after 类 ...)
        segment_end = _name_start(text, marker.end(), next_start) if n + 1 < len(markers) else len(text)
        _line(ctx, passage, fund, path, level, marker.end(), segment_end)
    return path


def _without_lead_words(name: str) -> str:
    """The name without the words leading into it; ``主要是用于社会福利的彩票公益金支出`` keeps its own 用于."""
    lead = _LEAD_WORDS.match(name)
    if lead is None or lead.end() == len(name):
        return name
    rest = name[lead.end() :]
    if rest.startswith("用于") and not _NAMED_USE.match(rest):
        rest = rest.removeprefix("用于")
    return rest


def _name_start(text: str, lower: int, marker_start: int) -> int:
    """Where the name before a marker begins: after the last clause boundary, or at ``lower``."""
    for i in range(marker_start - 1, lower - 1, -1):
        if text[i] in _BOUNDARY:
            return i + 1
    return lower


def _original(passage: Passage, start: int, end: int) -> str:
    """The reason as printed (full-width punctuation kept), without the line breaks of the page."""
    return re.sub(r"\s+", "", passage.original(start, end))


def _line(
    ctx: ProseContext,
    passage: Passage,
    fund: str,
    path: dict[str, str],
    level: str,
    start: int,
    end: int,
    code: str | None = None,
    written: str | None = None,
) -> None:
    segment = passage.text[start:end]
    actual = ACTUAL.search(segment)
    # The first budget of each kind (年初预算为61.20万元，调整预算为60.00万元).
    budgets: dict[str, re.Match[str]] = {}
    for budget in BUDGET.finditer(segment):
        budgets.setdefault(budget_kind(budget), budget)
    completion = COMPLETION.search(segment)
    bare = None if actual or budgets else AMOUNT_AFTER_NAME.match(segment)
    if not (actual or budgets or completion or bare):
        return
    budget_report = is_budget_report(ctx.result.report.report_kind)
    if bare and budget_report and is_numbered_line(passage.text):
        return  # a budget's numbered item lines are read, with their purpose, by budget_statement
    name = written or "".join(f"{path[lvl]}（{lvl}）" for lvl in _LEVELS if lvl in path)
    if bare and budget_report:  # a budget's figure is a budget (…主要用于：城乡社区支出（类）…（项）1,000万元)
        budgets["initial"] = bare
    elif bare:
        actual = bare
    budget_initial, budget_final = (
        money(budgets[kind], ctx.money_unit) if kind in budgets else None for kind in ("initial", "final")
    )
    reason = _REASON.search(segment)
    share = SHARE.search(segment)
    head = _name_start(passage.text, 0, start - 3)
    ctx.line(
        fund,
        level,
        name,
        ctx.evidence(passage, head, end),
        actual=money(actual, ctx.money_unit) if actual else None,
        budget_initial=budget_initial,
        budget_final=budget_final,
        completion_pct_declared=pct(completion) if completion else None,
        share_pct_declared=pct(share) if share else None,
        reason=_original(passage, start + reason.start("r"), start + reason.end("r")) if reason else None,
        **({"code": code} if code else {}),
    )
