"""`make bench-scale`: a nightly run at 1,000 and 10,000 reports, measured (never asserted).

For each size a fresh interpreter builds a raw folder of copies of the sample reports (each copy a
report of its own), then measures: the cold build (extraction and load apart), a run with nothing
changed, one report added, one changed, ten removed, a full rebuild of the warehouse from the staged
reports (the reference the incremental runs are compared with, measured in the same process), the
analyst queries on the result, the peak resident memory and the disk used per report.

    python -m benchmarks.scale                    # 1,000 and 10,000 reports
    python -m benchmarks.scale --reports 1000     # one size only
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from benchmarks import cores, machine
from benchmarks.cookbook import cookbook_queries
from benchmarks.cores import SEED_DIR, fill_raw_folder
from benchmarks.docs import write_section
from benchmarks.pipeline_speed import write_copy
from benchmarks.synthetic_staging import stage_copies
from budget_reports.runs import PROJECT_ROOT, Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE, PARQUET_DIR

RESULTS_DIR = PROJECT_ROOT / "benchmarks" / "results"
DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
SECTION = "scale"
CORES_SECTION = "scale-cores"

# What analysts ask of the warehouse: every question of the cookbook, and every metric at once.
ALL_METRICS = (
    "all metrics",
    "SELECT department, fiscal_year, metric, value, unit FROM summary_metrics ORDER BY 1, 2, 3",
)


def analyst_queries() -> dict[str, str]:
    return dict([ALL_METRICS, *cookbook_queries()])


def _timed(action: Callable[[], object]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}


def _run(paths: Paths) -> dict[str, dict[str, float]]:
    """One nightly run, its two steps timed apart: staging (extraction) and the warehouse load."""
    return {"stage": _timed(lambda: stage_reports(paths)), "load": _timed(lambda: build(paths))}


def _disk_mb(path: Path) -> float:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()] if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files) / 1024 / 1024


def _query_ms(db_path: Path) -> dict[str, float]:
    timings = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        for name, query in analyst_queries().items():
            best = min(_timed(lambda q=query: con.sql(q).to_arrow_table())["wall_s"] for _ in range(3))
            timings[name] = best * 1000
    return timings


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_size(reports: int, synthetic: bool = False) -> dict:
    """Every measurement at ``reports`` reports, in this process (call it in a fresh interpreter).

    ``synthetic``: the copies are staged from one extraction of each sample (``synthetic_staging``),
    so the cold build measures hashing and loading only."""
    seeds = sorted(SEED_DIR.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        files = fill_raw_folder(raw, reports)
        copies = files[-1][2] + 1
        paths = Paths(raw, Path(scratch) / "warehouse")
        if synthetic:
            stage_copies([(seed, target, raw) for seed, target, _ in files], paths.stage_dir)
        result: dict = {"reports": reports, "synthetic": synthetic, "cold": _run(paths), "unchanged": _run(paths)}
        write_copy(seeds[0], raw / f"added_{seeds[0].name}", copies + 1)
        result["one_added"] = _run(paths)
        changed_seed, changed_target, copy = files[1]
        write_copy(changed_seed, changed_target, copy + copies + 2)
        result["one_changed"] = _run(paths)
        for _, target, _ in files[-10:]:
            target.unlink()
        result["ten_removed"] = _run(paths)
        result["full_rebuild"] = _timed(lambda: build(paths, full=True))
        warehouse = paths.warehouse_dir
        result["disk_mb"] = {
            "staging": _disk_mb(paths.stage_dir),
            "parquet": _disk_mb((warehouse / PARQUET_DIR).resolve()),
            "duckdb": _disk_mb(warehouse / DUCKDB_FILE),
        }
        result["query_ms"] = _query_ms(warehouse / DUCKDB_FILE)
        shutil.rmtree(raw)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def render(results: dict) -> str:
    m = results["machine"]
    results = results | {"sizes": sorted(results["sizes"], key=lambda size: size["reports"])}
    lines = [
        "## Scale: a nightly run at 1,000 and 10,000 reports",
        "",
        "Produced by `make bench-scale` (`python -m benchmarks.scale`), each size in a fresh interpreter:",
        "copies of the five sample reports (a trailing byte appended to each, so every copy is a report of",
        "its own), staged and loaded into a fresh warehouse, then changed as a nightly run finds it. Wall",
        "time (CPU time of the process in brackets: the machine is shared, and DuckDB's own threads count",
        "there); `stage` is hashing and extraction, `load` the warehouse (DuckDB + Parquet). The reference",
        "is a full rebuild of the warehouse from the same staged reports, measured in the same process.",
        "Extraction runs in the worker pool (one worker per core). From 5,000 reports on, copies are staged",
        "from one extraction per sample (`benchmarks/synthetic_staging.py`): their facts are the sample's",
        "under their own ids, so those sizes measure hashing and loading, not extraction. The machine is",
        "shared: the benchmark ran at the CPU priority and load average shown.",
        "",
        f"Measured {results['when']} on: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, "
        f"Python {m['python']} ({m['system']}); CPU priority: nice {results.get('nice', 0)}, "
        f"session group nice {results.get('group_nice')}; 1-minute load average "
        f"{results.get('load_average', float('nan')):.1f} at the start.",
        "",
        "| reports | run | stage s | load s | load against the full rebuild |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for size in results["sizes"]:
        reference = size["full_rebuild"]["wall_s"]
        for key, label in [
            ("cold", "cold build (staging synthesized: hashing and load only)" if size["synthetic"] else "cold build"),
            ("unchanged", "nothing changed"),
            ("one_added", "one report added"),
            ("one_changed", "one report changed"),
            ("ten_removed", "ten reports removed"),
        ]:
            run = size[key]
            lines.append(
                f"| {size['reports']:,} | {label} | {run['stage']['wall_s']:.2f} ({run['stage']['cpu_s']:.2f}) "
                f"| {run['load']['wall_s']:.2f} ({run['load']['cpu_s']:.2f}) "
                f"| {run['load']['wall_s'] / reference:.2f}× |"
            )
        lines.append(
            f"| {size['reports']:,} | full rebuild (reference) | | {reference:.2f} "
            f"({size['full_rebuild']['cpu_s']:.2f}) | 1× |"
        )
    lines += ["", "| reports | cold reports/s | peak memory MB | disk per report KB (staging / Parquet / DuckDB) |"]
    lines.append("| ---: | ---: | ---: | --- |")
    for size in results["sizes"]:
        cold = size["cold"]["stage"]["wall_s"] + size["cold"]["load"]["wall_s"]
        rate = "n/a (synthesized)" if size["synthetic"] else f"{size['reports'] / cold:.1f}"
        per = {k: v * 1024 / size["reports"] for k, v in size["disk_mb"].items()}
        lines.append(
            f"| {size['reports']:,} | {rate} | {size['peak_rss_mb']:.0f} "
            f"| {sum(per.values()):.0f} ({per['staging']:.0f} / {per['parquet']:.0f} / {per['duckdb']:.0f}) |"
        )
    largest = results["sizes"][-1]
    lines += [
        "",
        f"Analyst queries on the DuckDB file at {largest['reports']:,} reports: every question of",
        "[the cookbook](cookbook.md) and all metrics at once (best of 3, ms; the whole result computed and",
        "handed over as Arrow, as a notebook or a BI tool receives it):",
        "",
        "| query | ms |",
        "| --- | ---: |",
        *[f"| {name} | {ms:.0f} |" for name, ms in largest["query_ms"].items()],
        "",
    ]
    return "\n".join(lines)


def render_cores(results: dict) -> str:
    m, measured = results["machine"], results["cores"]
    one = measured["runs"][0]
    lines = [
        f"## Scale: a cold build of {measured['reports']:,} reports on 1 core and on {m['cores']}",
        "",
        "Produced by `make bench-scale` (`benchmarks/cores.py`): every copy of the sample reports really",
        "extracted (no synthesized staging), then loaded into a fresh warehouse, in a fresh interpreter",
        "pinned to its cores (the worker pool starts one worker per core it may use; DuckDB's threads share",
        "the same cores). Peak memory is the whole process tree's (the run and its workers). The machine is",
        "shared: the benchmark ran at the CPU priority shown (as root: `setsid nice -n -15 make bench-scale`,",
        "and, as the kernel weighs sessions against each other (autogroups), its session's group raised too:",
        "`echo -15 > /proc/<pid>/autogroup`), and the 1-minute load average is recorded before and after.",
        "",
        f"Measured {results['when']} on: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, "
        f"Python {m['python']} ({m['system']}).",
        "",
        "| cores | nice (group) | stage s | load s | cold build s | reports/s | speed-up against 1 core "
        "| peak memory MB | load average before / after |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for run in measured["runs"]:
        lines.append(
            f"| {run['cores']} | {run['nice']} ({run.get('group_nice')}) | {run['stage_s']:.1f} "
            f"| {run['load_s']:.1f} | {run['wall_s']:.1f} "
            f"| {run['reports'] / run['wall_s']:.1f} | {one['wall_s'] / run['wall_s']:.2f}× "
            f"| {run['peak_tree_mb']:.0f} | {run['load_average_before']:.1f} / {run['load_average_after']:.1f} |"
        )
    return "\n".join([*lines, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, action="append", help="size to measure (repeatable)")
    parser.add_argument(
        "--synthetic-from",
        type=int,
        default=5000,
        help="sizes from this one on are staged from one extraction per sample (see synthetic_staging)",
    )
    parser.add_argument(
        "--cores-reports", type=int, default=10000, help="reports in the cold build on 1 core and on all (0: skip)"
    )
    parser.add_argument("--cores-only", action="store_true", help="measure the cold build on 1 and all cores only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process measuring one size
    parser.add_argument("--synthetic", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_size(args.one, args.synthetic)))
        return
    started = datetime.now(UTC)
    results: dict = {
        "when": f"{started:%Y-%m-%d %H:%M} UTC",
        "machine": machine.describe(),
        **machine.priority(),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out_file = RESULTS_DIR / f"scale-{started:%Y%m%dT%H%M%SZ}.json"
    if not args.cores_only:
        results["sizes"] = []
        for reports in args.reports or [1000, 10000]:
            child = [sys.executable, "-m", "benchmarks.scale", "--one", str(reports)]
            child += ["--synthetic"] if reports >= args.synthetic_from else []
            out = subprocess.run(child, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True, check=True)
            results["sizes"].append(json.loads(out.stdout.strip().splitlines()[-1]))
            out_file.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{reports} reports measured", file=sys.stderr)
    if args.cores_reports:
        results["cores"] = cores.measure(args.cores_reports)
    out_file.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sections = {SECTION: render(results) if "sizes" in results else None}
    sections[CORES_SECTION] = render_cores(results) if "cores" in results else None
    for name, body in sections.items():
        if body is not None:
            print(body)
            if not args.no_doc:
                write_section(DOC, name, body)
    print(f"results: {out_file}")


if __name__ == "__main__":
    main()
