"""The rows of a one-sided coded table (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) whose
cells ``pdftotext`` (default mode) wrote one at a time, as it writes a fully ruled table.

Each cell is a line (a wrapped name: lines with no blank line between them), but the cells of a
row do not stay together: the code parts of a few rows come as one run after their names and
figures (``卫生健康支出 | 60.99 | 行政事业单位医疗 | 60.99 | … | 210 | 210 | 11``), a 项's part is
printed with its name (``01 行政运行``) or alone before it. What stays is each column's order,
top to bottom: the names (and the figures written right after each name) give the rows, the run
of codes gives their codes in the same order, one code group per named row (a 类 code opens a
group, the 款 and 项 parts that follow complete it).

That order is undone only where it proves itself: as many code groups as named rows, each row's
code completed by the 项 part its name carries where the group lacks it, and every name the
classification knows for its code. Where the groups do not fit (a row's 类 cell written after
the rows below it: ``卫生健康支出`` … ``208`` / ``208`` / ``208``, names wrapped narrow on portrait
pages), each code column's own order still gives the codes: each row takes the next 类 and the
parts its name's code needs, a part printed with its name (beside one of its lines, or alone inside
its block: ``单位基`` / ``本`` / ``05`` / ``养老保``) its own. A name written after the rows below it
(its block read later, holding no figure) is put back where that order gives every row its code,
if one place only does. Otherwise the table is not read from its rows (``None``): a
name is never glued to another row's, nor given a code it does not carry. A row's figures are
the ones written after its name; where they are more than the columns or do not add up (the
total the sum of the parts), some were written before their row's name or after it: they are
reported ambiguous, never placed on the row they stand after. Page numbers (``-9-``, ``第9页``)
are no cells, and the labels after the last row (the next page's header) belong to no row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Protocol

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact
from budget_reports.readers.block_words import BARE_FIGURE, CLASS_CODE, CODE_PART, WHOLE_CODE, figure_value
from budget_reports.readers.code_names import is_name_of, known_names
from budget_reports.readers.linear_rows import Token
from budget_reports.readers.pdf_text import join_wrapped
from budget_reports.readers.printed_numbers import COLUMN_NUMBER, COLUMN_NUMBER_WORDS, is_page_number
from budget_reports.readers.split_codes import is_name_line
from budget_reports.readers.table_headers import Side

# A 项's part printed with its name, in one cell (``01 行政运行``).
_ITEM_NAME = re.compile(r"^(\d{2})\s*(\D.*)$")
# Header words a cell-by-cell stream may print among the rows (the code columns' heads, 栏次).
_HEADER_WORDS = frozenset({"类", "款", "项", *COLUMN_NUMBER_WORDS})
_CLASS_LENGTH, _GROUP_LENGTH, _ITEM_LENGTH = 3, 5, 7
_MAX_PARTS = 2  # a row's 款 and 项 parts


class LineLike(Protocol):
    page: int | None
    line: int
    text: str


@dataclass(slots=True)
class _Row:
    name: list[Token]
    item: str = ""  # the 项 part printed with the name
    total: bool = False
    figures: list[Token] = field(default_factory=list)


def cell_stream_rows(lines: Sequence[LineLike], side: Side) -> tuple[list[list[Token]], list[AmbiguousCell]] | None:
    """The table's rows (code, name and figures, in reading order, as ``gather_rows`` gives them)
    from its body ``lines`` (blank lines kept: a blank ends a cell), with the figures reported
    ambiguous that no row can be told to hold; None where the order cannot be undone."""
    if not side.money or not _total_first(side):
        return None
    cells = _cells(lines)
    rows = cells.rows
    if rows is None or not rows:
        return None
    named = [row for row in rows if not row.total]
    row_codes = _group_codes(named, cells.groups)
    if row_codes is None and not cells.whole:
        row_codes = _level_codes(named, cells.classes, cells.parts)
        if row_codes is None:
            rows, row_codes = _late_name_put_back(rows, cells.classes, cells.parts) or (rows, None)
    if row_codes is None:
        return None
    _carry_early_figures(rows, len(side.money))
    out: list[list[Token]] = []
    unsure: list[AmbiguousCell] = []
    codes = iter(row_codes)
    for row in rows:
        code = "" if row.total else next(codes)
        head = [Token(code, row.name[0].page, row.name[0].line)] if code else []
        # The name as printed, its wrapped lines joined (matching compares it compact; what is kept is the text).
        printed = join_wrapped([t.text.strip() for t in row.name])[0]
        name = Token(printed, row.name[0].page, row.name[0].line)
        if _add_up(row.figures, len(side.money)):
            out.append([*head, name, *row.figures])
            continue
        out.append([*head, name])
        snippet = " ".join([code, name.text, *(t.text for t in row.figures)]).strip()
        columns = tuple("/".join(path) for path in side.money)
        unsure += [AmbiguousCell(t.page, t.line, t.text, code or name.text, columns, snippet) for t in row.figures]
    return out, unsure


def _total_first(side: Side) -> bool:
    """The side's first money column is the sum of all the others (合计 | 基本支出 | 项目支出 …):
    what tells where one row's figures end when they are written apart from their names."""
    rest = tuple(range(1, len(side.money)))
    return len(side.money) == 1 or any(total == 0 and tuple(sorted(parts)) == rest for total, parts in side.sums)


def _add_up(figures: list[Token], columns: int) -> bool:
    if len(figures) > columns:
        return False
    if len(figures) < 2:
        return True
    values = [figure_value(t.text) for t in figures]
    return values[0] == sum(values[1:], Decimal(0))


def _carry_early_figures(rows: list[_Row], columns: int) -> None:
    """A row's first figures written before its name, after the previous row's (``行政事业单位养老支出 |
    326.72 | 326.72 | 84.65 | 84.65 | … | 01 行政单位离退休``; ``购房补贴 | 258.50 | 258.50 | 2,940.05 |
    2,336.91 | 合计 | 603.14``): moved to the next row where one split only leaves both rows'
    figures adding up."""
    for row, after in pairwise(rows):
        if _add_up(row.figures, columns):
            continue
        splits = [
            k
            for k in range(1, len(row.figures))
            if _add_up(row.figures[:k], columns) and _add_up(row.figures[k:] + after.figures, columns)
        ]
        if len(splits) == 1:
            row.figures, after.figures = row.figures[: splits[0]], row.figures[splits[0] :] + after.figures


def _group_codes(named: list[_Row], groups: list[list[str]]) -> list[str] | None:
    """Each named row's code from the code groups, one per row in order; None where they do not fit."""
    if len(named) != len(groups):
        return None
    codes = [_code(group, row) for group, row in zip(groups, named, strict=True)]
    return None if None in codes else [code for code in codes if code is not None]


def _level_codes(named: list[_Row], classes: list[str], parts: list[str]) -> list[str] | None:
    """Each named row's code from the 类 column's cells and the parts written alone, each in the
    order written, where the groups do not give them: a row's class may be written after the rows
    below it (``05`` / ``机关事业…`` / ``05 老`` … ``208`` / ``208`` / ``208``, the 类 cells of three
    项 rows after 卫生健康支出's figures), yet each column keeps its order top to bottom, and a row's
    款 part comes before its 项 part. Each row takes the next class and as many parts (none, one or
    two; none or one where its last part is printed with its name) as make the code the
    classification reference knows by its name; None unless exactly one count does for every row
    and every cell is taken."""
    if len(classes) != len(named):
        return None
    codes: list[str] = []
    taken = 0
    for klass, row in zip(classes, named, strict=True):
        name = "".join(compact(t.text) for t in row.name)
        # A part printed with the row's name is its own, its last (a 项's, or a 款's where the
        # row is the 款's): the row takes as many parts alone before it as its code needs.
        counts = range(_MAX_PARTS) if row.item else range(_MAX_PARTS + 1)
        fits = [
            count
            for count in counts
            if taken + count <= len(parts)
            and is_name_of(klass + "".join(parts[taken : taken + count]) + row.item, name)
        ]
        if len(fits) != 1:
            return None
        codes.append(klass + "".join(parts[taken : taken + fits[0]]) + row.item)
        taken += fits[0]
    return codes if taken == len(parts) else None


def _late_name_put_back(rows: list[_Row], classes: list[str], parts: list[str]) -> tuple[list[_Row], list[str]] | None:
    """The rows with the one name written out of order put back, and their codes: pdftotext may
    write a wrapped name's block after the rows below it (``一般行政管理事`` / ``务`` after
    社会保障和就业支出's figures), its figures left where its row is, after the row above's. Such a
    name holds no figure; it is put back where each code column's order (``_level_codes``) gives
    every row its code, if one place only does. None otherwise (no such name, or two)."""
    late = [i for i, row in enumerate(rows) if not row.total and not row.figures]
    if len(late) != 1:
        return None
    others = rows[: late[0]] + rows[late[0] + 1 :]
    fitting = []
    for place in range(len(others) + 1):
        if place == late[0]:
            continue  # where it was written
        moved = [*others[:place], rows[late[0]], *others[place:]]
        codes = _level_codes([row for row in moved if not row.total], classes, parts)
        if codes is not None:
            fitting.append((moved, codes))
    return fitting[0] if len(fitting) == 1 else None


def _code(group: list[str], row: _Row) -> str | None:
    """The row's code: its group's parts, and the 项 part its name carries where the group stops at
    the 款; None where the group and the name do not fit, or the code's known names deny the name."""
    code = "".join(group)
    if row.item:
        if len(code) != _GROUP_LENGTH:
            return None
        code += row.item
    if len(code) not in (_CLASS_LENGTH, _GROUP_LENGTH, _ITEM_LENGTH):
        return None
    name = "".join(compact(t.text) for t in row.name)
    if known_names(code) and not is_name_of(code, name):
        return None
    return code


@dataclass(slots=True)
class _Cells:
    """What a table's cells give, in the order written: the named rows (None where a cell fits no
    row), the code groups (a 类 and the parts after it), and the code columns' cells apart: the 类
    codes, and the 款 and 项 parts written alone (not with a name); ``whole``: a code printed whole."""

    rows: list[_Row] | None
    groups: list[list[str]]
    classes: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    whole: bool = False


def _cells(lines: Sequence[LineLike]) -> _Cells:
    """The named rows (with the figures written after each name) and the code cells, in order; no
    rows where a cell fits none (figures before the first name, a part with no class, a line
    mixing a name and figures)."""
    rows: list[_Row] = []
    groups: list[list[str]] = []
    found = _Cells(rows, groups)
    after_blank = True
    last_kind = ""
    column = 0  # the last column number of the run being read (栏次 1 2 3 …)
    for k, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            after_blank = True
            continue
        words = text.split()
        key = compact(text)
        if is_page_number(key):
            last_kind = "page"
        elif key in _HEADER_WORDS:
            last_kind = "header"
        elif COLUMN_NUMBER.match(key) and (len(key) == 1 or (last_kind == "column" and int(key) == column + 1)):
            # A one-digit word is no code part and no figure; two digits only go on a run of column numbers.
            column = int(key)
            last_kind = "column"
        elif all(BARE_FIGURE.match(w) for w in words):
            if not rows:
                return _Cells(None, groups)
            rows[-1].figures += [Token(w, line.page, line.line) for w in words]
            last_kind = "figure"
        elif len(words) == 1 and (CLASS_CODE.match(key) or (WHOLE_CODE.match(key) and len(key) > _CLASS_LENGTH)):
            groups.append([key])
            found.classes.append(key)
            found.whole = found.whole or len(key) > _CLASS_LENGTH
            last_kind = "code"
        elif len(words) == 1 and CODE_PART.match(key) and _inside_name(lines, k, last_kind, after_blank):
            # A part written inside its wrapped name's block, between two of its lines (centred
            # between the middle lines of a name on an even count of lines): the row's own.
            if rows[-1].item:
                return _Cells(None, groups)
            rows[-1].item = key
        elif len(words) == 1 and CODE_PART.match(key):
            if not groups:
                return _Cells(None, groups)
            groups[-1].append(key)
            found.parts.append(key)
            last_kind = "code"
        elif any(BARE_FIGURE.match(w) for w in words):
            return _Cells(None, groups)
        elif last_kind == "name" and not after_blank and rows:
            # A wrapped name's next line, its row's 项 part beside it where the name's cell centres
            # the part on its middle line (``机关事业单位基本`` / ``05 养老`` / ``保险缴费支出``).
            item = _ITEM_NAME.match(key)
            if item is not None and not rows[-1].item:
                rows[-1].item = item.group(1)
                rows[-1].name.append(Token(item.group(2), line.page, line.line))
            else:
                rows[-1].name.append(Token(text, line.page, line.line))
        else:
            token = Token(text, line.page, line.line)
            item = _ITEM_NAME.match(key)
            if item is not None:
                rows.append(_Row([Token(item.group(2), line.page, line.line)], item=item.group(1)))
            else:
                rows.append(_Row([token], total=is_total(key)))
            last_kind = "name"
        after_blank = False
    found.rows = _without_trailing_labels(rows)
    return found


def _inside_name(lines: Sequence[LineLike], k: int, last_kind: str, after_blank: bool) -> bool:
    """Whether line ``k`` (a part alone) stands inside a wrapped name's block: right after a line of
    the name (no blank line between, which ends a cell) and right before another line holding words
    and no digit."""
    if last_kind != "name" or after_blank or k + 1 >= len(lines):
        return False
    return is_name_line(lines[k + 1].text, _HEADER_WORDS)


def _without_trailing_labels(rows: list[_Row]) -> list[_Row]:
    """The rows up to the last one that holds figures: labels after it (the header of the next page,
    a wide table's columns carried over) name no row of the table."""
    end = len(rows)
    while end and not rows[end - 1].figures:
        end -= 1
    return rows[:end]
