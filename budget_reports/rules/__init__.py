"""Validation rules: plain functions from an extracted report (and its document) to findings.

A rule never alters or drops a fact: it only reports. Rules that check the report's wording
(placeholders, numbering, years in headings) read the document; the others read the facts.
Every rule, its tolerance and its Chinese message are described in ``docs/rules.md`` (the
classification rules in ``budget_reports/classification/README.md``).
"""

from __future__ import annotations

from collections.abc import Callable

from budget_reports.facts import ExtractedReport, Finding
from budget_reports.model import Document
from budget_reports.rules.classification import classification_rules
from budget_reports.rules.consistency import prose_table, repeated_figure
from budget_reports.rules.cross_table import table_table
from budget_reports.rules.extraction import ambiguous_cell
from budget_reports.rules.hierarchy import sum_hierarchy
from budget_reports.rules.numbering import numbering
from budget_reports.rules.placeholders import template_placeholder
from budget_reports.rules.ratios import completion_pct, yoy_arithmetic, yoy_growth_pct
from budget_reports.rules.shares import share_rules
from budget_reports.rules.sums import balance, sum_economic, sum_income, sum_metrics
from budget_reports.rules.wording import wording_comparison
from budget_reports.rules.years import year_consistency

Rule = Callable[[ExtractedReport, Document], list[Finding]]

# Rules that read the facts: they find nothing until the extractors have filled them.
FACT_RULES: list[Rule] = [
    sum_hierarchy,
    sum_metrics,
    sum_income,
    sum_economic,
    balance,
    share_rules,
    yoy_arithmetic,
    yoy_growth_pct,
    completion_pct,
    prose_table,
    repeated_figure,
    table_table,
    classification_rules,
]
# Rules that read the document's own words.
DOCUMENT_RULES: list[Rule] = [
    template_placeholder,
    numbering,
    year_consistency,
    wording_comparison,
]
# Rules that report what the reader could not read for certain (not the report's fault).
READER_RULES: list[Rule] = [ambiguous_cell]

RULES: list[Rule] = FACT_RULES + DOCUMENT_RULES + READER_RULES
