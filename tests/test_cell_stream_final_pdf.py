"""pdftotext's default text of a final account typeset with fully ruled tables: each table cell a
block of its own, written cell by cell and, where the blocks say so, column by column.

The final account is typeset from its document model (``tests/seed_pdf.py``), on landscape and on
portrait pages, with a 栏次 row and its codes split into 类 | 款 | 项 columns, and with its names
wrapped in narrow cells; each PDF is written out by plain ``pdftotext`` and read back. Whatever the
variant: no fact contradicts the report's (a wrong name, code or figure), every figure left NULL
and every line not read is reported (an ambiguous cell, or its table reported not read), and how
much is read is pinned exactly.

The one-sided function tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) are rebuilt from
their cells (``readers/cell_stream_rows.py``): the names give the rows, the run of codes their
codes in the same order, each code confirmed by its name; a row's figures are those written after
its name, and figures written before their row's name (after another row's) are reported unless
one split only makes both rows add up.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.extract.standard_tables.recognise import TableKind, find_standard_tables
from budget_reports.gold import canonical, extract_frames
from budget_reports.model import Document, Table
from budget_reports.readers import read_document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import FINAL, column_numbers, dashes, each_table, split_codes, wrapped_names
from tests.seed_pdf import LANDSCAPE, PORTRAIT, is_figure, typeset
from tests.serialization_facts import VIEWS, _by_key, _figure, facts, guessed_figures, measured
from tests.standard_table_grids import grid_table
from tests.test_split_codes_pdf import _levels_once as levels_once

Grid = list[list[str]]
_VALUES = ("value", "amount", "actual", "basic", "project", "budget_initial", "budget_adjusted", "budget_value")


def _split_with_column_numbers(grid: Grid) -> Grid:
    return column_numbers(split_codes(3, first_only=True)(grid))


def _plain_dashes_wrapped(grid: Grid) -> Grid:
    """Amounts without separators, a dash in each empty money cell, names wrapped in narrow cells."""
    plain = [[text.replace(",", "") if is_figure(text) else text for text in row] for row in grid]
    return wrapped_names(dashes(plain))


def _levels_once(grid: Grid) -> Grid:
    """Codes split into 类 | 款 | 项, each level's part printed once (a class's cell merged down)."""
    return levels_once(split_codes(None)(grid))


# variant -> (change of each table's grid, portrait pages)
VARIANTS: dict[str, tuple[Callable[[Grid], Grid] | None, bool]] = {
    "landscape": (None, False),
    "portrait": (None, True),
    "column-numbers+split-codes+portrait": (_split_with_column_numbers, True),
    "wrapped-names": (wrapped_names, False),
    "plain+dashes+wrapped-names+portrait": (_plain_dashes_wrapped, True),
    "levels-once": (_levels_once, False),
}

# variant -> table facts (of 97) read from the pdftotext default text (14 on landscape pages and 23
# on portrait ones, with two wrong names, before the function tables were read from their cells).
# - landscape: the three function tables rebuilt from their cells. The 一般公共预算 table's last
#   row and 合计 come as 258.50 258.50 2,940.05 2,336.91 | 合计 | 603.14: the one split leaving
#   both rows adding up gives 合计 its first two figures, and its column sums settle every row's
#   基本/项目. The 收入决算表's parts stay ambiguous (which of six income columns holds a row's
#   second figure: only 合计 is read). The 收入支出决算总表 is read from its streams
#   (overview_streams: its page numbers, -5-, written among its labels, are none), its income
#   figures placed by the spending label pdftotext writes each on a line with (``6.20 八、社会保障
#   和就业支出``: 八、其他收入's; 6.20 was reported before, several income rows fitting it). The
#   财政拨款收入支出决算总表 (its spending items written out of order, put back in their numbers'
#   order) is read whole: its 政府性基金 and 国有资本经营 columns are empty as those funds' tables
#   say (本表无数据, the prose after the last of them no part of it), its 三、国有资本经营预算 /
#   财政拨款 one label (it fit no placement within the search's bound before: 65 on landscape, 66
#   on portrait pages; 79 / 80 with 6.20 reported). The 基本支出 table is read from its cells
#   (side_by_side_streams). The 三公 table's two figures (0.95 0.95), read from its stream of stage
#   labels (stage_label_streams: the second under 公务接待费's labels), are placed by the prose
#   (三公 预算 0.95, 决算 0.00 and each item's 决算 0.00): 合计/预算数 and 公务接待费/预算数. Before
#   (80), narrowing the table by the prose read its lines again as another reader does, which
#   reported it not read, and that reading was kept; the same gives 栏次 and split codes their
#   三公经费 total (81), names wrapped (52) and levels printed once (74) both figures. Levels printed
#   once: the 基本支出 table's 31002 read since a 款 part alone takes the printed class whose line of
#   it bears its name (readers/stream_rows.py: 75).
# - portrait: as on landscape, and the 支出决算表's 20805 and 2080501 figures written together after
#   20805's name (326.72 326.72 84.65 84.65) split the one way both rows add up; its 208 and
#   2210203 names (read glued to 20805's, and to a page number and the next page's labels) right.
# - 栏次 and split codes on portrait pages: the column numbers (1 2 3, 1 栏次 in the overview) are no
#   cells; as on portrait pages.
# - wrapped names: 6 before (the function tables reported not read); 50 since a total row's place
#   is counted among the names, a page whose whole codes are only its 类 rows' is read by the codes
#   its parts spell and a 项 part beside a wrapped name's middle line joins its code (which of these
#   each table owes its reading to not traced). Tables whose cells still fit no placement are
#   reported not read, never read with wrong names. 73 since its 收入支出决算总表's last page, opening with
#   the header printed again above class names wrapped over two and three lines, is the table's
#   (overview_streams.span_end): the overview read whole (12 metrics and 8 class lines), not reported
#   not read (test below).
# - amounts without separators, dashes in empty cells, names wrapped, portrait pages: the 收入决算表
#   and 支出决算表 reported not read; the fiscal overview read whole, its labels' pieces joined across
#   an income figure written before a spending label's second piece, its classes 二十 … 二十六
#   (written after the carry-overs on its second page) items, not parts of the carry-over; the
#   overview read by what the fiscal overview settles, each class spending at least its
#   appropriations (the 支出决算表 not read), 6.20 reported (29 before: neither overview read);
#   its 一、一般公共 / 预算财政拨款 / 收入 one label, the 收入 after the header's being a label's piece
#   (49 before: the 一般公共预算财政拨款收入 source not read). 72 since the 支出决算表 is read: its
#   一般行政管理事务 name, wrapped, written after the names of the rows below it (pdftotext read its
#   block later), is its lone code's by the reference, not by the order (50 before, reported not
#   read). The 收入决算表 is read from its cells since each code column's order gives the rows'
#   codes (the 类 cells of 2080505 … 2080599 written after 卫生健康支出's row): its 合计 column,
#   the parts of its six income columns reported ambiguous; the count stays 72 (the overview gives
#   the income sources; it was reported not read before).
# - codes split into 类 | 款 | 项, each level's part printed once: the function tables read by the
#   codes their parts spell (split_codes.levels_once_codes), the 收入决算表 reported not read; both
#   overviews read whole: 38 before, 50 while the 一般公共预算财政拨款支出决算表 was not read (the
#   fiscal overview then read by what the overview settles: the test with that table's figures
#   removed below).
READ = {
    "landscape": 82,
    "portrait": 81,
    "column-numbers+split-codes+portrait": 81,
    "wrapped-names": 73,
    "plain+dashes+wrapped-names+portrait": 72,
    "levels-once": 75,
}


# The 财政拨款收入支出决算总表's income side as printed: (label, figure) top to bottom.
FISCAL_INCOME = [
    ("一、一般公共预算财政拨款", "2,940.05"),
    ("二、政府性基金预算财政拨款", ""),
    ("三、国有资本经营预算财政拨款", ""),
    ("本年收入合计", "2,940.05"),
    ("年初财政拨款结转和结余", "21.63"),
    ("一、一般公共预算财政拨款", "21.63"),
    ("二、政府性基金预算财政拨款", ""),
    ("三、国有资本经营预算财政拨款", ""),
    ("总计", "2,961.68"),
]


# The 收入支出决算总表's income side as printed.
OVERVIEW_INCOME = [
    ("一、一般公共预算财政拨款收入", "2,940.05"),
    ("二、政府性基金预算财政拨款收入", ""),
    ("三、国有资本经营预算财政拨款收入", ""),
    ("四、上级补助收入", ""),
    ("五、事业收入", ""),
    ("六、经营收入", ""),
    ("七、附属单位上缴收入", ""),
    ("八、其他收入", "6.20"),
    ("本年收入合计", "2,946.25"),
    ("使用非财政拨款结余(含专用结余)", ""),
    ("年初结转和结余", "49.14"),
    ("总计", "2,995.39"),
]


def _variant(document: Document, change: Callable[[Grid], Grid] | None) -> Document:
    if change is None:
        return document

    def changed(table: Table) -> Table:
        return grid_table(change(table.grid()), table.page, table.line or 0)

    return each_table(document, changed)


@pytest.fixture(scope="module")
def default_texts(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The pdftotext default text of each variant (its PDF typeset once per module)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    base = read_document(corpus_file(FINAL), FINAL)
    made: dict[str, Path] = {}

    def text(variant: str) -> Path:
        if variant not in made:
            change, portrait = VARIANTS[variant]
            folder = tmp_path_factory.mktemp(variant.replace("+", "-"))
            page = PORTRAIT if portrait else LANDSCAPE
            pdf = typeset(_variant(base, change), folder / "final.pdf", merged=False, table_page=page)
            made[variant] = write_serialization(pdf, "pdftotext", folder)
        return made[variant]

    return text


def _unreported_lines(truth: dict[str, pl.DataFrame], got: dict[str, pl.DataFrame], lost: list[str]) -> list[str]:
    """Lines of the report the text does not give that nothing reports: neither all their figures
    reported ambiguous, nor their table reported not read."""
    findings = got["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    reported = {_figure(value) for value in findings["actual"].to_list() if value}
    out = []
    for view in VIEWS:
        expected, have = _keyed(truth[view], view), _keyed(got[view], view)
        for key, row in expected.items():
            if key in have:
                continue
            values = [v for c, v in row.items() if v and c in _VALUES]
            table = row.get("source_table") or ""
            if all(v in reported or canonical(Decimal(v) * 10000) in reported for v in values):
                continue
            if any(table and table in message for message in lost) or (not table and lost):
                continue
            out.append(f"{view} {key} {values}")
    return out


def _keyed(frame: pl.DataFrame, view: str) -> dict[tuple[str, ...], dict[str, str]]:
    """The view's table facts by key; a function line by (fund, table, code): its name is compared
    as a value (a wrong name is a wrong fact, not a line missing)."""
    rows = _by_key(frame, view)
    if view != "expenditure_function":
        return rows
    return {(r["fund_type"], r["source_table"], r["code"]): r for r in rows.values() if r["code"]}


@pytest.mark.parametrize("variant", list(READ))
def test_default_text_of_a_typeset_final_account(default_texts: Callable[[str], Path], variant: str) -> None:
    path = default_texts(variant)
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(path, FINAL)
    expected, read = facts(truth), facts(got)
    wrong = {view: extra for view, (_, _, extra) in measured(expected, read).items() if extra and "/table" in view}
    assert wrong == {}
    contradictions, unreported = guessed_figures(truth, got)
    assert contradictions == []
    assert unreported == []
    names = [
        f"{key}: {row['name_as_written']}"
        for key, row in _keyed(got["expenditure_function"], "expenditure_function").items()
        if (true := _keyed(truth["expenditure_function"], "expenditure_function").get(key))
        and row["name_as_written"] != true["name_as_written"]
    ]
    assert names == []
    lost = read_text(path.read_text(encoding="utf-8"), path.name).lost
    assert _unreported_lines(truth, got, lost) == []
    matched = sum(m for view, (m, _, _) in measured(expected, read).items() if view.endswith("/table"))
    assert matched == READ[variant]


@pytest.mark.parametrize("variant", ["landscape", "portrait"])
def test_the_fiscal_overview_is_read_whole(default_texts: Callable[[str], Path], variant: str) -> None:
    """The 财政拨款收入支出决算总表 written in streams is read whole: its 政府性基金 and 国有资本经营
    columns are empty as their own tables say under their headers (``本表无数据``, the report's prose
    following the last of them), which bounds its placements; its fund rows wrapped after the fund's
    name (``三、国有资本经营预算`` / ``财政拨款``) are one label each, so that 21.63 is the carry-over's
    一般公共预算 part (reported not read before)."""
    assert _income_side(default_texts(variant), TableKind.FISCAL_OVERVIEW) == FISCAL_INCOME


@pytest.mark.parametrize("variant", ["landscape", "portrait"])
def test_the_overview_income_is_read_by_the_lines_it_shares(default_texts: Callable[[str], Path], variant: str) -> None:
    """pdftotext writes an income figure on the line of the spending label printed beside it
    (``6.20 八、社会保障和就业支出``): it is on that label's row, the income row printed on the same
    line (八、其他收入), where the sums alone let five income rows hold 6.20."""
    assert _income_side(default_texts(variant), TableKind.OVERVIEW) == OVERVIEW_INCOME


def test_overviews_with_wrapped_labels_read(default_texts: Callable[[str], Path]) -> None:
    """Labels wrapped in narrow cells, pdftotext writing an income figure before a spending label's
    second piece (一、一般公 / ``2940.05 共`` / 服务支出), and the fiscal overview's second page
    writing the classes 二十 … 二十六 after the carry-overs: the fiscal overview is read whole (its
    rows in the order written), and the overview's income side all but 6.20, which five income rows
    fit, reported. (Written when its 支出决算表 was not read, the overview then read by what the
    fiscal one settles; the 支出决算表 read since, the overview reads the same.)"""
    path = default_texts("plain+dashes+wrapped-names+portrait")
    assert sorted(_income_side(path, TableKind.FISCAL_OVERVIEW)) == sorted(
        (label, figure.replace(",", "")) for label, figure in FISCAL_INCOME
    )
    read = [figure for _, figure in _income_side(path, TableKind.OVERVIEW) if figure]
    assert read == ["2940.05", "2946.25", "49.14", "2995.39"]
    document = read_text(path.read_text(encoding="utf-8"), path.name)
    assert "6.20" in [cell.figure for cell in document.ambiguous_cells]


def test_a_fiscal_overview_its_detail_table_leaves_open_is_read_by_its_overview(
    default_texts: Callable[[str], Path], tmp_path: Path
) -> None:
    """The 一般公共预算财政拨款支出决算表 not read (here its figures are missing from the text, as
    when the table is an image among text pages): the classes the 收入支出决算总表 leaves empty are
    empty in the 财政拨款收入支出决算总表 too, which bounds its search (it was reported not read)."""
    path = tmp_path / "detail-table-without-figures.txt"
    path.write_text(
        _without_table_figures(default_texts("levels-once"), "一般公共预算财政拨款支出决算表"), encoding="utf-8"
    )
    assert _income_side(path, TableKind.FISCAL_OVERVIEW) == FISCAL_INCOME
    assert _income_side(path, TableKind.OVERVIEW) == OVERVIEW_INCOME
    document = read_text(path.read_text(encoding="utf-8"), path.name)
    assert any("一般公共预算财政拨款支出决算表" in message for message in document.lost)


def _without_table_figures(path: Path, title: str) -> str:
    """The text with the figures of the table titled ``title`` removed, from its title's page up to
    the next table's title."""
    pages = path.read_text(encoding="utf-8").split("\f")
    start = next(k for k, page in enumerate(pages) if title in page and "目录" not in page)
    for k in range(start, len(pages)):
        if k > start and re.search(r"决算表|支出表", pages[k]):
            break
        pages[k] = re.sub(r"\d[\d,]*\.\d\d", "", pages[k])
    return "\f".join(pages)


def _income_side(path: Path, kind: TableKind) -> list[tuple[str, str]]:
    """The overview's income side as read, (label, figure) top to bottom; the overview is read (not
    reported lost)."""
    document = read_text(path.read_text(encoding="utf-8"), path.name)
    table = next(t for t in find_standard_tables(document) if t.kind is kind)
    assert not any(table.title in message for message in document.lost)
    return [(row[0], row[1]) for row in table.table.grid() if row[0] and row[0] not in ("收入", "项目")]


def test_an_overviews_page_opening_with_its_header_again_is_read_with_it(default_texts: Callable[[str], Path]) -> None:
    """Names wrapped at six characters: the 收入支出决算总表's last page prints its header again
    (收入 / 项目 / 支出 / 决算数 …) above class names wrapped over lines (``十七、援助其`` / ``他地区支出``),
    more label lines than figures. It is the table's, not prose: the table is read, its labels are no
    items of the report's outline, and the report's own error is found as in its PDF (its prose
    states 0.3万元 for the table's 2,961.68)."""
    path = default_texts("wrapped-names")
    page = path.read_text(encoding="utf-8").split("\f")[5]
    assert page.startswith("收入\n项目\n") and "十七、援助其\n他地区支出" in page
    assert not [m for m in read_document(path, FINAL).lost if "收入支出决算总表" in m]
    findings = extract_frames(path, FINAL)["dq_findings"]
    assert findings.filter(pl.col("rule_id").str.starts_with("numbering.")).height == 0
    wrong = findings.filter((pl.col("rule_id") == "consistency.prose_table") & (pl.col("actual") == "0.3"))
    assert wrong["expected"].to_list() == ["2961.68"]
