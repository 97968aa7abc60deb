"""Damaged input: truncated, cut, shuffled, overwritten and re-encoded copies of the seeds and corpus PDFs.

Each damaged copy goes through the whole per-report step (``process_file``). It must never raise, must end
ok / partial / failed (the last two with a message), and every figure it extracts from a damaged text must
still be printed in that damaged text at its cited line: damage may lose facts, never invent them.
The damage is drawn from a fixed random seed, so every run tests the same copies.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport, ParseStatus
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.readers import read_document
from budget_reports.readers.decode import decode_text
from tests.conftest import SEED_FILES, corpus_file
from tests.test_evidence import CORPUS_PDFS, FIGURES, KNOWN_ELSEWHERE, Source, printed_numbers, unprinted

RANDOM_SEED = 20261123

# Damaged copies whose figures the extractors cite at a wrong line although each figure stands in the damaged
# text, as (file, damage, view, column, value). None since a project report's row is recorded line by line.
KNOWN_DAMAGED_ELSEWHERE: set[tuple[str, str, str, str, Decimal]] = set()


@dataclass(frozen=True)
class Damage:
    name: str
    apply: Callable[[bytes, random.Random], bytes]
    # Re-encoding keeps every word: the damaged copy must give exactly the facts of the original.
    lossless: bool = False


def _truncate(fraction: float) -> Callable[[bytes, random.Random], bytes]:
    def apply(data: bytes, rng: random.Random) -> bytes:
        # A random byte near the point: a cut through a multi-byte character or a PDF object is the case.
        point = int(len(data) * fraction) + rng.randrange(-50, 50)
        return data[: max(1, min(point, len(data) - 1))]

    return apply


def _delete_block(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    start = rng.randrange(len(lines) // 4, len(lines) // 2)
    return b"\n".join(lines[:start] + lines[start + rng.randrange(20, 60) :])


def _shuffle_table_lines(data: bytes, rng: random.Random) -> bytes:
    """Shuffle the lines of one table (its cell lines and the blank row breaks between them)."""
    text = data.decode("utf-8")
    lines = text.split("\n")
    spans = []  # (first, last) line indexes of each run of table lines
    i = 0
    while i < len(lines):
        if lines[i].startswith("\t"):
            j = i
            while j + 1 < len(lines) and (lines[j + 1].startswith("\t") or not lines[j + 1].strip()):
                j += 1
            if j - i >= 8:
                spans.append((i, j))
            i = j + 1
        else:
            i += 1
    assert spans, "no table in the seed"
    first, last = spans[rng.randrange(len(spans))]
    block = lines[first : last + 1]
    rng.shuffle(block)
    return "\n".join(lines[:first] + block + lines[last + 1 :]).encode("utf-8")


def _overwrite(count: int) -> Callable[[bytes, random.Random], bytes]:
    def apply(data: bytes, rng: random.Random) -> bytes:
        damaged = bytearray(data)
        for _ in range(count):
            at = rng.randrange(len(damaged) - 64)
            damaged[at : at + 64] = rng.randbytes(64)
        return bytes(damaged)

    return apply


def _reencode(encoding: str) -> Callable[[bytes, random.Random], bytes]:
    return lambda data, rng: data.decode("utf-8").encode(encoding)


TEXT_DAMAGE = [
    Damage("truncated-5%", _truncate(0.05)),
    Damage("truncated-50%", _truncate(0.5)),
    Damage("truncated-93%", _truncate(0.93)),
    Damage("lines-deleted", _delete_block),
    Damage("table-lines-shuffled", _shuffle_table_lines),
    Damage("gb18030", _reencode("gb18030"), lossless=True),
    Damage("utf-16", _reencode("utf-16"), lossless=True),
]
PDF_DAMAGE = [
    Damage("truncated-1%", _truncate(0.01)),
    Damage("truncated-50%", _truncate(0.5)),
    Damage("truncated-97%", _truncate(0.97)),
    Damage("bytes-overwritten-1", _overwrite(1)),
    Damage("bytes-overwritten-20", _overwrite(20)),
    Damage("bytes-overwritten-200", _overwrite(200)),
]


def _damaged_copy(original: Path, damage: Damage, tmp_path: Path) -> tuple[Path, RawFile]:
    rng = random.Random(f"{RANDOM_SEED}:{original.name}:{damage.name}")
    path = tmp_path / original.name
    path.write_bytes(damage.apply(original.read_bytes(), rng))
    return path, RawFile(path, original.name, file_sha256(path), path.stat().st_size)


def _run(raw: RawFile) -> ExtractedReport:
    result = process_file(raw)  # must not raise: that is the first thing checked
    status = result.report.parse_status
    assert status in (ParseStatus.OK, ParseStatus.PARTIAL, ParseStatus.FAILED), status
    if status is not ParseStatus.OK:
        assert result.report.error_message, f"{status} without a message"
    return result


def _fact_rows(result: ExtractedReport) -> list[tuple[str, dict]]:
    rows = []
    for view in FIGURES:
        for fact in getattr(result, view):
            row = {f.name: getattr(fact, f.name) for f in fields(fact)}
            evidence = fact.evidence
            row |= {"source_file": evidence.source_file, "page": evidence.page, "line": evidence.line}
            rows.append((view, row))
    return rows


def _invented(result: ExtractedReport, path: Path, source_file: str, damage: str) -> list[str]:
    """Figures not printed at their cited place in the damaged file."""
    source = Source(path, read_document(path, source_file))
    whole = printed_numbers(source.whole_text)
    known = {(key[0], key[1], key[4]) for key in KNOWN_ELSEWHERE if key[2] == source_file}
    known |= {key[2:] for key in KNOWN_DAMAGED_ELSEWHERE if key[:2] == (source_file, damage)}
    problems = []
    for view, row in _fact_rows(result):
        for column, value in unprinted(view, row, source):
            # A figure the undamaged file already cites elsewhere (pinned by test_evidence) only needs
            # to stand in the damaged file at all.
            if (view, column, value.normalize()) in known and value in whole:
                continue
            problems.append(f"{view}.{column} = {value} not printed at line {row['line']} p.{row['page']}")
    return problems


def _figures(result: ExtractedReport) -> list[tuple[str, str, Decimal]]:
    return sorted(
        (view, column, row[column])
        for view, row in _fact_rows(result)
        for column in FIGURES[view]
        if row[column] is not None
    )


@pytest.mark.parametrize("damage", TEXT_DAMAGE, ids=lambda d: d.name)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_damaged_seed_is_read_without_inventing_figures(seed: Path, damage: Damage, tmp_path: Path) -> None:
    path, raw = _damaged_copy(seed, damage, tmp_path)
    result = _run(raw)
    if result.report.parse_status is ParseStatus.FAILED:
        assert not _fact_rows(result)
        return
    assert not _invented(result, path, seed.name, damage.name)
    if damage.lossless:
        original = _run(RawFile(seed, seed.name, file_sha256(seed), seed.stat().st_size))
        assert result.report.parse_status is ParseStatus.OK
        assert _figures(result) == _figures(original)
        assert decode_text(path.read_bytes())[0] == seed.read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", PDF_DAMAGE, ids=lambda d: d.name)
@pytest.mark.parametrize("name", CORPUS_PDFS, ids=["template", "putuo"])
def test_damaged_pdf_is_read_without_inventing_figures(name: str, damage: Damage, tmp_path: Path) -> None:
    path, raw = _damaged_copy(corpus_file(name), damage, tmp_path)
    result = _run(raw)
    if result.report.parse_status is ParseStatus.FAILED:
        assert not _fact_rows(result)
        return
    assert not _invented(result, path, name, damage.name)
    # Pages skipped as damaged leave the report partial, never ok as if nothing were missing.
    lost = read_document(path, name).lost
    assert (result.report.parse_status is ParseStatus.PARTIAL) == bool(lost), lost
