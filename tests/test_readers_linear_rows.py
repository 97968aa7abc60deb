"""A row's words cut into sides: which bare whole numbers are codes and which are figures."""

from __future__ import annotations

import pytest

from budget_reports.model import AmbiguousCell
from budget_reports.readers.linear_rows import (
    gather_rows,
    line_tokens,
    opens_with_code,
    segments,
    without_empty_cell_marks,
)


def _sides(text: str) -> list[tuple[str, str, list[str]]]:
    return [(s.code_text, s.name_text, [t.text for t in s.figures]) for s in segments(line_tokens(text, 1, 1), True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A table in 元: a 3-digit figure and a 2-digit one after the name join into no known code.
        ("2080501 行政单位离退休 900 850 50", [("2080501", "行政单位离退休", ["900", "850", "50"])]),
        ("2210201 住房公积金 730 649 81", [("2210201", "住房公积金", ["730", "649", "81"])]),
        # 30199 is an economic code, the row's a function one: figures of the row.
        ("2101101 行政单位医疗 2,801 301 99", [("2101101", "行政单位医疗", ["2,801", "301", "99"])]),
        # The row prints its code whole: its table prints no code in parts (30201 is an economic code).
        ("30101 基本工资 1,000 302 01", [("30101", "基本工资", ["1,000", "302", "01"])]),
        # A total's row prints no code, whatever its first figure reads like.
        ("合计 900 850 50", [("", "合计", ["900", "850", "50"])]),
    ],
)
def test_small_whole_figures_after_a_name_are_figures(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _sides(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two sides: the next side's code, its parts, then its name.
        (
            "301 01 基本工资 1,000.00 302 01 办公费 50.00",
            [("30101", "基本工资", ["1,000.00"]), ("30201", "办公费", ["50.00"])],
        ),
        (
            "301 工资福利支出 100 302 商品和服务支出 50",
            [("301", "工资福利支出", ["100"]), ("302", "商品和服务支出", ["50"])],
        ),
        # The next side's code and parts at the end of the line (its name on the next), in a table
        # printing its codes in parts: a code the classification knows, of the row's own scheme.
        ("301 01 基本工资 1,000.00 302 01", [("30101", "基本工资", ["1,000.00"]), ("30201", "", [])]),
        # A row labelled without a code (a two-sided table's left half printing none).
        ("工资福利支出 1,000.00 302 01", [("", "工资福利支出", ["1,000.00"]), ("30201", "", [])]),
        # pdfplumber writes a name before its code.
        ("行政运行 201 06 01 1,511.89", [("2010601", "行政运行", ["1,511.89"])]),
    ],
)
def test_codes_of_a_row_stay_codes(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _sides(text) == expected


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("2080505 机关事业单位基本", True),  # a name follows
        ("201 06 01 1,511.89 8.37", True),  # pdfplumber: the name on the line above; 2010601 is known
        ("50201 1,000.00", True),  # the government economic classification
        ("316 311 5", False),  # 316: no code of any classification
        ("223 10 213", False),  # 22310: no code
        ("634 530 104", False),
    ],
)
def test_a_line_opens_with_a_code_the_classification_knows(text: str, opens: bool) -> None:
    assert opens_with_code(line_tokens(text, 1, 1)) is opens


def test_a_line_of_small_figures_below_a_wrapped_name_holds_the_row_s_figures() -> None:
    lines = ["2080501 行政单位离退休 315 260 55", "2080505 机关事业单位基本", "养老保险缴费支出", "316 311 5"]
    lines.append("2080506 机关事业单位职业年金缴费支出 223 10 213")
    rows = gather_rows([line_tokens(text, 1, k) for k, text in enumerate(lines, start=1)], coded=True)
    assert [[t.text for t in row] for row in rows] == [
        ["2080501", "行政单位离退休", "315", "260", "55"],
        ["2080505", "机关事业单位基本", "养老保险缴费支出", "316", "311", "5"],
        ["2080506", "机关事业单位职业年金缴费支出", "223", "10", "213"],
    ]


def test_a_name_s_end_below_the_row_s_figures_goes_back_to_its_row() -> None:
    lines = ["2080506 机关事业单位职业 96,208 96,000 208", "年金缴费支出", "2080599 其他行政事业单位 34,819 34,720 99"]
    lines += ["养老保险缴费支出"]  # not the end of 其他行政事业单位…: the next row's name, printed before its code
    lines += ["2080801 死亡抚恤 60 60"]
    rows = gather_rows([line_tokens(text, 1, k) for k, text in enumerate(lines, start=1)], coded=True)
    assert [[t.text for t in row] for row in rows] == [
        ["2080506", "机关事业单位职业", "年金缴费支出", "96,208", "96,000", "208"],
        ["2080599", "其他行政事业单位", "34,819", "34,720", "99"],
        ["养老保险缴费支出", "2080801", "死亡抚恤", "60", "60"],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Empty cells printed as dashes (county and township reports): no word of the name.
        (
            "2080505 机关事业单位基本养老保险缴费支出 160.75 160.75 -",
            [("2080505", "机关事业单位基本养老保险缴费支出", ["160.75", "160.75"])],
        ),
        ("2010301 行政运行 — 80.00 —", [("2010301", "行政运行", ["80.00"])]),
        # Two halves side by side: a half whose cells are all empty still ends at its dashes.
        ("30101 基本工资 - 30201 办公费 12.00", [("30101", "基本工资", []), ("30201", "办公费", ["12.00"])]),
        (
            "三、国有资本经营预算 - 三、城乡社区支出 33,775,592",
            [("", "三、国有资本经营预算", []), ("", "三、城乡社区支出", ["33,775,592"])],
        ),
    ],
)
def test_a_dash_is_an_empty_cell(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _sides(text) == expected


def test_a_row_opening_with_its_left_half_s_empty_cell_is_a_row_of_its_own() -> None:
    lines = [
        line_tokens("三、国有资本经营预算 - 三、城乡社区支出 33,775,592 33,775,592 - -", 1, 1),
        line_tokens("- 四、住房保障支出 5,871,730 5,871,730 - -", 1, 2),
    ]
    assert [[t.text for t in row] for row in gather_rows(lines, False)] == [[t.text for t in line] for line in lines]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,397,096 -", "6,397,096"),
        ("-", ""),
        ("— 1,439,040 —— 12.50", "1,439,040 12.50"),
        ("- 3 -", "- 3 -"),  # a page's number: page furniture, not cells
        ("20805 行政事业单位养老支出 -", "20805 行政事业单位养老支出 -"),  # a row: its segments drop the dash
        ("2025—2026年", "2025—2026年"),
        ("-1.20 3.40", "-1.20 3.40"),  # a negative figure is no dash alone
    ],
)
def test_a_line_of_cells_loses_its_empty_cells_dashes(text: str, expected: str) -> None:
    assert without_empty_cell_marks(text) == expected


def _gathered(lines: list[str]) -> tuple[list[str], list[AmbiguousCell]]:
    unsure: list[AmbiguousCell] = []
    rows = gather_rows([line_tokens(text, 1, k) for k, text in enumerate(lines, start=1)], True, unsure)
    return [" ".join(t.text for t in row) for row in rows], unsure


def test_levels_printed_once_complete_each_part_from_the_levels_above() -> None:
    """The 类 on its line, the 款 and 项 parts on the lines below without it (pypdfium2, -raw): each
    part is the one code, after the row above, that the classification names the row by (under
    2080501, 05 is the 项 2080505, not the 款 20805 it follows; under 2080599, 08 is the 款 20808)."""
    rows, unsure = _gathered(
        [
            "208",
            "社会保障和就业支出 6,397,096 6,103,096 294,000",
            "05 行政事业单位养老支出 6,103,096 6,103,096",
            "01 行政单位离退休 2,614,680 2,614,680",
            "05 机关事业单位基本养老保险缴费支出 2,302,464 2,302,464",
            "99 其他行政事业单位养老支出 34,720 34,720",
            "08 抚恤 294,000 294,000",
            "01 死亡抚恤 294,000 294,000",
            "合计 6,397,096 6,103,096 294,000",
        ]
    )
    assert rows == [
        "208 社会保障和就业支出 6,397,096 6,103,096 294,000",
        "20805 行政事业单位养老支出 6,103,096 6,103,096",
        "2080501 行政单位离退休 2,614,680 2,614,680",
        "2080505 机关事业单位基本养老保险缴费支出 2,302,464 2,302,464",
        "2080599 其他行政事业单位养老支出 34,720 34,720",
        "20808 抚恤 294,000 294,000",
        "2080801 死亡抚恤 294,000 294,000",
        "合计 6,397,096 6,103,096 294,000",
    ]
    assert unsure == []


def test_a_part_that_completes_no_code_is_reported_never_given_its_class_s_code() -> None:
    """A part whose name the classification gives no code under the levels above (a name it does not
    know), and the parts under it (a row without code stops the carry): left out, figures reported."""
    rows, unsure = _gathered(
        [
            "201 一般公共服务支出 2,106.66 1,503.52 603.14",
            "06 财政事务 2,106.66 1,503.52 603.14",
            "01 本局自定义事务 1,511.89 1,503.52 8.37",
            "02 一般行政管理事务 10.00 10.00",
            "合计 2,106.66 1,503.52 603.14",
        ]
    )
    assert rows == [
        "201 一般公共服务支出 2,106.66 1,503.52 603.14",
        "20106 财政事务 2,106.66 1,503.52 603.14",
        "合计 2,106.66 1,503.52 603.14",
    ]
    assert [(cell.figure, cell.row) for cell in unsure] == [
        ("1,511.89", "01 本局自定义事务"),
        ("1,503.52", "01 本局自定义事务"),
        ("8.37", "01 本局自定义事务"),
        ("10.00", "02 一般行政管理事务"),
        ("10.00", "02 一般行政管理事务"),
    ]
    assert unsure[0].candidates == ("2010601 本局自定义事务",)  # 20101 would come before 20106


def test_levels_printed_once_on_both_halves_and_a_class_code_set_among_its_parts() -> None:
    """Two halves printing their levels once, a half's amount empty (``03 奖金 03 咨询费``: each part
    opens a row), and pdfplumber's class code set at the middle of its merged cell (``303`` beside
    ``08 助学金``): moved to its class's row, the one above that the classification names by it."""
    rows, unsure = _gathered(
        [
            "工资福利支出 2,082.85 302 商品和服务支出 171.07",
            "01 基本工资 262.33 01 办公费 21.21",
            "301",
            "03 奖金 03 咨询费",
            "06 伙食补助费 04 手续费 0.09",
        ]
    )
    assert rows == [
        "301 工资福利支出 2,082.85 302 商品和服务支出 171.07",
        "30101 基本工资 262.33 30201 办公费 21.21",
        "30103 奖金 30203 咨询费",
        "30106 伙食补助费 30204 手续费 0.09",
    ]
    assert unsure == []


def test_levels_printed_once_with_empty_cells_printed_as_dashes() -> None:
    """County reports print an empty amount as a dash: no word of the name, and a part after it opens
    the next half (``03 奖金 - 03 咨询费 -``)."""
    rows, unsure = _gathered(
        [
            "301 工资福利支出 2,082.85 302 商品和服务支出 171.07",
            "01 基本工资 262.33 01 办公费 21.21",
            "03 奖金 - 03 咨询费 -",
            "06 伙食补助费 - 04 手续费 0.09",
        ]
    )
    assert rows == [
        "301 工资福利支出 2,082.85 302 商品和服务支出 171.07",
        "30101 基本工资 262.33 30201 办公费 21.21",
        "30103 奖金 - 30203 咨询费 -",
        "30106 伙食补助费 - 30204 手续费 0.09",
    ]
    assert unsure == []
