"""Every figure of the warehouse stands where its evidence says, and every snippet is text of its document.

A real warehouse is built over the five seeds and the two corpus PDFs; then each money or percentage
figure is looked up at its cited place: for a seed, the cited line of the file (and the other lines of
its table row when the row's cells span lines); for a PDF, the text of the cited page. The figure must
be printed there in one of its printed forms: with or without thousands separators or trailing zeros,
in 元 where the fact is in 万元 (value × 10000), a percentage with or without its %.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest

from budget_reports.model import Document
from budget_reports.normalize import YUAN_PER_WAN, compact, normalize_text
from budget_reports.readers import read_document
from budget_reports.readers.decode import decode_text
from budget_reports.runs import Paths, build, stage_reports
from tests.conftest import CORPUS_DIR, SEED_FILES, corpus_file

CORPUS_PDFS = ("shanghai-final-accounts-template-2024.pdf", "shanghai-putuo-finance-bureau-2024-final.pdf")

# The money and percentage columns of each fact view.
FIGURES: dict[str, tuple[str, ...]] = {
    "summary_metrics": (
        "value",
        "budget_value",
        "prior_year_value",
        "change_value",
        "change_pct_declared",
        "completion_pct_declared",
        "share_pct_declared",
    ),
    "income": ("amount", "share_pct_declared"),
    "expenditure_function": (
        "budget_initial",
        "budget_final",
        "actual",
        "basic",
        "project",
        "completion_pct_declared",
        "share_pct_declared",
    ),
    "expenditure_economic": ("amount",),
    "performance_projects": ("budget_initial", "budget_final", "executed", "execution_rate_declared", "score"),
    "performance_funds": ("budget_initial", "budget_final", "executed", "execution_rate_declared", "weight", "score"),
    "performance_indicators": ("target_value", "actual_value", "weight", "score", "completion_pct_declared"),
}

# A printed number: digits with or without thousands separators, an optional fraction, an optional sign.
_NUMBER = re.compile(r"(?<![\d.,])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def printed_numbers(text: str) -> set[Decimal]:
    """Every number printed in ``text``, as exact values (a leading minus read both with and without)."""
    numbers: set[Decimal] = set()
    for sign, whole, fraction in _NUMBER.findall(normalize_text(text)):
        value = Decimal(whole.replace(",", "") + fraction)
        numbers.add(value)
        if sign:  # "2023-2024" prints 2024, not -2024; a real negative prints its minus
            numbers.add(-value)
    return numbers


def is_printed(value: Decimal, numbers: set[Decimal]) -> bool:
    """The value as printed, or in 元 where the fact is in 万元."""
    return value in numbers or value * YUAN_PER_WAN in numbers


@dataclass(frozen=True)
class Source:
    """One input document, read the way a person checking the warehouse would read it."""

    path: Path
    document: Document

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix.lower() == ".pdf"

    @property
    def lines(self) -> list[str]:
        return _file_lines(self.path)

    def page_text(self, page: int) -> str:
        return _pdf_pages(self.path)[page - 1]

    def row_lines(self, line: int) -> range:
        """The seed lines of the table row holding a cell on ``line`` (its cells and their continuations)."""
        for block in self.document.tables():
            table = block.table
            for cell in table.cells:
                if cell.line == line:
                    row = table.row_cells(cell.row)
                    first = min(c.line for c in row if c.line is not None)
                    last = max(c.line + c.text.count("\n") for c in row if c.line is not None)
                    # A cell may hold blank paragraphs, so read on to the row's last non-blank line.
                    return range(first, last + 1)
        return range(line, line + 1)

    def cited_text(self, page: int | None, line: int | None) -> str:
        if self.is_pdf:
            return self.page_text(page) if page is not None else ""
        if line is None:
            return ""
        return "\n".join(self.lines[n - 1] for n in self.row_lines(line) if 0 < n <= len(self.lines))

    @property
    def whole_text(self) -> str:
        if self.is_pdf:
            return "".join(_pdf_pages(self.path))
        return "\n".join(self.lines)


@cache
def _file_lines(path: Path) -> list[str]:
    text, _ = decode_text(path.read_bytes())
    return re.sub(r"\r\n?", "\n", text).split("\n")


@cache
def _pdf_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    finally:
        pdf.close()


@dataclass(frozen=True)
class Warehouse:
    db: Path
    sources: dict[str, Source]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    raw = tmp_path_factory.mktemp("evidence") / "raw"
    raw.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, raw / seed.name)
    for name in CORPUS_PDFS:  # the PDF tests skip without the corpus; the seeds are checked regardless
        if (CORPUS_DIR / name).exists():
            shutil.copy(CORPUS_DIR / name, raw / name)
    paths = Paths(raw, raw.parent / "warehouse")
    stage_reports(paths)
    result = build(paths)
    sources = {p.name: Source(p, read_document(p, p.name)) for p in sorted(raw.iterdir())}
    return Warehouse(result.duckdb_path, sources)


def _rows(warehouse: Warehouse, view: str) -> list[dict]:
    with duckdb.connect(str(warehouse.db), read_only=True) as con:
        cursor = con.execute(f'SELECT * FROM "{view}" ORDER BY source_file, page, line')
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _where(row: dict) -> str:
    page = f" p.{row['page']}" if row["page"] is not None else ""
    return f"{row['source_file']}{page} line {row['line']}"


def figure_violations(warehouse: Warehouse, view: str, kind: str) -> tuple[list[str], Counter[str]]:
    """(violations, figures checked per column) of ``view`` for the seeds (``kind`` "text") or PDFs."""
    violations: list[str] = []
    checked: Counter[str] = Counter()
    for row in _rows(warehouse, view):
        source = warehouse.sources[row["source_file"]]
        if source.is_pdf != (kind == "pdf"):
            continue
        numbers = printed_numbers(source.cited_text(row["page"], row["line"]))
        for column in FIGURES[view]:
            value = row[column]
            if value is None:
                continue
            checked[column] += 1
            if not is_printed(value, numbers):
                violations.append(f"{view}.{column} = {value} not printed at {_where(row)}: {row['snippet']!r}")
    return violations, checked


def snippet_violations(warehouse: Warehouse, view: str, kind: str) -> list[str]:
    violations = []
    for row in _rows(warehouse, view):
        source = warehouse.sources[row["source_file"]]
        if source.is_pdf != (kind == "pdf"):
            continue
        snippet = row["snippet"] or ""
        if not compact(snippet):
            violations.append(f"{view}: empty snippet at {_where(row)}")
            continue
        if not _is_text_of(snippet, source):
            violations.append(f"{view}: snippet is not text of {_where(row)}: {snippet!r}")
    return violations


def _is_text_of(snippet: str, source: Source) -> bool:
    """Each whitespace-separated piece of the snippet (a clipped one without its …) stands in the document."""
    whole = compact(source.whole_text)
    pieces = snippet.removesuffix("…").split()
    return all(compact(piece) in whole for piece in pieces)


VIEWS = list(FIGURES)


@pytest.mark.parametrize("view", VIEWS)
def test_every_seed_figure_is_printed_at_its_cited_line(warehouse: Warehouse, view: str) -> None:
    violations, checked = figure_violations(warehouse, view, "text")
    assert sum(checked.values()) > 0, f"no figure of {view} checked"
    assert not violations, f"{len(violations)} of {sum(checked.values())} figures:\n" + "\n".join(violations)


@pytest.mark.parametrize("view", VIEWS)
def test_every_seed_snippet_is_text_of_its_file(warehouse: Warehouse, view: str) -> None:
    violations = snippet_violations(warehouse, view, "text")
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("view", VIEWS)
def test_every_pdf_figure_is_printed_on_its_cited_page(warehouse: Warehouse, view: str) -> None:
    for name in CORPUS_PDFS:
        corpus_file(name)
    violations, checked = figure_violations(warehouse, view, "pdf")
    assert not violations, f"{len(violations)} of {sum(checked.values())} figures:\n" + "\n".join(violations)


@pytest.mark.parametrize("view", VIEWS)
def test_every_pdf_snippet_is_text_of_its_page(warehouse: Warehouse, view: str) -> None:
    for name in CORPUS_PDFS:
        corpus_file(name)
    violations = snippet_violations(warehouse, view, "pdf")
    assert not violations, "\n".join(violations)
