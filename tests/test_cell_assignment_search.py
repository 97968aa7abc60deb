"""The column-sum search keeps exactly the placements that some choice of the other lines' placements
makes add up, checked against every combination tried one by one (in Decimal, as printed)."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations, permutations, product
from math import prod

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_reports.normalize import half_step, printed_step
from budget_reports.readers.cell_assignment import _MAX_STATES, RowFigures, narrow_by_columns, row_candidates


def _printed(cells: list[int], places: int) -> tuple[Decimal, ...]:
    """A line as a text writes it: its empty cells dropped, the others in the given precision."""
    return tuple(Decimal(c).scaleb(-places) for c in cells if c != 0)


def _brute_force(members: list[RowFigures], width: int) -> list[list[tuple[int, ...]]]:
    tolerance = sum((printed_step(v) / 2 for m in members for v in m.values), Decimal(0))
    kept: list[set[tuple[int, ...]]] = [set() for _ in members]
    for choice in product(*(m.candidates for m in members)):
        columns = [m.vector(c, width) for m, c in zip(members, choice, strict=True)]
        if all(abs(columns[0][k] - sum(v[k] for v in columns[1:])) <= tolerance for k in range(width)):
            for i, c in enumerate(choice):
                kept[i].add(c)
    return [[c for c in m.candidates if c in k] for m, k in zip(members, kept, strict=True)]


_cell = st.integers(min_value=0, max_value=9) | st.integers(min_value=10, max_value=99_999)


@settings(max_examples=300, deadline=None)
@given(
    width=st.integers(min_value=2, max_value=5),
    lines=st.integers(min_value=1, max_value=5),
    data=st.data(),
    places=st.sampled_from([0, 2]),
    negative=st.booleans(),
)
def test_the_search_keeps_what_trying_every_combination_keeps(
    width: int, lines: int, data: st.DataObject, places: int, negative: bool
) -> None:
    children_cells = [data.draw(st.lists(_cell, min_size=width, max_size=width)) for _ in range(lines)]
    if negative:  # a refund printed as a negative figure: no branch may be cut on the sign
        children_cells[0][0] = -children_cells[0][0]
    parent_cells = [sum(column) for column in zip(*children_cells, strict=True)]
    if data.draw(st.booleans()):  # a misprint: the lines no longer add up in one column
        parent_cells[-1] += 7
    members = [row_candidates(_printed(cells, places), width, ()) for cells in [parent_cells, *children_cells]]
    before = [list(m.candidates) for m in members]
    beyond_the_search = prod(len(m.candidates) for m in members) > _MAX_STATES
    expected = before if beyond_the_search else _brute_force(members, width)
    changed = narrow_by_columns(members[0], members[1:], width)
    after = [m.candidates for m in members]
    if all(expected) and expected != before:
        assert changed and after == expected
    else:  # nothing adds up (left to the rules), nothing to remove or too many to try: every placement stays
        assert not changed and after == before


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(min_value=2, max_value=5),
    lines=st.integers(min_value=1, max_value=4),
    data=st.data(),
    places=st.sampled_from([0, 2]),
)
def test_lines_printing_figures_in_the_same_columns_keep_what_trying_every_combination_keeps(
    width: int, lines: int, data: st.DataObject, places: int
) -> None:
    """Every line prints its figures in the same columns (a 类 printing its one 款's figures), so
    all have the same placements: the search is skipped only when every placement is kept."""
    columns = data.draw(st.sets(st.integers(min_value=0, max_value=width - 1), min_size=1, max_size=width - 1))
    nonzero = st.integers(min_value=1, max_value=99_999)
    children_cells = [[data.draw(nonzero) if k in columns else 0 for k in range(width)] for _ in range(lines)]
    parent_cells = [sum(column) for column in zip(*children_cells, strict=True)]
    if data.draw(st.booleans()):  # a misprint: the lines no longer add up in one column
        parent_cells[max(columns)] += 7
    members = [row_candidates(_printed(cells, places), width, ()) for cells in [parent_cells, *children_cells]]
    before = [list(m.candidates) for m in members]
    assert all(m.candidates == before[0] for m in members)
    expected = before if prod(len(m.candidates) for m in members) > _MAX_STATES else _brute_force(members, width)
    changed = narrow_by_columns(members[0], members[1:], width)
    after = [m.candidates for m in members]
    if all(expected) and expected != before:
        assert changed and after == expected
    else:
        assert not changed and after == before


def test_lines_placed_alike_whose_figures_add_up_only_across_columns_are_searched() -> None:
    """The same placements for every line, but the figures add up only with the lines in different
    columns (a refund printed negative cancels a figure): the search, not the shortcut, answers."""
    members = [row_candidates(_printed(cells, 0), 3, ()) for cells in ([10, 10, 0], [10, 0, 3], [0, 10, -3])]
    assert all(m.candidates == members[0].candidates for m in members)
    expected = _brute_force(members, 3)
    assert expected[0] == [(0, 1)]  # the parent's figures are settled by the lines' sums
    assert narrow_by_columns(members[0], members[1:], 3)
    assert [m.candidates for m in members] == expected


def test_a_class_and_its_lines_settle_each_other() -> None:
    # 合计 | 基本支出 | 项目支出 with the empty cells dropped: 120.00 could be either part of the class.
    width = 3
    parent = row_candidates((Decimal("150.00"), Decimal("120.00"), Decimal("30.00")), width, ((0, (1, 2)),))
    child_a = row_candidates((Decimal("120.00"), Decimal("120.00")), width, ((0, (1, 2)),))
    child_b = row_candidates((Decimal("30.00"), Decimal("30.00")), width, ((0, (1, 2)),))
    assert len(child_a.candidates) == 2 and len(child_b.candidates) == 2
    assert narrow_by_columns(parent, [child_a, child_b], width)
    assert child_a.candidates == [(0, 1)] and child_b.candidates == [(0, 2)]


def _keeps_sums(values: tuple[Decimal, ...], placement: tuple[int, ...], width: int, sums) -> bool:
    row = RowFigures(values, [placement])
    cells = row.vector(placement, width)
    half = {col: printed_step(v) / 2 for v, col in zip(values, placement, strict=True)}
    return all(
        abs(cells[total] - sum(cells[p] for p in parts)) <= sum(half.get(c, Decimal(0)) for c in (total, *parts))
        for total, parts in sums
    )


_SUMS = {
    # 合计 = every other column (收入决算表, 支出决算表 …)
    "total of all": lambda width: ((0, tuple(range(1, width))),),
    # 合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费
    "nested": lambda width: ((0, (1, 2)), (1, tuple(range(3, width)))),
}


@settings(max_examples=300, deadline=None)
@given(
    width=st.integers(min_value=4, max_value=8),
    layout=st.sampled_from(sorted(_SUMS)),
    cells=st.lists(_cell, min_size=8, max_size=8),
    places=st.sampled_from([0, 1, 2]),
    misprint=st.booleans(),
)
def test_a_rows_placements_are_those_that_keep_its_sums(
    width: int, layout: str, cells: list[int], places: int, misprint: bool
) -> None:
    sums = _SUMS[layout](width)
    row = cells[:width]
    for total, parts in reversed(sums):  # a consistent row, the empty cells dropped when printed
        row[total] = sum(row[p] for p in parts)
    if misprint:
        row[0] += 3
    values = _printed(row, places)
    expected = [p for p in combinations(range(width), len(values)) if _keeps_sums(values, p, width, sums)]
    if len(values) == width:  # nothing dropped: the printed order is the placement, whatever the sums say
        expected = [tuple(range(width))]
    assert row_candidates(values, width, sums).candidates == expected


@pytest.mark.parametrize(
    ("placement", "expected", "slack", "scale", "agrees"),
    [
        ((0, 1), Decimal("0.95"), Decimal("0.005"), Decimal(1), True),  # column 1 holds 0.95
        ((0, 1), Decimal("0.96"), Decimal("0.005"), Decimal(1), True),  # 0.95 ± 0.005 meets 0.96 ± 0.005
        ((0, 1), Decimal("0.97"), Decimal("0.005"), Decimal(1), False),
        ((1, 0), Decimal("0.95"), Decimal("0.005"), Decimal(1), False),  # 12.00 in column 1, 0.95 in 0
        ((1, 0), Decimal("12.00"), Decimal("0.005"), Decimal(1), True),
        ((0, 0), Decimal("0"), Decimal("0.005"), Decimal(1), True),  # column 1 empty: zero
        ((0, 0), Decimal("0.01"), Decimal("0.005"), Decimal(1), False),
        ((0, 1), Decimal("9500"), Decimal("0.5"), Decimal(10000), True),  # 0.95 in 万 against 9,500 元
    ],
)
def test_a_placement_agrees_with_a_known_cell_within_both_roundings(
    placement: tuple[int, int], expected: Decimal, slack: Decimal, scale: Decimal, agrees: bool
) -> None:
    figures = RowFigures((Decimal("12.00"), Decimal("0.95")), [placement])
    assert figures.agrees_in(placement, 1, expected, slack, scale) is agrees


@settings(max_examples=200, deadline=None)
@given(width=st.integers(min_value=1, max_value=7), data=st.data())
def test_a_row_on_several_lines_keeps_each_lines_order_and_nothing_else(width: int, data: st.DataObject) -> None:
    count = data.draw(st.integers(min_value=1, max_value=width))
    lines = data.draw(st.lists(st.sampled_from("abc"), min_size=count, max_size=count))
    values = tuple(Decimal(10 + i) for i in range(count))  # distinct: no placement merged with another

    def keeps_order(placement: tuple[int, ...]) -> bool:
        return all(placement[i] < placement[j] for i, j in combinations(range(count), 2) if lines[i] == lines[j])

    expected = [p for p in permutations(range(width), count) if keeps_order(p)]
    got = row_candidates(values, width, [], lines).candidates
    if len(set(lines)) > 1:
        assert got == expected
    else:  # one line: the printed order is the columns' order
        assert got == [p for p in expected if list(p) == sorted(p)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=None),
        min_size=1,
        max_size=6,
    )
)
def test_a_rows_half_units_are_those_of_its_printed_figures(values: list[Decimal]) -> None:
    """Worked out from the figures' printed digits, each half unit is ``half_step``'s, to the digit."""
    halves = RowFigures(tuple(values)).halves()
    expected = tuple(half_step(v) for v in values)
    assert [h.as_tuple() for h in halves] == [e.as_tuple() for e in expected]
