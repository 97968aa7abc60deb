"""Classification rules: every functional line's code exists in the edition of the report's year,
sits under the right parent, carries that edition's name, and could be resolved at all.

The rules re-resolve each line (a pure, cheap lookup) rather than trusting the filled codes, so
they report the same thing whether a code was printed by the report or resolved from its name.
See budget_reports/classification/README.md for each rule's id, severity and message.
"""

from __future__ import annotations

from budget_reports.classification.reference import EDITIONS, FUNCTION, editions_with
from budget_reports.classification.resolver import CODE_LENGTH, IssueKind, Resolution, normalize_code, resolve
from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Document

UNRESOLVED = "classification.unresolved"
CODE_UNKNOWN = "classification.code_unknown"
WRONG_PARENT = "classification.wrong_parent"
NAME_MISMATCH = "classification.name_mismatch"
OUTDATED_NAME = "classification.outdated_name"
EDITION_FALLBACK = "classification.edition_fallback"


def classification_rules(extracted: ExtractedReport, document: Document) -> list[Finding]:
    lines = extracted.expenditure_function
    if not lines:
        return []
    year = extracted.report.fiscal_year
    findings = _edition_fallback(year, lines[0])
    contexts: dict[tuple, Resolution] = {}
    for line in lines:
        key = (line.fund_type, line.source_kind, line.source_table)
        context = contexts.get(key) if line.source_kind is SourceKind.NARRATIVE else None
        resolution = resolve(line.name_as_written, line.level, year, code=line.code, context=context)
        contexts[key] = resolution
        findings += _line_findings(line, resolution)
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


def _finding(line: ExpenditureLine, resolution: Resolution, issue) -> Finding:
    year = resolution.edition_year
    if issue.kind is IssueKind.UNRESOLVED:
        return Finding(
            UNRESOLVED,
            Severity.WARNING,
            issue.subject or line.name_as_written[:60],
            f"未能确定“{_short(line.name_as_written)}”的科目编码：{issue.detail}",
            line.evidence,
            actual=issue.subject or None,
        )
    if issue.kind is IssueKind.CODE_UNKNOWN:
        code = issue.subject
        elsewhere = [y for y in editions_with(FUNCTION, code) if y != year]
        note = f"（见于 {_years(elsewhere)} 年版）" if elsewhere else ""
        # 类 and 款 are listed completely; 项 coverage of the reference is partial (see README).
        severity = Severity.WARNING if len(code) == CODE_LENGTH["项"] else Severity.ERROR
        if len(code) not in CODE_LENGTH.values():
            severity = Severity.ERROR
        return Finding(
            CODE_UNKNOWN,
            severity,
            code,
            f"{issue.detail}{note}",
            line.evidence,
            expected=f"{year} 年版科目编码",
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


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _years(years: list[int]) -> str:
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return "、".join(str(y) for y in years)
