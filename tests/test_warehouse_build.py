"""The warehouse contract from raw folder to DuckDB and Parquet, on the shipped sample reports."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as pads

from budget_reports.contract import VIEWS
from budget_reports.file_hashes import RECORD_FILE
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE, PARQUET_DIR
from budget_reports.warehouse.summary import duckdb_cli
from tests.conftest import SEED_FILES


def _build(paths: Paths):
    stage_reports(paths)
    return build(paths)


def test_every_contract_view_exists_with_its_columns_and_comments(seed_paths: Paths) -> None:
    result = _build(seed_paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        for view in VIEWS:
            columns = con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns()"
                " WHERE table_name = ? ORDER BY column_index",
                [view.name],
            ).fetchall()
            assert [c[0] for c in columns] == view.column_names, view.name
            for (name, data_type, comment), column in zip(columns, view.columns, strict=True):
                assert data_type == column.sql_type, (view.name, name)
                assert comment and column.label in comment, (view.name, name)
            table_comment = con.execute(
                "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [view.name]
            ).fetchone()
            assert table_comment[0] == view.description


def test_reports_has_one_row_per_input_file(seed_paths: Paths) -> None:
    result = _build(seed_paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "SELECT source_file, file_sha256, file_format, parse_status FROM reports ORDER BY 1"
        ).fetchall()
    assert [r[0] for r in rows] == [p.name for p in SEED_FILES]
    assert len(rows) == 5
    assert all(len(r[1]) == 64 and r[2] == "text" and r[3] == "ok" for r in rows)


def test_rerun_with_nothing_changed_changes_nothing(seed_paths: Paths) -> None:
    first = _build(seed_paths)
    db_bytes = first.duckdb_path.read_bytes()
    mtime = first.duckdb_path.stat().st_mtime_ns
    stage = stage_reports(seed_paths)
    second = build(seed_paths)
    assert stage.extracted == 0 and stage.reused == 5
    assert not second.rebuilt
    assert second.duckdb_path.stat().st_mtime_ns == mtime
    assert second.duckdb_path.read_bytes() == db_bytes
    assert second.row_counts == first.row_counts


def test_unchanged_files_are_not_read_again_to_hash_them(seed_paths: Paths) -> None:
    assert stage_reports(seed_paths).hashed == 5
    assert stage_reports(seed_paths).hashed == 0
    # A changed report (new bytes, new modification time) is hashed and extracted again.
    changed = seed_paths.raw_dir / SEED_FILES[0].name
    changed.write_bytes(changed.read_bytes() + "\n附注：本报告已更正。\n".encode())
    stage = stage_reports(seed_paths)
    assert (stage.hashed, stage.extracted, stage.reused) == (1, 1, 4)


def test_a_damaged_hash_record_costs_only_rehashing(seed_paths: Paths) -> None:
    first = _build(seed_paths)
    (seed_paths.stage_dir / RECORD_FILE).write_text("{not json", encoding="utf-8")
    stage = stage_reports(seed_paths)
    assert (stage.hashed, stage.extracted, stage.reused) == (5, 0, 5)
    assert build(seed_paths).row_counts == first.row_counts
    assert stage_reports(seed_paths).hashed == 0  # the record was written anew


def test_rebuilding_from_scratch_gives_the_same_rows(seed_paths: Paths, tmp_path: Path) -> None:
    first = _build(seed_paths)
    other = _build(Paths(seed_paths.raw_dir, tmp_path / "other"))
    for view in VIEWS:
        query = (
            f'SELECT * EXCLUDE (ingested_at) FROM "{view.name}"'
            if view.name == "reports"
            else f'SELECT * FROM "{view.name}"'
        )
        with (
            duckdb.connect(str(first.duckdb_path), read_only=True) as a,
            duckdb.connect(str(other.duckdb_path), read_only=True) as b,
        ):
            assert sorted(map(repr, a.sql(query).fetchall())) == sorted(map(repr, b.sql(query).fetchall())), view.name


def test_parquet_mirrors_duckdb_partitioned_by_year(seed_paths: Paths) -> None:
    result = _build(seed_paths)
    root = seed_paths.warehouse_dir / PARQUET_DIR
    for view in VIEWS:
        partition = "edition_year" if view.name == "classification" else "fiscal_year"
        hive = pads.partitioning(pa.schema([(partition, pa.int32())]), flavor="hive")
        dataset = pads.dataset(root / view.name, format="parquet", partitioning=hive)
        assert dataset.count_rows() == result.row_counts[view.name], view.name
        assert partition in dataset.schema.names
    # Analysts read the same files with DuckDB; reports without a year sit in the NULL partition.
    with duckdb.connect() as con:
        files = str(root / "reports" / "**" / "*.parquet")
        count = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", [files]).fetchone()[0]
    assert count == result.row_counts["reports"]


def test_a_new_file_is_added_and_a_removed_one_disappears(seed_paths: Paths) -> None:
    _build(seed_paths)
    extra = seed_paths.raw_dir / "new-report.txt"
    extra.write_text("某某部门2023年度部门决算\n\n一、部门基本情况\n", encoding="utf-8")
    stage = stage_reports(seed_paths)
    assert stage.extracted == 1 and stage.reused == 5
    assert build(seed_paths).row_counts["reports"] == 6
    extra.unlink()
    stage_reports(seed_paths)
    assert build(seed_paths).row_counts["reports"] == 5


def test_a_crash_while_building_keeps_the_previous_warehouse(seed_paths: Paths, monkeypatch) -> None:
    first = _build(seed_paths)
    before = first.duckdb_path.read_bytes()
    (seed_paths.raw_dir / "another.txt").write_text("另一份报告\n", encoding="utf-8")
    stage_reports(seed_paths)

    import budget_reports.warehouse.build as build_module

    def broken_parquet(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_write_parquet", broken_parquet)
    try:
        build(seed_paths)
    except OSError:
        pass
    else:  # pragma: no cover - the failure must surface
        raise AssertionError("build did not fail")
    assert first.duckdb_path.read_bytes() == before
    leftovers = [p.name for p in seed_paths.warehouse_dir.iterdir() if ".building-" in p.name]
    assert leftovers == []
    assert os.path.exists(seed_paths.warehouse_dir / DUCKDB_FILE)


def test_the_pinned_duckdb_cli_reads_the_warehouse_and_its_comments(seed_paths: Paths) -> None:
    result = _build(seed_paths)
    query = (
        "SELECT count(*) AS n, (SELECT comment FROM duckdb_columns() "
        "WHERE table_name = 'reports' AND column_name = 'parse_status') AS c FROM reports"
    )
    output = subprocess.run(
        [duckdb_cli(), "-csv", str(result.duckdb_path), query], capture_output=True, text=True, check=True
    ).stdout
    column = next(c for v in VIEWS if v.name == "reports" for c in v.columns if c.name == "parse_status")
    assert output.splitlines()[1] == f'5,"{column.label}：{column.meaning}"'


def test_findings_have_unique_ids_even_when_a_breach_repeats_on_one_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    # A template left unfilled twice on the same line: two findings, two ids.
    (raw / "template.txt").write_text(
        "XX区XX局2024年度部门决算\n\n本年支出比上年增加/减少XX万元，增长/下降XX%，主要原因是增加/减少XX。\n",
        encoding="utf-8",
    )
    result = _build(Paths(raw, tmp_path / "warehouse"))
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        ids = [row[0] for row in con.execute("SELECT finding_id FROM dq_findings").fetchall()]
    assert len(ids) >= 2
    assert len(ids) == len(set(ids))
