"""Prose against the 政府性基金 / 国有资本经营 tables printed empty (``故本表无数据``): the Putuo PDF, and
copies of its document model whose prose states an amount for a fund its table says it has none of."""

from __future__ import annotations

import pytest

from benchmarks.injection import Site, edit_document, read
from budget_reports import rules
from budget_reports.facts import Severity
from budget_reports.rules.no_data_tables import _empty_tables, empty_fund_tables
from tests.conftest import corpus_file
from tests.test_rules_columns import analysed

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def test_the_rule_is_registered() -> None:
    assert empty_fund_tables in rules.FACT_RULES


def test_the_empty_fund_tables_of_putuo_are_recognised_and_agree_with_the_prose() -> None:
    document = read(corpus_file(PUTUO))
    empty = _empty_tables(document)
    assert {fund: note.page for fund, note in empty.items()} == {
        "政府性基金预算财政拨款": 19,
        "国有资本经营预算财政拨款": 20,
    }
    # p. 23: 无政府性基金预算财政拨款收入和支出 (0): no finding.
    assert [
        f for f in analysed(document).findings if f.subject.endswith("财政拨款支出") and "无数据" in f.message
    ] == []


@pytest.mark.parametrize(
    ("line", "old", "new", "metric"),
    [
        (
            21,
            "2024年度无政府性基金预算财政拨款收入和支出",
            "2024年度政府性基金预算财政拨款支出12.50万元",
            "政府性基金预算财政拨款支出",
        ),
        (
            23,
            "2024年度无国有资本经营预算财政拨款收入和支出",
            "2024年度国有资本经营预算财政拨款支出3万元",
            "国有资本经营预算财政拨款支出",
        ),
    ],
)
def test_prose_stating_an_amount_for_an_empty_fund_table_is_an_error(
    line: int, old: str, new: str, metric: str
) -> None:
    changed = edit_document(read(corpus_file(PUTUO)), Site("prose_figure", 23, line, old, new, (), frozenset(), ""))
    assert changed is not None
    found = [f for f in analysed(changed).findings if f.subject == metric and f.rule_id == "consistency.prose_table"]
    assert [(f.severity, f.expected, f.evidence.page, f.evidence.line) for f in found] == [
        (Severity.ERROR, "0", 23, line)
    ]
    assert "本表无数据" in found[0].message
