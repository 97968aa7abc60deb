"""A budget printed the ways other provinces print its tables, read back from pdftotext's default
text (no ``-layout``: a fully ruled table comes out cell by cell, column by column): no fact read that
the report does not give, every fact not read reported (its figures as ambiguous cells, or its table
as not read), and the facts read counted exactly, so that a change in either direction shows.

Each variant is the corpus budget (amounts in 元) typeset from its document model with its tables'
grids changed (``tests/seed_pdf.py``), so no figure is typed here:

- plain integers: every amount without thousands separators (``6397096``), as most reports outside
  Shanghai print them: a whole number is told from a code by where it stands, not by its print;
- two decimals, no separators (``6397096.00``);
- split codes: the code printed in 类 | 款 | 项 columns (``208 | 05 | 01``);
- names wrapped at six characters in their cells;
- a 栏次 row (``栏次 | 1 | 2 …``) under each header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import canonical, extract_frames
from budget_reports.normalize import parse_decimal
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    FINAL,
    Grid,
    all_variants,
    column_numbers,
    dashes,
    is_money,
    money_columns,
    plain_integers,
    printed_variants,
    split_codes,
    total_first,
    wrapped_names,
)
from tests.serialization_facts import NOT_COMPARED, VIEWS, facts, measured


def _two_decimals(grid: Grid) -> Grid:
    """Every whole amount of a money column printed with two decimals and no separator."""
    money = set(money_columns(grid))
    return [
        [
            text.replace(",", "") + ".00" if c in money and re.fullmatch(r"[\d,]+", text) else text
            for c, text in enumerate(row)
        ]
        for row in grid
    ]


def _split_dashes_total_first(grid: Grid) -> Grid:
    """Split codes, a dash in each empty money cell, the 合计 row first."""
    return total_first(dashes(split_codes(3, first_only=True)(grid)))


def _whole_numbered_wrapped(grid: Grid) -> Grid:
    """A 栏次 row and names wrapped at eight characters, then every amount printed whole (in this
    order: the changes find the money columns by their separators)."""
    return plain_integers(wrapped_names(column_numbers(grid), 8))


def _dashes_wrapped(grid: Grid) -> Grid:
    """A dash in each empty money cell and names wrapped at six characters (amounts with separators)."""
    return wrapped_names(dashes(grid))


def _whole_dashes_wrapped(grid: Grid) -> Grid:
    """As ``_dashes_wrapped``, every amount then printed whole."""
    return plain_integers(_dashes_wrapped(grid))


VARIANTS: dict[str, Callable[[Grid], Grid]] = {
    "plain-integers": plain_integers,
    "two-decimals": _two_decimals,
    "split-codes": split_codes(3, first_only=True),
    "wrapped-names": wrapped_names,
    "column-numbers": column_numbers,
    "split+dashes+total-first": _split_dashes_total_first,
    "all": all_variants,
    "whole+numbered+wrapped": _whole_numbered_wrapped,
    "dashes+wrapped": _dashes_wrapped,
    "whole+dashes+wrapped": _whole_dashes_wrapped,
}

# variant -> table facts (of 100) of the budget read from pdftotext's default text. The budget as
# printed gives 100: its 三公 table's four item figures, which its sums place two ways each (因公出国 or
# 公务接待, 购置 or 运行) and whose order the text does not keep, are placed by what the budget's prose
# states (``因公出国（境）费0万元 … 公务接待费0.46万元``, cell_links), 4 more in every variant than
# before (when they were reported ambiguous). Each reads 3 more than it did
# before the 基本支出 table's 30209, 30211 and 30213 were read (their figures fitted two rows each where
# 30207's part was taken for a late one: a family printing one part, 302 | | 公用经费, has its rows'
# parts in that column, written top to bottom, readers/row_streams.py).
DEFAULT_READ = {
    # The overviews (收支总表, 财政拨款收支总表), written in streams, are read by their own reader
    # (overview_streams), their whole numbers figures as the unit line says 元: 89 before, when it
    # told a figure by its separator or decimals alone and the 财政拨款收支预算总表 was reported not
    # read (83 before its 收支总表's pieces were given sides, 8 before whole numbers were read as
    # figures in tables in 元); 96 before the 三公 items were placed by the prose.
    "plain-integers": 100,
    "two-decimals": 100,
    # Each row's parts read as the whole code they spell (``split_codes``), a 项 part printed with
    # its name apart from its 类 and 款 joined to the 类+款 printed twice (18 before: the tables
    # written by columns reported not read).
    "split-codes": 94,
    # Each name's lines grouped into its code's name by the classification (13 before), a page's
    # first name too, printed before any code: what the budget as printed gives, but 收入总表's
    # 财政拨款收入 line (reported). The 财务收支预算总表's 一、财政拨款 / 收入, wrapped, is one label (a
    # side's name after the page header's ends the label before it: overview_labels), its figure
    # placed: 92 before, 95 with the 基本支出 table's parts placed top to bottom (row_streams).
    "wrapped-names": 100,
    # The overviews' column numbers (1 栏次, 2 …) are no labels of theirs (overview_labels): both
    # read as when printed without them (78 before).
    "column-numbers": 100,
    # pdftotext gives the first row's 类 code (208) before the 合计 row's name: the total's place is
    # counted among the names (whole_codes); a page whose whole codes are only its 类 rows' is read
    # by the codes its parts spell (column_blocks). 18 before (the sweep's print of it, other
    # page breaks, reads 91).
    "split+dashes+total-first": 93,
    # With 栏次 and names wrapped too: a 项 part printed beside its wrapped name's middle line
    # (``机关事业单位 | 05 基本养老保险 | 缴费支出``) joins its code, and 栏次 is no row's name. 13 before;
    # 92 before 一、财政拨款 / 收入 was one label, as with names wrapped alone (95 with the parts
    # placed top to bottom alone).
    "all": 100,
    # Whole amounts with a 栏次 row and names wrapped at eight characters: what the same print with
    # separators gives (98: its 基本支出 table's 人员经费 / 公用经费 totals not read). Its overviews
    # read as with separators (overview_streams), the whole figures beside the wrapped names told
    # from the codes (whole_codes). 11 before: the 财政拨款收支预算总表 and the 基本支出 table
    # reported not read, the 收入预算总表, 支出预算总表 and 一般公共预算支出功能分类预算表 read as their
    # 208 row without figures (the others dropped unreported).
    "whole+numbered+wrapped": 98,
    # Dashes in empty cells and names wrapped: pdftotext takes the dash ending 30113 住房公积金's
    # ``2,649,730 -`` for a hyphen and joins the line of 30199's cells below it, taller for its
    # wrapped name (``2,649,730 1,628,900 -``); the 基本支出 table's figures are read with that line's
    # two figures as two cells (column_blocks.cells_apart; whole, ``2649730 1628900``, its two whole
    # numbers, whole_codes). 65 before: that table (33 economic lines, 人员经费 and 公用经费) reported
    # not read, its second page with it.
    "dashes+wrapped": 100,
    "whole+dashes+wrapped": 100,
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    return printed_variants(tmp_path_factory, VARIANTS)


@pytest.fixture(scope="module")
def truth() -> dict[str, pl.DataFrame]:
    return extract_frames(corpus_file(BUDGET), BUDGET)


def _table_matched(expected: dict, got: dict) -> tuple[int, dict[str, int]]:
    """Table facts matched, and per table view those read that the report does not give."""
    counts = measured(expected, got)
    matched = sum(m for view, (m, _, _) in counts.items() if view.endswith("/table"))
    extra = {view: x for view, (_, _, x) in counts.items() if x and view.endswith("/table")}
    return matched, extra


def _reported_figures(frames: dict[str, pl.DataFrame]) -> set[Decimal]:
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    values = (parse_decimal(v) for v in findings["actual"].to_list() if v)
    return {v for v in values if v is not None}


def _unreported(truth: dict[str, pl.DataFrame], got: dict[str, pl.DataFrame], lost: list[str]) -> list[str]:
    """The budget's table facts the text does not give that nothing reports: none of their amounts
    is an ambiguous cell (in 元 as printed, or in 万元) and no table they come from is reported not read."""
    reported = _reported_figures(got)
    out = []
    for view in VIEWS:
        wanted = truth[view].filter(pl.col("source_kind") == "table")
        columns = [c for c in wanted.columns if c not in NOT_COMPARED]
        have = {tuple(map(canonical, row)) for row in got[view].select(columns).iter_rows()}
        for row in wanted.select(columns).iter_rows(named=True):
            if tuple(canonical(v) for v in row.values()) in have:
                continue
            amounts = [Decimal(str(v)) for c, v in row.items() if isinstance(v, Decimal | float | int) and c != "level"]
            as_figures = all(a in reported or a * 10_000 in reported for a in amounts) and amounts
            table = row.get("source_table")
            in_lost = any(table in message for message in lost) if table else bool(lost)
            if not (as_figures or in_lost):
                out.append(f"{view}: {row}")
    return out


@pytest.mark.parametrize("variant", list(DEFAULT_READ))
def test_default_text_of_a_budget_printed_another_way(
    printed: Callable[[str, str], Path], truth: dict[str, pl.DataFrame], tmp_path: Path, variant: str
) -> None:
    text = write_serialization(printed(BUDGET, variant), "pdftotext", tmp_path)
    got = extract_frames(text, BUDGET)
    matched, extra = _table_matched(facts(truth), facts(got))
    assert extra == {}
    assert _unreported(truth, got, read_document(text, BUDGET).lost) == []
    assert matched == DEFAULT_READ[variant]


@pytest.mark.parametrize(
    ("variant", "joined"), [("dashes+wrapped", "2,649,730 1,628,900 -"), ("whole+dashes+wrapped", "2649730 1628900 -")]
)
def test_cells_of_two_rows_joined_on_one_line_are_read_apart(
    printed: Callable[[str, str], Path], tmp_path: Path, variant: str, joined: str
) -> None:
    """pdftotext drops the dash ending 30113's cells (a hyphen, to it) and joins 30199's below: the
    line's two figures are two cells, each row's 人员经费 read (before, the table was not read; whole,
    the two numbers' digits joined were one figure)."""
    text = write_serialization(printed(BUDGET, variant), "pdftotext", tmp_path)
    assert f"\n{joined}\n" in text.read_text(encoding="utf-8")
    lines = extract_frames(text, BUDGET)["expenditure_economic"].filter(pl.col("code").is_in(["30113", "30199"]))
    assert sorted(lines.select("code", "group", "amount").rows()) == [
        ("30113", "人员经费", Decimal("264.973")),
        ("30199", "人员经费", Decimal("162.89")),
    ]


def test_whole_figures_are_placed_by_their_dashes(printed: Callable[[str, str], Path], tmp_path: Path) -> None:
    """The 收入预算总表 printed whole, a dash in each empty source cell (``6397096`` / ``6397096 -`` /
    ``-`` / ``-``): the dashes say each part is a 财政拨款收入, its whole numbers told from the codes
    first (whole_codes). Before, its 19 parts were reported ambiguous over the four sources."""
    text = write_serialization(printed(BUDGET, "whole+dashes+wrapped"), "pdftotext", tmp_path)
    document = read_document(text, BUDGET)
    assert document.ambiguous_cells == []
    blocks = document.blocks
    # The table's block comes after its title's and its unit line's.
    titled = [b.table for k, b in enumerate(blocks) if b.table is not None and "收入预算总表" in blocks[k - 2].text]
    assert len(titled) == 1
    grid = titled[0].grid()
    assert grid[0][3] == "财政拨款收入"
    assert [row[3] for row in grid[1:]] == [row[2] for row in grid[1:]]  # every row's income a 财政拨款收入
    assert grid[-1][1:4] == ["合计", "47483458", "47483458"]


def test_plain_integers_are_printed_as_such(printed: Callable[[str, str], Path], tmp_path: Path) -> None:
    """The variant prints what it says: no amount with a separator or decimals is left in the text."""
    text = write_serialization(printed(BUDGET, "plain-integers"), "pdftotext", tmp_path).read_text(encoding="utf-8")
    assert "6397096" in text
    assert not any(is_money(word) for word in text.split() if re.fullmatch(r"[\d,]+", word))


# Table facts (of 97) of the final account printed with every variant at once (landscape pages, the
# header's cells not merged) read from pdftotext's default text. Not read, each reported: the
# 基本支出决算表's 23 economic lines, the 三公 table's 公务接待费 budget (its total's is placed by the
# prose, which states no item's budget).
# - Its 一般公共预算财政拨款支出决算表 carries its last row (2210203 购房补贴) over to a page of its own,
#   under the header repeated, whose 类 | 款 | 项 heads pdftotext writes among the row's parts
#   (``221`` / ``项`` / ``02`` / ``03 购房补贴``): a head is no part of the code (readers/split_codes.py;
#   the page's two figures were reported ambiguous before).
# - Its 收入决算表 writes each row's cells one after another, a dash in each empty one
#   (``2,946.25`` / ``2,940.05 -`` / ``-`` / ``-`` / ``-`` / ``6.20``): counted, the dashes place each
#   figure (readers/dashed_rows.py; without them 6.20 fitted any income source, every row reported
#   ambiguous), and its 合计 row places the overview's 6.20, written apart from its wrapped label, on
#   八、其他收入 (readers/cell_links.py; reported ambiguous over 四 to 八 before). 71 before both.
FINAL_ALL_DEFAULT_READ = 73


def test_default_text_of_a_final_account_printed_with_every_variant(
    printed: Callable[[str, str], Path], tmp_path: Path
) -> None:
    text = write_serialization(printed(FINAL, "all"), "pdftotext", tmp_path)
    printed_text = text.read_text(encoding="utf-8")
    assert re.search(r"\n221\n+项\n+02\n+03 购房补贴\n", printed_text)
    assert re.search(r"\n合计\n+2,946.25\n+2,940.05 -\n+-\n+-\n+-\n+6.20\n", printed_text)
    truth = extract_frames(corpus_file(FINAL), FINAL)
    got = extract_frames(text, FINAL)
    matched, extra = _table_matched(facts(truth), facts(got))
    assert extra == {}
    assert _unreported(truth, got, read_document(text, FINAL).lost) == []
    assert matched == FINAL_ALL_DEFAULT_READ
    line = got["expenditure_function"].filter(
        (pl.col("code") == "2210203") & (pl.col("source_table") == "一般公共预算财政拨款支出决算表")
    )
    assert line.select("xiang_name", "actual", "basic").rows() == [("购房补贴", Decimal("258.50"), Decimal("258.50"))]
    income = got["income"].filter(pl.col("source_kind") == "table").select("source", "amount").rows()
    assert sorted(income) == [("一般公共预算财政拨款收入", Decimal("2940.05")), ("其他收入", Decimal("6.20"))]


# The budget's two overviews: their titles (the source of their class lines).
_OVERVIEWS = ("2026年部门财务收支预算总表", "2026年部门财政拨款收支预算总表")


def test_overviews_in_yuan_printed_whole_with_wrapped_names_are_read(
    printed: Callable[[str, str], Path], truth: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """Both overviews printed with whole amounts in 元, a 栏次 row and labels wrapped at eight
    characters, read from pdftotext's default text: their whole numbers are figures (an overview
    prints no code to take one for), the 栏次 row's numbers (2, 3 … alone on their lines) and the
    page numbers none. Every total (收入总计, 支出总计 …, 6) and class line (8) of both is read."""
    text = write_serialization(printed(BUDGET, "whole+numbered+wrapped"), "pdftotext", tmp_path)
    got = extract_frames(text, BUDGET)
    assert not [message for message in read_document(text, BUDGET).lost if "收支预算总表" in message]
    metrics = truth["summary_metrics"].filter(pl.col("metric").str.ends_with("总计"))
    lines = truth["expenditure_function"].filter(pl.col("source_table").is_in(_OVERVIEWS))
    assert (metrics.height, lines.height) == (6, 8)
    counts = measured(facts({**truth, "summary_metrics": metrics, "expenditure_function": lines}), facts(got))
    assert counts["summary_metrics/table"][:2] == (6, 6)
    assert counts["expenditure_function/table"][:2] == (8, 8)
