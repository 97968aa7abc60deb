"""Each classification line's prose budgets and completion rate against the same code's table row.

Many provinces' 一般公共预算财政拨款支出决算表 print 年初预算 / 调整预算 (全年预算) / 决算 columns, and
the 2021+ national template prints 年初预算数 beside 决算数. The prose then states, line by line,
`年初预算为A万元，支出决算为B万元，完成年初预算的C%`. A figure stated on both sides is the same
number (决算数 is `consistency.prose_table`'s):

- `consistency.prose_budget` (error): the prose's 年初预算 or 全年预算 (调整预算) of a line against the
  table's column of the same code and fund type, agreeing at the coarser figure's precision (the prose
  writing `35万元` for 35.12 is fine).
- `consistency.prose_completion` (error; warning when off by one unit of its last digit): a completion
  rate the prose states without its own budget (`支出决算为352.7万元，完成预算100%`) against the table
  row's 决算 ÷ the budget the rate names (年初 or 全年; for a bare 完成预算 either column may be meant).
  A rate stated with its budget is `completion.pct`'s, and a table budget that differs from the prose's is
  reported above, so neither is reported twice.

Each finding names both places: the prose line (its evidence) and the table row.
"""

from __future__ import annotations

import re

from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Document, Evidence
from budget_reports.normalize import coarser_half_unit, money_half_unit
from budget_reports.rules.base import HUNDRED, check_pct, finding, fmt, fmt_pct, place_label
from budget_reports.rules.consistency import agree

BUDGET_RULE_ID = "consistency.prose_budget"
COMPLETION_RULE_ID = "consistency.prose_completion"
BUDGET_COLUMNS = {"budget_initial": "年初预算数", "budget_final": "全年预算数"}
# What budget a completion rate names: 完成年初预算的98.20%, 完成全年预算的100%, 完成调整预算的…
_RATE_BASE = re.compile(r"完成(年初|全年|调整后?)?预算(?:数)?的?\s*\d")
_BASE_COLUMN = {"年初": ("budget_initial",), "全年": ("budget_final",), "调整": ("budget_final",)}


def prose_budget(report: ExtractedReport, document: Document) -> list[Finding]:
    rows = _table_rows(report)
    findings: list[Finding] = []
    for line in report.expenditure_function:
        if line.source_kind is not SourceKind.NARRATIVE or not line.code:
            continue
        row = rows.get((line.fund_type, line.code))
        if row is None:
            continue
        findings.extend(_budgets(line, row))
        rate = _completion(line, row)
        if rate is not None:
            findings.append(rate)
    return findings


def _table_rows(report: ExtractedReport) -> dict[tuple[str, str], ExpenditureLine]:
    """(fund type, code) → the first table row printing a budget column for it."""
    rows: dict[tuple[str, str], ExpenditureLine] = {}
    for line in report.expenditure_function:
        printed = line.budget_initial is not None or line.budget_final is not None
        if line.source_kind is SourceKind.TABLE and line.code and printed:
            rows.setdefault((line.fund_type, line.code), line)
    return rows


def _where(row: ExpenditureLine) -> str:
    return place_label(row.source_table or "表格", row.evidence)


def _prose_place(evidence: Evidence) -> str:
    return place_label("文字说明", evidence)


def _budgets(line: ExpenditureLine, row: ExpenditureLine) -> list[Finding]:
    findings = []
    for field, label in BUDGET_COLUMNS.items():
        said, printed = getattr(line, field), getattr(row, field)
        if said is None or printed is None or agree(said, printed):
            continue
        message = (
            f"{line.code}（{row.name_as_written}）{label}在{_prose_place(line.evidence)}中为{fmt(said)}万元，"
            f"在{_where(row)}中为{fmt(printed)}万元，二者不一致"
        )
        findings.append(
            finding(
                BUDGET_RULE_ID,
                Severity.ERROR,
                line.code or "",
                message,
                line.evidence,
                fmt(printed),
                fmt(said),
                coarser_half_unit(said, printed),
            )
        )
    return findings


def _completion(line: ExpenditureLine, row: ExpenditureLine) -> Finding | None:
    declared = line.completion_pct_declared
    if declared is None or line.budget_initial is not None or line.budget_final is not None:
        return None  # no rate, or one stated with its budget (completion.pct)
    actual = row.actual if row.actual is not None else line.actual
    base = _RATE_BASE.search(line.evidence.snippet)
    either = ("budget_final", "budget_initial")
    columns = _BASE_COLUMN.get((base.group(1) or "")[:2], either) if base else either
    budgets = [b for c in columns if (b := getattr(row, c)) is not None and b != 0]
    if actual is None or not budgets:
        return None
    checks = [(b, check_pct(declared, actual, b, money_half_unit(actual), money_half_unit(b))) for b in budgets]
    if any(check.severity is None for _, check in checks):
        return None
    # Of two budget columns the rate could name, the one giving the nearest rate is the one reported.
    budget, check = min(checks, key=lambda item: abs(actual / item[0] * HUNDRED - declared))
    severity = check.severity or Severity.ERROR
    expected = fmt_pct(actual / budget * HUNDRED, declared)
    message = (
        f"{line.code}（{row.name_as_written}）在{_prose_place(line.evidence)}中写完成预算{fmt(declared)}%，"
        f"按{_where(row)}所列决算数{fmt(actual)}万元÷预算数{fmt(budget)}万元计算应为{expected}%"
    )
    return finding(
        COMPLETION_RULE_ID, severity, line.code or "", message, line.evidence, expected, fmt(declared), check.tolerance
    )
