"""The data dictionary in docs/ says what the warehouse really holds."""

from __future__ import annotations

from budget_reports.contract import VIEWS
from budget_reports.data_dictionary import render
from budget_reports.runs import PROJECT_ROOT


def test_data_dictionary_is_generated_from_the_current_contract() -> None:
    committed = (PROJECT_ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(), "run `python -m budget_reports.data_dictionary` and commit the result"
    for view in VIEWS:
        assert f"## `{view.name}`" in committed
        for column in view.columns:
            assert f"| `{column.name}` | {column.sql_type} | {column.label} |" in committed
