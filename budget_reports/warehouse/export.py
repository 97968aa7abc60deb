"""Every contract view written out for people who work outside DuckDB: an Excel workbook, CSV or Parquet files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from budget_reports.contract import MONEY, PERCENT, VIEWS, View
from budget_reports.warehouse.query import read_view
from budget_reports.warehouse.readonly import WarehouseError, connect_readonly

EXPORT_FORMATS = ("xlsx", "csv", "parquet")
NUMBER_FORMAT = "0.00"  # 万元 and percentages, two decimals shown; the cell keeps the exact value
DECIMAL_TYPES = frozenset({MONEY, PERCENT})
EXCEL_MAX_ROWS = 1_048_576
LIST_SEPARATOR = "、"


def export_warehouse(db_path: Path, fmt: str, output: Path) -> list[Path]:
    """Write every view; xlsx is one workbook at ``output``, csv and parquet one file per view in folder ``output``."""
    if fmt not in EXPORT_FORMATS:
        raise WarehouseError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    with connect_readonly(db_path):  # a clear error when there is no warehouse yet
        pass
    frames = {view.name: read_view(db_path, view.name) for view in VIEWS}
    if fmt == "xlsx":
        write_workbook(frames, output)
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = output / f"{name}.{fmt}"
        if fmt == "csv":
            # The BOM lets Excel open the UTF-8 Chinese text correctly.
            frame.with_columns(pl.col(pl.List(pl.String)).list.join(LIST_SEPARATOR)).write_csv(path, include_bom=True)
        else:
            frame.write_parquet(path)
        written.append(path)
    return written


def write_workbook(frames: dict[str, pl.DataFrame], output: Path) -> None:
    """One sheet per view: Chinese header row (frozen, with an autofilter), money as numbers shown with two decimals."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for view in VIEWS:
        frame = frames[view.name]
        if frame.height + 1 > EXCEL_MAX_ROWS:
            raise WarehouseError(f"view {view.name} has {frame.height} rows, more than an Excel sheet holds")
        _write_sheet(workbook, view, frame)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    workbook.save(partial)
    partial.replace(output)  # never leave a half-written workbook under the requested name


def _write_sheet(workbook: Workbook, view: View, frame: pl.DataFrame) -> None:
    sheet = workbook.create_sheet(view.name)
    sheet.append([column.label for column in view.columns])
    for row in frame.select(view.column_names).iter_rows():
        sheet.append(list(_cell_values(row)))
    for index, column in enumerate(view.columns, start=1):
        letter = get_column_letter(index)
        if column.sql_type in DECIMAL_TYPES:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMAT
        sheet.column_dimensions[letter].width = max(10, min(40, 2 * len(column.label) + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(view.columns))}{frame.height + 1}"


def _cell_values(row: Iterable[object]) -> Iterable[object]:
    for value in row:
        yield LIST_SEPARATOR.join(value) if isinstance(value, list) else value
