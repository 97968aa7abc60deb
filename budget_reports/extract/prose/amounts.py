"""Money, percentage, count and change phrases, as they appear in compact prose.

Patterns work on the compact form of a passage (no whitespace, NFKC), so ``2,940.05 万元`` reads
as ``2,940.05万元``. Template leftovers (``增加/减少``, ``增长/下降`` left unfilled) never match:
a change word next to a slash is not a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.normalize import parse_cn_integer, parse_decimal, to_wanyuan

NUM = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
UNIT = r"(?:亿元|万元|元)"
MONEY = rf"(?P<n>{NUM})(?P<u>{UNIT})"
# A money figure whose unit may be missing (``决算数为609.89，``): the report's unit applies.
# A comma before a digit continues the number (4,600 4,600 of a table row run together): not a clause end.
MONEY_OPT = rf"(?P<n>{NUM})(?:(?P<u>{UNIT})|(?=[，,](?!\d)|[。；;]|$))"
PCT = rf"(?P<p>{NUM})%?"
# A declared percentage: with its %, or a bare number the clause ends on (完成预算100，).
PCT_END = rf"(?P<p>{NUM})(?:%|(?=[，,。；;、）]|$))"


def count_named(group: str) -> str:
    """A count in digits or Chinese numerals, captured as ``group`` (two counts in one pattern)."""
    return rf"(?P<{group}>\d+|[零〇一二两三四五六七八九十百千]+)"


COUNT = count_named("c")
ZERO_WORDS = ("均为零", "均为0", "均为0万元", "均为0.00万元")

_UP = ("增加", "增长", "上升", "提高", "多", "多支出", "增幅")
_DOWN = ("减少", "下降", "降低", "减", "少支出", "降幅", "减幅")
_CHANGE_WORD = r"(?<!/)(?P<w>增加|增长|上升|提高|减少|下降|降低|多支出|少支出)(?!/)"
_CHANGE_MONEY = re.compile(_CHANGE_WORD + "了?" + MONEY)
# …增长8.82% / 增长了8.82% / 增幅8.82% / 增长幅度为8.82% / 增长率为8.82% / 下降比例为7.49% / 降幅7.49%.
_CHANGE_PCT = re.compile(
    rf"(?<!/)(?P<w>增加|增长|上升|提高|减少|下降|降低|增幅|降幅|减幅)(?!/)(?:了|幅度|率|比例)?(?:为|是|达)?(?P<p>{NUM})%"
)
# 基本持平 / 大致持平 say the change is small, not that it is 0: no figure. 与上年一致 / 无增减变化 are 0, but not
# a basis or a standard that stays the same (统计口径与上年一致).
_FLAT = re.compile(
    r"(?<!基本)(?<!大致)(?<!大体)(?<!总体)(?<!接近)持平|无变化|没有变化|无增减(?:变化)?|相同|(?<!基本)一致"
)
_BOTH = re.compile(r"[，,]?均为" + MONEY)
# 比上年决算数11.34万元增加… / …，上年为11.34万元，增加….
_PRIOR = re.compile(
    r"(?:(?:比|较|与)(?:上年度?|去年|上一年度?|20\d\d年度?)(?:的|决算数?|支出|决算支出)?(?:为|是)?"
    r"|(?<![比较与])(?:上年度?|去年)(?:决算数?|支出)?(?:为|是))" + MONEY
)
# What a 持平 compares with: the text from the nearest 与/同/较/比 before it (与年初预算持平 is not a change).
_FLAT_TARGET = re.compile(r"(?:与|同|较|比)[^与同较比，,。；;]{0,12}$")


def _against_budget(text: str, flat_start: int) -> bool:
    target = _FLAT_TARGET.search(text, max(0, flat_start - 14), flat_start)
    before = target.group() if target else text[max(0, flat_start - 8) : flat_start]
    return "预算" in before


# What stays the same when a basis, not an amount, is compared (统计口径与上年一致 / 支出标准与上年相同).
_SAME_BASIS = re.compile(r"(?:口径|标准|政策|方法|范围|规定|要求|原则|用途|内容)(?:与|同|和|较)[^，,。；;]{0,8}$")


def _of_a_basis(text: str, flat_start: int) -> bool:
    return _SAME_BASIS.search(text, max(0, flat_start - 14), flat_start) is not None


def money(match: re.Match[str], default_unit: str = "万元") -> Decimal:
    """The 万元 value of a MONEY / MONEY_OPT match (``n`` and ``u`` groups)."""
    value = parse_decimal(match.group("n"))
    if value is None:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(match.group("n"))
    return to_wanyuan(value, match.group("u") or default_unit)


def pct(match: re.Match[str]) -> Decimal:
    value = parse_decimal(match.group("p"))
    if value is None:  # pragma: no cover
        raise ValueError(match.group("p"))
    return value


def count(match: re.Match[str]) -> Decimal | None:
    return parse_cn_integer(match.group("c"))


def signed(word: str, value: Decimal) -> Decimal:
    """The change a word states with its figure (减少10万元 is -10). A figure printed negative keeps its sign
    whatever the word (减少-10万元 / 增加-10万元: the table's -10 written after the template's word)."""
    if value < 0:
        return value
    return -value if word in _DOWN else value


@dataclass(frozen=True, slots=True)
class Change:
    value: Decimal | None = None
    pct: Decimal | None = None
    prior: Decimal | None = None
    position: int | None = None


def find_change(text: str, start: int = 0, end: int | None = None) -> Change:
    """The change against the prior year stated in ``text[start:end]``: amount, percent, prior value.

    ``持平`` / ``无变化`` / ``相同`` state a change of 0. Words left as template choices are ignored.
    """
    window = text[start:end]
    value = pct_value = prior = None
    position = None
    m = _CHANGE_MONEY.search(window)
    if m:
        value, position = signed(m.group("w"), money(m)), start + m.start()
    p = _CHANGE_PCT.search(window)
    if p:
        pct_value = signed(p.group("w"), pct(p))
        position = position if position is not None else start + p.start()
    prior_match = _PRIOR.search(window)
    if prior_match:
        prior = money(prior_match)
    # 决算数与预算数持平 compares with the budget, not with the prior year.
    flats = (f for f in _FLAT.finditer(window) if not _against_budget(window, f.start()))
    flat = next((f for f in flats if not _of_a_basis(window, f.start())), None)
    if value is None and pct_value is None and flat and "/" not in window:
        value, position = Decimal(0), start + flat.start()
        both = _BOTH.match(window, flat.end())  # 与上年持平，均为0万元: the prior value too
        if prior is None and both:
            prior = money(both)
    return Change(value, pct_value, prior, position)
