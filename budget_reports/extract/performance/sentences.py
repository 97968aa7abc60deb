"""The one figure of an indicator target or result written as a sentence.

A cell that is not a bare value (``≥95%``, see ``values.parse_value``) may still state one clear
target: ``抽样调查参与者基本满意达95%以上`` (95 %, ≥), ``开展2次活动`` (2 次), ``往返100元/次``
(100 元/次), ``全区村（社区）党员8002人全覆盖培训`` (8002 人), ``按时完成（2023年12月底前）`` (202312 年月, ≤).
The figure is taken only when it is the sentence's only number and says plainly what it counts.
Everything else keeps no number, because any choice would be a guess:

- several figures: ``1个镇、5个街道``, ``不少于2次…不少于4次``, ``对市直84家…督查率为100%``;
- a count also written in Chinese numerals: ``计划对市直97家…进行五到六次…巡查`` (which is the target?);
- an approximate figure: ``举办约70人的…培训班``, ``发送短信9000余人次``, ``10多篇``;
- a change rather than a level: ``较上年度下降30%以上``;
- a rate whose unit is written in words: ``人员经费平均为18.14万每人每年``;
- a period, not a figure: ``2021年全年``;
- a grade explained in brackets: ``优（工作干劲100%）``, ``好（建立产业发展团队1个）`` — the target is the grade.
"""

from __future__ import annotations

import re

from budget_reports.extract.performance.values import ParsedValue, parse_value
from budget_reports.normalize import compact

_BASE_UNITS = (
    "万元|亿元|元|%|‰|人次|件次|批次|场次|户次|项次|课时|学时|小时|平方米|公里|"
    "次|份|天|人|个|名|期|篇|部|户|类|场|家|条|项|周|套|台|辆|本|张|所|亩|册|处|座|块|间|只|批|件"
)
_SUFFIX = r"及以上|及以下|以上|以下|以内|之内"
# The one figure, the words before it that may state its comparator, and what follows its unit.
_FIGURE = re.compile(
    rf"(?P<before>.*?)(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)"
    rf"(?P<unit>(?:{_BASE_UNITS})(?:/[\u4e00-\u9fff]{{1,2}})?)(?P<suffix>{_SUFFIX})?(?P<after>.*)$"
)
_DATE = re.compile(r"(?P<date>\d{4}年\d{1,2}月(?:底|末)?(?:之前|以前|前)?)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LABEL = re.compile(r"^指标\d+[:：]")  # 003 prints ``指标1：`` before the target
_GRADE = re.compile(r"^[优良好中差][（(]")
_CHINESE_COUNT = re.compile(r"[一二三四五六七八九十两]+(?:到[一二三四五六七八九十两]+)?[次期场个人名项家批]")
_APPROXIMATE_BEFORE = ("约", "近", "接近", "大约", "预计")
_APPROXIMATE_AFTER = ("余", "多", "左右")
_CHANGE_WORDS = ("下降", "降低", "减少", "增长", "增加", "提高", "提升", "较上年", "同比")
_COMPARATOR_WORDS = (
    ("≥", "≥"),
    ("≤", "≤"),
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不少于", "≥"),
    ("不低于", "≥"),
    ("不小于", "≥"),
    ("至少", "≥"),
    ("不超过", "≤"),
    ("不高于", "≤"),
    ("不多于", "≤"),
    ("控制在", "≤"),  # 控制在10万元以内: the ceiling, with or without 以内
)
_SUFFIX_SIGNS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤"}


def sentence_value(text: str | None) -> ParsedValue | None:
    """The one clear figure a sentence states as its target or result; None when there is none or several."""
    if not text:
        return None
    cleaned = _LABEL.sub("", compact(text)).rstrip("；;。.，,")
    if not cleaned or _GRADE.match(cleaned) or _CHINESE_COUNT.search(cleaned):
        return None
    if any(word in cleaned for word in _CHANGE_WORDS):
        return None
    dates = _DATE.findall(cleaned)
    if dates:
        # A deadline is the sentence's figure only when nothing else is numbered.
        if len(dates) == 1 and len(_NUMBER.findall(cleaned)) == 2:
            return parse_value(dates[0])
        return None
    if len(_NUMBER.findall(cleaned)) != 1:
        return None
    match = _FIGURE.match(cleaned)
    if match is None:  # a number with no unit (``2021年全年``, ``18.14万每人每年``) says nothing clear
        return None
    before, after = match["before"], match["after"]
    if before.endswith(_APPROXIMATE_BEFORE) or after.startswith(_APPROXIMATE_AFTER) or after.startswith("每"):
        return None
    parsed = parse_value(f"{match['num']}{match['unit']}")
    if parsed is None:  # pragma: no cover - the pattern admits only what parse_value reads
        return None
    comparator = _SUFFIX_SIGNS.get(match["suffix"] or "")
    for word, sign in _COMPARATOR_WORDS:
        if before.endswith(word):
            comparator = comparator or sign
    return ParsedValue(parsed.value, parsed.unit, comparator)


def same_sentence(a: str | None, b: str | None) -> bool:
    """Two sentences that differ only in their figures: a result restating its target (``党员8002人…`` / ``8094人``)."""
    if not a or not b:
        return False
    return _NUMBER.sub("#", re.sub(r"\s+", "", a)) == _NUMBER.sub("#", re.sub(r"\s+", "", b))
