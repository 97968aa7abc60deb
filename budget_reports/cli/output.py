"""Printing a result frame as a Rich table, CSV or JSON (exact decimals kept as text in JSON)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import polars as pl
from rich.console import Console
from rich.table import Table

PIPED_WIDTH = 240


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def print_frame(frame: pl.DataFrame, fmt: OutputFormat, headers: list[str] | None = None) -> None:
    headers = headers or frame.columns
    if fmt is OutputFormat.csv:
        sys.stdout.write(_as_text_frame(frame, headers).write_csv())
    elif fmt is OutputFormat.json:
        keys = _unique(headers)
        rows = [dict(zip(keys, row, strict=True)) for row in frame.iter_rows()]
        # default=str keeps decimals exact (as text, never a float) and prints timestamps in ISO form.
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str, indent=1) + "\n")
    else:
        table = Table(show_lines=False)
        for header in headers:
            table.add_column(header, overflow="fold")  # wrap long text, never cut a figure short
        for row in frame.iter_rows():
            table.add_row(*("" if v is None else _display(v) for v in row))
        # Piped output is read later or by a program: lay the table out wide rather than at 80 columns.
        console = Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)
        console.print(table)
        console.print(f"{frame.height} rows", style="dim")


def _as_text_frame(frame: pl.DataFrame, headers: list[str]) -> pl.DataFrame:
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    frame = frame.with_columns(pl.col(lists).cast(pl.List(pl.String)).list.join("、")) if lists else frame
    return frame.rename(dict(zip(frame.columns, _unique(headers), strict=True)))


def _unique(names: list[str]) -> list[str]:
    """Two result columns may carry the same label; suffix the repeats so the output stays a table."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _display(value: object) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)
