"""Numbers inside printed indicator values, with the forms the seeds print."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_reports.extract.performance.cells import label, money, percent
from budget_reports.extract.performance.values import parse_comparator, parse_value


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("≥95%", "95", "%", "≥"),  # 000 工作完成率
        ("≤350000", "350000", None, "≤"),  # 004 东西部协作人才交流项目 成本指标
        ("2次以上", "2", "次", "≥"),  # 000 会议费
        ("100份以上", "100", "份", "≥"),
        ("30万元", "30", "万元", None),  # 001 党员教育培训经费
        ("26.23万元", "26.23", "万元", None),
        ("20万", "20", "万", None),  # 000 培训经费, unit as printed
        ("2021年12月前", "202112", "年月", "≤"),  # 000 完成时间
        ("2021年1月底前", "202101", "年月", "≤"),  # 001 换届工作
        ("2021年7月", "202107", "年月", None),
        ("100%", "100", "%", None),
        ("100.00%", "100.00", "%", None),
        ("≥1", "1", None, "≥"),
        ("≥1年", "1", "年", "≥"),
        ("≥264天", "264", "天", "≥"),
        ("＝1个", "1", "个", "="),  # full-width equals sign, 004
        ("=600元/月", "600", "元/月", "="),
        ("96元/天", "96", "元/天", None),
        ("≥20次/年", "20", "次/年", "≥"),
        ("1次/年", "1", "次/年", None),
        ("≤12月", "12", "月", "≤"),
        ("≤12月前", "12", "月", "≤"),
        ("12月前", "12", "月", "≤"),
        ("≤1000000元", "1000000", "元", "≤"),
        ("149974.4元", "149974.4", "元", None),
        ("≥0%", "0", "%", "≥"),
        ("0", "0", None, None),
        ("98", "98", None, None),
        ("不低于90%", "90", "%", "≥"),
        ("5万元以内", "5", "万元", "≤"),
    ],
)
def test_printed_values(text: str, value: str, unit: str | None, comparator: str | None) -> None:
    parsed = parse_value(text)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert str(parsed.value) == value  # exactly as printed, trailing zeros kept
    assert parsed.unit == unit
    assert parsed.comparator == comparator


@pytest.mark.parametrize(
    "text",
    [
        "称职以上",
        "往返100元/次",
        "搬运等服务人工费50件次以上",
        "优（青少年儿童幸福指数",
        "2021年全年",
        "86%%",
        "定性",
        "抽样调查参与者基本满意达95%以上",
        "",
        None,
    ],
)
def test_text_that_is_not_a_value(text: str | None) -> None:
    assert parse_value(text) is None


@pytest.mark.parametrize(("text", "sign"), [("≥", "≥"), ("＝", "="), ("≤", "≤"), ("定性", None), ("", None)])
def test_comparator_column(text: str, sign: str | None) -> None:
    assert parse_comparator(text) == sign


def test_money_cells_in_wanyuan_exactly() -> None:
    assert money("416.39万元") == Decimal("416.39")
    assert money("80.00") == Decimal("80.00")
    assert money("350000元") == Decimal("35")
    assert money("149974.4", "元") == Decimal("14.99744")
    assert money("/") is None and money("——") is None and money("") is None
    assert money("见说明") is None


def test_percent_and_labels() -> None:
    assert percent("87.32%") == Decimal("87.32")
    assert percent("/") is None
    assert label("满意\n度指标") == "满意度指标"
    assert label("社会效益  指标") == "社会效益指标"
    assert label("产出指标\n(55分)") == "产出指标"
    assert label("满意度\n指标\n（25分）") == "满意度指标"
