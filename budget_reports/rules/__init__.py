"""Validation rules: plain functions from an extracted report (and its document) to findings.

A rule never alters or drops a fact: it only reports. Rules that check the report's wording
(placeholders, numbering, years in headings) read the document; the others read the facts.
Every rule, its tolerance and its Chinese message are described in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_reports.facts import ExtractedReport, Finding
from budget_reports.model import Document

Rule = Callable[[ExtractedReport, Document], list[Finding]]

# Imported after ``Rule`` is defined: the rule modules import this package's siblings only.
from budget_reports.rules.consistency import prose_table, repeated_figure  # noqa: E402
from budget_reports.rules.hierarchy import sum_hierarchy  # noqa: E402
from budget_reports.rules.numbering import numbering  # noqa: E402
from budget_reports.rules.placeholders import template_placeholder  # noqa: E402
from budget_reports.rules.ratios import completion_pct, yoy_arithmetic, yoy_growth_pct  # noqa: E402
from budget_reports.rules.shares import share_rules  # noqa: E402
from budget_reports.rules.sums import balance, sum_economic, sum_income, sum_metrics  # noqa: E402
from budget_reports.rules.wording import wording_comparison  # noqa: E402
from budget_reports.rules.years import year_consistency  # noqa: E402

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
]
# Rules that read the document's own words.
DOCUMENT_RULES: list[Rule] = [
    template_placeholder,
    numbering,
    year_consistency,
    wording_comparison,
]

RULES: list[Rule] = FACT_RULES + DOCUMENT_RULES
