"""The short summary printed after a build: reports by status, rows per view, findings by severity."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import duckdb

from budget_reports.contract import VIEWS

EXAMPLE_QUERY = (
    "SELECT department, fiscal_year, metric, value, unit FROM summary_metrics "
    "ORDER BY department, fiscal_year, metric LIMIT 20"
)


def build_summary(db_path: Path) -> str:
    with duckdb.connect(str(db_path), read_only=True) as con:
        statuses = dict(con.execute("SELECT parse_status, count(*) FROM reports GROUP BY ALL ORDER BY 1").fetchall())
        stages = dict(con.execute("SELECT stage, count(*) FROM reports GROUP BY ALL ORDER BY 1").fetchall())
        severities = dict(con.execute("SELECT severity, count(*) FROM dq_findings GROUP BY ALL ORDER BY 1").fetchall())
        counts = {v.name: con.execute(f'SELECT count(*) FROM "{v.name}"').fetchone()[0] for v in VIEWS}
        failed = con.execute(
            "SELECT source_file, error_message FROM reports WHERE parse_status <> 'ok' ORDER BY 1"
        ).fetchall()
    lines = [
        f"Reports read: {sum(statuses.values())} "
        f"(ok {statuses.get('ok', 0)}, partial {statuses.get('partial', 0)}, failed {statuses.get('failed', 0)})",
    ]
    lines += [f"  {name}: {message}" for name, message in failed]
    lines.append(
        f"Reports by stage: 预算 {stages.get('预算', 0)}, 决算 {stages.get('决算', 0)}"
        + (f", unknown {stages[None]}" if stages.get(None) else "")
    )
    lines.append("Rows per view:")
    lines += [f"  {name:<24}{count:>8}" for name, count in counts.items()]
    lines.append("Findings: " + ", ".join(f"{sev} {severities.get(sev, 0)}" for sev in ("error", "warning", "info")))
    lines += stages_side_by_side(db_path)
    lines.append(f"Warehouse: {db_path}")
    lines.append(f"Try: {shlex.join([duckdb_cli(), str(db_path), EXAMPLE_QUERY])}")
    return "\n".join(lines)


# One row per department and year: its budget report(s) beside its final accounts, and how many of
# the budget's lines the final accounts' 年初预算 contradicts.
_STAGES_QUERY = """
    SELECT any_value(r.department ORDER BY r.stage DESC) AS department,
           r.fiscal_year,
           string_agg(DISTINCT CASE WHEN r.stage = '预算' THEN r.source_file END, ', ') AS budget,
           string_agg(DISTINCT CASE WHEN r.report_kind IN ('部门决算', '单位决算')
                                    THEN r.source_file END, ', ') AS final,
           (SELECT count(*) FROM budget_outcome o
             WHERE o.department_key = r.department_key AND o.fiscal_year = r.fiscal_year
               AND o.agreement = '不一致') AS disagreeing
    FROM reports r
    WHERE r.parse_status <> 'failed' AND r.department_key IS NOT NULL AND r.fiscal_year IS NOT NULL
      AND (r.stage = '预算' OR r.report_kind IN ('部门决算', '单位决算'))
    GROUP BY r.department_key, r.fiscal_year
    ORDER BY department, r.fiscal_year
"""


def stages_side_by_side(db_path: Path) -> list[str]:
    """Budget (预算) and final accounts (决算) of each department and year, side by side."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(_STAGES_QUERY).fetchall()
    if not rows:
        return []
    lines = ["Budget and final accounts by department and year (预算 | 决算):"]
    for department, year, budget, final, disagreeing in rows:
        line = f"  {department} {year}: 预算 {budget or '—'} | 决算 {final or '—'}"
        if budget and final:
            line += f" | budget_outcome: {disagreeing} line(s) where the 年初预算 differs from the budget"
        lines.append(line)
    return lines


def duckdb_cli() -> str:
    """The DuckDB CLI installed beside this interpreter (the project pins one), else the one on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    return str(beside) if beside.exists() else (shutil.which("duckdb") or "duckdb")
