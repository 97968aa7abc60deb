"""Text PDFs holding ruled tables in Chinese, built with pdfium and a CJK font, for the tests that
serialize a PDF with other tools (pdftotext's modes …) and read the text back.

A page is a title, a unit line and a table: header rows, then body rows, each cell's text set
inside its ruled cell (a name too long for its column wraps onto a second line in the cell, as
report PDFs print it). ``scripts/system-deps.sh`` installs the font (fonts-wqy-zenhei).
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tests.scan_support import CJK_FONTS
from tests.test_readers_pdf_synthetic import Builder

FONT_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class Column:
    width: float  # points
    wrap: int = 0  # characters per line in the cell (0: never wrapped)
    right: bool = False  # figures are set flush right


def cjk_font_path() -> Path:
    """The first installed CJK font of the ones the tests use."""
    font_path = next((Path(p) for p in CJK_FONTS if Path(p).exists()), None)
    if font_path is None:
        raise FileNotFoundError(
            f"no CJK font installed (looked for {', '.join(CJK_FONTS)}); run scripts/system-deps.sh"
        )
    return font_path


class CjkFont:
    """The installed CJK font loaded into a new PDF, and text written in it."""

    def __init__(self, pdf: pdfium.PdfDocument) -> None:
        data = cjk_font_path().read_bytes()
        self.pdf = pdf
        self._data = ctypes.create_string_buffer(data, len(data))  # pdfium reads it until the PDF is saved
        self.font = pdfium_c.FPDFText_LoadFont(
            pdf.raw,
            ctypes.cast(self._data, ctypes.POINTER(ctypes.c_ubyte)),
            len(data),
            pdfium_c.FPDF_FONT_TRUETYPE,
            True,
        )

    def write(self, page: pdfium.PdfPage, x: float, top: float, text: str, size: float, page_height: float) -> None:
        """Text whose top edge is ``top`` points below the top of the page."""
        obj = pdfium_c.FPDFPageObj_CreateTextObj(self.pdf.raw, self.font, ctypes.c_float(size))
        buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, page_height - top - size)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)

    def close(self) -> None:
        """Frees the font (~36 MB of pdfium's memory), once the PDF is saved: a font loaded into a
        document is not freed with the document, and each one left open stays until the process ends."""
        pdfium_c.FPDFFont_Close(self.font)


class TablePdf(Builder):
    """The synthetic-PDF builder, writing its text in a CJK font."""

    def __init__(self) -> None:
        super().__init__()
        self.cjk = CjkFont(self.pdf)

    def text(self, x: float, top: float, text: str, size: float = FONT_SIZE) -> None:
        """Text whose top edge is ``top`` points below the top of the page."""
        assert self.page is not None
        self.cjk.write(self.page, x, top, text, size, self.height)

    def _close_fonts(self) -> None:
        super()._close_fonts()
        self.cjk.close()

    def ruled_table(
        self, left: float, top: float, columns: Sequence[Column], rows: Sequence[Sequence[str]], row_height: float
    ) -> float:
        """A fully ruled table, names wrapped in their cell, figures flush right; returns its bottom."""
        xs = [left]
        for column in columns:
            xs.append(xs[-1] + column.width)
        self.table(top, xs, [[""] * len(columns)] * len(rows), row_height)  # the rules alone
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                for k, piece in enumerate(_wrapped(text, columns[c].wrap)):
                    x = xs[c + 1] - 3 - FONT_SIZE * 0.55 * len(piece) if columns[c].right else xs[c] + 3
                    self.text(x, top + r * row_height + 3 + k * (FONT_SIZE + 1), piece)
        return top + row_height * len(rows)


def _wrapped(text: str, width: int) -> list[str]:
    if not text or width <= 0 or len(text) <= width:
        return [text] if text else []
    return [text[i : i + width] for i in range(0, len(text), width)]
