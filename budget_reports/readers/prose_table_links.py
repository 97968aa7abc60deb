"""Figures a report's prose states for a table's cells, used to place the figures that text
extracted from its PDF left ambiguous.

The 财政拨款“三公”经费支出决算表 prints one row under twelve columns (预算数 and 决算数 of 合计 and
five items) and the text drops its empty cells: ``0.95 0.95`` fits 合计 with 因公出国(境)费 or
公务接待费, as 预算数 or as 决算数. The report's prose states the same cells
(``“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，…其中：因公出国（境）费决算为0.00万元``):
a placement is kept only when it agrees with every cell the prose states (an empty cell is zero),
and only when at least one does (else the report disagrees with itself: the rules say so). The
table fact keeps its table line as evidence; each figure the prose settles is recorded
(``SettledCell``) with the placements it excluded and the prose that excluded them.

Which prose names which cell is a catalogue (``STATED_CELLS``: the words naming a row or item,
the column's header path, and the words before each stage's figure); the placing is general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.model import Block, SettledCell
from budget_reports.normalize import half_step, parse_decimal, to_wanyuan
from budget_reports.readers.budget_table_links import table_kind, wan_per_unit
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.linear_tables import LinearTable, SourceLine, rebuild_table
from budget_reports.readers.table_headers import Side


@dataclass(frozen=True, slots=True)
class StatedCell:
    """Prose naming ``subject`` states the cell of column ``column`` (the end of its header path)."""

    tables: tuple[TableKind, ...]
    subject: str  # regular expression: how the prose names the row or item
    column: tuple[str, ...]  # the end of the column's header path, without the stage


_THREE_PUBLIC = (TableKind.THREE_PUBLIC, TableKind.GPB_THREE_PUBLIC)
# Longer names first: 公务用车购置及运行费 before 公务用车购置费.
STATED_CELLS: tuple[StatedCell, ...] = (
    StatedCell(_THREE_PUBLIC, r"[“\"'‘]?三公[”\"'’]?经费(?:财政拨款)?(?:支出)?", ("合计",)),
    StatedCell(_THREE_PUBLIC, r"公务用车购置及运行(?:维护)?费(?:支出)?", ("公务用车购置及运行费", "小计")),
    StatedCell(_THREE_PUBLIC, r"(?<!安排)因公出国[（(]境[）)](?:经费|费用|费)?(?:支出)?", ("因公出国(境)费",)),
    StatedCell(_THREE_PUBLIC, r"公务用车购置(?:费)?(?:支出)?(?!及)", ("公务用车购置费",)),
    StatedCell(_THREE_PUBLIC, r"公务用车运行(?:维护)?(?:费)?(?:支出)?", ("公务用车运行费",)),
    StatedCell(_THREE_PUBLIC, r"(?<!国内)公务接待(?:费)?(?:支出)?", ("公务接待费",)),
)
# The column of each stage (the last word of the header path) and the words before its figure.
STAGES: tuple[tuple[str, str], ...] = (
    ("预算数", r"(?:年初|全年)?预算(?:数)?(?:为|是)"),
    ("决算数", r"(?:支出)?决算(?:数)?(?:为|是)"),
)
_FIGURE = r"\s*(?P<value>[+-]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)"
_STAGE_FIGURES = [(column, re.compile(words + _FIGURE)) for column, words in STAGES]
_PARENS = str.maketrans("（）", "()")


@dataclass(frozen=True, slots=True)
class Statement:
    """A cell's figure as the prose states it, in 万元, with half its printed unit."""

    column: tuple[str, ...]
    value: Decimal
    half: Decimal
    block: Block


def settled_by_prose(
    lines: list[SourceLine], tables: list[LinearTable], prose: list[Block]
) -> tuple[list[LinearTable], list[SettledCell]]:
    """The tables, those with ambiguous figures built again with what the prose states; and the
    figures the prose settled."""
    out: list[LinearTable] = []
    settled: list[SettledCell] = []
    for table in tables:
        kind = table_kind(table)
        # A table reported not read (its stream fits no placement) is not read again as rows.
        readable = table.ambiguous and table.lost is None
        statements = _statements(prose, kind) if readable and kind is not None else []
        if not statements:
            out.append(table)
            continue
        settler = _ProseSettler(statements, wan_per_unit(table))
        rebuilt = rebuild_table(lines, table, settler)
        if rebuilt is not None and len(rebuilt.ambiguous) < len(table.ambiguous):
            out.append(rebuilt)
            settled += settler.settled
        else:
            out.append(table)
    return out, settled


def _statements(prose: list[Block], kind: TableKind) -> list[Statement]:
    cells = [cell for cell in STATED_CELLS if kind in cell.tables]
    if not cells:
        return []
    subjects = re.compile("|".join(f"(?P<s{i}>{cell.subject})" for i, cell in enumerate(cells)))
    found: dict[tuple[str, ...], list[Statement]] = {}
    for block in prose:
        text = block.text
        matches = list(subjects.finditer(text))
        for match, following in zip(matches, [*matches[1:], None], strict=False):
            cell = cells[int(next(name for name, value in match.groupdict().items() if value)[1:])]
            clause = text[match.end() : following.start() if following is not None else len(text)]
            for stage, pattern in _STAGE_FIGURES:
                stated = pattern.search(clause)
                value = parse_decimal(stated.group("value")) if stated is not None else None
                if stated is None or value is None:
                    continue
                column = (*cell.column, stage)
                half = half_step(value)
                amount = to_wanyuan(value, stated.group("unit"))
                found.setdefault(column, []).append(
                    Statement(column, amount, to_wanyuan(half, stated.group("unit")), block)
                )
    # A cell the prose states twice with different figures says nothing for sure.
    return [
        stated[0]
        for stated in found.values()
        if all(abs(s.value - stated[0].value) <= s.half + stated[0].half for s in stated)
    ]


@dataclass(slots=True)
class _ProseSettler:
    statements: list[Statement]
    to_wan: Decimal
    settled: list[SettledCell] = field(default_factory=list)

    def __call__(self, side_index: int, side: Side, segment: Segment, figures: RowFigures) -> None:
        if len(figures.candidates) < 2:
            return
        known = [(column, s) for s in self.statements if (column := _column(side, s.column)) is not None]
        if not known:
            return
        cells = [(c, s.value, s.half) for c, s in known]
        kept = [p for p in figures.candidates if all(figures.agrees_in(p, *cell, self.to_wan) for cell in cells)]
        if not kept or len(kept) == len(figures.candidates):
            return
        before = figures.settled()
        excluded = [p for p in figures.candidates if p not in kept]
        figures.candidates = kept
        for index, column in figures.settled().items():
            if index in before:
                continue
            token = segment.figures[index]
            others = sorted({p[index] for p in excluded} - {column})
            self.settled.append(
                SettledCell(
                    page=token.page,
                    line=token.line,
                    figure=token.text,
                    row=" ".join(filter(None, [segment.code_text, segment.name_text]))
                    or " ".join(t.text for t in segment.figures),
                    column="/".join(side.money[column]),
                    excluded=tuple("/".join(side.money[c]) for c in others),
                    stated_page=known[0][1].block.page,
                    stated_line=known[0][1].block.line,
                    stated=tuple(_stated_text(s) for _, s in known),
                )
            )


def _column(side: Side, column: tuple[str, ...]) -> int | None:
    wanted = tuple(word.translate(_PARENS) for word in column)
    for i, path in enumerate(side.money):
        normalised = tuple(word.translate(_PARENS) for word in path)
        if normalised[-len(wanted) :] == wanted:
            return i
    return None


def _stated_text(statement: Statement) -> str:
    return f"{'/'.join(statement.column)} = {statement.value}万元"
