"""The rows a side-by-side table's cell stream prints whole and in order: a line's code (``301 |
01``, ``30101``), its name (wrapped or not, its 款 part printed before, within or after it), then
one figure, before the next row's code or a total's label.

A table printing each class's code once, on the class's own row (its lines' cells ``01`` / ``基本工资``
under it), writes a line's 款 part alone: after a row printed whole, a part opens the next row, and
its class is the one of the table's classes whose line of that part bears the row's name in the
classification (``lines_named``); the two halves' rows alternate in such a stream (PyMuPDF writes
``01 基本工资`` / ``262.33`` / ``01 办公费`` / ``21.21``), so the last class printed says nothing.

Only a candidate: ``pdftotext`` writes some figures late, after other rows' cells (``302 | 14 租赁费
| 69.41 | 303 | 对个人和家庭的补助``: 69.41 is 303's, printed on its left). The caller trusts a class's
rows only where the table's sums confirm them all (``side_by_side_streams``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
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
        return _joined(self.name)


def _part_alone(row: _Open) -> bool:
    return len(row.code) == 1 and CODE_PART.match(row.code[0]) is not None


def _joined(words: Sequence[BlockLine]) -> str:
    """A name's words, compact, as one."""
    return "".join(compact(word.text) for word in words)


@dataclass(slots=True)
class _Open:
    code: list[str]
    name: list[BlockLine]
    figures: list[int]
    figure_first: bool = False  # a figure before any word of the name: whose it is, the order does not say


def stream_rows(
    cells: Sequence[BlockLine],
    classes: Collection[str],
    skipped: Collection[str],
    ends: Collection[str],
    lines_named: Callable[[str], Collection[str]] = lambda name: (),
    named_elsewhere: Callable[[str], bool] = lambda code: False,
) -> list[StreamRow]:
    """The lines of ``classes`` the stream ``cells`` (one word each, in print order) prints whole:
    a code, a name, exactly one figure. ``skipped``: header words the stream may print among a row's
    cells (类, 款, 栏次 …); ``ends``: words ending a row (total labels); ``lines_named``: the line
    codes bearing a (compact) name in the classification, which give a row opened by its 款 part
    alone its class; ``named_elsewhere``: whether a line's name is printed elsewhere in the stream (a
    name wrapped in its cell, its block written after the rows below: ``301 | 08 | 160.75`` …
    ``机关事业单位基本养老 | 保险缴费``), which keeps a row printing its whole code and one figure
    but no name. A row whose code holds more than one 款 part, or no name, is none."""
    out: list[StreamRow] = []
    current: _Open | None = None
    figure = -1

    def close() -> None:
        if current is None or len(current.figures) != 1:
            return
        code = "".join(current.code)
        if not current.name and len(code) == _LINE_LENGTH and named_elsewhere(code):
            out.append(StreamRow(code, (), current.figures[0]))
            return
        if not current.name or current.figure_first:
            return
        if _part_alone(current):
            named = lines_named(_joined(current.name))
            owners = {line[:3] for line in named if line[3:] == code and line[:3] in classes}
            code = owners.pop() + code if len(owners) == 1 else ""
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
        elif CODE_PART.match(text) and current.name and (current.figures or _part_alone(current)):
            # After a row printed whole, or one opened by its part (it takes no other), a part alone
            # opens the next row: its class printed once, on the class's row.
            close()
            current = _Open([text], [], [])
        elif CODE_PART.match(text):
            current.code.append(text)
        else:
            current.name.append(cell)
    close()
    return out
