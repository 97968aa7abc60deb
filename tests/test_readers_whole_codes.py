"""Row labels of coded tables printing whole codes, and their figures placed cell by cell, as
``pdftotext`` (default mode) writes them: the forms seen in budget PDFs (code and name on one line,
the code above its name, a label after the rows below it, the total first or last)."""

from __future__ import annotations

import pytest

from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.row_streams import place_cells
from budget_reports.readers.table_headers import match_layout
from budget_reports.readers.whole_codes import whole_code_rows

HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出")
CODES = ["208", "20805", "2080501", "2080599", "210", "21011", "2101101"]
NAMES = ["社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", "其他行政事业单位养老支出"]
NAMES += ["卫生健康支出", "行政事业单位医疗", "行政单位医疗"]


def _lines(texts: list[str]) -> list[BlockLine]:
    return [BlockLine(text, 1, i) for i, text in enumerate(texts, start=1)]


def _labels(texts: list[str], carried: tuple[str, ...] = ()) -> tuple[list[str], list[str]] | None:
    read = whole_code_rows(_lines(texts), set(HEADER), carried)
    if read is None:
        return None
    names, codes, _ = read
    return [name.text for name in names], [code[0].text for code in codes]


ONE_LINE = [f"{code} {name}" for code, name in zip(CODES, NAMES, strict=True)]
TWO_LINES = [line for code, name in zip(CODES, NAMES, strict=True) for line in (code, name)]


@pytest.mark.parametrize(
    ("form", "texts", "total_first"),
    [
        ("code and name on one line", [*HEADER, *ONE_LINE, "合计"], False),
        ("total first", [*HEADER, "合计", *ONE_LINE], True),
        # A label written after the rows below it (2080599's block after 210's).
        ("a label out of order", [*HEADER, *ONE_LINE[:3], *ONE_LINE[4:], ONE_LINE[3], "合计"], False),
        ("the code above its name", [*HEADER, *TWO_LINES, "合计"], False),
        # The codes' column and the names' column each top to bottom, interleaved.
        ("codes run ahead of names", [*HEADER, *CODES[:3], *NAMES[:3], *TWO_LINES[6:], "合计"], False),
        ("figures between", [*HEADER, ONE_LINE[0], "6,397,096", *ONE_LINE[1:], "1,000.50", "合计"], False),
        # The first row's 类 code written before the 合计 row's name (codes split over 类 | 款 | 项,
        # the total first): the total's place is among the names, which it comes before.
        ("the first code before the total", [*HEADER, CODES[0], "合计", *NAMES[:1], *TWO_LINES[2:]], True),
        # A 栏次 row's label among the cells (its numbers left out before) is no row's name.
        ("a 栏次 label", [*HEADER, CODES[0], "栏次", "合计", *NAMES[:1], *TWO_LINES[2:]], True),
    ],
)
def test_whole_code_labels_in_table_order(form: str, texts: list[str], total_first: bool) -> None:
    names, codes = _labels(texts) or ([], [])
    expected = ["合计", *NAMES] if total_first else [*NAMES, "合计"]
    assert (names, codes) == (expected, CODES), form


def test_labels_that_do_not_make_a_table_are_not_read() -> None:
    assert _labels([*HEADER, "20805 行政事业单位养老支出", "2080501 行政单位离退休"]) is None  # 款 without its 类
    assert _labels([*HEADER, "20805 行政事业单位养老支出", "2080501 行政单位离退休"], ("208",)) is not None
    assert _labels([*HEADER, *ONE_LINE, ONE_LINE[2], "合计"]) is None  # a code twice
    assert _labels([*HEADER, "208", "210", "社会保障和就业支出"]) is None  # a code without its name
    assert _labels([*HEADER, "6,397,096", "合计"]) is None  # no code at all


def _figures(texts: list[str]) -> list[BlockLine]:
    return [BlockLine(text, 1, 100 + i) for i, text in enumerate(texts)]


def test_cells_placed_with_a_part_written_after_the_rows_below() -> None:
    """208's 项目支出 written after 20805's row: read where it belongs; each row's figures in order."""
    layout = match_layout(" ".join(HEADER))
    assert layout is not None
    codes = ["208", "20805", "20808", None]
    stream = ["300", "200", "200", "200", "100", "100", "100", "300", "200", "100"]
    placed = place_cells(_figures(stream), codes, layout.sides[0])
    assert placed is not None
    rows, unplaced = placed
    assert unplaced == []
    assert [line.text for line in rows[0].lines] == ["300", "200", "100"]
    # A part written after the rows below says nothing of its column (a late cell may be the left
    # one): both orders stay, the sums of other rows decide.
    assert set(rows[0].candidates) == {(0, 1, 2), (0, 2, 1)}
    assert [line.text for line in rows[1].lines] == ["200", "200"]
    assert set(rows[1].candidates) == {(0, 1), (0, 2)}  # one part: the sums of other rows decide
    assert rows[3].candidates == ((0, 1, 2),)  # written in one go, the total first: parts left to right


# The same rows printed 基本支出 | 项目支出 | 合计: each row's parts, then its total.
TOTAL_LAST = ("科目编码", "科目名称", "基本支出", "项目支出", "合计")


@pytest.mark.parametrize(
    ("form", "stream"),
    [
        ("each row in one go", ["200", "100", "300", "200", "200", "100", "100", "300", "100", "400"]),
        # 208's 项目支出 written after 20805's row (the total between the row's parts).
        ("a part after the rows below", ["200", "300", "200", "200", "100", "100", "100", "300", "100", "400"]),
    ],
)
def test_cells_placed_with_the_total_after_the_parts(form: str, stream: list[str]) -> None:
    """The total found by the sums where it is written: each row's figures read, none guessed."""
    layout = match_layout(" ".join(TOTAL_LAST))
    assert layout is not None
    total, parts = layout.sides[0].sums[0]
    codes = ["208", "20805", "20808", None]
    placed = place_cells(_figures(stream), codes, layout.sides[0])
    assert placed is not None, form
    rows, unplaced = placed
    assert unplaced == [], form
    read = {r: sorted(line.text for line in row.lines) for r, row in rows.items()}
    assert read == {0: ["100", "200", "300"], 1: ["200", "200"], 2: ["100", "100"], 3: ["100", "300", "400"]}, form
    totals = {
        r: {line.text for line, col in zip(row.lines, choice, strict=True) if col == total}
        for r, row in rows.items()
        for choice in row.candidates
    }
    assert totals == {0: {"300"}, 1: {"200"}, 2: {"100"}, 3: {"400"}}, form
    assert all(col in parts for row in rows.values() for choice in row.candidates for col in choice if col != total)


def test_header_total_written_after_the_rows_is_not_a_row() -> None:
    """A table printing 合计 last, its header written cell by cell: the header's 合计 may come after
    the rows. Alone, it is the header's (the table's total row is on a later page); with a second
    合计 after the rows, that one is the total row, last."""
    header = list(TOTAL_LAST[:4])
    assert _labels([*header, *ONE_LINE, "合计"]) == (NAMES, CODES)
    assert _labels([*header, *ONE_LINE, "合计", "合计"]) == ([*NAMES, "合计"], CODES)
    assert _labels([*header, "合计", *ONE_LINE, "合计"]) == ([*NAMES, "合计"], CODES)  # the header's first


def test_cells_that_fit_no_placement_are_not_read() -> None:
    layout = match_layout(" ".join(HEADER))
    assert layout is not None
    # 20805's parts exceed its total: no placement keeps the row's sum.
    assert (
        place_cells(_figures(["300", "200", "100", "200", "250", "100"]), ["208", "20805", "20808"], layout.sides[0])
        is None
    )


def _in_yuan(texts: list[str], carried: tuple[str, ...] = ()) -> tuple[list[str], list[str], list[str]] | None:
    read = whole_code_rows(_lines(texts), set(HEADER), carried, in_yuan=True)
    if read is None:
        return None
    names, codes, figures = read
    return [name.text for name in names], [code[0].text for code in codes], [figure.text for figure in figures]


def test_whole_figures_of_a_table_in_yuan_told_from_codes() -> None:
    """In 元, ``850`` (no class), ``301`` (an economic class in a function table), ``208`` (a code
    printed beside its name already) and ``1200`` (no code's length) alone on their line are figures."""
    texts = [*HEADER, ONE_LINE[0], "850", "301", *ONE_LINE[1:4], "208", "1200", *ONE_LINE[4:], "合计"]
    names, codes, figures = _in_yuan(texts) or ([], [], [])
    assert (names, codes, sorted(figures)) == ([*NAMES, "合计"], CODES, ["1200", "208", "301", "850"])
    # Not in 元 (or not known to be): the page is not read, as before.
    assert _labels(texts) is None


def test_a_code_printed_twice_is_the_one_above_its_name() -> None:
    """Codes above their names: a figure 210 (a class code) alone is a figure; the 210 above its name
    is the code."""
    texts = [*HEADER, *TWO_LINES[:8], "210", *TWO_LINES[8:], "合计"]
    assert _in_yuan(texts) == ([*NAMES, "合计"], CODES, ["210"])


def test_tokens_the_text_cannot_tell_from_codes_are_not_read() -> None:
    """The codes run ahead of their names, 208 twice: one is the code, the other a figure, and
    neither stands above a name; which (and so where the figure is in its column) the text does not
    say. The page is not read."""
    texts = [*HEADER, "208", "208", "20805", "社会保障和就业支出", "行政事业单位养老支出", "合计"]
    assert _in_yuan(texts) is None
    assert _in_yuan([*HEADER, "208", "20805", "社会保障和就业支出", "行政事业单位养老支出", "合计"]) is not None


def test_names_wrapped_in_their_cells_read_whole() -> None:
    """Names wrapped at six characters, as pdftotext writes them: a code alone above its name's
    lines, a name's first line above the line printing its code beside its second, a name whose code
    comes after the rows (2080599): each name's lines read as its code's name."""
    texts = [*HEADER, "208", "社会保障和就", "业支出", "20805", "行政事业单位", "养老支出"]
    texts += ["行政单位离退", "2080501 休", "其他行政事业", "单位养老支出", "210 卫生健康支出"]
    texts += ["21011", "行政事业单位", "医疗", "2101101 行政单位医疗", "2080599", "合计"]
    assert _labels(texts) == ([*NAMES, "合计"], CODES)


def test_whole_figures_beside_names_wrapped_in_their_cells() -> None:
    """In 元, names wrapped at six characters print more name lines than codes: the lone tokens that
    can be no code (6397096 and 6103096: known to no classification) are figures, not left to be
    taken for codes that then name nothing (the page was not read)."""
    texts = [*HEADER, "208", "社会保障和就", "业支出", "6397096", "6103096", "20805", "行政事业单位"]
    texts += ["养老支出", "6103096", "6103096", "2080501 行政单位离退休", "6103096", "6103096", "合计", "6397096"]
    names, codes, figures = _in_yuan(texts) or ([], [], [])
    assert (names, codes) == ([*NAMES[:3], "合计"], CODES[:3])
    assert sorted(figures) == ["6103096"] * 5 + ["6397096"] * 2


def test_wrapped_names_that_do_not_read_as_their_codes_are_not_read() -> None:
    """A line left over that is no code's name (the page's lines do not group one way): not read."""
    texts = [*HEADER, "208", "社会保障和就", "业支出", "20805", "行政事业单位", "养老", "支出", "其他"]
    assert _labels([*texts, "合计"]) is None
    assert _labels([*texts[:-2], "支出", "合计"]) == (
        ["社会保障和就业支出", "行政事业单位养老支出", "合计"],
        ["208", "20805"],
    )


def test_wrapped_names_beside_a_code_the_reference_does_not_know_are_not_read() -> None:
    """20877 is no code the reference knows: which lines make its name nothing tells."""
    texts = [*HEADER, "208", "社会保障和就", "业支出", "20877", "地方自定", "项目", "合计"]
    assert _labels(texts) is None
    assert _labels([*texts[:8], "20805", "行政事业单位", "养老支出", "合计"]) is not None


def test_a_wrapped_name_written_after_the_names_below_it_is_its_codes() -> None:
    """pdftotext may write a wrapped name's lines after the names of rows below it (here 2010602's
    ``一般行政管理`` / ``事务`` after 208's code, as in the 支出决算表 of a final account whose names
    wrap): no grouping takes the lone codes in the table's order, and each lone code takes the one
    group that is its name in the reference."""
    texts = [*HEADER, "201", "一般公共服务", "支出", "20106", "财政事务", "2010602", "2010608", "财政委托业务"]
    texts += ["支出", "社会保障和就", "业支出", "208", "一般行政管理", "事务", "合计"]
    names = ["一般公共服务支出", "财政事务", "一般行政管理事务", "财政委托业务支出", "社会保障和就业支出", "合计"]
    assert _labels(texts) == (names, ["201", "20106", "2010602", "2010608", "208"])


def test_names_out_of_order_that_two_codes_share_are_not_read() -> None:
    """Out of the table's order, two lone codes of one name (行政运行 under 人大事务 and under 财政事务)
    may take either 行政运行: which row is which the text does not say, the page is not read."""
    texts = [*HEADER, "201", "20101", "2010101", "20106", "2010601", "一般公共服务", "支出", "人大事务"]
    assert _labels([*texts, "财政事务", "行政运行", "行政运行", "合计"]) is None
    # In the table's order the same lines are read (each 行政运行 after its 款's name).
    assert _labels([*texts, "行政运行", "财政事务", "行政运行", "合计"]) is not None


def test_a_pages_first_name_wrapped_before_any_code() -> None:
    """The page going on with a table: its first row's name, wrapped, comes before any code (its
    code 2080599 after the rows); 2080505 goes on from the page before (``carried``)."""
    texts = [*HEADER, "其他行政事业", "单位养老支出", "2080505 机关事业单位基本养老保险缴费支出", "2080599", "合计"]
    assert _labels(texts, ("208", "05", "01")) == (
        ["机关事业单位基本养老保险缴费支出", "其他行政事业单位养老支出", "合计"],
        ["2080505", "2080599"],
    )


def test_header_cells_wrapped_and_written_after_the_rows_are_no_names() -> None:
    """A narrow page wraps the header's cells (``基本支`` / ``出``), and pdftotext may write those of
    the columns on the right after the rows: their pieces join into a header cell, no row's name."""
    assert _labels([*HEADER[:3], *ONE_LINE, "合计", "基本支", "出", "项目支", "出"]) == ([*NAMES, "合计"], CODES)
    # A piece that joins into no header cell is a name no code takes: the page is not read.
    assert _labels([*HEADER[:3], *ONE_LINE, "合计", "基本支", "付"]) is None


def test_a_family_printing_one_part_has_its_childrens_parts_top_to_bottom() -> None:
    """302 prints its total and one part (公用经费 only), as do its rows; two of them print the same
    figure (30207 and 30213: 40,000). 30207's second 40,000 is no total of 30209 whose part comes
    after 30211's row: a child's part stands in its parent's one column, written top to bottom."""
    layout = match_layout("科目编码 科目名称 合计 人员经费 公用经费")
    assert layout is not None
    codes = ["302", "30207", "30209", "30211", "30213", None]
    stream = ["855,000", "855,000", "40,000", "40,000", "750,000", "750,000", "25,000", "25,000", "40,000"]
    stream += ["40,000", "855,000", "855,000"]
    placed = place_cells(_figures(stream), codes, layout.sides[0])
    assert placed is not None
    rows, unplaced = placed
    assert unplaced == []
    read = {r: [line.text for line in row.lines] for r, row in rows.items()}
    assert read == {
        0: ["855,000", "855,000"],
        1: ["40,000", "40,000"],
        2: ["750,000", "750,000"],
        3: ["25,000", "25,000"],
        4: ["40,000", "40,000"],
        5: ["855,000", "855,000"],
    }


def test_a_continued_page_writing_its_first_code_before_the_header_it_repeats() -> None:
    """The table's last page, its header printed again: pdftotext writes the first row's code with the
    header's 科目名称 cell, before the header's 合计 (``科目名称`` / ``2210203`` / ``合计`` / ``基本支出``).
    That 合计, followed by the header's next cell, is the header's: the 合计 row is the one after 购房补贴."""
    texts = ["科目编码", "科目名称", "2210203", "合计", "基本支出", "项目支出", "购房补贴", "3,222,000", "3,222,000"]
    texts += ["合计", "47,483,458", "36,197,265", "11,286,193"]
    assert _labels(texts, ("2210201",)) == (["购房补贴", "合计"], ["2210203"])
    # The total row first, after the first row's code (split codes print the 类 part first): a total
    # followed by figures is the row's, as before.
    assert _labels([*HEADER, CODES[0], "合计", "6,397,096", *NAMES[:1], *TWO_LINES[2:]]) == (["合计", *NAMES], CODES)


def test_a_continued_pages_wrapped_first_name_whose_code_comes_after_the_rows_in_yuan() -> None:
    """In 元, a page going on with 221 opens with 22102's name wrapped (``住房改革支`` / ``出``) whose code
    pdftotext writes after the rows, with 2210203's: both lone tokens are codes, a name line for each."""
    texts = [*HEADER, "住房改革支", "出", "5871730", "5871730", "2210201 住房公积金", "2649730", "2649730", "购房补贴"]
    texts += ["3222000", "3222000", "合计", "47483458", "36197265", "22102", "2210203", "11286193"]
    names, codes, figures = _in_yuan(texts, ("221",)) or ([], [], [])
    assert (names, codes) == (["住房改革支出", "住房公积金", "购房补贴", "合计"], ["22102", "2210201", "2210203"])
    assert len(figures) == 9


def test_a_continued_pages_first_name_wrapped_around_its_code() -> None:
    """A page going on with 20805 opens with 2080506's name wrapped over three lines, its code beside
    the middle one (``机关事业单位`` / ``2080506 职业年金缴费`` / ``支出``): the name is read whole, though
    ``职业年金缴费支出`` alone is a name the reference knows the code by too."""
    texts = [*HEADER, "机关事业单位", "2080506 职业年金缴费", "支出", "80.38", "2080599 其他行政事业单位养老支出"]
    texts.append("合计")
    assert _labels(texts, ("2080505",)) == (
        ["机关事业单位职业年金缴费支出", "其他行政事业单位养老支出", "合计"],
        ["2080506", "2080599"],
    )
