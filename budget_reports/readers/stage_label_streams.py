"""One-row tables whose columns are told apart by their last header line alone (the 三公 table:
预算数 / 决算数 under each item, or a budget's one amount per item), as ``pdftotext`` (default
mode) writes them: the header's item cells in no usable order, its stage labels one per line in
column order, and the row's figures in runs, each run after the labels of the columns it is
printed under (the labels and the cells below them are one block), in no dependable order within
the run.

A table is read only where the stream holds exactly the layout's stage labels in its column order
and no figure comes before the first. Each run's figures are put in its labels' columns every way
the row's sums allow (合计 = its items, 小计 = its parts, stage by stage; a bounded search): a
figure every way puts in one column is read, any other is reported ambiguous with its columns.
Where the labels give no way (a budget's 三公 table: no stage labels, a header cell spanning the
header's rows written among the figures), the sums alone place the figures, in any order. With no
way at all, the table is reported not read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import permutations, product
from math import perm, prod

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.normalize import compact, half_step
from budget_reports.readers.block_words import BARE_FIGURE, figure_value
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.column_blocks import BlockLine, unplaced_figure
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.linear_tables import (
    LinearTable,
    RowSettler,
    SourceLine,
    not_read_table,
    placed_table,
)
from budget_reports.readers.passed_over_titles import passed_over_titles, title_kind
from budget_reports.readers.table_headers import (
    HeaderLayout,
    LabelKind,
    header_key,
    match_layout,
    printed_wordings,
    relative_years,
)
from budget_reports.readers.table_relations import PlacedSide

_TABLES = (TableKind.THREE_PUBLIC, TableKind.GPB_THREE_PUBLIC, TableKind.BUDGET_THREE_PUBLIC)
_BOUND = 50_000  # placements tried at most; past it the table is reported not read


def with_stage_streams(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, each one-row table the table finder passed over or could not rebuild read from
    its stream of stage labels and figures (or reported not read, its figures ambiguous)."""
    out = list(tables)
    for k, table in enumerate(tables):
        if table.lost is not None and title_kind(lines[table.start].text) in _TABLES:
            out[k] = _read(lines, table.start, table.end) or table
    for title in passed_over_titles(lines, tables, _TABLES):
        table = _read(lines, title.start, title.end)
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: t.start)


def _read(lines: list[SourceLine], start: int, end: int) -> LinearTable | None:
    cells = [BlockLine(word, x.page, x.line) for x in lines[start + 1 : end] for word in _words(x.text)]
    figures = [cell for cell in cells if BARE_FIGURE.match(cell.text)]
    header = " ".join(cell.text for cell in cells if not BARE_FIGURE.match(cell.text))
    layout = match_layout(header)
    if not figures or layout is None or len(layout.sides) != 1 or layout.sides[0].label is not LabelKind.NONE:
        return None  # no figure, a contents line, or not a one-row table
    values = tuple(figure_value(cell.text) for cell in figures)
    cells = _stage_words(cells, layout, header_key(header))
    runs = _runs(cells, layout)
    placements = _placements(runs, values, layout) if runs is not None else []
    if not placements:
        # Stage labels out of column order (pdftotext moved a block of cells): each figure's stage
        # is still that of the labels written before it; the sums place it among that stage's columns.
        stage_runs = _stage_runs(cells, layout)
        placements = _by_stage(stage_runs, values, layout) if stage_runs is not None else []
        placements = list(dict.fromkeys(_equal_figures_in_order(p, values) for p in placements))
    if not placements:
        # Stage labels not written as the runs rule has them (a header cell spanning the header's
        # rows written among the figures; a table without stage labels): the row's sums alone
        # place its figures, in any order (one run over every column).
        anyhow = _placements([(list(range(len(layout.sides[0].money))), len(figures))], values, layout)
        placements = list(dict.fromkeys(_equal_figures_in_order(p, values) for p in anyhow))
    if not placements:
        return _not_read(lines, start, end, figures, layout)
    segment = Segment(figures=[Token(cell.text, cell.page, cell.line) for cell in figures])
    return _StreamRow(start, end, layout, segment, RowFigures(values, placements)).placed(lines)


@dataclass(frozen=True, slots=True)
class _StreamRow:
    """The table's one row as read from its stream, with the placements its sums allow: placed again
    (narrowed by what the report's prose states, ``settle``) without reading the stream again."""

    start: int
    end: int
    layout: HeaderLayout
    segment: Segment
    figures: RowFigures

    def placed(self, lines: list[SourceLine], settle: RowSettler | None = None) -> LinearTable:
        figures = self.figures.copy()
        if settle is not None:
            settle(0, self.layout.sides[0], self.segment, figures)
        row = PlacedSide(self.layout.sides[0], self.segment, figures)
        return replace(placed_table(lines, self.start, self.end, self.layout, [[row]], []), gathered=self)


def _words(text: str) -> list[str]:
    """A line's words; a label's letters spaced out (``预 算 数``) are one word."""
    words = text.split()
    return [compact(text)] if len(words) > 1 and all(len(w) == 1 for w in words) else words


def _stage_words(cells: list[BlockLine], layout: HeaderLayout, header: str) -> list[BlockLine]:
    """The cells with each stage label written as the layout names it (上年度, 2025年预算数 → 上年)."""
    named = {wording: path[-1] for path in layout.sides[0].money for wording in printed_wordings(path[-1])}
    out = []
    for cell in cells:
        word = relative_years(compact(cell.text), header)
        stage = named.get(word)
        out.append(cell if stage is None or stage == cell.text else BlockLine(stage, cell.page, cell.line))
    return out


def _runs(cells: list[BlockLine], layout: HeaderLayout) -> list[tuple[list[int], int]] | None:
    """Per run of figures: the columns of the labels written since the run before, and how many
    figures it holds. None unless the stage labels are exactly the layout's, in its column order,
    and the first figure follows a label."""
    stages = [path[-1] for path in layout.sides[0].money]
    runs: list[tuple[list[int], int]] = []
    columns: list[int] = []
    label = -1
    for cell in cells:
        word = compact(cell.text)
        if BARE_FIGURE.match(word):
            if not columns and not runs:
                return None
            if columns:
                runs.append((columns, 0))
                columns = []
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        elif word in stages:
            label += 1
            if label >= len(stages) or stages[label] != word:
                return None
            columns.append(label)
    return runs if label == len(stages) - 1 else None


def _stages(layout: HeaderLayout) -> dict[str, list[int]]:
    """Stage label -> its columns, where the layout prints two stage labels under every item (预算数 |
    决算数, 上年 | 本年); empty for any other layout."""
    columns: dict[str, list[int]] = {}
    for column, path in enumerate(layout.sides[0].money):
        columns.setdefault(path[-1], []).append(column)
    two = len(columns) == 2 and all(len(c) > 1 for c in columns.values())
    return columns if two else {}


def _stage_runs(cells: list[BlockLine], layout: HeaderLayout) -> list[tuple[Counter[str], int]] | None:
    """Per run of figures: the stage labels written since the run before, and how many figures it
    holds. None unless the layout prints stage labels, a label comes before the first figure, every
    run holds no more figures than labels and no stage is written more often than it has columns."""
    stages = _stages(layout)
    if not stages:
        return None
    runs: list[tuple[Counter[str], int]] = []
    labels: Counter[str] = Counter()
    for cell in cells:
        word = compact(cell.text)
        if BARE_FIGURE.match(word):
            if labels:
                runs.append((labels, 0))
                labels = Counter()
            if not runs or runs[-1][1] == sum(runs[-1][0].values()):
                return None
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        elif word in stages:
            labels[word] += 1
    written = sum((run for run, _ in runs), Counter())
    return runs if all(written[stage] <= len(columns) for stage, columns in stages.items()) else None


def _by_stage(
    runs: list[tuple[Counter[str], int]], values: tuple[Decimal, ...], layout: HeaderLayout
) -> list[tuple[int, ...]]:
    """Every placement that puts each figure in a column of a stage written before it (a run's
    figures taking no stage more often than its labels) and keeps the row's sums; none past the
    bound. The stages' sums are apart (合计 = its items within 预算数, within 决算数), so each
    stage's figures are placed on their own."""
    stages = _stages(layout)
    sums = layout.sides[0].sums
    halves = [half_step(v) for v in values]
    splits = [
        [choice for choice in product(sorted(labels), repeat=count) if not Counter(choice) - labels]
        for labels, count in runs
    ]
    if prod(len(split) for split in splits) > _BOUND:
        return []
    out: list[tuple[int, ...]] = []
    for split in product(*splits):
        stage_of = [stage for run in split for stage in run]
        per_stage = []
        for stage, columns in stages.items():
            figures = [i for i, s in enumerate(stage_of) if s == stage]
            if len(figures) > len(columns):
                break
            per_stage.append(
                [
                    dict(zip(figures, chosen, strict=True))
                    for chosen in permutations(columns, len(figures))
                    if _sums_hold(sums, dict(zip(chosen, figures, strict=True)), values, halves)
                ]
            )
        else:
            for parts in product(*per_stage):
                column_of = {figure: column for part in parts for figure, column in part.items()}
                out.append(tuple(column_of[i] for i in range(len(values))))
                if len(out) > _BOUND:
                    return []
    return out


def _placements(
    runs: list[tuple[list[int], int]], values: tuple[Decimal, ...], layout: HeaderLayout
) -> list[tuple[int, ...]]:
    """Every placement of the figures (a column per figure, in print order) that puts each run's
    figures in its own columns and keeps the row's sums; none past the bound."""
    if prod(perm(len(columns), count) for columns, count in runs) > _BOUND:
        return []  # counted before any is listed: twelve columns have 479,001,600 orders
    choices = [list(permutations(columns, count)) for columns, count in runs]
    halves = [half_step(v) for v in values]  # once per figure, not once per placement tried
    sums = layout.sides[0].sums
    out = []
    for parts in product(*choices):
        placement = tuple(column for part in parts for column in part)
        if _sums_hold(sums, {column: i for i, column in enumerate(placement)}, values, halves):
            out.append(placement)
    return out


def _equal_figures_in_order(placement: tuple[int, ...], values: tuple[Decimal, ...]) -> tuple[int, ...]:
    """Equal figures swapped between columns are one placement (the same cells hold the same
    figures): each set of equal figures takes its columns in the order printed."""
    out = list(placement)
    equal: dict[Decimal, list[int]] = {}
    for i, value in enumerate(values):
        equal.setdefault(value, []).append(i)
    for figures in equal.values():
        for i, column in zip(figures, sorted(out[i] for i in figures), strict=True):
            out[i] = column
    return tuple(out)


def _sums_hold(
    sums: tuple[tuple[int, tuple[int, ...]], ...],
    figure_in: dict[int, int],
    values: tuple[Decimal, ...],
    halves: list[Decimal],
) -> bool:
    """Each sum within the rounding of its printed figures (``figure_in``: column -> figure); an
    empty cell is zero, and carries no rounding."""
    for total, parts in sums:
        gap, slack = Decimal(0), Decimal(0)
        for column, sign in ((total, 1), *((p, -1) for p in parts)):
            figure = figure_in.get(column)
            if figure is not None:
                gap += values[figure] if sign > 0 else -values[figure]
                slack += halves[figure]
        if abs(gap) > slack:
            return False
    return True


def _not_read(
    lines: list[SourceLine], start: int, end: int, figures: list[BlockLine], layout: HeaderLayout
) -> LinearTable:
    unplaced = [unplaced_figure(cell, layout.sides[0].money) for cell in figures]
    return not_read_table(lines, start, end, "的表头与数字交错写出，未能还原为行", unplaced)
