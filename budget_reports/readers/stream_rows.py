"""The rows a side-by-side table's cell stream prints whole and in order: a line's code (``301 |
01``, ``30101``), its name (wrapped or not, its 款 part printed before, within or after it), then
one figure, before the next row's code or a total's label.

Only a candidate: ``pdftotext`` writes some figures late, after other rows' cells (``302 | 14 租赁费
| 69.41 | 303 | 对个人和家庭的补助``: 69.41 is 303's, printed on its left). The caller trusts a class's
rows only where the table's sums confirm them all (``side_by_side_streams``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from budget_reports.normalize import compact
from budget_reports.readers.block_words import BARE_FIGURE, CLASS_CODE, CODE_PART, WHOLE_CODE
from budget_reports.readers.column_blocks import BlockLine

_LINE_LENGTH = 5  # a line's code: its class's 3 digits and its 款 part


@dataclass(frozen=True, slots=True)
class StreamRow:
    """A line printed whole: its code, its name's words and the index of its one figure among the
    stream's figures."""

    code: str
    name: tuple[BlockLine, ...]
    figure: int

    @property
    def name_text(self) -> str:
        return "".join(compact(word.text) for word in self.name)


@dataclass(slots=True)
class _Open:
    code: list[str]
    name: list[BlockLine]
    figures: list[int]
    figure_first: bool = False  # a figure before any word of the name: whose it is, the order does not say


def stream_rows(
    cells: Sequence[BlockLine], classes: Collection[str], skipped: Collection[str], ends: Collection[str]
) -> list[StreamRow]:
    """The lines of ``classes`` the stream ``cells`` (one word each, in print order) prints whole:
    a code, a name, exactly one figure. ``skipped``: header words the stream may print among a row's
    cells (类, 款, 栏次 …); ``ends``: words ending a row (total labels). A row whose code holds more
    than one 款 part, or no name, is none."""
    out: list[StreamRow] = []
    current: _Open | None = None
    figure = -1

    def close() -> None:
        if current is None or len(current.figures) != 1 or not current.name or current.figure_first:
            return
        code = "".join(current.code)
        if len(code) == _LINE_LENGTH:
            out.append(StreamRow(code, tuple(current.name), current.figures[0]))

    for cell in cells:
        text = compact(cell.text)
        if BARE_FIGURE.match(text):
            figure += 1
            if current is not None:
                current.figures.append(figure)
                current.figure_first = current.figure_first or not current.name
        elif (CLASS_CODE.match(text) or (WHOLE_CODE.match(text) and len(text) == _LINE_LENGTH)) and text[:3] in classes:
            close()
            current = _Open([text], [], [])
        elif text in ends:
            close()
            current = None
        elif current is None or text in skipped or not text.strip("-—"):
            continue
        elif CODE_PART.match(text):
            current.code.append(text)
        else:
            current.name.append(cell)
    close()
    return out
