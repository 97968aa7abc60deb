"""Codes printed in 类 | 款 | 项 columns on every row, as pdftotext (default mode) writes them cell by
cell: each row's parts read as the whole code they spell."""

from __future__ import annotations

from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.split_codes import joined_codes


def _joined(texts: list[str]) -> list[str] | None:
    lines = joined_codes([BlockLine(text, 1, i) for i, text in enumerate(texts, start=1)])
    return None if lines is None else [line.text for line in lines]


def test_each_rows_parts_read_as_its_code() -> None:
    texts = ["类", "款", "项", "208", "", "社会保障和就业支出", "6,397,096", "208", "05", "行政事业单位养老支出"]
    texts += ["208", "05", "01 行政单位离退休", "2,614,680"]
    assert _joined(texts) == [
        *("类", "款", "项", "208", "社会保障和就业支出", "6,397,096", "20805", "行政事业单位养老支出"),
        *("2080501 行政单位离退休", "2,614,680"),
    ]


def test_a_part_printed_with_its_name_apart_completes_the_code_printed_twice() -> None:
    """210 11 is printed for 21011 and again for 2101101, whose 01 comes with its name before them;
    221 stands before 04 城管执法, which is no 221 code's name: 04 goes to 212 01, printed twice."""
    texts = ["01 行政单位医疗", "210", "210", "11", "210", "11", "212", "212", "01", "212", "01", "221", "04 城管执法"]
    assert _joined(texts) == ["2101101 行政单位医疗", "210", "21011", "212", "21201", "221", "2120104 城管执法"]


def test_parts_no_code_takes_are_not_read() -> None:
    assert _joined(["208", "社会保障和就业支出", "05"]) is None  # a part alone after a name
    assert _joined(["208 社会保障和就业支出", "20805 行政事业单位养老支出"]) is None  # codes printed whole
    # A 项 line apart whose code no 类+款 printed twice makes: which row it is the text does not say.
    assert _joined(["210", "11", "行政事业单位医疗", "01 行政单位医疗"]) is None
    assert _joined(["210", "11", "01 行政单位医疗"]) == ["2101101 行政单位医疗"]
    # Whole figures in 元, 850 over 12: no code the reference knows.
    assert _joined(["208", "05", "行政事业单位养老支出", "850", "12"]) is None


def test_a_part_printed_beside_a_wrapped_names_middle_line_joins_its_code() -> None:
    """A name wrapped in its cell over three lines, the 项 part printed beside the second, apart
    from its 类 and 款: the line is a piece of the code's name in the reference
    (机关事业单位基本养老保险缴费支出), and the part completes the 类+款 printed again for its row."""
    kuan = ["208", "05", "行政事业单位养老支出"]
    texts = [*kuan, "208", "05", "机关事业单位", "05 基本养老保险", "缴费支出"]
    texts += ["208", "05", "机关事业单位", "06 职业年金缴费", "支出"]
    assert _joined(texts) == [
        *("20805", "行政事业单位养老支出"),
        *("机关事业单位", "2080505 基本养老保险", "缴费支出"),
        *("机关事业单位", "2080506 职业年金缴费", "支出"),
    ]
    # A piece of no name of the code the part would spell: which row the part is the text does not say.
    assert _joined([*kuan, "208", "05", "机关事业单位", "05 卫生健康", "缴费支出"]) is None
