"""Where the build job's steps run, chosen by configuration (``BUDGET_EXECUTOR``).

- ``in_process`` (default): one process per run. The steps are sequential (each asset needs the one
  before), so a process per step would mostly spend its time importing the project.
- ``multiprocess``: one process per step on this machine.
- ``dask``: each step on a worker of the Dask cluster whose scheduler is at ``BUDGET_DASK_SCHEDULER``
  (``tcp://host:8786``). Workers need the project installed and the same environment as the launcher:
  the same ``BUDGET_*`` locations (object storage for the raw reports and the Parquet, a shared folder
  for the warehouse) and a Dagster instance they can reach (``DAGSTER_HOME``).
"""

from __future__ import annotations

import os

from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor
from dagster_dask import dask_executor

EXECUTOR_ENV = "BUDGET_EXECUTOR"
DASK_SCHEDULER_ENV = "BUDGET_DASK_SCHEDULER"
IN_PROCESS = "in_process"


def executor_name() -> str:
    return os.environ.get(EXECUTOR_ENV, IN_PROCESS).strip() or IN_PROCESS


def executor_from_env() -> ExecutorDefinition:
    name = executor_name()
    if name == IN_PROCESS:
        return in_process_executor
    if name == "multiprocess":
        return multiprocess_executor
    if name == "dask":
        # The address is read when a run starts, so one definition serves any cluster.
        return dask_executor.configured({"cluster": {"existing": {"address": {"env": DASK_SCHEDULER_ENV}}}})
    raise ValueError(f"{EXECUTOR_ENV}={name!r}: expected in_process, multiprocess or dask")
