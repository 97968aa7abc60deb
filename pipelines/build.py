"""`make run` / `budget run`: materialize every asset (and its checks) with Dagster, then print the summary."""

import os
import sys
from dataclasses import dataclass

from dagster import DagsterInstance

from budget_reports.runs import Paths
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.summary import build_summary
from pipelines.definitions import defs

# Step-level DEBUG events are for the UI; the console shows progress and problems only.
RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    success: bool
    summary: str  # the warehouse summary, empty when the build failed
    checks_line: str  # one line: asset checks passed / failed


def run_build(paths: Paths) -> BuildOutcome:
    """Materialize the `build_warehouse` job in process over ``paths`` (read from the environment by the assets)."""
    job = defs.resolve_job_def("build_warehouse")
    # Without DAGSTER_HOME (the console script run outside `make`) the run history is not kept.
    instance = DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()
    with instance:
        result = job.execute_in_process(run_config=RUN_CONFIG, instance=instance, raise_on_error=False)
    if not result.success:
        return BuildOutcome(False, "", "")
    checks = result.get_asset_check_evaluations()
    failed = sorted(c.check_name for c in checks if not c.passed)
    checks_line = f"Asset checks: {len(checks) - len(failed)} passed, {len(failed)} failed" + (
        f" ({', '.join(failed)})" if failed else ""
    )
    return BuildOutcome(True, build_summary(paths.warehouse_dir / DUCKDB_FILE), checks_line)


def main() -> int:
    outcome = run_build(Paths.from_env())
    if not outcome.success:
        print("The build failed; see the log above.", file=sys.stderr)
        return 1
    print(outcome.summary)
    print(outcome.checks_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
