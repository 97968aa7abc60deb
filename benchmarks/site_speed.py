"""What the evidence boxes and the review site cost, against the work they sit on.

    python -m benchmarks.site_speed     # `make bench-site`; rewrites its section of docs/benchmarks.md

Per PDF, locating every fact's and finding's figure on its page (``add_figure_boxes``) against reading
the same PDF (``read_document``). Per warehouse (the seeds and the corpus PDFs), writing the review
site (``write_site``: page images, SVG charts, HTML) against
reading, extracting and validating the same files (``process_file``). CPU time, best of several runs.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import machine
from benchmarks.docs import replace_section
from benchmarks.timing import cpu_seconds
from budget_reports.figure_boxes import add_figure_boxes
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.readers import read_document
from budget_reports.runs import PROJECT_ROOT, Paths, build, stage_reports
from budget_reports.site.render import write_site
from budget_reports.warehouse.build import DUCKDB_FILE

CORPUS_DIR = PROJECT_ROOT / "tests" / "data" / "corpus"
SEED_DIR = PROJECT_ROOT / "data" / "raw"
DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
SECTION = "review-site"


@dataclass(frozen=True, slots=True)
class BoxCost:
    file: str
    rows: int
    boxed: int
    read_ms: float
    boxes_ms: float


@dataclass(frozen=True, slots=True)
class SiteCost:
    reports: int
    findings: int
    page_images: int
    extract_s: float  # process_file over every file: read, extract, validate, locate the figures
    site_s: float


def measure_boxes(path: Path, repeat: int = 5) -> BoxCost:
    raw = RawFile(path, path.name, file_sha256(path), path.stat().st_size)
    result = process_file(raw)
    rows = [row for f in fields(result) if f.name != "report" for row in getattr(result, f.name)]
    read = min(cpu_seconds(lambda: read_document(path, path.name)) for _ in range(repeat))
    boxes = min(cpu_seconds(lambda: add_figure_boxes(path, result)) for _ in range(repeat))
    boxed = sum(r.evidence.box is not None for r in rows)
    return BoxCost(path.name, len(rows), boxed, read * 1000, boxes * 1000)


def measure_site(files: list[Path], repeat: int = 2) -> SiteCost:
    """The site of a warehouse of ``files`` against extracting the same files (``process_file``, here)."""
    raws = [RawFile(p, p.name, file_sha256(p), p.stat().st_size) for p in files]
    extract = min(cpu_seconds(lambda: [process_file(raw) for raw in raws]) for _ in range(repeat))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        paths = Paths(root / "raw", root / "warehouse")
        paths.raw_dir.mkdir()
        for path in files:
            shutil.copy(path, paths.raw_dir / path.name)
        stage_reports(paths)
        build(paths)
        db = paths.warehouse_dir / DUCKDB_FILE
        site = min(cpu_seconds(lambda n=n: write_site(db, paths.raw_dir, root / f"site-{n}")) for n in range(repeat))
        result = write_site(db, paths.raw_dir, root / "site")
    return SiteCost(result.report_pages, result.findings, result.page_images, extract, site)


def render(boxes: list[BoxCost], site: SiteCost, when: str, m: dict) -> str:
    rows = [
        f"| {b.file} | {b.boxed} / {b.rows} | {b.read_ms:.0f} | {b.boxes_ms:.1f} | {b.boxes_ms / b.read_ms:.1%} |"
        for b in boxes
    ]
    return "\n".join(
        [
            "## Evidence boxes and the review site",
            "",
            f"Measured {when} on: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']}"
            " (`make bench-site`, `benchmarks/site_speed.py`). CPU time, best of several runs.",
            "",
            "Locating every fact's and finding's figure on its PDF page, against reading the PDF:",
            "",
            "| file | figures boxed | read ms | boxes ms | boxes / read |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            "Most of that time is pdfium loading each cited page a second time (the reader has closed it);",
            "finding the figures on a loaded page is a small part.",
            "",
            f"Writing the review site of {site.reports} reports ({site.findings} findings, {site.page_images} page"
            f" images, SVG charts) took {site.site_s:.1f} s against {site.extract_s:.1f} s to read, extract and"
            f" validate the same files (`process_file`): **{site.site_s / site.extract_s:.2f}×** the extraction.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args()
    pdfs = sorted(CORPUS_DIR.glob("*.pdf"))
    seeds = sorted(SEED_DIR.glob("*.txt"))
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = render([measure_boxes(p) for p in pdfs], measure_site(pdfs + seeds), when, machine.describe())
    print(text)
    if not args.no_doc:
        DOC.write_text(replace_section(DOC.read_text(encoding="utf-8"), SECTION, text), encoding="utf-8")


if __name__ == "__main__":
    main()
