"""Markdown as PDF-to-Markdown converters write a report: PyMuPDF's ``to_markdown`` of the corpus PDFs
(pipe tables, ``##`` headings, ``**`` emphasis, ``- `` list items), as a ``.md`` file and as the ``.txt``
an analyst saves it as, and the forms other converters give the same tables (cells padded, no outer pipes,
aligned columns). Read line for line: every fact cites the file's own line.

The converter's columns are not always the report's (a header cell over two columns, a column merged into
its neighbour): the rows are rebuilt from their words by the tables' headers and sums, as text extracted
from a PDF is. What that does not give yet is pinned here: the 三公 table's two budget figures (a row of
figures alone under a twelve-column header) and the names of the four economic classes printed beside
each other on one row.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.markdown_text import as_plain_text, is_markdown
from budget_reports.text_serializations import SERIALIZERS, write_serialization
from tests.conftest import SEED_FILES, corpus_file
from tests.prose_support import HEADER, extract_text, metric
from tests.serialization_facts import facts, guessed_figures, shortfalls

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
# What the Markdown of the Putuo report does not give yet (matched at least, facts not the PDF's at most).
PINS = {"summary_metrics/table": (20, 0), "expenditure_economic/table": (23, 4)}


def test_a_pipe_table_is_read_as_rows_of_cells_line_for_line() -> None:
    markdown = (
        "## 收入决算表 \n\n单位：万元 \n\n"
        "|支<br>|出功能分<br>科目编码|类<br>|项目<br>科目名称|本年收入合<br>计|\n"
        "|---|---|---|---|---|\n"
        "|201|06|01|行政运行|1,511.90|\n"
        "|208|05|05|机关事业单位基本养老保险<br>缴费支出|160.75|\n"
        "|||||\n\n"
        "- 一、收入支出决算总表 \n"
        "上海市普陀区财政局 **2024** 年度部门决算 ![](page1.png) <!-- image -->\n"
    )
    text = as_plain_text(markdown)
    assert text.split("\n") == [
        "收入决算表 ",
        "",
        "单位：万元 ",
        "",
        "支  出功能分科目编码  类  项目科目名称  本年收入合计",
        "",
        "201  06  01  行政运行  1,511.90",
        "208  05  05  机关事业单位基本养老保险缴费支出  160.75",
        "",
        "",
        "一、收入支出决算总表 ",
        "上海市普陀区财政局 2024 年度部门决算  ",
        "",
    ]


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ("| 项目 | 决算数 |\n| :--- | ---: |\n| 合计 | 2,940.05 |", ["项目  决算数", "", "合计  2,940.05"]),
        ("项目 | 决算数\n--- | ---\n合计 | 2,940.05", ["项目  决算数", "", "合计  2,940.05"]),
        ("|项目|说明|\n|---|---|\n|甲|a \\| b|", ["项目  说明", "", "甲  a | b"]),
        ("|项目|决算数|\r\n|---|---|\r\n|合计|2,940.05|", ["项目  决算数", "", "合计  2,940.05"]),
    ],
)
def test_every_way_of_writing_a_pipe_table(table: str, rows: list[str]) -> None:
    """Cells padded (docling, pandoc), aligned columns, no outer pipes, an escaped pipe in a cell, Windows
    line ends."""
    assert is_markdown(table)
    assert as_plain_text(table).split("\n") == rows


def test_text_that_is_no_markdown_is_left_alone(tmp_path: Path) -> None:
    """No pipe table: nothing folds (a line of dashes, a pipe in a sentence, the seeds, each extractor's text)."""
    assert not is_markdown("附表：\n------\n收入 | 支出 两栏")
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES]
    texts += [write_serialization(corpus_file(PUTUO), name, tmp_path / name).read_text() for name in SERIALIZERS]
    assert texts and not any(is_markdown(text) for text in texts)


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("markdown")
    return {pdf: write_serialization(corpus_file(pdf), "pymupdf-markdown", folder) for pdf in (PUTUO, TEMPLATE)}


def test_the_converters_markdown_holds_pipe_tables(markdown: dict[str, Path]) -> None:
    for path in markdown.values():
        text = path.read_text(encoding="utf-8")
        assert path.suffix == ".md" and is_markdown(text)
        assert len(re.findall(r"^\|.*\|$", text, re.MULTILINE)) > 100


def _padded(text: str) -> str:
    """Cells set off by spaces (``| 合计 | 2,940.05 |``), as docling and pandoc write them."""
    return "\n".join(
        "| " + " | ".join(cell.strip() for cell in line[1:-1].split("|")) + " |" if line.startswith("|") else line
        for line in text.split("\n")
    )


def _without_outer_pipes(text: str) -> str:
    return "\n".join(line[1:-1] if line.startswith("|") and line.endswith("|") else line for line in text.split("\n"))


# The converter's file, the .txt an analyst saves it as, and the same tables as other tools write them.
FORMS = {
    ".md": lambda text: text,
    ".txt": lambda text: text,
    "padded.md": _padded,
    "no-outer-pipes.md": _without_outer_pipes,
    "crlf.md": lambda text: text.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_markdown_gives_the_pdfs_facts(markdown: dict[str, Path], form: str, tmp_path: Path) -> None:
    """Every view as from the PDF (the pins aside), no figure in a wrong row."""
    path = tmp_path / f"{Path(PUTUO).stem}{form if form.startswith('.') else '.' + form}"
    written = FORMS[form](markdown[PUTUO].read_text(encoding="utf-8"))
    path.write_bytes(written.encode("utf-8"))
    assert form in (".md", ".txt") or written != markdown[PUTUO].read_text(encoding="utf-8")
    truth_frames, got_frames = extract_frames(corpus_file(PUTUO)), extract_frames(path, PUTUO)
    truth, got = facts(truth_frames), facts(got_frames)
    assert sum(sum(rows.values()) for rows in truth.values()) > 100
    failures = shortfalls(truth, got, PINS, "the PDF", "the Markdown")
    assert not failures, "\n".join(failures)
    contradictions, _ = guessed_figures(truth_frames, got_frames)
    assert contradictions == []


def test_the_markdowns_evidence_cites_its_own_lines(markdown: dict[str, Path]) -> None:
    """A table fact's snippet stands on the line it cites, in the file as the analyst holds it."""
    path = markdown[PUTUO]
    lines = path.read_text(encoding="utf-8").split("\n")
    document = read_document(path, path.name)
    rows = [
        (cell.line, cell.text)
        for block in document.tables()
        for cell in block.table.cells
        if cell.line is not None and re.fullmatch(r"[\d,]+\.\d\d", cell.text)
    ]
    assert len(rows) > 100
    assert all(figure in lines[line - 1] for line, figure in rows)


def test_a_table_written_in_html_is_read_row_by_row(tmp_path: Path) -> None:
    """Some converters write every table in HTML, all on one line (``table_output="html"``, MinerU): each
    row becomes a line of its cells; one never closed is reported as not read, the prose around it read."""
    table = (
        '<table><tr><th colspan="2">收入</th></tr><tr><th>项目</th><th>决算数</th></tr>'
        "<tr><td>本年收入<br/>合计</td><td>2,946.25</td></tr></table>"
    )
    assert as_plain_text(f"## 收入\n{table}\n正文").split("\n") == [
        "收入",
        "收入",
        "项目  决算数",
        "本年收入合计  2,946.25",
        "正文",
    ]
    broken = f"{HEADER}## 收入支出决算总表\n\n<table><tr><td>本年收入合计</td><td>2,946.25</td></tr>\n\n"
    markdown = broken + "## 一、收入支出决算总体情况说明\n2024年度收、支总计各2,995.39万元。\n"
    assert is_markdown(markdown) and "<table" not in as_plain_text(markdown)
    result = extract_text(tmp_path, markdown, "report.md")
    line = broken.split("\n").index("<table><tr><td>本年收入合计</td><td>2,946.25</td></tr>") + 1
    assert result.report.parse_status == "partial"
    assert f"第{line}行以HTML写在Markdown中的表格未读取（其数字未录入）" in (result.report.error_message or "")
    assert metric(result, "收支总计").value == Decimal("2995.39")


@pytest.fixture(scope="module")
def markdown_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_serialization(corpus_file(PUTUO), "pymupdf-markdown-html", tmp_path_factory.mktemp("html"))


def test_the_markdown_with_html_tables_gives_the_pdfs_facts(markdown_html: Path) -> None:
    """Tables in HTML keep the report's columns: every view as from the PDF but the 三公 table's 接待费 budget."""
    assert markdown_html.read_text(encoding="utf-8").count("<table>") > 10
    truth_frames, got_frames = extract_frames(corpus_file(PUTUO)), extract_frames(markdown_html, PUTUO)
    truth, got = facts(truth_frames), facts(got_frames)
    failures = shortfalls(truth, got, {"summary_metrics/table": (21, 0)}, "the PDF", "the Markdown")
    assert not failures, "\n".join(failures)
    assert guessed_figures(truth_frames, got_frames)[0] == []
    assert read_document(markdown_html, markdown_html.name).lost == []
