"""The placements of a page's runs of figures (``column_blocks._placements``) are every placement
keeping the row sums, whatever the search passes over on the way, and the search's bound gives up
the same pages as trying every placement would: checked against trying them all, one by one."""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import combinations

import pytest

from budget_reports.normalize import half_step
from budget_reports.readers.block_words import figure_value
from budget_reports.readers.column_blocks import _MAX_TRIALS, BlockLine, _placements, _trials, _ways
from budget_reports.readers.table_headers import LabelKind, Side

Runs = tuple[tuple[BlockLine, ...], ...]


def _starts(sizes: list[int], n_rows: int, start: int = 0) -> list[list[int]]:
    """Every placement of runs of these sizes in a column, in order, a row at least between runs."""
    if not sizes:
        return [[]]
    return [
        [first, *rest]
        for first in range(start, n_rows - sum(sizes) - (len(sizes) - 1) + 1)
        for rest in _starts(sizes[1:], n_rows, first + sizes[0] + 1)
    ]


def _holds(cells: dict[tuple[int, int], BlockLine], n_rows: int, side: Side) -> bool:
    for r in range(n_rows):
        for total, parts in side.sums:
            read = {c: figure_value(cells[r, c].text) for c in (total, *parts) if (r, c) in cells}
            slack = sum((half_step(v) for v in read.values()), Decimal(0))
            parts_sum = sum((read.get(p, Decimal(0)) for p in parts), Decimal(0))
            if abs(read.get(total, Decimal(0)) - parts_sum) > slack:
                return False
    return True


def _every_placement(runs: Runs, n_rows: int, side: Side, order: tuple[int, ...]) -> tuple[list, int]:
    """Each placement keeping the sums, trying every split of the runs and every start of each run;
    and the number of steps trying them takes (``_trials`` counted by hand)."""
    width = len(side.money)
    found, steps = [], 0
    for cuts in combinations(range(len(runs) + width - 1), width - 1):
        bounds = [-1, *cuts, len(runs) + width - 1]
        per_column: list[list[tuple[BlockLine, ...]]] = [[] for _ in range(width)]
        start = 0
        for k, c in enumerate(order):
            count = bounds[k + 1] - bounds[k] - 1
            per_column[c] = list(runs[start : start + count])
            start += count
        partial: list[dict[tuple[int, int], BlockLine]] = [{}]
        steps += 1
        for col, column in enumerate(per_column):
            grown = []
            for cells in partial:
                for starts in _starts([len(run) for run in column], n_rows):
                    placed = dict(cells)
                    for run, first in zip(column, starts, strict=True):
                        placed.update({(first + k, col): line for k, line in enumerate(run)})
                    grown.append(placed)
            partial = grown
            steps += len(partial)
        found += [cells for cells in partial if _holds(cells, n_rows, side)]
    return found, steps


def _page(rng: random.Random, width: int, n_rows: int) -> tuple[Runs, Side]:
    """A table of ``n_rows`` rows whose column 0 sums the others (a row in ten off by one), some cells
    empty, written column by column in runs (a run now and then joining the next)."""
    side = Side(LabelKind.CODED, tuple((f"列{c}",) for c in range(width)), ((0, tuple(range(1, width))),))
    rows = []
    for _ in range(n_rows):
        parts = [Decimal(rng.randint(1, 9999)) / 100 if rng.random() < 0.7 else None for _ in range(width - 1)]
        total = sum((p for p in parts if p is not None), Decimal(0)) + (1 if rng.random() < 0.1 else 0)
        rows.append([total, *parts])
    runs: list[tuple[BlockLine, ...]] = []
    number = 0
    for c in range(width):
        run: list[BlockLine] = []
        for row in rows:
            number += 1
            if row[c] is None or not row[c]:
                runs += [tuple(run)] if run else []
                run = []
            else:
                run.append(BlockLine(f"{row[c]:.2f}", 1, number))
        runs += [tuple(run)] if run else []
    if len(runs) > 2 and rng.random() < 0.3:
        k = rng.randrange(len(runs) - 1)
        runs[k : k + 2] = [runs[k] + runs[k + 1]]
    return tuple(runs), side


@pytest.mark.parametrize("seed", range(40))
def test_placements_are_every_placement_keeping_the_sums(seed: int) -> None:
    rng = random.Random(seed)
    width, n_rows = rng.choice([(2, 6), (3, 5), (3, 7), (4, 4)])
    runs, side = _page(rng, width, n_rows)
    for rows in (n_rows - 1, n_rows, n_rows + 1):
        order = tuple(range(width))
        expected, steps = _every_placement(runs, rows, side, order)
        got = _placements(runs, rows, side, (order,))
        if steps >= _MAX_TRIALS or len(expected) > 500:
            assert got == []  # past the bound: not rebuilt
        else:
            assert [list(cells.items()) for cells in got] == [list(cells.items()) for cells in expected]


def test_trials_count_every_placement_tried() -> None:
    for sizes in ([], [1], [2, 1], [1, 1, 1], [3, 3]):
        for n_rows in range(8):
            assert _ways(sizes, n_rows) == len(_starts(sizes, n_rows))
    assert _trials([_ways([1], 5), _ways([], 5), _ways([2, 1], 5)]) == 1 + 5 + 5 + 5 * 3


def test_a_page_past_the_bound_is_not_rebuilt() -> None:
    # One-figure runs in 3 columns of 8 rows (rows 3 = 1 + 2 and 5 = 0 + 5, or 5 = 4 + 1): trying
    # every placement of five runs takes 19,595 steps, of six 35,294, past the bound though 21 fit.
    side = Side(LabelKind.CODED, (("合计",), ("基本支出",), ("项目支出",)), ((0, (1, 2)),))
    order = (0, 1, 2)
    five = tuple((BlockLine(t, 1, k),) for k, t in enumerate(["3.00", "5.00", "1.00", "2.00", "5.00"]))
    fitting, steps = _every_placement(five, 8, side, order)
    assert len(fitting) == 21 and steps < _MAX_TRIALS
    assert [list(c.items()) for c in _placements(five, 8, side, (order,))] == [list(c.items()) for c in fitting]
    six = tuple((BlockLine(t, 1, k),) for k, t in enumerate(["3.00", "5.00", "1.00", "4.00", "2.00", "1.00"]))
    fitting, steps = _every_placement(six, 8, side, order)
    assert len(fitting) == 21 and steps >= _MAX_TRIALS
    assert _placements(six, 8, side, (order,)) == []
