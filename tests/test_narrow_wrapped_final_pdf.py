"""pdftotext's default text of a final account whose names wrap at four or five characters (and eight
on portrait pages) in narrow cells, a dash in each empty money cell, amounts without separators,
its codes over 类 | 款 | 项 columns, on landscape and portrait pages: the coded function tables
(收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) are read, every one of their rows with its
code, name and figures.

On landscape pages they are read by the whole codes each row's parts spell (``readers/split_codes.py``).
Two ways the text writes a row's parts apart from the row had every coded table reported not read
(7 table facts of 97 read, on either width):

- wrapped at 4, a name on four lines (机关事业 / 单位基本 / 养老保险 / 缴费支出) has its row's parts
  centred between its second and third lines: pdftotext writes the 项 part alone there, between two
  of its name's pieces (``单位基本`` / ``05`` / ``养老保险``);
- wrapped at 5, the 项 part of 行政单位医疗 (2101101) is written after the next row's class
  (``210`` / ``210 11`` / ``210 11`` / ``221`` / ``01``): 221 01 would be 22101, whose name
  (保障性安居工程支出) the page prints nowhere, while 01 completes the 210 11 printed twice into the
  code of a name it prints.

On portrait pages they are read cell by cell (``readers/cell_stream_rows.py``): the 类 cells of
2080505 … 2080599 come after the next class's row (``卫生健康支出`` … ``208`` / ``208`` / ``208``), so
the code groups do not give the rows' codes, but each code column keeps its order (each row takes
the next 类 and the parts its name's code needs); wrapped at 4 a 项 part is written inside its
name's block (``单位基`` / ``本`` / ``05`` / ``养老保``), and the 支出决算表's second page repeats its
header's cells one to a line, which are no rows. Wrapped at 8, a name's block is written after the
rows below it (``一般行政管理事`` / ``务`` after 社会保障和就业支出's figures): the one name holding no
figure is put back where the code columns' order gives every row its code.

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
from tests.printed_variants import (
    BUDGET,
    BUDGET_FACTS,
    FINAL,
    Grid,
    dashes,
    plain_integers,
    split_codes,
    with_grids,
    wrapped_names,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import facts, measured
from tests.test_split_codes_pdf import _levels_once as levels_once

_PRINTS = [(4, "landscape"), (5, "landscape"), (4, "portrait"), (5, "portrait"), (8, "portrait")]
_PAGES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}
# The coded function tables whose rows are pinned (the 收入决算表 gives its 合计 row only).
_FUNCTION_TABLES = ("支出决算表", "一般公共预算财政拨款支出决算表")
_CODED_TABLES = ("收入决算表", *_FUNCTION_TABLES)
_COMPARED = ("code", "name_as_written", "actual", "basic", "project")

# (width, pages) -> table facts (of 97) read; all four read 7 before, every coded table reported
# not read.
# - 4, landscape: the three coded tables read whole (53). Both overviews stay reported not read
#   (their 本年收入 / 合计 labels, each piece a header word, are no rows, and the overview's
#   一般公共服务支出 figure is written on the next page, after the classes below it): the income
#   source then comes from the 收入决算表's 合计 row, named as that table's column (财政拨款收入,
#   the overview naming it 一般公共预算财政拨款收入), the one table fact the report does not word so.
# - 5, landscape: the three coded tables read whole, and with them both overviews (73, as at 6).
# - 4, portrait: the coded tables read from their cells (52); the 收入决算表 gives its 合计 column
#   only (which of six income columns holds a row's other figure is reported), both overviews
#   reported not read.
# - 5, portrait: the same and the 收入支出决算总表 read (58); the 财政拨款收入支出决算总表 reported not read.
# - 8, portrait (62 before, its 收入决算表 reported not read; 40 with separators, its 支出决算表 too):
#   一般行政管理事务's name written after 社会保障和就业支出's row, its figures where its row is, is
#   put back where the code columns' order gives every row its code (63). Its 收入支出决算总表 is read
#   too since a fund's name wrapped before its income (三、国有资本经营预算 / 财政拨款收入) is one label
#   (readers/overview_labels.py; it was taken for two rows, the overview reported not read): 72, the
#   overview's 6.20 fitting any of 四、上级补助收入 … 八、其他收入, reported. Its 基本支出决算表's class 301
#   is read too (80): 30108 prints its code and figure (``301`` / ``08`` / ``160.75``), its name wrapped
#   and written after the rows below; a row whose name the stream prints elsewhere is kept, and the
#   class's sum confirms its rows (readers/stream_rows.py, side_by_side_streams.py).
READ = {(4, "landscape"): 53, (5, "landscape"): 73, (4, "portrait"): 52, (5, "portrait"): 58, (8, "portrait"): 80}
# The table facts read that the report words otherwise (view -> count).
WORDED_OTHERWISE = {(4, "landscape"): {"income/table": 1}}


def _final_change(width: int) -> Callable[[Grid], Grid]:
    """Amounts without separators, a dash in each empty money cell, names wrapped at ``width``."""
    return lambda grid: plain_integers(wrapped_names(dashes(grid), width))


def _budget_change(width: int) -> Callable[[Grid], Grid]:
    """The budget's codes over 类 | 款 | 项 columns, names wrapped at ``width``."""
    return lambda grid: wrapped_names(split_codes(3, first_only=True)(grid), width)


def _levels_once_change(width: int) -> Callable[[Grid], Grid]:
    """Codes over 类 | 款 | 项, each level's part printed once (a class's cell merged down), names
    wrapped at ``width``."""
    return lambda grid: wrapped_names(levels_once(split_codes(None)(grid)), width)


_CHANGES = {FINAL: _final_change, BUDGET: _budget_change, "levels-once": _levels_once_change}


@pytest.fixture(scope="module")
def narrow_texts(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The pdftotext default text of a report (the final account by default) with names wrapped at
    ``width`` on ``pages`` (typeset once each)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    made: dict[tuple[str, int, str], Path] = {}

    def text(width: int, pages: str, report: str = FINAL, change: str | None = None) -> Path:
        key = (change or report, width, pages)
        if key not in made:
            base = read_document(corpus_file(report), report)
            folder = tmp_path_factory.mktemp(f"wrapped{width}-{pages}")
            document = with_grids(base, _CHANGES[change or report](width), only_changed=change is not None)
            pdf = typeset(document, folder / f"{Path(report).stem}.pdf", merged=False, table_page=_PAGES[pages])
            made[key] = write_serialization(pdf, "pdftotext", folder)
        return made[key]

    return text


@pytest.mark.parametrize(("width", "pages"), _PRINTS)
def test_the_coded_tables_of_names_wrapped_narrow_are_read(
    narrow_texts: Callable[..., Path], width: int, pages: str
) -> None:
    path = narrow_texts(width, pages)
    lost = read_text(path.read_text(encoding="utf-8"), path.name).lost
    assert not [message for message in lost if any(f"“{title}”" in message for title in _CODED_TABLES)]
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(path, FINAL)
    for table in _FUNCTION_TABLES:
        assert _rows_of(got, table) == _rows_of(truth, table), table
    counts = measured(facts(truth), facts(got))
    wrong = {view: extra for view, (_, _, extra) in counts.items() if extra and "/table" in view}
    assert wrong == WORDED_OTHERWISE.get((width, pages), {})
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == READ[width, pages]


def test_a_budget_printing_its_codes_split_with_names_wrapped_narrow_is_read_whole(
    narrow_texts: Callable[..., Path],
) -> None:
    """The budget (amounts in 元) with its codes over 类 | 款 | 项 and names wrapped at 4, landscape
    pages: 行政单位医疗's 项 part (01) is written after the next class, 212, whose 212 01 is a row of
    the page too (城乡社区管理事务), and 99 事业单位 (其他行政事业单位养老支出) fits 210 11 as well
    while that 款 waits for its part: read as written, the page gives no rows; read with the part
    late, and 99 taking 208 05 once 01 has taken 210 11, every row is read (49 before, 4 rows' figures
    reported ambiguous)."""
    path = narrow_texts(4, "landscape", BUDGET)
    truth = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    counts = measured(truth, facts(extract_frames(path, BUDGET)))
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and "/table" in view} == {}
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == BUDGET_FACTS


def test_levels_printed_once_with_names_wrapped_narrow_are_read(narrow_texts: Callable[..., Path]) -> None:
    """The final account printing each level's part once, names wrapped at 4, landscape pages: a
    name on four lines has its row's part written alone between its second and third lines
    (机关事业 / 单位基本 / ``05`` / 养老保险 / 缴费支出), which completes its code as a part printed
    beside a line would (split_codes.levels_once_codes). Its 一般公共预算财政拨款支出决算表 read, its
    支出决算表's 基本 / 项目 figures are settled: 52 (9 before, the 支出决算表's 19 rows read with only
    their totals, the rest reported ambiguous; 8 before that, reported not read). Both overviews stay
    reported not read."""
    path = narrow_texts(4, "landscape", FINAL, "levels-once")
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(path, FINAL)
    for table in _FUNCTION_TABLES:
        assert _rows_of(got, table) == _rows_of(truth, table), table
    counts = measured(facts(truth), facts(got))
    assert {view: extra for view, (_, _, extra) in counts.items() if extra and "/table" in view} == {}
    assert sum(m for view, (m, _, _) in counts.items() if view.endswith("/table")) == 52


def _rows_of(frames: dict, table: str) -> list[tuple[str, ...]]:
    """The table's function lines as read: code, name and figures, in code order."""
    frame = frames["expenditure_function"]
    rows = frame.filter(frame["source_table"] == table).select(_COMPARED).sort("code")
    return [tuple(str(value) for value in row) for row in rows.iter_rows()]
