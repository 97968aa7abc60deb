"""Markdown, as PDF-to-Markdown converters write a report (PyMuPDF's ``to_markdown``, docling, marker,
pandoc): read as the plain text it stands for, line for line.

A converter writes each table as a pipe table (``|201|06|01|行政运行|1,511.89|…|``, a delimiter row
``|---|---|`` under its first row, a cell's own line breaks as ``<br>``) and marks up the prose
(``## 收入决算表``, ``**2024**``, ``- 一、…`` for a list of titles). Each table row becomes a line of its
cells parted by two spaces, as a text extracted from a PDF prints a row, empty cells left out: the
converter's columns are not the report's (a header cell over two columns, a column merged into its
neighbour, a table continued on the next page with its first row taken for a header), so the rows are
rebuilt as the text reader rebuilds any row written on one line, by the table's header and its sums.
The delimiter row becomes a blank line, so that every line keeps its number: evidence cites the file's
own lines. A table some converters write in HTML (``<table><tr><td>…``, all its rows on one line: MinerU,
PyMuPDF's ``table_output="html"``) keeps the report's columns (its spans are marked): each of its rows
becomes a line of its cells, so the lines after it are counted as the text is read, as a web page's are
(one line per table row). One that cannot be read (no ``</table>``) is reported as not read.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# A pipe table's delimiter row: ``|---|:---:|---:|``, its outer pipes optional, one column at least.
_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_DELIMITER_ANYWHERE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\S)")
_EMPHASIS = re.compile(r"\*\*|__")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_LINE_END = re.compile(r"\r\n?|\n")
_PIPE = re.compile(r"(?<!\\)\|")
_HTML_TABLE = re.compile(r"^[ \t]*<table[\s>]", re.MULTILINE | re.IGNORECASE)


def is_markdown(text: str) -> bool:
    """Whether ``text`` holds a pipe table (a delimiter row with a pipe) or a table written in HTML
    (``<table>…``, as some converters write every table): a converter's Markdown."""
    pipes = "---" in text and "|" in text and _DELIMITER_ANYWHERE.search(text) is not None
    return pipes or ("<table" in text and _HTML_TABLE.search(text) is not None)


def read_markdown(text: str) -> tuple[str, list[tuple[int | None, int]]]:
    """``text`` with its tables written as rows of cells and its markup taken off (line for line, but for a
    table written in HTML, whose rows become a line each), and the (page, line) as read of each table
    written in HTML that could not be read (no ``</table>`` after it, or no row in it): reported so."""
    pages = [_page_read(page) for page in text.split("\f")]
    paged = len(pages) > 1
    unread = [(number if paged else None, line) for number, (_, lines) in enumerate(pages, start=1) for line in lines]
    return "\f".join("\n".join(lines) for lines, _ in pages), unread


def as_plain_text(text: str) -> str:
    """``read_markdown``'s text alone."""
    return read_markdown(text)[0]


def _page_read(text: str) -> tuple[list[str], list[int]]:
    """A page's lines as read, and the lines (as read) of its tables written in HTML that were not read."""
    lines = _LINE_END.split(text)  # CRLF (a file saved on Windows) or LF: one line either way
    in_table = [False] * len(lines)
    for n, line in enumerate(lines):
        if _DELIMITER.match(line) and "|" in line and n > 0 and "|" in lines[n - 1]:
            in_table[n - 1] = in_table[n] = True
            k = n + 1
            while k < len(lines) and "|" in lines[k] and lines[k].strip():
                in_table[k] = True
                k += 1
    out: list[str] = []
    unread: list[int] = []
    n = 0
    while n < len(lines):
        rows, after = _html_table_at(lines, n)
        if after == n:
            out.append(_row(lines[n]) if in_table[n] else _prose(lines[n]))
            n += 1
        elif rows is None:
            unread.append(len(out) + 1)
            out.append("")
            n += 1
        else:
            out += rows
            n = after
    return out, unread


def _html_table_at(lines: list[str], n: int) -> tuple[list[str] | None, int]:
    """The rows of a table written in HTML that opens at line ``n`` (each a line of its cells parted by
    two spaces) and the line after it; None for its rows where it cannot be read; ``n`` itself as the
    line after it where no table opens there."""
    if not _HTML_TABLE.match(lines[n]):
        return None, n
    end = next((k for k in range(n, len(lines)) if "</table>" in lines[k].lower()), None)
    if end is None:
        return None, n + 1
    try:
        table = lxml.html.fragment_fromstring(_LINE_BREAK.sub("", "\n".join(lines[n : end + 1])))
    except (etree.ParserError, ValueError):
        return None, n + 1
    rows = [
        "  ".join(text for cell in row if cell.tag in ("td", "th") and (text := _cell(cell.text_content())))
        for row in table.iter("tr")
    ]
    return (rows or None), end + 1


def _row(line: str) -> str:
    if _DELIMITER.match(line):
        return ""
    cells = _PIPE.split(line.strip().strip("|"))
    return "  ".join(cell for cell in map(_cell, cells) if cell)


def _cell(text: str) -> str:
    return _unmarked(_LINE_BREAK.sub("", text)).strip()


def _prose(line: str) -> str:
    return _unmarked(_BULLET.sub(r"\1", _HEADING.sub("", line)))


def _unmarked(text: str) -> str:
    text = _LINK.sub(r"\1", _IMAGE.sub("", _COMMENT.sub("", text)))
    return _ESCAPED.sub(r"\1", _EMPHASIS.sub("", text))
