"""The year's budget and its adjustments, as a self-evaluation's 收入情况 / 支出情况 states them.

``2023年年初预算收入为664.57万元，预算调整收入247.69万元，全年预算收入为912.26万元，全年预算收入与上年相比
增加158.24万元`` and ``年初预算支出为664.57万元，预算调整支出247.69万元，全年预算支出为770.35万元，存量资金
安排支出83.85万元，支出总计854.2万元`` (004): each figure becomes a metric. A change is kept only when
its clause names the figure it compares (``全年预算收入与上年相比增加…``); ``全年支出与上年相比增加19.78万元``
could be either 全年预算支出 or the 支出总计, so it is left out. The 支出总计 of this paragraph is the budget
side's total (全年预算支出 + 存量资金安排支出), not the final accounts' 支出总计: it has a name of its own.
"""

from __future__ import annotations

import re

from budget_reports import metric_names as m
from budget_reports.extract.prose.amounts import MONEY, find_change, money
from budget_reports.extract.prose.context import ProseContext
from budget_reports.extract.prose.sentences import clause_end

_FIGURES = {
    "收入": (
        ("年初预算收入", m.BUDGET_INCOME_INITIAL),
        ("预算调整收入", m.BUDGET_INCOME_ADJUSTMENT),
        ("全年预算收入", m.BUDGET_INCOME_FINAL),
    ),
    "支出": (
        ("年初预算支出", m.BUDGET_EXPENDITURE_INITIAL),
        ("预算调整支出", m.BUDGET_EXPENDITURE_ADJUSTMENT),
        ("全年预算支出", m.BUDGET_EXPENDITURE_FINAL),
        ("存量资金安排支出", m.STOCK_FUNDS_EXPENDITURE),
        ("支出总计", m.BUDGET_EXPENDITURE_TOTAL),
    ),
}
# The paragraph states the adjustment: without it, 年初预算收入 is only a budget compared with last year's.
_PARAGRAPH = re.compile(r"年初预算(?P<k>收入|支出)(?:为|是)[^。]*?预算调整(?P=k)")


def extract(ctx: ProseContext) -> None:
    for passage in ctx.passages:
        found = None if passage.heading else _PARAGRAPH.search(passage.text)
        if found is None:
            continue
        kind = found.group("k")
        text = passage.text
        end = clause_end(text, found.start(), "。")
        for label, metric in _FIGURES[kind]:
            # A label opening its clause (支出总计, not the tail of 收支总计).
            stated = re.compile(rf"(?<![^\d年，,：:]){label}(?:为|是)?{MONEY}").search(text, found.start(), end)
            if stated is None:
                continue
            change = None
            compared = re.compile(rf"{label}与上年(?:度)?相比").search(text, stated.end(), end)
            if compared:
                change = find_change(text, compared.end(), _clause_end(text, compared.end())).value
            ctx.metric(metric, money(stated), ctx.evidence(passage, stated.start()), change_value=change)


def _clause_end(text: str, start: int) -> int:
    # A comma before three digits separates thousands (1,582,400.00元), not clauses.
    stop = re.compile(r"[。；;]|[，,](?!\d{3}(?!\d))").search(text, start)
    return stop.start() if stop else len(text)
