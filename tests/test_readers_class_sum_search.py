"""Splitting a table's figures into group totals, class totals and lines by the sums alone
(``readers/class_sum_search.py``), the figures taken in any order."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from budget_reports.readers.class_sum_search import Group, agreed, fits, splits

GROUPS = [Group(("301", "303"), True), Group(("302", "310"), True)]
# Putuo's 2024 基本支出决算表: 301 and 302 are their lines' sums only within rounding.
PUTUO = {
    "groups": ["2,152.26", "184.65"],
    "301": ["2,082.85", "262.33", "1,238.58", "160.75", "80.38", "60.99", "1.61", "187.19", "91.03"],
    "303": ["69.41", "69.10", "0.31"],
    "302": [
        "171.07",
        "21.21",
        "7.61",
        "0.09",
        "4.88",
        "1.20",
        "2.83",
        "4.05",
        "2.01",
        "24.42",
        "42.77",
        "48.49",
        "11.53",
    ],
    "310": ["13.58", "13.58"],
}
# The prose names 8 lines of 301 and 2 of 303; the table prints 9 lines of 310.
BOUNDS = {"301": (8, 14), "303": (2, 11), "302": (12, 28), "310": (1, 9)}


def _values(figures: list[str]) -> list[Decimal]:
    return [Decimal(f.replace(",", "")) for f in figures]


def _putuo(seed: int) -> list[Decimal]:
    figures = [f for part in PUTUO.values() for f in part]
    random.Random(seed).shuffle(figures)
    return _values(figures)


@pytest.mark.parametrize("seed", range(6))
def test_the_totals_do_not_depend_on_the_print_order(seed: int) -> None:
    values = _putuo(seed)
    found = splits(values, GROUPS, BOUNDS, (Decimal("2152.26"), Decimal("184.65")))
    assert found
    known = agreed(values, GROUPS, found)
    assert known.group_totals == (Decimal("2152.26"), Decimal("184.65"))
    assert known.class_totals == {
        "301": Decimal("2082.85"),
        "303": Decimal("69.41"),
        "302": Decimal("171.07"),
        "310": Decimal("13.58"),
    }
    for code in ("301", "303", "302", "310"):
        assert sorted(known.lines_of_class[code].elements()) == sorted(_values(PUTUO[code][1:]))


def test_classes_of_one_group_trade_places_without_more_evidence() -> None:
    """By the sums alone 301 and 303 (and the two groups) may trade places: no class total is
    agreed, and each line figure may be in either class."""
    values = _putuo(0)
    found = splits(values, GROUPS)
    assert found
    known = agreed(values, GROUPS, found)
    assert known.class_totals == {}
    assert known.open_groups == {0, 1}
    assert all(len(classes) > 1 for classes in known.classes_of.values())


def test_a_stated_group_total_the_table_does_not_print_leaves_no_split() -> None:
    assert splits(_putuo(1), GROUPS, BOUNDS, (Decimal("2152.36"), None)) == []


def test_a_group_without_a_total_or_too_many_steps_is_not_searched() -> None:
    assert splits(_putuo(2), [Group(("301", "303"), False), GROUPS[1]]) is None
    assert splits(_putuo(2), GROUPS, bound=50) is None


def test_a_sum_holds_within_the_rounding_of_every_figure() -> None:
    assert fits(Decimal("2082.85"), _values(PUTUO["301"][1:]))  # 2082.86: off by 0.01 over 8 lines
    assert not fits(Decimal("2082.85"), _values(PUTUO["301"][1:3]))
    assert not fits(Decimal("13.58"), [Decimal("13.50")])
