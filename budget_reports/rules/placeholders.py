"""`template.placeholder`: template text the department left unfilled.

Three kinds: placeholder names (``XX局``, ``××单位``), alternatives never chosen between
(``增加/减少0万元，增长/下降0%``) and the template's own instructions (``（100字以内）``,
``（可用表格形式反映）``, ``（请填写…）``). A warning: no figure is wrong, but the text is incomplete.
One finding per distinct token, at its first occurrence, with how many times it occurs: a blank
template prints ``XX`` a hundred times, which is one problem.
"""

from __future__ import annotations

import re

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import Document, Evidence
from budget_reports.rules.base import finding
from budget_reports.rules.text import everything, evidence_at, original

RULE_ID = "template.placeholder"

_OPPOSITES = "增加|减少|增长|下降|上升|降低|大于|小于|高于|低于|等于|持平|超支|节约"
_PATTERNS = (
    (re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|×{2,}|○{2,})(?![A-Za-z])"), "占位符"),
    (re.compile(rf"(?:{_OPPOSITES})\s*/\s*(?:{_OPPOSITES})"), "未选定的备选用语"),
    (
        re.compile(
            r"\(\s*\d+\s*字以内\s*\)|\(\s*可用表格形式反映\s*\)|\([^()]{0,20}(?:请填写|此处填写|请在此)[^()]{0,20}\)"
        ),
        "模板填写说明",
    ),
)


def template_placeholder(report: ExtractedReport, document: Document) -> list[Finding]:
    first: dict[tuple[str, str], Evidence] = {}
    counts: dict[tuple[str, str], int] = {}
    for where, text in everything(document):
        for pattern, kind in _PATTERNS:
            for match in pattern.finditer(text):
                key = (kind, original(where, match.start(), match.end()))
                if key not in first:
                    first[key] = evidence_at(document, where, match.start(), match.end())
                counts[key] = counts.get(key, 0) + 1
    findings = []
    for (kind, token), evidence in first.items():
        times = f"，共{counts[(kind, token)]}处（此为第一处）" if counts[(kind, token)] > 1 else ""
        message = f"报告中残留{kind}“{token}”{times}，相关内容未按实际情况填写"
        findings.append(finding(RULE_ID, Severity.WARNING, token, message, evidence, actual=token))
    return findings
