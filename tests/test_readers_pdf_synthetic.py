"""The PDF reader on PDFs made here with pdfium: page numbers in the footer, a ruled table whose
header is printed again on the next page, a cell left empty, a number split from its neighbour.

Text uses the standard Helvetica font (Latin only); ruling lines are stroked paths, as office
software writes them.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budget_reports.facts import ParseStatus
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.model import BlockKind
from budget_reports.readers import read_document

WIDTH, HEIGHT = 595.0, 842.0


class Builder:
    def __init__(self) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.font = pdfium_c.FPDFText_LoadStandardFont(self.pdf.raw, b"Helvetica")
        self.page: pdfium.PdfPage | None = None
        self.height = HEIGHT  # of the current page

    def new_page(self, width: float = WIDTH, height: float = HEIGHT) -> None:
        self._finish_page()
        self.page = self.pdf.new_page(width, height)
        self.height = height

    def text(self, x: float, top: float, text: str, size: float = 11) -> None:
        """Text whose top edge is ``top`` points below the top of the page."""
        assert self.page is not None
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, b"Helvetica", ctypes.c_float(size))
        encoded = (text + "\x00").encode("utf-16-le")
        buffer = ctypes.create_string_buffer(encoded)
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, self.height - top - size)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)

    def line(self, x0: float, top0: float, x1: float, top1: float) -> None:
        assert self.page is not None
        path = pdfium_c.FPDFPageObj_CreateNewPath(ctypes.c_float(x0), ctypes.c_float(self.height - top0))
        pdfium_c.FPDFPath_LineTo(path, ctypes.c_float(x1), ctypes.c_float(self.height - top1))
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(0.75))
        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, path)

    def table(self, top: float, xs: list[float], rows: list[list[str]], row_height: float = 20) -> None:
        """A fully ruled table; cell text set 4 points inside the cell's top-left corner."""
        bottom = top + row_height * len(rows)
        for r in range(len(rows) + 1):
            self.line(xs[0], top + r * row_height, xs[-1], top + r * row_height)
        for x in xs:
            self.line(x, top, x, bottom)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    self.text(xs[c] + 4, top + r * row_height + 4, text)

    def save(self, path: Path) -> Path:
        self._finish_page()
        self.pdf.save(path)
        self._close_fonts()
        self.pdf.close()
        return path

    def _close_fonts(self) -> None:
        # A font loaded into a document is not freed with it: each unclosed one stays in memory.
        pdfium_c.FPDFFont_Close(self.font)

    def _finish_page(self) -> None:
        if self.page is not None:
            self.page.gen_content()
            self.page.close()
            self.page = None


PARAGRAPH = [
    "The department spent its budget on staff and on running costs in the year under",
    "review and on the projects that the finance bureau approved for the information",
    "systems of the treasury.",
]
COLUMNS = [60.0, 120.0, 300.0, 400.0, 500.0]
HEADER = ["Code", "Name", "Budget", "Actual"]


def test_page_numbers_stay_out_of_paragraphs(tmp_path: Path) -> None:
    builder = Builder()
    for number in (1, 2):
        builder.new_page()
        builder.text(60, 30, f"Annual report {number}")
        for i, line in enumerate(PARAGRAPH):
            builder.text(60, 100 + i * 14, line)
        builder.text(WIDTH / 2 - 10, HEIGHT - 40, f"- {number} -")
    document = read_document(builder.save(tmp_path / "numbered.pdf"), "numbered.pdf")
    texts = [b.text for b in document.blocks]
    assert not any("- 1 -" in t or "- 2 -" in t for t in texts)
    paragraphs = [b for b in document.blocks if b.kind is BlockKind.PARAGRAPH and b.text.startswith("The ")]
    assert len(paragraphs) == 2
    for block in paragraphs:
        assert block.text.endswith("treasury.") and "year under review" in block.text
        assert len(block.line_starts) == 3
        assert block.line_at(block.text.index("systems")) == block.line + 2


def test_repeated_header_on_the_next_page_is_dropped(tmp_path: Path) -> None:
    builder = Builder()
    builder.new_page()
    builder.text(60, 60, "Table 5")
    builder.table(
        100,
        COLUMNS,
        [HEADER, ["201", "General services", "2,106.66", "2,106.66"], ["20106", "Finance", "", "1,511.89"]],
    )
    builder.new_page()
    builder.table(60, COLUMNS, [HEADER, ["221", "Housing", "445.69", "445.69"]])
    builder.text(60, 200, "Notes after the table.")
    document = read_document(builder.save(tmp_path / "continued.pdf"), "continued.pdf")
    tables = list(document.tables())
    assert len(tables) == 1
    table = tables[0].table
    assert table.pages == (1, 2)
    assert table.grid() == [
        HEADER,
        ["201", "General services", "2,106.66", "2,106.66"],
        ["20106", "Finance", "", "1,511.89"],
        ["221", "Housing", "445.69", "445.69"],
    ]
    assert [c.page for c in table.row_cells(3)] == [2, 2, 2, 2]
    assert document.blocks[-1].text == "Notes after the table." and document.blocks[-1].page == 2


def test_a_table_with_other_columns_is_not_joined(tmp_path: Path) -> None:
    builder = Builder()
    builder.new_page()
    builder.table(100, COLUMNS, [HEADER, ["201", "General services", "1.00", "1.00"]])
    builder.new_page()
    builder.table(60, [60.0, 200.0, 400.0], [["Item", "Value"], ["Cars", "0"]])
    document = read_document(builder.save(tmp_path / "two.pdf"), "two.pdf")
    assert [(b.table.pages, b.table.n_cols) for b in document.tables()] == [((1,), 4), ((2,), 2)]


def test_running_header_is_dropped_but_a_body_line_like_it_is_kept(tmp_path: Path) -> None:
    builder = Builder()
    for number in (1, 2, 3):
        builder.new_page()
        builder.text(60, 25, f"Finance Bureau 2024 final accounts, part {number}")
        builder.text(60, 100, "Finance Bureau 2024 final accounts")  # the same words in the body
        builder.text(WIDTH - 80, HEIGHT - 40, f"Page {number} of 3")
    document = read_document(builder.save(tmp_path / "headed.pdf"), "headed.pdf")
    texts = [(b.page, b.text) for b in document.blocks]
    assert texts == [(n, "Finance Bureau 2024 final accounts") for n in (1, 2, 3)]


def test_picture_only_page_in_a_text_pdf_is_content_lost_and_the_report_partial(tmp_path: Path) -> None:
    builder = Builder()
    builder.new_page()
    builder.text(60, 100, "A page with text.")
    builder.new_page()
    image = pdfium.PdfImage.new(builder.pdf)
    bitmap = pdfium.PdfBitmap.new_native(40, 40, pdfium_c.FPDFBitmap_BGR)
    bitmap.fill_rect((0, 0, 0, 255), 0, 0, 40, 40)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(200, 200).translate(100, 400))
    builder.page.insert_obj(image)
    path = builder.save(tmp_path / "mixed.pdf")
    document = read_document(path, "mixed.pdf")
    assert [b.text for b in document.blocks] == ["A page with text."]
    assert document.warnings == []
    assert len(document.lost) == 1 and "第2页" in document.lost[0] and "OCR" in document.lost[0]
    report = process_file(RawFile(path, "mixed.pdf", file_sha256(path), path.stat().st_size)).report
    assert report.parse_status is ParseStatus.PARTIAL and "OCR" in (report.error_message or "")


def _ruled_row(builder: Builder, top: float, xs: list[float], texts: list[str], height: float = 20) -> float:
    """One fully ruled row, a cell between each pair of ``xs``; returns its bottom."""
    for y in (top, top + height):
        builder.line(xs[0], y, xs[-1], y)
    for x in xs:
        builder.line(x, top, x, top + height)
    for x, text in zip(xs, texts, strict=False):
        if text:
            builder.text(x + 4, top + 4, text)
    return top + height


MERGED_HEADER = ["Code", "Name", "Amount"]  # Amount over the last two columns


def test_a_continuation_whose_rows_all_merge_two_columns_joins_on_the_starts_columns(tmp_path: Path) -> None:
    builder = Builder()
    builder.new_page()
    top = _ruled_row(builder, 100, [60, 120, 300, 500], MERGED_HEADER)
    top = _ruled_row(builder, top, COLUMNS, ["201", "General services", "2,106.66", "2,106.66"])
    builder.new_page()
    top = _ruled_row(builder, 60, [60, 120, 300, 500], MERGED_HEADER)  # no rule at 400 on this page
    _ruled_row(builder, top, [60, 120, 300, 500], ["221", "Housing", "445.69"])
    document = read_document(builder.save(tmp_path / "merged.pdf"), "merged.pdf")
    tables = list(document.tables())
    assert len(tables) == 1
    table = tables[0].table
    assert table.pages == (1, 2) and table.n_cols == 4
    assert table.grid()[-1] == ["221", "Housing", "445.69", ""]
    assert (table.cell_at(2, 2).col_span, table.cell_at(2, 3)) == (2, None)


def test_the_next_table_of_the_same_form_is_not_joined_to_the_one_before(tmp_path: Path) -> None:
    """Project tables one after another, each from a new page: the title rows are the same, the
    column header is not printed again before the next table's rows."""
    builder = Builder()
    for project in ("Archives", "Training"):
        builder.new_page()
        top = _ruled_row(builder, 60, COLUMNS, ["Form 3"])
        top = _ruled_row(builder, top, COLUMNS, ["Name", project])
        _ruled_row(builder, top, COLUMNS, HEADER)
    document = read_document(builder.save(tmp_path / "projects.pdf"), "projects.pdf")
    assert [b.table.grid()[1][1] for b in document.tables()] == ["Archives", "Training"]


def test_a_start_whose_rows_all_merge_two_columns_takes_its_continuations_columns(tmp_path: Path) -> None:
    builder = Builder()
    builder.new_page()
    top = _ruled_row(builder, 100, [60, 120, 300, 500], MERGED_HEADER)
    _ruled_row(builder, top, [60, 120, 300, 500], ["221", "Housing", "445.69"])
    builder.new_page()
    top = _ruled_row(builder, 60, [60, 120, 300, 500], MERGED_HEADER)
    _ruled_row(builder, top, COLUMNS, ["201", "General services", "2,106.66", "1,511.89"])
    document = read_document(builder.save(tmp_path / "merged-start.pdf"), "merged-start.pdf")
    tables = list(document.tables())
    assert len(tables) == 1
    table = tables[0].table
    assert table.pages == (1, 2) and table.n_cols == 4
    assert table.grid()[1:] == [["221", "Housing", "445.69", ""], ["201", "General services", "2,106.66", "1,511.89"]]
