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
from budget_reports.rules.budget import budget_rules
from budget_reports.rules.classification import classification_rules
from budget_reports.rules.columns import column_sums
from budget_reports.rules.consistency import prose_table, repeated_figure
from budget_reports.rules.cross_table import table_table
from budget_reports.rules.extraction import ambiguous_cell, settled_by_prose
from budget_reports.rules.hierarchy import sum_hierarchy
from budget_reports.rules.no_data_tables import empty_fund_tables
from budget_reports.rules.numbering import numbering
from budget_reports.rules.ocr import ocr_unread_figure
from budget_reports.rules.paragraphs import paragraph_consistency
from budget_reports.rules.placeholders import template_placeholder
from budget_reports.rules.prose_budget import prose_budget
from budget_reports.rules.ratios import completion_pct, yoy_arithmetic, yoy_growth_pct
from budget_reports.rules.shares import share_rules
from budget_reports.rules.sums import balance, sum_economic, sum_income, sum_metrics
from budget_reports.rules.three_public import economic_vs_three_public
from budget_reports.rules.wording import wording_comparison
from budget_reports.rules.years import year_consistency
from budget_reports.rules.zero_base import zero_base

Rule = Callable[[ExtractedReport, Document], list[Finding]]

# Rules that read the facts: they find nothing until the extractors have filled them.
FACT_RULES: list[Rule] = [
    sum_hierarchy,
    column_sums,
    sum_metrics,
    sum_income,
    sum_economic,
    balance,
    share_rules,
    yoy_arithmetic,
    yoy_growth_pct,
    completion_pct,
    zero_base,
    prose_table,
    prose_budget,
    empty_fund_tables,
    repeated_figure,
    table_table,
    economic_vs_three_public,
    classification_rules,
    budget_rules,
]
# Rules that read the document's own words.
DOCUMENT_RULES: list[Rule] = [
    template_placeholder,
    numbering,
    paragraph_consistency,
    year_consistency,
    wording_comparison,
]
# Rules that report what the reader could not vouch for (figures it could not place in a column, or OCR
# could not read).
READER_RULES: list[Rule] = [ambiguous_cell, settled_by_prose, ocr_unread_figure]

RULES: list[Rule] = FACT_RULES + DOCUMENT_RULES + READER_RULES
