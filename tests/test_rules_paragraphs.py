"""`consistency.paragraph`: one classification line's paragraph gives it one 决算数, on the seeds' own
sentences and on variants that open with another figure than the 支出决算为 that follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports import rules
from budget_reports.facts import Severity
from budget_reports.rules.paragraphs import paragraph_consistency
from tests.seed_variants import of_rule, run_text, run_variant, seed_text

S000 = "000_1ca1b4d95d915062.txt"
S001 = "001_8af6c6b53bb795b2.txt"
# 000 line 93: …行政运行（项）:支出决算为352.7万元，完成预算100%。
LINE_93 = "行政运行（项）:支出决算为352.7万元，完成预算100%。"


def test_the_rule_is_registered() -> None:
    assert paragraph_consistency in rules.DOCUMENT_RULES


@pytest.mark.parametrize("name", [S000, S001, "004_127aded49d8bfbe3.txt"])
def test_the_seeds_lines_each_give_one_figure(tmp_path: Path, name: str) -> None:
    # 001 line 45 lists two 项 in one block (224.37, then 155.56): each is compared with itself only.
    assert of_rule(run_text(tmp_path, name, seed_text(name)), "consistency.paragraph") == []


def test_an_opening_figure_contradicted_by_the_actual_is_an_error(tmp_path: Path) -> None:
    variant = "行政运行（项）352.7万元。主要用于机关运行，支出决算为325.7万元，完成预算100%。"
    found = of_rule(run_variant(tmp_path, S000, LINE_93, variant), "consistency.paragraph")
    assert [(f.severity, f.expected, f.actual, f.evidence.line) for f in found] == [
        (Severity.ERROR, "352.7", "325.7", 93)
    ]


def test_an_opening_figure_restated_alike_passes(tmp_path: Path) -> None:
    variant = "行政运行（项）352.70万元。主要用于机关运行，支出决算为352.7万元，完成预算100%。"
    assert of_rule(run_variant(tmp_path, S000, LINE_93, variant), "consistency.paragraph") == []


def test_another_years_actual_is_not_compared(tmp_path: Path) -> None:
    variant = "行政运行（项）:支出决算为352.7万元，完成预算100%，上年支出决算为325.7万元。"
    assert of_rule(run_variant(tmp_path, S000, LINE_93, variant), "consistency.paragraph") == []
