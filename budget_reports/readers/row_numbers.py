"""The 行次 column: a number printed after each row's label, numbering the rows, not a figure.

The overviews of the national forms (收入支出决算总表, 财政拨款收入支出决算总表 …) print each side as
项目 | 行次 | 决算数: ``一、一般公共预算财政拨款收入 1 2,940.05 一、一般公共服务支出 13 2,106.66``. Read as
figures, the row numbers take the rows' first money columns. Where a table's header names a 行次
column, each row's number is taken out of its line before the rows are read:

- the number right after a label on its line (every row of such a table prints one, empty or not);
- a number opening a line whose label the extractor wrote on other lines (pdfplumber centres a wrapped
  label on its row's line), where it runs on from a row number taken by its label (one more or one
  less than one): a figure has no place in that sequence.

A row number is one to three digits, never zero-padded, never with a separator or decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from budget_reports.normalize import compact, is_cjk
from budget_reports.readers.linear_rows import EMPTY_CELL_MARKS, is_figure
from budget_reports.readers.printed_numbers import opens_column_numbers

ROW_NUMBER_WORD = "行次"
_ROW_NUMBER = re.compile(r"^[1-9]\d{0,2}$")
_WORD = re.compile(r"\S+")


def numbers_its_rows(header_texts: Iterable[str]) -> bool:
    """A header naming a 行次 column, on one line or wrapped in its narrow cell: 行 on one line, 次 on
    a later one (the header's other cells' lines may come between). A line opening with 行次 numbers
    the columns instead (``printed_numbers``): it is no header line."""
    texts = [text for text in header_texts if not opens_column_numbers(text)]
    if any(ROW_NUMBER_WORD in compact(text) for text in texts):
        return True
    first, last = ROW_NUMBER_WORD
    pieces = [set(text.split()) for text in texts]
    return any(first in words and any(last in below for below in pieces[i + 1 :]) for i, words in enumerate(pieces))


def without_row_numbers(texts: list[str], keep_columns: bool) -> list[str]:
    """The lines with their rows' numbers taken out: blanked where the text keeps its columns by
    position (``keep_columns``: -layout), else removed with the space before them."""
    words = [[(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)] for text in texts]
    numbers = _row_numbers(words)
    out = []
    for i, (text, line) in enumerate(zip(texts, words, strict=True)):
        for k in sorted((k for j, k in numbers if j == i), reverse=True):
            start, end, _ = line[k]
            if keep_columns:
                text = text[:start] + " " * (end - start) + text[end:]
            else:
                text = (text[:start].rstrip(" ") + " " + text[end:].lstrip(" ")).strip(" ")
        out.append(text)
    return out


def _row_numbers(words: list[list[tuple[int, int, str]]]) -> set[tuple[int, int]]:
    """(line, word) of each row number: those right after a label, then, until none is added, a number
    opening a line or following a figure whose value runs on from one taken (one more or one less)."""
    candidates = {
        (i, k): int(word)
        for i, line in enumerate(words)
        for k, (_, _, word) in enumerate(line)
        if _ROW_NUMBER.match(word) and (k == 0 or _is_label(line[k - 1][2]) or is_figure(line[k - 1][2]))
    }
    taken = {(i, k) for i, k in candidates if k > 0 and _is_label(words[i][k - 1][2])}
    values = {candidates[place] for place in taken}
    added = True
    while added:
        added = False
        for place, value in candidates.items():
            if place not in taken and value not in values and (value - 1 in values or value + 1 in values):
                taken.add(place)
                values.add(value)
                added = True
    return taken


def _is_label(word: str) -> bool:
    return word not in EMPTY_CELL_MARKS and not is_figure(word) and any(map(is_cjk, word))
