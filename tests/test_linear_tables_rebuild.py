"""A table found in the lines keeps its rows as read: built again (``rebuild_table``, with what
other tables settle), it is placed from those rows, and gives what reading its lines again gives.
A table whose reader kept no rows is not built again.

Putuo's final accounts, written by every extractor, hold tables of each way the reader gathers rows
(one row per line, by baseline, two coded sides, laid out, written by columns)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.normalize import compact
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.linear_tables import (
    BlockRows,
    GatheredRows,
    LinearTable,
    RowSettler,
    SourceLine,
    _table_at,
    find_tables,
    laid_out_again,
    rebuild_table,
    unglue_titles,
)
from budget_reports.readers.table_headers import Side
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def _lines(path: Path) -> list[SourceLine]:
    pages = path.read_text(encoding="utf-8").split("\f")
    return unglue_titles(
        [
            SourceLine(number, i, text)
            for number, page in enumerate(pages, start=1)
            for i, text in enumerate(page.split("\n"), start=1)
        ]
    )


def _recorded_in(asked: list[int]) -> RowSettler:
    """A settler that narrows nothing and notes the side of each row it is asked about."""

    def settle(index: int, side: Side, segment: Segment, figures: RowFigures) -> None:
        asked.append(index)

    return settle


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
def test_a_rebuilt_table_is_placed_from_its_rows_as_read(serializer: str, tmp_path: Path) -> None:
    if (missing := missing_program(serializer)) is not None:
        pytest.skip(missing)
    lines = _lines(write_serialization(corpus_file(PUTUO), serializer, tmp_path))
    tables = [t for t in find_tables(lines) if t.gathered is not None]
    assert len(tables) >= 5
    for table in tables:
        asked: list[int] = []
        again = rebuild_table(lines, table, _recorded_in(asked))
        read_again = _table_at(lines, table.start)  # its lines read again, as the finder read them
        assert again is not None and read_again is not None
        # A table without the rows its reader read is not built again: its lines are not read another way.
        assert rebuild_table(lines, replace(table, gathered=None), settle=lambda *_: None) is None
        assert again.gathered is table.gathered  # the rows were not read from the lines again
        assert (again.start, again.end, again.blocks, again.ambiguous) == (
            read_again.start,
            read_again.end,
            read_again.blocks,
            read_again.ambiguous,
        )
        # Rows of a table of lines are narrowed by what other tables settle; a table written by
        # columns is placed by its own sums alone.
        assert bool(asked) == isinstance(table.gathered, GatheredRows)
        assert isinstance(table.gathered, GatheredRows | BlockRows)


# The basic-expenditure table (two coded sides) as pdfplumber writes it, with a figure printed alone
# under 奖金 and 咨询费 that either side could hold: both classes and both group totals are 5.00 over
# their printed lines, so neither side's sums take it (``baseline_sides``).
_BASIC_TITLE = "一般公共预算财政拨款基本支出决算表"
_NEITHER_SIDE = (
    ("奖金 03 咨询费\n", "奖金 03 咨询费\n5.00\n"),
    ("2,082.85", "2,087.85"),  # 301 工资福利支出
    ("171.07", "176.07"),  # 302 商品和服务支出
    ("2,152.26", "2,157.26"),  # 人员经费合计
    ("184.65", "189.65"),  # 公用经费合计
)


def _with_a_figure_neither_side_takes(path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{_BASIC_TITLE}\n单位")
    table = text[start:]
    for old, new in _NEITHER_SIDE:
        assert old in table
        table = table.replace(old, new, 1)
    path.write_text(text[:start] + table, encoding="utf-8")
    return path


def test_a_figure_neither_side_took_stays_reported_when_the_grid_is_laid_out_again(tmp_path: Path) -> None:
    path = _with_a_figure_neither_side_takes(write_serialization(corpus_file(PUTUO), "pdfplumber", tmp_path))
    lines = _lines(path)
    tables = find_tables(lines)
    # The report's other tables settle each other's lines: tables are laid out again here.
    assert any(t.blocks != fresh.blocks for t, fresh in zip(tables, _placed_alone(lines, tables), strict=True))
    basic = next(t for t in tables if compact(t.blocks[0].text) == _BASIC_TITLE)
    reported = [(a.figure, a.candidates) for a in basic.ambiguous]
    assert reported == [("5.00", ("30103 奖金", "30203 咨询费"))]
    # Laid out again from its rows, as the tables other tables narrowed are, it still reports it.
    assert [(a.figure, a.candidates) for a in laid_out_again(basic).ambiguous] == reported
    # The whole reader reports it.
    document = read_text(path.read_text(encoding="utf-8"), PUTUO)
    assert ("5.00", ("30103 奖金", "30203 咨询费")) in [(a.figure, a.candidates) for a in document.ambiguous_cells]


def _placed_alone(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """Each table placed by its own sums alone, nothing settled by the other tables."""
    out = []
    for table in tables:
        again = rebuild_table(lines, table, settle=lambda *_: None)
        assert again is not None
        out.append(again)
    return out
