"""Coded tables whose cells ``pdftotext`` (default mode) wrote as interleaved streams.

When a table's rows are set tightly, pdftotext's text blocks are single cells or short runs of
one column, and it writes them in an order that mixes the columns: a 类 code, a 款 part, a name,
the 合计 figure, then the next row's codes; or the 基本支出 and 项目支出 figures of successive
rows alternating. What still holds is that each column is written top to bottom: the 类 codes,
the 款 parts, the 项 parts, the names and each money column's figures each come in row order,
merged into one stream. So the table is read as streams:

- labels: the rows are the 类 codes in order (every coded row prints its 类); the two-digit parts
  are the 款 and 项 columns merged, every split of them that gives codes in the table's order
  (ascending) is a reading, confirmed by the names the classification reference gives the codes;
- figures: each run of figures (lines one after another) is cells of one column, consecutive rows.
  A row is printed because it spends, so the 合计 column holds a figure on every row: the runs
  that are its cells fill it row after row, and a 类 or 款 whose rows are all on the page is the
  sum of its 款 or 项 there. The total is half of all the figures (each row's parts add up to
  it). The other runs are the parts (基本支出, 项目支出 …), which the sums treat alike: they fill
  what each row's 合计 leaves, exactly, split into at most as many top-to-bottom columns as the
  table has; which of those columns holds a part is left to the report's other tables. The
  search is bounded: past the bound the page is not read.

The caller keeps only what every solution agrees on; the rest is reported ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers.block_words import BARE_FIGURE as _FIGURE
from budget_reports.readers.block_words import CLASS_CODE as _CLASS
from budget_reports.readers.block_words import CODE_PART as _PART
from budget_reports.readers.cell_assignment import decimal_places
from budget_reports.readers.table_headers import HeaderLayout, Side

# Words of a coded table's label header, besides the layout's own words.
LABEL_HEADER_WORDS = frozenset(
    {"项目", "科目名称", "科目编码", "支出功能分类", "支出功能分类科目编码", "类", "款", "项"}
)
_ROW_TOTALS = frozenset({"合计", "总计"})  # a total row's label, which a header may print too
_MAX_HEADER_PIECES = 4  # lines a header cell is broken over
_MAX_SPLITS = 50_000  # ways of splitting the 款/项 parts tried per page
_MAX_NODES = 100_000  # placements of runs tried per page
_MAX_SOLUTIONS = 2_000


class StreamLine(Protocol):
    """One line of the page: its text, page and line number."""

    @property
    def text(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def line(self) -> int: ...


def name_lines(lines: Sequence[StreamLine], layout: HeaderLayout) -> list[StreamLine]:
    """The lines of row names, in order: text lines from the first row (a code or the total) on,
    without the header's cells, which may be written among them, whole or broken over lines one
    after another (``项目支`` / ``出``)."""
    header_words = {*layout.words, *LABEL_HEADER_WORDS}
    texts = [compact(line.text) for line in lines]
    # The header may print a total's words too (本年支出合计): the rows open with a code or a total
    # that is no header word.
    start = next(
        (i for i, t in enumerate(texts) if _CLASS.match(t) or (is_total(t) and t not in layout.words)), len(texts)
    )
    text_lines = [
        i
        for i in range(start, len(lines))
        if texts[i] and not (_CLASS.match(texts[i]) or _PART.match(texts[i]) or _FIGURE.match(texts[i]))
    ]
    header = set()
    for k, first in enumerate(text_lines):
        joined = ""
        for i in text_lines[k : k + _MAX_HEADER_PIECES]:
            if i != first and (i - 1 not in text_lines or i - 1 < first):
                break  # a blank or other line between: not one cell
            joined += texts[i]
            if joined in header_words and joined not in _ROW_TOTALS:
                header.update(range(first, i + 1))
                break
    return [lines[i] for i in text_lines if i not in header]


def code_readings(lines: Sequence[StreamLine], carried: Sequence[str]) -> list[list[list[StreamLine]]]:
    """Each reading of the rows' code parts: one row per 类 code; the two-digit lines are the 款
    and the 项 columns merged in any order, each column top to bottom. A reading gives every row
    below a 类's own line a 款 part and every row below a 款's own line a 项 part, uses every part,
    and keeps the codes ascending. Empty when a line mixes codes with other words or the splits
    to try pass the bound."""
    classes: list[StreamLine] = []
    parts: list[StreamLine] = []
    for line in lines:
        words = line.text.split()
        if len(words) > 1 and any(_CLASS.match(w) or _PART.match(w) for w in words):
            return []
        text = compact(line.text)
        if _CLASS.match(text):
            classes.append(line)
        elif _PART.match(text):
            parts.append(line)
    if not classes:
        return []
    class_codes = [compact(c.text) for c in classes]
    # Rows printing a 款 part: every row of a 类 but its first (unless the 类 goes on from the page before).
    kuan_rows = [
        r
        for r in range(len(classes))
        if (r > 0 and class_codes[r] == class_codes[r - 1]) or (r == 0 and list(carried[:1]) == [class_codes[0]])
    ]
    readings: dict[tuple[str, ...], list[list[StreamLine]]] = {}
    budget = [_MAX_SPLITS]
    part_texts = [compact(p.text) for p in parts]
    # A row printing a 款 part prints a 项 part too when the row before it has the same 类 and 款.
    follows_kuan = [r > 0 and r - 1 in kuan_rows for r in kuan_rows]
    carried_kuan = carried[1] if len(carried) > 1 and kuan_rows[:1] == [0] else None
    # The codes ascend: the k-th 款 part is not below the 款 before it in the same 类, nor the first
    # row's below the 款 the page before left open (asked of every part tried: worked out once per k).
    after_last = [k > 0 and class_codes[kuan_rows[k - 1]] == class_codes[row] for k, row in enumerate(kuan_rows)]
    least = [carried[1] if row == 0 and len(carried) > 1 else "" for row in kuan_rows]

    # Where the parts from ``i`` on cannot be split to the end, whatever came before: what they may
    # still do depends only on (i, 款 parts taken, the last 款's text, rows known to print a 项).
    dead_ends: set[tuple[int, int, str | None, int]] = set()

    def split(i: int, kuan: list[int], xiang: list[int], xiang_rows: int) -> bool:
        """``kuan`` and ``xiang`` are indices of parts; ``xiang_rows`` counts the rows known to
        print a 项 part (from the 款 parts chosen so far). Whether some split reached the end."""
        budget[0] -= 1
        kuan_left = len(kuan_rows) - len(kuan)
        xiang_at_end = len(xiang) + (len(parts) - i) - kuan_left
        if budget[0] <= 0 or kuan_left > len(parts) - i:
            return False  # past the bound, or too few parts left for the rows printing a 款
        if not xiang_rows <= xiang_at_end <= xiang_rows + kuan_left:
            return False  # the 项 parts left over cannot be the rows' 项 parts
        if i == len(parts):
            codes = _assemble(classes, class_codes, kuan_rows, kuan, xiang, parts, part_texts, carried)
            if codes is not None:
                readings.setdefault(tuple(compact("".join(p.text for p in c)) for c in codes), codes)
            return True
        k = len(kuan)
        last = part_texts[kuan[-1]] if kuan else None
        state = (i, k, last, xiang_rows)
        if state in dead_ends:
            return False
        reached = False
        if kuan_left and part_texts[i] >= (last if after_last[k] else least[k]):
            same_kuan = part_texts[i] == (last if follows_kuan[k] else carried_kuan)
            reached = split(i + 1, [*kuan, i], xiang, xiang_rows + same_kuan)
        reached = split(i + 1, kuan, [*xiang, i], xiang_rows) or reached
        if not reached:
            dead_ends.add(state)
        return reached

    split(0, [], [], 0)
    return [] if budget[0] <= 0 else list(readings.values())


def _assemble(
    classes: list[StreamLine],
    class_codes: list[str],
    kuan_rows: list[int],
    kuan: list[int],
    xiang: list[int],
    parts: list[StreamLine],
    part_texts: list[str],
    carried: Sequence[str],
) -> list[list[StreamLine]] | None:
    """The rows' codes from the 款 and 项 columns (``kuan`` and ``xiang``: indices of ``parts``, whose
    texts, compact, are ``part_texts``), or None when the 项 parts do not fit (too few, too many, or
    a code not above the one before it)."""
    codes: list[list[StreamLine]] = [[c] for c in classes]
    keys: list[tuple[str, ...]] = [(code,) for code in class_codes]
    for r, j in zip(kuan_rows, kuan, strict=True):
        codes[r].append(parts[j])
        keys[r] = (*keys[r], part_texts[j])
    taken = 0  # 项 parts given to rows so far, in order
    previous: tuple[str, ...] = tuple(carried)
    for r, code in enumerate(codes):
        key = keys[r]
        if len(key) == 2 and previous[:2] == key:
            if taken == len(xiang):
                return None
            code.append(parts[xiang[taken]])
            key = (*key, part_texts[xiang[taken]])
            taken += 1
        if previous and key <= previous and r > 0:
            return None
        previous = key
    return codes if taken == len(xiang) else None


Assignment = dict[int, tuple[int, int]]  # figure (index in the stream) -> (row, pool)


@dataclass(frozen=True, slots=True)
class PlacedRow:
    """A row's figures every solution agrees on, in the order written, and each way of putting
    them in columns (a figure of a pool of alike columns may be in any of them)."""

    lines: tuple[StreamLine, ...]
    candidates: tuple[tuple[int, ...], ...]


def place_streams(
    runs: Sequence[Sequence[StreamLine]], codes: Sequence[str | None], side: Side
) -> tuple[dict[int, PlacedRow], list[StreamLine]] | None:
    """The rows whose figures every placement of the runs agrees on, and the figures left
    unplaced; None when no placement fits or the search passes its bound.

    Each run goes down one column from some row, each column's figures in row order. A row is
    printed because it spends: its cell of a sum's total column holds a figure, so that column is
    filled row after row. Columns the sums treat alike (基本支出, 项目支出 … of 合计) are one pool:
    which of them a figure is in is left to the report's other tables. Only tables with one
    total column and its parts are read (None otherwise)."""
    pools = _pools(side)
    if pools is None:
        return None
    search = _Search(runs, codes, pools)
    if search.values is None:
        return None
    search.totals(0, 0)
    if search.budget <= 0 or len(search.solutions) > _MAX_SOLUTIONS or not search.solutions:
        return None
    return _agreed(search, search.solutions)


def _agreed(search: _Search, solutions: list[Assignment]) -> tuple[dict[int, PlacedRow], list[StreamLine]]:
    lines = search.lines
    rows: dict[int, PlacedRow] = {}
    placed: set[int] = set()
    # Each solution's rows as what they hold, (pool, figure) sorted: one pass over each solution.
    shapes: list[set[tuple[tuple[int, Decimal], ...]]] = [set() for _ in range(search.n_rows)]
    for solution in solutions:
        held: list[list[tuple[int, Decimal]]] = [[] for _ in range(search.n_rows)]
        for i, (row, pool) in solution.items():
            held[row].append((pool, search.values[i]))
        for row, cells in enumerate(held):
            shapes[row].add(tuple(sorted(cells)))
    for r in range(search.n_rows):
        if len(shapes[r]) != 1:
            continue
        members = sorted(i for i, (row, _) in solutions[0].items() if row == r)
        pools = [solutions[0][i][1] for i in members]
        rows[r] = PlacedRow(tuple(lines[i] for i in members), _column_choices(pools, search.pools))
        placed.update(members)
    return rows, [line for i, line in enumerate(lines) if i not in placed]


def _column_choices(pools: list[int], columns: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    """Every way of giving the figures of a row distinct columns of their pools."""
    choices: list[tuple[int, ...]] = [()]
    for pool in pools:
        choices = [(*c, col) for c in choices for col in columns[pool] if col not in c]
    return tuple(choices)


class _Search:
    """The placements of the runs, in two steps. First which runs are the total column's: it is
    filled row after row, and where a 类, 款 or the table's total has all its rows on the page,
    its total is the sum of theirs. Then the other runs, in the pool of the columns the total adds
    up (基本支出, 项目支出 …): each row's parts fill what its total leaves exactly (figures never
    being negative, a figure larger than what is left does not go there), and the pool's figures
    split into at most as many top-to-bottom columns as it has (each run goes after the column
    ending lowest above it, which keeps every split that is possible)."""

    def __init__(
        self, runs: Sequence[Sequence[StreamLine]], codes: Sequence[str | None], pools: list[list[int]]
    ) -> None:
        self.lines = [line for run in runs for line in run]
        self.runs: list[list[int]] = []
        for run in runs:
            start = sum(len(r) for r in self.runs)
            self.runs.append(list(range(start, start + len(run))))
        parsed = [parse_decimal(line.text) for line in self.lines]
        self.values: list[Decimal] | None = (
            None if any(v is None for v in parsed) else [v for v in parsed if v is not None]
        )
        self.nonnegative = self.values is not None and all(v >= 0 for v in self.values)
        # Sums are checked in whole numbers: each figure doubled at the finest scale printed, so
        # half a unit of its last digit (the rounding it may carry) is whole too.
        places = [decimal_places(v) for v in self.values or []]
        scale = max(places, default=0)
        self.whole = [int(v.scaleb(scale) * 2) for v in self.values or []]
        self.half = [10 ** (scale - p) for p in places]
        self.n_rows = len(codes)
        self.pools = pools
        self.groups = sum_groups(codes)
        self.solutions: list[Assignment] = []
        self.budget = _MAX_NODES
        self.seen: set[tuple[object, ...]] = set()
        self.figures_after: list[int] = []
        self.unfilled = 0
        self.choices: set[tuple[object, ...]] = set()
        self.assignment: Assignment = {}
        self.all_figures = sum(self.whole)
        self.all_slack = sum(self.half)
        # Worked out once for the search: figures in the runs from k on, each run's sum, the total
        # column's figure on each row, and the families by the row that completes them.
        self.figures_from = [sum(len(run) for run in self.runs[k:]) for k in range(len(self.runs) + 1)]
        self.run_whole = [sum(self.whole[i] for i in run) for run in self.runs]
        self.run_figures = [tuple((self.whole[i], self.half[i]) for i in run) for run in self.runs]
        self.total_at: list[int] = [-1] * self.n_rows
        self.groups_ending_at: list[list[tuple[int, list[int]]]] = [[] for _ in range(self.n_rows)]
        for parent, children in self.groups:
            self.groups_ending_at[max((parent, *children))].append((parent, children))

    def spent(self) -> bool:
        self.budget -= 1
        return self.budget <= 0 or len(self.solutions) > _MAX_SOLUTIONS

    def totals(self, k: int, row: int, chosen: int = 0, passed: int = 0) -> None:
        """Runs from ``k`` on: each is the total column's next rows, or left to the pool. ``chosen`` and
        ``passed`` are the sums of the figures taken as totals and of those passed over so far."""
        if self.spent():
            return
        if self.n_rows - row > self.figures_from[k]:
            return
        if row == self.n_rows or k == len(self.runs):
            # Each row's parts add up to its total: the totals are half of all the figures, within
            # their rounding (asked before the parts' search is set up: most choices fail here).
            if row == self.n_rows and abs(2 * chosen - self.all_figures) <= self.all_slack:
                self.parts_from()
            return
        # Each row's parts add up to its total, so the totals are half of all the figures: the
        # totals chosen, and the figures passed over, can be no more than that half.
        if self.nonnegative and 2 * max(chosen, passed) > self.all_figures + self.all_slack:
            return
        run = self.runs[k]
        if row + len(run) <= self.n_rows:
            for offset, i in enumerate(run):
                self.assignment[i] = (row + offset, 0)
                self.total_at[row + offset] = i
            if self.column_sums_hold(row, row + len(run)):
                self.totals(k + 1, row + len(run), chosen + self.run_whole[k], passed)
            for i in run:
                del self.assignment[i]
        self.totals(k + 1, row, chosen, passed + self.run_whole[k])

    def column_sums_hold(self, rows_before: int, rows_filled: int) -> bool:
        """The total column's families completed by filling rows ``rows_before`` to ``rows_filled`` add
        up (those completed before were checked when their last row was filled)."""
        cells, whole, half, ending_at = self.total_at, self.whole, self.half, self.groups_ending_at
        for r in range(rows_before, rows_filled):
            for parent, children in ending_at[r]:
                figure = cells[parent]
                value, slack = whole[figure], half[figure]
                for c in children:  # a plain loop: two generators per family cost more than the sums
                    figure = cells[c]
                    value -= whole[figure]
                    slack += half[figure]
                if abs(value) > slack:
                    return False
        return True

    def parts_from(self) -> None:
        """With the totals chosen (every row's in ``total_at``, their sum half of all the figures),
        place the pool's runs."""
        totals = set(self.total_at)
        in_pool = [k for k, run in enumerate(self.runs) if run[0] not in totals]
        pool_runs = [self.runs[k] for k in in_pool]
        lacking = [self.whole[i] for i in self.total_at]
        slack = [self.half[i] for i in self.total_at]
        # Equal figures swapped between the totals and the parts leave the same search.
        figures = tuple(self.run_figures[k] for k in in_pool)
        choice = (tuple(lacking), tuple(slack), figures)
        if choice in self.choices:
            return
        self.choices.add(choice)
        held: list[tuple[int, ...]] = [()] * self.n_rows
        self.seen = set()  # states of this choice of totals
        self.figures_after = [sum(len(run) for run in pool_runs[k:]) for k in range(len(pool_runs) + 1)]
        # Rows still lacking a part (beyond rounding): kept up to date as runs are placed and taken back.
        self.unfilled = sum(abs(lack) > s for lack, s in zip(lacking, slack, strict=True))
        self.parts(pool_runs, 0, [-1] * len(self.pools[1]), lacking, slack, held)

    def parts(
        self,
        runs: list[list[int]],
        k: int,
        chains: list[int],
        lacking: list[int],
        slack: list[int],
        held: list[tuple[int, ...]],
    ) -> None:
        if self.spent():
            return
        if k == len(runs):
            if not self.unfilled:
                self.solutions.append(dict(self.assignment))
            return
        # Each figure left fills at most one row: no more rows may lack a part than figures are left.
        if self.unfilled > self.figures_after[k]:
            return
        # What each row lacks follows from what it holds: the state is the figures held.
        state = (k, tuple(sorted(chains)), tuple(held))
        if state in self.seen:
            return  # equal figures swapped: the same ways go on from here
        self.seen.add(state)
        run = runs[k]
        whole, half = self.whole, self.half
        lowest = min(chains)
        # Figures are never negative: a figure larger than what a row lacks cannot go there. The run's
        # first figure is asked in the loop (most starts fail on it), the others by ``_fits_from``.
        nonnegative = self.nonnegative
        first_over = whole[run[0]] - half[run[0]]
        longer = len(run) > 1
        # Plain loops below, not generators: they run for every start of every run tried.
        for start in range(lowest + 1, self.n_rows - len(run) + 1):
            end = start + len(run)
            if nonnegative and (
                first_over > lacking[start] + slack[start]
                or (longer and not _fits_from(run, start, whole, half, lacking, slack))
            ):
                continue
            # The run goes after the column ending lowest above it (the first such, as ``max`` picks).
            chain = -1
            for c, ends in enumerate(chains):
                if ends < start and (chain < 0 or ends > chains[chain]):
                    chain = c
            saved = chains[chain]
            chains[chain] = end - 1
            # The rows' state before the run, put back as it was once its placements are tried.
            unfilled, lacked, slacked, had = self.unfilled, lacking[start:end], slack[start:end], held[start:end]
            for i, r in zip(run, range(start, end), strict=True):
                was_open = abs(lacking[r]) > slack[r]
                lacking[r] -= whole[i]
                slack[r] += half[i]
                self.unfilled += (abs(lacking[r]) > slack[r]) - was_open
                held[r] = tuple(sorted((*held[r], whole[i])))
                self.assignment[i] = (r, 1)
            # No later run reaches the rows above the lowest column's end: they must be full now.
            if _all_filled(lacking, slack, lowest + 1, min(chains) + 1):
                self.parts(runs, k + 1, chains, lacking, slack, held)
            chains[chain] = saved
            self.unfilled = unfilled
            lacking[start:end], slack[start:end], held[start:end] = lacked, slacked, had
            for i in run:
                del self.assignment[i]


def _fits_from(
    run: list[int], start: int, whole: list[int], half: list[int], lacking: list[int], slack: list[int]
) -> bool:
    """Whether each figure of a run starting at row ``start`` is no larger than what its row lacks
    (within both roundings). Asked row by row as the starts are tried, the first misfit ending it:
    a table of every figure against every row, made for each run placed, cost more than the starts."""
    r = start
    for i in run:
        if whole[i] > lacking[r] + slack[r] + half[i]:
            return False
        r += 1
    return True


def _all_filled(lacking: list[int], slack: list[int], first: int, end: int) -> bool:
    """Whether rows ``first`` to ``end`` (excluded) lack nothing beyond their rounding."""
    for r in range(first, end):  # noqa: SIM110 - all() over a generator is slower here
        if abs(lacking[r]) > slack[r]:
            return False
    return True


def _pools(side: Side) -> list[list[int]] | None:
    """The total column and the pool of its parts, when the side's one sum covers every column."""
    if len(side.sums) != 1:
        return None
    total, parts = side.sums[0]
    if sorted((total, *parts)) != list(range(len(side.money))):
        return None
    return [[total], list(parts)]


def sum_groups(codes: Sequence[str | None]) -> list[tuple[int, list[int]]]:
    """(parent row, its child rows) whose whole family is on the page: a 类 and its 款, a 款 and its
    项, where a later row of the page is outside the family."""
    groups = []
    for r, code in enumerate(codes):
        if code is None:
            continue
        children = [j for j, c in enumerate(codes) if c is not None and len(c) == len(code) + 2 and c.startswith(code)]
        later = [j for j in range(r + 1, len(codes)) if codes[j] is not None and not codes[j].startswith(code)]
        if children and later:
            groups.append((r, children))
    return groups
