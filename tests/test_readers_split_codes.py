"""Codes printed in 类 | 款 | 项 columns on every row, as pdftotext (default mode) writes them cell by
cell: each row's parts read as the whole code they spell."""

from __future__ import annotations

from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.split_codes import joined_codes, levels_once_codes


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


def test_a_code_columns_head_written_among_the_first_rows_parts_is_no_part() -> None:
    """A page carrying one row over (2210203 after its table's other rows): the header's 类 | 款 | 项,
    set just above the row, written among its parts (pdftotext, the header's cells not merged)."""
    texts = ["科目编码", "类", "", "款", "221", "", "项", "02", "", "03 购房补贴", "", "258.50"]
    assert _joined(texts) == ["科目编码", "类", "款", "2210203 购房补贴", "258.50"]
    # A head is skipped only on the way to a part that joins: after a code with no part it stays a line.
    assert _joined(["221", "项", "住房保障支出", "221", "02", "住房改革支出"]) == [
        *("221", "项", "住房保障支出", "22102", "住房改革支出")
    ]
    # Nor does it make a part follow a 类 that no code takes: 03 under 221 alone is no code.
    assert _joined(["221", "项", "03 购房补贴"]) is None


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


def test_a_continued_pages_part_beside_a_wrapped_names_middle_line_joins_its_code_printed_once() -> None:
    """A page going on with 20805, whose own row stands on the page before (``carried``): its 类+款,
    printed once here, is the row's whose 项 part is printed apart; without that 款 going on, nothing
    says the code is the part's, and the page is not read."""
    texts = [
        "208",
        "05",
        "机关事业单位",
        "06 职业年金缴费",
        "支出",
        "80.38",
        "208",
        "05",
        "99 其他行政事业",
        "单位养老支出",
    ]
    lines = [BlockLine(text, 2, i) for i, text in enumerate(texts, start=1)]
    joined = joined_codes(lines, ("208", "05", "05"))
    assert joined is not None
    assert [line.text for line in joined] == [
        *("机关事业单位", "2080506 职业年金缴费", "支出", "80.38", "2080599 其他行政事业", "单位养老支出"),
    ]
    assert joined_codes(lines) is None
    assert joined_codes(lines, ("210", "11", "01")) is None


def test_a_part_set_between_two_lines_of_its_wrapped_name_joins_its_code() -> None:
    """A name wrapped over four lines in a narrow cell (names wrapping at 4 characters): its row's
    parts, centred in the row, fall between its second and third lines, and pdftotext writes the
    项 part alone there, apart from its 类 and 款 (``机关事业`` / ``单位基本`` / ``05`` / ``养老保险``):
    read as printed beside the line after it, a piece of the code's name."""
    kuan = ["208", "05", "行政事业单位养老支出"]
    texts = [*kuan, "208", "05", "机关事业", "单位基本", "05", "养老保险", "缴费支出", "160.75"]
    texts += ["208", "05", "06", "机关事业", "单位职业", "年金缴费", "支出", "80.38"]
    assert _joined(texts) == [
        *("20805", "行政事业单位养老支出", "机关事业", "单位基本", "2080505 养老保险", "缴费支出", "160.75"),
        *("2080506", "机关事业", "单位职业", "年金缴费", "支出", "80.38"),
    ]
    # Between pieces of no name of the code it would spell: whose the part is the text does not say.
    assert _joined([*kuan, "208", "05", "机关事业", "单位基本", "05", "卫生健康", "缴费支出"]) is None
    # After an empty cell's dash (no name's piece), a part alone follows no 类 still.
    assert _joined([*kuan, "-", "05", "养老保险", "缴费支出"]) is None


def test_a_part_written_after_the_next_class_completes_the_code_printed_twice() -> None:
    """210 11 printed for 21011 and again for 2101101, whose 01 pdftotext writes after the next
    row's class (221): 22101 (保障性安居工程支出) is named nowhere on the page, 2101101 (行政单位医疗)
    is, so 01 completes the 210 11 printed twice, not the 221 before it."""
    texts = ["210", "卫生健康支出", "210", "11", "行政事业单位医疗", "210", "11", "行政单位", "医疗"]
    texts += ["住房保障支出", "221", "01"]
    assert _joined(texts) == [
        *("210", "卫生健康支出", "21011", "行政事业单位医疗", "行政单位", "医疗", "住房保障支出", "221"),
        "2101101",
    ]
    # The page printing 221 01's name: the part is its class's, as written.
    printed = [*texts, "保障性安居工程支出"]
    assert _joined(printed) == [
        *("210", "卫生健康支出", "21011", "行政事业单位医疗", "21011", "行政单位", "医疗", "住房保障支出"),
        *("22101", "保障性安居工程支出"),
    ]


def test_a_late_part_spelling_a_code_of_the_page_with_the_next_class_is_read_both_ways() -> None:
    """210 11 printed twice, 01 written after the next class (212), whose 21201 is a row of the page
    too: read as written first; as 2101101's part written late where asked (``late_parts``), the
    reading tried where the first gives no rows (column_blocks), each 212 then its own row's."""
    texts = ["210", "卫生健康支出", "210", "11", "行政事业单位医疗", "210", "11", "行政单位", "医疗"]
    texts += ["城乡社区支出", "212", "01", "212", "01", "城乡社区管理事务", "212", "01", "04 城管执法"]
    assert _joined(texts) == [
        *("210", "卫生健康支出", "21011", "行政事业单位医疗", "21011", "行政单位", "医疗", "城乡社区支出"),
        *("21201", "21201", "城乡社区管理事务", "2120104 城管执法"),
    ]
    lines = joined_codes([BlockLine(text, 1, i) for i, text in enumerate(texts, start=1)], late_parts=True)
    assert lines is not None
    assert [line.text for line in lines] == [
        *("210", "卫生健康支出", "21011", "行政事业单位医疗", "行政单位", "医疗", "城乡社区支出", "212"),
        *("2101101", "21201", "城乡社区管理事务", "2120104 城管执法"),
    ]


def test_a_part_two_codes_fit_waits_for_the_others_to_take_theirs() -> None:
    """99 事业单位 fits 2080599 (其他行政事业单位养老支出) and 2101199 (其他行政事业单位医疗支出) while
    210 11 is printed twice too; the 01 written late completes 210 11, and 99 is then 208 05's."""
    texts = ["208", "05", "行政事业单位养老支出", "208", "05", "其他行政", "99 事业单位", "养老支出"]
    texts += ["210", "11", "行政事业单位医疗", "210", "11", "行政单位", "医疗", "221", "01"]
    assert _joined(texts) == [
        *("20805", "行政事业单位养老支出", "其他行政", "2080599 事业单位", "养老支出"),
        *("21011", "行政事业单位医疗", "行政单位", "医疗", "221", "2101101"),
    ]
    # Nothing completing 210 11 but 99 itself: the text does not say whose 99 is.
    assert _joined(texts[:-2]) is None


def _once(texts: list[str], carried: tuple[str, ...] = ()) -> list[str] | None:
    lines = levels_once_codes([BlockLine(text, 1, i) for i, text in enumerate(texts, start=1)], carried)
    return None if lines is None else [line.text for line in lines]


# The budget's 一般公共预算支出功能分类预算表 printing each level's part once, as pdftotext writes it: the
# 类 and 款 columns' cells in blocks apart from the names (``208`` / ``05`` above the class's name,
# ``08`` / ``210`` / ``11`` after a 项's row), a 项's part beside its name, 04 城管执法's row with
# the 221 and 02 cells after the total.
_ONCE = [
    *("类", "款", "项", "208", "05", "社会保障和就业支出", "6,397,096", "行政事业单位养老支出", "6,103,096"),
    *("01 行政单位离退休", "2,614,680", "99 其他行政事业单位养老支出", "08", "210", "11", "212", "01"),
    *("抚恤", "294,000", "01 死亡抚恤", "294,000", "卫生健康支出", "1,439,040", "行政事业单位医疗", "1,439,040"),
    *("01 行政单位医疗", "1,439,040", "城乡社区支出", "33,775,592", "城乡社区管理事务", "33,775,592"),
    *("住房保障支出", "5,871,730", "住房改革支出", "5,871,730", "01 住房公积金", "2,649,730", "合计"),
    *("47,483,458", "04 城管执法", "221", "02", "294,000"),
]


def test_parts_printed_once_complete_from_the_levels_above() -> None:
    """Each name takes the part alone (or beside it) whose code, under the class or 款 the rows above
    opened, the reference knows by that name; 04 城管执法, printed after the total, the one 款 of
    the page under which its code is its name's (21201, not 22102 above it)."""
    assert _once(_ONCE) == [
        *("类", "款", "项", "208 社会保障和就业支出", "6,397,096", "20805 行政事业单位养老支出", "6,103,096"),
        *("2080501 行政单位离退休", "2,614,680", "2080599 其他行政事业单位养老支出", "20808 抚恤", "294,000"),
        *("2080801 死亡抚恤", "294,000", "210 卫生健康支出", "1,439,040", "21011 行政事业单位医疗", "1,439,040"),
        *("2101101 行政单位医疗", "1,439,040", "212 城乡社区支出", "33,775,592", "21201 城乡社区管理事务"),
        *("33,775,592", "221 住房保障支出", "5,871,730", "22102 住房改革支出", "5,871,730"),
        *("2210201 住房公积金", "2,649,730", "合计", "47,483,458", "2120104 城管执法", "294,000"),
    ]


def test_parts_printed_once_out_of_order_are_taken_by_their_names() -> None:
    """A header merged over rows moves the cells printed alone (``08`` / ``212`` / ``11`` / ``01``
    / ``02`` … ``221`` / ``05`` / ``210``): each name still takes its own, under the class above it."""
    moved = ["208", "社会保障和就业支出", "行政事业单位养老支出", "01 行政单位离退休", "08", "212", "11", "01"]
    moved += ["02", "抚恤", "卫生健康支出", "行政事业单位医疗", "城乡社区支出", "城乡社区管理事务", "住房保障支出"]
    moved += ["住房改革支出", "221", "05", "210"]
    assert _once(moved) == [
        *("208 社会保障和就业支出", "20805 行政事业单位养老支出", "2080501 行政单位离退休", "20808 抚恤"),
        *("210 卫生健康支出", "21011 行政事业单位医疗", "212 城乡社区支出", "21201 城乡社区管理事务"),
        *("221 住房保障支出", "22102 住房改革支出"),
    ]


def test_parts_printed_once_a_part_between_a_wrapped_names_lines_is_its_rows() -> None:
    """Names wrapped at four characters: a name on four lines has its row's part centred between its
    second and third (机关事业 / 单位基本 / ``05`` / 养老保险 / 缴费支出), written there alone; it
    completes the row's code as a part printed beside a line would, and is taken."""
    texts = ["208", "社会保障", "和就业支", "出", "05", "行政事业", "单位养老", "支出"]
    texts += ["机关事业", "单位基本", "05", "养老保险", "缴费支出", "160.75"]
    assert _once(texts) == [
        *("208 社会保障和就业支出", "20805 行政事业单位养老支出", "2080505 机关事业单位基本养老保险缴费支出", "160.75"),
    ]
    # Between pieces of a name no code under the class and 款 above is known by: not read.
    assert _once([*texts[:8], "机关事业", "单位基本", "05", "卫生健康", "缴费支出"]) is None


def test_a_page_going_on_with_the_levels_of_the_page_before() -> None:
    """The economic table's second page: its first rows under the class the page before opened."""
    assert _once(["12 其他社会保障缴费", "37,415", "13 住房公积金"], carried=("30110",)) == [
        *("30112 其他社会保障缴费", "37,415", "30113 住房公积金"),
    ]
    assert _once(["12 其他社会保障缴费", "37,415", "13 住房公积金"]) is None  # no class: whose parts?


def test_parts_printed_once_no_name_settles_are_not_read() -> None:
    # A part printed alone that no name takes (a page number printed bare, a figure in 元): whose it is
    # the text does not say.
    assert _once(["208", "05", "社会保障和就业支出", "行政事业单位养老支出", "12"]) is None
    # A part printed alone twice where one row takes it: the other's row the text does not say.
    assert _once(["208", "05", "05", "社会保障和就业支出", "行政事业单位养老支出"]) is None
    # A part beside a name no code of the page is named: 208 99 is no 行政单位医疗.
    assert _once(["208", "社会保障和就业支出", "99 行政单位医疗"]) is None
    # A 项 name under no 款 opened (行政运行 is every 款's 01): not placed by luck.
    assert _once(["201", "一般公共服务支出", "01 行政运行"]) is None


def test_a_wrapped_name_takes_its_part_printed_once() -> None:
    assert _once(["208", "05", "社会保障和就业支出", "行政事业单位养老", "支出", "01 行政单位离退休"]) == [
        *("208 社会保障和就业支出", "20805 行政事业单位养老支出", "2080501 行政单位离退休"),
    ]


def test_a_part_printed_once_beside_a_wrapped_names_middle_line() -> None:
    """Names wrapped in their cells: a 项's part alone in the code columns' block (``01``, ``99``) or
    beside the name's middle line (``05 基本养老保险``); each name's lines join into its code's name."""
    texts = ["208", "05", "社会保障和就", "业支出", "6,397,096", "行政事业单位", "养老支出", "6,103,096"]
    texts += ["行政单位离退", "休", "2,614,680", "机关事业单位", "05 基本养老保险", "缴费支出", "2,302,464"]
    texts += ["其他行政事业", "单位养老支出", "34,720", "01", "99"]
    assert _once(texts) == [
        *("208 社会保障和就业支出", "6,397,096", "20805 行政事业单位养老支出", "6,103,096"),
        *("2080501 行政单位离退休", "2,614,680", "2080505 机关事业单位基本养老保险缴费支出", "2,302,464"),
        *("2080599 其他行政事业单位养老支出", "34,720"),
    ]


def test_a_class_name_written_after_its_rows() -> None:
    """A header merged over rows moves the first class's wrapped name after the table's rows: its
    款's name, under no class open above it, takes the one class of the page its code is under."""
    texts = ["208", "6,397,096", "行政事业单位", "养老支出", "6,103,096", "行政单位离退休", "2,614,680", "合计"]
    texts += ["2,614,680", "社会保障和就", "业支出", "01", "05"]
    assert _once(texts) == [
        *("6,397,096", "20805 行政事业单位养老支出", "6,103,096", "2080501 行政单位离退休", "2,614,680"),
        *("合计", "2,614,680", "208 社会保障和就业支出"),
    ]
