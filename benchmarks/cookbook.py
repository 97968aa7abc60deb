"""The questions of docs/cookbook.md and their SQL, as the cookbook's test and the scale benchmark run them."""

from __future__ import annotations

import re

from budget_reports.runs import PROJECT_ROOT

COOKBOOK = PROJECT_ROOT / "docs" / "cookbook.md"
SQL_BLOCK = re.compile(r"^## (?P<question>.+?)$.*?^```sql\n(?P<sql>.*?)^```$", re.MULTILINE | re.DOTALL)


def cookbook_queries() -> list[tuple[str, str]]:
    """(question, SQL) of every question of the cookbook, in its order."""
    return [(m["question"], m["sql"]) for m in SQL_BLOCK.finditer(COOKBOOK.read_text(encoding="utf-8"))]
