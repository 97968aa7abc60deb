"""The seeds reworded as other reports word them give the same prose facts, figure by figure.

Each rewording is applied to the whole text of every sample report: spaces between figures and units,
items numbered ``（1）`` instead of ``1.``, every amount in 元 with thousands separators instead of 万元,
and 决算数为 / 年初预算数为 for 支出决算为 / 年初预算为. Every narrative summary metric, 类/款/项 line and
income row of the original must come out unchanged, and nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport, SourceKind
from tests.conftest import SEED_FILES
from tests.prose_support import extract_file, extract_text, lines, metrics


def _spaced(text: str) -> str:
    return re.sub(r"(\d)(万元|%)", r"\1 \2", text)


def _bracket_numbering(text: str) -> str:
    return re.sub(r"(?m)^(\d+)[.．、](?=\D)", r"（\1）", text)


def _in_yuan(text: str) -> str:
    # Thresholds (单价50万元以上) name a class of assets, not an amount: they stay as printed.
    return re.sub(
        r"(?<![\d.,])(\d+(?:\.\d+)?)万元(?!(?:（含）)?以上)", lambda m: f"{Decimal(m.group(1)) * 10000:,.2f}元", text
    )


def _other_verbs(text: str) -> str:
    return text.replace("支出决算为", "决算数为").replace("年初预算为", "年初预算数为")


REWORDINGS: dict[str, Callable[[str], str]] = {
    "spaced": _spaced,
    "bracket-numbering": _bracket_numbering,
    "in-yuan": _in_yuan,
    "other-verbs": _other_verbs,
}


def _facts(result: ExtractedReport) -> set[tuple[object, ...]]:
    found: set[tuple[object, ...]] = set()
    for m in metrics(result):
        figures = (m.value, m.budget_value, m.change_value, m.change_pct_declared, m.completion_pct_declared)
        found.add(("metric", m.metric, m.scope, *figures, m.share_pct_declared))
    for x in lines(result):
        figures = (x.actual, x.budget_initial, x.budget_final, x.completion_pct_declared, x.share_pct_declared)
        found.add(("line", x.name_as_written, *figures))
    for i in result.income:
        if i.source_kind == SourceKind.NARRATIVE:
            found.add(("income", i.source, i.amount, i.share_pct_declared))
    return found


@pytest.mark.parametrize("rewording", list(REWORDINGS))
def test_every_rewording_changes_most_seeds(rewording: str) -> None:
    texts = [seed.read_text(encoding="utf-8") for seed in SEED_FILES]
    assert sum(REWORDINGS[rewording](text) != text for text in texts) >= 3


@pytest.mark.parametrize("rewording", list(REWORDINGS))
@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.name for p in SEED_FILES])
def test_reworded_seed_gives_the_same_prose_facts(tmp_path: Path, seed: Path, rewording: str) -> None:
    original = _facts(extract_file(seed))
    text = REWORDINGS[rewording](seed.read_text(encoding="utf-8"))
    reworded = _facts(extract_text(tmp_path, text, seed.name))
    assert len(original) > 15
    missing, extra = sorted(map(repr, original - reworded)), sorted(map(repr, reworded - original))
    assert (missing, extra) == ([], [])
