"""The money block of a self-evaluation table (绩效自评表) written as lines: fund rows and their figures.

A fund row is a fund source's label (``年度资金总额``, ``其中：财政拨款``, ``（二）其他资金`` …) and its
figures, empty cells absent; a label may wrap onto the next line, a row's figures onto the lines
below (one cell per line). The figures are placed in the money columns when the labels leave one
placement; else the row's arithmetic (执行率 = 执行数 / 预算数 as printed, 得分 <= 分值) must leave
one, the same column order for every row; a row gathered from several lines is placed only where
its arithmetic holds, unless the block shows it is printed row by row (each label followed by its
own cells, one a line or neighbours joined at any place, as PyMuPDF writes): then the reading order
is the rows'. A figure not pinned down is left out and reported, never guessed. The block printed
as label/figure pairs (``预算数： 5 执行数： 5``, or a cell or two a line) is read here too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations

from budget_reports.extract.performance import cells
from budget_reports.model import AmbiguousCell
from budget_reports.normalize import rounds_to
from budget_reports.readers import evaluation_labels as labels
from budget_reports.readers.evaluation_header import Token, is_figure, is_fragments, tokens_of
from budget_reports.readers.linear_tables import SourceLine

_PERCENT_SIGN = ("%", "％")
_UNITS = frozenset({"万元", "元"})
# ``预算数：`` figure ``执行数：`` figure: the money block's total printed as label/figure pairs.
_PAIRED_TOTAL_TOKENS = 4
# A fund label broken inside its narrow cell takes at most this many lines (``财政专`` / ``户管理`` / ``资金``).
_LABEL_MAX_LINES = 4
Placement = tuple[int, ...]  # the column index of each figure of a fund line, in print order


@dataclass(slots=True)
class FundLine:
    index: int  # of its last line in the text's lines
    line: SourceLine
    label: Token
    figures: list[Token]  # its cells in print order, an explicit empty cell (``/``) included
    snippet: str
    wrapped: bool = False  # its figures continue on the lines after its label's
    cells_below: bool = False  # its label alone on its line, its figures all on the lines after
    ended: bool = False  # a reason's text after its figures: its last cell is printed


@dataclass(slots=True)
class PairedRow:
    """A row of the ``预算数： 5 执行数： 5`` layout: a label and its figure on each side."""

    label: Token
    budget: Token | None
    executed: Token | None


def paired_money(
    lines: list[SourceLine], i: int, limit: int, tokens: list[Token]
) -> tuple[list[PairedRow], int] | None:
    """The money block printed as label/figure pairs, budget left and execution right (``预算数： 5
    执行数： 5``, then ``其中：财政拨款 5 其中：财政拨款 5`` …), and the index after it. The rows under
    the total are read only where their labels and figures come in pairs of one label each side."""
    keys = [t.key.rstrip(":") for t in tokens]
    at = next((n for n, k in enumerate(keys) if k == labels.PAIRED_BUDGET), None)
    if at is None:
        return None
    total, stream, j = _paired_total(lines, i, limit, tokens[at:])
    if total is None or not all(_in_pairs(t) for t in stream):
        return None
    rows, after_total = [total], j
    while j < limit:
        following = tokens_of(lines[j], 0)
        if following and not all(_in_pairs(t) for t in following):
            break
        stream += following
        j += 1
    groups = _label_groups(stream)
    if groups is None or len(groups) % 2:
        return rows, after_total
    for left, right in zip(groups[::2], groups[1::2], strict=True):
        if left[0].key != right[0].key:
            return rows[:1], after_total
        rows.append(PairedRow(left[0], left[1], right[1]))
    last = max(n for n in range(i, j) if tokens_of(lines[n], 0))
    return rows, last + 1


def _paired_total(
    lines: list[SourceLine], i: int, limit: int, tokens: list[Token]
) -> tuple[PairedRow | None, list[Token], int]:
    """The total's pairs (``预算数： 5 执行数： 5``) from ``tokens`` on, the tokens after them on
    their last line and the index of the line after it. Extractors that write each cell on its own
    line, or join neighbouring cells at other places (``预算数：`` / ``5 执行数：`` / ``5``), break
    the four over lines: they are read as a stream across line ends."""
    stream, j = list(tokens), i + 1
    while len(stream) < _PAIRED_TOTAL_TOKENS and j < limit and _paired_total_tokens(stream):
        stream += tokens_of(lines[j], 0)
        j += 1
    head, rest = stream[:_PAIRED_TOTAL_TOKENS], stream[_PAIRED_TOTAL_TOKENS:]
    if len(head) < _PAIRED_TOTAL_TOKENS or not _paired_total_tokens(head) or (rest and j == i + 1):
        return None, [], j  # on the total's own line nothing may follow it (as the pairs' layout prints)
    return PairedRow(head[0], head[1], head[3]), rest, j


def _paired_total_tokens(stream: list[Token]) -> bool:
    """Whether ``stream`` starts ``预算数：`` figure ``执行数：`` figure (as far as it goes)."""
    for n, token in enumerate(stream[:_PAIRED_TOTAL_TOKENS]):
        key = token.key.rstrip(":")
        expected = {0: labels.PAIRED_BUDGET, 2: labels.PAIRED_EXECUTED}.get(n)
        if (key != expected) if expected is not None else not is_figure(token):
            return False
    return True


def _in_pairs(token: Token) -> bool:
    return token.key in ("其中", "其中:") or labels.fund_source(token.key) is not None or is_figure(token)


def _label_groups(stream: list[Token]) -> list[tuple[Token, Token | None]] | None:
    """``其中:`` ``财政拨款`` ``5`` … as (label, its figure or None) in order; None if a figure has no label."""
    groups: list[tuple[Token, Token | None]] = []
    pending: Token | None = None  # a ``其中：`` waiting for its label on the next line
    for token in stream:
        if token.key in ("其中", "其中:"):
            pending = token
        elif labels.fund_source(token.key) is not None:
            if pending is not None:
                token = Token(token.line, pending.x, pending.text + token.text, pending.key + token.key, token.place)
                pending = None
            groups.append((token, None))
        elif groups and groups[-1][1] is None and pending is None:
            groups[-1] = (groups[-1][0], token)
        else:
            return None
    return groups


def fund_line(index_of_line: int, line: SourceLine, tokens: list[Token]) -> FundLine | None:
    """A line of the money block: frame fragments, a fund source, its figures, maybe a reason's text."""
    for index, token in enumerate(tokens):
        if labels.fund_source(token.key) is None:
            continue
        if not is_fragments(tokens[:index]):
            return None
        after = tokens[index + 1 :]
        count = next((n for n, t in enumerate(after) if not is_figure(t)), len(after))
        if count == 0 and after:
            return None  # text after the label: prose that names a fund, not a line of figures
        return FundLine(index_of_line, line, token, after[:count], line.text.strip())
    return None


def broken_label(lines: list[SourceLine], i: int, limit: int, tokens: list[Token]) -> FundLine | None:
    """A fund line whose label wraps inside its narrow cell onto the lines after (``财政专`` /
    ``户管理`` / ``资金 0.00 0.00 …``): pieces alone on their lines, none a figure (a row's last
    figure above the next label is no piece of it), joined until they name a fund source."""
    if len(tokens) != 1 or is_figure(tokens[0]):
        return None
    head = tokens[0]
    key, text = head.key, head.text
    for j in range(i + 1, min(limit, i + _LABEL_MAX_LINES)):
        following = tokens_of(lines[j], head.place[0] + j - i)
        if not following or is_figure(following[0]):
            return None
        key, text = key + following[0].key, text + following[0].text
        if labels.fund_source(key) is not None:
            label = Token(head.line, head.x, text, key, head.place)
            return fund_line(j, lines[j], [label, *following[1:]])
        if len(following) != 1:
            return None
    return None


def continues(fund: FundLine, tokens: list[Token], columns: int) -> bool:
    """A line of figures after a fund line short of figures: its row wrapped (``416.39`` / ``万元 10 …``),
    or its cells come one per line; it may end with the row's last cell, a reason's text."""
    figures, reason = _row_cells(tokens)
    fits = len(fund.figures) + len(figures) <= columns
    return bool(figures) and fits and not fund.ended and not _names_fund(reason)


def is_reason(fund: FundLine, tokens: list[Token], columns: int) -> bool:
    """A line of text only under a row whose money cells are all printed, in a table with a column
    of text after the money (``原因``): the row's reason, printed on its own line (pdftotext -raw
    writes ``总额 80.00 … 8.7`` / ``对一般性支出进`` / ``行压减``)."""
    whole = len(fund.figures) == columns and not fund.ended
    return whole and bool(tokens) and not any(is_figure(t) for t in tokens) and not _names_fund(tokens)


def with_reason(fund: FundLine, line: SourceLine) -> FundLine:
    """The row with its reason's text read: its last cell is printed."""
    return replace(fund, snippet=f"{fund.snippet} {line.text.strip()}", ended=True)


def _names_fund(reason: list[Token]) -> bool:
    """Whether text after a row's figures holds a fund label: another row, not this row's reason."""
    return any(labels.fund_source(t.key) is not None or t.key in ("其中", "其中:") for t in reason)


def _row_cells(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A continuation line's figures (a unit cut off the figure before left out) and the text after them."""
    figures = tokens[1:] if tokens and tokens[0].key in _UNITS else tokens
    count = next((n for n, t in enumerate(figures) if not is_figure(t)), len(figures))
    return figures[:count], figures[count:]


def continued(fund: FundLine, index: int, line: SourceLine, tokens: list[Token]) -> FundLine:
    figures = list(fund.figures)
    cells_below = fund.cells_below or (not fund.wrapped and not figures)
    if tokens[0].key in _UNITS and figures:  # the unit of the figure the line break cut
        last = figures[-1]
        figures[-1] = Token(last.line, last.x, last.text + tokens[0].text, last.key + tokens[0].key, last.place)
        tokens = tokens[1:]
    more, reason = _row_cells(tokens)
    snippet = f"{fund.snippet} {line.text.strip()}"
    return FundLine(index, fund.line, fund.label, figures + more, snippet, True, cells_below, bool(reason))


def placements(
    funds: list[FundLine],
    roles: list[str | None],
    names: list[str],
    unit: str,
    orders: list[tuple[int, ...]],
    row_order: bool = False,
    left_over: bool = False,
) -> tuple[list[dict[int, str]], list[AmbiguousCell]]:
    """Each fund line's figures by column, and the figures left unplaced.

    The labels place a line's figures when every column order allowed gives it one reading. Else
    each order must give every line a reading its arithmetic holds; a line's figures are placed
    when the orders left give it one reading. ``row_order``: the block prints each row's label,
    then its cells (``in_row_order``); ``left_over``: figures no row took follow the block (a block
    of labels, then one of figures): cells printed under a label may be any row's, none is placed."""
    by_order = [[_fits(f.figures, order, roles, unit) for f in funds] for order in orders]
    chosen = _agreed(funds, by_order)
    if any(c is None for n, c in enumerate(chosen) if funds[n].figures):
        checked = [
            [[p for p in fits if _adds_up(p, roles, funds[n].figures)] for n, fits in enumerate(order)]
            for order in by_order
        ]
        viable = [o for o in checked if all(fits for fits in o)]
        chosen = _agreed(funds, viable)
    placed: list[dict[int, str]] = []
    ambiguous: list[AmbiguousCell] = []
    for fund, placement in zip(funds, chosen, strict=True):
        # Cells gathered from several lines were put in a row by reading order alone: the row's
        # arithmetic must hold too, unless the block says the order is the rows'.
        if placement is not None and fund.wrapped and not row_order and not _adds_up(placement, roles, fund.figures):
            placement = None
        if left_over and fund.cells_below:
            placement = None
        if placement is None:
            ambiguous += [_ambiguous(fund, f, names) for f in fund.figures if not cells.is_blank(f.text)]
            placed.append({})
        else:
            placed.append({column: f.text for f, column in zip(fund.figures, placement, strict=True)})
    return placed, ambiguous


def in_row_order(funds: list[FundLine], left_over: bool) -> bool:
    """Whether the money block is printed row by row, each label followed by its own cells (one per
    line, or neighbours joined at any place: PyMuPDF, pdftotext within a block, copied text): two
    rows or more carry figures, each at most a row's worth, and none is left over after the last
    (a block of labels, then a block of figures, would give them all to the last label)."""
    return sum(1 for fund in funds if fund.figures) >= 2 and not left_over


def _fits(figures: list[Token], order: tuple[int, ...], roles: list[str | None], unit: str) -> list[Placement]:
    """Placements of the figures, in print order, into columns taken in ``order`` (empty cells absent)."""
    return [
        chosen
        for chosen in combinations(order, len(figures))
        if all(_may_stand(figure, roles[column], unit) for figure, column in zip(figures, chosen, strict=True))
    ]


def _may_stand(figure: Token, role: str | None, unit: str) -> bool:
    text = figure.text
    if cells.is_blank(text):
        return True
    if role == "execution_rate_declared":
        return cells.percent(text) is not None
    if text.endswith(_PERCENT_SIGN) or role is None:
        return False
    if role in ("weight", "score"):
        return cells.number(text) is not None
    return cells.money(text, unit) is not None


def _adds_up(placement: Placement, roles: list[str | None], figures: list[Token]) -> bool:
    """The line's own arithmetic: 执行率 = 执行数 / 预算数 (to the rate's printed digits; both printed
    where a rate is), 得分 <= 分值."""
    values: dict[str, Decimal] = {}
    for figure, column in zip(figures, placement, strict=True):
        role = roles[column]
        value = cells.percent(figure.text) if role == "execution_rate_declared" else cells.money(figure.text)
        if role is not None and value is not None:
            values[role] = value
    rate, executed = values.get("execution_rate_declared"), values.get("executed")
    base = values.get("budget_final", values.get("budget_initial"))
    if rate is not None and (executed is None or base is None):
        return False  # a rate is printed from the row's execution and budget, never without them
    if rate is not None and executed is not None and base and not rounds_to(executed / base * 100, rate):
        return False
    return not ("score" in values and "weight" in values and values["score"] > values["weight"])


def _agreed(funds: list[FundLine], by_order: list[list[list[Placement]]]) -> list[Placement | None]:
    """Per line, its placement where all the orders give it one reading; None elsewhere."""
    results: list[Placement | None] = []
    for n, fund in enumerate(funds):
        options = {p for order in by_order for p in order[n]}
        readings = {_reading(fund, p) for p in options}
        results.append(next(iter(options)) if len(readings) == 1 else None)
    return results


def _reading(fund: FundLine, placement: Placement) -> tuple[tuple[int, str], ...]:
    """What a placement reads (two equal figures swapped, or empty cells moved, read the same)."""
    pairs = zip(placement, fund.figures, strict=True)
    return tuple(sorted((c, f.text) for c, f in pairs if not cells.is_blank(f.text)))


def _ambiguous(fund: FundLine, figure: Token, names: list[str]) -> AmbiguousCell:
    return AmbiguousCell(
        page=fund.line.page,
        line=fund.line.line,
        figure=figure.text,
        row=fund.label.text,
        candidates=tuple(names),
        snippet=fund.snippet,
    )
