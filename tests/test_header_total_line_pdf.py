"""A header whose last line holds 合计 alone (本年支出 over 合计, a wrapped header cell), read from the
text the extractors write one row per line (pdftotext -raw, pypdfium2, pdfplumber) and -layout.

Such a line reads like the table's 合计 row printing nothing; it is the header's where the header
names its columns only with it and the first row (its label and figures) follows, after more header
lines or the column numbers maybe. Variants of Putuo's finance bureau's 2024 支出决算表 (万元): the
total column first or last, its header cell over two lines or three (本年 / 支出 / 合计: 合计 alone
below every other header word), the other cells wrapped too (基本 / 支出, 科目 / 编码), the column
numbers (栏次 1 2 3) under the header; the table's own 合计 row printing its figures or none; two
layouts (本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出, and
合计 | 基本支出 | 项目支出). Every line is read, each figure in its column or reported as ambiguous,
none wrong; the header is printed again on the second page.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.model import Document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, TablePdf
from tests.test_total_column_last_pdf import SPENDING, SPENDING_TITLE, _wrapped

SERIALIZERS = ("pdftotext-raw", "pypdfium2", "pdfplumber", "pdftotext-layout")
# How the header's cells are cut over lines: the total's over two or three, the parts' too, the
# labels' too (科目 / 编码), and the three-line header with the column numbers under it.
SPLITS = ("two", "three", "parts", "labels", "numbered")
TOTAL_ROW = ("2,940.05", "2,336.91", "603.14")  # 合计's total, 基本支出, 项目支出


def _header(split: str, wide: bool) -> tuple[list[str], list[list[str]]]:
    """The total's header cell and the parts' (the wide layout's five, else 基本支出 | 项目支出)."""
    total = ["本年", "支出", "合计"] if split in ("three", "numbered") else ["本年支出", "合计"]
    parts = [["基本", "支出"], ["项目", "支出"]] if split == "parts" else [["基本支出"], ["项目支出"]]
    if wide:
        parts += [["上缴上级", "支出"], ["经营支出"], ["对附属单", "位补助支出"]]
    return total, parts


def _pdf(path: Path, wide: bool, total_last: bool, split: str, total_figures: bool) -> Path:
    total, parts = _header(split, wide)
    widths = [58, 52, 44, 44, 50][: len(parts)]

    def ordered(cells: list, first: object) -> list:
        return [*cells, first] if total_last else [first, *cells]

    columns = [Column(56), Column(96), *(Column(w, justify="right") for w in ordered(widths, 62))]
    empty: list[list[str]] = [[] for _ in parts[2:]]

    def figures(total: str, basic: str, project: str) -> list[list[str]]:
        return ordered([_cell(basic), _cell(project), *empty], _cell(total))

    rows = [[[code], _wrapped(name, 8), *figures(*cells)] for code, name, *cells in SPENDING]
    rows.append([[], ["合计"], *figures(*(TOTAL_ROW if total_figures else ("", "", "")))])
    labels = [["科目", "编码"], ["科目", "名称"]] if split == "labels" else [["科目编码"], ["科目名称"]]
    header = [[*labels, *ordered(parts, total)]]
    if split == "numbered":
        header.append([["栏次"], [], *([str(k)] for k in range(1, len(parts) + 2))])
    pdf = TablePdf()
    pdf.table(SPENDING_TITLE, columns, header, rows, per_page=12, header_justify="centre")
    return pdf.save(path)


def _cell(figure: str) -> list[str]:
    return [figure] if figure else []


def _column_kind(name: str) -> str | None:
    """The kind of figure a grid column holds, by its header cell."""
    if name.endswith("合计"):
        return "total"
    return {"基本支出": "basic", "项目支出": "project"}.get(name)


def _truth(total_figures: bool) -> dict[str, dict[str, str]]:
    """Each row's printed figures by kind (rows by code, the 合计 row by its name)."""
    out = {code: {"total": t, "basic": basic, "project": project} for code, _, t, basic, project in SPENDING}
    out["合计"] = dict(zip(("total", "basic", "project"), TOTAL_ROW, strict=True)) if total_figures else {}
    return {row: {kind: figure for kind, figure in cells.items() if figure} for row, cells in out.items()}


def _read(document: Document) -> dict[str, dict[str, str]]:
    """The table's rows as read: each row's figures by the kind of their column."""
    (table,) = [b.table for b in document.blocks if b.table is not None]
    grid = table.grid()
    header = grid[0]
    rows: dict[str, dict[str, str]] = {}
    for row in grid[1:]:
        cells = {c: text for c, text in enumerate(row[2:], start=2) if text}
        kinds = {_column_kind(header[c]): text for c, text in cells.items()}
        assert None not in kinds, f"a figure in a column no figure is printed in: {row}"
        rows[row[0] or row[1]] = {k: v for k, v in kinds.items() if k is not None}
    return rows


Variant = tuple[bool, bool, str, bool]  # wide, total_last, split, total_figures


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Variant], Path]:
    """Each variant's PDF, typeset once for every extractor (a typeset PDF takes a second)."""
    folder = tmp_path_factory.mktemp("header-total")
    made: dict[Variant, Path] = {}

    def pdf(variant: Variant) -> Path:
        if variant not in made:
            made[variant] = _pdf(folder / f"{len(made)}.pdf", *variant)
        return made[variant]

    return pdf


@pytest.mark.parametrize("total_figures", [True, False], ids=["total-row-figures", "total-row-empty"])
@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("total_last", [False, True], ids=["total-first", "total-last"])
@pytest.mark.parametrize("wide", [True, False], ids=["six-columns", "three-columns"])
@pytest.mark.parametrize("serializer", SERIALIZERS)
def test_a_total_alone_on_the_headers_last_line(
    pdfs: Callable[[Variant], Path],
    tmp_path: Path,
    serializer: str,
    wide: bool,
    total_last: bool,
    split: str,
    total_figures: bool,
) -> None:
    if serializer.startswith("pdftotext") and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    pdf = pdfs((wide, total_last, split, total_figures))
    text = write_serialization(pdf, serializer, tmp_path / "text").read_text(encoding="utf-8")
    document = read_text(text, "table.txt")
    assert document.lost == [], "the table is reported as not read"
    truth, read = _truth(total_figures), _read(document)
    assert set(read) == set(truth), "rows lost or made up"
    reported = {(cell.row.split()[0], cell.figure) for cell in document.ambiguous_cells}
    for row, cells in truth.items():
        assert read[row].items() <= cells.items(), f"{row}: figures not printed in their column {read[row]}"
        for kind, figure in cells.items():
            assert kind in read[row] or (row, figure) in reported, f"{row}: {figure} ({kind}) neither read nor reported"


TITLE = ["支出决算表", "单位：万元"]
ROWS = ["201 一般公共服务支出 2,106.66 1,503.52 603.14", "20106 财政事务 2,106.66 1,503.52 603.14"]
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
READ_ROWS = [row.split() for row in ROWS]
# The same rows printing their total after its parts.
LAST_ROWS = [" ".join([*row[:2], *row[3:], row[2]]) for row in READ_ROWS]


@pytest.mark.parametrize(
    ("lines", "grid"),
    [
        pytest.param(
            ["科目编码 科目名称 合计 基本支出 项目支出", "合计", "2,106.66 1,503.52 603.14", *ROWS],
            [HEADER, ["", "合计", "2,106.66", "1,503.52", "603.14"], *READ_ROWS],
            id="whole-header-total-row-figures-below",
        ),
        pytest.param(
            ["科目编码 科目名称 基本支出 项目支出 本年支出", "合计", "合计", "1,503.52 603.14 2,106.66", *LAST_ROWS],
            None,  # the total's column is printed last: the rows' sums place the figures
            id="header-total-line-then-total-row-figures-below",
        ),
        pytest.param(
            ["科目编码 科目名称 合计 基本支出 项目支出", "合计", "注：本表无数据"],
            [HEADER, ["", "合计", "", "", ""]],
            id="empty-table-total-row",
        ),
    ],
)
def test_the_total_row_told_from_the_headers_total_line(lines: list[str], grid: list[list[str]] | None) -> None:
    """The table's 合计 row stays a row: printing its figures on the line below (pdfplumber, -raw),
    under a header naming its columns already or under one whose last line is 合计 alone; printing
    nothing where the table is empty."""
    document = read_text("\n".join([*TITLE, *lines]), "table.txt")
    (table,) = [b.table for b in document.blocks if b.table is not None]
    assert document.lost == [] and document.ambiguous_cells == []
    if grid is None:
        header, total, *rows = table.grid()
        assert header[-1] == "合计" and total == ["", "合计", "1,503.52", "603.14", "2,106.66"]
        assert [" ".join(row) for row in rows] == LAST_ROWS
    else:
        assert table.grid() == grid


def test_a_page_number_under_an_empty_table_is_no_total() -> None:
    """pdftotext's default text of an empty table, a header cell a line, its 合计 row and the page's
    number after it: no figure is read or reported (the header's 合计 and the row's are alike here)."""
    text = "\n\n".join([*TITLE, *HEADER, "合计", "14"])
    document = read_text(text, "table.txt")
    assert not any("14" in row for b in document.blocks if b.table is not None for row in b.table.grid())
    assert document.ambiguous_cells == []
