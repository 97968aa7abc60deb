"""Tables from PDF-extracted text, on small texts generated in each family of serializations.

One table (a 一般公共预算财政拨款支出决算表 with rows missing 基本支出 or 项目支出) is written the way
each extractor family writes it: codes split (``201 06 01``) or whole (``2010601``), the name on
the line before its code and figures (pdfplumber), figures continued on the next line (pdftotext
-raw), continued over a page break with its title and header printed again, its title glued to the
last row of the page before. Every form must give the same classification lines as the table itself.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.extract.standard_tables import find_standard_tables, read_tables
from budget_reports.gold import extract_frames
from budget_reports.model import Document
from budget_reports.readers.cell_assignment import narrow_by_columns, row_candidates
from budget_reports.readers.text import read_text

# code, name, 合计, 基本支出, 项目支出 (None: the cell is empty and the text drops it)
ROWS: list[tuple[str, str, str, str | None, str | None]] = [
    ("201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"),
    ("20106", "财政事务", "2,106.66", "1,503.52", "603.14"),
    ("2010601", "行政运行", "1,511.89", "1,503.52", "8.37"),
    ("2010602", "一般行政管理事务", "10.00", None, "10.00"),
    ("2010607", "信息化建设", "135.25", None, "135.25"),
    ("2010608", "财政委托业务支出", "449.52", None, "449.52"),
    ("208", "社会保障和就业支出", "326.72", "326.72", None),
    ("20805", "行政事业单位养老支出", "326.72", "326.72", None),
    ("2080501", "行政单位离退休", "84.65", "84.65", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "242.07", "242.07", None),
]
TOTAL = ("合计", "2,433.38", "1,830.24", "603.14")
TITLE = "一般公共预算财政拨款支出决算表"
HEADER = ["单位：万元", "项目", "合计 基本支出 项目支出 支出功能分类", "科目编码 科目名称", "类 款 项"]


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


EXPECTED = {code: (_money(total), _money(basic), _money(project)) for code, _, total, basic, project in ROWS}


def _split(code: str) -> str:
    return " ".join([code[:3], *(code[i : i + 2] for i in range(3, len(code), 2))])


def _row_lines(style: str) -> list[str]:
    lines = []
    for code, name, *cells in ROWS:
        figures = " ".join(c for c in cells if c is not None)
        if style == "whole":
            lines.append(f"{code} {name} {figures}")
        elif style == "split":
            lines.append(f"{_split(code)} {name} {figures}")
        elif style == "name-first":  # pdfplumber: the name on its own line above the code
            lines += [name, f"{_split(code)} {figures}"]
        elif style == "figures-below":  # pdftotext -raw: the first figure, then the others below
            first, *rest = figures.split(" ")
            lines += [f"{_split(code)} {name} {first}", *rest]
        elif style == "wrapped-name":  # pypdfium2: a long name wraps, the figures on a line of their own
            lines += (
                [f"{_split(code)} {name[:6]}", name[6:], figures] if len(name) > 6 else [f"{code} {name} {figures}"]
            )
    return [*lines, " ".join(TOTAL)]


def _text(body: list[str], before: str = "一、部门概况\n本部门负责财政工作。") -> str:
    return "\f".join([before, "\n".join([TITLE, *HEADER, *body]), "第三部分 名词解释\n"])


def _lines(document: Document) -> dict[str, tuple[Decimal | None, ...]]:
    facts = read_tables(document)
    return {x.code: (x.actual, x.basic, x.project) for x in facts.expenditure_function if x.code}


@pytest.mark.parametrize("style", ["whole", "split", "name-first", "figures-below", "wrapped-name"])
def test_every_row_form_gives_the_table_lines(style: str) -> None:
    document = read_text(_text(_row_lines(style)), "gpb.txt")
    assert _lines(document) == EXPECTED
    assert document.ambiguous_cells == []
    found = find_standard_tables(document)
    assert [t.title for t in found] == [TITLE] and found[0].unit == "万元"


def test_missing_cells_are_placed_by_the_sums_down_the_table() -> None:
    # 10.00 10.00: 合计 and one part, but which? The 款 above has 1,503.52 基本支出 = 行政运行's alone,
    # so the three project lines' figures can only be 项目支出.
    document = read_text(_text(_row_lines("split")), "gpb.txt")
    assert _lines(document)["2010602"] == (Decimal("10.00"), None, Decimal("10.00"))
    assert _lines(document)["2080501"] == (Decimal("84.65"), Decimal("84.65"), None)


def test_figures_keep_their_line_as_evidence() -> None:
    document = read_text(_text(_row_lines("figures-below")), "gpb.txt")
    line = next(x for x in read_tables(document).expenditure_function if x.code == "2010601")
    assert line.evidence.page == 2
    assert line.evidence.line == len(HEADER) + 2 + 2 * 3  # title, header, three rows of two lines before
    assert "行政运行" in line.evidence.snippet


def test_thousands_separators_and_yuan_tables_stay_exact() -> None:
    body = [
        "201 一般公共服务支出 21,066,600.37 15,035,200.00 6,031,400.37",
        "201 06 财政事务 21,066,600.37 15,035,200.00 6,031,400.37",
        "合计 21,066,600.37 15,035,200.00 6,031,400.37",
    ]
    text = "\n".join([TITLE, "单位：元", *HEADER[1:], *body])
    lines = _lines(read_text(text, "yuan.txt"))
    assert lines["201"] == (Decimal("2106.660037"), Decimal("1503.52"), Decimal("603.140037"))


def test_a_table_continued_over_a_page_break_repeats_its_header() -> None:
    rows = _row_lines("split")
    page_two = "\n".join([f"{TITLE}（续）", *HEADER, *rows[6:]])
    text = "\f".join(["一、部门概况", "\n".join([TITLE, *HEADER, *rows[:6]]), page_two, "第三部分 名词解释\n"])
    document = read_text(text, "paged.txt")
    assert _lines(document) == EXPECTED
    (table,) = [t.table for t in find_standard_tables(document)]
    assert table.pages == (2, 3)


def test_a_title_glued_to_the_last_row_of_the_page_before() -> None:
    economic = ["单位：万元", "经济分类 科目名称 决算数 经济分类 科目名称 决算数", "科目编码 科目编码", "类 款 类 款"]
    economic += ["301 工资福利支出 2,082.85 302 商品和服务支出 171.07", "301 01 基本工资 262.33 302 01 办公费 21.21"]
    rows = _row_lines("split")
    rows[-1] += "一般公共预算财政拨款基本支出决算表"  # the next page's first line glued to this one
    text = "\n".join([TITLE, *HEADER, *rows, *economic])
    document = read_text(text, "glued.txt")
    assert _lines(document) == EXPECTED
    economic_lines = {(x.code, x.amount) for x in read_tables(document).expenditure_economic}
    assert economic_lines == {
        ("301", Decimal("2082.85")),
        ("30101", Decimal("262.33")),
        ("302", Decimal("171.07")),
        ("30201", Decimal("21.21")),
    }


def test_side_by_side_halves_go_to_the_side_their_codes_continue() -> None:
    header = ["单位：万元", "经济分类 科目名称 决算数 经济分类 科目名称 决算数", "科目编码 科目编码", "类 款 类 款"]
    body = [
        "301 工资福利支出 100.00 302 商品和服务支出 30.00",
        "301 01 基本工资 100.00 302 01 办公费 20.00",
        "302 02 印刷费 10.00",  # only the right half has a line here
        "310 资本性支出 5.00",
        "310 02 办公设备购置 5.00",
        "人员经费合计 100.00 公用经费合计 35.00",
    ]
    document = read_text("\n".join(["一般公共预算财政拨款基本支出决算表", *header, *body]), "economic.txt")
    amounts = {x.code: x.amount for x in read_tables(document).expenditure_economic}
    assert amounts == {
        "301": Decimal("100.00"),
        "30101": Decimal("100.00"),
        "302": Decimal("30.00"),
        "30201": Decimal("20.00"),
        "30202": Decimal("10.00"),
        "310": Decimal("5.00"),
        "31002": Decimal("5.00"),
    }


def test_an_ambiguous_cell_is_null_with_a_finding(tmp_path: Path) -> None:
    # One 类 with one 项, both printing 合计 and one part: nothing says whether it is 基本 or 项目.
    body = ["205 教育支出 10.00 10.00", "205 01 教育管理事务 10.00 10.00", "205 01 01 行政运行 10.00 10.00"]
    path = tmp_path / "ambiguous.txt"
    path.write_text("\n".join([TITLE, *HEADER, *body]) + "\n", encoding="utf-8")
    frames = extract_frames(path)
    lines = frames["expenditure_function"].filter(pl.col("source_kind") == "table")
    assert lines.height == 3
    assert lines["actual"].to_list() == [Decimal("10")] * 3
    assert lines["basic"].null_count() == 3 and lines["project"].null_count() == 3
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    assert findings.height == 3
    assert set(findings["expected"].to_list()) == {"基本支出、项目支出"}
    assert set(findings["actual"].to_list()) == {"10.00"}
    assert sorted(findings["line"].to_list()) == [len(HEADER) + 2, len(HEADER) + 3, len(HEADER) + 4]


def test_a_dash_in_an_empty_cell_says_which_column_each_figure_is_in() -> None:
    # The rows above printed with a dash in the empty cell, as county reports print them and
    # pdftotext -raw, pypdfium2 and pdfplumber write them, on the row's line: three cells, the
    # figures in the first and the third (by the sums alone 基本支出 or 项目支出).
    body = ["205 教育支出 10.00 - 10.00", "205 01 教育管理事务 10.00 - 10.00", "205 01 01 行政运行 10.00 - 10.00"]
    document = read_text(_text(body), "dashed.txt")
    ten = Decimal("10.00")
    assert _lines(document) == dict.fromkeys(["205", "20501", "2050101"], (ten, None, ten))
    assert document.ambiguous_cells == []


def test_a_whole_amount_before_a_dash_is_no_code() -> None:
    # In 元, amounts printed whole: 6103096 before the dash is the 基本支出 cell, not the code of a
    # row's next side (a dash is no name, it does not open one); the row was read as 208056103096.
    body = [
        "208 社会保障和就业支出 6397096 6103096 294000",
        "20805 行政事业单位养老支出 6103096 6103096 -",
        "2080501 行政单位离退休 6103096 6103096 -",
        "20808 抚恤 294000 - 294000",
        "2080801 死亡抚恤 294000 - 294000",
    ]
    text = "\n".join([TITLE, "单位：元", *HEADER[1:], *body])
    document = read_text(text, "yuan.txt")
    basic, project = Decimal("610.3096"), Decimal("29.4")
    assert _lines(document) == {
        "208": (Decimal("639.7096"), basic, project),
        "20805": (basic, basic, None),
        "2080501": (basic, basic, None),
        "20808": (project, None, project),
        "2080801": (project, None, project),
    }
    assert document.ambiguous_cells == []


def test_three_public_figures_only_row_keeps_what_the_sums_decide() -> None:
    header = [
        "单位：万元",
        "财政拨款“三公”经费",
        "合计 因公出国（境）费 公务用车购置及运行费",
        "小计 公务接待费",
        "公务用车购置费",
        "公务用车运行费",
        " ".join(["预算数 决算数"] * 6),
    ]
    # 合计 budget 3, actual 2.5; 出国 1 / 0.5; 公车 小计 2 / 2 = 购置 0 …运行 2 / 2: all twelve printed
    full = "3.00 2.50 1.00 0.50 2.00 2.00 0.00 0.00 2.00 2.00 0.00 0.00"
    document = read_text("\n".join(["财政拨款“三公”经费支出决算表", *header, full]), "three.txt")
    metrics = {m.metric: (m.budget_value, m.value) for m in read_tables(document).summary_metrics}
    assert metrics["三公经费"] == (Decimal("3.00"), Decimal("2.50"))
    assert metrics["因公出国（境）费"] == (Decimal("1.00"), Decimal("0.50"))
    # Two equal figures and ten empty cells: the second could be 出国 or 接待 预算: never guessed.
    sparse = read_text("\n".join(["财政拨款“三公”经费支出决算表", *header, "0.95 0.95"]), "three.txt")
    assert len(sparse.ambiguous_cells) == 2
    assert {c.figure for c in sparse.ambiguous_cells} == {"0.95"}


def test_row_arithmetic_keeps_only_placements_that_add_up() -> None:
    sums = ((0, (1, 2)),)

    # 合计 = 基本 + 项目: 9 = 5 + 4 has one placement; 9 9 leaves 基本 or 项目.
    def figures(*printed: str) -> tuple[Decimal, ...]:
        return tuple(Decimal(p) for p in printed)

    assert row_candidates(figures("9.00", "5.00", "4.00"), 3, sums).candidates == [(0, 1, 2)]
    assert row_candidates(figures("9.00", "9.00"), 3, sums).candidates == [(0, 1), (0, 2)]
    assert row_candidates(figures("9.00", "8.00"), 3, sums).candidates == []
    # Whole numbers (a table in 元) are exact to half a unit: 9 against 8 is off by one, too much.
    assert row_candidates(figures("9", "7"), 3, sums).candidates == []
    # The parent's 基本 is printed: the child's lone part must be 项目.
    parent = row_candidates(figures("12.00", "3.00", "9.00"), 3, sums)
    children = [row_candidates(figures("3.00", "3.00"), 3, sums), row_candidates(figures("9.00", "9.00"), 3, sums)]
    narrow_by_columns(parent, children, 3)
    assert [c.candidates for c in children] == [[(0, 1)], [(0, 2)]]
    # Rounding: parts printed to the cent may miss their total by half a cent each.
    rounded = row_candidates(figures("10.01", "5.00", "5.00"), 3, sums)
    assert rounded.candidates == [(0, 1, 2)]
    assert row_candidates(figures("10.03", "5.00"), 3, sums).candidates == []
    # A row printing every cell is placed as printed, even when it does not add up (the rules report it).
    assert row_candidates(figures("10.03", "5.00", "5.00"), 3, sums).candidates == [(0, 1, 2)]


def _column_by_column() -> list[str]:
    """The table as pdftotext's default mode writes it: each column in turn, a blank line at a gap."""
    codes = [code for code, *_ in ROWS]
    lines = ["项目", "", "类", *(c[:3] for c in codes), "", "支出功能分类", "科目编码", "款", "项"]
    for class_code in dict.fromkeys(c[:3] for c in codes):
        group = [c for c in codes if c[:3] == class_code]
        lines += [c[3:5] for c in group[1:]] + [""]
        lines += [c[5:7] for c in group if len(c) == 7] + [""]
    lines += ["合计", "", "基本支出 项目支出", "", "科目名称", "", *(name for _, name, *_ in ROWS), "合计", ""]
    for col in range(3):
        column = [cells[col] for *_, cells in ((r[0], r[1], r[2:]) for r in ROWS)] + [TOTAL[1 + col]]
        for value in column:
            if value is None:
                if lines[-1] != "":
                    lines.append("")
            else:
                lines.append(value)
        lines.append("")
    return lines


def test_a_table_written_column_by_column_is_rebuilt_row_by_row() -> None:
    text = "\f".join(["一、部门概况", "\n".join([TITLE, "单位：万元", *_column_by_column()]), "第三部分 名词解释\n"])
    document = read_text(text, "columns.txt")
    assert _lines(document) == EXPECTED
    assert document.ambiguous_cells == []
    metrics = {m.metric: m.value for m in read_tables(document).summary_metrics}
    assert metrics["一般公共预算财政拨款支出"] == Decimal("2433.38")


def test_column_runs_that_fit_several_ways_are_not_guessed() -> None:
    # Two rows printing 合计 and one part each: the parts' runs fit under 基本 or 项目 alike.
    lines = ["项目", "", "类", "205", "205", "", "款", "01", "", "科目名称", "", "教育支出", "教育管理事务", "合计", ""]
    lines += ["10.00", "10.00", "10.00", "", "10.00", "10.00", "10.00", ""]
    lines = [*lines[:1], "合计 基本支出 项目支出 科目编码", *lines[1:]]
    document = read_text("\n".join([TITLE, "单位：万元", *lines]), "columns.txt")
    lines_read = _lines(document)
    assert lines_read["205"] == (Decimal("10.00"), None, None)
    assert lines_read["20501"] == (Decimal("10.00"), None, None)
    assert {c.candidates for c in document.ambiguous_cells} == {("基本支出", "项目支出")}
