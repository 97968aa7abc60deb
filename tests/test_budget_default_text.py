"""A budget's coded table read from ``pdftotext``'s default output of PDFs built here.

Budget tables print a row's code whole (``2080501``) beside its name and their figures in 元 with
thousands separators. pdftotext without ``-layout`` writes such a table cell by cell: a row's code
and name as one line, each figure alone, and a label or figure now and then after the rows below
it. The tables here are 支出预算总表 of two departments (other rows, other classes, empty 基本支出
or 项目支出 cells), printed with several row heights and page breaks; names are the classification
reference's, figures generated so that every row and every 类/款 adds up. Whatever the variant, a
figure read is its cell's, and a figure printed and not read is reported ambiguous or the table
reported as not read; how much each variant gives is pinned as measured.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.classification.reference import FUNCTION, edition
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.serialization_facts import function_lines

TITLE = "2026年部门支出预算总表"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
# Each department's 项 lines (their 类 and 款 lines are derived).
DEPARTMENTS = {
    "urban": ("2010101", "2010102", "2080501", "2080505", "2080506", "2101101", "2120104", "2210201", "2210203"),
    "county": ("2050201", "2050202", "2080505", "2101101", "2101102", "2130101", "2130104", "2210201"),
}
Cells = tuple[Decimal, Decimal | None, Decimal | None]  # 合计, 基本支出, 项目支出 in 元


def _name(code: str) -> str:
    entry = edition(FUNCTION, 2026).get(code) or edition(FUNCTION, 2025).get(code)
    assert entry is not None, code
    return entry.name


def _rows(items: tuple[str, ...], seed: int) -> list[tuple[str, Cells]]:
    """Every 类, 款 and 项 line with its cells; a 项 has 基本支出 only, 项目支出 only, or both."""
    rng = random.Random(seed)
    leaves: dict[str, tuple[int, int]] = {}
    for code in items:
        kind = rng.choice(("basic", "project", "both"))
        basic = rng.randrange(10_000, 3_000_000) if kind != "project" else 0
        project = rng.randrange(10_000, 3_000_000) if kind != "basic" else 0
        leaves[code] = (basic, project)
    codes = sorted({code[:n] for code in items for n in (3, 5, 7)})
    return [
        (code, (Decimal(total), Decimal(basic) or None, Decimal(project) or None))
        for code, total, basic, project in summed_lines(leaves, codes)
    ]


def summed_lines(leaves: dict[str, tuple[int, int]], codes: Iterable[str]) -> list[tuple[str, int, int, int]]:
    """(code, 合计, 基本支出, 项目支出) of each line of ``codes``: a 类 or 款 the sums of its 项
    (``leaves``: each 项's 基本支出 and 项目支出)."""
    lines = []
    for code in codes:
        basic = sum(b for leaf, (b, _) in leaves.items() if leaf.startswith(code))
        project = sum(p for leaf, (_, p) in leaves.items() if leaf.startswith(code))
        lines.append((code, basic + project, basic, project))
    return lines


def _printed(value: Decimal | None) -> str:
    return "" if value is None else f"{int(value):,}"


def _pdf(path: Path, rows: list[tuple[str, Cells]], row_height: int, page_break: int) -> Path:
    """The table, its first ``page_break`` rows on the title's page, the rest and 合计 on the next
    page under the header printed again."""
    columns = [Column(50), Column(170), *[Column(80, right=True)] * 3]
    body = [[code, _name(code), *map(_printed, cells)] for code, cells in rows]
    total = [sum((cells[k] or Decimal(0)) for code, cells in rows if len(code) == 3) for k in range(3)]
    body.append(["", "合计", *(_printed(v or None) for v in total)])
    return two_page_table(path, columns, HEADER, body, row_height, page_break)


def two_page_table(
    path: Path, columns: list[Column], header: list[str], body: list[list[str]], row_height: int, page_break: int
) -> Path:
    """The budget table under its title and unit, its first ``page_break`` rows on the title's page,
    the rest on the next page under the header printed again."""
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(180, 60, TITLE, 14)
    pdf.text(440, 90, "单位：元")
    pdf.ruled_table(40, 110, columns, [header, *body[:page_break]], row_height)
    if page_break < len(body):
        pdf.new_page()
        pdf.ruled_table(40, 60, columns, [header, *body[page_break:]], row_height)
    return pdf.save(path)


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    return write_serialization(pdf, "pdftotext", pdf.parent / "text").read_text(encoding="utf-8")


def _in_wan(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / 10_000


# (department, row height, rows on the first page) -> (figures read at least, table reported as not
# read), as measured. pdftotext writes these tables cell by cell, but a cell now and then far below
# its row (a 项's 项目支出 after the next 类's rows, out of its column's top-to-bottom order): the
# sums move it back to its row (readers/late_cells.py). The rows every placement agrees on are read
# and the other figures reported as ambiguous cells (a 款 whose 项 each print both 基本支出 and
# 项目支出: the 款's parts and its 项's totals swap within every sum). Late cells may come on lines one
# after another (urban, 14: two rows' 项目支出 written together after the 合计 row's total): where
# the figures fit no placement as columns' runs they are placed one by one.
VARIANTS: dict[tuple[str, int, int], tuple[int, bool]] = {
    ("urban", 20, 30): (37, False),
    ("urban", 16, 30): (34, False),
    ("county", 24, 30): (33, False),
    ("county", 20, 30): (32, False),
    ("urban", 14, 30): (35, False),
    ("county", 16, 7): (34, False),
    ("county", 20, 10): (32, False),
    ("urban", 24, 12): (35, False),
}


@pytest.mark.parametrize(("department", "row_height", "page_break"), list(VARIANTS))
def test_a_budget_table_read_from_pdftotext_default(
    tmp_path: Path, department: str, row_height: int, page_break: int
) -> None:
    rows = _rows(DEPARTMENTS[department], seed=len(department) + row_height)
    text = _pdftotext(_pdf(tmp_path / "budget.pdf", rows, row_height, page_break))
    document = read_text(text, "budget.txt")
    truth = {code: tuple(map(_in_wan, cells)) for code, cells in rows}
    read = function_lines(document, TITLE)
    wrong = {
        code: cells
        for code, cells in read.items()
        if code not in truth or any(v is not None and v != t for v, t in zip(cells, truth[code], strict=True))
    }
    assert not wrong, f"figures read into the wrong cell: {wrong}"
    reported = {Decimal(cell.figure.replace(",", "")) / 10_000 for cell in document.ambiguous_cells}
    lost = any(TITLE in message for message in document.lost)
    for code, cells in truth.items():
        for value, printed in zip(read.get(code, (None,) * 3), cells, strict=True):
            assert value is not None or printed is None or printed in reported or lost, f"{code}: {printed} lost"
    least, not_read = VARIANTS[(department, row_height, page_break)]
    assert sum(1 for cells in read.values() for value in cells if value is not None) >= least
    assert lost == not_read
