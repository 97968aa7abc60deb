"""Indicator targets written as sentences: the one clear figure is kept, several or none stay NULL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache

import pytest

from budget_reports.extract.performance import extract_performance
from budget_reports.extract.performance.sentences import same_sentence, sentence_value
from budget_reports.facts import ExtractedReport, ParseStatus, PerformanceIndicator, ReportInfo
from budget_reports.readers import read_document
from tests.conftest import SEED_DIR

S000 = "000_1ca1b4d95d915062.txt"
S001 = "001_8af6c6b53bb795b2.txt"
S003 = "003_397564467219909d.txt"
S004 = "004_127aded49d8bfbe3.txt"


@cache
def indicators(seed: str) -> dict[int, PerformanceIndicator]:
    document = read_document(SEED_DIR / seed, seed)
    info = ReportInfo(seed, seed, "-", "text", ParseStatus.OK, "test", datetime(2026, 1, 1), 0)
    report = ExtractedReport(report=info)
    extract_performance(document, report)
    return {i.evidence.line: i for i in report.performance_indicators if i.target_text is not None}


def printed_line(seed: str, line: int) -> str:
    return (SEED_DIR / seed).read_text(encoding="utf-8").split("\n")[line - 1].strip()


def assert_row(seed: str, line: int, target: str | None, actual: str | None, unit: str | None, sign: str | None):
    row = indicators(seed)[line]
    assert row.target_text is not None and row.target_text in printed_line(seed, line + 1)
    expected = (None if target is None else Decimal(target), None if actual is None else Decimal(actual), unit, sign)
    assert (row.target_value, row.actual_value, row.value_unit, row.comparator) == expected, row
    if target is not None:
        assert str(row.target_value) == target  # as printed, no trailing zeros added or lost


@pytest.mark.parametrize(
    ("seed", "line", "target", "actual", "sign"),
    [
        (S001, 1132, "95", "95", "≥"),  # 抽样调查参与者基本满意达95%以上
        (S001, 1266, "95", "95", "≥"),
        (S001, 1429, "95", "95", "≥"),
        (S001, 1560, "95", "95", "≥"),
        (S003, 313, "100", "100", None),  # 保障率为100%
        (S003, 346, "80", "80", None),  # 市直机关各个单位参与率为80%；
        (S003, 356, "100", "100", None),  # 指标5：市直机关各单位参与率为100%
        (S003, 574, "95", "95", "≥"),  # 参加培训的合格率保障到95%以上
        (S003, 596, "100", "100", None),  # 保障满意率为100%
    ],
)
def test_rate_stated_in_a_sentence(seed: str, line: int, target: str, actual: str, sign: str | None) -> None:
    assert_row(seed, line, target, actual, "%", sign)


def test_result_sentence_about_something_else_keeps_no_number() -> None:
    # 003 line 627: target 满意率达到90%以上, result 全程接种率接近100% — another rate, and approximate.
    assert_row(S003, 627, "90", None, "%", "≥")


@pytest.mark.parametrize(
    ("seed", "line"),
    [
        (S003, 323),  # 参与率为90%；…参与率为30%；  two rates
        (S003, 336),  # 对市直84家…督查率为100%  a count and a rate
        (S003, 500),  # 较上年度下降30%以上  a change, not a level
        (S003, 606),  # 满意率100%；…满意率95%；
        (S004, 1244),  # 优（贯彻落实完成率100%）  the target is the grade
        (S004, 1428),  # 优（工作干劲100%）
    ],
)
def test_rates_that_stay_null(seed: str, line: int) -> None:
    assert indicators(seed)[line].target_value is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "sign"),
    [
        ("完成率达到95%以上", "95", "%", "≥"),
        ("满意度≥95%", "95", "%", "≥"),
        ("市直机关广大党员民意调查满意率达到90%以上", "90", "%", "≥"),
    ],
)
def test_sentence_value(text: str, value: str, unit: str, sign: str | None) -> None:
    parsed = sentence_value(text)
    assert parsed is not None
    assert (str(parsed.value), parsed.unit, parsed.comparator) == (value, unit, sign)


@pytest.mark.parametrize(
    "text",
    [
        "1个镇、5个街道",
        "举办约70人的基层党组织书记培训班。",
        "成立E信通党员慰问平台，发送短信9000余人次",
        "人员经费平均为18.14万每人每年",
        "2021年全年",
        "计划对市直97家正处级单位及二级机构的工作纪律进行五到六次不定期工作纪律巡查巡查经费",
        "较上年度下降30%以上",
        "全程接种率接近100%。",
        "好（建立产业发展团队1个）",
        "",
        None,
    ],
)
def test_sentences_without_one_clear_figure(text: str | None) -> None:
    assert sentence_value(text) is None


def test_same_sentence_differs_only_in_figures() -> None:
    assert same_sentence("全区村（社区）党员8002人全覆盖培训", "全区村（社区）党员8094人全覆盖培训")
    assert not same_sentence("满意率达到90%以上", "全程接种率接近100%。")
    assert not same_sentence("开展2次活动", None)
