"""`consistency.table_table`: a classification line printed in two tables is the same number.

A final-accounts report prints the same 类 (and often 款 and 项) in several tables: the 收入支出决算总表
and the 支出决算表 (all funds), the 财政拨款收入支出决算总表 and the 一般公共预算财政拨款支出决算表
(general budget). Lines of one code and one fund type read from two tables must print the same
决算数, at the coarser figure's precision (``consistency.agree``). Each pair of tables that disagree
gives one error, at the line of the table printed later, the earlier table's figure as expected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Document
from budget_reports.rules.base import coarser_half_unit, finding, fmt
from budget_reports.rules.consistency import agree
from budget_reports.rules.sections import position

RULE_ID = "consistency.table_table"


@dataclass(frozen=True, slots=True)
class Printed:
    """A classification line of one table, with the 决算数 it prints."""

    line: ExpenditureLine
    code: str
    actual: Decimal


def table_table(report: ExtractedReport, document: Document) -> list[Finding]:
    findings = []
    for printed in _first_line_per_table(report).values():
        for earlier, later in combinations(sorted(printed, key=lambda p: position(p.line.evidence)), 2):
            if not agree(earlier.actual, later.actual):
                findings.append(_finding(earlier, later))
    return findings


def _first_line_per_table(report: ExtractedReport) -> dict[tuple[str, str], list[Printed]]:
    """(fund type, code) → the first line with an amount of each table printing it, when two tables do."""
    groups: dict[tuple[str, str], dict[str | None, Printed]] = defaultdict(dict)
    for line in report.expenditure_function:
        if line.source_kind is SourceKind.TABLE and line.code and line.actual is not None:
            groups[(line.fund_type, line.code)].setdefault(line.source_table, Printed(line, line.code, line.actual))
    return {key: list(by_table.values()) for key, by_table in groups.items() if len(by_table) > 1}


def _finding(earlier: Printed, later: Printed) -> Finding:
    line = later.line
    message = (
        f"{line.name_as_written or later.code}（{later.code}，{line.fund_type}）"
        f"在{earlier.line.source_table or '前表'}中为{fmt(earlier.actual)}万元，"
        f"在{line.source_table or '此表'}中为{fmt(later.actual)}万元，二者不一致"
    )
    return finding(
        RULE_ID,
        Severity.ERROR,
        later.code,
        message,
        line.evidence,
        fmt(earlier.actual),
        fmt(later.actual),
        coarser_half_unit(earlier.actual, later.actual),
    )
