"""The `budget` command through its installed entry point, on a warehouse it builds from data/raw."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from budget_reports.contract import VIEWS, VIEWS_BY_NAME
from budget_reports.warehouse.build import DUCKDB_FILE
from tests.cli_support import assert_one_line_error, budget
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`budget run` once for the module, over the shipped sample reports."""
    directory = tmp_path_factory.mktemp("warehouse")
    result = budget("run", warehouse=directory, raw=SEED_DIR)
    assert result.returncode == 0, result.stderr
    seeds = len(list(SEED_DIR.glob("*.txt")))
    assert f"Reports read: {seeds} " in result.stdout
    assert "Asset checks:" in result.stdout
    # The progress bar over the files read ends on every file done.
    assert "Reading files" in result.stderr and f"{seeds}/{seeds}" in result.stderr, result.stderr[-2000:]
    return directory


def _sql(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse / DUCKDB_FILE), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_run_builds_the_warehouse_and_prints_the_summary(warehouse: Path) -> None:
    assert (warehouse / DUCKDB_FILE).is_file()
    assert _sql(warehouse, "SELECT count(*) FROM reports")[0][0] == len(list(SEED_DIR.glob("*.txt")))


def test_run_without_a_raw_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = budget("run", warehouse=tmp_path / "warehouse", raw=tmp_path / "missing")
    assert "raw folder does not exist" in assert_one_line_error(result)
    assert not (tmp_path / "warehouse" / DUCKDB_FILE).exists()


def test_query_prints_csv_with_chinese_labels(warehouse: Path) -> None:
    sql = "SELECT department, fiscal_year, metric, value FROM summary_metrics ORDER BY ALL"
    result = budget("query", sql, "--format", "csv", "--labels", "zh", warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["部门", "年度", "指标", "数值"]
    expected = _sql(warehouse, sql)
    assert len(rows) - 1 == len(expected)
    assert [(r[0], int(r[1]), r[2], Decimal(r[3]) if r[3] else None) for r in rows[1:]] == expected


def test_query_labels_follow_the_view_the_query_reads(warehouse: Path) -> None:
    # `actual` is 决算数 in expenditure_function and 实为 in dq_findings.
    function = budget(
        "query", "SELECT actual FROM expenditure_function", "-f", "csv", "--labels", "zh", warehouse=warehouse
    )
    findings = budget("query", "SELECT actual FROM dq_findings", "-f", "csv", "--labels", "zh", warehouse=warehouse)
    assert function.stdout.splitlines()[0] == "决算数"
    assert findings.stdout.splitlines()[0] == "实为"


def test_query_json_keeps_decimals_exact(warehouse: Path) -> None:
    sql = "SELECT report_id, amount FROM income WHERE amount IS NOT NULL ORDER BY report_id, source, amount"
    result = budget("query", sql, "--format", "json", warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["report_id"], Decimal(r["amount"])) for r in records] == _sql(warehouse, sql)
    assert all(isinstance(r["amount"], str) for r in records)  # never a float


def test_query_table_shows_every_row(warehouse: Path) -> None:
    result = budget("query", "SELECT department FROM reports ORDER BY 1", warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    for (department,) in _sql(warehouse, "SELECT department FROM reports"):
        assert department in result.stdout
    assert f"{len(_sql(warehouse, 'SELECT 1 FROM reports'))} rows" in result.stdout


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("DELETE FROM reports", "only read statements"),
        ("UPDATE dq_findings SET severity = 'info'", "only read statements"),
        ("CREATE TABLE x AS SELECT 1", "only read statements"),
        ("COPY reports TO 'out.csv'", "only read statements"),
        ("ATTACH 'other.duckdb' AS other", "only read statements"),
        ("SELECT 1; DROP TABLE reports", "one SQL statement"),
        ("SELEC * FROM reports", "SQL error"),
        ("SELECT no_such_column FROM reports", "SQL error"),
        ("SELECT * FROM no_such_view", "SQL error"),
    ],
)
def test_query_refuses_writes_and_reports_sql_errors_in_one_line(warehouse: Path, sql: str, says: str) -> None:
    before = _sql(warehouse, "SELECT count(*), count(DISTINCT severity) FROM dq_findings")
    assert says in assert_one_line_error(budget("query", sql, warehouse=warehouse))
    assert _sql(warehouse, "SELECT count(*), count(DISTINCT severity) FROM dq_findings") == before
    assert not (warehouse / "out.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("query", "SELECT 1", "--bogus"),
        ("query", "SELECT 1", "--format", "xml"),
        ("query",),
        ("findings", "--year", "last"),
        ("export", "--format", "pdf", "--output", "x"),
        ("frobnicate",),
    ],
)
def test_bad_command_lines_are_one_line_errors(warehouse: Path, args: tuple[str, ...]) -> None:
    assert_one_line_error(budget(*args, warehouse=warehouse))


@pytest.mark.parametrize(
    "args",
    [("query", "SELECT 1"), ("findings",), ("export", "--format", "csv", "--output", "out")],
)
def test_commands_without_a_warehouse_say_so(tmp_path: Path, args: tuple[str, ...]) -> None:
    line = assert_one_line_error(budget(*args, warehouse=tmp_path / "none"))
    assert "no warehouse" in line and "budget run" in line
    assert not (tmp_path / "none").exists()


def _findings(warehouse: Path, *filters: str) -> list[dict[str, str]]:
    result = budget("findings", *filters, "--format", "json", warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_findings_lists_every_finding_with_its_evidence(warehouse: Path) -> None:
    found = _findings(warehouse)
    assert len(found) == _sql(warehouse, "SELECT count(*) FROM dq_findings")[0][0] > 0
    for finding in found:
        assert {"severity", "rule_id", "department", "message", "source_file", "page", "line", "snippet"} <= set(
            finding
        )
        assert finding["source_file"] and finding["snippet"] and finding["department"]
    ranks = [("error", "warning", "info").index(f["severity"]) for f in found]
    assert ranks == sorted(ranks)


def test_findings_filters_combine(warehouse: Path) -> None:
    rule, year = _sql(warehouse, "SELECT rule_id, fiscal_year FROM dq_findings GROUP BY ALL ORDER BY count(*) DESC")[0]
    found = _findings(warehouse, "--rule", rule, "--year", str(year))
    expected = _sql(warehouse, f"SELECT count(*) FROM dq_findings WHERE rule_id = '{rule}' AND fiscal_year = {year}")
    assert len(found) == expected[0][0] > 0
    assert {(f["rule_id"], f["fiscal_year"]) for f in found} == {(rule, year)}

    errors = _findings(warehouse, "--severity", "error")
    assert errors and {f["severity"] for f in errors} == {"error"}
    both = _findings(warehouse, "--severity", "error", "--severity", "warning")
    assert len(both) == len(errors) + len(_findings(warehouse, "--severity", "warning"))


def test_findings_by_part_of_the_department_name(warehouse: Path) -> None:
    department = _sql(
        warehouse, "SELECT department FROM dq_findings JOIN reports USING (report_id) GROUP BY 1 ORDER BY count(*) DESC"
    )[0][0]
    part = department[-4:]  # 组织部, 工作委员会 …: users type a part of the name
    found = _findings(warehouse, "--department", part)
    # The part may match a department's full name or the short form its report uses (区委组织部 …).
    matching = _sql(
        warehouse,
        "SELECT department FROM reports WHERE contains(department, ?) OR contains(department_short, ?)",
        [part, part],
    )
    assert found and {f["department"] for f in found} <= {d for (d,) in matching}
    assert department in {f["department"] for f in found}
    assert _findings(warehouse, "--department", "不存在的部门名称") == []


def test_findings_rejects_an_unknown_severity(warehouse: Path) -> None:
    assert "unknown severity" in assert_one_line_error(budget("findings", "--severity", "fatal", warehouse=warehouse))


def test_export_parquet_and_csv_write_every_view(warehouse: Path, tmp_path: Path) -> None:
    for fmt in ("parquet", "csv"):
        out = tmp_path / fmt
        result = budget("export", "--format", fmt, "--output", str(out), warehouse=warehouse)
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{v.name}.{fmt}" for v in VIEWS)
    for view in VIEWS:
        rows = _sql(warehouse, f'SELECT count(*) FROM "{view.name}"')[0][0]
        frame = pl.read_parquet(tmp_path / "parquet" / f"{view.name}.parquet")
        assert frame.columns == view.column_names and frame.height == rows
        with (tmp_path / "csv" / f"{view.name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            assert sum(1 for _ in csv.reader(handle)) == rows + 1
    money = pl.read_parquet(tmp_path / "parquet" / "income.parquet")["amount"]
    assert money.dtype == VIEWS_BY_NAME["income"].polars_schema()["amount"]  # exact decimals, not floats
