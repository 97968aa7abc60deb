"""Names wrapped around their row's code line in text written one row per line: each line of name
goes to the row whose name it ends or begins (``readers/name_gaps.py``, ``linear_rows.gather_rows``)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import AmbiguousCell
from budget_reports.readers.linear_rows import gather_rows, line_tokens, segments
from budget_reports.readers.name_gaps import NameSoFar, cut_sides, cuts_between
from budget_reports.readers.text import read_text

Row = tuple[str, str, list[str]]


def _rows(lines: list[str]) -> list[list[Row]]:
    tokens = [line_tokens(text, 1, k) for k, text in enumerate(lines, start=1)]
    return [
        [(side.code_text, side.name_text, [t.text for t in side.figures]) for side in segments(row, True)]
        for row in gather_rows(tokens, coded=True)
    ]


PENSIONS = [
    [("2080501", "行政单位离退休", ["84.65", "84.65"])],
    [("2080505", "机关事业单位基本养老保险缴费支出", ["160.75", "160.75"])],
    [("2080506", "机关事业单位职业年金缴费支出", ["80.38", "80.38"])],
    [("2080599", "其他行政事业单位养老支出", ["0.94", "0.94"])],
]


@pytest.mark.parametrize(
    "lines",
    [
        # pdfplumber, two lines centred on the code line, two wrapped names running (收入决算表).
        [
            "208 05 01 行政单位离退休 84.65 84.65",
            *("机关事业单位基本养老保险", "208 05 05 160.75 160.75", "缴费支出"),
            *("机关事业单位职业年金缴费", "208 05 06 80.38 80.38", "支出"),
            "208 05 99 其他行政事业单位养老支出 0.94 0.94",
        ],
        # A wider cell: the first name's end, one word, then a name on one line (支出决算表).
        [
            "208 05 01 行政单位离退休 84.65 84.65",
            *("机关事业单位基本养老保险缴费", "208 05 05 160.75 160.75", "支出"),
            "208 05 06 机关事业单位职业年金缴费支出 80.38 80.38",
            "208 05 99 其他行政事业单位养老支出 0.94 0.94",
        ],
        # Three lines, the middle one on the code line; whole codes.
        [
            "2080501 行政单位离退休 84.65 84.65",
            *("机关事业单位", "2080505 基本养老保险 160.75 160.75", "缴费支出"),
            *("机关事业单位", "2080506 职业年金缴费 80.38 80.38", "支出"),
            "2080599 其他行政事业单位养老支出 0.94 0.94",
        ],
        # Four and three lines: two above the code line and two below, then one, one and one.
        [
            "2080501 行政单位离退休 84.65 84.65",
            *("机关事业", "单位基本", "2080505 160.75 160.75", "养老保险", "缴费支出"),
            *("机关事业单位", "2080506 职业年金缴费 80.38 80.38", "支出"),
            "2080599 其他行政事业单位养老支出 0.94 0.94",
        ],
        # The code line last (the names set at the top of their cells).
        [
            "2080501 行政单位离退休 84.65 84.65",
            *("机关事业单位基本", "养老保险缴费支出", "2080505 160.75 160.75"),
            *("机关事业单位职业", "年金缴费支出", "2080506 80.38 80.38"),
            "2080599 其他行政事业单位养老支出 0.94 0.94",
        ],
        # -raw: the code line first, the name's lines, then the figures.
        [
            "208 05 01 行政单位离退休 84.65 84.65",
            *("208 05 05", "机关事业单位基本", "养老保险缴费支出", "160.75 160.75"),
            *("208 05 06", "机关事业单位职业", "年金缴费支出", "80.38 80.38"),
            "208 05 99 其他行政事业单位养老支出 0.94 0.94",
        ],
        # pypdfium2: the code line with the name's first line, the figures after its last.
        [
            "208 05 01 行政单位离退休 84.65 84.65",
            *("208 05 05 机关事业单位基本", "养老保险缴费支出 160.75 160.75"),
            *("208 05 06 机关事业单位职业", "年金缴费支出 80.38 80.38"),
            "208 05 99 其他行政事业单位养老支出 0.94 0.94",
        ],
    ],
    ids=["two-lines", "wider-cell", "three-lines", "four-lines", "code-line-last", "raw", "pypdfium2"],
)
def test_each_line_of_a_wrapped_name_goes_to_its_row(lines: list[str]) -> None:
    assert _rows(lines) == PENSIONS


def test_names_the_classification_does_not_know_go_by_width_and_centring() -> None:
    """Names printed as no edition of the classification names their codes: a short line ends its
    name (``午未``), and a cell centred on its code line prints as many lines below it as above."""
    lines = [
        "2010601 甲乙丙丁戊 1.00 1.00",
        *("子丑寅卯辰巳", "2010602 1.00 1.00", "午未"),
        *("天地玄黄宇宙", "2010603 2.00 2.00", "洪荒"),
        "2010604 日月 3.00 3.00",
    ]
    assert _rows(lines) == [
        [("2010601", "甲乙丙丁戊", ["1.00", "1.00"])],
        [("2010602", "子丑寅卯辰巳午未", ["1.00", "1.00"])],
        [("2010603", "天地玄黄宇宙洪荒", ["2.00", "2.00"])],
        [("2010604", "日月", ["3.00", "3.00"])],
    ]


@pytest.mark.parametrize(
    ("above", "gap", "below", "cut"),
    [
        # The classification: 2080505 reads whole with 缴费支出, 2080506 begins with the next line.
        (
            NameSoFar("2080505", ("机关事业单位基本养老保险",), 1),
            ["缴费支出", "机关事业单位职业年金缴费"],
            NameSoFar("2080506"),
            1,
        ),
        # Code line last: the row above is whole without the lines, which begin the row below.
        (
            NameSoFar("2080505", ("机关事业单位基本", "养老保险缴费支出"), 2),
            ["机关事业单位职业", "年金缴费支出"],
            NameSoFar("2080506"),
            0,
        ),
        # Unknown names: 午未 is short, so it is a name's last line.
        (NameSoFar("2010602", ("子丑寅卯辰巳",), 1), ["午未", "天地玄黄宇宙"], NameSoFar("2010603"), 1),
    ],
)
def test_the_cut_between_two_rows(above: NameSoFar, gap: list[str], below: NameSoFar, cut: int) -> None:
    assert cuts_between(above, gap, below, 12) == [cut]


def test_rows_whose_names_the_text_cannot_tell_apart_are_reported() -> None:
    """Lines of equal width, names no edition of the classification gives, and a name set at the
    top of its cell (no line of it below the code line): the row above may end with 子丑寅卯 or the
    row below begin with it. Neither row is read; their figures are reported with both readings."""
    above, below = NameSoFar("2010601", ("甲乙丙丁",), 1), NameSoFar("2010602")
    assert cuts_between(above, ["子丑寅卯"], below, 8) == [0, 1]
    lines = ["2010601 行政运行 9.00 9.00", "甲乙丙丁", "2010602 1.00 1.00", "子丑寅卯", "2010603 2.00 2.00"]
    lines.append("2010604 事业运行 3.00 3.00")
    unsure: list[AmbiguousCell] = []
    rows = gather_rows([line_tokens(text, 1, k) for k, text in enumerate(lines, start=1)], True, unsure)
    assert [[t.text for t in row] for row in rows] == [
        ["2010601", "行政运行", "9.00", "9.00"],
        ["2010604", "事业运行", "3.00", "3.00"],
    ]
    assert [(cell.figure, cell.row, cell.candidates) for cell in unsure] == [
        (figure, code, ("2010602 甲乙丙丁 | 2010603 子丑寅卯", "2010602 甲乙丙丁子丑寅卯 | 2010603 "))
        for code, figure in [("2010602", "1.00"), ("2010602", "1.00"), ("2010603", "2.00"), ("2010603", "2.00")]
    ]


def test_a_total_wrapped_below_a_row_without_figures_is_a_row_of_its_own() -> None:
    """-raw: 31099 prints no figure; its name, then the 人员经费合计 label, each over two lines, then the
    total's figure: the label is no part of 31099's name (其他资本性支出 is whole without it)."""
    lines = ["310 22", "无形资产购", "置", "310 99", "其他资本性", "支出", "人员经费合", "计", "2,152.26"]
    assert _rows(lines) == [
        [("31022", "无形资产购置", [])],
        [("31099", "其他资本性支出", [])],
        [("", "人员经费合计", ["2,152.26"])],
    ]


def test_a_report_whose_rows_names_cannot_be_told_apart_reports_their_figures(tmp_path: Path) -> None:
    """The corpus budget's 支出预算总表 with 2080505 and 2080506 named as no edition of the classification
    names them, 2080505's over three lines around its code line and a line between the two rows
    that may end it or begin 2080506: neither row is read, their figures are reported."""
    text = CORPUS_BUDGET.read_text(encoding="utf-8")
    printed = "208 05 05 机关事业单位基本养老保险缴费支出 2,302,464 2,302,464\n208 05 06 机关事业单位职业年金缴费支出"
    wrapped = "甲乙丙丁\n208 05 05 戊己庚辛 2,302,464 2,302,464\n子丑寅卯\n208 05 06"
    start = text.index("2026年部门支出预算总表\n")
    assert printed in text[start:]
    path = tmp_path / CORPUS_BUDGET.name
    path.write_text(text[:start] + text[start:].replace(printed, wrapped, 1), encoding="utf-8")
    unsure = [
        cell for cell in read_text(path.read_text(encoding="utf-8"), path.name).ambiguous_cells if cell.row in ROWS
    ]
    assert sorted((cell.row, cell.figure) for cell in unsure) == [
        ("2080505", "2,302,464"),
        ("2080505", "2,302,464"),
        ("2080506", "1,151,232"),
        ("2080506", "1,151,232"),
    ]
    lines = extract_frames(path, path.name)["expenditure_function"].filter(
        pl.col("source_table") == "2026年部门支出预算总表"
    )
    assert set(lines["code"]) & set(ROWS) == set()
    assert "2080501" in set(lines["code"])


ROWS = ("2080505", "2080506")
CORPUS_BUDGET = Path(__file__).parent / "data" / "corpus" / "shanghai-putuo-urban-management-2026-budget.txt"


def test_lines_of_name_between_two_sided_rows_go_to_their_side() -> None:
    """pdfplumber's 基本支出决算表 (人员经费 | 公用经费 side by side), names wrapped at seven characters
    around their code line: a lone line is the side's whose names the classification then reads
    (因公出国（境） begins 30212's, 费用 ends it; 本养老保险缴费 ends 30108's)."""
    lines = [
        "301 07 绩效工资 302 05 水费",
        *("机关事业单位基", "301 08 160.75 302 06 电费", "本养老保险缴费"),
        "301 09 职业年金缴费 80.38 302 07 邮电费 4.88",
        *("其他社会保障缴", "301 12 1.61 302 11 差旅费 1.20", "费"),
        *("因公出国（境）", "301 13 住房公积金 187.19 302 12", "费用"),
        "301 14 医疗费 302 13 维修（护）费 2.83",
    ]
    assert _rows(lines) == [
        [("30107", "绩效工资", []), ("30205", "水费", [])],
        [("30108", "机关事业单位基本养老保险缴费", ["160.75"]), ("30206", "电费", [])],
        [("30109", "职业年金缴费", ["80.38"]), ("30207", "邮电费", ["4.88"])],
        [("30112", "其他社会保障缴费", ["1.61"]), ("30211", "差旅费", ["1.20"])],
        [("30113", "住房公积金", ["187.19"]), ("30212", "因公出国（境）费用", [])],
        [("30114", "医疗费", []), ("30213", "维修（护）费", ["2.83"])],
    ]


def test_two_sides_ending_on_the_same_word_read_one_way() -> None:
    """``费`` / ``费`` between 301 11 (公务员医疗补助缴) and 301 12 (its first line 其他社会 after them):
    either line may end either side's name, and both ways read the same names, so the text tells them
    (it was left unread, 30111 read as 公务员医疗补助缴费费其他社会 and 30209 as 物业管理)."""
    aboves = [NameSoFar("30111", ("公务员医", "疗补助缴")), NameSoFar("30209", ("物业管理",))]
    belows = [NameSoFar("30112"), NameSoFar("30211", ("差旅费",))]
    way = cut_sides(aboves, [["费"], ["费"], ["其他社会"]], belows)
    assert way is not None
    assert sorted(way[:2]) == [(0, True), (1, True)]
    assert way[2] == (0, False)
    # Two different words: which side each ends is told by the classification, one way only.
    assert cut_sides(aboves, [["费"], ["其他社会"]], belows) is None  # 物业管理 ends on no line
