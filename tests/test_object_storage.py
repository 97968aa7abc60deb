"""Object storage against a real S3-compatible server (moto's server mode, started for these tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from dagster import build_sensor_context

from budget_reports.object_storage import is_remote, mirror_raw, publish_parquet
from pipelines.definitions import defs
from pipelines.resources import RAW_MIRROR_DIR, WarehousePaths
from tests.conftest import SEED_FILES
from tests.local_services import S3_CREDENTIALS, s3_server


@pytest.fixture(scope="module")
def s3(tmp_path_factory) -> Iterator:
    with s3_server(tmp_path_factory.mktemp("s3")) as endpoint, pytest.MonkeyPatch.context() as env:
        for name, value in S3_CREDENTIALS.items():
            env.setenv(name, value)
        env.setenv("AWS_ENDPOINT_URL", endpoint)
        yield boto3.client("s3", endpoint_url=endpoint)


def test_locations_are_told_apart() -> None:
    assert is_remote("s3://bucket/reports") and is_remote("gs://bucket/x")
    assert not is_remote("data/raw") and not is_remote("/srv/raw") and not is_remote("file:///srv/raw")


def test_the_mirror_copies_only_what_changed_and_drops_what_is_gone(s3, tmp_path: Path) -> None:
    s3.create_bucket(Bucket="mirror")
    for seed in SEED_FILES[:3]:
        s3.upload_file(str(seed), "mirror", f"in/2021/{seed.name}")
    mirror = tmp_path / "mirror"
    first = mirror_raw("s3://mirror/in", mirror)
    assert (first.copied, first.unchanged, first.deleted) == (3, 0, 0)
    assert (mirror / "2021" / SEED_FILES[0].name).read_bytes() == SEED_FILES[0].read_bytes()
    stamps = {p: p.stat().st_mtime_ns for p in mirror.rglob("*.txt")}

    again = mirror_raw("s3://mirror/in", mirror)
    assert (again.copied, again.unchanged, again.deleted) == (0, 3, 0)
    assert {p: p.stat().st_mtime_ns for p in mirror.rglob("*.txt")} == stamps

    s3.delete_object(Bucket="mirror", Key=f"in/2021/{SEED_FILES[1].name}")
    s3.put_object(Bucket="mirror", Key=f"in/2021/{SEED_FILES[2].name}", Body=b"changed")
    changed = mirror_raw("s3://mirror/in", mirror)
    assert (changed.copied, changed.unchanged, changed.deleted) == (1, 1, 1)
    assert not (mirror / "2021" / SEED_FILES[1].name).exists()
    assert (mirror / "2021" / SEED_FILES[2].name).read_bytes() == b"changed"


def test_publishing_sends_new_names_and_deletes_dropped_ones(s3, tmp_path: Path) -> None:
    s3.create_bucket(Bucket="published")
    snapshot = tmp_path / "snapshot"
    (snapshot / "t" / "fiscal_year=2021").mkdir(parents=True)
    (snapshot / "t" / "fiscal_year=2021" / "part-a-1.parquet").write_bytes(b"one")
    (snapshot / "t" / "fiscal_year=2021" / "part-b-1.parquet").write_bytes(b"two")
    assert publish_parquet(snapshot, "s3://published/wh").copied == 2
    (snapshot / "t" / "fiscal_year=2021" / "part-b-1.parquet").unlink()
    (snapshot / "t" / "fiscal_year=2021" / "part-b-2.parquet").write_bytes(b"two, changed")
    second = publish_parquet(snapshot, "s3://published/wh")
    assert (second.copied, second.deleted, second.unchanged) == (1, 1, 1)
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="published")["Contents"] if o["Key"].endswith(".parquet")}
    assert keys == {"wh/t/fiscal_year=2021/part-a-1.parquet", "wh/t/fiscal_year=2021/part-b-2.parquet"}


def test_the_sensor_watches_a_bucket(s3, tmp_path: Path) -> None:
    s3.create_bucket(Bucket="watched")
    s3.upload_file(str(SEED_FILES[0]), "watched", f"raw/{SEED_FILES[0].name}")
    resource = WarehousePaths(raw_dir="s3://watched/raw", warehouse_dir=str(tmp_path / "wh"))
    assert resource.paths().raw_dir == tmp_path / "wh" / RAW_MIRROR_DIR
    sensor = defs.resolve_sensor_def("raw_folder_sensor")

    def tick(cursor: str | None):
        context = build_sensor_context(cursor=cursor, resources={"warehouse_paths": resource}, definitions=defs)
        return sensor.evaluate_tick(context)

    first = tick(None)
    assert len(first.run_requests) == 1
    assert tick(first.cursor).run_requests == []
    s3.upload_file(str(SEED_FILES[1]), "watched", f"raw/{SEED_FILES[1].name}")
    assert len(tick(first.cursor).run_requests) == 1
