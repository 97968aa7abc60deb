"""Tables written column by column (pdftotext's default mode), generated from a real table in the
forms that extractor gives: over two pages with the codes of a 类 or 款 going on from the first,
the 款 and 项 runs class by class or every 款 first, names wrapped in their cell, a page opening
with a run of codes. Each form gives the table's lines or, where the text cannot prove them,
nothing but ambiguous-cell reports.
"""

from __future__ import annotations

import pytest

from budget_reports.readers.column_blocks import BlockLine, rebuild, total_row_alone
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.table_headers import match_layout
from budget_reports.readers.text import read_text
from budget_reports.readers.wrapped_text import furniture
from tests.test_readers_text_tables import EXPECTED, ROWS, TITLE, TOTAL, _lines

Row = tuple[str, str, str, str | None, str | None]


def _runs(values: list[str | None]) -> list[str]:
    """A column as runs of its cells, a blank line where cells are empty and after the last."""
    lines: list[str] = []
    for value in values:
        if value is None:
            if lines and lines[-1] != "":
                lines.append("")
        else:
            lines.append(value)
    return [*lines, ""]


def _code_runs(rows: list[Row], carried: str, kuan_first: bool) -> list[str]:
    """The 类 codes, then the 款 and 项 parts: class by class (as pdftotext writes a table whose
    classes are set apart) or every 款 part before every 项 part."""
    codes = [code for code, *_ in rows]
    lines = [*(c[:3] for c in codes), ""]
    kuan_runs, xiang_runs = [], []
    for class_code in dict.fromkeys(c[:3] for c in codes):
        group = [c for c in codes if c[:3] == class_code]
        opened = group if carried.startswith(class_code) else group[1:]
        kuan_runs.append([c[3:5] for c in opened if len(c) > 3])
        xiang_runs.append([c[5:7] for c in opened if len(c) == 7])
    if kuan_first:
        lines += [*(p for run in kuan_runs for p in run), "", *(p for run in xiang_runs for p in run), ""]
    else:
        for kuan, xiang in zip(kuan_runs, xiang_runs, strict=True):
            lines += [*kuan, "", *xiang, ""]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]


def _page(
    rows: list[Row], carried: str, kuan_first: bool, header: bool, total: bool, total_last: bool = False
) -> list[str]:
    """The page's runs; ``total_last``: the table printing 基本支出 | 项目支出 | 合计."""
    lines = [TITLE, "单位：万元", "项目", "", "支出功能分类", "科目编码", "类 款 项", ""] if header else []
    lines += _code_runs(rows, carried, kuan_first)
    lines += ["科目名称", ""] if header else []
    lines += [name for _, name, *_ in rows] + (["合计"] if total else []) + [""]
    if header:
        lines += ["基本支出 项目支出", "", "合计", ""] if total_last else ["合计", "", "基本支出 项目支出", ""]
    for col in (1, 2, 0) if total_last else range(3):
        lines += _runs(
            [cells[col] for *_, cells in ((r[0], r[1], r[2:]) for r in rows)] + ([TOTAL[1 + col]] if total else [])
        )
    return lines


def _text(break_at: int, kuan_first: bool, total_last: bool = False) -> str:
    first, second = ROWS[:break_at], ROWS[break_at:]
    carried = first[-1][0]
    pages = [
        "一、部门概况\n本部门负责财政工作。",
        "\n".join(_page(first, "", kuan_first, header=True, total=False, total_last=total_last)),
        "\n".join(_page(second, carried, kuan_first, header=False, total=True, total_last=total_last)),
        "第三部分 名词解释\n",
    ]
    return "\f".join(pages)


@pytest.mark.parametrize("kuan_first", [False, True], ids=["class-by-class", "kuan-first"])
@pytest.mark.parametrize("break_at", [2, 3, 6, 7, 8])
def test_a_table_over_two_pages_written_by_columns(break_at: int, kuan_first: bool) -> None:
    document = read_text(_text(break_at, kuan_first), "columns.txt")
    lines = _lines(document)
    assert lines == EXPECTED
    assert document.ambiguous_cells == []


@pytest.mark.parametrize("kuan_first", [False, True], ids=["class-by-class", "kuan-first"])
@pytest.mark.parametrize("break_at", [2, 6, 8])
def test_a_table_printing_its_total_last_written_by_columns(break_at: int, kuan_first: bool) -> None:
    """基本支出 | 项目支出 | 合计: the 合计 column's runs come after the parts'; the row sums tell it."""
    document = read_text(_text(break_at, kuan_first, total_last=True), "columns.txt")
    assert _lines(document) == EXPECTED
    assert document.ambiguous_cells == []


def test_a_name_wrapped_in_its_cell_is_joined_by_the_classification() -> None:
    text = _text(6, kuan_first=False).replace("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险\n缴费支出")
    assert _lines(read_text(text, "wrapped.txt")) == EXPECTED


def test_a_wrapped_name_the_classification_cannot_confirm_is_not_joined() -> None:
    # The last row's 项 printed 99: 2080599 is 其他行政事业单位养老支出, so the two name lines joined
    # would name the row wrongly; left apart they are one name too many. The page is not read.
    page_two = "\n".join(_page(list(ROWS[6:]), "", kuan_first=False, header=False, total=True))
    assert "\n01\n05\n" in page_two
    page_two = page_two.replace("\n01\n05\n", "\n01\n99\n")
    page_two = page_two.replace("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险\n缴费支出")
    pages = _text(6, kuan_first=False).split("\f")
    document = read_text("\f".join([*pages[:2], page_two, *pages[3:]]), "unconfirmed.txt")
    lines = _lines(document)
    assert "2080599" not in lines and "2080505" not in lines
    assert {"242.07", "84.65", "326.72"} <= {c.figure for c in document.ambiguous_cells}
    assert lines["2010601"] == EXPECTED["2010601"]  # the first page is read


def _source(pages: list[list[str]]) -> list[SourceLine]:
    return [SourceLine(p, i, text) for p, page in enumerate(pages, start=1) for i, text in enumerate(page, start=1)]


def test_a_run_of_codes_opening_a_page_is_not_taken_for_page_numbers() -> None:
    pages = [
        ["收入决算表", "单位：万元", "201", "201", "1,000.00", "3"],
        ["208", "210", "05", "社会保障和就业支出", "12.00", "4"],
        ["三、说明", "本年度收入1,000.00万元。", "5"],
    ]
    dropped = furniture(_source(pages))
    assert (2, 1) not in dropped and (2, 2) not in dropped  # 208, 210: a column of codes
    assert {(1, 6), (2, 6), (3, 3)} <= dropped  # the page numbers


@pytest.mark.parametrize(
    ("sizes", "kuan_count"),
    [([], 0), ([3], 0), ([3], 3), ([2, 2], 2), ([5, 4, 5, 4, 2, 1, 3, 2], 13), ([1, 1, 3, 2], 9), ([1] * 10, 4)],
)
def test_the_part_runs_are_split_between_the_columns_as_every_split_counted(sizes: list[int], kuan_count: int) -> None:
    """The splits grown run by run are those of every split whose 款 runs hold the count, in the same
    order (the readings the codes give are kept in that order)."""
    from itertools import product

    from budget_reports.readers.column_blocks import _splits_of

    every = [
        split
        for split in product((0, 1), repeat=len(sizes))
        if sum(size for size, level in zip(sizes, split, strict=True) if level == 0) == kuan_count
    ]
    assert _splits_of(sizes, kuan_count) == every


# Putuo's 收入预算总表 (in 元) printed with whole amounts and names wrapped at eight characters, as
# pdftotext (default) writes its page: whole codes alone or beside their names, whole figures alone.
WHOLE_PAGE = [
    *("科目编码", "", "科目名称", "栏次", "", "合计", "", "财政拨款收入", "", "事业收入", "", "", "", "208", ""),
    *("社会保障和就业支", "出", "", "6397096", "", "6397096", "", "20805", "", "行政事业单位养老", "支出", ""),
    *("6103096", "", "6103096", "", "2614680", "", "2614680", "", "2080501 行政单位离退休", "2080505", ""),
    *("机关事业单位基本", "养老保险缴费支出", "", "2302464", "", "2302464", "", "2080506", "", "机关事业单位职业"),
    *("年金缴费支出", "", "1151232", "", "1151232", "", "2080599", "", "其他行政事业单位", "养老支出", "", "34720"),
    *("", "34720", "", "20808 抚恤", "", "294000", "", "294000", "", "2080801 死亡抚恤", "", "294000", "", "294000"),
    *("", "210 卫生健康支出", "", "1439040", "", "1439040", "", "21011 行政事业单位医疗", "", "1439040", "", "1439040"),
    *("", "2101101 行政单位医疗", "", "1439040", "", "1439040", "", "212 城乡社区支出", "", "33775592", "", "33775592"),
    *(
        "",
        "21201 城乡社区管理事务",
        "",
        "33775592",
        "",
        "33775592",
        "",
        "33775592",
        "",
        "33775592",
        "",
        "221 住房保障支出",
    ),
    *("", "5871730", "", "5871730", "", "22102 住房改革支出", "", "5871730", "", "5871730", "", "2210201 住房公积金"),
    *(
        "",
        "2649730",
        "",
        "2649730",
        "",
        "2210203 购房补贴",
        "",
        "3222000",
        "",
        "3222000",
        "",
        "47483458",
        "",
        "47483458",
    ),
    *("", "2120104 城管执法", "", "合计", "", "-6-", "", "事业单位经营收入", "", "其他收入", "", "", ""),
]


def test_a_page_in_yuan_printing_whole_figures_beside_wrapped_names_is_read_as_streams() -> None:
    """The page's only class code alone on its line (208) reads as the labels by column, one row,
    and the runs of figures (separators or decimals) are none: that reading gave the 208 row without
    figures, every whole figure dropped unreported. Read as streams (``whole_codes``), the whole
    numbers no classification knows are figures, however many lines the wrapped names take: each
    row its 合计 and its one income column's figure (which column, the report's other tables say)."""
    layout = match_layout("科目编码 科目名称 合计 财政拨款收入 事业收入 事业单位经营收入 其他收入")
    assert layout is not None
    page = [BlockLine(text, 6, n) for n, text in enumerate(WHOLE_PAGE, start=1)]
    rebuilt = rebuild(page, layout, (), ((0, 1, 2, 3, 4),), in_yuan=True)
    assert rebuilt is not None
    rows, ambiguous = rebuilt
    assert ambiguous == []
    assert len(rows) == 19 and rows[-1][0].name_text == "合计"
    assert [segment.code_text for segment, _ in rows[:3]] == ["208", "20805", "2080501"]
    for segment, figures in rows:
        assert len(set(figures.values)) == 1 and len(figures.values) == 2, segment.name_text
        assert {placement[0] for placement in figures.candidates} == {0}  # the 合计 first
    assert rows[0][1].values[0] == 6397096 and rows[-1][1].values[0] == 47483458


def test_a_last_page_holding_the_total_row_alone() -> None:
    """A table's last page may hold its 合计 row alone, under its header printed again (the header's own
    合计 first) or not: the row, its figures placed by its own sums (合计 = 基本支出 + 项目支出); a page
    printing a code or a row's name is no such page."""
    layout = match_layout("科目编码 科目名称 合计 基本支出 项目支出")
    assert layout is not None
    # As pdftotext writes it: the header's cells and the row's, column by column, the page number among them.
    page = ["科目编码", "科目名称", "合计", "合计", "基本支出", "47483458", "- 10 -", "项目支出", "36197265"]
    page.append("11286193")
    alone = total_row_alone([BlockLine(text, 10, k) for k, text in enumerate(page)], layout)
    assert alone is not None
    segment, figures = alone
    assert (segment.name_text, [t.text for t in segment.figures]) == ("合计", ["47483458", "36197265", "11286193"])
    assert figures.candidates == [(0, 1, 2)]
    # Without the header; two figures: 合计 and either part.
    bare = total_row_alone([BlockLine(t, 10, k) for k, t in enumerate(["合计", "5,871,730", "5,871,730"])], layout)
    assert bare is not None and bare[1].candidates == [(0, 1), (0, 2)]
    for other in (["2210203", "购房补贴", "3222000", "3222000", "合计", "47483458"], ["购房补贴", "合计", "3222000"]):
        assert total_row_alone([BlockLine(t, 10, k) for k, t in enumerate(other)], layout) is None
    # The header's 合计 alone, no figure: no row.
    assert total_row_alone([BlockLine(t, 10, k) for k, t in enumerate(page[:4])], layout) is None
