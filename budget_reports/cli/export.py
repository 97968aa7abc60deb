"""`budget export`: every view as an Excel workbook, CSV or Parquet files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budget_reports.cli.paths import warehouse_db
from budget_reports.warehouse.export import export_warehouse


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    parquet = "parquet"


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="xlsx: the workbook file; csv/parquet: a folder.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx, csv or parquet.")] = ExportFormat.xlsx,
) -> None:
    """Export every warehouse view (one sheet or file per view, Chinese headers in Excel)."""
    written = export_warehouse(warehouse_db(), fmt.value, output)
    for path in written:
        print(path)
