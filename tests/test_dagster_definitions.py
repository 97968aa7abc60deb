"""The Dagster project as the UI and the daemon load it: assets, checks, job, schedule, sensor, CLI."""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
from dagster import AssetKey, RunRequest, build_schedule_context, build_sensor_context

from budget_reports.contract import VIEWS
from budget_reports.runs import Paths
from pipelines.definitions import defs
from pipelines.resources import WarehousePaths
from tests.cli_support import run_build_command

VIEW_KEYS = {AssetKey(view.name) for view in VIEWS}
SITE_KEY = AssetKey("review_site")


def test_every_contract_view_is_an_asset_with_a_schema_check() -> None:
    repository = defs.get_repository_def()
    asset_keys = set(repository.asset_graph.get_all_asset_keys())
    assert asset_keys == VIEW_KEYS | {AssetKey("extracted_reports"), SITE_KEY}
    check_keys = {(key.asset_key, key.name) for key in repository.asset_graph.asset_check_keys}
    assert {(AssetKey(view.name), f"{view.name}_schema") for view in VIEWS} <= check_keys
    job = defs.resolve_job_def("build_warehouse")
    # The build job materializes everything but the review site, which is built on demand from the views.
    assert set(job.asset_layer.executable_asset_keys) == asset_keys - {SITE_KEY}
    assert set(repository.asset_graph.get(SITE_KEY).parent_keys) == VIEW_KEYS


def test_each_warehouse_asset_shows_its_columns_with_their_meaning() -> None:
    repository = defs.get_repository_def()
    for view in VIEWS:
        schema = repository.asset_graph.get(AssetKey(view.name)).metadata["dagster/column_schema"]
        assert [(c.name, c.type) for c in schema.columns] == [(c.name, c.sql_type) for c in view.columns]
        assert all(
            c.description and view_column.label in c.description
            for c, view_column in zip(schema.columns, view.columns, strict=True)
        )


def test_nightly_schedule_runs_the_build_at_two_in_shanghai() -> None:
    schedule = defs.resolve_schedule_def("nightly_build")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert schedule.job_name == "build_warehouse"
    tick = datetime(2026, 3, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    result = schedule.evaluate_tick(build_schedule_context(scheduled_execution_time=tick))
    assert len(result.run_requests) == 1
    assert result.run_requests[0].job_name in (None, "build_warehouse")


def _evaluate_sensor(raw_dir: Path, cursor: str | None):
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    resources = {"warehouse_paths": WarehousePaths(raw_dir=str(raw_dir), warehouse_dir=str(raw_dir.parent / "wh"))}
    context = build_sensor_context(cursor=cursor, resources=resources, definitions=defs)
    return sensor.evaluate_tick(context)


def test_raw_folder_sensor_requests_a_run_only_when_the_folder_changes(seed_raw_dir: Path) -> None:
    first = _evaluate_sensor(seed_raw_dir, cursor=None)
    assert len(first.run_requests) == 1 and isinstance(first.run_requests[0], RunRequest)
    assert first.cursor

    unchanged = _evaluate_sensor(seed_raw_dir, cursor=first.cursor)
    assert unchanged.run_requests == [] and unchanged.skip_message

    (seed_raw_dir / "2024-new-report.txt").write_text("某区财政局2024年度部门决算\n", encoding="utf-8")
    added = _evaluate_sensor(seed_raw_dir, cursor=first.cursor)
    assert len(added.run_requests) == 1
    assert added.run_requests[0].run_key != first.run_requests[0].run_key
    assert added.cursor != first.cursor

    (seed_raw_dir / "2024-new-report.txt").unlink()
    removed = _evaluate_sensor(seed_raw_dir, cursor=added.cursor)
    assert len(removed.run_requests) == 1


def _run_cli(paths: Paths, dagster_home: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "BUDGET_RAW_DIR": str(paths.raw_dir),
        "BUDGET_WAREHOUSE_DIR": str(paths.warehouse_dir),
        "DAGSTER_HOME": str(dagster_home),
    }
    return run_build_command(env, timeout=600)


def test_build_command_materializes_everything_and_prints_the_summary(seed_paths: Paths, tmp_path: Path) -> None:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    first = _run_cli(seed_paths, dagster_home)
    assert first.returncode == 0, first.stderr[-3000:]
    db_path = seed_paths.warehouse_dir / "budget.duckdb"
    assert "Reports read: 5 (ok 5, partial 0, failed 0)" in first.stdout
    assert f"Warehouse: {db_path}" in first.stdout
    try_line = next(line for line in first.stdout.splitlines() if line.startswith("Try: "))
    suggested = subprocess.run(shlex.split(try_line.removeprefix("Try: ")), capture_output=True, text=True, check=False)
    assert suggested.returncode == 0, suggested.stderr
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {view.name for view in VIEWS}

    mtime = db_path.stat().st_mtime_ns
    second = _run_cli(seed_paths, dagster_home)
    assert second.returncode == 0, second.stderr[-3000:]
    assert db_path.stat().st_mtime_ns == mtime, "a re-run with nothing changed must not rewrite the warehouse"
    assert "Reports read: 5 (ok 5, partial 0, failed 0)" in second.stdout
