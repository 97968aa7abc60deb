"""CPU time of one call: what every speed benchmark here measures, so other load does not count."""

from __future__ import annotations

import time
from collections.abc import Callable


def cpu_seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def cpu_seconds_per_call(run: Callable[[], object], at_least: float = 0.2) -> float:
    """CPU time of one call, from calling ``run`` again and again for ``at_least`` seconds: a call of a
    few milliseconds is then measured far above the timer's resolution and a single preemption."""
    calls = 0
    start = time.process_time()
    while True:
        run()
        calls += 1
        spent = time.process_time() - start
        if spent >= at_least:
            return spent / calls
