"""`budget run`: the same build as `make run`, with a progress bar over the files read, then the summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from budget_reports.progress import watching_files
from budget_reports.runs import Paths


def run() -> None:
    """Read every file of the raw folder (BUDGET_RAW_DIR) and build the warehouse (BUDGET_WAREHOUSE_DIR)."""
    from pipelines.build import run_build  # Dagster loads only for the build, not for queries

    paths = Paths.from_env()
    if not paths.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {paths.raw_dir} (原始文件目录不存在)")
    console = Console(stderr=True)
    with _file_progress(console):
        outcome = run_build(paths)
    if not outcome.success:
        console.print("[red]The build failed; see the log above. (构建失败)[/red]")
        raise typer.Exit(1)
    print(outcome.summary)
    print(outcome.checks_line)


@contextmanager
def _file_progress(console: Console) -> Iterator[None]:
    """A bar over the files read this run (files unchanged since the last run are not read again)."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("Reading files (读取文件)"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=console,
    )
    task = progress.add_task("read", total=None, current="")

    def file_done(done: int, total: int, source_file: str) -> None:
        progress.update(task, completed=done, total=total, current=source_file)

    with progress, watching_files(file_done):
        yield
        if progress.tasks[0].total is None:  # nothing to read: every file is unchanged since the last run
            progress.update(task, total=0, current="every file unchanged (文件均未变化)")
