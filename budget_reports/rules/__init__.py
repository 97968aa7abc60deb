"""Validation rules: plain functions from an extracted report (and its document) to findings.

A rule never alters or drops a fact: it only reports. Rules that check the report's wording
(placeholders, numbering, years in headings) read the document; the others read the facts.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_reports.facts import ExtractedReport, Finding
from budget_reports.model import Document
from budget_reports.rules.classification import classification_rules

Rule = Callable[[ExtractedReport, Document], list[Finding]]

RULES: list[Rule] = [
    classification_rules,
]
