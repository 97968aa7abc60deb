"""Web pages generated in UTF-8 and GBK: encodings, headings, paragraphs, tables with spans, broken markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.readers import read_document

PAGE = """<!DOCTYPE html>
<html><head>{meta}<title>页面标题不算正文</title>
<style>p {{ color: red; }} .x::before {{ content: "样式文字"; }}</style>
<script>var s = "脚本文字（不应出现）";</script></head>
<body>
<h1>中共泸州市直属机关工作委员会2021年度部门决算</h1>
<h2>第一部分 部门概况</h2>
<p>2021年度收、支总计<b>516.82</b>万元。与2020年相比，
收、支总计各减少97.74万元，下降16%。<br>主要变动原因是人员变动。</p>
<div>（一）主要职能。<span>&nbsp;</span></div>
<table border="1">
  <tr><th colspan="4">收入支出决算总表</th></tr>
  <tr><td rowspan="2">项目<br>（万元）</td><td>决算数</td><td colspan="2">说明</td></tr>
  <tr><td>436.91</td><td>一般公共预算</td><td>财政<br/>拨款</td></tr>
  <tr><td>合计</td><td>508.65</td><td></td><td><p>第一段</p><p>第二段</p></td></tr>
</table>
<!-- 注释文字 -->
<p>二、收入决算情况说明</p>
</body></html>
"""


def _write(tmp_path: Path, name: str, encoding: str, meta: str) -> Path:
    path = tmp_path / name
    path.write_bytes(PAGE.format(meta=meta).encode(encoding))
    return path


def _read(path: Path) -> Document:
    return read_document(path, path.name)


def _check_page(document: Document) -> None:
    assert document.file_format == "html"
    assert [(b.kind, b.line) for b in document.blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 3),
        (BlockKind.PARAGRAPH, 4),
        (BlockKind.HEADING, 5),
        (BlockKind.TABLE, 6),
        (BlockKind.HEADING, 10),
    ]
    texts = [b.text for b in document.blocks]
    assert texts[0] == "中共泸州市直属机关工作委员会2021年度部门决算"
    # HTML line breaks in the source are spaces; <br> starts a new paragraph.
    assert texts[2] == "2021年度收、支总计516.82万元。与2020年相比， 收、支总计各减少97.74万元，下降16%。"
    assert texts[3] == "主要变动原因是人员变动。"
    assert texts[4] == "（一）主要职能。"
    everything = "\n".join(texts)
    for hidden in ("脚本文字", "样式文字", "页面标题", "注释文字"):
        assert hidden not in everything


def _check_table(document: Document) -> None:
    table = next(document.tables()).table
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.grid() == [
        ["收入支出决算总表", "", "", ""],
        ["项目\n（万元）", "决算数", "说明", ""],
        ["", "436.91", "一般公共预算", "财政\n拨款"],
        ["合计", "508.65", "", "第一段\n第二段"],
    ]
    assert table.cell_at(0, 0).col_span == 4
    assert (table.cell_at(1, 0).row_span, table.cell_at(1, 2).col_span) == (2, 2)
    assert table.cell_at(2, 0) is None and table.cell_at(1, 3) is None
    assert [c.line for c in table.row_cells(2)] == [8, 8, 8]


@pytest.mark.parametrize(
    ("encoding", "meta"),
    [
        ("utf-8", '<meta charset="utf-8">'),
        ("utf-8-sig", ""),
        ("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'),
        ("gb2312", '<meta charset="gb2312">'),
        ("gbk", ""),  # no declaration: detected
    ],
)
def test_page_in_each_encoding_reads_the_same(tmp_path: Path, encoding: str, meta: str) -> None:
    document = _read(_write(tmp_path, "report.html", encoding, meta))
    _check_page(document)
    _check_table(document)


def test_wrong_declared_charset_falls_back_to_what_the_bytes_are(tmp_path: Path) -> None:
    document = _read(_write(tmp_path, "report.htm", "gbk", '<meta charset="utf-8">'))
    _check_page(document)


def test_malformed_page_still_reads_what_it_can(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><h2>一、收入支出决算总体情况说明<p>2021年度收、支总计516.82万元。"
        "<table><tr><td>项目<td>决算数</tr><tr><td>合计<td>516.82</td></td></td>"
        "<p>表后文字</div></span><table><tr><td>残缺",
        encoding="utf-8",
    )
    document = _read(path)
    texts = [b.text for b in document.text_blocks()]
    assert "2021年度收、支总计516.82万元。" in texts
    tables = [b.table.grid() for b in document.tables()]
    assert tables[0][:2] == [["项目", "决算数"], ["合计", "516.82"]]
    assert any("残缺" in b.text for b in document.blocks)
