"""A laid-out table row printed without a label (figures alone) is read, as one row per line reads it.

The 财政拨款“三公”经费支出决算表 prints one row of figures under its header, with no name; -layout
writes it between blank lines (the lines below are the real Putuo 2024 text).
"""

from __future__ import annotations

from budget_reports.readers.laid_out_rows import gather_laid_out_rows

THREE_PUBLIC_ROW = "  0.95                                                              0.95"


def _texts(rows):
    return [[token.text for token in row] for row in rows]


def test_a_row_of_figures_alone_is_a_row() -> None:
    lines = [("", 18, 11), (THREE_PUBLIC_ROW, 18, 12), ("", 18, 13)]
    assert _texts(gather_laid_out_rows(lines, coded=False)) == [["0.95", "0.95"]]


def test_figures_above_a_label_still_belong_to_it() -> None:
    lines = [("  1,200.00   300.00", 1, 1), ("合计    ", 1, 2), ("", 1, 3)]
    assert _texts(gather_laid_out_rows(lines, coded=False)) == [["合计", "1,200.00", "300.00"]]


def test_in_a_coded_table_figures_without_their_code_make_no_row() -> None:
    lines = [("", 1, 1), ("   60.99      60.99", 1, 2), ("", 1, 3)]
    assert gather_laid_out_rows(lines, coded=True) == []
