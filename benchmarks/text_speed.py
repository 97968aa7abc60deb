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


def measure(paths: list[Path], target_bytes: int = 8 * 1024 * 1024) -> TextThroughput:
    sizes = {path: path.stat().st_size for path in paths}
    for path in paths:  # warm-up: imports, caches
        read_document(path, path.name)
    done = 0
    start = time.perf_counter()
    while done < target_bytes:
        for path in paths:
            read_document(path, path.name)
            done += sizes[path]
    seconds = time.perf_counter() - start
    return TextThroughput(len(paths), done / 1024 / 1024, seconds)
