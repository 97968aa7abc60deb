"""Classification rules and the code-filling step, on lines as the seeds write them (with their evidence)."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from decimal import Decimal

import pytest

from budget_reports.extract import EXTRACTORS
from budget_reports.extract.resolve_codes import resolve_codes
from budget_reports.facts import (
    EconomicLine,
    ExpenditureLine,
    ExtractedReport,
    ParseStatus,
    ReportInfo,
    Severity,
    SourceKind,
)
from budget_reports.model import Document, Evidence
from budget_reports.readers import read_document
from budget_reports.rules import RULES
from budget_reports.rules.classification import (
    CODE_UNKNOWN,
    EDITION_FALLBACK,
    NAME_OF_OTHER_CODE,
    NOT_IN_REFERENCE,
    OUTDATED_NAME,
    UNRESOLVED,
    WRONG_PARENT,
    classification_rules,
)
from tests.conftest import SEED_DIR

GENERAL = "一般公共预算财政拨款"


def _document(stem: str) -> Document:
    path = next(SEED_DIR.glob(f"{stem}*.txt"))
    return read_document(path, path.name)


def _evidence(document: Document, text: str) -> Evidence:
    """Evidence of the block where the seed writes ``text`` (fails if it does not, so cases stay real)."""
    for block in document.blocks:
        if text in block.text:
            return Evidence.of(document, block, text)
    raise AssertionError(f"{text} not in {document.source_file}")


def _line(document: Document, text: str, level: str, **values) -> ExpenditureLine:
    values.setdefault("source_kind", SourceKind.NARRATIVE)
    return ExpenditureLine(GENERAL, level, text, _evidence(document, text), **values)


def _report(document: Document, year: int | None, lines: list[ExpenditureLine]) -> ExtractedReport:
    info = ReportInfo(
        report_id="0" * 16,
        source_file=document.source_file,
        file_sha256="0" * 64,
        file_format="text",
        parse_status=ParseStatus.OK,
        parser_version="test",
        ingested_at=datetime(2026, 1, 1),
        file_size_bytes=1,
        fiscal_year=year,
    )
    return ExtractedReport(report=info, expenditure_function=list(lines))


def _run(document: Document, year: int | None, lines: list[ExpenditureLine]) -> tuple[ExtractedReport, list]:
    report = _report(document, year, lines)
    resolve_codes(document, report)
    return report, classification_rules(report, document)


def test_the_step_and_the_rules_are_registered_last_and_once() -> None:
    assert EXTRACTORS[-1] is resolve_codes
    assert RULES.count(classification_rules) == 1


def test_resolved_lines_get_codes_and_official_names_and_nothing_else_changes() -> None:
    doc = _document("000")
    line = _line(
        doc,
        "社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
        "项",
        budget_initial=Decimal("27.12"),
        actual=Decimal("27.12"),
    )
    report, findings = _run(doc, 2021, [line])
    filled = report.expenditure_function[0]
    assert (filled.code, filled.class_code, filled.kuan_code, filled.xiang_code) == (
        "2080505",
        "208",
        "20805",
        "2080505",
    )
    assert (filled.class_name, filled.kuan_name, filled.xiang_name) == (
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位基本养老保险缴费支出",
    )
    untouched = {f.name for f in fields(line)} - {"code", "class_code", "class_name", "kuan_code", "kuan_name"}
    untouched -= {"xiang_code", "xiang_name"}
    assert all(getattr(filled, name) == getattr(line, name) for name in untouched)
    assert findings == []


def test_an_unresolvable_name_keeps_code_null_and_is_a_warning() -> None:
    doc = _document("002")
    text = "社会保障和就业（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）"
    report, findings = _run(doc, 2023, [_line(doc, text, "项")])
    assert report.expenditure_function[0].code is None
    assert report.expenditure_function[0].kuan_code == "20805"  # the parent it names does exist
    unresolved = [f for f in findings if f.rule_id == UNRESOLVED]
    assert len(unresolved) == 1
    assert unresolved[0].severity is Severity.WARNING
    assert "未归口管理的行政单位离退休" in unresolved[0].message
    assert unresolved[0].evidence.source_file == doc.source_file and unresolved[0].evidence.line is not None


def test_a_resolvable_name_has_no_unresolved_finding() -> None:
    doc = _document("004")
    _, findings = _run(doc, 2023, [_line(doc, "农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）", "款")])
    assert [f for f in findings if f.rule_id == UNRESOLVED] == []


def test_an_earlier_editions_name_is_reported_as_outdated() -> None:
    doc = _document("002")
    text = "医疗卫生与计划生育（类）行政事业单位医疗（款）公务员医疗补助（项）"
    report, findings = _run(doc, 2023, [_line(doc, text, "项")])
    assert report.expenditure_function[0].code == "2101103"
    assert [(f.rule_id, f.severity, f.expected) for f in findings] == [(OUTDATED_NAME, Severity.INFO, "卫生健康支出")]
    assert "旧科目名称" in findings[0].message


@pytest.mark.parametrize(
    ("code", "printed", "severity"),
    [
        ("21506", "安全生产监管", Severity.ERROR),  # a 款 abolished in 2019 (002 still names it)
        ("2080504", "未归口管理的行政单位离退休", Severity.WARNING),  # 项: the reference lists 项 partly
    ],
)
def test_a_code_missing_from_the_years_edition_is_reported(code: str, printed: str, severity: Severity) -> None:
    doc = _document("002")
    level = "款" if len(code) == 5 else "项"
    line = ExpenditureLine(GENERAL, level, printed, _evidence(doc, printed), SourceKind.TABLE, code=code)
    _, findings = _run(doc, 2023, [line])
    unknown = [f for f in findings if f.rule_id == CODE_UNKNOWN]
    assert [(f.severity, f.actual) for f in unknown] == [(severity, code)]
    assert "2023 年版" in unknown[0].message


def test_a_code_of_the_years_edition_passes() -> None:
    doc = _document("000")
    line = _line(doc, "住房公积金", "项", code="2210201", source_kind=SourceKind.TABLE)
    _, findings = _run(doc, 2021, [line])
    assert findings == []


def test_a_kuan_named_under_another_class_is_a_wrong_parent() -> None:
    doc = _document("000")
    # The seed's own line, with the 类 of the line before it: 行政事业单位医疗 is a 款 of 210, not of 208.
    text = "行政事业单位医疗（款）行政单位医疗（项）"
    evidence = _evidence(doc, text)
    line = ExpenditureLine(GENERAL, "项", "社会保障和就业支出（类）" + text, evidence, SourceKind.NARRATIVE)
    report, findings = _run(doc, 2021, [line])
    assert report.expenditure_function[0].code is None
    wrong = [f for f in findings if f.rule_id == WRONG_PARENT]
    assert [(f.severity, f.expected, f.actual) for f in wrong] == [(Severity.ERROR, "210", "208")]


def test_a_table_line_listed_under_another_kuan_is_a_wrong_parent() -> None:
    doc = _document("000")
    evidence = _evidence(doc, "行政单位医疗")
    wrong = ExpenditureLine(
        GENERAL, "项", "行政单位医疗", evidence, SourceKind.TABLE, code="2101101", kuan_code="20805"
    )
    right = ExpenditureLine(
        GENERAL, "项", "行政单位医疗", evidence, SourceKind.TABLE, code="2101101", kuan_code="21011"
    )
    _, wrong_findings = _run(doc, 2021, [wrong])
    _, right_findings = _run(doc, 2021, [right])
    assert [(f.rule_id, f.expected, f.actual) for f in wrong_findings] == [(WRONG_PARENT, "21011", "20805")]
    assert right_findings == []


@pytest.mark.parametrize(
    ("printed", "code", "expected"),
    [
        ("机关事业单位基本养老保险缴", "2080505", []),  # truncated by the table: fine
        ("住房公积金", "2210203", [(NAME_OF_OTHER_CODE, Severity.ERROR, "购房补贴")]),
    ],
)
def test_printed_names_are_checked_against_the_codes_name(printed: str, code: str, expected: list) -> None:
    doc = _document("000")
    line = ExpenditureLine(GENERAL, "项", printed, _evidence(doc, printed), SourceKind.TABLE, code=code)
    _, findings = _run(doc, 2021, [line])
    assert [(f.rule_id, f.severity, f.expected) for f in findings] == expected


def test_a_year_outside_the_reference_is_checked_against_the_nearest_edition_and_said() -> None:
    doc = _document("000")
    text = "住房保障（类）住房改革（款）住房公积金（项）"
    report, findings = _run(doc, 2016, [_line(doc, text, "项")])
    assert report.expenditure_function[0].code == "2210201"
    assert [(f.rule_id, f.severity) for f in findings] == [(EDITION_FALLBACK, Severity.INFO)]
    assert "2019 年版" in findings[0].message
    _, in_range = _run(doc, 2021, [_line(doc, text, "项")])
    assert in_range == []


def test_prose_lists_resolve_their_continued_lines_in_order() -> None:
    doc = _document("001")
    lines = [
        _line(doc, "一般公共服务（类）组织事务（款）行政运行（项）", "项"),
        _line(doc, "一般行政管理事务（项）", "项"),
        _line(doc, "事业运行（项）", "项"),
    ]
    report, findings = _run(doc, 2021, lines)
    assert [line.code for line in report.expenditure_function] == ["2013201", "2013202", "2013250"]
    assert findings == []


def test_economic_lines_get_their_group_and_code() -> None:
    doc = _document("000")
    evidence = _evidence(doc, "住房公积金")
    report = _report(doc, 2021, [])
    report.expenditure_economic += [
        EconomicLine("301 13", "住房公积金", None, Decimal("10.5"), evidence),
        EconomicLine(None, "办公费", None, Decimal("1.2"), evidence),
        EconomicLine(None, "房屋建筑物购建", None, Decimal("3"), evidence),  # 309 and 310 both have it
    ]
    resolve_codes(doc, report)
    assert [(e.code, e.group, e.amount) for e in report.expenditure_economic] == [
        ("30113", "人员经费", Decimal("10.5")),
        ("30201", "公用经费", Decimal("1.2")),
        (None, None, Decimal("3")),
    ]


@pytest.mark.parametrize(
    ("code", "printed", "expected"),
    [
        ("301 13", "住房公积金", []),
        ("302 12", "因 公 出 国 （ 境 ） 费\n用", []),  # spaced and wrapped as the Putuo table prints it
        ("30113", "医疗费", [(NAME_OF_OTHER_CODE, Severity.ERROR, "住房公积金")]),  # 医疗费 is 30114
        # Unknown code under a known 类 with a name of its own: most likely a code the reference lacks.
        ("30250", "其他费用", [(NOT_IN_REFERENCE, Severity.INFO, "2021 年版部门预算支出经济分类编码")]),
        # ... but printed with a known code's name, the code is what is wrong.
        ("30250", "办公费", [(CODE_UNKNOWN, Severity.WARNING, "2021 年版部门预算支出经济分类编码")]),
    ],
)
def test_printed_economic_codes_are_checked(code: str, printed: str, expected: list) -> None:
    doc = _document("000")
    report = _report(doc, 2021, [])
    report.expenditure_economic.append(EconomicLine(code, printed, None, Decimal("1"), _evidence(doc, "住房公积金")))
    findings = classification_rules(report, doc)
    assert [(f.rule_id, f.severity, f.expected) for f in findings] == expected


def test_table_rows_without_codes_take_their_parents_from_the_rows_above() -> None:
    doc = _document("001")
    evidence = _evidence(doc, "组织事务")
    rows = [
        ExpenditureLine(GENERAL, "类", "一般公共服务支出", evidence, SourceKind.TABLE, source_table="支出决算表"),
        ExpenditureLine(GENERAL, "款", "组织事务", evidence, SourceKind.TABLE, source_table="支出决算表"),
        ExpenditureLine(GENERAL, "项", "行政运行", evidence, SourceKind.TABLE, source_table="支出决算表"),
        ExpenditureLine(GENERAL, "项", "一般行政管理事务", evidence, SourceKind.TABLE, source_table="支出决算表"),
    ]
    report, findings = _run(doc, 2021, rows)
    assert [line.code for line in report.expenditure_function] == ["201", "20132", "2013201", "2013202"]
    assert findings == []
    # The same 项 row alone, with nothing above it, cannot be placed: it stays unresolved.
    alone, alone_findings = _run(doc, 2021, rows[2:3])
    assert alone.expenditure_function[0].code is None
    assert [f.rule_id for f in alone_findings] == [UNRESOLVED]
