"""Numbers pdftotext writes among a table's cells that are no figures: page numbers in a form no
figure takes (``-9-``, ``- 9 -``, ``第9页``) and the columns' numbers (栏次 1 2 3 …)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from budget_reports.normalize import compact
from budget_reports.numbering import PAGE_NUMBER

# A column's number: never zero-padded (a code's 款 or 项 part is: ``05``), never a money figure.
COLUMN_NUMBER = re.compile(r"^[1-9]\d?$")
COLUMN_NUMBER_WORDS = ("栏次", "行次")  # the label of a row numbering the columns


# Set off by dashes on both sides, or worded: a dash on one side only is an empty cell's beside a figure
# (``-2500``) or a negative figure.
_DECORATED = re.compile(r"[-—–]+\d{1,4}[-—–]+|.*[第页/／].*")


# The same, glued to the start or the end of a line of text (pdfplumber: ``- 6 -2021年实际在职``).
_GLUED_DECORATED = re.compile(r"^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*|\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$")


def without_glued_page_number(text: str) -> str:
    """The line without a page number set off by dashes that an extractor glued to its start or end."""
    return _GLUED_DECORATED.sub("", text) if any(map(str.isdigit, text)) else text


def is_page_number(key: str) -> bool:
    """A page number in a form no figure takes (``-3-``, ``第3页``, ``3/25``; ``key`` compacted). A bare
    number is one only where it runs with the pages (``wrapped_text.furniture``, whose page numbers are
    dropped before tables are read): any other is a figure, a row's cell split from it at the page break."""
    return _DECORATED.fullmatch(key) is not None and PAGE_NUMBER.match(key) is not None


def is_column_number_cell(text: str) -> bool:
    """A cell of the 栏次 row alone or with its label (``1 栏次``, ``2``): where no code is printed (an
    overview), a bare one- or two-digit number is a column's number."""
    words = text.split()
    return bool(words) and all(w in COLUMN_NUMBER_WORDS or COLUMN_NUMBER.match(w) for w in words)


def opens_column_numbers(text: str) -> bool:
    """A line opening with the 栏次 (行次) label: the row numbering the columns, or its label's cell."""
    return compact(text).startswith(COLUMN_NUMBER_WORDS)


def header_before_column_numbers(text: str) -> str | None:
    """The header words a line prints before the 栏次 row (``科目编码 栏次 1 2 3 4 5 6``: a header cell's
    last line on the baseline of the columns' numbers, pdf.js), or None where it does not end so."""
    for word in COLUMN_NUMBER_WORDS:
        at = text.find(word)
        numbers = text[at + len(word) :].split() if at > 0 else []
        if numbers and column_numbers_one_per_line(numbers) == len(numbers):
            return text[:at].rstrip()
    return None


def holds_column_numbers(text: str) -> bool:
    """A line printing the 栏次 row: opening with its label, or with a header cell's last words before
    it (``header_before_column_numbers``); a header repeated on a later page prints it so too."""
    return opens_column_numbers(text) or header_before_column_numbers(text) is not None


def column_numbers_one_per_line(texts: Iterable[str]) -> int:
    """How many of the lines ``texts`` opens with hold the 栏次 row of a table without a label column
    written a number to a line (PyMuPDF: ``1`` / ``2`` / ``3`` …, blank lines between in pdftotext's
    text): 0 unless three at least count up from 1, as ``numbers_columns_alone`` asks of one line."""
    expected, taken = 1, 0
    for k, text in enumerate(texts):
        word = text.strip()
        if word == str(expected):
            expected += 1
            taken = k + 1
        elif word:
            break
    return taken if expected > 3 else 0


def numbers_columns_alone(text: str) -> bool:
    """The 栏次 row of a table without a label column (the 三公 table's ``1 2 3 4 5 6 7``): no label to
    print 栏次 in, so its numbers stand alone, counting up from 1 one by one. Three at least: a row of
    figures counting so (1, 2, 3) is not one a report prints, while a line of one or two may be."""
    words = text.split()
    return bool(words) and column_numbers_one_per_line(words) == len(words)
