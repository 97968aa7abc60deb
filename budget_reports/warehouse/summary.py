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
    lines.append("Rows per view:")
    lines += [f"  {name:<24}{count:>8}" for name, count in counts.items()]
    lines.append("Findings: " + ", ".join(f"{sev} {severities.get(sev, 0)}" for sev in ("error", "warning", "info")))
    lines.append(f"Warehouse: {db_path}")
    lines.append(f"Try: {shlex.join([duckdb_cli(), str(db_path), EXAMPLE_QUERY])}")
    return "\n".join(lines)


def duckdb_cli() -> str:
    """The DuckDB CLI installed beside this interpreter (the project pins one), else the one on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    return str(beside) if beside.exists() else (shutil.which("duckdb") or "duckdb")
