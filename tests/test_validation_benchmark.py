"""The error-injection benchmark's machinery: a change lands at its place, goes through the reader and
extractors (the changed figure is extracted), and is scored as found or as a false alarm."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from benchmarks.injection import Site, edit_text, false_alarms, is_hit, new_findings, run_clean, run_injected
from benchmarks.validation import DOCUMENTS, FAMILIES, sites_of
from tests.conftest import SEED_DIR

S004 = SEED_DIR / "004_127aded49d8bfbe3.txt"


def test_the_documents_are_the_seeds_and_the_corpus() -> None:
    names = {p.name for p in DOCUMENTS}
    assert {p.name for p in SEED_DIR.glob("*.txt")} <= names
    assert "shanghai-putuo-finance-bureau-2024-final.pdf" in names and all(p.exists() for p in DOCUMENTS)


def test_a_text_change_is_made_on_its_line_only() -> None:
    text = "甲\n基本支出686.2万元\n乙686.2\n"
    site = Site("sum", None, 2, "686.2", "696.2", (), frozenset(), "")
    assert edit_text(text, site) == "甲\n基本支出696.2万元\n乙686.2\n"
    assert edit_text(text, Site("sum", None, 3, "基本", "X", (), frozenset(), "")) is None  # not on that line


def test_every_family_has_places_in_the_real_reports() -> None:
    found = {family for path in DOCUMENTS for family, sites in sites_of(path, 2).items() if sites}
    assert found == set(FAMILIES)


def test_an_injected_economic_three_public_line_is_found_without_false_alarm(tmp_path: Path) -> None:
    (site, *_) = sites_of(S004, 1)["three_public"]
    assert (site.line, site.old) == (58, "公务接待费9.4")
    injected = run_injected(S004, site, tmp_path)
    assert injected is not None
    raised = [ln.amount for ln in injected.expenditure_economic if ln.name == "公务接待费"]
    assert raised == [Decimal(site.new.removeprefix("公务接待费"))]
    found = new_findings(run_clean(S004), injected)
    assert any(is_hit(site, f) for f in found)
    assert false_alarms(site, found) == []


def test_an_unrelated_new_error_is_a_false_alarm(tmp_path: Path) -> None:
    # The same change scored as if it had been made elsewhere: its findings are then false alarms.
    (site, *_) = sites_of(S004, 1)["three_public"]
    injected = run_injected(S004, site, tmp_path)
    assert injected is not None
    elsewhere = Site("sum", None, 12, site.old, site.new, site.expect, frozenset({"机关运行经费"}), "")
    found = new_findings(run_clean(S004), injected)
    assert not any(is_hit(elsewhere, f) for f in found) and false_alarms(elsewhere, found)
