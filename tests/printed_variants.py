"""A report's tables printed another way: changes of a table's grid as real reports differ.

The typeset-variant tests (``tests/seed_pdf.py`` typesets the changed document) print a corpus
report's own tables with a 栏次 row, dashes for empty cells, wrapped names, codes over 类 | 款 | 项
columns …, so that no figure is typed by a test: every figure printed is the report's.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import BlockKind, Document, Table
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.seed_pdf import LANDSCAPE, is_figure, typeset
from tests.serialization_facts import Facts, facts
from tests.standard_table_grids import grid_table

Grid = list[list[str]]
GridChange = Callable[[Grid], Grid]

# The corpus reports the variants print.
BUDGET = "shanghai-putuo-urban-management-2026-budget.txt"
FINAL = "shanghai-putuo-finance-bureau-2024-final.pdf"
# The budget's table facts: 22 metrics, 1 income source, 44 function lines, 33 economic lines.
BUDGET_FACTS = 100

_LINE_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")  # a classification code written whole: 208, 20805, 2080505
LEVELS = ("类", "款", "项")  # the levels of a code printed over columns


def is_money(text: str) -> bool:
    """A printed amount: a figure with a separator or decimals (a code or a column number has neither)."""
    return is_figure(text) and ("," in text or "." in text)


def header_rows(grid: Grid) -> int:
    """How many rows the header takes: those above the first row printing an amount."""
    return next((r for r, row in enumerate(grid) if any(is_money(x) for x in row)), len(grid))


def money_columns(grid: Grid) -> list[int]:
    """Columns printing amounts, and the empty columns right of the first headed in the header."""
    header = header_rows(grid)
    body = grid[header:]
    printed = [c for c in range(len(grid[0])) if any(is_money(row[c]) for row in body)]
    if not printed:
        return []
    headed = [
        c
        for c in range(printed[0], len(grid[0]))
        if c not in printed and not any(row[c] for row in body) and any(row[c] for row in grid[:header])
    ]
    return sorted(printed + headed)


def each_table(document: Document, change: Callable[[Table], Table]) -> Document:
    """The document with each of its tables changed."""
    blocks = [
        replace(b, table=change(b.table)) if b.kind is BlockKind.TABLE and b.table is not None else b
        for b in document.blocks
    ]
    return replace(document, blocks=blocks)


def with_grids(document: Document, change: GridChange, only_changed: bool = False) -> Document:
    """Each table's grid changed; ``only_changed``: the tables the change leaves alone kept as read
    (their merged cells too), so that what a variant changes is all that differs."""

    def changed(table: Table) -> Table:
        grid = table.grid()
        new = change(grid)
        return table if only_changed and new == grid else grid_table(new, table.page, table.line or 0)

    return each_table(document, changed)


def column_numbers(grid: Grid) -> Grid:
    """A 栏次 row under the header: each money column's number, 栏次 in the column left of each run."""
    money = money_columns(grid)
    if not money:
        return grid
    row = [""] * len(grid[0])
    for number, c in enumerate(money, start=1):
        row[c] = str(number)
        if c > 0 and c - 1 not in money:
            row[c - 1] = "栏次"
    header = header_rows(grid)
    return [*grid[:header], row, *grid[header:]]


def plain_integers(grid: Grid) -> Grid:
    """Every amount printed without its thousands separators (``6397096``), as most reports outside
    Shanghai print them (after any change that finds the money columns by their separators)."""
    return [[text.replace(",", "") if is_figure(text) else text for text in row] for row in grid]


def dashes(grid: Grid) -> Grid:
    """Each empty money cell of a row printing an amount printed as ``-``."""
    money = set(money_columns(grid))
    header = header_rows(grid)
    return [
        [
            "-" if r >= header and c in money and not text and any(is_money(x) for x in row) else text
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(grid)
    ]


def wrapped_names(grid: Grid, width: int = 6) -> Grid:
    """Each name of the body longer than ``width`` characters broken into lines of ``width``."""
    money = set(money_columns(grid))
    header = header_rows(grid)
    return [
        [
            "\n".join(text[k : k + width] for k in range(0, len(text), width))
            if r >= header and c not in money and len(text) > width and not is_figure(text)
            else text
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(grid)
    ]


def total_first(grid: Grid) -> Grid:
    """A table's 合计 row printed last moved first, under the header (an overview's 总计 stays last,
    as every report prints it)."""
    header = header_rows(grid)
    totals = [
        r
        for r in range(header, len(grid))
        if any(is_money(text) for text in grid[r]) and any(compact(text).endswith("合计") for text in grid[r])
    ]
    if totals != [len(grid) - 1] or totals[0] == header:
        return grid
    return [*grid[:header], grid[-1], *grid[header:-1]]


def all_variants(grid: Grid) -> Grid:
    """Every change at once: the first code column over 类 | 款 | 项, a 栏次 row, dashes in empty
    cells, names wrapped at 6 characters, the 合计 row first."""
    return total_first(wrapped_names(dashes(column_numbers(split_codes(3, first_only=True)(grid)))))


def row_numbers(grid: Grid) -> Grid:
    """An overview printed in the national forms' way: a 行次 column after each side's 项目 column,
    numbering the rows that print a label, down the income side and on down the spending side."""
    header = header_rows(grid)
    labels = [c for c, text in enumerate(grid[header - 1]) if text == "项目"] if header else []
    if len(labels) != 2:
        return grid
    numbered = [(r, c) for c in labels for r in range(header, len(grid)) if grid[r][c].strip()]
    number = {place: str(n) for n, place in enumerate(numbered, start=1)}
    out = []
    for r, row in enumerate(grid):
        cells = []
        for c, text in enumerate(row):
            cells.append(text)
            if c in labels:
                cells.append("行次" if r == header - 1 else number.get((r, c), ""))
        out.append(cells)
    return out


def amounts_headed_as_amounts(grid: Grid) -> Grid:
    """An overview heading each side's one amount 金额, as the national forms do, for 决算数 / 预算数."""
    header = header_rows(grid)
    if not header or sum(text == "项目" for text in grid[header - 1]) != 2:
        return grid
    return [
        [("金额" if r < header and text in ("决算数", "预算数") else text) for text in row]
        for r, row in enumerate(grid)
    ]


def national_overviews(grid: Grid) -> Grid:
    """An overview printed as the national forms print it: 项目 | 行次 | 金额 on each side."""
    return row_numbers(amounts_headed_as_amounts(grid))


def is_line_code(text: str) -> bool:
    """A classification code written whole (208, 20805, 2080505)."""
    return bool(_LINE_CODE.match(text))


def code_columns(grid: Grid) -> list[int]:
    """Columns of whole codes: three or more in the body, one longer than a class's, nothing
    else but a total's label (人员经费合计 runs under the left half's codes)."""
    body = grid[header_rows(grid) :]
    return [
        c
        for c in range(len(grid[0]))
        if sum(is_line_code(row[c]) for row in body) >= 3
        and any(len(row[c]) > 3 and is_line_code(row[c]) for row in body)
        and all(is_line_code(row[c]) or compact(row[c]).endswith("合计") for row in body if row[c])
    ]


def split_codes(levels: int | None = None, first_only: bool = False) -> GridChange:
    """Each column of whole codes (``first_only``: the first) printed over ``levels`` columns
    (None: as many as its longest code has: 类 | 款 for the economic classification, 类 | 款 | 项
    for the functional), the levels named in a row under the header; a total's label stays in
    the first."""

    def change(grid: Grid) -> Grid:
        header = header_rows(grid)
        columns = code_columns(grid)[:1] if first_only else code_columns(grid)
        if not columns or not header:
            return grid
        body = grid[header:]
        count = {c: levels or max((len(row[c]) - 1) // 2 for row in body if is_line_code(row[c])) for c in columns}

        def split(row: list[str], r: int) -> list[str]:
            out: list[str] = []
            for c, text in enumerate(row):
                if c not in count:
                    out.append(text)
                elif r >= header and is_line_code(text):
                    out.extend([text[:3], *(text[3 + 2 * k : 5 + 2 * k] for k in range(count[c] - 1))])
                else:
                    out.extend([text, *[""] * (count[c] - 1)])
            return out

        named = split([""] * len(grid[0]), 0)
        at = 0
        for c in range(len(grid[0])):
            width = count.get(c, 1)
            if c in count:
                named[at : at + width] = LEVELS[:width]
            at += width
        rows = [split(row, r) for r, row in enumerate(grid)]
        return [*rows[:header], named, *rows[header:]]

    return change


def printed_variants(
    tmp_path_factory: pytest.TempPathFactory,
    variants: dict[str, GridChange],
    table_page: tuple[float, float] = LANDSCAPE,
) -> Callable[[str, str], Path]:
    """The PDF of a corpus report printed as one of ``variants``, its tables on pages of ``table_page``
    (each made once)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    made: dict[tuple[str, str], Path] = {}

    def pdf(report: str, variant: str) -> Path:
        if (report, variant) not in made:
            document = with_grids(read_document(corpus_file(report), report), variants[variant])
            folder = tmp_path_factory.mktemp(variant)
            made[report, variant] = typeset(
                document, folder / f"{Path(report).stem}.pdf", merged=False, table_page=table_page
            )
        return made[report, variant]

    return pdf


def report_facts(report: str) -> Facts:
    """The facts of a corpus report as its own file gives them."""
    return facts(extract_frames(corpus_file(report), report))


def read_back(pdf: Path, serializer: str, folder: Path, report: str) -> Facts:
    """The facts of a printed variant read from its text as ``serializer`` writes it."""
    return facts(extract_frames(write_serialization(pdf, serializer, folder), report))
