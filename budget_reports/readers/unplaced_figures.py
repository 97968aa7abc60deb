"""The safety net of a table rebuilt from text lines: a money figure its lines print that no cell
of its grid holds and no ambiguous cell reports reached no row (a reader dropped it), and is
reported as a figure whose row is unknown, never lost in silence.

Only figures no code, line number or year can be taken for are counted (``BARE_FIGURE``: decimals
or thousands separators), each as often as it is printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import chain
from typing import Protocol

from budget_reports.model import AmbiguousCell, Table
from budget_reports.normalize import parse_decimal
from budget_reports.readers.block_words import BARE_FIGURE
from budget_reports.readers.column_blocks import BlockLine, unplaced_figure


class _Line(Protocol):
    text: str
    page: int | None
    line: int


def placed_nowhere(
    lines: Sequence[_Line], table: Table, reported: Sequence[AmbiguousCell], columns: Sequence[tuple[str, ...]]
) -> list[AmbiguousCell]:
    """The figures printed on ``lines`` (a table's, after its title) beyond those ``table``'s cells
    hold and ``reported`` reports, each as a figure of an unknown row that may be in ``columns``."""
    left = _values(chain((cell.text for cell in table.cells), (cell.figure for cell in reported)))
    missing: list[AmbiguousCell] = []
    for line in lines:
        text = line.text
        if "." not in text and "," not in text:
            continue  # no bare figure (each prints a point or a comma): a header's or a label's line
        for word in text.split():
            value = _value(word)
            if value is None:
                continue
            if left[value] > 0:
                left[value] -= 1
            else:
                missing.append(unplaced_figure(BlockLine(word, line.page, line.line), columns))
    return missing


def _values(texts: Iterable[str]) -> Counter[Decimal]:
    # A text without a point or a comma is no bare figure: most cells (headers, labels) are asked no further.
    return Counter(
        value for text in texts if ("." in text or "," in text) and (value := _value(text.strip())) is not None
    )


@lru_cache(maxsize=16_384)  # every rebuild of a table asks it of the same words again
def _value(word: str) -> Decimal | None:
    return parse_decimal(word) if BARE_FIGURE.match(word) else None
