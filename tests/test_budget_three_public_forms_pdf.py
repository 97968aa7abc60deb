"""A budget's 三公 table without 机关运行经费 (Sichuan's 一般公共预算“三公”经费支出预算表, many 市/县):
合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, one amount per
item and no stage printed, read from ``pdftotext``'s default and ``-layout`` output of PDFs built
here. The figures are budgets (the title says so, no 决算数 is printed): a figure read is its
cell's, in ``budget_value``; every other figure printed is reported ambiguous or the table reported
not read. A table printing the year before beside this year (上年 / 本年) gives this year's
figures as the budgets and the year before's as ``prior_year_value`` where the text keeps its
columns (-layout); every figure the text cannot place is reported, none guessed
(``test_three_public_years`` has the two-year forms).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.metric_names import THREE_PUBLIC_COLUMNS
from budget_reports.readers.table_headers import match_layout
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.cjk_table_pdf import Column, TablePdf
from tests.test_budget_default_text import _pdftotext as _serialized

TITLE = "2026年一般公共预算“三公”经费支出预算表"
METRICS = THREE_PUBLIC_COLUMNS  # the metric each column's figures are read into, in order
HEADERS = {
    "long": [
        ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
        ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
    ],
    "short": [
        ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
        ["", "", "小计", "购置费", "运行费", ""],
    ],
    "reworded": [
        ["合计", "因公出国（境）费用", "公务用车购置及运行维护费", "", "", "公务接待费"],
        ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""],
    ],
}
ROWS = {
    "every_cell": ["38.50", "12.00", "20.00", "8.00", "12.00", "6.50"],
    "no_travel_abroad": ["26.46", "", "20.00", "8.00", "12.00", "6.46"],
    "running_costs_only": ["15.30", "", "9.80", "", "9.80", "5.50"],
    "not_adding_up": ["40.00", "12.00", "20.00", "8.00", "12.00", "6.50"],
}
MODES = ("pdftotext", "pdftotext-layout")


def _pdf(path: Path, header: list[list[str]], row: list[str]) -> Path:
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(150, 40, TITLE, 14)
    pdf.text(480, 70, "单位：万元")
    pdf.ruled_table(30, 85, [Column(80, wrap=7)] * len(header[0]), [*header, row], 16)
    return pdf.save(path)


def _text(pdf: Path, mode: str) -> str:
    if mode == "pdftotext":
        return _serialized(pdf)  # skips the test where poppler is not installed
    return write_serialization(pdf, mode, pdf.parent / mode).read_text(encoding="utf-8")


def test_the_header_is_a_budget_layout_with_no_stage() -> None:
    """Without 决算数 in the header the columns name no stage (the final accounts' 三公决算 is
    chosen only where 决算数 is printed), so the title decides the figures are budgets."""
    for header in HEADERS.values():
        layout = match_layout(" ".join(cell for line in header for cell in line))
        assert layout is not None and layout.name == "三公预算"
        assert not any("决算" in word or "预算" in word for path in layout.sides[0].money for word in path)
    assert match_layout("合计 因公出国(境)费 公务用车购置费 公务用车运行费 公务接待费 决算数").name == "三公决算"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("header", list(HEADERS))
@pytest.mark.parametrize("name", list(ROWS))
def test_a_budget_three_public_table_without_running_costs(tmp_path: Path, name: str, header: str, mode: str) -> None:
    row = ROWS[name]
    text = _text(_pdf(tmp_path / "three.pdf", HEADERS[header], row), mode)
    document = read_text(text, "three.txt")
    metrics = [m for m in read_tables(document).summary_metrics if m.metric in METRICS]
    truth = {metric: Decimal(figure) for metric, figure in zip(METRICS, row, strict=True) if figure}
    assert all(m.value is None for m in metrics), "a budget read as an outcome"
    read = {m.metric: m.budget_value for m in metrics if m.budget_value is not None}
    assert {metric: truth.get(metric) for metric in read} == read
    reported = [Decimal(cell.figure) for cell in document.ambiguous_cells]
    lost = any("三公" in message for message in document.lost)
    for metric, value in truth.items():
        assert metric in read or value in reported or lost, metric
    if name != "not_adding_up":
        assert read.get("三公经费") == truth["三公经费"]  # the total is the one figure the sums always place
    if mode == "pdftotext-layout" and name == "every_cell":
        assert read == truth  # columns by position: every cell read
    if name == "not_adding_up":
        assert read == {} or mode == "pdftotext-layout"


@pytest.mark.parametrize("mode", MODES)
def test_the_year_before_beside_this_year_is_read_as_the_prior_year(tmp_path: Path, mode: str) -> None:
    items = HEADERS["long"]
    header = [
        [cell if k % 2 == 0 else "" for k, cell in enumerate(c for c in items[0] for _ in range(2))],
        [cell if k % 2 == 0 else "" for k, cell in enumerate(c for c in items[1] for _ in range(2))],
        ["上年", "本年"] * 6,
    ]
    row = ["38.50", "40.00", "12.00", "10.00", "20.00", "24.00", "8.00", "4.00", "12.00", "20.00", "6.50", "6.00"]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(150, 40, TITLE, 14)
    pdf.text(480, 70, "单位：万元")
    pdf.ruled_table(30, 85, [Column(44, wrap=5)] * 12, [*header, row], 16)
    document = read_text(_text(pdf.save(tmp_path / "pairs.pdf"), mode), "pairs.txt")
    metrics = {m.metric: m for m in read_tables(document).summary_metrics if m.metric in METRICS}
    prior = dict(zip(METRICS, map(Decimal, row[0::2]), strict=True))
    this = dict(zip(METRICS, map(Decimal, row[1::2]), strict=True))
    reported = [Decimal(cell.figure) for cell in document.ambiguous_cells]
    for name, metric in metrics.items():
        assert metric.value is None
        assert metric.budget_value in (None, this[name]) and metric.prior_year_value in (None, prior[name])
    for name in METRICS:
        assert (name in metrics and metrics[name].budget_value is not None) or this[name] in reported
        assert (name in metrics and metrics[name].prior_year_value is not None) or prior[name] in reported
    if mode == "pdftotext-layout":
        assert {name: m.budget_value for name, m in metrics.items()} == this
