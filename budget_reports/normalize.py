"""Text and number normalization shared by every reader and extractor.

Evidence always keeps the original text, but for figures printed in full-width digits, which a text is
read with as ASCII prints them (``ascii_figures``); the other functions produce the form that patterns
and comparisons work on. Numbers become exact ``Decimal`` values, never floats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# NFKC folds full-width digits, Latin letters and ASCII punctuation (０-９, ，, ％, （）...) into
# their ASCII forms; the ideographic space becomes a plain space.
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")
_WHITESPACE_OR_ZERO_WIDTH = re.compile(r"[\s\u200b-\u200d\ufeff]+")


def normalize_text(text: str) -> str:
    """Fold full-width forms, remove zero-width characters and collapse runs of spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=16_384)  # the same labels, lines and figures are compacted again and again
def compact(text: str) -> str:
    """``normalize_text`` without any whitespace: for matching names broken over lines or cells."""
    # One pass removes what normalize_text would collapse and strip: a first read of a report compacts
    # every line, label and cell it meets once (each line is new to the cache).
    return _WHITESPACE_OR_ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


# A mark that a figure printed in full-width digits prints between or after them (２，９４０．０５,
# ９５％, －３). The pattern opens with the mark, so that text is scanned for one at C speed.
_WIDE_MARK = re.compile(
    r"[．，％－＋](?:(?<=[０-９]．)(?=[０-９])|(?<=[０-９]，)(?=[０-９]{3}(?![０-９]))|(?<=[０-９]％)|(?<=[－＋])(?=[０-９]))"
)
_WIDE_DIGIT = re.compile("[０-９]")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ASCII_MARK = {"．": ".", "，": ",", "％": "%", "－": "-", "＋": "+"}
# ASCII digits grouped by an input method's comma (``2，940.05``, ``33，775，592``): a figure only with a
# decimal part or two groups at least (``1，234`` may be a list). Looked for only where a comma stands
# between digits (the first pattern opens with the comma: scanned at C speed).
_IME_COMMA = re.compile(r"，(?<=[0-9]，)(?=[0-9]{3}(?![0-9]))")
# ASCII digits with an input method's full stop for their decimal point (``161．62``, ``3．5万元``).
_IME_POINT = re.compile(r"．(?<=[0-9]．)(?=[0-9])")
_IME_DECIMAL = re.compile(r"(?<=[0-9])．(?=[0-9]{1,2}[ ]?[万亿元%％]|[0-9]{2}(?:[\s，。；、：）),;:]|$))", re.MULTILINE)
# A line of figures alone (a table's cells, figures lifted out of their sentence): every point a decimal one.
_FIGURES_ALONE = re.compile(r"^(?=[^\n]*[0-9]．[0-9])[ \t]*[-+]?[0-9][0-9．.,，%％ \t+-]*$", re.MULTILINE)
_POINT_IN_FIGURE = re.compile(r"(?<=[0-9])．(?=[0-9])")
_IME_FIGURE = re.compile(
    r"(?<![0-9.,，])[0-9]{1,3}(?:，[0-9]{3})+\.[0-9]+(?![0-9，])|(?<![0-9.,，])[0-9]{1,3}(?:，[0-9]{3}){2,}(?![0-9，.])"
)


def ascii_figures(text: str) -> str:
    """``text`` with the figures it prints in full-width digits (``２，９４０．０５``) as ASCII prints
    them (``2,940.05``), one character for one: every offset and line keeps its place.

    A report typed in full-width digits is then read as its ASCII twin by every pattern, sum and
    column of a reader. NFKC would fold the digits too, but also brackets, colons and spaces, which
    readers and evidence keep as printed. A comma is a thousands separator only before three digits
    (``１，２`` is a list). Beside ASCII digits only an input method's thousands comma is read as one,
    in a figure with decimals or two groups (``2，940.05``), and its full stop as a decimal point where
    a figure's decimals follow it: one or two digits before a unit (``3．5万元``, ``95．4%``), or two
    where the figure ends (``161．62``, ``161．62，``), and every one on a line of figures alone
    (``6．2 0．21%``). A list number before words stays, digits among them (``4．2026年``, ``1．12项``),
    and so does a section number (``3．1 项目概况``)."""
    if _IME_POINT.search(text) is not None:
        text = _IME_DECIMAL.sub(".", text)
        text = _FIGURES_ALONE.sub(lambda line: _POINT_IN_FIGURE.sub(".", line.group()), text)
    if _IME_COMMA.search(text) is not None:
        text = _IME_FIGURE.sub(lambda figure: figure.group().replace("，", ","), text)
    if _WIDE_DIGIT.search(text) is None:
        return text
    text = _WIDE_MARK.sub(lambda mark: _ASCII_MARK[mark.group()], text)
    return text.translate(_WIDE_DIGITS)  # a Python step per character: only in text printing one


def is_cjk(char: str) -> bool:
    """A CJK character or punctuation mark (Chinese wraps and joins without spaces)."""
    return char >= "\u2e80"


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@lru_cache(maxsize=16_384)  # a figure is read again by every pass over its row (Decimal is immutable)
def parse_decimal(text: str) -> Decimal | None:
    """Read a printed number exactly: ``2,940.05`` / ``２９４０.０５`` / ``-0.5``. None if it is not one."""
    cleaned = compact(text).replace("，", ",")
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting negative
        cleaned = "-" + cleaned[1:-1]
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None


def printed_step(value: Decimal) -> Decimal:
    """One unit of the last printed digit: 64.88 -> 0.01, 27.3 -> 0.1, 86 -> 1 (a printed figure
    may carry half of it from rounding)."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


CENT = Decimal("0.01")


def money_half_unit(value: Decimal) -> Decimal:
    """Half the rounding step of a printed 万元 amount (never coarser than half a cent of 万元)."""
    return min(printed_step(value), CENT) / 2


def half_step(value: Decimal) -> Decimal:
    """Half the unit of a printed figure's last digit: how far rounding may have moved a count, a
    percentage, or an amount read at its printed precision."""
    return printed_step(value) / 2


def rounds_to(exact: Decimal, printed: Decimal) -> bool:
    """Whether ``printed`` is ``exact`` rounded to the digits it prints."""
    return abs(exact - printed) <= half_step(printed)


def coarser_half_unit(a: Decimal, b: Decimal) -> Decimal:
    """How far two printings of one figure may differ: half a unit of the coarser one (27.3 ~ 27.30)."""
    return max(printed_step(a), printed_step(b)) / 2


def sum_breach(parts: list[Decimal], total: Decimal, half_unit: Decimal) -> bool:
    """True when the printed total is not the sum of the printed parts at the total's precision."""
    return abs(sum(parts, Decimal(0)) - total) > half_unit


def adds_up(parts: Sequence[Decimal], total: Decimal) -> bool:
    """Whether a table's total is the sum of its parts within the rounding of every figure printed
    (half a unit of each one's last digit); a zero, an empty cell, carries no rounding."""
    slack = sum((half_step(v) for v in (*parts, total) if v), Decimal(0))
    return abs(sum(parts, Decimal(0)) - total) <= slack


YUAN_PER_WAN = Decimal(10000)


def to_wanyuan(amount: Decimal, unit: str) -> Decimal:
    """Convert an amount in 元 or 万元 to 万元 exactly (1 fen = 0.000001 万元)."""
    unit = compact(unit)
    if unit in ("元", "人民币元"):
        return amount / YUAN_PER_WAN
    if unit in ("万元", "万"):
        return amount
    if unit in ("亿元", "亿"):
        # 0.30亿元 is 3000万元 to the nearest 100万元, not 3000.00万元: the exponent keeps what was printed
        # (Decimal('3.0E+3')), so a comparison allows the rounding of the 亿元 figure.
        return amount.scaleb(4)
    raise ValueError(f"unknown money unit: {unit!r}")


_PERCENT = re.compile(r"^([+-]?\d+(?:\.\d+)?)%?$")


def parse_percent(text: str) -> Decimal | None:
    """``98.2%`` / ``98.20％`` / ``98.2`` -> Decimal('98.2'), as declared (in percent)."""
    match = _PERCENT.match(compact(text))
    return Decimal(match.group(1)) if match else None


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"^[零〇一二两三四五六七八九十百千万]+$")


def parse_cn_integer(text: str) -> Decimal | None:
    """Read a whole number written in Chinese numerals: ``一百二十三`` -> 123, ``两`` -> 2, ``十五`` -> 15.

    Arabic digits are read too (``12`` -> 12). None if the text is not a whole number.
    """
    text = compact(text)
    if re.fullmatch(r"\d+", text):
        return Decimal(text)
    if not text or not _CN_NUMBER.match(text):
        return None
    total = section = digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[char]  # 十五: an implied 一 before 十
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section = digit = 0
    return Decimal(total + section + digit)


_BARE_PERCENT = re.compile(r"^(?:百分之)?([+-]?\d+(?:\.\d+)?)(?:%|个百分点)?$")


def parse_percent_loose(text: str) -> Decimal | None:
    """Like ``parse_percent`` but also ``百分之98.2`` and a number printed without its %."""
    match = _BARE_PERCENT.match(compact(text))
    return Decimal(match.group(1)) if match else None


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced rendering: a Chinese character takes two.

    Counted from the UTF-8 length (three bytes for a CJK character, one for ASCII) rather than
    character by character: this runs on every line of the document. ASCII text (a row of figures)
    is told as such without encoding it."""
    if text.isascii():
        return len(text)
    extra = (len(text.encode("utf-8")) - len(text)) // 2
    return len(text) + extra
