"""The side and role of an overview's row labels, as provinces and levels word them, and the labels
of a stream put back together (wrapped pieces joined, header cells dropped)."""

from __future__ import annotations

import pytest

from budget_reports.normalize import compact
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.overview_labels import INCOME, SPENDING, Role, side_labels
from budget_reports.readers.table_headers import LAYOUTS

OVERVIEW = next(layout for layout in LAYOUTS if layout.name == "收入支出总表")
FISCAL = next(layout for layout in LAYOUTS if layout.name == "财政拨款收入支出总表")

# (label as printed, side, role)
WORDINGS = [
    ("一、一般公共预算财政拨款收入", INCOME, Role.ITEM),
    ("一、财政拨款收入", INCOME, Role.ITEM),
    ("（一）一般公共预算财政拨款", INCOME, Role.ITEM),
    ("二、上级补助收入", INCOME, Role.ITEM),
    ("5.事业收入", INCOME, Role.ITEM),
    ("本年收入合计", INCOME, Role.YEAR_TOTAL),
    ("收入合计", INCOME, Role.YEAR_TOTAL),
    ("使用非财政拨款结余（含专用结余）", INCOME, Role.OTHER),
    ("用事业基金弥补收支差额", INCOME, Role.OTHER),
    ("年初结转和结余", INCOME, Role.CARRY),
    ("上年结转", INCOME, Role.CARRY),
    ("年初财政拨款结转和结余", INCOME, Role.CARRY),
    ("收入总计", INCOME, Role.GRAND_TOTAL),
    ("一、一般公共服务支出", SPENDING, Role.ITEM),
    ("十九、住房保障支出", SPENDING, Role.ITEM),
    ("二十六、抗疫特别国债安排的支出", SPENDING, Role.ITEM),
    ("本年支出合计", SPENDING, Role.YEAR_TOTAL),
    ("支出合计", SPENDING, Role.YEAR_TOTAL),
    ("结余分配", SPENDING, Role.OTHER),
    ("年末结转和结余", SPENDING, Role.CARRY),
    ("年末财政拨款结转和结余", SPENDING, Role.CARRY),
    ("结转下年", SPENDING, Role.CARRY),
    ("年末结转", SPENDING, Role.CARRY),
    ("支出总计", SPENDING, Role.GRAND_TOTAL),
]


def _lines(texts: list[str]) -> list[BlockLine]:
    return [BlockLine(text, 3, i) for i, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(("label", "side", "role"), WORDINGS)
def test_a_label_goes_to_its_side_with_its_role(label: str, side: int, role: Role) -> None:
    other = "一、一般公共服务支出" if side == INCOME else "一、财政拨款收入"
    totals = [total for total in ("收入总计", "支出总计") if total != label]
    sides = side_labels(_lines([label, other, *totals]), OVERVIEW)
    assert sides is not None
    found = [x for x in sides[side] if x.text == compact(label)]
    assert [x.role for x in found] == [role]


def test_wrapped_labels_are_joined_and_header_cells_dropped() -> None:
    texts = ["收入", "项目", "一、一般公共预算财政拨款", "二、政府性基金预算财政拨", "款", "支出", "项目"]
    texts += ["一、一般公共服务支出", "合计", "一般公共预算", "财", "政拨款", "七、文化旅游体育与传媒支", "出"]
    texts += ["十四、资源勘探工业信息等", "支出", "本年收入合计", "年初财政拨款结转和结余", "一、一般公共预算财政拨款"]
    texts += ["使用非财政拨款结余", "（含专用结余）", "总计", "本年支出合计", "年末财政拨款结转和结余", "总计"]
    sides = side_labels(_lines(texts), FISCAL)
    assert sides is not None
    income, spending = ([x.text for x in side] for side in sides)
    assert income == [
        "一、一般公共预算财政拨款",
        "二、政府性基金预算财政拨款",
        "本年收入合计",
        "年初财政拨款结转和结余",
        "一、一般公共预算财政拨款",
        compact("使用非财政拨款结余（含专用结余）"),
        "总计",
    ]
    assert spending == [
        "一、一般公共服务支出",
        "七、文化旅游体育与传媒支出",
        "十四、资源勘探工业信息等支出",
        "本年支出合计",
        "年末财政拨款结转和结余",
        "总计",
    ]
    # The fund's line under the carry-over is a part of it, not an item of the year.
    assert [x.role for x in sides[INCOME]][3:5] == [Role.CARRY, Role.CARRY_PART]


def test_a_label_of_no_side_is_not_guessed() -> None:
    assert (
        side_labels(_lines(["一、财政拨款收入", "某某专项", "一、一般公共服务支出", "总计", "总计"]), OVERVIEW) is None
    )
