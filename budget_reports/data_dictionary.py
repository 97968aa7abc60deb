"""Render the analyst contract as the data dictionary (docs/data-dictionary.md)."""

from __future__ import annotations

from budget_reports.contract import VIEWS

HEADER = """# Data dictionary

Generated from `budget_reports/contract.py` by `python -m budget_reports.data_dictionary`; the same
text is stored as DuckDB `COMMENT`s on every table and column (`SELECT * FROM duckdb_columns()`).
Money is `DECIMAL(20,6)` in 万元; percentages are `DECIMAL(12,4)` in percent, as the report declares
them. NULL means "not stated in the document", never zero.
"""


def render() -> str:
    parts = [HEADER]
    for view in VIEWS:
        parts.append(f"\n## `{view.name}`\n\n{view.description}\n")
        if view.key:
            parts.append(f"\nKey: {', '.join(f'`{k}`' for k in view.key)}\n")
        parts.append("\n| column | type | 中文 | meaning |\n|---|---|---|---|\n")
        parts.extend(f"| `{c.name}` | {c.sql_type} | {c.label} | {c.meaning} |\n" for c in view.columns)
    return "".join(parts)


if __name__ == "__main__":
    from budget_reports.runs import PROJECT_ROOT

    (PROJECT_ROOT / "docs" / "data-dictionary.md").write_text(render(), encoding="utf-8")
