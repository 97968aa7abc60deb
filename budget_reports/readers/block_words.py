"""The bare cells of a coded table that pdftotext (default mode) writes one to a line."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache

from budget_reports.normalize import parse_decimal

CLASS_CODE = re.compile(r"^\d{3}$")  # a 类 code
CODE_PART = re.compile(r"^\d{2}$")  # a 款 or 项 part of a code
# A code printed whole: 类, 类+款 or 类+款+项 (``208``, ``20805``, ``2080501``).
WHOLE_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_WHOLE_CODE_LENGTHS = (3, 5, 7)  # a 类's code, a 款's, a 项's
# A money figure: decimals, or thousands grouped with commas.
BARE_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")


def is_whole_code(text: str) -> bool:
    """A word ``WHOLE_CODE`` matches, told by testing it instead of running the pattern: the row readers
    ask it of most words of every row (a word holds no line break)."""
    return len(text) in _WHOLE_CODE_LENGTHS and text.isdecimal()  # isdecimal: what ``\d`` matches


def is_code_part(text: str) -> bool:
    """A word ``CODE_PART`` matches, told as ``is_whole_code``."""
    return len(text) == 2 and text.isdecimal()


@lru_cache(maxsize=4096)  # the same figures are asked again for every placement tried
def figure_value(text: str) -> Decimal:
    """The value of a word ``BARE_FIGURE`` matched (``2,152.26`` → 2152.26)."""
    value = parse_decimal(text)
    assert value is not None, text  # only bare figures reach here
    return value


def wrapped_cell_runs(
    texts: Sequence[str], words: Collection[str], usable: Sequence[bool], max_lines: int
) -> Iterator[tuple[int, int]]:
    """Each run of successive ``usable`` lines, ``(first, last)``, that joins into one of ``words``: a
    cell wrapped over up to ``max_lines`` lines (``财政拨款收`` / ``入``), or printed whole on one. From
    each first line the shortest such run, in the order of their first lines."""
    for first in range(len(texts)):
        joined = ""
        for last in range(first, min(first + max_lines, len(texts))):
            if not usable[last]:
                break
            joined += texts[last]
            if joined in words:
                yield first, last
                break
