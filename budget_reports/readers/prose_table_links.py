"""A table's cells as the report's prose states them (``cell_links``, the prose links), used to
place the figures that text extracted from its PDF left ambiguous.

The 财政拨款“三公”经费支出决算表 prints one row under twelve columns (预算数 and 决算数 of 合计 and
five items) and the text drops its empty cells: ``0.95 0.95`` fits 合计 with 因公出国(境)费 or
公务接待费, as 预算数 or as 决算数. The report's prose states the same cells
(``“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，…其中：因公出国（境）费决算为0.00万元``):
a placement is kept only when it agrees with every cell the prose states (an empty cell is zero),
and only when at least one does (else the report disagrees with itself: the rules say so). The
table fact keeps its table line as evidence; each figure the prose settles is recorded
(``SettledCell``) with the placements it excluded and the prose that excluded them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.model import Block, SettledCell
from budget_reports.normalize import half_step, parse_decimal, to_wanyuan
from budget_reports.readers import cell_links
from budget_reports.readers.budget_table_links import settled_by, table_kind, wan_per_unit
from budget_reports.readers.cell_links import Link, Stated
from budget_reports.readers.known_cells import EVERY_ROW_KEY, Check, KnownCell, KnownCells, LinkSettler, Narrowed
from budget_reports.readers.linear_rows import words_as_printed
from budget_reports.readers.linear_tables import LinearTable, SourceLine

_FIGURE = r"\s*(?P<value>[+-]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)"


def settled_by_prose(
    lines: list[SourceLine], tables: list[LinearTable], prose: list[Block]
) -> tuple[list[LinearTable], list[SettledCell]]:
    """The tables, those with ambiguous figures built again with what the prose states; and the
    figures the prose settled."""
    out: list[LinearTable] = []
    settled: list[SettledCell] = []
    for table in tables:
        # A table reported not read (its stream fits no placement) is not read again as rows.
        readable = table.ambiguous and table.lost is None
        kind = table_kind(table) if readable else None
        stated = _statements(prose, _stated_links(kind)) if kind is not None else []
        if not stated:
            out.append(table)  # nothing the prose states of it (most tables): its unit is not even read
            continue
        known = KnownCells()
        for link, cell in stated:
            known.add((EVERY_ROW_KEY,), link.source_column, cell)
        settler = LinkSettler([(link, known) for link, _ in stated], wan_per_unit(table))
        rebuilt = settled_by(lines, table, settler)
        out.append(rebuilt or table)
        if rebuilt is not None:
            settled += [cell for narrowed in settler.narrowed for cell in _settled_cells(narrowed)]
    return out, settled


@dataclass(frozen=True, slots=True)
class _ProseLinks:
    """The links of one table kind to what the prose states, with the patterns that find them."""

    links: tuple[Link, ...]
    subjects: tuple[str, ...]  # each subject once, in the links' order
    named: re.Pattern[str]  # any subject, as group ``s<i>`` of ``subjects[i]``
    stage_figures: dict[str, re.Pattern[str]]  # the figure after each stage's words (预算为, 决算为)


def _prose_links(catalogue: tuple[Link, ...], kind: TableKind) -> _ProseLinks | None:
    links = tuple(link for link in catalogue if link.table is kind and isinstance(link.source, Stated))
    stated = [link.source for link in links if isinstance(link.source, Stated)]
    subjects = tuple(dict.fromkeys(source.subject for source in stated))
    if not subjects:
        return None
    named = re.compile("|".join(f"(?P<s{i}>{subject})" for i, subject in enumerate(subjects)))
    return _ProseLinks(links, subjects, named, {s.stage: re.compile(s.stage + _FIGURE) for s in stated})


class _CompiledLinks:
    """The prose links of every table kind, compiled once per catalogue (``cell_links.LINKS``, which
    may be extended with a report's wording): at import for the shipped one, not when a worker's
    first report with such a table and prose arrives."""

    def __init__(self) -> None:
        self.catalogue: tuple[Link, ...] | None = None
        self.by_kind: dict[TableKind, _ProseLinks] = {}

    def of(self, kind: TableKind) -> _ProseLinks | None:
        if self.catalogue is not cell_links.LINKS:
            self.catalogue = catalogue = cell_links.LINKS
            self.by_kind = {k: found for k in TableKind if (found := _prose_links(catalogue, k)) is not None}
        return self.by_kind.get(kind)


_COMPILED = _CompiledLinks()
_COMPILED.of(TableKind.OVERVIEW)  # compile the shipped catalogue now


def _stated_links(kind: TableKind) -> _ProseLinks | None:
    """The links of a table of ``kind`` to what the prose states (None: it has none)."""
    return _COMPILED.of(kind)


def _statements(prose: list[Block], stated_links: _ProseLinks | None) -> list[tuple[Link, KnownCell]]:
    """Each cell the prose states, in 万元 with half its printed unit, in the order first stated."""
    if stated_links is None:
        return []
    links, subjects, named = stated_links.links, stated_links.subjects, stated_links.named
    found: dict[tuple[str, ...], list[tuple[Link, KnownCell]]] = {}
    for block in prose:
        text = block.text
        if "元" not in text:
            continue  # no figure in 元, 万元 or 亿元 (``_FIGURE``): nothing stated (most headings and lines)
        matches = list(named.finditer(text))
        for match, following in zip(matches, [*matches[1:], None], strict=False):
            subject = subjects[int(next(name for name, value in match.groupdict().items() if value)[1:])]
            clause = text[match.end() : following.start() if following is not None else len(text)]
            for link in links:
                if not isinstance(link.source, Stated) or link.source.subject != subject:
                    continue
                stated = stated_links.stage_figures[link.source.stage].search(clause)
                value = parse_decimal(stated.group("value")) if stated is not None else None
                if stated is None or value is None:
                    continue
                unit = stated.group("unit")
                cell = KnownCell(to_wanyuan(value, unit), to_wanyuan(half_step(value), unit), block)
                found.setdefault(link.column, []).append((link, cell))
    # A cell the prose states twice with different figures says nothing for sure.
    return [
        stated[0]
        for stated in found.values()
        if all(abs(cell.value - stated[0][1].value) <= cell.half + stated[0][1].half for _, cell in stated)
    ]


def _settled_cells(narrowed: Narrowed) -> list[SettledCell]:
    side, segment, checks = narrowed.side, narrowed.segment, narrowed.checks
    block = checks[0].cell.block
    out = []
    for index, column in narrowed.settled.items():
        token = segment.figures[index]
        others = sorted({p[index] for p in narrowed.dropped} - {column})
        out.append(
            SettledCell(
                page=token.page,
                line=token.line,
                figure=token.text,
                row=" ".join(filter(None, [segment.code_text, segment.name_text])) or words_as_printed(segment.figures),
                column="/".join(side.money[column]),
                excluded=tuple("/".join(side.money[c]) for c in others),
                stated_page=block.page if block is not None else None,
                stated_line=block.line if block is not None else None,
                stated=tuple(_stated_text(check) for check in checks),
            )
        )
    return out


def _stated_text(check: Check) -> str:
    return f"{'/'.join(check.link.column)} = {check.cell.value}万元"
