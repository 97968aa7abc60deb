"""Word documents nested deeper than the XML parser allows: the deep part is flattened to paragraphs of its
text, the report is partial with the depth and what was dropped, and the rest is read as usual."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.readers import ReadError, read_document
from budget_reports.readers.docx_depth import MAX_XML_DEPTH
from tests.extreme_inputs import AFTER_DEEP, BEFORE_DEEP, DEEP_TEXT, deep_docx, docx_with_body, paragraph_xml

ROW = "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>"


def _table(*rows: tuple[str, str]) -> str:
    return "<w:tbl>" + "".join(ROW.format(paragraph_xml(a), paragraph_xml(b)) for a, b in rows) + "</w:tbl>"


# The ways a body gets too deep: tables in tables (pasted again and again), content controls in content
# controls, and inline wrappers (hyperlinks, smart tags) inside one paragraph.
def _nested_tables(depth: int) -> str:
    return "<w:tbl><w:tr><w:tc>" * depth + paragraph_xml(DEEP_TEXT) + "</w:tc></w:tr></w:tbl>" * depth


def _nested_content_controls(depth: int) -> str:
    return "<w:sdt><w:sdtContent>" * depth + paragraph_xml(DEEP_TEXT) + "</w:sdtContent></w:sdt>" * depth


def _nested_inline(depth: int) -> str:
    inner = "<w:r><w:t>本年支出</w:t></w:r>" + "<w:hyperlink>" * depth
    inner += "<w:r><w:t>合计516.82</w:t></w:r>" + "</w:hyperlink>" * depth + "<w:r><w:t>万元。</w:t></w:r>"
    return f"<w:p>{inner}</w:p>"


FAMILIES = {"tables": _nested_tables, "content-controls": _nested_content_controls, "inline": _nested_inline}


def _texts(path: Path) -> tuple[list[str], list[str]]:
    document = read_document(path, path.name)
    return [block.text for block in document.blocks], document.lost


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("depth", [300, 5_000])  # wrappers: each one level or more
def test_every_family_of_deep_body_keeps_its_text_and_says_what_was_dropped(
    family: str, depth: int, tmp_path: Path
) -> None:
    body = (
        paragraph_xml(BEFORE_DEEP) + FAMILIES[family](depth) + _table(("2010101", "352.70")) + paragraph_xml(AFTER_DEEP)
    )
    texts, lost = _texts(docx_with_body(tmp_path / "deep.docx", body))
    assert texts[0] == BEFORE_DEEP and texts[-2:] == ["2010101\t352.70", AFTER_DEEP]  # the rest: as usual
    assert "".join(texts[1:-2]).replace("\n", "") == DEEP_TEXT  # the deep words, in order, none added
    assert len(lost) == 1 and f"超过可读取的 {MAX_XML_DEPTH} 层" in lost[0] and "已舍弃其结构" in lost[0]


def test_a_document_just_over_the_limit_is_partial_and_one_under_it_is_whole(tmp_path: Path) -> None:
    texts, lost = _texts(deep_docx(tmp_path / "over.docx", levels=MAX_XML_DEPTH + 1))
    assert texts == [BEFORE_DEEP, DEEP_TEXT, AFTER_DEEP]
    assert len(lost) == 1 and "嵌套 257 层" in lost[0] and "保留为 1 个段落" in lost[0]
    texts, lost = _texts(deep_docx(tmp_path / "under.docx", levels=MAX_XML_DEPTH - 2))
    assert lost == [] and texts[0] == BEFORE_DEEP and texts[-1] == AFTER_DEEP
    assert DEEP_TEXT in texts[1]  # read as nested tables, structure kept


def test_a_document_100000_levels_deep_is_read(tmp_path: Path) -> None:
    texts, lost = _texts(deep_docx(tmp_path / "deep.docx", levels=100_000))
    assert texts == [BEFORE_DEEP, DEEP_TEXT, AFTER_DEEP]
    assert "嵌套 100001 层" in lost[0]


def test_a_deep_body_cut_short_is_refused_as_damaged(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "cut.docx", _nested_tables(400) + "</w:tc>")
    with pytest.raises(ReadError, match="DOCX 文件已损坏"):
        read_document(path, path.name)
