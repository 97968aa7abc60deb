"""Which fund a passage's figures spend: the section's (a heading naming a fund) or the one its words name.

A report explains each fund in its own section (``七、政府性基金预算财政拨款支出情况说明``, its sub-headings
included, until the next chapter) and names the fund before a list of lines
(``政府性基金预算财政拨款支出71.73万元，主要用于：1.城乡社区支出（类）…``). Anything else is the
一般公共预算财政拨款's.
"""

from __future__ import annotations

from budget_reports import metric_names as m
from budget_reports.extract.prose.context import CHAPTER_HEADING
from budget_reports.extract.prose.sentences import Passage

FUND_WORDS = (("政府性基金", m.GOV_FUND), ("国有资本经营", m.STATE_CAPITAL), ("一般公共预算", m.GPB))


def fund_named(text: str) -> str | None:
    """The fund ``text`` names first, if any."""
    named = [(at, fund) for word, fund in FUND_WORDS if (at := text.find(word)) >= 0]
    return min(named)[1] if named else None


def section_funds(passages: list[Passage]) -> dict[int, str]:
    """The fund each passage's section explains (by passage index): a heading naming a fund sets it, a
    chapter heading naming none (``五、机关运行经费支出情况``) sets it back to the 一般公共预算财政拨款."""
    funds: dict[int, str] = {}
    fund = m.GPB
    for passage in passages:
        if passage.heading:
            named = fund_named(passage.text)
            if named is not None:
                fund = named
            elif CHAPTER_HEADING.opens(passage.text):
                fund = m.GPB
        funds[passage.index] = fund
    return funds
