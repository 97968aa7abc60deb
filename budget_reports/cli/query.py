"""`budget query` and `budget findings`: read the warehouse, print a table, CSV or JSON."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from budget_reports.cli.output import OutputFormat, print_frame
from budget_reports.cli.paths import warehouse_db
from budget_reports.warehouse.findings import FindingFilter, select_findings
from budget_reports.warehouse.readonly import chinese_labels, referenced_views, run_query


class Labels(StrEnum):
    names = "names"
    zh = "zh"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, csv or json.")]
LabelsOption = Annotated[Labels, typer.Option("--labels", help="zh: Chinese column labels from the contract.")]


def query(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement over the warehouse views.")],
    fmt: FormatOption = OutputFormat.table,
    labels: LabelsOption = Labels.names,
) -> None:
    """Run one read-only SQL statement against the warehouse."""
    db = warehouse_db()
    frame = run_query(db, sql)
    headers = chinese_labels(frame.columns, referenced_views(db, sql)) if labels is Labels.zh else None
    print_frame(frame, fmt, headers)


def findings(
    severity: Annotated[list[str] | None, typer.Option(help="error, warning or info (repeatable).")] = None,
    rule: Annotated[list[str] | None, typer.Option(help="Rule id, e.g. sum.hierarchy (repeatable).")] = None,
    department: Annotated[str | None, typer.Option(help="Part of the department's name.")] = None,
    year: Annotated[int | None, typer.Option(help="Fiscal year.")] = None,
    fmt: FormatOption = OutputFormat.table,
    labels: LabelsOption = Labels.names,
) -> None:
    """List validation findings with their evidence (file, page, line, snippet)."""
    wanted = FindingFilter(tuple(severity or ()), tuple(rule or ()), department, year)
    frame = select_findings(warehouse_db(), wanted)
    headers = chinese_labels(frame.columns, ["dq_findings", "reports"]) if labels is Labels.zh else None
    print_frame(frame, fmt, headers)
