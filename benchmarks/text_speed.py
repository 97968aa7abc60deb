"""Throughput of the text reader: the shipped seeds (Word-exported text) read again and again up
to a few MB, and each corpus PDF's text as PDF text extractors write it, against the PDF itself."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import cpu_seconds_per_call
from budget_reports.readers import read_document


@dataclass(frozen=True, slots=True)
class TextThroughput:
    files: int
    megabytes: float
    seconds: float

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def measure(paths: list[Path], round_bytes: int = 4 * 1024 * 1024, rounds: int = 3) -> TextThroughput:
    """The best of ``rounds`` rounds, each reading the seeds again and again up to ``round_bytes``."""
    sizes = {path: path.stat().st_size for path in paths}
    for path in paths:  # warm-up: imports, caches
        read_document(path, path.name)
    best: TextThroughput | None = None
    for _ in range(rounds):
        done = 0
        start = time.process_time()
        while done < round_bytes:
            for path in paths:
                read_document(path, path.name)
                done += sizes[path]
        result = TextThroughput(len(paths), done / 1024 / 1024, time.process_time() - start)
        if best is None or result.mb_per_second > best.mb_per_second:
            best = result
    assert best is not None
    return best


@dataclass(frozen=True, slots=True)
class SerializationTiming:
    """Reading one PDF's text as an extractor wrote it, against reading the PDF itself (same run)."""

    serializer: str
    file: str
    kilobytes: float
    text_ms: float
    pdf_ms: float

    @property
    def mb_per_second(self) -> float:
        return self.kilobytes / 1024 / (self.text_ms / 1000)

    @property
    def pdf_over_text(self) -> float:
        return self.pdf_ms / self.text_ms


def measure_serializations(pdfs: list[Path], folder: Path, rounds: int = 5) -> list[SerializationTiming]:
    """Each PDF written by every text extractor available (``budget_reports/text_serializations.py``); in each of
    ``rounds`` rounds the text is read again and again for 0.2 s of CPU time and the PDF likewise, interleaved
    so that load from other processes hits both alike; the best round's CPU time per read of each."""
    from budget_reports.text_serializations import NEEDS_PDFTOTEXT, SERIALIZERS, write_serialization

    timings = []
    for pdf in pdfs:
        for serializer in SERIALIZERS:
            if serializer in NEEDS_PDFTOTEXT and shutil.which("pdftotext") is None:
                continue
            text = write_serialization(pdf, serializer, folder / serializer)
            read_document(text, text.name)  # warm-up
            text_times, pdf_times = [], []
            for _ in range(rounds):
                text_times.append(cpu_seconds_per_call(lambda t=text: read_document(t, t.name)))
                pdf_times.append(cpu_seconds_per_call(lambda p=pdf: read_document(p, p.name)))
            size = text.stat().st_size / 1024
            timings.append(
                SerializationTiming(serializer, pdf.name, size, min(text_times) * 1000, min(pdf_times) * 1000)
            )
    return timings
