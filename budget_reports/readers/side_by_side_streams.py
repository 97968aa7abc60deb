"""The 基本支出决算表 (人员经费 and 公用经费 side by side) when ``pdftotext`` (default mode) wrote
it as one interleaved stream of both halves' codes, names and figures, in no order a row can be
rebuilt from (one half's figures not even top to bottom).

What the stream still says, whatever its order:
- which classes the table prints (its 3-digit economic codes) and, per class, how many lines it
  prints (its names, matched against the classification reference): a class holds no more figures;
- which group each class adds up to (人员经费: ``metric_names.PERSONNEL_CLASSES``; 公用经费: the
  others), and the groups' total labels (人员经费合计 …);
- the figures, as a multiset.
The report's prose adds what it states of the groups (``人员经费2152.26万元，主要包括：基本工资、…``):
the group's total, and items that are spent on (a class holds at least as many figures as items of
it the prose names).

``class_sum_search`` finds every split of the figures into group totals, class totals and lines of
a class that keeps the sums and these bounds. The group and class totals every split agrees on are
read; every other figure is reported ambiguous with the lines it may be on (no order in the stream
tells which line of its class holds it). A table whose figures fit no split, or too many to try,
stays reported not read.

A fully ruled table written cell by cell (``side_cells``) is read the same way, its stream mostly in
row order: a class whose lines the stream prints whole, each code, name and one figure in turn
(``stream_rows``), has those lines read where some split gives the class exactly their figures. A
figure written late, after another row's name, leaves its class's rows short of their sum (or
takes a figure the sums give elsewhere): that class's lines stay reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from budget_reports import metric_names
from budget_reports.classification.reference import ECONOMIC, EDITIONS, edition
from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.model import AmbiguousCell, Block, BlockKind
from budget_reports.normalize import compact, parse_decimal, to_wanyuan
from budget_reports.readers.block_words import BARE_FIGURE, CLASS_CODE, figure_value
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.class_sum_search import Agreed, Group, Split, agreed, splits
from budget_reports.readers.column_blocks import BlockLine, unplaced_figure
from budget_reports.readers.interleaved_columns import LABEL_HEADER_WORDS
from budget_reports.readers.linear_rows import Segment, Token
from budget_reports.readers.linear_tables import LinearTable, SourceLine, placed_table
from budget_reports.readers.passed_over_titles import title_kind
from budget_reports.readers.pdf_text import join_wrapped
from budget_reports.readers.stream_rows import StreamRow, stream_rows
from budget_reports.readers.table_headers import LAYOUTS
from budget_reports.readers.table_relations import PlacedSide

_LAYOUT = next(layout for layout in LAYOUTS if layout.name == "经济分类两栏")
_TABLES = (TableKind.GPB_BASIC,)
_COLUMN = ("决算数",)
_COLUMN_NUMBERS = ("栏次",)  # a 栏次 row's label (its numbers are no figures: no decimals)
_LEADING_CODE = re.compile(r"^\d+")


@dataclass(frozen=True, slots=True)
class GroupWords:
    """How a report names a group: its total's label in the table, and the group in prose."""

    metric: str
    total_labels: tuple[str, ...]  # compact, longest first
    prose: str  # regular expression naming the group before its figure


GROUPS: tuple[GroupWords, ...] = (
    GroupWords(
        metric_names.PERSONNEL,
        ("人员经费合计", "人员经费小计", "人员支出合计"),
        r"(?<!保障机关正常运转的)人员经费(?:支出)?",
    ),
    GroupWords(
        metric_names.PUBLIC_USE, ("日常公用经费合计", "公用经费合计", "公用经费小计"), r"(?:日常)?公用经费(?:支出)?"
    ),
)
# ``人员经费2152.26万元，主要包括：基本工资、津贴补贴…；``: the figure, then the items spent on.
_STATED = r"(?:为|是)?\s*(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)(?P<after>[^。；;]*)"
_ITEMS = re.compile(r"(?:主要)?(?:包括|用于)[:：]?(?P<items>[^。；;]*)")
_ITEM_SEPARATORS = re.compile(r"[、，,]")


# Why a table's stream is not read (appended to its report of the table not read).
NO_GROUP_TOTALS = "未印出人员经费、公用经费合计，或未见经济分类类级科目"
NO_SPLIT = (
    "其数字无法分作各类合计与各款，使各类等于所列各款之和、两项经费合计等于各类之和（表内合计不符，或有数字未能识别）"
)
TOO_MANY_SPLITS = "其数字分作各类合计与各款的方式过多，未能逐一核对"
SPLITS_DISAGREE = "其数字可按多种方式分作各类合计与各款，合计均无法确定"


@dataclass(frozen=True, slots=True)
class Stated:
    """What the prose states of a group: its total, and the economic lines it names as spent on."""

    total: Decimal | None
    names: tuple[str, ...]  # compact


def basic_spending_from_streams(
    lines: list[SourceLine], tables: list[LinearTable], prose: Sequence[Block]
) -> list[LinearTable]:
    """The tables, each 基本支出决算表 left not read (written as an interleaved stream) read again
    from its stream where the sums settle its totals."""
    out = list(tables)
    runs = _continued_runs(lines, out)
    if not runs:
        return out  # no such table left not read (most text): the prose need not be searched
    stated = stated_groups(prose)
    for run in runs:
        read = read_stream(lines, [out[k] for k in run], stated)
        if isinstance(read, str):  # why not: said in the report of the table not read
            first = out[run[0]]
            out[run[0]] = replace(first, lost=f"{first.lost}：{read}" if first.lost else first.lost)
            continue
        out[run[0]] = read
        for k in run[1:]:  # a page continuing the table: its title printed again, its figures read above
            title = lines[out[k].start]
            out[k] = LinearTable(
                out[k].start, out[k].end, [Block(BlockKind.HEADING, title.text.strip(), title.page, title.line)], []
            )
    return out


def _continued_runs(lines: list[SourceLine], tables: list[LinearTable]) -> list[list[int]]:
    """Indices of the 基本支出决算表 left not read, those following each other with nothing
    between (a table continued on the next page, its title printed again) in one run."""
    runs: list[list[int]] = []
    for k, table in enumerate(tables):
        if table.lost is None or title_kind(lines[table.start].text) not in _TABLES:
            continue
        if runs and runs[-1][-1] == k - 1 and not any(x.text.strip() for x in lines[tables[k - 1].end : table.start]):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def stated_groups(prose: Sequence[Block]) -> dict[str, Stated]:
    """Per group metric, what the prose states of it (the first statement naming a figure)."""
    out: dict[str, Stated] = {}
    for block in prose:
        text = compact(block.text)
        if "经费" not in text or "基本支出" not in text:
            continue  # the groups of the basic spending are stated where it is
        for group in GROUPS:
            match = re.search(group.prose + _STATED, text)
            if match is None or group.metric in out:
                continue
            value = parse_decimal(match["value"])
            total = None if value is None else to_wanyuan(value, match["unit"])
            items = _ITEMS.search(match["after"])
            names = [n.removesuffix("等") for n in _ITEM_SEPARATORS.split(items["items"])] if items is not None else []
            out[group.metric] = Stated(total, tuple(compact(name) for name in names))
    return out


def read_stream(lines: list[SourceLine], parts: list[LinearTable], stated: dict[str, Stated]) -> LinearTable | str:
    """The table whose pages are ``parts`` (each from its title), read from their stream; else why
    not (no group totals printed, the figures fit no split or too many, the splits agree on nothing)."""
    table = parts[0]
    # The text's own lines (text, page and line are all that is read of them), not copies.
    span = [x for part in parts for x in lines[part.start + 1 : part.end]]
    # Each word apart (a line may join a figure of one half to a code of the other: ``2,082.86 302``).
    cells = [BlockLine(word, line.page, line.line) for line in span for word in line.text.split()]
    classes = sorted({cell.text for cell in cells if CLASS_CODE.match(cell.text) and _class_name(cell.text)})
    labels = {group.metric: _total_label(cells, group) for group in GROUPS}
    groups = [
        Group(
            tuple(c for c in classes if _in_group(c, group)),
            labels[group.metric] is not None,
        )
        for group in GROUPS
    ]
    if not all(g.classes and g.has_total for g in groups):
        return NO_GROUP_TOTALS
    figures = [cell for cell in cells if BARE_FIGURE.match(cell.text)]
    if not figures:
        return NO_GROUP_TOTALS
    words = {compact(line.text) for line in span} | {cell.text for cell in cells}
    printed = {c: _printed_lines(c, words) for c in classes}
    named: dict[str, set[str]] = {c: set() for c in classes}
    for name in (name for s in stated.values() for name in s.names):
        codes = [code for code in _lines_named().get(name, ()) if code[:3] in named]
        if len(codes) == 1:  # a name the table's classes give one line
            named[codes[0][:3]].add(codes[0])
    values = [figure_value(f.text) for f in figures]
    found = splits(
        values,
        groups,
        lines_per_class={c: (len(named[c]), len(printed[c])) for c in classes},
        group_totals=tuple(stated[g.metric].total if g.metric in stated else None for g in GROUPS),
    )
    if found is None:
        return TOO_MANY_SPLITS
    if not found:
        return NO_SPLIT
    known = agreed(values, groups, found)
    if not known.class_totals and not any(t is not None for t in known.group_totals):
        return SPLITS_DISAGREE
    header = {*_LAYOUT.words, *LABEL_HEADER_WORDS, *_COLUMN_NUMBERS}
    ends = {label for group in GROUPS for label in group.total_labels}

    def named_elsewhere(line: str) -> bool:  # the line's name printed somewhere in the stream
        return line in printed.get(line[:3], {})

    rows = stream_rows(cells, classes, header, ends, lambda name: _lines_named().get(name, ()), named_elsewhere)
    ordered = _confirmed_rows(rows, values, known, found, named_elsewhere)
    return _table(lines, table, figures, values, known, labels, span, printed, ordered)


def _confirmed_rows(
    rows: list[StreamRow],
    values: list[Decimal],
    known: Agreed,
    found: list[Split],
    named_elsewhere: Callable[[str], bool],
) -> dict[str, list[StreamRow]]:
    """Per class, the rows the stream prints whole, where the sums confirm them: every split gives
    the class the same total, and some split gives its lines exactly the rows' figures (a figure
    written late, after another row's name, breaks its class's sum: the class is not read by order).
    A row's name is its code's in the classification, or, printed elsewhere in the stream
    (``named_elsewhere``), the row prints none."""
    out: dict[str, list[StreamRow]] = {}
    for code, total in known.class_totals.items():
        own = [
            r
            for r in rows
            if r.code[:3] == code
            and (r.code in _lines_named().get(r.name_text, ()) or (not r.name and named_elsewhere(r.code)))
        ]
        if total is None or not own or len({r.code for r in own}) < len(own):
            continue
        figures = Counter(values[r.figure] for r in own)
        if any(
            (index := s.class_totals[code]) is not None
            and values[index] == total
            and Counter(values[i] for i, c in s.lines_of.items() if c == code) == figures
            for s in found
        ):
            out[code] = own
    return out


def _table(
    lines: list[SourceLine],
    table: LinearTable,
    figures: list[BlockLine],
    values: list[Decimal],
    known: Agreed,
    labels: dict[str, BlockLine | None],
    span: list[SourceLine],
    printed: dict[str, dict[str, str]],
    ordered: dict[str, list[StreamRow]],
) -> LinearTable:
    # Figures not yet given to a cell, in print order (those of rows the stream prints whole given).
    given = {r.figure for held in ordered.values() for r in held}
    free = [i for i in range(len(figures)) if i not in given]
    texts = [compact(line.text) for line in span]  # where the names are looked for
    # Each line without a code printed whole before its name (``301 工资福利支出``), made once for the
    # table's names.
    heads = [_LEADING_CODE.sub("", text) for text in texts]

    def take(value: Decimal) -> BlockLine:
        index = next(i for i in free if values[i] == value)
        free.remove(index)
        return figures[index]

    rows: list[list[PlacedSide | None]] = []
    for group, total in zip(GROUPS, known.group_totals, strict=True):
        for code in known.class_totals:
            if not _in_group(code, group):
                continue
            value = known.class_totals[code]
            figure = None if value is None else take(value)
            rows.append(_row(group, code, _name_line(_class_name(code) or "", span, texts, heads), figure))
            for line in ordered.get(code, ()):
                if line.name:
                    printed_name = join_wrapped([word.text.strip() for word in line.name])[0]
                    name: BlockLine | None = BlockLine(printed_name, line.name[0].page, line.name[0].line)
                else:  # its name printed elsewhere in the stream, wrapped maybe
                    name = _name_line(printed[code][line.code], span, texts, heads)
                rows.append(_row(group, line.code, name, figures[line.figure]))
            held = None if code in ordered else known.lines_of_class.get(code)
            # One figure, and one line it can be on. (Which lines the prose names as spent on is no
            # evidence of where a figure stands: reports name items their table leaves empty.)
            only = next(iter(printed[code])) if len(printed[code]) == 1 else None
            if held is not None and sum(held.values()) == 1 and only is not None:
                line = take(next(iter(held)))
                rows.append(_row(group, only, _name_line(printed[code][only], span, texts, heads), line))
        label = labels[group.metric]
        if total is not None and label is not None:
            rows.append(_row(group, None, label, take(total)))
    unplaced = [_ambiguity(figures[i], known, i, printed) for i in free]
    return placed_table(lines, table.start, table.end, _LAYOUT, rows, unplaced)


def _total_label(cells: list[BlockLine], group: GroupWords) -> BlockLine | None:
    """The cell printing the group's total label, or the two printing it wrapped in a narrow cell
    (``人员经费合 | 计``)."""
    # A cell opening a label opens with a label's first character: the stream's other cells (most of
    # its words) are passed over without joining them to the next.
    firsts = {label[0] for label in group.total_labels}
    for k, cell in enumerate(cells):
        text = compact(cell.text)
        if text and text[0] not in firsts:
            continue
        if text in group.total_labels:
            return cell
        joined = text + compact(cells[k + 1].text) if k + 1 < len(cells) else ""
        if joined in group.total_labels:
            return BlockLine(join_wrapped([cell.text.strip(), cells[k + 1].text.strip()])[0], cell.page, cell.line)
    return None


def _in_group(code: str, group: GroupWords) -> bool:
    return (code in metric_names.PERSONNEL_CLASSES) == (group.metric == metric_names.PERSONNEL)


def _row(
    group: GroupWords, code: str | None, name: BlockLine | None, figure: BlockLine | None
) -> list[PlacedSide | None]:
    """One half of a row: its code, its name as printed (None: not printed) and its figure. The code
    is evidenced by the name's place, else by the figure's."""
    anchor = name or figure
    segment = Segment(
        code=[Token(code, anchor.page, anchor.line)] if code is not None and anchor is not None else [],
        name=[Token(name.text.strip(), name.page, name.line)] if name is not None else [],
        figures=[Token(figure.text.strip(), figure.page, figure.line)] if figure is not None else [],
    )
    side = 0 if group.metric == metric_names.PERSONNEL else 1
    figures = RowFigures((figure_value(figure.text),), [(0,)]) if figure is not None else RowFigures((), [()])
    row: list[PlacedSide | None] = [None, None]
    row[side] = PlacedSide(_LAYOUT.sides[side], segment, figures)
    return row


def _ambiguity(figure: BlockLine, known: Agreed, index: int, printed: dict[str, dict[str, str]]) -> AmbiguousCell:
    """A figure left unplaced, with the lines it may be on: those of the classes it is a line of in
    some split (its class's lines when every split agrees)."""
    classes = sorted(known.classes_of.get(index, set()))
    rows = " | ".join(f"{line} {name}" for c in classes for line, name in printed[c].items())
    return replace(unplaced_figure(figure, [_COLUMN]), row=rows or f"第{figure.page}页（所在行无法确定）")


@cache
def _economic_lines() -> dict[str, dict[str, str]]:
    """Class code -> {line code: name} over every edition of the economic classification (and a
    line's names in other editions, as aliases)."""
    out: dict[str, dict[str, str]] = {}
    for year in EDITIONS[ECONOMIC]:
        for entry in edition(ECONOMIC, year).entries.values():
            if len(entry.code) == 5:
                out.setdefault(entry.code[:3], {}).setdefault(entry.code, entry.name)
    return out


@cache
def _lines_named() -> dict[str, frozenset[str]]:
    """Compact name -> the line codes bearing it in some edition (also as an alias)."""
    seen: dict[str, set[str]] = {}
    for year in EDITIONS[ECONOMIC]:
        for entry in edition(ECONOMIC, year).entries.values():
            if len(entry.code) == 5:
                for name in (entry.name, *entry.aliases):
                    seen.setdefault(compact(name), set()).add(entry.code)
    return {name: frozenset(codes) for name, codes in seen.items()}


@cache
def _class_name(code: str) -> str | None:
    entry = edition(ECONOMIC, None).get(code)
    return entry.name if entry is not None and entry.level == "类" else None


def _name_line(name: str, span: list[SourceLine], texts: list[str], heads: list[str]) -> BlockLine | None:
    """The line printing ``name``, its wrapped lines joined (a name broken in its cell: ``商品和服务支 |
    出``, its rest on the next line or elsewhere in the stream); None: not printed whole. ``texts``:
    the span's lines compact, ``heads`` the same without a code printed before the name (made once
    for the table's names, not once for each)."""
    key = compact(name)
    for k, line in enumerate(span):
        head = heads[k]
        if len(head) < 2 or not key.startswith(head):
            continue
        used = [k]  # the lines printing the name, to keep it as printed (matching is compact)
        for j in range(k + 1, len(texts)):
            piece = texts[j]
            if head == key or (piece and not key.startswith(head + piece)):
                break
            head += piece
            used.append(j)
        if head != key:
            rest = next((j for j, text in enumerate(texts) if text == key[len(head) :]), None)
            if rest is None:
                continue
            used.append(rest)
        pieces = [_LEADING_CODE.sub("", span[used[0]].text.strip()).strip(), *(span[j].text.strip() for j in used[1:])]
        return BlockLine(join_wrapped(pieces)[0], line.page, line.line)
    return None


def _printed_lines(code: str, words: set[str]) -> dict[str, str]:
    """The class's lines the stream prints a name of (or the start of a name wrapped in its cell):
    line code -> name. A generous count, as it only bounds how many figures the class holds."""
    found = {}
    for line, name in _economic_lines().get(code, {}).items():
        key = compact(name)
        if any(key[:n] in words for n in range(2, len(key) + 1)):
            found[line] = name
    return found
