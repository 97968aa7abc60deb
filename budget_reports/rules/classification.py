"""Classification rules: every functional line's code exists in the edition of the report's year,
sits under the right parent, carries that edition's name, and could be resolved at all; every
printed economic code exists and carries its name.

The rules re-resolve each line (a pure, cheap lookup) rather than trusting the filled codes, so
they report the same thing whether a code was printed by the report or resolved from its name.
See budget_reports/classification/README.md for each rule's id, severity and message.
"""

from __future__ import annotations

from budget_reports.classification.lines import resolve_economic, resolve_lines
from budget_reports.classification.reference import ECONOMIC, EDITIONS, FUNCTION, editions_with
from budget_reports.classification.resolver import (
    CODE_LENGTH,
    Issue,
    IssueKind,
    Resolution,
    normalize_code,
    scheme_label,
)
from budget_reports.facts import EconomicLine, ExpenditureLine, ExtractedReport, Finding, Severity
from budget_reports.model import Document

UNRESOLVED = "classification.unresolved"
CODE_UNKNOWN = "classification.code_unknown"
WRONG_PARENT = "classification.wrong_parent"
NAME_MISMATCH = "classification.name_mismatch"
OUTDATED_NAME = "classification.outdated_name"
EDITION_FALLBACK = "classification.edition_fallback"


def classification_rules(extracted: ExtractedReport, document: Document) -> list[Finding]:
    year = extracted.report.fiscal_year
    lines = extracted.expenditure_function
    findings = _edition_fallback(year, lines[0]) if lines else []
    for line, resolution in zip(lines, resolve_lines(lines, year), strict=True):
        findings += _line_findings(line, resolution)
    for economic in extracted.expenditure_economic:
        resolution = resolve_economic(economic, year)
        if resolution is not None:
            findings += [_finding(economic, resolution, issue, ECONOMIC) for issue in resolution.issues]
    return findings


def _edition_fallback(year: int | None, first: ExpenditureLine) -> list[Finding]:
    years = EDITIONS[FUNCTION]
    if year is not None and year in years:
        return []
    used = years.stop - 1 if year is None or year > years.stop - 1 else years.start
    why = "报告年度未能识别" if year is None else f"参考科目表未收录 {year} 年版"
    return [
        Finding(
            rule_id=EDITION_FALLBACK,
            severity=Severity.INFO,
            subject=str(year) if year is not None else "年度",
            message=f"{why}，按最接近的 {used} 年版支出功能分类科目核对科目编码和名称",
            evidence=first.evidence,
            expected=f"{years.start}–{years.stop - 1}",
            actual=str(year) if year is not None else None,
        )
    ]


def _line_findings(line: ExpenditureLine, resolution: Resolution) -> list[Finding]:
    findings = [_finding(line, resolution, issue) for issue in resolution.issues]
    findings += _stated_parents(line)
    return findings


def _finding(
    line: ExpenditureLine | EconomicLine, resolution: Resolution, issue: Issue, scheme: str = FUNCTION
) -> Finding:
    year = resolution.edition_year
    if issue.kind is IssueKind.UNRESOLVED:
        return Finding(
            UNRESOLVED,
            Severity.WARNING,
            issue.subject or _name(line)[:60],
            f"未能确定“{_short(_name(line))}”的科目编码：{issue.detail}",
            line.evidence,
            actual=issue.subject or None,
        )
    if issue.kind is IssueKind.CODE_UNKNOWN:
        code = issue.subject
        elsewhere = [y for y in editions_with(scheme, code) if y != year]
        note = f"（见于 {_years(elsewhere)} 年版）" if elsewhere else ""
        # Functional 类 and 款 are listed completely; 项 and the economic classification only partly (see README).
        partial = scheme == ECONOMIC or len(code) == CODE_LENGTH["项"]
        severity = Severity.WARNING if partial else Severity.ERROR
        return Finding(
            CODE_UNKNOWN,
            severity,
            code,
            f"{issue.detail}{note}",
            line.evidence,
            expected=f"{year} 年版{scheme_label(scheme)}编码",
            actual=code,
        )
    if issue.kind is IssueKind.WRONG_PARENT:
        return Finding(
            WRONG_PARENT,
            Severity.ERROR,
            issue.subject,
            f"科目上下级不符：{issue.detail}",
            line.evidence,
            expected=issue.expected,
            actual=issue.actual,
        )
    rule, severity = (
        (NAME_MISMATCH, Severity.WARNING) if issue.kind is IssueKind.NAME_MISMATCH else (OUTDATED_NAME, Severity.INFO)
    )
    message = issue.detail if issue.kind is IssueKind.NAME_MISMATCH else f"使用了旧科目名称：{issue.detail}"
    return Finding(rule, severity, issue.subject, message, line.evidence, expected=issue.expected, actual=issue.actual)


def _stated_parents(line: ExpenditureLine) -> list[Finding]:
    """Parent codes a table states beside the line's code must be the code's own prefixes."""
    code = normalize_code(line.code)
    if code is None:
        return []
    findings = []
    for field, length in (("class_code", 3), ("kuan_code", 5)):
        stated = normalize_code(getattr(line, field))
        if stated is not None and len(code) > length and code[:length] != stated:
            findings.append(
                Finding(
                    WRONG_PARENT,
                    Severity.ERROR,
                    code,
                    f"科目上下级不符：编码 {code} 应属于 {code[:length]}，报告列在 {stated} 之下",
                    line.evidence,
                    expected=code[:length],
                    actual=stated,
                )
            )
    return findings


def _name(line: ExpenditureLine | EconomicLine) -> str:
    return line.name_as_written if isinstance(line, ExpenditureLine) else line.name


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _years(years: list[int]) -> str:
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return "、".join(str(y) for y in years)
