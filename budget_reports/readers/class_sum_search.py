"""Which printed figures are a classified table's totals, and which class holds each other figure,
from the sums alone: each group total (人员经费合计 …) is the sum of its classes' totals, and each
class total the sum of the figures of its lines, within the rounding of every figure involved.

The figures are taken as a multiset (their print order says nothing): the search tries every
choice of totals and every split of the other figures among the classes, pruned by the sums, up
to a bound. What every solution agrees on is known; the rest is left open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations

from budget_reports.normalize import coarser_half_unit, half_step

# Past this many steps the search stops and nothing is known: the table stays reported not read.
STEP_BOUND = 200_000


@dataclass(frozen=True, slots=True)
class Group:
    """Classes whose totals add up to one group total (``has_total``: the table prints its label)."""

    classes: tuple[str, ...]
    has_total: bool


@dataclass(frozen=True, slots=True)
class Split:
    """One way the figures fit: the figure index of each group total and class total (None: the
    class prints no figure), and the class each other figure is a line of."""

    group_totals: tuple[int, ...]
    class_totals: dict[str, int | None]
    lines_of: dict[int, str]


@dataclass(frozen=True, slots=True)
class Agreed:
    """What every split agrees on, by value (equal figures are interchangeable)."""

    group_totals: tuple[Decimal | None, ...]  # None also when splits disagree: see ``open_groups``
    class_totals: dict[str, Decimal | None]  # classes whose total every split gives the same
    lines_of_class: dict[str, Counter[Decimal]]  # classes whose lines' figures every split gives the same
    classes_of: dict[int, set[str]]  # figure index -> the classes it is a line of in some split
    open_groups: frozenset[int]  # groups whose total splits disagree on


def splits(
    values: Sequence[Decimal],
    groups: Sequence[Group],
    lines_per_class: dict[str, tuple[int, int]] | None = None,
    group_totals: Sequence[Decimal | None] = (),
    bound: int = STEP_BOUND,
) -> list[Split] | None:
    """Every split of ``values`` into group totals, class totals and lines of a class that keeps
    the sums; None past ``bound`` steps, or when a group prints no total (nothing bounds its classes).
    ``lines_per_class``: class -> (fewest, most) figures its lines may hold; ``group_totals``: a
    group's total where known otherwise (the prose states it), matched within both roundings."""
    if not all(group.has_total for group in groups):
        return None
    search = _Search(values, bound, lines_per_class or {}, group_totals)
    search.group_totals(groups)
    return None if search.spent else search.found


def agreed(values: Sequence[Decimal], groups: Sequence[Group], found: list[Split]) -> Agreed:
    group_values = [{_value(values, s.group_totals[g]) for s in found} for g in range(len(groups))]
    classes = [c for group in groups for c in group.classes]
    class_values = {c: {_value(values, s.class_totals[c]) for s in found} for c in classes}
    lines = {
        c: {frozenset(Counter(values[i] for i, held in s.lines_of.items() if held == c).items()) for s in found}
        for c in classes
    }
    classes_of: dict[int, set[str]] = {}
    for s in found:
        for i, c in s.lines_of.items():
            classes_of.setdefault(i, set()).add(c)
    return Agreed(
        group_totals=tuple(next(iter(v)) if len(v) == 1 else None for v in group_values),
        class_totals={c: next(iter(v)) for c, v in class_values.items() if len(v) == 1},
        lines_of_class={c: Counter(dict(next(iter(v)))) for c, v in lines.items() if len(v) == 1},
        classes_of=classes_of,
        open_groups=frozenset(g for g, v in enumerate(group_values) if len(v) > 1),
    )


def _value(values: Sequence[Decimal], index: int | None) -> Decimal | None:
    return None if index is None else values[index]


def fits(total: Decimal, parts: Sequence[Decimal]) -> bool:
    """A printed total is the sum of its printed parts within the rounding of each."""
    slack = half_step(total) + sum((half_step(p) for p in parts), Decimal(0))
    return abs(sum(parts, Decimal(0)) - total) <= slack


class _Search:
    def __init__(
        self,
        values: Sequence[Decimal],
        bound: int,
        lines_per_class: dict[str, tuple[int, int]],
        group_totals: Sequence[Decimal | None],
    ) -> None:
        # Whole multiples of the finest half unit: integer sums are several times faster than Decimal's.
        unit = min((half_step(v) for v in values), default=Decimal(1))
        self.decimals = list(values)
        self.values = [int(v / unit) for v in values]
        self.halves = [int(half_step(v) / unit) for v in values]
        self.lines_per_class = lines_per_class
        self.known_totals = list(group_totals)
        self.bound = bound
        self.steps = 0
        self.found: list[Split] = []
        self.totals: tuple[int, ...] = ()
        self.asked: dict[tuple[int, int, frozenset[int]], list[list[int]]] = {}

    @property
    def spent(self) -> bool:
        return self.steps > self.bound

    def group_totals(self, groups: Sequence[Group]) -> None:
        """Each group total, then its classes' totals. Every figure is a group total, a class total or
        a line, and each of the three levels adds up to the group totals: all figures add up to three
        times them, within the rounding of every figure."""
        values = self.values
        everything = sum(values)
        slack = 3 * sum(self.halves)
        # Each choice's figures side by side with their indices (``permutations`` gives both in one
        # order): most choices fail the sum, made without a lookup per figure.
        choices = zip(permutations(range(len(values)), len(groups)), permutations(values, len(groups)), strict=True)
        for totals, chosen in choices:
            self.steps += 1  # a step of the bound per choice of totals
            if self.steps > self.bound:
                return
            if abs(3 * sum(chosen) - everything) <= slack and all(self.stated(g, i) for g, i in enumerate(totals)):
                self.totals = totals
                self.class_totals(groups, totals, 0, 0, frozenset(totals), [], {})

    def class_totals(
        self,
        groups: Sequence[Group],
        totals: tuple[int, ...],
        g: int,
        k: int,
        used: frozenset[int],
        chosen: list[int],
        class_totals: dict[str, int | None],
    ) -> None:
        """Class ``k`` of group ``g`` takes a figure or none; the group's last class takes what makes
        the group's classes add up to its total."""
        if g == len(groups):
            classes = sorted(
                (c for c, i in class_totals.items() if i is not None), key=lambda c: self._at(class_totals[c])
            )
            rest = [i for i in range(len(self.values)) if i not in used]
            self.lines(classes, class_totals, rest, {})
            return
        classes = groups[g].classes
        if k == len(classes):
            self.class_totals(groups, totals, g + 1, 0, used, [], class_totals)
            return
        last = k == len(classes) - 1
        values, halves, total = self.values, self.halves, totals[g]
        # What the last class must make up, and the rounding the group's figures chosen so far carry.
        missing = values[total] - sum(values[j] for j in chosen)
        rounding = halves[total] + sum(halves[j] for j in chosen)
        for i in [None, *[i for i in range(len(values)) if i not in used]]:
            self.steps += 1  # a step of the bound, counted in place: this loop takes most of them
            if self.steps > self.bound:
                return
            # The last class's figure (or none, when the group has some) must make up the group's total.
            if last and i is None and (not chosen or abs(missing) > rounding):
                continue
            if last and i is not None and abs(missing - values[i]) > rounding + halves[i]:
                continue
            picked = chosen if i is None else [*chosen, i]
            taken = used if i is None else used | {i}
            self.class_totals(groups, totals, g, k + 1, taken, picked, {**class_totals, classes[k]: i})

    def stated(self, group: int, index: int) -> bool:
        """The figure is the group's total as known otherwise, or nothing else is known of it."""
        known = self.known_totals[group] if group < len(self.known_totals) else None
        value = self.decimals[index]
        return known is None or abs(value - known) <= coarser_half_unit(value, known)

    def adds_up(self, total: int, parts: list[int]) -> bool:
        """``fits`` with the figures' rounding worked out once."""
        values, halves = self.values, self.halves
        slack = halves[total] + sum(halves[i] for i in parts)
        return abs(sum(values[i] for i in parts) - values[total]) <= slack

    def holds(self, code: str, count: int) -> bool:
        fewest, most = self.lines_per_class.get(code, (1, len(self.values)))
        return max(fewest, 1) <= count <= most

    def _at(self, index: int | None) -> int:
        return 0 if index is None else self.values[index]

    def lines(
        self, classes: list[str], class_totals: dict[str, int | None], rest: list[int], lines_of: dict[int, str]
    ) -> None:
        """Split the figures ``rest`` among ``classes`` (smallest total first): each class's lines add
        up to its total; the last class takes every figure left."""
        if not classes:
            if not rest:
                self.found.append(Split(self.totals, dict(class_totals), dict(lines_of)))
            return
        code, others = classes[0], classes[1:]
        total = class_totals[code]
        assert total is not None  # only classes printing a total hold lines
        if not others:
            if self.holds(code, len(rest)) and self.adds_up(total, rest):
                self.found.append(Split(self.totals, dict(class_totals), {**lines_of, **dict.fromkeys(rest, code)}))
            return
        for subset in self.subsets(total, rest):
            if self.spent:
                return
            if not self.holds(code, len(subset)):
                continue
            left = [i for i in rest if i not in subset]
            self.lines(others, class_totals, left, {**lines_of, **dict.fromkeys(subset, code)})

    def subsets(self, index: int, pool: list[int]) -> list[list[int]]:
        """Subsets of ``pool`` (at least one figure) whose figures add up to figure ``index`` (classes
        whose totals are equal figures, or swap between splits, ask the same again: asked once)."""
        key = (self.values[index], self.halves[index], frozenset(pool))
        if key not in self.asked:
            self.asked[key] = self._subsets(index, pool)
        return self.asked[key]

    def _subsets(self, index: int, pool: list[int]) -> list[list[int]]:
        values, halves = self.values, self.halves
        total, own = values[index], halves[index]
        order = sorted(pool, key=lambda i: values[i], reverse=True)
        out: list[list[int]] = []
        # The pool's figures and their rounding in that order, looked up once; what the figures from
        # each on add up to at most, and the rounding they may carry.
        ordered = [values[i] for i in order]
        ordered_halves = [halves[i] for i in order]
        suffix = [0] * (len(order) + 1)
        suffix_halves = [0] * (len(order) + 1)
        for k in range(len(order) - 1, -1, -1):
            suffix[k] = suffix[k + 1] + ordered[k]
            suffix_halves[k] = suffix_halves[k + 1] + ordered_halves[k]
        bound = self.bound

        def walk(k: int, picked: list[int], so_far: int, rounding: int) -> None:
            self.steps += 1
            if self.steps > bound:
                return
            if picked and abs(so_far - total) <= own + rounding:
                out.append(picked)
            # The least the figures still to pick must add to, besides the rounding they carry.
            short = total - own - rounding - so_far
            for j in range(k, len(order)):
                # Taking figure j or a later one, the sum reaches at most the figures from j on (fewer
                # from each later j): once they fall short, no later figure makes up the total either.
                if suffix[j] + suffix_halves[j] < short:
                    break
                value, half = ordered[j], ordered_halves[j]
                # Every figure weighs more than its rounding: a sum past the total stays past it.
                if so_far + value - total > own + rounding + half:
                    continue
                if j > k and ordered[j - 1] == value:
                    continue  # an equal figure was skipped at this depth: the same subset by value
                walk(j + 1, [*picked, order[j]], so_far + value, rounding + half)

        walk(0, [], 0, 0)
        return out
