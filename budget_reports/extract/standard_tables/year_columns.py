"""Which year a table column's figures are of, from the words its header prints.

Budgets (and some final accounts) print the year before beside the report's own: ``2025年预算数 |
2026年预算数`` over the items, ``上年 | 本年`` under each item, ``上年预算数 | 本年预算数 | 增减额 |
增减%`` or ``上年决算数 | 本年预算数`` beside items listed as rows. A column is this year's where it
says 本年 (本年度) or prints the report's year, the prior year's where it says 上年 (上年度) or prints
the year before; a change column (增减, 比上年增减, 增减额, 增减率 …) holds no year's figure. A column
that prints no year at all is this year's, as every one-year table prints it. A column printing any
other year (two years back), or a percentage that is no change (a share, a completion rate), holds
no amount of either year: its figures are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from budget_reports.extract.identity.title import YEAR, parse_year


class YearRole(StrEnum):
    THIS = "本年"
    PRIOR = "上年"
    CHANGE = "增减"  # an amount: this year's less the prior year's
    CHANGE_PCT = "增减率"  # the change as a percentage of the prior year's
    OTHER = "其他年度"  # a year that is neither the report's nor the one before


_YEAR = re.compile(YEAR)
_CHANGE = ("增减", "增长", "增加", "减少", "变动", "变化", "比上年")
_PERCENT = ("率", "%", "幅", "百分比", "比例")
_PRIOR = ("上年",)  # 上年度 / 上年预算数 / 上年决算数 hold it
_THIS = ("本年",)


def printed_years(texts: Iterable[str]) -> set[int]:
    """The years (2025年, 2025年度, 二〇二五年) the texts print."""
    return {parse_year(m.group("year")) for text in texts for m in _YEAR.finditer(text)}


def year_role(header: str, this_year: int | None) -> YearRole:
    """The role of a column whose header path joined is ``header`` (compact, full-width folded)."""
    percent = any(word in header for word in _PERCENT)
    if any(word in header for word in _CHANGE):
        return YearRole.CHANGE_PCT if percent else YearRole.CHANGE
    if percent:
        return YearRole.OTHER  # a share or completion rate: no amount of any year
    if any(word in header for word in _PRIOR):
        return YearRole.PRIOR
    if any(word in header for word in _THIS):
        return YearRole.THIS
    years = printed_years((header,))
    if not years or this_year is None:
        return YearRole.THIS
    if years == {this_year}:
        return YearRole.THIS
    if years == {this_year - 1}:
        return YearRole.PRIOR
    return YearRole.OTHER


def report_year(fiscal_year: int | None, title: str, headers: Iterable[str]) -> int | None:
    """The year a table's figures are this year's for. A header printing one year and no 上年 / 本年
    is a one-year table: that year. Else the report's year (its identity), else the year the title
    prints, else the latest the header prints (a report sets its own year beside the one before,
    never a later one)."""
    texts = list(headers)
    in_header = printed_years(texts)
    relative = any(word in text for text in texts for word in (*_PRIOR, *_THIS))
    if len(in_header) == 1 and not relative:
        return next(iter(in_header))
    if fiscal_year is not None:
        return fiscal_year
    in_title = printed_years((title,))
    if len(in_title) == 1:
        return next(iter(in_title))
    return max(in_header) if in_header else None
