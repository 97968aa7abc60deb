"""Numbers inside printed indicator values: ``≥95%``, ``2次以上``, ``30万元``, ``2021年12月前`` …

A value keeps its printed unit (``元``, ``万元``, ``次/年`` …): indicator values are targets and
results, not money facts, so they are not converted. Choices made here:

- a comparator is recorded only when the text states one, as a sign (``≥95%``) or as words
  (``以上`` → ≥, ``以下`` / ``以内`` → ≤, ``不低于`` → ≥, ``不超过`` → ≤, ``前`` → ≤);
  a bare number (``100%``) has no comparator;
- a year and month (``2021年12月前``, ``2021年7月``) is the number ``YYYYMM`` with the unit
  ``年月`` (202112), so deadlines compare as numbers; a month alone (``≤12月``) is unit ``月``;
- text around the number (``搬运等服务人工费50件次以上``, ``优（…）``) is not a numeric value: None;
- one unit describes target and result: a result printed in another unit (target ``≥1人``,
  result ``0户``) keeps its text but gets no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.normalize import compact, parse_decimal

GE, LE, EQ, GT, LT = "≥", "≤", "=", ">", "<"

# Longest spellings first so that 大于等于 is not read as 大于.
_PREFIXES: tuple[tuple[str, str], ...] = (
    (">=", GE),
    ("<=", LE),
    ("≥", GE),
    ("≧", GE),
    ("⩾", GE),
    ("≤", LE),
    ("≦", LE),
    ("⩽", LE),
    ("=", EQ),
    (">", GT),
    ("<", LT),
    ("大于等于", GE),
    ("大于或等于", GE),
    ("小于等于", LE),
    ("小于或等于", LE),
    ("不低于", GE),
    ("不少于", GE),
    ("不小于", GE),
    ("至少", GE),
    ("不高于", LE),
    ("不超过", LE),
    ("不多于", LE),
    ("不大于", LE),
    ("最多", LE),
    ("大于", GT),
    ("高于", GT),
    ("超过", GT),
    ("多于", GT),
    ("小于", LT),
    ("低于", LT),
    ("少于", LT),
)
_SUFFIXES = {
    "及以上": GE,
    "以上": GE,
    "及以下": LE,
    "以下": LE,
    "以内": LE,
    "之内": LE,
    "之前": LE,
    "以前": LE,
    "前": LE,
}
_BASE_UNITS = (
    "万元|亿元|元|万|%|‰|人次|件次|批次|场次|户次|项次|课时|学时|小时|平方米|公里|"
    "次|份|年|天|日|人|个|名|期|篇|部|户|类|月|场|家|条|项|分|周|套|台|辆|本|张|所|米|亩|册|处|座|块|间|只|批|件"
)
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE = re.compile(
    rf"^(?P<num>{_NUMBER})"
    rf"(?P<unit>(?:{_BASE_UNITS})(?:/[\u4e00-\u9fff·]{{1,4}})?)?"
    rf"(?P<suffix>{'|'.join(sorted(_SUFFIXES, key=len, reverse=True))})?$"
)
_BRACKETED_UNIT = re.compile(r"(?<=\d)\(([^()\d]{1,4})\)$")
_YEAR_MONTH = re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?:底|末)?(?P<suffix>之前|以前|前)?$")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: Decimal
    unit: str | None
    comparator: str | None


def parse_value(text: str | None) -> ParsedValue | None:
    """The number, unit and comparator a printed target or result states; None if it is not one."""
    if not text:
        return None
    cleaned = compact(text)
    comparator, rest = _split_prefix(cleaned)
    rest = _BRACKETED_UNIT.sub(r"\1", rest)  # =100.00(%) as Shanghai's target forms print it
    date = _YEAR_MONTH.match(rest)
    if date:
        value = Decimal(f"{date['year']}{int(date['month']):02d}")
        suffix = _SUFFIXES.get(date["suffix"] or "")
        return ParsedValue(value, "年月", comparator or suffix)
    match = _VALUE.match(rest)
    if not match:
        return None
    number = parse_decimal(match["num"])
    if number is None:  # pragma: no cover - the pattern admits only numbers
        return None
    suffix = _SUFFIXES.get(match["suffix"] or "")
    return ParsedValue(number, match["unit"] or None, comparator or suffix)


def parse_comparator(text: str | None) -> str | None:
    """A comparator printed on its own (the 指标性质 column): ``≥`` / ``＝`` / ``≤``; 定性 and others → None."""
    if not text:
        return None
    cleaned = compact(text)
    comparator, rest = _split_prefix(cleaned)
    return comparator if rest == "" else None


def _split_prefix(text: str) -> tuple[str | None, str]:
    for spelling, sign in _PREFIXES:
        if text.startswith(spelling):
            return sign, text[len(spelling) :]
    return None, text
