"""Web pages (.html/.htm, and web pages saved under .xls/.doc names) with BeautifulSoup and lxml.

The encoding comes from a BOM, else the page's declared charset, else detection (``decode.py``).
Headings h1–h6, paragraphs (a ``<br>`` starts a new one) and tables with rowspan/colspan, in
document order; scripts and styles are ignored. Line numbers refer to the page's text written out
one paragraph per line and one table row per line. Broken markup is read as far as lxml recovers it.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.decode import decode
from budget_reports.readers.text import is_heading

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
    decoded = decode(data, declared=_declared_charset(data[:4096]))
    text, encoding = decoded.text, decoded.label
    document = Document(source_file=source_file, file_format="html", lost=decoded.lost)
    soup = BeautifulSoup(text, "lxml")
    walker = _Walker()
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


class _Walker:
    """Collects blocks in document order; inline text accumulates until a block boundary."""

    def __init__(self, first_line: int = 1) -> None:
        self.blocks: list[Block] = []
        self.line = first_line
        self._buffer: list[str] = []

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
