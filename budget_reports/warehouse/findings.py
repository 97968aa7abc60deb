"""The validation findings an analyst reviews: filtered, with the report's identity and the evidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from budget_reports.warehouse.readonly import run_query

SEVERITIES = ("error", "warning", "info")

FINDING_COLUMNS = (
    "severity",
    "rule_id",
    "department",
    "fiscal_year",
    "subject",
    "expected",
    "actual",
    "message",
    "source_file",
    "page",
    "line",
    "snippet",
)


@dataclass(frozen=True, slots=True)
class FindingFilter:
    severities: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    department: str | None = None  # a part of the department's name
    year: int | None = None


def select_findings(db_path: Path, wanted: FindingFilter) -> pl.DataFrame:
    """Findings matching every given filter, most severe first, then by report and position in the file."""
    unknown = sorted(set(wanted.severities) - set(SEVERITIES))
    if unknown:
        raise ValueError(f"unknown severity {', '.join(unknown)} (one of {', '.join(SEVERITIES)})")
    conditions, params = ["TRUE"], []
    if wanted.severities:
        conditions.append(f"f.severity IN ({', '.join('?' for _ in wanted.severities)})")
        params += list(wanted.severities)
    if wanted.rules:
        conditions.append(f"f.rule_id IN ({', '.join('?' for _ in wanted.rules)})")
        params += list(wanted.rules)
    if wanted.department:
        conditions.append("(contains(r.department, ?) OR contains(r.department_short, ?))")
        params += [wanted.department, wanted.department]
    if wanted.year is not None:
        conditions.append("f.fiscal_year = ?")
        params.append(wanted.year)
    columns = ", ".join(f"r.{c}" if c == "department" else f"f.{c}" for c in FINDING_COLUMNS)
    sql = f"""
        SELECT {columns}
        FROM dq_findings f LEFT JOIN reports r USING (report_id)
        WHERE {" AND ".join(conditions)}
        ORDER BY list_position({list(SEVERITIES)}, f.severity), r.department, f.fiscal_year,
                 f.source_file, f.page NULLS FIRST, f.line, f.rule_id
    """
    return run_query(db_path, sql, params)
