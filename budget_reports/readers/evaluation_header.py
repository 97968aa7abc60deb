"""The header block of a self-evaluation table (绩效自评表) written as lines: its labels and values.

Extractors break a label inside its narrow cell (``专项`` / ``（项`` / ``目）`` / ``名称``), print two
cells' pieces interleaved on one baseline (``主管部 实施单`` / ``<name> <name>`` / ``门 位``), or a
value between its label's pieces (-layout). Pieces are put back together into the labels of the
catalogue (``evaluation_labels``) they start; a value goes to the label whose cell it stands in
(the i-th value of a line to the i-th label still open). The money columns come out in the order
they are printed where it is known: by position in -layout text, by reading order where no two
column labels were printed interleaved, else every order the shared lines allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import permutations

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.projects import fund_column
from budget_reports.normalize import compact
from budget_reports.readers import evaluation_labels as labels
from budget_reports.readers.linear_tables import SourceLine

# A piece of a wrapped frame label (``（万``, ``元）``, ``总``) printed between fund lines.
_FRAGMENT_MAX_CHARS = 4
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
# More columns than this are not tried in every order (6! = 720 orders).
_MAX_UNORDERED_COLUMNS = 6
_LABELS = labels.all_labels()
VALUE_KINDS = (labels.NAME, labels.DEPARTMENT, labels.OTHER)
ANY_LABEL = tuple(_LABELS)
_COLUMNS = tuple(label for label, kind in _LABELS.items() if kind == labels.COLUMN)
_VALUES = tuple(label for label, kind in _LABELS.items() if kind in VALUE_KINDS)
_FRAMES = tuple(label for label, kind in _LABELS.items() if kind == labels.FRAME)


@dataclass(slots=True)
class Token:
    line: SourceLine
    x: int  # where it starts on its line (a position only in laid-out text)
    text: str
    key: str
    place: tuple[int, int] = (0, 0)  # (line of the block, index on that line)


@dataclass(slots=True)
class _Label:
    """A label being pieced together from its fragments, and the value printed in its cell."""

    key: str
    x: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    value: list[Token] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return _LABELS.get(self.key)

    def takes(self, fragment: str) -> bool:
        joined = self.key + fragment
        return any(label.startswith(joined) for label in ANY_LABEL)


@dataclass(slots=True)
class Header:
    """What the header block gives: labelled values and the money columns, in print order."""

    values: dict[str, list[Token]] = field(default_factory=dict)
    columns: list[_Label] = field(default_factory=list)
    interleaved: bool = False  # two column labels were printed piece by piece on the same lines
    reason_column: bool = False  # a column of text (``原因``) follows the money columns


def tokens_of(line: SourceLine, row: int) -> list[Token]:
    out: list[Token] = []
    for match in _TOKEN.finditer(line.text):
        key = labels.PERCENT_NOTE.sub("", compact(match.group()))
        if out and out[-1].key in ("其中", "其中:"):  # ``其中： 财政拨款``: one label
            previous = out.pop()
            out.append(Token(line, previous.x, previous.text + match.group(), previous.key + key, previous.place))
        elif key:
            out.append(Token(line, match.start(), match.group(), key, (row, len(out))))
    return out


def is_fragments(tokens: list[Token]) -> bool:
    """Pieces of the frame's wrapped labels (``（万``, ``元）``, ``项目资金（``), not a cell's content."""
    return all(
        (len(t.key) <= _FRAGMENT_MAX_CHARS and not _DIGIT.search(t.key))
        or any(t.key in f for f in _FRAMES)
        or labels.POINTS_NOTE.match(t.key)
        for t in tokens
    )


def is_figure(token: Token) -> bool:
    text = token.text
    return cells.is_blank(text) or cells.money(text.rstrip("%％")) is not None


class LabelReader:
    """Pieces labels together from the header block's tokens and gives each value to its label."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.open: list[_Label] = []  # labels whose cell may still print fragments or its value

    def read(self, tokens: list[Token]) -> None:
        value_index = 0
        for token in tokens:
            label = next((o for o in self.open if o.takes(token.key)), None)
            if label is not None:
                label.key += token.key
                label.pieces.append(token.place)
            elif starts_label(token.key, ANY_LABEL):
                self._close_done()
                if starts_label(token.key, _COLUMNS) and any(
                    o.kind is None and starts_label(o.key, _COLUMNS) for o in self.open
                ):
                    self.header.interleaved = True  # two columns' labels printed piece by piece, mixed
                self.open.append(_Label(token.key, token.x, [token.place]))
            else:
                takers = [
                    o for o in self.open if o.kind in VALUE_KINDS or (o.kind is None and starts_label(o.key, _VALUES))
                ]
                if takers:
                    takers[min(value_index, len(takers) - 1)].value.append(token)
                value_index += 1
            self._record()

    def _close_done(self) -> None:
        """Labels complete and no longer growing leave: a new label's cell starts."""
        self.open = [o for o in self.open if o.kind is None or (o.kind in VALUE_KINDS and not o.value)]

    def _record(self) -> None:
        for label in self.open:
            kind = label.kind
            if kind == labels.COLUMN and all(c is not label for c in self.header.columns):
                self.header.columns.append(label)
            elif kind in VALUE_KINDS and label.value:
                self.header.values.setdefault(kind, label.value)
            elif kind == labels.FRAME and label.key in labels.REASON_LABELS:
                self.header.reason_column = True


def starts_label(key: str, known: tuple[str, ...]) -> bool:
    return any(label.startswith(key) for label in known)


def column_orders(header: Header, laid_out: bool) -> list[tuple[int, ...]]:
    """The orders the money columns may stand in, as indices of ``header.columns``."""
    columns = header.columns
    count = len(columns)
    if laid_out:
        return [tuple(sorted(range(count), key=lambda n: columns[n].x))]
    if not header.interleaved or count > _MAX_UNORDERED_COLUMNS:
        return [tuple(range(count))]
    # Pieces of two labels printed on one line stand in the columns' order.
    before = {
        (a, b)
        for a in range(count)
        for b in range(count)
        if any(pa[0] == pb[0] and pa[1] < pb[1] for pa in columns[a].pieces for pb in columns[b].pieces)
    }
    orders = [order for order in permutations(range(count)) if _keeps(order, before)]
    return [order for order in orders if _as_every_form_prints(order, columns)] or orders


# The money columns' order on every self-evaluation form (the national template's 年初预算数 | 全年预算数 |
# 全年执行数 | 分值 | 执行率 | 得分 and provinces' forms without some of them): a budget before the
# execution measured against it, the rate after the execution. 分值 and 得分 stand where forms differ.
_PRINTED_ORDER = ("budget_initial", "budget_final", "executed", "execution_rate_declared")


def _as_every_form_prints(order: tuple[int, ...], columns: list[_Label]) -> bool:
    """Whether ``order`` puts the columns whose role every form orders alike in that order."""
    ranks = [_PRINTED_ORDER.index(role) for n in order if (role := fund_column(columns[n].key)) in _PRINTED_ORDER]
    return ranks == sorted(ranks)


def _keeps(order: tuple[int, ...], before: set[tuple[int, int]]) -> bool:
    at = {column: n for n, column in enumerate(order)}
    return all(at[a] < at[b] for a, b in before)
