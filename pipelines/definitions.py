"""The Dagster definitions: assets, checks, the build job, its nightly schedule and the raw-folder sensor."""

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from assets.checks import SCHEMA_CHECKS
from assets.ingestion import extracted_reports
from assets.warehouse import warehouse_tables
from pipelines.resources import WarehousePaths
from pipelines.schedules import nightly_build
from pipelines.sensors import raw_folder_sensor

build_warehouse_job = define_asset_job(
    "build_warehouse",
    selection=AssetSelection.all(),
    description="Read every report of the raw folder and rebuild the warehouse.",
)

# One process per run: the steps are light and sequential (each asset needs the one before), so a
# process per step would mostly spend its time importing the project.
defs = Definitions(
    assets=[extracted_reports, warehouse_tables],
    asset_checks=SCHEMA_CHECKS,
    jobs=[build_warehouse_job],
    schedules=[nightly_build(build_warehouse_job)],
    sensors=[raw_folder_sensor(build_warehouse_job)],
    resources={"warehouse_paths": WarehousePaths.from_env()},
    executor=in_process_executor,
)
