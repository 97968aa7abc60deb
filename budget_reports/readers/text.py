"""Plain text and Word-exported text (the seeds), including ``pdftotext`` output.

Word's "plain text" export writes a table as one cell per line, each cell line starting with a
TAB, rows separated by blank lines; a cell's continuation lines have no TAB and an empty merged
cell is a bare TAB. ``[bookmark: …]`` and ``[image: …]`` are export markers, not content.
Form feeds (``pdftotext``) separate pages; line numbers then restart on every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers.decode import decode_text

_MARKER = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件\s*\d|附表)"
)
_HEADING_MAX_CHARS = 40


def read(path: Path, source_file: str) -> Document:
    text, encoding = decode_text(path.read_bytes())
    pages = text.split("\f")
    paged = len(pages) > 1
    document = Document(source_file=source_file, file_format="text" if not paged else "pdftotext")
    if paged and pages[-1].strip() == "":
        pages.pop()  # pdftotext ends its output with a form feed
    for number, page_text in enumerate(pages, start=1):
        lines = page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        document.blocks.extend(parse_lines(lines, number if paged else None))
    document.page_count = len(pages) if paged else None
    if encoding != "utf-8":
        document.warnings.append(f"文本编码为 {encoding}")
    return document


def strip_markers(line: str) -> str:
    return _MARKER.sub("", line)


def is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX_CHARS and _HEADING.match(text) is not None


def parse_lines(lines: list[str], page: int | None) -> list[Block]:
    """Blocks of one page (or of the whole file), with 1-based line numbers."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = strip_markers(lines[i])
        if line.startswith("\t"):
            table, i = _parse_table(lines, i, page)
            blocks.append(Block(BlockKind.TABLE, _table_text(table), page, table.line, table))
            continue
        stripped = line.strip()
        if stripped:
            kind = BlockKind.HEADING if is_heading(stripped) else BlockKind.PARAGRAPH
            blocks.append(Block(kind, stripped, page, i + 1))
        i += 1
    return blocks


def _parse_table(lines: list[str], start: int, page: int | None) -> tuple[Table, int]:
    """Read TAB-cell rows from ``start``; return the table and the index of the first line after it."""
    rows: list[list[tuple[int, list[str]]]] = []  # per row: (line number, text lines) per cell
    row: list[tuple[int, list[str]]] = []
    i = start
    previous_blank = False
    while i < len(lines):
        line = strip_markers(lines[i])
        if line.startswith("\t"):
            row.append((i + 1, [line[1:]]))
            previous_blank = False
        elif line.strip() == "":
            if row:
                rows.append(row)
                row = []
            previous_blank = True
        elif previous_blank or not row:
            break  # prose after a row break ends the table
        else:
            row[-1][1].append(line)  # continuation line of the current cell
        i += 1
    if row:
        rows.append(row)
    cells = [
        Cell(r, c, "\n".join(part.strip() for part in text_lines).strip(), page=page, line=line_no)
        for r, cell_lines in enumerate(rows)
        for c, (line_no, text_lines) in enumerate(cell_lines)
    ]
    n_cols = max((len(r) for r in rows), default=0)
    table = Table(tuple(cells), len(rows), n_cols, page=page, line=start + 1)
    return table, i


def _table_text(table: Table) -> str:
    return "\n".join("\t".join(row) for row in table.grid())
