"""Write the review site: an index of the reports and one page per report, from the warehouse.

The folder is self-contained (HTML, one stylesheet, one small filter script, page images, charts
inline as SVG) and works opened from disk, with no network. HTML comes from Jinja2 templates with
autoescaping on: every text read from a report is escaped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from budget_reports.site import charts
from budget_reports.site.data import ReportData, read_report, read_reports
from budget_reports.site.errors import SiteError
from budget_reports.site.evidence import CitedLines, PageImages, overlay
from budget_reports.warehouse.findings import SEVERITIES
from budget_reports.warehouse.readonly import connect_readonly

# Where the Dagster asset writes the site, inside the warehouse folder.
SITE_DIR = "site"
REPORTS_DIR = "reports"
ASSETS_DIR = "assets"
_STATIC = ("site.css", "filter.js")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_LABELS = {"ok": "完整", "partial": "部分读取", "failed": "未能读取"}
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SiteResult:
    index: Path
    report_pages: int
    page_images: int
    findings: int


def write_site(db_path: Path, raw_dir: Path, output: Path) -> SiteResult:
    """Write the site for the warehouse at ``db_path`` into ``output`` (created; its old pages replaced)."""
    reports = read_reports(db_path)  # raises WarehouseError when there is no warehouse
    _prepare(output)
    env = _environment()
    images = PageImages(raw_dir, output)
    lines = CitedLines(raw_dir)
    rows = reports.to_dicts()
    finding_count = 0
    with connect_readonly(db_path) as con:
        for report in rows:
            data = read_report(con, report)
            finding_count += data.findings.height
            page = env.get_template("report.html").render(**_report_context(data, images, lines))
            (output / REPORTS_DIR / f"{report['report_id']}.html").write_text(page, encoding="utf-8")
    index = output / "index.html"
    index.write_text(env.get_template("index.html").render(reports=rows, **_labels()), encoding="utf-8")
    rendered = len(list((output / "pages").glob("*.png"))) if (output / "pages").is_dir() else 0
    return SiteResult(index, len(rows), rendered, finding_count)


def _prepare(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise SiteError(f"output is not a folder: {output} (输出路径不是文件夹)")
    try:
        output.mkdir(parents=True, exist_ok=True)
        for folder in (REPORTS_DIR, "pages"):
            shutil.rmtree(output / folder, ignore_errors=True)  # pages of reports no longer in the warehouse
        (output / REPORTS_DIR).mkdir()
        (output / ASSETS_DIR).mkdir(exist_ok=True)
        static = resources.files("budget_reports.site") / "static"
        for name in _STATIC:
            (output / ASSETS_DIR / name).write_bytes((static / name).read_bytes())
    except OSError as exc:
        raise SiteError(f"cannot write the site to {output}: {exc.strerror or exc} (无法写入输出目录)") from exc


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("budget_reports.site", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = _money
    return env


def _money(value: Decimal | None) -> str:
    """A figure exactly, thousands separated, with two decimals unless it has more; blank when NULL."""
    if value is None:
        return ""
    if value == value.quantize(_CENT):
        return f"{value:,.2f}"
    return f"{value.normalize():,f}"


def _labels() -> dict[str, object]:
    return {"severities": SEVERITIES, "severity_labels": SEVERITY_LABELS, "status_labels": STATUS_LABELS}


def _report_context(data: ReportData, images: PageImages, lines: CitedLines) -> dict[str, object]:
    findings = []
    for finding in data.findings.to_dicts():
        image = None
        if finding["page"] is not None and data.report["file_format"] == "pdf" and finding["read_by"] == "text":
            image = images.page(finding["source_file"], finding["page"])
        findings.append(
            {
                **finding,
                "image": image,
                "overlay": overlay(finding) if image else None,
                "lines": None if image else lines.lines(finding, data.report["file_format"]),
            }
        )
    # The SVG is written by vl-convert from the warehouse's figures (its text XML-escaped): safe to inline.
    chart_list = [
        ("expenditure-by-class", charts.expenditure_by_class(data.classes)),
        ("budget-against-actual", charts.budget_against_actual(data.items)),
        ("three-public-years", charts.three_public_over_years(data.three_public)),
    ]
    return {
        "report": data.report,
        "metrics": data.metrics.to_dicts(),
        "charts": [(name, Markup(svg)) for name, svg in chart_list if svg],
        "findings": findings,
        **_labels(),
    }
