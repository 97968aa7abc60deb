"""The same standard tables give the same facts from DOCX, XLSX and HTML as from the PDF.

The Putuo report's standard tables (title, unit line, cell grid with its merged cells) are read
from the corpus PDF at test time and written with python-docx, openpyxl, xlwt (legacy .xls) and
as HTML into the test's temporary folder; each file then goes through the whole per-report step. Every
table-sourced fact must equal the PDF's in every field but its evidence, and its evidence must
cite the generated file at the row of that file holding the figure. Nothing derived from the
corpus is written outside the temporary folder.

The readers must also give the same tables: the same kinds, titles, units and "no data" notes,
the same header path over every column and the same body rows.

Then awkward layouts written here (not from the corpus): an XLSX in 元 with codes over 类/款/项
columns typed as numbers, a DOCX whose header spans two rows, an HTML table with ``&nbsp;``
cells and thousands separators, and a bordered spreadsheet table with empty template rows, a
header cell spanning its width and a note under it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
import xlwt
from openpyxl.styles import Border, Side

from budget_reports.extract.standard_tables import find_standard_tables
from budget_reports.extract.standard_tables.header import header_row_count, layout
from budget_reports.extract.standard_tables.recognise import unit_of
from budget_reports.facts import ExtractedReport, SourceKind
from budget_reports.model import BlockKind, Document, Evidence, Table
from budget_reports.normalize import parse_decimal
from budget_reports.readers import read_document
from budget_reports.readers.spreadsheet import format_number
from tests.conftest import corpus_file
from tests.prose_support import extract_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
VIEWS = ("expenditure_function", "expenditure_economic", "income", "summary_metrics")
MONEY_FORMAT = "#,##0.00"
_THIN = Side(style="thin")
GRID_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
XLS_BORDERS = "borders: left thin, right thin, top thin, bottom thin"
# An amount as the PDF prints it (2,940.05); codes (201, 06) and row numbers stay text.
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)$|^-?\d+\.\d+$")


@dataclass(frozen=True, slots=True)
class SourceTable:
    title: str
    unit_line: str
    table: Table
    notes: tuple[str, ...] = ()  # printed under the table (注：…故本表无数据)


@dataclass(frozen=True, slots=True)
class Written:
    """A generated file and, per (table index, grid row), the line or sheet row holding that row."""

    path: Path
    lines: dict[tuple[int, int], int]


# ---------------------------------------------------------------------------- the PDF's tables


def standard_tables(document: Document) -> tuple[str, list[SourceTable]]:
    """The report's part heading and every standard table the extractor recognises."""
    blocks = document.blocks
    tables = []
    heading = ""
    for found in find_standard_tables(document):
        index = blocks.index(found.block)
        above = blocks[max(0, index - 3) : index]
        unit_line = next((b.text for b in reversed(above) if unit_of(b.text)), f"单位：{found.unit}")
        if not tables:
            heading = next(b.text for b in reversed(blocks[:index]) if b.kind is BlockKind.HEADING and "部分" in b.text)
        notes = tuple(
            b.text for b in blocks[index + 1 : index + 2] if b.kind is BlockKind.PARAGRAPH and b.text.startswith("注")
        )
        tables.append(SourceTable(found.title, unit_line, found.table, notes))
    return heading, tables


def origins(table: Table) -> dict[tuple[int, int], tuple[str, int, int]]:
    """Cell origin → (text, row span, column span), spans clipped to the grid."""
    return {
        (c.row, c.col): (c.text, min(c.row_span, table.n_rows - c.row), min(c.col_span, table.n_cols - c.col))
        for c in table.cells
        if c.row < table.n_rows and c.col < table.n_cols
    }


def merged(spec: tuple[str, int, int]) -> bool:
    return spec[1] > 1 or spec[2] > 1


# ---------------------------------------------------------------------------- writers


def write_docx(path: Path, heading: str, tables: list[SourceTable]) -> Written:
    """Part heading, then per table: title as a heading, unit line, Word table with its merges."""
    word = docx.Document()
    word.add_heading(heading, level=1)
    line = 2  # one line per paragraph, one per table row (the reader's numbering)
    lines: dict[tuple[int, int], int] = {}
    for t, source in enumerate(tables):
        word.add_heading(source.title, level=2)
        word.add_paragraph(source.unit_line)
        line += 2
        table = source.table
        out = word.add_table(rows=table.n_rows, cols=table.n_cols)
        out.style = "Table Grid"
        for (r, c), spec in origins(table).items():
            target = out.cell(r, c)
            if merged(spec):
                target = target.merge(out.cell(r + spec[1] - 1, c + spec[2] - 1))
            target.text = spec[0]
        lines.update({(t, r): line + r for r in range(table.n_rows)})
        line += table.n_rows
        for note in source.notes:
            word.add_paragraph(note)
            line += 1
    word.save(str(path))
    return Written(path, lines)


def write_xlsx(path: Path, heading: str, tables: list[SourceTable]) -> Written:
    """One sheet per table: title and unit rows above the grid; amounts as numbers shown ``#,##0.00``."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    lines: dict[tuple[int, int], int] = {}
    for t, source in enumerate(tables):
        sheet = book.create_sheet(f"附表{t + 1}")
        table = source.table
        row = 1
        if t == 0:
            sheet.cell(row, 1, heading)
            row += 1
        sheet.cell(row, 1, source.title)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=table.n_cols)
        sheet.cell(row + 1, 1, source.unit_line)
        first = row + 2
        for r in range(table.n_rows):  # the grid drawn with borders, empty rows included
            for c in range(table.n_cols):
                sheet.cell(first + r, c + 1).border = GRID_BORDER
        for (r, c), (text, row_span, col_span) in origins(table).items():
            cell = sheet.cell(first + r, c + 1)
            if _AMOUNT.match(text.strip()):
                value = parse_decimal(text)
                assert value is not None
                cell.value = float(value)  # what a spreadsheet stores: a binary float
                cell.number_format = MONEY_FORMAT
            elif text:
                cell.value = text
            if row_span > 1 or col_span > 1:
                sheet.merge_cells(
                    start_row=first + r,
                    start_column=c + 1,
                    end_row=first + r + row_span - 1,
                    end_column=c + col_span,
                )
        lines.update({(t, r): first + r for r in range(table.n_rows)})
        for offset, note in enumerate(source.notes):  # right under the grid, without borders
            sheet.cell(first + table.n_rows + offset, 1, note)
    book.save(path)
    return Written(path, lines)


def write_xls(path: Path, heading: str, tables: list[SourceTable]) -> Written:
    """The same workbook in the legacy Excel format (xlwt), as many sites still publish 附表."""
    book = xlwt.Workbook(encoding="utf-8")
    framed = xlwt.easyxf(XLS_BORDERS)
    money_style = xlwt.easyxf(XLS_BORDERS, num_format_str=MONEY_FORMAT)
    lines: dict[tuple[int, int], int] = {}
    for t, source in enumerate(tables):
        sheet = book.add_sheet(f"附表{t + 1}", cell_overwrite_ok=True)
        table = source.table
        row = 0  # xlwt counts from 0; the reader's lines are the sheet's row numbers from 1
        if t == 0:
            sheet.write(row, 0, heading)
            row += 1
        sheet.write_merge(row, row, 0, table.n_cols - 1, source.title)
        sheet.write(row + 1, 0, source.unit_line)
        first = row + 2
        for r in range(table.n_rows):
            for c in range(table.n_cols):
                sheet.write(first + r, c, None, framed)
        for (r, c), (text, row_span, col_span) in origins(table).items():
            value: object = text or None
            style = framed
            amount = parse_decimal(text) if _AMOUNT.match(text.strip()) else None
            if amount is not None:
                value, style = float(amount), money_style  # a binary float, as Excel stores it
            if row_span > 1 or col_span > 1:
                sheet.write_merge(first + r, first + r + row_span - 1, c, c + col_span - 1, value, style)
            else:
                sheet.write(first + r, c, value, style)
        lines.update({(t, r): first + r + 1 for r in range(table.n_rows)})
        for offset, note in enumerate(source.notes):
            sheet.write(first + table.n_rows + offset, 0, note)
    book.save(str(path))
    return Written(path, lines)


def html_table(table: Table) -> str:
    """As web pages print them: header rows in ``<thead>`` as ``<th>``, empty cells as ``&nbsp;``."""
    n_header = header_row_count(table.grid())
    by_row: dict[int, list[str]] = {}
    for (r, _c), (text, row_span, col_span) in sorted(origins(table).items()):
        attributes = (f' rowspan="{row_span}"' if row_span > 1 else "") + (
            f' colspan="{col_span}"' if col_span > 1 else ""
        )
        content = "<br>".join(html.escape(part) for part in text.split("\n")) or "&nbsp;"
        tag = "th" if r < n_header else "td"
        by_row.setdefault(r, []).append(f"<{tag}{attributes}>{content}</{tag}>")
    rows = ["<tr>" + "".join(by_row.get(r, [])) + "</tr>" for r in range(table.n_rows)]
    return (
        '<table border="1" cellspacing="0">\n<thead>\n'
        + "\n".join(rows[:n_header])
        + "\n</thead>\n<tbody>\n"
        + "\n".join(rows[n_header:])
        + "\n</tbody>\n</table>"
    )


def write_html(path: Path, heading: str, tables: list[SourceTable]) -> Written:
    parts = [f"<h1>{html.escape(heading)}</h1>"]
    line = 2
    lines: dict[tuple[int, int], int] = {}
    for t, source in enumerate(tables):
        parts.append(f"<h2>{html.escape(source.title)}</h2>")
        parts.append(f"<p>{html.escape(source.unit_line)}</p>")
        line += 2
        parts.append(html_table(source.table))
        lines.update({(t, r): line + r for r in range(source.table.n_rows)})
        line += source.table.n_rows
        parts.extend(f"<p>{html.escape(note)}</p>" for note in source.notes)
        line += len(source.notes)
    page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>决算</title></head><body>\n'
    path.write_text(page + "\n".join(parts) + "\n</body></html>\n", encoding="utf-8")
    return Written(path, lines)


WRITERS: dict[str, Callable[[Path, str, list[SourceTable]], Written]] = {
    "docx": write_docx,
    "xlsx": write_xlsx,
    "xls": write_xls,
    "html": write_html,
}


# ---------------------------------------------------------------------------- comparison


def table_facts(result: ExtractedReport) -> dict[str, list]:
    return {view: [f for f in getattr(result, view) if f.source_kind is SourceKind.TABLE] for view in VIEWS}


def without_evidence(fact: object) -> dict:
    """Every field but the evidence; amounts as Decimal digits, so 2940.05 and 2940.050 differ too."""
    fields = asdict(fact)  # type: ignore[call-overload]
    fields.pop("evidence")
    assert not any(isinstance(value, float) for value in fields.values())
    return {name: (repr(value) if isinstance(value, Decimal) else value) for name, value in fields.items()}


@pytest.fixture(scope="module")
def putuo_pdf() -> tuple[Document, ExtractedReport]:
    path = corpus_file(PUTUO)
    return read_document(path, path.name), extract_file(path)


@pytest.fixture(scope="module")
def source(putuo_pdf: tuple[Document, ExtractedReport]) -> tuple[str, list[SourceTable]]:
    heading, tables = standard_tables(putuo_pdf[0])
    assert len(tables) == 9  # the nine Shanghai tables
    return heading, tables


def pdf_rows(tables: list[SourceTable]) -> dict[tuple[int | None, int | None], set[tuple[int, int]]]:
    """PDF (page, line) → the (table index, grid row) printed there."""
    rows: dict[tuple[int | None, int | None], set[tuple[int, int]]] = {}
    for t, source in enumerate(tables):
        for cell in source.table.cells:
            rows.setdefault((cell.page, cell.line), set()).add((t, cell.row))
    return rows


@pytest.fixture(scope="module", params=sorted(WRITERS))
def generated(
    request: pytest.FixtureRequest, source: tuple[str, list[SourceTable]], tmp_path_factory: pytest.TempPathFactory
) -> Written:
    heading, tables = source
    folder = tmp_path_factory.mktemp(request.param)
    return WRITERS[request.param](folder / f"putuo-tables.{request.param}", heading, tables)


def test_every_standard_table_is_recognised_with_the_pdfs_body_rows(
    putuo_pdf: tuple[Document, ExtractedReport], generated: Written
) -> None:
    pdf_found = find_standard_tables(putuo_pdf[0])
    found = find_standard_tables(read_document(generated.path, generated.path.name))
    assert [(t.kind, t.title, t.unit, t.no_data) for t in found] == [
        (t.kind, t.title, t.unit, t.no_data) for t in pdf_found
    ]
    assert sum(t.no_data for t in found) == 2  # the two fund tables say so under them
    for pdf_table, table in zip(pdf_found, found, strict=True):
        read, pdf_read = layout(table.table, table.first_row), layout(pdf_table.table, pdf_table.first_row)
        assert read.columns == pdf_read.columns, table.title  # the same header path over every column
        assert [row.texts for row in read.body] == [row.texts for row in pdf_read.body], table.title


def test_standard_tables_give_the_pdfs_facts(
    putuo_pdf: tuple[Document, ExtractedReport],
    source: tuple[str, list[SourceTable]],
    generated: Written,
) -> None:
    _, tables = source
    written = generated
    result = extract_file(written.path)
    assert result.report.file_format == written.path.suffix.lstrip(".")
    assert result.report.fiscal_year == putuo_pdf[1].report.fiscal_year == 2024
    expected, got = table_facts(putuo_pdf[1]), table_facts(result)
    where = pdf_rows(tables)
    for view in VIEWS:
        assert expected[view], view  # the PDF gives facts of every view
        assert [without_evidence(f) for f in got[view]] == [without_evidence(f) for f in expected[view]], view
        for pdf_fact, fact in zip(expected[view], got[view], strict=True):
            evidence: Evidence = fact.evidence
            assert evidence.source_file == written.path.name
            assert evidence.page is None
            # The same table row as the PDF's evidence, at that row's line (DOCX, HTML) or sheet row (XLSX).
            (row,) = where[(pdf_fact.evidence.page, pdf_fact.evidence.line)]
            assert evidence.line == written.lines[row], (view, pdf_fact)


# ---------------------------------------------------------------------------- awkward layouts, written here


def lines_of(result: ExtractedReport) -> list[tuple]:
    return [
        (
            x.fund_type,
            x.level,
            x.code,
            x.name_as_written,
            x.budget_initial,
            x.budget_final,
            x.actual,
            x.basic,
            x.project,
        )
        for x in result.expenditure_function
        if x.source_kind is SourceKind.TABLE
    ]


def metrics_of(result: ExtractedReport) -> dict[tuple[str, str | None], Decimal | None]:
    return {(m.metric, m.scope): m.value for m in result.summary_metrics if m.source_kind is SourceKind.TABLE}


def test_xlsx_in_yuan_with_codes_typed_as_numbers_over_three_columns(tmp_path: Path) -> None:
    """元 amounts; 类 typed as 201, 款/项 typed as 6 and 1 and shown as 06 / 01 by a ``00`` format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "一般公共预算支出"
    sheet["A1"] = "一般公共预算财政拨款支出决算表"
    sheet.merge_cells("A1:G1")
    sheet["A2"] = "编制单位：测试局"
    sheet["G2"] = "单位：元"
    for ref, text in {"A3": "科目编码", "D3": "科目名称", "E3": "合计", "F3": "基本支出", "G3": "项目支出"}.items():
        sheet[ref] = text
    sheet.merge_cells("A3:C3")
    for column in "DEFG":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet["A4"], sheet["B4"], sheet["C4"] = "类", "款", "项"
    sheet["A5"] = "合计"
    sheet.merge_cells("A5:D5")
    rows = {
        5: (None, None, None, None, 29400500.05, 23369100.0, 6031400.05),
        6: (201, None, None, "一般公共服务支出", 29400500.05, 23369100.0, 6031400.05),
        7: (201, 6, None, "财政事务", 29400500.05, 23369100.0, 6031400.05),
        8: (201, 6, 1, "行政运行", 15118900.0, 15035200.0, 83700.0),
        9: (201, 6, 2, "一般行政管理事务", 14281600.05, 8333900.0, 5947700.05),
    }
    for row, values in rows.items():
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row, col, value)
            if col in (2, 3):
                cell.number_format = "00"
            elif col >= 5:
                cell.number_format = MONEY_FORMAT
    path = tmp_path / "附表.xlsx"
    book.save(path)

    result = extract_file(path)

    gpb = "一般公共预算财政拨款"
    assert lines_of(result) == [
        (
            gpb,
            "类",
            "201",
            "一般公共服务支出",
            None,
            None,
            Decimal("2940.050005"),
            Decimal("2336.91"),
            Decimal("603.140005"),
        ),
        (gpb, "款", "20106", "财政事务", None, None, Decimal("2940.050005"), Decimal("2336.91"), Decimal("603.140005")),
        (gpb, "项", "2010601", "行政运行", None, None, Decimal("1511.89"), Decimal("1503.52"), Decimal("8.37")),
        (
            gpb,
            "项",
            "2010602",
            "一般行政管理事务",
            None,
            None,
            Decimal("1428.160005"),
            Decimal("833.39"),
            Decimal("594.770005"),
        ),
    ]
    assert metrics_of(result) == {
        ("一般公共预算财政拨款支出", None): Decimal("2940.050005"),
        ("基本支出", gpb): Decimal("2336.91"),
        ("项目支出", gpb): Decimal("603.140005"),
    }
    xiang = next(x for x in result.expenditure_function if x.code == "2010601")
    assert (xiang.evidence.source_file, xiang.evidence.line) == ("附表.xlsx", 8)
    assert xiang.evidence.snippet == "201 06 01 行政运行 15,118,900.00 15,035,200.00 83,700.00"


def test_docx_header_over_two_rows_with_merged_cells(tmp_path: Path) -> None:
    """科目编码 and 科目名称 merged down two rows; 预算数 and 决算数 merged across their sub-columns."""
    word = docx.Document()
    word.add_heading("第二部分 测试局2023年度部门决算表", level=1)
    word.add_paragraph("一般公共预算财政拨款支出决算表")  # a plain paragraph, no heading style
    word.add_paragraph("单位：万元")
    rows = [
        ["科目编码", "科目名称", "预算数", "", "决算数", "", ""],
        ["", "", "年初预算", "全年预算", "合计", "基本支出", "项目支出"],
        ["", "合计", "118.00", "121.50", "120.50", "100.00", "20.50"],
        ["208", "社会保障和就业支出", "118.00", "121.50", "120.50", "100.00", "20.50"],
        ["20805", "行政事业单位养老支出", "118.00", "121.50", "120.50", "100.00", "20.50"],
        ["2080505", "机关事业单位基本养老保险\n缴费支出", "80.00", "80.25", "80.25", "80.25", ""],
        ["2080506", "机关事业单位职业年金缴费支出", "38.00", "41.25", "40.25", "19.75", "20.50"],
    ]
    table = word.add_table(rows=len(rows), cols=7)
    table.style = "Table Grid"
    merges = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (0, 6))]
    for (r0, c0), (r1, c1) in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    path = tmp_path / "决算.docx"
    word.save(str(path))

    result = extract_file(path)

    gpb = "一般公共预算财政拨款"
    d = Decimal
    assert lines_of(result) == [
        (gpb, "类", "208", "社会保障和就业支出", d("118.00"), d("121.50"), d("120.50"), d("100.00"), d("20.50")),
        (gpb, "款", "20805", "行政事业单位养老支出", d("118.00"), d("121.50"), d("120.50"), d("100.00"), d("20.50")),
        (
            gpb,
            "项",
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            d("80.00"),
            d("80.25"),
            d("80.25"),
            d("80.25"),
            None,
        ),
        (
            gpb,
            "项",
            "2080506",
            "机关事业单位职业年金缴费支出",
            d("38.00"),
            d("41.25"),
            d("40.25"),
            d("19.75"),
            d("20.50"),
        ),
    ]
    assert metrics_of(result) == {
        ("一般公共预算财政拨款支出", None): d("120.50"),
        ("基本支出", gpb): d("100.00"),
        ("项目支出", gpb): d("20.50"),
    }
    # Lines: heading 1, title 2, unit 3, table rows from 4: the 项 2080506 is the table's seventh row.
    last = result.expenditure_function[-1]
    assert (last.evidence.source_file, last.evidence.line) == ("决算.docx", 10)


OVERVIEW_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<p>测试局2023年度部门决算</p>
<p style="text-align:center"><b>收入支出决算总表</b></p>
<p style="text-align:right">单位：万元</p>
<table border="1" cellspacing="0">
<tr><td colspan="3">收&nbsp;&nbsp;入</td><td colspan="3">支&nbsp;&nbsp;出</td></tr>
<tr><td>项&nbsp;&nbsp;目</td><td>行次</td><td>决算数</td><td>项&nbsp;&nbsp;目</td><td>行次</td><td>决算数</td></tr>
<tr><td>栏次</td><td>&nbsp;</td><td>1</td><td>栏次</td><td>&nbsp;</td><td>2</td></tr>
<tr><td>一、一般公共预算财政拨款收入</td><td>1</td><td>1,234,567.89</td>
    <td>一、一般公共服务支出</td><td>31</td><td>1,200,000.00</td></tr>
<tr><td>二、政府性基金预算财政拨款收入</td><td>2</td><td>&nbsp;</td>
    <td>二、教育支出</td><td>32</td><td>&nbsp;34,567.89&nbsp;</td></tr>
<tr><td>三、事业收入</td><td>3</td><td>1,000.00</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>本年收入合计</td><td>4</td><td>1,235,567.89</td><td>本年支出合计</td><td>33</td><td>1,234,567.89</td></tr>
<tr><td>年初结转和结余</td><td>5</td><td>0.00</td><td>年末结转和结余</td><td>34</td><td>1,000.00</td></tr>
<tr><td>总&nbsp;&nbsp;计</td><td>6</td><td>1,235,567.89</td><td>总&nbsp;&nbsp;计</td><td>35</td><td>1,235,567.89</td></tr>
</table>
</body></html>
"""


def test_html_with_nbsp_cells_and_thousands_separators(tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    path.write_text(OVERVIEW_HTML, encoding="utf-8")

    result = extract_file(path)

    income = [(x.source, x.amount) for x in result.income if x.source_kind is SourceKind.TABLE]
    assert income == [("一般公共预算财政拨款收入", Decimal("1234567.89")), ("事业收入", Decimal("1000.00"))]
    assert metrics_of(result) == {
        ("本年收入合计", None): Decimal("1235567.89"),
        ("年初结转和结余", None): Decimal("0.00"),
        ("收支总计", None): Decimal("1235567.89"),
        ("本年支出合计", None): Decimal("1234567.89"),
        ("年末结转和结余", None): Decimal("1000.00"),
    }
    total = next(m for m in result.summary_metrics if m.metric == "收支总计")
    # Lines: three paragraphs, then table rows from line 4: 总计 is the table's tenth row.
    assert (total.evidence.source_file, total.evidence.line) == ("overview.html", 13)
    assert total.evidence.snippet == "总 计 1,235,567.89"  # the 行次 column is left out


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [(6, "00", "06"), (1.0, "00", "01"), (201, "00", "201"), (5, "0,000", "0,005"), (-3, "000", "-003")],
)
def test_zero_padded_formats_show_their_leading_zeros(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


# ---------------------------------------------------------------------------- spreadsheet borders

FUND_TITLE = "政府性基金预算财政拨款收入支出决算表"
NOTE = "注：本单位无政府性基金预算财政拨款支出，故本表无数据。"


def _bordered_fund_sheet_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附表8"
    sheet["A1"], sheet["A2"] = FUND_TITLE, "单位：万元"
    for row in range(3, 10):  # the drawn grid: a spanning header row, header, four empty rows, 合计
        for col in range(1, 4):
            sheet.cell(row, col).border = GRID_BORDER
    sheet["A3"] = "政府性基金预算财政拨款"
    sheet.merge_cells("A3:C3")
    sheet["A4"], sheet["B4"], sheet["C4"] = "科目编码", "科目名称", "本年支出"
    sheet["A9"] = "合计"
    sheet.merge_cells("A9:B9")
    sheet["A10"] = NOTE
    book.save(path)


def _bordered_fund_sheet_xls(path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("附表8")
    framed = xlwt.easyxf(XLS_BORDERS)
    sheet.write(0, 0, FUND_TITLE)
    sheet.write(1, 0, "单位：万元")
    sheet.write_merge(2, 2, 0, 2, "政府性基金预算财政拨款", framed)
    for col, text in enumerate(("科目编码", "科目名称", "本年支出")):
        sheet.write(3, col, text, framed)
    for row in range(4, 8):
        for col in range(3):
            sheet.write(row, col, None, framed)
    sheet.write_merge(8, 8, 0, 1, "合计", framed)
    sheet.write(8, 2, None, framed)
    sheet.write(9, 0, NOTE)
    book.save(str(path))


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_bordered_spreadsheet_table_keeps_its_empty_rows_spanning_header_and_note(tmp_path: Path, suffix: str) -> None:
    """Empty bordered rows do not split the table, a bordered row of one cell is header, the note is a note."""
    path = tmp_path / f"fund.{suffix}"
    (_bordered_fund_sheet_xlsx if suffix == "xlsx" else _bordered_fund_sheet_xls)(path)

    document = read_document(path, path.name)

    assert [(b.kind, b.text, b.line) for b in document.blocks if b.kind is not BlockKind.TABLE] == [
        (BlockKind.HEADING, "附表8", None),
        (BlockKind.PARAGRAPH, FUND_TITLE, 1),
        (BlockKind.PARAGRAPH, "单位：万元", 2),
        (BlockKind.PARAGRAPH, NOTE, 10),
    ]
    (table,) = [b.table for b in document.tables()]
    assert table is not None
    assert table.grid() == [
        ["政府性基金预算财政拨款", "", ""],
        ["科目编码", "科目名称", "本年支出"],
        *[["", "", ""]] * 4,
        ["合计", "", ""],
    ]
    assert (table.line, table.cell_at(6, 0).line) == (3, 9)  # type: ignore[union-attr]
    (found,) = find_standard_tables(document)
    assert (found.title, found.no_data) == (FUND_TITLE, True)


def test_sheet_bordered_all_over_keeps_its_title_lines_as_paragraphs(tmp_path: Path) -> None:
    """Borders drawn over the title too say nothing: the one-cell rows above the table stay title lines."""
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [[FUND_TITLE], ["单位：万元"], ["科目编码", "科目名称", "本年支出"], ["合计", "", "1.00"]]
    for r, row in enumerate(rows, start=1):
        for c in range(1, 4):
            cell = sheet.cell(r, c, row[c - 1] if c <= len(row) and row[c - 1] else None)
            cell.border = GRID_BORDER
    path = tmp_path / "bordered.xlsx"
    book.save(path)

    document = read_document(path, path.name)

    assert [(b.kind, b.text) for b in document.blocks if b.kind is BlockKind.PARAGRAPH] == [
        (BlockKind.PARAGRAPH, FUND_TITLE),
        (BlockKind.PARAGRAPH, "单位：万元"),
    ]
    (table,) = [b.table for b in document.tables()]
    assert table is not None and table.grid() == [["科目编码", "科目名称", "本年支出"], ["合计", "", "1.00"]]
