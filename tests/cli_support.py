"""Running the build and the installed `budget` console script as a user does: a subprocess with its own
environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from budget_reports.runs import PROJECT_ROOT

BUDGET = Path(sys.executable).parent / "budget"
# `make run`'s entry point.
BUILD_COMMAND = [sys.executable, "-m", "pipelines.build"]


def run_build_command(env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """`python -m pipelines.build` with ``env``, run to its end."""
    return subprocess.run(
        BUILD_COMMAND, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def budget(
    *args: str, warehouse: Path, raw: Path | None = None, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    if not BUDGET.exists():
        raise FileNotFoundError(f"the console script is not installed: {BUDGET} (run `make setup`)")
    env = os.environ | {"BUDGET_WAREHOUSE_DIR": str(warehouse), "COLUMNS": "200"}
    env.pop("DAGSTER_HOME", None)
    if raw is not None:
        env["BUDGET_RAW_DIR"] = str(raw)
    return subprocess.run(
        [str(BUDGET), *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """A failure the user caused: non-zero exit, one line on stderr, no traceback, nothing on stdout."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("budget: error: "), lines[0]
    assert result.stdout == ""
    return lines[0]
