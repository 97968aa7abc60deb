"""Progress of a run's extraction, written as log lines the CLI and the Dagster UI both show.

A caller in the same process (the `budget run` progress bar) can also watch each file finish.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from budget_reports.worker_pool import Outcome

# At most one "n of total" line this often, so a run of 100,000 files logs a few hundred lines.
_EVERY_SECONDS = 10.0

# Told (done, total, source_file) as each file finishes, in the process that runs the extraction.
FileWatcher = Callable[[int, int, str], object]
_watchers: list[FileWatcher] = []


@contextmanager
def watching_files(watcher: FileWatcher) -> Iterator[None]:
    """Call ``watcher`` as each file of a run started in this process finishes, until the block ends."""
    _watchers.append(watcher)
    try:
        yield
    finally:
        _watchers.remove(watcher)


class ProgressLog:
    """Called as each file finishes: a line every few seconds and at the end, one per file over a limit."""

    def __init__(self, info: Callable[[str], object], warning: Callable[[str], object]) -> None:
        self._info = info
        self._warning = warning
        self._started = time.monotonic()
        self._last = self._started

    def __call__(self, done: int, total: int, outcome: Outcome) -> None:
        for watcher in list(_watchers):
            watcher(done, total, outcome.raw.source_file)
        if outcome.limit_hit is not None:
            self._warning(f"{outcome.raw.source_file}: stopped at the per-file {outcome.limit_hit} limit")
        now = time.monotonic()
        if done == total or now - self._last >= _EVERY_SECONDS:
            self._last = now
            elapsed = now - self._started
            self._info(f"extracted {done}/{total} files in {elapsed:.0f} s ({done / max(elapsed, 1e-9):.1f} files/s)")
