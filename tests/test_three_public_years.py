"""三公 tables printing two years side by side, typeset as PDFs (and one Word file, one web page) and
read through the whole pipeline (reader, extractors, rules): this year's figures are the facts (a
budget's in ``value``, a final account's 决算数 in ``value`` and 预算数 in ``budget_value``), the prior
year's go to ``prior_year_value`` and never into this year's columns, a printed change goes to
``change_value`` / ``change_pct_declared`` and is checked against the two years (``yoy.arithmetic``,
``yoy.growth_pct``).

Forms: each item over a 上年 | 本年 pair (the years written 上年 / 本年, 上年度 / 本年度, 2025年 /
2026年, in full-width digits); the years as two groups over the items (2025年预算数 | 2026年预算数);
the items as rows beside 上年预算数 | 本年预算数 | 增减额 | 增减率, beside 上年决算数 | 本年预算数 |
比上年增减, and a final account's 上年决算数 | 本年预算数 | 本年决算数 | 增减.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from budget_reports.extract.standard_tables.year_columns import YearRole, report_year, year_role
from budget_reports.facts import ExtractedReport, SummaryMetric
from budget_reports.metric_names import THREE_PUBLIC_COLUMNS
from budget_reports.readers import read_document
from budget_reports.readers.table_headers import match_layout, relative_years
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.analysed_reports import analysed
from tests.cjk_table_pdf import TablePdf
from tests.spanned_table_pdf import LEFT, UP, owners, spanned_table
from tests.test_budget_default_text import _pdftotext as _serialized

BUDGET_TITLE = "2026年一般公共预算“三公”经费支出预算表"
FINAL_TITLE = "2026年度财政拨款“三公”经费支出决算表"
METRICS = THREE_PUBLIC_COLUMNS  # the metric each column's figures are read into, in order
PRIOR = ("38.50", "12.00", "20.00", "8.00", "12.00", "6.50")
THIS = ("40.00", "10.00", "24.00", "4.00", "20.00", "6.00")
CHANGE = ("1.50", "-2.00", "4.00", "-4.00", "8.00", "-0.50")
CHANGE_PCT = ("3.90", "-16.67", "20.00", "-50.00", "66.67", "-7.69")
ITEM_ROW = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
SUB_ROW = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
ROW_LABELS = (
    "合计",
    "1.因公出国（境）费",
    "2.公务用车购置及运行费",
    "其中：公务用车购置费",
    "公务用车运行费",
    "3.公务接待费",
)


def _items_header(under: tuple[str, ...]) -> list[list[str]]:
    """The six items over ``under`` (one header cell per year or change column) each."""
    width = len(under)
    top, middle = [], []
    for item, sub in zip(ITEM_ROW, SUB_ROW, strict=True):
        top += [item or LEFT] + [LEFT] * (width - 1)
        middle += [sub] + [LEFT] * (width - 1) if sub else [UP] * width
    return [top, middle, list(under) * 6]


def _pairs(years: tuple[str, str]) -> tuple[list[list[str]], list[list[str]]]:
    """Each item over a prior | this pair."""
    row = [figure for pair in zip(PRIOR, THIS, strict=True) for figure in pair]
    return _items_header(years), [row]


def _groups(groups: tuple[str, str]) -> tuple[list[list[str]], list[list[str]]]:
    """The two years as groups over the six items."""
    top = [groups[0]] + [LEFT] * 5 + [groups[1]] + [LEFT] * 5
    items = [(x or LEFT) for x in ITEM_ROW] * 2
    subs = [(x or UP) for x in SUB_ROW] * 2
    return [top, items, subs], [[*PRIOR, *THIS]]


def _rows(header: list[str], *columns: tuple[str, ...]) -> tuple[list[list[str]], list[list[str]]]:
    """The items as rows, one column per figure set."""
    return [header], [[label, *figures] for label, *figures in zip(ROW_LABELS, *columns, strict=True)]


def _pdf(path: Path, title: str, heading: str, header: list[list[str]], body: list[list[str]]) -> Path:
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(150, 20, heading, 14)
    pdf.text(150, 45, title, 12)
    pdf.text(480, 70, "单位：万元")
    width = 540 / len(header[0])
    widths = [width] * len(header[0])
    if len(body) > 1:  # items as rows: a wide label column
        widths = [150] + [390 / (len(header[0]) - 1)] * (len(header[0]) - 1)
    spanned_table(pdf, 30, 85, widths, [*header, *body], 30)
    return pdf.save(path)


BUDGET_HEADING = "上海市某区绿化局2026年部门预算"
FINAL_HEADING = "上海市某区绿化局2026年度部门决算"


def _analysed(path: Path) -> ExtractedReport:
    return analysed(read_document(path, path.name), path.name, path.suffix.lstrip("."))


def _metrics(report: ExtractedReport) -> dict[str, SummaryMetric]:
    return {m.metric: m for m in report.summary_metrics if m.metric in METRICS and m.source_kind == "table"}


def _assert_budget(report: ExtractedReport, prior: tuple[str, ...] | None = PRIOR) -> None:
    metrics = _metrics(report)
    assert set(metrics) == set(METRICS)
    for name, this_year, last_year in zip(METRICS, THIS, prior or (None,) * 6, strict=True):
        metric = metrics[name]
        assert metric.value == Decimal(this_year), name  # this year's budget, never the prior year's
        assert metric.budget_value is None
        assert metric.prior_year_value == (Decimal(last_year) if last_year else None), name


PAIR_YEARS = {
    "上年_本年": ("上年", "本年"),
    "上年度_本年度": ("上年度", "本年度"),
    "years": ("2025年", "2026年"),
    "full_width_years": ("２０２５年", "２０２６年"),
    "years_with_stage": ("2025年预算数", "2026年预算数"),
}


@pytest.mark.parametrize("wording", list(PAIR_YEARS))
def test_each_item_over_a_prior_and_this_year_pair(tmp_path: Path, wording: str) -> None:
    header, body = _pairs(PAIR_YEARS[wording])
    report = _analysed(_pdf(tmp_path / "pairs.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report)


@pytest.mark.parametrize("groups", [("2025年预算数", "2026年预算数"), ("上年预算数", "本年预算数")])
def test_the_two_years_as_groups_over_the_items(tmp_path: Path, groups: tuple[str, str]) -> None:
    header, body = _groups(groups)
    report = _analysed(_pdf(tmp_path / "groups.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report)


def test_this_year_printed_before_the_prior_year(tmp_path: Path) -> None:
    """The year a column prints says which it is, not its place."""
    header, _ = _groups(("2026年预算数", "2025年预算数"))
    report = _analysed(_pdf(tmp_path / "groups.pdf", BUDGET_TITLE, BUDGET_HEADING, header, [[*THIS, *PRIOR]]))
    _assert_budget(report)


def test_items_as_rows_with_the_change_and_its_rate(tmp_path: Path) -> None:
    header, body = _rows(["项目", "上年预算数", "本年预算数", "增减额", "增减率（%）"], PRIOR, THIS, CHANGE, CHANGE_PCT)
    report = _analysed(_pdf(tmp_path / "rows.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report)
    metrics = _metrics(report)
    for name, change, pct in zip(METRICS, CHANGE, CHANGE_PCT, strict=True):
        assert (metrics[name].change_value, metrics[name].change_pct_declared) == (Decimal(change), Decimal(pct))
    assert not [f for f in report.findings if f.rule_id.startswith("yoy.") and f.subject in METRICS]


def test_a_change_that_disagrees_with_the_two_years_is_a_finding(tmp_path: Path) -> None:
    wrong = ("1.50", "-2.00", "4.00", "-4.00", "8.00", "-1.50")  # 接待: 6.00 - 6.50 is -0.50
    header, body = _rows(["项目", "上年预算数", "本年预算数", "增减额"], PRIOR, THIS, wrong)
    report = _analysed(_pdf(tmp_path / "rows.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report)
    yoy = [f for f in report.findings if f.rule_id == "yoy.arithmetic" and f.subject in METRICS]
    assert [(f.subject, f.expected, f.actual) for f in yoy] == [("公务接待费", "0.50", "1.50")]


def test_a_budget_beside_the_prior_years_outcome(tmp_path: Path) -> None:
    header, body = _rows(["项目", "2025年决算数", "2026年预算数", "比上年增减"], PRIOR, THIS, CHANGE)
    report = _analysed(_pdf(tmp_path / "rows.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report)
    assert _metrics(report)["三公经费"].change_value == Decimal("1.50")


def test_a_year_neither_this_nor_the_one_before_is_not_read(tmp_path: Path) -> None:
    header, body = _rows(["项目", "2024年决算数", "2026年预算数"], PRIOR, THIS)
    report = _analysed(_pdf(tmp_path / "rows.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body))
    _assert_budget(report, prior=None)


def test_a_final_account_beside_the_prior_years_outcome(tmp_path: Path) -> None:
    budget = ("41.00", "10.00", "25.00", "5.00", "20.00", "6.00")
    header, body = _rows(["项目", "上年决算数", "本年预算数", "本年决算数", "增减"], PRIOR, budget, THIS, CHANGE)
    report = _analysed(_pdf(tmp_path / "final.pdf", FINAL_TITLE, FINAL_HEADING, header, body))
    metrics = _metrics(report)
    assert set(metrics) == set(METRICS)
    for k, name in enumerate(METRICS):
        metric = metrics[name]
        assert (metric.value, metric.budget_value) == (Decimal(THIS[k]), Decimal(budget[k])), name
        assert (metric.prior_year_value, metric.change_value) == (Decimal(PRIOR[k]), Decimal(CHANGE[k])), name
    assert not [f for f in report.findings if f.rule_id.startswith("yoy.") and f.subject in METRICS]


def _word(path: Path, header: list[list[str]], body: list[list[str]]) -> Path:
    """The table as a Word file: merged cells where the PDF draws no rule."""
    word = docx.Document()
    word.add_paragraph(BUDGET_HEADING)
    word.add_paragraph(BUDGET_TITLE)
    word.add_paragraph("单位：万元")
    rows = [*header, *body]
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    corners: dict[tuple[int, int], tuple[int, int]] = {}  # merged cell's owner -> its bottom-right cell
    for r, row in enumerate(owners(rows)):
        for c, owner in enumerate(row):
            corners[owner] = (max(r, corners.get(owner, owner)[0]), max(c, corners.get(owner, owner)[1]))
    for (r, c), corner in corners.items():
        cell = table.cell(r, c) if corner == (r, c) else table.cell(r, c).merge(table.cell(*corner))
        cell.text = rows[r][c]
    word.save(str(path))
    return path


def _web_page(path: Path, header: list[list[str]], body: list[list[str]]) -> Path:
    rows = []
    for row in [*header, *body]:
        cells = []
        for c, text in enumerate(row):
            if text in (LEFT, UP):
                continue
            span = next((k for k in range(c + 1, len(row)) if row[k] != LEFT), len(row)) - c
            cells.append(f'<td colspan="{span}">{text}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    path.write_text(
        f"<html><body><p>{BUDGET_HEADING}</p><p>{BUDGET_TITLE}</p><p>单位：万元</p>"
        f"<table>{''.join(rows)}</table></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_word_file(tmp_path: Path) -> None:
    header, body = _pairs(("上年", "本年"))
    _assert_budget(_analysed(_word(tmp_path / "pairs.docx", header, body)))


def test_a_web_page(tmp_path: Path) -> None:
    header, body = _rows(["项目", "上年预算数", "本年预算数", "增减额"], PRIOR, THIS, CHANGE)
    _assert_budget(_analysed(_web_page(tmp_path / "rows.html", header, body)))


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("上年预算数", YearRole.PRIOR),
        ("上年度决算数", YearRole.PRIOR),
        ("本年度预算数", YearRole.THIS),
        ("2026年度预算数", YearRole.THIS),
        ("二〇二五年预算数", YearRole.PRIOR),
        ("2024年决算数", YearRole.OTHER),
        ("预算数", YearRole.THIS),
        ("比上年增减", YearRole.CHANGE),
        ("增减额", YearRole.CHANGE),
        ("增减率(%)", YearRole.CHANGE_PCT),
        ("比上年增长%", YearRole.CHANGE_PCT),
        ("决算数占预算数%", YearRole.OTHER),  # a completion rate: no amount of any year
    ],
)
def test_the_year_a_header_names(header: str, role: YearRole) -> None:
    assert year_role(header, 2026) is role


# Forms as text: pdftotext's default and -layout output of the PDFs. Where -layout keeps the columns
# every cell is read; pdftotext's default writes the labels and figures out of order: what cannot be
# placed is reported (the table not read), never guessed.
TEXT_FORMS = {
    "pairs": (_pairs(("上年", "本年")), True),
    "pairs_of_years": (_pairs(("2025年", "2026年")), True),
    "pairs_with_stage": (_pairs(("2025年预算数", "2026年预算数")), True),
    "groups_of_years": (_groups(("2025年预算数", "2026年预算数")), True),
    "groups_in_full_width": (_groups(("２０２５年预算数", "２０２６年预算数")), True),
    "groups_in_words": (_groups(("上年预算数", "本年预算数")), True),
    "later_year_first": ((_groups(("2026年预算数", "2025年预算数"))[0], [[*THIS, *PRIOR]]), False),
    "beside_the_outcome": (_pairs(("2025年决算数", "2026年预算数")), True),
    "groups_beside_the_outcome": (_groups(("上年度决算数", "本年度预算数")), True),
    "rows": (_rows(["项目", "上年预算数", "本年预算数", "增减额"], PRIOR, THIS, CHANGE), True),
    "rows_beside_the_outcome": (_rows(["项目", "2025年决算数", "2026年预算数"], PRIOR, THIS), True),
}


def _text_of(pdf: Path, mode: str) -> str:
    if mode == "pdftotext":
        return _serialized(pdf)  # skips the test where poppler is not installed
    return write_serialization(pdf, mode, pdf.parent / mode).read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", ["pdftotext", "pdftotext-layout"])
@pytest.mark.parametrize("form", list(TEXT_FORMS))
def test_a_form_read_from_text(tmp_path: Path, form: str, mode: str) -> None:
    (header, body), laid_out_read = TEXT_FORMS[form]
    pdf = _pdf(tmp_path / "form.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body)
    document = read_text(_text_of(pdf, mode), "form.txt")
    report = analysed(document, "form.txt", "text")
    metrics = _metrics(report)
    reported = [Decimal(cell.figure) for cell in document.ambiguous_cells]
    not_read = any("三公" in message for message in document.lost)
    for k, name in enumerate(METRICS):
        metric = metrics.get(name)
        this_year = metric.value if metric else None
        prior = metric.prior_year_value if metric else None
        assert this_year in (None, Decimal(THIS[k])), name  # never the prior year's, never another cell's
        assert prior in (None, Decimal(PRIOR[k])), name
        assert this_year is not None or Decimal(THIS[k]) in reported or not_read, name
        assert prior is not None or Decimal(PRIOR[k]) in reported or not_read, name
    if mode == "pdftotext-layout" and laid_out_read:
        _assert_budget(report)


@pytest.mark.parametrize("mode", ["pdftotext", "pdftotext-layout"])
def test_a_final_account_of_two_years_from_text(tmp_path: Path, mode: str) -> None:
    header, body = _pairs(("2025年决算数", "2026年决算数"))
    pdf = _pdf(tmp_path / "final.pdf", FINAL_TITLE, FINAL_HEADING, header, body)
    document = read_text(_text_of(pdf, mode), "final.txt")
    metrics = _metrics(analysed(document, "final.txt", "text"))
    reported = [Decimal(cell.figure) for cell in document.ambiguous_cells]
    not_read = any("三公" in message for message in document.lost)
    for k, name in enumerate(METRICS):
        metric = metrics.get(name)
        assert metric is None or metric.budget_value is None, name  # no budget printed
        assert metric is None or metric.value in (None, Decimal(THIS[k])), name
        assert metric is None or metric.prior_year_value in (None, Decimal(PRIOR[k])), name
        assert (metric is not None and metric.value is not None) or Decimal(THIS[k]) in reported or not_read
    if mode == "pdftotext-layout":
        assert {name: (m.value, m.prior_year_value) for name, m in metrics.items()} == {
            name: (Decimal(this), Decimal(prior)) for name, this, prior in zip(METRICS, THIS, PRIOR, strict=True)
        }


def test_labels_out_of_column_order_still_give_each_figure_its_year(tmp_path: Path) -> None:
    """pdftotext's default writes the vehicles' cells as one block (上年 上年 本年, then their
    figures): each figure's year is its labels', and the sums place the totals."""
    header, body = _pairs(("上年", "本年"))
    pdf = _pdf(tmp_path / "form.pdf", BUDGET_TITLE, BUDGET_HEADING, header, body)
    document = read_text(_text_of(pdf, "pdftotext"), "form.txt")
    metrics = _metrics(analysed(document, "form.txt", "text"))
    read = {name: (m.value, m.prior_year_value) for name, m in metrics.items()}
    assert read == {
        "三公经费": (Decimal("40.00"), Decimal("38.50")),
        "公务用车购置及运行维护费": (Decimal("24.00"), Decimal("20.00")),
    }
    assert len(document.ambiguous_cells) == 8  # 出国 / 接待 and 购置 / 运行 swap within each year


def test_the_year_a_table_is_read_for() -> None:
    """A one-year header's own year; else the report's year (its identity), else the year the title
    prints, else the latest the header prints."""
    headers = ("2025年预算数", "2026年预算数")
    assert report_year(2024, "2023年度财政拨款“三公”经费支出决算表", ("2023年度预算数", "2023年度决算数")) == 2023
    assert report_year(2026, "2025年一般公共预算“三公”经费支出预算表", headers) == 2026
    assert report_year(None, BUDGET_TITLE, ("2024年决算数", "2025年决算数")) == 2026
    assert report_year(None, "财政拨款“三公”经费支出决算表", headers) == 2026
    assert report_year(None, "财政拨款“三公”经费支出决算表", ("预算数", "决算数")) is None


def test_a_header_printing_the_year_before_never_takes_a_one_year_layout() -> None:
    items = "合计 因公出国(境)费 公务用车购置及运行费 小计 公务用车购置费 公务用车运行费 公务接待费"
    for years in ("上年决算数 本年预算数", "2025年决算数 2026年预算数", "上年度 本年度"):
        layout = match_layout(f"{items} {' '.join([years] * 6)}")
        assert layout is not None and "上年" in layout.name, years
    split = f"{items} {' '.join(['上年 本年 预算数 决算数'] * 6)}"  # labels cut from their stage
    assert match_layout(split) is None  # which stage each year's columns hold is lost: reported
    later_first = f"{items} {' '.join(['2026年预算数 2025年预算数'] * 6)}"
    assert match_layout(later_first) is None  # the catalogue's order is the prior year's first
    assert relative_years("2025年预算数2026年预算数") == "上年预算数本年预算数"
    assert relative_years("2026年预算数2025年预算数") == "2026年预算数2025年预算数"
