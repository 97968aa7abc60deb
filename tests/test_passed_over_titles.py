"""The one scan for titles of standard tables outside the tables read, and the one rule for the
lines of each title's table: to the next title or table found, the first sentence or line of prose,
within the last page holding a figure (a title alone on its page goes on to the next)."""

from __future__ import annotations

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.readers.linear_tables import LinearTable, SourceLine
from budget_reports.readers.passed_over_titles import PassedOver, passed_over_titles


def _lines(pages: list[list[str]]) -> list[SourceLine]:
    return [SourceLine(p, n, text) for p, page in enumerate(pages, start=1) for n, text in enumerate(page, start=1)]


LINES = _lines(
    [
        ["2026年部门财政拨款收支预算总表", "单位：元", "-9-"],  # 0-2: the title alone on its page
        ["收入", "支出", "一、一般公共预算", "47,483,458 一、社会保障和就业支出", "6,397,096", "收入总计"],  # 3-8
        ["2026年部门支出预算总表", "科目编码 科目名称 合计", "208 社会保障和就业支出 6,397,096"],  # 9-11: read
        ["2026年部门政府性基金预算支出功能分类预算表", "科目编码 科目名称 合计"],  # 12-13
        ["注：本年度无政府性基金预算支出，故本表无数据", "2026年部门“三公”经费和机关运行经费预算表"],  # 14-15
        ["三公经费预算数", "114.22", "0.00", "2026年“三公”经费预算数为114.22万元，比上年增加。"],  # 16-19
    ]
)
READ = [LinearTable(9, 12, [], [])]


def test_each_title_outside_the_tables_read_with_the_lines_of_its_table() -> None:
    assert passed_over_titles(LINES, READ) == [
        # Followed over its page to the next, the last page holding a figure; up to the table read.
        PassedOver(0, TableKind.BUDGET_FISCAL_OVERVIEW, 9, 9),
        # No figure: up to the note (a sentence); the note lies before the next title.
        PassedOver(12, TableKind.BUDGET_GOV_FUND, 14, 15),
        # Up to the sentence after its figures.
        PassedOver(15, TableKind.BUDGET_THREE_PUBLIC, 19, 20),
    ]


def test_only_the_kinds_asked_for_and_never_a_title_inside_a_table_read() -> None:
    assert [t.start for t in passed_over_titles(LINES, READ, {TableKind.BUDGET_THREE_PUBLIC})] == [15]
    assert [t.start for t in passed_over_titles(LINES, READ, {TableKind.BUDGET_EXPENDITURE})] == []
    # Tables given in any order, one inside another: the lines they cover are skipped all the same.
    covering = [LinearTable(12, 20, [], []), LinearTable(0, 12, [], []), LinearTable(13, 15, [], [])]
    assert passed_over_titles(LINES, covering) == []
