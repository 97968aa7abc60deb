"""Scanned copies of real documents, made the way a scanner degrades them.

A PDF page is rendered with pdfium at a scanner's resolution, turned by a small angle (a sheet
never lies straight on the glass), blurred a little (focus, toner) and stored as JPEG inside an
image-only PDF: no text layer, only the picture. A text report is drawn line by line into page
images with a CJK font, then degraded the same way.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Debian's CJK fonts, first found wins (scripts/system-deps.sh installs fonts-wqy-zenhei).
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@dataclass(frozen=True, slots=True)
class Scanner:
    """How a page is degraded: resolution, tilt (degrees, either way) and blur radius (pixels)."""

    dpi: int = 200
    max_tilt: float = 0.6
    blur: float = 0.7
    jpeg_quality: int = 85
    seed: int = 15


def render_pages(pdf_path: Path, pages: Iterable[int] | None, scanner: Scanner) -> list[Image.Image]:
    """The given 1-based pages (all when None) rendered in grey at the scanner's resolution."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(pdf) + 1))
        images = []
        for number in numbers:
            page = pdf[number - 1]
            try:
                bitmap = page.render(scale=scanner.dpi / 72, grayscale=True)
                images.append(bitmap.to_pil().convert("L"))
            finally:
                page.close()
        return images
    finally:
        pdf.close()


def degrade(images: Sequence[Image.Image], scanner: Scanner) -> list[Image.Image]:
    """Each page turned by a random small angle and blurred, as a flatbed scan looks."""
    rng = random.Random(scanner.seed)
    out = []
    for image in images:
        angle = rng.uniform(-scanner.max_tilt, scanner.max_tilt)
        turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        out.append(turned.filter(ImageFilter.GaussianBlur(scanner.blur)))
    return out


def image_pdf(images: Sequence[Image.Image], out: Path, dpi: int) -> Path:
    """An image-only PDF: one JPEG picture per page, page size from the resolution, no text layer."""
    pdf = pdfium.PdfDocument.new()
    try:
        for image in images:
            width, height = image.width * 72 / dpi, image.height * 72 / dpi
            page = pdf.new_page(width, height)
            picture = pdfium.PdfImage.new(pdf)
            buffer = io.BytesIO()
            image.convert("L").save(buffer, format="JPEG", quality=85)
            buffer.seek(0)
            picture.load_jpeg(buffer, inline=True)
            picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(picture)
            page.gen_content()
            page.close()
        pdf.save(out)
    finally:
        pdf.close()
    return out


def scan_pdf(pdf_path: Path, out: Path, pages: Iterable[int] | None = None, scanner: Scanner | None = None) -> Path:
    """``out``: the given pages of ``pdf_path`` as a scanned, image-only PDF."""
    scanner = scanner or Scanner()
    return image_pdf(degrade(render_pages(pdf_path, pages, scanner), scanner), out, scanner.dpi)


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise FileNotFoundError(f"no CJK font installed (looked for {', '.join(CJK_FONTS)}); run scripts/system-deps.sh")


def typeset(
    lines: Sequence[str], scanner: Scanner, chars_per_line: int = 34, lines_per_page: int = 36
) -> list[Image.Image]:
    """Text drawn on A4 pages at the scanner's resolution, wrapped at ``chars_per_line``
    (a 12-point font, as a printed report sets it), each paragraph starting on a new line."""
    width, height = round(8.27 * scanner.dpi), round(11.69 * scanner.dpi)
    size = round(12 / 72 * scanner.dpi)
    font = cjk_font(size)
    margin, leading = round(0.9 * scanner.dpi), round(size * 1.6)
    wrapped: list[str] = []
    for line in lines:
        text = line.strip()
        while text:
            wrapped.append(text[:chars_per_line])
            text = text[chars_per_line:]
    pages = []
    for start in range(0, len(wrapped), lines_per_page):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        for k, text in enumerate(wrapped[start : start + lines_per_page]):
            draw.text((margin, margin + k * leading), text, fill=0, font=font)
        pages.append(page)
    return pages


def scan_text(lines: Sequence[str], out: Path, scanner: Scanner | None = None) -> Path:
    """``out``: the text typeset on pages and scanned into an image-only PDF."""
    scanner = scanner or Scanner()
    return image_pdf(degrade(typeset(lines, scanner), scanner), out, scanner.dpi)
