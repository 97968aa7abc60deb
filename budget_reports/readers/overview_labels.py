"""The row labels of a two-sided overview (收入支出决算总表, 财政拨款收入支出决算总表; a budget's
财务收支预算总表 / 部门收支总表, 财政拨款收支预算总表) when ``pdftotext`` (default mode) wrote them as
one stream: income and spending labels interleaved line by line, wrapped labels broken over lines,
the header's cells among them.

Which side a label is on, and what the row is to the side's sums, is read from the label itself
against a catalogue (``SIDE_PATTERNS``, ``ROLE_PATTERNS``): the ways provinces word the items,
totals and carry-overs. Each side's labels still come top to bottom, so a side's rows are its
labels in the order written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from budget_reports.extract.standard_tables.common import LABEL_NUMBERING
from budget_reports.extract.standard_tables.recognise import unit_of
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact
from budget_reports.numbering import Level
from budget_reports.readers.block_words import BARE_FIGURE, wrapped_cell_runs
from budget_reports.readers.linear_rows import (
    Token,
    enumerator_value,
    is_cell_word,
    is_figure,
    is_row_label,
    strip_enumerator,
    words_as_printed,
)
from budget_reports.readers.printed_numbers import is_column_number_cell, is_page_number
from budget_reports.readers.table_headers import HeaderLayout

INCOME, SPENDING = 0, 1
# A figure of an overview: a money figure, or a zero printed bare (a county's empty cell), which an
# overview's cells, printing no codes or line numbers, cannot be taken for.
OVERVIEW_FIGURE = re.compile(f"{BARE_FIGURE.pattern}|^0$")
FigureTest = Callable[[str], bool]  # whether a cell's text (compact) is a figure of the overview


def is_overview_figure(text: str) -> bool:
    return OVERVIEW_FIGURE.match(text) is not None


class Role(StrEnum):
    ITEM = "item"  # 一、… : adds up to the year's total
    YEAR_TOTAL = "year_total"  # 本年收入合计 / 本年支出合计
    OTHER = "other"  # 使用非财政拨款结余, 结余分配 …: between the year's total and the grand total
    CARRY = "carry"  # 年初结转和结余 / 年末结转和结余
    CARRY_PART = "carry_part"  # a fund's share of the carry-over, printed under it (一、一般公共预算财政拨款)
    # A part of the item above it, numbered a level below (a budget's 1.一般公共预算 under
    # 一、财政拨款收入): in no sum of the side (the item holds it already).
    ITEM_PART = "item_part"
    GRAND_TOTAL = "grand_total"  # 总计


# A fund's name alone: a budget's income from that fund, or the class 国有资本经营预算支出 wrapped
# before 支出.
_FUND_ALONE = r"^(?:一般公共预算|政府性基金预算|国有资本经营预算)$"
# How labels are worded, by side (compact, without numbering); a label none matches is a wrapped piece.
# Final accounts and budgets alike: a budget names its income by fund alone (Shanghai's
# 1.一般公共预算 under 一、财政拨款收入, 一、政府性基金预算 in its 财政拨款收支预算总表), by fund and
# 拨款 (一般公共预算拨款收入, the national template's 本年收入 / 上年结转 parts), and its carry-over
# to the next year as 年终结转结余 (national template) or 结转下年 (Shanghai 市级).
SIDE_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (SPENDING, re.compile(r"支出$|^本年支出|^支出(?:合计|小计|总计)$|^年末|^年终|^结余分配|^结转下年")),
    (
        INCOME,
        re.compile(
            r"收入$|拨款$|^本年收入|^收入(?:合计|小计|总计)$|^年初|^上年结转|^使用.*结余|^用事业基金|"
            r"^用其他资金弥补|^上年结余|" + _FUND_ALONE
        ),
    ),
)
_GRAND_TOTAL = re.compile(r"^(?:收入|支出)?总计$")
ROLE_PATTERNS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.GRAND_TOTAL, _GRAND_TOTAL),
    # 一、本年收入 / 一、本年支出 over their items (the national template's 财政拨款收支总表).
    (Role.YEAR_TOTAL, re.compile(r"^(?:本年)?(?:收入|支出)(?:合计|小计)$|^本年(?:收入|支出)$")),
    (Role.CARRY, re.compile(r"^(?:年初|年末|年终|上年|下年).*结[转余]|^结转下年")),
    (Role.OTHER, re.compile(r"^使用.*结余|^结余分配|^用事业基金|^用其他资金弥补|^提取")),
)
# The header's words besides the layout's own (a header cell may be broken over lines).
# 本年收入 / 本年支出 head a budget's sides (Shanghai); numbered, they are a row (一、本年收入).
_HEADER_WORDS = frozenset(
    {"收入", "支出", "本年收入", "本年支出", "项目", "决算数", "预算数", "合计", "金额", "行次", "栏次"}
)
_MAX_HEADER_PIECES = 4


@dataclass(frozen=True, slots=True)
class Label:
    """One row of a side: its label (compact, wrapped pieces joined) and the line it starts on."""

    text: str
    page: int | None
    line: int
    side: int
    role: Role
    # The label's pieces: the first and last of the lines it was read from (indices of those given).
    first: int = -1
    last: int = -1

    @property
    def key(self) -> str:
        return _key(self.text)


@lru_cache(maxsize=2048)  # asked of each label for every column looked up in the report's other tables
def _key(text: str) -> str:
    return compact(strip_enumerator(text))


def side_labels(
    lines: Sequence, layout: HeaderLayout, is_figure: FigureTest = is_overview_figure
) -> tuple[list[Label], list[Label]] | None:
    """Each side's rows, top to bottom; None when a label belongs to no side or the sides do not
    end in their totals. ``is_figure``: how the overview's figures are told (in 元, whole numbers too)."""
    # Every header cell the layout names (an optional fund column's too: 国有资本经营预算).
    header = {*layout.words, *_HEADER_WORDS, *(word for side in layout.sides for path in side.money for word in path)}
    texts = [compact(line.text) for line in lines]
    # A page number or a column's number pdftotext writes among the cells (``-5-``, ``1 栏次``) is no label.
    is_text = [
        bool(t)
        and not is_figure(t)
        and unit_of(lines[i].text) is None
        and not is_page_number(t)
        and not is_column_number_cell(lines[i].text)
        for i, t in enumerate(texts)
    ]
    runs = list(wrapped_cell_runs(texts, header, is_text, _MAX_HEADER_PIECES))
    dropped = {line for first, last in runs for line in range(first, last + 1)}
    cut = _year_totals_cut(lines, texts, is_text, runs, dropped)
    dropped -= {line for first, end in cut for line in range(first, end)}
    opening = {first for first, _ in cut}  # a cut total's first piece opens its label (本年收 / 入 / 合计)
    # Each side's name heads it once on a page: the first on the page is the header's, a later one a
    # label's last piece (一、一般公共 / 预算财政拨款 / 收入, wrapped in a narrow cell).
    headed: dict[tuple[object, str], int] = {}
    for i in sorted(dropped):
        if texts[i] in _SIDE_NAMES:
            headed.setdefault((lines[i].page, texts[i]), i)
    pieces: list[list] = []  # [text, index of its first line, index of its last line]
    for i, text in enumerate(texts):
        if not is_text[i]:
            continue
        # A label that names no side yet was wrapped: the next line goes on with it, even a word
        # the header prints too (十四、资源勘探工业信息等 / 支出).
        # A line naming no side of its own, right after a whole label, ends it (（含专用结余）).
        previous = pieces[-1] if pieces else None
        follows = (
            previous is not None
            and i not in opening
            and _next_piece(lines, texts, previous[2], i, is_figure)
            and not LABEL_NUMBERING.opens(text)
        )
        if follows and (
            not _complete(previous[0])
            or (i not in dropped and not _complete(text))
            or _fund_name_goes_on(previous[0], text)
            or (headed.get((lines[i].page, text), i) < i and _side_name_ends(previous[0], text))
        ):
            previous[0] += text
            previous[2] = i
        elif i not in dropped:
            pieces.append([text, i, i])
    sides: tuple[list[Label], list[Label]] = ([], [])
    unsided = []  # 总计 printed without a side's name: one closes each side
    for text, i, last in pieces:
        side = _side_of(text)
        if side == INCOME and _spending_carry_part(text, sides):
            side = SPENDING
        if side is None and _GRAND_TOTAL.match(text):
            unsided.append((text, i, last))
        elif side is None:
            return None
        else:
            role = _role(text, sides[side])
            sides[side].append(Label(text, lines[i].page, lines[i].line, side, role, i, last))
    open_sides = [side for side in (INCOME, SPENDING) if not any(x.role is Role.GRAND_TOTAL for x in sides[side])]
    if len(unsided) != len(open_sides) or not all(sides):
        return None
    for side, (text, i, last) in zip(open_sides, unsided, strict=True):
        sides[side].append(Label(text, lines[i].page, lines[i].line, side, Role.GRAND_TOTAL, i, last))
    return (_items_in_order(sides[INCOME]), _items_in_order(sides[SPENDING]))


_ITEM_ROWS = frozenset({Role.ITEM, Role.ITEM_PART})


def facing_row(sides: tuple[Sequence[Label], Sequence[Label]], side: int, row: int) -> int | None:
    """The row of the other side printed on the same line as row ``row`` of ``side``, None where
    that line prints none of its labels (or the sides are not set alike).

    Both sides print their rows on shared lines from the top: items against items (一、… against
    一、…), the side with fewer items leaving lines blank below them, then the totals' rows against
    each other by their role (本年收入合计 against 本年支出合计, 使用非财政拨款结余 against 结余分配,
    年初 against 年末结转和结余, a carry-over's parts against the other side's, 总计 against 总计),
    the side with fewer such rows leaving lines blank. Where one side opens with its year's total
    (一、本年收入 over its items) and the other does not, the items are not against each other."""
    other = 1 - side
    if _opens_with_total(sides[side]) != _opens_with_total(sides[other]):
        return None
    key = _row_key(sides[side], row)
    return next((r for r in range(len(sides[other])) if _row_key(sides[other], r) == key), None)


def _opens_with_total(labels: Sequence[Label]) -> bool:
    return bool(labels) and labels[0].role is Role.YEAR_TOTAL


def _row_key(labels: Sequence[Label], row: int) -> tuple[Role, int]:
    """The row's role (items and their parts alike) and how many rows of that role are above it."""
    group = _ITEM_ROWS if labels[row].role in _ITEM_ROWS else frozenset({labels[row].role})
    return (Role.ITEM if group is _ITEM_ROWS else labels[row].role, sum(label.role in group for label in labels[:row]))


def _next_piece(lines: Sequence, texts: list[str], last: int, i: int, is_figure: FigureTest) -> bool:
    """Whether line ``i`` comes right after line ``last`` among the labels' pieces: next to it, or
    after figures written on its own line only (an income figure pdftotext writes before the piece
    of a spending label printed beside it: 一、一般公 / ``2940.05 共`` / 服务支出)."""
    between = range(last + 1, i)
    return all(
        is_figure(texts[k]) and (lines[k].page, lines[k].line) == (lines[i].page, lines[i].line) for k in between
    )


_SIDE_NAMES = frozenset({"收入", "支出"})


def _side_name_ends(label: str, text: str) -> bool:
    """Whether a side's name (``text``, not the header's) ends ``label``: a label not ending in it
    already, of the side it names joined (一、一般公共预算财政拨款 / 收入)."""
    side = _side_of(label)
    return not label.endswith(text) and side is not None and _side_of(label + text) == side


def _fund_name_goes_on(label: str, text: str) -> bool:
    """Whether ``text`` ends a fund's name wrapped in its cell: a class (国有资本经营预算 / 支出) or
    a fund's 拨款 or income from it (三、国有资本经营预算 / 财政拨款, / 财政拨款收入). The name alone reads
    as a whole label (a budget's income from that fund), but no row is labelled 支出, 财政拨款 or
    财政拨款收入 right under a fund's name: its items are numbered, its parts name their fund."""
    if re.match(_FUND_ALONE, _bare(label)) is None:
        return False
    joined = _bare(label) + text
    return text == "支出" or _FUND_PART.match(joined) is not None or _FUND_INCOME.match(joined) is not None


def _items_in_order(labels: list[Label]) -> list[Label]:
    """The side's run of items in the order their numbers give, where pdftotext wrote some out of
    it (the items printing figures before the empty ones: 八、… 九、… 四、…): the numbers, one to the
    run's length each once, say the order the page printed; any other run is left as written."""
    items = [k for k, label in enumerate(labels) if label.role is Role.ITEM]
    if not items or items != list(range(items[0], items[-1] + 1)):
        return labels
    numbers = [enumerator_value(labels[k].text) for k in items]
    if sorted(n or 0 for n in numbers) != list(range(1, len(items) + 1)):
        return labels
    ordered = sorted((labels[k] for k in items), key=lambda label: enumerator_value(label.text) or 0)
    return [*labels[: items[0]], *ordered, *labels[items[-1] + 1 :]]


# A fund's part of a carry-over, worded the same on both sides (the national template's
# （一）一般公共预算拨款 under 二、上年结转 and under 二、年终结转结余; a final account's
# （一）一般公共预算财政拨款 under 年初 / 年末财政拨款结转和结余): the fund's index in the funds' order.
_FUND_PART = re.compile(r"^(一般公共预算|政府性基金预算|国有资本经营预算)(?:财政)?拨款$")
_FUND_ORDER = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
# A fund's income line (一、一般公共预算财政拨款收入): the final accounts' overview's first items.
_FUND_INCOME = re.compile(r"^(?:一般公共预算|政府性基金预算|国有资本经营预算)(?:财政)?拨款收入$")


def _spending_carry_part(text: str, sides: tuple[list[Label], list[Label]]) -> bool:
    """Whether a fund's part the wording puts on the income side is the spending side's: only once
    the spending side's carry-over is open, and where the funds' order goes on there better than
    on the income side (a side's parts come in the funds' order: after its 一般公共预算, its
    政府性基金预算 part is next). Where both go on alike the two labels read the same, and the
    income side's, on the left of the row, comes first."""
    match = _FUND_PART.match(_bare(text))
    if match is None or not _open_carry(sides[SPENDING]):
        return False
    fund = _FUND_ORDER.index(match.group(1))
    closed = any(x.role is Role.GRAND_TOTAL for x in sides[INCOME])
    income = None if closed else _next_fund(sides[INCOME])
    return _fit(_next_fund(sides[SPENDING]), fund) > _fit(income, fund)


def _fit(next_fund: int | None, fund: int) -> int:
    """2: the fund is the side's next; 1: a later one (a fund not printed between); 0: none."""
    if next_fund is None or next_fund > fund:
        return 0
    return 2 if next_fund == fund else 1


def _open_carry(side: list[Label]) -> bool:
    """Whether the side's last label besides its carry-over's parts is a carry-over."""
    last = next((x for x in reversed(side) if x.role is not Role.CARRY_PART), None)
    return last is not None and last.role is Role.CARRY


def _next_fund(side: list[Label]) -> int | None:
    """The index of the fund whose part the side would print next: after its last fund part in
    a row of them, else the first; None where the side's last label is no parent of fund parts
    (an item of the year on the spending side)."""
    if not side:
        return 0
    last = side[-1]
    match = _FUND_PART.match(_bare(last.text))
    if match is not None:
        return _FUND_ORDER.index(match.group(1)) + 1
    return 0 if last.role in (Role.CARRY, Role.YEAR_TOTAL) or last.side == INCOME else None


def _complete(text: str) -> bool:
    return _side_of(text) is not None or _GRAND_TOTAL.match(text) is not None


_YEAR_TOTAL_CUT = re.compile(r"^本年(?:收入|支出)$")
_TOTAL_WORDS = ("合计", "小计")
_YEAR_WORD_LENGTH = len("本年收入")


def _year_totals_cut(
    lines: Sequence, texts: list[str], is_text: list[bool], runs: list[tuple[int, int]], dropped: set[int]
) -> list[tuple[int, int]]:
    """The year's totals cut in a narrow cell into words the header prints too (``本年收入`` / ``合计``,
    ``本年收`` / ``入`` / ``合`` / ``计``; pdftotext may write a figure of the other side among the
    pieces: ``本年支`` / ``2,940.05 出`` / ``合计``) below a row's label of its page, each as (first
    line, line after its last): a header prints its cells before any row, so after one they are
    that row's label. Found from the total's word (a run of header lines joining into 合计 or 小计)
    back over the pieces before it, figures passed over."""
    out: list[tuple[int, int]] = []  # (first line, line after the last)
    for first, last in runs:
        if "".join(texts[first : last + 1]) not in _TOTAL_WORDS:
            continue
        opening = _year_pieces_before(texts, is_text, first)
        if opening is None:
            continue
        page = lines[opening].page
        if lines[first].page == page and any(
            is_text[k] and k not in dropped and lines[k].page == page for k in range(opening)
        ):
            out.append((opening, last + 1))
    return out


def _year_pieces_before(texts: list[str], is_text: list[bool], at: int) -> int | None:
    """The first line of the pieces right before line ``at`` (figures between passed over) that
    join into a year's total without its 合计 (本年收入, 本年支出); None where none do."""
    joined = ""
    k = at - 1
    while k >= 0 and len(joined) < _YEAR_WORD_LENGTH:
        if is_text[k]:  # else a figure of the other side written among the pieces, or a blank
            joined = texts[k] + joined
        k -= 1
        if _YEAR_TOTAL_CUT.match(joined):
            return k + 1
    return None


@lru_cache(maxsize=2048)  # a label is asked of again and again: its side, its role, what it is below
def _bare(text: str) -> str:
    """The label without its numbering, any of the outline's (a label here is a cell of its own:
    its ``1.`` cannot be a figure glued to it)."""
    return LABEL_NUMBERING.without(compact(strip_enumerator(text)))


@lru_cache(maxsize=2048)  # asked of each piece as labels are joined, and of each label again
def _side_of(text: str) -> int | None:
    key = _bare(text)
    return next((side for side, pattern in SIDE_PATTERNS if pattern.search(key)), None)


# The word heading each side of an overview (its header's 收入 | 支出).
SIDE_WORDS = {INCOME: "收入", SPENDING: "支出"}


def named_side(text: str) -> str | None:
    """The word heading the side a row's label names by its own wording (收入 or 支出: 年初结转和结余
    is income, 结余分配 spending), None where it names none or either: a fund's part of a carry-over
    (一般公共预算财政拨款) is worded alike on both sides."""
    key = _bare(text)
    if _FUND_PART.match(key) or re.match(_FUND_ALONE, key):
        return None
    side = _side_of(text)
    return None if side is None else SIDE_WORDS[side]


def label_sides(text: str) -> frozenset[int]:
    """The sides a whole label may stand on by its wording (compact, numbering kept): its side's,
    both for a grand total or a fund's part of a carry-over (worded alike on both sides), none for
    a label that names no side (a wrapped piece, or a word the catalogue does not know)."""
    key = _bare(text)
    if _GRAND_TOTAL.match(key) or _FUND_PART.match(key):
        return frozenset((INCOME, SPENDING))
    side = _side_of(text)
    return frozenset() if side is None else frozenset((side,))


@lru_cache(maxsize=2048)  # the overview and its fiscal overview word most rows alike
def _worded_role(text: str) -> Role:
    """The role the label's words give it (an item unless a pattern names another)."""
    key = _bare(text)
    return next((role for role, pattern in ROLE_PATTERNS if pattern.search(key)), Role.ITEM)


def _role(text: str, before: list[Label]) -> Role:
    role = _worded_role(text)
    # Items printed under a carry-over are its parts (the carry-over of each fund, 其中 its kinds), but
    # a class of spending written after it (二十、粮油物资储备支出, a page's classes pdftotext writes
    # after the totals' rows) is an item of the year: no part of a carry-over is worded as a class.
    if role is Role.ITEM and any(label.role is Role.CARRY for label in before) and not _names_a_class(text):
        return Role.CARRY_PART
    if role is Role.ITEM and _below(text, next((x for x in reversed(before) if x.role is Role.ITEM), None)):
        return Role.ITEM_PART
    return role


def _names_a_class(text: str) -> bool:
    """Whether the label is worded as a class of spending (二十一、国有资本经营预算支出)."""
    return _bare(text).endswith("支出")


@lru_cache(maxsize=2048)  # each item's level is asked again for every label below it
def _level(text: str) -> Level | None:
    return LABEL_NUMBERING.level(text)


def _below(text: str, item: Label | None) -> bool:
    """Whether ``text`` is numbered a level below ``item`` (1. under 一、): a part of it."""
    level = _level(text)
    above = _level(item.text) if item is not None else None
    return level is not None and above is not None and level > above


def label_ends_joined(rows: list[list[Token]]) -> list[list[Token]]:
    """A two-sided overview's rows, each line of a label's last piece alone (``拨款``) joined to the
    label of the row above it completes.

    A row per line (pdfplumber, pypdfium2) writes a label wrapped in its cell around the row's figures,
    set at the cell's middle height: ``一、一般公共预算财政`` / ``2,940.05 一、一般公共服务支出 2,106.66`` /
    ``拨款``. An unnumbered piece is joined where exactly one label of the row above names no side
    without it and one with it (the spending label there is whole already); else it stays a row."""
    out: list[list[Token]] = []
    for row in rows:
        joined = _completed_by(out[-1], row) if out else None
        if joined is None:
            out.append(row)
        else:
            out[-1] = joined
    return out


def _completed_by(row: list[Token], piece: list[Token]) -> list[Token] | None:
    """The row with ``piece`` after the one label of it the piece completes, or None."""
    text = "".join(t.text for t in piece)
    if (
        not piece
        or any(is_figure(t.text) for t in piece)
        or enumerator_value(text) is not None
        or not any(is_figure(t.text) for t in row)
    ):
        return None
    ends = [end for start, end in _label_runs(row) if _completes("".join(t.text for t in row[start:end]), text)]
    if len(ends) != 1:
        return None
    return [*row[: ends[0]], *piece, *row[ends[0] :]]


def _label_runs(row: list[Token]) -> list[tuple[int, int]]:
    """The spans of the row's words that are no figure: its labels, as (start, end) indexes."""
    return _runs_between(row, is_figure)


def _runs_between(row: list[Token], is_cell: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The spans of the row's words between those ``is_cell`` tells apart, as (start, end) indexes."""
    runs: list[tuple[int, int]] = []
    start = None
    for k, token in enumerate([*row, None]):
        words = token is not None and not is_cell(token.text)
        if words and start is None:
            start = k
        elif not words and start is not None:
            runs.append((start, k))
            start = None
    return runs


def _completes(label: str, piece: str) -> bool:
    """Whether ``piece`` ends ``label``: the label names no side without it and one with it."""
    return not label_sides(compact(label)) and bool(label_sides(compact(label + piece)))


def totals_joined(rows: list[list[Token]]) -> list[list[Token]]:
    """A two-sided overview's rows, each opening with a total's last word (``合计``) that ends the
    label closing the row above joined to it: that label and the word make a side's year total.

    A text written row by row (pypdfium2) breaks a total wrapped in its cell before its last word,
    which opens the next line, the row's figures after it: ``本年收入`` / ``合计 2940.05 本年支出`` /
    ``合计 2940.05 2940.05 - -``. 合计 opens a row of its own (a table's total), so each side's
    total was cut (本年收入 | 合计 2940.05, no fact). An overview labels its year totals by side
    (本年收入合计, 本年支出合计); a label ending its row, figures printed after none of it, and
    making one with the word is that total's start."""
    out: list[list[Token]] = []
    for row in rows:
        if out and row and _TOTAL_WORD.match(row[0].text) and _total_ends(out[-1], row[0].text):
            last = out[-1][-1]
            out[-1] = [*out[-1][:-1], last._replace(text=last.text + row[0].text), *row[1:]]
        else:
            out.append(row)
    return out


_TOTAL_WORD = re.compile(r"^(?:合计|小计)$")


def _total_ends(row: list[Token], word: str) -> bool:
    """Whether the row's last word is a label (no figure after it) that ``word`` makes a side's year
    total of."""
    if not row or is_cell_word(row[-1].text):
        return False
    start = len(row)
    while start > 0 and not is_cell_word(row[start - 1].text):
        start -= 1
    label = compact("".join(t.text for t in row[start:]) + word)
    return len(label_sides(label)) == 1 and _worded_role(label) is Role.YEAR_TOTAL


def cut_labels_left_out(rows: list[list[Token]], unsure: list[AmbiguousCell]) -> list[list[Token]]:
    """A two-sided overview's rows read one per line, but those whose label was cut by a cell: their
    figures go to ``unsure`` (reported, in no row), no label is made up from the pieces.

    A label of the overview is one cell; a line-based text interrupts its pieces only with another
    cell's (the other side's figure, or its dash for an empty cell). Where a row's label opens with
    an item's number but names no side, its rest being another word after a figure or dash
    (pdfplumber's ``八、社`` / ``会`` / ``- 保障和 326.71 …`` / ``就`` / ``业支出`` read one row per
    line: 八、社会 | - | 保障和就业支出 326.71), its head and its rest would make two labels, the
    row's 类 line named 保障和就业支出 with no code. Which pieces make which label the row cannot
    tell: its figures are reported instead."""
    kept = []
    for row in rows:
        if _cut_label(row):
            snippet = words_as_printed(row)
            pieces = " ".join(t.text for t in row if not is_cell_word(t.text))
            unsure.extend(AmbiguousCell(t.page, t.line, t.text, pieces, (), snippet) for t in row if is_figure(t.text))
        else:
            kept.append(row)
    return kept


def _cut_label(row: list[Token]) -> bool:
    """Whether the row prints figures and a label's numbered head naming no side, a word after a
    figure or dash going on with no label of its own (opening none)."""
    runs = _word_runs(row)
    if not any(is_figure(t.text) for t in row):
        return False
    return any(
        _numbered_head("".join(t.text for t in row[start:end]))
        and any(not is_row_label(row[after].text) for after, _ in runs[k + 1 :])
        for k, (start, end) in enumerate(runs)
    )


def _numbered_head(text: str) -> bool:
    """A label's first piece: opening with an item's number, naming no side (八、社会)."""
    return LABEL_NUMBERING.opens(compact(text)) and not label_sides(compact(text))


def _word_runs(row: list[Token]) -> list[tuple[int, int]]:
    """The spans of the row's words between its cells' words (figures and dashes), as (start, end)."""
    return _runs_between(row, is_cell_word)
