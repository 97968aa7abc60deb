"""`budget export --format xlsx`: the workbook re-opened with openpyxl, checked against the warehouse."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from budget_reports.contract import MONEY, PERCENT, VIEWS
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE
from tests.cli_support import budget
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def workbook_and_db(tmp_path_factory: pytest.TempPathFactory):
    """The warehouse of data/raw built once (the plain build functions), then exported by the command."""
    root = tmp_path_factory.mktemp("excel")
    paths = Paths(SEED_DIR, root / "warehouse")
    stage_reports(paths)
    build(paths)
    output = root / "out" / "budget.xlsx"
    result = budget("export", "--format", "xlsx", "--output", str(output), warehouse=paths.warehouse_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(output)
    return load_workbook(output), paths.warehouse_dir / DUCKDB_FILE


def test_one_sheet_per_view_with_chinese_headers(workbook_and_db) -> None:
    workbook, db = workbook_and_db
    assert workbook.sheetnames == [v.name for v in VIEWS]
    with duckdb.connect(str(db), read_only=True) as con:
        for view in VIEWS:
            sheet = workbook[view.name]
            assert [c.value for c in sheet[1]] == [c.label for c in view.columns]
            assert sheet.max_row == con.execute(f'SELECT count(*) FROM "{view.name}"').fetchone()[0] + 1


def test_header_row_frozen_with_an_autofilter(workbook_and_db) -> None:
    workbook, _ = workbook_and_db
    for view in VIEWS:
        sheet = workbook[view.name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(view.columns)).column_letter}{sheet.max_row}"


def test_money_is_numbers_in_wanyuan_shown_with_two_decimals(workbook_and_db) -> None:
    workbook, db = workbook_and_db
    checked = 0
    with duckdb.connect(str(db), read_only=True) as con:
        for view in VIEWS:
            sheet = workbook[view.name]
            for index, column in enumerate(view.columns, start=1):
                if column.sql_type not in (MONEY, PERCENT):
                    continue
                stored = [r[0] for r in con.execute(f'SELECT "{column.name}" FROM "{view.name}"').fetchall()]
                cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index)]
                for cell, value in zip(cells, stored, strict=True):
                    if value is None:
                        assert cell.value is None
                        continue
                    assert cell.data_type == "n" and isinstance(cell.value, int | float)
                    assert cell.number_format == "0.00"
                    assert Decimal(str(cell.value)) == value  # the exact figure, not a rounded one
                    checked += 1
    assert checked > 100


def test_other_types_keep_their_kind(workbook_and_db) -> None:
    workbook, _ = workbook_and_db
    reports = workbook["reports"]
    header = [c.value for c in reports[1]]
    years = [row[header.index("年度")].value for row in reports.iter_rows(min_row=2)]
    assert years and all(isinstance(y, int) for y in years)
    classification = workbook["classification"]
    names = [c.value for c in classification[1]]
    codes = [row[names.index("编码")].value for row in classification.iter_rows(min_row=2)]
    assert all(isinstance(code, str) for code in codes)  # codes stay text: 201 and 2010101 keep their digits
