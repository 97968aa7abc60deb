"""The resolver on a table of prose paths written the ways reports write them (tests/data/classification).

Each row is a path as a report prints it (full names, suffixes left out, numbering, half-width
brackets, codes in the markers, the 类 given once for several 项, earlier editions' names, cut
cells, typos and transpositions) with the code it must resolve to; rows whose expected code is
empty (a shared name without its 款, a code abolished before the edition, a wrong parent) must
stay unresolved. The accuracy is printed and must be 100 %: a row that fails names itself.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from budget_reports.classification.resolver import IssueKind, resolve

TABLE = Path(__file__).parent / "data" / "classification" / "prose_paths.csv"


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _resolve(row: dict[str, str]):
    year = int(row["year"])
    context = None
    if row["context"]:
        context_level = row["context"].rstrip("）")[-1]
        context = resolve(row["context"], context_level, year)
        assert context.resolved, row["context"]
    return resolve(row["text"], row["level"], year, context=context)


def test_the_table_covers_every_way_of_writing_with_over_a_hundred_paths() -> None:
    rows = _rows()
    variants = Counter(row["variant"] for row in rows)
    assert len(rows) >= 100
    for variant in ("suffix omitted", "事务 omitted", "类 once", "typo", "transposition", "ambiguous"):
        assert variants[variant] >= 4, variant
    assert sum(1 for row in rows if not row["expected"]) >= 10


def test_every_path_resolves_to_its_expected_code_or_stays_unresolved() -> None:
    rows = _rows()
    wrong = []
    for row in rows:
        got = _resolve(row).code
        if got != (row["expected"] or None):
            wrong.append((row["variant"], row["text"], row["expected"], got))
    accuracy = 1 - len(wrong) / len(rows)
    print(f"resolver accuracy: {accuracy:.1%} on {len(rows)} prose paths")
    assert wrong == []


def test_an_ambiguous_path_lists_its_candidates() -> None:
    for row in _rows():
        if row["variant"] != "ambiguous":
            continue
        issue = _resolve(row).issues[0]
        assert issue.kind is IssueKind.UNRESOLVED and "多个" in issue.detail
        assert issue.detail.count("、") >= 1, issue.detail  # at least two candidates, code and name


def test_typos_and_transpositions_resolve_and_are_reported_with_the_official_name() -> None:
    for row in _rows():
        if row["variant"] not in ("typo", "transposition"):
            continue
        resolution = _resolve(row)
        near = [i for i in resolution.issues if i.kind is IssueKind.NEAR_MISS]
        assert len(near) == 1, (row["text"], resolution.issues)
        misspelt = next(e for e in resolution.chain.values() if e.code == near[0].subject)
        assert near[0].expected == misspelt.name
