"""Where the text reader's time goes on PDF-extracted text: each step of ``readers.text._read_linear`` (the
standard tables found in the lines, the overviews written as streams, paragraphs re-joined …) as a share of
the reader's time, from a profile of one read of each text after the seeds and the PDFs were read.

A profiler slows every Python call alike, so the shares, not its times, are what it tells; they say which
step a faster reader must change, and how fast the reader could be without a step (``without``).
"""

from __future__ import annotations

import cProfile
import pstats
import re
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from budget_reports.readers import read_document, text
from budget_reports.readers.decode import decode

# The function reading PDF-extracted text, whose callees are its steps (pstats keys a function by file,
# line and name).
_READER_FILE, _READER_NAME = text.__file__, "_read_linear"
# Time spent in the reader's own lines between its steps.
OWN = "(its own lines)"
# A word that is a figure as PDF-extracted text prints it (``1,234.56``, ``-3``): what a single pass looks for.
_FIGURE = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def phase_shares(texts: Iterable[Path], warm_up: Iterable[Path]) -> dict[str, float]:
    """Each step's share of the reader's profiled time over one read of every text, largest first."""
    for path in warm_up:
        read_document(path, path.name)
    profile = cProfile.Profile()
    for path in texts:
        profile.runcall(read_document, path, path.name)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    reader = next((key for key in stats if key[0] == _READER_FILE and key[2] == _READER_NAME), None)
    if reader is None:
        return {}  # no text was read as PDF-extracted text
    total = stats[reader][3]
    steps: Counter[str] = Counter()
    callers_of = [reader]  # the reader, and the comprehensions of its own lines (``[f(part) for part …]``)
    while callers_of:
        caller = callers_of.pop()
        for key, (*_, callers) in stats.items():
            if caller not in callers:
                continue
            filename, _, name = key
            if filename == _READER_FILE and name.startswith("<"):
                callers_of.append(key)
            else:
                steps[f"{Path(filename).stem}.{name}"] += callers[caller][3]
    steps[OWN] = max(total - sum(steps.values()), 0.0)
    return {step: seconds / total for step, seconds in steps.most_common()}


def throughput_without(megabytes: float, seconds: float, share: float) -> float:
    """MB/s of a reader taking ``seconds`` for ``megabytes`` if the steps making up ``share`` of its time
    took none."""
    return megabytes / (seconds * (1.0 - share))


def single_pass_mb_per_second(texts: Iterable[Path], rounds: int = 10) -> float:
    """MB/s of the least any reader of these texts must do before it can place a single figure: decode the
    bytes, split the lines, split each line into words and tell which words are figures, nothing kept.
    Against the reader's throughput it says how many passes over the text a target leaves a reader
    (best of ``rounds``, CPU time)."""
    data = [path.read_bytes() for path in texts]
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for raw in data:
            for line in decode(raw).text.split("\n"):
                [word for word in line.split() if _FIGURE.fullmatch(word)]
        best = min(best, time.process_time() - start)
    return sum(map(len, data)) / 1e6 / best
