"""Throughput of the text reader over the shipped seeds, read again and again up to a few MB."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from budget_reports.readers import read_document


@dataclass(frozen=True, slots=True)
class TextThroughput:
    files: int
    megabytes: float
    seconds: float

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def measure(paths: list[Path], round_bytes: int = 4 * 1024 * 1024, rounds: int = 3) -> TextThroughput:
    """The best of ``rounds`` rounds, each reading the seeds again and again up to ``round_bytes``."""
    sizes = {path: path.stat().st_size for path in paths}
    for path in paths:  # warm-up: imports, caches
        read_document(path, path.name)
    best: TextThroughput | None = None
    for _ in range(rounds):
        done = 0
        start = time.process_time()
        while done < round_bytes:
            for path in paths:
                read_document(path, path.name)
                done += sizes[path]
        result = TextThroughput(len(paths), done / 1024 / 1024, time.process_time() - start)
        if best is None or result.mb_per_second > best.mb_per_second:
            best = result
    assert best is not None
    return best
