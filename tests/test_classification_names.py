"""Names against codes: every 类/款/项 name a report prints is checked against the code's name in the
edition of the report's year. For each variant, a real report passes as it is and fails once the
error is written into its text (prose) or its table line (the Putuo PDF), through the real pipeline.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from budget_reports.classification.resolver import IssueKind, resolve
from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.ingest import discover, process_file
from budget_reports.readers import read_document
from budget_reports.rules.classification import (
    NAME_NEAR_MISS,
    NAME_OF_OTHER_CODE,
    OUTDATED_NAME,
    WRONG_PARENT,
    classification_rules,
)
from tests.conftest import SEED_DIR, corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def _process(folder: Path) -> ExtractedReport:
    (raw,) = discover(folder)
    return process_file(raw)


def _seed_report(tmp_path: Path, stem: str, real: str | None = None, written: str | None = None) -> ExtractedReport:
    """The seed through the whole pipeline, with ``real`` replaced by ``written`` once (it must be there)."""
    source = next(SEED_DIR.glob(f"{stem}*.txt"))
    text = source.read_text(encoding="utf-8")
    if real is not None:
        assert text.count(real) >= 1, real
        text = text.replace(real, written, 1)
    folder = tmp_path / "raw"
    folder.mkdir(parents=True)
    (folder / source.name).write_text(text, encoding="utf-8")
    return _process(folder)


def _names_findings(report: ExtractedReport) -> list[Finding]:
    return [f for f in report.findings if f.rule_id.startswith("classification.")]


def _line_of(stem: str, text: str) -> int:
    seed = next(SEED_DIR.glob(f"{stem}*.txt")).read_text(encoding="utf-8")
    return next(i for i, line in enumerate(seed.splitlines(), start=1) if text in line)


@pytest.mark.parametrize(
    ("stem", "real", "written", "rule", "severity", "subject", "expected"),
    [
        # An earlier edition's name: 210 is 卫生健康支出 since 2019.
        (
            "000",
            "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）",
            "医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）",
            OUTDATED_NAME,
            Severity.INFO,
            "210",
            "卫生健康支出",
        ),
        # A 项 written under a 款 it does not belong to: 其他组织事务支出 is 2013299, under 组织事务.
        (
            "004",
            "一般公共服务支出（类）组织事务（款）其他组织事务支出（项）",
            "一般公共服务支出（类）宣传事务（款）其他组织事务支出（项）",
            WRONG_PARENT,
            Severity.ERROR,
            "其他组织事务支出",
            "20132",
        ),
        # A near-miss name (two characters transposed).
        (
            "000",
            "卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗支出（项）",
            "卫生健康支出（类）行政事业单位医疗（款）其他事业行政单位医疗支出（项）",
            NAME_NEAR_MISS,
            Severity.WARNING,
            "2101199",
            "其他行政事业单位医疗支出",
        ),
        # A near-miss name (a wrong character).
        (
            "004",
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）",
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年经缴费支出（项）",
            NAME_NEAR_MISS,
            Severity.WARNING,
            "2080506",
            "机关事业单位职业年金缴费支出",
        ),
    ],
)
def test_prose_names_against_codes(
    tmp_path: Path, stem: str, real: str, written: str, rule: str, severity: Severity, subject: str, expected: str
) -> None:
    assert _names_findings(_seed_report(tmp_path / "as-is", stem)) == []
    report = _seed_report(tmp_path / "injected", stem, real, written)
    found = [(f.rule_id, f.severity, f.subject, f.expected) for f in _names_findings(report)]
    assert found == [(rule, severity, subject, expected)]
    finding = _names_findings(report)[0]
    assert finding.evidence.line == _line_of(stem, real)
    assert finding.evidence.source_file.startswith(stem)


@cache
def _putuo() -> ExtractedReport:
    (raw,) = [r for r in discover(corpus_file(PUTUO).parent) if r.source_file == PUTUO]
    return process_file(raw)


def _putuo_with(name_of: dict[str, str]) -> tuple[ExtractedReport, list[Finding]]:
    """The Putuo report with the table lines of the given codes printing another name."""
    report = _putuo()
    copy = ExtractedReport(report=report.report)
    copy.expenditure_economic = list(report.expenditure_economic)
    copy.expenditure_function = [
        replace(line, name_as_written=name_of[line.code])
        if line.source_kind == "table" and line.code in name_of
        else line
        for line in report.expenditure_function
    ]
    document = read_document(corpus_file(PUTUO), PUTUO)
    return copy, classification_rules(copy, document)


def test_the_putuo_tables_print_every_code_with_its_name() -> None:
    _, findings = _putuo_with({})
    assert findings == []


def test_a_table_code_printed_with_another_codes_name_is_an_error_with_the_expected_name() -> None:
    # 2080505 printed with 2080506's name, as a shifted column of names would print it.
    report, findings = _putuo_with({"2080505": "机关事业单位职业年金缴费支出"})
    swapped = [line for line in report.expenditure_function if line.code == "2080505" and line.source_kind == "table"]
    assert [(f.rule_id, f.severity, f.subject, f.expected) for f in findings] == [
        (NAME_OF_OTHER_CODE, Severity.ERROR, "2080505", "机关事业单位基本养老保险缴费支出")
    ] * len(swapped)
    assert "2080506" in findings[0].message
    assert {f.evidence.page for f in findings} == {line.evidence.page for line in swapped}


def test_a_table_code_printed_with_a_near_miss_is_a_warning_naming_the_code() -> None:
    _, findings = _putuo_with({"2010608": "财政委托业物支出"})
    assert {(f.rule_id, f.severity, f.subject, f.expected) for f in findings} == {
        (NAME_NEAR_MISS, Severity.WARNING, "2010608", "财政委托业务支出")
    }


def test_a_table_class_printed_with_its_pre_2019_name_is_outdated() -> None:
    _, findings = _putuo_with({"210": "医疗卫生与计划生育支出"})
    assert {(f.rule_id, f.severity, f.subject, f.expected) for f in findings} == {
        (OUTDATED_NAME, Severity.INFO, "210", "卫生健康支出")
    }


@pytest.mark.parametrize(
    ("code", "printed", "owner"),
    [
        ("2050302", "高等职业教育", "2050305"),  # one character from 中等职业教育, but a code of its own
        ("2082101", "农村特困人员救助供养支出", "2082102"),
        ("30701", "国外债务付息", "30702"),
    ],
)
def test_another_codes_name_is_never_taken_for_a_near_miss(code: str, printed: str, owner: str) -> None:
    scheme = "economic" if code.startswith("3") else "function"
    level = {3: "类", 5: "款", 7: "项"}[len(code)]
    issue = resolve(printed, level, 2024, code=code, scheme=scheme).issues[0]
    assert issue.kind is IssueKind.OTHER_CODES_NAME and owner in issue.detail
