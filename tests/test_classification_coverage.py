"""The reference's size per scheme and edition, pinned, and documented as shipped."""

from __future__ import annotations

import polars as pl

from budget_reports.classification.coverage import DOCUMENTS, changes, coverage, rows_citing, with_table
from budget_reports.classification.reference import DATA_DIR, SCHEMES, edition, source_documents, sources
from budget_reports.runs import PROJECT_ROOT

# (scheme, edition) -> (类, 款, 项, rows checked against a document of that edition)
PINNED = {
    ("function", 2019): (29, 177, 598, 0),
    ("function", 2020): (30, 177, 598, 0),
    ("function", 2021): (30, 177, 604, 26),
    ("function", 2023): (30, 177, 604, 34),
    ("function", 2024): (30, 178, 605, 63),
    ("function", 2025): (30, 180, 605, 11),
    ("function", 2026): (30, 180, 605, 18),
    ("economic", 2018): (10, 97, 0, 32),
    ("economic", 2019): (10, 97, 0, 0),
    ("economic", 2020): (10, 97, 0, 11),
    ("economic", 2024): (10, 97, 0, 65),
    ("economic", 2026): (10, 97, 0, 33),
    ("economic_gov", 2018): (15, 60, 0, 10),
    ("economic_gov", 2024): (15, 60, 0, 12),
    ("economic_gov", 2026): (15, 60, 0, 0),
    ("income", 2023): (4, 30, 0, 0),
    ("income", 2024): (4, 30, 2, 4),
    ("income", 2025): (4, 30, 3, 1),
    ("income", 2026): (4, 30, 3, 0),
}


def test_counts_per_scheme_and_edition_are_pinned() -> None:
    frame = coverage()
    for (scheme, year), (classes, kuan, xiang, checked) in PINNED.items():
        rows = frame.filter(scheme=scheme, edition_year=year)
        by_level = dict(zip(rows["level"], rows["codes"], strict=True))
        assert (by_level.get("类", 0), by_level.get("款", 0), by_level.get("项", 0)) == (classes, kuan, xiang)
        assert rows["checked"].sum() == checked, (scheme, year)


def test_the_docs_show_the_shipped_counts_sources_and_changes() -> None:
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        assert "<!-- coverage:start -->" in text and "<!-- sources:start -->" in text, document
        assert text == with_table(text), f"run `python -m budget_reports.classification.coverage` ({document.name})"


def test_every_checked_tag_names_a_documented_source_of_the_editions_it_proves() -> None:
    tags = set()
    for name in (f"{scheme}.csv" for scheme in SCHEMES):
        column = pl.read_csv(DATA_DIR / name, infer_schema=False)["checked"].drop_nulls()
        tags |= {tag for cell in column for tag in cell.split(";") if tag}
    assert tags <= set(sources())
    assert all(years and all(2018 <= y <= 2026 for y in years) for years in sources().values())


def test_changes_between_editions_are_derived_from_the_rows() -> None:
    found = changes()
    assert ("function", 2021, "21305", "renamed", "扶贫 → 巩固脱贫攻坚成果衔接乡村振兴") in found
    assert ("function", 2020, "234", "added", "抗疫特别国债安排的支出") in found
    # the Ministry's revision notices of the 2024 and 2025 editions
    assert ("function", 2024, "22006", "added", "耕地保护考核奖惩基金支出") in found
    assert ("function", 2025, "22911", "added", "中央金融机构注资特别国债财务基金支出") in found
    assert ("income", 2024, "1030182", "added", "耕地保护考核奖惩基金收入") in found
    assert {(s, y) for s, y, *_ in found} == {
        ("function", 2020),
        ("function", 2021),
        ("function", 2024),
        ("function", 2025),
        ("income", 2024),
        ("income", 2025),
    }


def test_every_source_says_where_it_is_and_what_kind_of_document_it_is() -> None:
    for tag, row in source_documents().items():
        assert row["kind"] and row["url"], tag
        if row["url"].startswith(("tests/", "data/")):  # a corpus report or the seeds: the file is in the repository
            assert (PROJECT_ROOT / row["url"]).exists(), tag
    assert all(sum(per_scheme.values()) > 0 for per_scheme in rows_citing().values()), "a source no row cites"


def test_rows_a_source_confirms_carry_its_tag_for_its_edition_only() -> None:
    veterans = edition("function", 2023)
    assert [veterans.get(c).name for c in ("2080903", "2080904", "2080905")] == [
        "军队移交政府离退休干部管理机构",
        "退役士兵管理教育",
        "军队转业干部安置",
    ]
    assert veterans.get("2080905").checked == ("web-xzcs-2023-20809",)
    assert edition("function", 2024).get("2080905").checked == ()  # a 2023 page proves nothing of 2024
    assert (
        edition("function", 2023).get("22006") is None and edition("function", 2024).get("22006").parent_code == "220"
    )
    assert edition("economic_gov", 2024).get("50206").checked == ("mof-central-econ-2024",)
    assert edition("economic", 2020).get("30112").checked == ("web-econ-dept-2020",)
