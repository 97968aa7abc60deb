"""The package's layers depend one way: reading a document never needs the rules that judge its
facts, nor the warehouse they are loaded into; the rules judge facts without reading documents.

A reader that wants a rule's arithmetic (how far a printed figure may be off, whether parts miss
their total) takes it from ``normalize``, where both layers find it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "budget_reports"

# layer -> packages of budget_reports it must not import
FORBIDDEN = {
    "readers": ("rules", "warehouse"),
    "extract": ("rules", "warehouse"),
    "rules": ("readers", "warehouse"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def offending_imports(layer: str) -> list[str]:
    banned = [f"budget_reports.{package}" for package in FORBIDDEN[layer]]
    return sorted(
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in (PACKAGE / layer).rglob("*.py")
        for module in imported_modules(path)
        if any(module == name or module.startswith(f"{name}.") for name in banned)
    )


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert offending_imports(layer) == []


def test_the_check_sees_an_import_it_forbids(tmp_path: Path) -> None:
    module = tmp_path / "reader.py"
    module.write_text("def f():\n    from budget_reports.rules.base import fmt\n", encoding="utf-8")
    assert "budget_reports.rules.base" in imported_modules(module)
