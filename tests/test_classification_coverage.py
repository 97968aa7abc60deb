"""The reference's size per scheme and edition, pinned, and documented as shipped."""

from __future__ import annotations

import polars as pl

from budget_reports.classification.coverage import README, changes, coverage, with_table
from budget_reports.classification.reference import DATA_DIR, sources

# (scheme, edition) -> (类, 款, 项, rows checked against a document of that edition)
PINNED = {
    ("function", 2019): (29, 176, 595, 0),
    ("function", 2020): (30, 176, 595, 0),
    ("function", 2021): (30, 176, 601, 26),
    ("function", 2023): (30, 176, 601, 27),
    ("function", 2024): (30, 176, 601, 60),
    ("function", 2026): (30, 176, 601, 18),
    ("economic", 2018): (10, 97, 0, 0),
    ("economic", 2024): (10, 97, 0, 65),
    ("economic", 2026): (10, 97, 0, 33),
    ("economic_gov", 2018): (15, 60, 0, 0),
    ("economic_gov", 2026): (15, 60, 0, 0),
}


def test_counts_per_scheme_and_edition_are_pinned() -> None:
    frame = coverage()
    for (scheme, year), (classes, kuan, xiang, checked) in PINNED.items():
        rows = frame.filter(scheme=scheme, edition_year=year)
        by_level = dict(zip(rows["level"], rows["codes"], strict=True))
        assert (by_level.get("类", 0), by_level.get("款", 0), by_level.get("项", 0)) == (classes, kuan, xiang)
        assert rows["checked"].sum() == checked, (scheme, year)


def test_the_readme_shows_the_shipped_counts() -> None:
    text = README.read_text(encoding="utf-8")
    assert text == with_table(text), "run `python -m budget_reports.classification.coverage` and commit the README"


def test_every_checked_tag_names_a_documented_source_of_the_editions_it_proves() -> None:
    tags = set()
    for name in ("function.csv", "economic.csv", "economic_gov.csv"):
        column = pl.read_csv(DATA_DIR / name, infer_schema=False)["checked"].drop_nulls()
        tags |= {tag for cell in column for tag in cell.split(";") if tag}
    assert tags <= set(sources())
    assert all(years and all(2018 <= y <= 2026 for y in years) for years in sources().values())


def test_changes_between_editions_are_derived_from_the_rows() -> None:
    found = changes()
    assert ("function", 2021, "21305", "renamed", "扶贫 → 巩固脱贫攻坚成果衔接乡村振兴") in found
    assert ("function", 2020, "234", "added", "抗疫特别国债安排的支出") in found
    assert {(s, y) for s, y, *_ in found} == {("function", 2020), ("function", 2021)}  # none recorded since
