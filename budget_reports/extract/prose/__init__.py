"""Facts the reports state in sentences: one module per family of facts.

``extract_prose`` reads the passages once, lets each family record what it finds (collectors
merge restatements of the same figure), then hands the rows to the report.
"""

from __future__ import annotations

from budget_reports.extract.prose import (
    basic,
    budget_adjustments,
    budget_statement,
    function_lines,
    other_matters,
    overview,
    performance_mgmt,
    profile,
    project_reports,
    self_evaluation,
    three_public,
)
from budget_reports.extract.prose.context import ProseContext
from budget_reports.facts import ExtractedReport
from budget_reports.model import Document

FAMILIES = (
    profile.extract,
    overview.extract,
    function_lines.extract,
    basic.extract,
    three_public.extract,
    other_matters.extract,
    performance_mgmt.extract,
    project_reports.extract,
    budget_adjustments.extract,
    budget_statement.extract,
)


def extract_prose(document: Document, result: ExtractedReport) -> None:
    ctx = ProseContext.of(document, result)
    if self_evaluation.applies(ctx):
        profile.extract(ctx)
        self_evaluation.extract(ctx)
        project_reports.extract_sections(ctx)  # the projects it evaluates section by section
    else:
        for family in FAMILIES:
            family(ctx)
    ctx.flush()
