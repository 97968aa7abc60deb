"""Incremental loads give, row for row and file for file, what a full rebuild gives.

A sequence of runs over the sample reports: copies added, one changed, some removed, one moved, a
new parser version, and nothing changed. After each, the incrementally loaded warehouse is compared
with one rebuilt from scratch from the same staged reports.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

import budget_reports.ingest as ingest
import budget_reports.runs as runs
from budget_reports.contract import DERIVED_VIEWS, VIEWS
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE, PARQUET_DIR
from tests.conftest import SEED_FILES
from tests.warehouse_state import full_rebuild_beside, parquet_files, parquet_rows, view_rows


def _run(paths: Paths):
    stage_reports(paths)
    return build(paths)


def _copy_with_note(source: Path, target: Path, note: str) -> None:
    """A report of its own: the sample's text with one more closing line."""
    target.write_bytes(source.read_bytes() + f"\n附注：{note}\n".encode())


def _assert_equals_full_rebuild(paths: Paths, other: Path) -> None:
    full = full_rebuild_beside(paths, other)
    assert view_rows(paths.warehouse_dir) == view_rows(full)
    assert parquet_files(paths.warehouse_dir) == parquet_files(full)
    for view in VIEWS:
        assert parquet_rows(paths.warehouse_dir, view.name) == view_rows(paths.warehouse_dir)[view.name], view.name


def _inodes(warehouse_dir: Path) -> dict[str, int]:
    root = warehouse_dir / PARQUET_DIR
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*.parquet")}


def _report_ids(paths: Paths) -> set[str]:
    with duckdb.connect(str(paths.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        return {row[0] for row in con.execute("SELECT report_id FROM reports").fetchall()}


def test_incremental_runs_equal_full_rebuilds(seed_paths: Paths, tmp_path: Path, monkeypatch) -> None:
    raw = seed_paths.raw_dir
    first = _run(seed_paths)
    assert first.full and first.added == 5
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # Reports added: only their rows are inserted, and only the Parquet files of their buckets rewritten.
    before_ids, before_inodes = _report_ids(seed_paths), _inodes(seed_paths.warehouse_dir)
    for i, seed in enumerate(SEED_FILES[:3]):
        _copy_with_note(seed, raw / f"copy-{i}.txt", f"副本{i}")
    added = _run(seed_paths)
    assert (added.full, added.removed, added.added) == (False, 0, 3)
    new_buckets = {rid[0] for rid in _report_ids(seed_paths) - before_ids}
    after_inodes = _inodes(seed_paths.warehouse_dir)
    kept = [name for name, inode in after_inodes.items() if before_inodes.get(name) == inode]
    assert kept, "untouched partitions are hard links to the previous snapshot's files"
    for name, inode in after_inodes.items():
        bucket = Path(name).name.split("-")[1]
        # The reference only changes with a full rebuild; the derived views are recomputed whole.
        table = Path(name).parts[0]
        if bucket not in new_buckets and table != "classification" and table not in DERIVED_VIEWS:
            assert before_inodes.get(name) == inode, f"{name} rewritten though no changed report is in it"
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # A report changed in place: its old rows go, its new rows come.
    _copy_with_note(SEED_FILES[1], raw / "copy-1.txt", "副本1，已更正")
    changed = _run(seed_paths)
    assert (changed.removed, changed.added) == (1, 1)
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # Reports removed, one of them a sample whose fiscal year then has fewer reports.
    (raw / SEED_FILES[4].name).unlink()
    (raw / "copy-0.txt").unlink()
    removed = _run(seed_paths)
    assert (removed.removed, removed.added) == (2, 0)
    assert removed.row_counts["reports"] == 6
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # A report moved to a sub-folder: evidence cites the new path.
    (raw / "2023").mkdir()
    os.rename(raw / "copy-2.txt", raw / "2023" / "copy-2.txt")
    moved = _run(seed_paths)
    assert (moved.removed, moved.added) == (1, 1)
    with duckdb.connect(str(seed_paths.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE source_file = '2023/copy-2.txt'").fetchone()[0] == 1
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # A new parser version: every report is read again and replaced.
    bumped = ingest.PARSER_VERSION + ".next"
    monkeypatch.setattr(ingest, "PARSER_VERSION", bumped)  # what a release with new extraction code does
    monkeypatch.setattr(runs, "PARSER_VERSION", bumped)
    reread = _run(seed_paths)
    assert (reread.full, reread.removed, reread.added) == (False, 6, 6)
    with duckdb.connect(str(seed_paths.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        assert con.execute("SELECT DISTINCT parser_version FROM reports").fetchall() == [(bumped,)]
    _assert_equals_full_rebuild(seed_paths, tmp_path / "full")

    # Nothing changed: nothing is written.
    mtime = (seed_paths.warehouse_dir / DUCKDB_FILE).stat().st_mtime_ns
    files = parquet_files(seed_paths.warehouse_dir)
    again = _run(seed_paths)
    assert not again.rebuilt
    assert (seed_paths.warehouse_dir / DUCKDB_FILE).stat().st_mtime_ns == mtime
    assert parquet_files(seed_paths.warehouse_dir) == files


def test_a_full_rebuild_on_request_gives_the_same_warehouse(seed_paths: Paths) -> None:
    _run(seed_paths)
    rows, files = view_rows(seed_paths.warehouse_dir), parquet_files(seed_paths.warehouse_dir)
    result = build(seed_paths, full=True)
    assert result.rebuilt and result.full
    assert view_rows(seed_paths.warehouse_dir) == rows
    assert parquet_files(seed_paths.warehouse_dir) == files


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_missing_or_damaged_database_is_rebuilt_whole(seed_paths: Paths, damage: str) -> None:
    _run(seed_paths)
    rows = view_rows(seed_paths.warehouse_dir)
    db = seed_paths.warehouse_dir / DUCKDB_FILE
    if damage == "missing":
        db.unlink()
    else:
        db.write_bytes(b"not a database" * 100)
    result = build(seed_paths)
    assert result.full and result.added == 5
    assert view_rows(seed_paths.warehouse_dir) == rows
