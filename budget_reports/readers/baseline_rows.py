"""Rows of a table in text written one line per baseline (pdfplumber's ``extract_text``).

Such text keeps no columns, only the height at which each word sits, so the cells of one table row
come out on several lines: a name set at the top of its cell prints on the line above its code
(``行政运行`` / ``201 06 01 1,511.89 8.37``), with any figure set as high (``行政运行 1,503.52``);
a wrapped name is split around the code (``机关事业单位基本养老保险缴`` / ``208 05 05 费支出 …``);
a labelled row's figures print on the line below its label, the figures of both halves of a
two-sided table together (``八、其他收入 八、社会保障和就业支出`` / ``6.20 326.71``).

Each row is one band of lines around its anchor: in a coded table, the lines since the previous
row up to its code line (a name above a code belongs to the code below it); a labelled row
(``合计``, ``一、…``) takes the figures printed under it, and in a table without codes its name's
continuation too. Within a band the figures of one line keep their left-to-right order, but the
order of lines is not the order of columns: the placement (``cell_assignment``) is told which line
each figure came from, and the table's arithmetic decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from budget_reports.readers.linear_rows import Segment, Token, is_figure, is_row_label, strip_header_leftovers

_CODE_START = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{2}$")


def _is_code_line(tokens: Sequence[Token]) -> bool:
    return bool(_CODE_START.match(tokens[0].text))


def _has_name(tokens: Sequence[Token]) -> bool:
    return any(not is_figure(t.text) for t in tokens)


def _names(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not is_figure(t.text)]


def _figures_without_name(tokens: Sequence[Token]) -> bool:
    """A code line printing figures and no name: ``201 06 2,106.66 1,503.52``."""
    rest = list(tokens[1:])
    while rest and _CODE_PART.match(rest[0].text):
        rest.pop(0)
    return bool(rest) and not _has_name(rest)


def is_written_by_baseline(lines: Sequence[Sequence[Token]], coded: bool) -> bool:
    """A text written by baseline: in a coded table, most code lines print their figures but no name,
    and follow a line of name (the name sits on the line above); in a labelled one, more labels print
    their figures on the line below than beside them. Other texts print a row on one line."""
    kept = [strip_header_leftovers(list(tokens)) for tokens in lines]
    kept = [tokens for tokens in kept if tokens]
    if not coded:
        labels = [i for i, tokens in enumerate(kept) if is_row_label(tokens[0].text)]
        beside = sum(1 for i in labels if len(_names(kept[i])) < len(kept[i]))
        under = sum(
            1
            for i in labels
            if len(_names(kept[i])) == len(kept[i]) and i + 1 < len(kept) and not _has_name(kept[i + 1])
        )
        return under > beside
    code_lines = [i for i, tokens in enumerate(kept) if _is_code_line(tokens)]
    if not code_lines:
        return False
    above = sum(
        1
        for i in code_lines
        if _figures_without_name(kept[i]) and i > 0 and not _is_code_line(kept[i - 1]) and _has_name(kept[i - 1])
    )
    return above * 2 > len(code_lines)


def gather_baseline_rows(lines: Sequence[Sequence[Token]], coded: bool) -> list[list[Token]]:
    """The tokens of each row (name, code and figures in the order printed), from the table's body lines."""
    rows: list[list[Token]] = []
    waiting: list[Token] = []  # lines above the next code line
    labelled: list[Token] | None = None  # the labelled row taking the lines under it
    for raw in lines:
        tokens = strip_header_leftovers(list(raw))
        if not tokens:
            continue
        if coded and _is_code_line(tokens):
            rows.append(_code_first([*waiting, *tokens], len(waiting)))
            waiting, labelled = [], None
        elif is_row_label(tokens[0].text) and not waiting:
            labelled = list(tokens)
            rows.append(labelled)
        elif labelled is not None and (not coded or not _has_name(tokens)):
            labelled.extend(tokens)
        else:
            labelled = None
            waiting.extend(tokens)
    if waiting:
        if rows:
            rows[-1].extend(waiting)
        else:
            rows.append(waiting)
    return rows


def _code_first(tokens: list[Token], code_at: int) -> list[Token]:
    """A coded row's tokens as a row-per-line text prints them: code, name, figures (each in the
    order printed), whatever lines the name and figures were on."""
    end = code_at + 1
    while end < len(tokens) and _CODE_PART.match(tokens[end].text):
        end += 1
    rest = tokens[:code_at] + tokens[end:]
    return [*tokens[code_at:end], *(t for t in rest if not is_figure(t.text)), *(t for t in rest if is_figure(t.text))]


# Whether a side can hold these figures (by its width and its row sums).
SideFit = Callable[[int, list[Token]], bool]


def share_figures_below(segments: list[Segment], fits: SideFit) -> list[Segment] | None:
    """A two-sided row whose labels share a line and whose figures print on the lines below,
    together (``八、其他收入 八、社会保障和就业支出`` / ``6.20 326.71``): the figures below the labels'
    line go to the sides left to right, in the one split every side can hold.

    ``segments`` are the row's sides in order, the figures below collected in the last one. Returns
    the segments with their figures shared out, the segments unchanged when nothing was printed
    below, or None when more than one split fits (which side a figure is on cannot be told)."""
    if len(segments) < 2:
        return segments
    label_lines = {(t.page, t.line) for seg in segments for t in seg.name}
    last = segments[-1]
    below = [t for t in last.figures if (t.page, t.line) not in label_lines]
    if not below:
        return segments
    own = [list(seg.figures) for seg in segments[:-1]]
    own.append([t for t in last.figures if (t.page, t.line) in label_lines])
    splits = []
    for cuts in _cuts(len(below), len(segments)):
        shares = [own[i] + below[start:end] for i, (start, end) in enumerate(cuts)]
        if all(fits(i, share) for i, share in enumerate(shares)):
            splits.append(shares)
    if len(splits) != 1:
        return None
    return [Segment(seg.code, seg.name, share) for seg, share in zip(segments, splits[0], strict=True)]


def _cuts(count: int, parts: int) -> list[list[tuple[int, int]]]:
    """Every way to cut ``count`` items, in order, into ``parts`` runs (possibly empty)."""
    if parts == 1:
        return [[(0, count)]]
    out = []
    for first in range(count + 1):
        for rest in _cuts(count - first, parts - 1):
            out.append([(0, first), *((start + first, end + first) for start, end in rest)])
    return out
