"""Two-sided coded tables (the 基本支出 table: 301/303 beside 302/310) in text written by baseline.

pdfplumber writes such a table row by row, but each row over several lines and both halves on each
line, left half first:

    301 01 302                  ← the codes (the right half's 款 part printed lower)
    基本工资 01 办公费            ← left name, right 款 part and name
    262.33 21.21                ← the figures, left then right
    301 02 302
    津贴补贴 1,238.58 02 印刷费
    7.61                        ← a figure alone: left or right?

A band runs from a line opening with a code or a total to the next. Within a band each line's
words go to the left half until one shows the right half has begun: a code, a 款 part after the
left half's name, figure or 款 part, a name after a figure, or a second word of name. A name
continuing on a line of its own belongs to the half whose name began highest (the wrapped one: a
one-line name sits lower, in the middle). A figure printed alone on a line of a two-half band
could be either half's: the table's sums (each 类 the sum of its 款) decide; where they cannot,
the figure is left unplaced and reported. A name over three lines, centred on its row's line,
prints its first line above its code, in the band above: it is given back to its row where the
classification then names both rows (and no other way does). A text printing each row's codes on
the line of its figures (pdfplumber centring a wrapped name on that line) prints between two code
lines the ends of names above and the first lines of names below, of either half: each word goes
to the half whose name it ends or begins where only one way names every row (``name_gaps``), else
it stays as read. A dash printed in an empty cell is neither name nor figure: the cell stays empty.
A class cell merged over its rows prints its code once, at its middle height: a row then prints its
款 part alone (``99 - 302 39 其他交通费用 48.49``), opening a band of its own and completing its side's
code above (``_classes_carried``; a part completing no single code leaves its half unread, its
figures reported), and the class code, printed again lower, is no row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby, pairwise
from operator import attrgetter

from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, display_width, parse_decimal
from budget_reports.readers.block_words import is_code_part, is_whole_code
from budget_reports.readers.code_names import begins_name_of, known_names
from budget_reports.readers.linear_rows import (
    EMPTY_CELL_MARKS,
    Token,
    following_codes,
    is_figure,
    is_row_label,
    strip_header_leftovers,
    words_as_printed,
)
from budget_reports.readers.lone_figures import Slot, possible_slots
from budget_reports.readers.name_gaps import NameSoFar, cut_sides, cuts_between

_CLASS_LENGTH = 3


@dataclass(slots=True)
class _Half:
    code: list[Token] = field(default_factory=list)
    name: list[Token] = field(default_factory=list)
    figures: list[Token] = field(default_factory=list)
    name_line: int | None = None  # index in the band of the line where its name starts

    @property
    def code_text(self) -> str:
        return "".join(t.text for t in self.code)

    def tokens(self) -> list[Token]:
        return [*self.code, *self.name, *self.figures]

    def add_name(self, token: Token, line: int) -> None:
        if self.name_line is None:
            self.name_line = line
        self.name.append(token)


@dataclass(frozen=True, slots=True)
class _NameLine:
    """The words a line printing only names gave one half."""

    line: int  # in the band
    side: int
    words: tuple[Token, ...]


@dataclass(slots=True)
class _Band:
    halves: list[_Half]
    lone: list[Token] = field(default_factory=list)  # figures alone on a line: left or right
    name_lines: list[_NameLine] = field(default_factory=list)
    n_lines: int = 0
    lines: list[list[Token]] = field(default_factory=list)  # as printed, its code line first


def prints_codes_apart(lines: Sequence[Sequence[Token]]) -> bool:
    """Whether some line holds codes alone, of both halves (``301 01 302``, ``01 01``): a two-sided
    table written by baseline, its codes apart from their names and figures."""
    for tokens in lines:
        # Most lines print a name or a figure: the first such word rules the line out.
        if len(tokens) < 2 or not all(is_code_part(t.text) or _is_class_code(t.text) for t in tokens):
            continue
        starts = sum(1 for t in tokens if _is_class_code(t.text))
        if starts > 1 or starts == 0:  # two halves' classes, or parts alone
            return True
    return False


def _is_class_code(text: str) -> bool:
    return len(text) == _CLASS_LENGTH and is_whole_code(text)


def gather_two_sided_rows(
    lines: Sequence[Sequence[Token]], widths: tuple[int, int]
) -> tuple[list[list[Token]], list[AmbiguousCell]]:
    """Each band's tokens (left half, then right half: code, name, figures), and the figures whose
    half the table's sums could not tell (left out of the rows)."""
    bands = [_read_band(band) for band in _bands(lines)]
    uncompleted = _classes_carried(bands)
    moved = True
    while moved:  # a name given its head may then give away the next one's (and each move ends a line)
        moved = any([_give_back_name_heads(above, below) for above, below in pairwise(bands)])
    width = _names_width(bands)
    for above, below in pairwise(bands):
        _share_name_lines(above, below, width)
    unplaced = _settle_lone_figures(bands, widths)
    rows = [[t for half in band.halves if id(half) not in uncompleted for t in half.tokens()] for band in bands]
    unplaced += [cell for band in bands for half in band.halves if id(half) in uncompleted for cell in _unread(half)]
    return [row for row in rows if row], unplaced


def _classes_carried(bands: list[_Band]) -> set[int]:
    """A half whose code prints its 款 part alone (its class code printed elsewhere: a class cell
    merged over its rows, its code set at their middle height) takes its class from the codes of the
    band above, as a table printing each level once is read (``linear_rows.with_levels_carried``):
    the one code of the classification the part completes after them: of the half above on its side
    where both bands print two halves (``99`` left under ``303 11`` / ``302 31``: 30399, 3031199 being
    none), of either half above where the band prints one (its side untold). A half whose part
    completes no such code, or more than one, is not read: returns them (their ids), their figures
    to be reported."""
    uncompleted: set[int] = set()
    for above, band in pairwise(bands):
        sided = len(above.halves) == len(band.halves) == 2
        for side, half in enumerate(band.halves):
            if len(half.code) != 1 or not is_code_part(half.code[0].text):
                continue
            codes = [h.code_text for h in (above.halves[side : side + 1] if sided else above.halves) if h.code]
            completed = [code for code in following_codes(half.code[0].text, codes) if known_names(code)]
            if len(completed) == 1:
                half.code[0] = half.code[0]._replace(text=completed[0])
            else:
                uncompleted.add(id(half))
    return uncompleted


def _unread(half: _Half) -> list[AmbiguousCell]:
    """The figures of a half not read (its code not told): the row as printed."""
    row = " ".join(filter(None, [half.code_text, _joined(half.name)]))
    snippet = words_as_printed(half.tokens())
    return [AmbiguousCell(t.page, t.line, t.text, row, (row,), snippet) for t in half.figures]


def _bands(lines: Sequence[Sequence[Token]]) -> list[list[list[Token]]]:
    bands: list[list[list[Token]]] = []
    classes: set[str] = set()  # the class codes printed so far
    for raw in lines:
        # A dash printed in an empty cell is no word of a name nor a figure: the cell stays empty, as
        # one the extractor left out (``301 13 住房公积金 187.19 302 12 -`` above ``）费用``; ``- 302 99
        # 11.53``, the left half blank).
        tokens = [t for t in strip_header_leftovers(list(raw)) if t.text not in EMPTY_CELL_MARKS]
        if not tokens:
            continue
        parted_above = any(is_code_part(band[0][0].text) for band in bands)
        if parted_above and _merged_class_code(tokens, classes):
            tokens = tokens[1:]  # its rows' class, completed from the rows above (``_classes_carried``)
            if not tokens:
                continue
        classes.update(t.text[:_CLASS_LENGTH] for t in tokens if is_whole_code(t.text))
        if not bands or is_whole_code(tokens[0].text) or is_row_label(tokens[0].text):
            bands.append([])
        elif is_code_part(tokens[0].text) and not _awaits_part(bands[-1][0]):
            bands.append([])  # a row whose class code is printed elsewhere
        bands[-1].append(tokens)
    return bands


def _merged_class_code(tokens: list[Token], classes: set[str]) -> bool:
    """A class code set at the middle height of its cell merged over rows printing their 款 parts
    alone (a band above opening with a part), alone on its line, on a line of another row's name and
    no figure (``303 其他商品和服``, the first line of 30299's name above ``302 99``) or of the other
    half's row (``303 310 03 专用设备购置``): no row of its own. A class's own row prints its code
    once, before its rows (codes ascend): the code was printed above (``classes``), and its words are
    no name of the class's."""
    if not _is_class_code(tokens[0].text) or tokens[0].text not in classes:
        return False
    rest = tokens[1:]
    if not rest or is_whole_code(rest[0].text):  # alone, or the other half's code: its half prints nothing else
        return True
    return all(_name_word(t.text) for t in rest) and not begins_name_of(tokens[0].text, _joined(rest))


def _awaits_part(first: list[Token]) -> bool:
    """Whether a band's first line prints a class code alone, its 款 part printed lower (``301 01 302``
    over ``基本工资 01 办公费``). Where none does, a 款 part opening a later line continues no code of
    the band: it opens a row of its own whose class code the text prints elsewhere (a class cell merged
    over its last row and the empty rows under it, its code set in their middle: ``99 - 302 39 其他交通
    费用 48.49``, 303 printed rows lower). Read in the band above, its words would go to the wrong
    rows (its name's lines to the row above, its right half's code and name after the row above's)."""
    for i, token in enumerate(first):
        if _is_class_code(token.text) and not (i + 1 < len(first) and is_code_part(first[i + 1].text)):
            return True
    return False


def _read_band(lines: list[list[Token]]) -> _Band:
    band = _Band([_Half()], n_lines=len(lines), lines=lines)
    for number, tokens in enumerate(lines):
        _read_line(band, tokens, number)
        if all(_name_word(t.text) for t in tokens):
            for side, half in enumerate(band.halves):
                words = tuple(t for t in tokens if t in half.name)
                if words:
                    band.name_lines.append(_NameLine(number, side, words))
    return band


def _name_word(text: str) -> bool:
    return not is_figure(text) and not is_code_part(text) and not is_whole_code(text)


def _give_back_name_heads(above: _Band, below: _Band) -> bool:
    """A name wrapped over three lines in its cell is centred on its row's line: its first line is
    printed above the code, and reads as the last line of the band above (or as a band of its own
    above the table's first code). The band's last lines of names go to the halves of the band
    below where the classification then names every row concerned (``绩效工资`` + ``机关事业单位``
    above ``301 08 基本养老保险 … / 缴费``: 30107 绩效工资, 30108 机关事业单位基本养老保险缴费), a half
    taking with it a line of the other half's name below (a tail wrapped away from it:
    ``因公出国（境`` above ``302 12``, ``）费用`` below it). Names the classification does not know
    stay as read. Whether any line moved."""
    moved = False
    while above.name_lines and above.name_lines[-1].line == above.n_lines - 1:
        last = [x for x in above.name_lines if x.line == above.n_lines - 1]
        moves = []
        for head in last:
            giver = above.halves[head.side]
            if not _may_give(giver, head.words):
                return moved
            ways = [way for taker in below.halves for way in _takes(below, taker, head.words)]
            if len(ways) != 1:
                return moved
            moves.append((giver, head, *ways[0]))
        tails = [id(tail) for _, _, _, tail in moves if tail is not None]
        if len({id(taker) for _, _, taker, _ in moves}) != len(moves) or len(set(tails)) != len(tails):
            return moved
        for giver, head, taker, tail in moves:
            del giver.name[-len(head.words) :]
            taker.name[:0] = head.words
            if tail is not None:
                del below.halves[tail.side].name[-len(tail.words) :]
                taker.name.extend(tail.words)
                below.name_lines.remove(tail)
            above.name_lines.remove(head)
        above.n_lines -= 1
        moved = True
    return moved


def _share_name_lines(above: _Band, below: _Band, width: int) -> None:
    """The lines of names alone between two code lines (``障缴费`` / ``因公出国（`` between ``301 12 …
    302 11 差旅费 1.20`` and ``301 13 住房公积金 187.19 302 12``), each word given to the row whose
    name it ends above or begins below where the text tells one way only (``name_gaps``: the
    classification, for a band of one half the lines' widths and their placement too); the words
    stay where they were read where it does not. A band of one half under one of two (the left
    half ended: ``302 40`` under ``303 99 … 302 39``) is the half of its class, the other beginning
    no name."""
    if len(above.lines) < 2 or not _coded(above) or not _coded(below):
        return
    gap_lines = above.lines[1:]
    if not all(_name_word(t.text) for line in gap_lines for t in line):
        return
    gap = {t for line in gap_lines for t in line}
    code_line = set(below.lines[0])
    aboves = [_so_far(half, lambda t: t not in gap) for half in above.halves]
    belows = [_so_far(half, lambda t: t in code_line) for half in below.halves]
    words = [t for line in gap_lines for t in line]
    if len(aboves) == len(belows) == 1:
        cuts = cuts_between(aboves[0], [compact(_joined(line)) for line in gap_lines], belows[0], width)
        if len(cuts) != 1:
            return
        ended = sum(len(line) for line in gap_lines[: cuts[0]])
        way = [(0, i < ended) for i in range(len(words))]
        takers = below.halves
    else:
        takers = _beside(above, below)
        if takers is None:
            return
        belows = [NameSoFar("") if half is None else _so_far(half, lambda t: t in code_line) for half in takers]
        way = cut_sides(aboves, [[compact(t.text) for t in line] for line in gap_lines], belows)
        if way is None:
            return
    for half in (*above.halves, *below.halves):
        half.name = [t for t in half.name if t not in gap]
    for side, (giver, taker) in enumerate(zip(above.halves, takers, strict=True)):
        giver.name.extend(t for t, (s, ends) in zip(words, way, strict=True) if (s, ends) == (side, True))
        if taker is not None:
            taker.name[:0] = [t for t, (s, ends) in zip(words, way, strict=True) if (s, ends) == (side, False)]
    above.name_lines = [x for x in above.name_lines if x.line == 0]


def _beside(above: _Band, below: _Band) -> list[_Half | None] | None:
    """The halves of ``below`` side by side with the two of ``above``: its own two, or its one at the
    side of the above half of its class (the other side None); None when its class tells no side."""
    if len(above.halves) != 2:
        return None
    if len(below.halves) == 2:
        return list(below.halves)
    half = below.halves[0]
    sides = [i for i, h in enumerate(above.halves) if h.code_text[:_CLASS_LENGTH] == half.code_text[:_CLASS_LENGTH]]
    if len(sides) != 1:
        return None
    return [half, None] if sides[0] == 0 else [None, half]


def _names_width(bands: list[_Band]) -> int:
    """The widest line of a name alone on its line (display columns): the name cells' width."""
    lines = [line for band in bands for line in band.lines[1:] if len(line) == 1 and _name_word(line[0].text)]
    return max((display_width(line[0].text) for line in lines), default=0)


def _coded(band: _Band) -> bool:
    return len(band.halves) <= 2 and all(half.code for half in band.halves)


def _so_far(half: _Half, kept: Callable[[Token], bool]) -> NameSoFar:
    """A half's code and the lines of its name that ``kept`` keeps, one compact text per line, with
    how many of them print above its code (a centred name prints as many below)."""
    words = [t for t in half.name if kept(t)]
    lines = tuple(compact("".join(t.text for t in group)) for _, group in groupby(words, attrgetter("page", "line")))
    code_at = (half.code[0].page or 0, half.code[0].line) if half.code else None
    head = len({(t.page, t.line) for t in words if code_at is not None and (t.page or 0, t.line) < code_at})
    return NameSoFar(half.code_text, lines, head)


def _may_give(giver: _Half, words: tuple[Token, ...]) -> bool:
    """Whether a half may give away ``words``, its name's last: its name read so is none of its
    code's, without them it is, or ends one (its own first line still in the band above); a half
    with no code gives its whole name (a name above the table's first code), or what follows its
    label (a total's row: ``人员经费合计 2,152.26 公用经费合计 184.65`` over ``商品和服务支``, the
    first line of 302's name, centred on its code's line below)."""
    if tuple(giver.name[-len(words) :]) != words:
        return False
    kept = giver.name[: -len(words)]
    if not giver.code:
        return not kept or is_row_label(_joined(kept))
    names = known_names(giver.code_text)
    rest = _joined(kept)
    return bool(rest) and _joined(giver.name) not in names and any(name.endswith(rest) for name in names)


def _takes(band: _Band, taker: _Half, head: tuple[Token, ...]) -> list[tuple[_Half, _NameLine | None]]:
    """How ``taker`` may take ``head`` as its name's first line: alone, or with a line of the other
    half's name after its own (a tail wrapped away from it); each way making its name its code's."""
    names = known_names(taker.code_text)
    if not names or _joined(taker.name) in names:
        return []
    ways: list[tuple[_Half, _NameLine | None]] = []
    if _joined([*head, *taker.name]) in names:
        ways.append((taker, None))
    for tail in band.name_lines:
        owner = band.halves[tail.side]
        if owner is not taker and _may_give(owner, tail.words) and _joined([*head, *taker.name, *tail.words]) in names:
            ways.append((taker, tail))
    return ways


def _joined(words: Sequence[Token]) -> str:
    return compact("".join(t.text for t in words))


def _read_line(band: _Band, tokens: list[Token], number: int) -> None:
    """One line's words into the band's halves; the band's first line (``number`` 0) opens them."""
    halves = band.halves
    if number > 0 and all(is_figure(t.text) and not is_code_part(t.text) for t in tokens):
        if len(halves) == 1:
            halves[0].figures.extend(tokens)
        elif len(tokens) == len(halves):
            for half, token in zip(halves, tokens, strict=True):
                half.figures.append(token)
        else:
            band.lone.extend(tokens)
        return
    side: int | None = None  # the half this line's words go to, once known
    printed: str | None = None  # what the line last printed in that half: "code", "name" or "figure"
    previous = ""
    # Two words of name alone on a line of a two-half band, not two characters of one name set
    # apart: a line of each half's name, left first (``代缴社会保险 公务用车运行``, ``费 维护费``).
    one_each = (
        len(halves) == 2
        and len(tokens) == 2
        and all(_name_word(t.text) for t in tokens)
        and any(_word(t.text) for t in tokens)
    )
    for token in tokens:
        text = token.text
        if number == 0 and is_whole_code(text):
            side = 0 if side is None and not halves[0].code else _next_half(halves, number)
            halves[side].code.append(token)
            printed = "code"
        elif is_code_part(text) and any(len(h.code_text) < 7 for h in halves):
            if side is None:  # a 款 part opening the line: the half whose code it continues
                side = _continued_by(halves, text)
            elif printed in ("name", "figure") or number > 0:
                side = _next_half(halves, number, side)  # after a half's name, figure or 款: the next half's
            halves[side].code.append(token)
            printed = "code"
        elif is_figure(text):
            side = 0 if side is None else side
            halves[side].figures.append(token)
            printed = "figure"
        else:
            if side is None:
                side = 0 if one_each or not halves[0].name else _wrapped(halves)
            elif printed == "figure" or (printed == "name" and (one_each or (_word(text) and _word(previous)))):
                side = _next_half(halves, number, side)  # a name after a figure, or a second word
            halves[side].add_name(token, number)
            printed = "name"
        previous = text


def _continued_by(halves: list[_Half], part: str) -> int:
    """The half a 款 part opening a line belongs to: of the halves printing a class code, the one
    the part makes a code of the classification (303 + 15 is none, 302 + 15 is 会议费), else the first."""
    open_halves = [i for i, h in enumerate(halves) if len(h.code_text) == _CLASS_LENGTH]
    known = [i for i in open_halves if known_names(halves[i].code_text + part)]
    if len(known) == 1:
        return known[0]
    return open_halves[0] if open_halves else len(halves) - 1


def _next_half(halves: list[_Half], number: int, side: int | None = None) -> int:
    """The half after ``side`` (the right one), opened on the band's first line when needed."""
    if number == 0 and len(halves) == 1:
        halves.append(_Half())
    return len(halves) - 1 if side is None else min(side + 1, len(halves) - 1)


def _word(text: str) -> bool:
    """A word of a name (names are set character by character in some tables: 因 公 出 国)."""
    return len(text) > 1


def _wrapped(halves: list[_Half]) -> int:
    """The half whose name began on the highest line (a wrapped name goes on below its start)."""
    started = [(h.name_line, i) for i, h in enumerate(halves) if h.name_line is not None]
    return min(started)[1] if started else 0


def _settle_lone_figures(bands: list[_Band], widths: tuple[int, int]) -> list[AmbiguousCell]:
    """Give each lone figure the half that keeps every 类 the sum of its 款; report the others."""
    lone = [(band, token) for band in bands for token in band.lone if len(band.halves) == 2]
    if not lone:
        return []
    halves = [half for band in bands for half in band.halves]
    index = {id(half): i for i, half in enumerate(halves)}
    sides = {id(half): side for band in bands for side, half in enumerate(band.halves)}
    slots = [
        Slot(
            half.code_text or "".join(t.text for t in half.name),
            _values(half.figures),
            widths[sides[id(half)]] if len(band.halves) == 2 else max(widths),
        )
        for band in bands
        for half in band.halves
    ]
    candidates = [
        (parse_decimal(token.text) or Decimal(0), (index[id(band.halves[0])], index[id(band.halves[1])]))
        for band, token in lone
    ]
    unplaced: list[AmbiguousCell] = []
    for (band, token), possible in zip(lone, possible_slots(slots, candidates), strict=True):
        if len(possible) == 1:
            halves[possible.pop()].figures.append(token)
        else:
            unplaced.append(_unplaced(band, token))
    return unplaced


def _values(figures: list[Token]) -> tuple[Decimal, ...]:
    return tuple(value for value in (parse_decimal(t.text) for t in figures) if value is not None)


def _unplaced(band: _Band, token: Token) -> AmbiguousCell:
    rows = [" ".join(filter(None, [h.code_text, "".join(t.text for t in h.name)])) for h in band.halves]
    snippet = " / ".join(words_as_printed(h.tokens()) for h in band.halves)
    return AmbiguousCell(
        page=token.page,
        line=token.line,
        figure=token.text,
        row=" | ".join(rows),
        candidates=tuple(rows),
        snippet=f"{snippet} {token.text}",
    )
