"""Extractors: plain functions that read facts from a ``Document`` into an ``ExtractedReport``.

Each extractor fills its own part of the report (identity, prose figures, standard tables,
performance tables). ``EXTRACTORS`` is the order they run in: identity first, because later
extractors use the fiscal year and money unit it finds; code resolution last, because it fills
the classification codes of the lines the others extracted.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_reports.extract.budget_stage import budget_figures_as_values
from budget_reports.extract.identity import extract as extract_identity
from budget_reports.extract.performance import extract_performance
from budget_reports.extract.prose import extract_prose
from budget_reports.extract.resolve_codes import resolve_codes
from budget_reports.extract.standard_tables import extract_standard_tables
from budget_reports.facts import ExtractedReport
from budget_reports.model import Document

Extractor = Callable[[Document, ExtractedReport], None]

EXTRACTORS: list[Extractor] = [
    extract_identity,
    extract_prose,
    extract_standard_tables,
    extract_performance,
    budget_figures_as_values,
    resolve_codes,
]
