"""Rows of a two-sided overview (income items | spending items, no codes) in text written by baseline.

pdfplumber writes each line of the page as the words on one baseline, left to right. A label
wrapped in its cell is set centred on its row, so the two sides' pieces share lines only where
both labels take an odd number of lines or both an even one; otherwise they interleave, one piece
a line, and nothing on the line says which side it is on (``八、社会`` / ``八、其他`` /
``6.20 保障和就 326.71`` / ``收入`` / ``业支出``: 八、其他收入 6.20 | 八、社会保障和就业支出 326.71).

Which side each piece is on is read from what the pieces make: a row is a band of lines from one
opening a label (a numbered item, a total, a carry-over) to the next band's; within it, every way
of giving each piece a side (two pieces on a line: one each, left first; a piece after a figure
on its line: the right side's) is tried, and a way is kept where each side's pieces join into one
label its side's wording allows (income items 收入 / 拨款, spending 支出, their totals and
carry-overs: ``overview_labels``); where several ways do, those whose labels read as their side's
alone (no income label saying 支出, a numbered spending item a class of the functional
classification: 八、社会保障和就业支出). The lines are cut into bands the way that reads most lines
so. A band read one way only gives its row; a band that reads several ways, or none, is not read:
its figures are reported (ambiguous), never put under a guessed name. A label opens at or above
its row's figures however its cell sets it (top, centre, bottom): a piece opening one below a
line of figures is the next row's. A blank side's dash is its empty cell, no figure wanting a label
(``- 障 326.71``: 八、社会保障和就业支出's middle piece on its figures' line). A reading whose numbered
spending item is no class name, but one without a piece it took (``十一、城乡`` / ``拨款`` / ``社`` /
``区支出``: the other side's label ran on past this one's start), is not kept.

A figure is the left side's where a right-side piece follows it on its line, the right side's
where it follows one; any other (on a line of its own, or after a left-side piece alone) is
either side's, shared out by the table's placement (``baseline_rows.share_figures_below``): the one
split each side's columns can hold, or else the one way that lets every side's items add up to their
total (``lone_figures.shares_keeping_item_totals``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from budget_reports.classification.reference import FUNCTION
from budget_reports.extract.standard_tables.common import LABEL_NUMBERING, is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact
from budget_reports.readers.code_names import class_names
from budget_reports.readers.linear_rows import (
    EMPTY_CELL_MARKS,
    Token,
    is_cell_word,
    is_row_label,
    strip_enumerator,
    words_as_printed,
)
from budget_reports.readers.overview_labels import INCOME, SPENDING, label_sides

_SIDES = (INCOME, SPENDING)
_SIDE_WORDS = ("收入", "支出")  # each side's heading, naming it in a reading reported
# A band holds at most this many lines opening a label: each side's first piece and a total's
# last (本年收入 / 合计 on each side).
_MAX_OPENING_LINES = 4
# Lines of one piece each in a band whose side is tried both ways (2 ** this readings at most).
_MAX_UNSIDED_PIECES = 12
_BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"))
# A carry-over's label: the year's opening or closing balance (年初结转和结余, 年末财政拨款结转和结余).
_CARRY = re.compile(r"^(?:年初|年末|年终|上年)\S*结")


@dataclass(frozen=True, slots=True)
class _Line:
    tokens: tuple[Token, ...]
    pieces: tuple[int, ...]  # indexes in ``tokens`` of the label pieces (words that are no figure)


@dataclass(frozen=True, slots=True)
class _Reading:
    labels: tuple[tuple[Token, ...], tuple[Token, ...]]  # per side, its pieces in order
    figures: tuple[tuple[Token, ...], tuple[Token, ...]]  # per side, the figures sure to be its
    either: tuple[Token, ...]  # figures that may be either side's

    def tokens(self) -> list[Token]:
        """The row as a text written one row per line prints it: each side's label, then its figures."""
        left, right = (_label_words(label) for label in self.labels)
        return [*left, *self.figures[0], *right, *self.figures[1], *self.either]

    def text(self) -> str:
        """The row's labels, side by side: ``收入 八、其他收入；支出 八、社会保障和就业支出``."""
        return "；".join(
            f"{word} {compact(''.join(t.text for t in label))}"
            for word, label in zip(_SIDE_WORDS, self.labels, strict=True)
            if label
        )

    def sides(self) -> int:
        return sum(1 for label in self.labels if label)


def _label_words(pieces: tuple[Token, ...]) -> list[Token]:
    """A label's pieces as the words of one name: a piece reading as a row's label (合计 ending
    本年收入) joined to the one before it, or it would open a row of its own (``segments``); so is
    a piece that reads so once joined (本年收 / 入 / 合计: 入合计 is worded as a total too)."""
    words: list[Token] = []
    for piece in pieces:
        words.append(piece)
        while len(words) > 1 and is_row_label(words[-1].text):
            last = words.pop()
            words[-1] = words[-1]._replace(text=words[-1].text + last.text)
    return words


def gather_two_sided_labelled_rows(
    kept: Sequence[Sequence[Token]], unsure: list[AmbiguousCell] | None = None
) -> list[list[Token]]:
    """Each row's tokens (left label, its figures, right label, its figures, then the figures
    either side may hold); the figures of bands read no way or several ways go to ``unsure``."""
    lines = [
        _Line(tuple(tokens), tuple(i for i, t in enumerate(tokens) if not is_cell_word(t.text))) for tokens in kept
    ]
    rows: list[list[Token]] = []
    readings_of = _BandReadings(lines)
    for start, end in _bands(lines, readings_of):
        readings = readings_of(start, end)
        if len(readings) == 1:
            rows.append(readings[0].tokens())
        elif unsure is not None:
            unsure.extend(_unread(lines[start:end], readings))
    return rows


class _BandReadings(dict[tuple[int, int], list["_Reading"]]):
    """The readings of the bands of ``lines`` (from, to), each worked out once."""

    def __init__(self, lines: list[_Line]) -> None:
        super().__init__()
        self.lines = lines

    def __call__(self, start: int, end: int) -> list[_Reading]:
        if (start, end) not in self:
            self[start, end] = _readings(self.lines[start:end])
        return self[start, end]


def _bands(lines: list[_Line], readings_of: _BandReadings) -> list[tuple[int, int]]:
    """The body cut into bands at lines opening a label, the cut reading the most lines (a band
    read one way or several), then the most bands."""
    opening = [i for i, line in enumerate(lines) if any(opens_label(line.tokens[k].text) for k in line.pieces)]
    starts = sorted({0, *opening})
    ends = [*starts[1:], len(lines)]
    # best[k]: (lines read, bands) of the best cut of the lines from starts[k], and its first band's end index.
    best: list[tuple[tuple[int, int], int]] = [((0, 0), 0)] * (len(starts) + 1)
    for k in range(len(starts) - 1, -1, -1):
        options = []
        for m in range(k, min(k + _MAX_OPENING_LINES, len(starts))):
            start, end = starts[k], ends[m]
            read = end - start if readings_of(start, end) else 0
            (lines_read, bands), _ = best[m + 1]
            options.append(((lines_read + read, bands + 1), m + 1))
        best[k] = max(options, key=lambda option: option[0])  # the first of equals: the shortest band
    cuts = []
    k = 0
    while k < len(starts):
        after = best[k][1]
        cuts.append((starts[k], ends[after - 1]))
        k = after
    return cuts


@lru_cache(maxsize=4_096)  # asked of every piece for every way of reading its band
def opens_label(text: str) -> bool:
    """A word opening a row's label: numbered at any level (a budget's 1.一般公共预算 under 一、财政拨款
    收入: a label's first word, its ``1.`` no figure), a total or a carry-over."""
    return is_row_label(text) or _numbered(text)


def _numbered(text: str) -> bool:
    """A piece opening with an item's number of any level (一、, （一）, 1.): a label here is a cell
    of its own, its ``1.`` no figure glued to it."""
    return LABEL_NUMBERING.opens(compact(text))


def _readings(band: Sequence[_Line]) -> list[_Reading]:
    """The ways the band's pieces go to the sides, each side's making one label of its side; among
    several, those whose labels read as their side's alone (``_reads_as_its_sides``)."""
    choices = [_line_choices(line) for line in band]
    if any(not c for c in choices) or sum(len(c) > 1 for c in choices) > _MAX_UNSIDED_PIECES:
        return []
    # A piece opening a label within another can only be a side's first: a band of more than two
    # (three items' labels, 一、… / 二、… / 三、…) reads no way, known before any way is tried.
    if sum(_opens_within(line.tokens[k].text) for line in band for k in line.pieces) > len(_SIDES):
        return []
    found = []
    for sides in _possible_sides(band, choices):
        reading = _reading(band, sides)
        if reading is not None:
            found.append(reading)
    # Pieces printed alike (both sides' 一、一般) make the same reading whichever side each is on.
    found = list({(r.text(), r.figures, r.either): r for r in found}.values())
    found = [reading for reading in found if not _takes_a_stray_piece(reading)]
    if len(found) > 1:
        found = [reading for reading in found if _reads_as_its_sides(reading)]
    if len(found) > 1 and _one_label_either_side(found):
        # One whole label whose wording fits either side (a fund's part of a carry-over): no piece's
        # side is in doubt, the row's is the table's to tell (its numbering, the row beside it).
        first = found[0]
        return [_Reading(first.labels, ((), ()), (*first.figures[0], *first.figures[1], *first.either))]
    return found


def _possible_sides(
    band: Sequence[_Line], choices: list[list[tuple[int, ...]]]
) -> Iterator[tuple[tuple[int, ...], ...]]:
    """The lines' choices of sides, line by line, leaving out early each way a side's label would
    open with a piece that opens none, or below a line of figures, or go on with one that opens
    another (``_reading`` asks the rest): of the 2 ** n ways, the few that may make labels."""
    # What each line's pieces are asked, once for all the ways tried.
    opens = [[opens_label(line.tokens[k].text) for k in line.pieces] for line in band]
    within = [[_opens_within(line.tokens[k].text) for k in line.pieces] for line in band]
    prints_figures = [len(line.pieces) < len(line.tokens) for line in band]
    opened = [False, False]
    chosen: list[tuple[int, ...]] = []

    def walk(i: int, figures_above: bool) -> Iterator[tuple[tuple[int, ...], ...]]:
        if i == len(band):
            yield tuple(chosen)
            return
        for sides in choices[i]:
            if any(within[i][j] if opened[side] else figures_above or not opens[i][j] for j, side in enumerate(sides)):
                continue
            was = list(opened)
            for side in sides:
                opened[side] = True
            chosen.append(sides)
            yield from walk(i + 1, figures_above or prints_figures[i])
            chosen.pop()
            opened[:] = was

    return walk(0, False)


def _one_label_either_side(found: list[_Reading]) -> bool:
    """The readings all put every piece on one side, the same label and figures on each."""
    labels = {compact("".join(t.text for label in r.labels for t in label)) for r in found}
    figures = {frozenset((*r.figures[0], *r.figures[1], *r.either)) for r in found}
    return all(r.sides() == 1 for r in found) and len(labels) == len(figures) == 1


def _line_choices(line: _Line) -> list[tuple[int, ...]]:
    """The sides the line's pieces may take, left to right: none, one (either side; the right one
    after a figure) or two (one each, left first); a line of more pieces takes none."""
    pieces = line.pieces
    if not pieces:
        return [()]
    if len(pieces) == 2:
        return [(INCOME, SPENDING)]
    if len(pieces) > 2:
        return []
    after_figure = any(is_cell_word(t.text) for t in line.tokens[: pieces[0]])
    return [(SPENDING,)] if after_figure else [(INCOME,), (SPENDING,)]


def _reading(band: Sequence[_Line], sides: tuple[tuple[int, ...], ...]) -> _Reading | None:
    labels: tuple[list[Token], list[Token]] = ([], [])
    figures: tuple[list[Token], list[Token]] = ([], [])
    either: list[Token] = []
    figures_above = False  # a line above printed a figure
    for line, line_sides in zip(band, sides, strict=True):
        right = [k for k, side in zip(line.pieces, line_sides, strict=True) if side == SPENDING]
        for k, token in enumerate(line.tokens):
            if k in line.pieces:
                side = line_sides[line.pieces.index(k)]
                if figures_above and not labels[side]:
                    return None  # a label opens at or above its row's figures, wherever set in its cell
                labels[side].append(token)
            elif right and k < right[0]:
                figures[INCOME].append(token)  # left of the right side's label
            elif right:
                figures[SPENDING].append(token)
            else:
                either.append(token)
        figures_above = figures_above or len(line.pieces) < len(line.tokens)
    if not labels[INCOME] and all(t.text in EMPTY_CELL_MARKS for t in figures[INCOME]):
        figures[INCOME].clear()  # a blank left side printing a dash in its empty cell (``- 障 326.71``)
    for side in _SIDES:
        if (labels[side] or figures[side]) and not _is_label(labels[side], side):
            return None
    if not any(labels):
        return None
    # The left label ends where the right one opens: without a figure between, the right one opens
    # with a row's label word (``segments`` cuts a row there).
    if labels[INCOME] and labels[SPENDING] and not figures[INCOME] and not is_row_label(labels[SPENDING][0].text):
        return None
    return _Reading(
        (tuple(labels[INCOME]), tuple(labels[SPENDING])),
        (tuple(figures[INCOME]), tuple(figures[SPENDING])),
        tuple(either),
    )


def _is_label(pieces: list[Token], side: int) -> bool:
    """The pieces join into one whole label of the side: opened by its first, by none after (a
    total's 合计 may end one: 本年收入 / 合计), its brackets closed, naming not the other side
    (三、国防支出 / 财政拨款 is no income label: two labels' pieces)."""
    if not pieces or not opens_label(pieces[0].text) or any(_opens_within(t.text) for t in pieces[1:]):
        return False
    text = compact("".join(t.text for t in pieces))
    return _closed(text) and side in label_sides(text) and _SIDE_WORDS[1 - side] not in text


@lru_cache(maxsize=4_096)  # asked of every piece for every way of reading its band
def _opens_within(text: str) -> bool:
    return _numbered(text) or (is_row_label(text) and not is_total(text))


def _closed(text: str) -> bool:
    """Every bracket the label opens is closed (``使用非财政拨款结余（含专`` is a piece)."""
    return all(text.count(left) == text.count(right) for left, right in _BRACKETS)


def _reads_as_its_sides(reading: _Reading) -> bool:
    """Each label of the reading reads as its side's alone: the income label says no 支出 (一、一般
    公共服务支出收入 is two labels' pieces), the spending one no 收入, and a numbered item of spending
    (一、一般公共服务支出; not a carry-over's fund part) is a class's name."""
    income, spending = (compact("".join(t.text for t in label)) for label in reading.labels)
    if "支出" in income or "收入" in spending:
        return False
    if not (_ends_whole(income) and _ends_whole(spending)):
        return False
    if not spending or not _numbered(spending) or not spending.endswith("支出"):
        return True
    return _class_name(spending)


def _ends_whole(label: str) -> bool:
    """A carry-over's label ends in its last word, 结余 or 结转 (年初财政拨款结转和结 / 余: the 余 is
    its, not the other side's 年末财政拨款结转和结余's), a bracket's aside after it aside."""
    bare = re.sub(r"[（(][^（()）]*[)）]$", "", label)
    return _CARRY.match(bare) is None or bare.endswith(("结余", "结转"))


def _takes_a_stray_piece(reading: _Reading) -> bool:
    """The reading's numbered spending label is no class name but one without one of its pieces
    (``十一、城乡`` / ``拨款`` / ``社`` / ``区支出``: 城乡社区支出 without 拨款, the end of the income
    side's 三、国有资本经营预算财政拨款 printed among its lines): that piece is another row's, and
    the band reads no way that can be trusted."""
    pieces = reading.labels[SPENDING]
    if len(pieces) < 2:
        return False
    spending = compact("".join(t.text for t in pieces))
    if not _numbered(spending) or _class_name(spending):
        return False
    return any(
        _class_name(compact("".join(t.text for t in pieces[:k] + pieces[k + 1 :]))) for k in range(1, len(pieces))
    )


def _class_name(label: str) -> bool:
    return compact(LABEL_NUMBERING.without(strip_enumerator(label))) in class_names(FUNCTION)


def _unread(band: Sequence[_Line], readings: list[_Reading]) -> Iterator[AmbiguousCell]:
    """Each figure of a band not read: the rows it may be in, as each reading names them."""
    snippet = " / ".join(words_as_printed(line.tokens) for line in band)
    pieces = " ".join(line.tokens[k].text for line in band for k in line.pieces)
    ways = tuple(reading.text() for reading in readings)
    for line in band:
        for k, token in enumerate(line.tokens):
            if k not in line.pieces and token.text and any(ch.isdigit() for ch in token.text):
                yield AmbiguousCell(token.page, token.line, token.text, pieces, ways, snippet)
