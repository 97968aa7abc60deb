"""A sensor on the raw folder: a new, changed or removed report starts a build."""

import hashlib

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorDefinition,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from budget_reports.object_storage import listing_fingerprint
from pipelines.resources import WarehousePaths

CHECK_INTERVAL_SECONDS = 60


def raw_folder_fingerprint(warehouse_paths: WarehousePaths) -> str:
    """Names, sizes and modification times of the raw folder's files (cheap: no file is read)."""
    if warehouse_paths.raw_is_remote:
        return listing_fingerprint(warehouse_paths.raw_dir)
    raw_dir = warehouse_paths.paths().raw_dir
    digest = hashlib.sha256()
    for path in sorted(raw_dir.rglob("*")):
        relative = path.relative_to(raw_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            stat = path.stat()
            digest.update(f"{relative.as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def raw_folder_sensor(job) -> SensorDefinition:
    @sensor(
        name="raw_folder_sensor",
        job=job,
        minimum_interval_seconds=CHECK_INTERVAL_SECONDS,
        default_status=DefaultSensorStatus.RUNNING,
        description="Starts a build when files are added to, changed in or removed from the raw folder.",
    )
    def _sensor(context: SensorEvaluationContext, warehouse_paths: WarehousePaths):
        fingerprint = raw_folder_fingerprint(warehouse_paths)
        if fingerprint == context.cursor:
            return SkipReason("raw folder unchanged")
        context.update_cursor(fingerprint)
        return RunRequest(run_key=fingerprint)

    return _sensor
