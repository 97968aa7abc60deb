"""Read time against file size, and extraction on one worker against two.

    python -m benchmarks.robustness        # or: make bench-robustness

Size: a real report (the first sample) made 1×, 10× and 100× as long, as text, as a web page and as a
Word document, and timed (CPU time, best of 3) through ``read_document`` and through the whole per-report step
(``process_file``); the 1× time is the reference, so linear growth shows as ratios near 10 and 100.
Workers: the same folder of reports staged with 1 and with 2 worker processes (wall time, best of 2).
The results replace the measured section of ``docs/robustness.md``.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import machine
from benchmarks.timing import cpu_seconds
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.model import BlockKind
from budget_reports.readers import read_document
from budget_reports.runs import PROJECT_ROOT, Paths, stage_reports
from budget_reports.worker_pool import Limits

SEED_DIR = PROJECT_ROOT / "data" / "raw"
DOC = PROJECT_ROOT / "docs" / "robustness.md"
START, END = "<!-- measured:start -->", "<!-- measured:end -->"
SCALES = (1, 10, 100)


@dataclass(frozen=True, slots=True)
class SizeCost:
    kind: str
    scale: int
    megabytes: float
    read_s: float
    pipeline_s: float


def as_html(report: Path) -> str:
    """The report as a web page: its headings, paragraphs and tables, as a browser-saved page has them."""
    parts = []
    for block in read_document(report, report.name).blocks:
        if block.kind is BlockKind.TABLE and block.table is not None:
            cells = ("".join(f"<td>{html.escape(text)}</td>" for text in row) for row in block.table.grid())
            rows = "".join(f"<tr>{row}</tr>" for row in cells)
            parts.append(f"<table>{rows}</table>")
        elif block.kind is BlockKind.HEADING:
            parts.append(f"<h3>{html.escape(block.text)}</h3>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    return "".join(parts)


def write_docx(report: Path, scale: int, path: Path) -> None:
    """The report as a Word document (paragraphs, headings, cell tables), its body repeated ``scale`` times."""
    import docx

    word = docx.Document()
    for block in read_document(report, report.name).blocks:
        if block.kind is BlockKind.TABLE and block.table is not None:
            grid = block.table.grid()
            table = word.add_table(rows=len(grid), cols=max(len(row) for row in grid))
            for row, texts in zip(table.rows, grid, strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
        else:
            word.add_paragraph(block.text, style="Heading 3" if block.kind is BlockKind.HEADING else None)
    word.save(path)
    # Repeated as XML: building a long document through python-docx takes minutes.
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.rindex("<w:sectPr")
    parts["word/document.xml"] = (xml[:start] + xml[start:end] * scale + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def measure_sizes(report: Path, folder: Path) -> list[SizeCost]:
    text = report.read_text(encoding="utf-8")
    page = as_html(report)
    costs = []
    for scale in SCALES:
        for kind in ("text", "html", "docx"):
            path = folder / f"report-{scale}x.{'txt' if kind == 'text' else kind}"
            if kind == "docx":
                write_docx(report, scale, path)
            else:
                content = text * scale if kind == "text" else f"<html><body>{page * scale}</body></html>"
                path.write_text(content, encoding="utf-8")
            raw = RawFile(path, path.name, file_sha256(path), path.stat().st_size)
            rounds = 3 if scale < 100 else 1
            read_s = min(cpu_seconds(lambda p=path: read_document(p, p.name)) for _ in range(rounds))
            pipeline_s = min(cpu_seconds(lambda r=raw: process_file(r)) for _ in range(rounds))
            costs.append(SizeCost(kind, scale, path.stat().st_size / 1024 / 1024, read_s, pipeline_s))
    return costs


def measure_workers(folder: Path, copies: int) -> dict[int, float]:
    """Wall seconds to stage ``copies`` copies of every sample report, by number of workers."""
    raw = folder / "raw"
    raw.mkdir()
    for n in range(copies):
        for seed in sorted(SEED_DIR.glob("*.txt")):
            (raw / f"{n:03d}-{seed.name}").write_bytes(seed.read_bytes() + f"\n{n}\n".encode())
    seconds = {}
    for workers in (1, 2):
        best = float("inf")
        for attempt in range(2):
            warehouse = folder / f"warehouse-{workers}-{attempt}"
            started = time.perf_counter()
            stage_reports(Paths(raw, warehouse), Limits(workers=workers))
            best = min(best, time.perf_counter() - started)
            shutil.rmtree(warehouse)
        seconds[workers] = best
    return seconds


def render(sizes: list[SizeCost], workers: dict[int, float], reports: int) -> str:
    m = machine.describe()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = []
    for cost in sizes:
        base = next(c for c in sizes if c.kind == cost.kind and c.scale == 1)
        rows.append(
            f"| {cost.kind} | {cost.scale}× | {cost.megabytes:.2f} | {cost.read_s:.2f} | "
            f"{cost.read_s / base.read_s:.1f}× | {cost.pipeline_s:.2f} | {cost.pipeline_s / base.pipeline_s:.1f}× |"
        )
    return "\n".join(
        [
            START,
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on: {m['cpu']}, {m['cores']} cores, "
            f"{m['ram']} RAM, Python {m['python']}; load average {load:.1f} when the run ended.",
            "",
            "Read time against file size (CPU seconds, best of 3; 100× once). The ratio to 1× is 10 and 100",
            "for linear growth:",
            "",
            "| format | size | MB | read s | read against 1× | read + extract + validate s | against 1× |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"Staging {reports} reports (the samples copied, each copy a report of its own), wall seconds,",
            "best of 2:",
            "",
            "| workers | seconds | reports/s | speed-up against 1 worker |",
            "| ---: | ---: | ---: | ---: |",
            *(f"| {n} | {s:.1f} | {reports / s:.1f} | {workers[1] / s:.2f}× |" for n, s in sorted(workers.items())),
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8, help="copies of every sample in the workers benchmark")
    args = parser.parse_args()
    report = sorted(SEED_DIR.glob("*.txt"))[0]
    with tempfile.TemporaryDirectory() as folder:
        sizes = measure_sizes(report, Path(folder))
    with tempfile.TemporaryDirectory() as folder:
        workers = measure_workers(Path(folder), args.copies)
    reports = args.copies * len(list(SEED_DIR.glob("*.txt")))
    section = render(sizes, workers, reports)
    print(section)
    doc = DOC.read_text(encoding="utf-8")
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + section + doc[doc.index(END) + len(END) :]
        DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
