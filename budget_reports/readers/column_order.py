"""The order a table prints its money columns in, read from its header.

The layout catalogue (``table_headers``) lists a table's columns as the national templates print
them, each total before its parts (合计 | 基本支出 | 项目支出). Some provinces and counties print
the total after its parts (基本支出 | 项目支出 | 合计, 人员经费 | 公用经费 | 合计, 购置费 | 运行费 |
小计): a row's figures must then be taken in that order, or its total and parts change places.
``Side.printed_orders`` lists the orders a side may be printed in; the header says which:

- laid-out text (``pdftotext -layout``): the order in which the header cells stand, left to right
  (``in_printed_order``);
- text written one row per line: the order of the header's words, taken only where the rows
  printing every figure keep their sums in it at least as often as in the catalogue's order
  (``in_printed_word_order``): some extractors write a header's words in no reliable order.

A header printing the names in several of the orders (a name printed twice), or in none, keeps the
catalogue's: the sums alone then place the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import islice, product

from budget_reports.normalize import parse_decimal
from budget_reports.readers.cell_assignment import keeps_sums
from budget_reports.readers.laid_out_columns import money_columns
from budget_reports.readers.laid_out_rows import Measure
from budget_reports.readers.linear_rows import Token, segments
from budget_reports.readers.table_headers import HeaderLayout

# Orders of the money columns tried against a header (every side's totals before or after their parts).
_MAX_ORDERS = 256


def in_printed_order(
    headers: Iterable[Sequence[str]],
    layout: HeaderLayout,
    measure: Measure,
    rows: Sequence[Sequence[Token]],
    coded: bool,
) -> HeaderLayout:
    """The layout with its money columns in the order the header prints them (``headers``: each
    page's header lines, the first printing every column's name in one of the orders deciding;
    ``measure`` as the text counts its columns), as the table's ``rows`` (their words) confirm.

    The header's order stands unless the rows printing every figure keep their sums in the
    catalogue's order more often. Where the header tells no order (a name it words otherwise, its
    words in no reliable order), the order those rows keep their sums in most often, when one
    alone does so more often than the catalogue's."""
    orders = list(islice(product(*(side.printed_orders() for side in layout.sides)), _MAX_ORDERS))
    if len(orders) == 1:
        return layout  # one order only: nothing for the header to tell
    ordered = list(map(layout.reordered, orders))
    found: list[HeaderLayout] = []
    for header in headers:
        found = [candidate for candidate in ordered if money_columns(header, candidate, measure)]
        if found:
            break
    if found == [layout]:
        return layout  # the catalogue's order, as most reports print it: nothing to weigh
    full = _full_sides(layout, rows, coded)
    catalogue = _kept(layout, full)
    if len(found) == 1:
        return found[0] if _kept(found[0], full) >= catalogue else layout
    kept = sorted(((_kept(candidate, full), k) for k, candidate in enumerate(ordered)), reverse=True)
    (best, k), runner_up = kept[0], kept[1][0]
    return ordered[k] if best > catalogue and best > runner_up else layout


def in_printed_word_order(
    header: Sequence[str], body: Sequence[Sequence[Token]], layout: HeaderLayout, coded: bool
) -> HeaderLayout:
    """``in_printed_order`` for text written one row per line: the header's words in the order
    they are written, ``body`` its lines' words."""
    return in_printed_order([[" ".join(header)]], layout, len, body, coded)


def _full_sides(
    layout: HeaderLayout, rows: Sequence[Sequence[Token]], coded: bool
) -> list[tuple[int, tuple[Decimal, ...]]]:
    """The sides of rows printing all their figures (the side's index, its figures): the rows whose
    sums tell one order of the columns from another (the order does not change a side's width)."""
    out = []
    for tokens in rows:
        cut = segments(list(tokens), coded)
        if len(cut) != len(layout.sides):
            continue
        for index, (side, segment) in enumerate(zip(layout.sides, cut, strict=True)):
            if side.sums and len(segment.figures) == len(side.money):
                out.append((index, tuple(parse_decimal(t.text) or Decimal(0) for t in segment.figures)))
    return out


def _kept(layout: HeaderLayout, full: Sequence[tuple[int, tuple[Decimal, ...]]]) -> int:
    """How many of those sides keep their sums with the columns in the layout's order."""
    return sum(keeps_sums(values, layout.sides[index].sums) for index, values in full)
