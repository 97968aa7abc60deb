"""Where the warehouse the commands read lives (``BUDGET_WAREHOUSE_DIR``, as for the build)."""

from pathlib import Path

from budget_reports.runs import Paths
from budget_reports.warehouse.build import DUCKDB_FILE


def warehouse_db() -> Path:
    return Paths.from_env().warehouse_dir / DUCKDB_FILE
