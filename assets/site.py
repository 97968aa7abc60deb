"""The review site: an index of the reports and a page per report with its findings shown on the page."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from budget_reports.contract import VIEWS
from budget_reports.site.render import SITE_DIR, write_site
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.lock import warehouse_lock
from pipelines.resources import WarehousePaths


@asset(
    deps=[AssetKey(view.name) for view in VIEWS],
    group_name="review",
    kinds={"html"},
)
def review_site(context: AssetExecutionContext, warehouse_paths: WarehousePaths) -> MaterializeResult:
    """Static HTML under the warehouse folder (``site/index.html``): one row per report in the index,
    one page per report with its key metrics, charts and every finding on its rendered PDF page with
    the figure boxed (or its cited lines). Opens from disk, offline. Not part of the nightly build:
    materialize it after the warehouse tables when the site is wanted."""
    paths = warehouse_paths.paths()
    with warehouse_lock(paths.warehouse_dir):  # never read a warehouse a build is replacing
        result = write_site(paths.warehouse_dir / DUCKDB_FILE, paths.raw_dir, paths.warehouse_dir / SITE_DIR)
    context.log.info(f"review site written to {result.index}")
    return MaterializeResult(
        metadata={
            "index": MetadataValue.path(str(result.index)),
            "report_pages": result.report_pages,
            "page_images": result.page_images,
            "findings": result.findings,
        }
    )
