"""A laid-out table's figures placed by where they stand under the header (``pdftotext -layout``).

The tables are typeset in PDFs with a CJK font (``tests/baseline_pdf.py``), written out with
``pdftotext -layout`` and read back: a 三公 table, a 支出决算表 (one page, or two rows a page with
the header repeated: each page's grid is its own), a two-sided 财政拨款收入支出决算总表 and a
政府性基金 table of a few lines. Each prints rows whose arithmetic alone cannot tell which column a
figure is in (equal figures under 合计 and one of several columns, the cells between left empty),
with the figures set at the left, the centre or the right of their cells and the header's words
centred, wrapped over two or three lines. The figures' positions place them; the row's sums
verify; where the two disagree nothing is placed and each figure is reported ambiguous.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.model import BlockKind, Document, Table
from budget_reports.readers.laid_out_columns import MoneyColumns
from budget_reports.readers.linear_rows import Token
from budget_reports.readers.table_headers import LAYOUTS
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf, wrapped
from tests.conftest import corpus_file

JUSTIFICATIONS = ("left", "centre", "right")
Cells = dict[int, str]  # money column → figure as printed

# The 三公 table: six amounts (合计, 出国, 公车小计, 购置, 运行, 接待), each 预算数 then 决算数.
THREE_PUBLIC_TITLE = "财政拨款“三公”经费支出决算表"
THREE_PUBLIC_HEADER: list[Row] = [
    [["合计"], [], ["因公出国（境）费"], [], ["公务用车购置及运行费"], [], [], [], [], [], ["公务接待费"], []],
    [[], [], [], [], ["小计"], [], ["公务用车", "购置费"], [], ["公务用车", "运行费"], [], [], []],
    [["预算数"], ["决算数"]] * 6,
]
# The header path of each money column, as the catalogue names it (candidates are reported so).
THREE_PUBLIC_PATHS = next(layout for layout in LAYOUTS if layout.name == "三公预算与决算").sides[0].money
ITEM_PARTS = {1: (0,), 3: (0, 2), 4: (0, 2), 5: (0,)}  # item → the totals it adds to


def _three_public_rows() -> list[tuple[str, Cells]]:
    """One item's amount alone (with the totals it adds to), for every item and amount in turn; and
    two items' equal amounts (出国 and 接待), which the sums alone cannot tell apart."""
    cases = []
    for item, totals in ITEM_PARTS.items():
        for amount in (0, 1):
            columns = sorted({2 * t + amount for t in totals} | {2 * item + amount})
            cases.append((f"item {item} amount {amount}", dict.fromkeys(columns, "0.95")))
    cases.append(("two equal items", {0: "2.40", 2: "1.20", 10: "1.20", 1: "0.60", 3: "0.60"}))
    return cases


# The 支出决算表: 本年支出合计 and five kinds; each 类 spends in one kind, in turn, the same amount.
SPENDING_TITLE = "支出决算表"
SPENDING_KINDS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
SPENDING_HEADER: list[Row] = [
    [["科目编码"], ["科目名称"], *([] for _ in SPENDING_KINDS)],
    [
        [],
        [],
        ["本年支出", "合计"],
        ["基本", "支出"],
        ["项目", "支出"],
        ["上缴上级", "支出"],
        ["经营", "支出"],
        ["对附属", "单位补", "助支出"],
    ],
]
CLASSES = (
    ("201", "一般公共服务支出"),
    ("205", "教育支出"),
    ("208", "社会保障和就业支出"),
    ("212", "城乡社区支出"),
    ("221", "住房保障支出"),
)


def _spending_rows() -> tuple[list[Row], list[tuple[str, Cells]]]:
    rows: list[Row] = [[["合计"], [], ["5.00"], *(["1.00"] for _ in SPENDING_KINDS[1:])]]
    expected: list[tuple[str, Cells]] = [("合计", {0: "5.00", **{k: "1.00" for k in range(1, 6)}})]
    for kind, (code, name) in enumerate(CLASSES, start=1):
        money = [["1.00"] if k in (0, kind) else [] for k in range(len(SPENDING_KINDS))]
        rows.append([[code], [name], *money])
        expected.append((f"{code} {name}", {0: "1.00", kind: "1.00"}))
    return rows, expected


def _laid_out_text(tmp_path: Path, build, name: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    tmp_path.mkdir(parents=True, exist_ok=True)
    pdf = TablePdf()
    build(pdf)
    path = pdf.save(tmp_path / f"{name}.pdf")
    return write_serialization(path, "pdftotext-layout", tmp_path / "text").read_text(encoding="utf-8")


def _tables(document: Document) -> list[Table]:
    return [b.table for b in document.blocks if b.kind is BlockKind.TABLE and b.table is not None]


def _body(table: Table, label_columns: int) -> list[Cells]:
    """Each body row's money cells (header cells carry no page)."""
    rows: dict[int, Cells] = {}
    for cell in table.cells:
        if cell.page is not None:
            cells = rows.setdefault(cell.row, {})
            if cell.col >= label_columns:
                cells[cell.col - label_columns] = cell.text
    return [rows[r] for r in sorted(rows)]


def _three_public_pdf(justify: str, cells: Cells):
    columns = [Column(60, justify=justify) for _ in range(12)]
    row: Row = [[cells[c]] if c in cells else [] for c in range(12)]

    def build(pdf: TablePdf) -> None:
        pdf.table(THREE_PUBLIC_TITLE, columns, THREE_PUBLIC_HEADER, [row], per_page=10, header_justify="centre")

    return build


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
def test_sparse_three_public_rows_are_placed_by_position(justify: str, tmp_path: Path) -> None:
    """Centred or left-aligned, every figure is placed. Right-aligned, a 预算数 figure ends at the
    edge of the 决算数 column and stands as near that header as its own: where the sums cannot tell
    预算数 from 决算数 it stays unplaced, reported with both columns. No figure is ever misplaced."""
    misplaced, unreported, unplaced = [], [], []
    for number, (name, cells) in enumerate(_three_public_rows()):
        text = _laid_out_text(tmp_path / str(number), _three_public_pdf(justify, cells), "three-public")
        document = read_text(text, "three-public.txt")
        (table,) = _tables(document)
        placed = (_body(table, 0) or [{}])[0]
        misplaced += [(name, col, figure) for col, figure in placed.items() if cells.get(col) != figure]
        for col in sorted(set(cells) - set(placed)):
            unplaced.append((name, col))
            header = "/".join(THREE_PUBLIC_PATHS[col])
            if not any(cell.figure == cells[col] and header in cell.candidates for cell in document.ambiguous_cells):
                unreported.append((name, col))
    assert misplaced == []
    assert unreported == []
    if justify == "right":
        assert unplaced and all(col % 2 == 0 for _, col in unplaced)
    else:
        assert unplaced == []


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
@pytest.mark.parametrize("per_page", [10, 2], ids=["one page", "header repeated on every page"])
def test_a_coded_table_with_one_kind_per_line_is_placed_by_position(
    justify: str, per_page: int, tmp_path: Path
) -> None:
    rows, expected = _spending_rows()
    columns = [Column(36), Column(110), *(Column(72, justify=justify) for _ in SPENDING_KINDS)]

    def build(pdf: TablePdf) -> None:
        pdf.table(SPENDING_TITLE, columns, SPENDING_HEADER, rows, per_page, header_justify="centre")

    document = read_text(_laid_out_text(tmp_path, build, "spending"), "spending.txt")
    (table,) = _tables(document)
    assert _body(table, 2) == [cells for _, cells in expected]
    assert document.ambiguous_cells == []


def test_position_and_arithmetic_disagreeing_place_nothing(tmp_path: Path) -> None:
    """基本支出 and 项目支出 printed, 本年支出合计 left empty: the sums place the two figures under
    合计 and one kind, their positions under the two kinds; neither is placed, both reported."""
    rows, _ = _spending_rows()
    rows = [*rows, [["229"], ["其他支出"], [], ["0.50"], ["0.50"], [], [], []]]
    columns = [Column(36), Column(110), *(Column(72, justify="right") for _ in SPENDING_KINDS)]

    def build(pdf: TablePdf) -> None:
        pdf.table(SPENDING_TITLE, columns, SPENDING_HEADER, rows, 10, header_justify="centre")

    document = read_text(_laid_out_text(tmp_path, build, "disagree"), "disagree.txt")
    (table,) = _tables(document)
    assert _body(table, 2)[-1] == {}
    reported = [cell for cell in document.ambiguous_cells if cell.row == "229 其他支出"]
    assert [cell.figure for cell in reported] == ["0.50", "0.50"]
    assert all({"基本支出", "项目支出"} <= set(cell.candidates) for cell in reported)


def test_putuo_three_public_budget_is_read_from_its_layout(tmp_path: Path) -> None:
    """The real Putuo 2024 -layout text prints ``0.95 … 0.95``: the second stands under 公务接待费/预算数."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf")
    path = write_serialization(pdf, "pdftotext-layout", tmp_path)
    document = read_text(path.read_text(encoding="utf-8"), path.name)
    three_public = [t for t in _tables(document) if t.n_cols == 12]
    assert [_body(t, 0) for t in three_public] == [[{0: "0.95", 10: "0.95"}]]
    assert not [cell for cell in document.ambiguous_cells if cell.figure == "0.95"]


# The 财政拨款收入支出决算总表: income (项目, 决算数) beside spending (项目, 合计 and three funds), the
# funds' names wrapped over three lines; each spending item comes from another fund, the same amount.
OVERVIEW_TITLE = "财政拨款收入支出决算总表"
OVERVIEW_HEADER: list[Row] = [
    [["收入"], [], ["支出"], [], [], [], []],
    [
        ["项目"],
        ["决算数"],
        ["项目"],
        ["合计"],
        ["一般公共", "预算财政", "拨款"],
        ["政府性基", "金预算财", "政拨款"],
        ["国有资本", "经营预算", "财政拨款"],
    ],
]
OVERVIEW_ROWS: list[list[str]] = [
    ["一、一般公共预算财政拨款", "1.00", "一、一般公共服务支出", "1.00", "1.00", "", ""],
    ["二、政府性基金预算财政拨款", "1.00", "二、城乡社区支出", "1.00", "", "1.00", ""],
    ["三、国有资本经营预算财政拨款", "1.00", "三、其他支出", "1.00", "", "", "1.00"],
    ["本年收入合计", "3.00", "本年支出合计", "3.00", "1.00", "1.00", "1.00"],
]


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
def test_a_two_sided_table_with_wrapped_fund_names_is_placed_by_position(justify: str, tmp_path: Path) -> None:
    columns = [Column(150), Column(60, justify=justify), Column(120), *(Column(66, justify=justify) for _ in range(4))]
    rows: list[Row] = [[[cell] if cell else [] for cell in row] for row in OVERVIEW_ROWS]

    def build(pdf: TablePdf) -> None:
        pdf.table(OVERVIEW_TITLE, columns, OVERVIEW_HEADER, rows, 10, header_justify="centre")

    document = read_text(_laid_out_text(tmp_path, build, "overview"), "overview.txt")
    (table,) = _tables(document)
    expected = [{c: cell for c, cell in enumerate(row) if cell} for row in OVERVIEW_ROWS]
    assert _body(table, 0) == expected
    assert document.ambiguous_cells == []


# The 政府性基金 table: a few lines, each printing the same amount as 本年收入, 本年支出小计 and one of
# 基本支出 / 项目支出 (the sums hold either way), or as 年初结转和结余 and 年末结转和结余.
FUND_TITLE = "政府性基金预算财政拨款收入支出决算表"
FUND_HEADER: list[Row] = [
    [["项目"], [], [], [], ["本年支出"], [], [], []],
    [
        ["科目编码"],
        ["科目名称"],
        ["年初结转", "和结余"],
        ["本年收入"],
        ["小计"],
        ["基本支出"],
        ["项目支出"],
        ["年末结转", "和结余"],
    ],
]
FUND_ROWS: list[list[str]] = [
    ["", "合计", "0.80", "2.00", "2.00", "", "2.00", "0.80"],
    ["212", "城乡社区支出", "", "2.00", "2.00", "", "2.00", ""],
    ["21208", "国有土地使用权出让收入安排的支出", "", "2.00", "2.00", "", "2.00", ""],
    ["2120899", "其他国有土地使用权出让收入安排的支出", "", "2.00", "2.00", "", "2.00", ""],
    ["229", "其他支出", "0.80", "", "", "", "", "0.80"],
]


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
def test_a_fund_table_of_few_lines_is_placed_by_position(justify: str, tmp_path: Path) -> None:
    columns = [Column(50), Column(150), *(Column(68, justify=justify) for _ in range(6))]
    rows: list[Row] = [[wrapped(cell, 10) if cell else [] for cell in row] for row in FUND_ROWS]

    def build(pdf: TablePdf) -> None:
        pdf.table(FUND_TITLE, columns, FUND_HEADER, rows, 10, header_justify="centre")

    document = read_text(_laid_out_text(tmp_path, build, "fund"), "fund.txt")
    (table,) = _tables(document)
    expected = [{c: cell for c, cell in enumerate(row[2:]) if cell} for row in FUND_ROWS]
    assert _body(table, 2) == expected
    assert document.ambiguous_cells == []


def test_a_line_edited_longer_does_not_move_its_figures_to_another_column(tmp_path: Path) -> None:
    """Putuo's -layout 财政拨款收入支出决算总表 with one item's name written longer (卫生健康支出 under its
    outdated name): the line's figures shift right, under the next fund's header. They line up with
    no other row's figures, so their positions are not used: the report gives the same summary
    metrics as the unedited text (nothing under 政府性基金)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf")
    text = write_serialization(pdf, "pdftotext-layout", tmp_path).read_text(encoding="utf-8")
    lines = text.split("\n")
    # The item's line in that table prints two figures (合计 and 一般公共预算财政拨款).
    (at,) = [i for i, line in enumerate(lines) if "九、卫生健康支出" in line and line.count("60.99") == 2]
    lines[at] = lines[at].replace("卫生健康支出", "医疗卫生与计划生育支出")
    edited = "\n".join(lines)

    def metrics(source: str) -> set[tuple[str, object]]:
        return {(m.metric, m.value) for m in read_tables(read_text(source, "putuo.txt")).summary_metrics}

    assert metrics(edited) == metrics(text)


# The 财政拨款收支预算总表's expenditure header as ``pdftotext -layout`` writes it from a typeset
# report (merged cells): 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算.
FUND_SPANS = MoneyColumns.of_sides([[(46, 48), (66, 72), (75, 82), (85, 93)]])


def _figure(text: str, column: int) -> Token:
    return Token(text, None, 0, column)


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        # A row short of cells ends in a cell merged to the table's edge, its figure set flush right:
        # printed right of every header word, further than the last column can reach.
        (97, None),
        # Ending a column past the last header cell's start: the last column's own.
        (86, frozenset({3})),
    ],
)
def test_a_figure_past_the_header_is_placed_by_the_sums_alone(start: int, allowed: frozenset[int] | None) -> None:
    assert FUND_SPANS.columns_of(0, _figure("6,397,096", start)) == allowed


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        # Between both header cells' neighbours, under 决算数's alone and much nearer it: placed there.
        (17, frozenset({1})),
        # Set flush right in a wide 预算数 cell, under no header cell: nearer 决算数, yet either's.
        (13, frozenset({0, 1})),
    ],
)
def test_only_a_figure_under_a_header_cell_goes_to_the_one_it_is_nearest(start: int, allowed: frozenset[int]) -> None:
    columns = MoneyColumns.of_sides([[(0, 3), (20, 23)]])  # 预算数 | 决算数, Putuo's 三公 grid
    assert columns.columns_of(0, _figure("0.95", start)) == allowed
