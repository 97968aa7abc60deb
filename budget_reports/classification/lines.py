"""Resolve the expenditure lines of one report, in document order (shared by the code-filling step and the rules)."""

from __future__ import annotations

from budget_reports.classification.reference import ECONOMIC
from budget_reports.classification.resolver import LEVEL_OF_LENGTH, Resolution, normalize_code, resolve
from budget_reports.facts import EconomicLine, ExpenditureLine


def resolve_lines(lines: list[ExpenditureLine], fiscal_year: int | None) -> list[Resolution]:
    """One resolution per line. A line is resolved in the context of the previous line of the same
    source (fund type, prose or table, table title): prose lists give the 类 and 款 once for several
    项, and a table's 项 rows follow their 款 row."""
    contexts: dict[tuple, Resolution] = {}
    resolutions = []
    for line in lines:
        key = (line.fund_type, line.source_kind, line.source_table)
        resolution = resolve(line.name_as_written, line.level, fiscal_year, code=line.code, context=contexts.get(key))
        contexts[key] = resolution
        resolutions.append(resolution)
    return resolutions


def resolve_economic(line: EconomicLine, fiscal_year: int | None) -> Resolution | None:
    """The printed economic code looked up with its name; None when the line has no code of 3 or 5 digits."""
    code = normalize_code(line.code)
    level = LEVEL_OF_LENGTH.get(len(code)) if code else None
    if level not in ("类", "款"):
        return None
    return resolve(line.name, level, fiscal_year, code=code, scheme=ECONOMIC)
