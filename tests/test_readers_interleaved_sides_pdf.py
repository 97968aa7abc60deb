"""Two-sided overviews read from ``pdftotext``'s default output of PDFs built here.

The 收入支出决算总表 is set as reports print it (income items and spending classes side by side,
then the year's totals, carry-overs and 总计 on both sides), with several row heights and label
widths (labels wrapped in their cell); the report's 支出决算表 follows, one row per line. Tightly
set, pdftotext writes the sides' labels and figures as interleaved streams. Every variant keeps the
guarantees (a figure read is its cell's, one not read is reported ambiguous) and the spending side
is read in each.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.test_readers_column_blocks_pdf import _pdftotext
from tests.test_readers_interleaved_sides import CLASSES, ROW_SETS, SPENDING_LABELS, TITLE, Overview


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


def _grid(overview: Overview) -> list[list[str]]:
    """The overview's rows: items side by side, then the rows below the items, bottom-aligned."""
    income = [(label, overview.income.get(label) or "") for label in overview.income_labels]
    spending = [
        (label, overview.spending.get(name) or "") for label, (_, name) in zip(SPENDING_LABELS, CLASSES, strict=True)
    ]
    income += [("", "")] * (len(spending) - len(income))
    rows = [[*i, *s] for i, s in zip(income, spending, strict=True)]
    below = zip(overview.income_rows, overview.spending_rows, strict=True)
    rows += [[a, b or "", c, d or ""] for (a, b), (c, d) in below]
    return rows


def _pdf(path: Path, overview: Overview, row_height: int, wrap: int) -> Path:
    columns = [Column(wrap * 10 if wrap else 170, wrap=wrap), Column(70, right=True)] * 2
    header = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(220, 50, TITLE, 14)
    pdf.text(480, 80, "单位：万元")
    pdf.ruled_table(40, 95, columns, header + _grid(overview), row_height)
    pdf.new_page()
    pdf.text(240, 50, "支出决算表", 14)
    pdf.text(480, 80, "单位：万元")
    lines = ["科目编码 科目名称 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出"]
    total = overview.spending_rows[0][1]
    lines.append(f"合计 {total} {total}")
    lines += [
        f"{code} {name} {overview.detail[name]} {overview.detail[name]}"
        for code, name in CLASSES
        if name in overview.detail
    ]
    for k, line in enumerate(lines):
        pdf.text(40, 100 + k * 20, line)
    return pdf.save(path)


@pytest.mark.parametrize(("row_height", "wrap"), [(12, 0), (14, 0), (12, 9), (16, 9)])
@pytest.mark.parametrize("name", list(ROW_SETS))
def test_an_overview_pdf_read_from_pdftotext_default(tmp_path: Path, name: str, row_height: int, wrap: int) -> None:
    overview = ROW_SETS[name]
    text = _pdftotext(_pdf(tmp_path / "overview.pdf", overview, row_height, wrap))
    document = read_text(text, "overview.txt")
    tables = read_tables(document)
    spending = {x.name_as_written: x.actual for x in tables.expenditure_function if x.source_table == TITLE}
    assert spending == {name: _money(figure) for name, figure in overview.spending.items()}
    income = {x.source: x.amount for x in tables.income}
    reported = [_money(cell.figure) for cell in document.ambiguous_cells]
    for label, figure in overview.income.items():
        source = label.split("、", 1)[1]
        assert income.get(source) == _money(figure) or (source not in income and _money(figure) in reported)
    metrics = {(m.metric, m.scope): m.value for m in tables.summary_metrics}
    rows = dict(overview.income_rows) | dict(overview.spending_rows)
    assert metrics.get(("本年收入合计", None)) == _money(rows["本年收入合计"])
    for carry in ("年初结转和结余", "年末结转和结余"):
        assert metrics.get((carry, None)) in (_money(rows[carry]), None)
