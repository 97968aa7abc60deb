"""Two runs against one warehouse never interleave, and a run killed at any point loses nothing.

Real processes throughout: the `make run` entry point (`python -m pipelines.build`), a process that
holds the warehouse, and runs killed with SIGKILL at each phase of the load.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budget_reports.runs import PROJECT_ROOT, Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.lock import WAIT_ENV
from tests.cli_support import BUILD_COMMAND
from tests.conftest import SEED_FILES
from tests.warehouse_state import full_rebuild_beside, parquet_files, view_rows

HOLD_WAREHOUSE = """
import sys
from pathlib import Path
from budget_reports.warehouse.lock import warehouse_lock
with warehouse_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our input
"""

RUN = """
import logging, sys
from pathlib import Path
from budget_reports.runs import Paths, build, stage_reports
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
paths = Paths(Path(sys.argv[1]), Path(sys.argv[2]))
stage_reports(paths)
build(paths)
print("done", flush=True)
"""

# The load's phases, as it logs them: a run is killed right after each.
PHASES = [
    "warehouse: incremental",
    "warehouse: applying the changes",
    "warehouse: writing Parquet",
    "warehouse: committing",
    "warehouse: publishing the Parquet snapshot",
]


def _cli_env(paths: Paths, dagster_home: Path, wait_seconds: float) -> dict[str, str]:
    dagster_home.mkdir(exist_ok=True)
    (dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return os.environ | {
        "BUDGET_RAW_DIR": str(paths.raw_dir),
        "BUDGET_WAREHOUSE_DIR": str(paths.warehouse_dir),
        "DAGSTER_HOME": str(dagster_home),
        WAIT_ENV: str(wait_seconds),
    }


def _start_cli(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        BUILD_COMMAND,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _hold(warehouse_dir: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WAREHOUSE, str(warehouse_dir)],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_run_stops_with_a_message_or_waits_for_the_first(seed_paths: Paths, tmp_path: Path) -> None:
    holder = _hold(seed_paths.warehouse_dir)
    try:
        impatient = _start_cli(_cli_env(seed_paths, tmp_path / "home", wait_seconds=1))
        out, err = impatient.communicate(timeout=600)
        assert impatient.returncode == 75, err[-3000:]
        assert f"being written by another run (pid {holder.pid}" in err
        assert not (seed_paths.warehouse_dir / DUCKDB_FILE).exists(), "nothing was written"

        patient = _start_cli(_cli_env(seed_paths, tmp_path / "home", wait_seconds=600))
        said = patient.stderr.readline()  # nothing else can happen before the warehouse is free
        assert f"waiting for another run to finish writing {seed_paths.warehouse_dir} (pid {holder.pid}" in said
        time.sleep(2)
        assert patient.poll() is None and not (seed_paths.warehouse_dir / DUCKDB_FILE).exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    out, err = patient.communicate(timeout=600)
    assert patient.returncode == 0, err[-3000:]
    assert "Reports read: 5 (ok 5, partial 0, failed 0)" in out


def test_two_runs_at_once_give_the_warehouse_of_one(seed_paths: Paths, tmp_path: Path) -> None:
    # Each run with its own Dagster instance (two launchers), both on one warehouse. A third process
    # holds the warehouse until both runs are waiting for it, so they overlap whatever the machine's
    # load (started freely, the first may finish before the second reaches the warehouse).
    holder = _hold(seed_paths.warehouse_dir)
    try:
        runs = [_start_cli(_cli_env(seed_paths, tmp_path / f"home-{i}", wait_seconds=900)) for i in range(2)]
        for run in runs:
            assert "waiting for another run to finish writing" in run.stderr.readline()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    outputs = [run.communicate(timeout=900) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-3000:]
        assert "Reports read: 5 (ok 5, partial 0, failed 0)" in out
    rows = view_rows(seed_paths.warehouse_dir)
    full = full_rebuild_beside(seed_paths, tmp_path / "full")
    assert rows == view_rows(full)
    assert parquet_files(seed_paths.warehouse_dir) == parquet_files(full)


@pytest.fixture
def pending_change(seed_paths: Paths, tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse of the five samples whose raw folder then changed (three copies added, one sample
    removed); returns the warehouse as it was and the same with the change already staged."""
    stage_reports(seed_paths)
    build(seed_paths)
    for i, seed in enumerate(SEED_FILES[:3]):
        (seed_paths.raw_dir / f"copy-{i}.txt").write_bytes(seed.read_bytes() + f"\n附注：副本{i}\n".encode())
    (seed_paths.raw_dir / SEED_FILES[4].name).unlink()
    unstaged = tmp_path / "unstaged"
    shutil.copytree(seed_paths.warehouse_dir, unstaged, symlinks=True)
    stage_reports(seed_paths)
    staged = tmp_path / "staged"
    shutil.copytree(seed_paths.warehouse_dir, staged, symlinks=True)
    return unstaged, staged


def _kill_when(raw_dir: Path, warehouse_dir: Path, marker: str | None, seconds: float = 0.0) -> bool:
    """Start a run, SIGKILL it right after it logs ``marker`` (or after ``seconds``); False if it finished first."""
    run = subprocess.Popen(
        [sys.executable, "-c", RUN, str(raw_dir), str(warehouse_dir)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if marker is None:
        time.sleep(seconds)
    else:
        for line in run.stderr:
            if line.startswith(marker):
                break
    killed = run.poll() is None
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=600)
    return killed


def test_a_run_killed_at_any_phase_leaves_the_previous_warehouse(
    seed_paths: Paths, pending_change: tuple[Path, Path], tmp_path: Path
) -> None:
    unstaged, staged = pending_change
    before_rows, before_files = view_rows(unstaged), parquet_files(unstaged)
    # The warehouse the change leads to, and the same rebuilt from scratch.
    finished = tmp_path / "finished"
    shutil.copytree(staged, finished, symlinks=True)
    build(Paths(seed_paths.raw_dir, finished))
    after_rows, after_files = view_rows(finished), parquet_files(finished)
    after_rows_unstamped = view_rows(finished, with_load_times=False)
    assert after_rows != before_rows
    assert after_rows == view_rows(full_rebuild_beside(Paths(seed_paths.raw_dir, finished), tmp_path / "full"))

    attempts = [(unstaged, None, 3.0)] + [(staged, phase, 0.0) for phase in PHASES]
    kept_previous = 0
    for i, (template, marker, seconds) in enumerate(attempts):
        warehouse = tmp_path / f"attempt-{i}"
        shutil.copytree(template, warehouse, symlinks=True)
        killed = _kill_when(seed_paths.raw_dir, warehouse, marker, seconds)
        rows, files = view_rows(warehouse), parquet_files(warehouse)  # readable after the kill
        if (rows, files) == (before_rows, before_files):
            kept_previous += 1
        else:  # killed after the commit point, or finished: the whole change, never a part of it
            assert rows == after_rows, (marker, killed)
            assert files in (after_files, before_files), (marker, killed)
        # The next run completes and gives the warehouse the change leads to (the same as from scratch).
        stage_reports(Paths(seed_paths.raw_dir, warehouse))
        build(Paths(seed_paths.raw_dir, warehouse))
        assert view_rows(warehouse, with_load_times=False) == after_rows_unstamped, marker
        full = full_rebuild_beside(Paths(seed_paths.raw_dir, warehouse), tmp_path / f"full-{i}")
        assert (view_rows(warehouse), parquet_files(warehouse)) == (view_rows(full), parquet_files(full)), marker
        leftovers = [p.name for p in warehouse.iterdir() if ".building-" in p.name or ".link-" in p.name]
        assert leftovers == [], leftovers
    assert kept_previous >= len(PHASES) - 2, "runs killed before the commit point keep the previous warehouse"
