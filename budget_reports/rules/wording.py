"""`wording.comparison` / `wording.direction`: the words agree with the numbers they describe.

- ``完成预算X%`` followed (within the next clause or sentence) by ``决算数大于/小于预算数`` or
  ``与预算数持平``: 大于 needs X > 100, 小于 X < 100, 持平 / 等于 X = 100 (at X's printed precision;
  a ``100%`` printed without decimals may be 99.6% and allows any word).
- ``增加A万元，下降B%`` / ``减少A万元，增长B%``: the direction of the amount and of the rate agree.
- ``减少-150万元`` / ``增加-150万元``: a direction word before a figure printed negative (a table's
  difference copied after the template's word) leaves the direction to the reader's guess.
- `wording.direction`: a budget and an actual figure, then the verdict on them (``年初预算为135.90万元，
  支出决算为135.25万元。决算数小于预算数``; ``与预算数持平``; ``比预算节约``): the verdict agrees with
  the two figures (``基本持平`` is not checked).
A warning: the figures may be right and the word wrong, or the reverse; either way the sentence
contradicts itself.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Block, Document
from budget_reports.normalize import parse_decimal, printed_step
from budget_reports.rules.base import HUNDRED, finding, fmt
from budget_reports.rules.text import evidence_at, prose

RULE_ID = "wording.comparison"
DIRECTION_RULE_ID = "wording.direction"
_WINDOW = 40
_COMPLETION = re.compile(r"完成(?:全年)?预算(?:数)?的?\s*(\d+(?:\.\d+)?)\s*%")
_VERDICT = re.compile(r"决算数?(大于|小于|等于|高于|低于|超过)预算数?|(?:决算数?)?与预算数?(持平|相等|一致)")
_CHANGE_WORDS = "增加|减少|增长|下降|上升|降低"
_DIRECTION = re.compile(
    rf"({_CHANGE_WORDS})了?\s*([\d,]+(?:\.\d+)?)\s*万元\s*[,，]?\s*({_CHANGE_WORDS})了?\s*(\d+(?:\.\d+)?)\s*%"
)
# Direction words, by the direction they state; each with the word of the opposite direction.
UP_WORDS = frozenset({"增加", "增长", "上升", "大于", "高于", "超过", "超支"})
DOWN_WORDS = frozenset({"减少", "下降", "降低", "小于", "低于", "节约"})
OPPOSITE = {
    "增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降", "降低": "上升",
    "大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于", "超过": "低于", "超支": "节约", "节约": "超支",
}  # fmt: skip
_UP, _DOWN = UP_WORDS, DOWN_WORDS
# A direction word, then a figure printed negative (比上年减少-150.00万元 / 增长-4.92%).
_SIGNED_AFTER_WORD = re.compile(rf"({_CHANGE_WORDS})了?\s*[-－−]\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元|%)")
_EXPECTED = {"大于": "大于", "高于": "大于", "超过": "大于", "小于": "小于", "低于": "小于"}
# A budget and an actual figure, then the verdict on them: ``年初预算为135.90万元，支出决算为135.25万元。
# 决算数小于预算数``, ``…决算数与预算数持平``, ``…比预算节约0.6万元``.
_AMOUNT = r"([\d,]+(?:\.\d+)?)\s*万元"
_BUDGET_ACTUAL = re.compile(
    rf"(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?\s*{_AMOUNT}[，,；;]?\s*(?:全年)?(?:支出)?决算(?:数)?(?:为|是)?\s*{_AMOUNT}"
    r"(?:[，,]\s*完成(?:年初|全年)?预算(?:数)?的?\s*\d+(?:\.\d+)?%)?"
    r"[^。]{0,6}?[。，,；;]?\s*(?:决算数?(?P<cmp>大于|小于|高于|低于|超过|等于)"
    r"|决算数?(?:与|和)(?:年初|全年)?预算数?(?P<roughly>基本)?(?P<eq>持平|相等|一致)"
    r"|比(?:年初|全年)?预算数?(?P<saved>节约|超支|增加|减少))"
)


def wording_comparison(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for block, text in prose(document):
        judged: set[int] = set()  # where a verdict word already reported ends: one finding per word
        for match in _COMPLETION.finditer(text):
            pct = Decimal(match.group(1))
            window = text[match.end() : match.end() + _WINDOW]
            window = window.split("完成")[0]  # stop at the next completion figure
            verdict = _VERDICT.search(window)
            if verdict is None:
                continue
            word = verdict.group(1) or verdict.group(2)
            right = _right_word(pct)
            said = _EXPECTED.get(word, "持平")
            if right is not None and said != right:
                end = match.end() + verdict.end()
                evidence = evidence_at(document, block, match.start(), end)
                message = f"完成预算{fmt(pct)}%，应表述为决算数{right}预算数，文中却写为“{verdict.group(0)}”"
                findings.append(finding(RULE_ID, Severity.WARNING, "完成预算", message, evidence, right, word))
                judged.add(match.end() + verdict.end(1 if verdict.group(1) else 2))
        for match in _DIRECTION.finditer(text):
            amount_word, amount, rate_word, rate = match.groups()
            if parse_decimal(amount) == 0 or Decimal(rate) == 0:
                continue
            if (amount_word in _UP) != (rate_word in _UP):
                evidence = evidence_at(document, block, match.start(), match.end())
                message = f"“{match.group(0)}”中金额写为{amount_word}而幅度写为{rate_word}，增减方向自相矛盾"
                findings.append(
                    finding(RULE_ID, Severity.WARNING, "增减方向", message, evidence, amount_word, rate_word)
                )
        findings.extend(_signed_after_word(document, block, text))
        findings.extend(_budget_actual(document, block, text, judged))
    return findings


def _signed_after_word(document: Document, block: Block, text: str) -> list[Finding]:
    """``减少-150.00万元``: the word says one direction, the sign another or the same twice; the reader (and
    the extractor, which keeps the printed sign) cannot tell which was meant."""
    findings = []
    for match in _SIGNED_AFTER_WORD.finditer(text):
        word, figure, unit = match.groups()
        if parse_decimal(figure) == 0:
            continue
        evidence = evidence_at(document, block, match.start(), match.end())
        message = f"“{match.group(0)}”在增减词“{word}”后又写负数，增减方向不明"
        findings.append(
            finding(RULE_ID, Severity.WARNING, "增减方向", message, evidence, f"{word}{figure}{unit}", match.group(0))
        )
    return findings


def _budget_actual(document: Document, block: Block, text: str, judged: set[int]) -> list[Finding]:
    """The verdict on a budget and an actual figure printed just before it agrees with them
    (``基本持平`` admits a difference and is not checked)."""
    findings = []
    for match in _BUDGET_ACTUAL.finditer(text):
        budget, actual = parse_decimal(match.group(1)), parse_decimal(match.group(2))
        group = next(g for g in ("cmp", "eq", "saved") if match.group(g))
        word = match.group(group)
        if budget is None or actual is None or match.group("roughly") or match.end(group) in judged:
            continue
        said = 1 if word in UP_WORDS else -1 if word in DOWN_WORDS else 0
        right = (actual > budget) - (actual < budget)
        if said != right:
            evidence = evidence_at(document, block, match.start(), match.end())
            truth = {1: "大于", -1: "小于", 0: "等于"}[right]
            message = (
                f"预算数{fmt(budget)}万元、决算数{fmt(actual)}万元，应表述为决算数{truth}预算数，文中却写为“{word}”"
            )
            findings.append(finding(DIRECTION_RULE_ID, Severity.WARNING, "决算与预算", message, evidence, truth, word))
    return findings


def _right_word(pct: Decimal) -> str | None:
    """大于 / 小于 when the printed rate is clearly off 100, 持平 when exactly 100 to two decimals;
    None when rounding leaves it open (``100%`` may be 99.6% printed without decimals)."""
    half = printed_step(pct) / 2
    if pct - half > HUNDRED:
        return "大于"
    if pct + half < HUNDRED:
        return "小于"
    return "持平" if half <= Decimal("0.005") else None
