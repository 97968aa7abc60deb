"""`extraction.ambiguous_cell`: a table figure the reader could not place in one column;
`extraction.settled_by_prose`: one that only the report's prose placed.

Text extracted from a PDF drops a table's empty cells; the reader places the figures that are
left by the table's own arithmetic (``readers/cell_assignment.py``). A figure that several
columns could hold is left out of the table (its fact stays NULL) and reported here with the
columns it could belong to, so an analyst can read it from the original document. A figure that
only what the report's prose states placed (``readers/prose_table_links.py``) is read, and reported
as information with the columns the prose ruled out and the prose that did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from budget_reports.extract.standard_tables.common import label as row_label
from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Document, Evidence
from budget_reports.rules.base import finding

RULE_ID = "extraction.ambiguous_cell"
SETTLED_BY_PROSE = "extraction.settled_by_prose"
# A row label opening with its code (``30302 退休费``); two-sided rows are joined by `` | ``.
_LEADING_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}(?=\s|$)")


def unplaced_codes(document: Document) -> set[str]:
    """The codes of the rows a figure the reader could not place may belong to: a sum over those
    rows misses a part the document prints, so the sum rules do not judge it."""
    return _codes(label for cell in document.ambiguous_cells for label in (cell.row, *cell.candidates))


def unplaced_row_labels(document: Document) -> set[str]:
    """The labels (compact, without numbering) of the rows a figure the reader could not place may
    be in, where the reader names them (a two-sided overview's items: ``四、上级补助收入 | …``)."""
    return {row_label(part) for cell in document.ambiguous_cells for part in cell.row.split(" | ") if part.strip()}


def codes_of_candidate_rows(document: Document) -> set[str]:
    """The codes of the rows a figure could be in when the reader could not tell its row (not only
    its column): no row holds it, so a sum over its rows misses a part the document prints."""
    return _codes(label for cell in document.ambiguous_cells for label in cell.candidates)


def _codes(labels: Iterable[str]) -> set[str]:
    codes = set()
    for label in labels:
        for part in label.split(" | "):
            if (match := _LEADING_CODE.match(part.strip())) is not None:
                codes.add(match.group())
    return codes


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


def settled_by_prose(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for cell in document.settled_cells:
        excluded = "、".join(cell.excluded)
        stated = "；".join(cell.stated)
        where = f"第{cell.stated_page}页" if cell.stated_page is not None else ""
        message = (
            f"表格行“{cell.row}”中的数字{cell.figure}按文字说明（{where}第{cell.stated_line}行：{stated}）"
            f"录入“{cell.column}”栏；与文字说明不符的栏目：{excluded}"
        )
        evidence = Evidence(document.source_file, cell.page, cell.line, cell.row)
        findings.append(
            finding(
                SETTLED_BY_PROSE, Severity.INFO, cell.row, message, evidence, expected=cell.column, actual=cell.figure
            )
        )
    return findings
