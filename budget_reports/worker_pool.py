"""Extract many files at once, each in a worker process that is stopped when it goes over a limit.

Every file is read, extracted, validated and staged by one of ``Limits.workers`` worker processes
(by default one per core). The parent watches each worker: a file that uses more than
``Limits.seconds`` of CPU time (or makes no progress at all for that long: a hang), or whose worker holds more
than ``Limits.memory_mb`` of resident memory, has its worker killed, is staged as a ``failed``
report naming the limit it hit, and the run goes on with a fresh worker. A worker that dies of
anything else (a crash in a C library) fails only its file.
The staged result of a file does not depend on how many workers there are.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection, wait
from pathlib import Path

from budget_reports.ingest import PARSER_VERSION, RawFile, failed_report, process_file
from budget_reports.warehouse.staging import stage_report

log = logging.getLogger(__name__)

WORKERS_ENV = "BUDGET_WORKERS"
SECONDS_ENV = "BUDGET_FILE_TIMEOUT_SECONDS"
MEMORY_ENV = "BUDGET_FILE_MEMORY_MB"
DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 2048
# The time limit counts the CPU time a file uses, so a busy machine does not fail files; a worker
# that uses no CPU at all for as long as the limit is waiting on something that hangs, and stops too.
# A worker holding more than this share of the memory limit after a file is replaced by a fresh one.
_RECYCLE_SHARE = 0.5
# How often the parent looks at the workers' clocks and memory.
_POLL_SECONDS = 0.05
# The address-space cap set inside each worker: a backstop for allocations faster than the watch
# interval, loose enough (virtual memory counts libraries and thread stacks) never to hit first.
_ADDRESS_SPACE_FACTOR = 3


@dataclass(frozen=True, slots=True)
class Limits:
    """How many workers run at once and what one file may use."""

    workers: int
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @staticmethod
    def from_env() -> Limits:
        """``BUDGET_WORKERS`` (default: the cores this process may use), ``BUDGET_FILE_TIMEOUT_SECONDS``
        (default 300) and ``BUDGET_FILE_MEMORY_MB`` (default 2048)."""
        return Limits(
            workers=_positive(WORKERS_ENV, int, available_cores()),
            seconds=_positive(SECONDS_ENV, float, DEFAULT_SECONDS),
            memory_mb=_positive(MEMORY_ENV, int, DEFAULT_MEMORY_MB),
        )

    def as_record(self) -> dict[str, float]:
        """The per-file limits, as kept beside a file that hit one (the worker count is not a limit)."""
        return {"seconds": self.seconds, "memory_mb": self.memory_mb}

    def record_of(self, limit_hit: str | None) -> dict | None:
        """What is kept beside a file stopped at ``limit_hit`` (None when it was not stopped)."""
        return None if limit_hit is None else {"hit": limit_hit, **self.as_record()}


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _positive(name: str, kind: type, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise ValueError(f"{name} must be a positive number, not {text!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, not {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class Task:
    raw: RawFile
    ingested_at: datetime | None
    # The run's parser version: a worker started after the code changed still stages where the run looks.
    parser_version: str = PARSER_VERSION


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file: where it is staged, its status, and whether it hit a limit."""

    raw: RawFile
    stage_dir: Path
    parse_status: str
    seconds: float  # wall time
    limit_hit: str | None = None
    cpu_seconds: float | None = None  # CPU time of the worker on this file (None when it was stopped)


Progress = Callable[[int, int, Outcome], None]


def extract_all(
    tasks: Iterable[Task], stage_dir: Path, limits: Limits, on_done: Progress | None = None
) -> list[Outcome]:
    """Read, extract, validate and stage every task's file; outcomes in the order of ``tasks``."""
    queue = deque(enumerate(tasks))
    total = len(queue)
    outcomes: list[Outcome | None] = [None] * total
    if not queue:
        return []
    if multiprocessing.current_process().daemon:
        # A daemonic process (a Dask worker, say) may not start children: extract here, one file after
        # the other, without the per-file limits that need a worker process to stop.
        log.warning("running in a daemonic process: files extracted in it, per-file limits not enforced")
        return _extract_here(queue, stage_dir, on_done)
    context = _context()
    workers = [_Worker(context, stage_dir, limits) for _ in range(min(limits.workers, total))]
    done = 0
    try:
        while done < total:
            for worker in workers:
                if worker.idle and queue:
                    worker.start(*queue.popleft())
            for worker, outcome in _finished(workers, stage_dir, limits):
                outcomes[worker.index] = outcome
                worker.index = None
                done += 1
                if on_done is not None:
                    on_done(done, total, outcome)
    finally:
        for worker in workers:
            worker.close()
    return [o for o in outcomes if o is not None]


def _finished(workers: list[_Worker], stage_dir: Path, limits: Limits) -> list[tuple[_Worker, Outcome]]:
    """Wait a moment for results; stop workers over a limit; return the files that finished."""
    busy = [w for w in workers if not w.idle]
    ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=_POLL_SECONDS)
    finished = []
    for worker in busy:
        if worker.connection in ready:
            try:
                finished.append((worker, worker.receive()))
                if (_resident_mb(worker.process.pid) or 0) > limits.memory_mb * _RECYCLE_SHARE:
                    worker.restart()  # memory a large file left behind would count against the next one
                continue
            except (EOFError, OSError):
                pass  # the worker died while answering: handled as a crash below
        problem = worker.over_limit(limits) or (None if worker.process.is_alive() else _crash_message(worker))
        if problem is not None:
            limit_hit, message = problem
            task = worker.task
            worker.restart()
            finished.append((worker, _stage_failure(task, stage_dir, limits, message, limit_hit, worker.elapsed())))
    return finished


def _crash_message(worker: _Worker) -> tuple[str | None, str]:
    code = worker.process.exitcode
    return None, f"处理该文件的工作进程意外退出（退出码 {code}），未能读取；其余文件照常处理"


def _stage_failure(
    task: Task, stage_dir: Path, limits: Limits, message: str, limit_hit: str | None, seconds: float
) -> Outcome:
    report = failed_report(task.raw, message, task.ingested_at)
    target = stage_report(stage_dir, report, limit=limits.record_of(limit_hit))
    return Outcome(task.raw, target, report.report.parse_status.value, seconds, limit_hit)


class _Worker:
    """One worker process and the file it is working on."""

    def __init__(self, context: multiprocessing.context.BaseContext, stage_dir: Path, limits: Limits) -> None:
        self._context = context
        self._stage_dir = stage_dir
        self._limits = limits
        self.index: int | None = None
        self.task: Task | None = None
        self._started = 0.0
        self._cpu_started: float | None = None
        self._cpu_last: float | None = None
        self._progress_at = 0.0  # when the worker last used CPU
        self._spawn()

    def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        self.connection: Connection = parent
        self.process = self._context.Process(
            # Closed explicitly (and on its own when the parent goes away: EOF), not left to atexit.
            target=_serve,
            args=(child, self._stage_dir, self._limits.memory_mb),
            daemon=False,
        )
        self.process.start()
        child.close()

    @property
    def idle(self) -> bool:
        return self.index is None

    def start(self, index: int, task: Task) -> None:
        self.index, self.task, self._started = index, task, time.monotonic()
        self._cpu_started = self._cpu_last = _cpu_seconds(self.process.pid)
        self._progress_at = self._started
        self.connection.send(task)

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def receive(self) -> Outcome:
        outcome = self.connection.recv()
        if isinstance(outcome, str):  # the worker ran out of memory: its message
            self.restart()
            return _stage_failure(self.task, self._stage_dir, self._limits, outcome, "memory", self.elapsed())
        return outcome

    def over_limit(self, limits: Limits) -> tuple[str, str] | None:
        cpu = _cpu_seconds(self.process.pid)
        if cpu is None or self._cpu_started is None:  # no /proc: wall time is all there is
            if self.elapsed() > limits.seconds:
                return "time", time_limit_message(limits.seconds)
        else:
            now = time.monotonic()
            if cpu > (self._cpu_last or 0.0):
                self._cpu_last, self._progress_at = cpu, now
            if cpu - self._cpu_started > limits.seconds:
                return "time", time_limit_message(limits.seconds)
            if now - self._progress_at > limits.seconds:
                return "time", hang_message(limits.seconds)
        rss_mb = _resident_mb(self.process.pid)
        if rss_mb is not None and rss_mb > limits.memory_mb:
            return "memory", memory_limit_message(limits.memory_mb)
        return None

    def restart(self) -> None:
        self._stop()
        self._spawn()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # a dead worker's pipe is broken: nothing to ask
            self.connection.send(None)  # asks an idle worker to exit
        self.process.join(timeout=1)
        self._stop()

    def _stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def time_limit_message(seconds: float) -> str:
    return (
        f"处理超时：超过每个文件 {seconds:g} 秒（CPU 时间）的时间上限（{SECONDS_ENV}），"
        "已停止处理该文件；其余文件照常处理"
    )


def hang_message(seconds: float) -> str:
    return f"处理停滞：连续 {seconds:g} 秒没有任何进展（{SECONDS_ENV}），可能已卡住，已停止处理该文件；其余文件照常处理"


def memory_limit_message(memory_mb: int) -> str:
    return f"内存超限：超过每个文件 {memory_mb} MB 的内存上限（{MEMORY_ENV}），已停止处理该文件；其余文件照常处理"


def _cpu_seconds(pid: int | None) -> float | None:
    """CPU time a process has used, user and system (Linux ``/proc``); None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _resident_mb(pid: int | None) -> float | None:
    """Resident memory of a process in MB (Linux ``/proc``); None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _context() -> multiprocessing.context.BaseContext:
    """Workers start from a server that has imported the extraction code once, so starting one is cheap."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def imported_objects_set_apart() -> Iterator[None]:
    """Everything made before the first file (the imported modules, the classification reference, compiled
    patterns) lives as long as the process: set apart from the cyclic garbage collector (``gc.freeze``), the
    collections that reading a file triggers scan only that file's own objects. Reading a PDF-extracted text
    makes tens of thousands of small objects; without this each full collection also walks every imported
    object (about a tenth of a text's read time, measured in ``benchmarks.text_speed``). Given back to the
    collector on the way out, so that the interpreter's shutdown frees them (C extensions report objects
    still alive then as leaks)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _serve(connection: Connection, stage_dir: Path, memory_mb: int) -> None:
    """Worker loop: extract and stage each task received, answer with its outcome, exit on ``None``."""
    _cap_address_space(memory_mb)
    with imported_objects_set_apart():
        while (task := _next_task(connection)) is not None:
            try:
                outcome = _extract_one(task, stage_dir)
            except MemoryError:
                connection.send(memory_limit_message(memory_mb))
                continue
            connection.send(outcome)


def _extract_one(task: Task, stage_dir: Path) -> Outcome:
    """Read, extract, validate and stage one file in this process."""
    started, cpu_started = time.monotonic(), time.process_time()
    report = process_file(task.raw, ingested_at=task.ingested_at)
    report.report.parser_version = task.parser_version
    target = stage_report(stage_dir, report)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu_started
    return Outcome(task.raw, target, report.report.parse_status.value, seconds, cpu_seconds=cpu)


def _extract_here(queue: deque[tuple[int, Task]], stage_dir: Path, on_done: Progress | None) -> list[Outcome]:
    outcomes = []
    for done, (_, task) in enumerate(queue, start=1):
        outcomes.append(_extract_one(task, stage_dir))
        if on_done is not None:
            on_done(done, len(queue), outcomes[-1])
    return outcomes


def _next_task(connection: Connection) -> Task | None:
    try:
        return connection.recv()
    except EOFError:  # the parent is gone: nothing more to do
        return None


def _cap_address_space(memory_mb: int) -> None:
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _virtual_mb() + _ADDRESS_SPACE_FACTOR * memory_mb
        cap_bytes = int(cap * 1024 * 1024)
        if hard == resource.RLIM_INFINITY or cap_bytes < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, hard))
    except (OSError, ValueError):
        pass  # no such limit on this system: the parent's watch still applies


def _virtual_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0
