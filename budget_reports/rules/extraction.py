"""`extraction.ambiguous_cell`: a table figure the reader could not place in one column.

Text extracted from a PDF drops a table's empty cells; the reader places the figures that are
left by the table's own arithmetic (``readers/cell_assignment.py``). A figure that several
columns could hold is left out of the table (its fact stays NULL) and reported here with the
columns it could belong to, so an analyst can read it from the original document.
"""

from __future__ import annotations

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Document, Evidence
from budget_reports.rules.base import finding

RULE_ID = "extraction.ambiguous_cell"


def ambiguous_cell(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for cell in document.ambiguous_cells:
        candidates = "、".join(cell.candidates)
        message = (
            f"表格行“{cell.row}”中的数字{cell.figure}无法确定所属栏目（可能为：{candidates}），"
            "该数值未录入，请核对原文件"
        )
        evidence = Evidence(document.source_file, cell.page, cell.line, cell.snippet)
        findings.append(
            finding(RULE_ID, Severity.WARNING, cell.row, message, evidence, expected=candidates, actual=cell.figure)
        )
    return findings
