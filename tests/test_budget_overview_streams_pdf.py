"""A budget's two overviews (财务收支预算总表, 财政拨款收支预算总表) read from ``pdftotext``'s default
output of budget reports built here.

pdftotext without ``-layout`` writes a two-sided overview as one stream: both sides' labels and
figures interleaved, each cell a block of its own. ``readers/overview_streams.py`` places its figures
by what the report's other tables print (the 支出预算总表's and the 一般公共预算 table's class totals,
a fund table saying it has no data), what one overview settles of the other's fund rows, and the
sides' sums. The reports here vary the classes printed, their figures (generated so that every row,
类 and total adds up), an income besides the fiscal appropriation (事业收入: the two overviews' class
totals differ) or from the 政府性基金, whether the 收入预算总表 is printed, empty cells printed blank
or ``0``, the overview over two pages, its title (财务收支预算总表 / 部门收支总表), and whether each
title stands alone on its page (a landscape table on the next, as reports are typeset) or above its
table; the national template's 财政拨款收支总表 too. Whatever the variant, a figure read in an overview is its
cell's, and every figure printed and not read is reported as an ambiguous cell or its table as not
read; how much each variant gives is pinned as measured.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables.recognise import TableKind, find_standard_tables
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers.block_words import BARE_FIGURE
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.overview_labels import SPENDING, Role, side_labels
from budget_reports.readers.table_headers import LAYOUTS
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.test_budget_default_text import DEPARTMENTS, HEADER, _name, _pdftotext, _printed, _rows

NUMERALS = "一二三四五六七八九十"
FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
INCOME_HEADER = ["科目编码", "科目名称", "合计", "财政拨款收入", "事业收入"]
Grid = dict[tuple[str, int], str]  # (row label, money column) -> figure printed ("" for none)


def _classes(rows: list[tuple[str, tuple]]) -> list[tuple[str, Decimal]]:
    return [(code, cells[0]) for code, cells in rows if len(code) == 3]


def _overview(total: list[tuple[str, Decimal]], fiscal: Decimal, business: Decimal) -> tuple[list[list[str]], Grid]:
    """The 财务收支预算总表's rows (income and spending side by side) and its cells."""
    income = [
        ("一、财政拨款收入", fiscal),
        ("1.一般公共预算", fiscal),
        ("2.政府性基金预算", None),
        ("3.国有资本经营预算", None),
        ("二、事业收入", business or None),
        ("三、事业单位经营收入", None),
        ("四、其他收入", None),
    ]
    spending = [(f"{NUMERALS[k]}、{_name(code)}", value) for k, (code, value) in enumerate(total)]
    grand = sum((value for _, value in total), Decimal(0))
    return _two_sided(income, [(label, (value,)) for label, value in spending], grand, (grand,))


def _fiscal_overview(gpb: list[tuple[str, Decimal]]) -> tuple[list[list[str]], Grid]:
    """The 财政拨款收支预算总表's rows: income by fund, spending 合计 and by fund."""
    grand = sum((value for _, value in gpb), Decimal(0))
    income = [(f"{NUMERALS[k]}、{fund}", grand if k == 0 else None) for k, fund in enumerate(FUNDS)]
    spending = [(f"{NUMERALS[k]}、{_name(code)}", (v, v, None, None)) for k, (code, v) in enumerate(gpb)]
    return _two_sided(income, spending, grand, (grand, grand, None, None))


def _two_sided(
    income: list[tuple[str, Decimal | None]],
    spending: list[tuple[str, tuple[Decimal | None, ...]]],
    grand: Decimal,
    spending_grand: tuple[Decimal | None, ...],
    printed: Callable[[Decimal | None], str] = _printed,
) -> tuple[list[list[str]], Grid]:
    width = len(spending_grand)
    body = []
    for r in range(max(len(income), len(spending))):
        left = [income[r][0], printed(income[r][1])] if r < len(income) else ["", ""]
        right = [spending[r][0], *map(printed, spending[r][1])] if r < len(spending) else [""] * (width + 1)
        body.append(left + right)
    body.append(["收入总计", printed(grand), "支出总计", *map(printed, spending_grand)])
    grid: Grid = {}
    for label, value in [*income, ("收入总计", grand)]:
        grid[label, 0] = printed(value)
    for label, values in [*spending, ("支出总计", spending_grand)]:
        for c, value in enumerate(values):
            grid[label, 1 + c] = printed(value)
    return body, grid


def _coded(rows: list[tuple[str, tuple]]) -> list[list[str]]:
    body = [[code, _name(code), *map(_printed, cells)] for code, cells in rows]
    total = [sum((cells[k] or Decimal(0)) for code, cells in rows if len(code) == 3) for k in range(3)]
    return [*body, ["", "合计", *(_printed(v or None) for v in total)]]


def _income_by_class(total_rows: list[tuple[str, tuple]], gpb_rows: list[tuple[str, tuple]]) -> list[list[str]]:
    """The 收入预算总表's rows: each class line's income, 合计 and by source (the fiscal
    appropriation is what the 一般公共预算 spends on the line, 事业收入 the rest), and the 合计 line."""
    fiscal = {code: cells[0] for code, cells in gpb_rows}
    lines = [(code, cells[0], fiscal.get(code)) for code, cells in total_rows]
    body = [[code, _name(code), *map(_printed, (all_, gpb, (all_ - (gpb or 0)) or None))] for code, all_, gpb in lines]
    classes = [(all_, gpb or Decimal(0)) for code, all_, gpb in lines if len(code) == 3]
    total, gpb = (sum(column, Decimal(0)) for column in zip(*classes, strict=True))
    return [*body, ["", "合计", *map(_printed, (total, gpb or None, (total - gpb) or None))]]


def _report(
    path: Path, items: tuple[str, ...], business: bool, title_alone: bool, income: bool = False
) -> tuple[Path, Grid, Grid]:
    """The budget's overviews and their detail tables, each table under its title (or its title
    alone on the page before); ``business``: the last 项 is paid by 事业收入, not by the budget;
    ``income``: the 收入预算总表 (income by class and source) is printed after the overview."""
    total_rows = _rows(items, seed=len(items))
    gpb_rows = _rows(items[:-1], seed=len(items)) if business else total_rows  # the same rng draws
    total, gpb = _classes(total_rows), _classes(gpb_rows)
    fiscal = sum((value for _, value in gpb), Decimal(0))
    grand = sum((value for _, value in total), Decimal(0))
    overview, overview_grid = _overview(total, fiscal, grand - fiscal)
    fiscal_body, fiscal_grid = _fiscal_overview(gpb)
    coded = [Column(60), Column(200), *[Column(90, right=True)] * 3]
    tables = [
        (
            "2026年部门财务收支预算总表",
            [Column(150), Column(90, right=True), Column(200), Column(90, right=True)],
            [["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"], *overview],
        ),
        *(
            [("2026年部门收入预算总表", coded, [INCOME_HEADER, *_income_by_class(total_rows, gpb_rows)])]
            if income
            else []
        ),
        ("2026年部门支出预算总表", coded, [HEADER, *_coded(total_rows)]),
        (
            "2026年部门财政拨款收支预算总表",
            [Column(130), Column(80, right=True), Column(180), *[Column(80, right=True)] * 4],
            [["收入", "", "支出", "", "", "", ""], ["项目", "预算数", "项目", "合计", *FUNDS], *fiscal_body],
        ),
        ("2026年部门一般公共预算支出功能分类预算表", coded, [HEADER, *_coded(gpb_rows)]),
        ("2026年部门政府性基金预算支出功能分类预算表", coded, [HEADER]),
        ("2026年部门国有资本经营预算支出功能分类预算表", coded, [HEADER]),
    ]
    return _typeset(tables, path, title_alone), overview_grid, fiscal_grid


def _typeset(tables: list[tuple[str, list[Column], list[list[str]]]], path: Path, title_alone: bool = False) -> Path:
    """Each table on a page of its own under its title and unit (or its title alone on the page
    before); a table printing its header alone says it has no data, as budgets do."""
    pdf = TablePdf()
    for title, columns, rows in tables:
        pdf.new_page(842, 595)
        pdf.text(200, 40, title, 14)
        pdf.text(600, 64, "单位：元")
        top = 84
        if title_alone:
            pdf.new_page(842, 595)
            top = 40
        bottom = pdf.ruled_table(30, top, columns, rows, 20)
        if len(rows) == 1:
            pdf.text(30, bottom + 10, "注：本年度无此项预算支出，故本表无数据")
    return pdf.save(path)


def _read_grid(document, kind: TableKind) -> Grid | None:
    """The overview's cells as read (income label and figure, spending label and figures by row)."""
    table = next((t for t in find_standard_tables(document) if t.kind is kind), None)
    if table is None:
        return None
    grid: Grid = {}
    for row in table.table.grid()[table.first_row :]:
        for label, figures, first in ((row[0], row[1:2], 0), (row[2], row[3:], 1)):
            for c, figure in enumerate(figures):
                if label.strip() and figure.strip():
                    grid[label.strip(), first + c] = figure.strip()
    return grid


# (department, an income besides the budget, each title alone on its page, the 收入预算总表 printed)
# -> figures read in (财务收支预算总表, 财政拨款收支预算总表) of 9 (10 with 事业收入) and 14 printed,
# None for an overview reported as not read; as measured.
# The urban department's tables are all read: the overviews' spending items are the detail tables'
# class totals, the fund rows what the fiscal overview settles. 事业收入 is read where the
# 收入预算总表 is (its 合计 row, column 事业收入; its figures, two cells now and then on lines one after
# another, placed one by one where no placement of columns' runs fits), or where pdftotext writes its
# figure on a line with the spending label printed beside it (``2,960,610 五、住房保障支出``, the
# fifth line: the income side's fifth row, 二、事业收入 after the three funds' parts; the sides' rows
# written alternately before it confirm that pairing); else no sum tells it from 事业单位经营收入 or
# 其他收入 (9 before in both variants read so). The county's
# 支出预算总表 and 一般公共预算 table come out of pdftotext with cells far from their rows (moved
# back where the sums settle them, readers/late_cells.py, else reported as not read): its overviews
# are read by their own sums (each side's items to its 总计, the fund columns to 合计 row by row)
# and the fund tables saying they have no data, 事业收入 staying ambiguous as the urban's (the
# county's fiscal overview prints 12 figures where 事业收入 pays its last 项, the only one of its
# class).
VARIANTS: dict[tuple[str, bool, bool, bool], tuple[int | None, int | None]] = {
    ("urban", False, True, False): (9, 14),
    ("urban", False, False, False): (9, 14),
    ("urban", True, True, False): (10, 14),
    ("urban", True, True, True): (10, 14),
    ("county", True, False, False): (10, 12),
    ("county", True, False, True): (10, 12),
    ("county", False, True, False): (9, 14),
}


@pytest.mark.parametrize(("department", "business", "title_alone", "income"), list(VARIANTS))
def test_a_budget_overview_read_from_pdftotext_default(
    tmp_path: Path, department: str, business: bool, title_alone: bool, income: bool
) -> None:
    pdf, overview, fiscal = _report(tmp_path / "budget.pdf", DEPARTMENTS[department], business, title_alone, income)
    document = read_text(_pdftotext(pdf), "budget.txt")
    reported = [cell.figure for cell in document.ambiguous_cells]
    for (kind, truth), least in zip(
        ((TableKind.BUDGET_OVERVIEW, overview), (TableKind.BUDGET_FISCAL_OVERVIEW, fiscal)),
        VARIANTS[(department, business, title_alone, income)],
        strict=True,
    ):
        read = _read_grid(document, kind)
        named = any(kind.value in lost for lost in document.lost)
        assert (read is None) == (least is None) == named, kind
        read = read or {}
        figures = {key: value for key, value in read.items() if parse_decimal(value) is not None}
        assert {key: truth.get(key) for key in figures} == figures, f"{kind}: figures read into the wrong cell"
        assert len(figures) == (least or 0)
        for key, printed in truth.items():
            assert not printed or key in figures or printed in reported, f"{kind} {key}: {printed} lost"


def _national_fiscal_overview(gpb: list[tuple[str, Decimal]], carry: Decimal | None) -> tuple[list[list[str]], Grid]:
    """The national template's 财政拨款收支总表: 一、本年收入 / 二、上年结转 over each fund's part on
    the income side; 一、本年支出 over its classes and 二、年终结转结余 over each fund's part on the
    spending side (the parts worded as the income side's)."""
    grand = sum((value for _, value in gpb), Decimal(0))
    parts = [f"（{NUMERALS[k]}）{fund}拨款" for k, fund in enumerate(FUNDS)]
    income = [("一、本年收入", grand), *zip(parts, (grand, None, None), strict=True)]
    income += [("二、上年结转", carry), *zip(parts, (carry, None, None), strict=True)]
    spending = [("一、本年支出", (grand, grand, None, None))]
    spending += [(f"（{NUMERALS[k]}）{_name(code)}", (v, v, None, None)) for k, (code, v) in enumerate(gpb)]
    spending += [("二、年终结转结余", (carry, carry, None, None)), (parts[0], (carry, carry, None, None))]
    spending += [(part, (None,) * 4) for part in parts[1:]]
    total = grand + (carry or 0)
    return _two_sided(income, spending, total, (total, total, None, None))


def _cells_by_place(rows: list[list[str]]) -> dict[tuple[int, str, int, int], str]:
    """A two-sided table's figures by (side, label, its occurrence on the side, money column): a
    label printed twice on a side (a fund's part under the year's income and under the carry-over)
    keeps both its rows apart."""
    cells: dict[tuple[int, str, int, int], str] = {}
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        for side, label, figures in ((0, row[0], row[1:2]), (1, row[2], row[3:])):
            label = compact(label)
            if not label:
                continue
            n = seen[side, label] = seen.get((side, label), -1) + 1
            for c, figure in enumerate(figures):
                if parse_decimal(figure.strip()) is not None:
                    cells[side, label, n, c] = figure.strip()
    return cells


def _national_report(path: Path, department: str, carry: Decimal | None, details: bool) -> tuple[Path, list]:
    """The national template's 财政拨款收支总表 alone, or followed by the report's fund tables (the
    一般公共预算 table by class, the other funds' saying they have no data)."""
    rows = _rows(DEPARTMENTS[department], seed=len(DEPARTMENTS[department]))
    body, _ = _national_fiscal_overview(_classes(rows), carry)
    header = [["收入", "", "支出", "", "", "", ""], ["项目", "预算数", "项目", "合计", *FUNDS]]
    overview = [Column(130), Column(80, right=True), Column(180), *[Column(80, right=True)] * 4]
    coded = [Column(60), Column(200), *[Column(90, right=True)] * 3]
    tables = [("2026年部门财政拨款收支总表", overview, [*header, *body])]
    if details:
        tables += [
            ("2026年部门一般公共预算支出功能分类预算表", coded, [HEADER, *_coded(rows)]),
            ("2026年部门政府性基金预算支出功能分类预算表", coded, [HEADER]),
            ("2026年部门国有资本经营预算支出功能分类预算表", coded, [HEADER]),
        ]
    return _typeset(tables, path), body


# (department, carry-over, the fund tables printed) -> figures read of those printed (17 without a
# carry-over, 23 with), None for the table reported as not read; as measured.
# With the fund tables, what they say (a fund with no data has no income, spending or carry-over
# share; the 一般公共预算 classes) and the sides' sums place every figure but, without a
# carry-over, the income side's 一、本年收入 and its 一般公共预算 part: an empty year with the same
# figures as 二、上年结转 and its part keeps every sum too. The table alone says nothing of which
# fund a spending figure is of (the fund columns are alike to the sums): reported as not read.
NATIONAL: dict[tuple[str, Decimal | None, bool], int | None] = {
    ("urban", None, True): 15,
    ("urban", Decimal(1_250_000), True): 23,
    ("county", None, True): 15,
    ("county", Decimal(1_250_000), True): 23,
    ("urban", Decimal(1_250_000), False): None,
    ("county", None, False): None,
}


@pytest.mark.parametrize(("department", "carry", "details"), list(NATIONAL))
def test_the_national_fiscal_overview_read_from_pdftotext_default(
    tmp_path: Path, department: str, carry: Decimal | None, details: bool
) -> None:
    """The national template's 财政拨款收支总表 from pdftotext (default): its labels go to their sides
    (the spending carry-over's fund parts, worded as the income side's, to the spending side);
    pdftotext writes the spending 总计's figures before the income side's 收入总计. Each figure read
    is its cell's, each figure printed and not read is reported."""
    pdf, body = _national_report(tmp_path / "national.pdf", department, carry, details)
    text = _pdftotext(pdf)
    # The stream's labels: every line without its figures (a line may hold a figure of one side
    # and a label of the other).
    words = [[w for w in line.split() if not BARE_FIGURE.match(w)] for line in text.split("\f")[0].splitlines()]
    lines = [BlockLine(" ".join(w), 1, i) for i, w in enumerate(words[2:], start=3)]
    layout = next(layout for layout in LAYOUTS if layout.name == "财政拨款收支预算总表")
    sides = side_labels(lines, layout.fitted(compact(text)))
    assert sides is not None
    labels = [[compact(row[column]) for row in body if row[column]] for column in (0, 2)]  # 总计 included
    assert [[x.text for x in side] for side in sides] == labels
    assert [x.role for x in sides[SPENDING]][-5:] == [Role.CARRY, *[Role.CARRY_PART] * 3, Role.GRAND_TOTAL]
    document = read_text(text, "national.txt")
    reported = [cell.figure for cell in document.ambiguous_cells]
    title = "2026年部门财政拨款收支总表"
    table = next((t for t in find_standard_tables(document) if t.kind is TableKind.BUDGET_FISCAL_OVERVIEW), None)
    expected = NATIONAL[department, carry, details]
    assert (table is None) == (expected is None) == any(title in lost for lost in document.lost)
    truth = _cells_by_place(body)
    read = _cells_by_place(table.table.grid()[table.first_row :]) if table is not None else {}
    assert {key: truth.get(key) for key in read} == read, "figures read into the wrong cell"
    assert len(read) == (expected or 0)
    unread = [figure for key, figure in truth.items() if key not in read]
    assert sorted(figure for figure in reported if figure in unread) == sorted(unread)


def _fund_rows(total_rows: list[tuple[str, tuple]], gpb_rows: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """The lines another fund pays: what all funds spend on each line beyond the 一般公共预算."""
    gpb = dict(gpb_rows)
    rows = []
    for code, cells in total_rows:
        rest = tuple((c or 0) - (g or 0) for c, g in zip(cells, gpb.get(code, (None,) * 3), strict=True))
        if rest[0]:
            rows.append((code, tuple(v or None for v in rest)))
    return rows


def _varied_report(
    path: Path, department: str, gov_fund: bool, zeros: bool, two_pages: bool, title: str
) -> tuple[Path, Grid, Grid]:
    """A budget's two overviews and their detail tables, varied: the last 项 paid by the
    政府性基金 (its table printing it) or by the 一般公共预算; the overviews' empty cells printed
    as ``0`` or blank; the overview broken over two pages; its title as the province words it."""
    items = DEPARTMENTS[department]
    total_rows = _rows(items, seed=len(items))
    gpb_rows = _rows(items[:-1], seed=len(items)) if gov_fund else total_rows  # the same rng draws
    gov_rows = _fund_rows(total_rows, gpb_rows)
    total, gpb, gov = _classes(total_rows), dict(_classes(gpb_rows)), dict(_classes(gov_rows))
    printed = (lambda v: "0" if v is None else _printed(v)) if zeros else _printed
    gpb_sum, gov_sum = sum(gpb.values(), Decimal(0)), sum(gov.values(), Decimal(0))
    grand = gpb_sum + gov_sum
    income = [
        ("一、财政拨款收入", grand),
        ("1.一般公共预算", gpb_sum),
        ("2.政府性基金预算", gov_sum or None),
        ("3.国有资本经营预算", None),
        ("二、事业收入", None),
        ("三、事业单位经营收入", None),
        ("四、其他收入", None),
    ]
    spending = [(f"{NUMERALS[k]}、{_name(code)}", (value,)) for k, (code, value) in enumerate(total)]
    overview, overview_grid = _two_sided(income, spending, grand, (grand,), printed)
    fiscal_income = [
        (f"{NUMERALS[k]}、{fund}", value)
        for k, (fund, value) in enumerate(zip(FUNDS, (gpb_sum, gov_sum or None, None), strict=True))
    ]
    fiscal_spending = [
        (f"{NUMERALS[k]}、{_name(code)}", (value, gpb.get(code), gov.get(code), None))
        for k, (code, value) in enumerate(total)
    ]
    fiscal_body, fiscal_grid = _two_sided(
        fiscal_income, fiscal_spending, grand, (grand, gpb_sum, gov_sum or None, None), printed
    )
    coded = [Column(60), Column(200), *[Column(90, right=True)] * 3]
    overview_header = [["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"]]
    tables = [
        (title, [Column(150), Column(90, right=True), Column(200), Column(90, right=True)], overview_header, overview),
        ("2026年部门支出预算总表", coded, [HEADER], _coded(total_rows)),
        (
            "2026年部门财政拨款收支预算总表",
            [Column(130), Column(80, right=True), Column(180), *[Column(80, right=True)] * 4],
            [["收入", "", "支出", "", "", "", ""], ["项目", "预算数", "项目", "合计", *FUNDS]],
            fiscal_body,
        ),
        ("2026年部门一般公共预算支出功能分类预算表", coded, [HEADER], _coded(gpb_rows)),
        ("2026年部门政府性基金预算支出功能分类预算表", coded, [HEADER], _coded(gov_rows) if gov_rows else []),
        ("2026年部门国有资本经营预算支出功能分类预算表", coded, [HEADER], []),
    ]
    pdf = TablePdf()
    for k, (table_title, columns, header, body) in enumerate(tables):
        pdf.new_page(842, 595)
        pdf.text(200, 40, table_title, 14)
        pdf.text(600, 64, "单位：元")
        # The first overview broken after its first rows, the rest on the next page.
        first = len(body) // 2 if two_pages and k == 0 else len(body)
        bottom = pdf.ruled_table(30, 84, columns, [*header, *body[:first]], 20)
        if body[first:]:
            pdf.new_page(842, 595)
            pdf.ruled_table(30, 40, columns, body[first:], 20)
        if not body:
            pdf.text(30, bottom + 10, "注：本年度无此项预算支出，故本表无数据")
    return pdf.save(path), overview_grid, fiscal_grid


# (department, the 政府性基金 paying the last 项, empty cells printed 0, the overview on two pages,
# its title) -> figures read in (财务收支预算总表, 财政拨款收支预算总表), None for a table reported as
# not read; as measured. Printed: 9 and 14 (10 and 17 with the 政府性基金), 14 and 28 with zeros.
# A zero changes no sum: where it is is told by the rows left for it once the other figures are
# placed. The county's detail tables, their cells written after the rows below moved back by the
# sums (readers/late_cells.py), give the overviews' class totals where the 政府性基金 pays too:
# every figure of the 财务收支预算总表 is read, and of the fiscal overview all but one.
VARIED: dict[tuple[str, bool, bool, bool, str], tuple[int | None, int | None]] = {
    ("urban", True, False, False, "2026年部门财务收支预算总表"): (10, 17),
    ("urban", False, True, False, "2026年部门收支总表"): (14, 28),
    ("urban", True, True, False, "2026年部门收支总表"): (14, 28),
    ("urban", False, False, True, "2026年部门财务收支预算总表"): (9, 14),
    ("county", False, True, False, "2026年部门收支总表"): (14, 28),
    ("county", True, False, True, "2026年部门财务收支预算总表"): (10, 16),
}


@pytest.mark.parametrize(("department", "gov_fund", "zeros", "two_pages", "title"), list(VARIED))
def test_varied_budget_overviews_read_from_pdftotext_default(
    tmp_path: Path, department: str, gov_fund: bool, zeros: bool, two_pages: bool, title: str
) -> None:
    """Whatever the variant, a figure read in an overview is its cell's, and every figure printed and
    not read is reported as an ambiguous cell or its table as not read."""
    pdf, overview, fiscal = _varied_report(tmp_path / "budget.pdf", department, gov_fund, zeros, two_pages, title)
    document = read_text(_pdftotext(pdf), "budget.txt")
    reported = [cell.figure for cell in document.ambiguous_cells]
    counts = []
    for kind, truth in ((TableKind.BUDGET_OVERVIEW, overview), (TableKind.BUDGET_FISCAL_OVERVIEW, fiscal)):
        read = _read_grid(document, kind)
        named = any(kind.value in lost or title in lost for lost in document.lost)
        figures = {key: value for key, value in (read or {}).items() if parse_decimal(value) is not None}
        assert {key: truth.get(key) for key in figures} == figures, f"{kind}: figures read into the wrong cell"
        for key, printed in truth.items():
            assert not printed or key in figures or printed in reported, f"{kind} {key}: {printed} lost"
        assert read is not None or named, kind
        counts.append(None if read is None else len(figures))
    assert tuple(counts) == VARIED[department, gov_fund, zeros, two_pages, title]


# (department, carry-over) -> figures read of the national template's 部门收支总表 (10 printed, 12
# with a carry-over); as measured. Its spending items are the 部门支出总表's class totals (or, the
# county's not read, what the sums settle); 一、一般公共预算拨款收入 stays between the income items
# (no 收入总表 or 财政拨款收支总表 printed here to tell it from 四、事业收入 …).
NATIONAL_ALL_FUNDS: dict[tuple[str, Decimal | None], int] = {
    ("urban", None): 9,
    ("urban", Decimal(1_250_000)): 11,
    ("county", Decimal(1_250_000)): 11,
}


@pytest.mark.parametrize(("department", "carry"), list(NATIONAL_ALL_FUNDS))
def test_the_national_overview_of_all_funds_read_from_pdftotext_default(
    tmp_path: Path, department: str, carry: Decimal | None
) -> None:
    """The national template's 部门收支总表 (本年收入合计 and 上年结转 over 收入总计, 本年支出合计 and
    年终结转结余 over 支出总计) with its detail tables: each figure read is its cell's, each figure
    printed and not read is reported."""
    items = DEPARTMENTS[department]
    rows = _rows(items, seed=len(items))
    total = _classes(rows)
    grand = sum((value for _, value in total), Decimal(0))
    sources = ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入")
    income = [(f"{NUMERALS[k]}、{source}", grand if k == 0 else None) for k, source in enumerate(sources)]
    income += [("本年收入合计", grand), ("上年结转", carry)]
    spending = [(f"{NUMERALS[k]}、{_name(code)}", (value,)) for k, (code, value) in enumerate(total)]
    spending += [("本年支出合计", (grand,)), ("年终结转结余", (carry,))]
    body, _ = _two_sided(income, spending, grand + (carry or 0), (grand + (carry or 0),))
    coded = [Column(60), Column(200), *[Column(90, right=True)] * 3]
    tables = [
        (
            "2026年部门收支总表",
            [Column(150), Column(90, right=True), Column(200), Column(90, right=True)],
            [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"], *body],
        ),
        ("2026年部门支出总表", coded, [HEADER, *_coded(rows)]),
        ("2026年部门一般公共预算支出功能分类预算表", coded, [HEADER, *_coded(rows)]),
        ("2026年部门政府性基金预算支出功能分类预算表", coded, [HEADER]),
        ("2026年部门国有资本经营预算支出功能分类预算表", coded, [HEADER]),
    ]
    document = read_text(_pdftotext(_typeset(tables, tmp_path / "national.pdf")), "national.txt")
    table = next(t for t in find_standard_tables(document) if t.kind is TableKind.BUDGET_OVERVIEW)
    truth = _cells_by_place(body)
    read = _cells_by_place(table.table.grid()[table.first_row :])
    assert {key: truth.get(key) for key in read} == read, "figures read into the wrong cell"
    assert len(read) == NATIONAL_ALL_FUNDS[department, carry]
    reported = [cell.figure for cell in document.ambiguous_cells]
    unread = [figure for key, figure in truth.items() if key not in read]
    assert sorted(figure for figure in reported if figure in unread) == sorted(unread)
