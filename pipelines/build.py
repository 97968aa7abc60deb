"""`make run`: materialize every asset (and its checks) with Dagster, then print the summary."""

import sys

from dagster import DagsterInstance

from budget_reports.runs import Paths
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.summary import build_summary
from pipelines.definitions import defs


def main() -> int:
    paths = Paths.from_env()
    job = defs.get_job_def("build_warehouse")
    result = job.execute_in_process(instance=DagsterInstance.get(), raise_on_error=False)
    if not result.success:
        print("The build failed; see the log above.", file=sys.stderr)
        return 1
    print(build_summary(paths.warehouse_dir / DUCKDB_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
