"""Figures printed alone under the two halves of a row: which half each belongs to, by the sums.

A two-sided coded table (the 基本支出 table: 301/303 beside 302/310) written by baseline may print a
row's only figure on a line of its own, nothing telling whether it is the left half's or the right's.
Every way to give such figures their halves is tried, keeping each half within its columns and each
类 the sum of its 款 (within the rounding of the printed figures); a figure every surviving way puts
in the same half is settled there. The ways are walked in Gray-code order, one figure moving at a
time, so each step updates two halves and two classes instead of summing the table again.

A report may print a class whose items miss its total (the rules report it). Then no way keeps every
class, and the ways that keep all classes but one are the ones kept: a figure is settled where all of
them agree, whichever class each leaves broken. One misprinted class thus costs no other class its
figures (which would leave that class's items short of its total: a breach the report does not have).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

_CLASS_LENGTH = 3
_ITEM_LENGTH = 5
# Lone figures searched jointly (2 ** this many ways at most); beyond, none is placed.
MAX_LONE = 14


@dataclass(frozen=True, slots=True)
class Slot:
    """A half of a row: its code, the figures it already holds, how many it can hold."""

    code: str
    values: tuple[Decimal, ...]
    capacity: int


def possible_slots(slots: Sequence[Slot], lone: Sequence[tuple[Decimal, tuple[int, int]]]) -> list[set[int]]:
    """For each lone figure (its value and its two candidate slots), the slots it takes in some way
    that fits (keeping every class, or failing that all classes but one); an empty set when no way
    fits so or the search is too large. A figure one of whose
    halves is already full takes the other without being searched."""
    full = [len(slot.values) >= slot.capacity for slot in slots]
    forced = {
        i: pair[1] if full[pair[0]] else pair[0] for i, (_, pair) in enumerate(lone) if full[pair[0]] != full[pair[1]]
    }
    free = [i for i in range(len(lone)) if i not in forced]
    if not lone or len(free) > MAX_LONE:
        return [set() for _ in lone]
    ledger = _Ledger(slots, [value for value, _ in lone])
    for index, slot in forced.items():
        ledger.add(slot, index)
    choice = {index: 0 for index in free}
    for index in free:
        ledger.add(lone[index][1][0], index)
    # Per number of classes a way leaves broken (none, one), the slots each figure takes in such ways.
    seen: tuple[list[set[int]], list[set[int]]] = ([set() for _ in lone], [set() for _ in lone])
    for step in range(1 << len(free)):
        if step:
            moved = free[(step & -step).bit_length() - 1]  # the figure whose bit flips in Gray-code order
            pair = lone[moved][1]
            ledger.remove(pair[choice[moved]], moved)
            choice[moved] = 1 - choice[moved]
            ledger.add(pair[choice[moved]], moved)
        broken = ledger.broken()
        if broken is not None and broken < len(seen):
            for index, slot in forced.items():
                seen[broken][index].add(slot)
            for index in free:
                seen[broken][index].add(lone[index][1][choice[index]])
    exact, one_broken = seen
    return exact if any(exact) else one_broken


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class _Ledger:
    """Per slot how many figures it holds; per class the sum of its items against its total."""

    def __init__(self, slots: Sequence[Slot], lone_values: Sequence[Decimal]) -> None:
        every = [v for slot in slots for v in slot.values] + list(lone_values)
        places = max((_places(v) for v in every), default=0)
        self.scaled = [int(v.scaleb(places)) for v in lone_values]
        # Twice the half unit of each figure, in the scaled units (a figure printed to 0.1 is ± 0.05).
        self.units = [10 ** (places - _places(v)) for v in lone_values]
        self.capacity = [slot.capacity for slot in slots]
        self.count = [len(slot.values) for slot in slots]
        self.over = sum(1 for slot in slots if len(slot.values) > slot.capacity)
        self.group: list[tuple[str, int] | None] = [_group_of(slot.code) for slot in slots]
        self.balance: dict[str, int] = {}  # items minus total
        self.spread: dict[str, int] = {}  # sum of the figures' units
        self.totals: dict[str, int] = {}  # figures printed as the class's total
        for index, slot in enumerate(slots):
            for value in slot.values:
                self._book(index, int(value.scaleb(places)), 10 ** (places - _places(value)), 1)

    def add(self, slot: int, figure: int) -> None:
        self.count[slot] += 1
        if self.count[slot] == self.capacity[slot] + 1:
            self.over += 1
        self._book(slot, self.scaled[figure], self.units[figure], 1)

    def remove(self, slot: int, figure: int) -> None:
        if self.count[slot] == self.capacity[slot] + 1:
            self.over -= 1
        self.count[slot] -= 1
        self._book(slot, self.scaled[figure], self.units[figure], -1)

    def broken(self) -> int | None:
        """How many classes' items miss their total beyond rounding; None when a half holds too many figures."""
        if self.over:
            return None
        return sum(
            1
            for code, totals in self.totals.items()
            if totals == 1 and 2 * abs(self.balance.get(code, 0)) > self.spread.get(code, 0)
        )

    def _book(self, slot: int, scaled: int, unit: int, sign: int) -> None:
        group = self.group[slot]
        if group is None:
            return
        code, role = group
        self.balance[code] = self.balance.get(code, 0) + sign * role * scaled
        self.spread[code] = self.spread.get(code, 0) + sign * unit
        if role < 0:
            self.totals[code] = self.totals.get(code, 0) + sign


def _group_of(code: str) -> tuple[str, int] | None:
    """The class a slot's figure counts in: +1 as one of its items, -1 as its total."""
    if len(code) == _CLASS_LENGTH:
        return code, -1
    if len(code) == _ITEM_LENGTH:
        return code[:_CLASS_LENGTH], 1
    return None
