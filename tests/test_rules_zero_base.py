"""`zero_base.*`: growth against a zero prior, completion against a zero budget, share of a zero total,
on the real seed texts and on variants of them with one base set to 0."""

from __future__ import annotations

from pathlib import Path

from budget_reports import rules
from budget_reports.facts import Severity
from budget_reports.rules.zero_base import zero_base
from tests.seed_variants import of_rule, run_text, run_variant, seed_text

S002 = "002_f4d5f3929f6a2ae3.txt"
S004 = "004_127aded49d8bfbe3.txt"


def test_the_rule_is_registered() -> None:
    assert zero_base in rules.FACT_RULES


def test_growth_against_an_implied_zero_prior_is_an_error(tmp_path: Path) -> None:
    # 002 line 91: 因公出国（境）经费支出20.12万元 … 比2022年度增加20.12万元，增长100% (prior 20.12 − 20.12 = 0).
    # Line 95 (公务用车 51.66, +12.87, 33.2%) has a prior of 38.79: no finding there.
    result = run_text(tmp_path, S002, seed_text(S002))
    (found,) = of_rule(result, "zero_base")
    assert (found.rule_id, found.severity, found.subject, found.actual) == (
        "zero_base.growth",
        Severity.ERROR,
        "因公出国（境）费",
        "100",
    )
    assert found.evidence.line == 91 and "增长100%" in found.evidence.snippet


def test_completion_against_a_zero_budget_is_an_error(tmp_path: Path) -> None:
    # 004 line 70: 公务接待费预算为9.4万元，支出决算为9.4万元，完成预算的100%. Zero the budget.
    clean = run_text(tmp_path, S004, seed_text(S004))
    assert of_rule(clean, "zero_base") == []
    result = run_variant(tmp_path, S004, "3.公务接待费预算为9.4万元", "3.公务接待费预算为0万元")
    found = of_rule(result, "zero_base.completion")
    assert [(f.subject, f.actual, f.evidence.line) for f in found] == [("公务接待费", "100", 70)]


def test_a_share_of_a_zero_total_is_an_error(tmp_path: Path) -> None:
    # 002 line 86: 三公经费 72.7万元; line 89 gives its parts' shares (27.7%, 71.1%, 1.2%). Zero the total.
    result = run_variant(tmp_path, S002, "支出决算为72.7万元，完成预算85.6%", "支出决算为0万元，完成预算85.6%")
    found = of_rule(result, "zero_base.share")
    assert sorted(f.subject for f in found) == ["公务接待费", "公务用车购置及运行维护费", "因公出国（境）费"]
    cited = {(m.metric, m.evidence.line) for m in result.summary_metrics if m.share_pct_declared is not None}
    assert {(f.subject, f.evidence.line) for f in found} <= cited
