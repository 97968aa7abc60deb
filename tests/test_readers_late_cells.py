"""A cell stream whose row's later cells come after the rows below, placed by the sums.

The streams have the shape pdftotext gives Putuo's 支出预算总表 printed with 合计 last (its 208
class: 基本支出 | 项目支出 | 合计, the class's 项目支出 and 合计 after its 款 lines), with round
figures, one a line, as ``column_blocks`` hands them on; the real table's text is read whole in
``tests/test_late_cells_pdf.py``.
"""

from __future__ import annotations

from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.late_cells import place_late_cells
from budget_reports.readers.row_streams import place_cells
from budget_reports.readers.table_headers import match_layout

CODES = ["208", "20805", "2080501", "2080505", "20808", "2080801", None]
# Row by row, 合计 last; 208's 项目支出 and 合计 written after 2080505's row (its 项目支出 column empty
# down to 20808's).
LATE = [
    "5,000",  # 208 基本支出
    "5,000",  # 20805
    "5,000",
    "3,000",  # 2080501
    "3,000",
    "2,000",  # 2080505
    "2,000",
    "294",  # 208 项目支出, late
    "5,294",  # 208 合计, late
    "294",  # 20808
    "294",
    "294",  # 2080801
    "294",
    "5,000",  # 合计 row
    "294",
    "5,294",
]
SIDE = match_layout("科目编码 科目名称 基本支出 项目支出 合计").sides[0]


def _lines(texts: list[str]) -> list[BlockLine]:
    return [BlockLine(text, 1, k + 10) for k, text in enumerate(texts)]


def test_late_cells_are_moved_back_to_their_row() -> None:
    lines = _lines(LATE)
    assert place_cells(lines, CODES, SIDE) is None  # a column no longer top to bottom
    placed = place_late_cells(lines, CODES, SIDE)
    assert placed is not None
    rows, unplaced = placed
    assert unplaced == []
    assert [line.text for line in rows[0].lines] == ["5,000", "294", "5,294"]
    basic, project, total = (SIDE.money.index((word,)) for word in ("基本支出", "项目支出", "合计"))
    # Moved, its parts may stand in either part column (the class's 款 lines decide).
    assert set(rows[0].candidates) == {(basic, project, total), (project, basic, total)}
    assert [line.text for line in rows[2].lines] == ["3,000", "3,000"]
    assert [line.text for line in rows[6].lines] == ["5,000", "294", "5,294"]


def test_late_cells_written_apart_from_each_other() -> None:
    """208's late 项目支出 and 合计 with the 合计 row's 基本支出 between them."""
    texts = [*LATE[:7], *LATE[9:13], "5,000", "294", "294", "5,294", "5,294"]
    placed = place_late_cells(_lines(texts), CODES, SIDE)
    assert placed is not None
    rows, unplaced = placed
    assert unplaced == [] and sorted(rows) == list(range(len(CODES)))
    assert sorted(line.text for line in rows[0].lines) == ["294", "5,000", "5,294"]


def test_a_late_figure_no_row_takes_leaves_the_stream_unplaced() -> None:
    texts = [*LATE[:7], "300", "5,294", *LATE[9:]]  # 5,000 + 300 is no 5,294
    assert place_late_cells(_lines(texts), CODES, SIDE) is None
