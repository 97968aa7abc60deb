"""Reference tables of the Putuo report, cell by cell, against digests checked by reading the PDF.

The gold files hold one SHA-256 per grid position (row, column, text), never the text itself, and
the spanning cells' shapes. Structural checks (sizes, code columns, totals) can fail on their own.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.model import Document, Table
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers import read_document
from tests.conftest import corpus_file, table_titled

GOLD_DIR = Path(__file__).parent / "gold" / "pdf_tables"
PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
# Gold file name -> the title printed above the table.
REFERENCE_TABLES = {
    "general_budget_expenditure": "一般公共预算财政拨款支出决算表",
    "general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
}
TOLERANCE = Decimal("0.01")


def cell_digest(row: int, col: int, text: str) -> str:
    return hashlib.sha256(f"{row}\x1f{col}\x1f{text}".encode()).hexdigest()


def table_gold(table: Table) -> dict:
    """What a gold file records of a table: size, pages, spans and one digest per grid position."""
    return {
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "pages": list(table.pages),
        "spans": sorted([c.row, c.col, c.row_span, c.col_span] for c in table.cells if c.row_span * c.col_span > 1),
        "cell_sha256": [cell_digest(r, c, text) for r, row in enumerate(table.grid()) for c, text in enumerate(row)],
    }


def amount(text: str) -> Decimal:
    """A printed amount; an empty cell is zero in a sum."""
    if text == "":
        return Decimal(0)
    value = parse_decimal(text)
    assert value is not None, text
    return value


@pytest.fixture(scope="module")
def putuo() -> Document:
    return read_document(corpus_file(PUTUO), PUTUO)


@pytest.mark.parametrize("name", sorted(REFERENCE_TABLES))
def test_reference_table_matches_gold_cell_by_cell(putuo: Document, name: str) -> None:
    gold = json.loads((GOLD_DIR / Path(PUTUO).stem / f"{name}.digests.json").read_text(encoding="utf-8"))
    got = table_gold(table_titled(putuo, REFERENCE_TABLES[name]))
    assert (got["n_rows"], got["n_cols"], got["pages"]) == (gold["n_rows"], gold["n_cols"], gold["pages"])
    assert got["spans"] == gold["spans"]
    n_cols = gold["n_cols"]
    wrong = [
        (i // n_cols, i % n_cols)
        for i, (a, b) in enumerate(zip(got["cell_sha256"], gold["cell_sha256"], strict=True))
        if a != b
    ]
    assert wrong == [], f"cells differing from the checked grid (row, col): {wrong}"


def test_expenditure_table_structure(putuo: Document) -> None:
    table = table_titled(putuo, "一般公共预算财政拨款支出决算表")
    grid = table.grid()
    assert (table.n_rows, table.n_cols, table.pages) == (24, 7, (15,))
    header = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells if c.row < 4}
    assert header[(0, 0)] == (1, 4)  # 项目 over the code and name columns
    assert header[(0, 4)] == header[(0, 5)] == header[(0, 6)] == (4, 1)  # amounts' heads span 4 rows
    assert [row[:3] for row in grid[3:4]] == [["类", "款", "项"]]
    data, total = grid[4:-1], grid[-1]
    assert compact(total[0]) == "合计"
    # Codes stay split over their three columns: 3 digits, then 2 and 2 (or empty for a 类/款 line).
    for row in data:
        assert re.fullmatch(r"\d{3}", row[0]), row
        assert re.fullmatch(r"(\d{2})?", row[1]) and re.fullmatch(r"(\d{2})?", row[2]), row
        assert not row[2] or row[1], row
        assert row[3] and not re.search(r"\d", row[3]), row
    # 类 lines add up to the total (the report itself is 0.01 off in 合计: rounding, ±0.01 per
    # addend); 基本支出 + 项目支出 = 合计 on every line; thousands separators kept as printed.
    classes = [row for row in data if row[1] == ""]
    assert [row[0] for row in classes] == ["201", "208", "210", "221"]
    for col in (4, 5, 6):
        assert abs(sum(amount(row[col]) for row in classes) - amount(total[col])) <= TOLERANCE * len(classes)
    for row in [*data, total]:
        assert abs(amount(row[5]) + amount(row[6]) - amount(row[4])) <= TOLERANCE, row
    assert "," in total[4]


def test_basic_expenditure_table_keeps_both_column_groups_apart(putuo: Document) -> None:
    table = table_titled(putuo, "一般公共预算财政拨款基本支出决算表")
    grid = table.grid()
    assert (table.n_rows, table.n_cols, table.pages) == (42, 8, (16, 17))
    # Page 17 carries on the rows: no empty row or repeated header where the pages meet.
    assert all(any(row) for row in grid)
    assert sum(1 for row in grid if compact(row[2]) == "科目名称") == 1
    assert {c.page for c in table.cells} == {16, 17}
    data, total = grid[3:-1], grid[-1]
    assert compact(total[0]) == "人员经费合计" and compact(total[4]) == "公用经费合计"
    # Each group: 类 code, 款 code, name, amount — the two groups never share a cell.
    for left, right in ((0, 4), (1, 5)):
        codes = [row[left] for row in data] + [row[right] for row in data]
        width = 3 if left == 0 else 2
        assert all(re.fullmatch(rf"(\d{{{width}}})?", code) for code in codes)
    for row in data:
        for col in (3, 7):
            assert row[col] == "" or parse_decimal(row[col]) is not None, row
    # Each 类 line is the sum of its 款 lines (to rounding); 人员经费 = 301 + 303, 公用经费 = 302 + 310.
    groups = [[row[0:4] for row in data if row[0]], [row[4:8] for row in data if row[4]]]
    for lines in groups:
        for head in (r for r in lines if r[1] == ""):
            items = [r for r in lines if r[0] == head[0] and r[1]]
            assert abs(sum(amount(r[3]) for r in items) - amount(head[3])) <= TOLERANCE * len(items), head
    heads = {r[0]: amount(r[3]) for lines in groups for r in lines if r[1] == ""}
    assert set(heads) == {"301", "302", "303", "310"}
    assert heads["301"] + heads["303"] == amount(total[3])
    assert heads["302"] + heads["310"] == amount(total[7])
    # A name wrapped over two lines inside its cell comes out whole.
    assert "机关事业单位基本养老保险缴费" in [compact(row[2]) for row in data]


def test_template_reads_and_its_tables_are_grids() -> None:
    document = read_document(corpus_file(TEMPLATE), TEMPLATE)
    assert document.page_count == 23 and document.warnings == []
    tables = [b.table for b in document.tables()]
    assert len(tables) >= 9
    for table in tables:
        assert table.n_rows >= 2 and table.n_cols >= 2
        covered = sum(c.row_span * c.col_span for c in table.cells)
        assert covered == table.n_rows * table.n_cols  # every slot belongs to exactly one cell
    basic = table_titled(document, "一般公共预算财政拨款基本支出决算表")
    assert basic.n_cols == 6
    codes = [row[0] for row in basic.grid()[1:-1] if row[0]] + [row[3] for row in basic.grid()[1:-1] if row[3]]
    assert codes and all(re.fullmatch(r"\d{3}(\d{2})?", code) for code in codes)
    assert "30108" in codes and "31099" in codes
