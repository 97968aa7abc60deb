"""Tables in laid-out text (``pdftotext -layout``): words kept where the page prints them.

The tables are generated from the rows of ``test_readers_text_tables`` and laid out the ways a
layout writes them: a header whose cells wrap over several lines side by side (``基本支`` over
``出``), a long name wrapped under its code with the row's figures on the line above (centred on
the two lines), columns counted one per character (pdftotext) or by display width (a Chinese
character two wide, as an editor aligns them), blank lines between rows or none, and a two-sided
economic table whose right half writes its code over two lines.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.normalize import display_width
from budget_reports.readers.text import read_text
from tests.test_readers_text_tables import EXPECTED, ROWS, TITLE, TOTAL, _lines

Measure = type(len)
# Columns (start) of code, name, 合计, 基本支出, 项目支出.
CODE_X, NAME_X, FIGURE_X = 0, 16, (44, 58, 70)
WRAP = 8  # names longer than this wrap onto the next line


def _at(cells: list[tuple[int, str]], measure) -> str:
    line = ""
    for x, text in sorted(cells):
        line += " " * max(x - measure(line), 1 if line else 0) + text
    return line


def _split(code: str) -> str:
    return "   ".join([code[:3], *(code[i : i + 2] for i in range(3, len(code), 2))])


def _header(measure) -> list[str]:
    return [
        _at([(58, "单位：万元")], measure),
        "",
        _at([(20, "项目")], measure),
        _at([(3, "支出功能分类"), (45, "合计"), (58, "基本支"), (70, "项目支")], measure),
        _at([(20, "科目名称"), (59, "出"), (71, "出")], measure),
        _at([(4, "科目编码")], measure),
        _at([(0, "类"), (6, "款"), (10, "项")], measure),
    ]


def _laid_out(measure, blank_between: bool) -> str:
    lines = [_at([(25, TITLE)], measure), *_header(measure)]
    for code, name, *cells in ROWS:
        figures = [(x, c) for x, c in zip(FIGURE_X, cells, strict=True) if c is not None]
        if len(name) > WRAP:  # the figures centred on two lines of name: printed above the code
            lines += [_at(figures, measure), _at([(CODE_X, _split(code)), (NAME_X, name[:WRAP])], measure)]
            lines.append(_at([(NAME_X, name[WRAP:])], measure))
            if blank_between:
                lines.append("")
        else:
            lines.append(_at([(CODE_X, _split(code)), (NAME_X, name), *figures], measure))
    label, *totals = TOTAL
    lines += [_at(list(zip(FIGURE_X, totals, strict=True)), measure), _at([(NAME_X + 4, label)], measure)]
    return "\n".join(["一、部门概况", "本部门负责财政工作。", *lines, "第三部分 名词解释"]) + "\n"


@pytest.mark.parametrize("measure", [len, display_width], ids=["characters", "display-width"])
@pytest.mark.parametrize("blank_between", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_a_laid_out_table_gives_the_table_lines(measure, blank_between: bool) -> None:
    document = read_text(_laid_out(measure, blank_between), "layout.txt")
    assert _lines(document) == EXPECTED
    assert document.lost == []
    metrics = {(m.metric, m.value) for m in read_tables(document).summary_metrics}
    assert ("一般公共预算财政拨款支出", Decimal("2433.38")) in metrics


def test_a_laid_out_wrapped_name_is_read_whole() -> None:
    document = read_text(_laid_out(len, True), "layout.txt")
    names = {x.code: x.name_as_written for x in read_tables(document).expenditure_function}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"


ECONOMIC = [
    # left code, name, amount; right code, name, amount (None: empty cell)
    ("301", "工资福利支出", "100.00", "302", "商品和服务支出", "30.00"),
    ("30101", "基本工资", "100.00", "30201", "办公费", "20.00"),
    ("30102", "津贴补贴", None, "30202", "印刷费", "10.00"),
]


def _economic(measure) -> str:
    header = [
        _at([(60, "单位：万元")], measure),
        _at([(4, "经济分类"), (44, "经济分类")], measure),
        _at([(4, "科目编码"), (44, "科目编码")], measure),
        _at([(19, "科目名称"), (30, "决算数"), (59, "科目名称"), (70, "决算数")], measure),
        _at([(0, "类"), (5, "款"), (40, "类"), (45, "款")], measure),
    ]
    lines = [_at([(20, "一般公共预算财政拨款基本支出决算表")], measure), *header]
    for left_code, left_name, left, right_code, right_name, right in ECONOMIC:
        figures = [(x, f) for x, f in ((30, left), (70, right)) if f is not None]
        # Codes on one line, names below with the right half's 款 digits: as pdftotext lays out a tall row.
        lines += ["", _at(figures, measure), _at([(0, _split(left_code)), (40, right_code[:3])], measure)]
        lines.append(
            _at([(12, left_name), *([(45, right_code[3:])] if len(right_code) > 3 else []), (50, right_name)], measure)
        )
    lines += ["", _at([(12, "人员经费合计"), (30, "100.00"), (50, "公用经费合计"), (70, "30.00")], measure)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("measure", [len, display_width], ids=["characters", "display-width"])
def test_two_laid_out_halves_keep_their_codes_names_and_figures(measure) -> None:
    document = read_text(_economic(measure), "economic.txt")
    got = {(x.code, x.name, x.amount) for x in read_tables(document).expenditure_economic}
    assert got == {
        ("301", "工资福利支出", Decimal("100.00")),
        ("30101", "基本工资", Decimal("100.00")),
        ("302", "商品和服务支出", Decimal("30.00")),
        ("30201", "办公费", Decimal("20.00")),
        ("30202", "印刷费", Decimal("10.00")),
    }


@pytest.mark.parametrize("measure", [len, display_width], ids=["characters", "display-width"])
def test_a_laid_out_table_continued_over_a_page_break_repeats_its_header(measure) -> None:
    text = _laid_out(measure, blank_between=True)
    lines = text.split("\n")
    # Break the page before 208's row (its figures print on the line above it), header printed again.
    at = next(i for i, line in enumerate(lines) if line.startswith("208 ")) - 1
    continued = [_at([(25, f"{TITLE}（续）")], measure), *_header(measure)]
    document = read_text("\n".join([*lines[:at], "\f" + continued[0], *continued[1:], *lines[at:]]), "paged.txt")
    assert _lines(document) == EXPECTED
    assert document.lost == []
