"""Where a figure can stand in a report sentence: what may follow it, by the figure's kind.

Used to put back figures an extractor wrote apart from their sentence (``lifted_numbers``): a
figure goes only where its kind fits the words around the place, and a quotation mark only where
it can open or close a term (``quoted_terms``). The ways reports write what follows a figure are kept
here as data (units, counters, punctuation); the placing itself is in ``lifted_numbers``.
"""

from __future__ import annotations

import re
from enum import Enum

from budget_reports.readers.quoted_terms import CLOSING_QUOTES, OPENING_QUOTES, QUOTES

# What follows an amount or a count: a unit or counter (the first character is enough: 万元, 亿元,
# 台（套）, 平方米, 小时…) or punctuation.
UNITS_AND_COUNTERS = frozenset(
    "万亿千百元个项人名辆次年月日天台套家位分倍件户条所份张册篇平公米吨亩余多岁小号期届批页级星轮场季周支部节章"
)
# 个 and % close a figure: no figure follows them directly (other counters end words too: 车辆).
NOT_BEFORE_FIGURE = frozenset("个%％")
# Across a line break only the common units and counters tell that a figure ended the line above.
AFTER_LINE_END = frozenset("万亿元个项人名辆次年月日天台套家件户")
# What a share follows: 占, 增长, 下降, 完成…的, 达, 由…到, *100%.
BEFORE_PERCENT = frozenset("占率长降的为达至是了比约近超过少加低高到幅由从、和及与或*×")
# Words that follow a figure without a unit: 85后, 3年以上 (以), 10左右, 前 / 上 / 下 / 内.
AFTER_BARE_FIGURE = frozenset("后前以左上下内")
PUNCTUATION = frozenset("，。；：、）)”」,;:%％")
# After these a figure opens a clause: only a year does (。2024年度…); a list number goes by NUMBERING.
CLAUSE_ENDS = frozenset("。；！？!?;")
# What follows a list number (1、 2．).
LIST_MARKS = frozenset("、．.")
OPENING_BRACKETS = frozenset("（(「《【")
# Counters of whole things and calendar words: a figure with decimals never stands before them.
WHOLE_COUNTERS = frozenset("个项人名辆次年月日天台套家件户条所份张册篇岁")
# What a figure without a unit follows: 为 / 是 / 计 / 达 / 至 / 到, 增加 / 减少, 第 / 图 / 表, a list mark.
BEFORE_BARE_FIGURE = frozenset("为是计达至到加少共约第图表、：:（(“”-－~～—")
# A share is followed by punctuation, or by 以上 / 以下, 左右, 的.
AFTER_PERCENT = frozenset("以左的")
_MONEY = frozenset("万亿元%％")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_INTEGER = re.compile(r"^\d{1,2}$")
_FIGURE_TEXT = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
_FIGURE = re.compile(f"^{_FIGURE_TEXT}$")
# A line of lifted tokens only, each ending at a space or the line's end: one pattern for the whole line.
_LIFTED_LINE = re.compile(rf"\s*(?:(?:{_FIGURE_TEXT}|[{re.escape(''.join(sorted(QUOTES)))}])(?:\s+|$))+")


class Place(Enum):
    """Where in a line a lifted figure may go."""

    GAP = "gap"  # a space the extractor left between two characters: something stood there
    START = "start"  # the line's first character
    END = "end"  # after the line's last character
    NUMBERING = "numbering"  # before a 、 that follows punctuation (其中：1、…): a list number


def is_lifted_token(token: str) -> bool:
    """A figure or a quotation mark: what is set in the figures' font."""
    return bool(_FIGURE.match(token)) or token in QUOTES


def is_lifted_line(text: str) -> bool:
    """A line holding lifted tokens only (``2946.25 2940.05 99.79%``): what a numbers line is."""
    return _LIFTED_LINE.fullmatch(text) is not None


def fits(token: str, place: Place, before: str | None, after: str | None) -> bool:
    """Whether ``token`` can stand at ``place`` between the characters ``before`` and ``after``
    (None: unknown, the edge of the text)."""
    if token in QUOTES:
        return _quote_fits(token, before, after)
    opens_item = place is Place.START or before is None or before in CLAUSE_ENDS or before in "：:"
    if place is Place.NUMBERING or (opens_item and after is not None and after in LIST_MARKS):
        return bool(_INTEGER.match(token)) and token != "0"  # a list number (1、 2．)
    if before is not None and (before.isdigit() or before in ".," or before in NOT_BEFORE_FIGURE):
        return False  # a figure, or a unit or counter closing one, already stands there
    if before is not None and before in "万亿" and after == "元":
        return False  # 万 / 元: a unit wrapped after its figure
    if before is not None and before in CLAUSE_ENDS and ("." in token or token.endswith(("%", "％"))):
        return False  # a clause opens with a year or a count (。2024年度…, 。90后), not an amount or a share
    if after is not None and after in OPENING_BRACKETS:
        return False
    if after is None:
        return False
    if token.endswith(("%", "％")):
        if place is Place.START and (before is None or before not in BEFORE_PERCENT):
            return False  # the line break hides what the share follows: it must say a share
        return after in PUNCTUATION or (place is not Place.END and after in AFTER_PERCENT)
    if after in OPENING_QUOTES:
        return False
    if place is Place.END and after not in AFTER_LINE_END and after not in PUNCTUATION:
        return False
    # A unit, a counter, punctuation, a closing quotation mark; or a Latin letter (3D打印, 5G).
    latin = after.isascii() and after.isalpha()
    if after not in UNITS_AND_COUNTERS | AFTER_BARE_FIGURE and after not in PUNCTUATION | QUOTES and not latin:
        return False
    if "." in token and after in WHOLE_COUNTERS:
        return False
    if after in PUNCTUATION and not _YEAR.match(token) and (before is None or before not in BEFORE_BARE_FIGURE):
        return False  # a figure without a unit is stated (为0，), not dropped into words
    return after != "年" or bool(_YEAR.match(token)) or bool(_INTEGER.match(token))


def _quote_fits(token: str, before: str | None, after: str | None) -> bool:
    if token in OPENING_QUOTES:
        return after is not None and _is_word(after)
    if token in CLOSING_QUOTES:
        # A quoted term is never an amount's subject: no unit follows its closing mark.
        return before is not None and _is_word(before) and (after is None or after not in _MONEY)
    return True


def _is_word(character: str) -> bool:
    return not character.isspace() and character not in PUNCTUATION and character not in QUOTES
