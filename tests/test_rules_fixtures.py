"""Builders for the rule tests (facts as the extractors state them, with evidence), and tests of the
rules' shared arithmetic: printed precision, interval checks of percentages, Chinese numerals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from budget_reports.facts import (
    ExpenditureLine,
    ExtractedReport,
    Finding,
    IncomeLine,
    ParseStatus,
    ReportInfo,
    Severity,
    SourceKind,
    SummaryMetric,
)
from budget_reports.model import Block, BlockKind, Document, Evidence
from budget_reports.normalize import money_half_unit, printed_step
from budget_reports.rules.base import check_pct, fmt_sum, name_key
from budget_reports.rules.numbering import chinese_number

D = Decimal
SOURCE = "seed.txt"


def ev(line: int, snippet: str = "") -> Evidence:
    return Evidence(SOURCE, None, line, snippet)


def report(**facts: list) -> ExtractedReport:
    info = ReportInfo("r1", SOURCE, "0" * 64, "text", ParseStatus.OK, "test", datetime(2024, 1, 1), 1)
    return ExtractedReport(report=info, **facts)


def document(*headings: tuple[int, str]) -> Document:
    """A document holding only the given (line, text) headings: enough to place facts in sections."""
    blocks = [Block(BlockKind.HEADING, text, None, line) for line, text in headings]
    return Document(SOURCE, "text", blocks)


def metric(name: str, value: str | None, line: int, unit: str = "万元", **fields: str) -> SummaryMetric:
    values = {k: D(v) for k, v in fields.items() if k != "scope"}
    return SummaryMetric(
        name, D(value) if value is not None else None, unit, ev(line, name), scope=fields.get("scope"), **values
    )


def table_metric(name: str, value: str, line: int) -> SummaryMetric:
    return SummaryMetric(name, D(value), "万元", ev(line, name), source_kind=SourceKind.TABLE)


def income(source: str, amount: str, line: int, share: str | None = None) -> IncomeLine:
    return IncomeLine(source, D(amount), ev(line, source), D(share) if share else None)


def line(level: str, name: str, actual: str, at: int, **fields: str) -> ExpenditureLine:
    """A prose 类/款/项 line of 一般公共预算财政拨款, as the report writes it."""
    kind = SourceKind(fields.pop("source_kind", "narrative"))
    fund = fields.pop("fund_type", "一般公共预算财政拨款")
    code = fields.pop("code", None)
    values = {k: D(v) for k, v in fields.items()}
    return ExpenditureLine(fund, level, name, ev(at, name), kind, code=code, actual=D(actual), **values)


def keys(findings: list[Finding], severity: Severity | None = None) -> set[tuple[str, str]]:
    return {(f.rule_id, f.subject) for f in findings if severity is None or f.severity is severity}


@pytest.mark.parametrize(
    ("printed", "unit"), [("64.88", "0.01"), ("27.3", "0.1"), ("86", "1"), ("0.096", "0.001"), ("100.00", "0.01")]
)
def test_printed_step_is_one_unit_of_the_last_printed_digit(printed: str, unit: str) -> None:
    assert printed_step(D(printed)) == D(unit)


def test_money_is_exact_to_a_cent_even_without_trailing_zeros() -> None:
    assert money_half_unit(D("27.3")) == D("0.005")
    assert money_half_unit(D("35")) == D("0.005")
    assert money_half_unit(D("0.096")) == D("0.0005")


def test_computed_sum_printed_at_the_addends_precision() -> None:
    assert fmt_sum(D("64.89"), [D("27.3"), D("25.06"), D("12.53")]) == "64.89"
    assert fmt_sum(D("290.00"), [D("13"), D("8.2"), D("268.80")]) == "290.00"


@pytest.mark.parametrize(
    ("declared", "numerator", "denominator", "severity"),
    [
        ("4.2", "93.21", "2246.12", None),  # 4.1498…%: within the rounding of the printed amounts
        ("28.13", "91.43", "324.96", None),  # 28.1357…%: truncated, within 0.01 point
        ("86", "436.91", "508.65", None),  # 85.896…% printed without decimals
        ("1.2", "0.92", "72.7", Severity.WARNING),  # 1.2655%: one unit off, pushed to make 100%
        ("78.1", "711.95", "912.26", Severity.WARNING),  # 78.04%
        ("0", "35", "35", Severity.ERROR),  # execution rate 0 for 35 of 35 executed
        ("5", "64.88", "609.89", Severity.ERROR),  # 10.64%, far beyond rounding
    ],
)
def test_declared_percentages_checked_against_the_rounding_of_their_inputs(
    declared: str, numerator: str, denominator: str, severity: Severity | None
) -> None:
    num, den = D(numerator), D(denominator)
    check = check_pct(D(declared), num, den, money_half_unit(num), money_half_unit(den))
    assert check.severity is severity


def test_name_key_ignores_level_marks_and_the_word_expenditure() -> None:
    assert name_key("一般公共服务（类）支出") == name_key("一般公共服务支出（类）") == name_key("一般公共服务")
    assert name_key("社会保障和就业支出") == "社会保障和就业"


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("一百零五", 105)])
def test_chinese_numbers(text: str, value: int) -> None:
    assert chinese_number(text) == value
