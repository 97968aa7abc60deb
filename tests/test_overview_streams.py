"""What ``overview_streams`` reads around an overview written in streams: which fund tables say
they print nothing (their fund has no income, spending or carry-over in the overviews)."""

from __future__ import annotations

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.overview_streams import _no_data_tables
from budget_reports.readers.passed_over_titles import PassedOver

TITLE = "国有资本经营预算财政拨款收入支出决算表"
HEADER = ["单位：万元", "项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]
NOTE = "注：本单位无国有资本经营预算财政拨款支出，故本表无数据。"
# The report's prose after its last table: nothing but the text's end closes the table.
PROSE = ["第三部分 决算情况说明", "行政运行年初预算为 1560.05 万元，支出决算为1511.89万元。"]


def _empty(texts: list[str]) -> set[TableKind]:
    lines = [SourceLine(1, n, text) for n, text in enumerate(texts, start=1)]
    return _no_data_tables(lines, [PassedOver(0, TableKind.STATE_CAPITAL, len(HEADER) + 1, len(lines))])


def test_a_fund_table_saying_it_has_no_data_prints_nothing_whatever_prose_follows() -> None:
    """The figures of the prose after the note are no part of the table."""
    assert _empty([TITLE, *HEADER, NOTE, *PROSE]) == {TableKind.STATE_CAPITAL}


def test_a_fund_table_printing_a_figure_before_its_note_is_not_empty() -> None:
    assert _empty([TITLE, *HEADER, "合计 12.50", NOTE, *PROSE]) == set()


def test_a_fund_table_not_saying_it_has_no_data_is_not_empty() -> None:
    assert _empty([TITLE, *HEADER, *PROSE]) == set()
