"""Turn an ``ExtractedReport`` into one Polars frame per contract view, typed by the contract."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, fields
from typing import Any

import polars as pl

from budget_reports.contract import VIEWS_BY_NAME, View
from budget_reports.department_key import department_key
from budget_reports.facts import ExtractedReport, Finding
from budget_reports.stages import stage_of

# Contract view -> attribute of ExtractedReport holding its rows.
_ROW_LISTS = {
    "summary_metrics": "summary_metrics",
    "income": "income",
    "expenditure_function": "expenditure_function",
    "expenditure_economic": "expenditure_economic",
    "performance_projects": "performance_projects",
    "performance_funds": "performance_funds",
    "performance_indicators": "performance_indicators",
    "dq_findings": "findings",
}


def empty_frame(view: View) -> pl.DataFrame:
    return pl.DataFrame(schema=view.polars_schema())


def frame_from_records(view: View, records: list[dict[str, Any]]) -> pl.DataFrame:
    """Records (dicts by column name, missing keys = NULL) as a frame with exactly the view's schema."""
    schema = view.polars_schema()
    columns = {name: [r.get(name) for r in records] for name in schema}
    return pl.DataFrame(columns, schema=schema, strict=False)


def report_frames(extracted: ExtractedReport) -> dict[str, pl.DataFrame]:
    """All the report's rows, each view's frame typed exactly as the contract says."""
    info = extracted.report
    stage = stage_of(info.report_kind)
    # Every fact row carries its report's keys and stage (views without a stage column ignore it).
    keys = {"report_id": info.report_id, "fiscal_year": info.fiscal_year, "department": info.department, "stage": stage}
    report_row = _plain(asdict(info)) | {
        "stage": stage,
        "department_key": department_key(info.department, info.province, info.city, info.county),
    }
    frames = {"reports": frame_from_records(VIEWS_BY_NAME["reports"], [report_row])}
    for view_name, attribute in _ROW_LISTS.items():
        records = []
        seen_ids: Counter[str] = Counter()
        for row in getattr(extracted, attribute):
            record = _flatten(row)
            if isinstance(row, Finding):
                record["finding_id"] = finding_id(info.report_id, row, seen_ids)
            records.append(keys | record)
        frames[view_name] = frame_from_records(VIEWS_BY_NAME[view_name], records)
    return frames


def finding_id(report_id: str, finding: Finding, seen: Counter[str]) -> str:
    """Stable across re-runs: the same breach at the same place gets the same id.

    The same breach can occur twice on one line (a placeholder left twice); the rules run in a fixed
    order, so numbering the repeats in ``seen`` keeps ids unique and still stable.
    """
    ev = finding.evidence
    key = "|".join(
        str(part)
        for part in (report_id, finding.rule_id, finding.subject, ev.page, ev.line, ev.snippet, finding.actual)
    )
    seen[key] += 1
    if seen[key] > 1:
        key += f"|{seen[key]}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _flatten(row: Any) -> dict[str, Any]:
    """Dataclass row -> flat dict, the nested Evidence's fields becoming columns."""
    record = {f.name: getattr(row, f.name) for f in fields(row) if f.name != "evidence"}
    record.update(row.evidence.columns())
    return _plain(record)


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    # StrEnum values are stored as their plain strings.
    return {k: (str(v) if hasattr(v, "value") and isinstance(v, str) else v) for k, v in record.items()}
