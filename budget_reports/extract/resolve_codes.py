"""Fill the classification codes and official names of every expenditure line (runs last).

Each functional line gets ``code`` and its 类/款/项 codes and names from the edition of the
report's fiscal year (the nearest edition when the year is outside the reference). Economic lines
get their missing code or group when the reference determines them. ``name_as_written`` and the
amounts are never changed, and a line no single code fits keeps ``code`` None: the findings
(unresolved, unknown code, wrong parent, name mismatch) are the classification rules' job.
"""

from __future__ import annotations

from dataclasses import replace

from budget_reports.classification.lines import resolve_lines
from budget_reports.classification.reference import ECONOMIC, edition, nearest_edition_year
from budget_reports.classification.resolver import Resolution, find_by_name, normalize_code
from budget_reports.facts import EconomicLine, ExpenditureLine, ExtractedReport
from budget_reports.model import Document


def resolve_codes(document: Document, result: ExtractedReport) -> None:
    year = result.report.fiscal_year
    result.expenditure_function[:] = resolve_function_lines(result.expenditure_function, year)
    result.expenditure_economic[:] = [_economic_line(line, year) for line in result.expenditure_economic]


def resolve_function_lines(lines: list[ExpenditureLine], fiscal_year: int | None) -> list[ExpenditureLine]:
    """The lines with codes and official names filled, in the same order."""
    return [apply_resolution(line, r) for line, r in zip(lines, resolve_lines(lines, fiscal_year), strict=True)]


def apply_resolution(line: ExpenditureLine, resolution: Resolution) -> ExpenditureLine:
    """Codes and official names from the resolution; what the line already states is kept when it conflicts."""
    chain = resolution.chain
    fills = {
        "class_code": chain["类"].code if "类" in chain else None,
        "class_name": chain["类"].name if "类" in chain else None,
        "kuan_code": chain["款"].code if "款" in chain else None,
        "kuan_name": chain["款"].name if "款" in chain else None,
        "xiang_code": chain["项"].code if "项" in chain else None,
        "xiang_name": chain["项"].name if "项" in chain else None,
    }
    changes = {name: value for name, value in fills.items() if value is not None and getattr(line, name) is None}
    if line.code is None and resolution.code is not None:
        changes["code"] = resolution.code
    elif line.code is not None and normalize_code(line.code) != line.code:
        changes["code"] = normalize_code(line.code)  # printed as parts (201 06 01): the digits joined
    return replace(line, **changes) if changes else line


def _economic_line(line: EconomicLine, fiscal_year: int | None) -> EconomicLine:
    ed = edition(ECONOMIC, nearest_edition_year(ECONOMIC, fiscal_year))
    code = normalize_code(line.code)
    if code is None:
        found = find_by_name(line.name, list(ed.entries.values()))
        if len(found) > 1 and line.group is not None:
            # 办公设备购置 is both 30902 (基本建设) and 31002 (资本性支出): the stated group (公用经费) decides.
            found = [e for e in found if e.group == line.group]
        code = found[0].code if len(found) == 1 else None
    entry = ed.get(code)
    changes: dict[str, str] = {}
    if code is not None and code != line.code:
        changes["code"] = code
    if line.group is None and entry is not None and entry.group is not None:
        changes["group"] = entry.group
    return replace(line, **changes) if changes else line
