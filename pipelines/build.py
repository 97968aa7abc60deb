"""`make run`: materialize every asset (and its checks) with Dagster, then print the summary."""

import sys

from dagster import DagsterInstance

from budget_reports.runs import Paths
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.summary import build_summary
from pipelines.definitions import defs

# Step-level DEBUG events are for the UI; the console shows progress and problems only.
RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def main() -> int:
    paths = Paths.from_env()
    job = defs.resolve_job_def("build_warehouse")
    result = job.execute_in_process(run_config=RUN_CONFIG, instance=DagsterInstance.get(), raise_on_error=False)
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
