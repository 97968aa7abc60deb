"""Reading single cells of the performance tables: labels, money, percentages, scores."""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports.normalize import compact, parse_decimal, parse_percent, to_wanyuan

# Cells that say "nothing here" rather than zero.
_BLANKS = {"", "/", "-", "—", "——", "--", "无数据"}
_SCORE_NOTE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_MONEY = re.compile(r"^(?P<num>[+-]?\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|亿元|元|万)?$")


def is_blank(text: str | None) -> bool:
    return text is None or compact(text) in _BLANKS


def label(text: str) -> str:
    """A row or level label without line breaks, spaces or a points note: ``满意\\n度指标（25分）`` → ``满意度指标``."""
    joined = re.sub(r"\s+", "", text)
    return _SCORE_NOTE.sub("", joined)


def printed(text: str | None) -> str | None:
    """Cell text exactly as printed (lines of a multi-line cell kept); None for an empty cell."""
    if text is None or not text.strip():
        return None
    return text.strip()


def money(text: str | None, default_unit: str = "万元") -> Decimal | None:
    """An amount in 万元: ``416.39万元``, ``30``, ``0.00``; a cell in 元 is converted exactly."""
    if is_blank(text):
        return None
    match = _MONEY.match(compact(text or ""))
    if not match:
        return None
    value = parse_decimal(match["num"])
    if value is None:
        return None
    return to_wanyuan(value, match["unit"] or default_unit)


def percent(text: str | None) -> Decimal | None:
    if is_blank(text):
        return None
    # ``86%%`` (001 line 739): the sign typed twice, the figure still 86.
    return parse_percent(re.sub(r"[%％]{2,}", "%", text or ""))


def number(text: str | None) -> Decimal | None:
    """A score or weight: ``8.7``, ``10``; ``/`` and empty cells are None."""
    if is_blank(text):
        return None
    return parse_decimal(text or "")


def money_unit_of(text: str) -> str:
    """The unit a header cell declares: ``项目资金（万元）`` → 万元, ``（元）`` → 元; default 万元."""
    key = compact(text)
    if "(元)" in key or "单位:元" in key:
        return "元"
    return "万元"
