"""Rows of a table written as plain lines: codes, names and figures, cells separated by spaces.

Text extractors write a table row on one line (``201 06 01 行政运行 1,511.89 1,503.52 8.37``) or
over several: a wrapped name continues on the next line, the figures may follow on a line of their
own, and pdfplumber writes the name on the line *before* its code and figures. Empty cells are
simply absent. A row is gathered line by line until its figures end it (or the next line starts
a row of its own); it is then cut into segments, one per side of the table (code + name +
figures), ready to be placed in columns. A name wrapped around its row's line of code and figures
(pdfplumber centres a cell on it: its first lines above the code, its last below, then the next
row's first lines) is given its lines by ``name_gaps``. A table printing each level of its codes once
(the 类 on its line, the 款 and 项 parts on the lines below without it) has each part completed from
the codes of the row above (``with_levels_carried``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple, TypeVar

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, display_width, is_cjk, normalize_text, parse_decimal
from budget_reports.numbering import CHINESE_BRACKET, CHINESE_COMMA, DIGIT_BRACKET, Enumerators, pattern_of
from budget_reports.readers.block_words import is_code_part, is_whole_code
from budget_reports.readers.code_names import is_name_of, known_names
from budget_reports.readers.name_gaps import NameSoFar, cut_sides, cuts_between

_CLASS_CODE_LENGTH = 3
_ITEM_CODE_LENGTH = 7  # a 项's code: 类 (3 digits), 款 and 项 (2 each)
# Lines opening with a bare part that show a table printing its levels once (a 款 and a 项 at least).
_LEVELS_ONCE_LINES = 2
# A table's rows are numbered 一、 and （一） / （1） only: a bare ``1.`` or ``1、`` at a row's start would
# be read off a figure or a code the extractor glued to the label.
NUMBERING = Enumerators(CHINESE_COMMA, CHINESE_BRACKET, DIGIT_BRACKET)
_ASCII_FIGURE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# Row labels that start a row of their own even unnumbered: totals, carry-overs, their breakdowns.
_ROW_LABEL = re.compile(r"^(?:年初|年末|本年|上年|使用|结余分配|用事业基金|其中[:：]?$)")
# Header words a text extractor may leave at the start of the first body row (``类 款 项 合计 …``).
HEADER_LEFTOVERS = frozenset({"类", "款", "项"})
# Where the next side's label starts right after a figure, the space between the cells lost
# (``47,483,458一、社会保障和就业支出``, ``1,000.00支出总计``).
_GLUED_LABEL = re.compile(rf"(?<=\d)(?={pattern_of(CHINESE_COMMA, CHINESE_BRACKET)}|(?:本年)?(?:收入|支出)?[总合]计)")


class Token(NamedTuple):
    """A word as printed and where (a named tuple: a report makes thousands, built faster than a dataclass)."""

    text: str
    page: int | None
    line: int
    # Where the word starts on its line, in the columns of a laid-out text (``pdftotext -layout``);
    # None where the text keeps no positions. Two equal figures on one line are two words by it.
    column: int | None = None


@dataclass(slots=True)
class Segment:
    """One side of a row: its code (digits joined), name and figures as printed."""

    code: list[Token] = field(default_factory=list)
    name: list[Token] = field(default_factory=list)
    figures: list[Token] = field(default_factory=list)
    # The figures with the dashes printed in empty cells between and after them, in printed order:
    # where a row prints a dash in each empty cell, the count of cells says which column each figure is in.
    cells: list[Token] = field(default_factory=list)

    @property
    def code_text(self) -> str:
        return "".join([t.text for t in self.code])  # a list joins faster than a generator

    @property
    def name_text(self) -> str:
        if len(self.name) == 1:
            return self.name[0].text  # the common case: a name printed as one word
        text = ""
        for token in self.name:
            if text and not is_cjk(text[-1]) and not is_cjk(token.text[0]):
                text += " "
            text += token.text
        return text

    def empty(self) -> bool:
        return not (self.code or self.name or self.figures)

    def dashed_placement(self, width: int) -> tuple[int, ...] | None:
        """Each figure's column, counted among the cells the row printed with a dash in each empty
        one (``294000 - 294000`` under 合计 | 基本支出 | 项目支出: columns 0 and 2). None unless the
        row printed a dash and exactly ``width`` cells, on one line, the figures those it read."""
        cells = self.cells
        if len(cells) != width or len(cells) == len(self.figures):
            return None
        if [t for t in cells if t.text not in EMPTY_CELL_MARKS] != self.figures:
            return None  # figures added or taken since (a share of the row's figures): the count says nothing
        first = cells[0]
        if any(t.line != first.line or t.page != first.page for t in cells):
            return None  # cells on several lines: their printed order may not be the columns'
        return tuple([i for i, t in enumerate(cells) if t.text not in EMPTY_CELL_MARKS])


def ends_with_figure(text: str) -> bool:
    """A line whose last word is a figure: a bare number on the line after it goes on with its row
    (the next cell, split from it at a line or page break), not a page's number."""
    words = text.split()
    return bool(words) and is_figure(words[-1])


@lru_cache(maxsize=16_384)  # every pass over a row asks it of the row's words again
def is_figure(text: str) -> bool:
    if _ASCII_FIGURE.match(text):  # the common case, without normalizing the text first
        return True
    if text.isascii() and "(" not in text:
        return False
    if not any(map(str.isnumeric, text)):
        return False  # a name: no character that is (or folds into) a digit
    return parse_decimal(text) is not None  # full-width digits, (1.50) for a negative


@lru_cache(maxsize=4_096)  # a row's label is asked again on every pass over its table
def enumerator_value(text: str) -> int | None:
    """1 for ``一、…``, 19 for ``十九、…``, 3 for ``（三）…``; None when the label is not numbered."""
    return NUMBERING.value(normalize_text(text))


def strip_enumerator(text: str) -> str:
    """The label without its numbering: ``八、社会保障和就业支出`` → ``社会保障和就业支出``."""
    return NUMBERING.without(normalize_text(text))


# A token built as the tuple it is: a named tuple's own constructor is a Python function, twice as
# slow, and a token is made for every word of every table.
new_token = tuple.__new__


def words_as_printed(tokens: Iterable[Token]) -> str:
    """The words joined by a space: a row or a line as evidence quotes it."""
    return " ".join(t.text for t in tokens)


def line_tokens(text: str, page: int | None, line: int) -> list[Token]:
    """The line's words as printed (full-width brackets kept), split at any run of spaces and
    where a label is glued to the figure before it."""
    return [new_token(Token, (word, page, line, None)) for word in _words(text)]


@lru_cache(maxsize=16_384)  # a table's lines are split by several readers (title, header, rows, spans)
def _words(text: str) -> tuple[str, ...]:
    return tuple(
        part
        for word in _SPACES.split(text)
        if word
        # A label glued to a figure is Chinese: codes and figures (ASCII) are words as they stand.
        for part in ((word,) if word.isascii() else _unglued(word))
    )


def _unglued(word: str) -> list[str]:
    match = _GLUED_LABEL.search(word)
    if match is None or not is_figure(word[: match.start()]):
        return [word]
    return [word[: match.start()], *_unglued(word[match.start() :])]


def starts_row(tokens: list[Token], coded: bool) -> bool:
    """A line that begins a row of its own: a code, a numbered item or a total (after the dashes
    of a two-sided row's empty left-hand cells: ``- 四、住房保障支出 5,871,730``)."""
    tokens = _after_leading(tokens, EMPTY_CELL_MARKS)
    if not tokens:
        return False
    if coded and opens_with_code(tokens):
        return True
    return is_row_label(tokens[0].text)


def opens_with_code(tokens: Sequence[Token]) -> bool:
    """A line opening with a code: a whole code with a name after it (its parts between), or one the
    classification knows. A line of whole numbers alone opens with no code the reference does not
    know: a table in 元 prints a row's small figures (``316 311 5``) on a line of their own below its
    wrapped name, and ``316``, ``22310`` or ``634`` is no code."""
    if not is_whole_code(tokens[0].text):
        return False
    code, j = _joined_code(tokens, 0)
    if j < len(tokens) and _is_name_word(tokens[j].text):
        return True  # a name follows
    return bool(known_names(code))


def _joined_code(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    """The code ``tokens[i]`` opens joined with the 2-digit parts after it, and the index after them."""
    code = tokens[i].text
    j = i + 1
    while j < len(tokens) and len(code) < _ITEM_CODE_LENGTH and is_code_part(tokens[j].text):
        code += tokens[j].text
        j += 1
    return code, j


@lru_cache(maxsize=16_384)  # asked of every word of every row, by every reader of rows
def is_row_label(text: str) -> bool:
    """A label that begins a row: numbered (一、…), a total, or a carry-over line (年初结转和结余 …)."""
    return is_numbered(text) or is_total(text) or _ROW_LABEL.match(text) is not None


@lru_cache(maxsize=16_384)  # one pattern of every numbering form: slow enough to ask once per word
def is_numbered(text: str) -> bool:
    """A label opening with a row's numbering (一、…, （一）…, （1）…)."""
    return NUMBERING.opens(text)


def is_row_line(tokens: list[Token], coded: bool) -> bool:
    """A line of the table body, not of its header: it prints a figure, starts with a code or a
    numbered item, or is a total alone (``合计`` of an empty table). Header lines start with 合计 too."""
    tokens = strip_header_leftovers(tokens)
    if not tokens:
        return False
    if pending_has_figures(tokens):
        return True
    first = tokens[0].text
    return (coded and is_whole_code(first)) or is_numbered(first) or (len(tokens) == 1 and is_total(first))


def without_empty_cell_marks(text: str) -> str:
    """A line of table cells (figures and dashes only) without its empty cells' dashes, as an
    extractor writing table cells apart writes a blank cell: ``6,397,096 -`` → ``6,397,096``, a dash
    alone → a blank line. Any other line (a name, a page number ``- 3 -``) as it stands."""
    if _EMPTY_CELL_MARK.search(text) is None:
        return text  # most lines: no dash alone
    words = _words(text)
    if not all(map(is_cell_word, words)):
        return text
    figures = [word for word in words if word not in EMPTY_CELL_MARKS]
    if len(figures) == 1 and words[0] in EMPTY_CELL_MARKS and words[-1] in EMPTY_CELL_MARKS:
        return text  # ``- 3 -``: a page's number, the page furniture's to tell
    return " ".join(figures)


def strip_header_leftovers(tokens: list[Token]) -> list[Token]:
    return _after_leading(tokens, HEADER_LEFTOVERS) or tokens


def _after_leading(tokens: list[Token], words: frozenset[str]) -> list[Token]:
    """The tokens after those at the start whose text is one of ``words`` (none left: empty)."""
    i = 0
    while i < len(tokens) and tokens[i].text in words:
        i += 1
    return tokens[i:] if i else tokens


# A total printed bare: the last piece of a label cut over lines (人员经费 / 合计), or a label of its own.
BARE_TOTALS = frozenset({"合计", "总计"})
# The last piece of a total's label wrapped over lines is short (``计``, ``合计``).
_TOTAL_PIECE_CHARS = 2


def gather_rows(lines: list[list[Token]], coded: bool, unsure: list[AmbiguousCell] | None = None) -> list[list[Token]]:
    """The tokens of each row, lines of one row joined. Two rows between whose code lines the text
    cannot tell which lines of name are whose are left out, their figures added to ``unsure``."""
    rows: list[list[Token]] = []
    pending: list[Token] = []
    # Lines of name alone after the last line opening with a code, and the row that line opened:
    # the end of its names, the start of the next row's, or both (``name_gaps``). Per row, how many
    # lines of name it printed above its code line; the rows whose names the text cannot tell apart,
    # with the ways they may read.
    gap: list[list[Token]] = []
    anchored: list[Token] = []
    heads: _PerRow[int] = _PerRow()
    untold: _PerRow[tuple[str, ...]] = _PerRow()
    # Whether each line prints names alone, asked once: by the names' width and line by line below
    # (header leftovers are names alone too, so the answer holds for the line without them).
    names_only_lines = [_names_only(line) for line in lines]
    width = _names_width(lines, names_only_lines) if coded else 0
    parts_open_rows = coded and _lines_open_with_parts(lines)

    def has_label(tokens: list[Token]) -> bool:
        return any((coded and is_whole_code(t.text)) or is_numbered(t.text) or is_total(t.text) for t in tokens)

    for raw, names_only in zip(lines, names_only_lines, strict=True):
        tokens = strip_header_leftovers(raw)
        if not tokens:
            continue
        if not pending and rows and figures_only(tokens, coded):
            rows[-1].extend(tokens)  # the row's figures went on to the next line (pdftotext -raw)
            gap = []
            continue
        opens = coded and opens_with_code(tokens)
        if gap and opens:
            shared = sum(map(len, gap))
            if pending is anchored and len(pending) > shared:  # the row above still open: its words, then the gap's
                rows.append(pending[:-shared])
                heads.mark(rows[-1], heads.of(pending, 0))
                anchored = rows[-1]
                pending = [t for line in gap for t in line]
            if anchored is rows[-1] and len(pending) == shared:
                head, tokens, readings = _share_gap(anchored, heads.of(anchored, 0), gap, tokens, width)
                pending = [t for line in gap[len(gap) - head :] for t in line]
                heads.mark(pending, head)
                if readings:
                    untold.mark(anchored, readings)
                    untold.mark(pending, readings)
        row = pending or (rows[-1] if rows else [])
        at = _name_end(row, tokens) if coded else None
        if at is not None:
            # A name's end below the row's figures (pdfplumber), which then end the row whatever the
            # last one reads like (``96,208 96,000 208`` over ``年金缴费支出``: 208, no side's code).
            row[at:at] = tokens
            if pending and is_figure(pending[-1].text):
                rows.append(pending)
                pending = []
            gap = []
            continue
        if coded and _opens_with_total_piece(tokens):
            piece, after = tokens[0], tokens[1:]
            if gap and pending is anchored and (k := _label_after_name(pending, gap, piece.text)) is not None:
                # A total's label cut before its 合计 below the open row's name (``其他资本性`` / ``支出`` /
                # ``人员经费`` / ``合计`` / ``2,152.26``, the figures maybe on the 合计's line): a row of
                # its own, its label whole.
                rows.append(pending[: len(pending) - sum(map(len, gap[k:]))])
                pending = [_label_token([t for line in gap[k:] for t in line], piece)]
                gap = []
                if not after:
                    continue
                tokens = after
            elif pending and pending is not anchored and (named := _label_ending(pending, piece.text)):
                # A row's label printed over lines, its 合计 last (``公用经费`` / ``合计`` / ``184.65``), or the
                # second side's after the first's figures (``合计 2152.26 公用经费`` / ``合计 184.65``).
                pending[-named:] = [_label_token(pending[-named:], piece)]
                gap = []
                if not after:
                    continue
                tokens = after
        if gap and pending is anchored and not names_only and (k := _label_after_name(pending, gap)) is not None:
            # A row label wrapped below the open row's name (``其他资本性`` / ``支出`` / ``人员经费合`` /
            # ``计`` / ``2,152.26``): a row of its own, its figures after it.
            rows.append(pending[: len(pending) - sum(map(len, gap[k:]))])
            pending = [t for line in gap[k:] for t in line]
        gap = [*gap, tokens] if anchored and not opens and names_only else []
        if pending and starts_row(tokens, coded) and (has_label(pending) or not coded or pending_has_figures(pending)):
            rows.append(pending)
            pending = []
        elif parts_open_rows and _opens_side_with_part(tokens, 0) and _part_begins_row(pending):
            # Levels printed once: a part and its name begin a row (its code completed from the rows
            # above, ``with_levels_carried``), after a row ending without figures (``03 奖金 03 咨询费``).
            rows.append(pending)
            pending = []
        pending.extend(tokens)
        if opens:
            anchored = pending
        if _ends_with_figure(tokens, coded):
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending)
    if untold:
        if unsure is not None:
            unsure.extend(cell for row in rows if (ways := untold.of(row, ())) for cell in _untold(row, ways))
        rows = [row for row in rows if not untold.of(row, ())]
    return with_levels_carried(rows, unsure) if coded else rows


_Value = TypeVar("_Value")


class _PerRow(dict[int, tuple[list[Token], _Value]]):
    """Something known of rows being gathered, by the row's identity (a row's list is extended in
    place). Each row is kept with its value: a list that was let go cannot hand its id on to another."""

    def mark(self, row: list[Token], value: _Value) -> None:
        self[id(row)] = (row, value)

    def of(self, row: list[Token], default: _Value) -> _Value:
        entry = self.get(id(row))
        return entry[1] if entry is not None and entry[0] is row else default


def _untold(row: list[Token], readings: tuple[str, ...]) -> Iterator[AmbiguousCell]:
    """Each figure of a row left out because the text cannot tell its name from the next row's (or
    the previous one's): the rows it may be in, as each way of reading them names them."""
    snippet = words_as_printed(row)
    for side in segments(row, True):
        for token in side.figures:
            yield AmbiguousCell(token.page, token.line, token.text, side.code_text, readings, snippet)


def _label_after_name(row: list[Token], gap: list[list[Token]], ending: str = "") -> int | None:
    """Where in ``gap`` (the lines of name after the open row's code line) a row label begins that
    runs to its end (and on to ``ending``, a total printed on the line after the gap): the row before
    it reads as one of its code's names, the lines from it join into a label (a total). None when
    there is none."""
    sides = segments(row[: len(row) - sum(map(len, gap))], True)
    if len(sides) != 1 or not sides[0].code:
        return None
    texts = [_joined(line) for line in gap]
    for k in range(len(gap)):
        if (
            is_row_label("".join(texts[k:]) + ending)
            and (not ending or _has_words("".join(texts[k:])))
            and is_name_of(sides[0].code_text, compact(sides[0].name_text) + "".join(texts[:k]))
        ):
            return k
    return None


def _has_words(text: str) -> bool:
    """Whether the text holds a Chinese word's character (not only marks: ``…`` rows of a template)."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _opens_with_total_piece(tokens: list[Token]) -> bool:
    """A line opening with what may be the last piece of a total's label cut over lines (``合计``, or
    ``计`` of ``人员经费合`` / ``计``), alone or before the row's figures (``合计 2152.26 公用经费``)."""
    first = tokens[0].text
    return (first in BARE_TOTALS or (len(first) <= _TOTAL_PIECE_CHARS and _names_only(tokens[:1]))) and (
        len(tokens) == 1 or is_figure(tokens[1].text)
    )


def _label_ending(row: list[Token], piece: str) -> int:
    """How many of the open row's last words (names alone, after its figures if any) a total's last
    ``piece`` completes into a row's label (``公用经费`` + ``合计``); 0 where it completes none. A row
    of names alone takes a bare total whatever they read (a label of the report's own wording)."""
    named = 0
    while named < len(row) and _names_only([row[-1 - named]]):
        named += 1
    if not named or not _has_words("".join(t.text for t in row[-named:])):
        return 0
    if named == len(row):
        return named if piece in BARE_TOTALS else 0
    return named if is_row_label("".join(t.text for t in row[-named:]) + piece) else 0


def _label_token(pieces: list[Token], total: Token) -> Token:
    """A label printed over lines (its pieces, then ``total``) as one word, where its first piece
    stands; a label that is no row's label (``人员经费`` alone) would end a row's name."""
    first = pieces[0]
    return first._replace(text="".join(t.text for t in pieces) + total.text)


def _names_only(tokens: list[Token]) -> bool:
    """A line of name alone: no code, figure, empty cell's dash or row label."""
    return not any(_word_kind(t.text) for t in tokens)


def _names_width(lines: list[list[Token]], names_only: list[bool]) -> int:
    """The widest line of names the table prints (display columns): the width of its name cells
    (``names_only``: whether each line prints names alone)."""
    return max(
        (display_width("".join(t.text for t in line)) for line, alone in zip(lines, names_only, strict=True) if alone),
        default=0,
    )


def _share_gap(
    above: list[Token], head: int, gap: list[list[Token]], anchor: list[Token], width: int
) -> tuple[int, list[Token], tuple[str, ...]]:
    """Give the row ``above`` (printing ``head`` lines of name above its code) the lines of ``gap``
    that end its names (``name_gaps``), each after its side's name. Returns how many lines are left
    to begin the row whose code line is ``anchor`` (printed before its code), that line (a two-sided
    row's beginnings put after each side's code), and the ways the two rows may read where the text
    cannot tell which lines are whose (else none). A row its figures did not end keeps the lines
    after its code where the text cannot tell (a text written in content order: -raw)."""
    ended = any(_word_kind(t.text) & _FIGURE and not is_whole_code(t.text) for t in above[-1:])
    sides = segments(above, True)
    below = segments(anchor, True)
    if len(sides) == 1 and sides[0].code:
        code = below[0].code_text
        lines = [_joined(line) for line in gap]
        cuts = cuts_between(
            NameSoFar(sides[0].code_text, _lines_of(sides[0].name), head),
            lines,
            NameSoFar(code, _lines_of(below[0].name)),
            width,
        )
        if len(cuts) > 1 and ended:
            own, theirs = sides[0].name_text, below[0].name_text
            readings = tuple(
                f"{sides[0].code_text} {own}{''.join(lines[:c])} | {code} {''.join(lines[c:])}{theirs}" for c in cuts
            )
            return len(gap), anchor, readings
        cut = cuts[0] if len(cuts) == 1 else len(gap)
        _insert_after(above, sides[0], [t for line in gap[:cut] for t in line])
        return len(gap) - cut, anchor, ()
    if len(sides) == len(below) == 2 and all(side.code for side in (*sides, *below)):
        split = cut_sides(
            [NameSoFar(side.code_text, _lines_of(side.name)) for side in sides],
            [[compact(t.text) for t in line] for line in gap],
            [NameSoFar(side.code_text, _lines_of(side.name)) for side in below],
        )
        if split is not None:
            words = [t for line in gap for t in line]
            anchor = list(anchor)
            for side in (1, 0):  # the right side first: the left side's places stay
                _insert_after(
                    above,
                    sides[side],
                    [t for t, (s, ends) in zip(words, split, strict=True) if (s, ends) == (side, True)],
                )
                at = anchor.index(below[side].code[-1]) + 1
                anchor[at:at] = [t for t, (s, ends) in zip(words, split, strict=True) if (s, ends) == (side, False)]
            return 0, anchor, ()
    return len(gap) if ended else 0, anchor, ()


def _insert_after(row: list[Token], side: Segment, words: list[Token]) -> None:
    """``words`` put after the side's code and name in ``row`` (before its figures)."""
    if words:
        at = max(i for i, t in enumerate(row) if t in side.name or t in side.code) + 1
        row[at:at] = words


def _joined(line: list[Token]) -> str:
    return compact("".join(t.text for t in line))


def _lines_of(name: list[Token]) -> tuple[str, ...]:
    """A name's words, one compact text per line printed."""
    return tuple(
        compact("".join(t.text for t in words)) for _, words in itertools.groupby(name, attrgetter("page", "line"))
    )


def _name_end(row: list[Token], tokens: list[Token]) -> int | None:
    """Where in ``row`` a line of one word goes that ends its name: the row's code and name before it
    read as one of the code's names in the classification (``208 社会保障和就业支 1,563 …`` over
    ``出``); None when the line is no such end (a name of the next row, printed before its code)."""
    if len(tokens) != 1 or is_figure(tokens[0].text) or is_row_label(tokens[0].text):
        return None
    if not row or not is_whole_code(row[0].text):
        return None
    code, at = _joined_code(row, 0)
    name = ""
    while at < len(row) and not is_figure(row[at].text):
        name += row[at].text
        at += 1
    if not name or compact(name + tokens[0].text) not in known_names(code):
        return None
    return at


def pending_has_figures(tokens: list[Token]) -> bool:
    return any(is_figure(t.text) and not is_whole_code(t.text) for t in tokens)


def figures_only(tokens: list[Token], coded: bool) -> bool:
    """A line of figures alone (not a line of codes: ``301 06 302``)."""
    return all(is_figure(t.text) for t in tokens) and not (coded and opens_with_code(tokens))


def _ends_with_figure(tokens: list[Token], coded: bool) -> bool:
    """The line ends the row with a figure, not with the code of the next side (``2,082.85 302``)
    or a line of codes alone (``301 01 302``: pdfplumber writes codes apart from their names)."""
    last = tokens[-1].text
    if not is_figure(last):
        return False
    if not coded:
        return True
    if all(is_whole_code(t.text) or is_code_part(t.text) for t in tokens):
        return False
    # A whole number after a figure is the next side's code only where the classification knows it.
    return not (is_whole_code(last) and len(tokens) > 1 and is_figure(tokens[-2].text) and known_names(last))


def segments(tokens: list[Token], coded: bool) -> list[Segment]:
    """Cut a row into segments (none empty): a new one starts at a code or a name that follows figures.

    A dash printed for an empty cell (``-``, ``—``) is no word of the name: it ends the name as a
    figure would, and the cell stays empty (as one the extractor left out)."""
    out: list[Segment] = []
    current = Segment()
    in_code = False  # the previous token was (part of) a code
    code_length = 0  # digits of the current segment's code so far
    cells_after_name = False  # a figure or an empty cell's dash followed the current name
    for i, token in enumerate(tokens):
        text = token.text
        kind = _word_kind(text)
        if coded and kind & _WHOLE_CODE and _takes_code(current, tokens, i, out):
            if current.code or current.figures or cells_after_name:
                out.append(current)
                current = Segment()
                cells_after_name = False
            current.code.append(token)
            code_length = len(text)
            in_code = True
            continue
        if coded and in_code and code_length < _ITEM_CODE_LENGTH and kind & _PART_OF_CODE:
            current.code.append(token)
            code_length += len(text)
            continue
        in_code = False
        if kind & _EMPTY_CELL:
            cells_after_name = cells_after_name or bool(current.name or current.code)
            if cells_after_name:
                current.cells.append(token)
        elif kind & _FIGURE:
            current.figures.append(token)
            current.cells.append(token)
            cells_after_name = True
        else:
            if cells_after_name or (current.name and kind & _ROW_LABEL_WORD):
                out.append(current)
                current = Segment()
                cells_after_name = False
            current.name.append(token)
    if not current.empty():
        out.append(current)
    return out


# What a word can be in a row, as bits of one number (``_word_kind``).
_WHOLE_CODE, _PART_OF_CODE, _FIGURE, _ROW_LABEL_WORD, _EMPTY_CELL = 1, 2, 4, 8, 16
# What reports print in a money cell that holds nothing (county and township reports often do).
EMPTY_CELL_MARKS = frozenset({"-", "--", "—", "——", "–", "―", "－"})
# One of them standing alone between spaces (or alone on its line), longest first.
_EMPTY_CELL_MARK = re.compile(
    rf"(?:^|(?<=\s))(?:{'|'.join(map(re.escape, sorted(EMPTY_CELL_MARKS, key=len, reverse=True)))})(?=\s|$)"
)


def _is_name_word(text: str) -> bool:
    """A word that may follow a code as its name: neither a figure nor the dash of an empty cell
    (a table in 元 prints ``20805 行政事业单位养老支出 6103096 6103096 -``: the second 6103096 is a
    figure, not the code of a next side)."""
    return not _word_kind(text) & (_FIGURE | _EMPTY_CELL)


def is_cell_word(text: str) -> bool:
    """A money cell's word: a figure, or the dash a report prints in an empty cell (no word of a
    name: ``301 08 基本养老保险 2,302,464 2,302,464 -`` names its row 基本养老保险)."""
    return bool(_word_kind(text) & (_FIGURE | _EMPTY_CELL))


@lru_cache(maxsize=16_384)  # every word of every row: one look-up instead of three patterns
def _word_kind(text: str) -> int:
    """Whether the word reads as a whole code, a two-digit part of one, a figure or a row's label."""
    if text in EMPTY_CELL_MARKS:
        return _EMPTY_CELL
    kind = 0
    if is_whole_code(text):
        kind |= _WHOLE_CODE
    if is_code_part(text):
        kind |= _PART_OF_CODE
    if is_figure(text):
        kind |= _FIGURE
    elif is_row_label(text):
        kind |= _ROW_LABEL_WORD
    return kind


def _takes_code(current: Segment, tokens: list[Token], i: int, done: list[Segment]) -> bool:
    """Whether the 3/5/7-digit token ``tokens[i]`` is a code here (and not a whole-number figure)."""
    if not current.code and not current.figures:
        # The start of a segment (pdfplumber: after its name); a total's row prints no code.
        return not (current.name and is_total(current.name_text))
    # After a complete segment: a code starts the next side where a name follows it, its parts between.
    code, j = _joined_code(tokens, i)
    if j < len(tokens) and _is_name_word(tokens[j].text):
        return True
    if j == i + 1:
        return False  # a whole number among the row's figures
    # Parts and no name after them: a table in 元 prints ``… 900 850 50``, small figures reading
    # like a 类 and a 款 part. They join into a code only where the row prints its own code in parts
    # too (a table printing whole codes prints no 类 | 款 | 项 columns), the classification knows the
    # code, and it is of the scheme of the row's own code.
    first = next((seg.code for seg in (*done, current) if seg.code), [])
    if len(first) == 1 and len(first[0].text) > _CLASS_CODE_LENGTH:
        return False
    return bool(known_names(code)) and (not first or code[:1] == first[0].text[:1])


def with_levels_carried(rows: list[list[Token]], unsure: list[AmbiguousCell] | None) -> list[list[Token]]:
    """Rows of a table printing each level of its codes once, on a line of its own: the 类 on its
    line (``201 一般公共服务支出 …``), the 款 and 项 parts on the lines below without it
    (``06 财政事务 …``, ``01 行政运行 …``), as a class's cell merged down over its rows, or left blank
    under it, prints them (Shanghai's 部门预算 templates; county reports printing 类 in bold and
    款 / 项 indented). A side opening with such a part takes the levels above it from the codes of
    the row directly above; the text does not say which level the part is (under 20805, ``06`` is the
    项 2080506 or the 款 20806), so it is the one code, following on from the row above, that the
    classification names the row's name by. A side whose part completes no code so, or more than
    one, is left out and its figures reported: never given its class's code. A row without a code
    stops the carry. Tables printing no row so are left as they are."""
    if not _prints_levels_once(rows):
        return rows
    out: list[list[Token]] = []
    above: list[str] = []  # the codes of the sides of the row kept above
    for row in _centred_class_codes_moved(rows):
        row = _parts_completed(row, above, unsure)
        if row:
            out.append(row)
        above = [side.code_text for side in segments(row, True) if side.code] if row else []
    return out


def _centred_class_codes_moved(rows: list[list[Token]]) -> list[list[Token]]:
    """A class's code printed among its rows' parts moved to the class's own row. pdfplumber writes
    a cell merged down over a class's rows at its middle height, alone on its line or beside a part
    (``一般公共服务支出 2,106.66 …`` / ``06 财政事务 …`` / ``01 行政运行 …`` / ``201`` /
    ``02 一般行政管理事务 …``): the row reads as the code joined with the part (20102, 政协事务, named
    otherwise; 21011 by chance its own) and the class's row as no code. The class's own row is the
    nearest above without a code, past the rows opening with a part, that the classification names
    by the code; where there is none, the code is the row's own (printed split over two lines)."""
    out = [list(row) for row in rows]
    for k, row in enumerate(out):
        if not _class_code_before_part(row):
            continue
        j = k - 1
        while j >= 0 and out[j] and _opens_side_with_part(out[j], 0):
            j -= 1
        if j >= 0 and out[j] and not _word_kind(out[j][0].text) and _name_from(out[j], 0) in known_names(row[0].text):
            out[j].insert(0, row.pop(0))
    return out


def _class_code_before_part(row: list[Token]) -> bool:
    """A row opening with a 类 code, then a part and a name."""
    return (
        len(row) > 2
        and len(row[0].text) == _CLASS_CODE_LENGTH
        and is_whole_code(row[0].text)
        and is_code_part(row[1].text)
        and not _word_kind(row[2].text)
    )


def _name_from(row: list[Token], i: int) -> str:
    """The name (compact) printed from ``row[i]`` up to the first figure or empty cell's dash."""
    return compact("".join(t.text for t in itertools.takewhile(_in_name, row[i:])))


def _in_name(token: Token) -> bool:
    return not is_cell_word(token.text)


def _part_begins_row(pending: list[Token]) -> bool:
    """A line opening with a part and a name begins a row after ``pending``, a row that printed a
    name, unless it ends with a code the part continues: a code's 类 at a line's end, its parts and
    name on the next (-raw: ``1,238.58 302`` / ``02 印刷费 7.61``; pdfplumber: ``201`` /
    ``02 一般行政管理事务``, a class's code set among its rows)."""
    return any(not is_figure(t.text) for t in pending) and not is_whole_code(pending[-1].text)


def _lines_open_with_parts(lines: list[list[Token]]) -> bool:
    """A table printing levels once: lines open with a bare part before a name (``06 财政事务 …``),
    which a table printing each row's code whole or split (``201 06 财政事务``) never does."""
    return sum(_opens_side_with_part(line, 0) for line in lines if line) >= _LEVELS_ONCE_LINES


def _prints_levels_once(rows: list[list[Token]]) -> bool:
    """Some row opens with a bare part before its name, directly under a row opening with a code."""
    return any(
        _opens_side_with_part(row, 0) and bool(above) and opens_with_code(above)
        for above, row in itertools.pairwise(rows)
    )


def _opens_side_with_part(row: list[Token], i: int) -> bool:
    """``row[i]`` is a 2-digit part followed by a name (no row label: ``12 二、外交支出`` is a figure
    in 元 and the next side's label), opening the row or a side after the one before (not after a
    code's digits: ``201 06``, or ``850 01`` in 元, a code's 类 maybe)."""
    if not is_code_part(row[i].text) or i + 1 >= len(row) or _word_kind(row[i + 1].text):
        return False
    return i == 0 or not _word_kind(row[i - 1].text) & (_WHOLE_CODE | _PART_OF_CODE)


def _surely_a_part(row: list[Token], i: int) -> bool:
    """A part that opens a side at the row's start or after an amount. After the name of a side
    whose amount is empty (``03 奖金 03 咨询费``) a whole number may be that amount (in 元): it is a
    part only where it completes a code."""
    return i == 0 or _word_kind(row[i - 1].text) in (_FIGURE, _EMPTY_CELL)


def _parts_completed(row: list[Token], above: list[str], unsure: list[AmbiguousCell] | None) -> list[Token]:
    """The row with each side opening with a part given the code it completes (see
    ``with_levels_carried``); a side surely opening with a part that completes no single code is left
    out, its figures added to ``unsure``."""
    out: list[Token] = []
    i = 0
    while i < len(row):
        if not _opens_side_with_part(row, i):
            out.append(row[i])
            i += 1
            continue
        end = _side_end(row, i + 1)
        codes = _completions(row[i].text, _name_from(row, i + 1), above)
        if len(codes) == 1 or not _surely_a_part(row, i):
            out.append(row[i]._replace(text=codes[0]) if len(codes) == 1 else row[i])
            i += 1
            continue
        if unsure is not None:
            unsure.extend(_uncompleted(row[i:end], above))
        i = end
    return out


def _side_end(row: list[Token], i: int) -> int:
    """Where the side whose name starts at ``row[i]`` ends: at the next side's code or part, or the row's end."""
    j = i
    while j < len(row) and _in_name(row[j]):
        j += 1  # the name
    while j < len(row) and not (_opens_side_with_part(row, j) or _opens_named_code(row, j)):
        j += 1  # the figures
    return j


def _opens_named_code(row: list[Token], j: int) -> bool:
    """A whole code among a side's figures that starts the next side: a name follows it and its parts."""
    if not is_whole_code(row[j].text):
        return False
    _, after = _joined_code(row, j)
    return after < len(row) and not is_figure(row[after].text)


def _completions(part: str, name: str, above: list[str]) -> list[str]:
    """The codes ``part`` may complete under the codes ``above`` that the classification names
    ``name`` by."""
    return [code for code in following_codes(part, above) if name in known_names(code)]


def following_codes(part: str, above: list[str]) -> list[str]:
    """The codes ``part`` may complete under the codes ``above``: a child of one, or a level it prints
    after it (never before it: a table's codes ascend)."""
    found: list[str] = []
    for code in above:
        levels = [code[:_CLASS_CODE_LENGTH], *(code[k : k + 2] for k in range(_CLASS_CODE_LENGTH, len(code), 2))]
        for depth in range(1, len(levels) + 1):
            completed = "".join(levels[:depth]) + part
            if (depth == len(levels) or part > levels[depth]) and completed not in found:
                found.append(completed)
    return found


def _uncompleted(side: list[Token], above: list[str]) -> Iterator[AmbiguousCell]:
    """The figures of a side whose part completes no single code: the codes it may be of."""
    part = side[0].text
    name = _name_from(side, 1)
    readings = tuple(f"{code} {name}" for code in following_codes(part, above))
    snippet = words_as_printed(side)
    for token in side[1:]:
        if is_figure(token.text):
            yield AmbiguousCell(token.page, token.line, token.text, f"{part} {name}", readings, snippet)
