"""Tables whose columns pdftotext (default mode) wrote as interleaved streams, generated from a real
table: the 支出决算表 of the Putuo 2024 final accounts (tests/data/corpus) on its two pages, each
page's columns
(类 codes, 款 parts, 项 parts, names, six money columns) cut into runs of one to three cells (an
empty cell always ends a run) and the runs of all columns merged in a random order that keeps each
column top to bottom, as pdftotext writes tightly set tables block by block.

Whatever the order, nothing is guessed: each figure read is its cell's, each figure printed and
not read is reported ambiguous. Which of 基本支出 … 对附属单位补助支出 holds a part no sum of this
table tells (the report's other tables do), so those columns stay NULL here; the 合计 are read
as far as the sums prove them.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from tests.nothing_guessed import assert_nothing_guessed
from tests.test_readers_text_tables import ROWS as GENERAL_PUBLIC_ROWS

TITLE = "支出决算表"
HEADER = ["单位：万元", "项目", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出"]
HEADER += ["对附属单位补助支出", "支出功能分类", "科目编码", "类", "款", "项"]
# code, name, 合计, 基本支出, 项目支出 (the other three columns are empty), as the PDF prints them.
ROWS: list[tuple[str, str, str, str | None, str | None]] = [
    ("", "合计", "2,940.05", "2,336.91", "603.14"),
    *GENERAL_PUBLIC_ROWS[:6],  # 201 一般公共服务支出 and its lines, as that table prints them
    ("208", "社会保障和就业支出", "326.72", "326.72", None),
    ("20805", "行政事业单位养老支出", "326.72", "326.72", None),
    ("2080501", "行政单位离退休", "84.65", "84.65", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", None),
    ("2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", None),
    ("2080599", "其他行政事业单位养老支出", "0.94", "0.94", None),
    ("210", "卫生健康支出", "60.99", "60.99", None),
    ("21011", "行政事业单位医疗", "60.99", "60.99", None),
    ("2101101", "行政单位医疗", "60.99", "60.99", None),
    ("221", "住房保障支出", "445.69", "445.69", None),
    ("22102", "住房改革支出", "445.69", "445.69", None),
    ("2210201", "住房公积金", "187.19", "187.19", None),
    ("2210203", "购房补贴", "258.50", "258.50", None),
]
SEEDS = range(24)


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


TRUTH = {code: (_money(total), _money(basic), _money(project)) for code, _, total, basic, project in ROWS if code}


def _columns(rows: list[tuple[str, str, str, str | None, str | None]]) -> list[list[str | None]]:
    """Each column's cells top to bottom (None: an empty cell)."""
    codes = [code for code, *_ in rows]
    classes = [c[:3] or None for c in codes]
    # 款 and 项 parts are printed below the 类's own line and below the 款's own line.
    kuan = [c[3:5] if len(c) > 3 else None for c in codes]
    xiang = [c[5:7] if len(c) > 5 else None for c in codes]
    names = [name for _, name, *_ in rows]
    money = [[row[2 + k] for row in rows] for k in range(3)] + [[None] * len(rows) for _ in range(3)]
    return [classes, kuan, xiang, names, *money]


def _runs(cells: list[str | None], rng: random.Random) -> list[list[str]]:
    runs: list[list[str]] = []
    open_run = False
    for cell in cells:
        if cell is None:
            open_run = False
            continue
        if open_run and len(runs[-1]) < rng.randint(1, 3):
            runs[-1].append(cell)
        else:
            runs.append([cell])
            open_run = True
    return runs


def _interleaved(seed: int) -> str:
    """The table over two pages as the PDF sets it (the 合计 row and 11 lines, then 8 lines going
    on with the 类 and 款 the first page opened), each page's streams merged at random."""
    rng = random.Random(seed)
    pages = []
    for rows, header in ((ROWS[:12], [TITLE, *HEADER]), (ROWS[12:], [])):
        pending = [_runs(column, rng) for column in _columns(rows)]
        lines = [*header, ""]
        while any(pending):
            column = rng.choice([c for c in pending if c])
            lines += [*column.pop(0), ""]
        pages.append("\n".join(lines))
    return "\f".join(["一、部门概况\n本部门负责财政工作。", *pages, "第三部分 名词解释\n"])


@pytest.mark.parametrize("seed", SEEDS)
def test_nothing_is_guessed_whatever_the_order_of_the_streams(seed: int) -> None:
    document = read_text(_interleaved(seed), "streams.txt")
    assert_nothing_guessed(document, TRUTH, TITLE)


def test_the_totals_are_read_in_most_orders() -> None:
    # Measured over SEEDS: 241 of the 456 line totals, every one in 2 orders. A page is read as far
    # as its sums prove: a family its page may not close (the page's last 类 or 款) fixes nothing.
    read, whole = 0, 0
    for seed in SEEDS:
        document = read_text(_interleaved(seed), "streams.txt")
        totals = {x.code: x.actual for x in read_tables(document).expenditure_function if x.code}
        found = sum(totals.get(code) == cells[0] for code, cells in TRUTH.items())
        read += found
        whole += found == len(TRUTH)
    assert read * 2 > len(SEEDS) * len(TRUTH)
    assert whole >= 2
