"""The same assets on a Dask cluster, raw reports read from and Parquet written to S3: real services, no mocks.

The test starts an S3-compatible server (moto's server mode) and a Dask scheduler with two worker
processes, uploads the sample reports, and runs `python -m pipelines.build` with the Dask executor.
Every step must run in a worker process, the warehouse must hold the reports, and the bucket must
hold exactly the local Parquet snapshot, before and after a report is replaced in the bucket.
"""

from __future__ import annotations

import os
from pathlib import Path

import boto3
import duckdb
import pyarrow.dataset as pads
import pyarrow.fs as pafs
from dagster import DagsterEventType, DagsterInstance

from budget_reports.warehouse.build import DUCKDB_FILE, PARQUET_DIR
from tests.cli_support import run_build_command
from tests.conftest import SEED_FILES
from tests.local_services import S3_CREDENTIALS, dask_cluster, s3_server, worker_pids

RAW_BUCKET, WAREHOUSE_BUCKET = "reports", "warehouse"


def _bucket_files(s3, bucket: str, prefix: str) -> set[str]:
    """The Parquet objects under ``prefix`` (the store may also hold empty folder markers)."""
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    keys = {obj["Key"].removeprefix(prefix) for page in pages for obj in page.get("Contents", [])}
    return {key for key in keys if key.endswith(".parquet")}


def _local_snapshot_files(warehouse_dir: Path) -> set[str]:
    root = (warehouse_dir / PARQUET_DIR).resolve()
    return {p.relative_to(root).as_posix() for p in root.rglob("*.parquet")}


def _step_pids(dagster_home: Path) -> dict[str, int]:
    instance = DagsterInstance.from_config(str(dagster_home))
    run = instance.get_runs(limit=1)[0]
    starts = instance.all_logs(run.run_id, of_type=DagsterEventType.STEP_START)
    return {entry.dagster_event.step_key: entry.dagster_event.pid for entry in starts}


def _materialized(dagster_home: Path, asset: str) -> dict[str, object]:
    """What the latest run's materialization of ``asset`` says about the load."""
    instance = DagsterInstance.from_config(str(dagster_home))
    run = instance.get_runs(limit=1)[0]
    events = instance.all_logs(run.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION)
    metadata = next(
        e.dagster_event.materialization.metadata for e in events if e.dagster_event.asset_key.path == [asset]
    )
    fields = {"rebuilt": "rebuilt", "full": "full_rebuild", "removed": "reports_removed", "added": "reports_added"}
    return {name: metadata[key].value for name, key in fields.items()}


def test_build_on_a_dask_cluster_reading_and_writing_s3(tmp_path: Path) -> None:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    warehouse_dir = tmp_path / "warehouse"
    with s3_server(tmp_path) as endpoint:
        s3 = boto3.client(
            "s3", endpoint_url=endpoint, **{k.lower(): v for k, v in S3_CREDENTIALS.items() if "KEY" in k}
        )
        s3.create_bucket(Bucket=RAW_BUCKET)
        s3.create_bucket(Bucket=WAREHOUSE_BUCKET)
        for seed in SEED_FILES:
            s3.upload_file(str(seed), RAW_BUCKET, f"2021-2023/{seed.name}")
        env = (
            os.environ
            | S3_CREDENTIALS
            | {
                "AWS_ENDPOINT_URL": endpoint,
                "DAGSTER_HOME": str(dagster_home),
                "BUDGET_RAW_DIR": f"s3://{RAW_BUCKET}/2021-2023",
                "BUDGET_WAREHOUSE_DIR": str(warehouse_dir),
                "BUDGET_PARQUET_URI": f"s3://{WAREHOUSE_BUCKET}/parquet",
                "BUDGET_EXECUTOR": "dask",
            }
        )
        with dask_cluster(tmp_path, env, "BUDGET_DASK_SCHEDULER") as address:
            first = run_build_command(env)
            assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-4000:]
            assert "Reports read: 5 (ok 5, partial 0, failed 0)" in first.stdout

            # Every step (the two assets and each table's check) ran in a Dask worker process.
            pids = _step_pids(dagster_home)
            assert {"extracted_reports", "warehouse_tables"} <= set(pids)
            assert set(pids.values()) <= worker_pids(address)

            # The bucket holds exactly the local Parquet snapshot, and analysts can read it there.
            assert _bucket_files(s3, WAREHOUSE_BUCKET, "parquet/") == _local_snapshot_files(warehouse_dir)
            s3fs = pafs.S3FileSystem(endpoint_override=endpoint, scheme="http", region="us-east-1")
            reports = pads.dataset(f"{WAREHOUSE_BUCKET}/parquet/reports", filesystem=s3fs, partitioning="hive")
            assert reports.count_rows() == 5
            with duckdb.connect(str(warehouse_dir / DUCKDB_FILE), read_only=True) as con:
                cited = {row[0] for row in con.execute("SELECT source_file FROM reports").fetchall()}
            assert cited == {f"{seed.name}" for seed in SEED_FILES}

            # One report replaced in the bucket: the next run loads only that change and updates the bucket.
            s3.delete_object(Bucket=RAW_BUCKET, Key=f"2021-2023/{SEED_FILES[0].name}")
            changed = SEED_FILES[0].read_bytes() + "\n附注：本报告已更正。\n".encode()
            s3.put_object(Bucket=RAW_BUCKET, Key=f"2021-2023/corrected-{SEED_FILES[0].name}", Body=changed)
            before = _bucket_files(s3, WAREHOUSE_BUCKET, "parquet/")
            second = run_build_command(env)
            assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-4000:]
            assert _materialized(dagster_home, "reports") == {"rebuilt": True, "full": False, "removed": 1, "added": 1}
            after = _bucket_files(s3, WAREHOUSE_BUCKET, "parquet/")
            assert after == _local_snapshot_files(warehouse_dir)
            assert after != before and after & before  # changed files replaced, the others kept
            assert (
                reports.count_rows() == 5
                or pads.dataset(
                    f"{WAREHOUSE_BUCKET}/parquet/reports", filesystem=s3fs, partitioning="hive"
                ).count_rows()
                == 5
            )
            with duckdb.connect(str(warehouse_dir / DUCKDB_FILE), read_only=True) as con:
                assert con.execute(
                    "SELECT count(*) FROM reports WHERE source_file = ?", [f"corrected-{SEED_FILES[0].name}"]
                ).fetchone() == (1,)
