"""Run every benchmark on the same files in one go; print the results, keep them, write the doc.

    python -m benchmarks.run            # corpus PDFs beside the clone, seeds in data/raw
Results: ``benchmarks/results/<time>.json`` (not versioned) and ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import machine, memory, ocr_speed, pdf_speed, pipeline_speed, text_phases, text_speed
from benchmarks.docs import write_between, write_page
from budget_reports.runs import PROJECT_ROOT
from budget_reports.worker_pool import imported_objects_set_apart

CORPUS_DIR = PROJECT_ROOT / "tests" / "data" / "corpus"
SEED_DIR = PROJECT_ROOT / "data" / "raw"
RESULTS_DIR = PROJECT_ROOT / "benchmarks" / "results"
DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
PDF_TARGET = 10.0  # times faster than pdfplumber
TEXT_TARGET = 5.0  # MB/s
# The text sections run from the first heading to the next section's (``--text-only`` rewrites them alone).
TEXT_SECTIONS_START = "## Text formats: throughput over the seeds"
TEXT_SECTIONS_END = "## Peak memory per document"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument("--copies", type=int, default=20, help="copies of every file in the run benchmark")
    parser.add_argument(
        "--ocr-only", action="store_true", help="measure OCR alone and rewrite only its section of the doc"
    )
    parser.add_argument(
        "--text-only",
        action="store_true",
        help="measure the text reader alone (seeds, PDF-extracted text) and rewrite only its sections of the doc",
    )
    args = parser.parse_args()
    # Every reader is measured as a pipeline worker runs it: the imported objects set apart from the collector.
    with imported_objects_set_apart():
        _measure(args)


def _measure(args: argparse.Namespace) -> None:
    pdfs = sorted(args.corpus.glob("*.pdf"))
    seeds = sorted(SEED_DIR.glob("*.txt"))
    if not pdfs:
        raise SystemExit(f"no PDF in {args.corpus}")
    if args.ocr_only:
        ocr_section = "\n".join(ocr_speed.render(measure_ocr(pdfs)))
        print(ocr_section)
        if not args.no_doc:
            doc = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
            write_page(DOC, doc.split(ocr_speed.TITLE)[0].rstrip("\n") + "\n\n" + ocr_section)
        return
    if args.text_only:
        text = measure_text(pdfs, seeds)
        section = "\n".join(
            [
                *render_text(text),
                f"(Text sections measured alone, {text['when']}, on: {_machine_line(text['machine'])}; "
                f"1-minute load average {text['load_average']:.1f} at the start: CPU time per read, best round.)",
                "",
            ]
        )
        print(section)
        if not args.no_doc:
            write_between(DOC, TEXT_SECTIONS_START, TEXT_SECTIONS_END, section)
        return

    started = datetime.now(UTC).replace(microsecond=0)
    results = {
        "pdf": [asdict(t) | {"speedup": t.speedup} for t in map(pdf_speed.measure, pdfs)],
        **measure_text(pdfs, seeds),
        "when": started.isoformat(),
        "machine": machine.describe(),
        "memory": [asdict(m) for m in memory.measure(pdfs + seeds)],
        "reports": [
            asdict(r) | {"pipeline_over_read": r.pipeline_over_read}
            for r in map(pipeline_speed.measure_report, pdfs + seeds)
        ],
        "run": asdict(pipeline_speed.measure_run(pdfs + seeds, args.copies)),
        "ocr": measure_ocr(pdfs),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{started:%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    report = render(results)
    print(report)
    print(f"results: {out}")
    if not args.no_doc:
        write_page(DOC, report)  # the sections other benchmarks measure (scale, review site) are kept


def measure_text(pdfs: list[Path], seeds: list[Path]) -> dict:
    """The text reader on the seeds and on each corpus PDF's text as extractors write it, and where its
    time goes on those texts."""
    folder = Path(tempfile.mkdtemp(prefix="bench-text-"))
    return {
        "when": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "machine": machine.describe(),
        "load_average": machine.priority()["load_average"],
        "text": (
            lambda t: (
                asdict(t) | {"mb_per_second": t.mb_per_second, "first_read_mb_per_second": t.first_read_mb_per_second}
            )
        )(text_speed.measure(seeds)),
        "serializations": [
            asdict(t)
            | {
                "mb_per_second": t.mb_per_second,
                "pdf_over_text": t.pdf_over_text,
                "first_read_mb_per_second": t.first_read_mb_per_second,
            }
            for t in text_speed.measure_serializations(pdfs, folder, seeds)
        ],
        # After the serializations, which write the texts into ``folder``.
        "phases": text_phases.phase_shares(sorted(folder.glob("*/*.txt")), [*seeds, *pdfs]),
        "single_pass_mb_per_second": text_phases.single_pass_mb_per_second(sorted(folder.glob("*/*.txt"))),
    }


def measure_ocr(pdfs: list[Path]) -> dict:
    """OCR of every corpus PDF scanned, with the time and machine it was measured on."""
    speeds = [
        asdict(o)
        | {
            "pages_per_second": o.pages_per_second,
            "cpu_s_per_page": o.cpu_s_per_page,
            "over_text_layer": o.over_text_layer,
        }
        for o in map(ocr_speed.measure, pdfs)
    ]
    return {"when": datetime.now(UTC).replace(microsecond=0).isoformat(), "machine": machine.describe(), "pdfs": speeds}


def render(results: dict) -> str:
    m = results["machine"]
    pdf_rows = [
        f"| {t['file']} | {t['pages']} | {t['ours_ms_per_page']:.1f} | {t['pdfplumber_ms_per_page']:.1f} "
        f"| **{t['speedup']:.1f}×** |"
        for t in results["pdf"]
    ]
    pages = sum(t["pages"] for t in results["pdf"])
    ours = sum(t["ours_ms_per_page"] * t["pages"] for t in results["pdf"]) / pages
    theirs = sum(t["pdfplumber_ms_per_page"] * t["pages"] for t in results["pdf"]) / pages
    memory_rows = [
        f"| {p['file']} | {p['size_mb']:.2f} | {p['rss_before_mb']:.0f} | {p['rss_rise_mb']:.1f} "
        f"| {p['python_peak_mb']:.1f} |"
        for p in results["memory"]
    ]
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`python -m benchmarks.run`), which measures everything in one run on",
        "the same files and rewrites this page; raw results go to `benchmarks/results/` (not versioned).",
        "Speed is measured here, never asserted in tests. Times are CPU time of the benchmark process",
        "(`time.process_time`), so other load on the machine does not count against either side.",
        "Readers run as a pipeline worker runs them: what the process imported is set apart from the",
        "garbage collector first (`worker_pool.imported_objects_set_apart`).",
        "Read time against file size and the speed-up from 1 to 2 workers are measured by",
        "`make bench-robustness` and recorded in [robustness.md](robustness.md).",
        "`python -m benchmarks.run --text-only` measures the text reader alone and rewrites only its sections.",
        "",
        f"Measured {results['when']} on: {_machine_line(m)}.",
        "",
        "## PDF: our reader against pdfplumber, per page",
        "",
        "Ours: `read_document` (text blocks, paragraphs re-joined, tables rebuilt from ruling lines,",
        "tables joined across pages). Reference: pdfplumber's `page.extract_tables()` + `page.extract_text()`",
        "on every page. Best of 9 runs (ours) and 3 runs (pdfplumber), interleaved in 3 rounds so that load",
        f"from other processes hits both alike. Target: at least {PDF_TARGET:.0f}× faster.",
        "",
        "| file | pages | ours ms/page | pdfplumber ms/page | speed-up |",
        "| --- | ---: | ---: | ---: | ---: |",
        *pdf_rows,
        f"| all pages | {pages} | {ours:.1f} | {theirs:.1f} | **{theirs / ours:.1f}×** |",
        "",
        *render_text(results),
        TEXT_SECTIONS_END,
        "",
        "Each document read in a fresh interpreter: its resident memory once the project is imported",
        "(before reading), how far the resident high-water mark rose while reading (pdfium's own C",
        "allocations included), and the Python heap's peak (tracemalloc). The reader closes every page",
        "before opening the next, so memory is bounded by one page's objects plus the document model.",
        "",
        "| file | size MB | resident before reading MB | peak rise while reading MB | Python heap peak MB |",
        "| --- | ---: | ---: | ---: | ---: |",
        *memory_rows,
        "",
        *render_pipeline(results["reports"], results["run"]),
        *ocr_speed.render(results["ocr"]),
    ]
    return "\n".join(lines)


def _machine_line(m: dict) -> str:
    return f"{m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']} ({m['system']})"


def render_text(results: dict) -> list[str]:
    """The two text sections of the page: the seeds' throughput and the PDF-extracted text per format."""
    text = results["text"]
    return [
        TEXT_SECTIONS_START,
        "",
        f"`read_document` on the {text['files']} seeds of `data/raw/` (Word-exported text), read again and",
        f"again up to {text['megabytes']:.1f} MB, best of 3 such rounds: {text['mb_per_second']:.1f} MB/s; each read",
        f"once by a fresh interpreter that read the other seeds first (best of 3): "
        f"**{text['first_read_mb_per_second']:.1f} MB/s** (target: at least {TEXT_TARGET:.0f} MB/s).",
        "",
        *render_serializations(results["serializations"]),
        *render_phases(results.get("phases", {}), results["serializations"]),
        *render_single_pass(results.get("single_pass_mb_per_second"), results["serializations"]),
    ]


def render_phases(shares: dict[str, float], timings: list[dict], shown: int = 8) -> list[str]:
    """Where the text reader's time goes on the PDF-extracted texts, and what it would reach without its
    costliest step."""
    if not shares:
        return []
    rows = [f"| `{step}` | {share * 100:.1f}% |" for step, share in list(shares.items())[:shown]]
    rest = sum(list(shares.values())[shown:])
    (costliest, share), *_ = shares.items()
    megabytes = sum(t["kilobytes"] for t in timings) / 1024
    seconds = sum(t["first_text_ms"] for t in timings) / 1000
    without = text_phases.throughput_without(megabytes, seconds, share)
    return [
        "### Where the text reader's time goes",
        "",
        "Each step of the reader of PDF-extracted text (`readers/text.py`, `_read_linear`) as a share of its",
        "time over one read of each text above, after the seeds and the PDFs were read (`benchmarks/text_phases.py`;",
        "a profile, so shares, not times):",
        "",
        "| step | share |",
        "| --- | ---: |",
        *rows,
        f"| the other {len(shares) - shown} steps | {rest * 100:.1f}% |",
        "",
        f"Were `{costliest}` free, the first reads above would reach {without:.2f} MB/s, "
        + (
            f"meeting the {TEXT_TARGET:.0f} MB/s target."
            if without >= TEXT_TARGET
            else f"still short of the {TEXT_TARGET:.0f} MB/s target: a reader meeting it must be faster at "
            "every step, not at that one alone."
        ),
        "",
    ]


def render_single_pass(single_pass: float | None, timings: list[dict]) -> list[str]:
    """How many single passes over the text (decode, lines, words, figures) the target leaves a reader, and
    how many the reader's time is worth."""
    if not single_pass:
        return []
    megabytes = sum(t["kilobytes"] for t in timings) / 1024
    reader = megabytes / (sum(t["first_text_ms"] for t in timings) / 1000)
    return [
        f"The least any reader of these texts does before it can place a figure (decode the bytes, split the lines, "
        f"split each line into words and tell the figures; `text_phases.single_pass_mb_per_second`) runs at "
        f"{single_pass:.1f} MB/s here: the {TEXT_TARGET:.0f} MB/s target leaves time for "
        f"{single_pass / TEXT_TARGET:.1f} such passes over the text for everything a reader does (tables rebuilt "
        f"and checked, paragraphs re-joined, the title block, the prose); the reader's first reads take the time "
        f"of {single_pass / reader:.0f}.",
        "",
    ]


def render_serializations(timings: list[dict]) -> list[str]:
    rows = [
        f"| {t['serializer']} | {t['file']} | {t['kilobytes']:.0f} | {t['first_text_ms']:.1f} "
        f"| {t['first_read_mb_per_second']:.2f} | {t['first_pdf_ms']:.1f} | {t['text_ms']:.1f} "
        f"| {t['mb_per_second']:.2f} | {t['pdf_ms']:.1f} | {t['pdf_over_text']:.1f}× |"
        for t in timings
    ]
    megabytes = sum(t["kilobytes"] for t in timings) / 1024
    first_text_ms = sum(t["first_text_ms"] for t in timings)
    first_pdf_ms = sum(t["first_pdf_ms"] for t in timings)
    text_ms = sum(t["text_ms"] for t in timings)
    pdf_ms = sum(t["pdf_ms"] for t in timings)
    first_read = megabytes / (first_text_ms / 1000)
    again = megabytes / (text_ms / 1000)
    verdict = "meets" if first_read >= TEXT_TARGET else "**does not meet**"
    return [
        "## Text extracted from PDFs: per format",
        "",
        "Each corpus PDF written as text by each extractor (`budget_reports/text_serializations.py`: pdftotext",
        "default, `-layout`, `-raw`, pypdfium2, pdfplumber, PyMuPDF, pages separated by form feeds; pdf.js as a",
        "browser's copy gives it, pages joined by a line end) and read by",
        "`read_document` (paragraphs re-joined, standard tables rebuilt from their lines, figures placed by the",
        "tables' sums).",
        "Reference: reading the PDF itself in the same run.",
        "",
        "- **First read** (`benchmarks/first_read.py`): the text, or its PDF, read once by a fresh interpreter",
        "  that has first read the seeds and the other corpus PDFs with their texts, as a pipeline worker meets a",
        "  report it has not seen: what recurs across reports (the classification, header layouts, row labels)",
        "  is cached, what belongs to this file's own lines is not. Best of 3 such first reads.",
        "- **Again**: in each of 5 rounds the text is read again and again for 0.2 s of CPU time, then its PDF",
        "  likewise; the best round's CPU time per read. Caches keyed on the file's own lines (a line's words,",
        "  a title check, parsed figures) then hit, so this flatters the reader.",
        "",
        f"Target for the text reader: at least {TEXT_TARGET:.0f} MB/s, measured on first reads.",
        "",
        "| format | file | KB | first read ms | MB/s | PDF first read ms | again ms | MB/s | PDF again ms "
        "| PDF time / text time (again) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        f"All formats together, first reads: {first_read:.2f} MB/s, which {verdict} the {TEXT_TARGET:.0f} MB/s "
        f"target ({again:.2f} MB/s read again). These texts",
        "are small and dense with tables (every row's figures are placed by searching the table's sums),",
        "so their per-MB cost is far above the seeds'; each is still read several times faster than its PDF.",
        f"First reads: the {len(timings)} texts take {first_text_ms:.0f} ms against {first_pdf_ms:.0f} ms for their "
        f"PDFs ({first_pdf_ms / first_text_ms:.2f}× faster); read again, {text_ms:.0f} ms against {pdf_ms:.0f} ms",
        f"in the same minutes ({pdf_ms / text_ms:.2f}× faster): ratios that other load on the machine slows alike.",
        "",
    ]


def render_pipeline(reports: list[dict], run: dict) -> list[str]:
    rows = [
        f"| {r['file']} | {r['read_ms']:.0f} | {r['pipeline_ms']:.0f} | {r['pipeline_over_read']:.1f}× |"
        for r in reports
    ]
    read_ms = sum(r["read_ms"] for r in reports)
    pipeline_ms = sum(r["pipeline_ms"] for r in reports)
    return [
        "## The whole pipeline per report, and per run",
        "",
        "Per report, CPU time (best of 3) of reading alone against the whole per-report step",
        "(`process_file`: read, extract prose and tables, resolve codes, run every rule):",
        "",
        "| file | read ms | read + extract + validate ms | ratio |",
        "| --- | ---: | ---: | ---: |",
        *rows,
        f"| all | {read_ms:.0f} | {pipeline_ms:.0f} | {pipeline_ms / read_ms:.1f}× |",
        "",
        f"A run over {run['reports']} reports (these files, each copied {run['reports'] // len(reports)} times",
        "with a byte appended so that every copy is a report of its own) into a fresh warehouse: stage every",
        "report, build DuckDB and Parquet. Wall time, and the cold build as the reference:",
        "",
        "| run | seconds | reports/s | against the cold build |",
        "| --- | ---: | ---: | ---: |",
        f"| cold | {run['cold_s']:.1f} | {run['reports'] / run['cold_s']:.1f} | 1× |",
        f"| again, nothing changed | {run['rerun_s']:.2f} | | {run['cold_s'] / run['rerun_s']:.0f}× faster |",
        f"| one report added | {run['one_new_s']:.2f} | | {run['cold_s'] / run['one_new_s']:.0f}× faster |",
        "",
        "A run with nothing changed reuses every staged report and leaves the warehouse as it is; a new",
        "report costs its own extraction plus an incremental load of its rows (see the scale section).",
        "",
    ]


if __name__ == "__main__":
    main()
