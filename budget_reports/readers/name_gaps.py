"""Lines of name alone between two rows' code lines: the end of the name above or the start of the one below.

A text written from the heights of a page's words (pdfplumber) prints a name wrapped in its cell
around its row's line of code and figures, the cell centred on that line:

    机关事业单位基本养老保险        ← 2080505's first line, above its code
    208 05 05 160.75 160.75
    缴费支出                      ← 2080505's last line
    机关事业单位职业年金缴费        ← 2080506's first line
    208 05 06 80.38 80.38
    支出

Which of the lines between two code lines end the row above and which begin the row below is
told, in this order, by:

- the classification: the cuts where the row above reads as one of its code's names and the row
  below begins one of its own (a row whose code it does not know, or whose printed name is none
  of them, gives no opinion);
- the lines' widths: a wrapped cell fills each of its lines but the last, so a short line is the
  last of its name;
- the placement: a cell centred on its row's line prints as many of its lines below that line as
  above it.

Where they leave more than one cut, the text cannot tell. -raw writes a cell's lines in
content order after its code (none between a row's figures and the next code), pypdfium2 its
first line on the code line; those lines are the row's by their order alone.

In a two-sided table (two rows side by side) a line may print a line of each side's name (left
first) or of one side's only; the sides' cells differ in width, and only the classification tells
which side a lone line is of.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from budget_reports.normalize import display_width
from budget_reports.readers.code_names import begins_name_of, is_name_of

# How much narrower than the widest line of names a line may be and still fill its cell: one
# Chinese character (a character that did not fit wraps to the next line).
_SLACK = 2
# Words alone on their lines between two code lines of a two-sided table, beyond which the ways to
# give them sides are not tried (2 ** n).
_MOST_LONE_WORDS = 8


@dataclass(frozen=True, slots=True)
class NameSoFar:
    """A coded row's name as read so far, around its code line."""

    code: str
    lines: tuple[str, ...] = ()  # each printed line of its name (compact), in order; the code line's part among them
    head: int = 0  # of them, the lines printed above the code line


def cuts_between(above: NameSoFar, gap: Sequence[str], below: NameSoFar, width: int) -> list[int]:
    """How many of the ``gap``'s lines (compact, in order) may end the name of the row ``above``, the
    rest beginning the name of the row ``below`` (whose ``lines`` are its code line's part, if any);
    ``width`` is the widest line of names the table prints (display columns). One cut where the
    text tells; the cuts it leaves open where it cannot."""
    cuts = list(range(len(gap) + 1))
    named = _named(above, gap, below, cuts)
    fitting = [c for c in named if _fills(above, below, gap, c, width)]
    left = fitting or named
    # Centred: as many lines below the code line as above; a row whose code line prints no name
    # then has some above it.
    centred = above.head
    if len(left) > 1 and centred in left and above.lines and (centred < len(gap) or below.lines):
        return [centred]
    return left


def cut_sides(
    aboves: Sequence[NameSoFar], gap: Sequence[Sequence[str]], belows: Sequence[NameSoFar]
) -> list[tuple[int, bool]] | None:
    """The lines of name between two code lines of a two-sided table (two rows side by side): for
    each word, in reading order, its side (0 left, 1 right) and whether it ends that side's name
    above (else begins the one below). A line's two words are one per side, left first; a word
    alone on its line may be either side's. Only the classification tells (the sides' cells differ
    in width): the one way every side reads as its code's names (ways giving the same words, as
    two lines ``费`` ending both sides' names, read the same); None when there is no such way or
    more than one reading."""
    if len(aboves) != 2 or len(belows) != 2 or any(len(line) > 2 for line in gap):
        return None
    lone = [i for i, line in enumerate(gap) if len(line) == 1]
    if len(lone) > _MOST_LONE_WORDS:
        return None
    words = [word for line in gap for word in line]
    ways: list[list[tuple[int, bool]]] = []
    for choice in itertools.product((0, 1), repeat=len(lone)):
        side_of_lone = dict(zip(lone, choice, strict=True))
        sides = [side for i, line in enumerate(gap) for side in ((side_of_lone[i],) if len(line) == 1 else (0, 1))]
        cuts = []
        for side in (0, 1):
            own = [word for word, s in zip(words, sides, strict=True) if s == side]
            fits = [
                c for c in range(len(own) + 1) if _reads_whole(aboves[side], own[:c]) and _begins(belows[side], own[c:])
            ]
            cuts.append(fits)
        for left, right in itertools.product(*cuts):
            seen = [0, 0]
            way = []
            for s in sides:
                way.append((s, seen[s] < (left, right)[s]))
                seen[s] += 1
            ways.append(way)
    readings = {_reading(words, way) for way in ways}
    return ways[0] if len(readings) == 1 else None


def _reading(words: Sequence[str], way: Sequence[tuple[int, bool]]) -> tuple[tuple[str, ...], ...]:
    """The words each side's name above and below takes in ``way``, in order."""
    return tuple(
        tuple(word for word, place in zip(words, way, strict=True) if place == (side, ends))
        for side in (0, 1)
        for ends in (True, False)
    )


def _reads_whole(above: NameSoFar, tail: Sequence[str]) -> bool:
    return is_name_of(above.code, "".join((*above.lines, *tail)))


def _named(above: NameSoFar, gap: Sequence[str], below: NameSoFar, cuts: list[int]) -> list[int]:
    """The cuts where the row above reads as one of its code's names, narrowed to those where the row
    below begins one of its own (when some does); every cut when none reads so above (the printed
    name is none of the classification's, or its code unknown: the names cannot tell)."""
    whole = [c for c in cuts if _reads_whole(above, gap[:c])]
    begun = [c for c in whole if _begins(below, gap[c:])]
    return begun or whole or cuts


def _begins(below: NameSoFar, head: Sequence[str]) -> bool:
    name = "".join((*head, *below.lines))
    # No name yet: it may all be printed below its code line.
    return not name or begins_name_of(below.code, name)


def _fills(above: NameSoFar, below: NameSoFar, gap: Sequence[str], cut: int, width: int) -> bool:
    """Whether every line that the cut makes a name's line other than its last fills the cell."""
    ended = [*above.lines, *gap[:cut]][:-1]
    begun = list(gap[cut:])
    if not below.lines:
        begun = begun[:-1]  # the last may end the name (or its rest print below the code line)
    return all(display_width(line) >= width - _SLACK for line in (*ended, *begun))
