"""`consistency.table_table`: a classification line printed in several tables is the same number.

A final-accounts report prints the same 类 (and often 款 and 项) in several tables: the 收入支出决算总表
and the 支出决算表 (all funds), the 财政拨款收入支出决算总表 and the 一般公共预算财政拨款支出决算表
(general budget). Lines of one code and one fund type read from several tables must print the same
决算数, at the coarser figure's precision. One problem gives one finding: all the tables printing the
line are named in it, grouped by the figure they print; it points at the first table that departs
from the earliest one, whose figure is the expected one.

A line some table itself sums from n printed lines below it (a 类 over its 项) may be printed as that
sum in one table and rounded from 元 in another: a difference rounding can explain (n × half a unit)
is ``info`` under ``consistency.table_table.rounding``, a larger one an ``error`` (``base.judge_sum``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, SourceKind
from budget_reports.model import Document
from budget_reports.normalize import coarser_half_unit
from budget_reports.rules.base import fmt, judge_sum, one_per_problem, sum_finding
from budget_reports.rules.sections import position

RULE_ID = "consistency.table_table"


@dataclass(frozen=True, slots=True)
class Printed:
    """A classification line of one table, with the 决算数 it prints and how many lines it sums."""

    line: ExpenditureLine
    code: str
    actual: Decimal
    children: int


def table_table(report: ExtractedReport, document: Document) -> list[Finding]:
    found: list[tuple[Finding, str]] = []
    for printed in _first_line_per_table(report).values():
        ordered = sorted(printed, key=lambda p: position(p.line.evidence))
        low, high = min(p.actual for p in ordered), max(p.actual for p in ordered)
        half = max(coarser_half_unit(a.actual, b.actual) for a in ordered for b in ordered)
        verdict = judge_sum(high - low, half, max(p.children for p in ordered))
        if verdict is None:
            continue
        first = ordered[0]
        departing = next(p for p in ordered if p.actual != first.actual)
        message = _message(ordered) + verdict.note(high - low)
        made = sum_finding(
            RULE_ID, verdict, departing.code, message, departing.line.evidence, fmt(first.actual), fmt(departing.actual)
        )
        found.append((made, "、".join(dict.fromkeys(p.line.source_table or "表格" for p in ordered))))
    # The line of all funds and of 一般公共预算 (the same money when a department has no other funds)
    # printing the same two figures in four tables is one problem.
    return one_per_problem(found, lambda f: (f.rule_id, f.subject, f.expected, f.actual))


def _first_line_per_table(report: ExtractedReport) -> dict[tuple[str, str], list[Printed]]:
    """(fund type, code) → the first line with an amount of each table printing it, when two tables do."""
    table_lines = [
        line
        for line in report.expenditure_function
        if line.source_kind is SourceKind.TABLE and line.code and line.actual is not None
    ]
    codes_by_table: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for line in table_lines:
        codes_by_table[(line.fund_type, line.source_table)].add(line.code or "")
    groups: dict[tuple[str, str], dict[str | None, Printed]] = defaultdict(dict)
    for line in table_lines:
        code, actual = line.code or "", line.actual or Decimal(0)
        children = _children(code, codes_by_table[(line.fund_type, line.source_table)])
        groups[(line.fund_type, code)].setdefault(line.source_table, Printed(line, code, actual, children))
    return {key: list(by_table.values()) for key, by_table in groups.items() if len(by_table) > 1}


def _children(code: str, codes: set[str]) -> int:
    """How many printed lines of the same table the line adds up: the lowest lines below it (a 类 with
    one 款 of four 项 is the sum of four rounded figures); 0 for a line with nothing printed below it."""
    below = [c for c in codes if len(c) > len(code) and c.startswith(code)]
    return sum(1 for c in below if not any(len(d) > len(c) and d.startswith(c) for d in below))


def _message(ordered: list[Printed]) -> str:
    """The line's figure in each table, tables printing the same figure named together."""
    by_value: dict[Decimal, list[str]] = {}
    for printed in ordered:
        tables = by_value.setdefault(printed.actual, [])
        name = printed.line.source_table or "表格"
        if name not in tables:
            tables.append(name)
    line = ordered[-1].line
    parts = "，".join(f"在{'、'.join(tables)}中为{fmt(value)}万元" for value, tables in by_value.items())
    verdict = "二者不一致" if len(ordered) == 2 else "各表不一致"
    return f"{line.name_as_written or ordered[0].code}（{ordered[0].code}，{line.fund_type}）{parts}，{verdict}"
