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
    ("seed", "line", "target", "actual", "unit", "sign"),
    [
        (S000, 484, "50", "50", "件次", "≥"),  # 搬运等服务人工费50件次以上
        (S000, 773, "4", "4", "场", None),  # 举办4场机关读书分享会
        (S000, 780, "2", "2", "次", None),  # 开展2次活动
        (S000, 787, "10", "10", "次", None),  # 定期开展10次活动
        (S000, 955, "100", "100", "元/次", None),  # 往返100元/次: an amount per trip, kept as printed
        (S001, 331, "8002", "8094", "人", None),  # 党员8002人全覆盖培训 / 党员8094人全覆盖培训
        (S001, 349, "9696", "9623", "名", None),  # 西区9696名党员… / 西区9623名党员…
        (S001, 501, "26", "26", "个", None),  # 26个村（社区）党组织
        (S003, 262, "20", "20", "人", None),  # 指标1：财政全额拨款工委在职干部职工20人
    ],
)
def test_count_or_amount_stated_in_a_sentence(
    seed: str, line: int, target: str, actual: str, unit: str, sign: str | None
) -> None:
    assert_row(seed, line, target, actual, unit, sign)


@pytest.mark.parametrize(
    ("seed", "line"),
    [
        (S000, 498),  # 发送短信9000余人次  approximate
        (S000, 640),  # 举办约70人的…培训班  approximate
        (S000, 647),  # 约200人…和100人…  two figures
        (S001, 340),  # 43条…和26个…
        (S001, 367),  # 2021年全年  a period
        (S001, 510),  # 会议4次。…321个…
        (S001, 655),  # 每年至少1次；…700余名…年度考核1次
        (S001, 664),  # 不少于10次，培训人数1500人次 … 不少于1次
        (S001, 673),
        (S001, 917),  # 不少于2次，…不少于4次
        (S001, 926),  # 不少于4次，帮扶不少于1次
        (S001, 1348),  # 1个镇、5个街道
        (S003, 272),  # 220人…五天…200人…十天
        (S003, 283),  # 97家…五到六次
        (S003, 416),  # 18.14万每人每年
        (S003, 436),  # 5个督查组，20人，2次…2.2万元…1.1万元
        (S003, 446),  # 14466名…11.5万元…10余万元
        (S004, 1571),  # 优（评选先进党员1名以上）  the target is the grade
        (S004, 1881),  # 好（建立产业发展团队1个）
    ],
)
def test_sentences_with_several_figures_or_none_stay_null(seed: str, line: int) -> None:
    row = indicators(seed)[line]
    assert row.target_text is not None and row.target_value is None


def test_result_in_another_unit_than_its_target_keeps_no_number() -> None:
    # 004 lines 724 and 732: ≥1人 against 0户, ≥1户 against 11人; value_unit is the target's unit.
    assert_row(S004, 724, "1", None, "人", "≥")
    assert_row(S004, 732, "1", None, "户", "≥")
    assert (indicators(S004)[724].actual_text, indicators(S004)[732].actual_text) == ("0户", "11人")


@pytest.mark.parametrize(
    ("text", "value", "unit", "sign"),
    [
        ("完成率达到95%以上", "95", "%", "≥"),
        ("满意度≥95%", "95", "%", "≥"),
        ("市直机关广大党员民意调查满意率达到90%以上", "90", "%", "≥"),
        ("不少于3次", "3", "次", "≥"),
        ("控制在10万元以内", "10", "万元", "≤"),
        ("每年开展培训不少于2期", "2", "期", "≥"),
        # A deadline in a sentence (no seed prints one; the seeds' deadlines are bare values).
        ("按时完成（2023年12月底前）", "202312", "年月", "≤"),
        ("2022年6月前完成换届", "202206", "年月", "≤"),
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
        "2021年12月前完成3次检查",
        "2021年6月至2021年12月",
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
