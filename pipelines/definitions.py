"""The Dagster definitions: assets, checks, the build job, its nightly schedule and the raw-folder sensor."""

from dagster import AssetSelection, Definitions, JobDefinition, define_asset_job

from assets.checks import SCHEMA_CHECKS
from assets.ingestion import extracted_reports
from assets.site import review_site
from assets.warehouse import warehouse_tables
from pipelines.executors import executor_from_env
from pipelines.resources import WarehousePaths
from pipelines.schedules import nightly_build
from pipelines.sensors import raw_folder_sensor

# The review site is materialized on demand (UI or `budget site`), not at every build.
build_warehouse_job = define_asset_job(
    "build_warehouse",
    selection=AssetSelection.all() - AssetSelection.assets(review_site),
    description="Read every report of the raw folder and rebuild the warehouse.",
)

defs = Definitions(
    assets=[extracted_reports, warehouse_tables, review_site],
    asset_checks=SCHEMA_CHECKS,
    jobs=[build_warehouse_job],
    schedules=[nightly_build(build_warehouse_job)],
    sensors=[raw_folder_sensor(build_warehouse_job)],
    resources={"warehouse_paths": WarehousePaths.from_env()},
    executor=executor_from_env(),
)


def build_job() -> JobDefinition:
    """The build job, as executors that run steps in other processes rebuild it there."""
    return defs.resolve_job_def("build_warehouse")
