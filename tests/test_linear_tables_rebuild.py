"""A table found in the lines keeps its rows as read: built again (``rebuild_table``, with what
other tables settle), it is placed from those rows, and gives what reading its lines again gives.

Putuo's final accounts, written by every extractor, hold tables of each way the reader gathers rows
(one row per line, by baseline, two coded sides, laid out, written by columns)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.linear_rows import Segment
from budget_reports.readers.linear_tables import (
    BlockRows,
    GatheredRows,
    RowSettler,
    SourceLine,
    find_tables,
    rebuild_table,
    unglue_titles,
)
from budget_reports.readers.table_headers import Side
from budget_reports.text_serializations import NEEDS_PDFTOTEXT, SERIALIZERS, write_serialization
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
    if serializer in NEEDS_PDFTOTEXT and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    lines = _lines(write_serialization(corpus_file(PUTUO), serializer, tmp_path))
    tables = [t for t in find_tables(lines) if t.gathered is not None]
    assert len(tables) >= 5
    for table in tables:
        asked: list[int] = []
        again = rebuild_table(lines, table, _recorded_in(asked))
        read_again = rebuild_table(lines, replace(table, gathered=None), settle=lambda *_: None)
        assert again is not None and read_again is not None
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
