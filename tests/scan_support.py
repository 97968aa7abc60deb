"""Scanned copies of real documents, made the way a scanner degrades them.

A PDF page is rendered with pdfium at a scanner's resolution, turned by a small angle (a sheet
never lies straight on the glass), blurred a little (focus, toner) and stored as JPEG inside an
image-only PDF: no text layer, only the picture. A text report is drawn line by line into page
images with a CJK font, then degraded the same way.
"""

from __future__ import annotations

import difflib
import io
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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


def typeset(lines: Sequence[str], scanner: Scanner, lines_per_page: int = 36) -> list[Image.Image]:
    """Text drawn on A4 pages at the scanner's resolution in a 12-point CJK font, each paragraph
    starting on a new line and wrapped where the next character would pass the right margin."""
    width, height = round(8.27 * scanner.dpi), round(11.69 * scanner.dpi)
    size = round(12 / 72 * scanner.dpi)
    font = cjk_font(size)
    margin, leading = round(0.9 * scanner.dpi), round(size * 1.6)
    wrapped: list[str] = []
    for line in lines:
        text = line.strip()
        while text:
            end = 1
            while end < len(text) and font.getlength(text[: end + 1]) <= width - 2 * margin:
                end += 1
            wrapped.append(text[:end])
            text = text[end:]
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


# Fields of each fact kind that name it (the key) and the figures it carries.
_KEYS = {
    "summary_metrics": ("metric", "scope"),
    "income": ("source", "scope"),
    "expenditure_function": ("fund_type", "source_table", "level", "code", "name_as_written"),
    "expenditure_economic": ("fund_type", "code", "name", "group"),
}
_FIGURES = {
    "summary_metrics": ("value", "budget_value", "prior_year_value", "change_value"),
    "income": ("amount", "share_pct_declared"),
    "expenditure_function": ("budget_initial", "budget_final", "actual", "basic", "project"),
    "expenditure_economic": ("amount",),
}


@dataclass(slots=True)
class Agreement:
    """Facts of a scan against those of its original: how many are identical, and every difference."""

    total: int = 0
    identical: int = 0
    unread: list[str] = field(default_factory=list)  # a figure the scan left NULL (allowed)
    wrong: list[str] = field(default_factory=list)  # a figure or line the original does not have

    @property
    def share(self) -> float:
        return self.identical / self.total if self.total else 1.0

    def report(self) -> str:
        return "\n".join(
            [f"{self.identical}/{self.total} identical", *("WRONG " + w for w in self.wrong), *self.unread]
        )


def _rows(facts: object, view: str) -> dict[tuple, tuple]:
    rows: dict[tuple, tuple] = {}
    for fact in getattr(facts, view):
        key = (view, *(getattr(fact, name) for name in _KEYS[view]))
        rows.setdefault(key, tuple(getattr(fact, name) for name in _FIGURES[view]))
    return rows


def compare_facts(original: object, scanned: object) -> Agreement:
    """Compare two ``TableFacts``: a line of the original is identical when the scan has it with
    every figure equal; a figure the scan did not read is only counted as not identical, a figure
    that differs, or a line the original does not have, is wrong."""
    agreement = Agreement()
    for view in _KEYS:
        theirs, ours = _rows(original, view), _rows(scanned, view)
        for key, figures in theirs.items():
            agreement.total += 1
            read = ours.get(key)
            if read is None:
                agreement.unread.append(f"missing {key}")
                continue
            if read == figures:
                agreement.identical += 1
                continue
            for name, want, got in zip(_FIGURES[view], figures, read, strict=True):
                if got is not None and got != want:
                    agreement.wrong.append(f"{key} {name}: {got} instead of {want}")
                elif got != want:
                    agreement.unread.append(f"{key} {name}: NULL instead of {want}")
        agreement.wrong.extend(f"extra {key} {figures}" for key, figures in ours.items() if key not in theirs)
    return agreement


def _table_rows(document: object) -> dict[str, list[tuple[str, ...]]]:
    from budget_reports.extract.standard_tables import find_standard_tables
    from budget_reports.normalize import compact

    return {
        str(found.kind): [tuple(_LEADER.sub("", compact(text)) for text in row) for row in found.table.grid()]
        for found in find_standard_tables(document)
    }


# A blank form's filler rows print dot leaders (``.........``), which a scan reads as any kind of dot.
_LEADER = re.compile(r"^[.·…。．]+$")


def compare_tables(original: object, scanned: object) -> Agreement:
    """Compare the rows of each standard table of two documents, row by row (aligned as a diff):
    a row is identical when every cell reads the same; a figure cell that reads another number is
    wrong, one left blank or unread (``?``) is only not identical."""
    from budget_reports.normalize import parse_decimal

    agreement = Agreement()
    theirs, ours = _table_rows(original), _table_rows(scanned)
    for kind, rows in theirs.items():
        agreement.total += len(rows)
        read = ours.get(kind, [])
        if not read:
            agreement.unread.append(f"table {kind} not found")
            continue
        matcher = difflib.SequenceMatcher(a=rows, b=read, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                agreement.identical += a1 - a0
                continue
            for want, got in zip(rows[a0:a1], read[b0:b1], strict=False):
                agreement.unread.append(f"{kind}: {'|'.join(got)} instead of {'|'.join(want)}")
                for a, b in zip(want, got, strict=False):
                    x, y = parse_decimal(a), parse_decimal(b)
                    if y is not None and x != y:
                        agreement.wrong.append(f"{kind}: {b} instead of {a} in {'|'.join(want)}")
    return agreement


def figure_box(pdf_path: Path, page: int, figure: str) -> tuple[float, float, float, float]:
    """Where ``figure`` is printed on a 1-based page of a PDF with a text layer: (x0, top, x1, bottom) in points."""
    import pdfplumber  # a dev dependency: finds the words' boxes of the original

    with pdfplumber.open(pdf_path) as pdf:
        found = pdf.pages[page - 1].search(figure, regex=False)
    if not found:
        raise LookupError(f"{figure} not printed on page {page} of {pdf_path.name}")
    return found[0]["x0"], found[0]["top"], found[0]["x1"], found[0]["bottom"]


def overprint(image: Image.Image, box: tuple[float, float, float, float], text: str, dpi: int) -> None:
    """Print ``text`` over the figure at ``box`` (points), as a misprinted or retouched page would show."""
    scale = dpi / 72
    x0, top, x1, bottom = (v * scale for v in box)
    draw = ImageDraw.Draw(image)
    draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), fill=255)
    font = cjk_font(round((bottom - top) * 1.05))
    draw.text((x0, top - (bottom - top) * 0.1), text, fill=0, font=font)


def smudge(image: Image.Image, box: tuple[float, float, float, float], dpi: int, share: float = 0.3) -> None:
    """A grey blot over the middle ``share`` of the figure at ``box`` (points): toner, a stain."""
    scale = dpi / 72
    x0, top, x1, bottom = (v * scale for v in box)
    middle, half = (x0 + x1) / 2, (x1 - x0) * share / 2
    ImageDraw.Draw(image).ellipse((middle - half, top, middle + half, bottom), fill=110)
