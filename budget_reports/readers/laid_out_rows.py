"""Rows of a table in laid-out text (``pdftotext -layout``), where a row's cells sit on several lines.

A layout keeps each word where the page prints it, so a row whose name wraps is written over
several lines, and its figures (centred on the row) may sit on a line of their own above its
code and name. The lines of one row are found around its anchor, the line starting with its
code or label (``201 06 01``, ``一、…``, ``合计``):

- the lines between two blank lines holding one anchor are its row: pdftotext prints a row's code
  and figures at the vertical centre of its cells, so a name wrapped over two or three lines has
  its first line above the anchor, its last below, or the anchor first or last; two sides' labels
  wrapped over more or fewer lines start on different lines, still one row where they stand in
  different columns (``二、政府性基`` over ``金预算`` beside ``二、外交支出``);
- where rows follow each other with no blank line, a line of figures and no label belongs to the
  next anchor (the figures print above the label), a line continuing a name (no code of its own)
  to the anchor above it; unless, in a coded table, one other sharing of the name lines between
  two codes reads more rows as their codes' names (``_rows_by_names``: a name centred on its code,
  or printed above it);
- a blank line ends a row; in a table without codes, a line of several figures alone before a
  blank line is a row without label (the 三公 table prints one);
- a table printing each level of its codes once (``05 行政事业单位养老支出`` under ``208 社会保障…``)
  has rows opening with a bare part: each completes its code from the levels above it
  (``with_levels_carried``), a class's code printed at its merged cell's middle height (beside a
  lower row's part) going back to the line of its name and figures, kept as a row without code.

The first row's name may start above its code, right under the header: the header's last lines
that run into it are given back to it (``first_row_lines_in_header``).

The words of a row are then put back in reading order by their position on the line, measured in
display columns (a Chinese character is two wide): each side of the table starts at a code or
label of the anchor line; within a side come the code, the name (line by line) and the figures,
left to right. The rows come out as the token lists a one-row-per-line text gives, so the same
placement by the table's arithmetic follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise, takewhile
from operator import itemgetter

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact, display_width
from budget_reports.readers.block_words import is_code_part, is_whole_code
from budget_reports.readers.code_names import begins_name_of, known_names
from budget_reports.readers.disjoint_sets import DisjointSets
from budget_reports.readers.linear_rows import (
    BARE_TOTALS,
    EMPTY_CELL_MARKS,
    HEADER_LEFTOVERS,
    Token,
    is_figure,
    is_numbered,
    is_row_label,
    new_token,
    with_levels_carried,
)

_WORD = re.compile(r"\S+")
# A sub-item numbered in Arabic digits (``1.一般公共预算``, ``2、政府性基金预算``, ``3．…``): a label of
# its own row in an overview, as 一、… is (never a figure: no digit follows the mark).
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.．、](?!\d)")
# Columns right of a code's end where its next part, printed on the line below, may start.
_PART_REACH = 6
# Blank columns at least between two cells of a line (a cell's words are a space apart).
_CELL_GAP = 4
# Lines a name wrapped under its row's code line may print below it.
_WRAPPED_NAME_LINES = 2
# Lines a class's code merged down over its side's empty cells may be printed below its row's line.
_MERGED_ROWS_LINES = 12
# Columns between the spans of two words of one header cell (centred lines of unequal length).
CENTRED_SLACK = 2


Measure = Callable[[str], int]


def positioned(text: str, page: int | None, line: int, measure: Measure = len) -> list[tuple[int, Token]]:
    """The line's words with the column each starts at."""
    # Plain loops: a comprehension binding the column through a one-item tuple is slower, and this
    # runs for every line of every laid-out table.
    words: list[tuple[int, Token]] = []
    if measure is len:  # one column per character: where the word starts (no prefix to measure)
        for m in _WORD.finditer(text):
            x = m.start()
            words.append((x, new_token(Token, (m.group(), page, line, x))))
        return words
    for m in _WORD.finditer(text):
        x = measure(text[: m.start()])
        words.append((x, new_token(Token, (m.group(), page, line, x))))
    return words


def word_starts(text: str, measure: Measure = len) -> list[tuple[int, str]]:
    """The line's words with the column each starts at (``positioned`` without making tokens)."""
    if measure is len:
        return [(m.start(), m.group()) for m in _WORD.finditer(text)]
    return [(measure(text[: m.start()]), m.group()) for m in _WORD.finditer(text)]


def column_measure(texts: Sequence[str], coded: bool) -> Measure:
    """How the text counts columns: one per character (``pdftotext -layout``: its grid has a cell per
    character) or by display width (a Chinese character two wide, as a terminal or editor aligns).
    The measure under which the sides of the rows start at the fewest distinct columns wins."""
    by_character: set[int] = set()
    by_width: set[int] = set()
    for text in texts:
        first = _WORD.search(text)  # the first word alone tells whether the line opens a side
        if first is None or not _starts_side(first.group(), coded):
            continue
        # Where the sides after the first start (left to right), under both measures (a display
        # column: the width before it).
        labels = [m.start() for m in _WORD.finditer(text, first.end()) if _starts_side(m.group(), coded)]
        by_character.update(labels)
        by_width.update(display_width(text[:x]) for x in labels)
    if by_character and len(by_character) == len(by_width):
        # As many either way (a total's label set right after its figures on one line): the wrapped
        # labels' last pieces, each side's set where its labels start, tell.
        pieces = _pieces_after_a_cell_gap(texts)
        by_character.update(x for _, x in pieces)
        by_width.update(display_width(text[:x]) for text, x in pieces)
    if len(by_character) == len(by_width):  # one side (or none): the figures' columns tell instead
        return _figure_measure(texts)
    return len if len(by_character) < len(by_width) else display_width


def _pieces_after_a_cell_gap(texts: Sequence[str]) -> list[tuple[str, int]]:
    """Each line of two name pieces alone (no figure, no label opened) a cell's gap apart, with where
    the second starts (in characters): a two-sided row's labels' last pieces (``政拨款`` … ``出``)."""
    out: list[tuple[str, int]] = []
    for text in texts:
        words = list(_WORD.finditer(text))
        if len(words) != 2 or any(is_figure(m.group()) or _starts_side(m.group(), False) for m in words):
            continue
        if words[1].start() - words[0].end() >= _CELL_GAP:
            out.append((text, words[1].start()))
    return out


def _figure_measure(texts: Sequence[str]) -> Measure:
    """The measure under which the figures printed after Chinese text on their line line up with the
    others: they start or end at the fewest distinct columns (cells are aligned to one edge)."""
    by_character: set[tuple[str, int]] = set()
    by_width: set[tuple[str, int]] = set()
    for text in texts:
        if text.isascii():
            continue  # both measures agree on it
        # The display width of the text before each word, measured piece by piece as the words come
        # (``display_width``: a character plus half its UTF-8 bytes beyond the first, rounded down).
        measured, extra = 0, 0
        for m in _WORD.finditer(text):
            if is_figure(m.group()):
                x, size = m.start(), len(m.group())
                piece = text[measured:x]
                if not piece.isascii():
                    extra += len(piece.encode("utf-8")) - len(piece)
                measured = x
                width = x + extra // 2
                by_character.add(("start", x))
                by_character.add(("end", x + size))
                by_width.add(("start", width))
                by_width.add(("end", width + size))
    return len if len(by_character) <= len(by_width) else display_width


def gather_laid_out_rows(
    lines: Sequence[tuple[str, int | None, int]],
    coded: bool,
    measure: Measure | None = None,
    unsure: list[AmbiguousCell] | None = None,
) -> list[list[Token]]:
    """The tokens of each row, in reading order, each with the column it starts at; ``lines`` are
    (text, page, line), blank lines kept; ``measure`` as ``column_measure`` chooses unless given.
    A coded table printing each level once (``05 行政事业单位养老支出`` under ``208 社会保障…``) has its
    parts completed from the codes above (``with_levels_carried``), the figures of a side whose part
    completes no single code added to ``unsure``."""
    if measure is None:
        measure = column_measure([text for text, _, _ in lines], coded)
    rows: list[list[Token]] = []
    above: list[list[tuple[int, Token]]] = []  # figure lines waiting for their anchor
    current: list[list[tuple[int, Token]]] | None = None  # the lines of the row being read
    anchor_at: tuple[int, ...] = (0,)  # indexes in ``current`` of the anchor lines

    def close() -> None:
        nonlocal current
        if current is not None:
            rows.append(_reading_order(current, anchor_at, coded))
        current = None

    worded = [_words(text, page, number, measure) for text, page, number in lines]
    if coded:
        _parts_moved_up_to_their_codes(worded)  # first: a part under its code opens no row
        _codes_merged_down_to_their_rows(worded)
    taken = 0  # lines before this one read as a row of their own group
    # The lines of the last row of figures alone (no label), and its index among the rows.
    figures_alone: list[list[tuple[int, Token]]] = []
    alone_at = -1
    for k, ((text, _, _), words) in enumerate(zip(lines, worded, strict=True)):
        if k < taken or words == []:
            continue  # a line of dashes only: the row goes on
        if words is not None and current is None and not above and (k == 0 or worded[k - 1] is None):
            group = _one_row_group(worded, k, coded)
            if group is not None:
                # A row between blank lines: every line of the group is its row's, whether its
                # anchor is printed first, in the middle (centred on a wrapped name) or last.
                current, anchor_at, size = group
                taken = k + size
                close()
                continue
            labelled = _row_of_wrapped_labels(worded, k, coded)
            if labelled is not None:
                # A row whose labels only read as labels once their wrapped pieces are joined.
                rows.append(labelled[0])
                taken = k + labelled[1]
                continue
            named = _rows_by_names(worded, k, coded)
            if named is not None:
                # Rows with no blank line between them, their wrapped names' lines shared out as
                # the codes' names read.
                rows += [_reading_order(row, (at,), coded) for row, at in named[0]]
                taken = k + named[1]
                continue
            by_columns = None if coded else _rows_by_label_columns(worded, k)
            if by_columns is not None:
                # Two sides' rows with no blank line between them, labels wrapped over several
                # lines: each side's labels and figures read down its own columns.
                rows += by_columns[0]
                taken = k + by_columns[1]
                continue
        if words is None:
            close()
            if not text.strip() and not coded and _row_of_figures(above):
                rows.append(_reading_order(above, (0,), coded))  # a row of figures alone (no label)
                figures_alone, alone_at, above = above, len(rows) - 1, []
                continue
            if not text.strip() and alone_at == len(rows) - 1 and _set_lower(above):
                figures_alone = [*figures_alone, *above]
                rows[-1] = _reading_order(figures_alone, (0,), coded)
            elif not text.strip() and coded and _named_row_without_code(above):
                rows.append(_reading_order(above, (0,), coded, name_opens=True))  # its code printed apart
            above = [] if not text.strip() else above
            continue
        if _is_anchor(words, coded):
            close()
            current = [*above, words]
            anchor_at = (len(above),)
            above = []
        elif _figures_only(words):
            close()
            above.append(words)
        elif current is not None:
            current.append(words)  # a wrapped name (or code parts) under its anchor
        else:
            above.append(words)
    close()
    if above and alone_at == len(rows) - 1 and _set_lower(above):
        rows[-1] = _reading_order([*figures_alone, *above], (0,), coded)
    elif above:
        rows.append(_reading_order(above, (0,), coded))
    return with_levels_carried(rows, unsure) if coded else rows


def _codes_merged_down_to_their_rows(worded: list[list[tuple[int, Token]] | None]) -> None:
    """A class's code cell merged down over the empty cells below its row (its side of the next
    rows printing nothing) is printed at the merged cell's vertical centre: under its row, on a line
    of its own or on the next row's line (alone on its side there, the other side's row beside it),
    while its row's line opens with the next level's part right of it (`` 99 其他…`` over ``303``).
    The code is moved up to its row's line (kept where it stands on the page), which then opens
    with its code as a row does. A code alone on its side is no row of its own (a class's row prints
    its name): not where the line below goes on a name (a code centred between its own wrapped
    name's lines)."""
    for k in range(1, len(worded)):
        words = worded[k]
        if not words or not is_whole_code(words[0][1].text):
            continue
        (x, code), rest = words[0], words[1:]
        below = worded[k + 1] if k + 1 < len(worded) else None
        side_x = _next_side_start(below, x)
        beside = rest and side_x is not None and side_x <= rest[0][0]  # the other side's wrapped name
        if rest and not (_starts_side(rest[0][1].text, True) or beside):
            continue  # its side prints more than the code: a row of its own
        if below and not _is_anchor(below, coded=True):
            continue
        up = _row_line_above(worded, k, side_x if beside else None)
        above = worded[up] if up is not None else None
        if up is None or not above:
            continue
        first_x, first = above[0]
        same_side = not rest or first_x < rest[0][0]
        if is_code_part(first.text) and x < first_x and same_side:
            worded[up] = [(x, code), *above]
            worded[k] = rest


def _next_side_start(below: list[tuple[int, Token]] | None, code_x: int) -> int | None:
    """Where the line below opens a side right of a code at ``code_x`` (its code's column), if it does."""
    return min((x for x, token in below or () if x > code_x and _starts_side(token.text, True)), default=None)


def _parts_moved_up_to_their_codes(worded: list[list[tuple[int, Token]] | None]) -> None:
    """A code whose parts and name are printed on the line below it (``301 08 机关… 302`` over
    ``06 电费``: the right side's name cell centred lower than its code cells) is one code: the part
    is moved up beside its code (kept where it stands on the page), so that the line below does not
    read as a row printing its levels once (``with_levels_carried``). Only a part standing just right
    of a code that ends its side without a name (no part or name after it), the code it spells one
    whose name begins with the part's name in the classification."""
    for k in range(1, len(worded)):
        words, above = worded[k], worded[k - 1]
        if not words or not above or not _part_opens_side(words, 0):
            continue
        part_x, part = words[0]
        code = _dangling_code_before(above, part_x)
        if code is not None and begins_name_of(code + part.text, compact(_name_of([words[1:]]))):
            worded[k - 1] = sorted([*above, words[0]], key=itemgetter(0))
            worded[k] = words[1:]


def _dangling_code_before(words: list[tuple[int, Token]], part_x: int) -> str | None:
    """The code of the line ending its side just left of ``part_x`` with nothing after it on its
    side (the line's last word, or one a figure or the next side's code follows), if any."""
    for k, (x, token) in enumerate(words):
        if not is_whole_code(token.text) or not x < part_x <= x + len(token.text) + _PART_REACH:
            continue
        after = words[k + 1][1].text if k + 1 < len(words) else None
        if after is None or is_figure(after) or _starts_side(after, True):
            return token.text
    return None


def _row_line_above(worded: Sequence[list[tuple[int, Token]] | None], k: int, side_x: int | None) -> int | None:
    """The line above line ``k`` that prints its row's code: the one before it, or the one before
    a blank line before it (the next row's line), past the last lines of a name wrapped around it
    (``其他对个人和`` / ``99 -`` / ``家庭的补助``); None where there is none. With ``side_x`` (where
    the other side starts), the lines above printing words on the other side only are passed over
    too: rows the merged cell stands beside, its side of them empty (``302 40 税金及附加费用``)."""
    up = k - 1
    if side_x is not None:
        while up >= 1 and k - up < _MERGED_ROWS_LINES and all(x >= side_x for x, _ in worded[up] or ()):
            up -= 1
    elif worded[up] is None and up >= 1:
        up -= 1
    for _ in range(_WRAPPED_NAME_LINES):
        if up < 1 or not worded[up] or not _name_words_only(worded[up]) or not worded[up - 1]:
            break
        up -= 1
    return up if up >= 0 and worded[up] else None


def _name_words_only(words: list[tuple[int, Token]]) -> bool:
    """A line printing name words only: no code or part, no figure (a wrapped name's piece)."""
    return all(not _is_code_word(token.text) and not is_figure(token.text) for _, token in words)


def _words(text: str, page: int | None, line: int, measure: Measure) -> list[tuple[int, Token]] | None:
    """The words of a row's line; None for a line that ends a row (blank, or header leftovers
    alone), empty for a line of dashes only (empty cells: the row goes on)."""
    words = _without_header_leftovers(positioned(text, page, line, measure))
    if not words:
        return None
    # Dashes printed for empty cells are no words of the row (a two-sided row's empty left half
    # opens its line with one): its anchor is the code or label after them.
    return [word for word in words if word[1].text not in EMPTY_CELL_MARKS]


def _group(worded: Sequence[list[tuple[int, Token]] | None], first: int) -> tuple[list[list[tuple[int, Token]]], int]:
    """The lines printing words from ``first`` to the next line ending a row, and how many lines
    that spans (lines of dashes only included)."""
    size = next((k for k, words in enumerate(worded[first:]) if words is None), len(worded) - first)
    return [words for words in worded[first : first + size] if words], size


def _one_row_group(
    worded: Sequence[list[tuple[int, Token]] | None], first: int, coded: bool
) -> tuple[list[list[tuple[int, Token]]], tuple[int, ...], int] | None:
    """The lines from ``first`` to the next line ending a row (those printing words), the indexes
    of its anchor lines among them and how many lines the group spans, when they are one row's
    (``_one_row``); else None."""
    lines, size = _group(worded, first)
    anchors = tuple(i for i, words in enumerate(lines) if _opens_sides(words, coded))
    if len(lines) < 2 or not _one_row(lines, anchors, coded):
        return None
    return lines, anchors, size


def _row_of_wrapped_labels(
    worded: Sequence[list[tuple[int, Token]] | None], first: int, coded: bool
) -> tuple[list[Token], int] | None:
    """The row printed from ``first`` to the next line ending a row, where no line opens a side
    but each side's label, its wrapped pieces read down its column and joined, is a row's label
    (``人员经费合`` / ``2,152.26`` / ``计`` beside ``公用经费合`` / ``184.65`` / ``计``: a total cut
    by a narrow cell), and how many lines it spans. pdftotext prints the figures at the middle
    height of the cells, between the pieces. The row's tokens: per side, its label whole (at the
    first piece's place) and then its figures left to right. None where the lines do not read so
    (a line opening a side, a word left of every side, a side's pieces not making a label or its
    figures over two lines)."""
    lines, size = _group(worded, first)
    if len(lines) < 2 or any(_opens_sides(words, coded) for words in lines):
        return None
    head = lines[0]
    if any(is_figure(token.text) for _, token in head):
        return None
    starts = [x for x, _ in head]
    names: list[list[Token]] = [[] for _ in starts]
    figures: list[list[tuple[int, Token]]] = [[] for _ in starts]
    for words in lines:
        by_side = _words_by_side(words, starts)
        if by_side is None:
            return None
        for side, side_words in enumerate(by_side):
            for x, token in side_words:
                if is_figure(token.text):
                    figures[side].append((x, token))
                else:
                    names[side].append(token)
    row: list[Token] = []
    for side_names, side_figures in zip(names, figures, strict=True):
        label = "".join(token.text for token in side_names)
        if not _starts_side(label, coded) or len({token.line for _, token in side_figures}) > 1:
            return None
        first_piece = side_names[0]
        row.append(first_piece._replace(text=label))
        row += [token for _, token in sorted(side_figures, key=itemgetter(0))]
    return row, size


def _rows_by_names(
    worded: Sequence[list[tuple[int, Token]] | None], first: int, coded: bool
) -> tuple[list[tuple[list[list[tuple[int, Token]]], int]], int] | None:
    """The rows of a coded table's lines from ``first`` to the next line ending a row, printed with
    no blank line between them, each as its lines and its anchor's index among them, and how many
    lines the group spans; None where the codes' names tell nothing more than reading each name's
    lines as its code's and those below it (as line by line).

    Centred on its wrapped name, a row's code has name lines above and below it: the lines between
    two codes are the upper row's last and the lower row's first, in a proportion the text does not
    keep. Of the ways to share them out, the one under which more rows read as their codes' names
    in the classification (``code_names``) is taken, when it is the only such way; lines before the
    first code are its row's, after the last its row's, figures alone on a line the next code's."""
    lines, size = _group(worded, first)
    anchors = [i for i, words in enumerate(lines) if _is_anchor(words, coded)]
    if not coded or len(anchors) < 2:
        return None
    gaps = [lines[a + 1 : b] for a, b in pairwise(anchors)]
    named = [[line for line in gap if not _figures_only(line)] for gap in gaps]
    if not any(named):
        return None
    shares = _shares(
        [_code_of(lines[a]) for a in anchors],
        [_name_of([lines[a]]) for a in anchors],
        [[_name_of([line]) for line in gap] for gap in named],
        _name_of(lines[: anchors[0]]),
        _name_of(lines[anchors[-1] + 1 :]),
    )
    if shares is None or shares == [len(gap) for gap in named]:
        return None  # as line by line: each name's lines at and below its code
    rows: list[tuple[list[list[tuple[int, Token]]], int]] = []
    for r, a in enumerate(anchors):
        if r == 0:
            above = lines[:a]
        else:  # the gap's figure lines and its last name lines
            above = [*(line for line in gaps[r - 1] if _figures_only(line)), *named[r - 1][shares[r - 1] :]]
        below = named[r][: shares[r]] if r < len(named) else lines[a + 1 :]
        rows.append(([*above, lines[a], *below], len(above)))
    return rows, size


def _rows_by_label_columns(
    worded: Sequence[list[tuple[int, Token]] | None], first: int
) -> tuple[list[list[Token]], int] | None:
    """The rows of a table without codes printing two or more sides, from ``first`` to the next
    line ending a row, where rows follow each other with no blank line and labels wrap: each
    side read down its own columns, and how many lines that spans. pdftotext prints a row's
    figures at the middle height of its cells, so one side's wrapped label may start a line above
    the other side's, its figures between its pieces (``三、城乡社区`` / ``33775592`` / ``支出`` beside
    ``三、国有资本`` / ``经营预算``). Per side, a numbered or total label opens a label, any other
    name piece continues it; a line of the side's figures is the label's whose lines it stands
    among, or, where that label has its figures, the next label's (figures printed above their
    label). The sides' labels are paired into rows in order. None where the lines do not read so:
    a word left of every side, a piece before any label, a label taking two lines of figures."""
    lines, size = _group(worded, first)
    if sum(1 for words in lines if any(is_figure(t.text) for _, t in words)) < 2:
        return None
    starts = _label_columns(lines)
    if len(starts) < 2:
        return None
    labels: list[list[list[Token]]] = [[] for _ in starts]  # per side: each label's name words
    opened: list[list[int]] = [[] for _ in starts]  # per side: the line each label opens on
    figure_lines: list[list[tuple[int, list[Token]]]] = [[] for _ in starts]  # per side: (line, figures)
    for order, words in enumerate(lines):
        by_side = _words_by_side(words, starts)
        if by_side is None:
            return None
        for side, side_words in enumerate(by_side):
            tokens = [token for _, token in side_words]
            names = list(takewhile(lambda t: not is_figure(t.text), tokens))
            figures = tokens[len(names) :]
            if any(not is_figure(t.text) for t in figures):
                return None  # a name after figures on one side: not a side's cells as read here
            if names:
                side_labels = labels[side]
                continues = side_labels and (
                    not _starts_side(names[0].text, False) or _ends_label(side_labels[-1][0].text, names[0].text)
                )
                if continues:
                    side_labels[-1] += names
                elif _starts_side(names[0].text, False):
                    side_labels.append(list(names))
                    opened[side].append(order)
                else:
                    return None  # a piece before any label of its side
            if figures:
                figure_lines[side].append((order, figures))
    rows_per_side: list[list[list[Token]]] = []
    for side in range(len(starts)):
        owned = _figures_by_label(opened[side], figure_lines[side])
        if owned is None:
            return None
        rows_per_side.append([names + owned.get(k, []) for k, names in enumerate(labels[side])])
    rows = [
        [token for side_rows in rows_per_side if r < len(side_rows) for token in side_rows[r]]
        for r in range(max(map(len, rows_per_side)))
    ]
    return rows, size


def _words_by_side(words: list[tuple[int, Token]], starts: list[int]) -> list[list[tuple[int, Token]]] | None:
    """The line's words under each side starting at ``starts`` (a word a column or two left of a
    side's start is that side's: centred pieces); None where a word stands left of every side."""
    by_side: list[list[tuple[int, Token]]] = [[] for _ in starts]
    for x, token in words:
        side = bisect_right(starts, x + CENTRED_SLACK) - 1
        if side < 0:
            return None
        by_side[side].append((x, token))
    return by_side


def _label_columns(lines: Sequence[list[tuple[int, Token]]]) -> list[int]:
    """The columns where the lines' labels (numbered or totals) start, one per side: starts a
    column or two apart (centred pieces) are one side's."""
    xs = sorted({x for words in lines for x, token in words if _starts_side(token.text, False)})
    columns: list[int] = []
    for x in xs:
        if not columns or x - columns[-1] > CENTRED_SLACK:
            columns.append(x)
    return columns


def _figures_by_label(opened: list[int], figure_lines: list[tuple[int, list[Token]]]) -> dict[int, list[Token]] | None:
    """Each of a side's labels (by the line each opens on) with its line of figures: the label open
    at the figures' line, or where it has its figures, the next one; None where one label would take
    two lines of figures, or figures stand before any label and after the last."""
    owned: dict[int, list[Token]] = {}
    for order, figures in figure_lines:
        label = bisect_right(opened, order) - 1
        if label < 0 or label in owned:
            label += 1
        if label >= len(opened) or label in owned:
            return None
        owned[label] = figures
    return owned


def _shares(codes: list[str], names: list[str], gaps: list[list[str]], head: str, tail: str) -> list[int] | None:
    """How many of each gap's name lines go up to the row above it, the one way under which most
    rows read as their codes' names (``code``: its anchor's code, ``names``: the name words on its
    line); None where several ways do."""
    last = len(codes) - 1

    def reads(row: int, above: str, below: str) -> int:
        return int(compact(above + names[row] + below) in known_names(codes[row]))

    # Per row, per share of the gap below it: (score, ways reaching it, share of the gap above).
    layers: list[dict[int, tuple[int, int, int]]] = []
    for row in range(last + 1):
        layer: dict[int, tuple[int, int, int]] = {}
        for up in range(len(gaps[row]) + 1) if row < last else (0,):
            below = "".join(gaps[row][:up]) if row < last else tail
            if row == 0:
                layer[up] = (reads(0, head, below), 1, 0)
                continue
            options = [
                (score + reads(row, "".join(gaps[row - 1][prev:]), below), ways, prev)
                for prev, (score, ways, _) in layers[-1].items()
            ]
            top = max(score for score, _, _ in options)
            ways = sum(w for score, w, _ in options if score == top)
            layer[up] = (top, ways, next(prev for score, _, prev in options if score == top))
        layers.append(layer)
    _, ways, prev = layers[-1][0]
    if ways != 1:
        return None
    shares = []
    for row in range(last - 1, -1, -1):
        shares.append(prev)
        prev = layers[row][prev][2]
    return shares[::-1]


def _figures_only(words: list[tuple[int, Token]]) -> bool:
    return all(is_figure(t.text) and not is_code_part(t.text) for _, t in words)


def _code_of(words: list[tuple[int, Token]]) -> str:
    """The code a line opens with, its parts joined (``201 06 01`` → ``2010601``)."""
    code = ""
    for _, token in words:
        if not _is_code_word(token.text):
            break
        code += token.text
    return code


def _name_of(lines: Sequence[list[tuple[int, Token]]]) -> str:
    """The name words of the lines (no code part, no figure), joined."""
    return "".join(t.text for words in lines for _, t in words if not _is_code_word(t.text) and not is_figure(t.text))


def _one_row(lines: list[list[tuple[int, Token]]], anchors: tuple[int, ...], coded: bool) -> bool:
    """Whether lines between blank lines holding these anchor lines are one row. pdftotext prints a
    row's code and figures at the middle of its cells, its wrapped name's first line above them and
    its last below, so one anchor makes one row, printed first, in the middle or last. Labels of two
    sides wrapped over more or fewer lines start on different lines (``二、政府性基`` over ``金预算``
    beside ``二、外交支出``): still one row where each anchor line's labels stand clear of every
    other's (different sides) and are labels, not codes (a code is never wrapped: two codes on two
    lines are two rows)."""
    if len(anchors) == 1:
        return True
    if len(anchors) == 0:
        return False
    spans = []
    for order in anchors:
        for x, token in lines[order]:
            if _starts_side(token.text, coded):
                if coded and is_whole_code(token.text):
                    return False
                spans.append((order, x, x + len(token.text), token.text))
    return all(
        start >= other_end or other_start >= end or _ends_label(other, text)
        for k, (line, start, end, text) in enumerate(spans)
        for other_line, other_start, other_end, other in spans[:k]
        if other_line != line
    )


def _ends_label(first: str, below: str) -> bool:
    """Whether ``below``, under the label ``first``, is its wrapped last piece: a bare total under a
    label that is neither numbered nor a total (``本年收入`` over ``合计``), not a row of its own."""
    return below in BARE_TOTALS and not is_numbered(first) and not is_total(first)


def spacing_lines(texts: Sequence[str]) -> list[str]:
    """The lines whose spacing tells how the text was written (laid out, or one row per line): not
    a lone word at the line's start, as every extractor writes a wrapped name's piece (``拨款收入``)."""
    return [text for text in texts if text[:1].isspace() or len(text.split(maxsplit=1)) > 1]  # not every word


def first_row_lines_in_header(
    header: Sequence[tuple[str, int]], first: tuple[str, int], same_header: Callable[[list[str]], bool]
) -> int:
    """How many of the header's last lines (text, line number) are the first row's: its wrapped
    name's lines that pdftotext prints above the row's code (centred on the name), taken for header
    lines. The row's line (``first``: text, line number) opens with its code or label; they run
    into it with no blank line, print words in a name's cell (``_name_cells``: right of where a
    code or label ends, not a header's 类 款 项 over the codes; left of its side's first figure,
    not a money column's header) that are no figure or label, and the header names its columns the
    same without them."""
    row = positioned(first[0], None, first[1])
    if not row or not _is_anchor(row, coded=True):
        return 0  # a row of figures alone (no label): no name above it
    cells = _name_cells(row)
    count = 0
    for text, number in reversed(header[1:]):  # the header keeps its first line
        words = positioned(text, None, number)
        if number != first[1] - count - 1 or not words or _is_anchor(words, coded=True):
            break
        if any(is_figure(t.text) or not any(start <= x < end for start, end in cells) for x, t in words):
            break
        count += 1
    while count and not same_header([text for text, _ in header[:-count]]):
        count -= 1
    return count


def _name_cells(row: list[tuple[int, Token]]) -> list[tuple[int, int]]:
    """The spans of a row's line where its sides' names stand: from the end of each code or label
    to the side's first figure after it (not a code's part), the next side or the line's end."""
    cells = []
    for k, (x, token) in enumerate(row):
        if _starts_side(token.text, True):
            after = row[k + 1 :]
            end = next((at for at, word in after if _starts_side(word.text, True) or _figures_only([(at, word)])), None)
            cells.append((x + len(token.text), end if end is not None else 1 << 30))
    return cells


def _named_row_without_code(lines: list[list[tuple[int, Token]]]) -> bool:
    """One line between blank lines opening with a name and then figures (the other sides after
    them), in a coded table: a row whose code is printed elsewhere, a class's code cell merged
    down over its rows and printed at their middle height (``社会保障和就业支出 6,397,096 …``
    over ``05 行政事业单位养老支出`` over ``208``). Read as a row without a code, the class's
    code is given back to it where the classification names it by that code
    (``with_levels_carried``); else it places nothing."""
    if len(lines) != 1:
        return False
    words = [token.text for _, token in lines[0]]
    names = list(takewhile(lambda text: not is_figure(text) and not _is_code_word(text), words))
    return bool(names) and len(names) < len(words) and is_figure(words[len(names)])


def _row_of_figures(lines: list[list[tuple[int, Token]]]) -> bool:
    """One line of several figures and nothing else, in a table without codes: a row printed
    without a label (the 三公 table's one row), not figures waiting for a label."""
    return len(lines) == 1 and len(lines[0]) > 1


def _set_lower(lines: list[list[tuple[int, Token]]]) -> bool:
    """One figure alone on its line, right after a row of figures alone (the last row read, blank
    lines between): a cell of that row set lower than its others, which -layout writes on a line of
    its own (the 三公 table's 合计, its head merged over two header lines: ``0.00 0.46 113.76 …`` /
    ``114.22``). It joins the row, in its column's place; read alone it was no row's."""
    return len(lines) == 1 and len(lines[0]) == 1 and is_figure(lines[0][0][1].text)


def _without_header_leftovers(words: list[tuple[int, Token]]) -> list[tuple[int, Token]]:
    """The words after the header's leftovers at the line's start, all of them where every one is
    (as ``strip_header_leftovers`` keeps tokens; told without making a list of tokens first)."""
    start = 0
    while start < len(words) and words[start][1].text in HEADER_LEFTOVERS:
        start += 1
    return words[start:] if start < len(words) else words


def _is_anchor(words: list[tuple[int, Token]], coded: bool) -> bool:
    return _starts_side(words[0][1].text, coded) or (coded and _part_opens_side(words, 0))


def _part_opens_side(words: list[tuple[int, Token]], i: int) -> bool:
    """``words[i]`` is a bare 款 or 项 part before a name, opening the line or a side after figures:
    a row of a table printing each level of its codes once (``05 行政事业单位养老支出`` under ``208
    社会保障和就业支出``), its code completed from the rows above (``with_levels_carried``). Not a
    part after a code's digits (``221 01 住房公积金``: one side); after a name only where blank
    columns set it apart (``03 奖金      03 咨询费``: the left side's figure cell empty)."""
    if not is_code_part(words[i][1].text) or i + 1 >= len(words):
        return False
    following = words[i + 1][1].text
    if _is_code_word(following) or is_figure(following) or is_row_label(following):
        return False
    if i == 0:
        return True
    before_x, before = words[i - 1]
    if is_figure(before.text):
        return not _is_code_word(before.text)
    # After the other side's name where that side's figure cell is empty: cells apart, not a name's
    # words (the name measured at its widest, a Chinese character two columns: never read apart by luck).
    return not _is_code_word(before.text) and words[i][0] - (before_x + display_width(before.text)) >= _CELL_GAP


def _opens_sides(words: list[tuple[int, Token]], coded: bool) -> bool:
    """Whether the line opens a side of its row: it starts with a code or label, or prints a label
    after figures (the right side's label on the line of the left side's figures, the left side's
    label wrapped onto the line above)."""
    return _is_anchor(words, coded) or any(_starts_side(token.text, False) for _, token in words[1:])


def _reading_order(
    lines: list[list[tuple[int, Token]]], anchors: tuple[int, ...], coded: bool, name_opens: bool = False
) -> list[Token]:
    """The row's words in reading order (see the module's docstring); ``name_opens``: the first
    side opens with its name (its code printed elsewhere), where the first anchor line starts."""
    starts = sorted({x for order in anchors for x in _side_starts(lines[order], coded)})
    if name_opens:
        starts = sorted({lines[anchors[0]][0][0], *starts})
    # Per side, its words as (column, line's position in the row, token): plain tuples, built for every word.
    sides: list[list[tuple[int, int, Token]]] = [[] for _ in starts]
    if len(starts) == 1:  # one side (most rows): every word is its
        sides[0] = [(x, order, token) for order, words in enumerate(lines) for x, token in words]
    else:
        for order, words in enumerate(lines):
            for x, token in words:
                side = max(bisect_right(starts, x) - 1, 0)  # the last side starting at or before the word
                sides[side].append((x, order, token))
    out: list[Token] = []
    for side in sides:
        # Every word is a name or a number, and a code (or part) reads as a number too: of the
        # numbers, codes stand left of the name; one right of it is a figure (a whole 100 as much as 1.50).
        names, numbers = [], []
        for placed in side:
            if is_figure(placed[2].text):
                numbers.append(placed)
            else:
                names.append(placed)
        name_x = min((x for x, _, _ in names), default=None)
        codes, figures = [], []
        for placed in numbers:
            if _is_code_word(placed[2].text) and (name_x is None or placed[0] < name_x):
                codes.append(placed)
            else:
                figures.append(placed)
        out += [token for _, _, token in sorted(codes, key=itemgetter(0, 1))]  # by column, then line
        out += _label_whole([token for _, _, token in sorted(names, key=itemgetter(1, 0))], coded)
        out += [token for _, _, token in sorted(figures, key=itemgetter(0))]  # left to right
    return out


def _label_whole(names: list[Token], coded: bool) -> list[Token]:
    """A side's name words line by line, left to right; a label wrapped so that a piece after its
    first opens a row too (``人员经费`` over ``合计``, ``本年收入`` over ``合计``) joined into one word,
    as a text writing the row on one line prints it (``人员经费合计``): one side has one label."""
    opening = [_starts_side(token.text, coded) for token in names]
    if not any(opening[1:]):
        return names
    first = names[0]
    return [first._replace(text="".join(token.text for token in names))]


def _side_starts(anchor: list[tuple[int, Token]], coded: bool) -> list[int]:
    """Where each side of the row starts: at the codes (or labels) its anchor line prints."""
    starts = {x for x, t in anchor if _starts_side(t.text, coded)}
    if coded:  # a side opening with a bare part (levels printed once)
        starts.update(x for k, (x, _) in enumerate(anchor) if _part_opens_side(anchor, k))
    return sorted(starts) or [anchor[0][0]]


@lru_cache(maxsize=16_384)  # asked of every word of a laid-out table's lines, several times
def _starts_side(text: str, coded: bool) -> bool:
    return (coded and is_whole_code(text)) or is_row_label(text) or _NUMBERED_ITEM.match(text) is not None


@lru_cache(maxsize=16_384)  # asked of every word of every row of a laid-out table
def _is_code_word(text: str) -> bool:
    return is_whole_code(text) or is_code_part(text)


def header_by_columns(texts: Sequence[str]) -> str:
    """A laid-out header read column by column: the words one above the other join up
    (``本年收入合`` over ``计``, ``附属单`` over ``位上`` over ``缴收入``), columns left to right.

    Words of different lines belong to one column when their spans overlap, or nearly (a short
    word is centred under a longer one); words of one line never do."""
    return _header_by_columns(tuple(texts))


@lru_cache(maxsize=1_024)  # a template's header is laid out alike in every report made from it
def _header_by_columns(texts: tuple[str, ...]) -> str:
    measure = column_measure(texts, coded=True)
    words = [
        (x, x + measure(token.text), order, token.text)
        for order, text in enumerate(texts)
        for x, token in positioned(text, None, order, measure)
    ]
    sets = DisjointSets(len(words))
    for i, (start, end, line, _) in enumerate(words):
        for j in range(i):
            other_start, other_end, other_line, _ = words[j]
            if other_line != line and start < other_end + CENTRED_SLACK and other_start < end + CENTRED_SLACK:
                sets.join(i, j)
    columns: dict[int, list[tuple[int, int, int, str]]] = {}
    for i, word in enumerate(words):
        columns.setdefault(sets.root(i), []).append(word)
    ordered = sorted(columns.values(), key=lambda column: min(w[0] for w in column))
    return " ".join("".join(w[3] for w in sorted(column, key=lambda w: (w[2], w[0]))) for column in ordered)
