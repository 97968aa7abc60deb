"""Tables read from text written one line per baseline (pdfplumber's ``extract_text``).

The corpus report's own tables are re-typeset in PDFs that set each column's text at the top,
middle or bottom of its cells, wrap long names, and break pages: pdfplumber then writes a row's
name above its code, a wrapped name around it, a row's figures on two lines in an order that is not
the columns'. Each PDF is written out by pdfplumber and read back as text; the table facts must be
the corpus PDF's, and a figure whose place cannot be told must be left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.classification.reference import edition
from budget_reports.gold import extract_frames
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.readers.baseline_headers import assembled_words
from budget_reports.readers.baseline_rows import gather_baseline_rows, is_written_by_baseline
from budget_reports.readers.baseline_sides import gather_two_sided_rows
from budget_reports.readers.cell_assignment import row_candidates
from budget_reports.readers.linear_rows import Token, line_tokens
from budget_reports.readers.table_headers import match_layout
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf, wrapped
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
MONEY = ("actual", "basic", "project")
CODE_HEADER: list[list[str]] = [["类"], ["款"], ["项"], []]


@dataclass(frozen=True, slots=True)
class FunctionTable:
    title: str
    money_header: list[list[str]]  # each money column's header lines (wrapped words)
    money_widths: list[float]


GENERAL_BUDGET = FunctionTable("一般公共预算财政拨款支出决算表", [["合计"], ["基本支出"], ["项目支出"]], [80, 80, 80])
SPENDING = FunctionTable(
    "支出决算表",
    [
        ["本年支出合", "计"],
        ["基本支出"],
        ["项目支", "出"],
        ["上缴上级支", "出"],
        ["经营支", "出"],
        ["对附属单位", "补助支出"],
    ],
    [70, 70, 70, 60, 50, 60],
)


@pytest.fixture(scope="module")
def putuo() -> dict[str, pl.DataFrame]:
    return extract_frames(corpus_file(PUTUO))


def _lines(frames: dict[str, pl.DataFrame], table: str) -> pl.DataFrame:
    return frames["expenditure_function"].filter((pl.col("source_table") == table) & (pl.col("source_kind") == "table"))


def _facts(frames: dict[str, pl.DataFrame], table: str) -> set[tuple[str, ...]]:
    return {
        (r["code"], r["name_as_written"], *(_canonical(r[c]) for c in MONEY))
        for r in _lines(frames, table).iter_rows(named=True)
    }


def _canonical(value: object) -> str:
    return "" if value is None else f"{Decimal(str(value)).normalize():f}"


def _printed(value: object) -> list[str]:
    return [f"{Decimal(str(value)):,.2f}"] if value is not None else []


def _typeset(pdf: TablePdf, putuo: dict[str, pl.DataFrame], table: FunctionTable, variant: Variant) -> None:
    """The corpus report's table typeset as the variant says (its total row: the sum of its classes)."""
    lines = _lines(putuo, table.title).sort("code")
    extra = len(table.money_header) - len(MONEY)
    classes = lines.filter(pl.col("level") == "类")
    total: Row = [["合计"], [], [], [], *(_printed(classes[c].sum()) for c in MONEY), *([[]] * extra)]
    rows: list[Row] = [total]
    for r in lines.iter_rows(named=True):
        code = r["code"]
        parts = [[code[:3]], [code[3:5]] if len(code) > 3 else [], [code[5:]] if len(code) > 5 else []]
        money = [_printed(r[c]) for c in MONEY]
        rows.append([*parts, wrapped(r["name_as_written"], variant.name_width), *money, *([[]] * extra)])
    money_aligns = [*variant.money_align, *("middle",) * extra]
    columns = [
        *(Column(28) for _ in range(3)),
        Column(variant.name_width * 9.5 + 8, variant.name_align),
        *(Column(w, a) for w, a in zip(table.money_widths, money_aligns, strict=True)),
    ]
    header: list[Row] = [
        [["科目编码"], [], [], ["科目名称"], *([[]] * len(table.money_header))],
        [*CODE_HEADER, *table.money_header],
    ]
    pdf.table(table.title, columns, header, rows, variant.per_page)


@dataclass(frozen=True, slots=True)
class Variant:
    name_align: str
    money_align: tuple[str, str, str]  # 合计, 基本, 项目
    name_width: int  # characters a line of the name column holds
    per_page: int


VARIANTS = {
    "names above their codes": Variant("top", ("middle", "middle", "middle"), 20, 40),
    "figures on the name's line and the code's": Variant("top", ("middle", "top", "top"), 20, 40),
    "names wrapped around their codes": Variant("middle", ("middle", "middle", "middle"), 9, 40),
    "the total column below the others": Variant("top", ("bottom", "middle", "middle"), 12, 40),
    "over several pages, header repeated": Variant("top", ("middle", "top", "top"), 12, 8),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_function_tables_typeset_by_baseline_read_as_their_pdf(variant: str, putuo, tmp_path: Path) -> None:
    pdf = TablePdf()
    for table in (SPENDING, GENERAL_BUDGET):
        _typeset(pdf, putuo, table, VARIANTS[variant])
    text = write_serialization(pdf.save(tmp_path / "tables.pdf"), "pdfplumber", tmp_path)
    frames = extract_frames(text, PUTUO)
    for table in (SPENDING, GENERAL_BUDGET):
        expected, got = _facts(putuo, table.title), _facts(frames, table.title)
        assert len(expected) == 19
        assert got == expected, (
            f"{table.title}\nonly in the PDF: {sorted(expected - got)}\nonly in the text: {sorted(got - expected)}"
        )


# The basic-expenditure table: 301 and 303 on the left, 302 and 310 on the right, every 款 of the
# classification printed (empty where the report spent nothing), as Shanghai prints it.
ECONOMIC_TITLE = "一般公共预算财政拨款基本支出决算表"
ECONOMIC_HEADER: list[Row] = [
    [
        ["科目", "编码"],
        ["经济", "分类"],
        ["科目名称"],
        ["决算数"],
        ["科目", "编码"],
        ["经济", "分类"],
        ["科目名称"],
        ["决算数"],
    ],
    [["类"], ["款"], [], [], ["类"], ["款"], [], []],
]
ECONOMIC_ROWS_PER_PAGE = 12  # the table runs over three pages, its header printed on each
ECONOMIC_VARIANTS = {
    # the right half's 款 part lower than the codes, names in the middle, figures at the bottom
    "names in the middle": ("middle", 20),
    # long names set at the top and wrapped: the code line carries a name's start
    "names at the top, wrapped": ("top", 9),
}


def _economic_rows(putuo: dict[str, pl.DataFrame], name_align: str, name_width: int) -> list[Row]:
    facts = {r["code"]: r for r in putuo["expenditure_economic"].iter_rows(named=True)}
    reference = edition("economic", 2024)

    def side(classes: tuple[str, ...]) -> list[list[list[str]]]:
        cells = []
        for cls in classes:
            for entry in [reference.get(cls), *reference.children(cls, "款")]:
                assert entry is not None
                fact = facts.get(entry.code)
                kuan = [entry.code[3:]] if len(entry.code) == 5 else []
                name = fact["name"] if fact else entry.name
                cells.append([[cls], kuan, wrapped(name, name_width), _printed(fact["amount"]) if fact else []])
        return cells

    left, right = side(("301", "303")), side(("302", "310"))
    empty: list[list[str]] = [[], [], [], []]
    rows: list[Row] = [
        [*(left[i] if i < len(left) else empty), *(right[i] if i < len(right) else empty)]
        for i in range(max(len(left), len(right)))
    ]
    metrics = {
        r["metric"]: r["value"]
        for r in putuo["summary_metrics"].filter(pl.col("source_kind") == "table").iter_rows(named=True)
    }
    rows.append(
        [
            ["人员经费合计"],
            [],
            [],
            _printed(metrics["人员经费"]),
            ["公用经费合计"],
            [],
            [],
            _printed(metrics["公用经费"]),
        ]
    )
    return rows


@pytest.mark.parametrize("variant", sorted(ECONOMIC_VARIANTS))
def test_two_sided_table_typeset_by_baseline_reads_as_its_pdf(variant: str, putuo, tmp_path: Path) -> None:
    name_align, name_width = ECONOMIC_VARIANTS[variant]
    half = [Column(40, "top"), Column(40, "middle"), Column(name_width * 9.5 + 8, name_align), Column(70, "bottom")]
    pdf = TablePdf()
    rows = _economic_rows(putuo, name_align, name_width)
    pdf.table(ECONOMIC_TITLE, [*half, *half], ECONOMIC_HEADER, rows, ECONOMIC_ROWS_PER_PAGE)
    text = write_serialization(pdf.save(tmp_path / "economic.pdf"), "pdfplumber", tmp_path)
    frames = extract_frames(text, PUTUO)

    def facts(f: dict[str, pl.DataFrame]) -> set[tuple[str, str, str]]:
        return {
            (r["code"], r["name"], _canonical(r["amount"])) for r in f["expenditure_economic"].iter_rows(named=True)
        }

    expected, got = facts(putuo), facts(frames)
    assert len(expected) == 27
    assert got == expected, f"only in the PDF: {sorted(expected - got)}\nonly in the text: {sorted(got - expected)}"
    # Figures alone on a line under both halves were placed by the classes' sums, none left over.
    assert frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell").height == 0


# Lines of the corpus report's basic-expenditure table as pdfplumber writes them.
ECONOMIC_LINES = """301 302
工资福利支出 1,500.91 商品和服务支出 28.82
301 01 302
基本工资 01 办公费
262.33 21.21
301 02 302
津贴补贴 1,238.58 02 印刷费
7.61"""


def _tokens(text: str) -> list[list[Token]]:
    return [line_tokens(line, 16, number) for number, line in enumerate(text.splitlines(), start=1)]


def test_a_lone_figure_goes_to_the_half_its_class_sum_needs() -> None:
    rows, unplaced = gather_two_sided_rows(_tokens(ECONOMIC_LINES), (1, 1))
    assert unplaced == []
    assert [t.text for t in rows[-1]] == ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"]


def test_a_lone_figure_no_sum_can_place_is_reported_not_guessed() -> None:
    # A figure under two empty halves (奖金 and 咨询费), and no class line to tell which it is.
    lines = "301 03 302\n奖金 03 咨询费\n5.00"
    rows, unplaced = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert [(u.figure, u.candidates) for u in unplaced] == [("5.00", ("30103 奖金", "30203 咨询费"))]
    assert all("5.00" not in [t.text for t in row] for row in rows)
    # With the classes printed, their sums place it.
    classes = "301 302\n工资福利支出 5.00 商品和服务支出\n"
    rows, unplaced = gather_two_sided_rows(_tokens(classes + lines), (1, 1))
    assert unplaced == []
    assert [t.text for t in rows[-1]] == ["301", "03", "奖金", "5.00", "302", "03", "咨询费"]


def test_a_lone_figure_is_placed_by_the_other_sums_when_one_class_misses_its_total() -> None:
    # 工资福利支出 printed 10.00 above its items: no way keeps both classes; the one way keeping all but
    # one puts 7.61 under 印刷费 (商品和服务支出 = 21.21 + 7.61), leaving the misprint for the rules.
    lines = ECONOMIC_LINES.replace("1,500.91", "1,510.91")
    rows, unplaced = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert unplaced == []
    assert [t.text for t in rows[-1]] == ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"]
    # Both classes misprinted: no way keeps all but one, the figure is reported.
    both = lines.replace("28.82", "38.82")
    _, unplaced = gather_two_sided_rows(_tokens(both), (1, 1))
    assert [u.figure for u in unplaced] == ["7.61"]


def _changed_in_basic_table(text: str, old: str, new: str) -> str:
    start = text.index("一般公共预算财政拨款基本支出决算表\n单位")
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


# Lines of the final account's basic-expenditure table typeset with its names in narrow cells, as
# pdfplumber writes them: a name over three lines is centred on its row's line, its first line above
# the codes (机关事业单位 | 301 08 基本养老保险 160.75 302 06 电费 | 缴费), a right-hand name's last line
# even below the next row's codes (因公出国（境 | 301 13 住房公积金 187.19 302 12 | ）费用).
WRAPPED_NAMES = """301 07 绩效工资 302 05 水费
机关事业单位
301 08 基本养老保险 160.75 302 06 电费
缴费
301 09 职业年金缴费 80.38 302 07 邮电费 4.88
职工基本医疗
301 10 60.99 302 08 取暖费
保险缴费
公务员医疗补
301 11 302 09 物业管理费
助缴费
其他社会保障
301 12 1.61 302 11 差旅费 1.20
缴费
因公出国（境
301 13 住房公积金 187.19 302 12
）费用
301 14 医疗费 302 13 维修（护）费 2.83"""


def test_names_wrapped_over_three_lines_go_to_the_rows_the_classification_names() -> None:
    rows, unplaced = gather_two_sided_rows(_tokens(WRAPPED_NAMES), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "301 07 绩效工资 302 05 水费",
        "301 08 机关事业单位 基本养老保险 缴费 160.75 302 06 电费",
        "301 09 职业年金缴费 80.38 302 07 邮电费 4.88",
        "301 10 职工基本医疗 保险缴费 60.99 302 08 取暖费",
        "301 11 公务员医疗补 助缴费 302 09 物业管理费",
        "301 12 其他社会保障 缴费 1.61 302 11 差旅费 1.20",
        "301 13 住房公积金 187.19 302 12 因公出国（境 ）费用",
        "301 14 医疗费 302 13 维修（护）费 2.83",
    ]


# Further down: a line holding the first lines of both halves' next names (代缴社会保险 | 公务用车运行),
# then their last lines (费 | 维护费), the next left name's first line below them.
BOTH_HALVES_WRAPPED = """个人农业生产
303 10 302 29 福利费 42.77
补贴
代缴社会保险 公务用车运行
303 11 302 31
费 维护费
其他对个人和
303 99 302 39 其他交通费用 48.49
家庭的补助"""


def test_lines_of_both_halves_names_go_to_the_rows_the_classification_names() -> None:
    lines = "303 09 奖励金 0.31 302 28 工会经费 24.42\n" + BOTH_HALVES_WRAPPED
    rows, unplaced = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "303 09 奖励金 0.31 302 28 工会经费 24.42",
        "303 10 个人农业生产 补贴 302 29 福利费 42.77",
        "303 11 代缴社会保险 费 302 31 公务用车运行 维护费",
        "303 99 其他对个人和 家庭的补助 302 39 其他交通费用 48.49",
    ]


def test_a_name_line_the_classification_does_not_place_stays_where_it_was_read() -> None:
    """Names the classification does not know (a local item): the lines stay as read."""
    lines = WRAPPED_NAMES.replace("机关事业单位\n", "本地补充项目\n")
    rows, _ = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert " ".join(t.text for t in rows[0]) == "301 07 绩效工资 本地补充项目 302 05 水费"
    assert " ".join(t.text for t in rows[1]) == "301 08 基本养老保险 缴费 160.75 302 06 电费"


@pytest.mark.parametrize(
    ("old", "new", "broken"),
    [
        ("262.33", "267.33", "301 工资福利支出"),  # 30101 基本工资, printed with its row
        ("187.19", "197.19", "301 工资福利支出"),  # 30113 住房公积金
        ("1.20", "11.20", "302 商品和服务支出"),  # 30211 差旅费
        ("7.61", "8.61", "302 商品和服务支出"),  # 30202 印刷费, printed alone under both halves
        ("2.83", "3.83", "302 商品和服务支出"),  # 30213 维修（护）费, alone
        ("69.10", "72.10", "303 对个人和家庭的补助"),  # 30302 退休费, alone
    ],
)
def test_a_figure_changed_in_the_basic_table_breaks_only_its_own_class(
    old: str, new: str, broken: str, putuo, tmp_path: Path
) -> None:
    # The changed class misses its total; the figures printed alone under both halves still go where
    # every other class and the group totals (人员经费合计, 公用经费合计) add up, so no other class is
    # reported short of a figure the text moved.
    path = write_serialization(corpus_file(PUTUO), "pdfplumber", tmp_path)
    clean = _errors(extract_frames(path, PUTUO))
    path.write_text(_changed_in_basic_table(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    assert _errors(extract_frames(path, PUTUO)) - clean == {("sum.economic", broken)}


# Header lines of the corpus report's 收入决算表 as pdfplumber writes them (cells' words interleaved).
INCOME_HEADER = [
    "项目 附属单",
    "本年收入合 财政拨款收 上级补助 事业收 经营收 其他收",
    "支出功能分类 位上",
    "科目名称 计 入 收入 入 入 入",
    "科目编码 缴收入",
    "类 款 项",
]


def test_header_words_are_spelled_from_pieces_of_successive_lines() -> None:
    words = assembled_words(INCOME_HEADER)
    assert sorted(words) == sorted(
        ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    )
    layout = match_layout(" ".join([*INCOME_HEADER, *words]))
    assert layout is not None and layout.name == "收入表"
    # Pieces of one line never spell a word together: they stand side by side, not one above the other.
    assert assembled_words(["本年收入合 计"]) == []


def test_figures_of_one_row_on_two_lines_are_placed_by_its_sums_in_any_order() -> None:
    # 行政运行 1,503.52 / 201 06 01 1,511.89 8.37: the 基本支出 figure printed on the name's line.
    values = (Decimal("1503.52"), Decimal("1511.89"), Decimal("8.37"))
    sums = ((0, (1, 2)),)
    # Either of the code line's figures can be 合计 only as the first of its line; the row's sum
    # leaves 基本 and 项目 open (the column sums down the table settle them).
    assert row_candidates(values, 3, sums, ("name", "code", "code")).candidates == [(1, 0, 2), (2, 0, 1)]
    # Two figures on two lines with nothing to tell their columns apart: every order stays open.
    open_rows = row_candidates((Decimal("10.00"), Decimal("10.00")), 3, sums, ("name", "code"))
    assert open_rows.candidates == [(0, 1), (0, 2)]


def test_a_coded_table_written_by_baseline_is_told_from_one_written_row_by_row() -> None:
    by_baseline = _tokens("行政运行\n201 06 01 1,511.89 1,503.52 8.37\n一般行政管理事务\n201 06 02 10.00 10.00")
    row_by_row = _tokens("201 06 01 行政运行 1,511.89 1,503.52 8.37\n201 06 02 一般行政管理事务 10.00 10.00")
    assert is_written_by_baseline(by_baseline, coded=True)
    assert not is_written_by_baseline(row_by_row, coded=True)
    rows = gather_baseline_rows(by_baseline, coded=True)
    assert [[t.text for t in row] for row in rows] == [
        ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ["201", "06", "02", "一般行政管理事务", "10.00", "10.00"],
    ]


# The two overviews (收入支出决算总表, 财政拨款收入支出决算总表), re-typeset from the grids the PDF
# reader reads in the corpus report: labels set at the top of their cells or in the middle, wrapped
# in narrow columns, figures in the middle or lower, so that pdfplumber writes a row's figures on
# the line under its labels, both halves' figures together.
OVERVIEWS = ("收入支出决算总表", "财政拨款收入支出决算总表")
OVERVIEW_METRICS = ("本年收入合计", "本年支出合计", "年初结转和结余", "年末结转和结余", "收支总计", "财政拨款收支总计")
OVERVIEW_VARIANTS = {
    # label column width (characters), label alignment, figures alignment
    "labels at the top, figures under them": (16, "top", "middle"),
    "labels wrapped at the top, figures lower": (9, "top", "bottom"),
}


@pytest.fixture(scope="module")
def putuo_grids() -> dict[str, list[list[str]]]:
    document = read_document(corpus_file(PUTUO), PUTUO)
    grids: dict[str, list[list[str]]] = {}
    title = ""
    for block in document.blocks:
        if block.table is None and compact(block.text) in OVERVIEWS:
            title = compact(block.text)
        elif block.table is not None and title:
            grids.setdefault(title, block.table.grid())
            title = ""
    return grids


def _overview_facts(frames: dict[str, pl.DataFrame]) -> set[tuple[str, ...]]:
    metrics = frames["summary_metrics"].filter(
        (pl.col("source_kind") == "table")
        & pl.col("metric").is_in(OVERVIEW_METRICS)
        & (pl.col("scope").is_null() | (pl.col("scope") == "财政拨款"))
    )
    income = frames["income"].filter(pl.col("source_kind") == "table")
    lines = frames["expenditure_function"].filter(
        (pl.col("source_kind") == "table") & pl.col("source_table").is_in(OVERVIEWS)
    )
    return (
        {("metric", r["metric"], r["scope"] or "", _canonical(r["value"])) for r in metrics.iter_rows(named=True)}
        | {("income", r["source"], _canonical(r["amount"])) for r in income.iter_rows(named=True)}
        | {
            ("line", r["source_table"], r["fund_type"], r["code"], _canonical(r["actual"]))
            for r in lines.iter_rows(named=True)
        }
    )


def _cells(row: list[str], labels: set[int], label_width: int, other_width: int) -> Row:
    """A grid row's cells as printed lines: labels (and header words) wrapped at their column's width."""
    return [wrapped(text, label_width if c in labels else other_width) if text else [] for c, text in enumerate(row)]


@pytest.mark.parametrize("variant", sorted(OVERVIEW_VARIANTS))
def test_overviews_typeset_by_baseline_read_as_their_pdf(variant: str, putuo, putuo_grids, tmp_path: Path) -> None:
    label_width, label_align, figure_align = OVERVIEW_VARIANTS[variant]
    pdf = TablePdf()
    for title in OVERVIEWS:
        grid = putuo_grids[title]
        labels = {c for c, head in enumerate(grid[1]) if head == "项目"}
        columns = [
            Column(label_width * 9.5 + 8, label_align) if c in labels else Column(62, figure_align)
            for c in range(len(grid[0]))
        ]

        header = [_cells(r, labels, label_width, 6) for r in grid[:2]]
        pdf.table(title, columns, header, [_cells(r, labels, label_width, 20) for r in grid[2:]], 40)
    # The 一般公共预算 table the overviews' fund columns repeat (which fund a figure is in is told by it).
    _typeset(pdf, putuo, GENERAL_BUDGET, VARIANTS["names above their codes"])
    text = write_serialization(pdf.save(tmp_path / "overviews.pdf"), "pdfplumber", tmp_path)
    expected, got = _overview_facts(putuo), _overview_facts(extract_frames(text, PUTUO))
    assert len(expected) >= 20
    assert got == expected, f"only in the PDF: {sorted(expected - got)}\nonly in the text: {sorted(got - expected)}"


# The corpus report's 收入支出决算总表 as pdfplumber writes it, with one figure injected under the
# labels of 二、: nothing tells whether it is the income's or the spending's.
OVERVIEW_TEXT = """收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 一、一般公共服务支出
2,940.05 2,106.66
二、政府性基金预算财政拨款收入 二、外交支出
{injected}
八、其他收入 八、社会保障和就业支出
6.20 326.71
本年收入合计 本年支出合计
2,946.25 2,940.05
"""


def test_figures_under_both_labels_go_to_the_halves_that_can_hold_them() -> None:
    document = read_text(OVERVIEW_TEXT.format(injected="") + "\f", "overview.txt")
    assert document.ambiguous_cells == []
    grid = next(b.table for b in document.blocks if b.table is not None).grid()
    assert ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"] in grid


def test_a_figure_under_two_labels_that_fits_either_is_reported_not_guessed() -> None:
    document = read_text(OVERVIEW_TEXT.format(injected="5.00") + "\f", "overview.txt")
    assert [(c.figure, c.row) for c in document.ambiguous_cells] == [("5.00", "二、外交支出")]
    grid = next(b.table for b in document.blocks if b.table is not None).grid()
    assert not any("5.00" in row for row in grid)


def _errors(frames: dict[str, pl.DataFrame]) -> set[tuple[str, str]]:
    findings = frames["dq_findings"].filter(pl.col("severity") == "error")
    return {(r["rule_id"], r["subject"]) for r in findings.iter_rows(named=True)}


def test_the_corpus_report_as_pdfplumber_text_raises_no_error_its_pdf_does_not(putuo, tmp_path: Path) -> None:
    # Misread tables or prose would show as breaches the report does not have (sums of lines left
    # out, prose against a table read wrong).
    text = write_serialization(corpus_file(PUTUO), "pdfplumber", tmp_path)
    assert _errors(extract_frames(text, PUTUO)) - _errors(putuo) == set()


# The budget's 基本支出 table printed with dashes in its empty cells and its names wrapped at six
# characters, as pdfplumber writes it: the dash ends each code line, after the figures.
DASHED_WRAPPED_NAMES = """301 02 津贴补贴 16,042,750 16,042,750 -
机关事业单位
301 08 基本养老保险 2,302,464 2,302,464 -
缴费
301 09 职业年金缴费 1,151,232 1,151,232 -
职工基本医疗
301 10 1,439,040 1,439,040 -
保险缴费"""


def test_a_dash_in_an_empty_cell_is_no_word_of_a_wrapped_name() -> None:
    """缴费 ends 30108's name (机关事业单位基本养老保险缴费), not begins 30109's: the dash after the code
    line's figures was read as a word of the name (机关事业单位基本养老保险-缴费), which then read as
    none of the classification's, and the line went to the row below (缴费职业年金缴费)."""
    rows = gather_baseline_rows(_tokens(DASHED_WRAPPED_NAMES), True)
    assert [" ".join(t.text for t in row) for row in rows] == [
        "301 02 津贴补贴 16,042,750 16,042,750 -",
        "301 08 机关事业单位 基本养老保险 缴费 2,302,464 2,302,464 -",
        "301 09 职业年金缴费 1,151,232 1,151,232 -",
        "301 10 职工基本医疗 保险缴费 1,439,040 1,439,040 -",
    ]


# The final account's 基本支出决算表 printed with dashes in its empty cells and its names wrapped at
# six characters, as pdfplumber writes it: 302's name around its code's line, its first line under
# the 合计 row; 30212's first line in the band of 30211, its last under 30213's dash; the left half
# ended, the right half's rows open with its dash.
DASHED_TWO_HALVES = """人员经费合计 2,152.26 公用经费合计 184.65
商品和服务支
301 工资福利支出 2,082.85 302 171.07
出
301 01 基本工资 262.33 302 01 办公费 21.21
其他社会保障
301 12 1.61 302 11 差旅费 1.20
缴费
因公出国（境
301 13 住房公积金 187.19 302 12 -
）费用
301 14 医疗费 - 302 13 维修（护）费 2.83
其他商品和服
- 302 99 11.53
务支出
- 310 资本性支出 13.58"""


def test_dashes_and_a_total_row_above_a_wrapped_name_leave_both_halves_their_names() -> None:
    """A dash is an empty cell in a two-half band too, no word of a name (30212's was read as its name,
    ）费用 then going to 30113: 住房公积金）费用), nor a line of its own (``- 302 99 11.53`` was read as
    the end of the band above). A total's row gives back the first line of the name below it (302
    was read with no name, 商品和服务支 joined to 人员经费合计)."""
    rows, unplaced = gather_two_sided_rows(_tokens(DASHED_TWO_HALVES), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "人员经费合计 2,152.26 公用经费合计 184.65",
        "301 工资福利支出 2,082.85 302 商品和服务支 出 171.07",
        "301 01 基本工资 262.33 302 01 办公费 21.21",
        "301 12 其他社会保障 缴费 1.61 302 11 差旅费 1.20",
        "301 13 住房公积金 187.19 302 12 因公出国（境 ）费用",
        "301 14 医疗费 302 13 维修（护）费 2.83",
        "302 99 其他商品和服 务支出 11.53",
        "310 资本性支出 13.58",
    ]


# The 基本支出决算表's names wrapped at five characters, as pdfplumber writes them: between two code
# lines the end of a name above and the first line of one below, of either half, one per line.
TWO_HALVES_WRAPPED_AT_FIVE = """301 12 其他社会保 1.61 302 11 差旅费 1.20
障缴费
因公出国（
301 13 住房公积金 187.19 302 12
境）费用
维修（护）
301 14 医疗费 302 13 2.83
费
其他工资福
301 99 91.03 302 14 租赁费
利支出
303 99 其他对个人 302 39 其他交通费 48.49
和家庭的补
用
助
税金及附加
302 40
费用
其他商品和
302 99 11.53
服务支出
310 资本性支出 13.58
房屋建筑物
310 01
购建"""


def test_lines_of_names_between_two_code_lines_go_to_the_halves_the_classification_names() -> None:
    """Each line alone between two code lines ends the name of a half above or begins one below:
    the one way every half reads as its code's names (``name_gaps.cut_sides``). By the line a name
    began on, 因公出国（ went to 30211 (差旅费因公出国（) and 境）费用 维修（护） to 30113. Under the two
    halves' last row, the right half's 302 40 takes its name's first line (税金及附加); under one
    half, a name's lines go by ``name_gaps.cuts_between``."""
    rows, unplaced = gather_two_sided_rows(_tokens(TWO_HALVES_WRAPPED_AT_FIVE), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "301 12 其他社会保 障缴费 1.61 302 11 差旅费 1.20",
        "301 13 住房公积金 187.19 302 12 因公出国（ 境）费用",
        "301 14 医疗费 302 13 维修（护） 费 2.83",
        "301 99 其他工资福 利支出 91.03 302 14 租赁费",
        "303 99 其他对个人 和家庭的补 助 302 39 其他交通费 用 48.49",
        "302 40 税金及附加 费用",
        "302 99 其他商品和 服务支出 11.53",
        "310 资本性支出 13.58",
        "310 01 房屋建筑物 购建",
    ]


def test_the_column_numbers_under_a_merged_level_cell_are_no_row() -> None:
    """A header whose 类 cell spans its 款 | 项 row and its 栏次 row prints 类 on the 栏次 line: that
    line is the column numbers, not the 合计 row's first (read as 栏次合计 with 1 2 3 among its figures,
    none placed, and without the 合计 row the sums could not tell 基本支出 from 项目支出: 14 figures
    of the budget's pdfplumber text lost)."""
    lines = [
        "类 栏次 1 2 3",
        "合计 47,483,458 36,197,265 11,286,193",
        "社会保障和就",
        "208 6,397,096 6,103,096 294,000",
        "业支出",
    ]
    rows = gather_baseline_rows(_tokens("\n".join(lines)), True)
    assert [" ".join(t.text for t in row) for row in rows] == [
        "合计 47,483,458 36,197,265 11,286,193",
        "208 社会保障和就 业支出 6,397,096 6,103,096 294,000",
    ]


def test_names_the_classification_does_not_know_go_by_their_placement_under_one_half() -> None:
    """Under one half, lines of local items' names (codes the classification does not know) of equal
    widths go by their placement: a name centred on its code's line prints as many lines below it as
    above (both lines went to the row above: 39901 read as 本地补充项目甲乙丙丁戊己本地补充)."""
    lines = [
        "310 资本性支出 13.58",
        "本地补充",
        "399 01 项目甲乙 5.00",
        "丙丁戊己",
        "本地补充",
        "399 02 项目戊己 3.00",
        "庚辛壬癸",
    ]
    rows, unplaced = gather_two_sided_rows(_tokens("\n".join(lines)), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "310 资本性支出 13.58",
        "399 01 本地补充 项目甲乙 丙丁戊己 5.00",
        "399 02 本地补充 项目戊己 庚辛壬癸 3.00",
    ]


# The budget's 支出预算总表 with its names wrapped at four characters, as pdfplumber writes it: each
# name centred on its code's line, the first row's first line (社会保障) right under the header.
NAME_ABOVE_THE_FIRST_CODE_LINE = """2026年部门支出预算总表
编制部门：普陀区城市管理行政执法局 单位：元
科目编码 科目名称 合计 基本支出 项目支出
社会保障
208 和就业支 6,397,096 6,103,096 294,000
出
行政事业
20805 单位养老 6,103,096 6,103,096
支出
行政单位
2080501 2,614,680 2,614,680
离退休
其他行政
2080599 事业单位 3,488,416 3,488,416
养老支出
20808 抚恤 294,000 294,000
合计 6,397,096 6,103,096 294,000"""


def _grid_of(text: str) -> list[list[str]]:
    tables = [b.table for b in read_text(text, "report.txt").blocks if b.table is not None]
    assert len(tables) == 1
    return tables[0].grid()


def test_a_name_begun_above_the_first_code_line_is_the_first_rows() -> None:
    """A line of name alone between the header and the first code line, the name running on below that
    code line, begins the first row's name: it was read as the header's last line (208 read as 和就业支出)."""
    grid = _grid_of(NAME_ABOVE_THE_FIRST_CODE_LINE)
    assert grid[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert grid[1] == ["208", "社会保障和就业支出", "6,397,096", "6,103,096", "294,000"]
    assert grid[3] == ["2080501", "行政单位离退休", "2,614,680", "2,614,680", ""]


def test_a_header_line_of_level_words_is_no_name(tmp_path: Path) -> None:
    """pdfplumber writes the 基本支出决算表's merged 科目编码 cells' level words on a line of their own
    (``类 类``) right above the first code line, whose name follows on the next line: that line is the
    header's, not the start of 301's name."""
    text = write_serialization(corpus_file(PUTUO), "pdfplumber", tmp_path)
    assert "类 类" in text.read_text(encoding="utf-8")
    document = read_document(text, PUTUO)
    basic = next(b.table for b in document.blocks if b.table is not None and "工资福利支出" in b.text)
    body = basic.grid()[1:]
    assert body[0] == ["301", "工资福利支出", "2,082.85", "302", "商品和服务支出", "171.07"]
    assert all(row[0] or row[3] or "合计" in "".join(row) for row in body)


# The final account's 基本支出决算表 with each half's class cell merged over its last row and the empty
# rows under it, as pdfplumber writes it: 30399's row prints its 款 part alone (``99``), its class code
# 303 printed rows lower, at the merged cell's middle height, on a line of another row's name.
MERGED_CLASS_CELL = """个人农业生产
303 10 - 302 29 福利费 42.77
补贴
代缴社会保险 公务用车运行
303 11 302 31
费 维护费
其他对个人和
99 - 302 39 其他交通费用 48.49
家庭的补助
税金及附加费
302 40
用
303 其他商品和服
- 302 99 11.53
务支出
- 310 资本性支出 13.58"""


def test_a_row_printing_its_part_alone_takes_its_class_from_the_row_above() -> None:
    """``99 - 302 39 …`` opens a row of its own: read as a line of 30311's band, 其他交通费用 48.49 went
    to 30231 (维护费其他交通费用) and the lines above to 30229 (福利费公务用车运行). Its part completes
    its side's code above (30311: 30399, the one code of the classification it makes after it); the
    merged cell's 303, printed again beside 30299's first line, is no row (其他商品和服 went to it,
    30299 reading 务支出)."""
    rows, unplaced = gather_two_sided_rows(_tokens(MERGED_CLASS_CELL), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows] == [
        "303 10 个人农业生产 补贴 302 29 福利费 42.77",
        "303 11 代缴社会保险 费 302 31 公务用车运行 维护费",
        "30399 其他对个人和 家庭的补助 302 39 其他交通费用 48.49",
        "302 40 税金及附加费 用",
        "302 99 其他商品和服 务支出 11.53",
        "310 资本性支出 13.58",
    ]


def test_a_part_alone_completing_no_single_code_is_not_read_and_its_figures_reported() -> None:
    """A part alone under a row whose class it may not continue (``15`` under 30310 / 30229: 30315 is
    none, and alone on its band the side is untold, 30215 before 30229): the row is not read, its
    figure reported, never given a code by luck."""
    lines = "303 10 个人农业生产补贴 302 29 福利费 42.77\n15 会议费 3.00"
    rows, unplaced = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert [" ".join(t.text for t in row) for row in rows] == ["303 10 个人农业生产补贴 302 29 福利费 42.77"]
    assert [(u.figure, u.row) for u in unplaced] == [("3.00", "15 会议费")]


def test_a_merged_class_code_printed_again_beside_the_other_half_or_alone_is_no_row() -> None:
    """The merged cell's 303 set beside the other half's row (``303 310 03 专用设备购置``) was read as a
    left half of its own, taking 31007's first line (303 信息网络及软, 31007 件购置更新); alone on its
    line it made an empty row. A class printed for the first time stays a row (310 资本性支出)."""
    below = ["310 02 办公设备购置 13.58", "303 310 03 专用设备购置", "信息网络及软", "310 07", "件购置更新", "303"]
    lines = "\n".join([MERGED_CLASS_CELL.replace("303 其他商品和服", "其他商品和服"), *below, "310 13 公务用车购置"])
    rows, unplaced = gather_two_sided_rows(_tokens(lines), (1, 1))
    assert unplaced == []
    assert [" ".join(t.text for t in row) for row in rows][-6:] == [
        "302 99 其他商品和服 务支出 11.53",
        "310 资本性支出 13.58",
        "310 02 办公设备购置 13.58",
        "310 03 专用设备购置",
        "310 07 信息网络及软 件购置更新",
        "310 13 公务用车购置",
    ]
