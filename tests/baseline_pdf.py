"""Standard tables typeset in a PDF with a CJK font, each column's text set at the top, middle or
bottom of its cell, to be written out by an extractor that writes one line per baseline
(pdfplumber) and read back.

A cell's text is a list of printed lines (a wrapped name is two). Where it sits in its cell decides
where the extractor puts it: a name set at the top prints on the line above a code set in the
middle; a wrapped name set in the middle straddles it; a figure set at the bottom prints on the
line below the row's other figures. Pages break after a given number of rows, the header printed
again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from budget_reports.normalize import is_cjk
from tests.cjk_table_pdf import CjkFont

WIDTH, HEIGHT = 842.0, 595.0  # A4 landscape, as the standard tables are printed
SIZE = 9.0
LEADING = 12.0
PADDING = 3.0
INSET = 2.0  # between a cell's text and its side
MARGIN = 40.0


@dataclass(frozen=True, slots=True)
class Column:
    width: float
    align: str = "middle"  # where the column's text sits in its cell: top, middle or bottom
    justify: str = "left"  # where it sits across the cell: left, centre or right


Row = Sequence[Sequence[str]]  # per column, the cell's printed lines (none for an empty cell)


class TablePdf:
    def __init__(self) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.cjk = CjkFont(self.pdf)
        self.page: pdfium.PdfPage | None = None
        self.top = MARGIN

    def text(self, x: float, top: float, text: str, size: float = SIZE) -> None:
        assert self.page is not None
        self.cjk.write(self.page, x, top, text, size, HEIGHT)

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        header: Sequence[Row],
        rows: Sequence[Row],
        per_page: int,
        header_justify: str = "left",
    ) -> None:
        """The table from a new page, ``per_page`` body rows a page, the header repeated on each
        (its cells set ``header_justify`` across their columns)."""
        for start in range(0, max(len(rows), 1), per_page):
            self._new_page()
            if start == 0:
                self.text(MARGIN + 250, self.top, title, 14)
                self.text(MARGIN, self.top + 22, "单位：万元")
                self.top += 40
            for row in header:
                self._row([Column(c.width, justify=header_justify) for c in columns], row)
            for row in rows[start : start + per_page]:
                self._row(columns, row)

    def save(self, path: Path) -> Path:
        self._finish_page()
        self.pdf.save(path)
        self.cjk.close()
        self.pdf.close()
        return path

    def _row(self, columns: Sequence[Column], row: Row) -> None:
        height = max((len(cell) for cell in row), default=1) * LEADING + 2 * PADDING + LEADING
        x = MARGIN
        for column, cell in zip(columns, row, strict=True):
            used = len(cell) * LEADING
            offset = {"top": PADDING, "middle": (height - used) / 2, "bottom": height - used - PADDING}[column.align]
            for k, line in enumerate(cell):
                self.text(x + _indent(line, column), self.top + offset + k * LEADING, line)
            x += column.width
        self.top += height

    def _new_page(self) -> None:
        self._finish_page()
        self.page = self.pdf.new_page(WIDTH, HEIGHT)
        self.top = MARGIN

    def _finish_page(self) -> None:
        if self.page is not None:
            self.page.gen_content()
            self.page.close()
            self.page = None


def _indent(line: str, column: Column) -> float:
    """Where the line starts in its cell: a Chinese character is set a full em wide, a digit half."""
    width = sum(SIZE if is_cjk(c) else SIZE / 2 for c in line)
    return {"left": INSET, "centre": (column.width - width) / 2, "right": column.width - INSET - width}[column.justify]


def wrapped(text: str, width: int) -> list[str]:
    """The text cut into printed lines of ``width`` characters."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
