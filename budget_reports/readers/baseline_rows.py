"""Rows of a table in text written one line per baseline (pdfplumber's ``extract_text``).

Such text keeps no columns, only the height at which each word sits, so the cells of one table row
come out on several lines: a name set at the top of its cell prints on the line above its code
(``行政运行`` / ``201 06 01 1,511.89 8.37``), with any figure set as high (``行政运行 1,503.52``);
a wrapped name is split around the code (``机关事业单位基本养老保险缴`` / ``208 05 05 费支出 …``);
a labelled row's figures print on the line below its label, the figures of both halves of a
two-sided table together (``八、其他收入 八、社会保障和就业支出`` / ``6.20 326.71``).

Each row is one band of lines around its anchor. In a coded table the lines between two code
lines are split between the row above (a wrapped name's end, figures set lower) and the row below
(a name set at the top): where both rows then read as their codes' names in the classification,
else after the figures printed right under the code line. A labelled row (``合计``, ``一、…``)
takes the figures printed under or over it, and in a table without codes its name's continuation
too (a line continuing as many names as the row has labels continues each). Within a band the
figures of one line keep their left-to-right order, but the order of lines is not the order of
columns: the placement (``cell_assignment``) is told which line each figure came from, and the
table's arithmetic decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from budget_reports.model import AmbiguousCell
from budget_reports.normalize import compact
from budget_reports.readers.block_words import is_code_part
from budget_reports.readers.code_names import begins_name_of, is_name_of
from budget_reports.readers.linear_rows import (
    Segment,
    Token,
    is_cell_word,
    is_figure,
    is_row_label,
    opens_with_code,
    strip_header_leftovers,
)
from budget_reports.readers.printed_numbers import opens_column_numbers
from budget_reports.readers.two_sided_labels import gather_two_sided_labelled_rows, opens_label

# Code lines with figures and no name, under a line of name, that show a text written by baseline
# even when its other rows fit on one line each (only wrapped names leave their code line).
_SIGNATURE_LINES = 2


def _is_code_line(tokens: Sequence[Token]) -> bool:
    return opens_with_code(tokens)


def _has_name(tokens: Sequence[Token]) -> bool:
    return any(not is_cell_word(t.text) for t in tokens)


def _names(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not is_cell_word(t.text)]


def _figures_without_name(tokens: Sequence[Token]) -> bool:
    """A code line printing figures and no name: ``201 06 2,106.66 1,503.52``."""
    start = 1
    while start < len(tokens) and is_code_part(tokens[start].text):
        start += 1
    return start < len(tokens) and not _has_name(tokens[start:])


def is_written_by_baseline(lines: Sequence[Sequence[Token]], coded: bool) -> bool:
    """A text written by baseline: in a coded table, code lines print their figures but no name and
    follow a line of name (the name sits on the line above: most rows, or at least the wrapped
    ones); in a labelled one, more labels print their figures on the line below than beside them
    (alone, or among the label's own pieces: ``_figures_among_pieces``; below its pieces alone:
    ``_figures_under``), a label printing pieces of its own after its figures counting twice. Other
    texts print a row on one line."""
    if not coded:
        kept = [list(tokens) for tokens in lines if tokens]  # no level words head a labelled table
        labels = [i for i, tokens in enumerate(kept) if opens_label(tokens[0].text)]
        names_alone = [i for i in labels if not _has_cell_word(kept[i])]
        # The other side's labels on the line of a label's figures, between its pieces: no label
        # beside its figures in a text written row by row, but the middle of a band by baseline.
        between = {i + 1 for i in names_alone if _figures_between_pieces(kept[i + 1 : i + 3])}
        beside = len(labels) - len(names_alone) - len(between.intersection(labels))  # figures on the label's line
        # Each label's line of figures is the first after its pieces printed alone above them. A label
        # fitting a line prints its figures beside it in any writing; only one written by baseline
        # prints a label's pieces after its figures' line (its middle line): such a label counts twice.
        under = 0
        for i in names_alone:
            j = _pieces_alone_end(kept, i)
            if _figures_under(kept, i, j, between):
                under += 2 if _pieces_alone_after(kept, j) else 1
        return under > beside
    kept = [tokens for tokens in map(strip_header_leftovers, lines) if tokens]  # read only: no copies
    code_lines = [i for i, tokens in enumerate(kept) if _is_code_line(tokens)]
    if not code_lines:
        return False
    coded_lines = set(code_lines)
    above = sum(
        1
        for i in code_lines
        if _figures_without_name(kept[i]) and i > 0 and i - 1 not in coded_lines and _has_name(kept[i - 1])
    )
    return above >= _SIGNATURE_LINES or above * 2 > len(code_lines)


def _pieces_alone_end(kept: Sequence[Sequence[Token]], i: int) -> int:
    """The first line after line ``i`` that is no piece printed alone (no figure, no label opened):
    the line of the label's figures where its pieces run on above them (``八、社`` / ``会`` / ``-
    保障和 326.71``: a label wrapped over five lines, centred on its row)."""
    j = i + 1
    while j < len(kept) and not _has_cell_word(kept[j]) and _opens_with_piece(kept[j]):
        j += 1
    return j


def _figures_under(kept: Sequence[Sequence[Token]], i: int, j: int, between: set[int]) -> bool:
    """Whether the label alone on line ``i`` prints its figures below it, on line ``j``: a line of
    figures alone, or figures among the label's pieces or around the other side's label.

    Past pieces of its own printed alone (``八、社`` / ``会`` / ``- 保障和 326.71`` / ``就`` / ``业支出``),
    only its figures' line on the label's middle line counts: figures alone or after its middle
    piece, with pieces of it alone after them. A text written row by row prints a wrapped label's
    figures after its last piece, or on a line of their own (-raw: ``八、社会保`` / ``障`` /
    ``和就业支出`` / ``326.71``), the next row's label after them; and a left label's figure opens
    the line of the right one (pypdfium2: ``本年收入合`` / ``计`` / ``2946.25 本年支出合`` / ``计``)."""
    if j >= len(kept):
        return False
    if j == i + 1:
        return not _has_name(kept[j]) or _figures_among_pieces(kept[j : j + 2]) or j in between
    return _pieces_alone_after(kept, j) and (not _has_name(kept[j]) or _opens_with_piece(kept[j]))


def _pieces_alone_after(kept: Sequence[Sequence[Token]], j: int) -> bool:
    """Whether the line after line ``j`` prints pieces of labels alone (no figure, no label opened)."""
    return j + 1 < len(kept) and not _has_cell_word(kept[j + 1]) and _opens_with_piece(kept[j + 1])


def _figures_among_pieces(below: Sequence[Sequence[Token]]) -> bool:
    """The two lines under a label alone: its figures printed among its own pieces, a piece before
    them on their line and pieces alone on the line after (``八、社会保`` / ``- 障 326.71 326.71 - -``
    / ``和就业支出``). Only a text written by baseline prints so: a label wrapped over three lines or
    more, centred on its row, has its middle line on its figures' baseline (the row's figures all
    on it). A text written row by row prints a wrapped label's figures after its last piece
    (pypdfium2: ``和就业支出 326.71``, the next row's label on the line after; ``年初结转和`` / ``结余
    49.14 年末结转和`` / ``结余 55.34``, the other side's figures after its own last piece) or on their
    own line (-raw)."""
    if len(below) < 2 or not _has_cell_word(below[0]) or _has_cell_word(below[1]):
        return False
    return all(_opens_with_piece(tokens) for tokens in below)


def _figures_between_pieces(below: Sequence[Sequence[Token]]) -> bool:
    """The two lines under a label alone: the other side's whole label and the row's figures on the
    first (its own figure first where it is the left side), and the label's last piece alone on the
    second (``一、一般公共预算财政`` / ``2,940.05 一、一般公共服务支出 2,106.66`` / ``拨款``;
    ``一、社会保障和就`` / ``一、财政拨款收入 47,483,458 6,397,096`` / ``业支出``). Only a text
    written by baseline prints so: a label wrapped over two lines beside one on one line has its
    lines above and below its row's baseline. A text written row by row prints a wrapped label's
    pieces together, before its figures."""
    if len(below) < 2 or not _has_cell_word(below[0]) or _has_cell_word(below[1]):
        return False
    names = _names(below[0])
    return bool(names) and opens_label(names[0].text) and _opens_with_piece(below[1])


def _has_cell_word(tokens: Sequence[Token]) -> bool:
    return any(is_cell_word(t.text) for t in tokens)


def _opens_with_piece(tokens: Sequence[Token]) -> bool:
    """A line whose first word of name continues a label (opens none), before any figure but dashes
    of empty cells (``- 障 326.71``)."""
    names = _names(tokens)
    return (
        bool(names)
        and not opens_label(names[0].text)
        and not any(is_figure(t.text) for t in tokens[: tokens.index(names[0])])
    )


def gather_baseline_rows(
    lines: Sequence[Sequence[Token]],
    coded: bool,
    two_labelled_sides: bool = False,
    unsure: list[AmbiguousCell] | None = None,
) -> list[list[Token]]:
    """The tokens of each row (code, name and figures, each in the order printed), from the table's
    body lines. An overview's two labelled sides (``two_labelled_sides``) have their wrapped labels'
    pieces given their sides by what they make (``two_sided_labels``); the figures of rows whose
    pieces the text cannot tell apart go to ``unsure``."""
    if coded:
        kept = [tokens for tokens in (strip_header_leftovers(list(raw)) for raw in lines) if tokens]
        return _coded_rows(_after_column_numbers(kept))
    kept = [list(raw) for raw in lines if raw]  # no level words head a labelled table: …拨 / 款 is a piece
    if two_labelled_sides and _prints_a_row_on_a_line(kept):
        return gather_two_sided_labelled_rows(kept, unsure)
    return _labelled_rows(kept)


def _prints_a_row_on_a_line(kept: list[list[Token]]) -> bool:
    """Some line prints more than one word (a piece beside figures, or both sides' pieces): text
    written by baseline, whose two sides' pieces may share lines. Text writing a cell a line
    (pdftotext's default: each column's cells one under another) prints no row on a line, and its
    bands would be tried 2 ** n ways for nothing."""
    return any(len(tokens) > 1 for tokens in kept)


def _after_column_numbers(kept: list[list[Token]]) -> list[list[Token]]:
    """The body without a line of column numbers at its start: a header whose 类 cell spans its rows
    prints 类 on the 栏次 line (``类 栏次 1 2 3``), which then does not open with 栏次 and is taken for
    the first row's line (the 合计 row read as 栏次合计, its figures with 1 2 3: none placed)."""
    if kept and opens_column_numbers(kept[0][0].text) and all(is_figure(t.text) for t in kept[0][1:]):
        return kept[1:]
    return kept


def _labelled_rows(kept: list[list[Token]]) -> list[list[Token]]:
    """A table without codes: each label takes the lines under it (its figures, its name's end).
    A line continuing as many names as its row has labels continues each (both halves wrapped)."""
    rows: list[list[list[Token]]] = []  # per row, per label: its tokens
    waiting: list[Token] = []
    for tokens in kept:
        if is_row_label(tokens[0].text) and not _has_name(waiting):
            rows.append(_per_label([*waiting, *tokens]))
            waiting = []
        elif rows:
            names = _names(tokens)
            parts = rows[-1]
            if len(parts) > 1 and len(names) == len(parts) == len(tokens):
                for part, name in zip(parts, names, strict=True):
                    _continue_name(part, name)
            else:
                parts[-1].extend(tokens)
        else:
            waiting.extend(tokens)
    out = [[t for part in parts for t in part] for parts in rows]
    if waiting:
        out.append(waiting)
    return out


def _per_label(tokens: list[Token]) -> list[list[Token]]:
    """A row's tokens cut where each label starts (figures set higher stay with the first)."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if parts[-1] and is_row_label(token.text) and _has_name(parts[-1]):
            parts.append([])
        parts[-1].append(token)
    return parts


def _continue_name(part: list[Token], name: Token) -> None:
    """The name's next line goes after its last word, before its figures."""
    at = max((i for i, t in enumerate(part) if not is_cell_word(t.text)), default=-1) + 1
    part.insert(at, name)


def _coded_rows(kept: list[list[Token]]) -> list[list[Token]]:
    """A coded table: the lines between two anchors (code or label lines) are split between the
    row above (a name's end) and the row below (a name's start) where both rows then read as their
    codes' names; when the names cannot tell, figures printed right under a code line stay with it
    and the rest go to the row below (names set at the top of their cells). A label takes the
    figures printed just under or over it, never a name."""
    code_lines = [_is_code_line(tokens) for tokens in kept]
    anchors = [i for i, tokens in enumerate(kept) if code_lines[i] or is_row_label(tokens[0].text)]
    if not anchors:
        return [[t for tokens in kept for t in tokens]] if kept else []
    # Each line's name words joined (a code line's after its code): read once, for every cut tried.
    names = [
        _name_text(tokens[_code_of(tokens)[1] :] if code else tokens)
        for tokens, code in zip(kept, code_lines, strict=True)
    ]
    bands: dict[int, list[int]] = {anchors[0]: list(range(anchors[0] + 1))}
    for above, below in pairwise(anchors):
        gap = list(range(above + 1, below))
        cut = _cut(kept, code_lines, names, bands[above], above, gap, below)
        bands[above] += gap[:cut]
        bands[below] = [*gap[cut:], below]
    bands[anchors[-1]] += list(range(anchors[-1] + 1, len(kept)))
    return [_in_row_order(kept, bands[anchor], anchor, code_lines[anchor]) for anchor in anchors]


def _name_text(tokens: Sequence[Token]) -> str:
    return "".join(t.text for t in tokens if not is_cell_word(t.text))


def _cut(
    kept: list[list[Token]],
    code_lines: list[bool],
    names: list[str],
    taken: list[int],
    above: int,
    gap: list[int],
    below: int,
) -> int:
    """How many of the gap's lines go to the row above (``code_lines``: whether each line opens with
    a code; ``names``: each line's name words, joined)."""
    figures_only = [not _has_name(kept[i]) for i in gap]
    if not code_lines[above]:
        return next((k for k, only in enumerate(figures_only) if not only), len(gap))
    if not code_lines[below]:
        return len(gap) - next((k for k, only in enumerate(reversed(figures_only)) if not only), len(gap))
    code_above, code_below = _code_of(kept[above])[0], _code_of(kept[below])[0]
    scores = [
        _reads_as(code_above, [*taken, *gap[:cut]], names, whole=True)
        + _reads_as(code_below, [*gap[cut:], below], names, whole=False)
        for cut in range(len(gap) + 1)
    ]
    # Among the best, the cut after the figures printed under the code line (set lower than it).
    under = next((k for k, only in enumerate(figures_only) if not only), len(gap))
    best = [cut for cut, score in enumerate(scores) if score == max(scores)]
    return min(best, key=lambda cut: abs(cut - under))


def _reads_as(code: str, band: list[int], names: list[str], whole: bool) -> int:
    """2 when the band's name (its lines' ``names``) is a name of its code (``whole``), 1 when it
    begins one (the rest may follow on lines below), else 0."""
    name = compact("".join([names[i] for i in band]))
    if whole:
        return 2 if is_name_of(code, name) else 0
    return 1 if begins_name_of(code, name) else 0


def _code_of(tokens: list[Token]) -> tuple[str, int]:
    """The code a code line opens with, and how many of its tokens print it."""
    code, end = tokens[0].text, 1
    while end < len(tokens) and is_code_part(tokens[end].text) and len(code) < 7:
        code += tokens[end].text
        end += 1
    return code, end


def _in_row_order(kept: list[list[Token]], band: list[int], anchor: int, coded: bool) -> list[Token]:
    """A row's tokens as a row-per-line text prints them: code, name, figures (each in the order
    printed), whatever lines the name and figures were on (``coded``: the anchor opens with a code)."""
    code_end = _code_of(kept[anchor])[1] if coded else 0
    rest = [t for i in band for t in (kept[i][code_end:] if i == anchor else kept[i])]
    return [
        *kept[anchor][:code_end],
        *(t for t in rest if not is_cell_word(t.text)),
        *(t for t in rest if is_cell_word(t.text)),
    ]


# Whether a side can hold these figures (by its width and its row sums).
SideFit = Callable[[int, list[Token]], bool]


def share_figures_below(segments: list[Segment], fits: SideFit) -> list[Segment] | None:
    """A two-sided row whose labels share a line and whose figures print on the lines below,
    together (``八、其他收入 八、社会保障和就业支出`` / ``6.20 326.71``): the figures below the labels'
    line go to the sides left to right, in the one split every side can hold.

    ``segments`` are the row's sides in order, the figures below collected in the last one. Returns
    the segments with their figures shared out, the segments unchanged when nothing was printed
    below, or None when more than one split fits, or none (which side a figure is on cannot be told)."""
    shares = possible_shares(segments, fits)
    return shares[0] if len(shares) == 1 else None


def possible_shares(segments: list[Segment], fits: SideFit) -> list[list[Segment]]:
    """Every split of the figures below a two-sided row's labels (``share_figures_below``) that
    each side can hold, left to right; the segments alone when nothing was printed below."""
    if len(segments) < 2:
        return [segments]
    last = segments[-1]
    # The last side's own figures print on its label's lines (after its words); one on a line of
    # another side's label alone may be either's (a right side's figure on the line of the left
    # label's middle piece).
    label_lines = {(t.page, t.line) for t in last.name}
    below = [t for t in last.figures if (t.page, t.line) not in label_lines]
    if not below:
        return [segments]
    own = [list(seg.figures) for seg in segments[:-1]]
    own.append([t for t in last.figures if (t.page, t.line) in label_lines])
    splits = []
    for cuts in _cuts(len(below), len(segments)):
        shares = [own[i] + below[start:end] for i, (start, end) in enumerate(cuts)]
        if all(fits(i, share) for i, share in enumerate(shares)):
            splits.append([Segment(seg.code, seg.name, share) for seg, share in zip(segments, shares, strict=True)])
    return splits


def _cuts(count: int, parts: int) -> list[list[tuple[int, int]]]:
    """Every way to cut ``count`` items, in order, into ``parts`` runs (possibly empty)."""
    if parts == 1:
        return [[(0, count)]]
    out = []
    for first in range(count + 1):
        for rest in _cuts(count - first, parts - 1):
            out.append([(0, first), *((start + first, end + first) for start, end in rest)])
    return out
