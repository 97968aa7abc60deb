"""`budget run`: the same build as `make run`, then the summary."""

from __future__ import annotations

import typer
from rich.console import Console

from budget_reports.runs import Paths


def run() -> None:
    """Read every file of the raw folder (BUDGET_RAW_DIR) and build the warehouse (BUDGET_WAREHOUSE_DIR)."""
    from pipelines.build import run_build  # Dagster loads only for the build, not for queries

    paths = Paths.from_env()
    if not paths.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {paths.raw_dir} (原始文件目录不存在)")
    console = Console(stderr=True)
    with console.status(f"Building the warehouse from {paths.raw_dir} …"):
        outcome = run_build(paths)
    if not outcome.success:
        console.print("[red]The build failed; see the log above. (构建失败)[/red]")
        raise typer.Exit(1)
    print(outcome.summary)
    print(outcome.checks_line)
