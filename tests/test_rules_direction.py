"""`wording.direction` and `wording.comparison` on real report text and on variants with one direction
word flipped (the budget and actual of a line, the amount and rate of a change)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.injection import Site, edit_document, read
from budget_reports.facts import Severity
from budget_reports.rules.wording import wording_comparison
from tests.conftest import corpus_file
from tests.seed_variants import of_rule, run_text, run_variant, seed_text
from tests.test_rules_fixtures import report

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
# Putuo p. 22: 年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数 …
BUDGET_ACTUAL = "年初预算为135.90万元，支出决算为135.25万元。决算数小于"


def _flip(old: str, new: str):
    document = read(corpus_file(PUTUO))
    for block in document.text_blocks():
        if old in block.text and block.line is not None:
            last = block.line + max(len(block.line_starts), 1) - 1
            site = Site("direction", block.page, block.line, old, new, (), frozenset(), "", last)
            changed = edit_document(document, site)
            assert changed is not None
            return changed
    raise AssertionError(f"{old} not in {PUTUO}")


def test_the_real_verdicts_of_the_putuo_report_agree_with_their_figures() -> None:
    document = read(corpus_file(PUTUO))
    assert any(BUDGET_ACTUAL in b.text for b in document.text_blocks())
    assert [f for f in wording_comparison(report(), document) if f.rule_id == "wording.direction"] == []


@pytest.mark.parametrize("word", ["大于", "等于"])
def test_a_verdict_contradicting_the_budget_and_actual_is_reported(word: str) -> None:
    document = _flip(BUDGET_ACTUAL, BUDGET_ACTUAL.replace("小于", word))
    found = [f for f in wording_comparison(report(), document) if f.rule_id == "wording.direction"]
    assert [(f.severity, f.expected, f.actual, f.evidence.page) for f in found] == [
        (Severity.WARNING, "小于", word, 22)
    ]
    assert "135.90" in found[0].message and "135.25" in found[0].message


@pytest.mark.parametrize("word", ["大于", "小于"])
def test_equal_budget_and_actual_must_be_said_equal(tmp_path: Path, word: str) -> None:
    # 004 line 61: 预算为9.4万元，支出决算为9.4万元，完成预算的100%。决算数与预算数持平. The 100% printed
    # without decimals settles nothing, the two amounts do.
    name = "004_127aded49d8bfbe3.txt"
    assert of_rule(run_text(tmp_path, name, seed_text(name)), "wording") == []
    sentence = "支出预算为9.4万元，支出决算为9.4万元，完成预算的100%。决算数与预算数持平"
    changed = run_variant(tmp_path, name, sentence, sentence.replace("与预算数持平", f"{word}预算数"))
    found = of_rule(changed, "wording.direction")
    assert [(f.expected, f.actual, f.evidence.line) for f in found] == [("等于", word, 61)]


def test_an_amount_and_a_rate_of_opposite_directions_are_reported(tmp_path: Path) -> None:
    # 004 line 79: 机关运行经费支出289.99万元，比2022年度减少35.56万元，下降10.9%. Flip the rate's word.
    name = "004_127aded49d8bfbe3.txt"
    changed = run_variant(tmp_path, name, "减少35.56万元，下降10.9%", "减少35.56万元，增长10.9%")
    found = of_rule(changed, "wording.comparison")
    assert [(f.subject, f.expected, f.actual, f.evidence.line) for f in found] == [("增减方向", "减少", "增长", 79)]


def test_a_verdict_judged_by_its_completion_rate_is_reported_once(tmp_path: Path) -> None:
    # 004 line 61 gives the budget, the actual and the rate before its verdict. With an actual of 8.4 (89.36%)
    # and the verdict 大于, the one wrong word is one finding (the completion rate's), not two.
    name = "004_127aded49d8bfbe3.txt"
    sentence = "支出预算为9.4万元，支出决算为9.4万元，完成预算的100%。决算数与预算数持平"
    wrong = "支出预算为9.4万元，支出决算为8.4万元，完成预算的89.36%。决算数大于预算数"
    found = of_rule(run_variant(tmp_path, name, sentence, wrong), "wording")
    assert [(f.rule_id, f.expected, f.actual, f.evidence.line) for f in found] == [
        ("wording.comparison", "小于", "大于", 61)
    ]


@pytest.mark.parametrize(("word", "rate_word"), [("减少", "下降"), ("增加", "增长")])
def test_a_direction_word_before_a_negative_figure_is_reported(tmp_path: Path, word: str, rate_word: str) -> None:
    # 004 line 79 with the table's negative difference copied after a word: 比2022年度减少-35.56万元，下降-10.9%.
    # Each pairing of word and sign leaves the direction open; the extractor keeps the printed sign.
    name = "004_127aded49d8bfbe3.txt"
    assert of_rule(run_text(tmp_path, name, seed_text(name)), "wording") == []
    changed = run_variant(tmp_path, name, "减少35.56万元，下降10.9%", f"{word}-35.56万元，{rate_word}-10.9%")
    found = of_rule(changed, "wording.comparison")
    assert [(f.expected, f.actual, f.evidence.line) for f in found] == [
        (f"{word}35.56万元", f"{word}-35.56万元", 79),
        (f"{rate_word}10.9%", f"{rate_word}-10.9%", 79),
    ]
    said = next(x for x in changed.summary_metrics if x.metric == "机关运行经费" and x.change_value is not None)
    assert (said.change_value, said.change_pct_declared) == (Decimal("-35.56"), Decimal("-10.9"))
