"""pdftotext's default text of a final account whose names wrap at four or five characters in narrow
cells, a dash in each empty money cell, amounts without separators, its codes over 类 | 款 | 项
columns: the coded function tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) are read
by the whole codes each row's parts spell (``readers/split_codes.py``).

Two ways the text writes a row's parts apart from the row, which had every coded table reported
not read (7 table facts of 97 read, on either width):

- wrapped at 4, a name on four lines (机关事业 / 单位基本 / 养老保险 / 缴费支出) has its row's parts
  centred between its second and third lines: pdftotext writes the 项 part alone there, between two
  of its name's pieces (``单位基本`` / ``05`` / ``养老保险``);
- wrapped at 5, the 项 part of 行政单位医疗 (2101101) is written after the next row's class
  (``210`` / ``210 11`` / ``210 11`` / ``221`` / ``01``): 221 01 would be 22101, whose name
  (保障性安居工程支出) the page prints nowhere, while 01 completes the 210 11 printed twice into the
  code of a name it prints.

The report is typeset from its document model (``tests/seed_pdf.py``): no figure is typed here.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import FINAL, Grid, dashes, plain_integers, with_grids, wrapped_names
from tests.seed_pdf import LANDSCAPE, typeset
from tests.serialization_facts import facts, measured

_WIDTHS = (4, 5)
# The coded function tables whose rows are pinned (the 收入决算表 gives its 合计 row only).
_FUNCTION_TABLES = ("支出决算表", "一般公共预算财政拨款支出决算表")
_CODED_TABLES = ("收入决算表", *_FUNCTION_TABLES)
_COMPARED = ("code", "name_as_written", "actual", "basic", "project")

# width -> table facts (of 97) read. Both read 7 before, every coded table reported not read.
# - 4: the three coded tables read whole (53). Both overviews stay reported not read (their
#   本年收入 / 合计 and 本年支出 / 合计 labels, each piece a header word, are no rows): the income
#   source then comes from the 收入决算表's 合计 row, named as that table's column (财政拨款收入, the
#   overview naming it 一般公共预算财政拨款收入), the one table fact the report does not word so.
# - 5: the three coded tables read whole, and with them both overviews (73, as wrapped at 6).
READ = {4: 53, 5: 73}
# width -> the table facts read that the report words otherwise (view -> count).
WORDED_OTHERWISE = {4: {"income/table": 1}, 5: {}}


@pytest.fixture(scope="module")
def narrow_texts(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """The pdftotext default text of the final account with names wrapped at ``width`` (typeset once each)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    base = read_document(corpus_file(FINAL), FINAL)
    made: dict[int, Path] = {}

    def text(width: int) -> Path:
        if width not in made:

            def change(grid: Grid) -> Grid:
                return plain_integers(wrapped_names(dashes(grid), width))

            folder = tmp_path_factory.mktemp(f"wrapped{width}")
            pdf = typeset(with_grids(base, change), folder / "final.pdf", merged=False, table_page=LANDSCAPE)
            made[width] = write_serialization(pdf, "pdftotext", folder)
        return made[width]

    return text


@pytest.mark.parametrize("width", _WIDTHS)
def test_the_coded_tables_of_names_wrapped_narrow_are_read(narrow_texts: Callable[[int], Path], width: int) -> None:
    path = narrow_texts(width)
    lost = read_text(path.read_text(encoding="utf-8"), path.name).lost
    assert not [message for message in lost if any(f"“{title}”" in message for title in _CODED_TABLES)]
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(path, FINAL)
    for table in _FUNCTION_TABLES:
        assert _rows_of(got, table) == _rows_of(truth, table), table
    counts = measured(facts(truth), facts(got))
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and "/table" in view} == WORDED_OTHERWISE[
        width
    ]
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == READ[width]


def _rows_of(frames: dict, table: str) -> list[tuple[str, ...]]:
    """The table's function lines as read: code, name and figures, in code order."""
    frame = frames["expenditure_function"]
    rows = frame.filter(frame["source_table"] == table).select(_COMPARED).sort("code")
    return [tuple(str(value) for value in row) for row in rows.iter_rows()]
