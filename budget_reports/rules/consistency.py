"""The same figure stated in several places is the same number.

`consistency.prose_table` (error): a metric, income source or classification line stated both in the
prose and in a table with different values. `consistency.repeated_figure` (warning): the same metric
stated twice in the same kind of source with different values; a warning because prose often reuses
a metric name for a narrower scope (基本支出 of all funds, then of 一般公共预算财政拨款) that only the
surrounding words distinguish, so an analyst should look before calling it a mistake.

Scopes that name what a figure covers (a fund type, a table's title) are compared only with
themselves: a fund table's total differs from the overview's by design. A prose restatement scoped by
its section (the extractor keeps a restatement that contradicts the first statement under the heading
it was read in, e.g. 机构组成) covers what the first statement covers, so it is compared with it.

Two printed figures agree when they are equal at the coarser one's precision (27.3 and 27.30 agree).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget_reports import metric_names as names
from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Document, Evidence
from budget_reports.normalize import coarser_half_unit
from budget_reports.rules.base import finding, fmt, name_key
from budget_reports.rules.hierarchy import display_name, paths


@dataclass(frozen=True, slots=True)
class Statement:
    subject: str
    scope: str | None
    value: Decimal
    kind: SourceKind
    evidence: Evidence
    unit: str


def agree(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= coarser_half_unit(a, b)


def _statements(report: ExtractedReport) -> Iterable[tuple[str, Statement]]:
    """(matching key, statement) for every stated figure that can recur."""
    for m in report.summary_metrics:
        if m.value is not None:
            yield m.metric, Statement(m.metric, m.scope, m.value, m.source_kind, m.evidence, m.unit)
    for line in report.income:
        if line.amount is not None:
            yield (
                "收入:" + name_key(line.source),
                Statement(line.source, None, line.amount, line.source_kind, line.evidence, "万元"),
            )
    by_source: dict[tuple, list[ExpenditureLine]] = defaultdict(list)
    for line in report.expenditure_function:
        by_source[(line.source_kind, line.source_table)].append(line)
    for lines in by_source.values():
        for line, path in zip(lines, paths(lines), strict=True):
            if line.actual is not None and path and all(path):
                key = f"支出:{line.fund_type}:{line.level}:{line.code or '/'.join(path)}"
                yield (
                    key,
                    Statement(
                        display_name(line), line.source_table, line.actual, line.source_kind, line.evidence, "万元"
                    ),
                )


def _grouped(report: ExtractedReport) -> dict[str, list[Statement]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for key, statement in _statements(report):
        groups[key].append(statement)
    return groups


def prose_table(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for statements in _grouped(report).values():
        prose = [s for s in statements if s.kind is SourceKind.NARRATIVE]
        tables = [s for s in statements if s.kind is SourceKind.TABLE]
        if not prose or not tables:
            continue
        pairs = _pairs(prose, tables)
        for said, printed in pairs:
            if agree(said.value, printed.value):
                continue
            message = (
                f"{said.subject}在文字说明中为{fmt(said.value)}{said.unit}，"
                f"在表格中为{fmt(printed.value)}{printed.unit}，二者不一致"
            )
            findings.append(
                finding(
                    "consistency.prose_table",
                    Severity.ERROR,
                    said.subject,
                    message,
                    said.evidence,
                    fmt(printed.value),
                    fmt(said.value),
                    coarser_half_unit(said.value, printed.value),
                )
            )
    return findings


def _pairs(prose: list[Statement], tables: list[Statement]) -> list[tuple[Statement, Statement]]:
    """Pair statements of the same scope; a figure stated once on each side pairs whatever its scope.
    When the tables print one figure and the prose states several, each unscoped prose statement is
    compared with it: the prose contradicts itself, and the statement the table contradicts is named."""
    if len(_distinct(prose)) == 1 and len(_distinct(tables)) == 1 and not _of_part_of_the_funds(tables[0], prose[0]):
        return [(prose[0], tables[0])]
    pairs = [(p, t) for p in prose for t in tables if p.scope == t.scope and p.scope is not None]
    if len(_distinct(tables)) == 1:
        pairs += [(p, tables[0]) for p in prose if p.scope is None and not _of_part_of_the_funds(tables[0], p)]
    return pairs


def _of_part_of_the_funds(printed: Statement, said: Statement) -> bool:
    """A table figure of some funds only (the 财政拨款 overview's 本年收入合计) against a prose figure
    that names none, which covers the report's whole: two figures, not one figure stated twice (where a
    report's text lets the overview's own figure go unread, the fiscal one is all that is left)."""
    return said.scope is None and printed.scope in _FUND_SCOPES and printed.scope != names.ALL_FUNDS


def _distinct(statements: list[Statement]) -> list[Decimal]:
    values: list[Decimal] = []
    for s in statements:
        if not any(agree(s.value, v) for v in values):
            values.append(s.value)
    return values


# Scopes naming the funds a prose figure covers; any other prose scope is the section of a restatement.
_FUND_SCOPES = frozenset({names.ALL_FUNDS, names.GPB, names.GOV_FUND, names.STATE_CAPITAL, names.FISCAL})


def _place(statement: Statement) -> tuple:
    """Where a statement belongs for comparison: a section-scoped prose restatement joins the unscoped one."""
    scope = statement.scope
    if statement.kind is SourceKind.NARRATIVE and scope is not None and scope not in _FUND_SCOPES:
        scope = None
    return (statement.kind, scope)


def repeated_figure(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for statements in _grouped(report).values():
        by_place: dict[tuple, list[Statement]] = defaultdict(list)
        for s in statements:
            by_place[_place(s)].append(s)
        for group in by_place.values():
            first = group[0]
            for later in group[1:]:
                if agree(first.value, later.value):
                    continue
                message = (
                    f"{first.subject}前文写为{fmt(first.value)}{first.unit}，"
                    f"此处写为{fmt(later.value)}{later.unit}，同一数字前后不一致"
                )
                findings.append(
                    finding(
                        "consistency.repeated_figure",
                        Severity.WARNING,
                        later.subject,
                        message,
                        later.evidence,
                        fmt(first.value),
                        fmt(later.value),
                        coarser_half_unit(first.value, later.value),
                    )
                )
    return findings
