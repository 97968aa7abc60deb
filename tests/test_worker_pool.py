"""Parallel extraction: one worker or several give the same warehouse, the same staged facts as reading
each file in this process, and a file over a per-file limit fails alone, named with the limit it hit."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import duckdb
import polars as pl
import pytest

from budget_reports.contract import VIEWS
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.frames import report_frames
from budget_reports.warehouse.staging import LIMIT_FILE
from budget_reports.worker_pool import Limits, Outcome, imported_objects_set_apart
from tests.conftest import SEED_DIR, SEED_FILES
from tests.extreme_inputs import one_line_text

GENEROUS = Limits(workers=1, seconds=600, memory_mb=4096)


def _raw_folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SEED_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    (raw / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (raw / "sub").mkdir()
    (raw / "sub" / "empty.pdf").write_bytes(b"")
    return raw


def _warehouse_rows(paths: Paths) -> dict[str, list[tuple]]:
    """Every view's rows, sorted; the extraction time is the one column allowed to differ."""
    result = build(paths)
    rows = {}
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        for view in VIEWS:
            columns = ", ".join(f'"{c}"' for c in view.column_names if c != "ingested_at")
            rows[view.name] = sorted(con.execute(f'SELECT {columns} FROM "{view.name}"').fetchall(), key=repr)
    return rows


def test_one_worker_and_two_workers_build_the_same_warehouse(tmp_path: Path) -> None:
    raw = _raw_folder(tmp_path)
    done: list[tuple[int, int]] = []

    def progress(n: int, total: int, outcome: Outcome) -> None:
        done.append((n, total))

    one = Paths(raw, tmp_path / "one")
    two = Paths(raw, tmp_path / "two")
    stage_one = stage_reports(one, Limits(workers=1))
    stage_two = stage_reports(two, Limits(workers=2), progress)
    assert stage_one.status_counts == stage_two.status_counts
    assert stage_one.status_counts["failed"] == 2 and stage_one.status_counts["ok"] + stage_one.status_counts[
        "partial"
    ] == len(SEED_FILES)
    assert done == [(n, len(SEED_FILES) + 2) for n in range(1, len(SEED_FILES) + 3)]
    rows_one, rows_two = _warehouse_rows(one), _warehouse_rows(two)
    assert rows_one == rows_two
    assert len(rows_one["expenditure_function"]) > 50


def test_a_worker_stages_what_reading_the_file_here_gives(tmp_path: Path) -> None:
    paths = Paths(_raw_folder(tmp_path), tmp_path / "warehouse")
    stage = stage_reports(paths, Limits(workers=2))
    for seed in SEED_FILES:
        raw = RawFile(seed, seed.name, file_sha256(seed), seed.stat().st_size)
        here = report_frames(process_file(raw))
        staged_dir = next(d for d in stage.stage_dirs if d.name.startswith(raw.report_id))
        for view_name, frame in here.items():
            staged = pl.read_parquet(staged_dir / f"{view_name}.parquet")
            if "ingested_at" in frame.columns:
                frame, staged = frame.drop("ingested_at"), staged.drop("ingested_at")
            assert staged.equals(frame), (seed.name, view_name)


def test_a_file_over_the_time_limit_fails_alone_and_is_read_again_under_other_limits(tmp_path: Path) -> None:
    raw = _raw_folder(tmp_path)
    one_line_text(raw / "one-line.txt", megabytes=6)  # much more than 3 s of extraction
    paths = Paths(raw, tmp_path / "warehouse")
    tight = Limits(workers=2, seconds=3, memory_mb=4096)
    stage = stage_reports(paths, tight)
    assert stage.limits_hit == 1
    with duckdb.connect(str(build(paths).duckdb_path), read_only=True) as con:
        status = dict(con.execute("SELECT source_file, parse_status FROM reports").fetchall())
        message = con.execute("SELECT error_message FROM reports WHERE source_file = 'one-line.txt'").fetchone()[0]
        seeds_read = con.execute(
            "SELECT count(DISTINCT report_id) FROM summary_metrics JOIN reports USING (report_id)"
            " WHERE reports.source_file LIKE '0%.txt'"
        ).fetchone()[0]
    assert status["one-line.txt"] == "failed"
    assert "处理超时" in message and "3 秒" in message and "BUDGET_FILE_TIMEOUT_SECONDS" in message
    assert seeds_read == len(SEED_FILES)  # the other files of the run are loaded
    assert sum(1 for d in stage.stage_dirs if (d / LIMIT_FILE).exists()) == 1
    again = stage_reports(paths, tight)
    assert (again.extracted, again.limits_hit) == (0, 0)  # same limits: the failure stands
    raised = stage_reports(paths, Limits(workers=2, seconds=3.5, memory_mb=4096))
    assert (raised.extracted, raised.limits_hit) == (1, 1)  # other limits: read again (and stopped again)


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_WORKERS", "3")
    monkeypatch.setenv("BUDGET_FILE_TIMEOUT_SECONDS", "12.5")
    monkeypatch.setenv("BUDGET_FILE_MEMORY_MB", "700")
    assert Limits.from_env() == Limits(workers=3, seconds=12.5, memory_mb=700)
    monkeypatch.setenv("BUDGET_WORKERS", "0")
    with pytest.raises(ValueError, match="BUDGET_WORKERS"):
        Limits.from_env()
    monkeypatch.delenv("BUDGET_WORKERS")
    assert Limits.from_env().workers >= 1


def test_a_worker_sets_what_it_imported_apart_from_the_collector_while_it_works() -> None:
    """Objects made before the first file are frozen out of the collections reading triggers; a cycle
    a file's reading leaves is still collected, and everything is given back on the way out."""

    class Node:
        pass

    assert gc.get_freeze_count() == 0
    with imported_objects_set_apart():
        assert gc.get_freeze_count() > 0
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        alive = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert alive() is None
    assert gc.get_freeze_count() == 0
