"""`three_public.economic`: 30212 / 30217 / 30231 / 31013 of basic expenditure within the 三公 决算."""

from __future__ import annotations

from pathlib import Path

from budget_reports import rules
from budget_reports.facts import Severity
from budget_reports.rules.three_public import economic_vs_three_public
from tests.seed_variants import of_rule, run_text, run_variant, seed_text

SEED = "004_127aded49d8bfbe3.txt"
# 004, line 58 itemises 公用经费 with 公务接待费9.4万元; line 70: 公务接待费支出决算为9.4万元.
RECEPTION = "培训费13万元、公务接待费9.4万元、劳务费"


def test_the_rule_is_registered() -> None:
    assert economic_vs_three_public in rules.FACT_RULES


def test_an_economic_line_equal_to_the_three_public_figure_passes(tmp_path: Path) -> None:
    result = run_text(tmp_path, SEED, seed_text(SEED))
    assert any(ln.name == "公务接待费" and str(ln.amount) == "9.4" for ln in result.expenditure_economic)
    assert of_rule(result, "three_public") == []


def test_an_economic_line_above_the_three_public_figure_is_an_error(tmp_path: Path) -> None:
    result = run_variant(tmp_path, SEED, RECEPTION, RECEPTION.replace("9.4", "19.4"))
    (found,) = of_rule(result, "three_public.economic")
    assert (found.severity, found.subject, found.expected, found.actual) == (
        Severity.ERROR,
        "30217 公务接待费",
        "9.4",
        "19.4",
    )
    assert found.evidence.line == 58 and "公务接待费19.4万元" in found.evidence.snippet


def test_a_line_below_the_three_public_figure_passes(tmp_path: Path) -> None:
    # Project spending may add reception costs: the basic-expenditure line may be smaller.
    result = run_variant(tmp_path, SEED, RECEPTION, RECEPTION.replace("9.4", "5.4"))
    assert of_rule(result, "three_public") == []
