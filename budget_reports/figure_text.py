"""Where a figure stands in a line of text: a number of a given value, or quoted characters.

Reports print the same amount many ways (``2,961.68``, ``2961.68``, full-width ``２９６１．６８``);
a figure is found by its value, not its spelling. Text a finding quotes (a wrong year, a template
placeholder) is found as the same characters, spaces ignored on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

# Full-width digits and separators, one character each, so positions stay those of the original text.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９，．－", "0123456789,.-")
_NUMBER = re.compile(r"(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)")


def numbers(text: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, value) of every number printed in ``text``."""
    for match in _NUMBER.finditer(text.translate(_HALF_WIDTH)):
        try:
            yield match.start(), match.end(), Decimal(match.group().replace(",", ""))
        except InvalidOperation:
            continue


def as_number(text: str) -> Decimal | None:
    """The value of a figure written as text (``"2,961.68"``), or None if it is not a number."""
    try:
        return Decimal(text.translate(_HALF_WIDTH).replace(",", "").strip())
    except InvalidOperation:
        return None


def find_quoted(text: str, wanted: str) -> tuple[int, int] | None:
    """(start, end) of ``wanted`` in ``text``, spaces ignored on both sides; None if absent."""
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in kept)
    target = "".join(wanted.split())
    at = squeezed.find(target) if target else -1
    if at < 0:
        return None
    return kept[at], kept[at + len(target) - 1] + 1


def find_figure(text: str, values: tuple[Decimal, ...], quoted: str | None = None) -> tuple[int, int] | None:
    """(start, end) of the first of ``values`` printed in ``text`` (in their order), else of ``quoted``."""
    spans = list(numbers(text))
    for value in values:
        for start, end, printed in spans:
            if printed == value:
                return start, end
    return find_quoted(text, quoted) if quoted else None
