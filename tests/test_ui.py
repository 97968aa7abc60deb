"""The Dagster UI as a user meets it: `dagster dev` on a loopback port, driven through its GraphQL API."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import requests

from budget_reports.contract import VIEWS
from budget_reports.runs import Paths
from tests.local_services import free_port, service, wait_until

STARTUP_SECONDS = 240
RUN_SECONDS = 600


def _graphql(url: str, query: str, variables: dict | None = None) -> dict:
    response = requests.post(url, json={"query": query, "variables": variables or {}}, timeout=60)
    response.raise_for_status()
    payload = response.json()
    assert "errors" not in payload, payload.get("errors")
    return payload["data"]


@pytest.fixture
def dagster_ui(seed_paths: Paths, tmp_path: Path) -> Iterator[str]:
    """`dagster dev` (webserver and daemon) over a private raw folder, warehouse and instance."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port = free_port()
    env = os.environ | {
        "DAGSTER_HOME": str(home),
        "BUDGET_RAW_DIR": str(seed_paths.raw_dir),
        "BUDGET_WAREHOUSE_DIR": str(seed_paths.warehouse_dir),
    }
    dagster = Path(sys.executable).parent / "dagster"
    command = [str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]
    log = tmp_path / "dagster-dev.log"
    # Its own process group, so the whole tree (webserver, daemon, code server) is stopped.
    with service(command, env, log, stop_seconds=60) as process:

        def ready() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}/server_info", timeout=5).ok
            except requests.ConnectionError:
                return False

        wait_until(ready, "the Dagster UI", process, log, seconds=STARTUP_SECONDS)
        yield f"http://127.0.0.1:{port}/graphql"
    assert process.returncode is not None


ASSETS_QUERY = """
{ assetNodes { assetKey { path } assetChecksOrError { ... on AssetChecks { checks { name } } } } }
"""

REPOSITORIES_QUERY = """
{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } } }
"""

LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on InvalidSubsetError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""

RUN_STATUS = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    ... on Run {
      status
      assetMaterializations { assetKey { path } }
    }
  }
}
"""

CHECK_EXECUTIONS = """
query Checks($assetKey: AssetKeyInput!, $checkName: String!) {
  assetCheckExecutions(assetKey: $assetKey, checkName: $checkName, limit: 1) {
    status
    evaluation { success }
  }
}
"""


def test_ui_lists_every_asset_and_materializes_them(dagster_ui: str, seed_paths: Paths) -> None:
    nodes = _graphql(dagster_ui, ASSETS_QUERY)["assetNodes"]
    keys = {"/".join(node["assetKey"]["path"]) for node in nodes}
    built = {"extracted_reports"} | {view.name for view in VIEWS}
    assert keys == built | {"review_site"}  # the review site is materialized on demand, outside the job
    checks = {
        "/".join(node["assetKey"]["path"]): {c["name"] for c in node["assetChecksOrError"]["checks"]} for node in nodes
    }
    for view in VIEWS:
        assert f"{view.name}_schema" in checks[view.name]

    repository = _graphql(dagster_ui, REPOSITORIES_QUERY)["repositoriesOrError"]["nodes"][0]
    params = {
        "selector": {
            "repositoryLocationName": repository["location"]["name"],
            "repositoryName": repository["name"],
            "jobName": "build_warehouse",
        },
        "mode": "default",
    }
    launched = _graphql(dagster_ui, LAUNCH, {"params": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]

    deadline = time.monotonic() + RUN_SECONDS
    while True:
        run = _graphql(dagster_ui, RUN_STATUS, {"runId": run_id})["runOrError"]
        if run["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        assert time.monotonic() < deadline, f"run still {run['status']}"
        time.sleep(2)
    assert run["status"] == "SUCCESS"
    materialized = {"/".join(m["assetKey"]["path"]) for m in run["assetMaterializations"]}
    assert materialized == built

    for view in VIEWS:
        executions = _graphql(
            dagster_ui, CHECK_EXECUTIONS, {"assetKey": {"path": [view.name]}, "checkName": f"{view.name}_schema"}
        )["assetCheckExecutions"]
        assert executions and executions[0]["status"] == "SUCCEEDED", (view.name, executions)

    with duckdb.connect(str(seed_paths.warehouse_dir / "budget.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
