"""Putuo's budget typeset with each table's 合计 column printed last (基本支出 | 项目支出 | 合计,
人员经费 | 公用经费 | 合计, as some provinces and counties print them), read back from pdftotext's
default text, ``-layout`` and ``-raw``, pypdfium2 and pdfplumber; and variants with every total
printed last (the 三公 table's 小计 after 购置费 | 运行费), of the budget and of a final account.

The report is typeset from the document model its text gives (``tests/seed_pdf.py``), its tables'
columns reordered, so no figure is typed here. Whatever the order, a figure read must be the text's;
what is not read is reported. A second table, Putuo's 支出预算总表 with every 项 split between
基本支出 and 项目支出 (a grid with no empty cell), shows the rows read cell by cell with the total
written after the parts.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.gold import extract_frames
from budget_reports.model import Document, Table
from budget_reports.readers import read_document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column as BaselineColumn
from tests.baseline_pdf import TablePdf as BaselineTablePdf
from tests.cjk_table_pdf import Column
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, FINAL, each_table
from tests.seed_pdf import typeset
from tests.serialization_facts import facts, function_lines, measured
from tests.test_budget_default_text import summed_lines, two_page_table

TITLE = "2026年部门支出预算总表"


def _total_last(table: Table) -> Table:
    """The table with the column headed 合计 moved after the columns right of it (its parts)."""
    grid = table.grid()
    for row in grid[:6]:
        if "合计" in row:
            c = row.index("合计")
            if c < table.n_cols - 1 and all(row[c:]):
                return _reordered(table, [k for k in range(table.n_cols) if k != c] + [c])
    return table


def _reordered(table: Table, order: list[int]) -> Table:
    """The table with its columns printed in ``order`` (their indices, left to right)."""
    column = {old: new for new, old in enumerate(order)}
    cells = sorted((replace(x, col=column[x.col]) for x in table.cells), key=lambda x: (x.row, x.col))
    return replace(table, cells=tuple(cells))


def _variant(document: Document) -> Document:
    return each_table(document, _total_last)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    document = read_document(corpus_file(BUDGET), BUDGET)
    moved = [b.table for b in _variant(document).tables() if b.table is not None]
    assert sum(1 for t in moved if t.grid()[-1][-1] and "合计" in {row[-1] for row in t.grid()[:6]}) >= 5
    return typeset(_variant(document), tmp_path_factory.mktemp("total-last") / "budget.pdf", merged=False)


# serializer -> view -> (facts of the text matched, facts not in the text), as measured.
# - pdftotext default: the 基本支出经济分类预算表 is read (人员经费 | 公用经费 | 合计 placed by the
#   sums, written column by column, its 合计 row's 人员经费 written after the total: the parts then
#   go to either column, the sums deciding): every line (30 before a family printing one part had
#   its rows' parts in that column top to bottom, readers/row_streams.py: 30209, 30211 and 30213's
#   figures fitted two rows). The 收入预算总表 (its 合计 first: its function lines and income source) and
#   the two overviews are read. The two function tables printing 合计 last have their first row's
#   项目支出 and 合计 cells written after the rows below (a column no longer top to bottom): the sums
#   move them back to their row (readers/late_cells.py), every function line read. The 三公 table's
#   item figures are placed by what the budget's prose states (16 metrics before, when they were
#   reported ambiguous); the 人员经费 and 公用经费 metrics are not read.
# - -layout, -raw, pypdfium2, pdfplumber: every fact. The header's money columns are taken in the
#   order it prints them (合计 after its parts: by position in -layout, by its words' order in the
#   others, the rows printing every figure keeping their sums in it), each figure read in its column.
EVERY_FACT = {
    "summary_metrics/table": (22, 0),
    "income/table": (1, 0),
    "expenditure_function/table": (44, 0),
    "expenditure_economic/table": (33, 0),
}
ONE_ROW_PER_LINE = ("pdftotext-layout", "pdftotext-raw", "pypdfium2", "pdfplumber")
MEASURED = {
    **dict.fromkeys(ONE_ROW_PER_LINE, EVERY_FACT),
    "pdftotext": {
        "summary_metrics/table": (20, 0),
        "income/table": (1, 0),
        "expenditure_function/table": (44, 0),
        "expenditure_economic/table": (33, 0),
    },
}


def test_default_text_of_tables_printing_the_total_last(report: Path, tmp_path: Path) -> None:
    expected = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    path = write_serialization(report, "pdftotext", tmp_path)
    got = facts(extract_frames(path, BUDGET))
    counts = measured(expected, got)
    assert all(wrong == 0 for _, _, wrong in counts.values()), f"facts not in the text: {counts}"
    assert {view: (counts[view][0], counts[view][2]) for view in MEASURED["pdftotext"]} == MEASURED["pdftotext"]
    document = read_text(path.read_text(encoding="utf-8"), "budget.txt")
    assert not any(TITLE in message for message in document.lost)  # its late cells placed by the sums


@pytest.mark.parametrize("serializer", ONE_ROW_PER_LINE)
def test_text_of_tables_printing_the_total_last(report: Path, tmp_path: Path, serializer: str) -> None:
    expected = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    got = facts(extract_frames(write_serialization(report, serializer, tmp_path), BUDGET))
    counts = measured(expected, got)
    assert all(wrong == 0 for _, _, wrong in counts.values()), f"facts not in the text: {counts}"
    assert {view: (counts[view][0], counts[view][2]) for view in MEASURED[serializer]} == MEASURED[serializer]


def test_the_pdf_of_tables_printing_the_total_last(report: Path) -> None:
    """The PDF itself: the 基本支出经济分类预算表's lines keep their group (人员经费 / 公用经费) by
    their code with 合计 closing the columns, as they do with 合计 first."""
    expected = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    counts = measured(expected, facts(extract_frames(report, BUDGET)))
    assert counts == {view: (total, total, 0) for view, (_, total, _) in counts.items()}


TOTALS = ("合计", "小计")
_FIGURE = re.compile(r"\d")


def _every_total_last(table: Table) -> Table:
    """The table with every header cell 合计 or 小计 moved after the columns of its group: those on
    its right under the same header cell above it (the whole row in a one-row header), as
    公务用车购置及运行费's 小计 after 购置费 | 运行费 and the 三公 合计 after all its items."""
    grid = table.grid()
    header = next((r for r, row in enumerate(grid) if any(map(_FIGURE.search, row))), len(grid))
    order = list(range(table.n_cols))
    for r, row in enumerate(grid[:header]):
        for c, text in enumerate(row):
            group = []
            for k in range(c + 1, table.n_cols) if text in TOTALS else ():
                if not row[k] or (r > 0 and grid[r - 1][k] != grid[r - 1][c]):
                    break
                group.append(k)
            if group:
                order.remove(c)
                order.insert(max(order.index(k) for k in group) + 1, c)
    return _reordered(table, order)


def _with_every_total_last(document: Document) -> Document:
    return each_table(document, _every_total_last)


@pytest.fixture(scope="module")
def every_total_last(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    document = _with_every_total_last(read_document(corpus_file(BUDGET), BUDGET))
    three_public = next(t for t in document.tables() if "三公经费预算数" in t.text and t.table is not None)
    assert three_public.table is not None and three_public.table.grid()[2][2:5] == ["购置费", "运行费", "小计"]
    return typeset(document, tmp_path_factory.mktemp("every-total-last") / "budget.pdf", merged=False)


@pytest.mark.parametrize("serializer", ONE_ROW_PER_LINE)
def test_text_of_every_total_printed_last(every_total_last: Path, tmp_path: Path, serializer: str) -> None:
    """Every total after its parts, the 三公 table's too (因公出国(境)费 | 公务接待费 | 购置费 | 运行费 |
    小计 | 合计 | 机关运行经费, its header over three lines): every fact of the budget, none wrong."""
    expected = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    counts = measured(
        expected, facts(extract_frames(write_serialization(every_total_last, serializer, tmp_path), BUDGET))
    )
    assert counts == {view: (total, total, 0) for view, (_, total, _) in counts.items()}


@pytest.fixture(scope="module")
def final_accounts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Putuo's finance bureau's 2024 final account typeset from its PDF's document model, its totals
    first as printed, and after their parts (the 财政拨款收入支出决算总表's 合计 after the funds, the
    一般公共预算财政拨款支出决算表's after 基本支出 | 项目支出)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    document = read_document(corpus_file(FINAL), FINAL)
    moved = _with_every_total_last(document)
    assert sum(a.table != b.table for a, b in zip(document.tables(), moved.tables(), strict=True)) == 2
    folder = tmp_path_factory.mktemp("final")
    as_printed = typeset(document, folder / "as-printed.pdf", merged=False)
    return as_printed, typeset(moved, folder / "total-last.pdf", merged=False)


@pytest.mark.parametrize("serializer", ONE_ROW_PER_LINE)
def test_final_accounts_printing_every_total_last_give_the_same_facts(
    final_accounts: tuple[Path, Path], tmp_path: Path, serializer: str
) -> None:
    """The texts of the final account as printed and with its totals last give the same facts."""
    as_printed, total_last = (
        facts(extract_frames(write_serialization(pdf, serializer, tmp_path / pdf.stem), FINAL))
        for pdf in final_accounts
    )
    counts = measured(facts(extract_frames(corpus_file(FINAL), FINAL)), as_printed)
    assert sum(matched for view, (matched, _, _) in counts.items() if view.endswith("/table")) >= 95
    assert total_last == as_printed


@pytest.mark.parametrize("serializer", ONE_ROW_PER_LINE)
def test_final_accounts_typeset_give_no_fact_their_pdf_does_not(
    final_accounts: tuple[Path, Path], tmp_path: Path, serializer: str
) -> None:
    as_printed = final_accounts[0]
    got = facts(extract_frames(write_serialization(as_printed, serializer, tmp_path), FINAL))
    counts = measured(facts(extract_frames(corpus_file(FINAL), FINAL)), got)
    assert all(wrong == 0 for _, _, wrong in counts.values()), f"facts not in the PDF: {counts}"


# Putuo's 支出预算总表 (元): each 项's 基本支出 and 项目支出, where Putuo prints one of them, its total
# split 7 : 3 (the 类 and 款 the sums of their 项), so that no cell is empty.
LEAVES = {
    "2080501": (2_614_680, None),
    "2080505": (2_302_464, None),
    "2080506": (1_151_232, None),
    "2080599": (34_720, None),
    "2080801": (None, 294_000),
    "2101101": (1_439_040, None),
    "2120104": (22_783_399, 10_992_193),
    "2210201": (2_649_730, None),
    "2210203": (3_222_000, None),
}
NAMES = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080599": "其他行政事业单位养老支出",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "212": "城乡社区支出",
    "21201": "城乡社区管理事务",
    "2120104": "城管执法",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
}


def _split(basic: int | None, project: int | None) -> tuple[int, int]:
    if basic is not None and project is not None:
        return basic, project
    total = basic or project or 0
    return total * 7 // 10, total - total * 7 // 10


def _grid_rows() -> list[tuple[str, int, int, int]]:
    """(code, 合计, 基本支出, 项目支出) of every line, 类 and 款 summed from their 项."""
    return summed_lines({code: _split(*cells) for code, cells in LEAVES.items()}, NAMES)


def _grid_pdf(path: Path, rows: list[tuple[str, int, int, int]], row_height: int, page_break: int) -> Path:
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    header = ["科目编码", "科目名称", "基本支出", "项目支出", "合计"]
    body = [[code, NAMES[code], f"{basic:,}", f"{project:,}", f"{total:,}"] for code, total, basic, project in rows]
    classes = [row for row in rows if len(row[0]) == 3]
    body.append(["", "合计", *(f"{sum(row[k] for row in classes):,}" for k in (2, 3, 1))])
    return two_page_table(path, columns, header, body, row_height, page_break)


@pytest.mark.parametrize(("row_height", "page_break"), [(16, 30), (20, 10), (24, 10)])
def test_a_grid_printing_the_total_last_read_cell_by_cell(tmp_path: Path, row_height: int, page_break: int) -> None:
    """Each row's parts written before its total: every figure read in its own cell."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    rows = _grid_rows()
    pdf = _grid_pdf(tmp_path / "grid.pdf", rows, row_height, page_break)
    text = write_serialization(pdf, "pdftotext", tmp_path / "text").read_text(encoding="utf-8")
    document = read_text(text, "grid.txt")
    read = function_lines(document, TITLE)
    truth = {code: tuple(Decimal(v) / 10_000 for v in (total, basic, project)) for code, total, basic, project in rows}
    assert read == truth
    assert document.ambiguous_cells == [] and document.lost == []


# Putuo's finance bureau's 2024 支出决算表 as its PDF prints it (万元): code, name, 本年支出合计,
# 基本支出, 项目支出 (its 上缴上级支出, 经营支出 and 对附属单位补助支出 are empty).
SPENDING = [
    ("201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"),
    ("20106", "财政事务", "2,106.66", "1,503.52", "603.14"),
    ("2010601", "行政运行", "1,511.89", "1,503.52", "8.37"),
    ("2010602", "一般行政管理事务", "10.00", "", "10.00"),
    ("2010607", "信息化建设", "135.25", "", "135.25"),
    ("2010608", "财政委托业务支出", "449.52", "", "449.52"),
    ("208", "社会保障和就业支出", "326.72", "326.72", ""),
    ("20805", "行政事业单位养老支出", "326.72", "326.72", ""),
    ("2080501", "行政单位离退休", "84.65", "84.65", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", ""),
    ("2080599", "其他行政事业单位养老支出", "0.94", "0.94", ""),
    ("210", "卫生健康支出", "60.99", "60.99", ""),
    ("21011", "行政事业单位医疗", "60.99", "60.99", ""),
    ("2101101", "行政单位医疗", "60.99", "60.99", ""),
    ("221", "住房保障支出", "445.69", "445.69", ""),
    ("22102", "住房改革支出", "445.69", "445.69", ""),
    ("2210201", "住房公积金", "187.19", "187.19", ""),
    ("2210203", "购房补贴", "258.50", "258.50", ""),
]
SPENDING_TITLE = "支出决算表"


def _wrapped(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def _spending_pdf(path: Path, total_last: bool) -> Path:
    """The table in narrow columns, 本年支出合计 printed first or last: the header cells wrapped over
    two lines (本年支出 over 合计, 对附属单 over 位补助支出), long names over two lines, figures flush
    right under centred labels, the columns of unequal widths, the header printed again on page 2."""
    header = [["基本支出"], ["项目支出"], ["上缴上级", "支出"], ["经营支出"], ["对附属单", "位补助支出"]]
    widths = [58, 52, 44, 44, 50]
    total = (["本年支出", "合计"], 62)

    def ordered(cells: list, first: object) -> list:
        return [*cells, first] if total_last else [first, *cells]

    columns = [BaselineColumn(56), BaselineColumn(96)]
    columns += [BaselineColumn(w, justify="right") for w in ordered(widths, total[1])]
    rows = [
        [[code], _wrapped(name, 8), *ordered([[basic] if basic else [], [project] if project else [], [], [], []], [t])]
        for code, name, t, basic, project in SPENDING
    ]
    rows.append([[], ["合计"], *ordered([["2,336.91"], ["603.14"], [], [], []], ["2,940.05"])])
    pdf = BaselineTablePdf()
    pdf.table(
        SPENDING_TITLE,
        columns,
        [[["科目编码"], ["科目名称"], *ordered(header, total[0])]],
        rows,
        per_page=12,
        header_justify="centre",
    )
    return pdf.save(path)


def _spending_read(pdf: Path, serializer: str, folder: Path) -> tuple[dict, Document]:
    document = read_text(write_serialization(pdf, serializer, folder).read_text(encoding="utf-8"), "s.txt")
    lines = read_tables(document).expenditure_function
    return {x.code: (x.actual, x.basic, x.project) for x in lines if x.code}, document


def test_a_wrapped_header_printing_the_total_last(tmp_path: Path) -> None:
    """From -layout, every line's 本年支出合计, 基本支出 and 项目支出 read in its own column, none
    ambiguous."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = _spending_pdf(tmp_path / "spending.pdf", total_last=True)
    read, document = _spending_read(pdf, "pdftotext-layout", tmp_path)
    money = lambda text: Decimal(text.replace(",", "")) if text else None  # noqa: E731
    assert read == {code: (money(total), money(basic), money(project)) for code, _, total, basic, project in SPENDING}
    assert document.ambiguous_cells == [] and document.lost == []


@pytest.mark.parametrize("serializer", ["pdftotext-raw", "pypdfium2", "pdfplumber"])
def test_a_wrapped_header_read_alike_total_first_or_last(tmp_path: Path, serializer: str) -> None:
    """Text written one row per line: the header's words name no column whole (本年支出 | 合计), so
    the rows' sums say the order; the lines read are those read with 合计 first, in the same columns
    (the figures the sums cannot place reported as ambiguous alike). 合计 may be alone on a line of
    the header (its last in pypdfium2's text with 合计 last, -raw's writing a cell a line): the
    header's, not the table's 合计 row."""
    if serializer.startswith("pdftotext") and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    got = []
    for total_last in (False, True):
        pdf = _spending_pdf(tmp_path / f"spending-{total_last}.pdf", total_last)
        read, document = _spending_read(pdf, serializer, tmp_path / str(total_last))
        got.append((read, len(document.ambiguous_cells), document.lost))
    assert len(got[0][0]) == len(SPENDING)
    assert got[1] == got[0]
