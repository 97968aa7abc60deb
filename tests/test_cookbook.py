"""Every query of docs/cookbook.md runs, read-only, against the warehouse built from data/raw and returns rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.cookbook import COOKBOOK, cookbook_queries
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.readonly import run_query
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paths = Paths(SEED_DIR, tmp_path_factory.mktemp("cookbook") / "warehouse")
    stage_reports(paths)
    build(paths)
    return paths.warehouse_dir / DUCKDB_FILE


def test_the_cookbook_answers_at_least_twelve_questions() -> None:
    queries = cookbook_queries()
    assert len(queries) >= 12
    assert len({question for question, _ in queries}) == len(queries)
    assert COOKBOOK.read_text(encoding="utf-8").count("```sql") == len(queries)  # no block outside a question


@pytest.mark.parametrize(("question", "sql"), cookbook_queries(), ids=[q.split(".")[0] for q, _ in cookbook_queries()])
def test_cookbook_query_returns_rows(seed_db: Path, question: str, sql: str) -> None:
    result = run_query(seed_db, sql)
    assert result.height > 0, question
