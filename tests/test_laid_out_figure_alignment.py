"""A short figure in a wide cell of a laid-out table (``pdftotext -layout``), placed by how its report
sets its figures (flush right, centred, flush left), learned from the figures whose column is known.

Reports are typeset in PDFs with a CJK font (``tests/baseline_pdf.py``), the header's words set at
the left of their cells (as Putuo's final account is typeset): a 三公 table's one row, 0.95 under one
of 预算数 | 决算数 of each item it adds to, where the sums hold whichever of the two it stands
under; after a 支出决算表 of many rows (its 合计 row printing every column, the others 本年支出合计
and one kind) whose figures show how the report sets them. Every figure must be placed where it is
printed or reported ambiguous naming its column, none placed elsewhere; where the report shows its
alignment, every figure is placed.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.model import Document
from budget_reports.readers import read_document
from budget_reports.readers.figure_alignment import EVERY_ALIGNMENT, Alignment, contradicted, fits
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf
from tests.conftest import corpus_file
from tests.seed_pdf import typeset
from tests.test_readers_laid_out_columns import (
    SPENDING_HEADER,
    SPENDING_KINDS,
    SPENDING_TITLE,
    THREE_PUBLIC_HEADER,
    THREE_PUBLIC_PATHS,
    THREE_PUBLIC_TITLE,
)

Cells = dict[int, str]  # money column → figure as printed
JUSTIFICATIONS = ("right", "centre", "left")
# An item of the 三公 table → the totals it adds to (合计, 公务用车购置及运行费's 小计).
ITEM_PARTS = {1: (0,), 3: (0, 2), 4: (0, 2), 5: (0,)}
# Figures of the 支出决算表 of unequal lengths, so that how a column sets them shows.
SPENDING_FIGURES = ("2,940.05", "603.14", "10.00", "1,511.89", "8.37", "0.94")
CLASSES = (("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("221", "住房保障支出"))


def _three_public_cases() -> list[tuple[str, Cells]]:
    """One item's amount with the totals it adds to, under 预算数 and under 决算数 in turn."""
    cases = []
    for item, totals in ITEM_PARTS.items():
        for amount, name in enumerate(("预算数", "决算数")):
            columns = sorted({2 * t + amount for t in totals} | {2 * item + amount})
            cases.append((f"item {item} {name}", dict.fromkeys(columns, "0.95")))
    return cases


def _spending_rows(kinds: int) -> tuple[list[Row], list[Cells]]:
    """The 合计 row printing every column, then a line per class: its total and one kind's equal figure."""
    total = "3,000.00"
    rows: list[Row] = [[[], ["合计"], [total], *([SPENDING_FIGURES[k]] for k in range(len(SPENDING_KINDS) - 1))]]
    expected: list[Cells] = [{0: total, **{k + 1: SPENDING_FIGURES[k] for k in range(len(SPENDING_KINDS) - 1)}}]
    for index, (code, name) in enumerate(CLASSES[:kinds]):
        figure = SPENDING_FIGURES[index + 1]
        kind = 1 + index % 2
        rows.append([[code], [name], *([figure] if k in (0, kind) else [] for k in range(len(SPENDING_KINDS)))])
        expected.append({0: figure, kind: figure})
    return rows, expected


def _report(folder: Path, justify: str, three_public: Cells | None, spending_rows: int, per_page: int = 10) -> Document:
    """The report's -layout text read: a 支出决算表 of ``spending_rows`` lines (none: no table),
    ``per_page`` a page, then the 三公 table's row (None: no table), money cells set ``justify``,
    header words at the left."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    folder.mkdir(parents=True, exist_ok=True)
    pdf = TablePdf()
    if spending_rows:
        rows, _ = _spending_rows(spending_rows)
        columns = [Column(40), Column(110), *(Column(95, justify=justify) for _ in SPENDING_KINDS)]
        pdf.table(SPENDING_TITLE, columns, SPENDING_HEADER, rows, per_page=per_page, header_justify="left")
    if three_public is not None:
        row: Row = [[three_public[c]] if c in three_public else [] for c in range(12)]
        columns = [Column(63, justify=justify) for _ in range(12)]
        pdf.table(THREE_PUBLIC_TITLE, columns, THREE_PUBLIC_HEADER, [row], per_page=10, header_justify="left")
    path = pdf.save(folder / "report.pdf")
    text = write_serialization(path, "pdftotext-layout", folder / "text").read_text(encoding="utf-8")
    return read_text(text, "report.txt")


def _table(document: Document, title: str) -> list[Cells]:
    """Each body row's money cells of the table titled ``title`` (label cells are not figures)."""
    blocks = document.blocks
    at = next(k for k, b in enumerate(blocks) if b.text.strip() == title)
    table = next(b.table for b in blocks[at:] if b.table is not None)
    labels = 0 if title == THREE_PUBLIC_TITLE else 2
    rows: dict[int, Cells] = {}
    for cell in table.cells:
        if cell.page is not None:  # header cells carry no page
            cells = rows.setdefault(cell.row, {})
            if cell.col >= labels and cell.text:
                cells[cell.col - labels] = cell.text
    return [rows[r] for r in sorted(rows)]


def _misread(document: Document, printed: Cells) -> tuple[list[tuple[int, str]], list[int], list[int]]:
    """The 三公 row's figures placed elsewhere than printed, those left unplaced and not reported as
    ambiguous naming their column, and those left unplaced."""
    placed = (_table(document, THREE_PUBLIC_TITLE) or [{}])[0]
    wrong = [(col, figure) for col, figure in placed.items() if printed.get(col) != figure]
    unplaced = sorted(set(printed) - set(placed))
    unreported = [
        col
        for col in unplaced
        if not any(
            cell.figure == printed[col] and "/".join(THREE_PUBLIC_PATHS[col]) in cell.candidates
            for cell in document.ambiguous_cells
        )
    ]
    return wrong, unreported, unplaced


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
@pytest.mark.parametrize(("name", "printed"), _three_public_cases(), ids=[n for n, _ in _three_public_cases()])
def test_a_one_row_table_placed_as_its_report_sets_its_figures(
    tmp_path: Path, justify: str, name: str, printed: Cells
) -> None:
    """After a 支出决算表 whose figures show how the report sets them, every figure of the 三公 row is
    placed where it is printed, whichever of 预算数 | 决算数 it stands under; the 支出决算表 is read whole."""
    document = _report(tmp_path, justify, printed, spending_rows=len(CLASSES))
    wrong, unreported, unplaced = _misread(document, printed)
    assert (wrong, unreported) == ([], [])
    assert unplaced == []
    assert _table(document, SPENDING_TITLE) == _spending_rows(len(CLASSES))[1]


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
@pytest.mark.parametrize(
    ("spending_rows", "per_page"),
    [(1, 10), (len(CLASSES), 10), (len(CLASSES), 2)],
    ids=["one line", "many lines", "two lines a page"],
)
def test_a_table_of_many_rows_placed_as_its_own_figures_are_set(
    tmp_path: Path, justify: str, spending_rows: int, per_page: int
) -> None:
    """The 支出决算表 alone, each class's kind figure equal to its total (the sums cannot tell the
    kinds apart): its 合计 row shows how the table sets its figures, and every figure is placed, on
    every page (each with its own grid, the header printed again)."""
    document = _report(tmp_path, justify, None, spending_rows, per_page)
    assert _table(document, SPENDING_TITLE) == _spending_rows(spending_rows)[1]
    assert document.ambiguous_cells == []


@pytest.mark.parametrize("justify", JUSTIFICATIONS)
def test_a_one_row_table_alone_is_never_misread(tmp_path: Path, justify: str) -> None:
    """The 三公 table alone: no other figure shows how the report sets them. A figure is placed where
    it is printed or reported ambiguous naming its column, never placed elsewhere."""
    wrong, unreported = [], []
    for number, (name, printed) in enumerate(_three_public_cases()):
        document = _report(tmp_path / str(number), justify, printed, spending_rows=0)
        misplaced, missing, _ = _misread(document, printed)
        wrong += [(name, *m) for m in misplaced]
        unreported += [(name, col) for col in missing]
    assert (wrong, unreported) == ([], [])


FINAL = "shanghai-putuo-finance-bureau-2024-final.pdf"


def test_putuo_three_public_table_typeset_alone(tmp_path: Path) -> None:
    """Putuo's final account's 三公 table typeset alone (``tests/seed_pdf.py``: header words at the
    left of their cells, figures flush right, cells as wide as the page allows): 0.95 under
    合计/预算数 and 公务接待费/预算数, placed there or reported ambiguous. Nothing in the report shows
    how its figures are set, and 0.95, set flush right in the wide 合计 预算数 cell, stands under no
    header cell: nearer 决算数's, it was placed there; which header cell it is nearer tells nothing."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    document = read_document(corpus_file(FINAL), FINAL)
    at = next(k for k, b in enumerate(document.blocks) if b.table is not None and b.table.n_cols == 12)
    alone = replace(document, blocks=document.blocks[at - 2 : at + 1])  # its title, unit line and table
    pdf = typeset(alone, tmp_path / "three-public.pdf", merged=False)
    text = write_serialization(pdf, "pdftotext-layout", tmp_path).read_text(encoding="utf-8")
    wrong, unreported, _ = _misread(read_text(text, "three-public.txt"), {0: "0.95", 10: "0.95"})
    assert (wrong, unreported) == ([], [])


# A header of two columns, 预算数 over columns 0–3 and 决算数 over 20–23 (Putuo's 三公 table's grid).
SPANS = ((0, 3), (20, 23))


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        # 0.95 ending at 17, well before 决算数: flush right it is 预算数's, centred 决算数's, flush left either's.
        (13, 17, {Alignment.RIGHT: {0}, Alignment.CENTRE: {1}, Alignment.LEFT: {1}}),
        # Under 预算数's header: any alignment puts it there.
        (0, 4, {Alignment.RIGHT: {0}, Alignment.CENTRE: {0}, Alignment.LEFT: {0, 1}}),
        # Under 决算数's header.
        (20, 24, {Alignment.RIGHT: {0, 1}, Alignment.CENTRE: {1}, Alignment.LEFT: {1}}),
    ],
)
def test_where_each_alignment_lets_a_figure_stand(start: int, end: int, allowed: dict[Alignment, set[int]]) -> None:
    got = {a: {c for c in range(len(SPANS)) if fits(a, SPANS, c, start, end)} for a in Alignment}
    assert got == allowed
    for column in range(len(SPANS)):
        assert contradicted(SPANS, column, start, end) == {a for a in EVERY_ALIGNMENT if column not in allowed[a]}
