"""Classification rules: every functional line's code exists in the edition of the report's year,
sits under the right parent, carries that edition's name, and could be resolved at all; every
printed economic code exists and carries its name.

The rules re-resolve each line (a pure, cheap lookup) rather than trusting the filled codes, so
they report the same thing whether a code was printed by the report or resolved from its name.
See budget_reports/classification/README.md for each rule's id, severity and message.
"""

from __future__ import annotations

from collections import defaultdict

from budget_reports.classification.lines import resolve_economic, resolve_lines
from budget_reports.classification.reference import ECONOMIC, EDITIONS, FUNCTION, edition, editions_with, retired
from budget_reports.classification.resolver import (
    CODE_LENGTH,
    SAME_NAME,
    Issue,
    IssueKind,
    Resolution,
    find_by_name,
    match_kind,
    name_key,
    normalize_code,
    scheme_label,
)
from budget_reports.facts import EconomicLine, ExpenditureLine, ExtractedReport, Finding, Severity
from budget_reports.model import Document

UNRESOLVED = "classification.unresolved"
CODE_UNKNOWN = "classification.code_unknown"
WRONG_PARENT = "classification.wrong_parent"
NAME_MISMATCH = "classification.name_mismatch"
NAME_OF_OTHER_CODE = "classification.name_of_other_code"
NAME_NEAR_MISS = "classification.name_near_miss"
OUTDATED_NAME = "classification.outdated_name"
NOT_IN_REFERENCE = "classification.not_in_reference"
EDITION_FALLBACK = "classification.edition_fallback"

_NAME_RULES = {
    IssueKind.NAME_MISMATCH: (NAME_MISMATCH, Severity.WARNING),
    IssueKind.OTHER_CODES_NAME: (NAME_OF_OTHER_CODE, Severity.ERROR),
    IssueKind.NEAR_MISS: (NAME_NEAR_MISS, Severity.WARNING),
    IssueKind.OUTDATED_NAME: (OUTDATED_NAME, Severity.INFO),
}


def classification_rules(extracted: ExtractedReport, document: Document) -> list[Finding]:
    year = extracted.report.fiscal_year
    lines = extracted.expenditure_function
    findings = _edition_fallback(year, lines[0]) if lines else []
    names = _names_by_code(lines, extracted.expenditure_economic)
    reported_unknown: set[tuple[str, str]] = set()
    for line, resolution in zip(lines, resolve_lines(lines, year), strict=True):
        findings += _line_findings(line, resolution, names, reported_unknown)
    for economic in extracted.expenditure_economic:
        resolution = resolve_economic(economic, year)
        if resolution is not None:
            findings += [
                f
                for issue in resolution.issues
                if (f := _finding(economic, resolution, issue, names, reported_unknown, ECONOMIC)) is not None
            ]
    return findings


def _names_by_code(functional: list[ExpenditureLine], economic: list[EconomicLine]) -> dict[tuple[str, str], set[str]]:
    """The names each printed code is written with across the report, per scheme."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for line in functional:
        if (code := normalize_code(line.code)) is not None:
            names[(FUNCTION, code)].add(name_key(line.name_as_written))
    for line in economic:
        if (code := normalize_code(line.code)) is not None:
            names[(ECONOMIC, code)].add(name_key(line.name))
    return names


def _consistent(written: set[str]) -> bool:
    """One name, allowing for cut cells: every name is a prefix of the longest."""
    longest = max(written, key=len, default="")
    return bool(longest) and all(longest.startswith(name) for name in written)


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


def _line_findings(
    line: ExpenditureLine,
    resolution: Resolution,
    names: dict[tuple[str, str], set[str]],
    reported_unknown: set[tuple[str, str]],
) -> list[Finding]:
    findings = [f for issue in resolution.issues if (f := _finding(line, resolution, issue, names, reported_unknown))]
    findings += _stated_parents(line)
    return findings


def _finding(
    line: ExpenditureLine | EconomicLine,
    resolution: Resolution,
    issue: Issue,
    names: dict[tuple[str, str], set[str]],
    reported_unknown: set[tuple[str, str]],
    scheme: str = FUNCTION,
) -> Finding | None:
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
        if (scheme, code) in reported_unknown:
            return None  # one finding per unknown code per report, at its first line
        reported_unknown.add((scheme, code))
        not_known = _not_in_reference(line, code, year, names.get((scheme, code), set()), scheme)
        if not_known is not None:
            return not_known
        elsewhere = [y for y in editions_with(scheme, code) if y != year]
        gone = retired(scheme, code)
        note = f"（见于 {_years(elsewhere)} 年版）" if elsewhere else ""
        if gone is not None:
            note += f"（“{gone[0]}”已于 {gone[1] + 1} 年版取消）"
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
    rule, severity = _NAME_RULES[issue.kind]
    message = f"使用了旧科目名称：{issue.detail}" if issue.kind is IssueKind.OUTDATED_NAME else issue.detail
    return Finding(rule, severity, issue.subject, message, line.evidence, expected=issue.expected, actual=issue.actual)


def _not_in_reference(
    line: ExpenditureLine | EconomicLine, code: str, year: int, written: set[str], scheme: str
) -> Finding | None:
    """An unknown code is most likely one the reference lacks (info, not a fault of the report) when its
    parent exists, the report prints it with one name throughout, that name is no other code's, and the
    reference does not know the code from another edition or as retired."""
    ed = edition(scheme, year)
    parent = ed.get(code[:-2]) if len(code) > 3 else None
    if parent is None or not _consistent(written) or editions_with(scheme, code) or retired(scheme, code):
        return None
    printed = _name(line)
    level = "项" if len(code) == 7 else "款"
    owners = [e for e in find_by_name(printed, ed.children(None, level)) if match_kind(printed, e) in SAME_NAME]
    if owners:
        return None  # the name is a known code's: the code printed beside it is the problem
    return Finding(
        NOT_IN_REFERENCE,
        Severity.INFO,
        code,
        f"编码 {code}“{_short(printed)}”不在参考科目表 {year} 年版{scheme_label(scheme)}中，"
        f"其上级 {parent.code}“{parent.name}”存在且全文写法一致：应是参考科目表未收录的科目"
        "（可通过 BUDGET_LOCAL_CODES 补充）",
        line.evidence,
        expected=f"{year} 年版{scheme_label(scheme)}编码",
        actual=code,
    )


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
