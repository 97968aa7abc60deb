"""`share.declared`: a declared share (占X%) equals amount / total; `share.total`: the declared shares
of a complete breakdown add up to 100.

A declared share is checked with interval arithmetic (see ``base.PctCheck``): amounts are known to
± half a cent, so 占4.2% for 93.21 / 2246.12 (4.1498…%) is accepted, while 占1.2% for
0.92 / 72.70 (1.2655%) is not. A share off by at most one unit of its last digit is a warning: reports
commonly push one rounded share so that the breakdown prints as exactly 100%.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from budget_reports import metric_names
from budget_reports.facts import ExtractedReport, Finding, Severity, SourceKind
from budget_reports.model import Document, Evidence
from budget_reports.normalize import money_half_unit, printed_step, sum_breach
from budget_reports.rules import metrics as m
from budget_reports.rules.base import HUNDRED, PCT_FLOOR, check_pct, finding, fmt, fmt_pct
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.hierarchy import class_groups, display_name
from budget_reports.rules.sections import Sections


@dataclass(frozen=True, slots=True)
class Share:
    subject: str
    amount: Decimal
    declared: Decimal
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Breakdown:
    total_name: str
    total: Decimal
    shares: list[Share]
    complete: bool  # every part of the total is listed (the amounts add up to it)


def share_rules(report: ExtractedReport, document: Document) -> list[Finding]:
    findings: list[Finding] = []
    for breakdown in _breakdowns(report, Sections(document)):
        for share in breakdown.shares:
            findings.extend(_declared(breakdown, share))
        findings.extend(_total(breakdown))
    return findings


def _breakdowns(report: ExtractedReport, sections: Sections) -> list[Breakdown]:
    index = MetricIndex(report, sections)
    result: list[Breakdown] = []
    # Summary metrics, each against its own total (基本支出 of 本年支出合计 …).
    for kind in SourceKind:
        by_total: dict[int, tuple[str, Decimal, list[Share]]] = {}
        for name in index.names(kind):
            for part in index.statements(kind, name):
                total = index.total_for(kind, metric_names.SHARE_OF.get(name, ""), part.evidence, index.is_unique(part))
                if part.share_pct_declared is None or part.value is None or total is None or total.value is None:
                    continue
                entry = by_total.setdefault(id(total), (total.metric, total.value, []))
                entry[2].append(Share(name, part.value, part.share_pct_declared, part.evidence))
        result.extend(_breakdown(name, value, shares) for name, value, shares in by_total.values())
    # Income sources against 本年收入合计.
    incomes: dict[tuple, list] = defaultdict(list)
    for line in report.income:
        incomes[(line.source_kind, sections.of(line.evidence))].append(line)
    for (kind, _), lines in incomes.items():
        total = index.total_for(kind, metric_names.INCOME_TOTAL, lines[0].evidence)
        shares = [
            Share(ln.source, ln.amount, ln.share_pct_declared, ln.evidence)
            for ln in lines
            if ln.amount is not None and ln.share_pct_declared is not None
        ]
        if total is not None and total.value is not None and shares:
            result.append(_breakdown(metric_names.INCOME_TOTAL, total.value, shares, [ln.amount for ln in lines]))
    # 类 lines against their fund type's total.
    for (fund_type, kind), lines in class_groups(report, sections):
        name = m.FUND_TOTAL[fund_type]
        total = index.total_for(kind, name, lines[0].evidence)
        shares = [
            Share(display_name(ln), ln.actual, ln.share_pct_declared, ln.evidence)
            for ln in lines
            if ln.share_pct_declared is not None
        ]
        if total is not None and total.value is not None and shares:
            result.append(_breakdown(name, total.value, shares, [ln.actual for ln in lines]))
    return result


def _breakdown(name: str, total: Decimal, shares: list[Share], amounts: list | None = None) -> Breakdown:
    amounts = amounts if amounts is not None else [s.amount for s in shares]
    complete = (
        len(amounts) == len(shares)
        and all(a is not None for a in amounts)
        and not sum_breach(amounts, total, money_half_unit(total))
    )
    return Breakdown(name, total, shares, complete)


def _declared(breakdown: Breakdown, share: Share) -> list[Finding]:
    if breakdown.total == 0:
        return []
    check = check_pct(
        share.declared, share.amount, breakdown.total, money_half_unit(share.amount), money_half_unit(breakdown.total)
    )
    severity = check.severity
    if severity is None:
        return []
    computed = share.amount / breakdown.total * HUNDRED
    expected = fmt_pct(computed, share.declared)
    message = (
        f"{share.subject}占{breakdown.total_name}的比重写为{fmt(share.declared)}%，"
        f"按{fmt(share.amount)}万元÷{fmt(breakdown.total)}万元计算应为{expected}%"
    )
    if severity is Severity.WARNING:
        message += "（差一个末位单位，可能为凑足100%而调整的尾数）"
    return [
        finding(
            "share.declared",
            severity,
            share.subject,
            message,
            share.evidence,
            expected,
            fmt(share.declared),
            check.tolerance,
        )
    ]


def _total(breakdown: Breakdown) -> list[Finding]:
    """Independently rounded shares of a complete breakdown add to 100 within their rounding."""
    if not breakdown.complete or len(breakdown.shares) < 2 or breakdown.total == 0:
        return []
    declared = [s.declared for s in breakdown.shares]
    tolerance = max(sum((printed_step(d) / 2 for d in declared), Decimal(0)), PCT_FLOOR)
    total = sum(declared, Decimal(0))
    if abs(total - HUNDRED) <= tolerance:
        return []
    message = f"{breakdown.total_name}各组成部分的占比合计为{fmt(total)}%，不等于100%"
    evidence = breakdown.shares[0].evidence
    return [
        finding("share.total", Severity.ERROR, breakdown.total_name, message, evidence, "100", fmt(total), tolerance)
    ]
