"""Tables read from text written one line per baseline (pdfplumber's ``extract_text``).

The corpus report's own tables are re-typeset in PDFs that set each column's text at the top,
middle or bottom of its cells, wrap long names, and break pages: pdfplumber then writes a row's
name above its code, a wrapped name around it, a row's figures on two lines in an order that is not
the columns'. Each PDF is written out by pdfplumber and read back as text; the table facts must be
the corpus PDF's, and a figure whose place cannot be told must be left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.text_serializations import write_serialization
from tests.baseline_pdf import Column, Row, TablePdf, wrapped
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
MONEY = ("actual", "basic", "project")
CODE_HEADER: list[list[str]] = [["类"], ["款"], ["项"], []]


@dataclass(frozen=True, slots=True)
class FunctionTable:
    title: str
    money_header: list[list[str]]  # each money column's header lines (wrapped words)
    money_widths: list[float]


GENERAL_BUDGET = FunctionTable("一般公共预算财政拨款支出决算表", [["合计"], ["基本支出"], ["项目支出"]], [80, 80, 80])
SPENDING = FunctionTable(
    "支出决算表",
    [
        ["本年支出合", "计"],
        ["基本支出"],
        ["项目支", "出"],
        ["上缴上级支", "出"],
        ["经营支", "出"],
        ["对附属单位", "补助支出"],
    ],
    [70, 70, 70, 60, 50, 60],
)


@pytest.fixture(scope="module")
def putuo() -> dict[str, pl.DataFrame]:
    return extract_frames(corpus_file(PUTUO))


def _lines(frames: dict[str, pl.DataFrame], table: str) -> pl.DataFrame:
    return frames["expenditure_function"].filter((pl.col("source_table") == table) & (pl.col("source_kind") == "table"))


def _facts(frames: dict[str, pl.DataFrame], table: str) -> set[tuple[str, ...]]:
    return {
        (r["code"], r["name_as_written"], *(_canonical(r[c]) for c in MONEY))
        for r in _lines(frames, table).iter_rows(named=True)
    }


def _canonical(value: object) -> str:
    return "" if value is None else f"{Decimal(str(value)).normalize():f}"


def _printed(value: object) -> list[str]:
    return [f"{Decimal(str(value)):,.2f}"] if value is not None else []


def _typeset(pdf: TablePdf, putuo: dict[str, pl.DataFrame], table: FunctionTable, variant: Variant) -> None:
    """The corpus report's table typeset as the variant says (its total row: the sum of its classes)."""
    lines = _lines(putuo, table.title).sort("code")
    extra = len(table.money_header) - len(MONEY)
    classes = lines.filter(pl.col("level") == "类")
    total: Row = [["合计"], [], [], [], *(_printed(classes[c].sum()) for c in MONEY), *([[]] * extra)]
    rows: list[Row] = [total]
    for r in lines.iter_rows(named=True):
        code = r["code"]
        parts = [[code[:3]], [code[3:5]] if len(code) > 3 else [], [code[5:]] if len(code) > 5 else []]
        money = [_printed(r[c]) for c in MONEY]
        rows.append([*parts, wrapped(r["name_as_written"], variant.name_width), *money, *([[]] * extra)])
    money_aligns = [*variant.money_align, *("middle",) * extra]
    columns = [
        *(Column(28) for _ in range(3)),
        Column(variant.name_width * 9.5 + 8, variant.name_align),
        *(Column(w, a) for w, a in zip(table.money_widths, money_aligns, strict=True)),
    ]
    header: list[Row] = [
        [["科目编码"], [], [], ["科目名称"], *([[]] * len(table.money_header))],
        [*CODE_HEADER, *table.money_header],
    ]
    pdf.table(table.title, columns, header, rows, variant.per_page)


@dataclass(frozen=True, slots=True)
class Variant:
    name_align: str
    money_align: tuple[str, str, str]  # 合计, 基本, 项目
    name_width: int  # characters a line of the name column holds
    per_page: int


VARIANTS = {
    "names above their codes": Variant("top", ("middle", "middle", "middle"), 20, 40),
    "figures on the name's line and the code's": Variant("top", ("middle", "top", "top"), 20, 40),
    "names wrapped around their codes": Variant("middle", ("middle", "middle", "middle"), 9, 40),
    "the total column below the others": Variant("top", ("bottom", "middle", "middle"), 12, 40),
    "over several pages, header repeated": Variant("top", ("middle", "top", "top"), 12, 8),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_function_tables_typeset_by_baseline_read_as_their_pdf(variant: str, putuo, tmp_path: Path) -> None:
    pdf = TablePdf()
    for table in (SPENDING, GENERAL_BUDGET):
        _typeset(pdf, putuo, table, VARIANTS[variant])
    text = write_serialization(pdf.save(tmp_path / "tables.pdf"), "pdfplumber", tmp_path)
    frames = extract_frames(text, PUTUO)
    for table in (SPENDING, GENERAL_BUDGET):
        expected, got = _facts(putuo, table.title), _facts(frames, table.title)
        assert len(expected) == 19
        assert got == expected, (
            f"{table.title}\nonly in the PDF: {sorted(expected - got)}\nonly in the text: {sorted(got - expected)}"
        )
