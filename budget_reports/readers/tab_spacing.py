"""Laid-out text whose runs of spaces a tool turned into TABs, spaced out again.

``pdftotext -layout`` sets a table's columns with runs of spaces. A text passed through ``unexpand``
or an editor's tab compression writes each run reaching a tab stop (every 8 columns) as TABs, so its
lines open with TABs as a Word export's table cells do, and its columns are lost until the TABs are
expanded. Tools count the columns to a tab stop three ways: by UTF-8 byte (GNU ``unexpand``), by
character, or by display width (an editor: a Chinese character takes two). The text does not say
which: each is tried, and the one whose figures end on the fewest columns (figures are set flush
right in their columns) is kept.

Word writes one TAB before each table cell, the cell's text right after it (a row's cells on one line
or on lines of their own); a tool compressing an indent writes a TAB for each tab stop it reaches, then
the spaces left. A text is taken as tab-spaced where more of its lines opening with a TAB go on with
another TAB or a space than with text (the sample reports: 0 to 64 of 464 to 3,552; a compressed
``-layout`` text: 118 of 121 and 182 of 187). A text with no line opening with a TAB keeps its TABs as
word breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from budget_reports.normalize import display_width

_TAB_STOP = 8
# A figure as a laid-out table prints it, and where it ends.
_FIGURE = re.compile(r"(?<!\S)-?\d[\d,]*(?:\.\d+)?%?(?!\S)")


def is_tab_spaced(text: str) -> bool:
    """Whether the text's TABs stand for runs of spaces rather than open a Word export's cells. Told
    by counting (no scan by pattern: every Word export holds thousands of TABs)."""
    if "\t" not in text:
        return False
    opening = text.count("\n\t") + text.startswith("\t")
    indented = text.count("\n\t\t") + text.count("\n\t ") + text.startswith(("\t\t", "\t "))
    return 2 * indented > opening


def spaced_out(text: str) -> str:
    """``text`` with its TABs expanded under the tab-stop count that sets its figures in columns."""
    expansions = (
        text.encode("utf-8").expandtabs(_TAB_STOP).decode("utf-8"),
        text.expandtabs(_TAB_STOP),
        _expanded_by_width(text),
    )
    return min(expansions, key=_figure_ends)


def _expanded_by_width(text: str) -> str:
    return "\n".join(_line_by_width(line) for line in text.split("\n"))


def _line_by_width(line: str) -> str:
    if "\t" not in line:
        return line
    out: list[str] = []
    column = 0
    for piece in re.split(r"(\t)", line):
        if piece == "\t":
            spaces = _TAB_STOP - column % _TAB_STOP
            out.append(" " * spaces)
            column += spaces
        else:
            out.append(piece)
            column += display_width(piece)
    return "".join(out)


def _figure_ends(text: str) -> int:
    """How many columns the figures of the text's lines of two or more figures end on, counted as a
    laid-out text's reader counts them (by character or by display width), the fewer of the two."""
    lines = [line for line in text.split("\n") if len(_FIGURE.findall(line)) >= 2]
    return min(_distinct_ends(lines, len), _distinct_ends(lines, display_width))


def _distinct_ends(lines: list[str], width: Callable[[str], int]) -> int:
    return len({width(line[: m.end()]) for line in lines for m in _FIGURE.finditer(line)})
