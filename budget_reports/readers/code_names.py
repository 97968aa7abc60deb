"""The names a classification code is printed with, in any edition: what a row's name should read.

Used where a text lost which lines of a wrapped name belong to which row: the split whose rows
read as their codes' names is the one the page printed."""

from __future__ import annotations

from functools import cache

from budget_reports.classification.reference import ECONOMIC, ECONOMIC_GOV, FUNCTION, INCOME, entries
from budget_reports.normalize import compact

# The scheme a code belongs to, by its first digit (支出功能 2xx, 部门经济分类 3xx, 政府经济分类 5xx, 收入 1xx).
_SCHEME_OF_DIGIT = {"1": INCOME, "2": FUNCTION, "3": ECONOMIC, "5": ECONOMIC_GOV}


@cache
def _names_by_code(scheme: str) -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for entry in entries(scheme):
        names.setdefault(entry.code, set()).update(compact(n) for n in (entry.name, *entry.aliases))
    return {code: frozenset(found) for code, found in names.items()}


@cache
def class_names(scheme: str) -> frozenset[str]:
    """Every name (and alias) of a class (类, a three-digit code) of the scheme, in any edition, compact."""
    return frozenset(name for code, names in _names_by_code(scheme).items() if len(code) == 3 for name in names)


def known_names(code: str) -> frozenset[str]:
    """Every name (and alias) the code has in any edition, compact; empty for an unknown code."""
    scheme = _SCHEME_OF_DIGIT.get(code[:1])
    if scheme is None:
        return frozenset()
    return _names_by_code(scheme).get(code, frozenset())


def is_name_of(code: str, name: str) -> bool:
    """Whether ``name`` (compact) is one of the code's names."""
    return name in known_names(code)


def begins_name_of(code: str, name: str) -> bool:
    """Whether one of the code's names begins with ``name`` (compact; the rest may follow on lines below)."""
    return bool(name) and any(known.startswith(name) for known in known_names(code))
