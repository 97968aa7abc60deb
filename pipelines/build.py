"""`make run` / `budget run`: materialize every asset (and its checks) with Dagster, then print the summary.

With the default executor the whole run holds the warehouse lock, so a second `make run` waits for
the first (``BUDGET_LOCK_WAIT_SECONDS``) or stops with a message; with an executor that runs steps in
other processes (``BUDGET_EXECUTOR``) each writing step takes the lock itself.
"""

import os
import sys
from contextlib import nullcontext
from dataclasses import dataclass

from dagster import DagsterInstance, execute_job, reconstructable

from budget_reports.runs import Paths
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.lock import WarehouseBusyError, warehouse_lock
from budget_reports.warehouse.summary import build_summary
from pipelines.definitions import build_job
from pipelines.executors import IN_PROCESS, executor_name

# Step-level DEBUG events are for the UI; the console shows progress and problems only.
RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    success: bool
    summary: str  # the warehouse summary, empty when the build failed
    checks_line: str  # one line: asset checks passed / failed


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_build(paths: Paths) -> BuildOutcome:
    """Materialize the `build_warehouse` job over ``paths`` (read from the environment by the assets).

    Raises ``WarehouseBusyError`` when another run holds the warehouse longer than the wait allows.
    """
    in_process = executor_name() == IN_PROCESS
    # Without DAGSTER_HOME (the console script run outside `make`) the run history is not kept; steps
    # run in other processes need an instance on disk to share, a temporary one then.
    if os.environ.get("DAGSTER_HOME"):
        instance = DagsterInstance.get()
    else:
        instance = DagsterInstance.ephemeral() if in_process else DagsterInstance.local_temp()
    with instance, warehouse_lock(paths.warehouse_dir, on_wait=_say) if in_process else nullcontext():
        if in_process:
            result = build_job().execute_in_process(run_config=RUN_CONFIG, instance=instance, raise_on_error=False)
        else:
            result = execute_job(
                reconstructable(build_job), instance=instance, run_config=RUN_CONFIG, raise_on_error=False
            )
    if not result.success:
        return BuildOutcome(False, "", "")
    checks = result.get_asset_check_evaluations()
    failed = sorted(c.check_name for c in checks if not c.passed)
    checks_line = f"Asset checks: {len(checks) - len(failed)} passed, {len(failed)} failed" + (
        f" ({', '.join(failed)})" if failed else ""
    )
    return BuildOutcome(True, build_summary(paths.warehouse_dir / DUCKDB_FILE), checks_line)


def main() -> int:
    try:
        outcome = run_build(Paths.from_env())
    except WarehouseBusyError as busy:
        print(f"Not started: {busy}", file=sys.stderr)
        return EXIT_BUSY
    if not outcome.success:
        print("The build failed; see the log above.", file=sys.stderr)
        return 1
    print(outcome.summary)
    print(outcome.checks_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
