"""Our PDF path (``read_document``: text, tables, joins) against pdfplumber, per page, same files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import cpu_seconds
from budget_reports.readers import read_document


@dataclass(frozen=True, slots=True)
class PdfTiming:
    file: str
    pages: int
    ours_ms_per_page: float
    pdfplumber_ms_per_page: float

    @property
    def speedup(self) -> float:
        return self.pdfplumber_ms_per_page / self.ours_ms_per_page


def _pdfplumber(path: Path) -> None:
    import pdfplumber  # a dev dependency: the reference only

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()


def measure(path: Path, rounds: int = 3, ours_per_round: int = 3) -> PdfTiming:
    """Best time of each side over interleaved rounds, so load from other processes hits both alike."""
    document = read_document(path, path.name)  # warm-up, and the page count
    pages = document.page_count or 1
    ours, theirs = [], []
    for _ in range(rounds):
        ours.extend(cpu_seconds(lambda: read_document(path, path.name)) for _ in range(ours_per_round))
        theirs.append(cpu_seconds(lambda: _pdfplumber(path)))
    return PdfTiming(path.name, pages, min(ours) * 1000 / pages, min(theirs) * 1000 / pages)
