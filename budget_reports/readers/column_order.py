"""The order a table prints its money columns in, read from its header and checked by its rows.

The layout catalogue (``table_headers``) lists a table's columns as the national templates print
them, each total before its parts (合计 | 基本支出 | 项目支出). Some provinces and counties print
the total after its parts (基本支出 | 项目支出 | 合计, 人员经费 | 公用经费 | 合计, 购置费 | 运行费 |
小计): a row's figures must then be taken in that order, or its total and parts change places.
``Side.printed_orders`` lists the orders a side may be printed in; the header says which:

- laid-out text (``pdftotext -layout``): the order in which the header cells stand, left to right;
- text written one row per line: the order of the header's words (``in_printed_word_order``).

A header printing the names in the catalogue's order keeps it. An order the header alone prints
stands where the rows keep their sums in it at least as often as in the catalogue's (some
extractors write a header's words in no reliable order). Where the header prints none of the
orders (a name worded otherwise or cut over lines) or several, the one order in which more rows
keep their sums than in any other, the catalogue's included, is taken; else the catalogue's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from itertools import islice, product

from budget_reports.normalize import parse_decimal
from budget_reports.readers.cell_assignment import keeps_sums, row_candidates
from budget_reports.readers.laid_out_columns import header_words, money_columns_in
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

    A row side counts for an order when some placement of its figures in that order keeps its sums
    (all of them in turn, for a row printing every figure)."""
    ordered = _orderings(layout)
    if len(ordered) == 1:
        return layout  # one order only: nothing for the header to tell
    found: list[HeaderLayout] = []
    for header in headers:
        printed_orders = _orders_printed(tuple(header), layout, measure)
        if printed_orders == (0,):
            return layout  # the catalogue's order, as most reports print it: nothing to weigh
        found = [ordered[k] for k in printed_orders]
        if found:
            break
    printed = _printed_sides(layout, rows, coded)
    # Orders of the columns differing in one side only keep the other sides' sums alike: each
    # side's figures are tried once per order of that side.
    keeps = cache(_keeps)
    catalogue = _kept(layout, printed, keeps)
    if catalogue == len(printed) and len(found) != 1:
        return layout  # every row keeps its sums as the catalogue orders the columns
    if len(found) == 1:
        return found[0] if _kept(found[0], printed, keeps) >= catalogue else layout
    kept = sorted(((_kept(candidate, printed, keeps), k) for k, candidate in enumerate(ordered)), reverse=True)
    (best, k), runner_up = kept[0], kept[1][0]
    return ordered[k] if best > catalogue and best > runner_up else layout


@lru_cache(maxsize=1_024)  # a template's header is printed alike in every report made from it
def _orders_printed(header: tuple[str, ...], layout: HeaderLayout, measure: Measure) -> tuple[int, ...]:
    """The orders of the layout's columns (their indexes in ``_orderings``) whose names the header
    lines print in order: the catalogue's (0) alone where it prints that one, else every other it prints."""
    words = header_words(header, measure)  # read once for every order looked for
    if money_columns_in(words, layout):
        return (0,)
    return tuple(k for k, candidate in enumerate(_orderings(layout)) if k and money_columns_in(words, candidate))


@lru_cache(maxsize=64)  # a few layouts, each asked of every table matching it
def _orderings(layout: HeaderLayout) -> tuple[HeaderLayout, ...]:
    """The layout in each order its sides may be printed in, the catalogue's first."""
    orders = islice(product(*(side.printed_orders() for side in layout.sides)), _MAX_ORDERS)
    return tuple(map(layout.reordered, orders))


def in_printed_word_order(
    header: Sequence[str], body: Sequence[Sequence[Token]], layout: HeaderLayout, coded: bool
) -> HeaderLayout:
    """``in_printed_order`` for text written one row per line: the header's words in the order
    they are written, ``body`` its lines' words."""
    return in_printed_order([[" ".join(header)]], layout, len, body, coded)


def _printed_sides(
    layout: HeaderLayout, rows: Sequence[Sequence[Token]], coded: bool
) -> list[tuple[int, tuple[Decimal, ...]]]:
    """The row sides printing two figures or more under sums (the side's index, its figures): the
    rows whose sums may tell one order of the columns from another (the order changes no width)."""
    out = []
    for tokens in rows:
        cut = segments(list(tokens), coded)
        if len(cut) != len(layout.sides):
            continue
        for index, (side, segment) in enumerate(zip(layout.sides, cut, strict=True)):
            if side.sums and 1 < len(segment.figures) <= len(side.money):
                out.append((index, tuple(parse_decimal(t.text) or Decimal(0) for t in segment.figures)))
    return out


def _kept(
    layout: HeaderLayout,
    printed: Sequence[tuple[int, tuple[Decimal, ...]]],
    keeps: Callable[[tuple[Decimal, ...], int, Sums], bool],
) -> int:
    """How many of those sides can keep their sums with the columns in the layout's order
    (``keeps``: ``_keeps``, or the same remembered)."""
    sides = layout.sides
    return sum(keeps(values, len(sides[index].money), sides[index].sums) for index, values in printed)


Sums = tuple[tuple[int, tuple[int, ...]], ...]


def _keeps(values: tuple[Decimal, ...], width: int, sums: Sums) -> bool:
    """Whether a side's figures keep its sums with its ``width`` columns: all of them in order (a row
    printing every one), or some of the columns left empty."""
    if len(values) == width:
        return keeps_sums(values, sums)
    return bool(row_candidates(values, width, sums).candidates)
