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

Where they leave more than one cut, the text cannot tell: None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from budget_reports.normalize import display_width
from budget_reports.readers.code_names import begins_name_of, is_name_of

# How much narrower than the widest line of names a line may be and still fill its cell: one
# Chinese character (a character that did not fit wraps to the next line).
_SLACK = 2


@dataclass(frozen=True, slots=True)
class NameSoFar:
    """A coded row's name as read so far, around its code line."""

    code: str
    lines: tuple[str, ...]  # each printed line of its name (compact), in order; the code line's part among them
    head: int = 0  # of them, the lines printed above the code line


def cut_between(above: NameSoFar, gap: Sequence[str], below: NameSoFar, width: int) -> int | None:
    """How many of the ``gap``'s lines (compact, in order) end the name of the row ``above``, the
    rest beginning the name of the row ``below`` (whose ``lines`` are its code line's part, if any);
    ``width`` is the widest line of names the table prints (display columns). None when the text
    cannot tell."""
    cuts = list(range(len(gap) + 1))
    named = _named(above, gap, below, cuts)
    fitting = [c for c in named if _fills(above, below, gap, c, width)]
    left = fitting or named
    if len(left) == 1:
        return left[0]
    # Centred: as many lines below the code line as above; a row whose code line prints no name
    # then has some above it.
    centred = above.head
    return centred if centred in left and (centred < len(gap) or below.lines) else None


def _named(above: NameSoFar, gap: Sequence[str], below: NameSoFar, cuts: list[int]) -> list[int]:
    """The cuts where the row above reads as one of its code's names, narrowed to those where the row
    below begins one of its own (when some does); every cut when none reads so above (the printed
    name is none of the classification's, or its code unknown: the names cannot tell)."""
    whole = [c for c in cuts if is_name_of(above.code, "".join((*above.lines, *gap[:c])))]
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
