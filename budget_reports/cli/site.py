"""`budget site`: the static review site of the warehouse, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from budget_reports.cli.paths import warehouse_db
from budget_reports.runs import Paths


def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the site to (created).")],
) -> None:
    """Write the review site: open OUTPUT/index.html in a browser (works offline, from the folder)."""
    from budget_reports.site.render import write_site  # charting libraries load only for this command

    result = write_site(warehouse_db(), Paths.from_env().raw_dir, output)
    print(
        f"{result.report_pages} report pages, {result.findings} findings, {result.page_images} page images: "
        f"{result.index}"
    )
