"""Web pages (.html/.htm, and web pages saved under .xls/.doc names), read as a stream of lxml parser events.

The encoding comes from a BOM, else the page's declared charset, else detection (``decode.py``).
Headings h1–h6, paragraphs (a ``<br>`` starts a new one) and tables with rowspan/colspan, in
document order; scripts and styles are ignored. A picture (``<img>``, inline as a data URI or a
file beside the page) that holds a ruled table is read by OCR (``ocr_picture``) at its place.
Line numbers refer to the page's text written out one paragraph per line, one table row per line
and one line per picture read. Broken markup is read as far as lxml recovers it.

No tree is built and nothing recurses: the page is fed to lxml's parser in chunks and each start
tag, end tag and run of text updates a few stacks, so a page nested 100,000 elements deep or holding
a table of 200,000 rows is read in time and memory proportional to its size.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.decode import decode
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
    decoded = decode(data, declared=_declared_charset(data[:4096]))
    document = Document(source_file=source_file, file_format="html", lost=decoded.lost)
    document.blocks = read_markup(decoded.text, _Pictures(path.parent, document))
    if not document.blocks:
        document.warnings.append("网页中没有可读取的正文或表格")
    if decoded.label not in ("utf-8", "ascii"):
        document.warnings.append(f"网页编码为 {decoded.label}")
    return document


def read_markup(text: str, pictures: _Pictures | None = None) -> list[Block]:
    """The blocks of an HTML page's (decoded) text; ``pictures`` reads the tables pictured in it."""
    walker = _Walker(pictures)
    parser = etree.HTMLParser(target=walker, recover=True, no_network=True)
    for start in range(0, len(text), _FEED_CHARS):
        parser.feed(text[start : start + _FEED_CHARS])
    parser.close()
    return walker.blocks


_FEED_CHARS = 1 << 20


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


class _Collector:
    """Blocks in document order; inline text accumulates until a block boundary."""

    def __init__(self, first_line: int = 1) -> None:
        self.blocks: list[Block] = []
        self.line = first_line
        self._parts: list[str] = []  # finished runs of text, and "\n" for each <br>
        self._run: list[str] = []  # text since the last <br> or boundary, whitespace not yet collapsed

    def text(self, data: str) -> None:
        self._run.append(data)

    def line_break(self) -> None:
        self._close_run()
        self._parts.append("\n")

    def flush(self) -> None:
        self._close_run()
        for part in "".join(self._parts).split("\n"):
            text = part.strip()
            if text:
                kind = BlockKind.HEADING if is_heading(text) else BlockKind.PARAGRAPH
                self.blocks.append(Block(kind, text, None, self.line))
                self.line += 1
        self._parts = []

    def pending_lines(self) -> int:
        """Lines the text collected since the last flush will take."""
        self._close_run()
        return sum(1 for part in "".join(self._parts).split("\n") if part.strip())

    def joined(self) -> str:
        """Everything collected, one block per line (the text of a heading or a cell)."""
        self._close_run()
        rest = (part.strip() for part in "".join(self._parts).split("\n"))
        return "\n".join([*(block.text for block in self.blocks), *(part for part in rest if part)])

    def _close_run(self) -> None:
        if self._run:
            self._parts.append(_WHITESPACE.sub(" ", "".join(self._run)))
            self._run = []


class _TableBuilder:
    """Cells of one table as its rows stream past; spans reserve the positions below them."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.cells: list[tuple[int, int, str, int, int]] = []  # row, col, text, row_span, col_span
        self.n_rows = 0
        self.n_cols = 0
        # Text in a row outside its cells (broken markup): read after the table, lines counted from 0.
        self.stray = _Collector(first_line=0)
        self._spans: list[tuple[int, int, int]] = []  # (first col, end col, last row) of open row spans
        self._covered: list[tuple[int, int]] = []  # merged column ranges the current row inherits
        self._col = 0

    def start_row(self) -> None:
        row = self.n_rows
        self.n_rows += 1
        self._spans = [span for span in self._spans if span[2] >= row]
        self._covered = _merged_ranges((first, end) for first, end, _ in self._spans)
        self._col = 0

    def add_cell(self, text: str, row_span: int, col_span: int) -> None:
        row = self.n_rows - 1
        col = self._free_column(self._col)
        self.cells.append((row, col, text, row_span, col_span))
        if row_span > 1:
            self._spans.append((col, col + col_span, row + row_span - 1))
        self._col = col + col_span
        self.n_cols = max(self.n_cols, self._col)

    def _free_column(self, col: int) -> int:
        for first, end in self._covered:  # sorted and disjoint
            if end <= col:
                continue
            if first > col:
                break
            col = end
        return col

    def table(self) -> Table:
        cells = tuple(
            Cell(r, c, text, row_span=min(rs, self.n_rows - r), col_span=cs, line=self.first_line + r)
            for r, c, text, rs, cs in self.cells
        )
        return Table(cells, self.n_rows, self.n_cols, line=self.first_line)


def _merged_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, end in sorted(ranges):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((first, end))
    return merged


# What the children of an element are: running content, the inside of a table outside its rows
# (ignored, but rows are found there), or the inside of a row (cells, and stray content).
_FLOW, _IN_TABLE, _IN_ROW = 0, 1, 2


class _Walker:
    """lxml parser target: turns start/end/data events into blocks with explicit stacks."""

    def __init__(self, pictures: _Pictures | None = None) -> None:
        self._pictures = pictures
        self._collectors = [_Collector()]
        self._tables: list[_TableBuilder] = []
        # Per open element: what its children are, and what to do when it ends.
        self._open: list[tuple[int, Callable[[], None] | None]] = []
        self._skipping = 0  # depth inside an element whose content is not read (script, style ...)

    @property
    def blocks(self) -> list[Block]:
        return self._collectors[0].blocks

    def start(self, tag: str, attrib: dict) -> None:
        if self._skipping or tag in _SKIP:
            self._skipping += 1
            return
        context = self._open[-1][0] if self._open else _FLOW
        if context == _IN_TABLE:
            self._start_in_table(tag)
        elif context == _IN_ROW and tag in ("td", "th"):
            self._start_cell(attrib)
        else:
            self._start_in_flow(tag, attrib)

    def end(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= 1
            return
        if self._open:
            _, on_end = self._open.pop()
            if on_end is not None:
                on_end()

    def data(self, text: str) -> None:
        if not self._skipping and (not self._open or self._open[-1][0] != _IN_TABLE):
            self._collectors[-1].text(text)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        while self._open:  # lxml closes what the page leaves open; this is only a safeguard
            self.end("")
        self._collectors[0].flush()

    def _start_in_flow(self, tag: str, attrib: dict) -> None:
        current = self._collectors[-1]
        if tag == "img" and self._pictures is not None and len(self._collectors) == 1:
            self._picture(current, str(attrib.get("src") or ""))
            self._open.append((_FLOW, None))
        elif tag == "br":
            current.line_break()
            self._open.append((_FLOW, None))
        elif tag == "table":
            current.flush()
            self._tables.append(_TableBuilder(current.line))
            self._open.append((_IN_TABLE, self._end_table))
        elif tag in _HEADINGS:
            current.flush()
            self._collectors.append(_Collector())
            self._open.append((_FLOW, self._end_heading))
        elif tag in _BLOCKS:
            current.flush()
            self._open.append((_FLOW, current.flush))
        else:
            self._open.append((_FLOW, None))

    def _picture(self, current: _Collector, source: str) -> None:
        """A picture holding a table ends the paragraph before it; any other stays out of the text."""
        assert self._pictures is not None
        blocks = self._pictures.read(source, current.line + current.pending_lines())
        if blocks:
            current.flush()
            current.blocks.extend(blocks)
            current.line += 1

    def _start_in_table(self, tag: str) -> None:
        if tag == "tr":
            table = self._tables[-1]
            table.start_row()
            self._collectors.append(table.stray)
            self._open.append((_IN_ROW, self._end_row))
        elif tag == "table":  # a table inside a table but outside its cells is not read
            self._skipping = 1
        else:  # tbody, thead, caption ...: rows may be found inside
            self._open.append((_IN_TABLE, None))

    def _start_cell(self, attrib: dict) -> None:
        spans = (_span(attrib.get("rowspan")), _span(attrib.get("colspan")))
        self._collectors.append(_Collector())
        self._open.append((_FLOW, lambda: self._end_cell(*spans)))

    def _end_cell(self, row_span: int, col_span: int) -> None:
        text = self._collectors.pop().joined()
        self._tables[-1].add_cell(text, row_span, col_span)

    def _end_row(self) -> None:
        self._collectors.pop().flush()

    def _end_heading(self) -> None:
        text = self._collectors.pop().joined()
        current = self._collectors[-1]
        if text:
            current.blocks.append(Block(BlockKind.HEADING, text, None, current.line))
            current.line += 1

    def _end_table(self) -> None:
        builder = self._tables.pop()
        current = self._collectors[-1]
        table = builder.table()
        if table.n_rows:
            text = "\n".join("\t".join(row) for row in table.grid())
            current.blocks.append(Block(BlockKind.TABLE, text, None, builder.first_line, table))
            current.line += table.n_rows
        builder.stray.flush()
        for block in builder.stray.blocks:
            current.blocks.append(replace(block, line=current.line + (block.line or 0)))
        current.line += builder.stray.line


def _span(value: object) -> int:
    if value is None:
        return 1
    digits = re.match(r"\s*(\d+)", str(value or ""))
    return min(max(int(digits.group(1)), 1), _MAX_SPAN) if digits else 1
