"""`ocr.unread_figure`: a figure on a scanned page that OCR could not read with confidence.

The reader withholds such a figure (the fact is NULL rather than a plausible wrong number); this
rule says where it stands, what OCR made of it and why it was not taken, so an analyst can read
it off the page.
"""

from __future__ import annotations

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import READ_BY_OCR, Document, Evidence
from budget_reports.rules.base import finding

RULE_ID = "ocr.unread_figure"


def ocr_unread_figure(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for unread in document.unread_figures:
        evidence = Evidence(document.source_file, unread.page, unread.line, unread.read_as, READ_BY_OCR)
        where = f"第{unread.page}页扫描表格" if unread.page is not None else f"第{unread.line}段图片中的表格"
        message = f"{where}中的数字“{unread.read_as}”无法可靠识别（{unread.reason}），未采用，请对照原件核实"
        findings.append(finding(RULE_ID, Severity.WARNING, unread.read_as, message, evidence, actual=unread.read_as))
    return findings
