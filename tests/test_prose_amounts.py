"""Money, percentages, changes and Chinese numerals as the prose writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_reports.extract.prose.amounts import find_change
from budget_reports.normalize import parse_cn_integer, parse_percent_loose


@pytest.mark.parametrize(
    ("text", "value"),
    [("一百二十三", 123), ("两", 2), ("十五", 15), ("二十", 20), ("一千零五", 1005), ("三万二千", 32000), ("12", 12)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_cn_integer(text) == Decimal(value)


def test_not_a_chinese_numeral() -> None:
    assert parse_cn_integer("若干") is None
    assert parse_cn_integer("") is None


@pytest.mark.parametrize(
    ("text", "value"), [("98.2%", "98.2"), ("百分之98.2", "98.2"), ("100", "100"), ("-8.5％", "-8.5")]
)
def test_percent_with_or_without_its_sign(text: str, value: str) -> None:
    assert parse_percent_loose(text) == Decimal(value)


def test_decrease_is_negative_and_prior_value_is_read() -> None:
    change = find_change("较去年的141.53万元减少12.03万元，减少8.51%")
    assert (change.value, change.pct, change.prior) == (Decimal("-12.03"), Decimal("-8.51"), Decimal("141.53"))


def test_change_in_yuan_is_converted_exactly() -> None:
    assert find_change("比上年增加960元，增长3%").value == Decimal("0.096")


def test_template_choices_left_unfilled_are_not_a_change() -> None:
    change = find_change("因公出国（境）支出决算比2020年增加/减少0万元，增长/下降0%。")
    assert change.value is None and change.pct is None


def test_flat_states_a_zero_change_and_both_years_value() -> None:
    change = find_change("支出决算与2020年持平，均为0万元")
    assert (change.value, change.prior) == (Decimal(0), Decimal(0))


def test_flat_against_the_budget_is_not_a_change() -> None:
    assert find_change("完成预算100%，决算数与预算数持平").value is None
