"""Give every fact and finding read from a PDF's text layer the box of its figure on the cited page.

Which figure a row stands for is data (``FIGURE_FIELDS``): the first of the listed fields that holds
a value and is found near the cited line gives the box. A finding stands for what the report states
(``actual``): a number, or quoted text. Rows read by OCR, or whose figure is not found, keep no box.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from budget_reports.facts import (
    EconomicLine,
    ExpenditureLine,
    ExtractedReport,
    Finding,
    IncomeLine,
    PerformanceFund,
    PerformanceIndicator,
    PerformanceProject,
    SummaryMetric,
)
from budget_reports.figure_text import as_number
from budget_reports.model import READ_FROM_TEXT
from budget_reports.readers.pdf_figures import FigureQuery, locate_figures

# Row type -> its figure's fields, most telling first.
FIGURE_FIELDS: dict[type, tuple[str, ...]] = {
    SummaryMetric: ("value", "budget_value", "change_value", "prior_year_value", "share_pct_declared"),
    IncomeLine: ("amount", "share_pct_declared"),
    ExpenditureLine: ("actual", "budget_initial", "budget_final", "basic", "project", "share_pct_declared"),
    EconomicLine: ("amount",),
    PerformanceProject: ("executed", "budget_final", "budget_initial", "score"),
    PerformanceFund: ("executed", "budget_final", "budget_initial", "score"),
    PerformanceIndicator: ("actual_value", "score", "target_value"),
    Finding: ("actual",),
}
# A figure stored in 万元 is printed ×10,000 by a report in 元.
_YUAN_PER_WAN = Decimal(10000)


def add_figure_boxes(pdf_path: Path, result: ExtractedReport) -> None:
    """Set the evidence box of every row of ``result`` whose figure is found on its cited PDF page."""
    in_yuan = result.report.money_unit == "元"
    lists = {f.name: getattr(result, f.name) for f in fields(result) if f.name != "report"}
    wanted: list[tuple[str, int, FigureQuery]] = []
    for list_name, rows in lists.items():
        for index, row in enumerate(rows):
            query = _query(row, in_yuan)
            if query is not None:
                wanted.append((list_name, index, query))
    boxes = locate_figures(pdf_path, [query for _, _, query in wanted])
    for (list_name, index, _), box in zip(wanted, boxes, strict=True):
        if box is not None:
            row = lists[list_name][index]
            lists[list_name][index] = replace(row, evidence=replace(row.evidence, box=box))


def _query(row: Any, in_yuan: bool) -> FigureQuery | None:
    evidence = row.evidence
    if evidence.page is None or evidence.read_by != READ_FROM_TEXT:
        return None
    values: list[Decimal] = []
    text = None
    for name in FIGURE_FIELDS.get(type(row), ()):
        value = getattr(row, name)
        if isinstance(value, str):
            number = as_number(value)
            if number is None:
                text = text or value
                continue
            value = number
        if isinstance(value, Decimal):
            values.append(value)
            if in_yuan and name != "share_pct_declared":
                values.append(value * _YUAN_PER_WAN)
    if not values and not text:
        return None
    return FigureQuery(evidence.page, evidence.line, tuple(values), text)
