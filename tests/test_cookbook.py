"""Every query of docs/cookbook.md runs, read-only, against the warehouse built from data/raw and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budget_reports.runs import PROJECT_ROOT, Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.readonly import run_query
from tests.conftest import SEED_DIR

COOKBOOK = PROJECT_ROOT / "docs" / "cookbook.md"
SQL_BLOCK = re.compile(r"^## (?P<question>.+?)$.*?^```sql\n(?P<sql>.*?)^```$", re.MULTILINE | re.DOTALL)


def cookbook_queries() -> list[tuple[str, str]]:
    return [(m["question"], m["sql"]) for m in SQL_BLOCK.finditer(COOKBOOK.read_text(encoding="utf-8"))]


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
