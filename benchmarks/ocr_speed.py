"""OCR of scanned reports: pages per second on this machine's cores, and peak memory.

Each corpus PDF is turned into a scan (every page rendered at 200 dpi, tilted, blurred, stored as
an image-only PDF: ``tests/scan_support.py``), then read in a fresh interpreter: wall time (the
pages run in a pool of worker processes, so CPU time of one process would not count them), the
resident high-water mark of the reading process and of its largest worker. The reference, in the
same interpreter: reading the original PDF from its text layer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from tests.scan_support import scan_pdf

_PROBE = """
import json, resource, sys, time
from pathlib import Path
from budget_reports.readers import read_document

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

original, scan = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter()
read_document(original, original.name)
text_s = time.perf_counter() - start
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")
def cpu():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

start, cpu_start = time.perf_counter(), cpu()
document = read_document(scan, scan.name)
ocr_s, ocr_cpu_s = time.perf_counter() - start, cpu() - cpu_start
print(json.dumps({
    "text_s": text_s, "ocr_s": ocr_s, "ocr_cpu_s": ocr_cpu_s, "ocr_pages": len(document.ocr_pages),
    "rss_rise_kb": status("VmHWM") - before,
    "worker_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


@dataclass(frozen=True, slots=True)
class OcrSpeed:
    file: str
    pages: int
    workers: int
    ocr_s: float
    ocr_cpu_s: float  # the reader's and its workers' CPU time
    text_s: float
    reader_rise_mb: float
    worker_peak_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.ocr_s

    @property
    def cpu_s_per_page(self) -> float:
        return self.ocr_cpu_s / self.pages

    @property
    def over_text_layer(self) -> float:
        return self.ocr_s / self.text_s


def measure(pdf: Path, workers: int | None = None) -> OcrSpeed:
    with tempfile.TemporaryDirectory() as folder:
        scan = scan_pdf(pdf, Path(folder) / pdf.name)
        env = dict(os.environ)
        if workers is not None:
            env["BUDGET_OCR_WORKERS"] = str(workers)
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(pdf), str(scan)], capture_output=True, text=True, check=True, env=env
        )
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    pages = len(pdfium.PdfDocument(pdf))
    return OcrSpeed(
        pdf.name,
        pages,
        workers or len(os.sched_getaffinity(0)),
        probe["ocr_s"],
        probe["ocr_cpu_s"],
        probe["text_s"],
        probe["rss_rise_kb"] / 1024,
        probe["worker_peak_kb"] / 1024,
    )


TITLE = "## OCR of scanned reports"


def render(results: dict) -> list[str]:
    m = results["machine"]
    rows = [
        f"| {r['file']} | {r['pages']} | {r['workers']} | {r['ocr_s']:.1f} | **{r['pages_per_second']:.2f}** "
        f"| {r['cpu_s_per_page']:.2f} | {r['over_text_layer']:.0f}× | {r['reader_rise_mb']:.0f} "
        f"| {r['worker_peak_mb']:.0f} |"
        for r in results["pdfs"]
    ]
    return [
        TITLE,
        "",
        f"Measured {results['when']} on: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']}",
        "(`python -m benchmarks.run --ocr-only` measures this section alone and rewrites only it).",
        "",
        "Each corpus PDF scanned (every page rendered at 200 dpi, tilted up to 0.6°, blurred, stored as an",
        "image-only PDF) and read in a fresh interpreter: wall time (pages are recognised in a pool of",
        "worker processes, one per core unless `BUDGET_OCR_WORKERS` says otherwise), pages per second, and",
        "the reference measured in the same interpreter: reading the original from its text layer",
        "(the first read in that interpreter). Memory: how far the reading process's resident high-water mark rose,",
        "and the largest worker's (the OCR models loaded, one page image at a time). Wall time counts",
        "other load on the machine; CPU seconds per page (the reader's and its workers') do not.",
        "",
        "| file | pages | workers | seconds | pages/s | CPU s/page | against the text layer "
        "| reader rise MB | worker peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
    ]
