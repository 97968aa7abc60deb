"""`make run`: materialize every asset (and its checks) with Dagster, then print the summary.

With the default executor the whole run holds the warehouse lock, so a second `make run` waits for
the first (``BUDGET_LOCK_WAIT_SECONDS``) or stops with a message; with an executor that runs steps in
other processes (``BUDGET_EXECUTOR``) each writing step takes the lock itself.
"""

import sys
from contextlib import nullcontext

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


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    paths = Paths.from_env()
    instance = DagsterInstance.get()
    in_process = executor_name() == IN_PROCESS
    try:
        with warehouse_lock(paths.warehouse_dir, on_wait=_say) if in_process else nullcontext():
            if in_process:
                result = build_job().execute_in_process(run_config=RUN_CONFIG, instance=instance, raise_on_error=False)
            else:
                result = execute_job(
                    reconstructable(build_job), instance=instance, run_config=RUN_CONFIG, raise_on_error=False
                )
    except WarehouseBusyError as busy:
        print(f"Not started: {busy}", file=sys.stderr)
        return EXIT_BUSY
    if not result.success:
        print("The build failed; see the log above.", file=sys.stderr)
        return 1
    print(build_summary(paths.warehouse_dir / DUCKDB_FILE))
    checks = result.get_asset_check_evaluations()
    failed = sorted(c.check_name for c in checks if not c.passed)
    print(
        f"Asset checks: {len(checks) - len(failed)} passed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
