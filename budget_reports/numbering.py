"""How reports number their items: a catalogue of the enumerator forms, and one reader of it.

Reports of every province and level number their parts, sections and items in a handful of
forms (``第一部分``, ``一、``, ``（一）``, ``1、`` / ``1.``, ``（1）``, ``①`` …), in full- or
half-width punctuation, sometimes with spaces inside (``1 、``, ``（ 一 ）``). Each form is a row
of ``FORMS`` with the level it marks; a caller picks the forms it reads as an ``Enumerators``
selection and asks it whether a text opens with one (``opens``), the text without it (``without``),
its level (``level``) or its number (``value``); ``pattern_of`` embeds forms in a larger pattern.
Callers differ in the forms they pick, each for a reason given beside its selection.

The forms accept both widths, so a selection reads raw text and text folded by
``normalize_text`` / ``compact`` alike; folding turns ``⑴`` into ``(1)`` and ``⒈`` into ``1.``
(read by the bracket and dot forms) but ``①`` into a bare ``1``, which no form can tell from a figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from budget_reports.normalize import parse_cn_integer

# Page numbers as printed in headers and footers: "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共25页",
# "第3页，共25页", "3/25". Matched against a line as printed or folded (``compact``: full-width dashes
# become "-").
PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[,，]?\s*[/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$")

_CN = "[一二三四五六七八九十百零〇]"
_OPEN = r"[（(]\s*"
_CLOSE = r"\s*[）)]"


class Level(IntEnum):
    """What a form marks, outermost first (a report nests them in this order)."""

    PART = 0  # 第一部分, Ⅰ
    CHAPTER = 1  # 一、 一.
    SECTION = 2  # （一）
    ITEM = 3  # 1、 1. ⒈
    SUBITEM = 4  # （1） 1） ⑴
    POINT = 5  # ①
    CLAUSE = 6  # 第一， 其一， 一是: items counted inside a sentence


@dataclass(frozen=True, slots=True)
class Form:
    """One way of numbering: the pattern (its numeral in the group ``n``), its level, real examples."""

    name: str
    level: Level
    pattern: str
    examples: tuple[str, ...]


PART = Form("part", Level.PART, rf"第\s*(?P<n>{_CN}+|\d+)\s*部分", ("第一部分", "第 二 部分", "第3部分"))
# The divisions of rules and regulations a report quotes or appends (第一章, 第二节, 第三条).
ARTICLE = Form("article", Level.PART, rf"第\s*(?P<n>{_CN}+|\d+)\s*[章节条]", ("第一章", "第二节", "第3条"))
ROMAN = Form("roman", Level.PART, r"(?P<n>[Ⅰ-Ⅻ]|[IVX]{1,4})\s*[、.．]", ("Ⅰ、", "Ⅱ.", "IV、"))
CHINESE_COMMA = Form("chinese_comma", Level.CHAPTER, rf"(?P<n>{_CN}+)\s*、", ("一、", "十九、", "二十三 、"))
CHINESE_DOT = Form("chinese_dot", Level.CHAPTER, rf"(?P<n>{_CN}+)[.．]", ("一.", "二．"))
CHINESE_BRACKET = Form(
    "chinese_bracket", Level.SECTION, rf"{_OPEN}(?P<n>{_CN}+){_CLOSE}", ("（一）", "(十二)", "（ 三 ）")
)
DIGIT_COMMA = Form("digit_comma", Level.ITEM, r"(?P<n>\d+)\s*、", ("1、", "12、", "1 、"))
# Not before a digit: ``1.50`` is a figure, not item 1.
DIGIT_DOT = Form("digit_dot", Level.ITEM, r"(?P<n>\d+)\s*[.．](?!\d)", ("1.", "2．", "12 ."))
DIGIT_FULL_STOP = Form("digit_full_stop", Level.ITEM, r"(?P<n>[⒈-⒛])", ("⒈", "⒓"))
DIGIT_BRACKET = Form("digit_bracket", Level.SUBITEM, rf"{_OPEN}(?P<n>\d+){_CLOSE}", ("（1）", "(12)", "( 3 )"))
DIGIT_PARENTHESIZED = Form("digit_parenthesized", Level.SUBITEM, r"(?P<n>[⑴-⒇])", ("⑴", "⒇"))
DIGIT_HALF_BRACKET = Form("digit_half_bracket", Level.SUBITEM, r"(?P<n>\d+)[）)]", ("1）", "2)"))
CIRCLED = Form("circled", Level.POINT, r"(?P<n>[①-⑳])", ("①", "⑳"))
ORDINAL = Form("ordinal", Level.CLAUSE, rf"第(?P<n>{_CN}+)[，,、]", ("第一，", "第二、"))
QI = Form("qi", Level.CLAUSE, rf"其(?P<n>{_CN}+)[，,、]", ("其一，", "其二、"))
SHI = Form("shi", Level.CLAUSE, rf"(?P<n>{_CN}+)是", ("一是", "二是"))

FORMS: tuple[Form, ...] = (
    PART,
    ARTICLE,
    ROMAN,
    CHINESE_COMMA,
    CHINESE_DOT,
    CHINESE_BRACKET,
    DIGIT_COMMA,
    DIGIT_DOT,
    DIGIT_FULL_STOP,
    DIGIT_BRACKET,
    DIGIT_PARENTHESIZED,
    DIGIT_HALF_BRACKET,
    CIRCLED,
    ORDINAL,
    QI,
    SHI,
)

# The forms a report's outline numbers its headings and items with, from 一、 down to （1）: what
# most readers strip from a heading, an item or a row label.
OUTLINE: tuple[Form, ...] = (CHINESE_COMMA, CHINESE_DOT, CHINESE_BRACKET, DIGIT_COMMA, DIGIT_DOT, DIGIT_BRACKET)

_ROMAN = {"I": 1, "V": 5, "X": 10}


def ordinal_value(numeral: str) -> int | None:
    """The number a numeral writes: ``12`` → 12, ``二十三`` → 23, ``一百零五`` → 105, ``③`` → 3, ``Ⅳ`` → 4."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and unicodedata.numeric(numeral, None) is not None and not "\u4e00" <= numeral <= "\u9fff":
        return int(unicodedata.numeric(numeral))  # ① ⑴ ⒈ Ⅳ: one character each
    if set(numeral) <= _ROMAN.keys():
        values = [_ROMAN[c] for c in numeral]
        return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
    value = parse_cn_integer(numeral)
    return None if value is None else int(value)


def pattern_of(*forms: Form) -> str:
    """The forms as one regular expression without named groups, to embed in a larger pattern."""
    return "(?:" + "|".join(form.pattern.replace("?P<n>", "?:") for form in forms) + ")"


class Enumerator(NamedTuple):
    """The enumerator a text opens with: its form, its number as written, where it ends."""

    form: Form
    numeral: str
    end: int


class Enumerators:
    """A selection of the catalogue's forms, compiled once, with one method per need.

    ``repeated`` reads a run of enumerators as one (``一、1.行政运行``: a name path numbered at
    two levels), for callers that want the bare name.
    """

    def __init__(self, *forms: Form, repeated: bool = False) -> None:
        self.forms = forms
        alternatives = "|".join(
            f"(?P<f{i}>{form.pattern.replace('?P<n>', f'?P<n{i}>')})" for i, form in enumerate(forms)
        )
        self._one = re.compile(f"^(?:{alternatives})")
        self._strip = re.compile(f"^(?:{alternatives})+" if repeated else f"^(?:{alternatives})")

    def match(self, text: str) -> Enumerator | None:
        """The first enumerator ``text`` opens with, if any."""
        found = self._one.match(text)
        if found is None:
            return None
        i = int(found.lastgroup[1:])  # type: ignore[index]  # the form's group closes last
        return Enumerator(self.forms[i], found.group(f"n{i}"), found.end())

    def opens(self, text: str) -> bool:
        """Whether ``text`` opens with an enumerator."""
        return self._one.match(text) is not None

    def without(self, text: str) -> str:
        """``text`` without the enumerator(s) it opens with (spaces after them kept)."""
        return self._strip.sub("", text, count=1)

    def level(self, text: str) -> Level | None:
        """The level of the enumerator ``text`` opens with."""
        found = self.match(text)
        return None if found is None else found.form.level

    def value(self, text: str) -> int | None:
        """The number of the enumerator ``text`` opens with: 19 for ``十九、…``, 3 for ``（三）…``."""
        found = self.match(text)
        return None if found is None else ordinal_value(found.numeral)
