"""Budget tables (部门预算) rebuilt from text extracted from their PDF, line for line.

The corpus budget's text is compared with the independent cell-by-cell transcription of its nine
tables (``tests.budget_documents.PUTUO_URBAN_2026``); variants are written from the transcriptions
(Shanghai in 元, Sichuan's templates in 万元) as an extractor writes them: empty cells dropped, the
two sides of an overview on one line with or without the space before the second side, a table
continued on a second page under its repeated header, a source or fund column not printed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.extract.standard_tables.recognise import TableKind, find_standard_tables, kind_of_title
from budget_reports.gold import extract_frames
from budget_reports.model import Document, Table
from budget_reports.normalize import parse_decimal
from budget_reports.readers.cell_assignment import RowFigures, bound_by_parent
from budget_reports.readers.cell_links import Rows
from budget_reports.readers.known_cells import row_keys
from budget_reports.readers.text import read_text
from tests.budget_documents import PUTUO_URBAN_2026, SICHUAN_COUNTY_2026, BudgetReport, BudgetTable, mutated
from tests.budget_text import extracted_text, is_body_row, without_column

CORPUS_BUDGET = Path(__file__).parent / "data" / "corpus" / "shanghai-putuo-urban-management-2026-budget.txt"
# The tables whose two sides share a line, or whose rows print 合计 and one of several columns.
TWO_SIDED_OR_ONE_OF_MANY = (TableKind.BUDGET_OVERVIEW, TableKind.BUDGET_INCOME, TableKind.BUDGET_FISCAL_OVERVIEW)

Row = list[tuple[str, Decimal]]  # (money column's header leaf, figure), left to right


def _is_label(leaf: str) -> bool:
    return leaf in ("类", "款", "项", "项目") or leaf.endswith(("名称", "编码"))


def rows_of_transcription(table: BudgetTable) -> list[Row]:
    header = [r for r in table.rows if not is_body_row(r)]
    width = max(len(r) for r in table.rows)
    leaves = [next((r[c] for r in reversed(header) if c < len(r) and r[c]), "") for c in range(width)]
    out = []
    for row in (r for r in table.rows if is_body_row(r)):
        figures = [(leaves[c], parse_decimal(t)) for c, t in enumerate(row) if t and not _is_label(leaves[c])]
        out.append([(leaf, value) for leaf, value in figures if value is not None])
    return [r for r in out if r]


def rows_of_grid(table: Table) -> list[Row]:
    depth = max(c.row + 1 for c in table.cells if c.line is None)
    leaves = [""] * table.n_cols
    for cell in sorted((c for c in table.cells if c.row < depth), key=lambda c: c.row):
        leaves[cell.col] = cell.text
    out: dict[int, Row] = {}
    for cell in sorted((c for c in table.cells if c.row >= depth), key=lambda c: (c.row, c.col)):
        value = parse_decimal(cell.text)
        if not _is_label(leaves[cell.col]) and value is not None:
            out.setdefault(cell.row, []).append((leaves[cell.col], value))
    return [out[r] for r in sorted(out)]


def read_grids(text: str) -> tuple[Document, dict[TableKind, Table]]:
    document = read_text(text, "budget.txt")
    return document, {found.kind: found.table for found in find_standard_tables(document)}


def transcribed(report: BudgetReport) -> dict[TableKind, BudgetTable]:
    return {kind: table for table in report.tables if (kind := kind_of_title(table.title)) is not None}


def test_every_budget_table_of_the_corpus_text_is_read_line_for_line() -> None:
    """Lines read from the text, table by table, against the lines the PDF prints (transcribed
    by hand): the same figures in the same columns, and nothing left ambiguous."""
    document, grids = read_grids(CORPUS_BUDGET.read_text(encoding="utf-8"))
    expected = transcribed(PUTUO_URBAN_2026)
    printed_lines = {kind: len(rows_of_transcription(table)) for kind, table in expected.items()}
    read_lines = {kind: len(rows_of_grid(grids[kind])) for kind in expected if kind in grids}
    assert printed_lines == {
        TableKind.BUDGET_OVERVIEW: 5,  # 一、财政拨款收入 … 四、住房保障支出, 收入总计 (lines printing a figure)
        TableKind.BUDGET_INCOME: 19,
        TableKind.BUDGET_EXPENDITURE: 19,
        TableKind.BUDGET_FISCAL_OVERVIEW: 5,
        TableKind.BUDGET_GPB: 19,
        TableKind.BUDGET_GOV_FUND: 0,  # 本表无数据
        TableKind.BUDGET_STATE_CAPITAL: 0,
        TableKind.BUDGET_GPB_BASIC: 34,
        TableKind.BUDGET_THREE_PUBLIC: 1,
    }
    assert read_lines == printed_lines
    for kind, table in expected.items():
        assert rows_of_grid(grids[kind]) == rows_of_transcription(table), kind
    assert document.ambiguous_cells == []


VARIANTS = {
    "shanghai": PUTUO_URBAN_2026,
    "sichuan": SICHUAN_COUNTY_2026,
    "shanghai-no-operating-income-column": without_column(PUTUO_URBAN_2026, "收入预算总表", "事业单位经营收入"),
    "shanghai-no-state-capital-column": without_column(PUTUO_URBAN_2026, "财政拨款收支预算总表", "国有资本经营预算"),
    "sichuan-no-state-capital-column": without_column(SICHUAN_COUNTY_2026, "财政拨款收支总表", "国有资本经营预算"),
}


@pytest.mark.parametrize("break_in", [None, "收入预算总表", "财政拨款收支", "部门收支总表"])
@pytest.mark.parametrize("glue", [True, False], ids=["sides-glued", "sides-spaced"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_overview_and_income_tables_are_placed_in_every_variant(name: str, glue: bool, break_in: str | None) -> None:
    report = VARIANTS[name]
    document, grids = read_grids(extracted_text(report, glue=glue, break_in=break_in))
    expected = transcribed(report)
    checked = [kind for kind in TWO_SIDED_OR_ONE_OF_MANY if kind in grids and kind in expected]
    assert TableKind.BUDGET_OVERVIEW in checked and TableKind.BUDGET_FISCAL_OVERVIEW in checked
    for kind in checked:
        assert rows_of_grid(grids[kind]) == rows_of_transcription(expected[kind]), kind
        pages = set(grids[kind].pages) | {grids[kind].page}
        assert not [cell for cell in document.ambiguous_cells if cell.page in pages], kind


def test_a_figure_the_fund_table_contradicts_is_placed_by_its_own_table_and_reported(tmp_path: Path) -> None:
    """The fiscal overview prints another figure for a class than the fund table does (an injected
    error): no fund column agrees with the fund tables, so the row is placed by the overview's own
    arithmetic (its only fund with money is 一般公共预算) and the disagreement is a finding."""
    report = mutated(PUTUO_URBAN_2026, "财政拨款收支预算总表", "二、卫生健康支出", "1,439,040", "1,439,140")
    report = mutated(report, "财政拨款收支预算总表", "二、卫生健康支出", "1,439,040", "1,439,140")
    path = tmp_path / "budget.txt"
    path.write_text(extracted_text(report), encoding="utf-8")
    frames = extract_frames(path)
    findings = frames["dq_findings"]
    assert findings.filter(pl.col("rule_id") == "extraction.ambiguous_cell").height == 0
    cross = findings.filter(pl.col("rule_id") == "budget.cross_table")
    assert cross["subject"].to_list() == ["210"]


def _fiscal_overview_only(income_rows: list[list[str]] | None = None) -> BudgetReport:
    (fiscal,) = [t for t in PUTUO_URBAN_2026.tables if "财政拨款收支预算总表" in t.title]
    if income_rows is not None:
        rows = [*fiscal.rows[:2], *[[*i, *r[2:]] for i, r in zip(income_rows, fiscal.rows[2:], strict=True)]]
        fiscal = BudgetTable(fiscal.title, fiscal.unit_line, rows)
    return BudgetReport(PUTUO_URBAN_2026.title_lines, [], [fiscal])


def test_the_fiscal_overview_alone_is_placed_by_its_own_sides() -> None:
    """Without the fund tables: each fund's 支出总计 is that fund's income line (no carry-over is
    printed), and the classes add up to the total column by column."""
    report = _fiscal_overview_only()
    document, grids = read_grids(extracted_text(report))
    expected = transcribed(report)[TableKind.BUDGET_FISCAL_OVERVIEW]
    assert rows_of_grid(grids[TableKind.BUDGET_FISCAL_OVERVIEW]) == rows_of_transcription(expected)
    assert document.ambiguous_cells == []


def test_without_income_by_fund_nor_fund_tables_the_figures_stay_ambiguous() -> None:
    income = [["一、财政拨款收入", "47,483,458"], ["", ""], ["", ""], ["", ""], ["收入总计", "47,483,458"]]
    document, grids = read_grids(extracted_text(_fiscal_overview_only(income)))
    assert {cell.figure for cell in document.ambiguous_cells} == {
        "6,397,096",
        "1,439,040",
        "33,775,592",
        "5,871,730",
        "47,483,458",
    }
    assert all(
        set(cell.candidates) >= {"支出/一般公共预算", "支出/政府性基金预算"} for cell in document.ambiguous_cells
    )
    # The income side and the 合计 column are still read.
    assert rows_of_grid(grids[TableKind.BUDGET_FISCAL_OVERVIEW])[0] == [
        ("预算数", Decimal(47483458)),
        ("合计", Decimal(6397096)),
    ]


@pytest.mark.parametrize(
    ("code", "name", "keys"),
    [
        ("", "一、社会保障和就业支出", ["社会保障和就业支出"]),
        ("", "（三）事业收入", ["事业收入"]),
        ("", "1. 一般公共预算", ["一般公共预算"]),
        ("208", "社会保障和就业支出", ["208", "社会保障和就业支出"]),
        ("20805", "行政事业单位养老支出", ["20805"]),
        ("", "支出总计", ["#合计"]),
        ("", "本年收入合计", ["#合计"]),
        ("", "一、一般公共预算拨款收入", ["一般公共预算拨款收入", "一般公共预算"]),
    ],
)
def test_lines_are_matched_across_tables_by_code_name_or_total(code: str, name: str, keys: list[str]) -> None:
    assert list(row_keys(code, name, Rows.SAME_LINE_ANY_TOTAL)) == keys


def test_a_settled_parent_bounds_each_child_column_by_column() -> None:
    # 302 settled as 公用经费 only: each 款 under it, 合计 + one figure, can only be 公用经费.
    parent = RowFigures((Decimal(100), Decimal(100)), [(0, 2)])
    children = [RowFigures((Decimal(v), Decimal(v)), [(0, 1), (0, 2)]) for v in (60, 40)]
    assert bound_by_parent(parent, children, 3)
    assert [c.candidates for c in children] == [[(0, 2)], [(0, 2)]]
    # A negative figure (an adjustment) lifts the bound: nothing is removed.
    negative = [RowFigures((Decimal(-5), Decimal(-5)), [(0, 1), (0, 2)])]
    assert not bound_by_parent(parent, negative, 3)
    assert negative[0].candidates == [(0, 1), (0, 2)]


def test_an_error_injected_in_the_corpus_overview_is_found(tmp_path: Path) -> None:
    """The 财务收支预算总表's 类 lines, now read from the text, meet the rules: a 类 printed there with
    another budget than in the 支出预算总表 is a cross-table finding."""
    text = CORPUS_BUDGET.read_text(encoding="utf-8")
    printed = "2. 政府性基金预算 三、城乡社区支出 33,775,592"
    assert text.count(printed) == 1
    path = tmp_path / CORPUS_BUDGET.name
    path.write_text(text.replace(printed, "2. 政府性基金预算 三、城乡社区支出 33,775,529"), encoding="utf-8")
    findings = extract_frames(path)["dq_findings"]
    cross = findings.filter(pl.col("rule_id") == "budget.cross_table")
    assert cross.height == 1
    assert cross["subject"].to_list()[0].startswith("212")
    clean = extract_frames(CORPUS_BUDGET)["dq_findings"]
    assert clean.filter(pl.col("rule_id") == "budget.cross_table").height == 0
