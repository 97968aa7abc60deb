"""Web pages (.html/.htm, and web pages saved under .xls/.doc names) with BeautifulSoup and lxml.

The encoding comes from a BOM, else the page's declared charset, else detection (``decode.py``).
Headings h1–h6, paragraphs (a ``<br>`` starts a new one) and tables with rowspan/colspan, in
document order; scripts and styles are ignored. A picture (``<img>``, inline as a data URI or a
file beside the page) that holds a ruled table is read by OCR (``ocr_picture``) at its place.
Line numbers refer to the page's text written out one paragraph per line, one table row per line
and one line per picture read. Broken markup is read as far as lxml recovers it.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.decode import decode_text
from budget_reports.readers.headings import is_heading
from budget_reports.readers.ocr_picture import picture_blocks

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_HTML_START = re.compile(rb"^\s*<(!doctype\s+html|html|head|body|meta|table|div|p|h[1-6]|\?xml|!--)", re.IGNORECASE)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
    ]
)
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")  # HTML whitespace only: \u3000 and &nbsp; are content
_MAX_SPAN = 1000  # a rowspan/colspan beyond this is a typo, not a table


def looks_like_html(head: bytes) -> bool:
    return _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def read(path: Path, source_file: str) -> Document:
    data = path.read_bytes()
    text, encoding = decode_text(data, declared=_declared_charset(data[:4096]))
    document = Document(source_file=source_file, file_format="html")
    soup = BeautifulSoup(text, "lxml")
    walker = _Walker(pictures=_Pictures(path.parent, document))
    walker.walk(soup)
    walker.flush()
    document.blocks = walker.blocks
    if not document.blocks:
        document.warnings.append("网页中没有可读取的正文或表格")
    if encoding not in ("utf-8", "ascii"):
        document.warnings.append(f"网页编码为 {encoding}")
    return document


def _declared_charset(head: bytes) -> str | None:
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


_DATA_URI = re.compile(r"^data:image/[\w.+-]+;base64,", re.IGNORECASE)
# A picture file larger than this is not read (the page's own size limit keeps the rest small).
_MAX_PICTURE_BYTES = 30 * 1024 * 1024


class _Pictures:
    """The page's pictures: their bytes (inline, or a file inside the page's folder) and what OCR read."""

    def __init__(self, folder: Path, document: Document) -> None:
        self.folder = folder.resolve()
        self.document = document

    def data(self, source: str) -> bytes | None:
        source = source.strip()
        if match := _DATA_URI.match(source):
            try:
                return base64.b64decode(source[match.end() :], validate=False)
            except (binascii.Error, ValueError):
                return None
        if not source or ":" in source.split("/")[0]:
            return None  # a web address: nothing is fetched
        target = (self.folder / source.split("?")[0].split("#")[0]).resolve()
        if not target.is_relative_to(self.folder) or not target.is_file():
            return None
        if target.stat().st_size > _MAX_PICTURE_BYTES:
            return None
        return target.read_bytes()

    def read(self, source: str, line: int) -> list[Block]:
        data = self.data(source)
        if data is None:
            return []
        blocks, unread = picture_blocks(data, line)
        if blocks:
            self.document.ocr_lines.add(line)
            self.document.unread_figures.extend(unread)
            self.document.warnings.append(f"第{line}行的图片中有表格，已用OCR识别，所得数据请对照原件核实")
        return blocks


class _Walker:
    """Collects blocks in document order; inline text accumulates until a block boundary."""

    def __init__(self, first_line: int = 1, pictures: _Pictures | None = None) -> None:
        self.blocks: list[Block] = []
        self.line = first_line
        self._buffer: list[str] = []
        self._pictures = pictures

    def walk(self, node: Tag) -> None:
        for child in node.children:
            self.visit(child)

    def visit(self, child: object) -> None:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, doctype or CDATA
                self._buffer.append(_WHITESPACE.sub(" ", str(child)))
            return
        if not isinstance(child, Tag) or child.name in _SKIP:
            return
        name = child.name
        if name == "br":
            self._buffer.append("\n")
        elif name == "img" and self._pictures is not None:
            self._picture(str(child.get("src") or ""))
        elif name == "table":
            self.flush()
            self._table(child)
        elif name in _HEADINGS:
            self.flush()
            text = _inline_text(child)
            if text:
                self.blocks.append(Block(BlockKind.HEADING, text, None, self.line))
                self.line += 1
        elif name in _BLOCKS:
            self.flush()
            self.walk(child)
            self.flush()
        else:
            self.walk(child)

    def flush(self) -> None:
        for part in "".join(self._buffer).split("\n"):
            text = part.strip()
            if text:
                kind = BlockKind.HEADING if is_heading(text) else BlockKind.PARAGRAPH
                self.blocks.append(Block(kind, text, None, self.line))
                self.line += 1
        self._buffer = []

    def _picture(self, source: str) -> None:
        """A picture holding a table ends the paragraph before it; any other stays out of the text."""
        assert self._pictures is not None
        pending = sum(1 for part in "".join(self._buffer).split("\n") if part.strip())
        blocks = self._pictures.read(source, self.line + pending)
        if blocks:
            self.flush()
            self.blocks.extend(blocks)
            self.line += 1

    def _table(self, element: Tag) -> None:
        table = _table(element, self.line)
        if table.n_rows:
            text = "\n".join("\t".join(row) for row in table.grid())
            self.blocks.append(Block(BlockKind.TABLE, text, None, self.line, table))
            self.line += table.n_rows
        # Broken markup can leave text or tables between rows, outside any cell: read it after the table.
        for row in _own_rows(element):
            for child in row.children:
                if not (isinstance(child, Tag) and child.name in ("td", "th")):
                    self.visit(child)
            self.flush()


def _inline_text(element: Tag) -> str:
    walker = _Walker()
    walker.walk(element)
    walker.flush()
    return "\n".join(block.text for block in walker.blocks)


def _span(value: object) -> int:
    digits = re.match(r"\s*(\d+)", str(value or ""))
    return min(max(int(digits.group(1)), 1), _MAX_SPAN) if digits else 1


def _own_rows(element: Tag) -> list[Tag]:
    return [tr for tr in element.find_all("tr") if tr.find_parent("table") is element]


def _table(element: Tag, first_line: int) -> Table:
    rows = _own_rows(element)
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_cols = 0
    for r, tr in enumerate(rows):
        col = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, col) in occupied:
                col += 1
            row_span = min(_span(td.get("rowspan")), len(rows) - r)
            col_span = _span(td.get("colspan"))
            occupied.update((r + dr, col + dc) for dr in range(row_span) for dc in range(col_span))
            cells.append(Cell(r, col, _inline_text(td), row_span=row_span, col_span=col_span, line=first_line + r))
            col += col_span
            n_cols = max(n_cols, col)
    return Table(tuple(cells), len(rows), n_cols, line=first_line)
