"""A one-sided function table's cells as pdftotext's default mode writes a fully ruled table: a
cell per line, a blank line between cells, the codes of some rows in a run after their names, the
figures of a row sometimes before its name (readers/cell_stream_rows.py)."""

from __future__ import annotations

from budget_reports.readers.cell_stream_rows import cell_stream_rows
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.linear_tables import SourceLine, _without_repeated_headers
from budget_reports.readers.table_headers import LAYOUTS

SPENDING = next(layout for layout in LAYOUTS if layout.name == "支出表").sides[0]


def _lines(cells: list[str]) -> list[BlockLine]:
    """Each cell on its lines (``/`` breaks a wrapped one), a blank line after it."""
    lines: list[BlockLine] = []
    for cell in cells:
        lines += [BlockLine(part, 8, len(lines) + 1) for part in cell.split("/")]
        lines.append(BlockLine("", 8, len(lines) + 1))
    return lines


def _rows(cells: list[str]) -> list[list[str]] | None:
    read = cell_stream_rows(_lines(cells), SPENDING)
    return None if read is None else [[t.text for t in row] for row in read[0]]


# The 支出决算表 on a portrait page: 20805's code after its name and figures, 2080501's figures
# written after 20805's, a 项 part alone before its wrapped name, a page number and the next page's
# labels after the last row.
PORTRAIT = ["201", "合计", "2,940.05 2,336.91", "603.14", "一般公共服务支出", "2,106.66 1,503.52", "603.14"]
PORTRAIT += ["208", "社会保障和就业支出", "326.72", "326.72", "行政事业单位养老支出", "326.72", "326.72"]
PORTRAIT += ["84.65", "84.65", "208", "05", "208", "05", "01 行政单位离退休", "208", "05", "05"]
PORTRAIT += ["机关事业单位基本养老保险缴费/支出", "160.75", "160.75", "-9-", "上缴上级/支出", "经营/支出"]


def test_rows_come_back_from_the_order_of_names_and_codes() -> None:
    assert _rows(PORTRAIT) == [
        ["合计", "2,940.05", "2,336.91", "603.14"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["208", "社会保障和就业支出", "326.72", "326.72"],
        ["20805", "行政事业单位养老支出", "326.72", "326.72"],
        ["2080501", "行政单位离退休", "84.65", "84.65"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
    ]


def test_figures_no_split_proves_are_reported_not_placed() -> None:
    """326.72 326.72 60.00 60.00 after 20805's name, 2080501 printing figures of its own: the four
    are 20805's or partly 2080501's, the text cannot say."""
    cells = [*PORTRAIT[7:14], "60.00", "60.00", *PORTRAIT[16:21], "24.65", "24.65"]
    read = cell_stream_rows(_lines(cells), SPENDING)
    assert read is not None
    rows, unsure = read
    assert [[t.text for t in row] for row in rows][1] == ["20805", "行政事业单位养老支出"]
    assert [cell.figure for cell in unsure] == ["326.72", "326.72", "60.00", "60.00"]


def test_a_name_its_code_does_not_carry_is_not_read() -> None:
    """Names and codes that do not pair up (a code group missing) or a name its code's classification
    denies: no row is guessed."""
    assert _rows([c for c in PORTRAIT if c != "01 行政单位离退休"]) is None
    assert _rows([("行政单位医疗" if c == "行政事业单位养老支出" else c) for c in PORTRAIT]) is None


def test_column_numbers_are_no_cells() -> None:
    cells = ["201", "1", "2", "3", "合计", "2,940.05", "2,940.05", "一般公共服务支出", "2,940.05", "2,940.05"]
    assert _rows(cells) == [["合计", "2,940.05", "2,940.05"], ["201", "一般公共服务支出", "2,940.05", "2,940.05"]]


# The 208 class of a final account on a portrait page, names wrapped at five characters: the 类
# cells of two 项 rows written after the next class's row (``卫生健康支出`` … ``208`` / ``208``), the
# 项 parts beside their names' middle lines (``05 基本养老``).
LATE_CLASSES = ["208", "社会保障和就业支出", "326.72", "326.72", "208", "05", "行政事业单位养老支出", "326.72"]
LATE_CLASSES += [
    "326.72",
    "208",
    "05",
    "行政单位/01 离/退休",
    "84.65",
    "84.65",
    "05",
    "机关事业单位/05 基本养老/保险缴费支出",
]
LATE_CLASSES += ["160.75", "160.75", "05", "其他行政事业/99 单位养老/支出", "0.94", "0.94", "卫生健康支出", "60.99"]
LATE_CLASSES += ["60.99", "208", "208", "210"]


def test_a_class_written_after_the_rows_below_it_is_read_by_each_columns_order() -> None:
    """The code groups (a 类 and the parts after it) do not give the rows' codes; each code column
    keeps its order all the same: each row takes the next 类 and the parts its name's code needs
    (its 项 part printed with its name its own)."""
    assert _rows(LATE_CLASSES) == [
        ["208", "社会保障和就业支出", "326.72", "326.72"],
        ["20805", "行政事业单位养老支出", "326.72", "326.72"],
        ["2080501", "行政单位离退休", "84.65", "84.65"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
        ["2080599", "其他行政事业单位养老支出", "0.94", "0.94"],
        ["210", "卫生健康支出", "60.99", "60.99"],
    ]
    # A class missing, or a part no row's name takes: which code is whose the text does not say.
    assert _rows([*LATE_CLASSES[:-2], "210"]) is None
    assert _rows([*LATE_CLASSES[:14], "06", *LATE_CLASSES[14:]]) is None


def test_a_part_written_inside_its_wrapped_names_block_is_the_rows() -> None:
    """A name on an even count of lines (wrapped at four characters, on a portrait page): its row's
    项 part centred between its middle lines, written inside the name's block (no blank line
    around it) is that row's part, not a cell after the name."""
    cells = ["208", "05", "行政事业单位养老支出", "326.72", "326.72", "208", "05"]
    cells += ["机关事/业/单位基/本/05/养老保/险/缴费支/出", "160.75", "160.75"]
    assert _rows(cells) == [
        ["20805", "行政事业单位养老支出", "326.72", "326.72"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
    ]
    # A 款 row's part inside its name's block: the row's last part all the same.
    cells = ["208", "社会保障和就业支出", "326.72", "326.72", "208", "行政事业单/05/位养老支出", "326.72", "326.72"]
    assert _rows(cells) == [
        ["208", "社会保障和就业支出", "326.72", "326.72"],
        ["20805", "行政事业单位养老支出", "326.72", "326.72"],
    ]


# A wrapped name's block written after the rows below it (portrait page, names wrapped at eight):
# 一般行政管理事务 after 社会保障和就业支出's figures, its own figures (10.00 10.00) written after
# 行政运行's, where its row is.
LATE_NAME = ["201", "06", "财政事务", "1,657.14", "1,503.52", "153.62", "201", "06", "01 行政运行", "1,511.89"]
LATE_NAME += ["1,503.52", "8.37", "10.00", "10.00", "201", "06", "02", "201", "06", "07 信息化建设", "135.25"]
LATE_NAME += ["135.25", "208", "社会保障和就业支出", "326.72", "326.72", "一般行政管理事/务", "208", "05"]
LATE_NAME += ["行政事业单位养老支出", "326.72", "326.72"]


def test_a_name_written_after_the_rows_below_it_is_put_back_where_the_codes_say() -> None:
    """The one name holding no figure is put back where each code column's order gives every row
    its code (one place only does), and its figures split from the row above's as both add up."""
    assert _rows(LATE_NAME) == [
        ["20106", "财政事务", "1,657.14", "1,503.52", "153.62"],
        ["2010601", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ["2010602", "一般行政管理事务", "10.00", "10.00"],
        ["2010607", "信息化建设", "135.25", "135.25"],
        ["208", "社会保障和就业支出", "326.72", "326.72"],
        ["20805", "行政事业单位养老支出", "326.72", "326.72"],
    ]
    # A name no code of the page is known by fits no place: not read.
    assert _rows([("一般行政管理/服务" if c == "一般行政管理事/务" else c) for c in LATE_NAME]) is None


def test_a_later_pages_repeated_header_is_no_row_but_a_total_opening_it_is() -> None:
    """A table read from its title (readers/linear_tables.py): the header a later page repeats, a
    cell to a line, is left out (each header line once); a page opening with its 合计 row and no
    header keeps it, though the header prints 合计 too."""
    header = ["项目", "合计", "支出功能分类", "基本支出", "项目支出", "科目名称", "科目编码"]
    first = [SourceLine(1, n, text) for n, text in enumerate(["221", "住房保障支出", "445.69", ""], start=1)]
    repeated = [SourceLine(2, n, text) for n, text in enumerate(["- 2 -", *header, "", "22102"], start=1)]
    lines = [*first, *repeated]
    kept = [line.text for line in _without_repeated_headers(lines, 0, len(lines), header)]
    assert kept == ["221", "住房保障支出", "445.69", "", "22102"]
    total = [SourceLine(2, n, text) for n, text in enumerate(["合计", "2,940.05"], start=1)]
    lines = [*first, *total]
    kept = [line.text for line in _without_repeated_headers(lines, 0, len(lines), header)]
    assert kept == ["221", "住房保障支出", "445.69", "", "合计", "2,940.05"]
