"""Reading the raw folder: every input file read, its facts extracted, validated and staged."""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from budget_reports.object_storage import mirror_raw
from budget_reports.progress import ProgressLog
from budget_reports.runs import stage_reports
from budget_reports.warehouse.lock import warehouse_lock
from budget_reports.worker_pool import Limits
from pipelines.resources import WarehousePaths


@asset(group_name="ingestion", kinds={"python", "parquet"})
def extracted_reports(context: AssetExecutionContext, warehouse_paths: WarehousePaths) -> MaterializeResult:
    """One staged extraction per input file of the raw folder (PDF, Word, text, spreadsheet, web page).

    Each file is extracted in a worker process (one per core by default, `BUDGET_WORKERS`); a file
    that runs over the per-file time or memory limit is stopped and staged as `failed`. Files already
    extracted by the same parser version are reused; a file that cannot be read is staged as a
    `failed` report with its reason, and the run goes on.
    """
    paths = warehouse_paths.paths()
    limits = Limits.from_env()
    context.log.info(
        f"extracting with {limits.workers} worker(s); per file at most {limits.seconds:g} s and {limits.memory_mb} MB"
    )
    with warehouse_lock(paths.warehouse_dir):
        if warehouse_paths.raw_is_remote:
            mirrored = mirror_raw(warehouse_paths.raw_dir, paths.raw_dir)
            context.log.info(
                f"mirrored {warehouse_paths.raw_dir}: {mirrored.copied} copied, {mirrored.unchanged} unchanged,"
                f" {mirrored.deleted} removed"
            )
        result = stage_reports(paths, limits, ProgressLog(context.log.info, context.log.warning))
    context.log.info(
        f"{result.files} files: {result.extracted} extracted, {result.reused} unchanged"
        f"; {result.hashed} read in full to hash (the others unchanged in size and modification time)"
    )
    return MaterializeResult(
        metadata={
            "files": result.files,
            "extracted": result.extracted,
            "unchanged": result.reused,
            "hashed": result.hashed,
            "workers": limits.workers,
            "limits_hit": result.limits_hit,
            "ok": result.status_counts.get("ok", 0),
            "partial": result.status_counts.get("partial", 0),
            "failed": result.status_counts.get("failed", 0),
            "raw_dir": MetadataValue.path(warehouse_paths.raw_dir),
        }
    )
