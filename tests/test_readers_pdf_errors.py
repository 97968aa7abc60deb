"""PDFs that cannot be read fail with a message a user understands; the run goes on.

Every bad file is made here with real libraries: a scan (a corpus page rendered to an image and
put in a new PDF without text: read by OCR, and said so), a picture without writing, an encrypted
copy (pypdf), a truncated copy, and a text file named .pdf.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from budget_reports.readers import ReadError, read_document
from budget_reports.runs import Paths, build, stage_reports
from tests.conftest import SEED_FILES, corpus_file
from tests.scan_support import image_pdf

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def make_scan(source: Path, target: Path, pages: tuple[int, ...] = (15, 16)) -> Path:
    """A PDF whose pages are only pictures of the given corpus pages: no text layer."""
    original = pdfium.PdfDocument(source)
    scan = pdfium.PdfDocument.new()
    try:
        for number in pages:
            page = original[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=1)
            new_page = scan.new_page(width, height)
            image = pdfium.PdfImage.new(scan)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            new_page.insert_obj(image)
            new_page.gen_content()
            page.close()
        scan.save(target)
    finally:
        scan.close()
        original.close()
    return target


def make_blank(target: Path) -> Path:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(target)
    pdf.close()
    return target


def make_encrypted(source: Path, target: Path) -> Path:
    writer = PdfWriter()
    for page in PdfReader(source).pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def make_truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def make_not_pdf(target: Path) -> Path:
    target.write_text("这不是PDF，只是一段文字。\n", encoding="utf-8")
    return target


@pytest.fixture
def putuo() -> Path:
    return corpus_file(PUTUO)


def _error(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path, path.name)
    return str(info.value)


def make_picture(target: Path) -> Path:
    """A PDF whose only page is a drawing without any writing (shapes on a grey gradient)."""
    picture = Image.linear_gradient("L").resize((800, 1100))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((150, 200, 650, 700), fill=40)
    draw.rectangle((300, 800, 500, 1000), fill=220)
    return image_pdf([picture], target, dpi=96)


def test_scanned_pdf_is_read_by_ocr(putuo: Path, tmp_path: Path) -> None:
    scan = make_scan(putuo, tmp_path / "scan.pdf")
    assert len(pdfium.PdfDocument(scan)) == 2  # a real two-page PDF, only without text
    document = read_document(scan, scan.name)
    assert document.ocr_pages == [1, 2]
    assert any("OCR" in warning for warning in document.warnings)
    assert document.tables()


def test_picture_without_writing_is_refused(tmp_path: Path) -> None:
    assert "OCR也未能识别出文字" in _error(make_picture(tmp_path / "picture.pdf"))


def test_blank_pdf_has_no_text(tmp_path: Path) -> None:
    message = _error(make_blank(tmp_path / "blank.pdf"))
    assert "没有可读取的文字" in message and "OCR" not in message


def test_encrypted_pdf_asks_for_an_unencrypted_file(putuo: Path, tmp_path: Path) -> None:
    encrypted = make_encrypted(putuo, tmp_path / "locked.pdf")
    assert PdfReader(encrypted).is_encrypted
    assert "加密" in _error(encrypted)


def test_truncated_pdf_is_reported_incomplete(putuo: Path, tmp_path: Path) -> None:
    assert "不完整" in _error(make_truncated(putuo, tmp_path / "half.pdf"))


def test_text_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    assert "不是有效的PDF" in _error(make_not_pdf(tmp_path / "fake.pdf"))


def test_damaged_body_with_intact_ends_is_reported(putuo: Path, tmp_path: Path) -> None:
    data = putuo.read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:1024] + b"\x00" * (len(data) - 2048) + data[-1024:])
    assert "已损坏" in _error(damaged)


def test_page_without_text_is_a_warning(putuo: Path) -> None:
    document = read_document(putuo, putuo.name)
    assert [w for w in document.warnings if "第14页" in w]
    assert document.blocks


def test_pipeline_marks_bad_pdfs_failed_and_keeps_the_rest(putuo: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = SEED_FILES[0]
    shutil.copy(seed, raw / seed.name)
    shutil.copy(putuo, raw / putuo.name)
    make_scan(putuo, raw / "scan.pdf", pages=(15,))
    make_encrypted(putuo, raw / "locked.pdf")
    make_truncated(putuo, raw / "half.pdf")
    make_not_pdf(raw / "fake.pdf")
    make_picture(raw / "picture.pdf")
    paths = Paths(raw, tmp_path / "warehouse")
    stage_reports(paths)
    result = build(paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        rows = dict(
            (name, (status, message))
            for name, status, message in con.execute(
                "SELECT source_file, parse_status, error_message FROM reports"
            ).fetchall()
        )
    assert rows[seed.name][0] == "ok"
    assert rows[putuo.name][0] == "ok" and "第14页" in rows[putuo.name][1]  # the warning, not a failure
    assert rows["scan.pdf"][0] == "ok" and "OCR" in rows["scan.pdf"][1]  # read by OCR, and said so
    expected = {"picture.pdf": "OCR", "locked.pdf": "加密", "half.pdf": "不完整", "fake.pdf": "不是有效的PDF"}
    for name, words in expected.items():
        status, message = rows[name]
        assert status == "failed" and words in message, (name, status, message)


def test_pdf_with_permissions_only_reads(putuo: Path, tmp_path: Path) -> None:
    """An owner password without a user password restricts printing or copying, not reading."""
    writer = PdfWriter()
    for page in PdfReader(putuo).pages[14:15]:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    restricted = tmp_path / "restricted.pdf"
    with restricted.open("wb") as handle:
        writer.write(handle)
    assert PdfReader(restricted).is_encrypted
    document = read_document(restricted, restricted.name)
    table = next(document.tables()).table
    assert (table.n_rows, table.n_cols) == (24, 7)
