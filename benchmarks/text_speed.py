"""Throughput of the text reader: the shipped seeds (Word-exported text) read again and again up
to a few MB, and each corpus PDF's text as PDF text extractors write it, against the PDF itself."""

from __future__ import annotations

import json
import subprocess
import sys
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
    # Each file read once, by a fresh interpreter that read the others first (``benchmarks.first_read``).
    first_read_megabytes: float
    first_read_seconds: float

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds

    @property
    def first_read_mb_per_second(self) -> float:
        return self.first_read_megabytes / self.first_read_seconds


def measure(paths: list[Path], round_bytes: int = 4 * 1024 * 1024, rounds: int = 3) -> TextThroughput:
    """The best of ``rounds`` rounds, each reading the seeds again and again up to ``round_bytes``; and the
    best of ``rounds`` first reads of each seed (after the others)."""
    sizes = {path: path.stat().st_size for path in paths}
    for path in paths:  # warm-up: imports, caches
        read_document(path, path.name)
    best: tuple[int, float] | None = None  # bytes read, CPU seconds
    for _ in range(rounds):
        done = 0
        start = time.process_time()
        while done < round_bytes:
            for path in paths:
                read_document(path, path.name)
                done += sizes[path]
        seconds = time.process_time() - start
        if best is None or seconds / done < best[1] / best[0]:
            best = (done, seconds)
    assert best is not None
    first_reads = [
        min(_first_read_seconds(path, [other for other in paths if other != path]) for _ in range(rounds))
        for path in paths
    ]
    return TextThroughput(
        len(paths), best[0] / 1024 / 1024, best[1], sum(sizes.values()) / 1024 / 1024, sum(first_reads)
    )


@dataclass(frozen=True, slots=True)
class SerializationTiming:
    """Reading one PDF's text as an extractor wrote it, against reading the PDF itself (same run)."""

    serializer: str
    file: str
    kilobytes: float
    text_ms: float
    pdf_ms: float
    first_text_ms: float  # the text read once by a worker that had read other reports, not this one
    first_pdf_ms: float

    @property
    def first_read_mb_per_second(self) -> float:
        return self.kilobytes / 1024 / (self.first_text_ms / 1000)

    @property
    def mb_per_second(self) -> float:
        return self.kilobytes / 1024 / (self.text_ms / 1000)

    @property
    def pdf_over_text(self) -> float:
        return self.pdf_ms / self.text_ms


def measure_serializations(
    pdfs: list[Path], folder: Path, seeds: list[Path], rounds: int = 5, first_read_rounds: int = 3
) -> list[SerializationTiming]:
    """Each PDF written by every text extractor available (``budget_reports/text_serializations.py``); in each of
    ``rounds`` rounds the text is read again and again for 0.2 s of CPU time and the PDF likewise, interleaved
    so that load from other processes hits both alike; the best round's CPU time per read of each.

    Reading a file again finds in the reader's caches what its own lines filled them with the first time, so
    each text and PDF is also read once by a fresh interpreter that first read the seeds and the other PDFs
    and their texts (``benchmarks.first_read``): the best of ``first_read_rounds`` such first reads."""
    from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization

    serializers = [s for s in SERIALIZERS if missing_program(s) is None]
    texts = {(pdf, s): write_serialization(pdf, s, folder / s) for pdf in pdfs for s in serializers}

    def first_read_ms(target: Path, pdf: Path) -> float:
        others = [p for p in pdfs if p != pdf]
        warm_up = [*seeds, *others, *(texts[other, s] for other in others for s in serializers)]
        return min(_first_read_seconds(target, warm_up) for _ in range(first_read_rounds)) * 1000

    timings = []
    for pdf in pdfs:
        first_pdf_ms = first_read_ms(pdf, pdf)
        for serializer in serializers:
            text = texts[pdf, serializer]
            read_document(text, text.name)  # warm-up
            text_times, pdf_times = [], []
            for _ in range(rounds):
                text_times.append(cpu_seconds_per_call(lambda t=text: read_document(t, t.name)))
                pdf_times.append(cpu_seconds_per_call(lambda p=pdf: read_document(p, p.name)))
            size = text.stat().st_size / 1024
            timings.append(
                SerializationTiming(
                    serializer,
                    pdf.name,
                    size,
                    min(text_times) * 1000,
                    min(pdf_times) * 1000,
                    first_read_ms(text, pdf),
                    first_pdf_ms,
                )
            )
    return timings


def _first_read_seconds(target: Path, warm_up: list[Path]) -> float:
    """CPU seconds of one read of ``target`` in a fresh interpreter, after ``warm_up`` was read there."""
    command = [sys.executable, "-m", "benchmarks.first_read", str(target), *map(str, warm_up)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    return float(json.loads(done.stdout)["seconds"])
