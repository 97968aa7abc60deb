"""The 财政拨款“三公”经费支出决算表 (one row under 预算数 / 决算数 of 合计 and five items) read from
``pdftotext``'s default output of PDFs built here: the header's item cells come in no usable
order, its stage labels one per line in column order, each figure right after its column's label.

Row sets: Putuo's (a budget for 合计 and 公务接待费 only), every cell printed, the outcome only.
A figure read is its cell's, every other one is reported ambiguous. (Putuo's own text, read in
``test_text_serializations``, gives its 三公经费 budget from the stream.)
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.metric_names import THREE_PUBLIC_COLUMNS
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.conftest import corpus_file
from tests.test_readers_column_blocks_pdf import _pdftotext

TITLE = "财政拨款“三公”经费支出决算表"
ITEMS = ("三公经费", "因公出国(境)费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费")
METRICS = THREE_PUBLIC_COLUMNS  # the metric each column's figures are read into, in order
HEADER = [
    ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
    ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
    ["预算数", "决算数"] * 6,
]
# Item -> (预算数, 决算数), in the header's column order.
ROWS: dict[str, list[tuple[str, str]]] = {
    "putuo": [("0.95", ""), ("", ""), ("", ""), ("", ""), ("", ""), ("0.95", "")],
    "every_cell": [
        ("38.50", "31.26"),
        ("12.00", "9.80"),
        ("20.00", "17.40"),
        ("8.00", "7.90"),
        ("12.00", "9.50"),
        ("6.50", "4.06"),
    ],
    "outcome_only": [("", "5.31"), ("", "1.20"), ("", "3.05"), ("", ""), ("", "3.05"), ("", "1.06")],
}


def _pdf(path: Path, row: list[tuple[str, str]]) -> Path:
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(180, 40, TITLE, 14)
    pdf.text(480, 70, "单位：万元")
    figures = [figure for pair in row for figure in pair]
    pdf.ruled_table(30, 85, [Column(44, wrap=5)] * 12, [*HEADER, figures], 14)
    return pdf.save(path)


def _read(tmp_path: Path, row: list[tuple[str, str]]):
    document = read_text(_pdftotext(_pdf(tmp_path / "three.pdf", row)), "three.txt")
    return document, read_tables(document)


def _stated(row: list[tuple[str, str]]) -> dict[tuple[str, str], Decimal]:
    out = {}
    for item, (budget, outcome) in zip(METRICS, row, strict=True):
        for stage, figure in (("budget_value", budget), ("value", outcome)):
            if figure:
                out[item, stage] = Decimal(figure)
    return out


def _read_facts(tables) -> dict[tuple[str, str], Decimal]:
    return {
        (m.metric, stage): getattr(m, stage)
        for m in tables.summary_metrics
        for stage in ("budget_value", "value")
        if getattr(m, stage) is not None
    }


@pytest.mark.parametrize("name", list(ROWS))
def test_a_three_public_table_from_pdftotext_default(tmp_path: Path, name: str) -> None:
    """Whatever pdftotext made of the header, a figure read is its cell's and every other figure
    is reported (a table that cannot be read is no longer silently prose)."""
    row = ROWS[name]
    document, tables = _read(tmp_path, row)
    stated = _stated(row)
    read = _read_facts(tables)
    assert {key: stated.get(key) for key in read} == read
    reported = [Decimal(cell.figure) for cell in document.ambiguous_cells]
    for key, value in stated.items():
        assert key in read or value in reported, key


PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def _putuo_text(first: str, second: str) -> str:
    """Putuo's report as pdftotext (default) writes it, the two figures of its 三公 table's page
    (each stage label on its line in column order, each figure after the labels of the columns
    it may be under) replaced."""
    pages = _pdftotext(corpus_file(PUTUO)).split("\f")
    k = next(k for k, page in enumerate(pages) if page.lstrip().startswith(TITLE))
    assert pages[k].count("0.95") == 2
    pages[k] = pages[k].replace("0.95", first, 1).replace("0.95", second, 1)
    return "\f".join(pages)


def _three_public(document) -> tuple[dict[tuple[str, str], Decimal], list]:
    read = {key: value for key, value in _read_facts(read_tables(document)).items() if key[0] in ITEMS}
    columns = tuple(f"{item}/" for item in ("合计", *ITEMS))
    cells = [cell for cell in document.ambiguous_cells if all(c.startswith(columns) for c in cell.candidates)]
    return read, cells


@pytest.mark.parametrize("figure", ["0.95", "12.40"])
def test_a_stream_whose_sums_leave_one_column_reads_it(figure: str) -> None:
    """The first figure can only be 合计/预算数; the second, after ten labels, is 因公出国(境)费's or
    公务接待费's budget by the sums alike: read, and reported ambiguous with both."""
    document = read_text(_putuo_text(figure, figure), "putuo.txt")
    read, cells = _three_public(document)
    assert read == {("三公经费", "budget_value"): Decimal(figure)}
    assert [(cell.figure, set(cell.candidates)) for cell in cells] == [
        (figure, {"因公出国(境)费/预算数", "公务接待费/预算数"})
    ]


def test_a_row_that_does_not_add_up_is_reported_not_read() -> None:
    document = read_text(_putuo_text("0.95", "0.59"), "putuo.txt")
    read, cells = _three_public(document)
    assert read == {}
    assert sorted(cell.figure for cell in cells) == ["0.59", "0.95"]
    assert any("三公" in lost for lost in document.lost)


BUDGET_TITLE = "2026年部门“三公”经费和机关运行经费预算表"
BUDGET_HEADERS = {
    "shanghai": [
        ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "购置费", "运行费", ""],
    ],
    "reworded": [
        ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算"],
        ["合计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""],
    ],
}
# Metric -> column of the budget's 三公 row (合计, 出国, 接待, 小计, 购置, 运行, 机关运行经费).
BUDGET_METRICS = ("三公经费", "", "", "公务用车购置及运行维护费", "", "", "机关运行经费")
# (row as printed, figures read by metric, figures reported ambiguous): the sums (合计 = 出国 +
# 接待 + 小计, 小计 = 购置 + 运行) never tell 出国 from 接待 nor 购置 from 运行; an empty cell is zero.
BUDGET_ROWS: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
    "putuo": (
        ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25"],
        {"三公经费": "114.22", "公务用车购置及运行维护费": "113.76", "机关运行经费": "507.25"},
        ["0.00", "0.46", "38.76", "75.00"],
    ),
    "equal_figures": (  # 小计 and 运行 print the same figure: 小计 holds it in every placement
        ["50.00", "", "10.00", "40.00", "", "40.00", "200.00"],
        {"三公经费": "50.00", "公务用车购置及运行维护费": "40.00", "机关运行经费": "200.00"},
        ["10.00", "40.00"],
    ),
    "no_running_costs": (  # 机关运行经费 not printed: 0.00 fits it as well as 出国 or 接待
        ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", ""],
        {"三公经费": "114.22", "公务用车购置及运行维护费": "113.76"},
        ["0.00", "0.46", "38.76", "75.00"],
    ),
    "not_adding_up": (["96.30", "12.00", "20.50", "63.80", "40.00", "23.90", "310.00"], {}, []),
}


def _budget_pdf(path: Path, header: list[list[str]], row: list[str], page_break: bool) -> Path:
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(150, 40, BUDGET_TITLE, 14)
    pdf.text(480, 70, "单位：万元")
    if page_break:  # the title alone on its page, as a report typesets a landscape table
        pdf.new_page()
    pdf.ruled_table(30, 85, [Column(70, wrap=6)] * 7, [*header, row], 16)
    return pdf.save(path)


@pytest.mark.parametrize("page_break", [False, True])
@pytest.mark.parametrize("header", list(BUDGET_HEADERS))
@pytest.mark.parametrize("name", list(BUDGET_ROWS))
def test_a_budget_three_public_row_is_placed_by_its_sums(
    tmp_path: Path, name: str, header: str, page_break: bool
) -> None:
    """A budget's 三公 table has no stage labels, and pdftotext writes its tall 机关运行经费 header
    cell among the figures: the row's sums alone place what they can; every other figure printed
    is reported ambiguous, and a row that does not add up is reported not read."""
    row, read, ambiguous = BUDGET_ROWS[name]
    text = _pdftotext(_budget_pdf(tmp_path / "budget.pdf", BUDGET_HEADERS[header], row, page_break))
    document = read_text(text, "budget.txt")
    metrics = {m.metric: m.budget_value for m in read_tables(document).summary_metrics if m.metric in BUDGET_METRICS}
    assert metrics == {metric: Decimal(figure) for metric, figure in read.items()}
    if read:
        assert sorted(cell.figure for cell in document.ambiguous_cells) == sorted(ambiguous)
        assert document.lost == []
    else:
        assert sorted(cell.figure for cell in document.ambiguous_cells) == sorted(f for f in row if f)
        assert any("三公" in lost for lost in document.lost)
