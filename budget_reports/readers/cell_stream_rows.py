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
classification knows for its code. Otherwise the table is not read from its rows (``None``): a
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
from budget_reports.readers.table_headers import Side

# A 项's part printed with its name, in one cell (``01 行政运行``).
_ITEM_NAME = re.compile(r"^(\d{2})\s*(\D.*)$")
# Header words a cell-by-cell stream may print among the rows (the code columns' heads, 栏次).
_HEADER_WORDS = frozenset({"类", "款", "项", *COLUMN_NUMBER_WORDS})
_CLASS_LENGTH, _GROUP_LENGTH, _ITEM_LENGTH = 3, 5, 7


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
    rows, groups = _cells(lines)
    if rows is None or not rows:
        return None
    named = [row for row in rows if not row.total]
    if len(named) != len(groups):
        return None
    _carry_early_figures(rows, len(side.money))
    out: list[list[Token]] = []
    unsure: list[AmbiguousCell] = []
    codes = iter(groups)
    for row in rows:
        code = "" if row.total else _code(next(codes), row)
        if code is None:
            return None
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


def _cells(lines: Sequence[LineLike]) -> tuple[list[_Row] | None, list[list[str]]]:
    """The named rows (with the figures written after each name) and the code groups, in order;
    None for the rows where a cell fits neither (figures before the first name, a part with no
    class, a line mixing a name and figures)."""
    rows: list[_Row] = []
    groups: list[list[str]] = []
    after_blank = True
    last_kind = ""
    column = 0  # the last column number of the run being read (栏次 1 2 3 …)
    for line in lines:
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
                return None, groups
            rows[-1].figures += [Token(w, line.page, line.line) for w in words]
            last_kind = "figure"
        elif len(words) == 1 and (CLASS_CODE.match(key) or (WHOLE_CODE.match(key) and len(key) > _CLASS_LENGTH)):
            groups.append([key])
            last_kind = "code"
        elif len(words) == 1 and CODE_PART.match(key):
            if not groups:
                return None, groups
            groups[-1].append(key)
            last_kind = "code"
        elif any(BARE_FIGURE.match(w) for w in words):
            return None, groups
        elif last_kind == "name" and not after_blank and rows:
            rows[-1].name.append(Token(text, line.page, line.line))  # a wrapped name's next line
        else:
            token = Token(text, line.page, line.line)
            item = _ITEM_NAME.match(key)
            if item is not None:
                rows.append(_Row([Token(item.group(2), line.page, line.line)], item=item.group(1)))
            else:
                rows.append(_Row([token], total=is_total(key)))
            last_kind = "name"
        after_blank = False
    return _without_trailing_labels(rows), groups


def _without_trailing_labels(rows: list[_Row]) -> list[_Row]:
    """The rows up to the last one that holds figures: labels after it (the header of the next page,
    a wide table's columns carried over) name no row of the table."""
    end = len(rows)
    while end and not rows[end - 1].figures:
        end -= 1
    return rows[:end]
