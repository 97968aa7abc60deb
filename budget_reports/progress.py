"""Progress of a run's extraction, written as log lines the CLI and the Dagster UI both show."""

from __future__ import annotations

import time
from collections.abc import Callable

from budget_reports.worker_pool import Outcome

# At most one "n of total" line this often, so a run of 100,000 files logs a few hundred lines.
_EVERY_SECONDS = 10.0


class ProgressLog:
    """Called as each file finishes: a line every few seconds and at the end, one per file over a limit."""

    def __init__(self, info: Callable[[str], object], warning: Callable[[str], object]) -> None:
        self._info = info
        self._warning = warning
        self._started = time.monotonic()
        self._last = self._started

    def __call__(self, done: int, total: int, outcome: Outcome) -> None:
        if outcome.limit_hit is not None:
            self._warning(f"{outcome.raw.source_file}: stopped at the per-file {outcome.limit_hit} limit")
        now = time.monotonic()
        if done == total or now - self._last >= _EVERY_SECONDS:
            self._last = now
            elapsed = now - self._started
            self._info(f"extracted {done}/{total} files in {elapsed:.0f} s ({done / max(elapsed, 1e-9):.1f} files/s)")
