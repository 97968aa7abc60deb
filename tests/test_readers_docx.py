"""DOCX files generated with python-docx from seed content, and legacy .doc files."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.readers import ReadError, read_document
from budget_reports.readers.legacy_doc import find_soffice
from tests.conftest import SEED_DIR

SEED = SEED_DIR / "000_1ca1b4d95d915062.txt"


def _seed_table_rows() -> list[list[str]]:
    """The first self-evaluation table of the seed, as the text reader gives it."""
    seed = read_document(SEED, SEED.name)
    table = next(seed.tables()).table
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def _read(path: Path) -> Document:
    return read_document(path, path.name)


def _report_docx(path: Path) -> None:
    """A short report: heading, prose, a table with merged cells, more prose."""
    word = docx.Document()
    word.add_heading("第一部分 部门概况", level=1)
    word.add_paragraph("（一）主要职能。")  # Normal style, recognised by the shared heading pattern
    word.add_paragraph("2021年度收、支总计516.82万元。与2020年相比，收、支总计各减少97.74万元，下降16%。")
    word.add_paragraph("")
    table = word.add_table(rows=4, cols=4)
    title = table.cell(0, 0).merge(table.cell(0, 3))  # gridSpan 4
    title.text = "2021年项目绩效目标自评表"
    label = table.cell(1, 0).merge(table.cell(3, 0))  # vMerge over three rows
    label.text = "项目预算\n执行情况"
    for r, row in enumerate([["预算数：", "5", "执行数："], ["其中：财政拨款", "5", "5"], ["其他资金", "0", "0"]], 1):
        for c, text in enumerate(row, 1):
            table.cell(r, c).text = text
    cell = table.cell(3, 3)
    cell.text = "第一段"
    cell.add_paragraph("第二段")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "嵌套甲"
    inner.cell(0, 1).text = "嵌套乙"
    word.add_paragraph("二、收入决算情况说明")
    word.save(str(path))


def test_blocks_come_in_document_order_with_headings(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    _report_docx(path)
    document = _read(path)
    assert document.file_format == "docx"
    assert [(b.kind, b.line) for b in document.blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 3),
        (BlockKind.TABLE, 5),  # line 4 is the empty paragraph
        (BlockKind.HEADING, 9),  # after the table's four rows
    ]
    assert document.blocks[0].text == "第一部分 部门概况"
    assert document.blocks[2].text.startswith("2021年度收、支总计516.82万元")


def test_merged_cells_become_spans_without_repeated_text(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    _report_docx(path)
    table = next(_read(path).tables()).table
    assert (table.n_rows, table.n_cols) == (4, 4)
    title = table.cell_at(0, 0)
    assert (title.text, title.col_span, title.row_span) == ("2021年项目绩效目标自评表", 4, 1)
    label = table.cell_at(1, 0)
    assert (label.text, label.row_span, label.col_span) == ("项目预算\n执行情况", 3, 1)
    assert [table.cell_at(r, c) for r, c in [(0, 1), (0, 3), (2, 0), (3, 0)]] == [None] * 4
    texts = [c.text for c in table.cells]
    assert texts.count("2021年项目绩效目标自评表") == 1 and texts.count("项目预算\n执行情况") == 1
    assert table.grid()[1] == ["项目预算\n执行情况", "预算数：", "5", "执行数："]
    assert table.grid()[2] == ["", "其中：财政拨款", "5", "5"]
    assert [c.line for c in table.row_cells(2)] == [7, 7, 7]


def test_cell_paragraphs_and_nested_tables_join_with_newlines(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    _report_docx(path)
    table = next(_read(path).tables()).table
    assert table.cell_at(3, 3).text == "第一段\n第二段\n嵌套甲\n嵌套乙"


def test_seed_table_written_to_docx_reads_back_cell_for_cell(tmp_path: Path) -> None:
    rows = _seed_table_rows()
    width = max(len(r) for r in rows)
    word = docx.Document()
    word.add_paragraph("附件3：")
    table = word.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "seed.docx"
    word.save(str(path))
    document = _read(path)
    assert document.blocks[0].kind is BlockKind.HEADING and document.blocks[0].text == "附件3："
    read_back = next(document.tables()).table
    assert read_back.grid() == [row + [""] * (width - len(row)) for row in rows]
    assert read_back.cell_at(3, 0).text == "项目预算\n执行情况\n（万元）"


def test_docx_saved_under_doc_name_is_read_as_word(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    _report_docx(path)
    doc = tmp_path / "report.doc"
    shutil.copy(path, doc)
    document = _read(doc)
    assert document.file_format == "doc"
    assert [b.text for b in document.blocks] == [b.text for b in _read(path).blocks]


def _binary_doc(path: Path) -> None:
    # The OLE compound-file signature real .doc files start with, then filler.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


def test_binary_doc_without_libreoffice_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    assert find_soffice() is None
    path = tmp_path / "旧报告.doc"
    _binary_doc(path)
    with pytest.raises(ReadError) as error:
        _read(path)
    assert "LibreOffice" in str(error.value) and "另存为 .docx" in str(error.value)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_binary_doc_is_converted_by_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    _report_docx(source)
    import subprocess

    subprocess.run(
        [find_soffice(), "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(source)],
        check=True,
        timeout=180,
    )
    document = _read(tmp_path / "out" / "report.doc")
    assert document.file_format == "doc"
    assert document.blocks[0].text == "第一部分 部门概况"


def test_word_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(ReadError, match="不是有效的 DOCX 文件"):
        _read(path)
