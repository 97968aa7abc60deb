"""Spreadsheets generated with openpyxl (.xlsx) and xlwt (.xls): merged ranges, number formats, dates, formulas."""

from __future__ import annotations

import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlwt

from budget_reports.model import BlockKind, Document
from budget_reports.normalize import parse_decimal
from budget_reports.readers import ReadError, read_document
from budget_reports.readers.spreadsheet import format_number

MONEY = "#,##0.00"
# Rows 3.. of the first sheet: (row, col) -> (value, number format); figures from seed 001.
CELLS: dict[tuple[int, int], tuple[object, str]] = {
    (3, 1): ("收入", "General"),
    (3, 3): ("支出", "General"),
    (4, 1): ("项目", "General"),
    (4, 2): ("决算数", "General"),
    (4, 3): ("项目", "General"),
    (4, 4): ("决算数", "General"),
    (5, 1): ("一般公共预算财政拨款收入", "General"),
    (5, 2): (436.91, MONEY),
    (5, 3): ("一般公共服务支出", "General"),
    (5, 4): (379.93, MONEY),
    (6, 1): ("政府性基金预算财政拨款收入", "General"),
    (6, 2): (71.73, MONEY),
    (6, 3): ("上年结转", "General"),
    (7, 1): ("大额", "General"),
    (7, 2): (1234567.8, MONEY),
    (7, 3): ("完成预算", "General"),
    (7, 4): (0.982, "0.00%"),
    (8, 1): ("浮点", "General"),
    (8, 2): (0.1 + 0.2, "0.00"),
    (8, 3): ("截至", "General"),
    (8, 4): (datetime(2023, 12, 31), "yyyy-mm-dd"),
    (9, 1): ("其他", "General"),
    (9, 2): (2940.05, "General"),
    (9, 4): (5.0, "General"),
    (10, 2): (12, "General"),
    (10, 4): (3.14159, "0.0#"),
}
MERGES = ["A1:D1", "A3:B3", "C3:D3", "A9:A10"]
EXPECTED_ROWS = [
    ["收入", "", "支出", ""],
    ["项目", "决算数", "项目", "决算数"],
    ["一般公共预算财政拨款收入", "436.91", "一般公共服务支出", "379.93"],
    ["政府性基金预算财政拨款收入", "71.73", "上年结转", ""],
    ["大额", "1,234,567.80", "完成预算", "98.20%"],
    ["浮点", "0.30", "截至", "2023-12-31"],
    ["其他", "2940.05", "", "5"],
    ["", "12", "", "3.14"],
    ["本年收入合计", "508.64", "", ""],
]


def _xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1"
    sheet["A1"] = "收入支出决算总表"
    sheet["D2"] = "单位：万元"
    for (row, col), (value, number_format) in CELLS.items():
        cell = sheet.cell(row, col, value)
        cell.number_format = number_format
    sheet["A11"] = "本年收入合计"
    sheet["B11"] = "=SUM(B5:B6)"
    sheet["B11"].number_format = MONEY
    for merged in MERGES:
        sheet.merge_cells(merged)
    second = book.create_sheet("表2")
    second.append(["项目", "金额"])
    second.append(["甲", 1])
    second.append([])
    second.append([])
    second.append(["项目", "金额"])
    second.append(["乙", 2.5])
    book.create_sheet("空表")
    book.save(path)
    _cache_formula_result(path, "SUM(B5:B6)", "508.64")


def _cache_formula_result(path: Path, formula: str, value: str) -> None:
    """Write the cached result Excel would have saved (openpyxl does not compute formulas)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert f"<f>{formula}</f><v></v>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        f"<f>{formula}</f><v></v>", f"<f>{formula}</f><v>{value}</v>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _xls(path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    styles: dict[str, xlwt.XFStyle] = {}

    def style(number_format: str) -> xlwt.XFStyle:
        return styles.setdefault(number_format, xlwt.easyxf(num_format_str=number_format))

    merged_origins = {"A1": (0, 0, 0, 3), "A3": (2, 2, 0, 1), "C3": (2, 2, 2, 3), "A9": (8, 9, 0, 0)}
    values = dict(CELLS)
    values[(1, 1)] = ("收入支出决算总表", "General")
    values[(2, 4)] = ("单位：万元", "General")
    values[(11, 1)] = ("本年收入合计", "General")
    values[(11, 2)] = (508.64, MONEY)
    for (row, col), (value, number_format) in values.items():
        name = f"{'ABCD'[col - 1]}{row}"
        if name in merged_origins:
            r0, r1, c0, c1 = merged_origins[name]
            sheet.write_merge(r0, r1, c0, c1, value, style(number_format))
        else:
            sheet.write(row - 1, col - 1, value, style(number_format))
    second = book.add_sheet("表2")
    for r, row in enumerate([["项目", "金额"], ["甲", 1], [], [], ["项目", "金额"], ["乙", 2.5]]):
        for c, value in enumerate(row):
            second.write(r, c, value)
    book.add_sheet("空表")
    book.save(str(path))


@pytest.fixture(params=["xlsx", "xls"])
def workbook(request: pytest.FixtureRequest, tmp_path: Path) -> Document:
    path = tmp_path / f"决算.{request.param}"
    (_xlsx if request.param == "xlsx" else _xls)(path)
    document = read_document(path, path.name)
    assert document.file_format == request.param
    return document


def test_each_sheet_is_a_heading_then_title_lines_then_tables(workbook: Document) -> None:
    kinds = [(b.kind, b.text if b.kind is not BlockKind.TABLE else None, b.line) for b in workbook.blocks]
    assert kinds == [
        (BlockKind.HEADING, "表1", None),
        (BlockKind.PARAGRAPH, "收入支出决算总表", 1),
        (BlockKind.PARAGRAPH, "单位：万元", 2),
        (BlockKind.TABLE, None, 3),
        (BlockKind.HEADING, "表2", None),
        (BlockKind.TABLE, None, 1),
        (BlockKind.TABLE, None, 5),
        (BlockKind.HEADING, "空表", None),
    ]
    assert workbook.warnings == ["工作表“空表”为空"]


def test_numbers_dates_and_formulas_as_displayed(workbook: Document) -> None:
    table = next(workbook.tables()).table
    assert table.grid() == EXPECTED_ROWS
    assert [c.line for c in table.row_cells(4)] == [7, 7, 7, 7]
    # The displayed text parses back to the exact amount, with no float residue.
    assert parse_decimal(table.cell_at(4, 1).text) == Decimal("1234567.80")
    assert parse_decimal(table.cell_at(5, 1).text) == Decimal("0.30")


def test_merged_ranges_are_spans_and_covered_positions_hold_no_cell(workbook: Document) -> None:
    table = next(workbook.tables()).table
    assert (table.cell_at(0, 0).col_span, table.cell_at(0, 2).col_span) == (2, 2)
    assert table.cell_at(0, 1) is None and table.cell_at(0, 3) is None
    other = table.cell_at(6, 0)
    assert (other.text, other.row_span, other.col_span) == ("其他", 2, 1)
    assert table.cell_at(7, 0) is None
    # Empty cells that are not covered by a merge exist and are empty.
    assert table.cell_at(3, 3).text == "" and table.cell_at(7, 2).text == ""


def test_second_sheet_splits_at_two_empty_rows(workbook: Document) -> None:
    second, third = [b.table for b in workbook.tables()][1:]
    assert second.grid() == [["项目", "金额"], ["甲", "1"]]
    assert third.grid() == [["项目", "金额"], ["乙", "2.5"]]
    assert third.cell_at(1, 1).line == 6


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1234567.8, "#,##0.00", "1,234,567.80"),
        (0.1 + 0.2, "General", "0.30000000000000004"),
        (0.1 + 0.2, "0.00", "0.30"),
        (2.675, "0.00", "2.68"),  # the float is 2.67499999...; the sheet shows 2.68
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (0.5, "0%", "50%"),
        (1e-05, "General", "0.00001"),
        (100.0, "General", "100"),
        (7, '0.00"万元"', "7.00"),
        (3.1, "0.0#", "3.1"),
    ],
)
def test_format_number_never_goes_through_float_arithmetic(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


def test_web_page_saved_as_xls_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "附表.xls"
    html = "<html><body><table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>516.82</td></tr></table>"
    path.write_text(html, encoding="utf-8")
    document = read_document(path, path.name)
    assert document.file_format == "html"
    assert next(document.tables()).table.grid() == [["项目", "金额"], ["合计", "516.82"]]


def test_damaged_workbooks_are_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    _xlsx(good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ReadError, match="不是有效的 XLSX 文件"):
        read_document(truncated, truncated.name)
    xls = tmp_path / "bad.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with pytest.raises(ReadError, match="XLS 文件已损坏"):
        read_document(xls, xls.name)
