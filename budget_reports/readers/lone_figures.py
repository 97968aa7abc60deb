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
Among the ways breaking as few classes, those that also keep the table's group totals (人员经费合计 =
its classes 301 and 303, 公用经费合计 = the others) best are kept: the group totals tell which of two
classes a misprint is in when moving figures between them would make either one add up.

A two-sided overview (income items | spending items) written by baseline may likewise print a
figure on a line of its own between two labels' pieces, each side's column able to hold it
(``2.政府性基`` / ``33,775,592`` / ``金预算`` beside ``三、城乡社区`` / ``支出``). Its side is the one
whose numbered items then add up to the total under them (支出总计 = 一、… + 二、… + …), where every
way keeping both sides' item totals gives it the same side (``shares_keeping_item_totals``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.normalize import adds_up
from budget_reports.readers.cell_assignment import decimal_places

_CLASS_LENGTH = 3
_ITEM_LENGTH = 5
# Lone figures searched jointly (2 ** this many ways at most); beyond, none is placed.
MAX_LONE = 14
# Classes a kept way may leave short of their total: one misprint, not a reading that breaks several.
_MAX_BROKEN_CLASSES = 1


@dataclass(frozen=True, slots=True)
class Slot:
    """A half of a row: its code (or its label when it prints none), the figures it already holds,
    how many it can hold."""

    code: str
    values: tuple[Decimal, ...]
    capacity: int


def possible_slots(slots: Sequence[Slot], lone: Sequence[tuple[Decimal, tuple[int, int]]]) -> list[set[int]]:
    """For each lone figure (its value and its two candidate slots), the slots it takes in the ways
    that fit best (every class kept, or failing that all but one; then the most group totals kept);
    an empty set when no way keeps all classes but one, or the search is too large. A figure one of
    whose halves is already full takes the other without being searched."""
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
    # The fewest (classes, group totals) a way leaves broken, and the slots each figure takes in such ways.
    best: tuple[int, int] | None = None
    seen: list[set[int]] = [set() for _ in lone]
    for step in range(1 << len(free)):
        if step:
            moved = free[(step & -step).bit_length() - 1]  # the figure whose bit flips in Gray-code order
            pair = lone[moved][1]
            ledger.remove(pair[choice[moved]], moved)
            choice[moved] = 1 - choice[moved]
            ledger.add(pair[choice[moved]], moved)
        broken = ledger.broken()
        if broken is None or broken[0] > _MAX_BROKEN_CLASSES or (best is not None and broken > best):
            continue
        if best is None or broken < best:
            best, seen = broken, [set() for _ in lone]
        for index, slot in forced.items():
            seen[index].add(slot)
        for index in free:
            seen[index].add(lone[index][1][choice[index]])
    return seen


class _Ledger:
    """Per slot how many figures it holds; per class the sum of its items against its total."""

    def __init__(self, slots: Sequence[Slot], lone_values: Sequence[Decimal]) -> None:
        every = [v for slot in slots for v in slot.values] + list(lone_values)
        places = max((decimal_places(v) for v in every), default=0)
        self.scaled = [int(v.scaleb(places)) for v in lone_values]
        # Twice the half unit of each figure, in the scaled units (a figure printed to 0.1 is ± 0.05).
        self.units = [10 ** (places - decimal_places(v)) for v in lone_values]
        self.capacity = [slot.capacity for slot in slots]
        self.count = [len(slot.values) for slot in slots]
        self.over = sum(1 for slot in slots if len(slot.values) > slot.capacity)
        # Each class or group is a number, its sums kept in lists: the walk updates them at every step.
        keys: dict[str, int] = {}
        self.sums = [
            tuple((keys.setdefault(key, len(keys)), role) for key, role in _sums_of(slot.code)) for slot in slots
        ]
        self.is_group = [key in _GROUPS for key in keys]
        self.balance = [0] * len(keys)  # per class or group: parts minus total
        self.spread = [0] * len(keys)  # sum of the figures' units
        self.totals = [0] * len(keys)  # figures printed as its total
        self.missing = [False] * len(keys)  # whether it misses its sum now
        self.missed_classes = self.missed_groups = 0
        for index, slot in enumerate(slots):
            for value in slot.values:
                self._book(index, int(value.scaleb(places)), 10 ** (places - decimal_places(value)), 1)

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

    def broken(self) -> tuple[int, int] | None:
        """How many classes, then group totals, miss their sum beyond rounding; None when a half holds
        too many figures."""
        if self.over:
            return None
        return self.missed_classes, self.missed_groups

    def _book(self, slot: int, scaled: int, unit: int, sign: int) -> None:
        for key, role in self.sums[slot]:
            self.balance[key] += sign * role * scaled
            self.spread[key] += sign * unit
            if role < 0:
                self.totals[key] += sign
            # 1 when the sum is printed once and its parts miss it beyond their rounding; kept as counts:
            # a way is judged without a pass over the sums.
            misses = self.totals[key] == 1 and 2 * abs(self.balance[key]) > self.spread[key]
            if misses != self.missing[key]:
                self.missing[key] = misses
                change = 1 if misses else -1
                if self.is_group[key]:
                    self.missed_groups += change
                else:
                    self.missed_classes += change


# A group total's label (the slot's label when it prints no code) and the group it totals.
_GROUP_TOTALS = {f"{names.PERSONNEL}合计": names.PERSONNEL, f"{names.PUBLIC_USE}合计": names.PUBLIC_USE}
_GROUPS = frozenset(_GROUP_TOTALS.values())


def _sums_of(label: str) -> tuple[tuple[str, int], ...]:
    """The sums a slot's figure counts in: +1 as a part, -1 as the total (a class is its items'
    total and a part of its group)."""
    if label in _GROUP_TOTALS:
        return ((_GROUP_TOTALS[label], -1),)
    if len(label) == _CLASS_LENGTH:
        group = names.PERSONNEL if label in names.PERSONNEL_CLASSES else names.PUBLIC_USE
        return ((label, -1), (group, 1))
    if len(label) == _ITEM_LENGTH:
        return ((label[:_CLASS_LENGTH], 1),)
    return ()


# --- A two-sided overview's figures that either side may hold, placed by the sides' item totals. ---

# A line's figure per column; None where which column each figure is in is not known.
Figures = tuple[Decimal, ...] | None
# Ways of giving the undecided rows their sides tried jointly (beyond, none is placed).
MAX_SHARE_WAYS = 1 << 12


@dataclass(slots=True)
class OverviewSide:
    """One side of a two-sided overview (income items | spending items) as its item total checks
    it: per line, top to bottom, whether it is a numbered item (一、…) or a total, and its figures."""

    items: list[bool]
    totals: list[bool]
    figures: list[Figures]

    def keeps_item_total(self) -> bool:
        """The items above the first total under them add up to it, column by column, within the
        printed figures' rounding. Where an item's or the total's columns are not known, nothing
        tells: the side keeps it."""
        items: list[Figures] = []
        for is_item, is_total, figures in zip(self.items, self.totals, self.figures, strict=True):
            if is_total and items:
                if figures is None or any(item is None for item in items):
                    return True
                known = [item for item in items if item is not None]
                return all(adds_up([item[c] for item in known], total) for c, total in enumerate(figures))
            if is_item:
                items.append(figures)
        return True


# One way to share an undecided row's figures: per side it prints on, (side, line, its figures there).
ShareWay = Sequence[tuple[int, int, Figures]]


def shares_keeping_item_totals(
    sides: Sequence[OverviewSide], undecided: Sequence[Sequence[ShareWay]]
) -> list[int | None]:
    """For each undecided row (its ways of sharing its figures between the sides), the way every
    joint choice keeping each side's item total takes; None where such choices differ, or none
    keeps them (a report whose sides miss their totals tells nothing), or the choices are too many.
    A figure on a line of its own between two labels (``2.政府性基`` / ``33,775,592`` / ``金预算`` beside
    三、城乡社区支出) is the income item's or the spending one's: only one of them lets the spending
    items add up to 支出总计."""
    count = 1
    for ways in undecided:
        count *= len(ways)
    if not undecided or count > MAX_SHARE_WAYS:
        return [None] * len(undecided)
    taken: list[set[int]] = [set() for _ in undecided]
    for choice in _every_choice([len(ways) for ways in undecided]):
        for row, way in enumerate(choice):
            for side, line, figures in undecided[row][way]:
                sides[side].figures[line] = figures
        if all(side.keeps_item_total() for side in sides):
            for row, way in enumerate(choice):
                taken[row].add(way)
    return [next(iter(ways)) if len(ways) == 1 else None for ways in taken]


def _every_choice(counts: list[int]) -> list[tuple[int, ...]]:
    choices: list[tuple[int, ...]] = [()]
    for count in counts:
        choices = [(*choice, way) for choice in choices for way in range(count)]
    return choices
