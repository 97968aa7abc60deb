"""一般公共预算财政拨款基本支出, 人员经费, 公用经费 and their itemisation by economic class."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import SEED_DIR
from tests.prose_support import economic_lines, extract_file, metric


def test_itemised_parts_read_exactly_as_printed_in_004() -> None:
    result = extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt")

    def items(group: str) -> Decimal:
        return sum((e.amount for e in economic_lines(result) if e.group == group), Decimal(0))

    assert items("人员经费") == metric(result, "人员经费").value == Decimal("396.22")
    # The printed 公用经费 items add to 290.00 against a stated 289.99: a rounding gap kept for validation.
    assert (items("公用经费"), metric(result, "公用经费").value) == (Decimal("290.00"), Decimal("289.99"))
    # Names exactly as printed; codes are the classification step's, left empty where a name fits two
    # codes (办公设备购置 is 30902 under 309 and 31002 under 310).
    codes = {e.name: e.code for e in economic_lines(result)}
    assert (codes["基本工资"], codes["维修（护）费"], codes["办公设备购置"]) == ("30101", "30213", None)
    assert metric(result, "基本支出", "一般公共预算财政拨款").value == Decimal("686.2")


def test_a_list_of_names_without_amounts_states_no_items_in_000() -> None:
    result = extract_file(SEED_DIR / "000_1ca1b4d95d915062.txt")
    assert economic_lines(result) == []
    assert metric(result, "人员经费").value + metric(result, "公用经费").value == Decimal("485.84")
