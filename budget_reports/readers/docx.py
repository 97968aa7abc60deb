"""Word documents (.docx) with python-docx: body paragraphs and tables in document order.

Line numbers refer to the document's text as if written out one paragraph per line and one table
row per line, in order: the n-th such line is line n. Merged cells become one cell with spans
(``gridSpan`` → ``col_span``, ``vMerge`` → ``row_span``); the positions they cover hold no cell.
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from docx.oxml.table import CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml import etree

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.docx_depth import Flattened, flatten_deep_parts
from budget_reports.readers.errors import ReadError
from budget_reports.readers.headings import is_heading
from budget_reports.readers.ocr_picture import picture_blocks
from budget_reports.readers.text import strip_markers
from budget_reports.readers.zipguard import check_zip

_HEADING_STYLE = re.compile(r"^(heading|标题|title)\s*\d*$", re.IGNORECASE)
_BODY = "word/document.xml"


def read(path: Path, source_file: str, file_format: str = "docx") -> Document:
    check_zip(path, "DOCX", required=_BODY)
    lost: list[str] = []
    try:
        word = _open(path)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" not in str(exc):
            raise ReadError(f"DOCX 文件已损坏或不是 Word 文档，无法打开（{type(exc).__name__}）") from exc
        word, flattened = _open_flattened(path)
        lost.append(flattened.message)
    document = Document(source_file=source_file, file_format=file_format, lost=lost)
    style_names = _paragraph_style_names(word)
    line = 1
    for item in _body_items(word):
        if isinstance(item, Paragraph):
            text = strip_markers(_paragraph_text(item._p)).strip()
            if text:
                kind = BlockKind.HEADING if _is_heading(item, text, style_names) else BlockKind.PARAGRAPH
                document.blocks.append(Block(kind, text, None, line))
            _read_pictures(word, item, line, document)
            line += 1
        else:
            table = _table(item, line)
            if table.n_rows:
                text = "\n".join("\t".join(row) for row in table.grid())
                document.blocks.append(Block(BlockKind.TABLE, text, None, line, table))
            line += max(table.n_rows, 1)
    return document


def _body_items(word: docx.document.Document) -> Iterator[Paragraph | DocxTable]:
    """Body paragraphs and tables in order, from the children directly: python-docx selects them with an
    XPath union, which libxml2 merges in time quadratic in the number of body elements."""
    for element in word.element.body.iterchildren(_P, _TBL):
        yield Paragraph(element, word._body) if element.tag == _P else DocxTable(element, word._body)


def _open(source: Path | io.BytesIO) -> docx.document.Document:
    """The document, or ``ReadError`` for a damaged package; the XML parser's own errors pass through."""
    try:
        return docx.Document(source if isinstance(source, io.BytesIO) else str(source))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error) as exc:
        raise ReadError(f"DOCX 文件已损坏或不是 Word 文档，无法打开（{type(exc).__name__}）") from exc


def _open_flattened(path: Path) -> tuple[docx.document.Document, Flattened]:
    """The document with the parts of its body nested deeper than the XML parser allows flattened
    (``docx_depth``); the package is rebuilt in memory, the file is left alone."""
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    body = next(data for info, data in parts if info.filename == _BODY)
    try:
        flattened = flatten_deep_parts(body)
    except xml.parsers.expat.ExpatError as exc:
        raise ReadError(f"DOCX 文件已损坏：正文 XML 不完整（{exc}）") from exc
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            package.writestr(info.filename, flattened.xml if info.filename == _BODY else data)
    try:
        return _open(rebuilt), flattened
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"DOCX 文件已损坏或不是 Word 文档，无法打开（{type(exc).__name__}）") from exc


_PICTURES = etree.XPath(".//a:blip/@r:embed", namespaces=nsmap)


def _read_pictures(word: docx.document.Document, paragraph: Paragraph, line: int, document: Document) -> None:
    """Tables pasted as pictures in the paragraph, read by OCR (``ocr_picture``)."""
    for part_id in _PICTURES(paragraph._p):
        part = word.part.related_parts.get(part_id)
        if part is None:
            continue
        blocks, unread = picture_blocks(part.blob, line)
        if blocks:
            document.blocks.extend(blocks)
            document.unread_figures.extend(unread)
            document.ocr_lines.add(line)
            document.warnings.append(f"第{line}段的图片中有表格，已用OCR识别，所得数据请对照原件核实")


# Compiled once: python-docx's ``xpath`` compiles its expression on every call, most of the time of a long table.
_RUN_CONTENT = etree.XPath(".//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr", namespaces=nsmap)
_P, _TBL = qn("w:p"), qn("w:tbl")


def _paragraph_text(p: CT_P) -> str:
    """All visible run text of a ``w:p``, including runs python-docx's ``text`` leaves out (tracked
    insertions, smart tags, simple fields, inline content controls); deleted text (``w:delText``) stays out."""
    parts = []
    for element in _RUN_CONTENT(p):
        tag = element.tag.rsplit("}", 1)[-1]
        parts.append(element.text or "" if tag == "t" else "\t" if tag == "tab" else "\n")
    return "".join(parts)


def _paragraph_style_names(word: docx.document.Document) -> dict[str | None, str]:
    """Paragraph style names by style id, the default style's under None: looked up once, since
    python-docx's ``Paragraph.style`` scans every style of the document for each paragraph."""
    names: dict[str | None, str] = {
        style.style_id: style.name or "" for style in word.styles if style.type == WD_STYLE_TYPE.PARAGRAPH
    }
    default = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    names[None] = default.name or "" if default is not None else ""
    return names


def _is_heading(paragraph: Paragraph, text: str, style_names: dict[str | None, str]) -> bool:
    style = style_names.get(paragraph._p.style, style_names[None])  # an unknown id: the default, as Word does
    if _HEADING_STYLE.match(style or ""):
        return True
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.find(qn("w:outlineLvl")) is not None:
        return len(text) <= 60
    return is_heading(text)


def _table(table: DocxTable, first_line: int) -> Table:
    """Cell grid of a Word table, merged cells as spans."""
    spans: dict[tuple[int, int], list] = {}  # origin (row, col) -> [text, row_span, col_span]
    open_vmerge: dict[int, tuple[int, int]] = {}  # grid column -> origin of the vertical merge there
    n_cols = 0
    rows = table._tbl.tr_lst
    for r, tr in enumerate(rows):
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            merge = tc.vMerge
            origin = open_vmerge.get(col)
            if merge == "continue" and origin is not None and spans[origin][2] == span:
                spans[origin][1] = r - origin[0] + 1  # covered position: no cell, no repeated text
            else:
                spans[(r, col)] = [_cell_text(tc), 1, span]
                for c in range(col, col + span):
                    open_vmerge.pop(c, None)
                if merge == "restart":
                    open_vmerge[col] = (r, col)
            col += span
        n_cols = max(n_cols, col)
    cells = tuple(
        Cell(r, c, text, row_span=row_span, col_span=col_span, line=first_line + r)
        for (r, c), (text, row_span, col_span) in sorted(spans.items())
    )
    return Table(cells, len(rows), n_cols, line=first_line)


def _cell_text(tc: CT_Tc) -> str:
    """Paragraphs of a ``w:tc``, nested tables included, joined with newlines."""
    parts: list[str] = []
    for child in tc.iterchildren(_P, _TBL):
        if child.tag == _P:
            parts.append(strip_markers(_paragraph_text(child)).strip())
        else:
            parts.extend(_cell_text(inner) for tr in child.tr_lst for inner in tr.tc_lst)
    return "\n".join(part for part in parts if part)
