"""Where a figure can stand in a report sentence: what may follow it, by the figure's kind.

Used to put back figures an extractor wrote apart from their sentence (``lifted_numbers``): a
figure goes only where its kind fits the words around the place, and a quotation mark only where
it can open or close a short quoted term. The ways reports write what follows a figure are kept
here as data (units, counters, punctuation); the placing itself is in ``lifted_numbers``.
"""

from __future__ import annotations

import re
from enum import Enum

# What follows an amount or a count: a unit or counter (the first character is enough: 万元, 亿元,
# 台（套）, 平方米, 小时…) or punctuation.
UNITS_AND_COUNTERS = frozenset("万亿千百元个项人名辆次年月日天台套家位分倍件户条所份张册篇平公米吨亩余多岁小")
PUNCTUATION = frozenset("，。；：、）)”」,;:%％")
# After these a figure opens a clause: only a year does (。2024年度…); a list number goes by NUMBERING.
CLAUSE_ENDS = frozenset("。；！？!?;")
# What follows a list number (1、 2．).
LIST_MARKS = frozenset("、．")
OPENING_BRACKETS = frozenset("（(「《【")
# Counters of whole things and calendar words: a figure with decimals never stands before them.
WHOLE_COUNTERS = frozenset("个项人名辆次年月日天台套家件户条所份张册篇岁")
# A percentage is followed by punctuation or words, never by a unit of money or a counter.
NOT_AFTER_PERCENT = UNITS_AND_COUNTERS | frozenset("%％.0123456789")
# Characters a quoted term cannot hold, and how long one can be (“三公”, “优”, “放管服”).
_NOT_QUOTED = frozenset("，。；：、,;:")
_LONGEST_QUOTED = 8

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_INTEGER = re.compile(r"^\d{1,2}$")
_FIGURE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
OPENING_QUOTES = frozenset("“‘")
CLOSING_QUOTES = frozenset("”’")
QUOTES = OPENING_QUOTES | CLOSING_QUOTES | frozenset("\"'")


class Place(Enum):
    """Where in a line a lifted figure may go."""

    GAP = "gap"  # a space the extractor left between two characters: something stood there
    START = "start"  # the line's first character
    END = "end"  # after the line's last character
    NUMBERING = "numbering"  # before a 、 that follows punctuation (其中：1、…): a list number


def is_lifted_token(token: str) -> bool:
    """A figure or a quotation mark: what is set in the figures' font."""
    return bool(_FIGURE.match(token)) or token in QUOTES


def fits(token: str, place: Place, before: str | None, after: str | None) -> bool:
    """Whether ``token`` can stand at ``place`` between the characters ``before`` and ``after``
    (None: unknown, the edge of the text)."""
    if token in QUOTES:
        return _quote_fits(token, before, after)
    if place is Place.NUMBERING or (after is not None and after in LIST_MARKS):
        return bool(_INTEGER.match(token)) and token != "0"
    if before is not None and (before.isdigit() or before in ".,"):
        return False  # a figure already stands there
    if before is not None and before in "万亿" and after == "元":
        return False  # 万 / 元: a unit wrapped after its figure
    if before is not None and before in CLAUSE_ENDS and not _YEAR.match(token):
        return False  # a clause opens with a year (。2024年度…), not with an amount or a share
    if after is not None and after in OPENING_BRACKETS:
        return False
    if after is None:
        return False
    if token.endswith(("%", "％")):
        return after not in NOT_AFTER_PERCENT
    if after not in UNITS_AND_COUNTERS and after not in PUNCTUATION and after not in QUOTES and not after.isspace():
        return False
    if "." in token and after in WHOLE_COUNTERS:
        return False
    return after != "年" or bool(_YEAR.match(token)) or bool(_INTEGER.match(token))


def _quote_fits(token: str, before: str | None, after: str | None) -> bool:
    if token in OPENING_QUOTES:
        return after is not None and _is_word(after)
    if token in CLOSING_QUOTES:
        return before is not None and _is_word(before)
    return True


def _is_word(character: str) -> bool:
    return not character.isspace() and character not in PUNCTUATION and character not in QUOTES


def quotes_pair(text: str) -> bool:
    """Quotation marks alternate opening and closing and enclose a short term; a closing mark may
    end a term begun on the line before, an opening one begin a term ending on the next line."""
    opened: int | None = None
    seen_any = False
    for i, character in enumerate(text):
        if character in CLOSING_QUOTES and not seen_any and opened is None and not _is_term(text[:i]):
            return False
        if character in OPENING_QUOTES:
            if opened is not None:
                return False
            opened = i
        elif character in CLOSING_QUOTES:
            if opened is None:
                if seen_any:
                    return False
            else:
                if not _is_term(text[opened + 1 : i]):
                    return False
                opened = None
        else:
            continue
        seen_any = True
    return opened is None or opened == len(text) - 1 or _is_term(text[opened + 1 :])


def _is_term(text: str) -> bool:
    return 0 < len(text) <= _LONGEST_QUOTED and not any(c in _NOT_QUOTED for c in text)
