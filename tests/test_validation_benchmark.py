"""The error-injection benchmark's machinery: a change lands at its place, goes through the reader and
extractors (the changed figure is extracted), and is scored as found or as a false alarm."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from benchmarks.budget_columns import LAYOUTS
from benchmarks.injection import (
    Site,
    edit_text,
    false_alarms,
    is_hit,
    new_findings,
    not_read,
    placed_in_text,
    read,
    run_clean,
    run_injected,
)
from benchmarks.injection_places import line_text
from benchmarks.validation import FAMILIES, ORIGINALS, Benchmarked, serialized, sites_of, with_columns
from budget_reports.text_serializations import SERIALIZERS
from tests.conftest import SEED_DIR

S004 = SEED_DIR / "004_127aded49d8bfbe3.txt"
PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def _sites(path: Path, per_family: int) -> dict[str, list[Site]]:
    return sites_of(Benchmarked(path, path.name), run_clean(path), per_family)


def test_the_documents_are_the_seeds_and_the_corpus() -> None:
    names = {r.path.name for r in ORIGINALS}
    assert {p.name for p in SEED_DIR.glob("*.txt")} <= names
    assert PUTUO in names and all(r.path.exists() for r in ORIGINALS)


def test_each_corpus_pdf_is_also_benchmarked_as_each_extractors_text(tmp_path: Path) -> None:
    texts = serialized(tmp_path)
    pdfs = {r.origin for r in ORIGINALS if r.path.suffix == ".pdf"}
    assert {(r.origin, r.serializer) for r in texts} == {(pdf, s) for pdf in pdfs for s in SERIALIZERS}
    # Every extractor marks its pages with form feeds but pdf.js, whose copy joins them with a line end.
    assert all(r.path.suffix == ".txt" for r in texts)
    assert {r.serializer for r in texts if "\f" not in r.path.read_text(encoding="utf-8")} == {"pdfjs"}


def test_a_figure_the_changed_text_does_not_give_is_not_read_not_missed(tmp_path: Path) -> None:
    # Putuo as pypdfium2 text (one row per line, empty cells dropped): 10.00 of 2010602 一般行政管理事务
    # sits in 项目支出 because 合计 = 基本 + 项目 places it there. Changed to 60.00 in 合计 only, the row's
    # sums no longer settle which column each figure belongs to.
    (text,) = [r for r in serialized(tmp_path / "texts") if (r.origin, r.serializer) == (PUTUO, "pypdfium2")]
    clean = run_clean(text.path)
    (row,) = [ln for ln in clean.expenditure_function if ln.code == "2010602" and ln.source_table == "支出决算表"]
    site = Site(
        "sum", row.evidence.page, row.evidence.line or 0, "10.00 10.00", "60.00 10.00", ("sum.",), frozenset(), ""
    )
    injected = run_injected(text.path, site, tmp_path)
    assert injected is not None
    found = new_findings(clean, injected)
    assert not_read(site, clean, injected, found)
    # A figure the text still gives, or a changed word, is read: a miss there is a miss.
    same = Site("sum", site.page, site.line, "10.00", "10.00", ("sum.",), frozenset(), "")
    assert not not_read(same, clean, clean, [])
    word = Site("direction", site.page, site.line, "增加", "减少", ("wording.",), frozenset(), "")
    assert not not_read(word, clean, clean, [])


def test_a_text_change_is_made_on_its_line_only() -> None:
    text = "甲\n基本支出686.2万元\n乙686.2\n"
    site = Site("sum", None, 2, "686.2", "696.2", (), frozenset(), "")
    assert edit_text(text, site) == "甲\n基本支出696.2万元\n乙686.2\n"
    assert edit_text(text, Site("sum", None, 3, "基本", "X", (), frozenset(), "")) is None  # not on that line


def test_a_change_in_a_copy_marking_no_page_lands_on_the_page_its_numbers_give() -> None:
    # A browser's copy: pages joined by line ends, each page's number at its foot (readers.text.text_pages).
    pages = [
        [f"第{p}页第{n}行：本年支出{p}{n}.50万元，较上年增加。" for n in range(1, 15)] + [f"- {p} -"] for p in (1, 2, 3)
    ]
    text = "\n".join(line for page in pages for line in page)
    site = Site("prose_figure", 2, 3, "23.50", "23.60", (), frozenset(), "")
    changed = edit_text(text, site)
    assert changed is not None and changed == text.replace("本年支出23.50万元", "本年支出23.60万元")
    assert "\f" not in changed


def test_every_family_has_places_in_the_real_reports(tmp_path: Path) -> None:
    # No report we hold prints budget columns in a table: prose_budget has its places in the seeds given one.
    found = {family for path in (r.path for r in ORIGINALS) for family, sites in _sites(path, 2).items() if sites}
    assert found == set(FAMILIES) - {"prose_budget"}
    given = with_columns(tmp_path)
    assert {r.layout for r in given} == {layout.name for layout in LAYOUTS}
    with_places = {r.origin[:3] for r in given if _sites(r.path, 2)["prose_budget"]}
    assert {"000", "001", "002", "004"} <= with_places


def test_an_injected_economic_three_public_line_is_found_without_false_alarm(tmp_path: Path) -> None:
    (site, *_) = _sites(S004, 1)["three_public"]
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
    (site, *_) = _sites(S004, 1)["three_public"]
    injected = run_injected(S004, site, tmp_path)
    assert injected is not None
    elsewhere = Site("sum", None, 12, site.old, site.new, site.expect, frozenset({"机关运行经费"}), "")
    found = new_findings(run_clean(S004), injected)
    assert not any(is_hit(elsewhere, f) for f in found) and false_alarms(elsewhere, found)


def test_a_pdf_injection_is_made_at_the_same_figure_of_its_text(tmp_path: Path) -> None:
    # Putuo p. 21 line 20 of the PDF: 一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%; the
    # total 2940.05 is printed three times on the page, the line sharing most with the PDF's is chosen.
    pdf = next(r.path for r in ORIGINALS if r.origin == PUTUO)
    site = Site("prose_figure", 21, 20, "2940.05", "2960.05", ("consistency.",), frozenset(), "", 22)
    printed = line_text(read(pdf), 21, 20) or ""
    assert "占本年支出合计" in printed
    (text,) = [r for r in serialized(tmp_path) if (r.origin, r.serializer) == (PUTUO, "pypdfium2")]
    content = text.path.read_text(encoding="utf-8")
    placed = placed_in_text(site, printed, content)
    assert placed is not None and placed.page == 21
    assert "2940.05万元，占本年支出合计" in content.split("\f")[20].split("\n")[placed.line - 1]
    assert placed_in_text(dataclasses.replace(site, old="1234.56"), printed, content) is None
    # pdf.js's copy of the same PDF marks no page and prints no page number: the figure is sought in all of it.
    (copied,) = [r for r in serialized(tmp_path) if (r.origin, r.serializer) == (PUTUO, "pdfjs")]
    whole = copied.path.read_text(encoding="utf-8")
    placed = placed_in_text(site, printed, whole)
    assert placed is not None and placed.page is None
    assert "2940.05万元，占本年支出合计" in whole.split("\n")[placed.line - 1]
