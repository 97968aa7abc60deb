"""One writer per warehouse: an advisory file lock that a killed run releases with its process.

``flock`` locks belong to the open file, so the kernel drops them when the holder dies, even by
SIGKILL: a crashed run never leaves a stale lock behind. The lock is re-entrant within a process
(a whole run may hold it while its steps take it again) and records its holder for the message
a waiting run prints.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE = ".run.lock"
WAIT_ENV = "BUDGET_LOCK_WAIT_SECONDS"
DEFAULT_WAIT_SECONDS = 3600.0
_POLL_SECONDS = 0.2


class WarehouseBusyError(RuntimeError):
    """Another run holds the warehouse for longer than this run was willing to wait."""


_held: dict[Path, tuple[int, int]] = {}  # lock path -> (file descriptor, depth) held by this process
_guard = threading.Lock()


def wait_seconds_from_env() -> float:
    return float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_SECONDS))


@contextmanager
def warehouse_lock(
    warehouse_dir: Path, wait_seconds: float | None = None, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the warehouse for writing; wait up to ``wait_seconds`` for another run, then fail clearly.

    ``on_wait`` is told once, in words, that the run is waiting (by default it is logged)."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    path = (warehouse_dir / LOCK_FILE).resolve()
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        fd = _acquire(path, wait_seconds_from_env() if wait_seconds is None else wait_seconds, on_wait or log.warning)
        with _guard:
            _held[path] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            fd, depth = _held[path]
            if depth > 1:
                _held[path] = (fd, depth - 1)
            else:
                del _held[path]
                os.close(fd)  # closing the file releases the lock


def _acquire(path: Path, wait_seconds: float, on_wait: Callable[[str], None]) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = _holder(fd)
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WarehouseBusyError(
                    f"the warehouse {path.parent} is being written by another run ({holder}); "
                    f"gave up after waiting {wait_seconds:g} s (set {WAIT_ENV} to wait longer)"
                ) from None
            if not announced:
                on_wait(f"waiting for another run to finish writing {path.parent} ({holder})")
                announced = True
            time.sleep(_POLL_SECONDS)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    text = os.pread(fd, 200, 0).decode(errors="replace").strip()
    return text or "holder unknown"
