"""`consistency.prose_table` for the 政府性基金 and 国有资本经营 tables that print no figure.

A department without such funds prints the fund's table empty with a note (``故本表无数据``); the
prose then says it has none (``无政府性基金预算财政拨款收入和支出``). A table declared empty states 0
for the fund's expenditure: a prose statement of a non-zero amount contradicts it. (Tables that do
print figures are compared by ``consistency.prose_table`` with the facts read from them.)
"""

from __future__ import annotations

import re

from budget_reports import metric_names as n
from budget_reports.facts import ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Block, BlockKind, Document, Evidence
from budget_reports.rules.base import finding, fmt
from budget_reports.rules.text import fold

# Fund type → the words that name its table's title.
FUND_TABLE_TITLES = {n.GOV_FUND: "政府性基金", n.STATE_CAPITAL: "国有资本经营"}
# How a report says a table has no figures.
EMPTY_TABLE = re.compile(r"本表(?:为空表|无数据|数据为空|无相关数据)|(?:此|该)表(?:无数据|为空)|空表")
# A note of emptiness belongs to the table whose title is at most this many blocks before it.
_NOTE_REACH = 4


def empty_fund_tables(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for fund_type, note in _empty_tables(document).items():
        metric = n.FUND_EXPENDITURE[fund_type]
        printed = [
            line
            for line in report.expenditure_function
            if line.fund_type == fund_type and line.source_kind is SourceKind.TABLE
        ]
        tabled = [m for m in report.summary_metrics if m.metric == metric and m.source_kind is SourceKind.TABLE]
        if printed or tabled:
            continue
        for said in report.summary_metrics:
            if said.metric == metric and said.source_kind is SourceKind.NARRATIVE and said.value:
                message = (
                    f"{metric}在文字说明中为{fmt(said.value)}万元，表格中却注明无数据（“{note.snippet}”），二者不一致"
                )
                findings.append(
                    finding(
                        "consistency.prose_table", Severity.ERROR, metric, message, said.evidence, "0", fmt(said.value)
                    )
                )
    return findings


def _empty_tables(document: Document) -> dict[str, Evidence]:
    """Fund type → the note saying its table is empty (the first such table)."""
    empty: dict[str, Evidence] = {}
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE or not EMPTY_TABLE.search(fold(block.text)):
            continue
        fund_type = _fund_of_title(blocks[max(0, index - _NOTE_REACH) : index + 1])
        if fund_type is not None:
            empty.setdefault(fund_type, Evidence.of(document, block))
    return empty


def _fund_of_title(blocks: list[Block]) -> str | None:
    """The fund type whose table title (a short heading ending in 表) is among the blocks."""
    for block in reversed(blocks):
        text = fold(block.text).strip()
        if block.kind is not BlockKind.TABLE and text.endswith("表") and len(text) <= 40:
            return next((fund for fund, words in FUND_TABLE_TITLES.items() if words in text), None)
    return None
