"""A report read, extracted and validated the way the pipeline does it (``ingest.analyse``), for rule tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo
from budget_reports.ingest import analyse
from budget_reports.model import Document
from budget_reports.readers import read_document


def analysed(document: Document, name: str, source_format: str) -> ExtractedReport:
    """The facts and findings of a document already read (possibly edited by the test)."""
    info = ReportInfo(name[:16], name, "0" * 64, source_format, ParseStatus.OK, "test", datetime(2025, 1, 1), 1)
    result = ExtractedReport(report=info)
    analyse(document, result)
    return result


def analysed_file(path: Path) -> ExtractedReport:
    """The facts and findings of a report file, read by the reader its format calls for."""
    source_format = "pdf" if path.suffix.lower() == ".pdf" else "text"
    return analysed(read_document(path, path.name), path.name, source_format)
