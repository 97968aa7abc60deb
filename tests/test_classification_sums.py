"""Sums never drop a line because the reference does not know its code.

The Putuo PDF's tables close every 类/款/项 sum. With one 项 code changed to a code the reference
lacks (under its real 款), the sums still close: the line is placed by the code it prints, and the
only new finding is the info that the reference lacks the code. Dropping the line instead breaks
its 款's sum, which shows the check can fail.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.ingest import discover, process_file
from budget_reports.readers import read_document
from budget_reports.rules import RULES
from budget_reports.rules.classification import NOT_IN_REFERENCE
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
KNOWN, UNKNOWN = "2010608", "2010698"  # 财政委托业务支出, and a 项 code of 20106 the reference lacks
LOCAL_NAME = "财政绩效管理支出"  # a name no code of the edition has


@cache
def _report() -> ExtractedReport:
    (raw,) = [r for r in discover(corpus_file(PUTUO).parent) if r.source_file == PUTUO]
    return process_file(raw)


def _findings(lines: list) -> list[Finding]:
    report = _report()
    copy = ExtractedReport(report=report.report)
    copy.summary_metrics = list(report.summary_metrics)
    copy.income = list(report.income)
    copy.expenditure_economic = list(report.expenditure_economic)
    copy.expenditure_function = lines
    document = read_document(corpus_file(PUTUO), PUTUO)
    return [f for rule in RULES for f in rule(copy, document)]


def _sums(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.rule_id, f.subject) for f in findings if f.rule_id.startswith("sum.")}


def test_a_line_with_an_unknown_code_still_counts_in_its_sums() -> None:
    lines = _report().expenditure_function
    assert sum(1 for line in lines if line.code == KNOWN) >= 2  # printed in several tables
    renamed = [
        replace(line, code=UNKNOWN, xiang_code=UNKNOWN, name_as_written=LOCAL_NAME) if line.code == KNOWN else line
        for line in lines
    ]
    before, after = _findings(list(lines)), _findings(renamed)
    assert _sums(after) == _sums(before)
    new = [(f.rule_id, f.severity, f.subject) for f in after if f not in before]
    assert new == [(NOT_IN_REFERENCE, Severity.INFO, UNKNOWN)]  # once per report, not per table


def test_the_sums_would_break_without_that_line() -> None:
    lines = _report().expenditure_function
    dropped = [line for line in lines if line.code != KNOWN]
    assert _sums(_findings(dropped)) - _sums(_findings(list(lines)))
