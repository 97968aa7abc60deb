"""The text benchmark's first reads (``benchmarks/first_read.py``) run in a fresh interpreter, after the
warm-up files, and a read that fails stops the benchmark instead of counting as a time."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from benchmarks.text_speed import _first_read_seconds
from budget_reports.runs import PROJECT_ROOT

SEEDS = sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt"))


def test_a_first_read_is_timed_in_a_fresh_interpreter_after_its_warm_up() -> None:
    target, *warm_up = SEEDS[:3]
    seconds = _first_read_seconds(target, warm_up)
    assert 0 < seconds < 60


def test_a_first_read_that_fails_stops_the_benchmark(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        _first_read_seconds(tmp_path / "missing.txt", SEEDS[:1])
