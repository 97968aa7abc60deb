"""Disjoint sets join items pair by pair into the same groups as a search of the pairs' graph."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budget_reports.readers.disjoint_sets import DisjointSets


def _components(size: int, pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
    """The groups by a breadth-first search of the pairs (the reference)."""
    neighbours: dict[int, set[int]] = {i: set() for i in range(size)}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[int] = set()
    groups = set()
    for start in range(size):
        if start in seen:
            continue
        group, frontier = {start}, [start]
        while frontier:
            frontier = [n for i in frontier for n in neighbours[i] if n not in group]
            group.update(frontier)
        seen |= group
        groups.add(frozenset(group))
    return groups


def _pairs_of(size: int) -> st.SearchStrategy[tuple[int, list[tuple[int, int]]]]:
    item = st.integers(0, size - 1)
    return st.tuples(st.just(size), st.lists(st.tuples(item, item), max_size=40))


@given(st.integers(1, 30).flatmap(_pairs_of))
def test_groups_are_the_connected_components(case: tuple[int, list[tuple[int, int]]]) -> None:
    size, pairs = case
    sets = DisjointSets(size)
    for a, b in pairs:
        sets.join(a, b)
    groups: dict[int, set[int]] = {}
    for i in range(size):
        groups.setdefault(sets.root(i), set()).add(i)
    assert {frozenset(g) for g in groups.values()} == _components(size, pairs)
