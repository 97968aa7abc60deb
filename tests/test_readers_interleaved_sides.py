"""Two-sided overviews (收入支出决算总表) whose columns pdftotext (default mode) wrote as
interleaved streams, generated from row sets: each side's labels and each side's figures are a
column, cut into runs (an empty cell ends a run) and merged in a random order that keeps each
column top to bottom, as pdftotext writes a tightly set table block by block. The report's
支出决算表 is printed after it, one row per line, with one class total rounded differently
(326.72 against the overview's 326.71), as real reports do.

Whatever the order, nothing is guessed: each figure read is its cell's, each figure printed and not
read is reported ambiguous. The spending items and the totals are read in every order the detail
table settles; income items the report says nothing more of stay NULL where several fit.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.gold import extract_frames
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.test_readers_interleaved_columns import _runs

TITLE = "收入支出决算总表"
SHANGHAI_INCOME = (
    "一、一般公共预算财政拨款收入",
    "二、政府性基金预算财政拨款收入",
    "三、国有资本经营预算财政拨款收入",
    "四、上级补助收入",
    "五、事业收入",
    "六、经营收入",
    "七、附属单位上缴收入",
    "八、其他收入",
)
# Income items as other provinces print them (one 财政拨款收入 line).
OTHER_INCOME = (
    "一、财政拨款收入",
    "二、上级补助收入",
    "三、事业收入",
    "四、经营收入",
    "五、附属单位上缴收入",
    "六、其他收入",
)
CLASSES = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("221", "住房保障支出"),
    ("229", "其他支出"),
)
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Overview:
    """One report's overview: income items and spending classes with their figures (as printed),
    the rows below the items on each side (label, figure or None) and the classes' totals as the
    支出决算表 prints them."""

    income_labels: tuple[str, ...]
    income: dict[str, str]
    spending: dict[str, str]
    income_rows: tuple[tuple[str, str | None], ...]
    spending_rows: tuple[tuple[str, str | None], ...]
    detail: dict[str, str]


def _numeral(n: int) -> str:
    return (
        NUMERALS[n - 1]
        if n <= 10
        else ("十" if n < 20 else NUMERALS[n // 10 - 1] + "十") + (NUMERALS[n % 10 - 1] if n % 10 else "")
    )


SPENDING_LABELS = tuple(f"{_numeral(i)}、{name}" for i, (_, name) in enumerate(CLASSES, start=1))
ROW_SETS = {
    "putuo": Overview(
        SHANGHAI_INCOME,
        {"一、一般公共预算财政拨款收入": "2,940.05", "八、其他收入": "6.20"},
        {
            "一般公共服务支出": "2,106.66",
            "社会保障和就业支出": "326.71",
            "卫生健康支出": "60.99",
            "住房保障支出": "445.69",
        },
        (
            ("本年收入合计", "2,946.25"),
            ("使用非财政拨款结余（含专用结余）", None),
            ("年初结转和结余", "49.14"),
            ("总计", "2,995.39"),
        ),
        (("本年支出合计", "2,940.05"), ("结余分配", None), ("年末结转和结余", "55.34"), ("总计", "2,995.39")),
        {
            "一般公共服务支出": "2,106.66",
            "社会保障和就业支出": "326.72",
            "卫生健康支出": "60.99",
            "住房保障支出": "445.69",
        },
    ),
    "school": Overview(
        OTHER_INCOME,
        {"一、财政拨款收入": "1,200.00", "三、事业收入": "35.50"},
        {"教育支出": "800.10", "科学技术支出": "120.00", "社会保障和就业支出": "200.40", "卫生健康支出": "115.00"},
        (
            ("本年收入合计", "1,235.50"),
            ("用事业基金弥补收支差额", None),
            ("年初结转和结余", "10.00"),
            ("收入总计", "1,245.50"),
        ),
        (("本年支出合计", "1,235.50"), ("结余分配", None), ("年末结转和结余", "10.00"), ("支出总计", "1,245.50")),
        {"教育支出": "800.10", "科学技术支出": "120.00", "社会保障和就业支出": "200.40", "卫生健康支出": "115.00"},
    ),
    "street office, one class, carry-over spent": Overview(
        SHANGHAI_INCOME,
        {"一、一般公共预算财政拨款收入": "512.30"},
        {"一般公共服务支出": "530.30"},
        (
            ("本年收入合计", "512.30"),
            ("使用非财政拨款结余（含专用结余）", None),
            ("年初结转和结余", "18.00"),
            ("总计", "530.30"),
        ),
        (("本年支出合计", "530.30"), ("结余分配", None), ("年末结转和结余", None), ("总计", "530.30")),
        {"一般公共服务支出": "530.30"},
    ),
}
SEEDS = range(12)


def _columns(overview: Overview) -> list[list[str | None]]:
    """Each column's cells top to bottom (None: an empty cell): the sides' labels and figures."""
    income_labels = [*overview.income_labels, *(label for label, _ in overview.income_rows)]
    income = [overview.income.get(label) for label in overview.income_labels]
    income += [figure for _, figure in overview.income_rows]
    spending_labels = [*SPENDING_LABELS, *(label for label, _ in overview.spending_rows)]
    spending = [overview.spending.get(name) for _, name in CLASSES]
    spending += [figure for _, figure in overview.spending_rows]
    return [income_labels, income, spending_labels, spending]


def _detail(overview: Overview) -> str:
    """The 支出决算表, one row per line (classes only: its 款 and 项 lines add nothing here)."""
    header = "科目编码 科目名称 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出"
    total = overview.spending_rows[0][1]
    rows = [f"合计 {total} {total}"]
    rows += [
        f"{code} {name} {overview.detail[name]} {overview.detail[name]}"
        for code, name in CLASSES
        if name in overview.detail
    ]
    return "\n".join(["支出决算表", "单位：万元", header, *rows])


def _text(overview: Overview, seed: int) -> str:
    rng = random.Random(seed)
    pending = [_runs(column, rng) for column in _columns(overview)]
    lines = [TITLE, "单位：万元", "", "收入", "项目", "决算数", "", "支出", "项目", "决算数", ""]
    while any(pending):
        column = rng.choice([c for c in pending if c])
        lines += [*column.pop(0), ""]
    return "\f".join(["一、部门概况\n本部门负责财政工作。", "\n".join(lines), _detail(overview), "第三部分 名词解释\n"])


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


def _read(overview: Overview, seed: int):
    document = read_text(_text(overview, seed), "overview.txt")
    tables = read_tables(document)
    spending = {
        x.name_as_written: x.actual for x in tables.expenditure_function if x.source_table == TITLE and x.fund_type
    }
    income = {x.source: x.amount for x in tables.income}
    reported = [_money(cell.figure) for cell in document.ambiguous_cells]
    return document, spending, income, reported


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(ROW_SETS))
def test_nothing_is_guessed_and_the_spending_side_is_read(name: str, seed: int) -> None:
    overview = ROW_SETS[name]
    document, spending, income, reported = _read(overview, seed)
    assert not any(TITLE in lost for lost in document.lost)
    # Every spending class is read, as the overview prints it (326.71, not the detail's 326.72).
    assert spending == {name: _money(figure) for name, figure in overview.spending.items()}
    # An income item read is its own figure; one not read is reported.
    for label, figure in overview.income.items():
        source = label.split("、", 1)[1]
        if source in income:
            assert income[source] == _money(figure)
        else:
            assert _money(figure) in reported
    assert set(income) <= {label.split("、", 1)[1] for label in overview.income}


@pytest.mark.parametrize("name", list(ROW_SETS))
def test_the_totals_and_carry_overs_are_read(name: str) -> None:
    overview = ROW_SETS[name]
    document = read_text(_text(overview, 0), "overview.txt")
    metrics = {(m.metric, m.scope): m.value for m in read_tables(document).summary_metrics}
    rows = dict(overview.income_rows) | dict(overview.spending_rows)
    assert metrics.get(("本年收入合计", None)) == _money(rows["本年收入合计"])
    for carry in ("年初结转和结余", "年末结转和结余"):
        # A carry-over shares its place in the sums with the row above it (结余分配 …): it is read
        # where only it can hold the figure, and never read as the other row's.
        assert metrics.get((carry, None)) in (_money(rows[carry]), None)


def test_a_stream_that_fits_no_placement_is_reported_not_read() -> None:
    # A class total the overview prints unlike its 支出决算表 (beyond rounding): no row may hold it.
    putuo = ROW_SETS["putuo"]
    broken = replace(putuo, spending={**putuo.spending, "卫生健康支出": "61.99"})
    document, spending, income, _ = _read(broken, 0)
    assert any(TITLE in lost for lost in document.lost)
    assert not spending and not income
    printed = [_money(f) for f in (*broken.income.values(), *broken.spending.values())]
    printed += [_money(f) for _, f in (*broken.income_rows, *broken.spending_rows) if f is not None]
    on_its_page = [_money(cell.figure) for cell in document.ambiguous_cells if cell.page == 2]
    assert sorted(on_its_page) == sorted(printed)


def test_an_income_source_left_unplaced_raises_no_sum_error(tmp_path: Path) -> None:
    # Putuo's pdftotext text: 一、一般公共预算财政拨款收入 is read (the fiscal overview's), 八、其他收入's
    # 6.20 fits any of 四 … 八 (nothing else in the text says which). It is reported with those rows,
    # and the overview's sources are not summed against 本年收入合计 without it.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    text = write_serialization(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf"), "pdftotext", tmp_path)
    frames = extract_frames(text)
    income = {
        row["source"]: row["amount"] for row in frames["income"].filter(pl.col("source_kind") == "table").to_dicts()
    }
    assert income == {"一般公共预算财政拨款收入": Decimal("2940.05")}
    unplaced = frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    assert any("其他收入" in message and "6.20" in message for message in unplaced["message"].to_list())
    assert frames["dq_findings"].filter(pl.col("rule_id").str.starts_with("sum.income")).is_empty()


def test_a_contents_page_naming_the_overview_is_not_a_table() -> None:
    # pdftotext writes a contents page's page numbers alone on their lines, like a stream's figures.
    contents = ["目录", "一、收入支出决算总表", "", "3", "", "二、收入决算表", "", "4", "", "三、支出决算表", "", "5"]
    contents += ["", "四、财政拨款收入支出决算总表", "", "6", ""]
    document = read_text("\f".join(["\n".join(contents), "第一部分 部门概况\n本部门负责财政工作。"]), "contents.txt")
    assert not document.lost
    assert not document.ambiguous_cells
