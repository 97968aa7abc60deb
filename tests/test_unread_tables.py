"""No table lost silently: every standard table a text names and prints figures for is either read
or reported as not read (``Document.lost``, the report partial), whatever form the text takes.

The forms: ``pdftotext`` default text of a budget report and of a final-accounts report typeset as
PDFs (tables written column by column, several of which no reader rebuilds yet), and a mangled text:
the PDFs' ``-raw`` text (read fully) with every table's header lines cut out, as a copy-paste that
missed them leaves it, so that no reader knows the tables' columns. The PDF read by the PDF reader
says which tables print figures.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables.recognise import TableKind, find_standard_tables, kind_of_title
from budget_reports.model import Document
from budget_reports.normalize import compact, parse_decimal
from budget_reports.readers import read_document
from budget_reports.readers.column_blocks import BlockLine, unplaced_figure
from budget_reports.readers.linear_tables import SourceLine, is_title, not_read_table
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.seed_pdf import typeset

BUDGET = "shanghai-putuo-urban-management-2026-budget.txt"
FINAL = "shanghai-putuo-finance-bureau-2024-final.pdf"
_NAMED = re.compile(r"表格“(.+?表)”")
_CODE = re.compile(r"^\d{3}(?:\d\d){0,2}$")
_ROW = re.compile(r"\d,\d{3}|\d\.\d|^\d{3,7}\s")  # a figure or a code opening a row
_PAGE_NUMBER = re.compile(r"^\s*-?\s*\d+\s*-?\s*$")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    folder = tmp_path_factory.mktemp("unread")
    budget = typeset(read_document(corpus_file(BUDGET), BUDGET), folder / "budget.pdf", merged=False)
    return {"budget": budget, "final": corpus_file(FINAL)}


def _with_figures(document: Document) -> set[TableKind]:
    """The kinds of standard table the document reads with at least one figure in its body."""
    kinds = set()
    for table in find_standard_tables(document):
        cells = [c for row in table.table.grid()[table.first_row :] for c in row if c.strip()]
        if any(parse_decimal(c) is not None and not _CODE.match(compact(c)) for c in cells):
            kinds.add(table.kind)
    return kinds


def _named(document: Document) -> set[TableKind]:
    """The kinds of table the report says were not read."""
    titles = [match.group(1) for lost in document.lost for match in _NAMED.finditer(lost)]
    return {kind for kind in map(kind_of_title, titles) if kind is not None}


def _headers_cut(text: str) -> str:
    """The text with the lines between each table's title and its first row (a line of figures or
    a code) cut out: the unit line and the header go, the title and page numbers stay."""
    pages = []
    cutting = False
    for page in text.split("\f"):
        out: list[str] = []
        for line in page.split("\n"):
            if is_title(line):
                cutting = True
            elif cutting and not _ROW.search(line):
                if _PAGE_NUMBER.match(line):
                    out.append(line)
                continue
            else:
                cutting = False
            out.append(line)
        pages.append("\n".join(out))
    return "\f".join(pages)


def _read(pdf: Path, serializer: str, folder: Path, mangle: bool) -> Document:
    path = write_serialization(pdf, serializer, folder)
    text = path.read_text(encoding="utf-8")
    return read_text(_headers_cut(text) if mangle else text, path.name)


# ``loses``: whether the form loses some table (named, the report partial). Neither report's default
# text loses one: the final accounts' side-by-side and one-row tables, the budget's overviews and
# 三公 table are read from their streams (readers/side_by_side_streams.py, overview_streams.py,
# stage_label_streams.py), figures left between lines reported as ambiguous cells.
@pytest.mark.parametrize(
    ("report", "serializer", "mangle", "loses"),
    [
        ("budget", "pdftotext", False, False),
        ("final", "pdftotext", False, False),
        ("budget", "pdftotext-raw", True, True),
        ("final", "pdftotext-raw", True, True),
    ],
)
def test_every_table_with_figures_is_read_or_named(
    report: str, serializer: str, mangle: bool, loses: bool, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    printed = _with_figures(read_document(pdfs[report], pdfs[report].name))
    document = _read(pdfs[report], serializer, tmp_path, mangle)
    read, named = _with_figures(document), _named(document)
    assert printed - read - named == set(), f"tables lost without a report: {sorted(printed - read - named)}"
    assert not read & named, "a table both read and reported as not read"
    assert bool(named) == loses and bool(document.lost) == loses


def _fiscal_overview_contradicted(text: str) -> str:
    """The budget's default text with the 财政拨款收支预算总表's 卫生健康支出 off by 100 元 (its title
    alone on its page, the table on the next): no placement of its stream agrees with the 一般公共预算
    table any more."""
    pages = text.split("\f")
    k = next(k for k, page in enumerate(pages) if "财政拨款收支预算总表" in page.lstrip().split("\n")[0])
    assert pages[k + 1].count("1,439,040") == 2
    pages[k + 1] = pages[k + 1].replace("1,439,040", "1,439,140")
    return "\f".join(pages)


def test_a_mangled_table_whose_columns_are_known_reports_its_figures(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """Default text of the budget, its fiscal overview contradicting the report's other tables: the
    table not read, whose header names its columns, has each of its figures reported as an ambiguous
    cell with those columns, on the page and line printed."""
    text = write_serialization(pdfs["budget"], "pdftotext", tmp_path).read_text(encoding="utf-8")
    document = read_text(_fiscal_overview_contradicted(text), "budget.txt")
    assert _named(document) == {TableKind.BUDGET_FISCAL_OVERVIEW}
    named_pages = {int(m.group(1)) for lost in document.lost for m in re.finditer(r"第(\d+)页表格", lost)}
    reported = [cell for cell in document.ambiguous_cells if cell.row.endswith("（所在行无法确定）")]
    assert reported, "no figure of a table not read is reported"
    for cell in reported:
        assert cell.candidates and cell.page is not None and cell.line is not None
        assert parse_decimal(cell.figure) is not None
        assert cell.page >= min(named_pages)


def test_a_title_with_no_figure_after_it_loses_nothing() -> None:
    """A contents line and a table that prints no data are no loss: the report stays complete."""
    text = "\n".join(
        [
            "目录",
            "2026年部门收入预算总表",
            "2026年部门支出预算总表",
            "第一部分 部门概况",
            "本部门主要职能是城市管理。",
            "\f2026年部门政府性基金预算支出功能分类预算表",
            "单位：元",
            "科目编码 科目名称 合计 基本支出 项目支出",
            "注：本部门无政府性基金预算支出，故本表无数据。",
        ]
    )
    assert read_text(text, "contents.txt").lost == []


def test_a_table_not_read_is_reported_with_its_place_title_and_figures() -> None:
    """The one report every reader gives of a table it could not rebuild: where (page, or line of a
    text without pages), which table, why, and each figure an ambiguous cell; its lines give way to its title."""
    paged = [
        SourceLine(16, 1, "2024年度一般公共预算财政拨款基本支出决算表"),
        SourceLine(16, 2, "301 工资福利支出 2,152.26"),
    ]
    figure = BlockLine("2,152.26", 16, 2)
    table = not_read_table(paged, 0, 2, "的两栏文本交错写出，未能还原为行", [unplaced_figure(figure, [("决算数",)])])
    assert (
        table.lost
        == "第16页表格“2024年度一般公共预算财政拨款基本支出决算表”的两栏文本交错写出，未能还原为行（其数字未录入）"
    )
    assert [b.text for b in table.blocks] == ["2024年度一般公共预算财政拨款基本支出决算表"]
    assert [(c.figure, c.page, c.line) for c in table.ambiguous] == [("2,152.26", 16, 2)]
    assert table.unplaced == table.ambiguous and (table.start, table.end) == (0, 2)
    unpaged = [SourceLine(None, 40, "收入支出决算总表")]
    assert (
        not_read_table(unpaged, 0, 1, "的文本未能还原为行").lost
        == "第40行表格“收入支出决算总表”的文本未能还原为行（其数字未录入）"
    )
